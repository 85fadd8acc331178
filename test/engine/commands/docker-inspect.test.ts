/**
 * `docker service|node inspect` with `--format` (Go's text/template on the object, as
 * docker/cli's inspect runs it) and `--pretty` (docker/cli's human-friendly templates).
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { compileGoTemplate, TemplateError } from '../../../src/engine/commands/docker/go-template';
import { bytesSize, nsDuration } from '../../../src/engine/commands/docker/inspect-pretty';
import { fails, succeeds } from '../lab-helpers';

function swarm() {
	const lab = createLab({ flavor: 'swarm', seed: 3 });
	succeeds(
		lab,
		'docker service create --name web --replicas 3 --publish 8080:80 --label tier=front --constraint node.role==worker --update-delay 10s --reserve-memory 64m nginx:1.27'
	);
	lab.advance(10_000);
	return lab;
}

describe('Go templates', () => {
	const data = {
		Name: 'web',
		Mode: { Replicated: { Replicas: 3 } },
		Labels: { b: '', a: 'x' },
		Ports: [{ P: 80 }, { P: 443 }]
	};
	const run = (t: string) => compileGoTemplate(t)(data);

	it('prints fields, maps and lists the way fmt prints them', () => {
		expect(run('{{.Name}}')).toBe('web');
		expect(run('{{.Mode}}')).toBe('map[Replicated:map[Replicas:3]]');
		expect(run('{{.Labels}}')).toBe('map[a:x b:]');
		expect(run('{{json .Mode}}')).toBe('{"Replicated":{"Replicas":3}}');
		expect(run('{{range .Ports}}{{.P}},{{end}}')).toBe('80,443,');
	});

	it('runs variables, conditions, comparisons and docker functions', () => {
		expect(run('{{range $k, $v := .Labels}}[{{$k}}{{if $v}}={{$v}}{{end}}]{{end}}')).toBe(
			'[a=x][b]'
		);
		expect(run('{{if gt .Mode.Replicated.Replicas 2}}many{{else}}few{{end}}')).toBe('many');
		expect(run('{{ .Name | upper }} {{len .Ports}} {{index .Labels "a"}}')).toBe('WEB 2 x');
		expect(run('{{$n := .Name}}{{with .Mode}}{{$n}}{{end}}')).toBe('web');
		expect(run('a  {{- .Name -}}  b')).toBe('awebb');
		expect(run('{{join (split "a,b" ",") "+"}}')).toBe('a+b');
	});

	it("fails on a missing key like inspect's raw fallback (missingkey=error), with Go's position", () => {
		expect(() => run('{{.State.Health.Status}}')).toThrow(
			'template: :1:8: executing "" at <.State.Health.Status>: map has no entry for key "State"'
		);
		expect(() => run('{{ .Nope }}')).toThrow(
			'template: :1:3: executing "" at <.Nope>: map has no entry for key "Nope"'
		);
		expect(() => run('{{.Name.First}}')).toThrow("can't evaluate field First in type string");
	});

	it('refuses templates Go would not parse', () => {
		for (const [t, msg] of [
			['{{.Name', 'template: :1: unclosed action'],
			['{{if .Name}}x', 'template: :1: unexpected EOF'],
			['{{nosuch .Name}}', 'template: :1: function "nosuch" not defined']
		]) {
			expect(() => compileGoTemplate(t!)).toThrow(TemplateError);
			expect(() => compileGoTemplate(t!)).toThrow(msg!);
		}
	});
});

describe('docker service inspect', () => {
	it('--format runs the template on each service, one line each', () => {
		const lab = swarm();
		const r = succeeds(
			lab,
			'docker service inspect --format "{{.Spec.Name}} {{.Spec.Mode.Replicated.Replicas}} {{json .Spec.Labels}}" web'
		);
		expect(r.output).toBe('web 3 {"tier":"front"}\n');
	});

	it('--format json prints one compact array', () => {
		const lab = swarm();
		const out = succeeds(lab, 'docker service inspect --format json web').output;
		expect(out.endsWith('\n')).toBe(true);
		expect(out.trim().includes('\n')).toBe(false);
		const [service] = JSON.parse(out);
		expect(service.Spec.Name).toBe('web');
		// Go marshals time.Time as RFC 3339 with the trailing zeros of the nanoseconds dropped.
		expect(service.CreatedAt).toBe('2026-01-05T09:00:00Z');
	});

	it('a miss and a failing template are reported after what succeeded, and the line fails', () => {
		const lab = swarm();
		const r = fails(lab, 'docker service inspect -f "{{.Spec.Name}}" web nosuch');
		expect(r.output).toBe('web\n');
		expect(r.error).toBe('Error: no such service: nosuch\n');
		const bad = fails(lab, 'docker service inspect -f "{{.Spec.Nope}}" web');
		expect(bad.output).toBe('\n');
		expect(bad.error).toBe(
			'template parsing error: template: :1:7: executing "" at <.Spec.Nope>: can\'t evaluate field Nope in type swarm.ServiceSpec\n'
		);
		expect(fails(lab, 'docker service inspect -f "{{.Spec" web').error).toBe(
			'template parsing error: template: :1: unclosed action\n'
		);
	});

	it('--pretty prints the human-friendly form with raw tabs', () => {
		const lab = swarm();
		const out = succeeds(lab, 'docker service inspect --pretty web').output;
		const id = JSON.parse(succeeds(lab, 'docker service inspect web').output)[0].ID;
		expect(out).toBe(
			[
				'',
				`ID:\t\t${id}`,
				'Name:\t\tweb',
				'Labels:',
				' tier=front',
				'Service Mode:\tReplicated',
				' Replicas:\t3',
				'Placement:',
				' Constraints:\t[node.role==worker]',
				'UpdateConfig:',
				' Parallelism:\t1',
				' Delay:\t\t10s',
				' On failure:\tpause',
				' Monitoring Period: 5s',
				' Max failure ratio: 0',
				' Update order:      stop-first',
				'RollbackConfig:',
				' Parallelism:\t1',
				' On failure:\tpause',
				' Monitoring Period: 5s',
				' Max failure ratio: 0',
				' Rollback order:    stop-first',
				'ContainerSpec:',
				// The CLI pinned the tag to the registry's digest (service-image.ts).
				' Image:\t\tnginx:1.27@sha256:7dae628d97c3d6dd79194e4ed22053ffcfa7849ae09aae6e93e7cb6225970db9',
				// `docker service create` always sends --init's value (published transcripts show it).
				' Init:\t\tfalse',
				'Resources:',
				' Reservations:',
				'  Memory:\t64MiB',
				'Endpoint Mode:\tvip',
				'Ports:',
				' PublishedPort = 8080',
				'  Protocol = tcp',
				'  TargetPort = 80',
				'  PublishMode = ingress ',
				'',
				''
			].join('\n')
		);
		expect(fails(lab, 'docker service inspect --pretty --format "{{.ID}}" web').error).toBe(
			'--format is incompatible with human friendly format\n'
		);
		expect(fails(lab, 'docker service inspect --pretty web nosuch').output).toBe('');
	});
});

describe('docker node inspect', () => {
	it('--pretty shows the manager status and resources as docker does', () => {
		const lab = swarm();
		const out = succeeds(lab, 'docker node inspect --pretty self').output;
		expect(out).toContain('\nHostname:              \tmanager-1\n');
		expect(out).toContain('\nJoined at:             \t2026-01-05 09:00:00 +0000 UTC\n');
		expect(out).toContain('\nStatus:\n State:\t\t\tReady\n Availability:         \tActive\n');
		expect(out).toContain(
			'\nManager Status:\n Address:\t\t172.18.0.2:2377\n Raft Status:\t\tReachable\n Leader:\t\tYes\n'
		);
		// node/formatter.go: the TLS Info section follows the engine version.
		expect(out).toContain('\nEngine Version:\t\t28.5.2\nTLS Info:\n');
		expect(succeeds(lab, 'docker node inspect --pretty worker-1').output).not.toContain(
			'Manager Status'
		);
	});

	it('--format reads fields; a worker has no ManagerStatus to read', () => {
		const lab = swarm();
		expect(
			succeeds(lab, 'docker node inspect -f "{{.Description.Hostname}} {{.Spec.Role}}" self').output
		).toBe('manager-1 manager\n');
		const r = fails(lab, 'docker node inspect -f "{{.ManagerStatus.Leader}}" worker-1');
		// node inspect runs on the typed swarm.Node: ManagerStatus is a nil *swarm.ManagerStatus.
		expect(r.error).toContain('nil pointer evaluating *swarm.ManagerStatus.Leader');
		expect(fails(lab, 'docker node inspect nosuch').error).toBe(
			'Error response from daemon: node nosuch not found\n'
		);
	});
});

describe('units', () => {
	it('prints sizes like go-units BytesSize and durations like time.Duration', () => {
		expect(bytesSize(8343900160)).toBe('7.771GiB');
		expect(bytesSize(67108864)).toBe('64MiB');
		expect(bytesSize(512)).toBe('512B');
		expect(nsDuration(5_000_000_000)).toBe('5s');
		expect(nsDuration(90_000_000_000)).toBe('1m30s');
		expect(nsDuration(4)).toBe('4ns');
	});
});
