/**
 * What a container does, read from its spec: the command and args (or the image's default),
 * run by a tiny interpreter that knows the few shell words examples use — `touch`, `rm`,
 * `sleep`, `exit`, `echo`, `true`, `false`, loops that never end. Servers run until stopped.
 * Files a container touches live in its own small filesystem, which exec probes read.
 */
import type { Container } from 'kubernetes-types/core/v1';
import { DNS_RETRY_MS, INIT_TASK_MS, INLINE_PROGRAM_MS } from '../defaults';
import { repositoryOf } from '../images';

export type Step =
	| { op: 'touch' | 'rm'; path: string }
	| { op: 'sleep'; ms: number }
	| { op: 'exit'; code: number }
	| { op: 'status'; code: number }
	/**
	 * `until nslookup HOST; do …; sleep N; done` in an init container: wait, trying every `ms`,
	 * until HOST resolves (a Service of that name exists: cluster DNS answers for it).
	 */
	| { op: 'resolve'; host: string; ms: number };

export interface Program {
	steps: Step[];
	/** After the last step: exit with the last status, or keep running (a server, a loop). */
	then: 'exit' | 'serve';
	/** How an HTTP health endpoint answers: always, or 200 for a while then 500. */
	http: { healthyForMs?: number };
	/**
	 * Whether the main process ends on SIGTERM. It runs as PID 1 in its PID namespace, and the
	 * kernel delivers PID 1 only the signals it installed a handler for (pid_namespaces(7)):
	 * servers install one; `sleep`, a shell running a script and an inline perl/python do
	 * not, so the runtime kills them only when the grace period ends.
	 */
	stopsOnTerm: boolean;
}

/** Images whose default command serves until stopped (official server images). */
const SERVER_IMAGES = new Set([
	'nginx',
	'httpd',
	'redis',
	'postgres',
	'mysql',
	'mariadb',
	'mongo',
	'memcached',
	'rabbitmq',
	'traefik',
	'haproxy',
	'caddy',
	'consul',
	'registry',
	'grafana/grafana',
	'prom/prometheus',
	'prom/node-exporter',
	'prom/alertmanager',
	'gcr.io/cadvisor/cadvisor',
	'ghost',
	'registry.k8s.io/pause',
	'k8s.gcr.io/pause'
]);

const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash']);

/** What a built image runs when the pod does not say: its Dockerfile's ENTRYPOINT and CMD. */
export interface ImageDefaults {
	entrypoint?: string[];
	cmd?: string[];
	/** The public image it was built from: its default command applies if none is set. */
	base: string;
}

/** Docker's rule: `command` replaces the ENTRYPOINT (and drops the CMD), `args` the CMD. */
function commandLine(container: Container, image: ImageDefaults): string[] {
	if (container.command !== undefined) return [...container.command, ...(container.args ?? [])];
	return [...(image.entrypoint ?? []), ...(container.args ?? image.cmd ?? [])];
}

/**
 * `task`: the container is a regular init container, a one-shot task the kubelet waits for.
 * There, a command the interpreter does not know (`wget`, `cp`, `chown`, `until nslookup …`)
 * is taken to do its job and succeed, the unknown work taking INIT_TASK_MS in all, rather than
 * run forever as an unknown app container's command does (that would hold the pod in
 * `Init:0/1` forever, which the manifests' authors never meant).
 */
export function programFor(container: Container, image?: ImageDefaults, task = false): Program {
	const argv =
		image === undefined
			? [...(container.command ?? []), ...(container.args ?? [])]
			: commandLine(container, image);
	const repo = image?.base ?? repositoryOf(container.image ?? '');
	const http =
		/(^|\/)liveness$/.test(repo) || (repo.endsWith('agnhost') && argv.includes('liveness'))
			? { healthyForMs: 10_000 } // the liveness test server answers 200 for 10 s, then 500
			: {};
	if (argv.length === 0) {
		// The image's own default: servers serve; busybox/alpine run `sh`, which exits at once.
		return SERVER_IMAGES.has(repo) || !/(busybox|alpine|ubuntu|debian)$/.test(repo)
			? { steps: [], then: 'serve', http, stopsOnTerm: true }
			: { steps: [{ op: 'status', code: 0 }], then: 'exit', http, stopsOnTerm: false };
	}
	const [cmd, ...rest] = argv;
	if (SHELLS.has(cmd!) && rest[0] === '-c' && rest[1] !== undefined)
		return { ...script(rest[1], task), http, stopsOnTerm: false };
	const simple = command([cmd!, ...rest]);
	if (simple !== undefined) return { ...simple, http, stopsOnTerm: false };
	if (task) return { steps: TASK_WORK.slice(), then: 'exit', http, stopsOnTerm: false };
	if (
		/^(perl|python3?|ruby|node)$/.test(cmd!.split('/').pop()!) &&
		rest.some((a) => /^-\w*[ec]\w*$/.test(a))
	) {
		return {
			steps: [
				{ op: 'sleep', ms: INLINE_PROGRAM_MS },
				{ op: 'status', code: 0 }
			],
			then: 'exit',
			http,
			stopsOnTerm: false
		};
	}
	// Anything else is taken for a long-running program that stops when asked.
	return { steps: [], then: 'serve', http, stopsOnTerm: true };
}

