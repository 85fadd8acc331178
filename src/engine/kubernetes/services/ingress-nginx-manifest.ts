/**
 * What `sim addon ingress-nginx` applies: the project's bare-metal install
 * (kubernetes/ingress-nginx deploy/static/provider/baremetal/deploy.yaml, controller v1.14):
 * the namespace, the controller's ServiceAccount and RBAC, its ConfigMap, a NodePort Service in
 * front of it, the controller Deployment (one replica) and the IngressClass.
 *
 * Left out, and why: the admission webhook (its certgen Jobs, Secret, Service and
 * ValidatingWebhookConfiguration) — the addon installs at once, without waiting for Jobs, so the
 * controller also runs without `--validating-webhook` and the certificate volume that Secret
 * would fill (the released deploy.yaml applied with kubectl runs them all: the lab serves the
 * webhook kinds and runs kube-webhook-certgen, see kubelet/webhook-certgen.ts); and the image
 * digest (`@sha256:…`), which the lab cannot know.
 */
import { INGRESS_NGINX_CONTROLLER, INGRESS_NGINX_VERSION } from '../defaults';

export const INGRESS_NGINX_NAMESPACE = 'ingress-nginx';
/** The controller Deployment's and its NodePort Service's name. */
export const INGRESS_NGINX_CONTROLLER_NAME = 'ingress-nginx-controller';
/** The labels that select the controller's pods (the Deployment's and the Service's selector). */
export const INGRESS_NGINX_SELECTOR: Readonly<Record<string, string>> = {
	'app.kubernetes.io/component': 'controller',
	'app.kubernetes.io/instance': 'ingress-nginx',
	'app.kubernetes.io/name': 'ingress-nginx'
};

