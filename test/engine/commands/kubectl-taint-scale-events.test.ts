/**
 * kubectl taint (taint.go, taint/utils.go), create deployment's wrapped refusals
 * (create_deployment.go Run), scale's preconditions (scale.go, pkg/scale ScalePrecondition),
 * several errors at once (helpers.go checkErr/MultipleErrors), describe endpoints and
 * endpointslices (describe.go) and `kubectl events` (events.go, event_printer.go).
 */
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

function lab(): Lab {
	return createLab({ seed: 5 });
}

const taints = (l: Lab, node: string) =>
	succeeds(l, `kubectl get node ${node} -o jsonpath='{.spec.taints}'`).output;

describe('kubectl taint', () => {
	it('says modified with --overwrite, tainted or untainted otherwise (reorganizeTaints)', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl taint nodes node-1 dedicated=gpu:NoSchedule').output).toBe(
			'node/node-1 tainted\n'
		);
		expect(fails(l, 'kubectl taint nodes node-1 dedicated=cpu:NoSchedule').error).toBe(
			'error: node node-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n'
		);
		expect(
			succeeds(l, 'kubectl taint nodes node-1 dedicated=cpu:NoSchedule --overwrite').output
		).toBe('node/node-1 modified\n');
		expect(taints(l, 'node-1')).toBe('[{"effect":"NoSchedule","key":"dedicated","value":"cpu"}]');
		expect(succeeds(l, 'kubectl taint nodes node-1 dedicated-').output).toBe(
			'node/node-1 untainted\n'
		);
	});

	it('refuses a bad effect as a usage error, and checks every spec before changing anything', () => {
		const l = lab();
		expect(fails(l, 'kubectl taint nodes node-1 dedicated=x:BadEffect').error).toBe(
			"error: invalid taint effect: BadEffect, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n"
		);
		// parseTaint: without `:` the whole spec is the key, which IsQualifiedName refuses.
		expect(fails(l, 'kubectl taint nodes node-1 dedicated=x').error).toBe(
			"error: invalid taint spec: dedicated=x, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\nSee 'kubectl taint -h' for help and examples\n"
		);
		expect(fails(l, 'kubectl taint nodes node-1 a:b:NoSchedule').error).toBe(
			"error: invalid taint spec: a:b:NoSchedule\nSee 'kubectl taint -h' for help and examples\n"
		);
		expect(fails(l, 'kubectl taint nodes node-1 a=b:NoSchedule node-2').error).toBe(
			'error: all resources must be specified before taint changes: node-2\n'
		);
		expect(fails(l, 'kubectl taint pods p a=b:NoSchedule').error).toBe(
			'error: invalid resource type pods, only node types are supported\n'
		);
		expect(fails(l, 'kubectl taint nodes a=b:NoSchedule').error).toBe(
			"error: at least one resource name must be specified since 'all' parameter is not set\n"
		);
		expect(fails(l, 'kubectl taint nodes node-1 a=b:NoSchedule a-').error).toBe(
			'error: can not both modify and remove the following taint(s) in the same command: {"a":""}\n'
		);
		// Two missing taints: two errors, one a line, without `error: ` (MultipleErrors).
		expect(fails(l, 'kubectl taint nodes node-1 x- y:NoSchedule-').error).toBe(
			'taint "x" not found\ntaint "y:NoSchedule" not found\n'
		);
	});

	it('--dry-run prints what it would do and changes nothing; -o prints the node written', () => {
		const l = lab();
		expect(
			succeeds(l, 'kubectl taint nodes node-1 gpu=yes:NoSchedule --dry-run=client').output
		).toBe('node/node-1 tainted (dry run)\n');
		expect(
			succeeds(l, 'kubectl taint nodes node-1 gpu=yes:NoSchedule --dry-run=server -o name').output
		).toBe('node/node-1\n');
		expect(taints(l, 'node-1')).toBe('');
		expect(
			succeeds(
				l,
				"kubectl taint nodes node-1 gpu=yes:NoSchedule -o jsonpath='{.spec.taints[0].key}'"
			).output
		).toBe('gpu');
		expect(taints(l, 'node-1')).toBe('[{"effect":"NoSchedule","key":"gpu","value":"yes"}]');
		expect(fails(l, 'kubectl taint nodes node-1 gpu:NoSchedule- --dry-run=maybe').error).toBe(
			'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n'
		);
	});

	it('taints every node with --all and the selected ones with -l', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl taint nodes --all zone=a:PreferNoSchedule').output).toBe(
			'node/control-plane tainted\nnode/node-1 tainted\nnode/node-2 tainted\nnode/node-3 tainted\n'
		);
		expect(
			succeeds(l, 'kubectl taint nodes -l kubernetes.io/hostname=node-2 zone:PreferNoSchedule-')
				.output
		).toBe('node/node-2 untainted\n');
		expect(taints(l, 'node-2')).toBe('');
		expect(fails(l, 'kubectl taint nodes --all -l a=b zone-').error).toBe(
			"error: setting 'all' parameter with a non empty selector is prohibited\n"
		);
	});
});

