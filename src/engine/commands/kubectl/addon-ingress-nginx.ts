/**
 * `sim addon ingress-nginx [--class NAME]`: installs ingress-nginx as `kubectl apply -f` of the
 * project's bare-metal manifest would (kubernetes/services/ingress-nginx-manifest.ts), printing
 * what apply prints, then starts what runs in the controller's pods. Registered by the
 * Kubernetes flavour, so a Swarm page does not download kubectl's apply for it.
 */
import { fail, type CommandContext, type CommandResult } from '../context';
import { flag, parseFlags } from '../flags';
import { ingressNginxManifest } from '../../kubernetes/services/ingress-nginx-manifest';
import { applyManifestText } from './apply';

/** The words after `sim addon ingress-nginx`. */
export function ingressNginxAddon(ctx: CommandContext, args: readonly string[]): CommandResult {
	const parsed = parseFlags(args, [{ long: 'class' }]);
	if (!parsed.ok) return fail(`sim: ${parsed.error}`);
	if (parsed.args.length > 0) return fail('sim: usage: sim addon ingress-nginx [--class NAME]');
	const services = ctx.kubernetes?.services;
	if (services === undefined) return fail('sim: ingress-nginx is a kubernetes addon');
	const className = flag(parsed.flags, 'class') ?? 'nginx';
	if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(className))
		return fail(`sim: invalid --class "${className}": a DNS subdomain name`);
	if (services.ingress.isInstalled) return fail('sim: ingress-nginx is already installed');
	const applied = applyManifestText(ctx, ingressNginxManifest(className), 'ingress-nginx.yaml');
	if (!applied.ok) return applied;
	services.ingress.install();
	ctx.kernel.emit(
		'addon.installed',
		`ingressclass/${className}`,
		`ingress-nginx installed: its controller Deployment serves class ${className}.`
	);
	return applied;
}
