// The kubernetes.io task "Extend the Kubernetes API with CustomResourceDefinitions"
// (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/),
// its CronTab end to end with kubectl v1.35's output: before the CRD the custom object has no
// REST mapping; once the CRD is established it is stored, listed by every name, printed and
// described; deleting the CRD deletes it. No operator runs: the objects are stored data.
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';
import { CRONTAB_CRD, MY_CRONTAB } from './crd-fixtures';

const FILES: Record<string, string> = {
	'resourcedefinition.yaml': CRONTAB_CRD,
	'my-crontab.yaml': MY_CRONTAB,
	'both.yaml': `${CRONTAB_CRD}---\n${MY_CRONTAB}`,
	'in-all.yaml': CRONTAB_CRD.replace('    - ct\n', '    - ct\n    categories:\n    - all\n')
};

function lab(): Lab {
	return createLab({ seed: 5, readFile: (p) => FILES[p] });
}

const MAPPING =
	'error: resource mapping not found for name: "my-new-cron-object" namespace: "" from "my-crontab.yaml": ' +
	'no matches for kind "CronTab" in version "stable.example.com/v1"\nensure CRDs are installed first\n';

describe('the CronTab walkthrough', () => {
	it('refuses the custom object until its CRD is installed, then serves it by every name', () => {
		const l = lab();
		expect(fails(l, 'kubectl apply -f my-crontab.yaml').error).toBe(MAPPING);
		expect(fails(l, 'kubectl get crontabs').error).toBe(
			'error: the server doesn\'t have a resource type "crontabs"\n'
		);
		expect(succeeds(l, 'kubectl get crd').error).toBe('No resources found\n');
		expect(succeeds(l, 'kubectl apply -f resourcedefinition.yaml').output).toBe(
			'customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created\n'
		);
		succeeds(l, 'sim advance 2m');
		expect(succeeds(l, 'kubectl get crd').output).toBe(
			'NAME                          CREATED AT\n' +
				'crontabs.stable.example.com   2026-01-05T09:00:00Z\n'
		);
		expect(succeeds(l, 'kubectl get customresourcedefinitions -o name').output).toBe(
			'customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com\n'
		);
		expect(succeeds(l, 'kubectl get crontab').error).toBe(
			'No resources found in default namespace.\n'
		);
		expect(succeeds(l, 'kubectl apply -f my-crontab.yaml').output).toBe(
			'crontab.stable.example.com/my-new-cron-object created\n'
		);
		succeeds(l, 'sim advance 6s');
		const table = 'NAME                 AGE\nmy-new-cron-object   6s\n';
		for (const word of ['crontab', 'crontabs', 'ct', 'CronTab', 'crontabs.stable.example.com'])
			expect(succeeds(l, `kubectl get ${word}`).output).toBe(table);
		expect(succeeds(l, 'kubectl get crontab.v1.stable.example.com -o name').output).toBe(
			'crontab.stable.example.com/my-new-cron-object\n'
		);
		expect(succeeds(l, 'kubectl get ct -A').output).toBe(
			'NAMESPACE   NAME                 AGE\ndefault     my-new-cron-object   6s\n'
		);
		expect(succeeds(l, 'kubectl get ct -n kube-system').error).toBe(
			'No resources found in kube-system namespace.\n'
		);
		expect(succeeds(l, 'kubectl apply -f my-crontab.yaml').output).toBe(
			'crontab.stable.example.com/my-new-cron-object unchanged\n'
		);
	});

	it('stores the object as sent, with the metadata the API server gives every object', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f resourcedefinition.yaml');
		succeeds(l, 'kubectl apply -f my-crontab.yaml');
		const object = JSON.parse(succeeds(l, 'kubectl get ct my-new-cron-object -o json').output) as {
			apiVersion: string;
			kind: string;
			metadata: Record<string, unknown>;
			spec: unknown;
		};
		expect(object.apiVersion).toBe('stable.example.com/v1');
		expect(object.kind).toBe('CronTab');
		expect(Object.keys(object.metadata).sort()).toEqual([
			'annotations',
			'creationTimestamp',
			'generation',
			'name',
			'namespace',
			'resourceVersion',
			'uid'
		]);
		expect(object.metadata.generation).toBe(1);
		expect(object.spec).toEqual({ cronSpec: '* * * * */5', image: 'my-awesome-cron-image' });
		// kubectl get -o yaml of the list: a List with the object's last applied configuration.
		expect(succeeds(l, 'kubectl get ct -o yaml').output).toContain(
			'    kubectl.kubernetes.io/last-applied-configuration: |\n' +
				'        {"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"annotations":{},"name":"my-new-cron-object","namespace":"default"},"spec":{"cronSpec":"* * * * */5","image":"my-awesome-cron-image"}}\n'
		);
	});

	it('gives the CRD the status its naming and establishing controllers write', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f resourcedefinition.yaml');
		const crd = JSON.parse(
			succeeds(l, 'kubectl get crd crontabs.stable.example.com -o json').output
		) as { spec: Record<string, unknown>; status: Record<string, unknown>; metadata: object };
		expect(crd.spec.conversion).toEqual({ strategy: 'None' });
		expect((crd.spec.names as Record<string, unknown>).listKind).toBe('CronTabList');
		expect(crd.status).toEqual({
			acceptedNames: {
				kind: 'CronTab',
				listKind: 'CronTabList',
				plural: 'crontabs',
				shortNames: ['ct'],
				singular: 'crontab'
			},
			conditions: [
				{
					lastTransitionTime: '2026-01-05T09:00:00Z',
					message: 'no conflicts found',
					reason: 'NoConflicts',
					status: 'True',
					type: 'NamesAccepted'
				},
				{
					lastTransitionTime: '2026-01-05T09:00:00Z',
					message: 'the initial names have been accepted',
					reason: 'InitialNamesAccepted',
					status: 'True',
					type: 'Established'
				}
			],
			storedVersions: ['v1']
		});
		expect(
			succeeds(l, 'kubectl wait --for=condition=Established crd/crontabs.stable.example.com').output
		).toBe(
			'customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com condition met\n'
		);
		expect(succeeds(l, 'kubectl api-resources --api-group=stable.example.com').output).toBe(
			'NAME       SHORTNAMES   APIVERSION              NAMESPACED   KIND\n' +
				'crontabs   ct           stable.example.com/v1   true         CronTab\n'
		);
	});

	it('describes the object with the generic describer', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f resourcedefinition.yaml');
		succeeds(l, 'kubectl create -f my-crontab.yaml');
		const uid = succeeds(l, 'kubectl get ct my-new-cron-object -o jsonpath={.metadata.uid}').output;
		const rv = succeeds(
			l,
			'kubectl get ct my-new-cron-object -o jsonpath={.metadata.resourceVersion}'
		).output;
		expect(succeeds(l, 'kubectl describe ct my-new-cron-object').output).toBe(
			'Name:         my-new-cron-object\n' +
				'Namespace:    default\n' +
				'Labels:       <none>\n' +
				'Annotations:  <none>\n' +
				'API Version:  stable.example.com/v1\n' +
				'Kind:         CronTab\n' +
				'Metadata:\n' +
				'  Creation Timestamp:  2026-01-05T09:00:00Z\n' +
				'  Generation:          1\n' +
				`  Resource Version:    ${rv}\n` +
				`  UID:                 ${uid}\n` +
				'Spec:\n' +
				'  Cron Spec:  * * * * */5\n' +
				'  Image:      my-awesome-cron-image\n' +
				'Events:       <none>\n'
		);
	});

	it('maps a file at read time: a CRD and its object in one file take two applies', () => {
		const l = lab();
		const first = l.exec('kubectl apply -f both.yaml');
		expect(first.ok).toBe(false);
		expect(first.output).toBe(
			'customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created\n'
		);
		expect(first.error).toBe(MAPPING.replace('"my-crontab.yaml"', '"both.yaml"'));
		expect(succeeds(l, 'kubectl apply -f both.yaml').output).toBe(
			'customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com unchanged\n' +
				'crontab.stable.example.com/my-new-cron-object created\n'
		);
	});

	it('deletes every custom object with its CRD', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f resourcedefinition.yaml');
		succeeds(l, 'kubectl apply -f my-crontab.yaml');
		succeeds(l, 'kubectl create namespace other');
		succeeds(l, 'kubectl apply -f my-crontab.yaml -n other');
		expect(succeeds(l, 'kubectl get ct -A -o name').output).toBe(
			'crontab.stable.example.com/my-new-cron-object\ncrontab.stable.example.com/my-new-cron-object\n'
		);
		expect(succeeds(l, 'kubectl delete crd crontabs.stable.example.com').output).toBe(
			'customresourcedefinition.apiextensions.k8s.io "crontabs.stable.example.com" deleted\n'
		);
		expect(fails(l, 'kubectl get ct').error).toBe(
			'error: the server doesn\'t have a resource type "ct"\n'
		);
		// A new CRD of the same name starts empty: the old objects went with the old one.
		succeeds(l, 'kubectl apply -f resourcedefinition.yaml');
		expect(succeeds(l, 'kubectl get ct -A').error).toBe('No resources found\n');
	});

	it('deletes one object by name, by file and by label', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f resourcedefinition.yaml');
		succeeds(l, 'kubectl apply -f my-crontab.yaml');
		succeeds(l, 'kubectl label ct my-new-cron-object tier=batch');
		expect(succeeds(l, 'kubectl get ct -l tier=batch -o name').output).toBe(
			'crontab.stable.example.com/my-new-cron-object\n'
		);
		expect(succeeds(l, 'kubectl delete ct my-new-cron-object').output).toBe(
			'crontab.stable.example.com "my-new-cron-object" deleted from default namespace\n'
		);
		expect(fails(l, 'kubectl get ct my-new-cron-object').error).toBe(
			'Error from server (NotFound): crontabs.stable.example.com "my-new-cron-object" not found\n'
		);
	});

	it('lists a kind in `kubectl get all` only when its CRD names the category', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f resourcedefinition.yaml');
		succeeds(l, 'kubectl apply -f my-crontab.yaml');
		expect(succeeds(l, 'kubectl get all -o name').output).toBe('service/kubernetes\n');
		succeeds(l, 'kubectl apply -f in-all.yaml');
		expect(succeeds(l, 'kubectl get all -o name').output).toBe(
			'service/kubernetes\ncrontab.stable.example.com/my-new-cron-object\n'
		);
	});
});
