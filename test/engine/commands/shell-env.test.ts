/**
 * The learner's shell variables: `export NAME=value` reaches a Compose file's `${NAME}` in
 * `docker stack deploy` / `docker stack config` (docker/cli hands its environment to the
 * loader's interpolation), `NAME=value COMMAND` holds for one command, `unset` removes, and
 * time travel restores them.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const FILES: Record<string, string> = {
	'stack.yml': [
		'version: "3.8"',
		'services:',
		'  web:',
		'    image: nginx:1.27',
		'    deploy:',
		'      labels:',
		'        - traefik.http.routers.web.rule=Host(`${DOMAIN?Variable not set}`)',
		'    ports:',
		'      - "${PORT:-8080}:80"',
		''
	].join('\n')
};

const MISSING =
	'invalid interpolation format for services.web.deploy.labels.[]: "required variable DOMAIN is missing a value: Variable not set"; you may need to escape any $ with another $\n';

describe('shell variables', () => {
	it('reach the Compose file, for good with export and for one command with NAME=value', () => {
		const lab = createLab({ flavor: 'swarm', seed: 2, readFile: (p) => FILES[p] });
		expect(fails(lab, 'docker stack deploy -c stack.yml shop').error).toBe(MISSING);
		succeeds(lab, 'export DOMAIN=shop.example.com');
		expect(succeeds(lab, 'export').output).toBe('declare -x DOMAIN="shop.example.com"\n');
		const config = succeeds(lab, 'PORT=9090 docker stack config -c stack.yml').output;
		expect(config).toContain('traefik.http.routers.web.rule: Host(`shop.example.com`)');
		expect(config).toContain('published: 9090');
		// The one-command assignment is gone afterwards.
		expect(succeeds(lab, 'docker stack config -c stack.yml').output).toContain('published: 8080');
		succeeds(lab, 'docker stack deploy -c stack.yml shop');
		succeeds(lab, 'unset DOMAIN');
		expect(fails(lab, 'docker stack config -c stack.yml').error).toBe(MISSING);
		expect(fails(lab, 'export 1BAD=x').error).toBe(
			"bash: export: `1BAD=x': not a valid identifier\n"
		);
	});

	it('are restored by seeking back', () => {
		const lab = createLab({ flavor: 'swarm', seed: 2, readFile: (p) => FILES[p] });
		succeeds(lab, 'export DOMAIN=a.example');
		lab.advance(2_000);
		const at = lab.now();
		lab.advance(1_000);
		succeeds(lab, 'export DOMAIN=b.example');
		lab.seek(at);
		expect(succeeds(lab, 'export').output).toBe('declare -x DOMAIN="a.example"\n');
		lab.seek(0);
		lab.seek(at + 1_000);
		expect(succeeds(lab, 'export').output).toBe('declare -x DOMAIN="b.example"\n');
	});

	it('`export NAME` marks a name without giving it a value: listed bare, in no environment', () => {
		const lab = createLab({ flavor: 'swarm', seed: 2, readFile: (p) => FILES[p] });
		succeeds(lab, 'export DOMAIN');
		succeeds(lab, 'export NOTE=\'say "hi" for $5\'');
		// bash: `declare -x NAME` for an exported unset variable; values double-quoted with
		// " \\ $ and ` escaped.
		expect(succeeds(lab, 'export').output).toBe(
			'declare -x DOMAIN\ndeclare -x NOTE="say \\"hi\\" for \\$5"\n'
		);
		// An unset variable reaches no child: `${DOMAIN?…}` still fails.
		expect(fails(lab, 'docker stack config -c stack.yml').error).toBe(MISSING);
		succeeds(lab, 'export DOMAIN=shop.example.com');
		expect(succeeds(lab, 'export').output).toMatch(/^declare -x DOMAIN="shop.example.com"\n/);
		succeeds(lab, 'unset DOMAIN');
		expect(succeeds(lab, 'export').output).not.toContain('DOMAIN');
	});
});
