/**
 * `cat FILE` writes the file's bytes as they are (GNU coreutils cat.c simple_cat, busybox cat):
 * a ConfigMap or Secret key's value without a final newline prints without one, through
 * `kubectl exec … -- cat`, `docker exec … cat`, a container's `sh -c`, and the console's own cat.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

const FILES: Record<string, string> = {
	'pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: nginx:1.27.3
    volumeMounts: [{name: cfg, mountPath: /etc/cfg}]
  volumes:
  - name: cfg
    configMap: {name: cfg}
`,
	'note.txt': 'no newline'
};

describe('cat prints the bytes of the files', () => {
	const lab = createLab({ seed: 6, readFile: (p) => FILES[p] });
	succeeds(lab, 'kubectl create configmap cfg --from-literal=key=hello --from-literal=two=a');
	succeeds(lab, 'kubectl apply -f pod.yaml');
	lab.advance(30_000);

	it('kubectl exec -- cat: no newline added, files run together', () => {
		expect(succeeds(lab, 'kubectl exec p -- cat /etc/cfg/key').output).toBe('hello');
		expect(succeeds(lab, 'kubectl exec p -- cat /etc/cfg/key /etc/cfg/two').output).toBe('helloa');
		expect(succeeds(lab, "kubectl exec p -- sh -c 'cat /etc/cfg/key'").output).toBe('hello');
		// A file that ends in a newline keeps it.
		expect(succeeds(lab, 'kubectl exec p -- cat /etc/hostname').output).toBe('p\n');
	});

	it("the console's own cat", () => {
		expect(succeeds(lab, 'cat note.txt').output).toBe('no newline');
	});

	it('docker exec … cat', () => {
		const swarm = createLab({ flavor: 'swarm', seed: 6 });
		succeeds(swarm, 'printf s3cret | docker secret create db -');
		succeeds(swarm, 'docker service create --name web --secret db nginx:1.27.3');
		const name = succeeds(swarm, "docker ps --format '{{.Names}}'").output.trim();
		expect(succeeds(swarm, `docker exec ${name} cat /run/secrets/db`).output).toBe('s3cret');
	});
});
