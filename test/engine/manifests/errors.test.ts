// kubectl's exact error texts for manifests (shared/cli-formats.md §5 and §8; apimachinery
// field/errors.go ErrorBody with v1.34+ JSON values; kubectl helpers.go checkErr,
// MultilineError, MultipleErrors; the validation sources cited in src/engine/manifests).
import { describe, expect, it } from 'vitest';
import { readManifests } from '../../../src/engine/manifests/index';

function errorOf(text: string, file = 'web.yaml'): string {
	const result = readManifests(text, file);
	if (result.ok) throw new Error('expected an error');
	return result.error;
}

const pod = (spec: string, meta = '  name: p\n') =>
	`apiVersion: v1\nkind: Pod\nmetadata:\n${meta}spec:\n${spec}`;

const deployment = (selector: string, labels: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
${selector}  template:
    metadata:
      labels:
${labels}    spec:
      containers:
      - name: nginx
        image: nginx
${extra}`;

const SELECTOR = '  selector:\n    matchLabels:\n      app: web\n';
const LABELS = '        app: web\n';

const SUBDOMAIN =
	"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('kubectl reading a file (cli-runtime builder)', () => {
	it('an unknown kind or an old apiVersion has no REST mapping', () => {
		const text = 'apiVersion: apps/v1beta1\nkind: Deployment\nmetadata:\n  name: web\n';
		expect(errorOf(text)).toBe(
			'error: resource mapping not found for name: "web" namespace: "" from "web.yaml": no matches for kind "Deployment" in version "apps/v1beta1"\nensure CRDs are installed first\n'
		);
	});

	it('a missing kind fails kubectl validation (cli-formats §8; checked with kubectl)', () => {
		expect(errorOf('apiVersion: v1\nmetadata:\n  name: x\n', 'x.yaml')).toBe(
			'error: error validating "x.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n'
		);
		expect(errorOf('metadata:\n  name: x\n', 'x.yaml')).toContain(
			'error validating data: [apiVersion not set, kind not set]; if you choose'
		);
		expect(errorOf('- a\n', 'x.yaml')).toContain(
			'error validating data: invalid object to validate;'
		);
	});

	it('checks every item of a List, and refuses the whole List (checked with kubectl)', () => {
		const list = `apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n- metadata:\n    name: b\n`;
		const result = readManifests(list, 'list.yaml');
		expect(result.objects).toEqual([]);
		expect(result.ok ? '' : result.error).toBe(
			'error: error validating "list.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n'
		);
	});

	it('an empty kind fails to decode (checked with kubectl --validate=false)', () => {
		expect(errorOf('apiVersion: v1\nkind: ""\nmetadata:\n  name: x\n', 'e.yaml')).toBe(
			`error: unable to decode "e.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","kind":"","metadata":{"name":"x"}}'\n`
		);
	});
});

