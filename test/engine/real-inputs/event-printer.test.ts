/**
 * `kubectl get events -o wide` (printers.go printEvent and eventColumnDefinitions): the wide
 * table inserts SUBOBJECT and SOURCE before MESSAGE and appends FIRST SEEN, COUNT and NAME.
 * Found running the Kubernetes Basics flow (`kubectl run`, then `kubectl get events -o wide`),
 * which printed only the five narrow columns.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

const cells = (line: string) => line.trim().split(/\s{2,}/);

describe('kubectl get events -o wide', () => {
	const lab = createLab({ seed: 1, workers: 1 });
	succeeds(lab, 'kubectl run nginx --image=nginx');
	lab.advance(20_000);

	it('prints the wide header in printEvent order', () => {
		const header = succeeds(lab, 'kubectl get events -o wide').output.split('\n')[0]!;
		expect(cells(header)).toEqual([
			'LAST SEEN',
			'TYPE',
			'REASON',
			'OBJECT',
			'SUBOBJECT',
			'SOURCE',
			'MESSAGE',
			'FIRST SEEN',
			'COUNT',
			'NAME'
		]);
	});

	it("fills SUBOBJECT with the fieldPath, SOURCE with component and host, and the event's name", () => {
		const lines = succeeds(lab, 'kubectl get events -o wide').output.split('\n');
		const pulling = cells(lines.find((l) => l.includes(' Pulling '))!);
		expect(pulling.slice(1, 6)).toEqual([
			'Normal',
			'Pulling',
			'pod/nginx',
			'spec.containers{nginx}',
			'kubelet, node-1'
		]);
		expect(pulling[6]).toBe('Pulling image "nginx"');
		expect(pulling[8]).toBe('1');
		expect(pulling[9]).toMatch(/^nginx\./);
	});

	it('keeps five columns without -o wide', () => {
		const header = succeeds(lab, 'kubectl get events').output.split('\n')[0]!;
		expect(cells(header)).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
	});
});
