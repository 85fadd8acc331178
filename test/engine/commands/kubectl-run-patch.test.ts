// `kubectl run` (kubernetes/kubectl pkg/cmd/run/run.go) and `kubectl patch` (pkg/cmd/patch/
// patch.go; the API server's merge, strategic merge and JSON patches): what they create or
// change, what they print, and that a refused line changes nothing.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function json(l: Lab, line: string): Json {
	return JSON.parse(succeeds(l, line).output) as Json;
}

describe('kubectl run', () => {
	it('creates a bare Pod labelled run=NAME, restartPolicy Always, that starts running', () => {
		const l = createLab({ seed: 31 });
		const r = succeeds(l, 'kubectl run web --image=nginx:1.27 --port=80');
		expect(r.output).toBe('pod/web created\n');
		const pod = json(l, 'kubectl get pod web -o json');
		expect(pod.metadata.labels).toEqual({ run: 'web' });
		expect(pod.metadata.ownerReferences).toBeUndefined();
		expect(pod.spec.restartPolicy).toBe('Always');
		expect(pod.spec.dnsPolicy).toBe('ClusterFirst');
		expect(pod.spec.containers).toHaveLength(1);
		expect(pod.spec.containers[0]).toMatchObject({
			name: 'web',
			image: 'nginx:1.27',
			ports: [{ containerPort: 80, protocol: 'TCP' }]
		});
		succeeds(l, 'sim advance 30s');
		expect(succeeds(l, 'kubectl get pod web').output).toMatch(/\nweb +1\/1 +Running +0 /);
	});

	it('passes what follows NAME or -- as args, or as command with --command', () => {
		const l = createLab({ seed: 31 });
		succeeds(l, 'kubectl run a --image=busybox:1.36 --restart=Never -- sleep 5');
		succeeds(l, 'kubectl run b --image=busybox:1.36 --command -- sh -c "exit 1"');
		const a = json(l, 'kubectl get pod a -o json');
		const b = json(l, 'kubectl get pod b -o json');
		expect(a.spec.containers[0].args).toEqual(['sleep', '5']);
		expect(a.spec.containers[0].command).toBeUndefined();
		expect(a.spec.restartPolicy).toBe('Never');
		expect(b.spec.containers[0].command).toEqual(['sh', '-c', 'exit 1']);
		// A Never pod that sleeps 5 s completes; it is not restarted.
		succeeds(l, 'sim advance 30s');
		expect(succeeds(l, 'kubectl get pod a').output).toMatch(/\na +0\/1 +Completed +0 /);
	});

	it('uses --labels instead of run=NAME, and --env', () => {
		const l = createLab({ seed: 31 });
		succeeds(l, 'kubectl run w --image=nginx --labels=app=w,tier=front --env=MODE=fast');
		const pod = json(l, 'kubectl get pod w -o json');
		expect(pod.metadata.labels).toEqual({ app: 'w', tier: 'front' });
		expect(pod.spec.containers[0].env).toEqual([{ name: 'MODE', value: 'fast' }]);
	});

	it("refuses what kubectl refuses, with kubectl's words, and creates nothing", () => {
		const l = createLab({ seed: 31 });
		const cases: [string, string][] = [
			['kubectl run web', 'error: required flag(s) "image" not set\n'],
			['kubectl run --image=nginx', 'error: NAME is required for run\n'],
			['kubectl run --image=nginx -- web', 'error: NAME is required for run\n'],
			['kubectl run web --image=', 'error: --image is required\n'],
			[
				'kubectl run web --image=Nginx',
				'error: invalid image name "Nginx": invalid reference format\n'
			],
			[
				'kubectl run web --image=nginx --restart=Sometimes',
				'error: invalid restart policy: Sometimes, valid values are: Always, OnFailure, Never\n'
			],
			['kubectl run web --image=nginx --port=http', 'error: --port must be a number\n'],
			['kubectl run web --image=nginx --labels=app', 'error: unexpected label spec: app\n'],
			['kubectl run web --image=nginx --env=1X=y', 'error: invalid env: 1X=y\n'],
			[
				'kubectl run web --image=nginx -n nowhere',
				'Error from server (NotFound): namespaces "nowhere" not found\n'
			],
			[
				'kubectl run web --image=nginx --replicas=2',
				"error: unknown flag: --replicas\nSee 'kubectl run --help' for usage.\n"
			]
		];
		for (const [line, error] of cases) expect(fails(l, line).error, line).toBe(error);
		expect(fails(l, 'kubectl run a.b --image=nginx').error).toMatch(
			/^The Pod "a\.b" is invalid: spec\.containers\[0\]\.name: Invalid value: "a\.b"/
		);
		succeeds(l, 'kubectl run web --image=nginx');
		expect(fails(l, 'kubectl run web --image=nginx').error).toBe(
			'Error from server (AlreadyExists): pods "web" already exists\n'
		);
	});
});

