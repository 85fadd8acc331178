/**
 * `kubectl describe` for DaemonSets, StatefulSets, PersistentVolumeClaims, PodDisruptionBudgets
 * and NetworkPolicies, in the layout of kubectl's describe.go (describeDaemonSet,
 * describeStatefulSet, describePersistentVolumeClaim, describePodDisruptionBudgetV1,
 * describeNetworkPolicy).
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import type { Lab } from '../../../src/engine/types';
import { fails, succeeds } from '../lab-helpers';

const FILES: Record<string, string> = {
	'ds.yaml': `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  labels: { tier: node }
spec:
  selector:
    matchLabels: { app: agent }
  template:
    metadata:
      labels: { app: agent }
    spec:
      nodeSelector: { disk: ssd }
      containers:
        - name: agent
          image: nginx:1.27
`,
	'sts.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels: { app: db }
  template:
    metadata:
      labels: { app: db }
    spec:
      containers:
        - name: pg
          image: postgres:16
          volumeMounts:
            - { name: data, mountPath: /var/lib/postgresql/data }
  volumeClaimTemplates:
    - metadata:
        name: data
        labels: { app: db, tier: storage }
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 1Gi
`,
	'pdb.yaml': `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  maxUnavailable: 1
  selector:
    matchLabels: { app: web }
`,
	'np.yaml': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-policy
spec:
  podSelector:
    matchLabels: { role: db }
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        - ipBlock:
            cidr: 172.17.0.0/16
            except: [172.17.1.0/24]
        - namespaceSelector:
            matchLabels: { project: myproject }
      ports:
        - { protocol: TCP, port: 6379 }
    - {}
  egress:
    - to:
        - podSelector:
            matchLabels: { role: cache }
      ports:
        - { port: 5978, endPort: 5990 }
`,
	'role.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: mixed
rules:
  - apiGroups: ['', apps]
    resources: [pods, deployments]
    verbs: [get, list]
  - apiGroups: [apps]
    resources: [deployments]
    verbs: [watch]
  - apiGroups: ['']
    resources: [configmaps]
    resourceNames: [a, b]
    verbs: [update]
  - apiGroups: ['']
    resources: [pods/log]
    verbs: [get]
`,
	'clusterrole.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: metrics
rules:
  - nonResourceURLs: [/metrics, /healthz]
    verbs: [get]
  - apiGroups: ['']
    resources: [nodes]
    verbs: [get, list, watch]
`,
	'deny.yaml': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
spec:
  podSelector: {}
`
};

function lab(): Lab {
	return createLab({ flavor: 'kubernetes', seed: 3, readFile: (p) => FILES[p] });
}

function described(l: Lab, line: string): string {
	return succeeds(l, line).output;
}

describe('kubectl describe daemonset', () => {
	it('prints the five scheduling counts without a tab, outside the aligned block', () => {
		const l = lab();
		succeeds(l, 'kubectl label node node-1 node-2 disk=ssd');
		succeeds(l, 'kubectl apply -f ds.yaml');
		succeeds(l, 'kubectl rollout status ds/agent');
		const out = described(l, 'kubectl describe ds agent');
		expect(out).toContain(
			[
				'Name:           agent',
				'Namespace:      default',
				'Selector:       app=agent',
				'Node-Selector:  disk=ssd',
				'Labels:         tier=node',
				'Annotations:    <none>',
				'Desired Number of Nodes Scheduled: 2',
				'Current Number of Nodes Scheduled: 2',
				'Number of Nodes Scheduled with Up-to-date Pods: 2',
				'Number of Nodes Scheduled with Available Pods: 2',
				'Number of Nodes Misscheduled: 0',
				'Pods Status:  2 Running / 0 Waiting / 0 Succeeded / 0 Failed',
				'Pod Template:',
				'  Labels:  app=agent'
			].join('\n')
		);
		expect(out).toMatch(
			/\n {2}Normal {2}SuccessfulCreate .+daemonset-controller {2}Created pod: agent-/
		);
	});

	it('--show-events=false leaves the Events section out', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f ds.yaml');
		expect(described(l, 'kubectl describe ds agent --show-events=false')).not.toContain('Events:');
	});
});

describe('kubectl describe statefulset', () => {
	it('shows the defaulted partition, the pods by phase and the claim templates', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f sts.yaml');
		l.advance(1_000);
		const out = described(l, 'kubectl describe statefulset db');
		expect(out).toContain(
			[
				'Replicas:           2 desired | 1 total',
				'Update Strategy:    RollingUpdate',
				'  Partition:        0',
				'Pods Status:        0 Running / 1 Waiting / 0 Succeeded / 0 Failed'
			].join('\n')
		);
		expect(out).toContain(
			[
				'Volume Claims:',
				'  Name:          data',
				'  StorageClass:  ',
				'  Labels:        app=db',
				'                 tier=storage',
				'  Annotations:   <none>',
				'  Capacity:      1Gi',
				'  Access Modes:  [ReadWriteOnce]'
			].join('\n')
		);
	});
});

describe('kubectl describe persistentvolumeclaim', () => {
	it('a claim no volume can bind: Pending, its finalizer, the pod that uses it', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f sts.yaml');
		l.advance(1_000);
		const out = described(l, 'kubectl describe pvc data-db-0');
		expect(out).toContain(
			[
				'Name:          data-db-0',
				'Namespace:     default',
				'StorageClass:  ',
				'Status:        Pending',
				'Volume:        ',
				'Labels:        app=db',
				'               tier=storage',
				'Annotations:   <none>',
				'Finalizers:    [kubernetes.io/pvc-protection]',
				'Capacity:      ',
				'Access Modes:  ',
				'VolumeMode:    Filesystem',
				'Used By:       db-0',
				'Events:'
			].join('\n')
		);
		expect(out).toMatch(/FailedBinding .+persistentvolume-controller/);
	});

	it('an unknown claim is NotFound and changes nothing', () => {
		expect(fails(lab(), 'kubectl describe pvc nothing').error).toBe(
			'Error from server (NotFound): persistentvolumeclaims "nothing" not found\n'
		);
	});
});

describe('kubectl describe poddisruptionbudget', () => {
	it('counts the matching pods under a Status heading indented four spaces', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
		succeeds(l, 'kubectl apply -f pdb.yaml');
		succeeds(l, 'kubectl rollout status deployment/web');
		l.advance(1_000);
		const out = described(l, 'kubectl describe pdb web-pdb');
		expect(out).toContain(
			[
				'Name:             web-pdb',
				'Namespace:        default',
				'Max unavailable:  1',
				'Selector:         app=web',
				'Status:',
				'    Allowed disruptions:  1',
				'    Current:              3',
				'    Desired:              2',
				'    Total:                3'
			].join('\n')
		);
	});
});

describe('kubectl describe networkpolicy', () => {
	it('lays out ports and peers as describeNetworkPolicySpec does', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f np.yaml');
		const out = described(l, 'kubectl describe networkpolicy db-policy');
		expect(out).toBe(
			[
				'Name:         db-policy',
				'Namespace:    default',
				'Created on:   2026-01-05 09:00:00 +0000 UTC',
				'Labels:       <none>',
				'Annotations:  <none>',
				'Spec:',
				'  PodSelector:     role=db',
				'  Allowing ingress traffic:',
				'    To Port: 6379/TCP',
				'    From:',
				'      IPBlock:',
				'        CIDR: 172.17.0.0/16',
				'        Except: 172.17.1.0/24',
				'    From:',
				'      NamespaceSelector: project=myproject',
				'    ----------',
				'    To Port: <any> (traffic allowed to all ports)',
				'    From: <any> (traffic not restricted by source)',
				'  Allowing egress traffic:',
				'    To Port Range: 5978-5990/TCP',
				'    To:',
				'      PodSelector: role=cache',
				'  Policy Types: Ingress, Egress',
				''
			].join('\n')
		);
	});

	it('an empty pod selector selects every pod; policy types default to Ingress', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f deny.yaml');
		const out = described(l, 'kubectl describe netpol deny-all');
		expect(out).toContain(
			[
				'Spec:',
				'  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)',
				'  Allowing ingress traffic:',
				'    <none> (Selected pods are isolated for ingress connectivity)',
				'  Not affecting egress traffic',
				'  Policy Types: Ingress'
			].join('\n')
		);
	});
});

describe('kubectl describe role|clusterrole', () => {
	it('breaks rules down, merges verbs per resource, and sorts by the rule’s Go string', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f role.yaml');
		expect(described(l, 'kubectl describe role mixed')).toBe(
			[
				'Name:         mixed',
				'Labels:       <none>',
				'Annotations:  <none>',
				'PolicyRule:',
				'  Resources         Non-Resource URLs  Resource Names  Verbs',
				'  ---------         -----------------  --------------  -----',
				'  deployments.apps  []                 []              [get list watch]',
				'  deployments       []                 []              [get list]',
				'  pods              []                 []              [get list]',
				'  pods.apps         []                 []              [get list]',
				'  pods/log          []                 []              [get]',
				'  configmaps        []                 [a]             [update]',
				'  configmaps        []                 [b]             [update]',
				''
			].join('\n')
		);
	});

	it('non-resource URLs have no resource and one row per URL', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f clusterrole.yaml');
		expect(described(l, 'kubectl describe clusterrole metrics')).toContain(
			[
				'  nodes      []                 []              [get list watch]',
				'             [/healthz]         []              [get]',
				'             [/metrics]         []              [get]'
			].join('\n')
		);
	});
});
