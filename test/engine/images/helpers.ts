/** A lab whose file reader serves the given files (paths as the command line names them). */
import { createLab, type Flavor } from '../../../src/engine/index';

export const WEB = 'FROM nginx:1.27-alpine\nCOPY index.html /usr/share/nginx/html/\nEXPOSE 80\n';

export function labWith(files: Record<string, string>, flavor: Flavor = 'kubernetes', seed = 3) {
	return createLab({ flavor, seed, readFile: (path) => files[path] });
}
