import { describe, expect, it } from 'vitest';
import { parseReference, resolveImage } from '../../../src/engine/registry/registries';

describe('parseReference (docker reference normalisation)', () => {
	it.each([
		['nginx', 'docker.io', 'library/nginx', 'latest'],
		['nginx:1.27', 'docker.io', 'library/nginx', '1.27'],
		['bitnami/redis:7.2', 'docker.io', 'bitnami/redis', '7.2'],
		['registry.k8s.io/pause:3.10', 'registry.k8s.io', 'pause', '3.10'],
		['localhost:5000/shop', 'localhost:5000', 'shop', 'latest']
	])('%s', (image, host, path, tag) => {
		expect(parseReference(image)).toMatchObject({ host, path, tag });
	});

	it('refuses what docker refuses', () => {
		for (const bad of ['NGINX', 'nginx:', 'nginx::1', ' nginx', ''])
			expect(parseReference(bad)).toBeUndefined();
	});
});

describe('resolveImage', () => {
	it('serves real tags of official images and refuses typos with not found', () => {
		for (const ok of [
			'nginx:1.14.2',
			'nginx:1.16.1',
			'nginx:1.27-alpine',
			'busybox:1.36',
			'redis:7.2',
			'postgres:16',
			'perl'
		]) {
			expect(resolveImage(ok).ok, ok).toBe(true);
		}
		for (const typo of ['nginx:1.277', 'nginx:lastest', 'redis:77', 'busybox:2']) {
			const r = resolveImage(typo);
			expect(r.ok, typo).toBe(false);
			if (!r.ok) expect(r.reason).toBe('not-found');
		}
	});

	it('serves any image of public registries, and the lab registry only what was pushed', () => {
		expect(resolveImage('ghcr.io/acme/shop:3').ok).toBe(true);
		expect(resolveImage('europe-docker.pkg.dev/p/r/img:1').ok).toBe(true);
		expect(resolveImage('registry.lab:5000/shop:1').ok).toBe(false);
		expect(resolveImage('registry.lab:5000/shop:1', new Set(['shop:1'])).ok).toBe(true);
	});

	it('fails an unknown host the way a DNS failure does', () => {
		const r = resolveImage('registry.example.invalid/web:1');
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.message).toMatch(/no such host$/);
	});
});
