/**
 * The kube-controller-manager controllers of issue 3, started together: DaemonSet, Job, CronJob,
 * StatefulSet, disruption (PodDisruptionBudget status) and the PersistentVolume controller's
 * view of unbound claims.
 */
import type { Kernel } from '../../core/kernel';
import type { ApiServer } from '../api/api-server';
import { PersistentVolumeController } from '../storage/persistent-volume-controller';
import { CronJobController } from './cronjob-controller';
import { DaemonSetController } from './daemonset-controller';
import { DisruptionController } from './disruption-controller';
import { JobController } from './job-controller';
import { StatefulSetController } from './statefulset-controller';

export function startWorkloadControllers(kernel: Kernel, api: ApiServer): void {
	new DaemonSetController(kernel, api);
	new JobController(kernel, api);
	new CronJobController(kernel, api);
	new StatefulSetController(kernel, api);
	new DisruptionController(kernel, api);
	new PersistentVolumeController(kernel, api);
}
