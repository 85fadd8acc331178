// docker/docs content/manuals/engine/swarm/ingress.md: after
// `docker service create --name my-web --publish published=8080,target=80 --replicas 2 nginx`,
// `docker service inspect --format="{{json .Endpoint.Spec.Ports}}" my-web` prints the port with
// the protocol and publish mode the daemon fills in (moby daemon/cluster/convert/service.go
// swarmPortConfigToAPIPortConfig). The lab printed `[{"TargetPort":80,"PublishedPort":8080}]`.
import { describe, expect, it } from 'vitest';
import { succeeds } from '../../lab-helpers';
import { swarmLab } from './helpers';

describe('published ports read back as the daemon stores them', () => {
	it('the ingress tutorial: protocol and publish mode appear, in the Go field order', () => {
		const lab = swarmLab();
		succeeds(
			lab,
			'docker service create -d --name my-web --publish published=8080,target=80 --replicas 2 nginx'
		);
		const r = succeeds(
			lab,
			'docker service inspect --format="{{json .Endpoint.Spec.Ports}}" my-web'
		);
		expect(r.output).toBe(
			'[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"}]\n'
		);
	});

	it('--publish-add keeps both ports in that form; a host-mode port keeps its mode', () => {
		const lab = swarmLab();
		succeeds(
			lab,
			'docker service create -d --name my-web --publish published=8080,target=80 nginx'
		);
		succeeds(
			lab,
			'docker service update -d --publish-add published=8081,target=80,mode=host my-web'
		);
		const r = succeeds(lab, 'docker service inspect --format="{{json .Spec.EndpointSpec}}" my-web');
		expect(r.output).toBe(
			'{"Mode":"vip","Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"},{"Protocol":"tcp","TargetPort":80,"PublishedPort":8081,"PublishMode":"host"}]}\n'
		);
	});
});
