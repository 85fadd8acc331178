// Fixes from a QA pass against Docker 28 swarm mode: each case drives the CLI and checks the
// lines a user sees, with the source that says what real Docker does.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

/** A swarm of one manager and `workers` workers; `stack`, when given, is `stack.yml`. */
function swarm(workers: number, stack?: string): Lab {
	return createLab({
		flavor: 'swarm',
		managers: 1,
		workers,
		readFile: (p) => (p === 'stack.yml' ? stack : undefined)
	});
}

/** A swarm where `line` (a service create) has run. */
function withService(line: string, workers = 0): Lab {
	const lab = swarm(workers);
	succeeds(lab, line);
	return lab;
}

function managerStatus(lab: Lab): string {
	return succeeds(lab, "docker node ls --format '{{.Hostname}} {{.ManagerStatus}}'").output;
}

describe('promote and demote several nodes (manager/role_manager.go)', () => {
	// docker/docs manage-nodes.md: `docker node promote node-3 node-2` prints one line a node.
	// controlapi/node.go UpdateNode only sets the desired role; the role manager changes the Raft
	// member list one change at a time, each once the previous one is applied (raft.go configure).
	it('promote A B promotes both; Raft adds the second once the first change is in', () => {
		const lab = swarm(3);
		expect(succeeds(lab, 'docker node promote worker-1 worker-2').output).toBe(
			'Node worker-1 promoted to a manager in the swarm.\n' +
				'Node worker-2 promoted to a manager in the swarm.\n'
		);
		expect(
			succeeds(lab, "docker node ls --filter role=manager --format '{{.Hostname}}'").output
		).toBe('manager-1\nworker-1\nworker-2\n');
		lab.advance(1_000);
		expect(managerStatus(lab)).toBe(
			'manager-1 Leader\nworker-1 Reachable\nworker-2 Reachable\nworker-3 \n'
		);
	});

	it('two promotes typed one after another, then demote A B, all succeed', () => {
		const lab = swarm(2);
		succeeds(lab, 'docker node promote worker-1');
		expect(succeeds(lab, 'docker node promote worker-2').output).toBe(
			'Node worker-2 promoted to a manager in the swarm.\n'
		);
		lab.advance(1_000);
		expect(managerStatus(lab)).toBe('manager-1 Leader\nworker-1 Reachable\nworker-2 Reachable\n');
		expect(succeeds(lab, 'docker node demote worker-1 worker-2').output).toBe(
			'Manager worker-1 demoted in the swarm.\nManager worker-2 demoted in the swarm.\n'
		);
		lab.advance(1_000);
		expect(managerStatus(lab)).toBe('manager-1 Leader\nworker-1 \nworker-2 \n');
		expect(fails(lab, 'docker node demote manager-1').error).toBe(
			'Error response from daemon: rpc error: code = FailedPrecondition desc = attempting to demote the last manager of the swarm\n'
		);
	});

	it('the second change goes in as soon as the first commits, and survives time travel', () => {
		const lab = swarm(2);
		succeeds(lab, 'docker node promote worker-1 worker-2');
		const pending = 'manager-1 Leader\nworker-1 Reachable\nworker-2 \n';
		expect(managerStatus(lab)).toBe(pending);
		lab.advance(1_000);
		const both = 'manager-1 Leader\nworker-1 Reachable\nworker-2 Reachable\n';
		expect(managerStatus(lab)).toBe(both);
		lab.seek(0);
		expect(managerStatus(lab)).toBe(pending);
		lab.seek(1_000);
		expect(managerStatus(lab)).toBe(both);
	});
});

function states(lab: Lab, service: string): string {
	return succeeds(
		lab,
		`docker service ps --no-trunc --format '{{.Name}} {{.DesiredState}} {{.CurrentState}} {{.Error}}' ${service}`
	).output.replace(/ (less than a second|about a minute|\d+ (seconds?|minutes)) ago/g, '');
}