describe('kubectl create deployment refusals', () => {
	it('wraps the server’s Invalid error, and leaves a negative --replicas to the server', () => {
		const l = lab();
		expect(fails(l, 'kubectl create deployment Web --image=nginx').error).toBe(
			`error: failed to create deployment: Deployment.apps "Web" is invalid: metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n`
		);
		expect(fails(l, 'kubectl create deployment web --image=nginx --replicas=-1').error).toBe(
			'error: failed to create deployment: Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n'
		);
		expect(fails(l, 'kubectl create deployment web --image=nginx -n nowhere').error).toBe(
			'error: failed to create deployment: namespaces "nowhere" not found\n'
		);
		expect(fails(l, 'kubectl create deployment web --image=nginx -r two').error).toBe(
			`error: invalid argument "two" for "-r, --replicas" flag: strconv.ParseInt: parsing "two": invalid syntax\nSee 'kubectl create deployment --help' for usage.\n`
		);
	});

	it('turns `_` and `.` of an image name into `-` plus a random suffix (sanitizeAndUniquify)', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment h --image=registry.k8s.io/serve_hostname');
		const name = succeeds(
			l,
			"kubectl get deploy h -o jsonpath='{.spec.template.spec.containers[0].name}'"
		).output;
		expect(name).toMatch(/^serve-hostname-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
	});
});

describe('kubectl scale preconditions', () => {
	it('checks --current-replicas and --resource-version against the scale subresource', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment web --image=nginx --replicas=2');
		expect(fails(l, 'kubectl scale deployment web --replicas=3 --current-replicas=1').error).toBe(
			'error: Expected replicas to be 1, was 2\n'
		);
		const rv = succeeds(
			l,
			"kubectl get deploy web -o jsonpath='{.metadata.resourceVersion}'"
		).output;
		expect(fails(l, 'kubectl scale deployment web --replicas=3 --resource-version=1').error).toBe(
			`error: Expected resource version to be 1, was ${rv}\n`
		);
		expect(
			succeeds(
				l,
				`kubectl scale deployment web --replicas=3 --current-replicas=2 --resource-version=${rv}`
			).output
		).toBe('deployment.apps/web scaled\n');
		expect(fails(l, 'kubectl scale deployment web --replicas=1 --current-replicas=-2').error).toBe(
			'error: The --current-replicas must specify an integer of -1 or greater\n'
		);
		expect(fails(l, 'kubectl scale deployment web').error).toBe(
			'error: required flag(s) "replicas" not set\n'
		);
	});

	it('scales every object named, selected with -l, or --all (the resource builder)', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment web --image=nginx --replicas=2');
		succeeds(l, 'kubectl create deployment api --image=nginx');
		const replicas = () =>
			succeeds(l, "kubectl get deploy -o jsonpath='{range .items[*]}{.spec.replicas} {end}'")
				.output;
		expect(succeeds(l, 'kubectl scale deployment web api --replicas=3').output).toBe(
			'deployment.apps/web scaled\ndeployment.apps/api scaled\n'
		);
		expect(succeeds(l, 'kubectl scale deploy/api deployment/web --replicas=4').output).toBe(
			'deployment.apps/api scaled\ndeployment.apps/web scaled\n'
		);
		// Selected objects come in the API server's name order.
		expect(succeeds(l, 'kubectl scale deploy --all --replicas=1').output).toBe(
			'deployment.apps/api scaled\ndeployment.apps/web scaled\n'
		);
		expect(succeeds(l, 'kubectl scale deploy -l app=web --replicas=2').output).toBe(
			'deployment.apps/web scaled\n'
		);
		expect(replicas()).toBe('1 2 ');
		// A name that is not there: the others are scaled and it is reported last, exit 1
		// (scale.go RunScale returns r.Infos()'s infoErr after the loop).
		const partly = l.exec('kubectl scale deployment web nope --replicas=5');
		expect(partly).toMatchObject({
			ok: false,
			output: 'deployment.apps/web scaled\n',
			error: 'Error from server (NotFound): deployments.apps "nope" not found\n'
		});
		expect(replicas()).toBe('1 5 ');
		succeeds(l, 'kubectl scale deployment web --replicas=2');
		// Nothing found: the NotFound errors alone.
		expect(fails(l, 'kubectl scale deployment nope nope2 --replicas=5').error).toBe(
			'Error from server (NotFound): deployments.apps "nope" not found\n' +
				'Error from server (NotFound): deployments.apps "nope2" not found\n'
		);
		expect(fails(l, 'kubectl scale deploy -l app=none --replicas=5').error).toBe(
			'error: no objects passed to scale\n'
		);
		expect(fails(l, 'kubectl scale deploy web api --replicas=5 --resource-version=1').error).toBe(
			'error: cannot use --resource-version with multiple resources\n'
		);
		expect(fails(l, 'kubectl scale deploy web deploy/api --replicas=5').error).toMatch(
			/^error: there is no need to specify a resource type as a separate argument/
		);
		expect(replicas()).toBe('1 2 ');
	});
});