/** A lab with Deployment web (2 replicas of nginx:1.27, one container `nginx`), settled. */
function webLab(): Lab {
	const l = createLab({ seed: 32 });
	succeeds(l, 'kubectl create deployment web --image=nginx:1.27 --replicas=2 --port=80');
	succeeds(l, 'sim advance 30s');
	return l;
}

describe('kubectl patch', () => {
	it('changes replicas with a strategic merge patch, and says (no change) the second time', () => {
		const l = webLab();
		const r = succeeds(l, `kubectl patch deployment web -p '{"spec":{"replicas":3}}'`);
		expect(r.output).toBe('deployment.apps/web patched\n');
		const again = succeeds(l, `kubectl patch deploy/web -p '{"spec":{"replicas":3}}'`);
		expect(again.output).toBe('deployment.apps/web patched (no change)\n');
		succeeds(l, 'sim advance 30s');
		expect(succeeds(l, 'kubectl get deploy web').output).toMatch(/\nweb +3\/3 +3 +3 /);
	});

	it('merges the containers list by name: the image changes, the rest of the container stays', () => {
		const l = webLab();
		succeeds(
			l,
			`kubectl patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}'`
		);
		const c = json(l, 'kubectl get deploy web -o json').spec.template.spec.containers;
		expect(c).toHaveLength(1);
		expect(c[0]).toMatchObject({
			name: 'nginx',
			image: 'nginx:1.28',
			ports: [{ containerPort: 80 }]
		});
		// The new template rolls out as a second ReplicaSet.
		succeeds(l, 'sim advance 1m');
		expect(succeeds(l, 'kubectl rollout history deploy/web').output).toContain(
			'\n2         <none>\n'
		);
	});

	it('replaces a list wholesale with --type merge, and applies RFC 6902 ops with --type json', () => {
		const l = webLab();
		succeeds(
			l,
			`kubectl patch deployment web --type merge -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}'`
		);
		const c = json(l, 'kubectl get deploy web -o json').spec.template.spec.containers;
		expect(c[0].ports).toBeUndefined();
		succeeds(
			l,
			`kubectl patch deployment web --type json -p '[{"op":"replace","path":"/spec/replicas","value":1},{"op":"add","path":"/metadata/labels/tier","value":"web"}]'`
		);
		const d = json(l, 'kubectl get deploy web -o json');
		expect(d.spec.replicas).toBe(1);
		expect(d.metadata.labels).toEqual({ app: 'web', tier: 'web' });
	});

	it('cordons a node with spec.unschedulable, as kubectl cordon does', () => {
		const l = webLab();
		expect(
			succeeds(l, `kubectl patch node node-2 -p '{"spec":{"unschedulable":true}}'`).output
		).toBe('node/node-2 patched\n');
		expect(succeeds(l, 'kubectl get nodes').output).toMatch(/\nnode-2 +Ready,SchedulingDisabled /);
		expect(succeeds(l, 'kubectl uncordon node-2').output).toBe('node/node-2 uncordoned\n');
	});

	it('patches a Service', () => {
		const l = webLab();
		succeeds(l, 'kubectl expose deployment web --port=80');
		succeeds(l, `kubectl patch svc web -p '{"spec":{"type":"NodePort"}}'`);
		expect(succeeds(l, 'kubectl get svc web').output).toMatch(/\nweb +NodePort .* 80:3\d{4}\/TCP /);
	});

	it('refuses an invalid result as validation does, and leaves the lab untouched', () => {
		const l = webLab();
		expect(fails(l, `kubectl patch deployment web -p '{"spec":{"replicas":-1}}'`).error).toBe(
			'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n'
		);
		expect(fails(l, `kubectl patch deployment web -p '{"spec":{"replicas":"x"}}'`).error).toBe(
			'Error from server (BadRequest): Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n'
		);
		expect(fails(l, `kubectl patch deployment web -p '{"spec":{"volumes":[]}}'`).error).toBe(
			'The request is invalid: patch: Invalid value: "map[spec:map[volumes:[]]]": strict decoding error: unknown field "spec.volumes"\n'
		);
		expect(
			fails(
				l,
				`kubectl patch deployment web -p '{"spec":{"selector":{"matchLabels":{"app":"x"}}}}'`
			).error
		).toBe(
			'The Deployment "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"x"}}: field is immutable\n'
		);
	});

	it("refuses bad command lines with kubectl's errors", () => {
		const l = webLab();
		const cases: [string, string][] = [
			[
				'kubectl patch deployment web',
				'error: must specify --patch or --patch-file containing the contents of the patch\n'
			],
			[
				`kubectl patch deployment web --type foo -p '{}'`,
				'error: --type must be one of [json merge strategic], not "foo"\n'
			],
			[
				`kubectl patch deployment nope -p '{"spec":{"replicas":1}}'`,
				'Error from server (NotFound): deployments.apps "nope" not found\n'
			],
			[
				`kubectl patch deployment web -p '{"metadata":{"name":"other"}}'`,
				'Error from server (BadRequest): the name of the object (other) does not match the name on the URL (web)\n'
			],
			[`kubectl patch foo web -p '{}'`, 'error: the server doesn\'t have a resource type "foo"\n']
		];
		for (const [line, error] of cases) expect(fails(l, line).error, line).toBe(error);
	});

	it('relabels a Pod, but does not pretend to change a running Pod’s spec', () => {
		const l = webLab();
		succeeds(l, 'kubectl run solo --image=nginx:1.27');
		succeeds(l, `kubectl patch pod solo -p '{"metadata":{"labels":{"tier":"front"}}}'`);
		expect(succeeds(l, 'kubectl get pod solo --show-labels').output).toMatch(
			/ run=solo,tier=front\n$/
		);
		expect(
			fails(l, `kubectl patch pod solo -p '{"spec":{"restartPolicy":"Never"}}'`).error
		).toMatch(/^error: "kubectl patch pod" of the pod spec is not simulated/);
	});

	it('refuses a StatefulSet spec field an update may not change, with the API server’s text', () => {
		const l = createLab({
			seed: 33,
			readFile: (p) =>
				p === 'sts.yaml'
					? 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  replicas: 2\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n      - name: db\n        image: redis:7.4\n'
					: undefined
		});
		succeeds(l, 'kubectl apply -f sts.yaml');
		expect(fails(l, `kubectl patch sts db -p '{"spec":{"serviceName":"other"}}'`).error).toBe(
			"The StatefulSet \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden\n"
		);
		expect(succeeds(l, `kubectl patch sts db -p '{"spec":{"replicas":1}}'`).output).toBe(
			'statefulset.apps/db patched\n'
		);
	});

	it('reads a YAML patch, and quotes it in a parse error', () => {
		const l = webLab();
		succeeds(l, "kubectl patch deployment web -p 'spec: {replicas: 1}'");
		expect(json(l, 'kubectl get deploy web -o json').spec.replicas).toBe(1);
		expect(fails(l, "kubectl patch deployment web -p 'spec: [nope'").error).toBe(
			"error: unable to parse \"spec: [nope\": error converting YAML to JSON: yaml: did not find expected ',' or ']'\n"
		);
	});
});
