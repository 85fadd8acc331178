// kubectl as a learner meets it in the lab console. Every expected text below comes from
// ../shared/cli-formats.md (§1.1 tabwriter, §1.2 get tables, §1.3 ages, §2.1 nodes, §2.10 -o
// name/json/yaml, §5 errors) or ../shared/facts.md (§1.1 node heartbeats and grace period).
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createLab } from '../../../src/engine/index';
import { state, fails, succeeds } from '../lab-helpers';
import type { Lab } from '../../../src/engine/index';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Rows of a kubectl table as whitespace-split cells (no cell of `get nodes` has a space). */
function rows(output: string): string[][] {
	return output
		.split('\n')
		.filter((l) => l !== '')
		.map((l) => l.trim().split(/\s+/));
}

function statusOf(lab: Lab, node: string): string {
	const row = rows(succeeds(lab, 'kubectl get nodes').output).find((r) => r[0] === node);
	expect(row, `no row for ${node}`).toBeDefined();
	return row![1]!;
}

function sortKeysDeep(v: unknown): unknown {
	if (Array.isArray(v)) return v.map(sortKeysDeep);
	if (v !== null && typeof v === 'object') {
		return Object.fromEntries(
			Object.keys(v)
				.sort()
				.map((k) => [k, sortKeysDeep((v as Json)[k])])
		);
	}
	return v;
}

function readyCondition(node: Json): Json | undefined {
	return (node.status?.conditions as Json[] | undefined)?.find((c) => c.type === 'Ready');
}

