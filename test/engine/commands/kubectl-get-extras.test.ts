// `kubectl get` of several types (`deploy,svc`, `all`), `-L`, `--show-labels` and
// `--field-selector`, as kubectl v1.35 prints them (kubectl pkg/cmd/get/get.go Run,
// multipleGVKsRequested, separatorWriter; cli-runtime printers/tableprinter.go decorateTable,
// formatLabelHeaders; kubernetes core/v1 conversion.go field labels; cli-formats.md §1.2, §2.10).
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';
import { AGENT_DAEMONSET } from './agent-daemonset';

const FILES: Record<string, string> = {
	'agent.yaml': AGENT_DAEMONSET
};

function lab(): Lab {
	return createLab({ seed: 21, readFile: (p) => FILES[p] });
}

/** A lab with a Deployment of two pods and a DaemonSet on every worker, a minute on. */
function busyLab(): Lab {
	const l = lab();
	succeeds(l, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
	succeeds(l, 'kubectl apply -f agent.yaml');
	succeeds(l, 'sim advance 1m');
	return l;
}

/** The tables of a multi-type answer, split on the blank lines between them. */
function tables(output: string): string[][] {
	return output
		.trimEnd()
		.split('\n\n')
		.map((t) => t.split('\n'));
}

describe('kubectl get all', () => {
	it('on a new cluster lists the kubernetes Service, its name qualified with its kind', () => {
		const r = succeeds(lab(), 'kubectl get all');
		expect(r.output).toBe(
			'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n' +
				'service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s\n'
		);
	});

	it('prints pods, services, daemon sets, deployments and replica sets, in that order, one table each', () => {
		const out = succeeds(busyLab(), 'kubectl get all').output;
		const parts = tables(out);
		const firstNames = parts.map((t) => t[1]!.split('/')[0]);
		expect(firstNames).toEqual([
			'pod',
			'service',
			'daemonset.apps',
			'deployment.apps',
			'replicaset.apps'
		]);
		// Every row of a table carries that table's kind.
		for (const t of parts) {
			const kind = t[1]!.split('/')[0];
			for (const row of t.slice(1)) expect(row.startsWith(`${kind}/`)).toBe(true);
		}
		expect(parts[0]!.length - 1).toBe(5); // 2 web pods + 3 agent pods (one per worker)
		expect(parts[0]![0]).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE$/);
	});

	it('gives each table its own widths (the tabwriter is flushed between types)', () => {
		const [pods, services] = tables(succeeds(busyLab(), 'kubectl get all').output);
		const readyAt = pods![0]!.indexOf('READY');
		const typeAt = services![0]!.indexOf('TYPE');
		// NAME is as wide as the longest name of its own table plus 3.
		const longestPod = Math.max(...pods!.slice(1).map((r) => r.split(' ')[0]!.length));
		expect(readyAt).toBe(longestPod + 3);
		expect(typeAt).toBe('service/kubernetes'.length + 3);
	});

	it('with a namespace that holds nothing says so on stderr', () => {
		const r = succeeds(lab(), 'kubectl get all -n kube-public');
		expect(r.output).toBe('');
		expect(r.error).toBe('No resources found in kube-public namespace.\n');
	});
});

describe('kubectl get TYPE1,TYPE2', () => {
	it('qualifies names with their kind even when one of the types has no objects', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment web --image=nginx:1.27');
		const out = succeeds(l, 'kubectl get deploy,rs').output;
		// No ReplicaSet yet (the controller has not run): one table, still qualified.
		expect(out.split('\n')[1]).toMatch(/^deployment\.apps\/web /);
		expect(out).not.toContain('\n\n');
	});

	it('does not qualify names of one type asked for by name', () => {
		const l = busyLab();
		const pods = succeeds(l, 'kubectl get pods -o name')
			.output.trim()
			.split('\n')
			.map((p) => p.slice('pod/'.length));
		const out = succeeds(l, `kubectl get pods ${pods[0]} ${pods[1]}`).output;
		expect(out.split('\n')[1]!.startsWith(pods[0]!)).toBe(true);
	});

	it('looks each name up in each type, reporting the ones not found', () => {
		const l = busyLab();
		const r = l.exec('kubectl get deploy,svc web');
		expect(r.ok).toBe(false);
		expect(r.output.split('\n')[1]).toMatch(/^web /);
		expect(r.error).toBe('Error from server (NotFound): services "web" not found\n');
	});

	it('prints no blank line between tables with --no-headers', () => {
		const out = succeeds(busyLab(), 'kubectl get deploy,svc --no-headers').output;
		const lines = out.trimEnd().split('\n');
		expect(lines).toHaveLength(2);
		expect(lines[0]).toMatch(/^deployment\.apps\/web /);
		expect(lines[1]).toMatch(/^service\/kubernetes /);
	});
});

