/**
 * Probes and lifecycle hooks (pkg/apis/core/validation/validation.go, v1.35: validateHandler
 * with its actions, validateProbe, validateLivenessProbe / validateReadinessProbe /
 * validateStartupProbe, validateLifecycle). A later handler is Forbidden only after the first
 * one's own checks, as validateHandler appends them in field order.
 */
import type { Lifecycle, LifecycleHandler, Probe } from 'kubernetes-types/core/v1';
import type { ErrorList } from './field-errors';
import { child, forbidden, invalid, notSupported, regexError, required } from './field-errors';
import { nonNegative } from './validate-meta';
import { portNumber, portNumOrName } from './validate-pod';

type Handler = Partial<Pick<Probe, 'exec' | 'httpGet' | 'tcpSocket' | 'grpc'>> &
	Partial<Pick<LifecycleHandler, 'sleep'>>;

/** validation.IsHTTPHeaderName. */
const HEADER_NAME = /^[-A-Za-z0-9]+$/;
const HEADER_MSG = regexError(
	"a valid HTTP header must consist of alphanumeric characters or '-'",
	'[-A-Za-z0-9]+',
	'X-Header-Name'
);

function httpGetErrors(http: NonNullable<Handler['httpGet']>, at: string): ErrorList {
	const errs: ErrorList = [];
	if (!http.path) errs.push(required(child(at, 'path')));
	errs.push(...portNumOrName(http.port, child(at, 'port')));
	const scheme = http.scheme ?? '';
	if (!['HTTP', 'HTTPS'].includes(scheme))
		errs.push(notSupported(child(at, 'scheme'), scheme, ['HTTP', 'HTTPS']));
	for (const h of http.httpHeaders ?? []) {
		if (!HEADER_NAME.test(h.name)) errs.push(invalid(child(at, 'httpHeaders'), h.name, HEADER_MSG));
	}
	return errs;
}

/**
 * validateSleepAction with AllowPodLifecycleSleepActionZeroValue on (the
 * PodLifecycleSleepActionAllowZero gate is on by default since v1.33).
 */
function sleepErrors(seconds: number, grace: number | undefined, at: string): ErrorList {
	if (grace === undefined || (seconds >= 0 && seconds <= grace)) return [];
	const msg = `must be non-negative and less than terminationGracePeriodSeconds (${grace})`;
	return [invalid(at, seconds, msg)];
}

function validateHandler(h: Handler, grace: number | undefined, path: string): ErrorList {
	const errs: ErrorList = [];
	let handlers = 0;
	const visit = (name: keyof Handler, check: () => ErrorList) => {
		if (!h[name]) return;
		if (handlers > 0)
			errs.push(forbidden(child(path, name), 'may not specify more than 1 handler type'));
		else {
			handlers++;
			errs.push(...check());
		}
	};
	visit('exec', () =>
		(h.exec?.command ?? []).length === 0 ? [required(child(child(path, 'exec'), 'command'))] : []
	);
	visit('httpGet', () => httpGetErrors(h.httpGet!, child(path, 'httpGet')));
	visit('tcpSocket', () =>
		portNumOrName(h.tcpSocket?.port, child(child(path, 'tcpSocket'), 'port'))
	);
	visit('grpc', () => portNumber(h.grpc?.port ?? 0, child(child(path, 'grpc'), 'port')));
	visit('sleep', () => sleepErrors(h.sleep?.seconds ?? 0, grace, child(path, 'sleep')));
	if (handlers === 0) errs.push(required(path, 'must specify a handler type'));
	return errs;
}

const FIELDS = [
	'initialDelaySeconds',
	'timeoutSeconds',
	'periodSeconds',
	'successThreshold',
	'failureThreshold'
] as const;

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

export function validateProbe(
	probe: Probe | undefined,
	path: string,
	kind: ProbeKind,
	grace?: number
): ErrorList {
	if (!probe) return [];
	const { exec, httpGet, tcpSocket, grpc } = probe;
	const errs = validateHandler({ exec, httpGet, tcpSocket, grpc }, grace, path);
	for (const field of FIELDS) errs.push(...nonNegative(child(path, field), probe[field]));
	const probeGrace = probe.terminationGracePeriodSeconds;
	if (probeGrace !== undefined && probeGrace <= 0) {
		const at = child(path, 'terminationGracePeriodSeconds');
		errs.push(invalid(at, probeGrace, 'must be greater than 0'));
	}
	if (kind === 'readiness' && probeGrace !== undefined) {
		const at = child(path, 'terminationGracePeriodSeconds');
		errs.push(invalid(at, probeGrace, 'must not be set for readinessProbes'));
	}
	if (kind !== 'readiness' && probe.successThreshold !== 1) {
		errs.push(invalid(child(path, 'successThreshold'), probe.successThreshold ?? 0, 'must be 1'));
	}
	return errs;
}

export function validateLifecycle(lifecycle: Lifecycle, path: string, grace?: number): ErrorList {
	const errs: ErrorList = [];
	for (const hook of ['postStart', 'preStop'] as const) {
		const h = lifecycle[hook];
		if (!h) continue;
		const { exec, httpGet, tcpSocket, sleep } = h;
		errs.push(...validateHandler({ exec, httpGet, tcpSocket, sleep }, grace, child(path, hook)));
	}
	return errs;
}