describe('swarm healthchecks (moby daemon/health.go, executor/container/controller.go)', () => {
	const unhealthy = '"task: non-zero exit (137): dockerexec: unhealthy container"';

	it('a failing check keeps the task Starting, then fails it as unhealthy; it restarts', () => {
		const lab = withService(
			'docker service create -d --name h --health-cmd "exit 1" --health-interval 5s --health-retries 2 nginx:alpine',
			1
		);
		// Pulled and started within 5 s; the first check runs one interval after the start.
		lab.advance(8_000);
		expect(states(lab, 'h')).toBe('h.1 Running Starting \n');
		// Two failures in a row (--health-retries 2): the executor stops the container and the
		// task fails with errors.go ErrContainerUnhealthy wrapped in exitError.
		lab.advance(7_000);
		const failed = states(lab, 'h').split('\n');
		expect(failed[1]).toBe(`h.1 Shutdown Failed ${unhealthy}`);
		// The restart policy (any, 5 s delay) starts a new task, which fails again the same way.
		lab.advance(25_000);
		expect(
			states(lab, 'h')
				.split('\n')
				.filter((l) => l.includes('unhealthy container'))
		).toHaveLength(2);
		expect(succeeds(lab, "docker service ls --format '{{.Name}} {{.Replicas}}'").output).toBe(
			'h 0/1\n'
		);
	});

	it('a passing check (curl to the port nginx serves) makes the task Running at the first check', () => {
		const lab = withService(
			"docker service create -d --name ok --health-cmd 'curl -f http://localhost/ || exit 1' --health-interval 10s nginx:alpine",
			0
		);
		lab.advance(9_000);
		expect(states(lab, 'ok')).toBe('ok.1 Running Starting \n');
		lab.advance(5_000);
		expect(states(lab, 'ok')).toBe('ok.1 Running Running \n');
		lab.advance(60_000);
		expect(states(lab, 'ok')).toBe('ok.1 Running Running \n');
	});

	it('a check of a port nothing listens on fails after the default 3 retries', () => {
		const lab = withService(
			"docker service create -d --name p --health-cmd 'wget -q --spider http://localhost:8080/' --health-interval 2s nginx:alpine",
			0
		);
		// health.go defaultProbeRetries = 3: failures 2, 4 and 6 s after the start (at about 4 s).
		lab.advance(9_000);
		expect(states(lab, 'p')).toBe('p.1 Running Starting \n');
		lab.advance(3_000);
		expect(states(lab, 'p').split('\n')[1]).toBe(`p.1 Shutdown Failed ${unhealthy}`);
	});

	it('failures inside the start period do not count', () => {
		const lab = withService(
			'docker service create -d --name s --health-cmd false --health-interval 2s --health-retries 1 --health-start-period 20s nginx:alpine',
			0
		);
		// Checks every 5 s (the default start interval) inside the 20 s start period, not counted.
		lab.advance(22_000);
		expect(states(lab, 's')).toBe('s.1 Running Starting \n');
		lab.advance(4_000);
		expect(states(lab, 's')).toContain(unhealthy);
	});

	it('sim unhealthy task makes a healthy task fail its next checks', () => {
		const lab = withService(
			'docker service create -d --name w --health-cmd true --health-interval 5s --health-retries 2 nginx:alpine',
			0
		);
		lab.advance(10_000);
		expect(states(lab, 'w')).toBe('w.1 Running Running \n');
		expect(succeeds(lab, 'sim unhealthy task w.1').output).toBe(
			'w.1: its healthchecks fail from now on\n'
		);
		lab.advance(11_000);
		expect(states(lab, 'w').split('\n')[1]).toBe(`w.1 Shutdown Failed ${unhealthy}`);
		expect(fails(lab, 'sim unhealthy task nosuch.1').error).toBe('Error: No such task: nosuch.1\n');
	});

	it('sim crash task makes the container exit with status 1; the task is restarted', () => {
		const lab = withService('docker service create -d --name c nginx:alpine', 0);
		lab.advance(10_000);
		expect(fails(lab, 'sim unhealthy task c.1').error).toBe(
			'Error: task c.1 has no healthcheck to fail\n'
		);
		expect(succeeds(lab, 'sim crash task c.1').output).toBe(
			'c.1: its container exited with status 1\n'
		);
		lab.advance(1_000);
		expect(states(lab, 'c').split('\n')[1]).toBe('c.1 Shutdown Failed "task: non-zero exit (1)"');
	});

	it("a stack file's healthcheck: works the same", () => {
		const stack = [
			'services:',
			'  web:',
			'    image: nginx:alpine',
			'    healthcheck:',
			'      test: ["CMD", "false"]',
			'      interval: 3s',
			'      retries: 1',
			''
		].join('\n');
		const lab = swarm(0, stack);
		succeeds(lab, 'docker stack deploy -c stack.yml s');
		lab.advance(9_000);
		expect(states(lab, 's_web').split('\n')[1]).toBe(`s_web.1 Shutdown Failed ${unhealthy}`);
	});
});

describe('--no-trunc shows the whole ERROR (docker/cli cli/command/task/formatter.go Error)', () => {
	it('service ps and stack ps', () => {
		const lab = withService(
			'docker service create -d --name x --constraint node.labels.a==b nginx',
			2
		);
		lab.advance(1_000);
		const whole = '"no suitable node (scheduling constraints not satisfied on 3 nodes)"\n';
		expect(succeeds(lab, "docker service ps --no-trunc --format '{{.Error}}' x").output).toBe(
			whole
		);
		// Without --no-trunc: formatter.Ellipsis(err, 30).
		expect(succeeds(lab, "docker service ps --format '{{.Error}}' x").output).toBe(
			'"no suitable node (scheduling …"\n'
		);
		expect(succeeds(lab, 'docker service ps --no-trunc x').output).toContain(whole.trim());
	});
});

