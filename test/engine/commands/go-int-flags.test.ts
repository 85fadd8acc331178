// Integer flags as kubectl and docker read them: pflag's Int/Int32/Int64 values call
// strconv.ParseInt(s, 0, bits) and Uint64 values (and docker/cli's opts.Uint64Opt)
// strconv.ParseUint(s, 0, 64) (spf13/pflag int.go, int32.go, int64.go, uint64.go;
// docker/cli opts/opts.go), so `0x10`, `0b101`, `010` (octal) and `1_0` are numbers and
// `1__0`, `-1` (unsigned) and values past the type's range are refused with strconv's
// NumError text inside pflag's `invalid argument "s" for "--flag" flag: …` (flag.go). kubectl
// adds its flag error func's `See 'kubectl CMD --help' for usage.` (templater.go
// FlagErrorFunc); docker prints its usage block. `docker service scale` parses base 10
// (scale.go: strconv.ParseUint(scaleStr, 10, 64)).
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';
import { parseGoInt, parseGoUint } from '../../../src/engine/commands/go-int';

const out = (lab: Lab, line: string) => succeeds(lab, line).output;

function kubeLab(): Lab {
	const lab = createLab({ flavor: 'kubernetes', workers: 1 });
	succeeds(lab, 'kubectl create deployment web --image=nginx --replicas=2');
	return lab;
}

const kubectlRefusal = (text: string, flag: string, why: string, command: string) =>
	`error: invalid argument "${text}" for "${flag}" flag: strconv.ParseInt: parsing "${text}": ${why}\nSee 'kubectl ${command} --help' for usage.\n`;

describe('strconv.ParseInt / ParseUint', () => {
	it('reads what Go reads, base 0', () => {
		expect(parseGoInt('0x10', 64)).toBe(16);
		expect(parseGoInt('0X1f', 64)).toBe(31);
		expect(parseGoInt('0o17', 64)).toBe(15);
		expect(parseGoInt('017', 64)).toBe(15);
		expect(parseGoInt('0b101', 64)).toBe(5);
		expect(parseGoInt('1_000', 64)).toBe(1000);
		expect(parseGoInt('0x_1f', 64)).toBe(31);
		expect(parseGoInt('+7', 64)).toBe(7);
		expect(parseGoInt('-0x10', 64)).toBe(-16);
		expect(parseGoInt('0', 32)).toBe(0);
		expect(parseGoInt('-2147483648', 32)).toBe(-2147483648);
	});

	it("refuses what Go refuses, with strconv's reason", () => {
		for (const bad of [
			'',
			'-',
			'+-1',
			'abc',
			'1__0',
			'_1',
			'1_',
			'0x',
			'08',
			'0b2',
			'1e3',
			' 1',
			'１'
		])
			expect(parseGoInt(bad, 64), bad).toBe('invalid syntax');
		expect(parseGoInt('2147483648', 32)).toBe('value out of range');
		expect(parseGoInt('-2147483649', 32)).toBe('value out of range');
		expect(parseGoInt('9223372036854775808', 64)).toBe('value out of range');
		// A digit past the range settles it before a later bad character is read (atoi.go).
		expect(parseGoInt('99999999999999999999x', 64)).toBe('value out of range');
		expect(parseGoUint('-1', 64)).toBe('invalid syntax');
		expect(parseGoUint('18446744073709551616', 64)).toBe('value out of range');
		expect(parseGoUint('4294967296', 32)).toBe('value out of range');
		// Base 10: no prefixes, no underscores.
		expect(parseGoUint('0x2', 64, 10)).toBe('invalid syntax');
		expect(parseGoUint('1_0', 64, 10)).toBe('invalid syntax');
		expect(parseGoUint('010', 64, 10)).toBe(10);
	});
});

