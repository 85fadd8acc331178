// `kubectl create priorityclass` (kubectl create_priorityclass.go): the docs' two examples, the
// defaults it sends, and every refusal as `error: failed to create priorityclass: <server error>`
// with the lab left as it was.
import { describe, expect, it } from 'vitest';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const lab = () => createLab({ seed: 2, workers: 1 });

function stored(l: ReturnType<typeof lab>, name: string): PriorityClass {
	return JSON.parse(succeeds(l, `kubectl get pc ${name} -o json`).output) as PriorityClass;
}

describe('kubectl create priorityclass', () => {
	it("creates the reference's examples with the values and defaults they name", () => {
		const l = lab();
		expect(
			succeeds(
				l,
				'kubectl create priorityclass high-priority --value=1000 --description="high priority" --preemption-policy="Never"'
			).output
		).toBe('priorityclass.scheduling.k8s.io/high-priority created\n');
		expect(stored(l, 'high-priority')).toMatchObject({
			value: 1000,
			description: 'high priority',
			preemptionPolicy: 'Never'
		});
		succeeds(
			l,
			'kubectl create pc default-priority --value=1000 --global-default=true --description="default priority"'
		);
		const made = stored(l, 'default-priority');
		expect(made).toMatchObject({ globalDefault: true, preemptionPolicy: 'PreemptLowerPriority' });
		// A pod that names no class now gets the default's priority.
		succeeds(l, 'kubectl run web --image=nginx');
		expect(succeeds(l, 'kubectl get pod web -o jsonpath={.spec.priority}').output).toBe('1000');
		succeeds(l, 'kubectl create priorityclass plain');
		expect(stored(l, 'plain')).toMatchObject({
			value: 0,
			preemptionPolicy: 'PreemptLowerPriority'
		});
		expect(stored(l, 'plain').globalDefault).toBeUndefined();
	});

	it('refuses as the API server does, and changes nothing', () => {
		const l = lab();
		succeeds(l, 'kubectl create priorityclass first --global-default');
		const refusals: [string, string][] = [
			[
				'kubectl create pc second --global-default',
				'error: failed to create priorityclass: priorityclasses.scheduling.k8s.io "second" is forbidden: PriorityClass first is already marked as default. Only one default can exist\n'
			],
			[
				'kubectl create priorityclass first --value=5',
				'error: failed to create priorityclass: priorityclasses.scheduling.k8s.io "first" already exists\n'
			],
			[
				'kubectl create priorityclass too-high --value=2000000000',
				'error: failed to create priorityclass: PriorityClass.scheduling.k8s.io "too-high" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000\n'
			],
			[
				'kubectl create priorityclass odd --preemption-policy=Sometimes',
				'error: failed to create priorityclass: PriorityClass.scheduling.k8s.io "odd" is invalid: preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"\n'
			],
			[
				'kubectl create priorityclass odd --value=abc',
				'error: invalid argument "abc" for "--value" flag: strconv.ParseInt: parsing "abc": invalid syntax\nSee \'kubectl create priorityclass --help\' for usage.\n'
			],
			[
				'kubectl create priorityclass',
				"error: exactly one NAME is required, got 0\nSee 'kubectl create priorityclass -h' for help and examples\n"
			]
		];
		for (const [line, error] of refusals) expect(fails(l, line).error, line).toBe(error);
	});
});
