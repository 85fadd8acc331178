/**
 * The bytes-per-pod diet (issue 3): pods built from compact literals read exactly like the
 * spreads they replace, watchers learn the version a write replaced, and what the kubelet
 * reports alike is one shared object — with nothing a reader sees changed.
 */
import { podIpText } from '../../../src/engine/kubernetes/api/pod-ip-code';
import fc from 'fast-check';
import type { Pod, PodSpec, PodStatus } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { describe, expect, it } from 'vitest';
import { Store, type WatchEvent } from '../../../src/engine/core/store';
import {
	boundSpec,
	kubeletStatus,
	withMetadata,
	withResourceVersion,
	type KubeletStatus
} from '../../../src/engine/kubernetes/api/compact-objects';
import { createLab } from '../../../src/engine/index';
import { flatText } from '../../../src/engine/kubernetes/api/names';
import { podStatus } from '../../../src/engine/kubernetes/kubelet/container-state';
import { newPodRun } from '../../../src/engine/kubernetes/kubelet/new-pod-run';

/** Same keys in the same order, same values, and a plain object's prototype. */
/** A lab of one worker running a 4-replica Deployment `name` of `container`, applied. */
function labWithDeployment(name: string, container: Record<string, unknown>, seed: number) {
	const manifest = {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: { name },
		spec: {
			replicas: 4,
			selector: { matchLabels: { app: name } },
			template: { metadata: { labels: { app: name } }, spec: { containers: [container] } }
		}
	};
	const lab = createLab({
		flavor: 'kubernetes',
		workers: 1,
		seed,
		readFile: (path) => (path === `${name}.yaml` ? JSON.stringify(manifest) : undefined)
	});
	expect(lab.exec(`kubectl apply -f ${name}.yaml`).ok).toBe(true);
	return lab;
}

function expectSameObject(actual: object, expected: object): void {
	expect(Object.keys(actual)).toEqual(Object.keys(expected));
	expect(actual).toStrictEqual(expected);
	expect(Object.getPrototypeOf(actual)).toBe(Object.prototype);
	expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

const rsMeta: ObjectMeta = {
	generateName: 'web-5d4f8-',
	namespace: 'default',
	labels: { app: 'web' },
	ownerReferences: [
		{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d4f8', uid: 'u-rs', controller: true }
	],
	name: 'web-5d4f8-abcde',
	uid: 'u-1',
	resourceVersion: '7',
	creationTimestamp: '2026-01-05T09:00:00Z'
};

describe('compact pod objects', () => {
	it('withResourceVersion is the spread, for a ReplicaSet pod and for any other metadata', () => {
		expectSameObject(withResourceVersion(rsMeta, 8), { ...rsMeta, resourceVersion: '8' });
		const other: ObjectMeta = { name: 'p', namespace: 'ns', annotations: { a: 'b' }, uid: 'x' };
		expectSameObject(withResourceVersion(other, 9), { ...other, resourceVersion: '9' });
	});

	it('withMetadata is the spread, whatever the object’s keys', () => {
		const pod: Pod = {
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: {},
			spec: { containers: [] },
			status: {}
		};
		expectSameObject(withMetadata(pod, rsMeta), { ...pod, metadata: rsMeta });
		const odd = { kind: 'Pod', apiVersion: 'v1', metadata: {}, spec: { containers: [] } };
		expectSameObject(withMetadata(odd, rsMeta), { ...odd, metadata: rsMeta });
	});

	it('kubeletStatus is the spread the kubelet wrote, in every order a status can have', () => {
		const fields = (ip: boolean): KubeletStatus => ({
			phase: 'Running',
			conditions: [],
			containerStatuses: [],
			hostIP: '172.18.0.2',
			...(ip ? { podIP: '10.244.1.2' } : {}),
			qosClass: 'BestEffort',
			startTime: '2026-01-05T09:00:00Z',
			observedGeneration: 1
		});
		const spread = (base: PodStatus | undefined, f: KubeletStatus): PodStatus => ({
			...base,
			phase: f.phase,
			conditions: f.conditions,
			containerStatuses: f.containerStatuses,
			hostIP: f.hostIP,
			hostIPs: [{ ip: f.hostIP }],
			...(f.podIP !== undefined
				? { podIP: podIpText(f.podIP), podIPs: [{ ip: podIpText(f.podIP) }] }
				: {}),
			qosClass: f.qosClass,
			startTime: f.startTime,
			observedGeneration: f.observedGeneration
		});
		const scheduled: PodStatus = { phase: 'Pending', qosClass: 'BestEffort', conditions: [] };
		const started = spread(scheduled, fields(false));
		const addressed = spread(started, fields(true));
		const bases: (PodStatus | undefined)[] = [
			undefined,
			{},
			{ phase: 'Pending', qosClass: 'BestEffort' },
			scheduled,
			started,
			addressed,
			{ ...addressed, reason: 'Evicted' },
			{ qosClass: 'Burstable', phase: 'Pending', conditions: [] }
		];
		for (const base of bases)
			for (const ip of [false, true])
				expectSameObject(kubeletStatus(base, fields(ip)), spread(base, fields(ip)));
	});

	it('boundSpec is the spec with its node, for specs of any keys', () => {
		const key = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,8}$/);
		fc.assert(
			fc.property(
				fc.dictionary(key, fc.integer(), { maxKeys: 20 }),
				fc.boolean(),
				(extra, named) => {
					const spec = { containers: [], ...extra, ...(named ? { nodeName: '' } : {}) } as PodSpec;
					const bound = boundSpec(spec, 'node-1');
					expectSameObject(bound, Object.assign({}, spec, { nodeName: 'node-1' }));
					// The spec it came from is left as it was (other pods share it).
					expect(spec.nodeName).toBe(named ? '' : undefined);
				}
			)
		);
	});
});