describe('kubectl get nodes: the table (cli-formats §1.1, §1.2, §2.1)', () => {
	// Widths: each column is max(6, longest cell + 3); the last column (VERSION) is unpadded.
	it('prints the header and one row per node, aligned by the kubectl tabwriter', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		succeeds(lab, 'sim advance 2m');
		const r = succeeds(lab, 'kubectl get nodes');
		expect(r.output).toBe(
			'NAME            STATUS   ROLES           AGE   VERSION\n' +
				'control-plane   Ready    control-plane   2m    v1.35.0\n' +
				'node-1          Ready    <none>          2m    v1.35.0\n' +
				'node-2          Ready    <none>          2m    v1.35.0\n' +
				'node-3          Ready    <none>          2m    v1.35.0\n'
		);
		expect(r.error).toBeUndefined();
	});

	it('has no trailing spaces and the same column starts on every line', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const lines = succeeds(lab, 'kubectl get nodes').output.split('\n').slice(0, -1);
		expect(lines).toHaveLength(5);
		const header = lines[0]!;
		const starts = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'].map((h) => header.indexOf(h));
		expect(starts).toEqual([0, 16, 25, 41, 47]);
		for (const line of lines) {
			expect(line).toBe(line.trimEnd());
			for (const s of starts.slice(1)) {
				expect(line[s - 1]).toBe(' ');
				expect(line[s]).not.toBe(' ');
			}
		}
	});

	it('AGE follows HumanDuration (§1.3): 0s, 119s, 2m, 2m5s, 10m', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const age = () => rows(succeeds(lab, 'kubectl get nodes node-1').output)[1]![3];
		expect(age()).toBe('0s');
		succeeds(lab, 'sim advance 1m59s');
		expect(age()).toBe('119s');
		succeeds(lab, 'sim advance 1s');
		expect(age()).toBe('2m');
		succeeds(lab, 'sim advance 5s');
		expect(age()).toBe('2m5s');
		succeeds(lab, 'sim advance 7m55s');
		expect(age()).toBe('10m');
	});

	it('-o wide adds INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		succeeds(lab, 'sim advance 2m');
		const lines = succeeds(lab, 'kubectl get nodes -o wide').output.split('\n');
		expect(lines[0]).toBe(
			'NAME            STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME'
		);
		expect(lines).toHaveLength(6);
		for (const line of lines.slice(0, 5)) expect(line).toBe(line.trimEnd());
		const json = JSON.parse(succeeds(lab, 'kubectl get nodes -o json').output) as Json;
		// Each wide row agrees with the object: first InternalIP, `<none>` for no ExternalIP, nodeInfo.
		for (const [i, item] of (json.items as Json[]).entries()) {
			const cells = lines[i + 1]!.split(/ {3,}/);
			const internal = (item.status.addresses as Json[]).find((a) => a.type === 'InternalIP');
			expect(cells[0]).toBe(item.metadata.name);
			expect(cells[5]).toBe(internal!.address);
			expect(cells[6]).toBe('<none>');
			expect(cells[7]).toBe(item.status.nodeInfo.osImage);
			expect(cells[8]).toBe(item.status.nodeInfo.kernelVersion);
			expect(cells[9]).toBe(item.status.nodeInfo.containerRuntimeVersion);
		}
	});

	it('ROLES is control-plane for the control plane and <none> for workers', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const byName = Object.fromEntries(
			rows(succeeds(lab, 'kubectl get nodes').output)
				.slice(1)
				.map((r) => [r[0], r[2]])
		);
		expect(byName).toEqual({
			'control-plane': 'control-plane',
			'node-1': '<none>',
			'node-2': '<none>',
			'node-3': '<none>'
		});
	});

	it('the short name and the singular resolve to nodes', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const full = succeeds(lab, 'kubectl get nodes').output;
		expect(succeeds(lab, 'kubectl get no').output).toBe(full);
		expect(succeeds(lab, 'kubectl get node').output).toBe(full);
	});

	it('--no-headers drops the header and aligns the rows on their own', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		expect(succeeds(lab, 'kubectl get nodes --no-headers').output).toBe(
			'control-plane   Ready   control-plane   0s    v1.35.0\n' +
				'node-1          Ready   <none>          0s    v1.35.0\n' +
				'node-2          Ready   <none>          0s    v1.35.0\n' +
				'node-3          Ready   <none>          0s    v1.35.0\n'
		);
	});

	it('--show-labels adds LABELS last: k=v with keys sorted, joined by commas', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const out = succeeds(lab, 'kubectl get nodes --show-labels').output;
		const lines = out.split('\n').slice(0, -1);
		expect(lines[0]).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION +LABELS$/);
		const items = JSON.parse(succeeds(lab, 'kubectl get nodes -o json').output).items as Json[];
		for (const [i, item] of items.entries()) {
			const labels = item.metadata.labels as Record<string, string>;
			const expected = Object.keys(labels)
				.sort()
				.map((k) => `${k}=${labels[k]}`)
				.join(',');
			const cells = rows(lines[i + 1]!)[0]!;
			expect(cells[0]).toBe(item.metadata.name);
			expect(cells[5]).toBe(expected);
		}
		expect(lines[1]).toContain('node-role.kubernetes.io/control-plane=');
		expect(lines[1]).toContain('kubernetes.io/hostname=control-plane');
	});
});

describe('kubectl get nodes -l (label selectors)', () => {
	const names = (lab: Lab, line: string) =>
		rows(succeeds(lab, line).output)
			.slice(1)
			.map((r) => r[0]);

	it('selects by existence, non-existence and set membership', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		expect(names(lab, 'kubectl get nodes -l node-role.kubernetes.io/control-plane')).toEqual([
			'control-plane'
		]);
		expect(names(lab, "kubectl get nodes -l '!node-role.kubernetes.io/control-plane'")).toEqual([
			'node-1',
			'node-2',
			'node-3'
		]);
		expect(names(lab, "kubectl get nodes -l 'kubernetes.io/hostname in (node-1,node-3)'")).toEqual([
			'node-1',
			'node-3'
		]);
		expect(names(lab, 'kubectl get nodes --selector=kubernetes.io/hostname=node-2')).toEqual([
			'node-2'
		]);
		expect(
			names(lab, "kubectl get nodes -l 'kubernetes.io/hostname notin (node-1,node-3)'")
		).toEqual(['control-plane', 'node-2']);
	});

	it('a selector that matches nothing prints no table and "No resources found" on stderr (§1.2)', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const r = succeeds(lab, 'kubectl get nodes -l disktype=ssd');
		expect(r.output).toBe('');
		// Nodes are cluster-scoped: no "in default namespace".
		expect(r.error).toBe('No resources found\n');
	});

	it('-o wide is a table too: no rows means no header and "No resources found" (§1.2)', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const r = succeeds(lab, 'kubectl get nodes -l disktype=ssd -o wide');
		expect(r.output).toBe('');
		expect(r.error).toBe('No resources found\n');
	});

	it('a malformed selector fails and changes nothing', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const r = fails(lab, "kubectl get nodes -l 'a b c'");
		expect(r.error).toMatch(/^error: /);
	});
});

