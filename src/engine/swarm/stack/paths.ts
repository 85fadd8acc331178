/**
 * Paths in a stack file resolve against the stack file's folder, as docker/cli's loader does
 * with `filepath.Join(workingDir, path)` (cli/compose/loader/loader.go absPath). The lab has
 * no current directory of its own, so the folder is the one named in `-c FILE`.
 */

/** path.Clean for slash-separated paths. */
export function cleanPath(path: string): string {
	if (path === '') return '.';
	const rooted = path.startsWith('/');
	const out: string[] = [];
	for (const part of path.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') {
			if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
			else if (!rooted) out.push('..');
			continue;
		}
		out.push(part);
	}
	const joined = out.join('/');
	if (rooted) return `/${joined}`;
	return joined === '' ? '.' : joined;
}

export function dirname(path: string): string {
	const at = path.lastIndexOf('/');
	if (at < 0) return '.';
	if (at === 0) return '/';
	return cleanPath(path.slice(0, at));
}

export function isAbsolute(path: string): boolean {
	// Unix paths, and Windows drive or UNC paths (loader.go isAbs, for a Windows client).
	return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

export function absPath(workingDir: string, path: string): string {
	if (isAbsolute(path)) return path;
	return cleanPath(`${workingDir}/${path}`);
}
