// Manager autolock (docker/cli cli/command/swarm init.go, update.go, unlock_key.go, unlock.go;
// swarmkit manager/encryption HumanReadableKey `SWMKEY-1-` + 32 bytes in unpadded base64).
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const KEY = /SWMKEY-1-[A-Za-z0-9+/]{43}/;

function block(key: string): string {
	return (
		'To unlock a swarm manager after it restarts, run the `docker swarm unlock`\n' +
		`command and provide the following key:\n\n    ${key}\n\n` +
		'Remember to store this key in a password manager, since without it you\n' +
		'will not be able to restart the manager.\n'
	);
}

describe('docker swarm autolock', () => {
	it('init --autolock ends with the unlock key block; unlock-key -q prints the same key', () => {
		const lab = createLab({ flavor: 'swarm', swarm: 'uninitialized', managers: 1, workers: 0 });
		const out = succeeds(lab, 'docker swarm init --autolock').output;
		const key = KEY.exec(out)![0];
		expect(out).toMatch(/follow the instructions\.\n\nTo unlock a swarm manager/);
		expect(out.endsWith(block(key))).toBe(true);
		expect(succeeds(lab, 'docker swarm unlock-key -q').output).toBe(`${key}\n`);
	});

	it('without autolock there is no key to show or rotate', () => {
		const lab = createLab({ flavor: 'swarm', managers: 1, workers: 0 });
		expect(fails(lab, 'docker swarm unlock-key').error).toBe('no unlock key is set\n');
		expect(fails(lab, 'docker swarm unlock-key --rotate').error).toBe(
			'cannot rotate because autolock is not turned on\n'
		);
		expect(fails(lab, 'docker swarm unlock').error).toBe('Error: swarm is not locked\n');
	});

	it('update --autolock=true prints "Swarm updated." and the new key; --rotate changes it', () => {
		const lab = createLab({ flavor: 'swarm', managers: 1, workers: 0 });
		const out = succeeds(lab, 'docker swarm update --autolock=true').output;
		const key = KEY.exec(out)![0];
		expect(out).toBe('Swarm updated.\n' + block(key));
		const rotated = succeeds(lab, 'docker swarm unlock-key --rotate').output;
		const next = KEY.exec(rotated)![0];
		expect(next).not.toBe(key);
		expect(rotated).toBe('Successfully rotated manager unlock key.\n' + block(next));
		expect(succeeds(lab, 'docker swarm update --autolock=false').output).toBe('Swarm updated.\n');
		expect(fails(lab, 'docker swarm unlock-key').error).toBe('no unlock key is set\n');
	});

	// moby daemon/cluster: a manager that restarts with autolock on stays locked
	// (errSwarmLocked) until `docker swarm unlock` gets the key on stdin.
	it('a restarted manager is locked until unlocked with the key', () => {
		const lab = createLab({ flavor: 'swarm', managers: 3, workers: 0 });
		succeeds(lab, 'docker swarm update --autolock=true');
		const key = succeeds(lab, 'docker swarm unlock-key -q').output.trim();
		succeeds(lab, 'sim node restart manager-2');
		lab.advance(20_000);
		expect(fails(lab, 'docker -H manager-2 node ls').error).toBe(
			'Error response from daemon: Swarm is encrypted and needs to be unlocked before it can be used. Please use "docker swarm unlock" to unlock it.\n'
		);
		expect(
			succeeds(lab, "docker node ls --format '{{.Hostname}} {{.Status}} {{.ManagerStatus}}'").output
		).toContain('manager-2 Down Unreachable\n');
		expect(fails(lab, 'echo nope | docker -H manager-2 swarm unlock').error).toBe(
			'Error response from daemon: invalid key string\n'
		);
		expect(
			fails(lab, `echo SWMKEY-1-${'A'.repeat(43)} | docker -H manager-2 swarm unlock`).error
		).toBe('Error response from daemon: swarm could not be unlocked: invalid key provided\n');
		expect(succeeds(lab, `echo ${key} | docker -H manager-2 swarm unlock`).output).toBe('');
		lab.advance(20_000);
		expect(
			succeeds(lab, "docker node ls --format '{{.Hostname}} {{.Status}} {{.ManagerStatus}}'").output
		).toContain('manager-2 Ready Reachable\n');
		expect(fails(lab, 'docker -H manager-2 swarm unlock').error).toBe(
			'Error: swarm is not locked\n'
		);
	});
});