/** The install's YAML, for an IngressClass named `className` (the chart's `controller.ingressClass`). */
export function ingressNginxManifest(className: string): string {
	const v = INGRESS_NGINX_VERSION;
	const labels = (component?: string, indent = '    ') =>
		[
			...(component ? [`app.kubernetes.io/component: ${component}`] : []),
			'app.kubernetes.io/instance: ingress-nginx',
			'app.kubernetes.io/name: ingress-nginx',
			'app.kubernetes.io/part-of: ingress-nginx',
			`app.kubernetes.io/version: ${v}`
		]
			.map((l) => `${indent}${l}`)
			.join('\n');
	const meta = (kind: string, name: string, component?: string, namespaced = true) =>
		`kind: ${kind}\nmetadata:\n  labels:\n${labels(component)}\n  name: ${name}` +
		(namespaced ? `\n  namespace: ${INGRESS_NGINX_NAMESPACE}` : '');
	// Both probes ask the controller's /healthz; only how many failures count differs.
	const healthz = (probe: string, failureThreshold: number) =>
		`        ${probe}:
          failureThreshold: ${failureThreshold}
          httpGet:
            path: /healthz
            port: 10254
            scheme: HTTP
          initialDelaySeconds: 10
          periodSeconds: 10
          successThreshold: 1
          timeoutSeconds: 1`;
	const selector = (indent: string) =>
		Object.entries(INGRESS_NGINX_SELECTOR)
			.map(([k, val]) => `${indent}${k}: ${val}`)
			.join('\n');
	return `apiVersion: v1
kind: Namespace
metadata:
  labels:
    app.kubernetes.io/instance: ingress-nginx
    app.kubernetes.io/name: ingress-nginx
  name: ${INGRESS_NGINX_NAMESPACE}
---
apiVersion: v1
automountServiceAccountToken: true
${meta('ServiceAccount', 'ingress-nginx', 'controller')}
---
apiVersion: rbac.authorization.k8s.io/v1
${meta('Role', 'ingress-nginx', 'controller')}
rules:
- apiGroups: [""]
  resources: [namespaces]
  verbs: [get]
- apiGroups: [""]
  resources: [configmaps, pods, secrets, endpoints]
  verbs: [get, list, watch]
- apiGroups: [""]
  resources: [services]
  verbs: [get, list, watch]
- apiGroups: [networking.k8s.io]
  resources: [ingresses]
  verbs: [get, list, watch]
- apiGroups: [networking.k8s.io]
  resources: [ingresses/status]
  verbs: [update]
- apiGroups: [networking.k8s.io]
  resources: [ingressclasses]
  verbs: [get, list, watch]
- apiGroups: [coordination.k8s.io]
  resourceNames: [ingress-nginx-leader]
  resources: [leases]
  verbs: [get, update]
- apiGroups: [coordination.k8s.io]
  resources: [leases]
  verbs: [create]
- apiGroups: [""]
  resources: [events]
  verbs: [create, patch]
- apiGroups: [discovery.k8s.io]
  resources: [endpointslices]
  verbs: [list, watch, get]
---
apiVersion: rbac.authorization.k8s.io/v1
${meta('ClusterRole', 'ingress-nginx', undefined, false)}
rules:
- apiGroups: [""]
  resources: [configmaps, endpoints, nodes, pods, secrets, namespaces]
  verbs: [list, watch]
- apiGroups: [coordination.k8s.io]
  resources: [leases]
  verbs: [list, watch]
- apiGroups: [""]
  resources: [nodes]
  verbs: [get]
- apiGroups: [""]
  resources: [services]
  verbs: [get, list, watch]
- apiGroups: [networking.k8s.io]
  resources: [ingresses]
  verbs: [get, list, watch]
- apiGroups: [""]
  resources: [events]
  verbs: [create, patch]
- apiGroups: [networking.k8s.io]
  resources: [ingresses/status]
  verbs: [update]
- apiGroups: [networking.k8s.io]
  resources: [ingressclasses]
  verbs: [get, list, watch]
- apiGroups: [discovery.k8s.io]
  resources: [endpointslices]
  verbs: [list, watch, get]
---
apiVersion: rbac.authorization.k8s.io/v1
${meta('RoleBinding', 'ingress-nginx', 'controller')}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: ingress-nginx
subjects:
- kind: ServiceAccount
  name: ingress-nginx
  namespace: ${INGRESS_NGINX_NAMESPACE}
---
apiVersion: rbac.authorization.k8s.io/v1
${meta('ClusterRoleBinding', 'ingress-nginx', undefined, false)}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ingress-nginx
subjects:
- kind: ServiceAccount
  name: ingress-nginx
  namespace: ${INGRESS_NGINX_NAMESPACE}
---
apiVersion: v1
data: null
${meta('ConfigMap', INGRESS_NGINX_CONTROLLER_NAME, 'controller')}
---
apiVersion: v1
${meta('Service', INGRESS_NGINX_CONTROLLER_NAME, 'controller')}
spec:
  ipFamilies:
  - IPv4
  ipFamilyPolicy: SingleStack
  ports:
  - appProtocol: http
    name: http
    port: 80
    protocol: TCP
    targetPort: http
  - appProtocol: https
    name: https
    port: 443
    protocol: TCP
    targetPort: https
  selector:
${selector('    ')}
  type: NodePort
---
apiVersion: apps/v1
${meta('Deployment', INGRESS_NGINX_CONTROLLER_NAME, 'controller')}
spec:
  minReadySeconds: 0
  revisionHistoryLimit: 10
  selector:
    matchLabels:
${selector('      ')}
  strategy:
    rollingUpdate:
      maxUnavailable: 1
    type: RollingUpdate
  template:
    metadata:
      labels:
${labels('controller', '        ')}
    spec:
      containers:
      - args:
        - /nginx-ingress-controller
        - --election-id=ingress-nginx-leader
        - --controller-class=${INGRESS_NGINX_CONTROLLER}
        - --ingress-class=${className}
        - --configmap=$(POD_NAMESPACE)/${INGRESS_NGINX_CONTROLLER_NAME}
        - --enable-metrics=false
        env:
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        - name: POD_NAMESPACE
          valueFrom:
            fieldRef:
              fieldPath: metadata.namespace
        - name: LD_PRELOAD
          value: /usr/local/lib/libmimalloc.so
        image: registry.k8s.io/ingress-nginx/controller:v${v}
        imagePullPolicy: IfNotPresent
        lifecycle:
          preStop:
            exec:
              command:
              - /wait-shutdown
${healthz('livenessProbe', 5)}
        name: controller
        ports:
        - containerPort: 80
          name: http
          protocol: TCP
        - containerPort: 443
          name: https
          protocol: TCP
${healthz('readinessProbe', 3)}
        resources:
          requests:
            cpu: 100m
            memory: 90Mi
        securityContext:
          allowPrivilegeEscalation: false
          capabilities:
            add:
            - NET_BIND_SERVICE
            drop:
            - ALL
          readOnlyRootFilesystem: false
          runAsGroup: 82
          runAsNonRoot: true
          runAsUser: 101
          seccompProfile:
            type: RuntimeDefault
      dnsPolicy: ClusterFirst
      nodeSelector:
        kubernetes.io/os: linux
      serviceAccountName: ingress-nginx
      terminationGracePeriodSeconds: 300
---
apiVersion: networking.k8s.io/v1
${meta('IngressClass', className, 'controller', false)}
spec:
  controller: ${INGRESS_NGINX_CONTROLLER}
`;
}
