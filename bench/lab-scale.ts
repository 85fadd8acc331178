/**
 * `node --expose-gc --import tsx bench/lab-scale.ts [--json] [--small] [--nodes N]
 * [--deployments D] [--replicas R]`: the whole lab at scale, not just the scheduler's decisions
 * (issue 3). A kubeadm-shaped cluster of N nodes, then D Deployments of R replicas created with
 * kubectl; the lab runs in one-second steps (controllers, scheduler with the adaptive
 * percentageOfNodesToScore, kubelets, image pulls, Events, the trace and time travel's
 * checkpoints all on) until every pod is scheduled and every Deployment is ready.
 *
 * It reports pods bound per second (from the `pod.scheduled` trace events) and pods Ready per
 * second, by wall time and by this process's CPU time (on a shared machine the wall clock also
 * counts other processes' turns), and the heap the lab holds per pod once it settles.
 *
 * The default is the run: 5,000 nodes and 150,000 pods (150 × 1,000; 30 pods per node
 * on average, so the 110-pod limit never binds): every pod is bound within the first simulated
 * second (6–8 s of CPU on a shared 2-core machine) and Ready by ~19 s (~10 s of CPU), the lab
 * holding ~145 MB of heap and typed arrays (~1 KB a pod, the 5,000 nodes' share included).
 * `--small` is 1,000 nodes and 10,000 pods, a few seconds for a quick before/after comparison.
 * `--heap-snapshot FILE` (an absolute path: a bundled run starts elsewhere) writes the settled
 * lab's heap for bench/heap-shapes.ts.
 */
import { writeHeapSnapshot } from 'node:v8';
import { createLab } from '../src/engine/index';
import { heapMb, report, settledGc, wallMs } from './report';

/** Memory held by ArrayBuffers (typed arrays' contents), in MB. */
function arrayBuffersMb(): number {
	return process.memoryUsage().arrayBuffers / 2 ** 20;
}

/** CPU time (user + system) of this process since `since`, in ms. */
function cpuMs(since: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(since);
	return (used.user + used.system) / 1000;
}

function arg(name: string, fallback: number): number {
	const i = process.argv.indexOf(name);
	return i < 0 ? fallback : Number(process.argv[i + 1]);
}

const SMALL = process.argv.includes('--small');
const NODES = arg('--nodes', SMALL ? 1000 : 5000);
const DEPLOYMENTS = arg('--deployments', SMALL ? 10 : 150);
const REPLICAS = arg('--replicas', 1000);
const PODS = DEPLOYMENTS * REPLICAS;
/** Give up after this much simulated time: a stuck run reports what it reached. */
const LIMIT_MS = 600_000;

interface DeploymentList {
	items: { status?: { readyReplicas?: number } }[];
}

await settledGc();
const heapBefore = heapMb();
const externalBefore = arrayBuffersMb();
const lab = createLab({ flavor: 'kubernetes', workers: NODES - 1, seed: 1 });
// The cluster alone (its nodes, their kube-proxy pods and controllers at 00:00), so that what the
// pods add can be told from the nodes' share (measured before the clock starts).
await settledGc();
const clusterMb = heapMb() - heapBefore + arrayBuffersMb() - externalBefore;
const t0 = wallMs();
const cpu0 = process.cpuUsage();
for (let d = 0; d < DEPLOYMENTS; d++) {
	const r = lab.exec(
		`kubectl create deployment app-${d} --image=nginx:1.27 --replicas=${REPLICAS}`
	);
	if (!r.ok) throw new Error(r.error);
}
let scheduled = 0;
let scheduledWall = NaN;
let scheduledCpu = NaN;
let ready = 0;
let readyWall = NaN;
let readyCpu = NaN;
// Only each step's new events are read (reading the whole trace every step would cost more than
// the lab): those at or after the step's start, less the ones at its start already counted.
let seenAtNow = lab.events(lab.now()).length;
while (lab.now() < LIMIT_MS && (Number.isNaN(scheduledWall) || Number.isNaN(readyWall))) {
	const before = lab.now();
	lab.advance(1000);
	const recent = lab.events(before);
	for (let i = seenAtNow; i < recent.length; i++)
		if (recent[i]!.kind === 'pod.scheduled') scheduled++;
	// Those at the new time, counted already (read off this list: asking the trace again would
	// build them twice, time the bench charged to the lab).
	const now = lab.now();
	seenAtNow = 0;
	for (let i = recent.length - 1; i >= 0 && recent[i]!.t === now; i--) seenAtNow++;
	if (Number.isNaN(scheduledWall) && scheduled >= PODS) {
		scheduledWall = wallMs() - t0;
		scheduledCpu = cpuMs(cpu0);
	}
	const list = JSON.parse(lab.exec('kubectl get deployments -o json').output) as DeploymentList;
	ready = list.items.reduce((sum, d) => sum + (d.status?.readyReplicas ?? 0), 0);
	if (Number.isNaN(readyWall) && ready >= PODS) {
		readyWall = wallMs() - t0;
		readyCpu = cpuMs(cpu0);
	}
}
await settledGc();
const heap = heapMb() - heapBefore;
const external = arrayBuffersMb() - externalBefore;
// `--heap-snapshot FILE`: the settled lab's heap, for bench/heap-shapes.ts to count.
const snapshotAt = process.argv.indexOf('--heap-snapshot');
if (snapshotAt >= 0) writeHeapSnapshot(process.argv[snapshotAt + 1]);
// Keep the lab alive until the heap is measured (otherwise the collector may take it first).
if (lab.snapshot().nodes.length !== NODES) throw new Error('cluster shape changed');

const size = `${NODES.toLocaleString('en-US')} nodes, ${PODS.toLocaleString('en-US')} pods`;
report(`full lab (${size}): pods bound`, scheduled, 'pods');
report(`full lab (${size}): bound per wall second`, (scheduled / scheduledWall) * 1000, 'pods/s');
report(`full lab (${size}): Ready per wall second`, (ready / readyWall) * 1000, 'pods/s');
// CPU time as well: on a shared machine wall time also counts the other processes' turns.
report(`full lab (${size}): bound per CPU second`, (scheduled / scheduledCpu) * 1000, 'pods/s');
report(`full lab (${size}): Ready per CPU second`, (ready / readyCpu) * 1000, 'pods/s');
report(`full lab (${size}): simulated time to all Ready`, lab.now() / 1000, 's');
report(`full lab (${size}): heap per pod`, (heap * 2 ** 20) / PODS, 'B');
report(`full lab (${size}): heap`, heap, 'MB');
// Typed arrays' contents live outside the JS heap (V8's heapUsed leaves them out): the lab's
// columns (the Events, the trace, the store's revisions and index) are counted here.
report(`full lab (${size}): typed arrays per pod`, (external * 2 ** 20) / PODS, 'B');
// Issue 3's goals: ≤ 1 KB a pod, the whole lab under 300 MB at 150k pods. Per pod both ways:
// everything over the pods (the nodes' share included), and what the pods added to the cluster.
report(
	`full lab (${size}): heap + typed arrays per pod`,
	((heap + external) * 2 ** 20) / PODS,
	'B'
);
report(
	`full lab (${size}): heap + typed arrays per pod, cluster's share left out`,
	((heap + external - clusterMb) * 2 ** 20) / PODS,
	'B'
);
report(`full lab (${size}): the cluster alone at 00:00 (heap + typed arrays)`, clusterMb, 'MB');
report(`full lab (${size}): the whole lab (heap + typed arrays)`, heap + external, 'MB');
