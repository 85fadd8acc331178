/**
 * User-named keys that are Object.prototype names (`constructor`, `toString`, `valueOf`,
 * `hasOwnProperty`, `__proto__`) behave like any other key, as in the real tools' Go maps:
 * labels, annotations, selectors, ConfigMap/Secret keys, env names, Swarm labels, constraints,
 * placement preferences, docker's `k=v` options and stack files.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../src/engine/index';
import { fails, succeeds } from './lab-helpers';

const FILES: Record<string, string> = {
	'node-selector.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: picky
spec:
  nodeSelector:
    constructor: "x"
  containers:
  - name: c
    image: nginx
`,
	'affinity.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: affine
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - key: toString
            operator: Exists
  containers:
  - name: c
    image: nginx
`,
	'pod-affinity.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: together
  labels:
    app: t
spec:
  affinity:
    podAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - topologyKey: constructor
        labelSelector:
          matchLabels:
            app: t
  containers:
  - name: c
    image: nginx
`,
	'spread.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: spread
  labels:
    app: s
spec:
  topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: valueOf
    whenUnsatisfiable: DoNotSchedule
    labelSelector:
      matchLabels:
        app: s
  containers:
  - name: c
    image: nginx
`,
	'service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: svc
spec:
  selector:
    toString: "y"
  ports:
  - port: 80
`,
	'env.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
data:
  __proto__: p
  constructor: c
---
apiVersion: v1
kind: Secret
metadata:
  name: sec
stringData:
  __proto__: sp
---
apiVersion: v1
kind: Pod
metadata:
  name: envpod
spec:
  containers:
  - name: c
    image: nginx
    envFrom:
    - configMapRef:
        name: cm
    - secretRef:
        name: sec
      prefix: S_
    env:
    - name: OPT
      valueFrom:
        configMapKeyRef:
          name: cm
          key: valueOf
          optional: true
    - name: OPTS
      valueFrom:
        secretKeyRef:
          name: sec
          key: hasOwnProperty
          optional: true
    - name: LBL
      valueFrom:
        fieldRef:
          fieldPath: metadata.labels['constructor']
`,
	'cm-v1.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: applied
data:
  constructor: c
  keep: k
`,
	'cm-v2.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: applied
data:
  keep: k
`,
	'stack.yml': `version: "3.8"
services:
  constructor:
    image: nginx
    labels:
      __proto__: a
      toString: b
    environment:
      __proto__: e
      valueOf: v
    deploy:
      labels:
        __proto__: d
      placement:
        constraints: [node.labels.constructor==x]
  toString:
    image: nginx
`,
	'bad-stack.yml': `version: "3.8"
services:
  web:
    image: nginx
    constructor: 1
`
};

let lab: Lab | undefined;
afterEach(() => {
	// Object.prototype stays untouched whatever the keys were (no prototype pollution).
	expect(Object.keys(Object.prototype)).toEqual([]);
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	lab = undefined;
});

function kube(): Lab {
	lab = createLab({ seed: 7, readFile: (p) => FILES[p] });
	return lab;
}

function swarm(): Lab {
	lab = createLab({ flavor: 'swarm', workers: 2, seed: 7, readFile: (p) => FILES[p] });
	return lab;
}

/** The FailedScheduling message of a pod (describe's last event line). */
function failedScheduling(k: Lab, pod: string): string {
	const lines = succeeds(k, `kubectl describe pod ${pod}`).output.trimEnd().split('\n');
	return lines[lines.length - 1] ?? '';
}

