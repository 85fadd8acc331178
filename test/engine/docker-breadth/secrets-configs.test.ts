// `docker secret|config ls|inspect|rm` (docker/cli cli/command/secret, config; swarmkit
// controlapi secret.go, config.go): tables, the API shape without a secret's data, in-use errors.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const FILES: Record<string, string> = {
	'pw.txt': 's3cret\n',
	'app.conf': 'listen 80\n',
	'stack.yml': `version: "3.8"
services:
  db:
    image: redis:7.4.1
    secrets: [db_password]
    configs: [app_conf]
secrets:
  db_password:
    file: ./pw.txt
configs:
  app_conf:
    file: ./app.conf
`
};

function lab(): Lab {
	return createLab({ flavor: 'swarm', seed: 4, workers: 1, readFile: (p) => FILES[p] });
}

describe('docker secret ls / config ls', () => {
	it('print docker 28 columns; secrets have DRIVER, configs do not; ages count from creation', () => {
		const l = lab();
		expect(succeeds(l, 'docker secret ls').output).toBe(
			'ID        NAME      DRIVER    CREATED   UPDATED\n'
		);
		expect(succeeds(l, 'docker config ls').output).toBe('ID        NAME      CREATED   UPDATED\n');
		const id = succeeds(l, 'docker secret create db_pw pw.txt').output.trim();
		l.advance(90_000);
		const lines = succeeds(l, 'docker secret ls').output.split('\n');
		expect(lines[0]).toBe(
			'ID                          NAME      DRIVER    CREATED              UPDATED'
		);
		expect(lines[1]).toBe(`${id}   db_pw               About a minute ago   About a minute ago`);
		expect(succeeds(l, 'docker secret ls -q').output).toBe(`${id}\n`);
	});

	it('filter by name prefix, id prefix and label', () => {
		const l = lab();
		succeeds(l, 'docker secret create --label env=prod prod_pw pw.txt');
		succeeds(l, 'docker secret create dev_pw pw.txt');
		const fmt = "--format '{{.Name}}'";
		expect(succeeds(l, `docker secret ls ${fmt} -f name=prod`).output).toBe('prod_pw\n');
		expect(succeeds(l, `docker secret ls ${fmt} -f label=env`).output).toBe('prod_pw\n');
		expect(succeeds(l, `docker secret ls ${fmt} -f label=env=dev`).output).toBe('');
		expect(succeeds(l, `docker secret ls ${fmt}`).output).toBe('dev_pw\nprod_pw\n');
	});
});

describe('docker secret inspect / config inspect', () => {
	it("never shows a secret's data; shows a config's", () => {
		const l = lab();
		succeeds(l, 'docker secret create db_pw pw.txt');
		succeeds(l, 'docker config create app app.conf');
		const [secret] = JSON.parse(succeeds(l, 'docker secret inspect db_pw').output) as {
			Spec: Record<string, unknown>;
		}[];
		expect(secret!.Spec).toEqual({ Name: 'db_pw', Labels: {} });
		const [config] = JSON.parse(succeeds(l, 'docker config inspect app').output) as {
			Spec: Record<string, unknown>;
		}[];
		expect(config!.Spec.Data).toBe(Buffer.from('listen 80\n').toString('base64'));
		expect(fails(l, 'docker secret inspect nosuch').error).toBe(
			'Error response from daemon: secret nosuch not found\n'
		);
	});
});

describe('docker secret rm / config rm', () => {
	it('refuses one a service uses, naming the service; removes it after the stack is gone', () => {
		const l = lab();
		succeeds(l, 'docker stack deploy -c stack.yml app');
		expect(fails(l, 'docker secret rm app_db_password').error).toBe(
			"Error response from daemon: rpc error: code = InvalidArgument desc = secret 'app_db_password' is in use by the following service: app_db\n"
		);
		expect(fails(l, 'docker config rm app_app_conf').error).toBe(
			"Error response from daemon: rpc error: code = InvalidArgument desc = config 'app_app_conf' is in use by the following service: app_db\n"
		);
		succeeds(l, 'docker service rm app_db');
		expect(succeeds(l, 'docker secret rm app_db_password').output).toBe('app_db_password\n');
		expect(succeeds(l, 'docker secret ls -q').output).toBe('');
	});

	it('are cluster commands: a worker refuses them', () => {
		const l = lab();
		expect(fails(l, 'docker -H worker-1 secret ls').error).toMatch(
			/^Error response from daemon: This node is not a swarm manager\. Worker nodes/
		);
		expect(fails(l, 'docker secret rm nosuch').error).toBe(
			'Error response from daemon: secret nosuch not found\n'
		);
	});
});
