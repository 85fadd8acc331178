/**
 * `kubectl apply -f` / `kubectl create -f` with `--dry-run` and `-o` (apply.go, create.go): a
 * client dry run prints what would be sent (for apply with the last-applied annotation apply.go
 * adds before a create), a server dry run gets the create's errors, and neither stores anything.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../../src/engine/index';
import { fails, state, succeeds } from '../../lab-helpers';

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: redis-leader
spec:
  ports:
  - port: 6379
  selector:
    app: redis
`;

const IN_NAMESPACE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: kube-public
data:
  mode: dark
`;

function lab() {
	const files: Record<string, string> = { 'svc.yaml': SERVICE, 'cm.yaml': IN_NAMESPACE };
	return createLab({ seed: 2, readFile: (p) => files[p] });
}

describe('apply -f / create -f with --dry-run', () => {
	it('stores nothing and says so', () => {
		const l = lab();
		const before = state(l);
		expect(succeeds(l, 'kubectl apply -f svc.yaml --dry-run=server').output).toBe(
			'service/redis-leader created (server dry run)\n'
		);
		expect(succeeds(l, 'kubectl create -f svc.yaml --dry-run=client').output).toBe(
			'service/redis-leader created (dry run)\n'
		);
		expect(state(l)).toEqual(before);
	});

	it('a client dry run of apply prints the document with its namespace and annotation', () => {
		const l = lab();
		const sent = JSON.parse(
			succeeds(l, 'kubectl apply -f svc.yaml --dry-run=client -o json').output
		) as { metadata: { namespace: string; annotations: Record<string, string> }; spec: object };
		expect(sent.metadata.namespace).toBe('default');
		expect(sent.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBe(
			'{"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"name":"redis-leader","namespace":"default"},"spec":{"ports":[{"port":6379}],"selector":{"app":"redis"}}}\n'
		);
		// As written: no server defaults.
		expect(sent.spec).toEqual({ ports: [{ port: 6379 }], selector: { app: 'redis' } });
	});

	it('after a real apply, reports unchanged, and create gets AlreadyExists from the server', () => {
		const l = lab();
		succeeds(l, 'kubectl apply -f svc.yaml');
		expect(succeeds(l, 'kubectl apply -f svc.yaml --dry-run=client').output).toBe(
			'service/redis-leader unchanged (dry run)\n'
		);
		expect(fails(l, 'kubectl create -f svc.yaml --dry-run=server').error).toBe(
			'Error from server (AlreadyExists): error when creating "svc.yaml": services "redis-leader" already exists\n'
		);
	});

	it('-o without a dry run prints what was stored', () => {
		const l = lab();
		expect(succeeds(l, 'kubectl apply -f svc.yaml -o name').output).toBe('service/redis-leader\n');
		const stored = JSON.parse(succeeds(l, 'kubectl apply -f svc.yaml -o json').output) as {
			spec: { clusterIP: string };
		};
		expect(stored.spec.clusterIP).toMatch(/^10\./);
	});

	it('-o finds a stored object in the namespace its document names', () => {
		const l = lab();
		const stored = JSON.parse(succeeds(l, 'kubectl create -f cm.yaml -o json').output) as {
			metadata: { namespace: string; uid?: string };
		};
		expect(stored.metadata.namespace).toBe('kube-public');
		expect(stored.metadata.uid).toBeDefined();
	});

	it('a server dry run refuses a namespace that does not exist, changing nothing', () => {
		const l = lab();
		expect(fails(l, 'kubectl apply -f svc.yaml -n nowhere --dry-run=server').error).toBe(
			'Error from server (NotFound): error when creating "svc.yaml": namespaces "nowhere" not found\n'
		);
	});
});