describe('strict decoding on the API server (BadRequest)', () => {
	it('names an unknown field with its indices', () => {
		expect(errorOf(deployment(SELECTOR, LABELS, '        imagePullPolicyy: Always\n'))).toBe(
			'Error from server (BadRequest): error when creating "web.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyy"\n'
		);
	});

	it('lists every unknown field', () => {
		const text = pod('  containers:\n  - name: a\n    image: b\n    foo: 1\n  bar: 2\n');
		expect(errorOf(text)).toContain(
			'strict decoding error: unknown field "spec.bar", unknown field "spec.containers[0].foo"'
		);
	});

	it('reports a wrong type with Go struct and field path', () => {
		const extra = '        env:\n        - name: A\n          value: true\n';
		expect(errorOf(deployment(SELECTOR, LABELS, extra))).toBe(
			'Error from server (BadRequest): error when creating "web.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string\n'
		);
	});

	it('catches the YAML 1.1 traps and numbers that do not fit', () => {
		const label = pod(
			'  containers:\n  - name: a\n    image: b\n',
			'  name: p\n  labels:\n    on: yes\n'
		);
		expect(errorOf(label)).toContain(
			'json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string'
		);
		const replicas = deployment(`  replicas: 3000000000\n${SELECTOR}`, LABELS);
		expect(errorOf(replicas)).toContain(
			'json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32'
		);
		const affinity = pod(
			'  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n      - weight: 1\n  containers: []\n'
		);
		expect(errorOf(affinity)).toContain(
			'json: cannot unmarshal array into Go struct field NodeAffinity.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution of type v1.NodeSelector'
		);
	});

	it('passes quantity errors through (resource.ErrFormatWrong)', () => {
		const text = pod(
			'  containers:\n  - name: a\n    image: b\n    resources:\n      limits:\n        cpu: 1x\n'
		);
		expect(errorOf(text)).toBe(
			`Error from server (BadRequest): error when creating "web.yaml": Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n`
		);
	});

	it('refuses to create EndpointSlices, which the lab manages', () => {
		const text =
			'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: x\naddressType: IPv4\n';
		expect(errorOf(text)).toBe(
			'Error from server (MethodNotAllowed): error when creating "web.yaml": the server does not allow this method on the requested resource\n'
		);
	});
});

describe('validation (422 Invalid)', () => {
	it('prints several causes on `* ` lines after a header ending in ": "', () => {
		expect(errorOf(deployment('', LABELS))).toBe(
			'The Deployment "web" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`\n'
		);
	});

	it('renders a mismatched template as JSON (v1.34+)', () => {
		expect(errorOf(deployment(SELECTOR, '        app: api\n        tier: x\n'))).toBe(
			'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: {"app":"api","tier":"x"}: `selector` does not match template `labels`\n'
		);
	});

	it('checks names: RFC 1123 subdomains, and DNS-1035 labels for Services', () => {
		expect(errorOf(pod('  containers: []\n', '  name: Web_1\n'))).toBe(
			`The Pod "Web_1" is invalid: \n* metadata.name: Invalid value: "Web_1": ${SUBDOMAIN}\n* spec.containers: Required value\n`
		);
		const service =
			'apiVersion: v1\nkind: Service\nmetadata:\n  name: 1web\nspec:\n  ports:\n  - port: 80\n';
		expect(errorOf(service)).toBe(
			`The Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')\n`
		);
		expect(errorOf(pod('  containers: []\n', '  labels: {a: b}\n'))).toBe(
			'The Pod "" is invalid: \n* metadata.name: Required value: name or generateName is required\n* spec.containers: Required value\n'
		);
		const long = 'x'.repeat(254);
		expect(errorOf(pod('  containers: []\n', `  name: ${long}\n`))).toContain(
			`metadata.name: Invalid value: "${long}": must be no more than 253 characters`
		);
	});

	it('checks label keys and values with their real messages', () => {
		const meta = '  name: p\n  labels:\n    "bad key!": "bad value!"\n';
		expect(errorOf(pod('  containers:\n  - name: a\n    image: b\n', meta))).toBe(
			"The Pod \"p\" is invalid: \n* metadata.labels: Invalid value: \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\n* metadata.labels: Invalid value: \"bad value!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n"
		);
	});

	it('checks replicas, containers, names, images, ports and restart policies', () => {
		expect(errorOf(deployment(`  replicas: -1\n${SELECTOR}`, LABELS))).toBe(
			'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n'
		);
		expect(errorOf(pod('  containers: []\n'))).toBe(
			'The Pod "p" is invalid: spec.containers: Required value\n'
		);
		const containers =
			'  containers:\n  - name: a\n    image: b\n  - name: a\n  - image: c\n    ports:\n    - containerPort: 70000\n';
		expect(errorOf(pod(containers))).toBe(
			'The Pod "p" is invalid: \n* spec.containers[1].image: Required value\n* spec.containers[1].name: Duplicate value: "a"\n* spec.containers[2].name: Required value\n* spec.containers[2].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive\n'
		);
		expect(errorOf(deployment(SELECTOR, LABELS, '      restartPolicy: Never\n'))).toBe(
			'The Deployment "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"\n'
		);
		const job =
			'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    spec:\n      containers:\n      - name: pi\n        image: perl\n';
		expect(errorOf(job)).toBe(
			'The Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n'
		);
	});

	it('checks Service ports', () => {
		const noPorts =
			'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n';
		expect(errorOf(noPorts)).toBe('The Service "web" is invalid: spec.ports: Required value\n');
		const zero =
			'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - protocol: TCP\n';
		expect(errorOf(zero)).toBe(
			'The Service "web" is invalid: \n* spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive\n* spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive\n'
		);
		const nodePort =
			'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 80\n';
		expect(errorOf(nodePort)).toBe(
			'The Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767\n'
		);
	});

	it('checks requests against limits and volume mounts against volumes', () => {
		const resources =
			'  containers:\n  - name: a\n    image: b\n    resources:\n      limits:\n        cpu: 1\n      requests:\n        cpu: "2"\n';
		expect(errorOf(pod(resources))).toBe(
			'The Pod "p" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1\n'
		);
		const mounts =
			'  containers:\n  - name: a\n    image: b\n    volumeMounts:\n    - name: data\n      mountPath: /data\n';
		expect(errorOf(pod(mounts))).toBe(
			'The Pod "p" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"\n'
		);
	});
});

