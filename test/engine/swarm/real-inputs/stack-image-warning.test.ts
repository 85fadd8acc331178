// docker/docs content/manuals/engine/swarm/stack-deploy.md ("Deploy a stack to a swarm"): its
// compose.yaml names the image `127.0.0.1:5000/stackdemo`. When the registry cannot give that
// image's digest, deploy_composefile.go prints the service create response's warning on stderr
// (client resolveContainerSpecImage), unless `--resolve-image never`. The lab printed nothing.
import { describe, expect, it } from 'vitest';
import { succeeds } from '../../lab-helpers';
import { swarmLab } from './helpers';

const COMPOSE = `services:
  web:
    image: 127.0.0.1:5000/stackdemo
    build: .
    ports:
      - "8000:8000"
  redis:
    image: redis:alpine
`;

describe('stack deploy: the registry digest warning', () => {
	it('warns for the image no registry serves, and only for it', () => {
		const lab = swarmLab({ 'compose.yaml': COMPOSE });
		const r = succeeds(lab, 'docker stack deploy -d --compose-file compose.yaml stackdemo');
		expect(r.output).toBe(
			'Creating network stackdemo_default\nCreating service stackdemo_redis\nCreating service stackdemo_web\n'
		);
		expect(r.error).toContain('Ignoring unsupported options: build\n\n');
		const warnings = (r.error ?? '').match(/could not be accessed on a registry to record/g) ?? [];
		expect(warnings).toHaveLength(1);
		expect(r.error).toMatch(/^image 127\.0\.0\.1:5000\/stackdemo\S* could not be accessed/m);
	});

	it('--resolve-image never asks no registry, so says nothing', () => {
		const lab = swarmLab({ 'compose.yaml': COMPOSE });
		const r = succeeds(
			lab,
			'docker stack deploy -d --resolve-image never --compose-file compose.yaml stackdemo'
		);
		expect(r.error).toBe('Ignoring unsupported options: build\n\n');
	});

	it('--resolve-image changed: a redeploy of the same image asks no registry', () => {
		const lab = swarmLab({ 'compose.yaml': COMPOSE });
		succeeds(lab, 'docker stack deploy -d --compose-file compose.yaml stackdemo');
		const again = succeeds(
			lab,
			'docker stack deploy -d --resolve-image changed --compose-file compose.yaml stackdemo'
		);
		expect(again.error).toBe('Ignoring unsupported options: build\n\n');
	});
});
