// ValidatingWebhookConfiguration, MutatingWebhookConfiguration (admissionregistration.k8s.io/v1)
// and APIService (apiregistration.k8s.io/v1): stored cluster-scoped kinds with the API server's
// validation messages (pkg/apis/admissionregistration/validation, kube-aggregator
// apiregistration/validation), kubectl's tables (NAME WEBHOOKS AGE; NAME SERVICE AVAILABLE AGE),
// the aggregator's Available condition, and the webhooks a write meets.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const WEBHOOK = (failurePolicy: string, extra = '') => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: pod-policy
webhooks:
- name: pods.policy.example.com
  admissionReviewVersions: ["v1"]
  sideEffects: None
  failurePolicy: ${failurePolicy}
  clientConfig:
    service:
      name: policy
      namespace: default
      path: /validate
  rules:
  - operations: ["CREATE"]
    apiGroups: [""]
    apiVersions: ["v1"]
    resources: ["configmaps"]
${extra}`;

// The APIService metrics-server's release components.yaml ends with: kubernetes-sigs/metrics-server
// manifests/base/apiservice.yaml with the namespace and k8s-app label its kustomization adds. The
// Service and Deployment below are of its shape (port name https, readiness on /readyz after
// 20 s), not the released file.
const APISERVICE = `apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  labels:
    k8s-app: metrics-server
  name: v1beta1.metrics.k8s.io
spec:
  group: metrics.k8s.io
  groupPriorityMinimum: 100
  insecureSkipTLSVerify: true
  service:
    name: metrics-server
    namespace: kube-system
  version: v1beta1
  versionPriority: 100
`;

const FILES: Record<string, string> = {
	'fail.yaml': WEBHOOK('Fail'),
	'ignore.yaml': WEBHOOK('Ignore'),
	'selected.yaml': WEBHOOK('Fail', '  objectSelector:\n    matchLabels:\n      checked: "yes"\n'),
	'team.yaml': WEBHOOK('Fail', '  namespaceSelector:\n    matchLabels:\n      team: payments\n'),
	'bad.yaml': `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: bad
webhooks:
- name: short
  clientConfig: {}
  rules:
  - operations: ["GET"]
    apiGroups: [""]
    apiVersions: ["v1"]
    resources: ["pods"]
`,
	'mutating.yaml': `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: injector
webhooks:
- name: inject.sidecar.example.com
  admissionReviewVersions: ["v1"]
  sideEffects: None
  clientConfig:
    service:
      name: injector
      namespace: default
  rules:
  - operations: ["CREATE"]
    apiGroups: [""]
    apiVersions: ["v1"]
    resources: ["configmaps"]
- name: second.sidecar.example.com
  admissionReviewVersions: ["v1"]
  sideEffects: None
  failurePolicy: Ignore
  clientConfig:
    url: https://example.com/mutate
`,
	'on-update.yaml': WEBHOOK('Fail').replace('["CREATE"]', '["UPDATE"]'),
	'cm-b2.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  k: v\n',
	'cm-b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n',
	'checked.yaml':
		'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: checked\n  labels:\n    checked: "yes"\n',
	'in-pay.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: pay\n',
	'local.yaml': APISERVICE.replace(/ {2}service:\n(?: {4}.*\n)+/, '').replace(
		'  insecureSkipTLSVerify: true\n',
		''
	),
	'apiservice.yaml': APISERVICE,
	'bad-apiservice.yaml': `apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: v1.foo.example.com
spec:
  group: metrics.k8s.io
  version: v1beta1
`,
	'metrics-server.yaml': `apiVersion: v1
kind: Service
metadata:
  labels:
    k8s-app: metrics-server
  name: metrics-server
  namespace: kube-system
spec:
  ports:
  - name: https
    port: 443
    protocol: TCP
    targetPort: https
  selector:
    k8s-app: metrics-server
---
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    k8s-app: metrics-server
  name: metrics-server
  namespace: kube-system