describe('flat names and addresses', () => {
	it('keep their text, capitals included', () => {
		const suffix = String.fromCharCode(120, 55, 107, 50, 113);
		expect(flatText('web-5d4f8-' + suffix)).toBe('web-5d4f8-x7k2q');
		expect(flatText(`10.244.${123}.${45}`)).toBe('10.244.123.45');
		expect(flatText('Web-' + suffix)).toBe('Web-x7k2q');
	});
});

describe('watch events', () => {
	it('carry the version a write replaced, and the deleted object on DELETED', () => {
		const s = new Store();
		const seen: WatchEvent<{ v: number }>[] = [];
		s.watch<{ v: number }>('pods', (e) => seen.push(e));
		s.put('pods', 'a', () => ({ v: 1 }));
		s.put('pods', 'a', () => ({ v: 2 }));
		s.delete('pods', 'a');
		expect(seen.map((e) => [e.type, e.object.v, e.previous?.v])).toEqual([
			['ADDED', 1, undefined],
			['MODIFIED', 2, 1],
			['DELETED', 2, 2]
		]);
	});
});

describe('a scaled Deployment', () => {
	it('keeps its pods indexed by node and owner across writes, deletions and time travel', () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 3, seed: 11 });
		lab.exec('kubectl create deployment web --image=nginx:1.27 --replicas=6');
		lab.advance(19_000);
		const wide = () => lab.exec('kubectl get pods -o wide').output;
		const before = wide();
		expect(before.match(/Running/g)).toHaveLength(6);
		lab.advance(1_000);
		lab.exec('kubectl scale deployment web --replicas=2');
		lab.advance(40_000);
		expect(wide().match(/ Running /g)).toHaveLength(2);
		lab.exec('kubectl scale deployment web --replicas=4');
		lab.advance(20_000);
		const after = wide();
		expect(after.match(/ Running /g)).toHaveLength(4);
		// Back in time and forward again: the same pods on the same nodes.
		lab.seek(19_000);
		expect(wide()).toBe(before);
		lab.seek(80_000);
		expect(wide()).toBe(after);
		// The node's pods, as drain and describe node read them from the index.
		const node = /web-\S+\s+1\/1\s+Running\s+\d+\s+\S+\s+\S+\s+(\S+)/.exec(after)![1]!;
		const onNode = after.split('\n').filter((l) => l.includes(` ${node} `)).length;
		const described = lab.exec(`kubectl describe node ${node}`).output;
		// …and kube-proxy's, which every node runs.
		expect(described).toContain(`Non-terminated Pods:          (${onNode + 1} in total)`);
	});

	it('prints alias-free YAML although pods started together share their container statuses', () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 2, seed: 3 });
		lab.exec('kubectl create deployment web --image=nginx:1.27 --replicas=8');
		lab.advance(20_000);
		const yaml = lab.exec('kubectl get pods -o yaml').output;
		expect(yaml).not.toMatch(/[&*]a\d/);
		expect(yaml.match(/containerID: containerd:\/\//g)).toHaveLength(8);
	});
});

