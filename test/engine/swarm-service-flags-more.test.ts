// The container flags of `docker service create|update` that tutorials use and the lab used to
// refuse as unknown: --dns*, --init, --read-only, --cap-add/--cap-drop, --env-file,
// --log-driver/--log-opt, --ulimit, --sysctl, --limit-pids. Sources (docker/cli v28):
// cli/command/service/opts.go (ToService, addServiceFlags), create.go, update.go
// (updateDNSConfig, updateSysCtls, updateUlimits, updateCapabilities, updateLogDriver),
// formatter.go (serviceInspectPrettyTemplate), opts/opts.go (ValidateIPAddress,
// ValidateDNSSearch), opts/capabilities.go, opts/env.go, pkg/kvfile/kvfile.go, go-units v0.5.0
// ulimit.go; moby daemon/cluster/convert/service.go (PidsLimit read back as Limits.Pids).
import { describe, expect, it } from 'vitest';
import type { Lab } from '../../src/engine/index';
import { fails, succeeds } from './lab-helpers';
import { swarmLab } from './swarm/real-inputs/helpers';

const CREATE_USAGE =
	"\n\nUsage:  docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker service create --help' for more information\n";
const UPDATE_USAGE =
	"\n\nUsage:  docker service update [OPTIONS] SERVICE\n\nRun 'docker service update --help' for more information\n";

/** `{{json <path>}}` of the service, without the newline. */
function json(lab: Lab, service: string, path: string): string {
	return succeeds(
		lab,
		`docker service inspect --format '{{json ${path}}}' ${service}`
	).output.trim();
}

const spec = (lab: Lab, s: string) => json(lab, s, '.Spec.TaskTemplate.ContainerSpec');
const pretty = (lab: Lab, s: string) =>
	succeeds(lab, `docker service inspect --pretty ${s}`).output;

describe('--dns, --dns-search, --dns-option', () => {
	it('create stores them in ContainerSpec.DNSConfig, normalised as the CLI validators do', () => {
		const lab = swarmLab();
		succeeds(
			lab,
			'docker service create -d --name web --dns 8.8.8.8 --dns 2001:DB8:0:0:0:0:0:1 --dns-search example.com. --dns-option ndots:2 nginx'
		);
		// ValidateIPAddress returns net.IP's String(); ValidateDNSSearch drops the final dot.
		expect(json(lab, 'web', '.Spec.TaskTemplate.ContainerSpec.DNSConfig')).toBe(
			'{"Nameservers":["8.8.8.8","2001:db8::1"],"Search":["example.com"],"Options":["ndots:2"]}'
		);
		// ToService always sends a DNSConfig, so a service without the flags shows an empty one.
		succeeds(lab, 'docker service create -d --name plain nginx');
		expect(json(lab, 'plain', '.Spec.TaskTemplate.ContainerSpec.DNSConfig')).toBe('{}');
	});

	it('update adds and removes entries, each list deduplicated and sorted', () => {
		const lab = swarmLab();
		succeeds(lab, 'docker service create -d --name web --dns 8.8.8.8 --dns-option ndots:2 nginx');
		succeeds(
			lab,
			'docker service update -d --dns-add 1.1.1.1 --dns-add 8.8.8.8 --dns-search-add corp.example --dns-option-rm ndots:2 web'
		);
		expect(json(lab, 'web', '.Spec.TaskTemplate.ContainerSpec.DNSConfig')).toBe(
			'{"Nameservers":["1.1.1.1","8.8.8.8"],"Search":["corp.example"]}'
		);
		succeeds(lab, 'docker service update -d --dns-rm 1.1.1.1 --dns-rm 8.8.8.8 web');
		expect(json(lab, 'web', '.Spec.TaskTemplate.ContainerSpec.DNSConfig')).toBe(
			'{"Search":["corp.example"]}'
		);
	});

	it('refuses what the validators refuse, and --dns on update, changing nothing', () => {
		const lab = swarmLab();
		succeeds(lab, 'docker service create -d --name web nginx');
		expect(fails(lab, 'docker service create -d --dns 1.2.3 nginx').error).toBe(
			`invalid argument "1.2.3" for "--dns" flag: IP address is not correctly formatted: 1.2.3${CREATE_USAGE}`
		);
		expect(fails(lab, 'docker service create -d --dns-search -corp nginx').error).toBe(
			`invalid argument "-corp" for "--dns-search" flag: -corp is not a valid domain${CREATE_USAGE}`
		);
		expect(fails(lab, 'docker service update -d --dns-add 300.1.1.1 web').error).toBe(
			`invalid argument "300.1.1.1" for "--dns-add" flag: IP address is not correctly formatted: 300.1.1.1${UPDATE_USAGE}`
		);
		// update.go defines only the -add/-rm forms.
		expect(fails(lab, 'docker service update -d --dns 1.1.1.1 web').error).toBe(
			`unknown flag: --dns${UPDATE_USAGE}`
		);
	});
});

