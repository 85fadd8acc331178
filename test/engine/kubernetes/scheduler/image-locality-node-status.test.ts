/**
 * ImageLocality scores what the kubelets report in node.status.images: each kubelet lists the
 * images its runtime holds (nodestatus/setters.go Images: digests then tags, with their size,
 * largest first), from an image cache refreshed every 30 s (images/image_gc_manager.go), and
 * posts its status at the next 10 s check that sees the change. The scheduler matches a
 * container's image by its text with ":latest" added when untagged
 * (imagelocality/image_locality.go normalizedImageName): containerd lists
 * `docker.io/library/postgres:16`, so only a pod naming the image that way scores.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../../src/engine/index';
import type { Lab } from '../../../../src/engine/types';
import { succeeds } from '../../lab-helpers';

const pod = (name: string, image: string, node?: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
${node ? `  nodeName: ${node}\n` : ''}  containers: [{name: c, image: "${image}"}]
`;

const POSTGRES = 'docker.io/library/postgres:16';

function lab(): Lab {
	const files: Record<string, string> = {
		'pinned.yaml': pod('pinned', POSTGRES, 'node-2'),
		'full.yaml': pod('full', POSTGRES),
		'short.yaml': pod('short', 'postgres:16')
	};
	const l = createLab({ seed: 7, workers: 3, readFile: (p) => files[p] });
	l.advance(30_000);
	return l;
}

interface StatusImage {
	names: string[];
	sizeBytes: number;
}

function images(l: Lab, node: string): StatusImage[] {
	const out = succeeds(l, `kubectl get node ${node} -o json`).output;
	return (JSON.parse(out) as { status: { images?: StatusImage[] } }).status.images ?? [];
}

function imageLocality(l: Lab, pod: string): Record<string, number | undefined> {
	const d = l.scheduling('default', pod);
	if (d === undefined) throw new Error(`no decision for ${pod}`);
	return Object.fromEntries(
		d.rows.map((r) => [r.node, r.scores.find((s) => s.plugin === 'ImageLocality')?.raw])
	);
}

describe('node.status.images', () => {
	it("lists a pulled image, by digest and tag with its size, from the kubelet's next image list", () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f pinned.yaml');
		l.advance(15_000);
		// Pulled (160 MB at the lab's pull rate) and running, but the cache has not listed it yet.
		expect(succeeds(l, 'kubectl get pod pinned').output).toContain('Running');
		expect(images(l, 'node-2').some((i) => i.names.includes(POSTGRES))).toBe(false);
		// The cache's refresh at 1m lists it; the status check 10 s later posts it.
		l.advance(30_000);
		const listed = images(l, 'node-2');
		expect(listed[0]).toEqual({
			names: [
				expect.stringMatching(/^docker\.io\/library\/postgres@sha256:[0-9a-f]{64}$/),
				POSTGRES
			],
			sizeBytes: 160_000_000
		});
		// The digest is the one the pod's status names.
		const status = JSON.parse(succeeds(l, 'kubectl get pod pinned -o json').output) as {
			status: { containerStatuses: { imageID: string }[] };
		};
		expect(listed[0]!.names[0]).toBe(status.status.containerStatuses[0]!.imageID);
		// Largest first; other nodes list no postgres.
		const sizes = listed.map((i) => i.sizeBytes);
		expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
		expect(images(l, 'node-1').some((i) => i.names.includes(POSTGRES))).toBe(false);
	});

	it("keeps the list across a kubelet's restart: the node's images are still there", () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f pinned.yaml');
		l.advance(60_000);
		const before = images(l, 'node-2');
		expect(before.some((i) => i.names.includes(POSTGRES))).toBe(true);
		succeeds(l, 'sim node restart node-2');
		for (let t = 0; t < 60_000; t += 5_000) {
			l.advance(5_000);
			expect(images(l, 'node-2')).toEqual(before);
		}
	});

	it('gives ImageLocality a score on the node that has the image, for the name it lists', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f pinned.yaml');
		l.advance(60_000);
		succeeds(l, 'kubectl apply -f full.yaml');
		succeeds(l, 'kubectl apply -f short.yaml');
		l.advance(1_000);
		// 160 MB on 1 of 4 nodes: 40 MB scaled, (40e6 − 23 MiB) × 100 / (1000 MiB − 23 MiB) → 1.
		expect(imageLocality(l, 'full')).toMatchObject({ 'node-1': 0, 'node-2': 1, 'node-3': 0 });
		expect(imageLocality(l, 'short')).toMatchObject({ 'node-1': 0, 'node-2': 0, 'node-3': 0 });
	});
});
