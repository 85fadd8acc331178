/**
 * `kubectl autoscale (TYPE NAME | TYPE/NAME) [--min=N] --max=N [--cpu=C] [--memory=M] [--name=N]`
 * (kubectl v1.35 pkg/cmd/autoscale/autoscale.go): an autoscaling/v2 HorizontalPodAutoscaler for
 * a deployment, replica set or stateful set. `--cpu`/`--memory` take a percentage (a Utilization
 * target) or a quantity (an AverageValue target; a bare number of --cpu is millicores); the older
 * `--cpu-percent` still works, with cobra's deprecation notice (kubernetes/kubernetes#129373).
 * Without a metric the API server defaults one: cpu at 80% (manifests/hpa-kind.ts).
 */
import type { MetricSpec } from 'kubernetes-types/autoscaling/v2';
import { fail, type CommandContext, type CommandResult } from '../context';
import { TerminalWriter } from '../terminal';
import { flag, parseFlags } from '../flags';
import { parseGoInt } from '../go-int';
import { intFlagError } from './int-flag';
import { describeError, readManifests } from '../../manifests/index';
import { parseQuantity } from '../../manifests/quantity';
import { DEPLOYMENTS, REPLICASETS, STATEFULSETS } from '../../kubernetes/api/collections';
import { HPAS } from '../../kubernetes/controllers/hpa-controller';
import { notFound, notSimulated, unknownFlag } from './errors';
import { typeAndName } from './mutate';
import { namespaceExists } from './apply';
import { createAdmission } from './create-admission';
import { contextNamespace } from './kubeconfig-state';

const TARGETS: Record<string, { collection: string; kind: string }> = {
	deployments: { collection: DEPLOYMENTS, kind: 'Deployment' },
	replicasets: { collection: REPLICASETS, kind: 'ReplicaSet' },
	statefulsets: { collection: STATEFULSETS, kind: 'StatefulSet' }
};

const CPU_PERCENT_DEPRECATED =
	"Flag --cpu-percent has been deprecated, Use --cpu with percentage or resource quantity format (e.g., '70%' for utilization or '500m' for milliCPU).\n";

/** One --cpu / --memory value as a Resource metric, or kubectl's complaint. */
function metricFrom(resource: 'cpu' | 'memory', text: string): MetricSpec | string {
	if (/^\d+%$/.test(text))
		return {
			type: 'Resource',
			resource: {
				name: resource,
				target: { type: 'Utilization', averageUtilization: Number(text.slice(0, -1)) }
			}
		};
	// "Value without units is treated as a quantity with miliCPU being the unit".
	const value = resource === 'cpu' && /^\d+$/.test(text) ? `${text}m` : text;
	if ('error' in parseQuantity(value))
		return `error: invalid resource quantity ${JSON.stringify(text)} for --${resource}\n`;
	return {
		type: 'Resource',
		resource: { name: resource, target: { type: 'AverageValue', averageValue: value } }
	};
}

export function autoscale(ctx: CommandContext, words: readonly string[]): CommandResult {
	const parsed = parseFlags(words, [
		{ long: 'min' },
		{ long: 'max' },
		{ long: 'cpu' },
		{ long: 'memory' },
		{ long: 'cpu-percent' },
		{ long: 'name' },
		{ long: 'namespace', short: 'n' }
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, 'autoscale'));
	// cobra prints a deprecated flag's notice while it parses, before anything can fail.
	const cpuPercent = flag(parsed.flags, 'cpu-percent');
	const notice = cpuPercent === undefined ? '' : CPU_PERCENT_DEPRECATED;
	const refuse = (error: string): CommandResult => fail(notice + error);
	// Int32Var, all three: strconv.ParseInt(s, 0, 32), in the order the line gives them; cobra
	// parses every flag before it checks the required ones.
	const counts: Record<string, number> = { min: -1, max: -1, 'cpu-percent': -1 };
	for (const name of parsed.flags.keys()) {
		const text = Object.hasOwn(counts, name) ? flag(parsed.flags, name) : undefined;
		if (text === undefined) continue;
		const value = parseGoInt(text, 32);
		if (typeof value === 'string')
			return refuse(intFlagError(text, `--${name}`, value, 'autoscale'));
		counts[name] = value;
	}
	if (flag(parsed.flags, 'max') === undefined)
		return refuse('error: required flag(s) "max" not set\n');
	const min = counts.min!;
	const max = counts.max!;
	if (max < 1)
		return refuse(`error: --max=MAXPODS is required and must be at least 1, max: ${max}\n`);
	if (max < min)
		return refuse(
			`error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}\n`
		);
	let cpu = flag(parsed.flags, 'cpu');
	const percent = counts['cpu-percent']!;
	if (cpuPercent !== undefined && cpu === undefined && percent >= 0) cpu = `${percent}%`;
	const metrics: MetricSpec[] = [];
	for (const [resource, text] of [
		['cpu', cpu],
		['memory', flag(parsed.flags, 'memory')]
	] as const) {
		if (text === undefined) continue;
		const metric = metricFrom(resource, text);
		if (typeof metric === 'string') return refuse(metric);
		metrics.push(metric);
	}
	const target = typeAndName(parsed.args);
	if ('error' in target) return refuse(target.error);
	const scalable = TARGETS[target.plural];
	if (scalable === undefined) return refuse(notSimulated(`autoscale ${target.plural}`));
	const namespace = flag(parsed.flags, 'namespace') ?? contextNamespace(ctx);
	if (!namespaceExists(ctx, namespace))
		return refuse(`Error from server (NotFound): namespaces "${namespace}" not found\n`);
	const api = ctx.kubernetes!.apiServer;
	if (api.get(scalable.collection, namespace, target.name) === undefined)
		return refuse(notFound(target.qualifiedPlural, target.name));
	const name = flag(parsed.flags, 'name') || target.name;
	const hpa = {
		apiVersion: 'autoscaling/v2',
		kind: 'HorizontalPodAutoscaler',
		metadata: { name },
		spec: {
			scaleTargetRef: { apiVersion: 'apps/v1', kind: scalable.kind, name: target.name },
			...(min! > 0 ? { minReplicas: min } : {}),
			maxReplicas: max,
			...(metrics.length > 0 ? { metrics } : {})
		}
	};
	// The API server's side, as for `create -f`: decode, default, validate.
	const read = readManifests(JSON.stringify(hpa), 'autoscale', { namespace });
	const entry = read.entries[0];
	if (entry?.object === undefined) {
		if (entry?.error !== undefined)
			return refuse(describeError(entry.error, 'autoscale').standalone);
		return refuse(read.ok ? 'error: no objects passed to autoscale\n' : read.error);
	}
	if (api.get(HPAS, namespace, name) !== undefined)
		return refuse(
			`Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling ${JSON.stringify(name)} already exists\n`
		);
	// autoscale.go Run returns the server's error as it is.
	const refused = createAdmission(ctx, entry.object);
	if (refused !== undefined) return refuse(`Error from server (Forbidden): ${refused}\n`);
	api.create(HPAS, entry.object, true);
	const term = new TerminalWriter();
	term.err(notice);
	term.out(`horizontalpodautoscaler.autoscaling/${name} autoscaled\n`);
	return { ...term.result(true), mutates: true };
}
