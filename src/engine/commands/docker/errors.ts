/** The docker CLI's error texts (docker/cli cmd/docker/docker.go, cli/required.go, cobra.go). */

export function unknownCommand(path: string, usage?: string): string {
	if (usage === undefined) {
		return `docker: unknown command: ${path}\n\nRun 'docker --help' for more information\n`;
	}
	return `docker: unknown command: ${path}\n\nUsage:  ${usage}\n\nRun '${path.replace(/ \S+$/, '')} --help' for more information\n`;
}

export function unknownFlag(message: string, command: string, usage: string): string {
	return `${message}\n\nUsage:  ${usage}\n\nRun '${command} --help' for more information\n`;
}

export const NOT_A_SWARM_MANAGER =
	'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n';

export const NO_LEADER =
	"Error response from daemon: rpc error: code = Unknown desc = The swarm does not have a leader. It's possible that too few managers are online. Make sure more than half of the managers are online.\n";

/** moby daemon/cluster/errors.go errSwarmLocked: a manager that restarted with autolock on. */
export const SWARM_LOCKED =
	'Error response from daemon: Swarm is encrypted and needs to be unlocked before it can be used. Please use "docker swarm unlock" to unlock it.\n';

export const DAEMON_DOWN =
	'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n';

export function notSimulated(what: string): string {
	return `"docker ${what}" is not simulated in this lab yet\n`;
}
