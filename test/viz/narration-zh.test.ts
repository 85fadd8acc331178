/**
 * Every trace kind a learner meets in the scenarios is told in Chinese on a Chinese page (the
 * timeline and the screen-reader narration), in Chinese sentences that keep the event's names,
 * and the English tellings stay as they were. The events come from the scenarios themselves,
 * driven by the lines a lesson has the learner type.
 */
import { describe, expect, it } from 'vitest';
import '../../src/engine/index';
import { scenarioLab } from '../../src/viz/scenario-lab';
import type { Flavor, TraceEvent } from '../../src/engine/types';
import type { ScenarioId } from '../../src/viz/scenarios';
import { narrate } from '../../src/viz/widgets/narration';

/** What a learner does in each scenario (its lesson's lines), after the scenario's own set-up. */
const LINES: Partial<Record<ScenarioId, Partial<Record<Flavor, string[]>>>> = {
	'node-failure-both': {
		kubernetes: [
			'sim advance 30s',
			'kubectl scale deployment web --replicas=4',
			'sim advance 20s',
			'kubectl cordon node-2',
			'kubectl uncordon node-2',
			'sim node stop node-1',
			'sim advance 6m',
			'sim node start node-1',
			'sim advance 1m',
			'sim latency 10ms',
			'sim loss 5%',
			'sim traffic stop web',
			'kubectl delete deployment web',
			'sim advance 30s'
		],
		swarm: [
			'sim advance 30s',
			'docker service scale web=4',
			'docker service update --image nginx:1.28 web',
			'sim advance 90s',
			'sim node stop worker-1',
			'sim advance 1m',
			'sim node start worker-1',
			'sim advance 1m',
			'docker node update --availability drain worker-2',
			'sim advance 30s',
			'sim traffic stop web',
			'docker service rm web'
		]
	},
	'swarm-managers': {
		swarm: [
			'sim advance 10s',
			'sim node stop manager-1',
			'sim advance 1m',
			'sim node start manager-1',
			'sim advance 1m'
		]
	},
	'control-plane-ha': {
		kubernetes: [
			'sim node stop control-plane-1',
			'sim advance 1m',
			'sim node start control-plane-1',
			'sim advance 1m'
		]
	},
	'raft-election': {
		swarm: [
			'sim advance 5s',
			'sim partition manager-1,manager-2 / manager-3,manager-4,manager-5',
			'sim advance 10s',
			'sim heal',
			'sim advance 10s',
			'sim raft duplicate 10%',
			'sim raft reorder 50ms'
		]
	},
	scheduling: { kubernetes: ['sim advance 30s'] },
	'five-steps': {
		kubernetes: [
			'docker build -t registry.lab:5000/web:1 .',
			'docker push registry.lab:5000/web:1',
			'kubectl create deployment web --image=registry.lab:5000/web:1 --replicas=2',
			'kubectl expose deployment web --port=80',
			'sim advance 30s'
		],
		swarm: [
			'docker build -t registry.lab:5000/web:1 .',
			'docker push registry.lab:5000/web:1',
			'docker swarm init',
			'docker service create --name web --replicas 2 -p 8080:80 registry.lab:5000/web:1',
			'sim advance 30s'
		]
	},
	'self-healing': { kubernetes: ['sim advance 30s', 'kubectl apply -f db.yaml', 'sim advance 30s'] }
};

/** The events of every scenario above, the learner's lines run (crash/unhealthy pick live pods). */
function scenarioEvents(): TraceEvent[] {
	const events: TraceEvent[] = [];
	for (const [id, byFlavor] of Object.entries(LINES) as [
		ScenarioId,
		Partial<Record<Flavor, string[]>>
	][]) {
		for (const [flavor, lines] of Object.entries(byFlavor) as [Flavor, string[]][]) {
			const lab = scenarioLab(id, flavor);
			for (const line of lines) expect(lab.exec(line).ok, `${id}: ${line}`).toBe(true);
			if (id === 'self-healing') {
				const pods = lab.exec('kubectl get pods -o name').output.trim().split('\n');
				const web = pods.map((p) => p.replace('pod/', '')).filter((p) => p.startsWith('web-'));
				for (const line of [
					`sim crash pod ${web[0]}`,
					'sim advance 60s',
					`sim unhealthy pod ${web[1]}`,
					'sim advance 90s',
					`kubectl delete pod ${web[2]}`,
					'sim advance 30s'
				])
					expect(lab.exec(line).ok, line).toBe(true);
			}
			events.push(...lab.events());
		}
	}
	return events;
}

/**
 * Words a Chinese line may keep in Latin letters: object kinds, tools and state words as the zh
 * lessons write them. Names (anything with a digit, `-`, `.`, `/`, `:`) and quoted tool output
 * are kept by design and removed before looking for English prose.
 */
