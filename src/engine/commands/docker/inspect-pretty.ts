/**
 * `docker service inspect --pretty` and `docker node inspect --pretty`: the human-friendly
 * forms that docker/cli renders from `serviceInspectPrettyTemplate` and
 * `nodeInspectPrettyTemplate` (cli/command/service/formatter.go, cli/command/node/formatter.go),
 * written out here as code with the same bytes: tabs stay raw tabs (no tabwriter), sections
 * appear only when the template's `if` would show them, and each object ends with the newline
 * formatter.Context adds after it.
 */
import { dockerHumanDuration, formatGoDuration } from '../durations';
import { goPrint } from './go-template';
import type { SwarmNode } from '../../swarm/node-object';
import type { SwarmService } from '../../swarm/objects';
import type { ContainerSpec, LogDriver } from '../../swarm/spec';
import { apiTimeMs } from '../../swarm/runtime';

/** Go's time.Duration String() for a nanosecond count. */
export function nsDuration(ns: number): string {
	if (ns === 0) return '0s';
	if (Math.abs(ns) < 1000) return `${ns}ns`;
	if (Math.abs(ns) < 1e6) return `${String(ns / 1000).replace(/(\.\d*?)0+$/, '$1')}µs`;
	if (ns % 1e6 === 0) return formatGoDuration(ns / 1e6);
	return `${String(ns / 1e6)}ms`;
}

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

/** go-units BytesSize: base 1024, `%.4g` and the unit with no space (`7.771GiB`). */
export function bytesSize(bytes: number): string {
	let size = bytes;
	let i = 0;
	while (size >= 1024 && i < BINARY_UNITS.length - 1) {
		size /= 1024;
		i++;
	}
	return `${Number(size.toPrecision(4))}${BINARY_UNITS[i]}`;
}

