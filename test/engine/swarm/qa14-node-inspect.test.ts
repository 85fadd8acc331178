// `docker node inspect --pretty` (docker/cli cli/command/node/formatter.go
// nodeInspectPrettyTemplate) with the Engine.Plugins and TLSInfo a swarm node reports (moby
// daemon/cluster/executor/container/executor.go Describe; api/types/swarm TLSInfo).
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { succeeds } from '../lab-helpers';

describe('docker node inspect: plugins and TLS info', () => {
	const lab = createLab({ flavor: 'swarm', managers: 1, workers: 1 });
	const pretty = succeeds(lab, 'docker node inspect --pretty worker-1').output;

	it('lists the plugins by type, sorted, names joined with ", "', () => {
		expect(pretty).toContain(
			'\nPlugins:\n' +
				' Log:\t\tawslogs, fluentd, gcplogs, gelf, journald, json-file, local, splunk, syslog\n' +
				' Network:\t\tbridge, host, ipvlan, macvlan, null, overlay\n' +
				' Volume:\t\tlocal\n' +
				'Engine Version:\t\t28.5.2\n'
		);
	});

	it('ends with the TLS Info section: the root CA PEM, then the issuer in base64', () => {
		const m =
			/\nTLS Info:\n TrustRoot:\n(-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n)\n Issuer Subject:\t(\S+)\n Issuer Public Key:\t(\S+)\n$/.exec(
				pretty
			);
		expect(m).not.toBeNull();
		// The DER of CN=swarm-ca (swarmkit ca/config.go rootCN) and an ECDSA P-256 public key.
		expect(m![2]).toBe('MBMxETAPBgNVBAMTCHN3YXJtLWNh');
		expect(m![3]).toMatch(/^MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE[A-Za-z0-9+/]{86}==$/);
	});

	it('every node of the swarm reports the same root CA', () => {
		const tls = (node: string) =>
			succeeds(lab, `docker node inspect ${node} --format '{{json .Description.TLSInfo}}'`).output;
		expect(tls('manager-1')).toBe(tls('worker-1'));
		expect(JSON.parse(tls('worker-1')).CertIssuerSubject).toBe('MBMxETAPBgNVBAMTCHN3YXJtLWNh');
	});
});