describe('kubectl get nodes -o name|json|yaml (§2.10)', () => {
	it('-o name prints node/<name> per line', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		expect(succeeds(lab, 'kubectl get nodes -o name').output).toBe(
			'node/control-plane\nnode/node-1\nnode/node-2\nnode/node-3\n'
		);
		expect(succeeds(lab, 'kubectl get nodes node-2 -o name').output).toBe('node/node-2\n');
	});

	it('-o json prints a List of Node objects, keys sorted, 4-space indentation', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const out = succeeds(lab, 'kubectl get nodes -o json').output;
		const list = JSON.parse(out) as Json;
		expect(list.apiVersion).toBe('v1');
		expect(list.kind).toBe('List');
		expect(list.metadata).toEqual({ resourceVersion: '' });
		expect(Object.keys(list)).toEqual(['apiVersion', 'items', 'kind', 'metadata']);
		const items = list.items as Json[];
		expect(items.map((i) => i.metadata.name)).toEqual([
			'control-plane',
			'node-1',
			'node-2',
			'node-3'
		]);
		for (const item of items) {
			expect(item.apiVersion).toBe('v1');
			expect(item.kind).toBe('Node');
			expect(readyCondition(item)?.status).toBe('True');
		}
		// json.MarshalIndent(obj, "", "    ") + "\n" of a value whose keys are sorted.
		expect(out).toBe(JSON.stringify(sortKeysDeep(list), null, 4) + '\n');
		expect(out).toMatch(/^\{\n {4}"apiVersion": "v1",\n {4}"items": \[\n {8}\{\n/);
	});

	it('a single named node is printed bare, not in a List', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const out = succeeds(lab, 'kubectl get nodes node-1 -o json').output;
		const node = JSON.parse(out) as Json;
		expect(node.kind).toBe('Node');
		expect(node.apiVersion).toBe('v1');
		expect(node.metadata.name).toBe('node-1');
		expect(node.items).toBeUndefined();
		expect(out).toBe(JSON.stringify(sortKeysDeep(node), null, 4) + '\n');
	});

	it('two named nodes print a List', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const list = JSON.parse(
			succeeds(lab, 'kubectl get nodes node-1 node-3 -o json').output
		) as Json;
		expect(list.kind).toBe('List');
		expect((list.items as Json[]).map((i) => i.metadata.name)).toEqual(['node-1', 'node-3']);
	});

	it('-o json with no match is an empty List, printed (not "No resources found")', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const r = succeeds(lab, 'kubectl get nodes -l disktype=ssd -o json');
		expect(JSON.parse(r.output)).toEqual({
			apiVersion: 'v1',
			items: [],
			kind: 'List',
			metadata: { resourceVersion: '' }
		});
	});

	it('-o json|yaml with zero pods prints an empty List too (§2.10 "with zero or several items")', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const empty = { apiVersion: 'v1', items: [], kind: 'List', metadata: { resourceVersion: '' } };
		const json = succeeds(lab, 'kubectl get pods -o json');
		expect(json.output).toBe(JSON.stringify(empty, null, 4) + '\n');
		const yaml = succeeds(lab, 'kubectl get pods -o yaml');
		expect(parseYaml(yaml.output)).toEqual(empty);
	});

	it('-o yaml is the same List, sorted keys, list items flush with their key', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const yaml = succeeds(lab, 'kubectl get nodes -o yaml').output;
		const json = JSON.parse(succeeds(lab, 'kubectl get nodes -o json').output);
		expect(
			yaml.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata:\n')
		).toBe(true);
		expect(yaml.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
		expect(parseYaml(yaml)).toEqual(json);
		const single = succeeds(lab, 'kubectl get nodes node-1 -o yaml').output;
		expect(single.startsWith('apiVersion: v1\nkind: Node\nmetadata:\n')).toBe(true);
		expect(parseYaml(single)).toEqual(
			JSON.parse(succeeds(lab, 'kubectl get nodes node-1 -o json').output)
		);
	});
});

