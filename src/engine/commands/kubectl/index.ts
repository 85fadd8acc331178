/** `kubectl …`: the verbs of kubectl v1.35 that the lab answers, with kubectl's errors. */
import { fail, type CommandContext, type CommandResult } from '../context';
import { suggestionsFor } from '../suggest';
import { API_SERVER_PORT } from '../../kubernetes/defaults';
import { connectionRefused, notSimulated } from './errors';
import { kubectlVerbs } from '../../flavors/registry';
import { useCustomKinds } from '../../manifests/custom-kinds';
import { servedCustomKinds } from '../../kubernetes/api/custom-resources';

/** The verbs ./verbs.ts simulates (loaded with the Kubernetes flavour), by name. */
export const SIMULATED_VERBS: readonly string[] = [
	'get',
	'describe',
	'logs',
	'exec',
	'create',
	'apply',
	'cordon',
	'uncordon',
	'label',
	'annotate',
	'taint',
	'drain',
	'expose',
	'rollout',
	'scale',
	'autoscale',
	'delete',
	'set',
	'run',
	'patch',
	'replace',
	'diff',
	'events',
	'version',
	'cluster-info',
	'api-resources',
	'top',
	'wait',
	'config',
	'auth'
];

// Every top-level command of kubectl v1.35 (kubectl --help), for cobra's suggestions and to tell
// "not simulated yet" apart from "unknown".
const KUBECTL_COMMANDS = [
	'annotate',
	'api-resources',
	'api-versions',
	'apply',
	'attach',
	'auth',
	'autoscale',
	'certificate',
	'cluster-info',
	'completion',
	'config',
	'cordon',
	'cp',
	'create',
	'debug',
	'delete',
	'describe',
	'diff',
	'drain',
	'edit',
	'events',
	'exec',
	'explain',
	'expose',
	'get',
	'help',
	'kustomize',
	'label',
	'logs',
	'options',
	'patch',
	'plugin',
	'port-forward',
	'proxy',
	'replace',
	'rollout',
	'run',
	'scale',
	'set',
	'taint',
	'top',
	'uncordon',
	'version',
	'wait'
];

/** kubectl's global flags may stand before the verb (`kubectl -n kube-system get …`). */
function hoistGlobalFlags(words: readonly string[]): string[] {
	const globals: string[] = [];
	let i = 0;
	while (i < words.length) {
		const w = words[i]!;
		if ((w === '-n' || w === '--namespace') && i + 1 < words.length) {
			globals.push(w, words[i + 1]!);
			i += 2;
		} else if (/^(-n.+|--namespace=.*|-A|--all-namespaces)$/.test(w)) {
			globals.push(w);
			i += 1;
		} else break;
	}
	// They go before a `--`: what follows it is a command's own (`exec POD -- CMD`, `run -- ARGS`).
	const rest = words.slice(i);
	const dash = rest.indexOf('--');
	return dash < 0
		? [...rest, ...globals]
		: [...rest.slice(0, dash), ...globals, ...rest.slice(dash)];
}