describe('--init and --read-only', () => {
	it('create stores Init and ReadOnly; the pretty form shows Init only', () => {
		const lab = swarmLab();
		succeeds(lab, 'docker service create -d --name web --init --read-only nginx');
		expect(spec(lab, 'web')).toMatch(/"Init":true,"ReadOnly":true,"StopGracePeriod":/);
		const text = pretty(lab, 'web');
		expect(text).toContain('\n Init:\t\ttrue\n');
		expect(text).not.toContain('ReadOnly');
	});

	it('update sets them both ways; ReadOnly false is omitted (omitempty)', () => {
		const lab = swarmLab();
		succeeds(lab, 'docker service create -d --name web --read-only nginx');
		expect(spec(lab, 'web')).toContain('"Init":false,"ReadOnly":true');
		succeeds(lab, 'docker service update -d --init --read-only=false web');
		expect(spec(lab, 'web')).toContain('"Init":true,"StopGracePeriod"');
	});
});

describe('--cap-add and --cap-drop', () => {
	it('create normalises names, lets ALL stand alone and adding win over dropping', () => {
		const lab = swarmLab();
		succeeds(
			lab,
			'docker service create -d --name web --cap-add net_admin --cap-add CAP_SYS_TIME --cap-drop NET_ADMIN --cap-drop chown nginx'
		);
		expect(spec(lab, 'web')).toContain(
			'"CapabilityAdd":["CAP_NET_ADMIN","CAP_SYS_TIME"],"CapabilityDrop":["CAP_CHOWN"]'
		);
		expect(pretty(lab, 'web')).toContain(
			'\nCapabilities:\n Add: CAP_NET_ADMIN, CAP_SYS_TIME\n Drop: CAP_CHOWN\n'
		);
		succeeds(lab, 'docker service create -d --name locked --cap-drop all --cap-drop NET_RAW nginx');
		expect(spec(lab, 'locked')).toContain('"CapabilityDrop":["ALL"]');
	});

	it('update: dropping an added capability only un-adds it; RESET clears a list', () => {
		const lab = swarmLab();
		succeeds(lab, 'docker service create -d --name web --cap-add NET_ADMIN --cap-drop CHOWN nginx');
		succeeds(lab, 'docker service update -d --cap-drop net_admin --cap-add chown web');
		// Both were undone, so neither list is left.
		expect(spec(lab, 'web')).not.toContain('Capability');
		succeeds(lab, 'docker service update -d --cap-add SYS_TIME --cap-add NET_RAW web');
		succeeds(lab, 'docker service update -d --cap-add RESET --cap-add SYS_ADMIN web');
		expect(spec(lab, 'web')).toContain('"CapabilityAdd":["CAP_SYS_ADMIN"]');
	});
});