/** formatter.PrettyPrint: the first letter in upper case. */
function capitalize(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Go's time.Time String() in UTC: `2026-01-05 09:00:00.5 +0000 UTC`. */
export function goTime(apiTime: string): string {
	const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(apiTime);
	if (m === null) return apiTime;
	const frac = (m[3] ?? '').replace(/0+$/, '');
	return `${m[1]} ${m[2]}${frac === '.' ? '' : frac} +0000 UTC`;
}

function mapLines(map: Record<string, string> | undefined, line: (k: string, v: string) => string) {
	return Object.keys(map ?? {})
		.sort()
		.map((k) => line(k, map![k]!))
		.join('');
}

export interface ServicePrettyContext {
	/** The lab's clock, for `Started: 5 seconds ago`. */
	now: number;
	/** Network IDs to names (cli's resolveNetworks); an unknown ID prints as it is. */
	networkName: (id: string) => string | undefined;
}

/** The template's Capabilities, SysCtls and Ulimits sections (maps print in key order). */
function containerExtras(c: ContainerSpec): string {
	let out = '';
	const add = c.CapabilityAdd ?? [];
	const drop = c.CapabilityDrop ?? [];
	if (add.length > 0 || drop.length > 0) {
		out += '\nCapabilities:';
		if (add.length > 0) out += `\n Add: ${add.join(', ')}`;
		if (drop.length > 0) out += `\n Drop: ${drop.join(', ')}`;
	}
	if (Object.keys(c.Sysctls ?? {}).length > 0) {
		out += '\nSysCtls:' + mapLines(c.Sysctls, (k, v) => `\n ${k}${v !== '' ? `: ${v}` : ''}`);
	}
	const ulimits = Object.fromEntries((c.Ulimits ?? []).map((u) => [u.Name, `${u.Soft}:${u.Hard}`]));
	if (Object.keys(ulimits).length > 0) {
		out += '\nUlimits:' + mapLines(ulimits, (k, v) => `\n ${k}: ${v}`);
	}
	return out;
}

/**
 * The Log Driver section. Its closing `{{ end }}` keeps the newline before it, so a blank line
 * follows the section.
 */
function logDriverSection(driver: LogDriver | undefined): string {
	if (driver === undefined) return '';
	let out = '\nLog Driver:';
	if ((driver.Name ?? '') !== '') out += `\n Name:\t\t${driver.Name}`;
	if (Object.keys(driver.Options ?? {}).length > 0) {
		out +=
			'\n LogOpts:' +
			mapLines(driver.Options, (k, v) => `\n  ${k}${v !== '' ? `:       ${v}` : ''}`);
	}
	return out + '\n';
}

export function servicePretty(s: SwarmService, ctx: ServicePrettyContext): string {
	const spec = s.Spec;
	const task = spec.TaskTemplate;
	const c = task.ContainerSpec;
	let out = `\nID:\t\t${s.ID}\nName:\t\t${spec.Name}`;
	if (Object.keys(spec.Labels ?? {}).length > 0) {
		out += '\nLabels:' + mapLines(spec.Labels, (k, v) => `\n ${k}${v !== '' ? `=${v}` : ''}`);
	}
	out += '\nService Mode:';
	if ('Global' in spec.Mode) out += '\tGlobal';
	else if ('Replicated' in spec.Mode) {
		out += '\tReplicated';
		const replicas = spec.Mode.Replicated.Replicas;
		if (replicas !== undefined) out += `\n Replicas:\t${replicas}`;
	}
	const status = s.UpdateStatus;
	if (status !== undefined) {
		const ago = (t: string) => `${dockerHumanDuration(ctx.now - apiTimeMs(t))} ago`;
		out += `\nUpdateStatus:\n State:\t\t${status.State}`;
		if (status.StartedAt !== undefined) out += `\n Started:\t${ago(status.StartedAt)}`;
		if (status.State === 'completed' && status.CompletedAt !== undefined) {
			out += `\n Completed:\t${ago(status.CompletedAt)}`;
		}
		out += `\n Message:\t${status.Message}`;
	}
	out += '\nPlacement:';
	const placement = task.Placement;
	if ((placement?.Constraints ?? []).length > 0) {
		out += `\n Constraints:\t${goPrint(placement!.Constraints)}`;
	}
	const prefs = (placement?.Preferences ?? []).map((p) => `spread=${p.Spread.SpreadDescriptor}`);
	if (prefs.length > 0) out += `\n Preferences:   ${goPrint(prefs)}`;
	if ((placement?.MaxReplicas ?? 0) > 0) {
		out += `\n Max Replicas Per Node:   ${placement!.MaxReplicas}`;
	}
	for (const [title, config, order] of [
		['UpdateConfig', spec.UpdateConfig, 'Update order:      '],
		['RollbackConfig', spec.RollbackConfig, 'Rollback order:    ']
	] as const) {
		if (config === undefined) continue;
		out += `\n${title}:\n Parallelism:\t${config.Parallelism ?? 0}`;
		if ((config.Delay ?? 0) > 0) out += `\n Delay:\t\t${nsDuration(config.Delay!)}`;
		out += `\n On failure:\t${config.FailureAction ?? ''}`;
		if ((config.Monitor ?? 0) > 0) out += `\n Monitoring Period: ${nsDuration(config.Monitor!)}`;
		out += `\n Max failure ratio: ${goPrint(config.MaxFailureRatio ?? 0)}`;
		out += `\n ${order}${config.Order ?? ''}`;
	}
	out += `\nContainerSpec:\n Image:\t\t${c.Image}`;
	if ((c.Args ?? []).length > 0) out += `\n Args:\t\t${c.Args!.map((a) => `${a} `).join('')}`;
	if ((c.Env ?? []).length > 0) out += `\n Env:\t\t${c.Env!.map((e) => `${e} `).join('')}`;
	if ((c.Dir ?? '') !== '') out += `\n Dir:\t\t${c.Dir}`;
	if (c.Init !== undefined) out += `\n Init:\t\t${c.Init}`;
	if ((c.User ?? '') !== '') out += `\n User: ${c.User}`;
	out += containerExtras(c);
	if ((c.Mounts ?? []).length > 0) {
		out += '\nMounts:';
		for (const m of c.Mounts!) {
			out += `\n Target:\t${m.Target}\n  Source:\t${m.Source ?? ''}\n  ReadOnly:\t${m.ReadOnly === true}\n  Type:\t\t${m.Type}`;
		}
	}
	for (const [title, refs, key] of [
		['Configs', c.Configs, 'ConfigName'],
		['Secrets', c.Secrets, 'SecretName']
	] as const) {
		if ((refs ?? []).length === 0) continue;
		out += `\n${title}:`;
		for (const r of refs!) out += `\n Target:\t${r.File?.Name ?? ''}\n  Source:\t${r[key] ?? ''}`;
	}
	out += logDriverSection(task.LogDriver);
	const resources = task.Resources;
	if (resources !== undefined) {
		out += '\nResources:';
		const res = resources.Reservations;
		if ((res?.NanoCPUs ?? 0) > 0 || (res?.MemoryBytes ?? 0) > 0) {
			out += '\n Reservations:';
			if ((res!.NanoCPUs ?? 0) > 0) out += `\n  CPU:\t\t${goPrint(res!.NanoCPUs! / 1e9)}`;
			if ((res!.MemoryBytes ?? 0) > 0) out += `\n  Memory:\t${bytesSize(res!.MemoryBytes!)}`;
		}
		// HasResourceLimits counts a pids limit too, so ` Limits:` may head the PIDs line alone.
		const lim = resources.Limits;
		if ((lim?.NanoCPUs ?? 0) > 0 || (lim?.MemoryBytes ?? 0) > 0 || (lim?.Pids ?? 0) > 0) {
			out += '\n Limits:';
			if ((lim!.NanoCPUs ?? 0) > 0) out += `\n  CPU:\t\t${goPrint(lim!.NanoCPUs! / 1e9)}`;
			if ((lim!.MemoryBytes ?? 0) > 0) out += `\n  Memory:\t${bytesSize(lim!.MemoryBytes!)}`;
		}
	}
	// `{{- if gt .ResourceLimitPids 0 }}` stands after the Resources section's `{{ end }}`.
	const pids = task.Resources?.Limits?.Pids ?? 0;
	if (pids > 0) out += `\n  PIDs:\t\t${pids}`;
	const networks = (task.Networks ?? []).map((n) => ctx.networkName(n.Target) ?? n.Target);
	if (networks.length > 0) out += '\nNetworks:' + networks.map((n) => ` ${n}`).join('') + ' ';
	out += `\nEndpoint Mode:\t${spec.EndpointSpec?.Mode ?? ''}`;
	const ports = s.Endpoint.Ports ?? [];
	if (ports.length > 0) {
		out += '\nPorts:';
		for (const p of ports) {
			out += `\n PublishedPort = ${p.PublishedPort ?? 0}\n  Protocol = ${p.Protocol ?? ''}\n  TargetPort = ${p.TargetPort}\n  PublishMode = ${p.PublishMode ?? ''}`;
		}
		out += ' ';
	}
	const health = c.Healthcheck;
	if (health !== undefined) {
		out += `\n Healthcheck:\n  Interval = ${nsDuration(health.Interval ?? 0)}\n  Retries = ${health.Retries ?? 0}\n  StartPeriod =\t${nsDuration(health.StartPeriod ?? 0)}\n  Timeout =\t${nsDuration(health.Timeout ?? 0)}`;
		if ((health.Test ?? []).length > 0) {
			out += '\n  Tests:' + health.Test!.map((t) => `\n\t Test = ${t}`).join('') + ' ';
		}
	}
	return out + '\n\n';
}

export function nodePretty(n: SwarmNode): string {
	const d = n.Description;
	let out = `ID:\t\t\t${n.ID}`;
	const name = (n.Spec as { Name?: string }).Name ?? '';
	if (name !== '') out += `\nName:\t\t\t${name}`;
	if (Object.keys(n.Spec.Labels).length > 0) {
		out += '\nLabels:' + mapLines(n.Spec.Labels, (k, v) => `\n - ${k}${v !== '' ? `=${v}` : ''}`);
	}
	out += `\nHostname:              \t${d.Hostname}`;
	out += `\nJoined at:             \t${goTime(n.CreatedAt)}`;
	out += `\nStatus:\n State:\t\t\t${capitalize(n.Status.State)}`;
	if ((n.Status.Message ?? '') !== '') {
		out += `\n Message:              \t${capitalize(n.Status.Message!)}`;
	}
	out += `\n Availability:         \t${capitalize(n.Spec.Availability)}`;
	if (n.Status.Addr !== '') out += `\n Address:\t\t${n.Status.Addr}`;
	const m = n.ManagerStatus;
	if (m !== undefined) {
		out += `\nManager Status:\n Address:\t\t${m.Addr}\n Raft Status:\t\t${capitalize(m.Reachability)}`;
		out += m.Leader === true ? '\n Leader:\t\tYes' : '\n Leader:\t\tNo';
	}
	out += `\nPlatform:\n Operating System:\t${d.Platform.OS}\n Architecture:\t\t${d.Platform.Architecture}`;
	const cpus = Math.trunc(d.Resources.NanoCPUs / 1e9);
	const memory = d.Resources.MemoryBytes === 0 ? '' : bytesSize(d.Resources.MemoryBytes);
	out += `\nResources:\n CPUs:\t\t\t${cpus}\n Memory:\t\t${memory}`;
	const plugins = d.Engine.Plugins ?? [];
	if (plugins.length > 0) {
		const byType = new Map<string, string[]>();
		for (const p of plugins) byType.set(p.Type, [...(byType.get(p.Type) ?? []), p.Name]);
		out +=
			'\nPlugins:' +
			[...byType.keys()]
				.sort()
				.map((k) => `\n ${k}:\t\t${byType.get(k)!.join(', ')}`)
				.join('');
	}
	out += `\nEngine Version:\t\t${d.Engine.EngineVersion}`;
	// docker/cli node/formatter.go nodeInspectPrettyTemplate: the PEM (ending in a newline)
	// stands alone under ` TrustRoot:`, the issuer's subject and key in base64.
	const tls = d.TLSInfo;
	if (tls !== undefined) {
		out += `\nTLS Info:\n TrustRoot:\n${tls.TrustRoot}\n Issuer Subject:\t${tls.CertIssuerSubject}`;
		out += `\n Issuer Public Key:\t${tls.CertIssuerPublicKey}`;
	}
	return out + '\n';
}
