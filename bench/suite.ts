/**
 * The engine figures `npm run bench` reports (bench/run.ts runs this file bundled, or through
 * tsx with --tsx). Benchmarks report; they never fail on time.
 *
 *  (a) queue events per second through the kernel (timers that reschedule themselves), beside a
 *      plain binary-heap loop — the ceiling to compare with;
 *  (b) one simulated hour of a 5,000-node Kubernetes cluster at rest (every kubelet's status
 *      and Lease heartbeats on their real periods, the node lifecycle controller every 5 s),
 *      with time travel's checkpoints on: wall time, speed-up over real time, heap.
 */
import { EventQueue } from '../src/engine/core/event-queue';
import { Kernel } from '../src/engine/core/kernel';
import { createLab } from '../src/engine/index';
import { report, gc, heapMb, wallMs } from './report';

function kernelEventsPerSecond(total: number): number {
	const k = new Kernel(1, { latencyMs: 1, jitterMs: 0, loss: 0 });
	const timers = 1000;
	k.on('tick', (i) => k.after(1 + ((i as number) % 97), 'tick', i));
	for (let i = 0; i < timers; i++) k.at(i % 13, 'tick', i);
	// Warm up the JIT, then measure.
	k.runUntil(2_000);
	const start = k.processed;
	const t0 = wallMs();
	let horizon = 2_000;
	while (k.processed - start < total) k.runUntil((horizon += 10_000));
	return ((k.processed - start) / (wallMs() - t0)) * 1000;
}

function plainHeapEventsPerSecond(total: number): number {
	const q = new EventQueue();
	for (let i = 0; i < 1000; i++) q.push(i % 13, 'tick', i);
	const t0 = wallMs();
	for (let n = 0; n < total; n++) {
		q.take();
		q.push(q.takenT + 1 + ((q.takenArg as number) % 97), 'tick', q.takenArg);
	}
	return (total / (wallMs() - t0)) * 1000;
}

function bigClusterHour(nodes: number): { wall: number; heap: number } {
	gc();
	const lab = createLab({ flavor: 'kubernetes', workers: nodes - 1, seed: 1 });
	const t0 = wallMs();
	lab.advance(3600_000);
	const wall = wallMs() - t0;
	gc();
	const heap = heapMb();
	// Keep the lab alive until the heap is measured.
	if (lab.snapshot().nodes.length !== nodes) throw new Error('cluster shape changed');
	return { wall, heap };
}

const EVENTS = 4_000_000;
report('kernel queue throughput', kernelEventsPerSecond(EVENTS), 'events/s');
report('plain binary-heap loop (ceiling)', plainHeapEventsPerSecond(EVENTS), 'events/s');
const big = bigClusterHour(5000);
report('5,000-node cluster, 1 simulated hour: wall time', big.wall / 1000, 's');
report('5,000-node cluster: speed-up over real time', 3600_000 / big.wall, 'x');
report('5,000-node cluster: heap after the hour', big.heap, 'MB');

// (c) kube-scheduler at scale: 150,000 Deployment pods onto 5,000 nodes (bench/scheduler-scale.ts).
await import('./scheduler-scale');

// (d) the whole Kubernetes lab at scale: Deployments → controllers → scheduler → kubelets.
await import('./lab-scale');

// (d) Raft: the paper's Figure 16, and the group's speed with time travel (bench/raft-*.ts).
await import('./raft-figure16');
await import('./raft-speed');
