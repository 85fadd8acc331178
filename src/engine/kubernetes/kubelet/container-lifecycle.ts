/**
 * A container's life on its node: created once the pod's images are there, running its program
 * (./container-program) step by step, exiting, and restarted by the pod's restart policy with
 * the kubelet's back-off (facts.md §1.2).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { Kernel } from '../../core/kernel';
import type { TraceFormat } from '../../core/trace';
import { key, SERVICES } from '../api/collections';
import { CRASH_BACKOFF_RESET_MS, INIT_TASK_MS, POD_SYNC_RETRY_MS } from '../defaults';
import { podName, podNamespace } from '../pods';
import type { ApiChannel } from './api-channel';
import { NO_FILES, containerId, type ContainerRun, type Termination } from './container-state';
import { clientOutputKey, recordClientOutput, runClient } from './container-clients';
import { containerConfigError } from './config-refs';
import { nextContainerPhase } from './container.machine';
import type { Step } from './container-program';
import { reasonOf, stopOf } from './container-stop';
import { restartDelay } from './crash-backoff';
import { PULLED, askPull, shouldPull } from './image-pulls';
import { initCount, isSidecar, specAt } from './init-containers';
import { InitSequence } from './init-sequence';
import { ensureSandboxIp } from './settled-pods';
import { syncRetryMs } from './pod-sync';
import type { ContainerRef, Ref, RunView, RuntimeState } from './runtime-state';
import { internContainers, isShared, own, setContainer, shareOne } from './shared-containers';

/** The trace's `Pod <name> is running on <node>.`, filled in when read (Trace.addFormatted). */
const POD_RUNNING: TraceFormat = {
	subject: ['pod/', 0],
	message: ['Pod ', 0, ' is running on ', 1, '.']
};

/** image_manager.go EnsureImageExists: the image is not on the node under imagePullPolicy Never. */
function neverPullMessage(image: string): string {
	return `Container image ${JSON.stringify(image)} is not present with pull policy of Never`;
}

/** The last start of each shared fresh container (see `startedRun`): by template, never grows. */
const STARTED = new WeakMap<ContainerRun, { spec: Container; made: ContainerRun }>();

/** What the lifecycle needs from the probers: start probing a container's new run. */
export interface ProbeStarter {
	containerStarted(pod: Pod, run: RunView, i: number): void;
}

export class ContainerLifecycle {
	constructor(
		private readonly kernel: Kernel,
		private readonly state: RuntimeState,
		private readonly channel: ApiChannel,
		private readonly probes: ProbeStarter,
		private readonly nodeIndex: (node: string) => number
	) {
		kernel.on(PULLED, (a) => this.started(a as Ref));
		kernel.on('runtime.step', (a) => this.step(a as ContainerRef));
		kernel.on('runtime.restart', (a) => this.restart(a as ContainerRef));
		kernel.on('runtime.killed', (a) => this.killed(a as KillRef));
		kernel.on('runtime.resync', (a) => this.resync(a as ContainerRef));
		kernel.on('runtime.configretry', (a) => this.configRetry(a as ContainerRef));
		kernel.on('runtime.repulled', (a) => this.repulled(a as ContainerRef));
		this.inits = new InitSequence(kernel, state, channel, (pod, run, i, write) =>
			this.startContainer(pod, run, i, write)
		);
	}

	private readonly inits: InitSequence;

	/** The pod's images are on the node: it gets its IP and its containers start. */
	private started(ref: Ref): void {
		const found = this.channel.current(ref);
		if (found === undefined || found.run.phase !== 'starting') return;
		const { pod, run } = found;
		ensureSandboxIp(this.state, run, pod, this.nodeIndex);
		run.phase = 'running';
		this.kernel.emitFormatted('pod.running', POD_RUNNING, podName(pod), run.node);
		// Init containers first, one step at a time (./init-sequence); else every container now.
		if (initCount(pod) > 0) this.inits.startFirst(pod, run);
		else for (let i = 0; i < run.containers.length; i++) this.startContainer(pod, run, i, false);
		this.channel.write(pod, run);
		// Started alike with the pod before it (same image, program and millisecond): share.
		run.containers = internContainers(run.containers);
	}

