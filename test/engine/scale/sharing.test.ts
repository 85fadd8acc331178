/**
 * The scale diet's structural sharing (issue 3): pods made from one template share what they
 * hold alike, and a collection served by a view reads like any other through the store.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../src/engine/core/kernel';
import type { CollectionView, WatchEvent } from '../../../src/engine/core/store';
import { ApiServer } from '../../../src/engine/kubernetes/api/api-server';
import { PODS } from '../../../src/engine/kubernetes/api/collections';
import { createLab } from '../../../src/engine/index';

function kernel(): Kernel {
	return new Kernel(1, { latencyMs: 1, jitterMs: 0, loss: 0 });
}

describe('pods from one template', () => {
	it('share one admitted spec, with the default not-ready/unreachable tolerations', () => {
		const api = new ApiServer(kernel());
		const spec = { containers: [{ name: 'web', image: 'nginx:1.27' }] };
		const make = (name: string) =>
			api.create<Pod>(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });
		const a = make('a');
		const b = make('b');
		expect(b.spec).toBe(a.spec);
		expect(a.spec!.tolerations!.map((t) => [t.key, t.tolerationSeconds])).toEqual([
			['node.kubernetes.io/not-ready', 300],
			['node.kubernetes.io/unreachable', 300]
		]);
		// The template's own spec is left as it was.
		expect(spec).not.toHaveProperty('tolerations');
	});

	it('keeps a pod’s own NoExecute toleration and adds only the missing default', () => {
		const api = new ApiServer(kernel());
		const pod = api.create<Pod>(PODS, {
			apiVersion: 'v1',
			kind: 'Pod',
			metadata: { name: 'p' },
			spec: {
				containers: [{ name: 'c', image: 'nginx' }],
				tolerations: [
					{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }
				]
			}
		});
		expect(pod.spec!.tolerations!.map((t) => [t.key, t.tolerationSeconds])).toEqual([
			['node.kubernetes.io/unreachable', undefined],
			['node.kubernetes.io/not-ready', 300]
		]);
	});

	it('print like any pod: -o yaml shows each pod’s full spec, never a YAML alias', () => {
		const lab = createLab({ flavor: 'kubernetes', workers: 2, seed: 5 });
		lab.exec('kubectl create deployment web --image=nginx:1.27 --replicas=3');
		lab.advance(10_000);
		const yaml = lab.exec('kubectl get pods -o yaml').output;
		expect(yaml).not.toMatch(/[&*]a\d/);
		expect(yaml.match(/tolerationSeconds: 300/g)).toHaveLength(6);
		expect(yaml.match(/- ip: 172\.18\.0\.\d/g)!.length).toBeGreaterThanOrEqual(3);
	});
});

/** A toy view: objects by key, as a mounted collection keeps them. */
function mapView(): CollectionView & { map: Map<string, unknown> } {
	const map = new Map<string, unknown>();
	return {
		map,
		get: (k) => map.get(k),
		list: () => [...map.keys()].sort().map((k) => map.get(k)),
		size: () => map.size,
		revisionOf: () => undefined,
		put: (k, o) => void map.set(k, o),
		delete: (k) => {
			const o = map.get(k);
			map.delete(k);
			return o;
		}
	};
}

describe('a collection served by a view', () => {
	it('reads through the store, and its writes take revisions and reach watchers', () => {
		const k = kernel();
		const view = mapView();
		k.store.mount('things', view);
		const seen: WatchEvent[] = [];
		k.store.watch('things', (e) => seen.push(e));
		k.store.put('things', 'b', (rv) => ({ name: 'b', rv }));
		const rv = k.store.commit('things', false, (r) => ({ key: 'a', object: { name: 'a', rv: r } }));
		view.map.set('a', { name: 'a', rv });
		expect(k.store.list('things')).toEqual([
			{ name: 'a', rv: 2 },
			{ name: 'b', rv: 1 }
		]);
		expect(k.store.get('things', 'b')).toEqual({ name: 'b', rv: 1 });
		expect(k.store.size('things')).toBe(2);
		expect(k.store.currentRevision).toBe(2);
		expect(seen.map((e) => [e.type, e.key, e.revision])).toEqual([
			['ADDED', 'b', 1],
			['ADDED', 'a', 2]
		]);
		expect(k.store.delete('things', 'b')).toBe(true);
		expect(k.store.delete('things', 'b')).toBe(false);
		expect(seen.at(-1)).toMatchObject({ type: 'DELETED', key: 'b', revision: 3 });
	});

	it('cannot be mounted over a collection that already has objects', () => {
		const k = kernel();
		k.store.put('things', 'x', () => ({}));
		expect(() => k.store.mount('things', mapView())).toThrow(/already has objects/);
	});
});
