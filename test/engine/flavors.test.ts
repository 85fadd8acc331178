/**
 * The engine per flavour (src/engine/flavors): a page loads only the flavours its labs run, and a
 * lab built from those alone must answer exactly as the whole engine does — same outputs, same
 * trace — including the other flavour's CLI (kubectl on a swarm, docker on Kubernetes).
 *
 * Each test imports the engine afresh (vi.resetModules), so the registry starts empty, as on a
 * page that has loaded nothing yet.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Flavor, LabOptions } from '../../src/engine/types';

type Run = { outputs: string[]; hash: string; snapshot: string };

const SWARM_LINES = [
	'kubectl get pods',
	'kubectl version',
	'kubectl frobnicate',
	'kubectl',
	'docker node ls',
	'docker service create --name web --replicas 3 --publish 8080:80 nginx:1.27',
	'sim advance 10s',
	'docker service ps web',
	'sim node stop worker-1',
	'sim advance 60s',
	'docker service ps web'
];

const KUBERNETES_LINES = [
	'docker node ls',
	'docker service ls',
	'docker swarm init',
	'docker stack deploy -c missing.yml app',
	'docker images',
	'kubectl create deployment web --image=nginx:1.27 --replicas=3',
	'sim advance 10s',
	'kubectl get pods -o wide',
	'sim node stop node-1',
	'sim advance 6m',
	'kubectl get pods',
	'kubectl get deploy web -o yaml'
];

function play(createLab: (o: LabOptions) => import('../../src/engine/types').Lab, flavor: Flavor) {
	const lab = createLab({ flavor, seed: 7 });
	const lines = flavor === 'swarm' ? SWARM_LINES : KUBERNETES_LINES;
	const outputs = lines.map((line) => {
		const r = lab.exec(line);
		return `${r.ok} ${r.output}${r.error ?? ''}`;
	});
	// Time travel replays through the same registry.
	lab.seek(5_000);
	lab.seek(lab.now() + 60_000);
	return { outputs, hash: lab.traceHash(), snapshot: JSON.stringify(lab.snapshot()) };
}

/** The whole engine, as the CLI and tests import it. */
async function wholeEngine(flavor: Flavor): Promise<Run> {
	vi.resetModules();
	const { createLab } = await import('../../src/engine/index');
	return play(createLab, flavor);
}

/** Only `flavor` loaded, the browser's way. */
async function oneFlavor(flavor: Flavor): Promise<{ run: Run; other: boolean }> {
	vi.resetModules();
	const { createLab } = await import('../../src/engine/lab');
	const { loadFlavors } = await import('../../src/engine/flavors/load');
	const { isFlavorLoaded } = await import('../../src/engine/flavors/registry');
	await loadFlavors([flavor]);
	const other = isFlavorLoaded(flavor === 'swarm' ? 'kubernetes' : 'swarm');
	return { run: play(createLab, flavor), other };
}

beforeEach(() => {
	vi.resetModules();
});

describe('engine flavours', () => {
	it('refuses to build a lab whose flavour is not loaded, naming the fix', async () => {
		const { createLab } = await import('../../src/engine/lab');
		expect(() => createLab({ flavor: 'swarm' })).toThrow(
			/swarm flavour is not loaded.*loadFlavors/
		);
		const { loadFlavors } = await import('../../src/engine/flavors/load');
		await loadFlavors(['swarm']);
		expect(createLab({ flavor: 'swarm' }).snapshot().nodes.length).toBe(3);
		expect(() => createLab({ flavor: 'kubernetes' })).toThrow(/kubernetes flavour is not loaded/);
	});

	it('a Swarm-only engine answers as the whole engine, kubectl included', async () => {
		const { run, other } = await oneFlavor('swarm');
		expect(other).toBe(false);
		const whole = await wholeEngine('swarm');
		expect(run.outputs).toEqual(whole.outputs);
		expect(run.hash).toBe(whole.hash);
		expect(run.snapshot).toBe(whole.snapshot);
		// kubectl on a swarm: refused before any verb runs, so it needs no Kubernetes code.
		expect(run.outputs[0]).toMatch(/localhost:8080 was refused/);
	});

	it('a Kubernetes-only engine answers as the whole engine, docker included', async () => {
		const { run, other } = await oneFlavor('kubernetes');
		expect(other).toBe(false);
		const whole = await wholeEngine('kubernetes');
		expect(run.outputs).toEqual(whole.outputs);
		expect(run.hash).toBe(whole.hash);
		expect(run.snapshot).toBe(whole.snapshot);
		expect(run.outputs[7]).toMatch(/^true NAME +READY +STATUS/);
	});

	it('kubectl knows by name exactly the verbs the Kubernetes flavour brings', async () => {
		const { SIMULATED_VERBS } = await import('../../src/engine/commands/kubectl/index');
		const { VERBS } = await import('../../src/engine/commands/kubectl/verbs');
		expect([...SIMULATED_VERBS].sort()).toEqual(Object.keys(VERBS).sort());
	});
});
