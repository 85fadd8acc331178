/**
 * The compose file JSON schema docker 28 validates a stack file against:
 * docker/cli cli/compose/schema/data/config_schema_v3.13.json (schema.go `defaultVersion`),
 * transcribed key for key. `$ref`s name entries of DEFINITIONS.
 */

export interface Schema {
	type?: string | readonly string[];
	properties?: Readonly<Record<string, Schema>>;
	patternProperties?: Readonly<Record<string, Schema>>;
	additionalProperties?: boolean;
	items?: Schema;
	oneOf?: readonly Schema[];
	required?: readonly string[];
	enum?: readonly string[];
	format?: 'duration' | 'ports' | 'expose';
	uniqueItems?: boolean;
	minimum?: number;
	$ref?: string;
	/**
	 * The first `3.x` schema that declares a property or pattern: an older file using it gets
	 * `Additional property … is not allowed`. From docker/cli's config_schema_v3.0, v3.3 and
	 * v3.6 json and the compose v3 reference's "added in version" notes; where those leave a
	 * range, the lowest version is used, so no valid file is refused.
	 */
	since?: Readonly<Record<string, string>>;
}

const str: Schema = { type: 'string' };
const bool: Schema = { type: 'boolean' };
const int: Schema = { type: 'integer' };
const num: Schema = { type: 'number' };
const duration: Schema = { type: 'string', format: 'duration' };
const uniqueStrings: Schema = { type: 'array', items: str, uniqueItems: true };
const ref = (name: string): Schema => ({ $ref: name });
const strOrNumMap: Schema = {
	type: 'object',
	patternProperties: { '^.+$': { type: ['string', 'number'] } }
};
const stringOrArray: Schema = { oneOf: [str, { type: 'array', items: str }] };
const fileReference: Schema = {
	type: 'array',
	items: {
		oneOf: [
			str,
			{ type: 'object', properties: { source: str, target: str, uid: str, gid: str, mode: num } }
		]
	}
};
const updateConfig: Schema = {
	type: 'object',
	properties: {
		parallelism: int,
		delay: duration,
		failure_action: str,
		monitor: duration,
		max_failure_ratio: num,
		order: { type: 'string', enum: ['start-first', 'stop-first'] }
	},
	since: { order: '3.4' },
	additionalProperties: false
};
const external: Schema = {
	type: ['boolean', 'object'],
	properties: { name: str },
	additionalProperties: false
};
const externalLoose: Schema = { type: ['boolean', 'object'], properties: { name: str } };
const xExtensions = { '^x-': {} };
const named = (definition: string): Schema => ({
	type: 'object',
	patternProperties: { '^[a-zA-Z0-9._-]+$': ref(definition) },
	additionalProperties: false
});

