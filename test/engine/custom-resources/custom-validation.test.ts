// Custom objects checked by their version's openAPIV3Schema as the API server checks them
// (apiextensions-apiserver pkg/apiserver/validation kubeOpenAPIResultToFieldErrors over
// kube-openapi's validator; pruning in pkg/apiserver/schema/pruning under kubectl's default
// --validate=strict), cluster-scoped kinds, printer columns, several versions, patches, and
// CRDs the API server refuses (ValidateCustomResourceDefinition) — which change nothing.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';
import { CRONTAB_CRD } from './crd-fixtures';

const BACKUP_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: backups.ops.example.com
spec:
  group: ops.example.com
  scope: Cluster
  names:
    plural: backups
    kind: Backup
    shortNames: [bk]
  versions:
  - name: v1beta1
    served: true
    storage: false
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
  - name: v1
    served: true
    storage: true
    additionalPrinterColumns:
    - name: Schedule
      type: string
      jsonPath: .spec.schedule
    - name: Keep
      type: integer
      jsonPath: .spec.keep
    - name: Mode
      type: string
      priority: 1
      jsonPath: .spec.mode
    - name: Age
      type: date
      jsonPath: .metadata.creationTimestamp
    schema:
      openAPIV3Schema:
        type: object
        required: [spec]
        properties:
          spec:
            type: object
            required: [schedule]
            properties:
              schedule:
                type: string
                pattern: '^(\\d+|\\*)( (\\d+|\\*)){4}$'
              keep:
                type: integer
                minimum: 1
                maximum: 10
                default: 3
              mode:
                type: string
                enum: [full, incremental]
              owner:
                type: string
                minLength: 2
              target:
                x-kubernetes-int-or-string: true
              tags:
                type: array
                minItems: 1
                maxItems: 2
                items:
                  type: string
                  maxLength: 5
              steps:
                type: array
                items:
                  type: object
                  properties:
                    name:
                      type: string
              extra:
                type: object
                x-kubernetes-preserve-unknown-fields: true
`;

const backup = (name: string, spec: string, apiVersion = 'ops.example.com/v1') =>
	`apiVersion: ${apiVersion}\nkind: Backup\nmetadata:\n  name: ${name}\n${spec}`;

const crontab = (spec: string) =>
	`apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: my-new-cron-object\nspec:\n${spec}`;

const FILES: Record<string, string> = {
	'crontab-crd.yaml': CRONTAB_CRD,
	'backup-crd.yaml': BACKUP_CRD,
	'replicas-string.yaml': crontab('  cronSpec: "* * * * */5"\n  replicas: "string"\n'),
	'unknown.yaml': crontab('  cronSpec: "* * * * */5"\n  foo: bar\n  bar: 1\n'),
	'nightly.yaml': backup(
		'nightly',
		'  namespace: ignored\nspec:\n  schedule: "0 3 * * *"\n  mode: full\n  target: 80\n  extra:\n    anything: [1, 2]\n'
	),
	'old.yaml': backup(
		'old',
		'spec:\n  schedule: "0 4 * * *"\n  free: form\n',
		'ops.example.com/v1beta1'
	),
	'broken.yaml': backup(
		'broken',
		'spec:\n  schedule: every day\n  keep: 20\n  mode: sometimes\n  owner: x\n  tags: [a, toolongtag, c]\n  target: true\n'
	),
	'too-few.yaml': backup('few', 'spec:\n  schedule: "0 3 * * *"\n  keep: 0\n  tags: []\n'),
	'no-spec.yaml': backup('nospec', ''),
	'no-schedule.yaml': backup('noschedule', 'spec:\n  keep: 2\n'),
	'nested-unknown.yaml': backup(
		'nested',
		'spec:\n  schedule: "0 3 * * *"\n  steps:\n  - name: dump\n    retries: 3\n'
	),
	'bad-name.yaml': CRONTAB_CRD.replace(
		'name: crontabs.stable.example.com',
		'name: crontab.stable.example.com'
	),
	'two-storage.yaml': BACKUP_CRD.replace('storage: false', 'storage: true'),
	'no-storage.yaml': BACKUP_CRD.replace(/storage: true/, 'storage: false'),
	'crontab-no-storage.yaml': CRONTAB_CRD.replace('storage: true', 'storage: false'),
	'bad-scope.yaml': CRONTAB_CRD.replace('scope: Namespaced', 'scope: Regional'),
	'no-kind.yaml': CRONTAB_CRD.replace('    kind: CronTab\n', '').replace(
		'    singular: crontab\n',
		''
	),
	'no-schema.yaml': `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, kind: Widget}
  versions:
  - name: v1
    served: true
    storage: true
