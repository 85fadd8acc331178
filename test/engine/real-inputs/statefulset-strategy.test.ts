/**
 * The StatefulSet Basics tutorial switches web.yaml to OnDelete with
 * `kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"OnDelete", "rollingUpdate": null}}}'`:
 * the `rollingUpdate: null` is needed because apps validation.go ValidateStatefulSetSpec refuses a
 * rollingUpdate block under OnDelete ("only allowed for updateStrategy 'RollingUpdate'"). The lab
 * accepted it, so the tutorial's reason for the null was invisible.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const web = readFileSync(join(__dirname, 'fixtures', 'web.yaml'), 'utf8');

describe('StatefulSet updateStrategy OnDelete', () => {
	it('refuses a patch that keeps the defaulted rollingUpdate, accepts the tutorial one', () => {
		const lab = createLab({ seed: 1, workers: 2, readFile: () => web });
		succeeds(lab, 'kubectl apply -f web.yaml');
		const error = fails(
			lab,
			`kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"OnDelete"}}}'`
		).error!;
		expect(error).toMatch(
			/^The StatefulSet "web" is invalid: spec\.updateStrategy\.rollingUpdate: Invalid value: \{"Partition":0,"MaxUnavailable":[^}]*\}: only allowed for updateStrategy 'RollingUpdate'\n$/
		);
		succeeds(
			lab,
			`kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"OnDelete", "rollingUpdate": null}}}'`
		);
		expect(succeeds(lab, "kubectl get sts web -o jsonpath='{.spec.updateStrategy}'").output).toBe(
			'{"type":"OnDelete"}'
		);
	});

	it('refuses rollingUpdate under OnDelete in a manifest too', () => {
		const onDelete = web.replace(
			'  replicas: 2\n',
			'  replicas: 2\n  updateStrategy:\n    type: OnDelete\n    rollingUpdate:\n      partition: 1\n'
		);
		const lab = createLab({ seed: 1, workers: 2, readFile: () => onDelete });
		expect(fails(lab, 'kubectl apply -f web.yaml').error).toContain(
			'spec.updateStrategy.rollingUpdate: Invalid value: {"Partition":1,"MaxUnavailable":null}: only allowed for updateStrategy \'RollingUpdate\''
		);
	});
});