describe('kubectl: labels and annotations named like Object.prototype members', () => {
	it('labels a pod hasOwnProperty=1 and constructor=x (label.go: a plain map lookup)', () => {
		const k = kube();
		succeeds(k, 'kubectl run a --image=nginx');
		expect(succeeds(k, 'kubectl label pod a hasOwnProperty=1').output).toBe('pod/a labeled\n');
		expect(succeeds(k, 'kubectl label pod a constructor=x').output).toBe('pod/a labeled\n');
		// Without --overwrite a different value is refused with the one the pod has.
		expect(fails(k, 'kubectl label pod a constructor=y').error).toBe(
			"error: 'constructor' already has a value (x), and --overwrite is false\n"
		);
		expect(succeeds(k, 'kubectl get pod a --show-labels').output).toContain(
			'constructor=x,hasOwnProperty=1,run=a'
		);
		// Removing a label the pod does not have changes nothing.
		expect(succeeds(k, 'kubectl label pod a toString-').output).toBe(
			'label "toString" not found.\npod/a not labeled\n'
		);
		expect(succeeds(k, 'kubectl annotate pod a valueOf=1').output).toBe('pod/a annotated\n');
		expect(succeeds(k, "kubectl get pod a -o jsonpath='{.metadata.annotations}'").output).toBe(
			'{"valueOf":"1"}'
		);
	});

	it('selects with -l constructor, -l !toString and `in`, as labels.Parse requirements', () => {
		const k = kube();
		succeeds(k, 'kubectl run a --image=nginx --labels=constructor=x');
		succeeds(k, 'kubectl run b --image=nginx');
		const names = (line: string) =>
			succeeds(k, line)
				.output.trimEnd()
				.split('\n')
				.slice(1)
				.map((l) => l.split(/\s+/)[0]);
		expect(names('kubectl get pods -l constructor')).toEqual(['a']);
		expect(names("kubectl get pods -l '!constructor'")).toEqual(['b']);
		expect(names("kubectl get pods -l '!toString'")).toEqual(['a', 'b']);
		for (const line of ['kubectl get pods -l toString', "kubectl get pods -l 'valueOf in (x)'"]) {
			const r = succeeds(k, line);
			expect(r.output).toBe('');
			expect(r.error).toBe('No resources found in default namespace.\n');
		}
	});

	it('shows an empty -L column for a label no object has (get.go: labels[key])', () => {
		const k = kube();
		const out = succeeds(k, 'kubectl get nodes -L constructor,toString').output;
		expect(out).not.toContain('native code');
		expect(out.split('\n')[1]).toMatch(
			/^control-plane\s+Ready\s+control-plane\s+\S+\s+v1\.35\.0\s*$/
		);
	});

	it('refuses a field selector named constructor (the pods field label set has none)', () => {
		expect(fails(kube(), 'kubectl get pods --field-selector constructor=x').error).toBe(
			'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "constructor=x": field label not supported: constructor\n'
		);
	});

	it('a JSON patch through a __proto__ path is a missing path, not a prototype write', () => {
		const k = kube();
		succeeds(k, 'kubectl run a --image=nginx');
		// evanphx/json-patch: the parent container does not exist.
		expect(
			fails(
				k,
				`kubectl patch pod a --type=json -p '[{"op":"add","path":"/metadata/labels/__proto__/polluted","value":"1"}]'`
			).error
		).toBe(
			'The request is invalid: add operation does not apply: doc is missing path: "/metadata/labels/__proto__/polluted": missing value\n'
		);
		expect(
			fails(
				k,
				`kubectl patch pod a --type=json -p '[{"op":"replace","path":"/metadata/labels/toString","value":"1"}]'`
			).error
		).toContain('replace operation does not apply: doc is missing path');
	});

	it('apply deletes a removed ConfigMap key named constructor (three-way merge sets it null)', () => {
		const k = kube();
		succeeds(k, 'kubectl apply -f cm-v1.yaml');
		expect(succeeds(k, 'kubectl apply -f cm-v2.yaml').output).toBe(
			'configmap/applied configured\n'
		);
		expect(succeeds(k, "kubectl get cm applied -o jsonpath='{.data}'").output).toBe('{"keep":"k"}');
	});

	it('run --labels=__proto__=x reaches the API server, which refuses the key', () => {
		// apimachinery IsQualifiedName: a name part starts with an alphanumeric character.
		expect(fails(kube(), 'kubectl run a --image=nginx --labels=__proto__=x').error).toContain(
			'The Pod "a" is invalid: metadata.labels: Invalid value: "__proto__": name part must consist of alphanumeric characters'
		);
	});

	it('a PriorityClass named constructor is a user class, not a system one', () => {
		const k = kube();
		expect(succeeds(k, 'kubectl create priorityclass constructor --value=5').output).toBe(
			'priorityclass.scheduling.k8s.io/constructor created\n'
		);
		expect(succeeds(k, 'kubectl delete priorityclass constructor').output).toBe(
			'priorityclass.scheduling.k8s.io "constructor" deleted\n'
		);
	});

	it('a quota scope named constructor is an unsupported scope (validation.go)', () => {
		expect(
			fails(kube(), 'kubectl create quota q --hard=pods=1 --scopes=constructor').error
		).toContain('unsupported scope');
	});

	it('unknown subcommands named like Object members are unknown', () => {
		const k = kube();
		expect(fails(k, 'kubectl config toString').error).toBe(
			'error: "kubectl config toString" is not simulated in this lab yet\n'
		);
		expect(fails(k, 'sim constructor').error).toBe(
			'sim: unknown command "constructor"\nRun \'sim help\' for usage.\n'
		);
	});

	it('parses a cron field named constructor as a number (robfig/cron: not a month/day name)', () => {
		expect(
			fails(kube(), "kubectl create cronjob c --image=busybox --schedule='0 0 * * constructor'")
				.error
		).toBe(
			'error: failed to create cronjob: CronJob.batch "c" is invalid: spec.schedule: Invalid value: "0 0 * * constructor": failed to parse int from constructor: strconv.Atoi: parsing "constructor": invalid syntax\n'
		);
	});
});

