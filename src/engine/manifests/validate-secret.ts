/**
 * ValidateSecret's checks by type (pkg/apis/core/validation/validation.go): the keys each
 * well-known type must carry. stringData counts as data: the API server merges it into data
 * before validating (the v1 conversion). Two of the messages keep a quirk of the source: the
 * basic-auth and ssh-auth paths are built as `field.NewPath("data[%s]").Key(…)`, so the
 * server says `data[%s][username]: Required value`.
 *
 * Not checked: that a dockercfg / dockerconfigjson value is well-formed JSON (the server
 * answers with Go's encoding/json error text).
 */
import type { Secret } from 'kubernetes-types/core/v1';
import type { FieldError } from './types';
import { hasOwnKey, ownValue } from '../core/own-keys';
import { key, required } from './field-errors';

/** corev1.ServiceAccountNameKey: the account a service-account-token Secret belongs to. */
const SERVICE_ACCOUNT_NAME = 'kubernetes.io/service-account.name';

export function validateSecretType(secret: Secret): FieldError[] {
	const { data, stringData } = secret;
	const has = (k: string) =>
		(data !== undefined && hasOwnKey(data, k)) ||
		(stringData !== undefined && hasOwnKey(stringData, k));
	const value = (k: string) =>
		(stringData && ownValue(stringData, k)) ?? (data && ownValue(data, k)) ?? '';
	switch (secret.type) {
		case 'kubernetes.io/service-account-token': {
			const annotations = secret.metadata?.annotations;
			const name =
				annotations === undefined ? undefined : ownValue(annotations, SERVICE_ACCOUNT_NAME);
			return name ? [] : [required(key('metadata.annotations', SERVICE_ACCOUNT_NAME))];
		}
		case 'kubernetes.io/dockercfg':
			return has('.dockercfg') ? [] : [required(key('data', '.dockercfg'))];
		case 'kubernetes.io/dockerconfigjson':
			return has('.dockerconfigjson') ? [] : [required(key('data', '.dockerconfigjson'))];
		case 'kubernetes.io/basic-auth':
			// Username or password may be empty, but one of the keys must be there.
			return has('username') || has('password')
				? []
				: [required('data[%s][username]'), required('data[%s][password]')];
		case 'kubernetes.io/ssh-auth':
			return value('ssh-privatekey') !== '' ? [] : [required('data[%s][ssh-privatekey]')];
		case 'kubernetes.io/tls':
			return [
				...(has('tls.crt') ? [] : [required(key('data', 'tls.crt'))]),
				...(has('tls.key') ? [] : [required(key('data', 'tls.key'))])
			];
		default:
			return [];
	}
}
