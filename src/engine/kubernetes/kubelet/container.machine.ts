/**
 * One container's lifecycle on its node, as the kubelet walks it:
 *
 *   creating ──PULL_FAILED──▶ pullerror ──BACK_OFF──▶ pullbackoff ──PULL_FAILED──▶ pullerror
 *   creating | pullerror | pullbackoff ──STARTED──▶ running
 *   running ──EXITED──▶ backoff (the restart policy restarts it) ──STARTED──▶ running
 *   running ──FINISHED──▶ terminated (it will not be restarted)
 *   creating | backoff | configerror ──CONFIG_ERROR──▶ configerror ──STARTED──▶ running
 *   creating | backoff | configerror | neverpull ──NEVER_PULL──▶ neverpull ──STARTED──▶ running
 *
 * The waiting reasons the API shows come from these states (container-state.ts). The machine is
 * driven purely (`transition` on a resolved snapshot), so a container's state stays one plain
 * string in the runtime's checkpointed data.
 */
import { setup, transition, type SnapshotFrom } from 'xstate';

export type ContainerPhase =
	| 'creating'
	| 'pullerror'
	| 'pullbackoff'
	| 'running'
	| 'terminated'
	| 'backoff'
	| 'configerror'
	| 'neverpull';

export type ContainerEvent =
	/** A pull of its image failed (ErrImagePull). */
	| { type: 'PULL_FAILED' }
	/** The kubelet backs off before pulling again (ImagePullBackOff). */
	| { type: 'BACK_OFF' }
	/** The container was created and started (again). */
	| { type: 'STARTED' }
	/** Its process ended and the restart policy will start it again (CrashLoopBackOff between). */
	| { type: 'EXITED' }
	/** Its process ended for good (restartPolicy Never, or OnFailure after success). */
	| { type: 'FINISHED' }
	/** Its config could not be made (a missing ConfigMap/Secret: CreateContainerConfigError). */
	| { type: 'CONFIG_ERROR' }
	/** imagePullPolicy Never and the image is not on the node (ErrImageNeverPull). */
	| { type: 'NEVER_PULL' };

export const containerLifecycle = setup({
	types: { events: {} as ContainerEvent }
}).createMachine({
	id: 'container',
	initial: 'creating',
	states: {
		creating: {
			on: {
				PULL_FAILED: 'pullerror',
				STARTED: 'running',
				CONFIG_ERROR: 'configerror',
				NEVER_PULL: 'neverpull'
			}
		},
		pullerror: { on: { BACK_OFF: 'pullbackoff', PULL_FAILED: 'pullerror', STARTED: 'running' } },
		pullbackoff: { on: { PULL_FAILED: 'pullerror', STARTED: 'running' } },
		running: { on: { EXITED: 'backoff', FINISHED: 'terminated' } },
		backoff: { on: { STARTED: 'running', CONFIG_ERROR: 'configerror', NEVER_PULL: 'neverpull' } },
		configerror: {
			on: { STARTED: 'running', CONFIG_ERROR: 'configerror', NEVER_PULL: 'neverpull' }
		},
		neverpull: {
			on: { STARTED: 'running', CONFIG_ERROR: 'configerror', NEVER_PULL: 'neverpull' }
		},
		terminated: { type: 'final' }
	}
});

const PHASES: readonly ContainerPhase[] = [
	'creating',
	'pullerror',
	'pullbackoff',
	'running',
	'terminated',
	'backoff',
	'configerror',
	'neverpull'
];

const SNAPSHOTS = new Map<ContainerPhase, SnapshotFrom<typeof containerLifecycle>>(
	PHASES.map((p) => [p, containerLifecycle.resolveState({ value: p, context: undefined })])
);

/**
 * Transitions already worked out, by phase, then event: the machine is pure and has no context,
 * so each answer never changes, and a 150,000-pod cluster asks a few per pod (xstate's
 * `transition` builds an actor scope per call). Two lookups by the callers' literals, whose
 * hashes V8 keeps: no key text built per call.
 */
const NEXT = new Map<ContainerPhase, Map<ContainerEvent['type'], ContainerPhase>>();

/** The state after `event`; an event the state does not take is a bug in the caller. */
export function nextContainerPhase(phase: ContainerPhase, event: ContainerEvent): ContainerPhase {
	let byEvent = NEXT.get(phase);
	if (byEvent === undefined) NEXT.set(phase, (byEvent = new Map()));
	const known = byEvent.get(event.type);
	if (known !== undefined) return known;
	const next = step(phase, event);
	byEvent.set(event.type, next);
	return next;
}

function step(phase: ContainerPhase, event: ContainerEvent): ContainerPhase {
	const [next] = transition(containerLifecycle, SNAPSHOTS.get(phase)!, event);
	const value = next.value as ContainerPhase;
	const again =
		(phase === 'pullerror' && event.type === 'PULL_FAILED') ||
		(phase === 'configerror' && event.type === 'CONFIG_ERROR') ||
		(phase === 'neverpull' && event.type === 'NEVER_PULL');
	if (value === phase && !again) throw new Error(`container in ${phase} cannot take ${event.type}`);
	return value;
}