describe('scheduling and services on such labels', () => {
	it('a nodeSelector on constructor waits for a node labelled so, then runs there', () => {
		const k = kube();
		succeeds(k, 'kubectl apply -f node-selector.yaml');
		succeeds(k, 'sim advance 5s');
		// The node affinity plugin: no node has the label (nodeaffinity.go ErrReasonPod).
		expect(failedScheduling(k, 'picky')).toContain(
			"3 node(s) didn't match Pod's node affinity/selector"
		);
		succeeds(k, 'kubectl label node node-2 constructor=x');
		succeeds(k, 'sim advance 30s');
		expect(succeeds(k, 'kubectl get pod picky -o wide').output).toMatch(/Running .* node-2 /);
	});

	it('node affinity Exists on toString matches no node', () => {
		const k = kube();
		succeeds(k, 'kubectl apply -f affinity.yaml');
		succeeds(k, 'sim advance 5s');
		expect(failedScheduling(k, 'affine')).toContain(
			"3 node(s) didn't match Pod's node affinity/selector"
		);
	});

	it('a topology key no node has: pod affinity and topology spread fail on every node', () => {
		const k = kube();
		succeeds(k, 'kubectl apply -f pod-affinity.yaml');
		succeeds(k, 'kubectl apply -f spread.yaml');
		succeeds(k, 'sim advance 5s');
		// interpodaffinity filtering.go satisfyPodAffinity: a node without the key fails.
		expect(failedScheduling(k, 'together')).toContain("3 node(s) didn't match pod affinity rules");
		// podtopologyspread filtering.go: ErrReasonNodeLabelNotMatch.
		expect(failedScheduling(k, 'spread')).toContain(
			"3 node(s) didn't match pod topology spread constraints (missing required label)"
		);
	});

	it('a Service selecting toString=y has endpoints only once a pod carries that label', () => {
		const k = kube();
		succeeds(k, 'kubectl apply -f service.yaml');
		succeeds(k, 'kubectl run web --image=nginx');
		succeeds(k, 'sim advance 20s');
		expect(succeeds(k, 'kubectl get endpointslices').output).toMatch(
			/^svc-\S+\s+IPv4\s+\S+\s+<unset>/m
		);
		succeeds(k, 'kubectl label pod web toString=y');
		succeeds(k, 'sim advance 5s');
		expect(succeeds(k, 'kubectl get endpointslices').output).toMatch(
			/^svc-\S+\s+IPv4\s+80\s+10\.244\.\d+\.\d+\s/m
		);
	});

	it('env: ConfigMap and Secret keys stay keys; a missing optional key sets nothing', () => {
		const k = kube();
		succeeds(k, 'kubectl apply -f env.yaml');
		succeeds(k, 'sim advance 20s');
		const env = succeeds(k, 'kubectl exec envpod -- printenv').output.split('\n');
		expect(env).toContain('__proto__=p');
		expect(env).toContain('constructor=c');
		expect(env).toContain('S___proto__=sp');
		// kubelet_pods.go makeEnvironmentVariables: an optional reference to a missing key is skipped.
		expect(env.some((l) => l.startsWith('OPT=') || l.startsWith('OPTS='))).toBe(false);
		// fieldpath.ExtractFieldPathAsString: a label the pod lacks is "".
		expect(env).toContain('LBL=');
		expect(env.join('\n')).not.toContain('native code');
	});
});