describe('kubectl integer flags', () => {
	it('kubectl scale --replicas takes hex, octal, binary and underscores', () => {
		const lab = kubeLab();
		for (const [text, replicas] of [
			['0x10', '16'],
			['010', '8'],
			['0b11', '3'],
			['1_0', '10']
		] as const) {
			expect(out(lab, `kubectl scale deployment web --replicas ${text}`)).toBe(
				'deployment.apps/web scaled\n'
			);
			expect(out(lab, 'kubectl get deployment web -o jsonpath={.spec.replicas}')).toBe(replicas);
		}
	});

	it("kubectl scale --replicas refuses with pflag's error and the usage hint", () => {
		const lab = kubeLab();
		for (const [text, why] of [
			['abc', 'invalid syntax'],
			['1__0', 'invalid syntax'],
			['9223372036854775808', 'value out of range']
		] as const)
			expect(fails(lab, `kubectl scale deployment web --replicas ${text}`).error).toBe(
				kubectlRefusal(text, '--replicas', why, 'scale')
			);
		// Parsed, then refused by scale's Validate.
		expect(fails(lab, 'kubectl scale deployment web --replicas -1').error).toBe(
			'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n'
		);
	});

	it('kubectl create deployment -r is an Int32, --port too', () => {
		const lab = kubeLab();
		expect(fails(lab, 'kubectl create deployment big --image=nginx -r 2147483648').error).toBe(
			kubectlRefusal('2147483648', '-r, --replicas', 'value out of range', 'create deployment')
		);
		expect(fails(lab, 'kubectl create deployment q --image=nginx --port 8o').error).toBe(
			kubectlRefusal('8o', '--port', 'invalid syntax', 'create deployment')
		);
		succeeds(lab, 'kubectl create deployment p --image=nginx --port 0x50');
		expect(
			out(
				lab,
				'kubectl get deployment p -o jsonpath={.spec.template.spec.containers[0].ports[0].containerPort}'
			)
		).toBe('80');
	});

	it('kubectl autoscale reads --min and --max as Int32, before the required check', () => {
		const lab = kubeLab();
		succeeds(lab, 'kubectl autoscale deployment web --min 0x2 --max 0b101');
		expect(
			out(lab, 'kubectl get hpa web -o jsonpath={.spec.minReplicas}/{.spec.maxReplicas}')
		).toBe('2/5');
		// cobra parses the flags first: a bad --min is reported even without --max.
		expect(fails(lab, 'kubectl autoscale deployment web --min abc').error).toBe(
			kubectlRefusal('abc', '--min', 'invalid syntax', 'autoscale')
		);
	});

	it('kubectl rollout, delete, logs and create service use the same parser and hint', () => {
		const lab = kubeLab();
		expect(fails(lab, 'kubectl rollout undo deployment/web --to-revision=two').error).toBe(
			kubectlRefusal('two', '--to-revision', 'invalid syntax', 'rollout undo')
		);
		expect(fails(lab, 'kubectl delete deployment web --grace-period 0x').error).toBe(
			kubectlRefusal('0x', '--grace-period', 'invalid syntax', 'delete')
		);
		expect(fails(lab, 'kubectl logs -l app=web --max-log-requests x').error).toBe(
			kubectlRefusal('x', '--max-log-requests', 'invalid syntax', 'logs')
		);
		succeeds(lab, 'kubectl create service nodeport np --tcp 80 --node-port 0x7530');
		expect(out(lab, 'kubectl get svc np -o jsonpath={.spec.ports[0].nodePort}')).toBe('30000');
		expect(fails(lab, 'kubectl create service nodeport np2 --tcp 80 --node-port 3e4').error).toBe(
			kubectlRefusal('3e4', '--node-port', 'invalid syntax', 'create service nodeport')
		);
	});
});