	private startContainer(pod: Pod, run: RunView, i: number, write = true, pulled = false): void {
		const c = run.containers[i]!;
		const spec = specAt(pod, i);
		// startContainer ensures the image first (EnsureImageExists: a restart or a retry finds
		// it there, unless it pulls again: see `again`; under imagePullPolicy Never it may not
		// be there at all), then makes the container's config, which may fail.
		if (this.neverPullFailed(pod, run, i, write)) return;
		if ((c.run > 0 || c.state === 'configerror' || c.state === 'neverpull') && !pulled)
			this.channel.alreadyPresent(pod, run, c.name, c.image);
		if (this.configFailed(pod, run, i, write)) return;
		setContainer(run, i, this.startedRun(c, spec));
		this.channel.event(pod, run, c.name, 'Normal', 'Created', 'Container created');
		this.channel.event(pod, run, c.name, 'Normal', 'Started', 'Container started');
		this.probes.containerStarted(pod, run, i);
		this.runSteps(pod, run, i);
		// A sidecar without a startup probe has started: the next init step may follow.
		if (i < initCount(pod) && run.containers[i]!.started) this.inits.advance(pod, run);
		if (write) this.channel.write(pod, run);
	}

	/**
	 * Container `c` created and started now. A template's pods start alike: a shared fresh
	 * container with nothing to run or probe, started in the same millisecond, is the same
	 * started container, so it is made once and shared (./shared-containers) rather than made
	 * per pod and then found equal by internContainers.
	 */
	private startedRun(c: ContainerRun, spec: Container): ContainerRun {
		const now = this.kernel.now;
		const alike =
			c.state === 'creating' &&
			c.program.steps.length === 0 &&
			spec.startupProbe === undefined &&
			spec.readinessProbe === undefined &&
			spec.livenessProbe === undefined &&
			isShared(c);
		if (alike) {
			const known = STARTED.get(c);
			if (known !== undefined && known.spec === spec && known.made.startedAt === now)
				return known.made;
		}
		const made = this.start(c, spec);
		if (alike) STARTED.set(c, { spec, made: shareOne(made) });
		return made;
	}

	private start(c: ContainerRun, spec: Container): ContainerRun {
		// A container that ran before and is created again: a restart (a failed config or a
		// missing image made none).
		const again =
			c.state === 'backoff' ||
			((c.state === 'configerror' || c.state === 'neverpull') && c.run > 0);
		return {
			...c,
			state: nextContainerPhase(c.state, { type: 'STARTED' }),
			// restartCount counts containers created after the first (it grows at each restart).
			restarts: again ? c.restarts + 1 : c.restarts,
			// The exit it restarts after becomes its last state.
			last: c.state === 'backoff' ? c.ended : c.last,
			message: undefined,
			startedAt: this.kernel.now,
			pc: 0,
			status: 0,
			files: NO_FILES,
			// Without probes a running container is started and ready at once; a startup probe
			// holds both back, a readiness probe holds back readiness (facts.md §1.3).
			started: spec.startupProbe === undefined,
			ready: spec.readinessProbe === undefined && spec.startupProbe === undefined,
			run: c.run + 1,
			ended: undefined,
			backoffUntil: undefined
		};
	}

	/**
	 * Whether the container's config cannot be made (./config-refs): then it is not created.
	 * kuberuntime_container.go startContainer records `Error: <message>` as a Warning Failed
	 * event and the status shows CreateContainerConfigError with the message until a later sync
	 * makes it; the failed sync is retried after the pod worker's back-off (./pod-sync).
	 */
	private configFailed(pod: Pod, run: RunView, i: number, write: boolean): boolean {
		const error = containerConfigError(this.kernel.store, pod, specAt(pod, i));
		if (error === undefined) return false;
		const c = run.containers[i]!;
		this.channel.event(pod, run, c.name, 'Warning', 'Failed', `Error: ${error}`);
		this.notCreated(pod, run, i, write, 'CONFIG_ERROR', error, 'container.configerror');
		return true;
	}