spec:
  selector:
    matchLabels:
      k8s-app: metrics-server
  template:
    metadata:
      labels:
        k8s-app: metrics-server
    spec:
      containers:
      - args:
        - --cert-dir=/tmp
        - --secure-port=10250
        image: registry.k8s.io/metrics-server/metrics-server:v0.7.2
        name: metrics-server
        ports:
        - containerPort: 10250
          name: https
          protocol: TCP
        readinessProbe:
          failureThreshold: 3
          httpGet:
            path: /readyz
            port: https
            scheme: HTTPS
          initialDelaySeconds: 20
          periodSeconds: 10
`
};

function lab(): Lab {
	return createLab({ seed: 7, workers: 2, readFile: (p) => FILES[p] });
}

describe('webhook configurations and APIServices as stored kinds', () => {
	it('are served, printed and deleted as kubectl v1.35 shows them', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl apply -f fail.yaml').output).toBe(
			'validatingwebhookconfiguration.admissionregistration.k8s.io/pod-policy created\n'
		);
		expect(succeeds(l, 'kubectl apply -f mutating.yaml').output).toBe(
			'mutatingwebhookconfiguration.admissionregistration.k8s.io/injector created\n'
		);
		expect(succeeds(l, 'kubectl get validatingwebhookconfigurations').output).toBe(
			'NAME         WEBHOOKS   AGE\npod-policy   1          0s\n'
		);
		expect(succeeds(l, 'kubectl get mutatingwebhookconfiguration injector').output).toBe(
			'NAME       WEBHOOKS   AGE\ninjector   2          0s\n'
		);
		// The API server's defaults (admissionregistration/v1 defaults.go) and generation 1.
		const stored = JSON.parse(
			succeeds(l, 'kubectl get validatingwebhookconfiguration pod-policy -o json').output
		) as {
			metadata: { generation: number };
			webhooks: {
				timeoutSeconds: number;
				matchPolicy: string;
				namespaceSelector: object;
				objectSelector: object;
				clientConfig: { service: { port: number } };
				rules: { scope: string }[];
			}[];
		};
		expect(stored.metadata.generation).toBe(1);
		expect(stored.webhooks[0]).toMatchObject({
			timeoutSeconds: 10,
			matchPolicy: 'Equivalent',
			namespaceSelector: {},
			objectSelector: {},
			clientConfig: { service: { port: 443 } },
			rules: [{ scope: '*' }]
		});
		const mutating = succeeds(
			l,
			'kubectl get mutatingwebhookconfiguration injector -o yaml'
		).output;
		expect(mutating).toContain('  reinvocationPolicy: Never\n');
		expect(succeeds(l, 'kubectl get validatingwebhookconfigurations -o name').output).toBe(
			'validatingwebhookconfiguration.admissionregistration.k8s.io/pod-policy\n'
		);
		expect(succeeds(l, 'kubectl api-resources --api-group=admissionregistration.k8s.io').output)
			.toBe(`NAME                              SHORTNAMES   APIVERSION                        NAMESPACED   KIND
mutatingwebhookconfigurations                  admissionregistration.k8s.io/v1   false        MutatingWebhookConfiguration
validatingwebhookconfigurations                admissionregistration.k8s.io/v1   false        ValidatingWebhookConfiguration
`);
		expect(succeeds(l, 'kubectl api-resources --api-group=apiregistration.k8s.io').output)
			.toBe(`NAME          SHORTNAMES   APIVERSION                  NAMESPACED   KIND
apiservices                apiregistration.k8s.io/v1   false        APIService
`);
		expect(succeeds(l, 'kubectl delete validatingwebhookconfiguration pod-policy').output).toBe(
			'validatingwebhookconfiguration.admissionregistration.k8s.io "pod-policy" deleted\n'
		);
		expect(succeeds(l, 'kubectl get validatingwebhookconfigurations').output).toBe('');
	});

	it('refuses the common mistakes with the API server messages', () => {
		const l = lab();
		expect(fails(l, 'kubectl apply -f bad.yaml').error)
			.toBe(`The ValidatingWebhookConfiguration "bad" is invalid: 
