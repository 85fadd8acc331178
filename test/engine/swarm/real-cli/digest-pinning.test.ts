// `docker service create` pins the image to the digest the registry reports (moby
// client/service_create.go: imageWithTagString, then DistributionInspect and
// imageWithDigestString when QueryRegistry), so the spec holds `alpine:latest@sha256:…`; the
// list formatters show the tag without the digest (docker/cli cli/command/service/formatter.go
// and task/formatter.go Image: "update image string for display, (strips any digest)").
// Input: the Swarm tutorial's service (https://docs.docker.com/engine/swarm/swarm-tutorial/create-service/)
// and its rolling update to redis:3.0.7
// (https://docs.docker.com/engine/swarm/swarm-tutorial/rolling-update/).
import { describe, expect, it } from 'vitest';
import { fails, succeeds } from '../../lab-helpers';
import { DIGEST, specImage, swarmLab } from './helpers';

const HELLO = 'docker service create --replicas 1 --name helloworld alpine ping docker.com';

function imageDigest(image: string): string {
	return image.slice(image.indexOf('@') + 1);
}

describe('the image digest the CLI pins', () => {
	it('the spec stores tag and digest; ls, ps and docker ps show the tag', () => {
		const lab = swarmLab();
		const created = succeeds(lab, HELLO);
		expect(created.error ?? '').not.toContain('could not be accessed on a registry');
		const image = specImage(lab, 'helloworld');
		expect(image.startsWith('alpine:latest@')).toBe(true);
		expect(imageDigest(image)).toMatch(DIGEST);
		lab.advance(20_000);
		const ls = succeeds(lab, 'docker service ls').output.split('\n')[1]!;
		expect(ls.split(/\s{2,}/)[4]).toBe('alpine:latest');
		const ps = succeeds(lab, 'docker service ps helloworld').output.split('\n')[1]!;
		expect(ps.split(/\s{2,}/)[2]).toBe('alpine:latest');
		// --no-trunc keeps the digest (task/formatter.go trims only when truncating).
		expect(succeeds(lab, 'docker service ps --no-trunc helloworld').output).toContain(image);
		// The pretty form prints ContainerSpec.Image as stored.
		expect(succeeds(lab, 'docker service inspect --pretty helloworld').output).toContain(
			` Image:\t\t${image}\n`
		);
	});

	it('a name and tag always pin to the same digest; another tag to another', () => {
		const a = swarmLab();
		const b = swarmLab();
		succeeds(a, 'docker service create -d --name r redis:3.0.6');
		succeeds(b, 'docker service create -d --name other alpine');
		succeeds(b, 'docker service create -d --name r redis:3.0.6');
		expect(specImage(b, 'r')).toBe(specImage(a, 'r'));
		succeeds(a, 'docker service create -d --name r7 redis:3.0.7');
		expect(imageDigest(specImage(a, 'r7'))).not.toBe(imageDigest(specImage(a, 'r')));
	});

	it('--no-resolve-image sends the tagged name only', () => {
		const lab = swarmLab();
		const r = succeeds(lab, 'docker service create -d --no-resolve-image --name web nginx');
		expect(r.error ?? '').toBe('');
		expect(specImage(lab, 'web')).toBe('nginx:latest');
	});

	it('an image no registry has keeps its tag, unpinned, and the CLI warns', () => {
		const lab = swarmLab();
		const r = succeeds(lab, 'docker service create -d --name web nginx:1.99');
		expect(r.error).toBe(
			'image nginx:1.99 could not be accessed on a registry to record\nits digest. Each node will access nginx:1.99 independently,\npossibly leading to different nodes running different\nversions of the image.\n\n'
		);
		expect(specImage(lab, 'web')).toBe('nginx:1.99');
	});

	it('a reference that names a digest is sent as typed; ls then shows it whole', () => {
		const lab = swarmLab();
		const pinned = `nginx@sha256:${'0123456789abcdef'.repeat(4)}`;
		succeeds(lab, `docker service create -d --name web ${pinned}`);
		expect(specImage(lab, 'web')).toBe(pinned);
		// Not a NamedTagged reference, so the formatter leaves it alone.
		expect(succeeds(lab, 'docker service ls').output).toContain(pinned);
		// A tag and a digest: the tag is shown, the digest trimmed.
		succeeds(lab, `docker service create -d --name web2 nginx:1.27@sha256:${'ab'.repeat(32)}`);
		expect(succeeds(lab, "docker service ls --filter name=web2 --format '{{.Image}}'").output).toBe(
			'nginx:1.27\n'
		);
	});

	it('service update pins a new --image; other updates keep the pinned image', () => {
		const lab = swarmLab();
		succeeds(
			lab,
			'docker service create -d --replicas 3 --name redis --update-delay 10s redis:3.0.6'
		);
		const before = specImage(lab, 'redis');
		succeeds(lab, 'docker service update -d --env-add A=1 redis');
		expect(specImage(lab, 'redis')).toBe(before);
		succeeds(lab, 'docker service update -d --image redis:3.0.7 redis');
		const after = specImage(lab, 'redis');
		expect(after.startsWith('redis:3.0.7@')).toBe(true);
		expect(imageDigest(after)).toMatch(DIGEST);
	});

	it("a pushed image pins to the manifest digest the push printed, and the node that built it doesn't pull", () => {
		const lab = swarmLab({
			'app/Dockerfile': 'FROM nginx:1.27\nCOPY index.html /usr/share/nginx/html/\n',
			'app/index.html': 'hello\n'
		});
		succeeds(lab, 'docker build -t localhost:5000/web:v1 app');
		const push = succeeds(lab, 'docker push localhost:5000/web:v1').output;
		const digest = /v1: digest: (sha256:[0-9a-f]{64}) size/.exec(push)![1]!;
		succeeds(lab, 'docker service create -d --name web localhost:5000/web:v1');
		expect(specImage(lab, 'web')).toBe(`localhost:5000/web:v1@${digest}`);
		// 127.0.0.1:5000 is the same registry (the stack tutorial's 127.0.0.1:5000/stackdemo).
		succeeds(lab, 'docker service create -d --name web2 127.0.0.1:5000/web:v1');
		expect(specImage(lab, 'web2')).toBe(`127.0.0.1:5000/web:v1@${digest}`);
	});

	it('stack deploy pins each image; --resolve-image changed keeps what the last deploy pinned', () => {
		const compose = 'services:\n  web:\n    image: nginx:1.27\n';
		const lab = swarmLab({ 'compose.yaml': compose });
		succeeds(lab, 'docker stack deploy -d -c compose.yaml s');
		const first = specImage(lab, 's_web');
		expect(first.startsWith('nginx:1.27@')).toBe(true);
		// The stack label keeps the image as the file names it (convert.LabelImage).
		expect(
			succeeds(
				lab,
				`docker service inspect --format '{{index .Spec.Labels "com.docker.stack.image"}}' s_web`
			).output
		).toBe('nginx:1.27\n');
		for (const resolve of ['changed', 'never']) {
			succeeds(lab, `docker stack deploy -d --resolve-image ${resolve} -c compose.yaml s`);
			expect(specImage(lab, 's_web')).toBe(first);
		}
	});

	it('a create the daemon refuses prints no digest warning and changes nothing', () => {
		const lab = swarmLab();
		const r = fails(lab, 'docker service create --name BAD_ nginx:1.99');
		expect(r.error).not.toContain('could not be accessed');
	});
});
