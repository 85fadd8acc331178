/**
 * What the learner changed in kubectl's kubeconfig: the current context's namespace
 * (`kubectl config set-context --current --namespace=dev`), which every command then uses when
 * no `-n` is given (clientcmd's Namespace(): the context's namespace, else `default`). It is
 * kubectl's state, not the cluster's, kept per lab and restored by time travel.
 */
import { perLab } from '../../core/per-lab';
import type { CommandContext } from '../context';

class KubeconfigState {
	namespace: string | undefined = undefined;

	save(): string | undefined {
		return this.namespace;
	}

	load(state: unknown): void {
		this.namespace = state as string | undefined;
	}
}

export const kubeconfigState = perLab('kubectl.kubeconfig', () => new KubeconfigState());

/** The namespace a command uses when no `-n` names one. */
export function contextNamespace(ctx: CommandContext): string {
	return kubeconfigState(ctx.kernel).namespace ?? 'default';
}