/** One simple command, or undefined when it is not one the interpreter knows. */
function command(words: string[]): Pick<Program, 'steps' | 'then'> | undefined {
	const [cmd, ...args] = words;
	switch (cmd?.split('/').pop()) {
		case 'sleep': {
			if (args[0] === 'infinity') return { steps: [], then: 'serve' };
			const s = Number(args[0]);
			return Number.isFinite(s) && s >= 0
				? {
						steps: [
							{ op: 'sleep', ms: Math.round(s * 1000) },
							{ op: 'status', code: 0 }
						],
						then: 'exit'
					}
				: { steps: [{ op: 'status', code: 1 }], then: 'exit' };
		}
		case 'touch':
			return {
				steps: args.map((path) => ({ op: 'touch' as const, path })).concat([]),
				then: 'exit'
			};
		case 'rm':
			return {
				steps: args.filter((a) => !a.startsWith('-')).map((path) => ({ op: 'rm' as const, path })),
				then: 'exit'
			};
		case 'exit': {
			const code = Number(args[0] ?? 0);
			return {
				steps: [{ op: 'exit', code: Number.isInteger(code) ? code & 255 : 2 }],
				then: 'exit'
			};
		}
		case 'echo':
		case 'true':
		case 'date':
		case 'hostname':
		case 'env':
			return { steps: [{ op: 'status', code: 0 }], then: 'exit' };
		case 'false':
			return { steps: [{ op: 'status', code: 1 }], then: 'exit' };
		case 'tail':
			// `tail -f`/`-F` follows its file until stopped (the usual keep-alive, log shippers).
			return args.some((a) => /^-\w*[fF]/.test(a) || a === '--follow' || a.startsWith('--follow='))
				? { steps: [], then: 'serve' }
				: { steps: [{ op: 'status', code: 0 }], then: 'exit' };
		default:
			return undefined;
	}
}

/** An unknown command of a task: it does its work, then succeeds. */
const TASK_WORK: readonly Step[] = [
	{ op: 'sleep', ms: INIT_TASK_MS },
	{ op: 'status', code: 0 }
];

/** Shell words that open or close a compound command (`until …; do …; done`, `if …; then …; fi`). */
const KEYWORDS = /^(if|then|else|elif|fi|until|while|do|done|\{|\})$/;

/**
 * `touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600` and friends. In a task
 * (`programFor`), compound-command keywords and comments are skipped, each loop body runs once
 * and unknown commands succeed, their work taking INIT_TASK_MS once for the whole script.
 */
function script(text: string, task = false): Pick<Program, 'steps' | 'then'> {
	// A loop that never ends (`while true; do …; done`) makes the container a server.
	if (/\bwhile\s+(true|:)\b/.test(text)) return { steps: [], then: 'serve' };
	const steps: Step[] = [];
	let worked = false;
	/** The DNS wait whose loop body is being read (its retry period comes from its `sleep`). */
	let waiting: { op: 'resolve'; host: string; ms: number } | undefined;
	for (const part of text.split(/;|&&|\n/)) {
		const words = part
			.trim()
			.split(/\s+/)
			.filter((w) => w !== '');
		if (task && words[0] === 'until' && words[1] === 'nslookup' && words[2] !== undefined) {
			steps.push((waiting = { op: 'resolve', host: words[2], ms: DNS_RETRY_MS }));
			continue;
		}
		if (waiting !== undefined) {
			// The loop's body runs only while the name does not resolve: its sleep is the period.
			if (words[0] === 'done') waiting = undefined;
			else if (words[words.length - 2] === 'sleep')
				waiting.ms = Math.round(Number(words[words.length - 1]) * 1000) || DNS_RETRY_MS;
			continue;
		}
		if (task) while (words.length > 0 && KEYWORDS.test(words[0]!)) words.shift();
		if (words.length === 0 || (task && words[0]!.startsWith('#'))) continue;
		const known = command(words);
		if (known === undefined && task) {
			steps.push(...(worked ? TASK_WORK.slice(1) : TASK_WORK));
			worked = true;
			continue;
		}
		if (known === undefined) {
			steps.push({ op: 'status', code: 127 }); // sh: NAME: not found
			continue;
		}
		steps.push(...known.steps);
		if (known.then === 'serve') return { steps, then: 'serve' };
	}
	return { steps, then: 'exit' };
}