describe('docker network create --subnet --gateway --ip-range (docker/cli network/create.go)', () => {
	it('the overlay network uses the given pool; its services get addresses from it', () => {
		const lab = swarm(1);
		succeeds(lab, 'docker network create --driver overlay --subnet 10.10.0.0/16 enc');
		expect(
			succeeds(lab, "docker network inspect --format '{{json .IPAM.Config}}' enc").output
		).toBe('[{"Subnet":"10.10.0.0/16","Gateway":"10.10.0.1"}]\n');
		succeeds(
			lab,
			'docker network create --driver overlay --subnet 10.20.0.0/16 --gateway 10.20.0.254 --ip-range 10.20.5.0/24 r'
		);
		// network.IPAMConfig's JSON order: Subnet, IPRange, Gateway.
		expect(succeeds(lab, "docker network inspect --format '{{json .IPAM.Config}}' r").output).toBe(
			'[{"Subnet":"10.20.0.0/16","IPRange":"10.20.5.0/24","Gateway":"10.20.0.254"}]\n'
		);
		succeeds(lab, 'docker service create -d --name a --network enc --replicas 2 nginx');
		succeeds(lab, 'docker service create -d --name b --network r nginx');
		lab.advance(10_000);
		expect(
			succeeds(lab, "docker service inspect --format '{{json .Endpoint.VirtualIPs}}' a").output
		).toMatch(/"Addr":"10\.10\.0\.2\/16"/);
		expect(
			succeeds(lab, "docker service inspect --format '{{json .Endpoint.VirtualIPs}}' b").output
		).toMatch(/"Addr":"10\.20\.5\.\d+\/16"/);
	});

	it("a stack network's ipam.config subnet is honoured too (cli/compose/convert Networks)", () => {
		const stack = [
			'services:',
			'  web:',
			'    image: nginx:alpine',
			'    networks: [back]',
			'networks:',
			'  back:',
			'    ipam:',
			'      config:',
			'        - subnet: 172.28.0.0/16',
			''
		].join('\n');
		const lab = swarm(0, stack);
		succeeds(lab, 'docker stack deploy -c stack.yml s');
		expect(
			succeeds(lab, "docker network inspect --format '{{json .IPAM.Config}}' s_back").output
		).toBe('[{"Subnet":"172.28.0.0/16","Gateway":"172.28.0.1"}]\n');
		expect(
			succeeds(lab, "docker service inspect --format '{{json .Endpoint.VirtualIPs}}' s_web").output
		).toMatch(/"Addr":"172\.28\.0\.2\/16"/);
	});

	it("a gateway or range outside every subnet gets the CLI's error; a bad subnet the daemon's", () => {
		const lab = swarm(0);
		expect(
			fails(lab, 'docker network create -d overlay --subnet 10.30.0.0/16 --gateway 10.31.0.1 x')
				.error
		).toBe('no matching subnet for gateway 10.31.0.1\n');
		expect(fails(lab, 'docker network create -d overlay --gateway 10.31.0.1 x').error).toBe(
			'every ip-range or gateway must have a corresponding subnet\n'
		);
		expect(
			fails(lab, 'docker network create -d overlay --subnet 10.30.0.0/16 --ip-range 10.40.0.0/24 x')
				.error
		).toBe('no matching subnet for range 10.40.0.0/24\n');
		// swarmkit controlapi/network.go validateIPAMConfiguration.
		expect(fails(lab, 'docker network create -d overlay --subnet foo x').error).toBe(
			'Error response from daemon: rpc error: code = InvalidArgument desc = ipam configuration: invalid subnet foo\n'
		);
	});
});

