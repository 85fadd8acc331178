/**
 * `kubectl set selector` (kubectl pkg/cmd/set/set_selector.go): the new selector replaces the
 * Service's outright, its endpoints follow, and kubectl's own refusals change nothing.
 */
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const SERVICE =
	'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: frontend, tier: edge}\n  ports: [{port: 80}]\n';

function lab(): Lab {
	const l = createLab({ seed: 2, readFile: (p) => (p === 'svc.yaml' ? SERVICE : undefined) });
	succeeds(l, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
	succeeds(l, 'kubectl apply -f svc.yaml');
	l.advance(30_000);
	return l;
}

const selectorOf = (l: Lab) => l.exec("kubectl get svc web -o jsonpath='{.spec.selector}'").output;

describe('kubectl set selector', () => {
	it('replaces the whole selector, and the endpoints follow the pods it now picks', () => {
		const l = lab();
		expect(l.exec('kubectl get endpoints web --no-headers').output).toMatch(/<none>/);
		expect(succeeds(l, 'kubectl set selector svc/web app=web').output).toBe(
			'service/web selector updated\n'
		);
		// tier=edge is gone: the patch is the difference between the old object and the new.
		expect(selectorOf(l)).toBe('{"app":"web"}');
		l.advance(5_000);
		const endpoints = l.exec('kubectl get endpoints web --no-headers').output;
		expect(endpoints.match(/10\.244\.\d+\.\d+:80/g)).toHaveLength(3);
	});

	it('takes TYPE NAME and -n, and says updated even when nothing changed', () => {
		const l = lab();
		succeeds(l, 'kubectl set selector service web app=web -n default');
		expect(succeeds(l, 'kubectl set selector service web app==web').output).toBe(
			'service/web selector updated\n'
		);
		expect(selectorOf(l)).toBe('{"app":"web"}');
	});

	it('refuses what kubectl refuses, leaving the Service as it was', () => {
		const l = lab();
		const before = selectorOf(l);
		expect(fails(l, "kubectl set selector service web 'app in (web,api)'").error).toBe(
			'error: match expression [{app In [web api]}] not supported on this object\n'
		);
		expect(fails(l, 'kubectl set selector service web app!=web').error).toBe(
			'error: match expression [{app NotIn [web]}] not supported on this object\n'
		);
		expect(fails(l, 'kubectl set selector deployment web app=web').error).toBe(
			'error: setting a selector is only supported for Services\n'
		);
		expect(fails(l, 'kubectl set selector service nope app=web').error).toBe(
			'Error from server (NotFound): services "nope" not found\n'
		);
		expect(fails(l, 'kubectl set selector').error).toBe('error: one selector is required\n');
		expect(fails(l, 'kubectl set selector service web').error).toBe(
			'error: resource(s) were provided, but no name was specified\n'
		);
		expect(fails(l, 'kubectl set selector service web app=web --bogus').error).toContain(
			'unknown flag: --bogus'
		);
		expect(selectorOf(l)).toBe(before);
	});
});