const service: Schema = {
	type: 'object',
	properties: {
		deploy: ref('deployment'),
		build: {
			oneOf: [
				str,
				{
					type: 'object',
					properties: {
						context: str,
						dockerfile: str,
						args: ref('list_or_dict'),
						labels: ref('list_or_dict'),
						cache_from: ref('list_of_strings'),
						network: str,
						target: str,
						shm_size: { type: ['integer', 'string'] },
						extra_hosts: ref('list_or_dict')
					},
					additionalProperties: true
				}
			]
		},
		cap_add: uniqueStrings,
		cap_drop: uniqueStrings,
		cgroupns_mode: str,
		cgroup_parent: str,
		command: stringOrArray,
		configs: fileReference,
		container_name: str,
		credential_spec: {
			type: 'object',
			properties: { config: str, file: str, registry: str },
			additionalProperties: false
		},
		depends_on: ref('list_of_strings'),
		devices: uniqueStrings,
		dns: ref('string_or_list'),
		dns_search: ref('string_or_list'),
		domainname: str,
		entrypoint: stringOrArray,
		env_file: ref('string_or_list'),
		environment: ref('list_or_dict'),
		expose: {
			type: 'array',
			items: { type: ['string', 'number'], format: 'expose' },
			uniqueItems: true
		},
		external_links: uniqueStrings,
		extra_hosts: ref('list_or_dict'),
		group_add: { type: 'array', items: { type: ['string', 'number'] }, uniqueItems: true },
		healthcheck: ref('healthcheck'),
		hostname: str,
		image: str,
		init: bool,
		ipc: str,
		isolation: str,
		labels: ref('list_or_dict'),
		links: uniqueStrings,
		logging: {
			type: 'object',
			properties: {
				driver: str,
				options: {
					type: 'object',
					patternProperties: { '^.+$': { type: ['string', 'number', 'null'] } }
				}
			},
			additionalProperties: false
		},
		mac_address: str,
		network_mode: str,
		networks: {
			oneOf: [
				ref('list_of_strings'),
				{
					type: 'object',
					patternProperties: {
						'^[a-zA-Z0-9._-]+$': {
							oneOf: [
								{
									type: 'object',
									properties: {
										aliases: ref('list_of_strings'),
										driver_opts: strOrNumMap,
										ipv4_address: str,
										ipv6_address: str
									},
									additionalProperties: false
								},
								{ type: 'null' }
							]
						}
					},
					additionalProperties: false
				}
			]
		},
		pid: { type: ['string', 'null'] },
		ports: {
			type: 'array',
			items: {
				oneOf: [
					{ type: 'number', format: 'ports' },
					{ type: 'string', format: 'ports' },
					{
						type: 'object',
						properties: { mode: str, target: int, published: int, protocol: str },
						additionalProperties: false
					}
				]
			},
			uniqueItems: true
		},
		privileged: bool,
		read_only: bool,
		restart: str,
		security_opt: uniqueStrings,
		shm_size: { type: ['number', 'string'] },
		secrets: fileReference,
		sysctls: ref('list_or_dict'),
		stdin_open: bool,
		stop_grace_period: duration,
		stop_signal: str,
		tmpfs: ref('string_or_list'),
		tty: bool,
		ulimits: {
			type: 'object',
			patternProperties: {
				'^[a-z]+$': {
					oneOf: [
						int,
						{
							type: 'object',
							properties: { hard: int, soft: int },
							required: ['soft', 'hard'],
							additionalProperties: false
						}
					]
				}
			}
		},
		oom_score_adj: int,
		user: str,
		userns_mode: str,
		volumes: {
			type: 'array',
			items: {
				oneOf: [
					str,
					{
						type: 'object',
						required: ['type'],
						properties: {
							type: str,
							source: str,
							target: str,
							read_only: bool,
							consistency: str,
							bind: { type: 'object', properties: { propagation: str } },
							volume: { type: 'object', properties: { nocopy: bool } },
							tmpfs: {
								type: 'object',
								properties: { size: { type: 'integer', minimum: 0 } }
							}
						},
						additionalProperties: false
					}
				],
				uniqueItems: true
			}
		},
		working_dir: str
	},
	patternProperties: xExtensions,
	since: {
		secrets: '3.1',
		configs: '3.3',
		credential_spec: '3.3',
		isolation: '3.4',
		init: '3.7',
		'^x-': '3.7'
	},
	additionalProperties: false
};