describe('service inspect fills defaults (docker/cli service/inspect.go InsertDefaults: true)', () => {
	// swarmkit api/defaults/service.go InterpolateService: restart any/5s, update and rollback
	// parallelism 1, pause, monitor 5s, ratio 0, stop-first; stop grace period 10s.
	const stack = [
		'services:',
		'  web:',
		'    image: nginx:alpine',
		'    deploy:',
		'      restart_policy:',
		'        condition: on-failure',
		'  api:',
		'    image: nginx:alpine',
		''
	].join('\n');
	const defaults =
		'{"Parallelism":1,"FailureAction":"pause","Monitor":5000000000,"MaxFailureRatio":0,"Order":"stop-first"}';

	function lab(): Lab {
		const l = swarm(0, stack);
		succeeds(l, 'docker stack deploy -c stack.yml s');
		return l;
	}

	it('a stack service reads back with the restart, update and rollback defaults', () => {
		const l = lab();
		const format =
			"'{{json .Spec.TaskTemplate.RestartPolicy}} {{json .Spec.UpdateConfig}} {{json .Spec.RollbackConfig}} {{json .Spec.TaskTemplate.ContainerSpec.StopGracePeriod}}'";
		expect(succeeds(l, `docker service inspect --format ${format} s_web`).output).toBe(
			`{"Condition":"on-failure","Delay":5000000000,"MaxAttempts":0} ${defaults} ${defaults} 10000000000\n`
		);
		expect(succeeds(l, `docker service inspect --format ${format} s_api`).output).toBe(
			`{"Condition":"any","Delay":5000000000,"MaxAttempts":0} ${defaults} ${defaults} 10000000000\n`
		);
	});

	it('--pretty then shows the UpdateConfig and RollbackConfig sections', () => {
		const pretty = succeeds(lab(), 'docker service inspect --pretty s_api').output;
		expect(pretty).toContain(
			'UpdateConfig:\n Parallelism:\t1\n On failure:\tpause\n Monitoring Period: 5s\n Max failure ratio: 0\n Update order:      stop-first\n' +
				'RollbackConfig:\n Parallelism:\t1\n On failure:\tpause\n Monitoring Period: 5s\n Max failure ratio: 0\n Rollback order:    stop-first\n'
		);
	});
});

describe('job services (Docker ≥ 20.10: docker/cli service/opts.go, swarmkit orchestrator/jobs)', () => {
	it('a replicated job runs TotalCompletions tasks, MaxConcurrent at a time, to Complete', () => {
		const lab = withService(
			'docker service create -d --name j --mode replicated-job --replicas 3 --max-concurrent 2 busybox sh -c "sleep 5"',
			2
		);
		expect(succeeds(lab, "docker service inspect --format '{{json .Spec.Mode}}' j").output).toBe(
			'{"ReplicatedJob":{"MaxConcurrent":2,"TotalCompletions":3}}\n'
		);
		// service/formatter.go Replicas: running/desired (completed/total completed).
		lab.advance(4_000);
		expect(succeeds(lab, "docker service ls --format '{{.Mode}} {{.Replicas}}'").output).toBe(
			'replicated job 2/2 (0/3 completed)\n'
		);
		lab.advance(30_000);
		expect(succeeds(lab, "docker service ls --format '{{.Mode}} {{.Replicas}}'").output).toBe(
			'replicated job 0/0 (3/3 completed)\n'
		);
		// Slots 0…2 (jobs/replicated/reconciler.go); task/print.go names slot 0 by its node.
		const rows = succeeds(
			lab,
			"docker service ps --format '{{.Name}} {{.DesiredState}} {{.CurrentState}}' j"
		).output.replace(/ \d+ seconds ago/g, '');
		const node = rows.split('\n').find((l) => !/^j\.\d /.test(l) && l !== '')!;
		expect(node).toMatch(/^j\.[0-9a-z]{25} Complete Complete$/);
		expect(rows).toContain('j.1 Complete Complete\n');
		expect(rows).toContain('j.2 Complete Complete\n');
	});

	it('create waits with the job progress and ends with `job complete` (progress.go)', () => {
		const lab = swarm(1);
		const out = succeeds(
			lab,
			'docker service create --name j --mode replicated-job --replicas 2 busybox echo hi'
		).output;
		const full = '[==================================================>] ';
		expect(out.split('\n').slice(1).join('\n')).toBe(
			`job progress: 2 out of 2 complete ${full}\n` +
				'active tasks: 0 out of 0 tasks \n' +
				`1/2: complete  ${full}\n` +
				`2/2: complete  ${full}\n` +
				'job complete\n'
		);
	});

	it('a global job runs once on every node; a stack deploy.mode job works the same', () => {
		const stack = [
			'services:',
			'  once:',
			'    image: busybox',
			'    command: echo hi',
			'    deploy:',
			'      mode: global-job',
			''
		].join('\n');
		const lab = swarm(2, stack);
		succeeds(lab, 'docker stack deploy -c stack.yml s');
		lab.advance(15_000);
		expect(succeeds(lab, "docker service ls --format '{{.Mode}} {{.Replicas}}'").output).toBe(
			'global job 0/0 (3/3 completed)\n'
		);
	});

	it("the CLI's mode errors", () => {
		const lab = swarm(0);
		expect(fails(lab, 'docker service create --mode global-job --replicas 2 busybox').error).toBe(
			'replicas can only be used with replicated or replicated-job mode\n'
		);
		expect(fails(lab, 'docker service create --mode global --max-concurrent 2 busybox').error).toBe(
			'max-concurrent can only be used with replicated-job mode\n'
		);
		expect(fails(lab, 'docker service create --mode job busybox').error).toBe(
			'Unknown mode: job, only replicated and global supported\n'
		);
	});
});
