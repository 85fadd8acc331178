/**
 * Console pipelines, `A | B`: each command's stdout feeds the next (kubectl's `-f -`, docker's
 * `secret create NAME -`, the learner's own grep/wc/base64…), the status is the last command's
 * (bash without pipefail), stderr comes before the last command's output, and a replay of the
 * line (time travel) gives the same lab.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { terminalText } from '../../../src/engine/commands/terminal';
import { fails, succeeds } from '../lab-helpers';

describe('pipelines', () => {
	it('feed kubectl apply -f - from a client dry run, as the docs do for Secrets', () => {
		const lab = createLab({ seed: 1 });
		expect(
			succeeds(
				lab,
				'kubectl create secret generic db --from-literal=password=s3cr3t --dry-run=client -o yaml | kubectl apply -f -'
			).output
		).toBe('secret/db created\n');
		expect(
			succeeds(lab, "kubectl get secret db -o jsonpath='{.data.password}' | base64 -d").output
		).toBe('s3cr3t');
		expect(succeeds(lab, 'echo -n admin | base64').output).toBe('YWRtaW4=\n');
		// kubectl names the standard input STDIN.
		expect(fails(lab, 'echo "kind: Foo" | kubectl apply -f -').error).toMatch(
			/^error: error validating "STDIN": /
		);
	});

	it('filter kubectl output with grep, wc, awk, head and tail; no match is status 1', () => {
		const lab = createLab({ seed: 1 });
		succeeds(lab, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
		lab.advance(30_000);
		expect(succeeds(lab, 'kubectl get pods --no-headers | wc -l').output).toBe('3\n');
		const names = succeeds(lab, "kubectl get pods | awk '{print $1}' | tail -n +2").output;
		expect(names).toMatch(/^(web-[a-z0-9]+-[a-z0-9]{5}\n){3}$/);
		expect(succeeds(lab, 'kubectl get pods | grep -c Running').output).toBe('3\n');
		const none = lab.exec('kubectl get pods | grep Pending');
		expect([none.ok, none.output]).toEqual([false, '']);
		expect(fails(lab, 'kubectl get pods | jq .').error).toBe(
			'lab: `jq` is not simulated in the lab console\n'
		);
	});

	it("pipe a secret's content into docker secret create NAME -", () => {
		const lab = createLab({ flavor: 'swarm', seed: 1 });
		const id = succeeds(lab, 'printf "This is a secret" | docker secret create my_secret_data -');
		expect(id.output).toMatch(/^[a-z0-9]{25}\n$/);
		expect(succeeds(lab, 'docker secret ls').output).toContain('my_secret_data');
	});

	it('print the first commands’ stderr before the last one’s output', () => {
		const lab = createLab({ seed: 1 });
		const r = lab.exec('kubectl get pod nope | wc -l');
		expect(r.ok).toBe(true);
		expect(terminalText(r)).toBe('Error from server (NotFound): pods "nope" not found\n0\n');
	});

	it('refuse what bash would not run, and other operators still', () => {
		const lab = createLab({ seed: 1 });
		expect(fails(lab, 'kubectl get pods |').error).toBe(
			"lab: syntax error near unexpected token `|'\n"
		);
		expect(fails(lab, '| wc -l').error).toBe("lab: syntax error near unexpected token `|'\n");
		expect(fails(lab, 'kubectl get pods || true').error).toContain('`||`');
	});

	it('replay the same when the lab seeks back over a piped apply', () => {
		const lab = createLab({ seed: 1 });
		succeeds(
			lab,
			'kubectl create deployment web --image=nginx:1.27 --dry-run=client -o yaml | kubectl apply -f -'
		);
		lab.advance(20_000);
		const end = lab.now();
		const before = succeeds(lab, 'kubectl get pods -o name').output;
		lab.seek(0);
		lab.seek(end);
		expect(succeeds(lab, 'kubectl get pods -o name').output).toBe(before);
		expect(before).toMatch(/^pod\/web-/);
	});
});