export function kubectl(ctx: CommandContext, input: readonly string[]): CommandResult {
	const words = hoistGlobalFlags(input);
	const [verb, ...rest] = words;
	if (verb === undefined || verb === 'help' || verb === '--help' || verb === '-h') {
		return { ok: true, output: KUBECTL_HELP };
	}
	if (!KUBECTL_COMMANDS.includes(verb)) {
		if (verb.startsWith('-'))
			return fail(`error: unknown flag: ${verb.split('=')[0]}\nSee 'kubectl --help' for usage.\n`);
		const suggestions = suggestionsFor(verb, KUBECTL_COMMANDS);
		const hint =
			suggestions.length > 0
				? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}`
				: '\n';
		return fail(`error: unknown command "${verb}" for "kubectl"${hint}`);
	}
	if (!SIMULATED_VERBS.includes(verb)) return fail(notSimulated(verb));
	if (ctx.kubernetes === undefined) {
		// No kubeconfig on a swarm lab: kubectl falls back to localhost:8080.
		return fail(connectionRefused('localhost:8080'));
	}
	// The kubeconfig is the client's own file: read without asking the API server.
	if (verb === 'config') return kubectlVerbs()[verb]!(ctx, rest);
	const api = ctx.kubernetes.apiServerHost();
	if (api === undefined) {
		return fail(connectionRefused(`${ctx.kubernetes.controlPlanes[0]}:${API_SERVER_PORT}`));
	}
	// kubectl's reads are consistent reads, served from etcd by a quorum read (KEP-2340), so
	// without a quorum every verb times out, as writes do.
	const storage = ctx.kubernetes.etcd.storageError();
	if (storage !== undefined) return fail(`Error from server: ${storage}\n`);
	// Discovery: the kinds the established CRDs serve, for this command (custom-kinds.ts).
	useCustomKinds(servedCustomKinds(ctx.kernel.store));
	try {
		return kubectlVerbs()[verb]!(ctx, rest);
	} finally {
		useCustomKinds([]);
	}
}

const KUBECTL_HELP = `kubectl controls the simulated Kubernetes cluster of this lab.

 Commands answered so far:
  get           Display one or many resources (nodes, pods, deployments, replicasets,
                services, endpoints, endpointslices, ingresses, ingressclasses, jobs,
                controllerrevisions, all; several types at once (deploy,svc);
                -o wide|json|yaml|name|jsonpath=…|custom-columns=…, -l,
                --field-selector, --sort-by, -L, -n, -A, --show-labels, --no-headers;
                -f FILE: the objects a manifest names)
  describe      Show details of pods, nodes, deployments, replicasets, services,
                ingresses, jobs, cronjobs, namespaces, configmaps, secrets, endpoints,
                endpointslices (-n, -l, -A, -f FILE)
  logs          Print a container's logs (-c CONTAINER, -p/--previous, --tail N)
  exec          Run a command in a container (POD or TYPE/NAME, -c, -- CMD): env, hostname,
                cat, wget/curl/nslookup to Services, sh -c with ; && || and for loops
  apply         Apply manifests (-f FILE; several documents, several -f)
  create        Create from manifests (-f FILE) or a deployment (create deployment NAME --image=I)
                or a namespace, configmap, secret generic (--from-literal, --from-file=
                FILE|DIR, --from-env-file), secret tls (--cert --key), secret
                docker-registry (--docker-server --docker-username --docker-password),
                service clusterip|nodeport|loadbalancer|externalname (--tcp=P:T),
                cronjob (--image --schedule), job (--image, or --from=cronjob/NAME),
                role, clusterrole (--verb --resource), rolebinding, clusterrolebinding,
                pdb (--selector --min-available|--max-unavailable), ingress (--rule),
                token SERVICEACCOUNT (an unsigned JWT with the real claims)
  replace       Replace objects with a manifest's (-f FILE; --force deletes and re-creates)
  diff          Show what apply -f FILE would change (diff -u of live and merged objects)
  scale         Set a new size for a deployment or replica set (--replicas=N,
                --current-replicas=N, --resource-version=RV)
  delete        Delete deployments, replica sets, pods, services, ingresses, jobs,
                cronjobs, namespaces, configmaps or secrets by name, all that match
                (--all, -l), or what a manifest names (-f FILE)
  expose        Make a Service for a deployment, replica set, pod or service
                (--port, --target-port, --type, --name, --protocol)
  set env       Update the environment variables of a pod template (KEY=VAL, KEY-, --from)
  set image     Update workloads' container images, a rolling update (TYPE/NAME…, --all, -l)
  set resources Set containers' requests and limits (--requests, --limits, -c, --all, -l)
  set selector  Replace a service's selector (set selector svc/web app=web)
  run           Start a bare Pod (NAME --image=I [--restart] [--labels] [--port] [-- ARGS])
  patch         Update fields of an object (-p PATCH, --type strategic|merge|json)
  cordon        Mark a node unschedulable; uncordon marks it schedulable again
  drain         Cordon nodes and evict their pods (NODE…, -l, --ignore-daemonsets, --force)
  rollout       status (waits), history [--revision=N], undo [--to-revision=N], restart,
                pause, resume (TYPE/NAME…, TYPE NAME…, a bare TYPE for all, -l)
  label         Add, change (--overwrite) or remove (key-) labels of any object
  annotate      The same for annotations
  taint         Add (key=value:Effect) or remove (key:Effect-) node taints (NODE…, --all,
                -l, --overwrite)
  events        List events by time (--for TYPE/NAME, --types=Warning, -A)
  wait          Wait for a condition (--for=condition=C|delete|jsonpath=…, --timeout)
  version       Client, Kustomize and server versions; cluster-info: the control plane
  api-resources The resource types the lab serves; top: there is no Metrics API
  autoscale     Make a HorizontalPodAutoscaler (--min, --max, --cpu)
  config        view, current-context, get-contexts: kubeadm's admin.conf
  auth          can-i VERB TYPE, whoami: the cluster-admin user kubeadm makes

 Other kubectl commands are recognised and will be simulated as the lab grows.
`;