describe('--env-file', () => {
	const FILE = '# app settings\n\n  MODE=prod\nQUOTED="kept as written"\nTOKEN\nPORT=80\n';

	it('reads the file as kvfile does: comments and blank lines skipped, quotes kept', () => {
		const lab = swarmLab({ 'app.env': FILE });
		succeeds(lab, 'docker service create -d --name web --env-file app.env -e PORT=8080 nginx');
		// TOKEN has no value and is unset in the client, so it is left out; -e overrides PORT.
		expect(json(lab, 'web', '.Spec.TaskTemplate.ContainerSpec.Env')).toBe(
			'["MODE=prod","QUOTED=\\"kept as written\\"","PORT=8080"]'
		);
	});

	it('a bare NAME takes the value the learner exported in the shell', () => {
		const lab = swarmLab({ 'app.env': 'TOKEN\n' });
		succeeds(lab, 'export TOKEN=s3cret');
		succeeds(lab, 'docker service create -d --name web --env-file app.env nginx');
		expect(json(lab, 'web', '.Spec.TaskTemplate.ContainerSpec.Env')).toBe('["TOKEN=s3cret"]');
	});

	it('refuses a missing file or a key with white space, changing nothing', () => {
		const lab = swarmLab({ 'bad.env': 'MY KEY=1\n' });
		expect(fails(lab, 'docker service create -d --env-file missing.env nginx').error).toBe(
			'open missing.env: no such file or directory\n'
		);
		expect(fails(lab, 'docker service create -d --env-file bad.env nginx').error).toBe(
			"invalid env file (bad.env): variable 'MY KEY' contains whitespaces\n"
		);
		// Only create takes the flag.
		expect(fails(lab, 'docker service update --env-file bad.env web').error).toBe(
			`unknown flag: --env-file${UPDATE_USAGE}`
		);
	});

	it('update --env-add replaces a variable of the same name', () => {
		const lab = swarmLab();
		succeeds(lab, 'docker service create -d --name web -e MODE=dev -e PORT=80 nginx');
		succeeds(lab, 'docker service update -d --env-add MODE=prod web');
		expect(json(lab, 'web', '.Spec.TaskTemplate.ContainerSpec.Env')).toBe(
			'["MODE=prod","PORT=80"]'
		);
	});
});

describe('--log-driver and --log-opt', () => {
	it('create sets TaskTemplate.LogDriver; the pretty form lists its options', () => {
		const lab = swarmLab();
		succeeds(
			lab,
			'docker service create -d --name web --log-driver json-file --log-opt max-size=10m --log-opt max-file=3 nginx'
		);
		expect(json(lab, 'web', '.Spec.TaskTemplate.LogDriver')).toBe(
			'{"Name":"json-file","Options":{"max-file":"3","max-size":"10m"}}'
		);
		expect(pretty(lab, 'web')).toContain(
			'\nLog Driver:\n Name:\t\tjson-file\n LogOpts:\n  max-file:       3\n  max-size:       10m\n\n'
		);
		// toLogDriver: no driver name, no LogDriver, whatever the options.
		succeeds(lab, 'docker service create -d --name opts-only --log-opt max-size=1m nginx');
		expect(json(lab, 'opts-only', '.Spec.TaskTemplate.LogDriver')).toBe('null');
	});

	it('update replaces the driver and all its options, and only with --log-driver', () => {
		const lab = swarmLab();
		succeeds(
			lab,
			'docker service create -d --name web --log-driver json-file --log-opt max-size=10m nginx'
		);
		succeeds(lab, 'docker service update -d --log-opt max-size=1m web');
		expect(json(lab, 'web', '.Spec.TaskTemplate.LogDriver')).toBe(
			'{"Name":"json-file","Options":{"max-size":"10m"}}'
		);
		succeeds(lab, 'docker service update -d --log-driver syslog web');
		expect(json(lab, 'web', '.Spec.TaskTemplate.LogDriver')).toBe('{"Name":"syslog"}');
	});

	it('--log-opt needs a name (opts.ValidateEnv)', () => {
		const lab = swarmLab();
		expect(
			fails(lab, 'docker service create -d --log-driver syslog --log-opt =x nginx').error
		).toBe(
			`invalid argument "=x" for "--log-opt" flag: invalid environment variable: =x${CREATE_USAGE}`
		);
	});
});

