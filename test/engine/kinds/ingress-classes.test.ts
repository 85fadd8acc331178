// IngressClass (networking.k8s.io/v1): the kubernetes.io "Ingress" example's class applies and
// prints; the API server's validation (ValidateIngressClass: spec.controller a domain-prefixed
// path; ValidateIngressClassUpdate: the controller is immutable) refuses, changing nothing.
import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';

const cls = (
	controller: string | undefined,
	name = 'external-lb'
) => `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: ${name}
spec:
${controller === undefined ? '  {}' : `  controller: ${controller}`}
`;

function labWith(files: Record<string, string>) {
	return createLab({ flavor: 'kubernetes', readFile: (p) => files[p] });
}

describe('IngressClass', () => {
	it('applies, prints and refuses a changed controller', () => {
		const lab = labWith({
			'c.yaml': cls('example.com/ingress-controller'),
			'c2.yaml': cls('example.com/other')
		});
		expect(succeeds(lab, 'kubectl apply -f c.yaml').output).toBe(
			'ingressclass.networking.k8s.io/external-lb created\n'
		);
		expect(succeeds(lab, 'kubectl get ingressclass').output).toMatch(
			/^external-lb\s+example\.com\/ingress-controller\s+<none>\s+0s$/m
		);
		expect(fails(lab, 'kubectl apply -f c2.yaml').error).toBe(
			'The IngressClass "external-lb" is invalid: spec.controller: Invalid value: "example.com/other": field is immutable\n'
		);
	});

	it('needs a domain-prefixed controller path', () => {
		const lab = labWith({
			'none.yaml': cls(undefined),
			'bare.yaml': cls('nginx'),
			'host.yaml': cls('Example_Com/x')
		});
		expect(fails(lab, 'kubectl apply -f none.yaml').error).toBe(
			'The IngressClass "external-lb" is invalid: spec.controller: Required value\n'
		);
		expect(fails(lab, 'kubectl apply -f bare.yaml').error).toBe(
			'The IngressClass "external-lb" is invalid: spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")\n'
		);
		expect(fails(lab, 'kubectl apply -f host.yaml').error).toMatch(
			/^The IngressClass "external-lb" is invalid: spec\.controller: Invalid value: "Example_Com": a lowercase RFC 1123 subdomain/
		);
	});
});
