/**
 * Which programs an image holds, for `kubectl exec` / `docker exec`: a command the image lacks
 * fails in the runtime (`exec: "bash": executable file not found in $PATH`), and the tools that
 * exist decide the output's dialect (busybox's applets or Debian's coreutils).
 *
 * Sources: busybox's and alpine's images are busybox alone (docker-library/busybox, alpine's
 * rootfs: `sh` is busybox ash; no bash, no curl); the Debian-based official images (nginx,
 * httpd, redis, postgres, the -slim language images…) have bash, dash as `sh`, coreutils, grep, sed and
 * hostname, but neither wget nor nslookup; nginx's Dockerfile installs `curl` as well
 * (nginxinc/docker-nginx mainline/debian/Dockerfile: `apt-get install … gettext-base curl`,
 * and its alpine variant `apk add … curl`); distroless, pause and http-echo images hold only
 * their one program.
 */
import { repositoryOf } from '../kubernetes/images';

/** The userland an image's commands come from, or `unknown` when the lab cannot tell. */
export type Toolbox = 'busybox' | 'debian' | 'none' | 'unknown';

export interface ImageTools {
	readonly toolbox: Toolbox;
	/** Programs beyond the toolbox's own (nginx's curl). */
	readonly extra: readonly string[];
}

/** busybox 1.36's applets that examples use (its `--list` holds about 400). */
const BUSYBOX = new Set(
	(
		'sh ash echo cat env printenv hostname date id whoami uname pwd ls sleep true false ' +
		'wget nslookup touch rm mkdir ps top ping nc head tail grep sed awk seq test [ expr ' +
		'kill df du free mount vi which tr wc sort uniq cut tee xargs find chmod chown cp mv ln'
	).split(' ')
);

/** Debian bookworm's essential packages (coreutils, dash, bash, grep, sed, hostname, mawk…). */
const DEBIAN = new Set(
	(
		'sh dash bash echo cat env printenv hostname date id whoami uname pwd ls sleep true ' +
		'false touch rm mkdir head tail grep sed awk mawk seq test [ expr kill df du mount ' +
		'which tr wc sort uniq cut tee xargs find chmod chown cp mv ln'
	).split(' ')
);

const BUSYBOX_IMAGES =
	/^(busybox|alpine|registry\.k8s\.io\/busybox|gcr\.io\/google-containers\/busybox|k8s\.gcr\.io\/busybox)$/;
const DEBIAN_IMAGES =
	/^(nginx|httpd|redis|postgres|mariadb|mongo|memcached|node|python|golang|ruby|php|ubuntu|debian|rabbitmq|ghost|wordpress)$/;
/**
 * Language images whose full tags build on buildpack-deps (its `-curl` layer adds curl and GNU
 * wget, and more): the lab does not know all they hold, nor GNU wget's wording, so only their
 * `-slim` tags are plain Debian to it (docker-library/buildpack-deps, node/python/golang/ruby).
 */
const BUILDPACK_IMAGES = /^(node|python|golang|ruby)$/;
/** Images that hold one static program and nothing else. */
const SINGLE_PROGRAM =
	/^(gcr\.io\/distroless\/.*|registry\.k8s\.io\/pause|k8s\.gcr\.io\/pause|hashicorp\/http-echo|registry\.k8s\.io\/coredns\/coredns|registry\.k8s\.io\/kube-proxy|registry\.k8s\.io\/etcd|registry\.k8s\.io\/kube-.*)$/;

/**
 * The server (or runtime) an official image exists to run, on its PATH in every variant: each
 * Dockerfile installs it there or puts its bin directory on PATH (docker-library/httpd
 * `ENV PATH $HTTPD_PREFIX/bin:$PATH`, docker-library/postgres `ENV PATH
 * $PATH:/usr/lib/postgresql/$PG_MAJOR/bin`, redis `make install` into /usr/local/bin, nginx's
 * nginx.org package in /usr/sbin, memcached, node, python, ruby and golang in /usr/local/bin).
 */
const SERVER_PROGRAMS: ReadonlyMap<string, readonly string[]> = new Map([
	['nginx', ['nginx']],
	['httpd', ['httpd', 'apachectl']],
	['redis', ['redis-server', 'redis-cli']],
	['postgres', ['postgres', 'psql', 'pg_ctl', 'initdb']],
	['memcached', ['memcached']],
	['node', ['node', 'npm', 'npx']],
	['python', ['python', 'python3', 'pip']],
	['ruby', ['ruby', 'gem']],
	['golang', ['go', 'gofmt']],
	['php', ['php']]
]);

