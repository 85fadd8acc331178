/**
 * Pull sizes (src/engine/kubernetes/images.ts): the known official images by repository, any
 * other image the stated default, a pushed image its own layers — and an image whose name is
 * also an Object.prototype key is just another unknown image.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { DEFAULT_IMAGE_BYTES, imageBytes } from '../../../src/engine/kubernetes/images';

describe('image sizes for pulls', () => {
	it('knows an official image by its repository, however it is written', () => {
		for (const ref of ['nginx', 'nginx:1.27', 'docker.io/library/nginx:1.27', 'library/nginx'])
			expect(imageBytes(ref)).toBe(70_000_000);
		// Asked again (a Deployment's every pod): the same answer.
		expect(imageBytes('nginx:1.27')).toBe(70_000_000);
	});

	it('gives any other image the default, names like constructor included', () => {
		for (const ref of ['example/app:1', 'constructor', '__proto__', 'hasownproperty:2'])
			expect(imageBytes(ref)).toBe(DEFAULT_IMAGE_BYTES);
	});

	it('prefers a pushed image’s own size', () => {
		expect(imageBytes('nginx:1.27', { bytesOf: () => 1234 })).toBe(1234);
	});

	it('pulls an image called constructor like any other', () => {
		const lab = createLab({ seed: 1 });
		expect(lab.exec('kubectl run c --image=constructor').ok).toBe(true);
		lab.advance(30_000);
		const out = lab.exec('kubectl describe pod c').output;
		expect(out).toContain(`Image size: ${DEFAULT_IMAGE_BYTES} bytes.`);
		expect(lab.exec('kubectl get pod c --no-headers').output).toMatch(/Running/);
	});
});
