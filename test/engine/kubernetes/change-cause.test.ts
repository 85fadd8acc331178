// The Deployments page's "Checking Rollout History of a Deployment": a change-cause annotated on
// the Deployment reaches its newest ReplicaSet (deployment_util.go
// copyDeploymentAnnotationsToReplicaSet), so `kubectl rollout history` lists it per revision.
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

describe('kubernetes.io/change-cause', () => {
	it('is copied from the Deployment to its new ReplicaSet and shown by rollout history', () => {
		const l = createLab({ seed: 2, workers: 2 });
		succeeds(l, 'kubectl create deployment nginx --image=nginx:1.14.2 --replicas=2');
		succeeds(l, 'sim advance 20s');
		succeeds(l, 'kubectl set image deployment/nginx nginx=nginx:1.16.1');
		succeeds(
			l,
			'kubectl annotate deployment/nginx kubernetes.io/change-cause="image updated to 1.16.1"'
		);
		succeeds(l, 'sim advance 60s');
		expect(succeeds(l, 'kubectl rollout history deployment/nginx').output).toBe(
			'deployment.apps/nginx \nREVISION  CHANGE-CAUSE\n1         <none>\n2         image updated to 1.16.1\n\n'
		);
		// Annotations the controller keeps for itself are not copied (annotationsToSkip).
		const sets = JSON.parse(succeeds(l, 'kubectl get rs -o json').output) as {
			items: { metadata: { annotations: Record<string, string> } }[];
		};
		const revisions = sets.items.map(
			(rs) => rs.metadata.annotations['deployment.kubernetes.io/revision']
		);
		expect(revisions.sort()).toEqual(['1', '2']);
	});
});
