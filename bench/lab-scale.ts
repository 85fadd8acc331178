/**
 * `node --expose-gc --import tsx bench/lab-scale.ts [--json] [--nodes N] [--deployments D]
 * [--replicas R]`: the whole lab at scale, not just the scheduler's decisions. A kubeadm-shaped
 * cluster of N nodes, then D Deployments of R replicas created with kubectl; the lab runs in
 * one-second steps (controllers, scheduler, kubelets, image pulls, Events, the trace and time
 * travel's checkpoints all on) until every pod is scheduled and every Deployment is ready.
 *
 * It reports pods bound per wall second (from the `pod.scheduled` trace events), pods Ready per
 * wall second, and the heap the lab holds per pod once it settles. Defaults are a size a CI box
 * runs in seconds; `--nodes 5000 --deployments 150 --replicas 1000` is the published-limits run.
 */
import { createLab } from '../src/engine/index';
import { gc, heapMb, report, wallMs } from './report';

function arg(name: string, fallback: number): number {
	const i = process.argv.indexOf(name);
	return i < 0 ? fallback : Number(process.argv[i + 1]);
}

const NODES = arg('--nodes', 1000);
const DEPLOYMENTS = arg('--deployments', 10);
const REPLICAS = arg('--replicas', 1000);
const PODS = DEPLOYMENTS * REPLICAS;
/** Give up after this much simulated time: a stuck run reports what it reached. */
const LIMIT_MS = 600_000;

interface DeploymentList {
	items: { status?: { readyReplicas?: number } }[];
}

gc();
const heapBefore = heapMb();
const lab = createLab({ flavor: 'kubernetes', workers: NODES - 1, seed: 1 });
const t0 = wallMs();
for (let d = 0; d < DEPLOYMENTS; d++) {
	const r = lab.exec(
		`kubectl create deployment app-${d} --image=nginx:1.27 --replicas=${REPLICAS}`
	);
	if (!r.ok) throw new Error(r.error);
}
let scheduled = 0;
let scheduledWall = NaN;
let ready = 0;
let readyWall = NaN;
let seen = 0;
while (lab.now() < LIMIT_MS && (Number.isNaN(scheduledWall) || Number.isNaN(readyWall))) {
	lab.advance(1000);
	const events = lab.events();
	for (; seen < events.length; seen++) if (events[seen]!.kind === 'pod.scheduled') scheduled++;
	if (Number.isNaN(scheduledWall) && scheduled >= PODS) scheduledWall = wallMs() - t0;
	const list = JSON.parse(lab.exec('kubectl get deployments -o json').output) as DeploymentList;
	ready = list.items.reduce((sum, d) => sum + (d.status?.readyReplicas ?? 0), 0);
	if (Number.isNaN(readyWall) && ready >= PODS) readyWall = wallMs() - t0;
}
gc();
const heap = heapMb() - heapBefore;

const size = `${NODES.toLocaleString('en-US')} nodes, ${PODS.toLocaleString('en-US')} pods`;
report(`full lab (${size}): pods bound`, scheduled, 'pods');
report(`full lab (${size}): bound per wall second`, (scheduled / scheduledWall) * 1000, 'pods/s');
report(`full lab (${size}): Ready per wall second`, (ready / readyWall) * 1000, 'pods/s');
report(`full lab (${size}): heap per pod`, (heap * 2 ** 20) / PODS, 'B');
report(`full lab (${size}): heap`, heap, 'MB');
