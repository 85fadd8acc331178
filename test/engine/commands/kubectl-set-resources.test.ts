/**
 * `kubectl set resources` (set_resources.go): new requests and limits merged into the chosen
 * containers of a workload's template and rolled out; an unchanged result prints nothing; a
 * request above its limit, a bad quantity, an unknown container or no update is refused and
 * changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

function lab() {
	const l = createLab({ seed: 6 });
	succeeds(l, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
	l.advance(20_000);
	return l;
}

describe('kubectl set resources', () => {
	it('sets requests and limits, rolls new pods out, and prints nothing for no change', () => {
		const l = lab();
		const before = l.exec('kubectl get pods --no-headers').output;
		const line =
			'kubectl set resources deployment web --limits=cpu=200m,memory=512Mi --requests=cpu=100m';
		expect(succeeds(l, line).output).toBe('deployment.apps/web resource requirements updated\n');
		expect(succeeds(l, line).output).toBe('');
		l.advance(60_000);
		const pods = l.exec('kubectl get pods --no-headers').output;
		for (const name of before
			.split('\n')
			.filter(Boolean)
			.map((r) => r.split(/\s+/)[0]!))
			expect(pods).not.toContain(name);
		const described = l.exec('kubectl describe pods').output;
		expect(described).toMatch(
			/Limits:\n\s+cpu:\s+200m\n\s+memory:\s+512Mi\n\s+Requests:\n\s+cpu:\s+100m/
		);
	});

	it('refuses as kubectl and the API server do, changing nothing', () => {
		const l = lab();
		succeeds(l, 'kubectl set resources deployment web --limits=cpu=200m');
		// set_resources.go Run wraps the server's Invalid error in a plain one (fmt.Errorf "%v"),
		// so checkErr prints its Error() text, `Deployment.apps "web" is invalid: …`.
		expect(fails(l, 'kubectl set resources deployment web --requests=cpu=1').error).toBe(
			'error: failed to patch resources update to pod template Deployment.apps "web" is invalid: spec.template.spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 200m\n'
		);
		expect(fails(l, 'kubectl set resources deployment web --requests=cpu=abc').error).toMatch(
			/^error: quantities must match the regular expression/
		);
		expect(fails(l, 'kubectl set resources deploy/web -c nope --limits=cpu=1').error).toBe(
			'error: unable to find container named nope\n'
		);
		expect(fails(l, 'kubectl set resources deployment web').error).toBe(
			'error: you must specify an update to requests or limits (in the form of --requests/--limits)\n'
		);
		expect(fails(l, 'kubectl set resources deployment nope --limits=cpu=1').error).toBe(
			'Error from server (NotFound): deployments.apps "nope" not found\n'
		);
	});
});