* webhooks[0].name: Invalid value: "short": should be a domain with at least three segments separated by dots
* webhooks[0].rules[0].operations[0]: Unsupported value: "GET": supported values: "*", "CONNECT", "CREATE", "DELETE", "UPDATE"
* webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun
* webhooks[0].clientConfig: Required value: exactly one of url or service is required
* webhooks[0].admissionReviewVersions: Required value: must specify one of v1, v1beta1
`);
		expect(fails(l, 'kubectl apply -f bad-apiservice.yaml').error)
			.toBe(`The APIService "v1.foo.example.com" is invalid: 
* metadata.name: Invalid value: "v1.foo.example.com": must be \`spec.version+"."+spec.group\`: "v1beta1.metrics.k8s.io"
* spec.groupPriorityMinimum: Invalid value: 0: must be positive and less than 20000
* spec.versionPriority: Invalid value: 0: must be positive and less than 1000
`);
	});
});

describe("the aggregator's Available condition", () => {
	const available = (l: Lab) =>
		succeeds(l, 'kubectl get apiservices')
			.output.split('\n')[1]!
			.replace(/\s+\S+$/, '');

	it('follows the Service, its endpoints and its pod becoming ready', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f apiservice.yaml');
		expect(succeeds(l, 'kubectl get apiservices').output).toBe(
			'NAME                     SERVICE                      AVAILABLE                 AGE\n' +
				'v1beta1.metrics.k8s.io   kube-system/metrics-server   False (ServiceNotFound)   0s\n'
		);
		succeeds(l, 'kubectl apply -f metrics-server.yaml');
		succeeds(l, 'sim advance 1s');
		expect(available(l)).toBe(
			'v1beta1.metrics.k8s.io   kube-system/metrics-server   False (MissingEndpoints)'
		);
		expect(
			succeeds(
				l,
				"kubectl get apiservice v1beta1.metrics.k8s.io -o jsonpath='{.status.conditions[0].message}'"
			).output
		).toBe(
			'endpointslices for service/metrics-server in "kube-system" have no addresses with port name "https"'
		);
		// Its readiness probe waits 20 s (initialDelaySeconds): still missing at 15 s.
		succeeds(l, 'sim advance 15s');
		expect(available(l)).toContain('False (MissingEndpoints)');
		succeeds(l, 'sim advance 30s');
		expect(available(l)).toBe('v1beta1.metrics.k8s.io   kube-system/metrics-server   True');
		const status = JSON.parse(
			succeeds(l, 'kubectl get apiservice v1beta1.metrics.k8s.io -o json').output
		) as { status: { conditions: { reason: string; message: string }[] } };
		expect(status.status.conditions[0]).toMatchObject({
			reason: 'Passed',
			message: 'all checks passed'
		});
		// The lab models no usage figures: the Metrics API is still not answered.
		expect(fails(l, 'kubectl top nodes').error).toBe('error: Metrics API not available\n');
		succeeds(l, 'kubectl delete deployment metrics-server -n kube-system');
		succeeds(l, 'sim advance 1m');
		expect(available(l)).toContain('False (MissingEndpoints)');
	});

	it('takes a Local APIService for always available', () => {
		const l2 = lab();
		succeeds(l2, 'kubectl apply -f local.yaml');
		expect(succeeds(l2, 'kubectl get apiservices').output).toBe(
			'NAME                     SERVICE   AVAILABLE   AGE\nv1beta1.metrics.k8s.io   Local     True        0s\n'
		);
		expect(
			succeeds(
				l2,
				"kubectl get apiservice v1beta1.metrics.k8s.io -o jsonpath='{.status.conditions[0].reason}/{.status.conditions[0].message}'"
			).output
		).toBe('Local/Local APIServices are always available');
	});
});