describe('kubectl errors (§5, §1.2)', () => {
	it('unknown node: NotFound on stderr, ok=false', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const r = fails(lab, 'kubectl get nodes node-9');
		expect(r.error).toBe('Error from server (NotFound): nodes "node-9" not found\n');
		expect(r.output).toBe('');
	});

	it('one unknown name with -o yaml|json|name: the error alone, no empty List (get.go printGeneric)', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		for (const o of ['yaml', 'json', 'name', 'jsonpath={.metadata.name}']) {
			const r = fails(lab, `kubectl get configmap nope -o ${o}`);
			expect(r.error).toBe('Error from server (NotFound): configmaps "nope" not found\n');
			expect(r.output).toBe('');
		}
		// Two names: no single item is implied, so the (empty) List is printed before the errors.
		const two = fails(lab, 'kubectl get configmap a b -o json');
		expect(JSON.parse(two.output)).toMatchObject({ kind: 'List', items: [] });
		expect((two.error ?? '').split('\n').filter((l) => l !== '')).toHaveLength(2);
	});

	it('one known and one unknown node: the known row is printed, the error too, ok=false', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const r = fails(lab, 'kubectl get nodes node-1 node-9');
		expect(r.error).toBe('Error from server (NotFound): nodes "node-9" not found\n');
		expect(rows(r.output).map((c) => c[0])).toEqual(['NAME', 'node-1']);
	});

	it('unknown command', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		expect(fails(lab, 'kubectl frobnicate').error).toBe(
			'error: unknown command "frobnicate" for "kubectl"\n'
		);
	});

	it('a typo gets cobra suggestions', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const r = fails(lab, 'kubectl gett nodes');
		expect(
			r.error!.startsWith('error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n')
		).toBe(true);
		expect(r.error).toContain('\tget\n');
		// kubectl 1.24+ prints no "Run 'kubectl --help' for usage." line (§7.1).
		expect(r.error).not.toContain('Run ');
	});

	it('unknown flag', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		expect(fails(lab, 'kubectl get nodes --foo').error).toBe(
			"error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"
		);
		expect(fails(lab, 'kubectl get --foo=bar nodes').error).toBe(
			"error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"
		);
	});

	it('a bad -o value names the allowed formats', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		expect(fails(lab, 'kubectl get nodes -o foo').error).toBe(
			'error: unable to match a printer suitable for the output format "foo", allowed formats are: ' +
				'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,' +
				'jsonpath-file,name,template,templatefile,wide,yaml\n'
		);
	});

	it('-o without a value fails', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const r = fails(lab, 'kubectl get nodes -o');
		expect(r.error).toContain('flag needs an argument');
	});

	it('kubectl get with no type prints the usage text', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		expect(fails(lab, 'kubectl get').error).toBe(
			'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n' +
				'\n' +
				'error: Required resource not specified.\n' +
				'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
				"See 'kubectl get -h' for help and examples\n"
		);
	});

	it('unknown resource type', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		expect(fails(lab, 'kubectl get foos').error).toBe(
			'error: the server doesn\'t have a resource type "foos"\n'
		);
	});

	it('kubectl get pods: nothing yet, ok with "No resources found in default namespace." on stderr', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		const before = state(lab);
		const r = succeeds(lab, 'kubectl get pods');
		expect(r.output).toBe('');
		expect(r.error).toBe('No resources found in default namespace.\n');
		expect(state(lab)).toEqual(before);
	});

	it('kubectl on a swarm lab: no kubeconfig, so localhost:8080 refuses', () => {
		const lab = createLab({ flavor: 'swarm' });
		expect(fails(lab, 'kubectl get nodes').error).toBe(
			'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n'
		);
	});

	it('with the control plane stopped, the API server at control-plane:6443 refuses', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		succeeds(lab, 'sim advance 30s');
		succeeds(lab, 'sim node stop control-plane');
		const refused =
			'The connection to the server control-plane:6443 was refused - did you specify the right host or port?\n';
		expect(fails(lab, 'kubectl get nodes').error).toBe(refused);
		expect(fails(lab, 'kubectl get pods').error).toBe(refused);
		succeeds(lab, 'sim advance 1m');
		expect(fails(lab, 'kubectl get nodes -o json').error).toBe(refused);
		succeeds(lab, 'sim node start control-plane');
		// Its etcd member elects itself again first (an election timeout of 10–19 ticks of 100 ms).
		succeeds(lab, 'sim advance 2s');
		expect(rows(succeeds(lab, 'kubectl get nodes').output)[0]![0]).toBe('NAME');
	});

	it('read-only kubectl lines leave the trace alone', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		succeeds(lab, 'sim advance 1m');
		const before = state(lab);
		for (const line of [
			'kubectl get nodes',
			'kubectl get nodes -o wide',
			'kubectl get nodes -o json',
			'kubectl get nodes -o yaml',
			'kubectl get nodes -o name',
			'kubectl get nodes --show-labels'
		]) {
			succeeds(lab, line);
		}
		expect(state(lab)).toEqual(before);
	});
});

