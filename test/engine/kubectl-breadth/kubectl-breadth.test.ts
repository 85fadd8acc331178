// The kubectl a learner types next, through lab.exec: -o jsonpath / custom-columns and
// --sort-by on get, namespaces, ConfigMaps and Secrets, delete --all / -l, version,
// cluster-info, api-resources, top and wait, with kubectl v1.35's texts.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const FILES: Record<string, string> = { 'app.properties': 'color=blue\nsize=3\n' };

function lab(): Lab {
	return createLab({ seed: 7, readFile: (p) => FILES[p] });
}

function webLab(): Lab {
	const l = lab();
	succeeds(l, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
	succeeds(l, 'sim advance 1m');
	return l;
}

describe('kubectl get -o jsonpath, custom-columns and --sort-by', () => {
	it('prints the names of the pods the cluster really has, space-separated, no newline', () => {
		const l = webLab();
		const out = succeeds(l, "kubectl get pods -o jsonpath='{.items[*].metadata.name}'").output;
		const table = succeeds(l, 'kubectl get pods -o name').output;
		const expected = table
			.trim()
			.split('\n')
			.map((n) => n.replace('pod/', ''))
			.join(' ');
		expect(out).toBe(expected);
		expect(succeeds(l, "kubectl get deploy web -o jsonpath='{.spec.replicas}'").output).toBe('3');
	});

	it('shows each pod with its node in custom columns, agreeing with -o wide', () => {
		const l = webLab();
		const out = succeeds(
			l,
			'kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName'
		).output;
		const lines = out.trimEnd().split('\n');
		expect(lines[0]).toMatch(/^NAME\s+NODE$/);
		const wide = succeeds(l, 'kubectl get pods -o wide').output.trimEnd().split('\n').slice(1);
		const nodeOf = new Map(wide.map((row) => [row.split(/\s+/)[0], row.split(/\s+/)[6]]));
		for (const row of lines.slice(1)) {
			const [name, node] = row.split(/\s+/);
			expect(nodeOf.get(name)).toBe(node);
		}
	});

	it('sorts the table by a field: pods by node name', () => {
		const l = webLab();
		const out = succeeds(l, 'kubectl get pods --sort-by=.spec.nodeName -o wide').output;
		const nodes = out
			.trimEnd()
			.split('\n')
			.slice(1)
			.map((r) => r.split(/\s+/)[6]!);
		expect(nodes).toEqual([...nodes].sort());
	});

	it('refuses bad templates with kubectl’s errors, changing nothing', () => {
		const l = webLab();
		expect(fails(l, "kubectl get pods -o jsonpath='{.items[*'").error).toBe(
			'error: error parsing jsonpath {.items[*, unterminated array\n'
		);
		expect(fails(l, 'kubectl get pods -o jsonpath').error).toBe(
			'error: template format specified but no template given\n'
		);
		expect(fails(l, 'kubectl get pods -o custom-columns=NAME').error).toBe(
			'error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n'
		);
		expect(fails(l, 'kubectl get pods --sort-by=.nope').error).toBe(
			'error: couldn\'t find any field with path "{.nope}" in the list of objects\n'
		);
		const bounds = fails(l, "kubectl get pods -o jsonpath='{.items[9].metadata.name}'").error!;
		expect(bounds).toMatch(
			/^error: error executing jsonpath "\{\.items\[9\]\.metadata\.name\}": Error executing template: array index out of bounds: index 9, length 3\. Printing more information for debugging the template:\n\ttemplate was:\n\t\t\{\.items\[9\]\.metadata\.name\}\n\tobject given to jsonpath engine was:\n\t\tmap\[string\]interface \{\}\{"apiVersion":"v1", "items":/
		);
	});
});

describe('namespaces', () => {
	it('starts with the four kubeadm namespaces, Active since the cluster started', () => {
		const l = lab();
		succeeds(l, 'sim advance 5m');
		expect(succeeds(l, 'kubectl get ns').output).toBe(
			'NAME              STATUS   AGE\n' +
				'default           Active   5m\n' +
				'kube-node-lease   Active   5m\n' +
				'kube-public       Active   5m\n' +
				'kube-system       Active   5m\n'
		);
	});

	it('creates, describes and deletes a namespace with the objects in it', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl create namespace dev').output).toBe('namespace/dev created\n');
		expect(succeeds(l, 'kubectl describe ns dev').output).toBe(
			'Name:         dev\nLabels:       kubernetes.io/metadata.name=dev\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n'
		);
		succeeds(l, 'kubectl create deployment api --image=nginx:1.27 --replicas=2 -n dev');
		succeeds(l, 'sim advance 30s');
		expect(succeeds(l, 'kubectl get pods -n dev').output).toContain('Running');
		expect(succeeds(l, 'kubectl delete namespace dev').output).toBe('namespace "dev" deleted\n');
		expect(l.exec('kubectl get pods -n dev').error).toBe('No resources found in dev namespace.\n');
		expect(succeeds(l, 'kubectl get ns').output).not.toContain('dev');
		// create_deployment.go Run wraps the refusal: `failed to create deployment: %v`.
		expect(fails(l, 'kubectl create deployment x --image=nginx -n dev').error).toBe(
			'error: failed to create deployment: namespaces "dev" not found\n'
		);
	});

	it('replays a namespace deletion the same way after time travel', () => {
		const l = lab();
		succeeds(l, 'kubectl create namespace dev');
		succeeds(l, 'kubectl create deployment api --image=nginx:1.27 -n dev');
		succeeds(l, 'sim advance 20s');
		succeeds(l, 'kubectl delete namespace dev');
		succeeds(l, 'sim advance 10s');
		const end = l.now();
		const hash = l.traceHash();
		const namespaces = succeeds(l, 'kubectl get ns').output;
		l.seek(5_000);
		expect(succeeds(l, 'kubectl get ns').output).toContain('dev ');
		l.seek(end);
		expect(l.traceHash()).toBe(hash);
		expect(succeeds(l, 'kubectl get ns').output).toBe(namespaces);
	});

	it('refuses what the API server refuses', () => {
		const l = lab();
		succeeds(l, 'kubectl create namespace dev');
		expect(fails(l, 'kubectl create namespace dev').error).toBe(
			'Error from server (AlreadyExists): namespaces "dev" already exists\n'
		);
		expect(fails(l, 'kubectl create namespace Dev').error).toMatch(
			/^The Namespace "Dev" is invalid: metadata\.name: Invalid value: "Dev": a lowercase RFC 1123 label/
		);
		expect(fails(l, 'kubectl delete namespace kube-system').error).toBe(
			'Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted\n'
		);
		expect(fails(l, 'kubectl delete namespace nope').error).toBe(
			'Error from server (NotFound): namespaces "nope" not found\n'
		);
	});
});

describe('ConfigMaps and Secrets', () => {
	it('every namespace holds kube-root-ca.crt', () => {
		const l = lab();
		succeeds(l, 'kubectl create ns dev');
		const out = succeeds(l, 'kubectl get cm -A').output;
		for (const ns of ['default', 'dev', 'kube-node-lease', 'kube-public', 'kube-system'])
			expect(out).toMatch(new RegExp(`^${ns}\\s+kube-root-ca\\.crt\\s+1\\s+`, 'm'));
	});

	it('creates a ConfigMap from literals and files and describes its data', () => {
		const l = lab();
		expect(
			succeeds(
				l,
				'kubectl create configmap app --from-literal=color=red --from-file=app.properties'
			).output
		).toBe('configmap/app created\n');
		expect(succeeds(l, 'kubectl get cm app').output).toMatch(/^NAME\s+DATA\s+AGE\napp\s+2\s+0s\n$/);
		const described = succeeds(l, 'kubectl describe configmap app').output;
		expect(described).toContain('\nData\n====\napp.properties:\n----\ncolor=blue\nsize=3\n\n\n');
		expect(described).toContain('color:\n----\nred\n\n\nBinaryData\n====\n\nEvents:  <none>\n');
		expect(fails(l, 'kubectl create configmap app --from-literal=a=b').error).toBe(
			'error: failed to create configmap: configmaps "app" already exists\n'
		);
		expect(fails(l, 'kubectl create configmap other --from-literal=a').error).toBe(
			'error: invalid literal source a, expected key=value\n'
		);
		expect(fails(l, 'kubectl create configmap other --from-file=missing.txt').error).toBe(
			'error: error reading missing.txt: no such file or directory\n'
		);
	});

	it('keeps Secret values base64-encoded and describes only their sizes', () => {
		const l = lab();
		expect(
			succeeds(l, 'kubectl create secret generic db --from-literal=password=s3cr3t!').output
		).toBe('secret/db created\n');
		expect(succeeds(l, 'kubectl get secrets').output).toMatch(
			/^NAME\s+TYPE\s+DATA\s+AGE\ndb\s+Opaque\s+1\s+0s\n$/
		);
		const described = succeeds(l, 'kubectl describe secret db').output;
		expect(described).toContain('Type:  Opaque\n\nData\n====\npassword:  7 bytes\n');
		expect(described).not.toContain('s3cr3t');
		expect(succeeds(l, 'kubectl get secret db -o yaml').output).toContain(
			'data:\n  password: czNjcjN0IQ==\n'
		);
		expect(succeeds(l, "kubectl get secret db -o jsonpath='{.data.password}'").output).toBe(
			'czNjcjN0IQ=='
		);
	});
});

describe('kubectl delete --all and -l', () => {
	it('deletes what matches, one line each, and says when nothing does', () => {
		const l = webLab();
		succeeds(l, 'kubectl run debug --image=busybox:1.36 -- sleep 3600');
		const pods = succeeds(l, 'kubectl get pods -l app=web -o name').output.trim().split('\n');
		const out = succeeds(l, 'kubectl delete pods -l app=web').output;
		expect(out).toBe(
			pods
				.map((p) => `pod "${p.replace('pod/', '')}" deleted from default namespace\n`)
				.sort()
				.join('')
		);
		expect(succeeds(l, 'kubectl delete pods -l app=nothing').output).toBe('No resources found\n');
		expect(fails(l, 'kubectl delete pods web --all').error).toBe(
			'error: name cannot be provided when a selector is specified\n'
		);
		expect(succeeds(l, 'kubectl delete deploy --all').output).toBe(
			'deployment.apps "web" deleted from default namespace\n'
		);
	});
});

describe('version, cluster-info, api-resources, top', () => {
	it('answers as kubectl v1.35 against a kubeadm cluster', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl version').output).toBe(
			'Client Version: v1.35.0\nKustomize Version: v5.7.1\nServer Version: v1.35.0\n'
		);
		expect(succeeds(l, 'kubectl cluster-info').output).toBe(
			'Kubernetes control plane is running at https://control-plane:6443\n' +
				'CoreDNS is running at https://control-plane:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n' +
				"\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n"
		);
		const resources = succeeds(l, 'kubectl api-resources').output.split('\n');
		expect(resources[0]).toMatch(/^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/);
		expect(resources).toContainEqual(
			expect.stringMatching(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/)
		);
		// Core first, then groups in order.
		const groups = resources.slice(1, -1).map((r) => r.split(/\s+/).find((c) => /v1$/.test(c))!);
		expect(groups[0]).toBe('v1');
		expect(fails(l, 'kubectl top nodes').error).toBe('error: Metrics API not available\n');
		expect(fails(l, 'kubectl top pods').error).toBe('error: Metrics API not available\n');
	});
});

