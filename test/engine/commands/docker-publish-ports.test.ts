/**
 * `--publish` values as docker CLI 28 parses them (docker/cli opts/port.go PortOpt.Set): the long
 * syntax reads each port with strconv.ParseUint(v, 10, 16), the short syntax through
 * go-connections nat.ParsePortSpecs, so a port outside 0–65535 is refused by pflag before any
 * request, with the parser's own words; a stack file's short syntax goes through the same nat
 * parser (compose loader transformServicePort).
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const CREATE_USAGE =
	"\nUsage:  docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker service create --help' for more information\n";

describe('docker service create --publish out of range', () => {
	const lab = createLab({ flavor: 'swarm', seed: 1 });

	it.each([
		['--publish 70000:80', '70000:80', 'invalid hostPort: 70000'],
		['-p 8080:70000', '8080:70000', 'invalid containerPort: 70000'],
		['--publish 65536', '65536', 'invalid containerPort: 65536'],
		[
			'--publish published=70000,target=80',
			'published=70000,target=80',
			'strconv.ParseUint: parsing "70000": value out of range'
		],
		[
			'--publish target=70000',
			'target=70000',
			'strconv.ParseUint: parsing "70000": value out of range'
		],
		['--publish 8080:80/foo', '8080:80/foo', 'invalid proto: foo'],
		['--publish 127.0.0.1:8080:80', '127.0.0.1:8080:80', 'hostip is not supported'],
		[
			'--publish mode=bridge,target=80',
			'mode=bridge,target=80',
			'invalid publish mode value bridge'
		]
	])('%s', (flags, value, why) => {
		expect(fails(lab, `docker service create --name web ${flags} nginx`).error).toBe(
			`invalid argument "${value}" for "-p, --publish" flag: ${why}\n${CREATE_USAGE}`
		);
	});

	it('takes the highest port, long-syntax keys in any case, and port ranges', () => {
		const l = createLab({ flavor: 'swarm', seed: 1 });
		succeeds(l, 'docker service create --name a --publish 65535:80 nginx');
		succeeds(l, 'docker service create --name b --publish Published=8081,Target=80 nginx');
		succeeds(l, 'docker service create --name c --publish 8082-8083:80-81 nginx');
		const ports = (name: string) =>
			succeeds(l, `docker service inspect ${name} --format '{{json .Spec.EndpointSpec.Ports}}'`)
				.output;
		expect(ports('a')).toBe(
			'[{"Protocol":"tcp","TargetPort":80,"PublishedPort":65535,"PublishMode":"ingress"}]\n'
		);
		expect(ports('b')).toBe(
			'[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8081,"PublishMode":"ingress"}]\n'
		);
		expect(ports('c')).toBe(
			'[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8082,"PublishMode":"ingress"},{"Protocol":"tcp","TargetPort":81,"PublishedPort":8083,"PublishMode":"ingress"}]\n'
		);
	});
});

describe('docker service update --publish-add out of range', () => {
	it('refuses it as create does, naming --publish-add (no shorthand)', () => {
		const l = createLab({ flavor: 'swarm', seed: 1 });
		succeeds(l, 'docker service create --name web nginx');
		const usage =
			"\nUsage:  docker service update [OPTIONS] SERVICE\n\nRun 'docker service update --help' for more information\n";
		expect(fails(l, 'docker service update --publish-add 70000:80 web').error).toBe(
			`invalid argument "70000:80" for "--publish-add" flag: invalid hostPort: 70000\n${usage}`
		);
		expect(
			fails(l, 'docker service update --publish-add published=70000,target=80 web').error
		).toBe(
			`invalid argument "published=70000,target=80" for "--publish-add" flag: strconv.ParseUint: parsing "70000": value out of range\n${usage}`
		);
	});
});

describe('a stack file publishing a port out of range', () => {
	it('fails the short syntax with the loader decoding error', () => {
		const files: Record<string, string> = {
			'stack.yml':
				'version: "3.8"\nservices:\n  web:\n    image: nginx\n    ports:\n      - "70000:80"\n'
		};
		const l = createLab({ flavor: 'swarm', seed: 1, readFile: (p) => files[p] });
		expect(fails(l, 'docker stack deploy -c stack.yml s').error).toBe(
			"1 error(s) decoding:\n\n* error decoding 'Ports': invalid hostPort: 70000\n"
		);
	});
});
