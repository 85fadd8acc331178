/**
 * Serves the prerendered site in `build/` on 127.0.0.1 (a free port) for the browser tests and
 * shares its origin through `provide('baseURL')`. Plain `node:http`, no dependency.
 * `/` → `build/index.html`, `/en/why-orchestration` → `build/en/why-orchestration.html`.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
	}
}

/** Content types of the files a static build holds (also bench/lighthouse.ts's server). */
export const CONTENT_TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.txt': 'text/plain; charset=utf-8',
	'.webmanifest': 'application/manifest+json',
	'.woff2': 'font/woff2'
};

async function isFile(file: string): Promise<boolean> {
	try {
		return (await stat(file)).isFile();
	} catch {
		return false;
	}
}

/** Maps a URL path to a file inside `root`, the way a static host serves SvelteKit output. */
export async function resolveFile(root: string, urlPath: string): Promise<string | undefined> {
	let decoded: string;
	try {
		decoded = decodeURIComponent(urlPath);
	} catch {
		return undefined;
	}
	const candidates = decoded.endsWith('/')
		? [`${decoded}index.html`]
		: [decoded, `${decoded}.html`, `${decoded}/index.html`];
	for (const candidate of candidates) {
		const file = path.join(root, path.normalize(candidate));
		if (file !== root && !file.startsWith(root + path.sep)) continue; // no `..` escapes
		if (await isFile(file)) return file;
	}
	return undefined;
}

export function serve(root: string, headers: Record<string, string> = {}): Server {
	return createServer(async (request, response) => {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const file = await resolveFile(root, url.pathname);
		if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
			response.writeHead(file ? 405 : 404, { 'content-type': 'text/plain; charset=utf-8' });
			response.end(file ? 'Method Not Allowed' : 'Not Found');
			return;
		}
		const body = await readFile(file);
		response.writeHead(200, {
			'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
			'content-length': body.length,
			'cache-control': 'no-store',
			...headers
		});
		response.end(request.method === 'HEAD' ? undefined : body);
	});
}

export default async function setup(project: TestProject) {
	const root = path.resolve('build');
	if (!(await isFile(path.join(root, 'index.html')))) {
		throw new Error(
			'build/index.html is missing: run `vite build` first (npm run test:browser does).'
		);
	}
	const server = serve(root);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	project.provide('baseURL', `http://127.0.0.1:${port}`);
	return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
