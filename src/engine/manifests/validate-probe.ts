/**
 * Liveness, readiness and startup probes (pkg/apis/core/validation/validation.go:
 * validateProbe, validateHandler, validateHTTPGetAction, validateLivenessProbe).
 */
import type { Probe } from 'kubernetes-types/core/v1';
import type { ErrorList } from './field-errors';
import { child, forbidden, invalid, notSupported, required } from './field-errors';
import { nonNegative } from './validate-meta';
import { portNumOrName } from './validate-pod';

export function validateProbe(probe: Probe | undefined, path: string, successMustBeOne: boolean) {
	if (!probe) return [];
	const errs: ErrorList = [];
	const handlers = (['exec', 'httpGet', 'tcpSocket', 'grpc'] as const).filter((h) => probe[h]);
	handlers.slice(1).forEach((h) => {
		errs.push(forbidden(child(path, h), 'may not specify more than 1 handler type'));
	});
	if (handlers.length === 0) errs.push(required(path, 'must specify a handler type'));
	const first = handlers[0];
	if (first === 'exec' && (probe.exec?.command ?? []).length === 0) {
		errs.push(required(child(child(path, 'exec'), 'command')));
	}
	if (first === 'httpGet' && probe.httpGet) {
		const at = child(path, 'httpGet');
		if (!probe.httpGet.path) errs.push(required(child(at, 'path')));
		errs.push(...portNumOrName(probe.httpGet.port, child(at, 'port')));
		const scheme = probe.httpGet.scheme ?? '';
		if (!['HTTP', 'HTTPS'].includes(scheme)) {
			errs.push(notSupported(child(at, 'scheme'), scheme, ['HTTP', 'HTTPS']));
		}
	}
	if (first === 'tcpSocket')
		errs.push(...portNumOrName(probe.tcpSocket?.port, child(child(path, 'tcpSocket'), 'port')));
	for (const field of FIELDS) errs.push(...nonNegative(child(path, field), probe[field]));
	const grace = probe.terminationGracePeriodSeconds;
	if (grace !== undefined && grace <= 0) {
		errs.push(
			invalid(child(path, 'terminationGracePeriodSeconds'), grace, 'must be greater than 0')
		);
	}
	if (successMustBeOne && probe.successThreshold !== 1) {
		errs.push(invalid(child(path, 'successThreshold'), probe.successThreshold ?? 0, 'must be 1'));
	}
	return errs;
}

const FIELDS = [
	'initialDelaySeconds',
	'timeoutSeconds',
	'periodSeconds',
	'successThreshold',
	'failureThreshold'
] as const;
