/**
 * The `kubectl create` subcommands that build RBAC objects, PodDisruptionBudgets, Ingresses and
 * Secrets of every type (./create-secret-types.ts), and request tokens, by name and alias
 * (kubectl pkg/cmd/create/create.go AddCommand: `pdb`, `ing`). The create dispatcher
 * (./verbs.ts) looks them up here.
 */
import type { CommandContext, CommandResult } from '../context';
import { createClusterRole, createRole } from './create-role';
import { createClusterRoleBinding, createRoleBinding } from './create-rolebinding';
import { createPodDisruptionBudget } from './create-pdb';
import { createIngress } from './create-ingress';
import { createToken } from './create-token';
import { createSecret } from './create-secret-types';

type Generator = (ctx: CommandContext, words: readonly string[]) => CommandResult;

const GENERATORS: Readonly<Record<string, Generator>> = {
	role: createRole,
	clusterrole: createClusterRole,
	rolebinding: createRoleBinding,
	clusterrolebinding: createClusterRoleBinding,
	poddisruptionbudget: createPodDisruptionBudget,
	pdb: createPodDisruptionBudget,
	ingress: createIngress,
	ing: createIngress,
	token: createToken,
	secret: createSecret
};

/** The generator for `kubectl create <what>`, or undefined when `what` is none of these. */
export function createGenerator(what: string): Generator | undefined {
	return Object.prototype.hasOwnProperty.call(GENERATORS, what) ? GENERATORS[what] : undefined;
}