	/**
	 * imagePullPolicy Never and the image is not on the node (image_manager.go
	 * EnsureImageExists): the image manager records a Warning `ErrImageNeverPull` event,
	 * `Container image "IMAGE" is not present with pull policy of Never`, startContainer a
	 * Warning Failed `Error: ErrImageNeverPull`, and the status shows the ErrImageNeverPull
	 * reason with that message. No pull back-off: the failed sync is retried after the pod
	 * worker's back-off (./pod-sync), and a later sync starts it once the image is there.
	 */
	private neverPullFailed(pod: Pod, run: RunView, i: number, write: boolean): boolean {
		const spec = specAt(pod, i);
		const image = spec.image ?? '';
		if (spec.imagePullPolicy !== 'Never' || this.state.hasImage(run, image, this.kernel.now))
			return false;
		const c = run.containers[i]!;
		const message = neverPullMessage(image);
		this.channel.event(pod, run, c.name, 'Warning', 'ErrImageNeverPull', message);
		this.channel.event(pod, run, c.name, 'Warning', 'Failed', 'Error: ErrImageNeverPull');
		this.notCreated(pod, run, i, write, 'NEVER_PULL', message, 'container.neverpull');
		return true;
	}

	/**
	 * Container `i` was not created (its start failed with `message`): it waits in the phase
	 * `event` leads to, the trace says so, and the pod worker's next sync tries again after its
	 * back-off (./pod-sync).
	 */
	private notCreated(
		pod: Pod,
		run: RunView,
		i: number,
		write: boolean,
		event: 'CONFIG_ERROR' | 'NEVER_PULL',
		message: string,
		trace: string
	): void {
		const c = run.containers[i]!;
		const state = nextContainerPhase(c.state, { type: event });
		const same = c.state === state && c.message === message;
		setContainer(run, i, {
			...c,
			state,
			message,
			// An exit it was to restart after becomes its last state (no new container was made).
			last: c.state === 'backoff' ? c.ended : c.last,
			ended: undefined,
			started: false,
			ready: false,
			backoffUntil: undefined
		});
		this.kernel.emit(
			trace,
			`pod/${podName(pod)}`,
			`Container ${c.name} of ${podName(pod)} not created: ${message}.`
		);
		const k = this.kernel;
		const retry = syncRetryMs(k.rng.seed, run.slot, run.gen, k.now);
		k.after(retry, 'runtime.configretry', containerRef(run, i, c.run));
		// The status changes only when the error does (the status manager writes no equal status).
		if (write && !same) this.channel.write(pod, run);
	}

	/**
	 * The pod worker's next sync after a failed config or a missing image (Never): it tries to
	 * create the container again.
	 */
	private configRetry(ref: ContainerRef): void {
		const found = this.channel.current(ref);
		const c = found?.run.containers[ref.c];
		if (
			found === undefined ||
			c === undefined ||
			c.run !== ref.run ||
			(c.state !== 'configerror' && c.state !== 'neverpull')
		)
			return;
		this.again(found.pod, found.run, ref);
	}

	/**
	 * A restart or a retry of container `ref.c`: its image is ensured first, which under
	 * imagePullPolicy Always is a pull every time (image_manager.go shouldPullImage), queued on
	 * the node's puller; the container is created once it is done.
	 */
	private again(pod: Pod, run: RunView, ref: ContainerRef): void {
		const spec = specAt(pod, ref.c);
		const image = spec.image ?? '';
		if (!shouldPull(spec, this.state.hasImage(run, image, this.kernel.now))) {
			this.startContainer(pod, run, ref.c);
			return;
		}
		const wait = askPull(this.kernel, this.state, this.channel, pod, run, spec);
		// Queued after the pull's own Pulled event (./image-pulls), so that one comes first.
		this.kernel.after(wait, 'runtime.repulled', { ...ref });
	}

	/** The restart's pull is done (Pulled said): the container is created and started. */
	private repulled(ref: ContainerRef): void {
		const found = this.channel.current(ref);
		const c = found?.run.containers[ref.c];
		if (found === undefined || c === undefined || c.run !== ref.run) return;
		if (c.state !== 'backoff' && c.state !== 'configerror' && c.state !== 'neverpull') return;
		this.startContainer(found.pod, found.run, ref.c, true, true);
	}

	/**
	 * One try of `until nslookup HOST; do echo …; sleep N; done`: the log gets nslookup's answer
	 * (the pod's own client, ./container-clients.ts), and after a failed one the body's echoes.
	 */
	private lookup(
		pod: Pod,
		i: number,
		container: string,
		id: string,
		s: Extract<Step, { op: 'resolve' }>,
		resolves: boolean
	): void {
		// `$(cat …/serviceaccount/namespace)` was left out of HOST: it names the pod's namespace.
		const host = s.host.replace('..', `.${podNamespace(pod)}.`);
		const lookup = runClient(this.kernel, pod, specAt(pod, i), ['nslookup', host]);
		const lines = [...(lookup?.lines ?? []), ...(resolves ? [] : (s.say ?? []))];
		if (lines.length > 0)
			recordClientOutput(this.kernel, clientOutputKey(pod, container, id), lines);
	}