describe('the kubelet’s status', () => {
	const pod = (name: string): Pod => ({
		apiVersion: 'v1',
		kind: 'Pod',
		metadata: { name, namespace: 'default', uid: `uid-${name}` },
		spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], nodeName: 'node-1' },
		status: { phase: 'Pending', qosClass: 'BestEffort' }
	});
	const running = (p: Pod, startedAt: number) => {
		const run = newPodRun(p, 'node-1', 0, 0);
		run.phase = 'running';
		run.ip = `10.244.0.${startedAt}`;
		run.containers = run.containers.map((c) => ({
			...c,
			state: 'running',
			started: true,
			ready: true,
			startedAt
		}));
		return run;
	};

	it('is one shared container-status list for containers started in the same millisecond', () => {
		const a = podStatus(pod('a'), running(pod('a'), 3000), 3000, 1)!;
		const b = podStatus(pod('b'), running(pod('b'), 3000), 3000, 1)!;
		expect(b.containerStatuses).toBe(a.containerStatuses);
		expect(b.podIPs).not.toBe(a.podIPs);
	});

	it('is a status of its own when anything differs', () => {
		const a = podStatus(pod('a'), running(pod('a'), 3000), 3000, 1)!;
		const c = podStatus(pod('c'), running(pod('c'), 3001), 3001, 1)!;
		expect(c.containerStatuses).not.toBe(a.containerStatuses);
		expect(c.containerStatuses![0]!.containerID).not.toBe(a.containerStatuses![0]!.containerID);
		const restarted = running(pod('d'), 3000);
		restarted.containers[0]!.restarts = 1;
		const d = podStatus(pod('d'), restarted, 3000, 1)!;
		expect(d.containerStatuses![0]).not.toBe(a.containerStatuses![0]);
		expect(d.containerStatuses![0]!.restartCount).toBe(1);
		expect(a.containerStatuses![0]!.restartCount).toBe(0);
	});
});

describe('scheduling decisions built when read', () => {
	/** A small cluster where the view keeps rows: scale-ups, a full node, a taint, a cordon. */
	function run(readEveryStep: boolean) {
		const lab = createLab({ flavor: 'kubernetes', workers: 4, seed: 21 });
		const seen: string[] = [];
		const read = () => seen.push(JSON.stringify(lab.schedulingDecisions()));
		lab.exec('kubectl create deployment web --image=nginx:1.27 --replicas=20');
		lab.exec('kubectl taint nodes node-2 dedicated=db:NoSchedule');
		for (let i = 0; i < 6; i++) {
			lab.advance(1_000);
			if (readEveryStep) read();
		}
		lab.exec('kubectl cordon node-3');
		lab.exec('kubectl scale deployment web --replicas=60');
		// A pod that fits nowhere: its attempts keep rejected rows in the decisions.
		const big = lab.exec(
			`kubectl run big --image=nginx:1.27 --overrides='{"spec":{"containers":[{"name":"big","image":"nginx:1.27","resources":{"requests":{"cpu":"64"}}}]}}'`
		);
		expect(big.ok, big.error).toBe(true);
		for (let i = 0; i < 6; i++) {
			lab.advance(1_000);
			if (readEveryStep) read();
		}
		return { lab, seen };
	}

	it('read the same whether read at once or long after the cache moved on', () => {
		const eager = run(true);
		const lazy = run(false);
		const late = lazy.lab.schedulingDecisions();
		expect(late.length).toBeGreaterThan(20);
		expect(late.some((d) => d.rows.some((r) => r.outcome === 'rejected'))).toBe(true);
		expect(late.some((d) => d.rows.some((r) => r.scores.length > 0))).toBe(true);
		expect(JSON.stringify(late)).toBe(eager.seen.at(-1));
		// The same frozen list until the next attempt, and each decision as get() reads it.
		expect(lazy.lab.schedulingDecisions()).toBe(late);
	});
});