// facts.md §1.1: a stopped node keeps its last Lease renewal (every 10 s, jitter factor 0.04, so
// at most 10.4 s apart). The node lifecycle controller checks every 5 s (node-monitor-period)
// and sets Ready=Unknown once no heartbeat was seen for 50 s (node-monitor-grace-period).
// Relative to the stop, the last renewal lies in (stop − 10.4 s, stop], so NotReady shows between
// stop + 50 − 10.4 s and stop + 50 + 10.4 + 5 s (+ 1 s for the 1 s polling step).
const GRACE = 50;
const LOWER = GRACE - 10.4;
const UPPER = GRACE + 10.4 + 5 + 1;

/** Steps 1 s at a time until node's STATUS is `want`; returns the seconds it took (or -1). */
function secondsUntil(lab: Lab, node: string, want: string, limit: number): number {
	for (let s = 1; s <= limit; s++) {
		succeeds(lab, 'sim advance 1s');
		if (statusOf(lab, node) === want) return s;
	}
	return -1;
}

describe('node failure timing (facts.md §1.1)', () => {
	it('a stopped node-2 turns NotReady after the grace period, tainted unreachable; others stay Ready', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		succeeds(lab, 'sim advance 95s');
		succeeds(lab, 'sim node stop node-2');
		// Step 1 s at a time; the node must stay Ready until the earliest justified moment.
		let elapsed = -1;
		for (let s = 1; s <= 90; s++) {
			succeeds(lab, 'sim advance 1s');
			if (statusOf(lab, 'node-2') === 'NotReady') {
				elapsed = s;
				break;
			}
		}
		expect(elapsed).toBeGreaterThan(0);
		expect(elapsed).toBeGreaterThanOrEqual(LOWER);
		expect(elapsed).toBeLessThanOrEqual(UPPER);
		// The brief's stricter expectation for this scenario (stop at 95 s): not before 50 s.
		expect(elapsed).toBeGreaterThanOrEqual(GRACE);

		for (const other of ['control-plane', 'node-1', 'node-3'])
			expect(statusOf(lab, other)).toBe('Ready');

		const node = JSON.parse(succeeds(lab, 'kubectl get nodes node-2 -o json').output) as Json;
		const ready = readyCondition(node)!;
		expect(ready.status).toBe('Unknown');
		expect(ready.reason).toBe('NodeStatusUnknown');
		const taints = (node.spec.taints ?? []) as Json[];
		const unreachable = taints.filter((t) => t.key === 'node.kubernetes.io/unreachable');
		expect(unreachable.map((t) => t.effect).sort()).toEqual(['NoExecute', 'NoSchedule']);
		expect(taints.some((t) => t.key === 'node.kubernetes.io/not-ready')).toBe(false);
		expect(lab.snapshot().nodes.find((n) => n.name === 'node-2')).toMatchObject({
			running: false,
			status: 'NotReady'
		});

		// The others carry no condition taint.
		for (const name of ['node-1', 'node-3']) {
			const other = JSON.parse(succeeds(lab, `kubectl get nodes ${name} -o json`).output) as Json;
			expect(readyCondition(other)!.status).toBe('True');
			expect(
				((other.spec.taints ?? []) as Json[]).filter((t) => t.key.startsWith('node.kubernetes.io/'))
			).toEqual([]);
		}
	});

	it('after sim node start node-2 it is Ready within ~11 s and untainted within a further ~6 s', () => {
		const lab = createLab({ flavor: 'kubernetes' });
		succeeds(lab, 'sim advance 95s');
		succeeds(lab, 'sim node stop node-2');
		succeeds(lab, 'sim advance 70s');
		expect(statusOf(lab, 'node-2')).toBe('NotReady');
		succeeds(lab, 'sim node start node-2');
		// The kubelet posts its status at boot, and again every 10 s (nodeStatusUpdateFrequency).
		const readyAfter = secondsUntil(lab, 'node-2', 'Ready', 30);
		expect(readyAfter).toBeGreaterThan(0);
		expect(readyAfter).toBeLessThanOrEqual(11);
		// The controller lifts the taint on its next pass (node-monitor-period 5 s) + the 1 s step.
		let untainted = -1;
		for (let s = 0; s <= 30; s++) {
			const node = JSON.parse(succeeds(lab, 'kubectl get nodes node-2 -o json').output) as Json;
			const taints = (node.spec.taints ?? []) as Json[];
			if (!taints.some((t) => t.key === 'node.kubernetes.io/unreachable')) {
				untainted = s;
				expect(readyCondition(node)!.status).toBe('True');
				break;
			}
			succeeds(lab, 'sim advance 1s');
		}
		expect(untainted).toBeGreaterThanOrEqual(0);
		expect(untainted).toBeLessThanOrEqual(6);
	});

	it.each([95_000, 97_000, 99_000, 100_300, 101_000, 103_000, 104_000])(
		'stopping at t=%i ms: NotReady within [50 − 10.4, 50 + 10.4 + 5 + 1] s of the stop',
		(stopAt) => {
			const lab = createLab({ flavor: 'kubernetes', seed: 3 });
			lab.advance(stopAt);
			succeeds(lab, 'sim node stop node-2');
			const took = secondsUntil(lab, 'node-2', 'NotReady', 90);
			expect(took).toBeGreaterThanOrEqual(LOWER);
			expect(took).toBeLessThanOrEqual(UPPER);
		}
	);

	it('the NotReady moment is the same for the same seed (determinism)', () => {
		const run = () => {
			const lab = createLab({ flavor: 'kubernetes', seed: 11 });
			succeeds(lab, 'sim advance 95s');
			succeeds(lab, 'sim node stop node-2');
			return [secondsUntil(lab, 'node-2', 'NotReady', 90), lab.traceHash()];
		};
		expect(run()).toEqual(run());
	});
});