describe('kubectl wait', () => {
	it('runs the clock until the Deployment is Available', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
		const before = l.now();
		expect(
			succeeds(l, 'kubectl wait --for=condition=available deployment/web --timeout=60s').output
		).toBe('deployment.apps/web condition met\n');
		expect(l.now()).toBeGreaterThan(before);
		expect(l.now() - before).toBeLessThanOrEqual(60_000);
		const ready = succeeds(l, 'kubectl wait --for=condition=Ready pod -l app=web').output;
		expect(ready.trim().split('\n')).toHaveLength(2);
	});

	it('times out on a condition that never comes, after exactly the timeout', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment web --image=nginx:1.27');
		const before = l.now();
		const r = l.exec('kubectl wait --for=condition=Complete deploy/web --timeout=5s');
		expect(r.ok).toBe(false);
		expect(r.error).toBe('error: timed out waiting for the condition on deployments/web\n');
		expect(l.now() - before).toBe(5_000);
	});

	it('waits for a deleted pod to go, and refuses what does not exist', () => {
		const l = webLab();
		const pod = succeeds(l, 'kubectl get pods -o name').output.split('\n')[0]!;
		succeeds(l, `kubectl delete ${pod}`);
		expect(succeeds(l, `kubectl wait --for=delete ${pod} --timeout=60s`).output).toBe(
			`${pod} condition met\n`
		);
		expect(fails(l, 'kubectl wait --for=condition=Complete job/nope').error).toBe(
			'Error from server (NotFound): jobs.batch "nope" not found\n'
		);
		expect(fails(l, 'kubectl wait --for=ready pod/x').error).toBe(
			'error: unrecognized condition: "ready"\n'
		);
	});
});
