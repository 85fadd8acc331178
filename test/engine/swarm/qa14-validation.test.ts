// QA round 14 (swarm): the demotion quorum safeguard and the CLI's and daemon's validation of
// service flags, each checked against the message the real source prints.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

function swarm(managers: number, workers: number): Lab {
	return createLab({ flavor: 'swarm', managers, workers });
}

const CREATE_USAGE =
	'\n\nUsage:  docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\n' +
	"Run 'docker service create --help' for more information\n";

describe('docker node demote keeps the Raft quorum (controlapi/node.go UpdateNode)', () => {
	// raft.go CanRemoveMember: the members left that the leader reaches must be a majority
	// of the current member list, (n-1)/2+1; a stopped manager does not count.
	it('refuses to demote a reachable manager while another one is down', () => {
		const lab = swarm(3, 1);
		succeeds(lab, 'sim node stop manager-3');
		lab.advance(20_000);
		expect(fails(lab, 'docker node demote manager-2').error).toBe(
			'Error response from daemon: rpc error: code = FailedPrecondition desc = ' +
				"can't remove member from the raft: this would result in a loss of quorum\n"
		);
		expect(
			succeeds(lab, "docker node ls --filter role=manager --format '{{.Hostname}}'").output
		).toBe('manager-1\nmanager-2\nmanager-3\n');
	});

	it('demoting the manager that is down keeps the quorum and succeeds', () => {
		const lab = swarm(3, 0);
		succeeds(lab, 'sim node stop manager-3');
		lab.advance(20_000);
		expect(succeeds(lab, 'docker node demote manager-3').output).toBe(
			'Manager manager-3 demoted in the swarm.\n'
		);
	});

	it('with every manager up, demoting one of three succeeds', () => {
		const lab = swarm(3, 0);
		expect(succeeds(lab, 'docker node demote manager-3').output).toBe(
			'Manager manager-3 demoted in the swarm.\n'
		);
	});
});

