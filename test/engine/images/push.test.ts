import { describe, expect, it } from 'vitest';
import { digestOf } from '../../../src/engine/images/sha256';
import { fails, succeeds } from '../lab-helpers';
import { WEB, labWith } from './helpers';

const FILES = { 'app/Dockerfile': WEB, 'app/index.html': '<h1>hi</h1>\n' };

function podStatuses(lab: ReturnType<typeof labWith>): string[] {
	return succeeds(lab, 'kubectl get pods --no-headers')
		.output.trim()
		.split('\n')
		.map((l) => l.split(/\s+/)[2]!);
}

describe('docker push', () => {
	it('uploads every layer once, then finds them there; the digest is the manifest’s SHA-256', () => {
		const lab = labWith(FILES);
		succeeds(lab, 'docker build -t registry.lab:5000/web:1 app');
		const out = succeeds(lab, 'docker push registry.lab:5000/web:1').output;
		const lines = out.trim().split('\n');
		expect(lines[0]).toBe('The push refers to repository [registry.lab:5000/web]');
		// nginx's 7 layers and the COPY layer: Preparing each, Waiting beyond 5 uploads, Pushed each.
		expect(lines.filter((l) => / Preparing$/.test(l))).toHaveLength(8);
		expect(lines.filter((l) => / Waiting$/.test(l))).toHaveLength(3);
		expect(lines.filter((l) => /^[a-f0-9]{12}: Pushed$/.test(l))).toHaveLength(8);
		const last = /^1: digest: (sha256:[a-f0-9]{64}) size: (\d+)$/.exec(lines[lines.length - 1]!);
		expect(last).not.toBeNull();
		// A digest is content: pushing the same image under another tag gives the same one.
		succeeds(lab, 'docker tag registry.lab:5000/web:1 registry.lab:5000/web:stable');
		const again = succeeds(lab, 'docker push registry.lab:5000/web:stable').output;
		expect(again.match(/Layer already exists/g)).toHaveLength(8);
		expect(again).toContain(`stable: digest: ${last![1]} size: ${last![2]}`);
		expect(last![1]).not.toBe(digestOf(''));
	});

	it('mounts layers another repository of the registry holds', () => {
		const lab = labWith({ ...FILES, 'api/Dockerfile': 'FROM nginx:1.27-alpine\nRUN echo api\n' });
		succeeds(lab, 'docker build -t registry.lab:5000/web:1 app');
		succeeds(lab, 'docker push registry.lab:5000/web:1');
		succeeds(lab, 'docker build -t localhost:5000/api:1 api');
		const out = succeeds(lab, 'docker push localhost:5000/api:1').output;
		expect(out.match(/Mounted from web/g)).toHaveLength(7);
		expect(out.match(/: Pushed/g)).toHaveLength(1);
	});

	it('refuses what docker refuses, changing nothing', () => {
		const lab = labWith(FILES);
		const missing = fails(lab, 'docker push registry.lab:5000/web');
		expect(missing.output).toBe(
			'Using default tag: latest\nThe push refers to repository [registry.lab:5000/web]\n'
		);
		expect(missing.error).toBe(
			'An image does not exist locally with the tag: registry.lab:5000/web\n'
		);
		succeeds(lab, 'docker build -t web:1 app');
		const hub = fails(lab, 'docker push web:1');
		expect(hub.output).toMatch(/^The push refers to repository \[docker\.io\/library\/web\]\n/);
		expect(hub.error).toBe('denied: requested access to the resource is denied\n');
		expect(fails(lab, 'docker push web:2').error).toBe('tag does not exist: web:2\n');
		expect(fails(lab, 'docker tag nope:1 registry.lab:5000/nope:1').error).toBe(
			'Error response from daemon: No such image: nope:1\n'
		);
	});

	it('serves a pull only after the push, then runs the image (kubernetes)', () => {
		const lab = labWith(FILES);
		succeeds(lab, 'kubectl create deployment web --image=registry.lab:5000/web:1');
		lab.advance(3_000);
		expect(podStatuses(lab)[0]).toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
		expect(succeeds(lab, 'kubectl describe pods').output).toContain(
			'Failed to pull image "registry.lab:5000/web:1": rpc error: code = NotFound desc = failed to pull and unpack image "registry.lab:5000/web:1": failed to resolve reference "registry.lab:5000/web:1": registry.lab:5000/web:1: not found'
		);
		succeeds(lab, 'docker build -t web:1 app');
		succeeds(lab, 'docker tag web:1 localhost:5000/web:1');
		// localhost:5000 and registry.lab:5000 are one registry.
		succeeds(lab, 'docker push localhost:5000/web:1');
		lab.advance(40_000);
		expect(podStatuses(lab)).toEqual(['Running']);
		const size = /Image size: (\d+) bytes/.exec(succeeds(lab, 'kubectl describe pods').output);
		expect(Number(size![1])).toBe(70_000_000 + 12);
	});

	it('runs the Dockerfile’s CMD: a crashing command crash-loops', () => {
		const lab = labWith({ 'bad/Dockerfile': 'FROM busybox:1.36\nCMD ["sh", "-c", "exit 1"]\n' });
		// Created before the image exists: what it runs is learnt when the pull succeeds.
		succeeds(lab, 'kubectl create deployment bad --image=registry.lab:5000/bad:1');
		lab.advance(2_000);
		succeeds(lab, 'docker build -t registry.lab:5000/bad:1 bad');
		succeeds(lab, 'docker push registry.lab:5000/bad:1');
		lab.advance(90_000);
		// It has run the CMD, exited 1 and been restarted, again and again.
		const pod = (
			JSON.parse(succeeds(lab, 'kubectl get pods -l app=bad -o json').output) as {
				items: {
					status: {
						containerStatuses: {
							restartCount: number;
							lastState: { terminated?: { exitCode: number } };
						}[];
					};
				}[];
			}
		).items[0]!.status.containerStatuses[0]!;
		expect(pod.restartCount).toBeGreaterThanOrEqual(3);
		expect(pod.lastState.terminated?.exitCode).toBe(1);
		expect(['CrashLoopBackOff', 'Error']).toContain(podStatuses(lab)[0]);
		// The pod's own command wins over the image's CMD.
		succeeds(lab, 'kubectl create deployment ok --image=registry.lab:5000/bad:1 -- sleep infinity');
		lab.advance(20_000);
		expect(succeeds(lab, 'kubectl get pods -l app=ok --no-headers').output).toMatch(
			/1\/1\s+Running/
		);
	});

	it('swarm: tasks are rejected before the push and run after it; a manager runs its own build', () => {
		const lab = labWith(FILES, 'swarm');
		succeeds(lab, 'docker service create --name web --replicas 2 registry.lab:5000/web:1');
		lab.advance(5_000);
		expect(succeeds(lab, 'docker service ps web').output).toMatch(
			/Rejected .* "No such image: registry\.lab:5…"/
		);
		succeeds(lab, 'docker build -t registry.lab:5000/web:1 app');
		succeeds(lab, 'docker push registry.lab:5000/web:1');
		lab.advance(20_000);
		expect(succeeds(lab, 'docker service ls').output).toMatch(/web\s+replicated\s+2\/2/);
		// Built on worker-1 and not pushed: only worker-1 has it.
		succeeds(lab, 'docker -H worker-1 build -t registry.lab:5000/solo:1 app');
		succeeds(
			lab,
			'docker service create --name solo --constraint node.hostname==worker-1 registry.lab:5000/solo:1'
		);
		lab.advance(10_000);
		expect(succeeds(lab, 'docker service ls').output).toMatch(/solo\s+replicated\s+1\/1/);
		expect(succeeds(lab, 'docker images').output).not.toContain('solo');
		// The daemon is on its machine: with the machine off, the CLI cannot reach it.
		succeeds(lab, 'sim node stop worker-2');
		expect(fails(lab, 'docker -H worker-2 build app').error).toBe(
			'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n'
		);
	});

	it('is lab state: seeking back before the push forgets it, forward replays it', () => {
		const files: Record<string, string> = { ...FILES };
		const lab = labWith(files);
		lab.advance(5_000);
		succeeds(lab, 'docker build -t registry.lab:5000/web:1 app');
		succeeds(lab, 'docker push registry.lab:5000/web:1');
		succeeds(lab, 'kubectl create deployment web --image=registry.lab:5000/web:1');
		lab.advance(60_000);
		const hash = lab.traceHash();
		const id = succeeds(lab, 'docker images -q').output;
		expect(podStatuses(lab)).toEqual(['Running']);
		// A replay reads the Dockerfile as it was, not as it is now.
		files['app/Dockerfile'] = 'FROM alpine:3.20\nCMD ["sh", "-c", "exit 3"]\n';
		lab.seek(2_000);
		expect(succeeds(lab, 'docker images -q').output).toBe('');
		expect(fails(lab, 'docker push registry.lab:5000/web:1').error).toContain(
			'does not exist locally'
		);
		lab.seek(65_000);
		expect(lab.traceHash()).toBe(hash);
		expect(succeeds(lab, 'docker images -q').output).toBe(id);
		expect(podStatuses(lab)).toEqual(['Running']);
		expect(succeeds(lab, 'docker push registry.lab:5000/web:1').output).toContain(
			'Layer already exists'
		);
	});
});
