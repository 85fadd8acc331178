// docker/docs content/manuals/engine/swarm/secrets.md and configs.md: `docker service create
// --secret NAME` / `--config NAME`, and `service update --secret-rm`; docker/cli opts/secret.go
// and cli/command/service/parse.go (ParseSecrets) resolve the names to IDs, which the stored spec
// keeps (`File`, `SecretID`, `SecretName`). The lab refused `--secret` as an unknown flag, and
// stack services stored references without the IDs.
import { describe, expect, it } from 'vitest';
import { fails, succeeds } from '../../lab-helpers';
import { fixture, swarmLab } from './helpers';

const SECRETS = '{{json .Spec.TaskTemplate.ContainerSpec.Secrets}}';
const CONFIGS = '{{json .Spec.TaskTemplate.ContainerSpec.Configs}}';

describe('secret and config references', () => {
	it('the secrets tutorial: --secret, the in-use refusal, --secret-rm', () => {
		const lab = swarmLab({ 'secret.txt': 'This is a secret' });
		const id = succeeds(lab, 'docker secret create my_secret_data secret.txt').output.trim();
		succeeds(lab, 'docker service create -d --name redis --secret my_secret_data redis:alpine');
		expect(succeeds(lab, `docker service inspect --format '${SECRETS}' redis`).output).toBe(
			`[{"File":{"Name":"my_secret_data","UID":"0","GID":"0","Mode":292},"SecretID":"${id}","SecretName":"my_secret_data"}]\n`
		);
		expect(fails(lab, 'docker secret rm my_secret_data').error).toBe(
			"Error response from daemon: rpc error: code = InvalidArgument desc = secret 'my_secret_data' is in use by the following service: redis\n"
		);
		succeeds(lab, 'docker service update -d --secret-rm my_secret_data redis');
		succeeds(lab, 'docker secret rm my_secret_data');
	});

	it('long syntax, octal modes, and the CLI refusals', () => {
		const lab = swarmLab({ 'app.conf': 'foo=bar\n' });
		const id = succeeds(lab, 'docker config create my-config app.conf').output.trim();
		succeeds(
			lab,
			'docker service create -d --name r --config src=my-config,target=/etc/my.conf,mode=0440 redis:alpine'
		);
		expect(succeeds(lab, `docker service inspect --format '${CONFIGS}' r`).output).toBe(
			`[{"File":{"Name":"/etc/my.conf","UID":"0","GID":"0","Mode":288},"ConfigID":"${id}","ConfigName":"my-config"}]\n`
		);
		expect(fails(lab, 'docker service create -d --secret nosuch redis').error).toBe(
			'secret not found: nosuch\n'
		);
		expect(
			fails(
				lab,
				'docker service create -d --config my-config --config src=my-config,target=my-config redis'
			).error
		).toBe('duplicate config target for my-config not allowed\n');
		expect(fails(lab, 'docker service create -d --secret source=x,bogus=1 redis').error).toBe(
			'invalid argument "source=x,bogus=1" for "--secret" flag: invalid field in secret request: bogus\n\n' +
				'Usage:  docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\n' +
				"Run 'docker service create --help' for more information\n"
		);
	});

	it('a stack service keeps the IDs of the secrets the stack created (awesome-compose nginx-golang-mysql, its db)', () => {
		// The file's backend and proxy need `build`, and depends_on's long form is refused by the
		// v3 schema, so only its db service is deployed here, as written.
		const text = fixture('awesome-nginx-golang-mysql.yaml');
		const lab = swarmLab({ 'compose.yaml': text, 'db/password.txt': 'db-78n9n\n' });
		expect(fails(lab, 'docker stack deploy -c compose.yaml app').error).toBe(
			'services.backend.depends_on must be a list\n'
		);
		const db = text.slice(text.indexOf('  db:'), text.indexOf('  proxy:'));
		const stack = `services:\n${db}volumes:\n  db-data:\nsecrets:\n  db-password:\n    file: db/password.txt\n`;
		const lab2 = swarmLab({ 'db.yaml': stack, 'db/password.txt': 'db-78n9n\n' });
		succeeds(lab2, 'docker stack deploy -d -c db.yaml app');
		const secretId = succeeds(lab2, 'docker secret ls -q').output.trim();
		expect(succeeds(lab2, `docker service inspect --format '${SECRETS}' app_db`).output).toBe(
			`[{"File":{"Name":"db-password","UID":"0","GID":"0","Mode":292},"SecretID":"${secretId}","SecretName":"app_db-password"}]\n`
		);
	});
});