describe('admission webhooks', () => {
	const REFUSED = (ip: string, file: string) =>
		`Error from server (InternalError): error when creating "${file}": Internal error occurred: ` +
		'failed calling webhook "pods.policy.example.com": failed to call webhook: Post ' +
		'"https://policy.default.svc:443/validate?timeout=10s": ' +
		`dial tcp ${ip}:443: connect: connection refused\n`;

	function withPolicyService(file: string): { l: Lab; ip: string } {
		const l = lab();
		succeeds(l, `kubectl apply -f ${file}`);
		succeeds(l, 'kubectl create service clusterip policy --tcp=443:8443');
		const ip = succeeds(l, "kubectl get svc policy -o jsonpath='{.spec.clusterIP}'").output;
		return { l, ip };
	}

	it('refuses a matched write while the Service has no ready endpoint (Fail), storing nothing', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f fail.yaml');
		expect(fails(l, 'kubectl create configmap a').error).toBe(
			'error: failed to create configmap: Internal error occurred: failed calling webhook ' +
				'"pods.policy.example.com": failed to call webhook: Post ' +
				'"https://policy.default.svc:443/validate?timeout=10s": service "policy" not found\n'
		);
		succeeds(l, 'kubectl create service clusterip policy --tcp=443:8443');
		const ip = succeeds(l, "kubectl get svc policy -o jsonpath='{.spec.clusterIP}'").output;
		expect(fails(l, 'kubectl apply -f cm-b.yaml').error).toBe(REFUSED(ip, 'cm-b.yaml'));
		expect(succeeds(l, 'kubectl get configmaps').output).not.toContain('b ');
		// Writes the rules do not name are not sent to it.
		succeeds(l, 'kubectl create deployment web --image=nginx');
		// A ready endpoint: the lab cannot run the webhook's code and takes it to allow.
		succeeds(l, 'kubectl run policy --image=nginx --labels=app=policy');
		succeeds(l, 'sim advance 30s');
		expect(succeeds(l, 'kubectl apply -f cm-b.yaml').output).toBe('configmap/b created\n');
	});

	it('meets an UPDATE (kubectl replace) the rules name, and leaves the object as it was', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f cm-b.yaml');
		succeeds(l, 'kubectl apply -f on-update.yaml');
		succeeds(l, 'kubectl create service clusterip policy --tcp=443:8443');
		const ip = succeeds(l, "kubectl get svc policy -o jsonpath='{.spec.clusterIP}'").output;
		expect(fails(l, 'kubectl replace -f cm-b2.yaml').error).toBe(
			REFUSED(ip, 'cm-b2.yaml').replace('error when creating', 'error when replacing')
		);
		expect(succeeds(l, "kubectl get configmap b -o jsonpath='{.data}'").output).toBe('');
		// Creates are not named by its rules.
		succeeds(l, 'kubectl create configmap c');
	});

	it('ignores a failing webhook whose failurePolicy is Ignore', () => {
		const { l } = withPolicyService('ignore.yaml');
		expect(succeeds(l, 'kubectl create configmap a').output).toBe('configmap/a created\n');
	});

	it('sends only objects its objectSelector and namespaceSelector select', () => {
		const { l, ip } = withPolicyService('selected.yaml');
		succeeds(l, 'kubectl create configmap plain');
		expect(fails(l, 'kubectl apply -f checked.yaml').error).toBe(REFUSED(ip, 'checked.yaml'));

		const t = withPolicyService('team.yaml');
		succeeds(t.l, 'kubectl create configmap a');
		succeeds(t.l, 'kubectl create namespace pay');
		succeeds(t.l, 'kubectl label namespace pay team=payments');
		expect(fails(t.l, 'kubectl apply -f in-pay.yaml').error).toBe(REFUSED(t.ip, 'in-pay.yaml'));
	});

	it('runs mutating webhooks too, and never sends webhook configurations to webhooks', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f mutating.yaml');
		expect(fails(l, 'kubectl create configmap a').error).toContain(
			'failed calling webhook "inject.sidecar.example.com": failed to call webhook: Post ' +
				'"https://injector.default.svc:443?timeout=10s": service "injector" not found'
		);
		succeeds(l, 'kubectl apply -f fail.yaml');
	});
});
