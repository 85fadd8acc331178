/**
 * What the short commands a container may run print (busybox's, as the examples' images have
 * them): `date`, `hostname`, `printenv`/`env`, `id`, `whoami`, `uname`, `ls`, `pwd`, `cat FILE`.
 * They read the container's world from a LogContext: its pod, its environment
 * (./container-env.ts) and the files the kubelet mounts into it.
 */
import type { ConfigMap, Container, Pod, Secret } from 'kubernetes-types/core/v1';
import type { Store } from '../../core/store';
import { LAB_EPOCH_MS, MONTHS, WEEKDAYS } from '../../core/time';
import { key } from '../api/collections';
import { CONFIGMAPS, SECRETS } from '../api/collections';
import { ROOT_CA_CONFIGMAP } from '../defaults';
import { containerEnv, podHostname, secretData } from './container-env';
import { ownValue } from '../../core/own-keys';
import { projectedDownwardFile, volumeFileNames } from './volume-files';

export interface LogContext {
	pod: Pod;
	container: Container;
	/** NAME=VALUE lines, in the order the process has them. */
	env: readonly string[];
	/** A mounted file's content, or undefined when the lab does not know the file. */
	readFile(path: string): string | undefined;
	/** The files in a volume's mount path (`ls DIR`), or undefined for any other directory. */
	listDir?(path: string): string[] | undefined;
}

/** The container's world when it started at lab time `startedAt`. */
export function logContext(
	store: Store,
	pod: Pod,
	container: Container,
	startedAt: number
): LogContext {
	return {
		pod,
		container,
		env: containerEnv(store, pod, container, startedAt),
		readFile: (path) => mountedFile(store, pod, container, path),
		listDir: (path) => mountedDir(store, pod, container, path)
	};
}

/** The value of variable `name` in the context's environment. */
export function envValue(ctx: LogContext, name: string): string | undefined {
	const line = ctx.env.find((l) => l.startsWith(`${name}=`));
	return line?.slice(name.length + 1);
}

/** The lines `argv` prints at lab time `t`, or undefined when it is not a short command. */
export function shortCommandOutput(
	argv: readonly string[],
	ctx: LogContext,
	t: number
): string[] | undefined {
	const [cmd, ...args] = argv;
	switch (cmd?.split('/').pop()) {
		case 'date': {
			// `date [-u] [+FORMAT]`: the lab's clocks are UTC, so -u changes nothing.
			const rest = args.filter((a) => a !== '-u' && a !== '--utc');
			if (rest.length === 0) return [busyboxDate(t)];
			const text =
				rest.length === 1 && rest[0]!.startsWith('+')
					? formatDate(rest[0]!.slice(1), t)
					: undefined;
			return text === undefined ? undefined : [text];
		}
		case 'hostname':
			return [podHostname(ctx.pod)];
		case 'printenv': {
			if (args.length === 0) return [...ctx.env];
			return args.flatMap((n) => envValue(ctx, n) ?? []);
		}
		case 'env':
			return args.length === 0 ? [...ctx.env] : undefined;
		case 'id':
			return [idLine(ctx)];
		case 'whoami': {
			const uid = userOf(ctx);
			return [uid === 0 ? 'root' : `whoami: unknown uid ${uid}`];
		}
		case 'uname':
			return [uname(args)];
		case 'pwd':
			return [ctx.container.workingDir ?? '/'];
		case 'ls': {
			const dirs = args.filter((a) => !a.startsWith('-'));
			if (dirs.every((a) => a === '/')) return [...BUSYBOX_ROOT];
			return dirs.length === 1 ? ctx.listDir?.(dirs[0]!) : undefined;
		}
		case 'cat': {
			const files = args.filter((a) => !a.startsWith('-'));
			const out: string[] = [];
			for (const f of files) {
				const text = ctx.readFile(f);
				if (text === undefined) return out.length > 0 ? out : undefined;
				out.push(...text.replace(/\n$/, '').split('\n'));
			}
			return out;
		}
		default:
			return undefined;
	}
}

