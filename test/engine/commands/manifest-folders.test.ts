/**
 * `-f FOLDER`: a folder's manifests in lexical order, only .json/.yaml/.yml files, subfolders
 * only with -R (cli-runtime resource/visitor.go ExpandPathsToFileVisitors, FileExtensions), and
 * a time-travel replay reads the folder as it was.
 */
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const FILES: Record<string, string> = {
	'app/b-service.yaml':
		'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n',
	'app/a-deployment.yml':
		'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx:1.27}]}\n',
	'app/README.md': '# not a manifest: kubectl skips it\n',
	'app/extra/config.json':
		'{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg"},"data":{"a":"1"}}\n'
};

function folderLab(files: Record<string, string> = FILES): Lab {
	return createLab({
		seed: 4,
		readFile: (p) => files[p],
		readDir: (p) => {
			const prefix = p.replace(/\/*$/, '/');
			const names = new Set<string>();
			for (const path of Object.keys(files)) {
				if (!path.startsWith(prefix)) continue;
				const rest = path.slice(prefix.length);
				names.add(rest.includes('/') ? rest.slice(0, rest.indexOf('/') + 1) : rest);
			}
			return names.size === 0 ? undefined : [...names];
		}
	});
}

describe('kubectl -f FOLDER', () => {
	it('applies the folder’s manifests in name order, skipping other files and subfolders', () => {
		const lab = folderLab();
		expect(succeeds(lab, 'kubectl apply -f app/').output).toBe(
			'deployment.apps/web created\nservice/web created\n'
		);
		fails(lab, 'kubectl get configmap cfg');
	});

	it('walks subfolders with -R, in get, delete and apply alike', () => {
		const lab = folderLab();
		expect(succeeds(lab, 'kubectl apply -R -f app').output).toBe(
			'deployment.apps/web created\nservice/web created\nconfigmap/cfg created\n'
		);
		expect(succeeds(lab, 'kubectl get -f app -R -o name').output).toBe(
			'deployment.apps/web\nservice/web\nconfigmap/cfg\n'
		);
		expect(succeeds(lab, 'kubectl delete -f app/ --recursive').output).toBe(
			'deployment.apps "web" deleted from default namespace\n' +
				'service "web" deleted from default namespace\n' +
				'configmap "cfg" deleted from default namespace\n'
		);
	});

	it('says a missing path does not exist, and changes nothing', () => {
		const lab = folderLab();
		expect(fails(lab, 'kubectl apply -f nothere/').error).toBe(
			'error: the path "nothere/" does not exist\n'
		);
	});

	it('replays the folder as it was read when the lab seeks back', () => {
		const files = { ...FILES };
		const lab = folderLab(files);
		succeeds(lab, 'kubectl apply -f app');
		lab.advance(5_000);
		delete files['app/b-service.yaml'];
		const end = lab.now();
		lab.seek(0);
		lab.seek(end);
		expect(succeeds(lab, 'kubectl get svc web -o name').output).toBe('service/web\n');
	});
});
