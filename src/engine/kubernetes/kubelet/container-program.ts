/**
 * What a container does, read from its spec: the command and args (or the image's default) —
 * simple programs (`touch`, `rm`, `sleep`, `exit`, `echo`, short commands that print and exit),
 * `sh -c` scripts run by the lab's shell over simulated time (./container-script.ts), memory
 * hogs (./memory-hogs.ts). Servers run until stopped. Files a container touches live in its
 * own small filesystem, which exec probes read.
 */
import type { Container } from 'kubernetes-types/core/v1';
import { INIT_TASK_MS, INLINE_PROGRAM_MS, SERVICE_ACCOUNT_MOUNT_PATH } from '../defaults';
import { repositoryOf } from '../images';
import { defaultShell, imageTools, type ImageTools } from '../../images/executables';
import {
	kubeletExpand,
	programContext,
	runScript,
	runsWholeAsClient,
	runtimeArgv
} from './container-script';
import { shellInvocation } from '../../shell/invocation';
import { memoryHog } from './memory-hogs';
import { CERTGEN_PROGRAM, isCertgenImage } from './webhook-certgen';

export type Step =
	| { op: 'touch' | 'rm'; path: string }
	| { op: 'sleep'; ms: number }
	| { op: 'exit'; code: number }
	| { op: 'status'; code: number }
	/** It needs more memory than its limit: the kernel's OOM killer ends it (137, OOMKilled). */
	| { op: 'oom' }
	/**
	 * `until nslookup HOST; do …; sleep N; done` in an init container: wait, trying every `ms`,
	 * until HOST resolves (a Service of that name exists: cluster DNS answers for it). Each
	 * failed try prints nslookup's answer, then what the body echoes (`say`).
	 */
	| { op: 'resolve'; host: string; ms: number; say?: readonly string[] }
	/**
	 * A network client (`wget`, `curl`, `nslookup`) run when the step is reached, through the
	 * pod's DNS and kube-proxy (./container-clients.ts); it prints what the tool prints and ends
	 * with its status. When the lab cannot run it (a name outside the cluster, a flag it does not
	 * model) the program carries on as before clients ran: a task does its work and succeeds,
	 * anything else runs until stopped.
	 */
	| { op: 'client'; argv: readonly string[]; otherwise: 'task' | 'serve' };

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
	/**
	 * Its exit code when SIGTERM ends it: 0 for a server's own handler (the default); 143
	 * (128 + 15) for a process that is not PID 1 and dies of the signal's default action.
	 */
	termExit?: number;
	/**
	 * The ports it accepts connections on, when known: an official server image's defaults, or
	 * none for a program that serves nothing (`sleep`, a script). Undefined: not known, taken as
	 * listening wherever it is probed. A probe to a port nothing listens on is refused.
	 */
	listens?: readonly number[];
}

/**
 * Images whose default command serves until stopped (official server images), with the ports
 * their default configuration listens on (the images' documented EXPOSE ports); undefined
 * where that depends on configuration.
 */
const SERVER_IMAGES = new Map<string, readonly number[] | undefined>([
	['nginx', [80]],
	['httpd', [80]],
	['redis', [6379]],
	['postgres', [5432]],
	['mysql', [3306, 33060]],
	['mariadb', [3306]],
	['mongo', [27017]],
	['memcached', [11211]],
	['rabbitmq', undefined],
	['traefik', undefined],
	['haproxy', undefined],
	['caddy', undefined],
	['consul', undefined],
	['registry', [5000]],
	['grafana/grafana', [3000]],
	['prom/prometheus', [9090]],
	['prom/node-exporter', [9100]],
	['prom/alertmanager', [9093]],
	['gcr.io/cadvisor/cadvisor', [8080]],
	['ghost', [2368]],
	// The docs' tcp-liveness-readiness example: a Go TCP proxy on 8080 (kubernetes/website
	// content/en/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes.md).
	['registry.k8s.io/goproxy', [8080]],
	['k8s.gcr.io/goproxy', [8080]],
	['registry.k8s.io/pause', []],
	['k8s.gcr.io/pause', []]
]);

/** Programs that serve nothing: no port answers. */
const NO_PORTS: readonly number[] = Object.freeze([]);

