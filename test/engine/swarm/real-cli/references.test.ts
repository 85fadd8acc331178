// Image names as github.com/distribution/reference reads them (regexp.go's grammar: path
// components joined by `.`, `_`, `__` or any run of `-`; a registry host with a port;
// normalize.go's Docker Hub defaults). Vectors from distribution/reference normalize_test.go
// (TestValidateReferenceName, TestValidateRemoteName, TestParseRepositoryInfo); CLI errors
// from docker/cli cli/command/image/push.go (ParseNormalizedNamed's error as it is) and moby
// client/image_tag.go (`Error parsing reference: %q is not a valid repository/tag: …`).
import { describe, expect, it } from 'vitest';
import {
	familiarName,
	familiarString,
	parseNormalizedNamed,
	referenceString
} from '../../../../src/engine/registry/reference';
import { fails, succeeds } from '../../lab-helpers';
import { specImage, swarmLab } from './helpers';

const VALID = [
	'docker/docker',
	'library/debian',
	'debian',
	'docker.io/docker/docker',
	'index.docker.io/library/debian',
	'127.0.0.1:5000/docker/docker',
	'127.0.0.1:5000/debian',
	'192.168.0.1',
	'192.168.0.1:80',
	'192.168.0.2:25000/debian',
	'[fc00::1]:5000/docker',
	'[fc00:1:2:3:4:5:6:7]:5000/library/debian',
	'docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a',
	'Docker/docker',
	'docker---rules/docker',
	'dock__er/docker',
	'my--org/my__app',
	'localhost:5000/app',
	'd/docker',
	'busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa'
];

const INVALID = [
	'https://github.com/docker/docker',
	'docker/Docker',
	'-docker',
	'docker///docker',
	'[fc00::1]:5000',
	'fc00::1:5000/debian',
	'1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a',
	'docker-/docker',
	'____/____',
	'dock..er/docker',
	'dock_.er/docker',
	'a/b___c',
	'docker/',
	`${'x'.repeat(256)}/docker`
];

describe('distribution/reference', () => {
	it('accepts the names its tests accept and refuses the others', () => {
		for (const name of VALID) expect(parseNormalizedNamed(name).ok, name).toBe(true);
		for (const name of INVALID) expect(parseNormalizedNamed(name).ok, name).toBe(false);
	});

	it('normalises to the full name and back to the familiar one', () => {
		const cases: [string, string, string][] = [
			['fooo/bar', 'docker.io/fooo/bar', 'fooo/bar'],
			['index.docker.io/library/ubuntu', 'docker.io/library/ubuntu', 'ubuntu'],
			['docker.io/foo', 'docker.io/library/foo', 'foo'],
			['library/foo/bar', 'docker.io/library/foo/bar', 'library/foo/bar'],
			['127.0.0.1:8000/privatebase', '127.0.0.1:8000/privatebase', '127.0.0.1:8000/privatebase'],
			['Foo/bar', 'Foo/bar', 'Foo/bar']
		];
		for (const [input, full, familiar] of cases) {
			const parsed = parseNormalizedNamed(input);
			if (!parsed.ok) throw new Error(parsed.error);
			expect(referenceString(parsed.ref)).toBe(full);
			expect(familiarName(parsed.ref)).toBe(familiar);
		}
		const both = parseNormalizedNamed(VALID.at(-1)!);
		expect(both.ok && familiarString(both.ref)).toBe(VALID.at(-1));
	});

	it('says which repository name is not lower case, or just that the format is bad', () => {
		const error = (s: string) => {
			const r = parseNormalizedNamed(s);
			return r.ok ? '' : r.error;
		};
		expect(error('Nginx')).toBe(
			'invalid reference format: repository name (library/Nginx) must be lowercase'
		);
		expect(error('docker.io/Team/App:1')).toBe(
			'invalid reference format: repository name (Team/App) must be lowercase'
		);
		expect(error('a/b___c')).toBe('invalid reference format');
		expect(error('1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a')).toBe(
			'invalid repository name (1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a), cannot specify 64-byte hexadecimal strings'
		);
	});
});

describe('image names on the docker CLI', () => {
	it('service create takes separators and registry ports the grammar allows', () => {
		const lab = swarmLab();
		succeeds(lab, 'docker service create -d --name a my--org/my__app');
		expect(specImage(lab, 'a')).toMatch(/^my--org\/my__app:latest@sha256:/);
		for (const [name, image] of [
			['b', '127.0.0.1:5000/app'],
			['c', 'localhost:5000/app']
		]) {
			// Nothing was pushed there: the service is made, unpinned, with the digest warning.
			const r = succeeds(lab, `docker service create -d --name ${name} ${image}`);
			expect(r.error).toContain(`image ${image}:latest could not be accessed on a registry`);
			expect(specImage(lab, name!)).toBe(`${image}:latest`);
		}
	});

	it('the daemon refuses what the grammar refuses, and nothing changes', () => {
		const lab = swarmLab();
		expect(fails(lab, 'docker service create --name x a/b___c').error).toBe(
			'Error response from daemon: rpc error: code = InvalidArgument desc = ContainerSpec: "a/b___c" is not a valid repository/tag\n'
		);
		expect(fails(lab, 'docker service create --name x Nginx').error).toBe(
			'Error response from daemon: rpc error: code = InvalidArgument desc = ContainerSpec: "Nginx" is not a valid repository/tag\n'
		);
	});

	it('docker push and docker tag print the reference error', () => {
		const lab = swarmLab();
		expect(fails(lab, 'docker push Nginx').error).toBe(
			'invalid reference format: repository name (library/Nginx) must be lowercase\n'
		);
		expect(fails(lab, 'docker push a/b___c').error).toBe('invalid reference format\n');
		expect(fails(lab, 'docker tag nginx:1.27 My/App').error).toBe(
			'Error parsing reference: "My/App" is not a valid repository/tag: invalid reference format: repository name (App) must be lowercase\n'
		);
	});
});
