/**
 * Short commands in app containers finish at once, print what the real ones print into
 * `kubectl logs`, and the pod then completes or crash-loops by its restartPolicy. The
 * environment is the container's as containerd and the kubelet build it: PATH, HOSTNAME (the
 * pod's name), the spec's variables, the Services' (pkg/kubelet/envvars), HOME.
 */
import { describe, expect, it } from 'vitest';
import { succeeds } from '../../lab-helpers';
import { getPod, labWith, podYaml, row, status, until } from './helpers';

const logs = (lab: ReturnType<typeof labWith>, pod: string) =>
	succeeds(lab, `kubectl logs ${pod}`).output;

describe('each short command ends at once with its exit code', () => {
	const cases: [string, number][] = [
		['["cat", "/etc/hostname"]', 0],
		['["date"]', 0],
		['["printenv"]', 0],
		['["env"]', 0],
		['["echo", "hello"]', 0],
		['["hostname"]', 0],
		['["true"]', 0],
		['["false"]', 1],
		['["ls"]', 0],
		['["id"]', 0],
		['["whoami"]', 0],
		['["uname"]', 0]
	];
	it.each(cases)('%s exits %i', (command, code) => {
		const lab = labWith({
			'p.yaml': podYaml('short', `image: busybox:1.36\ncommand: ${command}`, 'restartPolicy: Never')
		});
		succeeds(lab, 'kubectl apply -f p.yaml');
		lab.advance(10_000);
		expect(status(lab, 'short')?.state?.terminated?.exitCode).toBe(code);
		expect(getPod(lab, 'short').status?.phase).toBe(code === 0 ? 'Succeeded' : 'Failed');
	});
});

describe('cat with no file', () => {
	it('copies stdin: /dev/null ends it at once; an attached stdin keeps it running', () => {
		const lab = labWith({
			'a.yaml': podYaml('nostdin', 'image: busybox:1.36\ncommand: ["cat"]', 'restartPolicy: Never'),
			'b.yaml': podYaml(
				'stdin',
				'image: busybox:1.36\ncommand: ["cat"]\nstdin: true',
				'restartPolicy: Never'
			)
		});
		succeeds(lab, 'kubectl apply -f a.yaml');
		succeeds(lab, 'kubectl apply -f b.yaml');
		lab.advance(30_000);
		expect(status(lab, 'nostdin')?.state?.terminated?.exitCode).toBe(0);
		expect(status(lab, 'stdin')?.state?.running).toBeDefined();
	});
});

