// `docker service rm $(docker service ls -q)`: quiet is the format `{{.ID}}`, and
// serviceContext.ID() truncates to 12 characters (docker/cli cli/command/service/formatter.go,
// stringid.TruncateID), as the table's ID column does. The lab printed the full 25.
import { describe, expect, it } from 'vitest';
import { succeeds } from '../../lab-helpers';
import { swarmLab } from './helpers';

describe('docker service ls -q / docker stack services -q', () => {
	it('prints the IDs the table shows, and they work as references', () => {
		const lab = swarmLab({ 's.yml': 'services:\n  web:\n    image: nginx\n' });
		const full = succeeds(lab, 'docker service create -d --name a nginx').output.trim();
		succeeds(lab, 'docker stack deploy -d -c s.yml s');
		const ids = succeeds(lab, 'docker service ls -q').output.trim().split('\n');
		expect(ids).toHaveLength(2);
		expect(ids[0]).toBe(full.slice(0, 12));
		expect(ids.every((id) => id.length === 12)).toBe(true);
		const stackIds = succeeds(lab, 'docker stack services -q s').output;
		expect(stackIds).toBe(`${ids[1]}\n`);
		expect(succeeds(lab, `docker service rm ${ids.join(' ')}`).output).toBe(`${ids.join('\n')}\n`);
	});
});