	/** A container's startup probe passed: for a sidecar, the next init step may follow. */
	startupPassed(pod: Pod, run: RunView, i: number): void {
		if (i < initCount(pod)) this.inits.advance(pod, run);
	}

	/** Runs program steps until one takes time (sleep) or the program ends. */
	private runSteps(pod: Pod, run: RunView, i: number): void {
		// A server with nothing (left) to run: nothing changes, so nothing is copied to change.
		const was = run.containers[i]!;
		if (was.pc >= was.program.steps.length && was.program.then !== 'exit') return;
		const c = own(run, i);
		const steps = c.program.steps;
		while (c.pc < steps.length) {
			const s = steps[c.pc++]!;
			if (s.op === 'sleep') {
				this.kernel.after(s.ms, 'runtime.step', containerRef(run, i, c.run));
				return;
			}
			if (s.op === 'resolve') {
				const resolves = serviceResolves(this.kernel, pod, s.host);
				const id = containerId(this.kernel.rng.seed, c.startedAt, i);
				this.lookup(pod, i, c.name, id, s, resolves);
				if (!resolves) {
					c.pc--; // not yet: the loop's body runs, then the lookup again
					this.kernel.after(s.ms, 'runtime.step', containerRef(run, i, c.run));
					return;
				}
				c.status = 0;
				continue;
			}
			if (s.op === 'client') {
				const done = runClient(this.kernel, pod, specAt(pod, i), s.argv);
				if (done === undefined && s.otherwise === 'serve') {
					c.pc = steps.length; // as before clients ran: it runs until stopped
					return;
				}
				if (done === undefined) {
					// A task's unknown work: it takes its time, then succeeds.
					c.status = 0;
					this.kernel.after(INIT_TASK_MS, 'runtime.step', containerRef(run, i, c.run));
					return;
				}
				if (done.lines.length > 0)
					recordClientOutput(
						this.kernel,
						clientOutputKey(pod, c.name, containerId(this.kernel.rng.seed, c.startedAt, i)),
						done.lines
					);
				if (done.reason !== undefined)
					return this.exit(pod, run, i, done.code, done.reason, done.message);
				c.status = done.code;
				continue;
			}
			if (s.op === 'touch') c.files = [...c.files.filter((f) => f !== s.path), s.path];
			else if (s.op === 'rm') c.files = c.files.filter((f) => f !== s.path);
			else if (s.op === 'status') c.status = s.code;
			else if (s.op === 'exit') return this.exit(pod, run, i, s.code, reasonOf(s.code));
			// The cgroup's OOM killer: SIGKILL to the whole container (memory.oom.group).
			else if (s.op === 'oom') return this.exit(pod, run, i, 137, 'OOMKilled');
			if (s.op === 'touch' || s.op === 'rm') c.status = 0;
		}
		if (c.program.then === 'exit') this.exit(pod, run, i, c.status, reasonOf(c.status));
	}

	private step(ref: ContainerRef): void {
		const found = this.channel.current(ref);
		const c = found?.run.containers[ref.c];
		if (found === undefined || c === undefined || c.run !== ref.run || c.state !== 'running')
			return;
		this.runSteps(found.pod, found.run, ref.c);
		this.channel.write(found.pod, found.run);
	}