describe('kubectl get -L / --label-columns and --show-labels', () => {
	it('adds one column per key, headed by the key after its last slash, empty without the label', () => {
		const out = succeeds(busyLab(), 'kubectl get pods -L app,pod-template-hash').output;
		const [header, ...rows] = out.trimEnd().split('\n');
		expect(header).toMatch(/ AGE +APP +POD-TEMPLATE-HASH$/);
		const agent = rows.find((r) => r.startsWith('agent-'))!;
		const web = rows.find((r) => r.startsWith('web-'))!;
		expect(web).toMatch(/ web +[a-z0-9]{8,10}$/);
		// The empty last cell leaves the padded APP cell as the line's end.
		expect(agent).toMatch(/ agent {3,}$/);
	});

	it('takes the flag several times and puts LABELS after the label columns', () => {
		const out = succeeds(
			busyLab(),
			'kubectl get deploy -L app -L kubernetes.io/name --show-labels'
		).output;
		expect(out.split('\n')[0]).toMatch(/ AGE +APP +NAME +LABELS$/);
		expect(out.split('\n')[1]).toMatch(/ web +app=web$/);
	});
});

describe('kubectl get --field-selector', () => {
	it('selects the pods bound to a node by spec.nodeName', () => {
		const l = busyLab();
		const wide = succeeds(l, 'kubectl get pods -o wide').output.trim().split('\n').slice(1);
		const onNode1 = wide.filter((r) => r.split(/\s+/)[6] === 'node-1').map((r) => r.split(' ')[0]);
		expect(onNode1.length).toBeGreaterThan(0);
		const out = succeeds(l, 'kubectl get pods --field-selector spec.nodeName=node-1').output;
		expect(
			out
				.trim()
				.split('\n')
				.slice(1)
				.map((r) => r.split(' ')[0])
		).toEqual(onNode1);
	});

	it('supports == and !=, and ANDs terms joined by commas', () => {
		const l = busyLab();
		const all = succeeds(l, 'kubectl get pods -o name').output.trim().split('\n').length;
		const running = succeeds(l, 'kubectl get pods --field-selector status.phase==Running -o name');
		expect(running.output.trim().split('\n')).toHaveLength(all);
		const r = succeeds(l, 'kubectl get pods --field-selector status.phase!=Running');
		expect(r.error).toBe('No resources found in default namespace.\n');
		const both = succeeds(
			l,
			'kubectl get pods --field-selector status.phase=Running,spec.nodeName=node-9'
		);
		expect(both.output).toBe('');
	});

	it('refuses a pod field the API server does not index, with its message', () => {
		const r = fails(busyLab(), 'kubectl get pods --field-selector status.hostIP=172.18.0.3');
		expect(r.error).toBe(
			'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "status.hostIP=172.18.0.3": field label not supported: status.hostIP\n'
		);
	});

	it('knows only metadata.name and metadata.namespace on other kinds', () => {
		const l = busyLab();
		const r = fails(l, 'kubectl get deploy -l app=web --field-selector spec.replicas=2');
		expect(r.error).toBe(
			'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "app=web", field selector "spec.replicas=2": "spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"\n'
		);
		const out = succeeds(l, 'kubectl get deploy,ds --field-selector metadata.name=agent').output;
		expect(out.trim().split('\n')).toHaveLength(2);
		expect(out).toMatch(/^NAME .*\ndaemonset\.apps\/agent /);
	});

	it('cannot be combined with names, as kubectl’s builder refuses', () => {
		const l = busyLab();
		expect(fails(l, 'kubectl get deploy web --field-selector metadata.name=web').error).toBe(
			'error: name cannot be provided when a selector is specified\n'
		);
		expect(fails(l, 'kubectl get deploy/web -l app=web').error).toBe(
			'error: selectors and the all flag cannot be used when passing resource/name arguments\n'
		);
	});

	it('selects nodes by spec.unschedulable', () => {
		const l = busyLab();
		succeeds(l, 'kubectl cordon node-2');
		const out = succeeds(l, 'kubectl get nodes --field-selector spec.unschedulable=true').output;
		expect(
			out
				.trim()
				.split('\n')
				.slice(1)
				.map((r) => r.split(' ')[0])
		).toEqual(['node-2']);
	});
});

describe('kubectl get --ignore-not-found', () => {
	it('prints nothing, not even "No resources found", and succeeds when nothing is there', () => {
		const l = lab();
		for (const line of [
			'kubectl get pod nope --ignore-not-found',
			'kubectl get pods --ignore-not-found',
			'kubectl get pod nope -o json --ignore-not-found',
			'kubectl get deploy -n kube-public -o yaml --ignore-not-found'
		]) {
			const r = succeeds(l, line);
			expect([line, r.output, r.error ?? '']).toEqual([line, '', '']);
		}
	});

	it('prints what it found and drops only the NotFound errors', () => {
		const l = busyLab();
		const r = succeeds(l, 'kubectl get deploy web nope --ignore-not-found');
		expect(r.output).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+2\/2\s/);
		expect(r.error).toBeUndefined();
		expect(fails(l, 'kubectl get deploy web nope').error).toBe(
			'Error from server (NotFound): deployments.apps "nope" not found\n'
		);
	});
});
