// An update that changes nothing is a no-op: etcd3's GuaranteedUpdate
// (staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go) compares the encoded object with the
// stored bytes and, when they are equal, returns the stored object without writing: the object
// keeps its resourceVersion (and generation: the registries bump it only when the spec changes)
// and no watch event is sent. kubectl prints what it always prints for the verb.
import { describe, expect, it } from 'vitest';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Node } from 'kubernetes-types/core/v1';
import { createLab, type Lab } from '../../../src/engine/index';
import { Kernel } from '../../../src/engine/core/kernel';
import type { WatchEvent } from '../../../src/engine/core/store';
import { ApiServer, type KubeObject } from '../../../src/engine/kubernetes/api/api-server';
import { DEPLOYMENTS } from '../../../src/engine/kubernetes/api/collections';
import {
	guaranteedUpdate,
	unchanged as compare
} from '../../../src/engine/kubernetes/api/unchanged';
import { succeeds } from '../lab-helpers';

const versions = (lab: Lab, what: string) =>
	succeeds(
		lab,
		`kubectl get ${what} -o jsonpath={.metadata.resourceVersion}/{.metadata.generation}`
	).output;

function webLab(): Lab {
	const lab = createLab({ flavor: 'kubernetes', seed: 1 });
	succeeds(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
	lab.advance(30_000);
	return lab;
}

describe('kubectl verbs that change nothing write nothing', () => {
	it('scale to the current count: "scaled", same resourceVersion and generation', () => {
		const lab = webLab();
		const before = versions(lab, 'deployment web');
		expect(succeeds(lab, 'kubectl scale deployment web --replicas=3').output).toBe(
			'deployment.apps/web scaled\n'
		);
		lab.advance(5_000);
		expect(versions(lab, 'deployment web')).toBe(before);
		// A real change still writes and bumps the generation (spec.replicas changed).
		succeeds(lab, 'kubectl scale deployment web --replicas=4');
		expect(versions(lab, 'deployment web')).not.toBe(before);
		expect(versions(lab, 'deployment web').split('/')[1]).toBe('2');
	});

	it('label and annotate with the values the object has: the object keeps its version', () => {
		const lab = webLab();
		succeeds(lab, 'kubectl label deployment web tier=front');
		succeeds(lab, 'kubectl annotate deployment web note=x');
		const before = versions(lab, 'deployment web');
		// label.go MsgNotLabeled; annotate.go prints "annotated" whatever the patch changed.
		expect(succeeds(lab, 'kubectl label deployment web tier=front --overwrite').output).toBe(
			'deployment.apps/web not labeled\n'
		);
		expect(succeeds(lab, 'kubectl annotate deployment web note=x --overwrite').output).toBe(
			'deployment.apps/web annotated\n'
		);
		expect(versions(lab, 'deployment web')).toBe(before);
	});

	it('patch and set image with nothing to change', () => {
		const lab = webLab();
		const before = versions(lab, 'deployment web');
		expect(succeeds(lab, `kubectl patch deployment web -p '{"spec":{"replicas":3}}'`).output).toBe(
			'deployment.apps/web patched (no change)\n'
		);
		// set image to the same image: the patch is empty and kubectl prints nothing.
		expect(succeeds(lab, 'kubectl set image deployment/web nginx=nginx:1.27').output).toBe('');
		expect(versions(lab, 'deployment web')).toBe(before);
	});
});

describe('writers in the cluster', () => {
	it('a node status post identical to the stored node keeps the node’s version', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 1 });
		// The kubelet's post at 00:00 reports what node registration stored: no write.
		lab.advance(1_000);
		const node = JSON.parse(succeeds(lab, 'kubectl get node node-1 -o json').output) as Node;
		expect(node.metadata?.resourceVersion).toBe('3');
	});

	it('a status update that changes nothing: no new version, no watch event', () => {
		const kernel = new Kernel(1, { latencyMs: 1, jitterMs: 0, loss: 0 });
		const api = new ApiServer(kernel);
		const created = api.create<Deployment>(DEPLOYMENTS, {
			apiVersion: 'apps/v1',
			kind: 'Deployment',
			metadata: { name: 'web', namespace: 'default' },
			spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: {} },
			status: { replicas: 2, observedGeneration: 1 }
		});
		const heard: WatchEvent[] = [];
		kernel.store.watch(DEPLOYMENTS, (e) => heard.push(e));
		const revision = kernel.store.currentRevision;
		// The same status, its fields in another order: the same bytes.
		const again = api.update<Deployment>(DEPLOYMENTS, {
			...created,
			status: { observedGeneration: 1, replicas: 2 }
		});
		expect(again).toBe(created);
		// A caller's "spec changed" does not bump the generation of an unchanged object.
		expect(api.update<Deployment>(DEPLOYMENTS, { ...created }, true)).toBe(created);
		expect(kernel.store.currentRevision).toBe(revision);
		expect(heard).toEqual([]);
		const scaled = api.update<Deployment>(
			DEPLOYMENTS,
			{ ...created, spec: { ...created.spec!, replicas: 3 } },
			true
		);
		expect(scaled.metadata?.resourceVersion).toBe(String(revision + 1));
		expect(scaled.metadata?.generation).toBe(2);
		expect(heard.map((e) => e.type)).toEqual(['MODIFIED']);
	});

	it('guaranteedUpdate writes only what differs', () => {
		const kernel = new Kernel(1, { latencyMs: 1, jitterMs: 0, loss: 0 });
		const node = (rv: number, ready: string): Node => ({
			apiVersion: 'v1',
			kind: 'Node',
			metadata: { name: 'n', resourceVersion: String(rv) },
			status: { conditions: [{ type: 'Ready', status: ready }] }
		});
		const first = kernel.store.put<Node>('core/v1/nodes', 'n', (rv) => node(rv, 'True'));
		// The object is built once, its resourceVersion as read; the store sets the write's.
		expect(guaranteedUpdate(kernel.store, 'core/v1/nodes', 'n', node(1, 'True'))).toBe(first);
		expect(kernel.store.currentRevision).toBe(1);
		const next = guaranteedUpdate(kernel.store, 'core/v1/nodes', 'n', node(1, 'False'));
		expect(next.metadata?.resourceVersion).toBe('2');
	});
});

