/**
 * `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME` (kubectl
 * pkg/cmd/create/create_service.go): a Service labelled and selecting `app=NAME`, one port per
 * `--tcp=port[:targetPort]` named after it (`5678:8080` → `5678-8080`), `--node-port` on
 * every port of a NodePort service, `--clusterip=None` for a headless one.
 */
import type { ServicePort } from 'kubernetes-types/core/v1';
import { fail, type CommandContext, type CommandResult } from '../context';
import { flag, parseFlags } from '../flags';
import { parseGoInt } from '../go-int';
import { intFlagError } from './int-flag';
import type { KubeObject } from '../../manifests/index';
import { unknownFlag } from './errors';
import { sendService } from './expose';
import { PRINT_FLAGS, printingFor, withBareDryRun } from './dry-run';
import { contextNamespace } from './kubeconfig-state';

const TYPES: Record<string, string> = {
	clusterip: 'ClusterIP',
	nodeport: 'NodePort',
	loadbalancer: 'LoadBalancer',
	externalname: 'ExternalName'
};

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** parsePorts: `port[:targetPort]`, the target a number or a port name. */
function parsePort(spec: string, nodePort: number): ServicePort | string {
	const [portText, targetText = portText] = spec.split(':', 2) as [string, string?];
	if (!/^\d+$/.test(portText) || Number(portText) > 65535)
		return `error: strconv.Atoi: parsing "${portText}": invalid syntax\n`;
	const target = /^\d+$/.test(targetText!) ? Number(targetText) : targetText!;
	return {
		name: spec.replaceAll(':', '-'),
		port: Number(portText),
		targetPort: target,
		protocol: 'TCP',
		// create_service.go sets NodePort: int32(o.NodePort); omitempty drops only 0, so a
		// negative one reaches the API server's validation.
		...(nodePort !== 0 ? { nodePort } : {})
	};
}

export function createService(ctx: CommandContext, words: readonly string[]): CommandResult {
	const [sub, ...rest] = words;
	const type = TYPES[sub ?? ''];
	if (type === undefined)
		return fail('error: must specify one of clusterip, externalname, loadbalancer, nodeport\n');
	const parsed = parseFlags(withBareDryRun(rest), [
		...PRINT_FLAGS,
		{ long: 'tcp', repeatable: true },
		{ long: 'namespace', short: 'n' },
		...(type === 'ClusterIP' ? [{ long: 'clusterip' }] : []),
		...(type === 'NodePort' ? [{ long: 'node-port' }] : []),
		...(type === 'ExternalName' ? [{ long: 'external-name' }] : [])
	]);
	if (!parsed.ok) return fail(unknownFlag(parsed.error, `create service ${sub}`));
	const printing = printingFor(ctx, parsed.flags);
	if ('error' in printing) return fail(printing.error);
	if (parsed.args.length !== 1)
		return fail(`error: exactly one NAME is required, got ${parsed.args.length}\n`);
	const name = parsed.args[0]!;
	const tcp = (parsed.flags.get('tcp') ?? []).flatMap((t) => t.split(','));
	const clusterIP = flag(parsed.flags, 'clusterip');
	const externalName = flag(parsed.flags, 'external-name') ?? '';
	if (type === 'ExternalName' && externalName === '')
		return fail('error: required flag(s) "external-name" not set\n');
	if (clusterIP === 'None' && tcp.length > 0)
		return fail('error: can not map ports with clusterip=None\n');
	if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName')
		return fail('error: at least one tcp port specifier must be provided\n');
	if (type === 'ExternalName' && !DNS1123_SUBDOMAIN.test(externalName))
		return fail(`error: invalid service external name ${externalName}\n`);
	// IntVar: strconv.ParseInt(s, 0, 64).
	const nodePortText = flag(parsed.flags, 'node-port') ?? '0';
	const nodePort = parseGoInt(nodePortText, 64);
	if (typeof nodePort === 'string')
		return fail(intFlagError(nodePortText, '--node-port', nodePort, `create service ${sub}`));
	const ports: ServicePort[] = [];
	for (const spec of tcp) {
		const port = parsePort(spec, nodePort);
		if (typeof port === 'string') return fail(port);
		ports.push(port);
	}
	const namespaceFlag = flag(parsed.flags, 'namespace');
	const ns = namespaceFlag ?? contextNamespace(ctx);
	const object = {
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {
			labels: { app: name },
			name,
			...(namespaceFlag !== undefined ? { namespace: ns } : {})
		},
		spec: {
			...(ports.length > 0 ? { ports } : {}),
			selector: { app: name },
			type,
			...(clusterIP !== undefined ? { clusterIP } : {}),
			...(type === 'ExternalName' ? { externalName } : {})
		}
	} as KubeObject;
	return sendService(
		ctx,
		printing,
		object,
		ns,
		'kubectl create service',
		'created',
		`failed to create ${type} service`
	);
}