/**
 * Init processes that run the rest of the command line as their child and pass signals on
 * (tini, dumb-init): the program itself is then not PID 1, and SIGTERM ends it.
 */
const SIGNAL_FORWARDERS = /^(tini|tini-static|dumb-init)$/;

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
 * There, a command the lab does not simulate (`cp`, `chown`, a network client it cannot run),
 * alone or in a script (./container-script.ts: the same rule), is taken to do its job and
 * succeed, the unknown work taking INIT_TASK_MS in all, rather than run forever as an unknown
 * app container's command does (that would hold the pod in `Init:0/1` forever, which the
 * manifests' authors never meant).
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
	// Kubernetes' test servers (liveness, agnhost) are Go programs with no SIGTERM handler of
	// their own: the Go runtime catches the signal, fails to die of it as PID 1 and exits 2
	// (runtime/signal_unix.go dieFromSignal).
	const term = /(^|\/)(liveness|agnhost)$/.test(repo) ? { termExit: 2 } : {};
	if (argv.length === 0) {
		// The image's own default: servers serve; a shell (busybox's sh, ubuntu's bash) exits at once.
		if (SERVER_IMAGES.has(repo))
			return {
				steps: [],
				then: 'serve',
				http,
				stopsOnTerm: true,
				// A mounted configuration (nginx's conf.d from a ConfigMap) may listen elsewhere; the
				// service account token every pod mounts configures nothing.
				listens: container.volumeMounts?.some((m) => m.mountPath !== SERVICE_ACCOUNT_MOUNT_PATH)
					? undefined
					: SERVER_IMAGES.get(repo)
			};
		return defaultShell(repo) === undefined
			? { steps: [], then: 'serve', http, stopsOnTerm: true, ...term }
			: {
					steps: [{ op: 'status', code: 0 }],
					then: 'exit',
					http,
					stopsOnTerm: false,
					listens: NO_PORTS
				};
	}
	// kube-webhook-certgen's ENTRYPOINT run with the pod's args (./webhook-certgen.ts): a task that
	// talks to the API server when it runs, then exits.
	if (container.command === undefined && isCertgenImage(repo))
		return {
			steps: [{ op: 'client', argv: [CERTGEN_PROGRAM, ...argv], otherwise: 'task' }],
			then: 'exit',
			http,
			stopsOnTerm: true,
			listens: NO_PORTS
		};
	const [cmd, ...rest] = argv;
	const name = cmd!.split('/').pop()!;
	if (SIGNAL_FORWARDERS.test(name)) {
		// `tini -- CMD`, `dumb-init CMD`: CMD runs as its child and gets the SIGTERM it passes on.
		const start = rest.findIndex((a) => !a.startsWith('-'));
		const child = start < 0 ? [] : rest.slice(start);
		const inner = programFor({ ...container, command: child, args: [] }, undefined, task);
		// It exits with its child's status: 143 when the signal's default action ended the child.
		return { ...inner, stopsOnTerm: true, termExit: inner.stopsOnTerm ? inner.termExit : 143 };
	}
	// A shell with no script reads its commands from stdin: with none attached it reads end-of-file
	// and exits 0 at once; with one (`stdin: true`: kubectl run -i, a manifest's stdin) it waits.
	if (SHELLS.has(cmd!) && rest.length === 0)
		return container.stdin === true
			? { steps: [], then: 'serve', http, stopsOnTerm: false, listens: NO_PORTS }
			: {
					steps: [{ op: 'status', code: 0 }],
					then: 'exit',
					http,
					stopsOnTerm: false,
					listens: NO_PORTS
				};
	const call = shellInvocation(argv);
	if (SHELLS.has(cmd!) && call !== undefined) {
		const text = call.script;
		const tools = imageTools(image?.base ?? container.image ?? '');
		const { runsUnknown, ...ran } = script(argv, container, tools, task);
		// A script's loop, or a program the lab does not know, may serve anything; else nothing.
		const listens = /\bwhile\s+(true|:)\b/.test(text) || runsUnknown ? undefined : NO_PORTS;
		// `exec PROGRAM` makes the program PID 1 in the shell's place: it handles SIGTERM itself,
		// as a program the lab does not know is taken to (see below).
		const execs = runsUnknown && /(^|[;&|\n]\s*)exec\s+\S/.test(text);
		return { ...ran, http, stopsOnTerm: trapsTerm(text) || execs, listens };
	}
	const hog = memoryHog(name, rest, container);
	// stress.c installs no SIGTERM handler (PID 1 ignores it); stress-ng is taken as other programs.
	if (hog !== undefined) return { ...hog, http, stopsOnTerm: name !== 'stress', listens: NO_PORTS };
	// `cat` with no file copies stdin: with one attached (`stdin: true`) it waits on it.
	if (name === 'cat' && container.stdin === true && rest.every((a) => a.startsWith('-')))
		return { steps: [], then: 'serve', http, stopsOnTerm: false, listens: NO_PORTS };
	const simple = command([cmd!, ...rest], task);
	if (simple !== undefined) return { ...simple, http, stopsOnTerm: false, listens: NO_PORTS };
	if (task) return { steps: TASK_WORK.slice(), then: 'exit', http, stopsOnTerm: false };
	if (/^(perl|python3?|ruby|node)$/.test(name) && rest.some((a) => /^-\w*[ec]\w*$/.test(a))) {
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
	return { steps: [], then: 'serve', http, stopsOnTerm: true, ...term };
}