describe('docker integer flags', () => {
	const usage = (command: string, line: string) =>
		`\nUsage:  ${line}\n\nRun 'docker ${command} --help' for more information\n`;
	const CREATE = usage(
		'service create',
		'docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]'
	);

	function swarmLab(): Lab {
		return createLab({ flavor: 'swarm', workers: 1 });
	}

	it('docker service create --replicas is a Uint64Opt: base 0', () => {
		const lab = swarmLab();
		succeeds(lab, 'docker service create --name a --replicas 0x3 --detach nginx');
		expect(out(lab, "docker service inspect a --format '{{.Spec.Mode.Replicated.Replicas}}'")).toBe(
			'3\n'
		);
		succeeds(lab, 'docker service create --name b --replicas 010 --detach nginx');
		expect(out(lab, "docker service inspect b --format '{{.Spec.Mode.Replicated.Replicas}}'")).toBe(
			'8\n'
		);
		for (const [text, why] of [
			['-1', 'invalid syntax'],
			['1_000_', 'invalid syntax'],
			['18446744073709551616', 'value out of range']
		] as const)
			expect(fails(lab, `docker service create --name c --replicas ${text} nginx`).error).toBe(
				`invalid argument "${text}" for "--replicas" flag: strconv.ParseUint: parsing "${text}": ${why}\n${CREATE}`
			);
	});

	it('a replicated job reads --replicas and --max-concurrent the same way', () => {
		const lab = swarmLab();
		succeeds(
			lab,
			'docker service create --name e --mode replicated-job --replicas 0x2 --max-concurrent 0b1 --detach busybox'
		);
		expect(out(lab, "docker service inspect e --format '{{json .Spec.Mode}}'")).toBe(
			'{"ReplicatedJob":{"MaxConcurrent":1,"TotalCompletions":2}}\n'
		);
		// A global service refuses --replicas however it is written.
		expect(
			fails(lab, 'docker service create --name f --mode global --replicas 0x2 nginx').error
		).toBe('replicas can only be used with replicated or replicated-job mode\n');
	});

	it('docker service scale parses base 10', () => {
		const lab = swarmLab();
		succeeds(lab, 'docker service create --name a --replicas 1 --detach nginx');
		expect(fails(lab, 'docker service scale a=0x2').error).toBe(
			'a: invalid replicas value 0x2: strconv.ParseUint: parsing "0x2": invalid syntax\n'
		);
		expect(fails(lab, 'docker service scale a=99999999999999999999').error).toBe(
			'a: invalid replicas value 99999999999999999999: strconv.ParseUint: parsing "99999999999999999999": value out of range\n'
		);
		expect(out(lab, 'docker service scale a=007 --detach')).toBe('a scaled to 7\n');
	});

	it('docker service update --update-parallelism and docker swarm update read Go integers', () => {
		const lab = swarmLab();
		succeeds(lab, 'docker service create --name a --detach nginx');
		succeeds(lab, 'docker service update --update-parallelism 0b11 --detach a');
		expect(out(lab, "docker service inspect a --format '{{.Spec.UpdateConfig.Parallelism}}'")).toBe(
			'3\n'
		);
		const UPDATE = usage('swarm update', 'docker swarm update [OPTIONS]');
		expect(fails(lab, 'docker swarm update --max-snapshots abc').error).toBe(
			`invalid argument "abc" for "--max-snapshots" flag: strconv.ParseUint: parsing "abc": invalid syntax\n${UPDATE}`
		);
		expect(fails(lab, 'docker swarm update --task-history-limit 9223372036854775808').error).toBe(
			`invalid argument "9223372036854775808" for "--task-history-limit" flag: strconv.ParseInt: parsing "9223372036854775808": value out of range\n${UPDATE}`
		);
		expect(out(lab, 'docker swarm update --snapshot-interval 0x10')).toBe('Swarm updated.\n');
	});

	it("a secret's mode is strconv.ParseUint(s, 0, 32)", () => {
		const lab = swarmLab();
		expect(
			fails(lab, 'docker service create --name d --secret source=s,mode=4294967296 nginx').error
		).toBe(
			`invalid argument "source=s,mode=4294967296" for "--secret" flag: invalid mode specified: strconv.ParseUint: parsing "4294967296": value out of range\n${CREATE}`
		);
	});
});