describe('several errors at once (checkErr, MultipleErrors)', () => {
	it('prints one a line without `error: `, a single one with it', () => {
		const l = lab();
		succeeds(l, 'kubectl run a --image=nginx --labels=tier=x');
		succeeds(l, 'kubectl run b --image=nginx --labels=tier=y');
		expect(fails(l, 'kubectl label pods a nope b tier=z').error).toBe(
			"'tier' already has a value (x), and --overwrite is false\n" +
				'Error from server (NotFound): pods "nope" not found\n' +
				"'tier' already has a value (y), and --overwrite is false\n"
		);
		expect(fails(l, 'kubectl label pods a tier=z').error).toBe(
			"error: 'tier' already has a value (x), and --overwrite is false\n"
		);
	});
});

describe('describe endpoints and endpointslices', () => {
	it('lists subsets and slice endpoints as describe.go does', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment web --image=nginx --replicas=1');
		succeeds(l, 'kubectl expose deployment web --port=80');
		l.advance(30_000);
		const ip = succeeds(
			l,
			"kubectl get pods -l app=web -o jsonpath='{.items[0].status.podIP}'"
		).output;
		const ep = succeeds(l, 'kubectl describe endpoints web');
		expect(ep.error).toBe(
			'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n'
		);
		expect(ep.output).toContain(
			`Subsets:\n  Addresses:          ${ip}\n  NotReadyAddresses:  <none>\n  Ports:\n    Name     Port  Protocol\n    ----     ----  --------\n    <unset>  80    TCP\n\nEvents:  <none>\n`
		);
		const slice = succeeds(
			l,
			'kubectl describe endpointslices -l kubernetes.io/service-name=web'
		).output;
		expect(slice).toContain('AddressType:  IPv4\n');
		expect(slice).toMatch(
			new RegExp(
				`Endpoints:\\n  - Addresses:  ${ip.replace(/\./g, '\\.')}\\n    Conditions:\\n      Ready:    true\\n    Hostname:   <unset>\\n    TargetRef:  Pod/web-`
			)
		);
	});
});

describe('kubectl events', () => {
	it('lists events by time with Kind/name objects, filtered by --for and --types', () => {
		const l = lab();
		succeeds(l, 'kubectl create deployment web --image=nginx --replicas=1');
		l.advance(30_000);
		const all = succeeds(l, 'kubectl events').output.split('\n');
		expect(all[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
		expect(all.some((line) => /\sDeployment\/web\s+Scaled up replica set/.test(line))).toBe(true);
		expect(succeeds(l, 'kubectl events --for deployment/web').output).toMatch(
			/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n30s\s+Normal\s+ScalingReplicaSet\s+Deployment\/web\s+Scaled up replica set web-\S+ from 0 to 1\n$/
		);
		const none = succeeds(l, 'kubectl events --types=Warning');
		expect([none.output, none.error]).toEqual(['', 'No events found in default namespace.\n']);
		expect(fails(l, 'kubectl events --types=Info').error).toBe(
			'error: valid --types are Normal or Warning\n'
		);
		expect(fails(l, 'kubectl events --for web').error).toBe(
			'error: --for must be in resource/name form\n'
		);
	});
});
