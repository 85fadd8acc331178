/**
 * Lines from kubernetes.io's kubectl Quick Reference (docs/reference/kubectl/quick-reference)
 * and its walkthroughs, run as a learner types them, with kubectl v1.35's answers.
 */
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../src/engine/index';
import { fails, succeeds } from '../engine/lab-helpers';

function labWithWeb(): Lab {
	const lab = createLab({ flavor: 'kubernetes', seed: 9 });
	succeeds(lab, 'kubectl create deployment web --image=nginx:1.25 --replicas=2');
	succeeds(lab, 'kubectl expose deployment web --port=80');
	lab.advance(20_000);
	return lab;
}

describe('comma-joined types with a selector (quick reference: "kubectl delete pods,services -l name=myLabel")', () => {
	// cli-runtime resource/builder.go: SplitResourceArgument splits `pods,services` and the
	// selector lists each type in turn; delete.go prints "No resources found" when none matched.
	it('deletes what matches in each type, type by type', () => {
		const lab = labWithWeb();
		const out = succeeds(lab, 'kubectl delete pods,services -l app=web').output;
		const lines = out.trim().split('\n');
		expect(lines).toHaveLength(3);
		expect(lines[0]).toMatch(/^pod "web-[a-z0-9]+-[a-z0-9]{5}" deleted from default namespace$/);
		expect(lines[1]).toMatch(/^pod "web-/);
		expect(lines[2]).toBe('service "web" deleted from default namespace');
		expect(succeeds(lab, 'kubectl get svc').output).not.toContain('web');
	});

	it('prints "No resources found" when no type has a match', () => {
		const lab = labWithWeb();
		expect(succeeds(lab, 'kubectl delete pods,services -l name=myLabel').output).toBe(
			'No resources found\n'
		);
	});

	it('names each type with each name (normalizeMultipleResourcesArgs: pod,service a -> pod/a service/a)', () => {
		const lab = labWithWeb();
		const r = fails(lab, 'kubectl delete pod,service nope');
		expect(r.error).toBe(
			'Error from server (NotFound): pods "nope" not found\n' +
				'Error from server (NotFound): services "nope" not found\n'
		);
	});

	it('an unknown type in the list is the builder error, and nothing is deleted', () => {
		const lab = labWithWeb();
		const r = fails(lab, 'kubectl delete pods,servces -l app=web');
		expect(r.error).toBe('error: the server doesn\'t have a resource type "servces"\n');
	});

	it('labels and annotates across types (the same builder)', () => {
		const lab = labWithWeb();
		const out = succeeds(lab, 'kubectl label pods,svc -l app=web tier=front').output;
		expect(out).toMatch(/^pod\/web-\S+ labeled\npod\/web-\S+ labeled\nservice\/web labeled\n$/);
		expect(succeeds(lab, 'kubectl get svc -l tier=front -o name').output).toBe('service/web\n');
	});
});

describe('kubectl get --show-kind (HumanPrintFlags.ShowKind)', () => {
	it('prefixes NAME with the kind for a single type', () => {
		const lab = labWithWeb();
		const out = succeeds(lab, 'kubectl get deployment web --show-kind').output;
		expect(out.split('\n')[1]).toMatch(/^deployment\.apps\/web\s+2\/2\s+2\s+2\s+20s$/);
		const svc = succeeds(lab, 'kubectl get svc --show-kind').output;
		expect(svc).toContain('\nservice/kubernetes ');
	});
});

describe('kubectl delete configmap --all (the namespace holds kube-root-ca.crt)', () => {
	// The root-ca-cert-publisher puts kube-root-ca.crt straight back under a new uid, and
	// kubectl's wait compares uids (delete.go waitForDeletion / wait.IsDeleted): it returns.
	it('returns without waiting for the republished kube-root-ca.crt', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 9 });
		succeeds(lab, 'kubectl create configmap game-config --from-literal=special.how=very');
		const before = lab.now();
		const r = succeeds(lab, 'kubectl delete configmap --all');
		expect(r.output).toBe(
			'configmap "game-config" deleted from default namespace\n' +
				'configmap "kube-root-ca.crt" deleted from default namespace\n'
		);
		expect(r.error ?? '').toBe('');
		expect(lab.now() - before).toBeLessThan(60_000);
		expect(succeeds(lab, 'kubectl get cm -o name').output).toBe('configmap/kube-root-ca.crt\n');
	});
});

describe('kubectl delete pod,svc --all in default (quick reference) takes the kubernetes Service too', () => {
	// The API server's kubernetesservice controller puts it back at its next round, every 10 s
	// (pkg/controlplane/instance.go DefaultEndpointReconcilerInterval), same ClusterIP, new uid.
	it('comes back within 10 s with 10.96.0.1 and a new uid', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 9 });
		lab.advance(3_000);
		const uid = "-o jsonpath='{.metadata.uid}'";
		const before = succeeds(lab, `kubectl get svc kubernetes ${uid}`).output;
		expect(succeeds(lab, 'kubectl delete pod,svc --all').output).toBe(
			'service "kubernetes" deleted from default namespace\n'
		);
		expect(fails(lab, 'kubectl get svc kubernetes').error).toBe(
			'Error from server (NotFound): services "kubernetes" not found\n'
		);
		lab.advance(7_000);
		const table = succeeds(lab, 'kubectl get svc kubernetes').output;
		expect(table.split('\n')[1]).toMatch(
			/^kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+0s$/
		);
		expect(succeeds(lab, `kubectl get svc kubernetes ${uid}`).output).not.toBe(before);
	});
});

describe('kubectl api-resources (quick reference: "--verbs=list --namespaced -o name")', () => {
	// apiresources.go: --namespaced is a BoolVar that filters only when given; --verbs keeps the
	// types whose discovery verbs hold all of those named.
	it('takes --namespaced alone as true, and -o as its own flag', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 9 });
		const names = succeeds(lab, 'kubectl api-resources --verbs=list --namespaced -o name')
			.output.trim()
			.split('\n');
		expect(names).toContain('pods');
		expect(names).toContain('deployments.apps');
		expect(names).not.toContain('nodes');
		expect(names).not.toContain('namespaces');
	});

	it('leaves out namespaces for deletecollection (their REST storage has none)', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 9 });
		const out = succeeds(
			lab,
			'kubectl api-resources --verbs=deletecollection --namespaced=false'
		).output;
		expect(out).toContain('\nnodes ');
		expect(out).not.toContain('\nnamespaces ');
		expect(
			succeeds(lab, 'kubectl api-resources --verbs=list,get --namespaced=false').output
		).toContain('\nnamespaces ');
	});

	it('refuses a --namespaced value that is not a bool, as pflag does', () => {
		const lab = createLab({ flavor: 'kubernetes', seed: 9 });
		expect(fails(lab, 'kubectl api-resources --namespaced=foo').error).toBe(
			'error: invalid argument "foo" for "--namespaced" flag: strconv.ParseBool: parsing "foo": invalid syntax\n' +
				"See 'kubectl api-resources --help' for usage.\n"
		);
	});
});
