// `docker service inspect` and `docker node inspect` run --format on the typed swarm.Service /
// swarm.Node with no raw JSON to fall back on (docker/cli cli/command/service/inspect.go and
// node/inspect.go: getRef returns a nil raw; cli/command/inspect/inspector.go then reports
// `template parsing error: %w`). Go's text/template (exec.go evalField) on those types: a field
// the struct does not have is an error naming the type, a missing map key is the invalid value
// printed `<no value>`, a nil pointer prints `<nil>` (`null` through json), and a field of a
// nil pointer is `nil pointer evaluating *T.Field`. Types: moby api/types/swarm.
// Error positions are the field chain's (parse.go operand: `.Spec.Foo` errs at `.Foo`).
import { describe, expect, it } from 'vitest';
import { fails, succeeds } from '../../lab-helpers';
import { swarmLab } from './helpers';

function lab() {
	const l = swarmLab();
	succeeds(l, 'docker service create -d --name web --replicas 2 --label tier=front nginx');
	succeeds(l, 'docker service create -d --name agent --mode global nginx');
	return l;
}

const fmt = (template: string, ref: string, kind = 'service') =>
	`docker ${kind} inspect --format '${template}' ${ref}`;

describe('inspect --format on the typed objects', () => {
	it('a field the struct lacks is an error naming the Go type', () => {
		const l = lab();
		const r = fails(l, fmt('{{.Spec.Foo}}', 'web'));
		expect(r.output).toBe('\n');
		expect(r.error).toBe(
			'template parsing error: template: :1:7: executing "" at <.Spec.Foo>: can\'t evaluate field Foo in type swarm.ServiceSpec\n'
		);
		expect(fails(l, fmt('{{.Spec.TaskTemplate.ContainerSpec.Foo}}', 'web')).error).toContain(
			"can't evaluate field Foo in type *swarm.ContainerSpec"
		);
		expect(fails(l, fmt('{{.Description.Foo}}', 'self', 'node')).error).toContain(
			"can't evaluate field Foo in type swarm.NodeDescription"
		);
	});

	it('a missing map key prints <no value>; a present one its value', () => {
		const l = lab();
		expect(succeeds(l, fmt('{{.Spec.Labels.tier}} {{.Spec.Labels.nope}}', 'web')).output).toBe(
			'front <no value>\n'
		);
		expect(succeeds(l, fmt('{{.Spec.Labels.zone}}', 'self', 'node')).output).toBe('<no value>\n');
	});

	it('an unset pointer is <nil>, null through json, false in if', () => {
		const l = lab();
		expect(succeeds(l, fmt('{{json .Spec.Mode.Replicated}}', 'agent')).output).toBe('null\n');
		expect(succeeds(l, fmt('{{json .Spec.Mode.Global}}', 'agent')).output).toBe('{}\n');
		expect(succeeds(l, fmt('{{json .Spec.Mode.Replicated}}', 'web')).output).toBe(
			'{"Replicas":2}\n'
		);
		expect(succeeds(l, fmt('{{.Spec.Mode.Global}}', 'web')).output).toBe('<nil>\n');
		expect(
			succeeds(l, fmt('{{if .Spec.Mode.Global}}global{{else}}replicated{{end}}', 'web')).output
		).toBe('replicated\n');
	});

	it('a field of a nil pointer is the nil pointer error', () => {
		const l = lab();
		expect(fails(l, fmt('{{.Spec.Mode.Replicated.Replicas}}', 'agent')).error).toBe(
			'template parsing error: template: :1:7: executing "" at <.Spec.Mode.Replicate...>: nil pointer evaluating *swarm.ReplicatedService.Replicas\n'
		);
		// A worker has no ManagerStatus.
		expect(fails(l, fmt('{{.ManagerStatus.Leader}}', 'worker-1', 'node')).error).toContain(
			'nil pointer evaluating *swarm.ManagerStatus.Leader'
		);
		// A field the pointed-to type lacks is still the field error.
		expect(fails(l, fmt('{{.Spec.Mode.Global.Foo}}', 'agent')).error).toContain(
			"can't evaluate field Foo in type *swarm.GlobalService"
		);
	});

	it('an absent omitempty field is its zero value', () => {
		const l = lab();
		expect(
			succeeds(
				l,
				fmt('[{{.Spec.TaskTemplate.ContainerSpec.User}}] {{.Spec.TaskTemplate.ForceUpdate}}', 'web')
			).output
		).toBe('[] 0\n');
	});

	it('several objects: what worked is printed, each failure reported after it', () => {
		const l = lab();
		const r = fails(l, fmt('{{.Spec.Name}} {{.Spec.Mode.Replicated.Replicas}}', 'web agent'));
		expect(r.output).toBe('web 2\n');
		expect(r.error).toContain('nil pointer evaluating *swarm.ReplicatedService.Replicas');
	});

	it('secret inspect runs the typed Secret, then falls back to the raw JSON (missingkey=error)', () => {
		const l = swarmLab({ 'pw.txt': 's3cret\n' });
		succeeds(l, 'docker secret create --label env=prod pw pw.txt');
		expect(
			succeeds(
				l,
				fmt('{{.Spec.Labels.env}} {{.Spec.Labels.nope}} {{.Spec.Driver}}', 'pw', 'secret')
			).output
		).toBe('prod <no value> <nil>\n');
		// The typed run fails, and so does the raw one: its error is reported.
		expect(fails(l, fmt('{{.Spec.Foo}}', 'pw', 'secret')).error).toBe(
			'template parsing error: template: :1:7: executing "" at <.Spec.Foo>: map has no entry for key "Foo"\n'
		);
	});
});