/**
 * Whether a script installs a SIGTERM handler (`trap 'exit 0' TERM`): the shell, PID 1, then
 * receives the signal and runs it (pid_namespaces(7): only signals it handles reach PID 1).
 */
function trapsTerm(text: string): boolean {
	return /\btrap\b[^;\n]*\s(SIG)?(TERM|15)\b/.test(text);
}

/** One simple command, or undefined when it is not one the interpreter knows. */
function command(words: string[], task = false): Pick<Program, 'steps' | 'then'> | undefined {
	const [cmd, ...args] = words;
	switch (cmd?.split('/').pop()) {
		case 'wget':
		case 'curl':
		case 'nslookup':
			return {
				steps: [{ op: 'client', argv: words, otherwise: task ? 'task' : 'serve' }],
				then: 'exit'
			};
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
		case 'env': {
			// `env [-i] [NAME=VALUE]… [COMMAND]`: with a command, env runs it; else it prints.
			const child = args.filter((a) => !a.startsWith('-') && !/^[A-Za-z_]\w*=/.test(a));
			if (child.length > 0) return command(child, task);
			return { steps: [{ op: 'status', code: 0 }], then: 'exit' };
		}
		// Short commands: they print (./container-logs.ts) and exit 0 at once. `cat` with no file
		// copies its stdin, which is /dev/null unless the container asks for one (`stdin: true`).
		case 'echo':
		case 'true':
		case 'date':
		case 'hostname':
		case 'printenv':
		case 'cat':
		case 'ls':
		case 'id':
		case 'whoami':
		case 'uname':
		case 'pwd':
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

/**
 * `sh -c SCRIPT`: the script run ahead by the lab's shell over simulated time
 * (./container-script.ts), as its steps. A script that calls network clients and takes no time
 * runs whole as one client when reached (the same shell, with the cluster as it is then), so
 * its lines come out in order and its status follows the clients' real answers.
 */
function script(
	argv: readonly string[],
	container: Container,
	tools: ImageTools,
	task: boolean
): Pick<Program, 'steps' | 'then'> & { runsUnknown: boolean } {
	const ctx = programContext(container);
	const expanded = argv.map((a) => kubeletExpand(a, ctx));
	const ran = runScript(expanded, { start: 0, until: Infinity, ctx, tools, task });
	if (runsWholeAsClient(ran))
		return {
			steps: [{ op: 'client', argv: runtimeArgv(expanded), otherwise: task ? 'task' : 'serve' }],
			then: 'exit',
			runsUnknown: false
		};
	const runsUnknown = ran.runsUnknown;
	if (ran.end.kind === 'serve') return { steps: ran.steps, then: 'serve', runsUnknown };
	// The last command a client: its own status, known when it runs, is the script's. After a
	// DNS wait or a file written the kubelet's status is already 0.
	const last = ran.steps[ran.steps.length - 1]?.op;
	const settled = ran.end.code === 0 && (last === 'resolve' || last === 'touch' || last === 'rm');
	const status: Step[] = ran.end.client || settled ? [] : [{ op: 'status', code: ran.end.code }];
	return { steps: [...ran.steps, ...status], then: 'exit', runsUnknown };
}
