/** kubectl's error texts (kubectl pkg/cmd/util/helpers.go, cobra, templater.go). */

export function unknownFlag(message: string, command: string): string {
	return `error: ${message}\nSee 'kubectl ${command} --help' for usage.\n`;
}

export function notFound(qualifiedPlural: string, name: string): string {
	return `Error from server (NotFound): ${qualifiedPlural} "${name}" not found\n`;
}

/** What kubectl prints when nothing answers at the API server's address. */
export function connectionRefused(server: string): string {
	return `The connection to the server ${server} was refused - did you specify the right host or port?\n`;
}

export function notSimulated(what: string): string {
	return `error: "kubectl ${what}" is not simulated in this lab yet\n`;
}

/**
 * A group command (`create`, `set`, `rollout`) given a word that is none of its subcommands:
 * cobra runs the group's own Run, cmdutil.DefaultSubCommandRun, whose RequireNoArguments joins
 * every argument left after flag parsing (kubectl pkg/cmd/util/helpers.go, UsageErrorf).
 */
export function unknownSubcommand(group: string, args: readonly string[]): string {
	return `error: unknown command "${args.join(' ')}"\nSee 'kubectl ${group} -h' for help and examples\n`;
}
