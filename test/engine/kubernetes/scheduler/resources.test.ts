import { describe, expect, it } from 'vitest';
import {
	milliValue,
	nodeAllocatable,
	podRequests,
	quantityValue
} from '../../../../src/engine/kubernetes/scheduler/resources';
import { node, pod } from './helpers';

describe('quantities', () => {
	it.each([
		['100m', 100],
		['0.5', 500],
		['1', 1000],
		['2.25', 2250],
		['1e3', 1_000_000],
		['0.1m', 1], // more than 3 decimals rounds up (Quantity's rule)
		['.5', 500]
	])('MilliValue(%s) = %i', (q, want) => expect(milliValue(q)).toBe(want));

	it.each([
		['128Mi', 134_217_728],
		['1Gi', 1_073_741_824],
		['1G', 1_000_000_000],
		['512M', 512_000_000],
		['1Ki', 1024],
		['1e3', 1000],
		['8148340Ki', 8_343_900_160],
		['1000Gi', 1_073_741_824_000],
		['0.5', 1], // Value() rounds up
		['1.5Gi', 1_610_612_736],
		['110', 110]
	])('Value(%s) = %i', (q, want) => expect(quantityValue(q)).toBe(want));

	it('does not parse garbage', () => {
		expect(quantityValue('12 apples')).toBeNaN();
		expect(milliValue('.')).toBeNaN();
	});
});

describe('pod requests (component-helpers PodRequests)', () => {
	it('sums containers, takes the max with init containers, adds overhead', () => {
		const p = pod('p', {
			requests: { cpu: '200m', memory: '100Mi' },
			spec: {
				initContainers: [
					{ name: 'i1', resources: { requests: { cpu: '500m', memory: '10Mi' } } },
					{ name: 'i2', resources: { requests: { memory: '300Mi' } } }
				],
				overhead: { cpu: '50m', memory: '1Mi' }
			}
		});
		p.spec?.containers.push({
			name: 'c2',
			resources: { requests: { cpu: '100m', memory: '100Mi' } }
		});
		const r = podRequests(p);
		expect(r.milliCPU).toBe(500 + 50); // max(300, 500) + overhead
		expect(r.memory).toBe((300 + 1) * 1024 * 1024); // max(200Mi, 300Mi) + 1Mi
	});

	it('counts a sidecar (restartPolicy Always) in the sum and under later init containers', () => {
		const p = pod('p', {
			requests: { cpu: '100m' },
			spec: {
				initContainers: [
					{ name: 'side', restartPolicy: 'Always', resources: { requests: { cpu: '200m' } } },
					{ name: 'init', resources: { requests: { cpu: '250m' } } }
				]
			}
		});
		// containers + sidecar = 300m; the init container runs beside the sidecar: 450m.
		expect(podRequests(p).milliCPU).toBe(450);
	});

	it('takes an absent request from the limit, as API-server defaulting does', () => {
		const p = pod('p', { container: { resources: { limits: { memory: '1000Gi' } } } });
		expect(podRequests(p).memory).toBe(1000 * 2 ** 30);
	});

	it('applies the 100m / 200Mi non-zero defaults only to missing keys', () => {
		expect(podRequests(pod('p'), true)).toMatchObject({ milliCPU: 100, memory: 200 * 2 ** 20 });
		const zero = pod('z', { requests: { cpu: '0', memory: '0' } });
		expect(podRequests(zero, true)).toMatchObject({ milliCPU: 0, memory: 0 });
		expect(podRequests(pod('q'), false)).toMatchObject({ milliCPU: 0, memory: 0 });
	});

	it('keeps extended resources as scalars', () => {
		const p = pod('gpu', { requests: { 'nvidia.com/gpu': '2', 'hugepages-2Mi': '4Mi' } });
		expect(podRequests(p).scalar).toEqual({ 'nvidia.com/gpu': 2, 'hugepages-2Mi': 4 * 2 ** 20 });
	});
});

describe('node allocatable', () => {
	it('reads cpu, memory, pods and extended resources', () => {
		const a = nodeAllocatable(
			node('n', { extra: { 'nvidia.com/gpu': '4', 'ephemeral-storage': '10Gi' } })
		);
		expect(a).toMatchObject({
			milliCPU: 4000,
			memory: 8_343_900_160,
			pods: 110,
			ephemeralStorage: 10 * 2 ** 30
		});
		expect(a.scalar).toEqual({ 'nvidia.com/gpu': 4 });
	});
});