describe('their output', () => {
	it('hostname, cat /etc/hostname, id, whoami, uname, ls', () => {
		const lab = labWith({
			'h.yaml': podYaml('h', 'image: busybox:1.36\ncommand: ["hostname"]', 'restartPolicy: Never'),
			'c.yaml': podYaml(
				'c',
				'image: busybox:1.36\ncommand: ["cat", "/etc/hostname"]',
				'restartPolicy: Never'
			),
			'i.yaml': podYaml('i', 'image: busybox:1.36\ncommand: ["id"]', 'restartPolicy: Never'),
			'w.yaml': podYaml('w', 'image: busybox:1.36\ncommand: ["whoami"]', 'restartPolicy: Never'),
			'u.yaml': podYaml('u', 'image: busybox:1.36\ncommand: ["uname"]', 'restartPolicy: Never'),
			'l.yaml': podYaml('l', 'image: busybox:1.36\ncommand: ["ls"]', 'restartPolicy: Never')
		});
		for (const f of ['h', 'c', 'i', 'w', 'u', 'l']) succeeds(lab, `kubectl apply -f ${f}.yaml`);
		lab.advance(10_000);
		expect(logs(lab, 'h')).toBe('h\n');
		expect(logs(lab, 'c')).toBe('c\n');
		expect(logs(lab, 'i')).toBe('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
		expect(logs(lab, 'w')).toBe('root\n');
		expect(logs(lab, 'u')).toBe('Linux\n');
		expect(logs(lab, 'l')).toBe(
			'bin\ndev\netc\nhome\nlib\nlib64\nproc\nroot\nsys\ntmp\nusr\nvar\n'
		);
	});

	it('cat of a ConfigMap volume’s key prints the value', () => {
		const lab = labWith({
			'p.yaml': podYaml(
				'cm',
				[
					'image: busybox:1.36',
					'command: ["cat", "/etc/config/color"]',
					'volumeMounts:',
					'- name: config',
					'  mountPath: /etc/config'
				].join('\n'),
				'restartPolicy: Never\nvolumes:\n- name: config\n  configMap:\n    name: settings'
			)
		});
		succeeds(lab, 'kubectl create configmap settings --from-literal=color=blue');
		succeeds(lab, 'kubectl apply -f p.yaml');
		lab.advance(10_000);
		expect(logs(lab, 'cm')).toBe('blue\n');
	});

	it('a hostNetwork pod’s hostname is its node’s', () => {
		const lab = labWith({
			'p.yaml': podYaml(
				'hn',
				'image: busybox:1.36\ncommand: ["hostname"]',
				'restartPolicy: Never\nhostNetwork: true'
			)
		});
		succeeds(lab, 'kubectl apply -f p.yaml');
		lab.advance(10_000);
		expect(logs(lab, 'hn')).toBe(`${getPod(lab, 'hn').spec!.nodeName}\n`);
	});

	it('id under a securityContext: the "Configure a Security Context" task’s uid, gid and groups', () => {
		const lab = labWith({
			'p.yaml': podYaml(
				'sc',
				'image: busybox:1.28\ncommand: ["id"]',
				'restartPolicy: Never\nsecurityContext:\n  runAsUser: 1000\n  runAsGroup: 3000\n  fsGroup: 2000'
			)
		});
		succeeds(lab, 'kubectl apply -f p.yaml');
		lab.advance(10_000);
		expect(logs(lab, 'sc')).toBe('uid=1000 gid=3000 groups=2000,3000\n');
	});

	it('printenv: PATH, HOSTNAME, the spec’s variables, the Services’, HOME', () => {
		const lab = labWith({
			'p.yaml': podYaml(
				'env',
				'image: busybox:1.36\ncommand: ["printenv"]\nenv:\n- name: GREETING\n  value: hello\n- name: MESSAGE\n  value: $(GREETING) world',
				'restartPolicy: Never'
			)
		});
		// A Service that exists before the pod starts is in its environment.
		succeeds(lab, 'kubectl create service clusterip my-svc --tcp=8080:80');
		const ip = JSON.parse(succeeds(lab, 'kubectl get service my-svc -o json').output).spec
			.clusterIP as string;
		succeeds(lab, 'kubectl apply -f p.yaml');
		lab.advance(10_000);
		expect(logs(lab, 'env').split('\n')).toEqual([
			'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
			'HOSTNAME=env',
			'GREETING=hello',
			'MESSAGE=hello world',
			'KUBERNETES_SERVICE_HOST=10.96.0.1',
			'KUBERNETES_SERVICE_PORT=443',
			'KUBERNETES_SERVICE_PORT_HTTPS=443',
			'KUBERNETES_PORT=tcp://10.96.0.1:443',
			'KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443',
			'KUBERNETES_PORT_443_TCP_PROTO=tcp',
			'KUBERNETES_PORT_443_TCP_PORT=443',
			'KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1',
			`MY_SVC_SERVICE_HOST=${ip}`,
			'MY_SVC_SERVICE_PORT=8080',
			// envvars.go makeEnvVariableName only upper-cases and turns '-' into '_' (a leading
			// digit stays: the 2016 code that prefixed '_' was reverted).
			'MY_SVC_SERVICE_PORT_8080_80=8080',
			`MY_SVC_PORT=tcp://${ip}:8080`,
			`MY_SVC_PORT_8080_TCP=tcp://${ip}:8080`,
			'MY_SVC_PORT_8080_TCP_PROTO=tcp',
			'MY_SVC_PORT_8080_TCP_PORT=8080',
			`MY_SVC_PORT_8080_TCP_ADDR=${ip}`,
			'HOME=/root',
			''
		]);
	});

	it('commands.yaml: `printenv HOSTNAME KUBERNETES_PORT` prints the docs’ two lines', () => {
		const lab = labWith();
		succeeds(lab, 'kubectl apply -f commands.yaml');
		lab.advance(15_000);
		// The task's output: `command-demo` and `tcp://10.3.240.1:443` (its cluster's kubernetes IP).
		expect(logs(lab, 'command-demo')).toBe('command-demo\ntcp://10.96.0.1:443\n');
		// restartPolicy OnFailure: it exited 0, so it is done.
		expect(row(lab, 'command-demo').slice(1, 4)).toEqual(['0/1', 'Completed', '0']);
	});

	it('dapi-envars-pod.yaml: the downward API values, printed every 10 s', () => {
		const lab = labWith();
		succeeds(lab, 'kubectl apply -f dapi-envars-pod.yaml');
		until(lab, () => status(lab, 'dapi-envars-fieldref')?.state?.running !== undefined);
		const pod = getPod(lab, 'dapi-envars-fieldref');
		const values = [
			pod.spec!.nodeName!,
			'dapi-envars-fieldref',
			'default',
			pod.status!.podIP!,
			'default'
		];
		// `echo -en '\n'` starts each round with an empty line.
		expect(logs(lab, 'dapi-envars-fieldref')).toBe(['', ...values, ''].join('\n'));
		lab.advance(10_000);
		expect(logs(lab, 'dapi-envars-fieldref')).toBe(['', ...values, '', ...values, ''].join('\n'));
	});
});

describe('a Deployment of `date`', () => {
	it('shows Completed, then CrashLoopBackOff, restarting with back-off', () => {
		const lab = labWith();
		succeeds(lab, 'kubectl create deployment clock --image=busybox:1.36 -- date');
		const name = () => succeeds(lab, 'kubectl get pods -o name').output.trim().replace('pod/', '');
		until(lab, () => status(lab, name())?.restartCount === 1);
		// The second run's exit shows until the kubelet's next sync (10 s).
		until(lab, () => status(lab, name())?.state?.terminated !== undefined, 5_000, 10);
		expect(row(lab, name()).slice(1, 3)).toEqual(['0/1', 'Completed']);
		expect(logs(lab, name())).toMatch(/^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC 2026\n$/);
		until(lab, () => status(lab, name())?.restartCount === 2, 15_000);
		until(lab, () => status(lab, name())?.state?.waiting !== undefined, 15_000);
		expect(row(lab, name()).slice(1, 3)).toEqual(['0/1', 'CrashLoopBackOff']);
		expect(status(lab, name())?.lastState?.terminated).toMatchObject({
			exitCode: 0,
			reason: 'Completed'
		});
	});
});