describe('unchanged: the bytes the API server would store', () => {
	// Objects of any shape: the comparison is by fields, not by kind.
	const unchanged = (next: object, stored: object) =>
		compare(next as KubeObject, stored as KubeObject);
	const base = {
		apiVersion: 'v1',
		kind: 'ConfigMap',
		metadata: { name: 'a', resourceVersion: '5', labels: { x: '1' } },
		data: { k: 'v' }
	};

	it('ignores resourceVersion, key order and fields set to undefined', () => {
		expect(unchanged({ ...base, metadata: { ...base.metadata, resourceVersion: '9' } }, base)).toBe(
			true
		);
		const { data, ...rest } = base;
		expect(unchanged({ data, ...rest }, base)).toBe(true);
		expect(unchanged({ ...base, binaryData: undefined }, base)).toBe(true);
	});

	it('sees any other difference, however deep', () => {
		expect(unchanged({ ...base, data: { k: 'w' } }, base)).toBe(false);
		expect(unchanged({ ...base, data: { k: 'v', l: 'v' } }, base)).toBe(false);
		expect(unchanged({ ...base, metadata: { ...base.metadata, labels: {} } }, base)).toBe(false);
		expect(unchanged({ ...base, metadata: { ...base.metadata, uid: 'u' } }, base)).toBe(false);
		// Lists keep their order.
		const list = { ...base, items: ['a', 'b'] };
		expect(unchanged({ ...base, items: ['b', 'a'] }, list)).toBe(false);
		expect(unchanged({ ...base, items: { 0: 'a', 1: 'b' } }, list)).toBe(false);
	});
});
