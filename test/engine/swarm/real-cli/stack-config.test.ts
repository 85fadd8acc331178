// `docker stack config` (docker 25+, docker/cli cli/command/stack/config.go): the compose files
// merged and interpolated, encoded from the loader's typed config (cli/compose/types) by
// yaml.v3 with an indent of 2. Inputs: config_test.go's TestConfigMergeInterpolation files;
// the example voting app's docker-stack.yml (https://github.com/dockersamples/example-voting-app,
// fixture in ../real-inputs/fixtures). Expected shapes follow
// cli/compose/loader/testdata/full-example.yaml.golden (ports in the long form, `null` for a
// network listed without settings, durations as Go prints them, sizes in bytes as strings).
import { describe, expect, it } from 'vitest';
import { fails, succeeds } from '../../lab-helpers';
import { fixture } from '../real-inputs/helpers';
import { swarmLab } from './helpers';

const FIRST = `version: "3.7"
services:
  foo:
    image: busybox:latest
    command: cat file1.txt
`;
const SECOND = `version: "3.7"
services:
  foo:
    image: busybox:\${VERSION:-1.0}
    command: cat file2.txt
`;

describe('docker stack config', () => {
	it('merges the files in order and interpolates', () => {
		const lab = swarmLab({ 'a.yml': FIRST, 'b.yml': SECOND });
		expect(succeeds(lab, 'docker stack config -c a.yml -c b.yml').output).toBe(
			'version: "3.7"\nservices:\n  foo:\n    command:\n      - cat\n      - file2.txt\n    image: busybox:1.0\n'
		);
	});

	it('--skip-interpolation keeps ${VAR} as written; -c takes a comma list too', () => {
		const lab = swarmLab({ 'a.yml': FIRST, 'b.yml': SECOND });
		expect(succeeds(lab, 'docker stack config -c a.yml,b.yml --skip-interpolation').output).toBe(
			'version: "3.7"\nservices:\n  foo:\n    command:\n      - cat\n      - file2.txt\n    image: busybox:${VERSION:-1.0}\n'
		);
	});

	it('prints the voting app in the typed, normalised form', () => {
		const lab = swarmLab({ 'docker-stack.yml': fixture('voting-docker-stack.yml') });
		const out = succeeds(lab, 'docker stack config -c docker-stack.yml').output;
		// No version key in the file: the loader's default schema version.
		expect(out.startsWith('version: "3.13"\nservices:\n')).toBe(true);
		// Services sorted by name, fields in types.ServiceConfig order.
		const services = [...out.matchAll(/^ {2}(\S+):$/gm)].map((m) => m[1]);
		expect(services).toEqual(['db', 'redis', 'result', 'visualizer', 'vote', 'worker']);
		expect(out).toContain(
			'    ports:\n      - mode: ingress\n        target: 80\n        published: 5000\n        protocol: tcp\n'
		);
		expect(out).toMatch(/ {4}networks:\n {6}frontend: null\n/);
		expect(out).toContain(
			'    volumes:\n      - type: volume\n        source: db-data\n        target: /var/lib/postgresql/data\n'
		);
	});

	it('normalises durations, sizes, environment lists and external objects', () => {
		const compose = `services:
  api:
    image: nginx
    environment:
      - DEBUG
      - MODE=prod
    stop_grace_period: 1m
    healthcheck:
      test: curl -f http://localhost
      interval: 90s
    deploy:
      resources:
        limits:
          cpus: '0.50'
          memory: 50M
    x-note: kept
networks:
  outside:
    external: true
`;
		const lab = swarmLab({ 'stack.yml': compose });
		expect(succeeds(lab, 'docker stack config -c stack.yml').output).toBe(
			[
				'version: "3.13"',
				'services:',
				'  api:',
				'    deploy:',
				'      resources:',
				'        limits:',
				'          cpus: "0.50"',
				'          memory: "52428800"',
				'    environment:',
				'      DEBUG: null',
				'      MODE: prod',
				'    healthcheck:',
				'      test:',
				'        - CMD-SHELL',
				'        - curl -f http://localhost',
				'      interval: 1m30s',
				'    image: nginx',
				'    stop_grace_period: 1m0s',
				'    x-note: kept',
				'networks:',
				'  outside:',
				'    name: outside',
				'    external: true',
				''
			].join('\n')
		);
	});

	it('fails like the loader and changes nothing', () => {
		const lab = swarmLab({
			'bad.yml': 'services:\n  web:\n    image: nginx\n    volumes_from: [x]\n'
		});
		expect(fails(lab, 'docker stack config').error).toBe(
			'Please specify a Compose file (with --compose-file)\n'
		);
		expect(fails(lab, 'docker stack config -c nope.yml').error).toBe(
			'open nope.yml: no such file or directory\n'
		);
		// The same refusal `docker stack deploy` prints (loader.go validateForbidden).
		expect(fails(lab, 'docker stack config -c bad.yml').error).toContain(
			'Compose file contains unsupported options:\n\nvolumes_from: '
		);
		expect(fails(lab, 'docker stack config -c bad.yml extra').error).toContain(
			'"docker stack config" accepts no arguments.'
		);
	});
});
