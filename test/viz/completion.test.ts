/** Console tab completion and the pod state drawing rules. */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../src/engine/index';
import { complete } from '../../src/viz/widgets/console/completion';
import { describeUnit, unitTone, UNIT_SHAPES } from '../../src/viz/views/unit-state';

const lab = createLab({ seed: 7 });
lab.exec('kubectl create deployment web --image=nginx --replicas=2');
lab.advance(10_000);
const snapshot = lab.snapshot();
const pods = snapshot.units.map((u) => u.name);

describe('complete', () => {
	it('completes programs, verbs and sub-verbs to the one word that fits', () => {
		expect(complete('kub', snapshot)?.line).toBe('kubectl ');
		expect(complete('kubectl dr', snapshot)?.line).toBe('kubectl drain ');
		expect(complete('sim node sto', snapshot)?.line).toBe('sim node stop ');
		expect(complete('docker node l', snapshot)?.line).toBe('docker node ls ');
	});

	it('completes object names from the snapshot, and lists them when several fit', () => {
		expect(complete('sim node stop control', snapshot)?.line).toBe('sim node stop control-plane ');
		const nodes = complete('kubectl cordon node-', snapshot);
		expect(nodes).toEqual({
			line: 'kubectl cordon node-',
			candidates: ['node-1', 'node-2', 'node-3']
		});
		expect(complete('kubectl logs ', snapshot)?.candidates).toEqual(pods);
		expect(complete(`kubectl get pods ${pods[0]!.slice(0, -2)}`, snapshot)?.line).toBe(
			`kubectl get pods ${pods[0]} `
		);
		expect(complete('kubectl scale deploy', snapshot)?.line).toBe('kubectl scale deployment/web ');
	});

	it('completes a swarm lab’s services and tasks, and the sim verbs help lists', () => {
		const swarm = createLab({ flavor: 'swarm', seed: 7 });
		swarm.exec('docker service create -d --name web --replicas 2 nginx:1.27');
		swarm.advance(20_000);
		const s = swarm.snapshot();
		expect(complete('docker service ps w', s)?.line).toBe('docker service ps web ');
		expect(complete('docker service scale ', s)?.candidates).toEqual(['web']);
		expect(complete('sim crash ', s)?.line).toBe('sim crash task ');
		expect(complete('sim crash task web.', s)?.candidates.sort()).toEqual(['web.1', 'web.2']);
		expect(complete('sim crash ', snapshot)?.line).toBe('sim crash pod ');
		for (const verb of ['raft', 'traffic', 'kube-proxy', 'addon']) {
			expect(complete(`sim ${verb.slice(0, 3)}`, snapshot)?.candidates, verb).toContain(verb);
		}
	});

	it('leaves alone what it cannot know: flags, quotes, unknown programs, finished lines', () => {
		expect(complete('kubectl get pods -o', snapshot)).toBeUndefined();
		expect(complete('kubectl get pods "we', snapshot)).toBeUndefined();
		expect(complete('ls -l', snapshot)).toBeUndefined();
		expect(complete('sim node stop node-1 ', snapshot)).toBeUndefined();
	});
});

describe('pod states', () => {
	it('tell each state group by its own shape, not only by colour', () => {
		const cases = [
			['Running', true, 'ok'],
			['Running', false, 'starting'],
			['ContainerCreating', false, 'starting'],
			['Pending', false, 'starting'],
			['Init:0/1', false, 'starting'],
			['Init:CrashLoopBackOff', false, 'bad'],
			['Init:CreateContainerConfigError', false, 'bad'],
			['CrashLoopBackOff', false, 'bad'],
			['ImagePullBackOff', false, 'bad'],
			['Error', false, 'bad'],
			['Terminating', false, 'ending'],
			['Completed', false, 'done']
		] as const;
		for (const [status, ready, tone] of cases) {
			expect(unitTone({ status, ready }), status).toBe(tone);
		}
		expect(new Set(Object.values(UNIT_SHAPES)).size).toBe(Object.keys(UNIT_SHAPES).length);
	});

	it('say the whole state in words', () => {
		const unit = {
			name: 'web-1',
			namespace: 'default',
			status: 'CrashLoopBackOff',
			ready: false,
			restarts: 3
		};
		expect(describeUnit(unit, 'en')).toBe('web-1: CrashLoopBackOff, not ready, 3 restarts');
		expect(describeUnit(unit, 'zh')).toBe('web-1: CrashLoopBackOff，未就绪，重启 3 次');
	});
});