describe('docker: Swarm labels, constraints and options', () => {
	it('a constraint on node.labels.constructor leaves the task pending until a node has it', () => {
		const d = swarm();
		succeeds(
			d,
			'docker service create --detach --name w --constraint node.labels.constructor==x nginx'
		);
		succeeds(d, 'sim advance 5s');
		expect(succeeds(d, 'docker service ps w').output).toContain('"no suitable node (scheduling …"');
		succeeds(d, 'docker node update --label-add constructor=x worker-1');
		succeeds(d, 'sim advance 10s');
		expect(
			succeeds(d, "docker service ps w --format '{{.Node}} {{.CurrentState}}'").output
		).toMatch(/^worker-1 Running/);
	});

	it('--label-rm of a key the node lacks is refused (node/update.go)', () => {
		expect(fails(swarm(), 'docker node update --label-rm toString manager-1').error).toBe(
			"key toString doesn't exist in node's labels\n"
		);
	});

	it('keeps __proto__ as a label key on services, containers and nodes', () => {
		const d = swarm();
		succeeds(
			d,
			'docker service create --detach --name v --label __proto__=x --container-label __proto__=z --label toString=t nginx'
		);
		expect(
			succeeds(
				d,
				"docker service inspect v --format '{{json .Spec.Labels}} {{json .Spec.TaskTemplate.ContainerSpec.Labels}}'"
			).output
		).toBe('{"__proto__":"x","toString":"t"} {"__proto__":"z"}\n');
		succeeds(d, 'docker service update --detach --label-add __proto__=y --label-rm toString v');
		expect(succeeds(d, "docker service inspect v --format '{{json .Spec.Labels}}'").output).toBe(
			'{"__proto__":"y"}\n'
		);
		succeeds(d, 'docker node update --label-add __proto__=1 manager-1');
		expect(
			succeeds(d, "docker node inspect manager-1 --format '{{json .Spec.Labels}}'").output
		).toBe('{"__proto__":"1"}\n');
	});

	it('filters by label: a key no service has matches none (swarmkit filterMatchLabels)', () => {
		const d = swarm();
		succeeds(d, 'docker service create --detach --name v --label __proto__=x nginx');
		const names = (line: string) =>
			succeeds(d, line)
				.output.trimEnd()
				.split('\n')
				.slice(1)
				.map((l) => l.split(/\s+/)[1]);
		expect(names('docker service ls -f label=toString')).toEqual([]);
		expect(names('docker service ls -f label=__proto__=x')).toEqual(['v']);
		expect(names('docker service ls -f label=__proto__=y')).toEqual([]);
		expect(
			succeeds(d, "docker node ls -f node.label=constructor --format '{{.Hostname}}'").output
		).toBe('');
	});

	it('templates: index of a missing key is the zero value, a field named toString an error', () => {
		const d = swarm();
		succeeds(d, 'docker service create --detach --name v --label a=b nginx');
		// text/template funcs.go index: a missing map key gives the element type's zero value.
		expect(
			succeeds(
				d,
				`docker service inspect v --format '{{index .Spec.Labels "constructor"}}|{{.Spec.Labels.constructor}}'`
			).output
		).toBe('|<no value>\n');
		expect(fails(d, "docker service inspect v --format '{{.Spec.toString}}'").error).toContain(
			"can't evaluate field toString in type swarm.ServiceSpec"
		);
	});

	it('network and volume --label/--opt keep every key (opts.ConvertKVStringsToMap)', () => {
		const d = swarm();
		succeeds(d, 'docker network create -d overlay --label __proto__=n --opt constructor=1 net1');
		expect(
			succeeds(d, "docker network inspect net1 --format '{{json .Labels}} {{json .Options}}'")
				.output
		).toBe('{"__proto__":"n"} {"constructor":"1"}\n');
		succeeds(d, 'docker volume create --label __proto__=v --opt __proto__=o vol1');
		expect(
			succeeds(d, "docker volume inspect vol1 --format '{{json .Labels}} {{json .Options}}'").output
		).toBe('{"__proto__":"v"} {"__proto__":"o"}\n');
	});

	it('volumes named constructor and subcommands named toString are ordinary names', () => {
		const d = swarm();
		expect(fails(d, 'docker volume inspect toString').error).toBe(
			'Error response from daemon: get toString: no such volume\n'
		);
		expect(succeeds(d, 'docker volume create constructor').output).toBe('constructor\n');
		expect(succeeds(d, "docker volume ls --format '{{.Name}}'").output).toBe('constructor\n');
		for (const [group, sub] of [
			['volume', 'toString'],
			['image', 'constructor'],
			['secret', 'valueOf'],
			['network', 'hasOwnProperty']
		])
			expect(fails(d, `docker ${group} ${sub}`).error).toContain(
				`docker: unknown command: docker ${group} ${sub}`
			);
	});

	it('--mount readonly=constructor is no boolean; volume-label=__proto__=l is a label', () => {
		const d = swarm();
		// strconv.ParseBool (mounts.go): only 1, t, T, TRUE, true, True and their false forms.
		expect(
			fails(
				d,
				'docker service create --name m --mount type=volume,source=v,target=/d,readonly=constructor nginx'
			).error
		).toContain('invalid value for readonly: constructor');
		succeeds(
			d,
			'docker service create --detach --name m2 --mount type=volume,source=v,target=/d,volume-label=__proto__=l nginx'
		);
		expect(
			succeeds(
				d,
				"docker service inspect m2 --format '{{json .Spec.TaskTemplate.ContainerSpec.Mounts}}'"
			).output
		).toBe(
			'[{"Type":"volume","Source":"v","Target":"/d","VolumeOptions":{"Labels":{"__proto__":"l"}}}]\n'
		);
	});

	it('a shell variable named __proto__ reaches --env NAME (opts.ValidateEnv reads the environment)', () => {
		const d = swarm();
		succeeds(d, 'export __proto__=hi');
		succeeds(d, 'docker service create --detach --name e --env __proto__ nginx');
		expect(
			succeeds(
				d,
				"docker service inspect e --format '{{json .Spec.TaskTemplate.ContainerSpec.Env}}'"
			).output
		).toBe('["__proto__=hi"]\n');
	});
});