describe('service flag validation', () => {
	// swarmkit controlapi/service.go validateUpdate, for the update config only.
	it('a negative --update-delay or --update-monitor is refused by the manager', () => {
		const lab = swarm(1, 0);
		expect(fails(lab, 'docker service create --name r --update-delay -5s nginx').error).toBe(
			'Error response from daemon: rpc error: code = InvalidArgument desc = TaskSpec: update-delay cannot be negative\n'
		);
		expect(fails(lab, 'docker service create --name r --update-monitor -1s nginx').error).toBe(
			'Error response from daemon: rpc error: code = InvalidArgument desc = TaskSpec: update-monitor cannot be negative\n'
		);
	});

	// docker/cli opts.go floatValue.Set parses only; the range is validateUpdate's.
	it('--update-max-failure-ratio outside 0..1 is the daemon’s error, a non-number the CLI’s', () => {
		const lab = swarm(1, 0);
		expect(
			fails(lab, 'docker service create --name r --update-max-failure-ratio 2 nginx').error
		).toBe(
			'Error response from daemon: rpc error: code = InvalidArgument desc = TaskSpec: update-maxfailureratio cannot be less than 0 or bigger than 1\n'
		);
		expect(
			fails(lab, 'docker service create --name r --update-max-failure-ratio x nginx').error
		).toBe(
			'invalid argument "x" for "--update-max-failure-ratio" flag: strconv.ParseFloat: parsing "x": invalid syntax' +
				CREATE_USAGE
		);
	});

	// validateServiceSpec does not look at RollbackConfig.
	it('the rollback config is not range-checked', () => {
		const lab = swarm(1, 0);
		succeeds(lab, 'docker service create -d --name r --rollback-max-failure-ratio 2 nginx');
		expect(
			succeeds(lab, "docker service inspect r --format '{{.Spec.RollbackConfig.MaxFailureRatio}}'")
				.output
		).toBe('2\n');
	});

	// controlapi/service.go validateRestartPolicy.
	it('a negative --restart-delay is refused by the manager', () => {
		const lab = swarm(1, 0);
		expect(fails(lab, 'docker service create --name r --restart-delay -1s nginx').error).toBe(
			'Error response from daemon: rpc error: code = InvalidArgument desc = TaskSpec: restart-delay cannot be negative\n'
		);
	});

	// docker/cli opts.ValidateEnv; pflag names a flag with a shorthand as "-e, --env".
	it('-e =bad: ValidateEnv’s error with the flag named as pflag does, and the usage', () => {
		const lab = swarm(1, 0);
		expect(fails(lab, 'docker service create --name a -e =bad nginx').error).toBe(
			'invalid argument "=bad" for "-e, --env" flag: invalid environment variable: =bad' +
				CREATE_USAGE
		);
	});

	it('-p abc names "-p, --publish" and ends with the usage lines', () => {
		const lab = swarm(1, 0);
		// go-connections nat.ParsePortSpec; its errors are lowercase since go-connections PR #94
		// (v0.5.0, which docker/cli v28 vendors).
		expect(fails(lab, 'docker service create --name a -p abc nginx').error).toBe(
			'invalid argument "abc" for "-p, --publish" flag: invalid containerPort: abc' + CREATE_USAGE
		);
	});

	// docker/cli v28 opts.go addServiceFlags: failure action, order and restart condition are
	// plain string flags; moby daemon/cluster/convert/service.go refuses an unknown word.
	it('an unknown failure action, order or restart condition is the daemon’s error', () => {
		const lab = swarm(1, 0);
		expect(
			fails(lab, 'docker service create --name a --update-failure-action foo nginx').error
		).toBe('Error response from daemon: unrecognized update failure action foo\n');
		expect(fails(lab, 'docker service create --name a --update-order random nginx').error).toBe(
			'Error response from daemon: unrecognized update order random\n'
		);
		expect(
			fails(lab, 'docker service create --name a --restart-condition sometimes nginx').error
		).toBe('Error response from daemon: invalid RestartCondition: "sometimes"\n');
	});

	// docker/cli opts/network.go NetworkOpt.Set: the long syntax, fields lower-cased.
	it('--network name=NET,alias=A attaches NET with its aliases', () => {
		const lab = swarm(1, 0);
		const net = succeeds(lab, 'docker network create -d overlay my-net').output.trim();
		succeeds(
			lab,
			'docker service create -d --name n1 --network name=my-net,alias=web,alias=Front nginx'
		);
		expect(
			succeeds(lab, "docker service inspect n1 --format '{{json .Spec.TaskTemplate.Networks}}'")
				.output
		).toBe(`[{"Target":"${net}","Aliases":["web","front"]}]\n`);
		expect(fails(lab, 'docker service create --name n2 --network alias=web nginx').error).toBe(
			'invalid argument "alias=web" for "--network" flag: network name/id is not specified' +
				CREATE_USAGE
		);
	});

	// docker/cli opts.go ToServiceMode (v28).
	it('--mode global with --replicas-max-per-node is refused by the CLI', () => {
		const lab = swarm(1, 1);
		expect(
			fails(lab, 'docker service create --name g --mode global --replicas-max-per-node 1 nginx')
				.error
		).toBe('replicas-max-per-node can only be used with replicated or replicated-job mode\n');
	});

	// docker 28 cli/cobra.go FlagErrorFunc: "<err>\n\nUsage:  <use line>\n\nRun '<path> --help' …".
	it('docker node ls -f foo ends with docker 28’s usage lines', () => {
		const lab = swarm(1, 0);
		expect(fails(lab, 'docker node ls -f foo').error).toBe(
			'invalid argument "foo" for "-f, --filter" flag: bad format of filter (expected name=value)\n\n' +
				"Usage:  docker node ls [OPTIONS]\n\nRun 'docker node ls --help' for more information\n"
		);
	});
});
