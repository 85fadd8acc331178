/**
 * IngressClass (networking.k8s.io/v1, cluster-scoped): its field schema (k8s.io/api
 * networking/v1 types.go) and create/update validation (pkg/apis/networking/validation
 * validation.go ValidateIngressClass, ValidateIngressClassUpdate; apimachinery
 * IsDomainPrefixedPath). Which controller serves a class is kubernetes/services/ingress-controller.ts's.
 */
import type { IngressClass } from 'kubernetes-types/networking/v1';
import type { Schema } from './schema-base';
import { obj, str, topLevel } from './schema-base';
import type { ErrorList } from './field-errors';
import { invalid, isDNS1123Subdomain, regexError, required, tooLong } from './field-errors';
import { validateObjectMeta } from './validate-meta';

export const INGRESS_CLASS_SCHEMAS: Record<'IngressClass', Schema> = {
	IngressClass: topLevel('IngressClass', 'networking.k8s.io/v1', {
		spec: obj('v1', 'IngressClassSpec', () => ({
			controller: str(),
			parameters: obj('v1', 'IngressClassParametersReference', () => ({
				apiGroup: str(),
				kind: str(),
				name: str(),
				namespace: str(),
				scope: str()
			}))
		}))
	})
};

/** maxLenIngressClassController. */
const MAX_CONTROLLER = 250;
const HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const HTTP_PATH = new RegExp(`^${HTTP_PATH_FMT}$`);

/** IsDomainPrefixedPath: `acme.io/foo`, the host a DNS subdomain, the rest HTTP path characters. */
function domainPrefixedPath(field: string, value: string): ErrorList {
	if (value === '') return [required(field)];
	const slash = value.indexOf('/');
	const host = slash < 0 ? value : value.slice(0, slash);
	const path = slash < 0 ? '' : value.slice(slash + 1);
	if (slash < 0 || host === '' || path === '')
		return [invalid(field, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
	const errs = isDNS1123Subdomain(host).map((msg) => invalid(field, host, msg));
	if (!HTTP_PATH.test(path))
		errs.push(invalid(field, path, regexError('Invalid path', HTTP_PATH_FMT)));
	return errs;
}

export function validateIngressClass(ic: IngressClass): ErrorList {
	// ValidateIngressClassName is NameIsDNSSubdomain.
	const errs = validateObjectMeta(ic.metadata, false, isDNS1123Subdomain);
	const controller = ic.spec?.controller ?? '';
	if (controller.length > MAX_CONTROLLER) errs.push(tooLong('spec.controller', MAX_CONTROLLER));
	errs.push(...domainPrefixedPath('spec.controller', controller));
	return errs;
}

/** ValidateIngressClassUpdate: spec.controller is immutable. kubectl's whole error text, or undefined. */
export function ingressClassChange(
	kind: string,
	name: string,
	before: object,
	after: object
): string | undefined {
	if (kind !== 'IngressClass') return undefined;
	const a = (before as IngressClass).spec?.controller ?? '';
	const b = (after as IngressClass).spec?.controller ?? '';
	if (a === b) return undefined;
	return `The IngressClass ${JSON.stringify(name)} is invalid: spec.controller: Invalid value: ${JSON.stringify(b)}: field is immutable\n`;
}