describe('docker stack: compose keys named like Object.prototype members', () => {
	it('deploys labels and environment keyed __proto__/toString/valueOf as given', () => {
		const d = swarm();
		succeeds(d, 'docker stack deploy -c stack.yml st');
		expect(
			succeeds(
				d,
				"docker service inspect st_constructor --format '{{json .Spec.Labels}} {{json .Spec.TaskTemplate.ContainerSpec.Labels}} {{json .Spec.TaskTemplate.ContainerSpec.Env}}'"
			).output
		).toBe(
			'{"__proto__":"d","com.docker.stack.image":"nginx","com.docker.stack.namespace":"st"} {"__proto__":"a","com.docker.stack.namespace":"st","toString":"b"} ["__proto__=e","valueOf=v"]\n'
		);
		succeeds(d, 'sim advance 10s');
		// The constraint on node.labels.constructor holds on no node yet.
		expect(
			succeeds(d, "docker service ps st_constructor --format '{{.CurrentState}}'").output
		).toMatch(/^Pending/);
		expect(
			succeeds(d, "docker service ps st_toString --format '{{.CurrentState}}'").output
		).toMatch(/^Running/);
	});

	it('a service property named constructor is not in the compose schema', () => {
		expect(fails(swarm(), 'docker stack config -c bad-stack.yml').error).toBe(
			'services.web Additional property constructor is not allowed\n'
		);
	});
});
