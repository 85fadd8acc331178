/**
 * The interview exercises (src/viz/exercises): each starts in trouble — its goals do not all hold
 * — and its published answer, typed line by line, makes every goal hold. A plausible half-answer
 * leaves a goal unmet, and checking a goal never changes the lab.
 */
import { describe, expect, it } from 'vitest';
import '../../src/engine/index';
import { EXERCISES, type Exercise } from '../../src/viz/exercises/catalog';
import { goalsHeld } from '../../src/viz/exercises/check';
import { scenarioLab } from '../../src/viz/scenario-lab';

const ALL: Exercise[] = Object.values(EXERCISES);

function start(exercise: Exercise) {
	return scenarioLab(exercise.scenario, exercise.flavor);
}

function run(lab: ReturnType<typeof start>, lines: readonly string[]) {
	for (const line of lines) {
		const result = lab.exec(line);
		expect(result.ok, `${line}\n${result.output}${result.error ?? ''}`).toBe(true);
	}
}

describe.each(ALL.map((e) => [e.id, e] as const))('exercise %s', (_id, exercise) => {
	it('starts with a goal unmet', () => {
		expect(goalsHeld(start(exercise), exercise.goals)).toContain(false);
	});

	it('is solved by its published answer', () => {
		const lab = start(exercise);
		run(lab, exercise.solution);
		expect(goalsHeld(lab, exercise.goals)).toEqual(exercise.goals.map(() => true));
	});

	it('checks its goals without changing the lab', () => {
		const lab = start(exercise);
		const before = { t: lab.now(), hash: lab.traceHash(), snapshot: lab.snapshot() };
		goalsHeld(lab, exercise.goals);
		expect(lab.now()).toBe(before.t);
		expect(lab.traceHash()).toBe(before.hash);
		expect(lab.snapshot()).toEqual(before.snapshot);
	});
});

describe('what the exercises say of their labs holds', () => {
	it('bad-rollout: three old pods serve while one new pod waits in ImagePullBackOff', () => {
		const out = start(EXERCISES['roll-back']).exec(
			'kubectl get pods -l app=web --no-headers'
		).output;
		expect(out.match(/ Running /g)).toHaveLength(3);
		expect(out.match(/ ImagePullBackOff /g)).toHaveLength(1);
	});

	it('node-maintenance: two of the four web pods run on node-2', () => {
		const out = start(EXERCISES['drain-with-budget']).exec(
			'kubectl get pods -l app=web -o wide --no-headers'
		).output;
		expect(out.trim().split('\n')).toHaveLength(4);
		expect(out.match(/ node-2 /g)).toHaveLength(2);
	});

	it('lost-manager: manager-2 is Down and Unreachable, and the quorum holds (the service is 3/3)', () => {
		const lab = start(EXERCISES['replace-lost-manager']);
		expect(lab.exec('docker node ls').output).toMatch(/manager-2\s+Down\s+Active\s+Unreachable/);
		expect(lab.exec('docker service ls').output).toMatch(/web\s+replicated\s+3\/3/);
	});

	it('ssd-only: all three pods Pending, the scheduler saying no node matches their selector', () => {
		const lab = start(EXERCISES['stuck-pending']);
		const pods = lab.exec('kubectl get pods -l app=web --no-headers').output;
		expect(pods.match(/ Pending /g)).toHaveLength(3);
		expect(lab.exec('kubectl describe pods -l app=web').output).toContain(
			"3 node(s) didn't match Pod's node affinity/selector"
		);
	});

	it('wrong-selector: three Running pods, no endpoints, and every request failing', () => {
		const lab = start(EXERCISES['no-endpoints']);
		const pods = lab.exec('kubectl get pods --no-headers').output;
		expect(pods.match(/ Running /g)).toHaveLength(3);
		expect(lab.exec('kubectl get endpoints web --no-headers').output).toMatch(/<none>/);
		expect(lab.exec('sim traffic').output).toMatch(
			/service\/web +clusterip +10\/s +\d+ +0 +\d+ .*no endpoints=/
		);
	});

	it('east-only: both tasks Pending with no suitable node', () => {
		const lab = start(EXERCISES.placement);
		const tasks = lab.exec('docker service ps web').output;
		expect(tasks.match(/Pending/g)).toHaveLength(2);
		expect(tasks).toContain('no suitable node');
	});
});

