/**
 * `kubectl get configmaps|secrets` columns (kubernetes pkg/printers/internalversion/printers.go
 * printConfigMap: NAME DATA AGE, DATA counting data and binaryData keys; printSecret: NAME TYPE
 * DATA AGE).
 */
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1';
import { ageOf } from './node-printer';
import type { Printer } from './workload-printers';

export const CONFIGMAP_PRINTER: Printer<ConfigMap> = {
	columns: ['NAME', 'DATA', 'AGE'],
	wide: [],
	row: (cm, now) => [
		cm.metadata?.name ?? '',
		String(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length),
		ageOf(cm.metadata?.creationTimestamp, now)
	]
};

export const SECRET_PRINTER: Printer<Secret> = {
	columns: ['NAME', 'TYPE', 'DATA', 'AGE'],
	wide: [],
	row: (s, now) => [
		s.metadata?.name ?? '',
		s.type ?? '',
		String(Object.keys(s.data ?? {}).length),
		ageOf(s.metadata?.creationTimestamp, now)
	]
};
