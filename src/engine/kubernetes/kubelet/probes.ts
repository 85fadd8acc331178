/**
 * The kubelet's probers (pkg/kubelet/prober; facts.md §1.3). Each probe of a container has a
 * worker that ticks every period from the moment the kubelet took the pod on, across restarts
 * of the container. A startup probe holds liveness and readiness back until it succeeds, and
 * has the container killed after failureThreshold failures in a row; liveness does the same;
 * readiness decides the container's Ready, hence the pod's Ready and ContainersReady. When a
 * container starts, its readiness probe also runs at once (prober_manager.go UpdatePodStatus
 * triggers a manual run while the result is unknown).
 */
import type { Container, Pod, Probe } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import { podName } from '../pods';
import type { ApiChannel } from './api-channel';
import { podIpText } from '../api/pod-ip-code';
import type { ProbeStarter } from './container-lifecycle';
import type { ContainerRun } from './container-state';
import { graceSeconds } from './container-stop';
import { probeFailure, probePort, type ProbeCause } from './probe-messages';
import {
	IDLE_WORKER,
	PROBE_KINDS,
	nextTick,
	periodMs,
	probeOf,
	record,
	shouldProbe,
	type ProbeKind,
	type ProbeWorker
} from './probe-worker';
import type { Ref, RunView } from './runtime-state';
import { specAt } from './init-containers';
import { own } from './shared-containers';
import { httpReply } from '../../images/http-replies';
import { labRegistry } from '../../registry/lab-registry';
import { logContext } from './short-commands';

interface ProbeTick extends Ref {
	c: number;
	kind: ProbeKind;
	/** The tick's due time, or -1 for a manual run (which does not schedule the next tick). */
	at: number;
}

/**
 * How the probers kill a container that failed its liveness or startup probe: SIGTERM, then
 * SIGKILL after `grace` seconds (./container-stop.ts graceSeconds).
 */
export type Kill = (pod: Pod, run: RunView, i: number, grace: number) => void;
/** A container's startup probe passed. */
export type Started = (pod: Pod, run: RunView, i: number) => void;

const TITLE: Record<ProbeKind, string> = {
	liveness: 'Liveness',
	readiness: 'Readiness',
	startup: 'Startup'
};

export class Probes implements ProbeStarter {
	constructor(
		private readonly kernel: Kernel,
		private readonly channel: ApiChannel,
		private readonly kill: Kill,
		/** A container's startup probe passed (a sidecar's lets the next init step start). */
		private readonly started: Started
	) {
		kernel.on('runtime.probe', (a) => this.tick(a as ProbeTick));
	}

	/** A container (re)started: wake its sleeping workers on their grid; readiness runs now. */
	containerStarted(pod: Pod, run: RunView, i: number): void {
		const spec = specAt(pod, i);
		// Most containers have no probes: nothing of theirs to change or to key.
		if (
			spec.startupProbe === undefined &&
			spec.livenessProbe === undefined &&
			spec.readinessProbe === undefined
		)
			return;
		const c = own(run, i);
		const slot = run.slot;
		for (const kind of PROBE_KINDS) {
			const probe = probeOf(spec, kind);
			if (probe === undefined) continue;
			const w = c.probes?.[kind] ?? IDLE_WORKER;
			if (w.next === undefined) {
				const at = nextTick(run.setUpAt, periodMs(probe), this.kernel.now);
				this.save(c, kind, { ...w, next: at });
				this.kernel.at(at, 'runtime.probe', { slot, gen: run.gen, c: i, kind, at });
			}
			if (kind === 'readiness') this.manualReadiness(pod, run, i);
		}
	}

	/** prober_manager.go UpdatePodStatus: a readiness probe with no result yet runs at once. */
	private manualReadiness(pod: Pod, run: RunView, i: number): void {
		const tick: ProbeTick = { slot: run.slot, gen: run.gen, c: i, kind: 'readiness', at: -1 };
		this.kernel.after(0, 'runtime.probe', tick);
	}

	private tick(ref: ProbeTick): void {
		const found = this.channel.current(ref);
		if (found === undefined || found.run.containers[ref.c] === undefined) return;
		const c = own(found.run, ref.c);
		const probe = probeOf(specAt(found.pod, ref.c), ref.kind);
		if (probe === undefined) return;
		const w = c.probes?.[ref.kind] ?? IDLE_WORKER;
		if (ref.at >= 0) {
			if (w.next !== ref.at) return; // superseded
			if (c.state !== 'running') {
				// Nothing to probe until the container runs again: the worker sleeps.
				this.save(c, ref.kind, { ...w, next: undefined });
				return;
			}
			const at = ref.at + periodMs(probe);
			this.save(c, ref.kind, { ...w, next: at });
			this.kernel.at(at, 'runtime.probe', { ...ref, at });
		} else if (c.state !== 'running') return;
		this.probe(found.pod, found.run, ref.c, ref.kind, probe);
	}