describe('half-answers do not pass', () => {
	it('roll-back: the right image but the stuck pod not yet replaced', () => {
		const lab = start(EXERCISES['roll-back']);
		run(lab, ['kubectl rollout undo deployment/web']);
		const [healthy, image, complete] = goalsHeld(lab, EXERCISES['roll-back'].goals);
		expect(image).toBe(true);
		expect(healthy && complete).toBe(false);
	});

	it('roll-back: fixing the image by hand passes too (goals judge the state, not the commands)', () => {
		const lab = start(EXERCISES['roll-back']);
		run(lab, ['kubectl set image deployment/web nginx=nginx:1.27', 'sim advance 1m']);
		expect(goalsHeld(lab, EXERCISES['roll-back'].goals)).toEqual([true, true, true]);
	});

	it('drain-with-budget: a drain without the budget', () => {
		const lab = start(EXERCISES['drain-with-budget']);
		run(lab, ['kubectl drain node-2 --ignore-daemonsets', 'sim advance 1m']);
		expect(goalsHeld(lab, EXERCISES['drain-with-budget'].goals)).toEqual([false, true, true, true]);
	});

	it('drain-with-budget: a cordon alone leaves the pods where they are', () => {
		const lab = start(EXERCISES['drain-with-budget']);
		run(lab, [
			'kubectl create poddisruptionbudget web --selector=app=web --min-available=3',
			'kubectl cordon node-2'
		]);
		expect(goalsHeld(lab, EXERCISES['drain-with-budget'].goals)).toEqual([true, true, false, true]);
	});

	it('swarm-maintenance: pausing the node keeps its tasks running there', () => {
		const lab = start(EXERCISES['swarm-maintenance']);
		run(lab, [
			'docker service scale web=5',
			'docker node update --availability pause worker-2',
			'sim advance 1m'
		]);
		const [scaled, drained] = goalsHeld(lab, EXERCISES['swarm-maintenance'].goals);
		expect(scaled).toBe(true);
		expect(drained).toBe(false);
	});

	it('replace-lost-manager: promoting a worker without demoting the lost manager', () => {
		const lab = start(EXERCISES['replace-lost-manager']);
		run(lab, ['docker node promote worker-1', 'sim advance 30s']);
		// Four managers, one unreachable: still only one loss from losing the quorum (3 of 4).
		expect(goalsHeld(lab, EXERCISES['replace-lost-manager'].goals)).toEqual([false, false, true]);
	});

	it('stuck-pending: labelling every node, or dropping the selector, runs the pods but fails', () => {
		const all = start(EXERCISES['stuck-pending']);
		run(all, ['kubectl label nodes --all disktype=ssd', 'sim advance 1m']);
		const [labels, , , ready] = goalsHeld(all, EXERCISES['stuck-pending'].goals);
		expect([labels, ready]).toEqual([false, true]);
		const dropped = start(EXERCISES['stuck-pending']);
		run(dropped, [
			'kubectl patch deployment web --type json -p \'[{"op":"remove","path":"/spec/template/spec/nodeSelector"}]\'',
			'sim advance 1m'
		]);
		const [, requires, , running] = goalsHeld(dropped, EXERCISES['stuck-pending'].goals);
		expect([requires, running]).toEqual([false, true]);
	});

	it('stuck-pending: a pod left on node-2 after its label came off fails (IgnoredDuringExecution)', () => {
		const lab = start(EXERCISES['stuck-pending']);
		run(lab, [
			'kubectl label nodes node-1 node-2 node-3 disktype=ssd',
			'sim advance 1m',
			'kubectl label nodes node-2 disktype-',
			'sim advance 1m'
		]);
		expect(lab.exec('kubectl get pods -l app=web -o wide').output).toMatch(/ node-2 /);
		expect(goalsHeld(lab, EXERCISES['stuck-pending'].goals)).toEqual([true, true, false, true]);
	});

	it('stuck-pending: required node affinity in place of the nodeSelector passes too', () => {
		const lab = start(EXERCISES['stuck-pending']);
		const affinity = JSON.stringify({
			spec: {
				template: {
					spec: {
						nodeSelector: null,
						affinity: {
							nodeAffinity: {
								requiredDuringSchedulingIgnoredDuringExecution: {
									nodeSelectorTerms: [
										{ matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] }
									]
								}
							}
						}
					}
				}
			}
		});
		run(lab, [
			'kubectl label nodes node-1 node-3 disktype=ssd',
			`kubectl patch deployment web -p '${affinity}'`,
			'sim advance 2m'
		]);
		expect(goalsHeld(lab, EXERCISES['stuck-pending'].goals)).toEqual([true, true, true, true]);
	});

	it('no-endpoints: relabelling the pods orphans them, and the ReplicaSet makes three more', () => {
		const lab = start(EXERCISES['no-endpoints']);
		run(lab, ['kubectl label pods -l app=web app=frontend --overwrite', 'sim advance 1m']);
		expect(goalsHeld(lab, EXERCISES['no-endpoints'].goals)).toEqual([true, true, false]);
		expect(lab.exec('kubectl get pods --no-headers').output.trim().split('\n')).toHaveLength(6);
		// Tidying up by scaling the Deployment away leaves the orphans serving: still wrong.
		run(lab, ['kubectl scale deployment web --replicas=0', 'sim advance 1m']);
		expect(goalsHeld(lab, EXERCISES['no-endpoints'].goals)).toEqual([true, false, true]);
	});

	it('no-endpoints: a new Service from kubectl expose passes too, and so does a client pod to test it', () => {
		const lab = start(EXERCISES['no-endpoints']);
		run(lab, [
			'kubectl delete service web',
			'kubectl expose deployment web --port 80',
			'kubectl run client --image=busybox:1.36 -- sleep 3600',
			'sim advance 20s'
		]);
		expect(lab.exec('kubectl exec client -- wget -qO- web').output).toContain('nginx');
		expect(goalsHeld(lab, EXERCISES['no-endpoints'].goals)).toEqual([true, true, true]);
	});

	it('placement: adding the constraint again, or spelling it with spaces, keeps the rule', () => {
		const lab = start(EXERCISES.placement);
		run(lab, [
			'docker node update --label-add zone=east worker-1',
			'docker node update --label-add zone=east worker-2',
			"docker service update -d --constraint-add 'node.labels.zone == east' web",
			'sim advance 1m'
		]);
		expect(goalsHeld(lab, EXERCISES.placement.goals)).toEqual([true, true, true]);
	});

	it('placement: removing the constraint runs the tasks anywhere, and fails', () => {
		const lab = start(EXERCISES.placement);
		run(lab, [
			'docker service update --constraint-rm node.labels.zone==east web',
			'sim advance 30s'
		]);
		expect(goalsHeld(lab, EXERCISES.placement.goals)).toEqual([false, false, true]);
	});
});
