/**
 * `kubectl get -o go-template` (cli-runtime printers/template.go, template_flags.go): the
 * tutorials' own templates, kubectl's dialect of text/template (template "output", missing
 * keys print `<no value>`, numbers are float64s), and its errors.
 */
import { describe, expect, it } from 'vitest';
import {
	compileGoTemplate,
	DOCKER_DIALECT,
	goFloat,
	KUBECTL_DIALECT
} from '../../../src/engine/commands/docker/go-template';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

function lab() {
	const l = createLab({ seed: 3 });
	succeeds(l, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
	l.advance(20_000);
	return l;
}

describe('kubectl -o go-template', () => {
	it('runs the Kubernetes Basics templates, with -o go-template=…, --template or -o template', () => {
		const l = lab();
		const names = succeeds(
			l,
			`kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}'`
		).output;
		expect(names.trim().split('\n')).toHaveLength(2);
		expect(names).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}\n/);
		expect(
			succeeds(
				l,
				`kubectl get pods -o go-template='{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}'`
			).output
		).toBe(names);
		expect(succeeds(l, `kubectl get pods --template='{{len .items}}'`).output).toBe('2');
		expect(succeeds(l, `kubectl get deploy web -o template='{{.spec.replicas}}'`).output).toBe('2');
		succeeds(l, 'kubectl expose deployment/web --type=NodePort --port 80');
		const port = succeeds(
			l,
			`kubectl get services/web -o go-template='{{(index .spec.ports 0).nodePort}}'`
		).output;
		expect(Number(port)).toBeGreaterThanOrEqual(30000);
		expect(Number(port)).toBeLessThanOrEqual(32767);
	});

	it('prints <no value> for a missing key unless --allow-missing-template-keys=false', () => {
		const l = lab();
		expect(
			succeeds(l, `kubectl get deploy web -o go-template='{{.spec.nope}}|{{.spec.nope.deeper}}'`)
				.output
		).toBe('<no value>|<no value>');
		const r = fails(
			l,
			`kubectl get deploy web -o go-template='{{.spec.nope}}' --allow-missing-template-keys=false`
		);
		expect(r.error).toBe(
			'error: error executing template "{{.spec.nope}}": template: output:1:7: executing "output" at <.spec.nope>: map has no entry for key "nope"\n'
		);
		expect(r.output).toMatch(
			/^Error executing template: .*Printing more information for debugging the template:\n\ttemplate was:\n\t\t\{\{\.spec\.nope\}\}\n\traw data was:\n\t\t\{/
		);
	});

	it('has exists and base64decode, and no docker functions', () => {
		const l = lab();
		succeeds(l, 'kubectl create secret generic db --from-literal=password=s3cr3t');
		expect(
			succeeds(l, `kubectl get secret db -o go-template='{{.data.password | base64decode}}'`).output
		).toBe('s3cr3t');
		expect(
			succeeds(
				l,
				`kubectl get deploy web -o go-template='{{exists . "spec" "replicas"}} {{exists . "spec" "nope"}}'`
			).output
		).toBe('true false');
		expect(fails(l, `kubectl get deploy web -o go-template='{{json .spec}}'`).error).toBe(
			'error: error parsing template {{json .spec}}, template: output:1: function "json" not defined\n'
		);
	});

	it('refuses a format with no template, and a template that does not parse', () => {
		const l = lab();
		expect(fails(l, 'kubectl get pods -o go-template').error).toBe(
			'error: template format specified but no template given\n'
		);
		expect(fails(l, `kubectl get pods -o go-template='{{.items'`).error).toBe(
			'error: error parsing template {{.items, template: output:1: unclosed action\n'
		);
		expect(fails(l, 'kubectl get pods -o go-template-file=nope.tmpl').error).toBe(
			'error: error reading --template nope.tmpl, open nope.tmpl: no such file or directory\n'
		);
	});
});

describe('the two dialects of text/template', () => {
	it('prints JSON numbers as float64 %v in kubectl, integers in docker', () => {
		expect(goFloat(32012)).toBe('32012');
		expect(goFloat(123456)).toBe('123456');
		expect(goFloat(1000000)).toBe('1e+06');
		expect(goFloat(1234567)).toBe('1.234567e+06');
		expect(goFloat(0.5)).toBe('0.5');
		expect(goFloat(0.00001)).toBe('1e-05');
		expect(compileGoTemplate('{{.n}}', KUBECTL_DIALECT)({ n: 2000000 })).toBe('2e+06');
		expect(compileGoTemplate('{{.n}}', DOCKER_DIALECT)({ n: 2000000 })).toBe('2000000');
	});

	it('keeps docker strict about missing keys, with an unnamed template', () => {
		expect(() => compileGoTemplate('{{.Nope}}')({ A: 1 })).toThrow(
			'template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"'
		);
		expect(compileGoTemplate('{{(index .A 1).B}}')({ A: [{}, { B: 'x' }] })).toBe('x');
	});
});

describe('kubectl label -l and group-command typos', () => {
	it('labels every pod a selector picks, one line each', () => {
		const l = lab();
		const out = succeeds(l, 'kubectl label pods -l app=web version=v1').output;
		expect(out).toMatch(/^pod\/web-\S+ labeled\npod\/web-\S+ labeled\n$/);
		expect(
			succeeds(l, 'kubectl get pods -l version=v1 -o name').output.trim().split('\n')
		).toHaveLength(2);
		const r = fails(l, 'kubectl label pods -l app=web version=v2');
		// helpers.go checkErr: several errors print through MultipleErrors, without `error: `.
		expect(r.error).toBe(
			"'version' already has a value (v1), and --overwrite is false\n".repeat(2)
		);
		expect(fails(l, 'kubectl label pods -l app=web --all x=y').error).toBe(
			'error: cannot set --all and --selector at the same time\n'
		);
	});

	it('answers an unknown create/set/rollout subcommand as DefaultSubCommandRun does', () => {
		const l = lab();
		expect(fails(l, 'kubectl create deploymnet web').error).toBe(
			'Error: must specify one of -f and -k\n\nerror: unknown command "deploymnet web"\nSee \'kubectl create -h\' for help and examples\n'
		);
		expect(fails(l, 'kubectl create deploymnet web --image=nginx').error).toBe(
			"error: unknown flag: --image\nSee 'kubectl create --help' for usage.\n"
		);
		expect(fails(l, 'kubectl set imag deployment/web web=nginx').error).toBe(
			'error: unknown command "imag deployment/web web=nginx"\nSee \'kubectl set -h\' for help and examples\n'
		);
		expect(fails(l, 'kubectl rollout stauts deployment/web').error).toBe(
			'error: unknown command "stauts deployment/web"\nSee \'kubectl rollout -h\' for help and examples\n'
		);
	});
});

describe('docker service create flag values', () => {
	it('prints a value pflag refuses with the usage, and a bad --mode as ToServiceMode does', () => {
		const l = createLab({ flavor: 'swarm', seed: 3 });
		expect(fails(l, 'docker service create --replicas x nginx').error).toBe(
			'invalid argument "x" for "--replicas" flag: strconv.ParseUint: parsing "x": invalid syntax\n\n' +
				'Usage:  docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\n' +
				"Run 'docker service create --help' for more information\n"
		);
		expect(fails(l, 'docker service create --mode foo nginx').error).toBe(
			'Unknown mode: foo, only replicated and global supported\n'
		);
	});
});
