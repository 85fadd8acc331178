/**
 * A stack's service reads back as the daemon stores it (moby daemon/cluster/convert/service.go):
 * the enums a compose file leaves empty come back as their zero values, as they do for a
 * service made with `docker service create`, and a value the daemon cannot convert is refused
 * with its error, leaving the lab untouched.
 */
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../../src/engine/index';
import type { Lab } from '../../../../src/engine/types';

function labWith(stack: string): Lab {
	return createLab({
		flavor: 'swarm',
		seed: 7,
		readFile: (p) => (p === 'stack.yml' ? stack : undefined)
	});
}

const STACK = `version: "3.8"
services:
  web:
    image: nginx:1.27
    ports: ["8080:80"]
    deploy:
      replicas: 2
      update_config:
        parallelism: 1
        delay: 10s
`;

describe('a stack service as the daemon stores it', () => {
	it('has FailureAction pause, Order stop-first, endpoint mode vip and (empty) Resources', () => {
		const lab = labWith(STACK);
		expect(lab.exec('docker stack deploy -c stack.yml app').ok).toBe(true);
		const [service] = JSON.parse(lab.exec('docker service inspect app_web').output) as {
			Spec: {
				UpdateConfig: Record<string, unknown>;
				EndpointSpec: { Mode: string };
				TaskTemplate: { Resources?: object };
			};
		}[];
		expect(service!.Spec.UpdateConfig).toMatchObject({
			Parallelism: 1,
			Delay: 10_000_000_000,
			FailureAction: 'pause',
			Order: 'stop-first'
		});
		expect(service!.Spec.EndpointSpec.Mode).toBe('vip');
		expect(service!.Spec.TaskTemplate.Resources).toEqual({});

		const pretty = lab.exec('docker service inspect --pretty app_web').output;
		expect(pretty).toContain('\n On failure:\tpause\n');
		expect(pretty).toContain('\n Update order:      stop-first\n');
		expect(pretty).toContain('\nResources:\n');
		expect(pretty).toContain('\nEndpoint Mode:\tvip\n');
	});

	it('refuses an update failure action the daemon does not know, and creates nothing', () => {
		const lab = labWith(STACK.replace('delay: 10s', 'delay: 10s\n        failure_action: explode'));
		const before = lab.exec('docker service ls').output;
		const result = lab.exec('docker stack deploy -c stack.yml app');
		expect(result.ok).toBe(false);
		expect(result.error).toContain('unrecognized update failure action explode');
		expect(lab.exec('docker service ls').output).toBe(before);
	});
});
