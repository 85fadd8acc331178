/**
 * Probe failure messages as the probers word them (pkg/probe/tcp tcp.go and pkg/probe/http
 * http.go return Go's error text): a TCP connect to a port nothing listens on is
 * `dial tcp IP:PORT: connect: connection refused`; an HTTP GET that cannot connect is Go's
 * url.Error, `Get "URL": dial tcp …`; an error status is `HTTP probe failed with statuscode: N`.
 */
import { describe, expect, it } from 'vitest';
import { succeeds } from '../../lab-helpers';
import { events, getPod, labWith, podYaml, status, until } from './helpers';

describe('probes of a port nothing listens on are refused', () => {
	it('tcpSocket: a `sleep` container never gets ready', () => {
		const lab = labWith({
			'p.yaml': podYaml(
				'idle',
				'image: busybox:1.36\ncommand: ["sleep", "3600"]\nreadinessProbe:\n  tcpSocket:\n    port: 8080\n  periodSeconds: 5'
			)
		});
		succeeds(lab, 'kubectl apply -f p.yaml');
		lab.advance(30_000);
		const ip = getPod(lab, 'idle').status!.podIP!;
		expect(status(lab, 'idle')?.ready).toBe(false);
		expect(events(lab, 'Unhealthy')[0]!.message).toBe(
			`Readiness probe failed: dial tcp ${ip}:8080: connect: connection refused`
		);
	});

	it('httpGet: nginx listens on 80, not 8080 — Get "URL": dial tcp …', () => {
		const lab = labWith({
			'p.yaml': podYaml(
				'web',
				'image: nginx:1.27\nlivenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\n  periodSeconds: 5'
			)
		});
		succeeds(lab, 'kubectl apply -f p.yaml');
		until(lab, () => status(lab, 'web')?.restartCount === 1, 60_000);
		const ip = getPod(lab, 'web').status!.podIP!;
		expect(events(lab, 'Unhealthy')[0]!.message).toBe(
			`Liveness probe failed: Get "http://${ip}:8080/healthz": dial tcp ${ip}:8080: connect: connection refused`
		);
	});

	it('a named port is the container’s port of that name: nginx’s `http` (80) answers', () => {
		const lab = labWith({
			'p.yaml': podYaml(
				'named',
				'image: nginx:1.27\nports:\n- name: http\n  containerPort: 80\nreadinessProbe:\n  httpGet:\n    path: /\n    port: http'
			)
		});
		succeeds(lab, 'kubectl apply -f p.yaml');
		lab.advance(20_000);
		expect(status(lab, 'named')?.ready).toBe(true);
		expect(events(lab, 'Unhealthy')).toEqual([]);
	});
});

describe('what the lab cannot know is taken as listening', () => {
	it('nginx with a mounted configuration may listen on 8080: the probe passes', () => {
		const lab = labWith({
			'p.yaml': podYaml(
				'conf',
				[
					'image: nginx:1.27',
					'volumeMounts:',
					'- name: conf',
					'  mountPath: /etc/nginx/conf.d',
					'readinessProbe:',
					'  tcpSocket:',
					'    port: 8080'
				].join('\n'),
				'volumes:\n- name: conf\n  emptyDir: {}'
			)
		});
		succeeds(lab, 'kubectl apply -f p.yaml');
		lab.advance(20_000);
		expect(status(lab, 'conf')?.ready).toBe(true);
	});
});

describe('website probe examples', () => {
	it('http-liveness.yaml: the server’s 500 after 10 s is "HTTP probe failed with statuscode: 500"', () => {
		const lab = labWith();
		succeeds(lab, 'kubectl apply -f http-liveness.yaml');
		until(lab, () => events(lab, 'Unhealthy').length > 0, 60_000);
		expect(events(lab, 'Unhealthy')[0]!.message).toBe(
			'Liveness probe failed: HTTP probe failed with statuscode: 500'
		);
	});

	it('tcp-liveness-readiness.yaml: goproxy listens on 8080, ready after the 15 s delay', () => {
		const lab = labWith();
		succeeds(lab, 'kubectl apply -f tcp-liveness-readiness.yaml');
		lab.advance(40_000);
		expect(status(lab, 'goproxy')?.ready).toBe(true);
		expect(status(lab, 'goproxy')?.restartCount).toBe(0);
		expect(events(lab, 'Unhealthy')).toEqual([]);
	});

	it('sim unhealthy: a tcpSocket probe is refused at the pod’s IP and port', () => {
		const lab = labWith({
			'p.yaml': podYaml('web', 'image: nginx:1.27\nlivenessProbe:\n  tcpSocket:\n    port: 80')
		});
		succeeds(lab, 'kubectl apply -f p.yaml');
		lab.advance(20_000);
		succeeds(lab, 'sim unhealthy pod web');
		until(lab, () => events(lab, 'Unhealthy').length > 0, 30_000);
		const ip = getPod(lab, 'web').status!.podIP!;
		expect(events(lab, 'Unhealthy')[0]!.message).toBe(
			`Liveness probe failed: dial tcp ${ip}:80: connect: connection refused`
		);
	});
});
