/**
 * Fields of the v1.35 API that the `kubernetes-types` package (1.30) does not declare yet:
 * declared here so the engine writes them with their types (k8s.io/api core/v1 types.go).
 */
export {};

declare module 'kubernetes-types/core/v1' {
	interface PodStatus {
		/** The metadata.generation the kubelet made this status from (KEP-5067, GA in v1.35). */
		observedGeneration?: number;
	}
	interface PodCondition {
		/** The metadata.generation the condition was set from (KEP-5067, GA in v1.35). */
		observedGeneration?: number;
	}
}
