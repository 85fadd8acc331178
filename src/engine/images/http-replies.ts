/**
 * What a server in a pod answers to `GET path`, for the images whose answer is known: nginx's
 * default page (or the index a ConfigMap volume mounts over /usr/share/nginx/html), httpd's
 * "It works!", hashicorp/http-echo's `-text`, agnhost's and serve_hostname's pod name, the
 * Google hello-app sample. For any other image the lab cannot know the body: undefined.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { repositoryOf } from '../kubernetes/images';

export interface HttpReply {
	readonly status: number;
	readonly body: string;
}

/** nginx's html/index.html since 1.23 (nginx.org src/html/index.html), 615 bytes. */
const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/**
 * nginx's built-in error page (ngx_http_special_response.c): title, h1, then the server line.
 * nginx ends its lines with CRLF; a terminal shows them as these plain newlines do.
 */
function nginxError(status: number, reason: string, version: string): HttpReply {
	const title = `${status} ${reason}`;
	return {
		status,
		body: `<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${title}</h1></center>\n<hr><center>nginx/${version}</center>\n</body>\n</html>\n`
	};
}

/** httpd's htdocs/index.html and its 404 (modules/http/http_protocol.c). */
const HTTPD_INDEX = '<html><body><h1>It works!</h1></body></html>\n';
const HTTPD_404 =
	'<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';

/** The value of `-name=V` or `-name V` / `--name V` among a program's arguments. */
function argValue(argv: readonly string[], name: string): string | undefined {
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i]!.replace(/^--?/, '-');
		if (a === `-${name}`) return argv[i + 1];
		if (a.startsWith(`-${name}=`)) return a.slice(name.length + 2);
	}
	return undefined;
}

export interface ReplyWorld {
	/** The file the container sees at `path`, when the lab knows it (mounted volumes). */
	readFile(path: string): string | undefined;
	/** A built image's public base (the lab registry's record), else the image itself. */
	base: string;
}

/** The reply of `container` in `pod` to GET `path`, or undefined when the lab cannot know it. */
export function httpReply(
	pod: Pod,
	container: Container,
	path: string,
	world: ReplyWorld
): HttpReply | undefined {
	const repo = repositoryOf(world.base);
	const argv = [...(container.command ?? []), ...(container.args ?? [])];
	const hostname = pod.spec?.hostname ?? pod.metadata?.name ?? '';
	const clean = path.split('?')[0] ?? '/';
	if (repo === 'nginx') return nginxReply(container, clean, world);
	if (repo === 'httpd' && argv.length === 0)
		return clean === '/' || clean === '/index.html'
			? { status: 200, body: HTTPD_INDEX }
			: { status: 404, body: HTTPD_404 };
	if (repo === 'hashicorp/http-echo') {
		// http-echo answers every path with its text and a newline (main.go httpEcho).
		const text = argValue(argv, 'text');
		return text === undefined ? undefined : { status: 200, body: `${text}\n` };
	}
	if (
		/(^|\/)serve_hostname$/.test(repo) ||
		(repo.endsWith('agnhost') && argv.includes('serve-hostname'))
	)
		return { status: 200, body: hostname };
	if (repo.endsWith('agnhost') && argv.includes('netexec') && clean === '/hostname')
		return { status: 200, body: hostname };
	if (/google-samples\/(containers\/gke\/)?hello-app$/.test(repo)) {
		// hello-app main.go: "Hello, world!\nVersion: 1.0.0\nHostname: %s\n".
		const tag = world.base.includes(':')
			? world.base.slice(world.base.lastIndexOf(':') + 1)
			: '1.0';
		const version = /^\d+\.\d+$/.test(tag) ? `${tag}.0` : '1.0.0';
		return { status: 200, body: `Hello, world!\nVersion: ${version}\nHostname: ${hostname}\n` };
	}
	return undefined;
}

function nginxReply(container: Container, path: string, world: ReplyWorld): HttpReply | undefined {
	const tag = world.base.includes(':') ? world.base.slice(world.base.lastIndexOf(':') + 1) : '';
	const version = /^\d+\.\d+\.\d+/.exec(tag)?.[0] ?? '1.27.3';
	const mounts = container.volumeMounts ?? [];
	// A configuration of its own (conf.d, nginx.conf) may route anywhere: the lab cannot know.
	if (mounts.some((m) => m.mountPath.startsWith('/etc/nginx'))) return undefined;
	const root = '/usr/share/nginx/html';
	const file = path === '/' || path.endsWith('/') ? `${path}index.html` : path;
	const mounted = mounts.some((m) =>
		`${root}${file}`.startsWith(`${m.mountPath.replace(/\/$/, '')}/`)
	);
	if (mounted) {
		const text = world.readFile(`${root}${file}`);
		if (text !== undefined) return { status: 200, body: text };
		// The index module's answer for a directory without its index file.
		return path.endsWith('/')
			? nginxError(403, 'Forbidden', version)
			: nginxError(404, 'Not Found', version);
	}
	if (file === '/index.html') return { status: 200, body: NGINX_INDEX };
	return nginxError(404, 'Not Found', version);
}
