/** The stack loader: compose files → swarm specs, the way `docker stack deploy` reads them. */
export {
	loadStack,
	loadStackFiles,
	stackConfigYaml,
	composeVersion,
	DEFAULT_COMPOSE_VERSION,
	DEFAULT_NETWORK_DRIVER
} from './load';
export { STACK_IMAGE_LABEL } from './services';
export type {
	LoadOptions,
	LoadResult,
	LoadedStack,
	StackFile,
	StackFileObject,
	StackVolume
} from './types';