`,
	'non-structural.yaml': `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, kind: Widget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        properties:
          spec:
            properties:
              size: {}
              list: {type: array}
`,
	'crd-typo.yaml': CRONTAB_CRD.replace('          type: object\n', '          typo: object\n'),
	'widgets.yaml': `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, kind: Widget}
  versions:
  - name: v1alpha1
    served: true
    storage: true
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
  - name: v1
    served: true
    storage: false
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
`,
	'widget.yaml':
		'apiVersion: example.com/v1alpha1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3}\n',
	'cluster-scope.yaml': CRONTAB_CRD.replace('scope: Namespaced', 'scope: Cluster')
};

function lab(): Lab {
	return createLab({ seed: 7, readFile: (p) => FILES[p] });
}

function withCrds(...files: string[]): Lab {
	const l = lab();
	for (const f of files) succeeds(l, `kubectl apply -f ${f}`);
	return l;
}

describe('custom object validation', () => {
	it('prints the type error of the kubernetes.io walkthrough', () => {
		const l = withCrds('crontab-crd.yaml');
		expect(fails(l, 'kubectl apply -f replicas-string.yaml').error).toBe(
			'The CronTab "my-new-cron-object" is invalid: spec.replicas: Invalid value: "string": ' +
				'spec.replicas in body must be of type integer: "string"\n'
		);
	});

	it('refuses unknown fields under --validate=strict, the strict decoding way', () => {
		const l = withCrds('crontab-crd.yaml', 'backup-crd.yaml');
		expect(fails(l, 'kubectl apply -f unknown.yaml').error).toBe(
			'Error from server (BadRequest): error when creating "unknown.yaml": CronTab in version "v1" ' +
				'cannot be handled as a CronTab: strict decoding error: unknown field "spec.bar", unknown field "spec.foo"\n'
		);
		expect(fails(l, 'kubectl apply -f nested-unknown.yaml').error).toBe(
			'Error from server (BadRequest): error when creating "nested-unknown.yaml": Backup in version "v1" ' +
				'cannot be handled as a Backup: strict decoding error: unknown field "spec.steps[0].retries"\n'
		);
	});

	it('lists every schema violation, in kube-openapi’s words', () => {
		const l = withCrds('backup-crd.yaml');
		expect(fails(l, 'kubectl apply -f broken.yaml').error).toBe(
			'The Backup "broken" is invalid: \n' +
				'* spec.keep: Invalid value: 20: spec.keep in body should be less than or equal to 10\n' +
				'* spec.mode: Unsupported value: "sometimes": supported values: "full", "incremental"\n' +
				'* spec.owner: Invalid value: "x": spec.owner in body should be at least 2 chars long\n' +
				'* spec.schedule: Invalid value: "every day": spec.schedule in body should match \'^(\\d+|\\*)( (\\d+|\\*)){4}$\'\n' +
				'* spec.tags[1]: Too long: may not be more than 5 bytes\n' +
				'* spec.tags: Too many: 3: must have at most 2 items\n' +
				'* spec.target: Invalid value: "boolean": spec.target in body must be of type integer,string: "boolean"\n'
		);
		expect(fails(l, 'kubectl apply -f too-few.yaml').error).toBe(
			'The Backup "few" is invalid: \n' +
				'* spec.keep: Invalid value: 0: spec.keep in body should be greater than or equal to 1\n' +
				'* spec.tags: Invalid value: []: spec.tags in body should have at least 1 items\n'
		);
		expect(fails(l, 'kubectl apply -f no-spec.yaml').error).toBe(
			'The Backup "nospec" is invalid: spec: Required value\n'
		);
		expect(fails(l, 'kubectl create -f no-schedule.yaml').error).toBe(
			'The Backup "noschedule" is invalid: spec.schedule: Required value\n'
		);
	});

	it('defaults from the schema, keeps preserved fields and accepts int-or-string', () => {
		const l = withCrds('backup-crd.yaml');
		succeeds(l, 'kubectl apply -f nightly.yaml');
		const spec = JSON.parse(
			succeeds(l, 'kubectl get backup nightly -o jsonpath={.spec}').output
		) as Record<string, unknown>;
		expect(spec).toEqual({
			extra: { anything: [1, 2] },
			keep: 3,
			mode: 'full',
			schedule: '0 3 * * *',
			target: 80
		});
	});
});

describe('cluster-scoped kinds, columns and versions', () => {
	it('ignores -n, prints the declared columns (wide ones with -o wide) and stores in the storage version', () => {
		const l = withCrds('backup-crd.yaml');
		expect(succeeds(l, 'kubectl apply -f nightly.yaml').output).toBe(
			'backup.ops.example.com/nightly created\n'
		);
		// v1beta1 is served too (no schema: everything is kept); it is stored as v1.
		expect(succeeds(l, 'kubectl apply -f old.yaml').output).toBe(
			'backup.ops.example.com/old created\n'
		);
		succeeds(l, 'sim advance 90s');
		const table =
			'NAME      SCHEDULE    KEEP   AGE\n' +
			'nightly   0 3 * * *   3      90s\n' +
			'old       0 4 * * *          90s\n';
		expect(succeeds(l, 'kubectl get backups').output).toBe(table);
		expect(succeeds(l, 'kubectl get bk -n kube-system').output).toBe(table);
		expect(succeeds(l, 'kubectl get backups -o wide').output).toBe(
			'NAME      SCHEDULE    KEEP   MODE   AGE\n' +
				'nightly   0 3 * * *   3      full   90s\n' +
				'old       0 4 * * *                 90s\n'
		);
		// A cluster-scoped object has no namespace, whatever its file said.
		expect(succeeds(l, 'kubectl get backup nightly -o jsonpath={.metadata.namespace}').output).toBe(
			''
		);
		expect(
			succeeds(l, 'kubectl get backup old -o jsonpath={.apiVersion}/{.spec.free}').output
		).toBe('ops.example.com/v1/form');
		expect(succeeds(l, 'kubectl api-resources --api-group ops.example.com').output).toBe(
			'NAME      SHORTNAMES   APIVERSION           NAMESPACED   KIND\n' +
				'backups   bk           ops.example.com/v1   false        Backup\n'
		);
	});

	it('reads objects in the preferred version whatever version stores them', () => {
		const l = withCrds('widgets.yaml');
		succeeds(l, 'kubectl apply -f widget.yaml');
		// v1 outranks v1alpha1 (kube-aware version order); the None strategy rewrites apiVersion.
		expect(succeeds(l, 'kubectl get widget w -o jsonpath={.apiVersion}').output).toBe(
			'example.com/v1'
		);
		expect(
			succeeds(l, 'kubectl get crd widgets.example.com -o jsonpath={.status.storedVersions}').output
		).toBe('["v1alpha1"]');
		expect(succeeds(l, 'kubectl api-resources --api-group example.com').output).toBe(
			'NAME      SHORTNAMES   APIVERSION       NAMESPACED   KIND\n' +
				'widgets                example.com/v1   true         Widget\n'
		);
	});

	it('patches with merge and JSON patches, not strategic ones, and validates the result', () => {
		const l = withCrds('backup-crd.yaml');
		succeeds(l, 'kubectl apply -f nightly.yaml');
		expect(
			succeeds(l, `kubectl patch backup nightly --type=merge -p '{"spec":{"keep":5}}'`).output
		).toBe('backup.ops.example.com/nightly patched\n');
		expect(
			succeeds(
				l,
				`kubectl patch backup nightly --type=json -p '[{"op":"replace","path":"/spec/mode","value":"incremental"}]'`
			).output
		).toBe('backup.ops.example.com/nightly patched\n');
		expect(
			succeeds(l, 'kubectl get backup nightly -o jsonpath={.spec.keep}/{.spec.mode}').output
		).toBe('5/incremental');
		expect(fails(l, `kubectl patch backup nightly -p '{"spec":{"keep":6}}'`).error).toBe(
			'Error from server (UnsupportedMediaType): the body of the request was in an unknown format - ' +
				'accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml\n'
		);
		expect(
			fails(l, `kubectl patch backup nightly --type=merge -p '{"spec":{"keep":11}}'`).error
		).toBe(
			'The Backup "nightly" is invalid: spec.keep: Invalid value: 11: spec.keep in body should be less than or equal to 10\n'
		);
	});
});

describe('CustomResourceDefinition validation', () => {
	it('refuses the common mistakes with the API server’s messages and stores nothing', () => {
		const l = lab();
		expect(fails(l, 'kubectl apply -f bad-name.yaml').error).toBe(
			'The CustomResourceDefinition "crontab.stable.example.com" is invalid: metadata.name: ' +
				'Invalid value: "crontab.stable.example.com": must be spec.names.plural+"."+spec.group\n'
		);
		expect(fails(l, 'kubectl apply -f bad-scope.yaml').error).toBe(
			'The CustomResourceDefinition "crontabs.stable.example.com" is invalid: spec.scope: ' +
				'Unsupported value: "Regional": supported values: "Cluster", "Namespaced"\n'
		);
		expect(fails(l, 'kubectl apply -f no-kind.yaml').error).toBe(
			'The CustomResourceDefinition "crontabs.stable.example.com" is invalid: \n' +
				'* spec.names.singular: Required value\n' +
				'* spec.names.kind: Required value\n' +
				'* spec.names.listKind: Required value\n'
		);
		expect(fails(l, 'kubectl apply -f no-schema.yaml').error).toBe(
			'The CustomResourceDefinition "widgets.example.com" is invalid: ' +
				'spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required\n'
		);
		expect(fails(l, 'kubectl apply -f non-structural.yaml').error).toBe(
			'The CustomResourceDefinition "widgets.example.com" is invalid: \n' +
				'* spec.versions[0].schema.openAPIV3Schema.type: Required value: must not be empty at the root\n' +
				'* spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields\n' +
				'* spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[list].items: Required value: must be specified\n' +
				'* spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[size].type: Required value: must not be empty for specified object fields\n'
		);
		// The internal version list, its one schema moved up to the spec (v1 conversion.go).
		expect(fails(l, 'kubectl apply -f crontab-no-storage.yaml').error).toBe(
			'The CustomResourceDefinition "crontabs.stable.example.com" is invalid: spec.versions: Invalid value: ' +
				'[{"Name":"v1","Served":true,"Storage":false,"Deprecated":false,"DeprecationWarning":null,"Schema":null,' +
				'"Subresources":null,"AdditionalPrinterColumns":null,"SelectableFields":null}]: ' +
				'must have exactly one version marked as storage version\n'
		);
		for (const file of ['two-storage.yaml', 'no-storage.yaml'])
			expect(fails(l, `kubectl apply -f ${file}`).error).toMatch(
				/^The CustomResourceDefinition "backups\.ops\.example\.com" is invalid: spec\.versions: Invalid value: \[\{"Name":"v1beta1",.*"OpenAPIV3Schema":\{"ID":"".*\]: must have exactly one version marked as storage version\n$/
			);
		expect(fails(l, 'kubectl apply -f crd-typo.yaml').error).toBe(
			'Error from server (BadRequest): error when creating "crd-typo.yaml": CustomResourceDefinition in version "v1" ' +
				'cannot be handled as a CustomResourceDefinition: strict decoding error: ' +
				'unknown field "spec.versions[0].schema.openAPIV3Schema.typo"\n'
		);
		expect(succeeds(l, 'kubectl get crd').error).toBe('No resources found\n');
	});

	it('keeps scope, kind, group and plural once established', () => {
		const l = withCrds('crontab-crd.yaml');
		expect(fails(l, 'kubectl apply -f cluster-scope.yaml').error).toBe(
			'The CustomResourceDefinition "crontabs.stable.example.com" is invalid: spec.scope: ' +
				'Invalid value: "Cluster": field is immutable\n'
		);
	});
});
