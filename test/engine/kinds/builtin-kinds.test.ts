// ServiceAccount, Role/RoleBinding and NetworkPolicy from real manifests (issue 3): they are
// accepted, printed in kubectl v1.35's columns, and have the admission effects the lab models —
// a pod naming a missing ServiceAccount is refused, a binding's roleRef cannot change, and an
// invalid document changes nothing.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const SA = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: build-robot\n';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: robot
spec:
  serviceAccountName: build-robot
  containers:
  - name: app
    image: nginx:1.27
`;

const BINDING = (role: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
subjects:
- kind: User
  name: jane
- kind: ServiceAccount
  name: build-robot
  namespace: default
roleRef:
  kind: Role
  name: ${role}
`;

const ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-reader
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "watch", "list"]
`;

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db
spec:
  podSelector:
    matchLabels:
      role: db
  egress:
  - ports:
    - port: 5432
`;

const PVC = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 1Gi
`;

const FILES: Record<string, string> = {
	'sa.yaml': SA,
	'pod.yaml': POD,
	'rb.yaml': BINDING('pod-reader'),
	'rb2.yaml': BINDING('pod-writer'),
	'role.yaml': ROLE,
	'np.yaml': POLICY,
	'bad-role.yaml': ROLE.replace('  verbs: ["get", "watch", "list"]\n', ''),
	'bad-sa.yaml': SA.replace('build-robot', 'Build_Robot'),
	'pvc.yaml': PVC,
	'critical.yaml': POD.replace(
		'  serviceAccountName: build-robot\n',
		'  priorityClassName: system-node-critical\n'
	),
	'high.yaml': POD.replace(
		'  serviceAccountName: build-robot\n',
		'  priorityClassName: high-priority\n'
	),
	'forced.yaml': POD.replace(
		'  serviceAccountName: build-robot\n',
		'  priorityClassName: system-node-critical\n  priority: 7\n'
	),
	'bad-pvc.yaml': PVC.replace('  accessModes: ["ReadWriteOnce"]\n', '')
};

function lab(): Lab {
	return createLab({ seed: 3, readFile: (p) => FILES[p] });
}

describe('ServiceAccounts', () => {
	it('gives every namespace a default ServiceAccount, made with the namespace', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl get sa').output).toBe(
			'NAME      SECRETS   AGE\ndefault   0         0s\n'
		);
		succeeds(l, 'kubectl create namespace team');
		expect(succeeds(l, 'kubectl get serviceaccounts -n team -o name').output).toBe(
			'serviceaccount/default\n'
		);
	});

	it('refuses a pod naming a ServiceAccount that does not exist, and admits it once it does', () => {
		const l = lab();
		const refused = fails(l, 'kubectl apply -f pod.yaml');
		expect(refused.error).toBe(
			'Error from server (Forbidden): error when creating "pod.yaml": pods "robot" is forbidden: ' +
				'error looking up service account default/build-robot: serviceaccount "build-robot" not found\n'
		);
		expect(fails(l, 'kubectl get pod robot').error).toContain('NotFound');
		succeeds(l, 'kubectl apply -f sa.yaml');
		succeeds(l, 'kubectl apply -f pod.yaml');
		const names = succeeds(
			l,
			'kubectl get pod robot -o jsonpath={.spec.serviceAccountName},{.spec.serviceAccount}'
		).output;
		expect(names).toBe('build-robot,build-robot');
	});

	it('defaults a pod to the default ServiceAccount, and prints both fields as the v1 API does', () => {
		const l = lab();
		succeeds(l, 'kubectl run web --image=nginx:1.27');
		expect(
			succeeds(
				l,
				'kubectl get pod web -o jsonpath={.spec.serviceAccountName},{.spec.serviceAccount}'
			).output
		).toBe('default,default');
	});

	it('describes a ServiceAccount with its three secret lists, none since v1.24', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f sa.yaml');
		expect(succeeds(l, 'kubectl describe sa build-robot').output).toBe(
			[
				'Name:                build-robot',
				'Namespace:           default',
				'Labels:              <none>',
				'Annotations:         <none>',
				'Image pull secrets:  <none>',
				'Mountable secrets:   <none>',
				'Tokens:              <none>',
				'Events:              <none>',
				''
			].join('\n')
		);
	});

	it('refuses an invalid name and stores nothing', () => {
		const l = lab();
		const r = fails(l, 'kubectl apply -f bad-sa.yaml');
		expect(r.error).toContain(
			'ServiceAccount "Build_Robot" is invalid: metadata.name: Invalid value'
		);
		expect(succeeds(l, 'kubectl get sa -o name').output).toBe('serviceaccount/default\n');
	});
});

describe('RBAC', () => {
	it('prints roles with their creation time and bindings with their role and subjects', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f role.yaml');
		succeeds(l, 'kubectl apply -f rb.yaml');
		const roles = succeeds(l, 'kubectl get roles').output.split('\n');
		expect(roles[0]).toMatch(/^NAME\s+CREATED AT$/);
		expect(roles[1]).toMatch(/^pod-reader\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		const wide = succeeds(l, 'kubectl get rolebindings -o wide').output.split('\n');
		expect(wide[0]).toMatch(/^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS$/);
		expect(wide[1]).toMatch(/^read-pods\s+Role\/pod-reader\s+0s\s+jane\s+default\/build-robot$/);
	});

	it('defaults the RBAC API group of roleRef and of User subjects', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f rb.yaml');
		const groups = succeeds(
			l,
			'kubectl get rolebinding read-pods -o jsonpath={.roleRef.apiGroup}/{.subjects[0].apiGroup}/{.subjects[1].apiGroup}'
		).output;
		expect(groups).toBe('rbac.authorization.k8s.io/rbac.authorization.k8s.io/');
	});

	it('refuses to change a binding roleRef, leaving the binding as it was', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f rb.yaml');
		const r = fails(l, 'kubectl apply -f rb2.yaml');
		expect(r.error).toBe(
			'The RoleBinding "read-pods" is invalid: roleRef: Invalid value: ' +
				'{"APIGroup":"rbac.authorization.k8s.io","Kind":"Role","Name":"pod-writer"}: cannot change roleRef\n'
		);
		expect(
			succeeds(l, 'kubectl get rolebinding read-pods -o jsonpath={.roleRef.name}').output
		).toBe('pod-reader');
	});

	it("refuses a rule without verbs in the API server's words", () => {
		const l = lab();
		const r = fails(l, 'kubectl apply -f bad-role.yaml');
		expect(r.error).toContain(
			'The Role "pod-reader" is invalid: rules[0].verbs: Required value: verbs must contain at least one value'
		);
		expect(fails(l, 'kubectl get role pod-reader').error).toContain('NotFound');
	});

	it('says it does not model the built-in cluster roles instead of listing none', () => {
		const l = lab();
		expect(fails(l, 'kubectl get clusterroles').error).toContain('is not simulated');
		expect(fails(l, 'kubectl get clusterrole cluster-admin').error).toContain('is not simulated');
		expect(fails(l, 'kubectl get sa -A').error).toContain('is not simulated');
	});
});

describe('NetworkPolicy', () => {
	it('is stored with its defaults and printed with its pod selector', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f np.yaml');
		expect(succeeds(l, 'kubectl get netpol').output).toMatch(
			/^NAME\s+POD-SELECTOR\s+AGE\ndb\s+role=db\s+0s\n$/
		);
		const defaults = succeeds(
			l,
			'kubectl get networkpolicy db -o jsonpath={.spec.policyTypes}/{.spec.egress[0].ports[0].protocol}'
		).output;
		expect(defaults).toBe('["Ingress","Egress"]/TCP');
		succeeds(l, 'kubectl delete netpol db');
		expect(succeeds(l, 'kubectl get netpol').error).toBe(
			'No resources found in default namespace.\n'
		);
	});

	it('is listed by api-resources with its short name', () => {
		const out = succeeds(lab(), 'kubectl api-resources --api-group networking.k8s.io').output;
		expect(out).toMatch(
			/\nnetworkpolicies\s+netpol\s+networking\.k8s\.io\/v1\s+true\s+NetworkPolicy\n/
		);
	});
});

describe('kubectl create serviceaccount', () => {
	it('creates an account a pod may then name, and refuses a second one of the same name', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl create serviceaccount build-robot').output).toBe(
			'serviceaccount/build-robot created\n'
		);
		succeeds(l, 'kubectl apply -f pod.yaml');
		expect(fails(l, 'kubectl create sa build-robot').error).toBe(
			'error: failed to create serviceaccount: serviceaccounts "build-robot" already exists\n'
		);
		expect(fails(l, 'kubectl create sa default').error).toContain('already exists');
	});
});

describe('PersistentVolumeClaim', () => {
	it('stays Pending with FailedBinding: kubeadm has no PersistentVolume and no StorageClass', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f pvc.yaml');
		succeeds(l, 'sim advance 1m');
		expect(succeeds(l, 'kubectl get pvc data -o jsonpath={.status.phase}').output).toBe('Pending');
		const events = succeeds(
			l,
			'kubectl get events --field-selector involvedObject.name=data'
		).output;
		expect(events).toContain(
			'FailedBinding   persistentvolumeclaim/data   no persistent volumes available for this claim and no storage class is set'
		);
	});

	it('refuses a claim without access modes and stores nothing', () => {
		const l = lab();
		const r = fails(l, 'kubectl apply -f bad-pvc.yaml');
		expect(r.error).toBe(
			'The PersistentVolumeClaim "data" is invalid: spec.accessModes: Required value: at least 1 access mode is required\n'
		);
		expect(succeeds(l, 'kubectl get pvc').error).toBe('No resources found in default namespace.\n');
	});
});

describe('PriorityClass admission', () => {
	it('gives a pod naming a system class that class value, which preemption reads', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f critical.yaml');
		expect(
			succeeds(l, 'kubectl get pod robot -o jsonpath={.spec.priority}/{.spec.preemptionPolicy}')
				.output
		).toBe('2000001000/PreemptLowerPriority');
	});

	it('refuses a pod naming a class the cluster does not have, or a priority of its own', () => {
		const l = lab();
		expect(fails(l, 'kubectl apply -f high.yaml').error).toBe(
			'Error from server (Forbidden): error when creating "high.yaml": pods "robot" is forbidden: ' +
				'no PriorityClass with name high-priority was found\n'
		);
		expect(fails(l, 'kubectl apply -f forced.yaml').error).toContain(
			'the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 2000001000 from the given PriorityClass name'
		);
		expect(succeeds(l, 'kubectl get pods').error).toBe(
			'No resources found in default namespace.\n'
		);
	});
});