	private probe(pod: Pod, run: RunView, i: number, kind: ProbeKind, probe: Probe): void {
		const c = own(run, i);
		let w: ProbeWorker = c.probes?.[kind] ?? IDLE_WORKER;
		// A new run of the container is a new container ID: the worker starts afresh.
		if (w.run !== c.run) w = { ...w, run: c.run, last: 'none', count: 0, onHold: false };
		if (!shouldProbe(w, kind, probe, this.kernel.now - c.startedAt, c.started)) {
			this.save(c, kind, w);
			return;
		}
		const cause = this.failure(pod, c, probe, specAt(pod, i));
		const ok = cause === undefined;
		const counted = record(w, probe, ok);
		w = counted.worker;
		if (!ok)
			this.channel.event(
				pod,
				run,
				c.name,
				'Warning',
				'Unhealthy',
				`${TITLE[kind]} probe failed: ${probeFailure(probe, specAt(pod, i), podIpOf(run), cause!)}`
			);
		if (!counted.decided) {
			this.save(c, kind, w);
			return;
		}
		if (kind === 'readiness') {
			this.save(c, kind, w);
			if (c.ready !== ok) {
				c.ready = ok;
				this.channel.write(pod, run);
			}
			return;
		}
		if (ok) {
			this.save(c, kind, w);
			if (kind === 'startup') {
				c.started = true;
				const readiness = specAt(pod, i).readinessProbe;
				c.ready = readiness === undefined;
				this.started(pod, run, i);
				this.channel.write(pod, run);
				// Readiness has no result yet: the status sync asks for a run at once.
				if (readiness !== undefined) this.manualReadiness(pod, run, i);
			}
			return;
		}
		// Failed often enough: the container is killed; the worker waits for its next run.
		this.save(c, kind, { ...w, onHold: true, count: 0 });
		const why = `Container ${c.name} failed ${kind} probe, will be restarted`;
		this.channel.event(pod, run, c.name, 'Normal', 'Killing', why);
		this.kernel.emit('container.unhealthy', `pod/${podName(pod)}`, `${why}.`);
		this.kill(pod, run, i, graceSeconds(pod, probe));
		this.channel.write(pod, run);
	}

	private save(c: ContainerRun, kind: ProbeKind, w: ProbeWorker): void {
		c.probes = { ...c.probes, [kind]: w };
	}

	/** Why the probe fails now, or undefined when it passes. */
	private failure(
		pod: Pod,
		c: ContainerRun,
		probe: Probe,
		spec: Container
	): ProbeCause | undefined {
		// A port nothing in the container listens on refuses the connection.
		const listens = c.program.listens;
		const port = probePort(probe, spec);
		if (listens !== undefined && port !== undefined && !listens.includes(port)) return 'refused';
		if (c.unhealthy) return probe.tcpSocket !== undefined ? 'refused' : SERVER_ERROR;
		const cmd = probe.exec?.command ?? [];
		if (cmd[0] === 'cat' && cmd[1] !== undefined)
			return c.files.includes(cmd[1]) ? undefined : 'exec';
		if (probe.httpGet !== undefined && c.program.http.healthyForMs !== undefined)
			return this.kernel.now - c.startedAt < c.program.http.healthyForMs ? undefined : SERVER_ERROR;
		if (probe.httpGet !== undefined) return this.httpStatus(pod, c, probe.httpGet.path, spec);
		return undefined;
	}

	/**
	 * An image whose server the lab knows answers the probe's path as it would answer curl
	 * (../../images/http-replies: nginx's 404 for a path it has no file for); http.go counts
	 * 200–399 as success. Any other server is taken to answer its probe.
	 */
	private httpStatus(
		pod: Pod,
		c: ContainerRun,
		path: string | undefined,
		spec: Container
	): ProbeCause | undefined {
		const image = spec.image ?? '';
		const reply = httpReply(pod, spec, path || '/', {
			readFile: logContext(this.kernel.store, pod, spec, c.startedAt).readFile,
			base: labRegistry(this.kernel).configOf(image)?.base ?? image
		});
		if (reply === undefined || (reply.status >= 200 && reply.status < 400)) return undefined;
		return { status: reply.status };
	}
}

/** The answer of a server that fails its probe: 500 (the liveness test server's). */
const SERVER_ERROR: ProbeCause = { status: 500 };

/** The run's IP as text, or undefined before it has one. */
function podIpOf(run: RunView): string | undefined {
	const code = run.ip;
	return code === undefined ? undefined : podIpText(code);
}