export const DEFINITIONS: Readonly<Record<string, Schema>> = {
	service,
	healthcheck: {
		type: 'object',
		additionalProperties: false,
		properties: {
			disable: bool,
			interval: duration,
			retries: num,
			test: stringOrArray,
			timeout: duration,
			start_period: duration,
			start_interval: duration
		},
		since: { start_period: '3.4' }
	},
	deployment: {
		type: ['object', 'null'],
		properties: {
			mode: str,
			endpoint_mode: str,
			replicas: int,
			labels: ref('list_or_dict'),
			rollback_config: updateConfig,
			update_config: updateConfig,
			resources: {
				type: 'object',
				properties: {
					limits: {
						type: 'object',
						properties: { cpus: str, memory: str, pids: int },
						additionalProperties: false
					},
					reservations: {
						type: 'object',
						properties: { cpus: str, memory: str, generic_resources: ref('generic_resources') },
						since: { generic_resources: '3.4' },
						additionalProperties: false
					}
				},
				additionalProperties: false
			},
			restart_policy: {
				type: 'object',
				properties: { condition: str, delay: duration, max_attempts: int, window: duration },
				additionalProperties: false
			},
			placement: {
				type: 'object',
				properties: {
					constraints: { type: 'array', items: str },
					preferences: {
						type: 'array',
						items: { type: 'object', properties: { spread: str }, additionalProperties: false }
					},
					max_replicas_per_node: int
				},
				since: { preferences: '3.1', max_replicas_per_node: '3.7' },
				additionalProperties: false
			}
		},
		since: { endpoint_mode: '3.2', rollback_config: '3.7' },
		additionalProperties: false
	},
	generic_resources: {
		type: 'array',
		items: {
			type: 'object',
			properties: {
				discrete_resource_spec: {
					type: 'object',
					properties: { kind: str, value: num },
					additionalProperties: false
				}
			},
			additionalProperties: false
		}
	},
	network: {
		type: ['object', 'null'],
		properties: {
			name: str,
			driver: str,
			driver_opts: strOrNumMap,
			ipam: {
				type: 'object',
				properties: {
					driver: str,
					config: {
						type: 'array',
						items: { type: 'object', properties: { subnet: str }, additionalProperties: false }
					}
				},
				additionalProperties: false
			},
			external,
			internal: bool,
			attachable: bool,
			labels: ref('list_or_dict')
		},
		patternProperties: xExtensions,
		since: { name: '3.4', attachable: '3.2', '^x-': '3.7' },
		additionalProperties: false
	},
	volume: {
		type: ['object', 'null'],
		properties: {
			name: str,
			driver: str,
			driver_opts: strOrNumMap,
			external,
			labels: ref('list_or_dict'),
			// The CSI cluster-volume extension; docker reads its shape only loosely.
			'x-cluster-spec': { type: 'object' }
		},
		patternProperties: xExtensions,
		since: { name: '3.4', '^x-': '3.7' },
		additionalProperties: false
	},
	secret: {
		type: 'object',
		properties: {
			name: str,
			file: str,
			external: externalLoose,
			labels: ref('list_or_dict'),
			driver: str,
			driver_opts: strOrNumMap,
			template_driver: str
		},
		patternProperties: xExtensions,
		since: { name: '3.4', '^x-': '3.7' },
		additionalProperties: false
	},
	config: {
		type: 'object',
		properties: {
			name: str,
			file: str,
			external: externalLoose,
			labels: ref('list_or_dict'),
			template_driver: str
		},
		patternProperties: xExtensions,
		since: { name: '3.4', '^x-': '3.7' },
		additionalProperties: false
	},
	string_or_list: { oneOf: [str, ref('list_of_strings')] },
	list_of_strings: { type: 'array', items: str, uniqueItems: true },
	list_or_dict: {
		oneOf: [
			{
				type: 'object',
				patternProperties: { '.+': { type: ['string', 'number', 'null'] } },
				additionalProperties: false
			},
			{ type: 'array', items: str, uniqueItems: true }
		]
	}
};

export const ROOT: Schema = {
	type: 'object',
	properties: {
		version: str,
		services: named('service'),
		networks: {
			type: 'object',
			patternProperties: { '^[a-zA-Z0-9._-]+$': ref('network') }
		},
		volumes: named('volume'),
		secrets: named('secret'),
		configs: named('config')
	},
	patternProperties: xExtensions,
	since: { secrets: '3.1', configs: '3.3', '^x-': '3.4' },
	additionalProperties: false
};
