/** The tutorial images whose tags the tutorials rely on (registries.ts TUTORIAL_TAGS). */
import { describe, expect, it } from 'vitest';
import { resolveImage } from '../../../src/engine/registry/registries';

describe('Kubernetes Basics images', () => {
	it('serve v1 (and jocatalin v2) but not the v10 the update tutorial uses to fail', () => {
		expect(resolveImage('gcr.io/google-samples/kubernetes-bootcamp:v1').ok).toBe(true);
		expect(resolveImage('docker.io/jocatalin/kubernetes-bootcamp:v2').ok).toBe(true);
		expect(resolveImage('jocatalin/kubernetes-bootcamp:v1').ok).toBe(true);
		const v10 = resolveImage('gcr.io/google-samples/kubernetes-bootcamp:v10');
		expect(v10.ok).toBe(false);
		expect(!v10.ok && v10.reason).toBe('not-found');
		expect(resolveImage('jocatalin/kubernetes-bootcamp:v3').ok).toBe(false);
		// Other images of the same hosts still resolve whatever their tag.
		expect(resolveImage('gcr.io/google-samples/hello-app:2.0').ok).toBe(true);
	});
});