describe('several documents (kubectl apply.go Run, helpers.go MultipleErrors)', () => {
	const good =
		'apiVersion: v1\nkind: Pod\nmetadata:\n  name: ok\nspec:\n  containers:\n  - name: a\n    image: b\n';

	it('keeps the valid objects and prints one line per error, without `error: `', () => {
		const text = `apiVersion: v1\nkind: Foo\nmetadata:\n  name: a\n---\n${pod('  containers: []\n', '  name: b\n')}---\n${good}`;
		const result = readManifests(text, 'web.yaml');
		expect(result.objects.map((o) => o.metadata?.name)).toEqual(['ok']);
		expect(result.ok ? '' : result.error).toBe(
			'resource mapping not found for name: "a" namespace: "" from "web.yaml": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\nError from server (Invalid): error when creating "web.yaml": Pod "b" is invalid: spec.containers: Required value\n'
		);
	});

	it('prints several causes of one object as a bracketed list among other errors', () => {
		const text = `${deployment('', LABELS)}---\napiVersion: v1\nkind: Foo\nmetadata:\n  name: a\n`;
		expect(errorOf(text)).toBe(
			'resource mapping not found for name: "a" namespace: "" from "web.yaml": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\nError from server (Invalid): error when creating "web.yaml": Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`]\n'
		);
	});

	it('applies the documents before broken YAML, and reports the break', () => {
		const result = readManifests(`${good}---\nkind: Pod\n  bad: [\n`, 'web.yaml');
		expect(result.objects.map((o) => o.metadata?.name)).toEqual(['ok']);
		expect(result.ok ? '' : result.error).toMatch(
			/^error: error parsing web\.yaml: error converting YAML to JSON: yaml: /
		);
	});

	it('stops reading at a document without kind, as kubectl validation does', () => {
		const result = readManifests(
			`${good}---\napiVersion: v1\n---\nkind: Foo\napiVersion: v1\n`,
			'x.yaml'
		);
		expect(result.entries).toHaveLength(2);
		expect(result.ok ? '' : result.error).toMatch(/^error: error validating "x\.yaml"/);
	});

	it('refuses another namespace when -n was given (enforceNamespace)', () => {
		const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: team-a\n';
		const result = readManifests(text, 'c.yaml', { namespace: 'default', enforceNamespace: true });
		expect(result.ok ? '' : result.error).toBe(
			`error: the namespace from the provided object "team-a" does not match the namespace "default". You must pass '--namespace=team-a' to perform this operation.\n`
		);
	});
});