const CODE_WORDS =
	/\b(Pod|Deployment|ReplicaSet|StatefulSet|Service|Job|PersistentVolumeClaim|IngressClass|kubectl expose|Raft|Swarm|swarm|Kubernetes|NotReady|Ready|FailedScheduling|CheckQuorum|cordon|uncordon|availability|join token|liveness|readiness|startup|running|failed|shutdown|complete|rejected|ready|down|unknown|drain|active|pause|manager|worker)\b/g;

function prose(text: string): string {
	return text
		.replace(/“[^”]*”|"[^"]*"/g, ' ')
		.replace(/\S*[\d\-./:]\S*/g, ' ')
		.replace(CODE_WORDS, ' ');
}

const events = scenarioEvents();
const kinds = [...new Set(events.map((e) => e.kind))].sort();
const sample = (kind: string) => events.filter((e) => e.kind === kind);

describe('the Chinese timeline', () => {
	it('the scenarios emit the kinds a learner meets (the list below is not empty by accident)', () => {
		for (const kind of [
			'pod.scheduled',
			'swarm.task.running',
			'raft.leader',
			'image.built',
			'node.cordoned'
		])
			expect(kinds).toContain(kind);
	});

	it.each(kinds)('%s is told in Chinese, keeping the names from the event', (kind) => {
		for (const event of sample(kind).slice(0, 20)) {
			const told = narrate(event, 'zh');
			expect(told.lang, event.message).toBe('zh');
			expect(told.text).toMatch(/[\u4e00-\u9fff]/);
			// No English sentence outside names and code words.
			expect(prose(told.text), told.text).not.toMatch(/[a-z]+ [a-z]+ [a-z]+/i);
			// The subject's name (the pod, node, task, service…) is in the line.
			const name = event.subject.replace(/^[a-z]+\//, '');
			if (!['lab', 'network', 'swarm'].includes(event.subject)) {
				expect(told.text, event.message).toContain(name.split('/').pop()!);
			}
		}
	});

	it('every name and number of the message survives (messages of one sample per kind)', () => {
		const missing: string[] = [];
		// The scheduler's reasons are the scheduler view's to explain; both languages only name the pod.
		for (const kind of kinds.filter((k) => k !== 'pod.failedscheduling')) {
			const event = sample(kind)[0]!;
			const told = narrate(event, 'zh').text;
			const names = event.message.match(/[\w.:/-]*\d[\w.:/-]*/g) ?? [];
			for (const n of names.map((x) => x.replace(/[.:]$/, ''))) {
				// `Successfully assigned default/web-1 …` names the pod by its namespace too.
				if (n.startsWith('default/')) continue;
				if (!told.includes(n)) missing.push(`${kind}: ${n} (${told})`);
			}
		}
		expect(missing).toEqual([]);
	});
});

describe('Chinese punctuation', () => {
	it('an aside in a Chinese telling takes full-width brackets and commas', () => {
		const started = sample('traffic.started')[0]!;
		const told = narrate(started, 'zh').text;
		expect(told).toMatch(/（[a-z]+，\d+\/s）。$/);
		expect(told).not.toMatch(/[(),]/);
	});
});

describe('the fallback', () => {
	it('a message of an unknown shape falls back to the engine English, marked en', () => {
		const odd: TraceEvent = {
			t: 0,
			kind: 'swarm.node.down',
			subject: 'node/worker-1',
			message: 'Node worker-1 is now down (a reason swarmkit never gave).'
		};
		expect(narrate(odd, 'zh')).toEqual({ text: odd.message, lang: 'en' });
		const unknown: TraceEvent = {
			t: 0,
			kind: 'made.up',
			subject: 'x/y',
			message: 'Something happened.'
		};
		expect(narrate(unknown, 'zh')).toEqual({ text: 'Something happened.', lang: 'en' });
	});

	it('the English tellings are unchanged', () => {
		const ev = (kind: string, subject: string, message: string): TraceEvent => ({
			t: 0,
			kind,
			subject,
			message
		});
		expect(
			narrate(ev('node.stopped', 'node/node-1', 'Machine node-1 powered off.'), 'en').text
		).toBe('node-1 powered off.');
		expect(
			narrate(ev('node.tainted', 'node/node-3', 'Node node-3 tainted by kubectl.'), 'en').text
		).toBe('node-3 tainted.');
		expect(
			narrate(
				ev('pod.scheduled', 'pod/web-1', 'Successfully assigned default/web-1 to node-2'),
				'en'
			).text
		).toBe('Pod web-1 scheduled to node-2.');
		// A kind with no English telling keeps the engine's own sentence.
		const task = ev('swarm.task.running', 'task/web.1', 'Task web.1 is running.');
		expect(narrate(task, 'en')).toEqual({ text: 'Task web.1 is running.', lang: 'en' });
	});
});
