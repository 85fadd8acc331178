/**
 * A server image's own program run as a command, for what the lab can state for certain:
 * `nginx -v` (src/core/nginx.c ngx_show_version_info: `ngx_write_stderr("nginx version: "
 * NGINX_VER_BUILD NGX_LINEFEED)`, to stderr) and `nginx -t` on the image's own configuration
 * (ngx_test_configuration's two notices, also to stderr). Anything else: undefined.
 */
import { repositoryOf } from '../../kubernetes/images';
import type { ShellWorld } from './exec-shell';
import type { ToolResult } from './exec-tools';

/**
 * The nginx release an nginx image holds: the version its tag names (`1.27.3`,
 * `1.27.3-alpine`), else the lab's mainline nginx 1.27.3 for the tags that follow mainline
 * (`latest`, `mainline`, `1`, `1.27`, `alpine`…; as container-logs.ts and exec-replies.ts
 * print it). Undefined for another line's moving tag (`stable`, `1.26`), which the lab does
 * not pin.
 */
export function nginxVersion(image: string): string | undefined {
	if (repositoryOf(image) !== 'nginx') return undefined;
	const tag = image.includes(':') ? image.slice(image.lastIndexOf(':') + 1) : 'latest';
	const exact = /^(\d+\.\d+\.\d+)(-|$)/.exec(tag);
	if (exact !== null) return exact[1];
	const base = tag.replace(/-(alpine|perl|alpine-perl|alpine-slim|bookworm|otel)$/, '');
	return /^(latest|mainline|alpine|perl|1|1\.27)$/.test(base) ? '1.27.3' : undefined;
}

const NGINX_CONF = '/etc/nginx/nginx.conf';

/** The server program's output, or undefined when the lab does not simulate this run. */
export function serverCommand(argv: readonly string[], world: ShellWorld): ToolResult | undefined {
	const [path, ...args] = argv;
	const name = path?.split('/').pop();
	const image = world.net.image;
	if (name !== 'nginx' || image === undefined || args.length !== 1) return undefined;
	const version = nginxVersion(image);
	if (version === undefined) return undefined;
	if (args[0] === '-v') return { out: '', err: `nginx version: nginx/${version}\n`, code: 0 };
	// The image's own configuration passes; a mounted one the lab does not read.
	const ownConfig = !(world.ctx.container.volumeMounts ?? []).some((m) =>
		m.mountPath.startsWith('/etc/nginx')
	);
	if (args[0] === '-t' && ownConfig)
		return {
			out: '',
			err:
				`nginx: the configuration file ${NGINX_CONF} syntax is ok\n` +
				`nginx: configuration file ${NGINX_CONF} test is successful\n`,
			code: 0
		};
	return undefined;
}