/** The tools of `image` (a public reference, or a built image's public base). */
export function imageTools(image: string): ImageTools {
	const repo = repositoryOf(image);
	const tag = image.includes(':') ? image.slice(image.lastIndexOf(':') + 1) : 'latest';
	const alpine = /(^|-)alpine/.test(tag);
	const servers = SERVER_PROGRAMS.get(repo) ?? [];
	if (repo === 'nginx')
		return { toolbox: alpine ? 'busybox' : 'debian', extra: ['curl', ...servers] };
	if (repo === 'curlimages/curl') return { toolbox: 'busybox', extra: ['curl'] };
	if (BUSYBOX_IMAGES.test(repo)) return { toolbox: 'busybox', extra: [] };
	if (BUILDPACK_IMAGES.test(repo) && !alpine && !/(^|-)slim/.test(tag))
		return { toolbox: 'unknown', extra: servers };
	// php's Dockerfile installs curl (docker-library/php: `apt-get install … curl xz-utils`).
	if (repo === 'php' && !alpine) return { toolbox: 'debian', extra: ['curl', ...servers] };
	if (DEBIAN_IMAGES.test(repo)) return { toolbox: alpine ? 'busybox' : 'debian', extra: servers };
	if (SINGLE_PROGRAM.test(repo)) return { toolbox: 'none', extra: [] };
	return { toolbox: 'unknown', extra: [] };
}

/**
 * Which busybox build an image's applets come from, as far as its tag tells: the busybox
 * images' `VERSION[-LIBC]` tags (docker-library/busybox; the bare tags were the uclibc build
 * until December 2022, when glibc became the default: docker-library/busybox commit 4858368).
 * `old` is busybox ≤ 1.28, whose nslookup asks libc's getaddrinfo; 1.29 replaced it with
 * the LEDE resolver client (networking/nslookup.c). Undefined: not a busybox image.
 */
export interface BusyboxBuild {
	readonly old: boolean;
	readonly libc: 'uclibc' | 'glibc' | 'musl';
}

export function busyboxBuild(image: string): BusyboxBuild | undefined {
	const repo = repositoryOf(image);
	if (repo !== 'busybox' && repo !== 'alpine') return undefined;
	const tag = image.includes(':') ? image.slice(image.lastIndexOf(':') + 1) : 'latest';
	// alpine's busybox is built against musl; alpine ≤ 3.8 shipped busybox ≤ 1.28.
	if (repo === 'alpine') {
		const m = /^3\.(\d+)/.exec(tag);
		return { old: m !== null && Number(m[1]) <= 8, libc: 'musl' };
	}
	const minor = /^1\.(\d+)/.exec(tag);
	const old = minor !== null && Number(minor[1]) <= 28;
	const libc = /(^|-)musl$/.test(tag)
		? 'musl'
		: /(^|-)glibc$/.test(tag)
			? 'glibc'
			: /(^|-)uclibc$/.test(tag) || old
				? 'uclibc'
				: 'glibc';
	return { old, libc };
}

/**
 * Whether the image holds `program` (a name or a path): true, false, or undefined when the lab
 * does not know the image's contents.
 */
export function hasProgram(tools: ImageTools, program: string): boolean | undefined {
	const name = program.split('/').pop() ?? program;
	if (tools.extra.includes(name)) return true;
	switch (tools.toolbox) {
		case 'busybox':
			return BUSYBOX.has(name);
		case 'debian':
			return DEBIAN.has(name);
		case 'none':
			return false;
		default:
			return undefined;
	}
}

/**
 * The shell an image runs when the container gives no command, or undefined when its default is
 * something else: busybox's Dockerfile ends `CMD ["sh"]`, alpine's `CMD ["/bin/sh"]`, ubuntu's
 * and debian's `CMD ["bash"]` / `["/bin/bash"]` (docker-library/official-images), as do centos
 * and fedora.
 */
export function defaultShell(image: string): string | undefined {
	const repo = repositoryOf(image);
	if (/(^|\/)(busybox|alpine)$/.test(repo)) return 'sh';
	if (/(^|\/)(ubuntu|debian|centos|fedora)$/.test(repo)) return 'bash';
	return undefined;
}