	/** The container's process ended: the restart policy decides what happens next. */
	exit(
		pod: Pod,
		run: RunView,
		i: number,
		exitCode: number,
		reason: string,
		message?: string
	): void {
		const c = run.containers[i]!;
		const now = this.kernel.now;
		const ended: Termination = { exitCode, reason, startedAt: c.startedAt, finishedAt: now };
		if (message !== undefined) ended.message = message;
		if (!restarts(pod, i, exitCode)) {
			const state = nextContainerPhase(c.state, { type: 'FINISHED' });
			setContainer(run, i, { ...c, state, ended, ready: false, run: c.run + 1 });
			// A regular init container done: the next step (or the pod has failed).
			if (i < initCount(pod)) this.inits.advance(pod, run);
			else if (initCount(pod) > 0) this.inits.appEnded(pod, run);
			return;
		}
		// A container that ran long enough without trouble starts its back-off afresh.
		const crashLoop = now - c.startedAt >= CRASH_BACKOFF_RESET_MS ? 1 : c.crashLoop + 1;
		const delay = restartDelay(crashLoop);
		setContainer(run, i, {
			...c,
			state: nextContainerPhase(c.state, { type: 'EXITED' }),
			ended,
			ready: false,
			crashLoop,
			backoffUntil: now + delay,
			run: c.run + 1
		});
		this.kernel.after(delay, 'runtime.restart', containerRef(run, i, c.run + 1));
		// The exit shows until the kubelet's next sync reports the back-off (container-state.ts).
		if (delay > POD_SYNC_RETRY_MS)
			this.kernel.after(POD_SYNC_RETRY_MS, 'runtime.resync', containerRef(run, i, c.run + 1));
		if (delay > 0) {
			this.channel.event(
				pod,
				run,
				c.name,
				'Warning',
				'BackOff',
				`Back-off restarting failed container ${c.name} in pod ${podName(pod)}_${podNamespace(pod)}(${pod.metadata?.uid ?? ''})`
			);
		}
		this.kernel.emit(
			'container.exited',
			`pod/${podName(pod)}`,
			`Container ${c.name} of ${podName(pod)} exited with status ${exitCode}; restart in ${delay / 1000}s.`
		);
	}

	/**
	 * The kubelet stops container `i` (its liveness or startup probe failed): SIGTERM, and
	 * SIGKILL once `grace` seconds have passed (./container-stop.ts). It keeps running until
	 * then — its program may end it first — and is restarted by the policy as after any exit.
	 */
	kill(pod: Pod, run: RunView, i: number, grace: number): void {
		const c = run.containers[i]!;
		const stop = stopOf(c.program, pod, grace);
		const ref: KillRef = { ...containerRef(run, i, c.run), code: stop.exitCode };
		this.kernel.after(stop.ms, 'runtime.killed', ref);
	}

	private killed(ref: KillRef): void {
		const found = this.channel.current(ref);
		const c = found?.run.containers[ref.c];
		if (found === undefined || c === undefined || c.run !== ref.run || c.state !== 'running')
			return;
		this.exit(found.pod, found.run, ref.c, ref.code, reasonOf(ref.code));
		this.channel.write(found.pod, found.run);
	}

	/** The kubelet's sync after an exit: the status now shows the back-off. */
	private resync(ref: ContainerRef): void {
		const found = this.channel.current(ref);
		const c = found?.run.containers[ref.c];
		if (found === undefined || c === undefined || c.run !== ref.run || c.state !== 'backoff')
			return;
		this.channel.write(found.pod, found.run);
	}

	private restart(ref: ContainerRef): void {
		const found = this.channel.current(ref);
		const c = found?.run.containers[ref.c];
		if (found === undefined || c === undefined || c.run !== ref.run || c.state !== 'backoff')
			return;
		this.again(found.pod, found.run, ref);
	}
}

/**
 * Whether the kubelet restarts run container `i` after it exited: an app container by the pod's
 * restartPolicy; a sidecar always; a regular init container only after a failure, unless the
 * pod's policy is Never (Always then acts as OnFailure: "Init Containers" docs).
 */
function restarts(pod: Pod, i: number, exitCode: number): boolean {
	const policy = pod.spec?.restartPolicy ?? 'Always';
	if (i < initCount(pod))
		return isSidecar(specAt(pod, i)) || (policy !== 'Never' && exitCode !== 0);
	return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
}

/**
 * Whether cluster DNS answers for `host` from the pod: `NAME`, `NAME.NAMESPACE`,
 * `NAME.NAMESPACE.svc.cluster.local` name a Service (the pod's namespace when none is given,
 * or when the label is not a plain name, as `$(cat …/namespace)` split by the shell reader).
 */
function serviceResolves(kernel: Kernel, pod: Pod, host: string): boolean {
	const [name, label] = host.split('.');
	const namespace =
		label !== undefined && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(label) && label !== 'svc'
			? label
			: podNamespace(pod);
	return kernel.store.get(SERVICES, key(namespace, name ?? '')) !== undefined;
}

/** A container being stopped, and the exit code its stop ends with. */
interface KillRef extends ContainerRef {
	code: number;
}

export function containerRef(run: RunView, i: number, runNo: number): ContainerRef {
	return { slot: run.slot, gen: run.gen, c: i, run: runNo };
}