/** busybox `date`: `Mon Jan  5 09:00:03 UTC 2026`. */
export function busyboxDate(t: number): string {
	const d = new Date(LAB_EPOCH_MS + t);
	const day = WEEKDAYS[d.getUTCDay()];
	const month = MONTHS[d.getUTCMonth()];
	const two = (n: number) => String(n).padStart(2, '0');
	return `${day} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/**
 * `date +FORMAT` (strftime(3) conversions scripts use: %s %Y %m %d %H %M %S %T %F %D %Z %y %j
 * %a %b %e %%); undefined for one the lab does not know.
 */
function formatDate(format: string, t: number): string | undefined {
	const d = new Date(LAB_EPOCH_MS + t);
	const two = (n: number) => String(n).padStart(2, '0');
	const ymd = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
	const hms = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
	const day = Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
	const parts: Record<string, string> = {
		s: String(Math.floor(d.getTime() / 1000)),
		Y: String(d.getUTCFullYear()),
		y: two(d.getUTCFullYear() % 100),
		m: two(d.getUTCMonth() + 1),
		d: two(d.getUTCDate()),
		e: String(d.getUTCDate()).padStart(2, ' '),
		H: two(d.getUTCHours()),
		M: two(d.getUTCMinutes()),
		S: two(d.getUTCSeconds()),
		T: hms,
		F: ymd,
		D: `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${two(d.getUTCFullYear() % 100)}`,
		Z: 'UTC',
		j: String(day).padStart(3, '0'),
		a: WEEKDAYS[d.getUTCDay()]!,
		b: MONTHS[d.getUTCMonth()]!,
		'%': '%'
	};
	let unknown = false;
	const text = format.replace(/%(.)/g, (_, c: string) => {
		const v = parts[c];
		if (v === undefined) unknown = true;
		return v ?? '';
	});
	return unknown ? undefined : text;
}

/** The top of busybox's image: `ls /` one name a line, as ls prints when not on a terminal. */
const BUSYBOX_ROOT = [
	'bin',
	'dev',
	'etc',
	'home',
	'lib',
	'lib64',
	'proc',
	'root',
	'sys',
	'tmp',
	'usr',
	'var'
];

/** The kernel the lab's nodes run (the nginx image's start-up lines name the same). */
const KERNEL_RELEASE = '6.8.0-60-generic';

function uname(args: readonly string[]): string {
	const flags = args.join('');
	if (flags.includes('r')) return KERNEL_RELEASE;
	if (flags.includes('m')) return 'x86_64';
	return 'Linux';
}

function userOf(ctx: LogContext): number {
	return ctx.container.securityContext?.runAsUser ?? ctx.pod.spec?.securityContext?.runAsUser ?? 0;
}

/** busybox group names of its image's /etc/group for the ids examples use. */
const GROUP_NAMES: Record<number, string> = { 0: 'root', 10: 'wheel' };

/**
 * busybox `id`: `uid=0(root) gid=0(root) groups=0(root),10(wheel)` for the image's root; with a
 * securityContext, the runtime's uid, gid and supplementary groups (fsGroup and
 * supplementalGroups join the gid), as the "Configure a Security Context" task shows:
 * `uid=1000 gid=3000 groups=2000,3000`.
 */
function idLine(ctx: LogContext): string {
	const pod = ctx.pod.spec?.securityContext;
	const sc = ctx.container.securityContext;
	const uid = userOf(ctx);
	const gid = sc?.runAsGroup ?? pod?.runAsGroup ?? 0;
	const name = (id: number, names: Record<number, string>) =>
		names[id] !== undefined ? `${id}(${names[id]})` : String(id);
	const users: Record<number, string> = { 0: 'root' };
	const extra = [
		...(pod?.supplementalGroups ?? []),
		...(pod?.fsGroup !== undefined ? [pod.fsGroup] : [])
	];
	const groups =
		uid === 0 && gid === 0 && extra.length === 0
			? [0, 10]
			: [...new Set([gid, ...extra])].sort((a, b) => a - b);
	return `uid=${name(uid, users)} gid=${name(gid, GROUP_NAMES)} groups=${groups.map((g) => name(g, GROUP_NAMES)).join(',')}`;
}

/**
 * A file the kubelet mounts into the container: /etc/hostname, or a key of a ConfigMap or
 * Secret volume (each key a file under the mount path, or the `items` paths).
 */
function mountedFile(
	store: Store,
	pod: Pod,
	container: Container,
	path: string
): string | undefined {
	if (path === '/etc/hostname') return `${podHostname(pod)}\n`;
	const namespace = pod.metadata?.namespace ?? 'default';
	for (const m of container.volumeMounts ?? []) {
		const dir = m.mountPath.replace(/\/$/, '');
		if (!path.startsWith(`${dir}/`)) continue;
		const rel = path.slice(dir.length + 1);
		const v = pod.spec?.volumes?.find((x) => x.name === m.name);
		if (v?.projected) {
			const text = projectedDownwardFile(pod, v, rel);
			if (text !== undefined) return text;
			continue;
		}
		const source = v?.configMap ?? v?.secret;
		if (source === undefined) continue;
		const data: Record<string, string> | undefined = v?.configMap
			? store.get<ConfigMap>(CONFIGMAPS, key(namespace, v.configMap.name ?? ''))?.data
			: secretData(store.get<Secret>(SECRETS, key(namespace, v?.secret?.secretName ?? ''))?.data);
		if (data === undefined) continue;
		const items = source.items;
		const keyName = items === undefined ? rel : items.find((it) => it.path === rel)?.key;
		const value = keyName === undefined ? undefined : ownValue(data, keyName);
		if (value !== undefined) return value;
	}
	return undefined;
}

/** The files of the volume mounted at `path` in the container (./volume-files.ts). */
function mountedDir(
	store: Store,
	pod: Pod,
	container: Container,
	path: string
): string[] | undefined {
	const dir = path.replace(/(.)\/$/, '$1');
	const m = container.volumeMounts?.find((x) => x.mountPath.replace(/(.)\/$/, '$1') === dir);
	const v = m && pod.spec?.volumes?.find((x) => x.name === m.name);
	if (v === undefined) return undefined;
	const namespace = pod.metadata?.namespace ?? 'default';
	return volumeFileNames(v, (kind, name) => {
		if (kind === 'secret') {
			const secret = store.get<Secret>(SECRETS, key(namespace, name));
			return secret && Object.keys(secret.data ?? {});
		}
		const cm = store.get<ConfigMap>(CONFIGMAPS, key(namespace, name));
		// kube-root-ca.crt is listed, not stored (commands/kubectl/namespaces.ts): its one key.
		if (cm === undefined) return name === ROOT_CA_CONFIGMAP ? ['ca.crt'] : undefined;
		return [...Object.keys(cm.data ?? {}), ...Object.keys(cm.binaryData ?? {})];
	});
}