describe('--ulimit', () => {
	it('create stores them sorted by name, soft defaulting to hard; pretty shows soft:hard', () => {
		const lab = swarmLab();
		succeeds(
			lab,
			'docker service create -d --name web --ulimit nproc=512 --ulimit nofile=1024:2048 nginx'
		);
		expect(json(lab, 'web', '.Spec.TaskTemplate.ContainerSpec.Ulimits')).toBe(
			'[{"Name":"nofile","Hard":2048,"Soft":1024},{"Name":"nproc","Hard":512,"Soft":512}]'
		);
		expect(pretty(lab, 'web')).toContain('\nUlimits:\n nofile: 1024:2048\n nproc: 512:512\n');
	});

	it('update adds, replaces and removes by name', () => {
		const lab = swarmLab();
		succeeds(
			lab,
			'docker service create -d --name web --ulimit nproc=512 --ulimit nofile=1024 nginx'
		);
		succeeds(
			lab,
			'docker service update -d --ulimit-add nofile=4096 --ulimit-add core=0 --ulimit-rm nproc web'
		);
		expect(json(lab, 'web', '.Spec.TaskTemplate.ContainerSpec.Ulimits')).toBe(
			'[{"Name":"core","Hard":0,"Soft":0},{"Name":"nofile","Hard":4096,"Soft":4096}]'
		);
	});

	it('refuses values go-units ParseUlimit refuses', () => {
		const lab = swarmLab();
		const cases: [string, string][] = [
			['nofile=abc', 'strconv.ParseInt: parsing "abc": invalid syntax'],
			['nofile=10:5', 'ulimit soft limit must be less than or equal to hard limit: 10 > 5'],
			['files=10', 'invalid ulimit type: files'],
			['nofile', 'invalid ulimit argument: nofile'],
			[
				'nofile=1:2:3',
				'too many limit value arguments - 1:2:3, can only have up to two, `soft[:hard]`'
			]
		];
		for (const [value, why] of cases) {
			expect(fails(lab, `docker service create -d --ulimit ${value} nginx`).error).toBe(
				`invalid argument "${value}" for "--ulimit" flag: ${why}${CREATE_USAGE}`
			);
		}
	});
});

describe('--sysctl', () => {
	it('create stores a map; update adds and removes keys; pretty lists them', () => {
		const lab = swarmLab();
		succeeds(
			lab,
			'docker service create -d --name web --sysctl net.ipv4.ip_forward=1 --sysctl net.core.somaxconn=1024 nginx'
		);
		expect(json(lab, 'web', '.Spec.TaskTemplate.ContainerSpec.Sysctls')).toBe(
			'{"net.core.somaxconn":"1024","net.ipv4.ip_forward":"1"}'
		);
		expect(pretty(lab, 'web')).toContain(
			'\nSysCtls:\n net.core.somaxconn: 1024\n net.ipv4.ip_forward: 1\n'
		);
		succeeds(
			lab,
			'docker service update -d --sysctl-rm net.ipv4.ip_forward --sysctl-add net.ipv4.tcp_syncookies=1 web'
		);
		expect(json(lab, 'web', '.Spec.TaskTemplate.ContainerSpec.Sysctls')).toBe(
			'{"net.core.somaxconn":"1024","net.ipv4.tcp_syncookies":"1"}'
		);
	});
});

describe('--limit-pids', () => {
	it('lands in Resources.Limits.Pids after the CPU and memory limits; pretty shows PIDs', () => {
		const lab = swarmLab();
		succeeds(lab, 'docker service create -d --name web --limit-pids 100 --limit-memory 512M nginx');
		expect(json(lab, 'web', '.Spec.TaskTemplate.Resources')).toBe(
			'{"Limits":{"MemoryBytes":536870912,"Pids":100},"Reservations":{}}'
		);
		expect(pretty(lab, 'web')).toContain(
			'\nResources:\n Limits:\n  Memory:\t512MiB\n  PIDs:\t\t100\n'
		);
		succeeds(lab, 'docker service update -d --limit-cpu 0.5 --limit-pids 0 web');
		expect(json(lab, 'web', '.Spec.TaskTemplate.Resources.Limits')).toBe(
			'{"NanoCPUs":500000000,"MemoryBytes":536870912}'
		);
	});

	it('parses as pflag Int64Var does (base prefixes allowed), refusing other text', () => {
		const lab = swarmLab();
		succeeds(lab, 'docker service create -d --name web --limit-pids 0x40 nginx');
		expect(json(lab, 'web', '.Spec.TaskTemplate.Resources.Limits.Pids')).toBe('64');
		expect(fails(lab, 'docker service create -d --limit-pids many nginx').error).toBe(
			`invalid argument "many" for "--limit-pids" flag: strconv.ParseInt: parsing "many": invalid syntax${CREATE_USAGE}`
		);
	});
});
