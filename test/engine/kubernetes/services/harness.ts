/**
 * A Kubernetes lab opened up for tests that must look inside: the kernel, the cluster (its
 * kube-proxies, traffic target) and the traffic generator, driven by command lines.
 */
import { Kernel } from '../../../../src/engine/core/kernel';
import { runLine } from '../../../../src/engine/commands/run';
// kubectl's verbs come with the Kubernetes flavour (src/engine/flavors), as in a lab.
import '../../../../src/engine/flavors/kubernetes';
import type { CommandContext } from '../../../../src/engine/commands/context';
import {
	createKubernetesCluster,
	type KubernetesCluster
} from '../../../../src/engine/kubernetes/cluster';
import { trafficOf, type TrafficGenerator } from '../../../../src/engine/traffic/generator';
import type { ExecResult } from '../../../../src/engine/index';

export interface Harness {
	kernel: Kernel;
	cluster: KubernetesCluster;
	traffic: TrafficGenerator;
	exec(line: string): ExecResult;
	advance(ms: number): void;
}

export function harness(seed = 1, workers = 3, files: Record<string, string> = {}): Harness {
	const kernel = new Kernel(seed, { latencyMs: 1, jitterMs: 2, loss: 0 });
	const cluster = createKubernetesCluster(kernel, 1, workers);
	kernel.runUntil(0);
	const ctx: CommandContext = {
		flavor: 'kubernetes',
		seed,
		kernel,
		hosts: cluster.hosts,
		kubernetes: cluster,
		advance: (ms) => kernel.runUntil(kernel.now + ms),
		reseed: () => {
			throw new Error('not in tests');
		},
		readFile: (p) => files[p],
		readDir: () => undefined
	};
	return {
		kernel,
		cluster,
		traffic: trafficOf(kernel)!,
		exec: (line) => runLine(ctx, line),
		advance: (ms) => kernel.runUntil(kernel.now + ms)
	};
}

export function deployment(name: string, replicas: number, extra = ''): string {
	return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        ports:
        - {name: http, containerPort: 8080}
${extra}`;
}

export function service(name: string, extra = ''): string {
	return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: {app: ${name}}
  ports:
  - port: 80
    targetPort: http
${extra}`;
}
