// docker 28 validates a stack file against the schema of the version it declares
// (cli/compose/schema: config_schema_v3.<n>.json); `3` and no version mean 3.13. Keys a later
// schema added are `Additional property … is not allowed` in an older file — the classic
// "(root) Additional property x-… is not allowed" of a `version: "3.3"` file with extension
// fields (those came in 3.4). The lab checked every file against 3.13.
import { describe, expect, it } from 'vitest';
import { fails, succeeds } from '../../lab-helpers';
import { swarmLab } from './helpers';

function deploy(version: string, body: string) {
	const text = `version: "${version}"\n${body}`;
	return swarmLab({ 'stack.yml': text });
}

const X_FIELDS = 'x-common: &common\n  image: nginx\nservices:\n  web:\n    <<: *common\n';
const ORDER =
	'services:\n  web:\n    image: nginx\n    deploy:\n      update_config:\n        order: start-first\n';
const ROLLBACK =
	'services:\n  web:\n    image: nginx\n    deploy:\n      rollback_config:\n        parallelism: 0\n';
const START_PERIOD =
	'services:\n  web:\n    image: nginx\n    healthcheck:\n      test: ["CMD", "true"]\n      start_period: 5s\n';

describe('a stack file is checked against its own version', () => {
	it.each([
		['3.3', X_FIELDS, '(root) Additional property x-common is not allowed'],
		['3.3', ORDER, 'services.web.deploy.update_config Additional property order is not allowed'],
		['3.6', ROLLBACK, 'services.web.deploy Additional property rollback_config is not allowed'],
		[
			'3.3',
			START_PERIOD,
			'services.web.healthcheck Additional property start_period is not allowed'
		],
		[
			'3.0',
			'services:\n  web:\n    image: nginx\nsecrets:\n  s:\n    file: ./s\n',
			'(root) Additional property secrets is not allowed'
		]
	])('version %s refuses what its schema lacks', (version, body, error) => {
		const lab = deploy(version, body);
		expect(fails(lab, 'docker stack deploy -d -c stack.yml s').error).toBe(`${error}\n`);
	});

	it.each([
		['3.4', X_FIELDS],
		['3.4', ORDER],
		['3.7', ROLLBACK],
		['3.4', START_PERIOD],
		['3', ROLLBACK]
	])('version %s accepts it', (version, body) => {
		succeeds(deploy(version, body), 'docker stack deploy -d -c stack.yml s');
	});
});
