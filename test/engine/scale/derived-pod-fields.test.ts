/**
 * Pod fields the engine works out when read rather than storing per pod (issue 3's heap goal):
 * status.podIPs and status.hostIPs from podIP and hostIP, metadata.resourceVersion from the
 * write's revision, status.podIP from the address's code. kubectl must print them exactly as
 * the API server returns them.
 */
import type { Pod, PodStatus } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import {
	kubeletStatus,
	withResourceVersion,
	type KubeletStatus
} from '../../../src/engine/kubernetes/api/compact-objects';
import { podIpCode, podIpText } from '../../../src/engine/kubernetes/api/pod-ip-code';

/** `a.b.c.d` as an unsigned 32-bit number. */
function address(text: string): number {
	return text.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

type Lab = ReturnType<typeof createLab>;

const pods = (lab: Lab, ns = '-A'): Pod[] =>
	(JSON.parse(lab.exec(`kubectl get pods ${ns} -o json`).output) as { items: Pod[] }).items;

function labWithPods(): Lab {
	const lab = createLab({ flavor: 'kubernetes', workers: 3, seed: 17 });
	expect(lab.exec('kubectl create deployment web --image=nginx:1.27 --replicas=6').ok).toBe(true);
	expect(lab.exec('kubectl run solo --image=nginx:1.27').ok).toBe(true);
	lab.advance(20_000);
	return lab;
}

describe('pods as kubectl prints them', () => {
	it('list podIPs and hostIPs as [{ip}] of podIP and hostIP (single-stack: one each)', () => {
		const lab = labWithPods();
		const all = pods(lab, '-n default');
		expect(all).toHaveLength(7);
		for (const p of all) {
			const s = p.status!;
			expect(s.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
			// core/v1 PodStatus: podIPs[0] is podIP; hostIPs[0] is hostIP.
			expect(s.podIPs).toEqual([{ ip: s.podIP }]);
			expect(s.hostIPs).toEqual([{ ip: s.hostIP }]);
			// kubectl prints an object's keys sorted (unstructured JSON): these ten, no more.
			expect(Object.keys(s)).toEqual([
				'conditions',
				'containerStatuses',
				'hostIP',
				'hostIPs',
				'observedGeneration',
				'phase',
				'podIP',
				'podIPs',
				'qosClass',
				'startTime'
			]);
			expect(p.metadata!.resourceVersion).toMatch(/^[1-9]\d*$/);
		}
		const name = all[0]!.metadata!.name!;
		const ip = all[0]!.status!.podIP!;
		expect(lab.exec(`kubectl get pod ${name} -o yaml`).output).toContain(
			`  podIP: ${ip}\n  podIPs:\n  - ip: ${ip}\n`
		);
		// describe.go describePod: "IP:" then "IPs:" with one "IP:" line per address.
		expect(lab.exec(`kubectl describe pod ${name}`).output).toMatch(
			new RegExp(
				`IP:\\s+${ip.replaceAll('.', '\\.')}\\nIPs:\\n  IP:\\s+${ip.replaceAll('.', '\\.')}\\n`
			)
		);
	});

	it('print the same after time travel, and a write moves resourceVersion on', () => {
		const lab = labWithPods();
		const before = lab.exec('kubectl get pods -A -o json').output;
		const solo = pods(lab, '-n default').find((p) => p.metadata!.name === 'solo')!;
		const web = pods(lab, '-n default').find((p) => p.metadata!.name!.startsWith('web-'))!;
		lab.advance(1_000);
		expect(lab.exec(`kubectl label pod ${web.metadata!.name} extra=yes`).ok).toBe(true);
		lab.advance(5_000);
		const labelled = pods(lab, '-n default').find((p) => p.metadata!.name === web.metadata!.name)!;
		expect(Number(labelled.metadata!.resourceVersion)).toBeGreaterThan(
			Number(web.metadata!.resourceVersion)
		);
		expect(labelled.metadata!.labels).toEqual({ ...web.metadata!.labels, extra: 'yes' });
		expect(labelled.status!.podIPs).toEqual(web.status!.podIPs);
		const after = lab.exec('kubectl get pods -A -o json').output;
		lab.seek(20_000);
		expect(lab.exec('kubectl get pods -A -o json').output).toBe(before);
		lab.seek(26_000);
		expect(lab.exec('kubectl get pods -A -o json').output).toBe(after);
		expect(pods(lab, '-n default').find((p) => p.metadata!.name === 'solo')).toEqual(solo);
	});
});

describe('a pod’s IP kept as a code', () => {
	it('reads back as the address it stands for, a small integer in 10.0.0.0/8', () => {
		for (const text of [
			'10.0.0.0',
			'10.244.0.2',
			'10.244.255.254',
			'10.243.19.31',
			'10.255.255.255'
		]) {
			const code = podIpCode(address(text));
			expect(typeof code).toBe('number');
			// Under 2^24: a Smi with or without pointer compression, no heap object.
			expect(code as number).toBeLessThan(2 ** 24);
			expect(podIpText(code)).toBe(text);
		}
		expect(podIpText(podIpCode(address('172.18.0.3')))).toBe('172.18.0.3');
		expect(podIpText('172.18.0.3')).toBe('172.18.0.3');
	});

	it('shows the same address in -o wide, the field selector, endpoints and a hostNetwork pod', () => {
		const lab = labWithPods();
		expect(lab.exec('kubectl expose deployment web --port=80').ok).toBe(true);
		expect(
			lab.exec(`kubectl run host --image=nginx:1.27 --overrides='{"spec":{"hostNetwork":true}}'`).ok
		).toBe(true);
		lab.advance(20_000);
		const all = pods(lab, '-n default');
		const web = all.filter((p) => p.metadata!.name!.startsWith('web-'));
		const ips = web.map((p) => p.status!.podIP!);
		expect(new Set(ips).size).toBe(6);
		// printers.go printPod: the wide IP column is podIPs[0] (else podIP).
		const wide = lab.exec('kubectl get pods -o wide').output;
		for (const p of all)
			expect(wide).toMatch(
				new RegExp(`^${p.metadata!.name}\\s.*\\s${p.status!.podIP!.replaceAll('.', '\\.')}\\s`, 'm')
			);
		// registry/core/pod PodToSelectableFields: status.podIP.
		const first = web[0]!;
		expect(
			lab.exec(`kubectl get pods --field-selector status.podIP=${first.status!.podIP} -o name`)
				.output
		).toBe(`pod/${first.metadata!.name}\n`);
		// endpointslice utils.go podToEndpoint: addresses are [pod.Status.PodIP].
		const slices = JSON.parse(
			lab.exec('kubectl get endpointslices -l kubernetes.io/service-name=web -o json').output
		) as { items: { endpoints: { addresses: string[] }[] }[] };
		const listed = slices.items.flatMap((s) => s.endpoints.map((e) => e.addresses[0]!));
		expect(listed.sort()).toEqual([...ips].sort());
		// A hostNetwork pod's IP is its node's (kubelet_pods.go generateAPIPodStatus).
		const host = all.find((p) => p.metadata!.name === 'host')!;
		expect(host.status!.podIP).toBe(host.status!.hostIP);
		expect(host.status!.podIPs).toEqual([{ ip: host.status!.hostIP }]);
	});
});

describe('derived fields read like stored ones', () => {
	const f: KubeletStatus = {
		phase: 'Running',
		conditions: [],
		containerStatuses: [],
		hostIP: '172.18.0.3',
		podIP: '10.244.2.7',
		qosClass: 'BestEffort',
		startTime: '2026-01-05T09:00:00Z',
		observedGeneration: 1
	};
	const started: PodStatus = {
		phase: 'Pending',
		qosClass: 'BestEffort',
		conditions: [],
		containerStatuses: [],
		hostIP: '172.18.0.3',
		hostIPs: [{ ip: '172.18.0.3' }],
		startTime: '2026-01-05T09:00:00Z',
		observedGeneration: 1
	};

	it('a spread copies them as plain data, each read a list of its own', () => {
		const s = kubeletStatus(started, f);
		const copy = { ...s };
		expect(copy).toStrictEqual(s);
		expect(JSON.stringify(copy)).toBe(JSON.stringify(s));
		expect(Object.getOwnPropertyDescriptor(copy, 'podIPs')!.value).toEqual([{ ip: f.podIP }]);
		// Nobody can change the stored status through what they read.
		s.podIPs!.push({ ip: '10.0.0.1' });
		expect(s.podIPs).toEqual([{ ip: f.podIP }]);
	});

	it('a status made from the IP’s code is the one made from its text', () => {
		const fromCode = kubeletStatus(started, { ...f, podIP: podIpCode(address('10.244.2.7')) });
		const fromText = kubeletStatus(started, f);
		expect(fromCode).toStrictEqual(fromText);
		expect(Object.keys(fromCode)).toEqual(Object.keys(fromText));
		expect(JSON.stringify(fromCode)).toBe(JSON.stringify(fromText));
		expect({ ...fromCode }).toStrictEqual({ ...fromText });
		// Any other starting shape takes the spread: the same fields, the address as text.
		const odd = kubeletStatus(
			{ phase: 'Pending', message: 'x' },
			{ ...f, podIP: podIpCode(address('10.244.2.7')) }
		);
		expect(odd.podIP).toBe('10.244.2.7');
		expect(odd.podIPs).toEqual([{ ip: '10.244.2.7' }]);
	});

	it('resourceVersion is the revision’s decimal text, and a changed copy keeps its changes', () => {
		const meta: ObjectMeta = {
			generateName: 'web-5d4f8-',
			namespace: 'default',
			labels: { app: 'web' },
			ownerReferences: [],
			name: 'web-5d4f8-abcde',
			uid: 'u-1',
			resourceVersion: '7',
			creationTimestamp: '2026-01-05T09:00:00Z',
			generation: 1
		};
		const next = withResourceVersion(meta, 1234);
		expect(next).toStrictEqual({ ...meta, resourceVersion: '1234' });
		const relabelled = withResourceVersion({ ...next, labels: { app: 'other' } }, 1240);
		expect(relabelled).toStrictEqual({
			...meta,
			labels: { app: 'other' },
			resourceVersion: '1240'
		});
		expect(Object.keys(relabelled)).toEqual(Object.keys(meta));
	});
});

describe('the scheduler’s cache of bound pods', () => {
	const hostPortPod = (name: string) =>
		`kubectl run ${name} --image=nginx:1.27 --overrides='{"spec":{"containers":[{"name":"${name}","image":"nginx:1.27","ports":[{"containerPort":80,"hostPort":8080}]}]}}'`;
	const phase = (lab: Lab, name: string) =>
		pods(lab, '-n default').find((p) => p.metadata!.name === name)?.status?.phase;

	it('frees a deleted pod’s host port for the next pod (NodePorts)', () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 1, seed: 4 });
		expect(lab.exec(hostPortPod('a')).ok).toBe(true);
		lab.advance(10_000);
		expect(phase(lab, 'a')).toBe('Running');
		expect(lab.exec(hostPortPod('b')).ok).toBe(true);
		lab.advance(5_000);
		expect(phase(lab, 'b')).toBe('Pending');
		// plugins/nodeports: the one worker has 8080 taken (the control plane is tainted).
		expect(lab.exec('kubectl describe pod b').output).toContain(
			"didn't have free ports for the requested pod ports"
		);
		expect(lab.exec('kubectl delete pod a').ok).toBe(true);
		lab.advance(40_000);
		expect(phase(lab, 'a')).toBeUndefined();
		expect(phase(lab, 'b')).toBe('Running');
	});
});