describe('containers shared by pods that started alike', () => {
	const restarts = (lab: ReturnType<typeof createLab>) =>
		(JSON.parse(lab.exec('kubectl get pods -o json').output) as { items: Pod[] }).items.map(
			(p) => [p.metadata!.name!, p.status!.containerStatuses![0]!.restartCount] as const
		);

	it('change for one pod only: a crash, a probe, time travel', () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 2, seed: 8 });
		lab.exec('kubectl create deployment web --image=nginx:1.27 --replicas=6');
		lab.advance(15_000);
		const before = restarts(lab);
		expect(before.map(([, n]) => n)).toEqual([0, 0, 0, 0, 0, 0]);
		const [victim] = before[2]!;
		expect(lab.exec(`sim crash pod ${victim}`).ok).toBe(true);
		lab.advance(15_000);
		const after = restarts(lab);
		expect(after.map(([name, n]) => [name, n])).toEqual(
			before.map(([name]) => [name, name === victim ? 1 : 0])
		);
		const [unhealthy] = before[4]!;
		expect(lab.exec(`sim unhealthy pod ${unhealthy}`).ok).toBe(true);
		lab.advance(5_000);
		// Without probes an unhealthy container keeps running: nothing else changed either.
		expect(restarts(lab)).toEqual(after);
		lab.seek(14_000);
		expect(restarts(lab).map(([, n]) => n)).toEqual([0, 0, 0, 0, 0, 0]);
		lab.seek(35_000);
		expect(restarts(lab)).toEqual(after);
		lab.exec(`sim crash pod ${before[0]![0]}`);
		lab.advance(15_000);
		expect(
			restarts(lab)
				.filter(([, n]) => n === 1)
				.map(([name]) => name)
		).toEqual([before[0]![0], victim]);
	});

	it('keep each pod’s readiness its own under readiness probes', () => {
		const lab = labWithDeployment(
			'probed',
			{
				name: 'web',
				image: 'nginx:1.27',
				readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 }
			},
			4
		);
		lab.advance(20_000);
		const ready = () =>
			(JSON.parse(lab.exec('kubectl get pods -o json').output) as { items: Pod[] }).items.map(
				(p) => [p.metadata!.name!, p.status!.containerStatuses![0]!.ready] as const
			);
		const before = ready();
		expect(before.map(([, r]) => r)).toEqual([true, true, true, true]);
		const [sick] = before[1]!;
		expect(lab.exec(`sim unhealthy pod ${sick}`).ok).toBe(true);
		lab.advance(30_000);
		expect(ready()).toEqual(before.map(([name]) => [name, name !== sick]));
	});

	it('run each pod’s program on its own, step by step', () => {
		const lab = labWithDeployment(
			'steps',
			{
				name: 'job',
				image: 'busybox:1.36',
				command: ['sh', '-c', 'sleep 5; touch /tmp/a; sleep 5; exit 3']
			},
			6
		);
		const states = () =>
			(JSON.parse(lab.exec('kubectl get pods -o json').output) as { items: Pod[] }).items.map(
				(p) => {
					const c = p.status!.containerStatuses![0]!;
					return `${c.restartCount}/${c.ready}/${c.state?.running ? 'running' : 'not'}`;
				}
			);
		lab.advance(4_000);
		const first = states();
		expect(new Set(first).size).toBe(1);
		lab.advance(4_000);
		// Each pod has slept its five seconds and touched its file: none has exited yet.
		expect(states()).toEqual([
			'0/true/running',
			'0/true/running',
			'0/true/running',
			'0/true/running'
		]);
		lab.seek(4_000);
		expect(states()).toEqual(first);
		lab.advance(4_000);
		expect(states()).toEqual([
			'0/true/running',
			'0/true/running',
			'0/true/running',
			'0/true/running'
		]);
		lab.advance(6_000);
		// Then each exits 3 once, five seconds later, and is restarted.
		expect(states().every((s) => s.startsWith('1/'))).toBe(true);
	});
});
