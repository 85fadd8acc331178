/**
 * `kubectl create configmap|secret generic --from-env-file / --from-file=DIR`, `create secret
 * tls` and `create secret docker-registry`: the keys and values kubectl builds and its refusals
 * (kubectl pkg/cmd/create/create_configmap.go, create_secret.go, create_secret_tls.go,
 * create_secret_docker.go; pkg/cmd/util/env_file.go; crypto/tls X509KeyPair's messages).
 */
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../../../src/engine/index';
import { fails, succeeds } from '../lab-helpers';
import { nameWithHash } from '../../../src/engine/commands/kubectl/append-hash';

const CERT =
	'-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUY2VydA==\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEG\n-----END PRIVATE KEY-----\n';

const FILES: Record<string, string> = {
	'app.env': '# settings\n  COLOR=blue \nMODE=a=b\n\nFROM_SHELL\nUNSET_VAR\n',
	'more.env': 'LEVEL=3\r\n',
	'bad.env': 'name: password\n',
	'dup.env': 'A=1\nA=2\n',
	'conf/greeting.txt': 'hello\n',
	'conf/app.properties': 'x=1\n',
	'conf/nested/skip.txt': 'not a regular file of conf\n',
	'tls.crt': CERT,
	'tls.key': KEY,
	'rsa.key': KEY.replace(/PRIVATE KEY/g, 'RSA PRIVATE KEY'),
	'plain.txt': 'no pem here\n',
	'config.json': '{"auths":{}}'
};

function fileLab(): Lab {
	return createLab({
		seed: 3,
		readFile: (p) => FILES[p],
		readDir: (p) => {
			const prefix = p.replace(/\/*$/, '/');
			const names = new Set<string>();
			for (const path of Object.keys(FILES)) {
				if (!path.startsWith(prefix)) continue;
				const rest = path.slice(prefix.length);
				names.add(rest.includes('/') ? rest.slice(0, rest.indexOf('/') + 1) : rest);
			}
			return names.size === 0 ? undefined : [...names];
		}
	});
}

const jsonpath = (lab: Lab, line: string) => succeeds(lab, line).output;

describe('--from-env-file', () => {
	it('reads KEY=VALUE lines, skips comments and blank lines, and takes a bare KEY from the environment', () => {
		const lab = fileLab();
		succeeds(lab, 'export FROM_SHELL=shelly');
		expect(
			succeeds(lab, 'kubectl create configmap app --from-env-file=app.env --from-env-file=more.env')
				.output
		).toBe('configmap/app created\n');
		// env_file.go: leading space trimmed, the value kept as written (trailing space, later `=`),
		// a `\r` dropped by bufio.ScanLines, an unset variable read as "".
		expect(jsonpath(lab, "kubectl get cm app -o jsonpath='{.data}'")).toBe(
			'{"COLOR":"blue ","FROM_SHELL":"shelly","LEVEL":"3","MODE":"a=b","UNSET_VAR":""}'
		);
	});

	it('is refused with an invalid key name, mixed with other sources, or given a folder', () => {
		const lab = fileLab();
		expect(fails(lab, 'kubectl create configmap x --from-env-file=bad.env').error).toBe(
			`error: "name: password" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n`
		);
		expect(
			fails(lab, 'kubectl create secret generic x --from-env-file=app.env --from-literal=a=b').error
		).toBe('error: from-env-file cannot be combined with from-file or from-literal\n');
		expect(fails(lab, 'kubectl create configmap x --from-env-file=conf').error).toBe(
			'error: env config file cannot be a directory\n'
		);
		expect(fails(lab, 'kubectl create secret generic x --from-env-file=conf').error).toBe(
			'error: env secret file cannot be a directory\n'
		);
		expect(fails(lab, 'kubectl create configmap x --from-env-file=nope.env').error).toBe(
			'error: error reading nope.env: no such file or directory\n'
		);
	});

	it('words a repeated key as each command does', () => {
		const lab = fileLab();
		// create_configmap.go validateNewConfigMap vs create_secret.go addKeyFromLiteralToSecret.
		expect(fails(lab, 'kubectl create configmap d --from-env-file=dup.env').error).toBe(
			'error: cannot add key "A", another key by that name already exists in Data for ConfigMap "d"\n'
		);
		expect(fails(lab, 'kubectl create secret generic d --from-env-file=dup.env').error).toBe(
			'error: cannot add key A, another key by that name already exists\n'
		);
		expect(fails(lab, "kubectl create secret generic d --from-literal='a b=1'").error).toBe(
			`error: "a b" is not valid key name for a Secret a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n`
		);
	});
});

describe('--from-file=DIR', () => {
	it('makes a key of every regular file in the folder, in name order, skipping subfolders', () => {
		const lab = fileLab();
		succeeds(lab, 'kubectl create configmap conf --from-file=conf/');
		expect(jsonpath(lab, "kubectl get cm conf -o jsonpath='{.data}'")).toBe(
			'{"app.properties":"x=1\\n","greeting.txt":"hello\\n"}'
		);
		expect(fails(lab, 'kubectl create configmap k --from-file=key=conf').error).toBe(
			'error: cannot give a key name for a directory path\n'
		);
	});
});

describe('kubectl create secret tls', () => {
	it('stores the PEM files under tls.crt and tls.key, type kubernetes.io/tls', () => {
		const lab = fileLab();
		expect(
			succeeds(lab, 'kubectl create secret tls web-tls --cert=tls.crt --key=rsa.key').output
		).toBe('secret/web-tls created\n');
		expect(succeeds(lab, 'kubectl get secret web-tls').output).toMatch(
			/^NAME\s+TYPE\s+DATA\s+AGE\nweb-tls\s+kubernetes\.io\/tls\s+2\s+/
		);
		expect(jsonpath(lab, "kubectl get secret web-tls -o jsonpath='{.data.tls\\.crt}'")).toBe(
			Buffer.from(CERT).toString('base64')
		);
	});

	it('refuses files that are not a PEM certificate and key, with X509KeyPair’s words', () => {
		const lab = fileLab();
		const run = (cert: string, key: string) =>
			fails(lab, `kubectl create secret tls t --cert=${cert} --key=${key}`).error;
		expect(run('plain.txt', 'tls.key')).toBe(
			'error: tls: failed to find any PEM data in certificate input\n'
		);
		expect(run('tls.key', 'tls.key')).toBe(
			'error: tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched\n'
		);
		expect(run('tls.crt', 'tls.crt')).toBe(
			'error: tls: found a certificate rather than a key in the PEM for the private key\n'
		);
		expect(run('tls.crt', 'plain.txt')).toBe(
			'error: tls: failed to find any PEM data in key input\n'
		);
		expect(run('missing.crt', 'tls.key')).toBe(
			'error: Cannot read file missing.crt, open missing.crt: no such file or directory\n'
		);
		expect(fails(lab, 'kubectl create secret tls t --cert=tls.crt').error).toBe(
			'error: key and cert must be specified\n'
		);
	});
});

describe('kubectl create secret docker-registry', () => {
	it('builds .dockerconfigjson as kubectl marshals it, auth being base64 of user:password', () => {
		const lab = fileLab();
		const out = succeeds(
			lab,
			"kubectl create secret docker-registry reg --docker-server=registry.example.com --docker-username=bob --docker-password='p<w' --docker-email=bob@example.com --dry-run=client -o jsonpath='{.type} {.data.\\.dockerconfigjson}'"
		).output;
		const [type, data] = out.split(' ') as [string, string];
		expect(type).toBe('kubernetes.io/dockerconfigjson');
		// encoding/json escapes `<` as \u003c; the fields in struct order, empty ones omitted.
		expect(Buffer.from(data, 'base64').toString()).toBe(
			'{"auths":{"registry.example.com":{"username":"bob","password":"p\\u003cw","email":"bob@example.com","auth":"' +
				Buffer.from('bob:p<w').toString('base64') +
				'"}}}'
		);
	});

	it('defaults the server to Docker Hub’s index, reads --from-file instead, and refuses missing flags', () => {
		const lab = fileLab();
		succeeds(
			lab,
			'kubectl create secret docker-registry hub --docker-username=u --docker-password=p'
		);
		const data = jsonpath(lab, "kubectl get secret hub -o jsonpath='{.data.\\.dockerconfigjson}'");
		expect(JSON.parse(Buffer.from(data, 'base64').toString())).toEqual({
			auths: { 'https://index.docker.io/v1/': { username: 'u', password: 'p', auth: 'dTpw' } }
		});
		succeeds(
			lab,
			'kubectl create secret docker-registry f --from-file=.dockerconfigjson=config.json'
		);
		expect(jsonpath(lab, "kubectl get secret f -o jsonpath='{.type}'")).toBe(
			'kubernetes.io/dockerconfigjson'
		);
		expect(fails(lab, 'kubectl create secret docker-registry r --docker-username=u').error).toBe(
			'error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n'
		);
		expect(
			fails(
				lab,
				'kubectl create secret docker-registry hub --docker-username=u --docker-password=p'
			).error
		).toBe('error: failed to create secret secrets "hub" already exists\n');
	});

	it('answers an unknown secret subcommand as DefaultSubCommandRun does', () => {
		expect(fails(fileLab(), 'kubectl create secret opaque x').error).toBe(
			'error: unknown command "opaque x"\nSee \'kubectl create secret -h\' for help and examples\n'
		);
	});
});

describe('--append-hash', () => {
	it('hashes the content as kubectl pkg/util/hash does (its hash_test.go values)', () => {
		// hash_test.go: an empty ConfigMap "42745tchd9", {"one": ""} "9g67k2htb6", three keys
		// "f5h7t85m9b"; a Secret of type my-type with no data "t75bgf6ctb".
		expect(nameWithHash({ kind: 'ConfigMap' }, '', {})).toBe('-42745tchd9');
		expect(nameWithHash({ kind: 'ConfigMap' }, '', { one: '' })).toBe('-9g67k2htb6');
		expect(nameWithHash({ kind: 'ConfigMap' }, '', { two: '2', one: '', three: '3' })).toBe(
			'-f5h7t85m9b'
		);
		expect(nameWithHash({ kind: 'Secret', type: 'my-type' }, '', {})).toBe('-t75bgf6ctb');
	});

	it('names the created object with the hash', () => {
		const lab = fileLab();
		const out = succeeds(
			lab,
			'kubectl create configmap game --from-literal=one= --append-hash'
		).output;
		expect(out).toBe(
			`configmap/${nameWithHash({ kind: 'ConfigMap' }, 'game', { one: '' })} created\n`
		);
		expect(out).toMatch(/^configmap\/game-[bcdfghjkmnpqrstvwxz2456789]{10} created\n$/);
	});
});

describe('a key named __proto__', () => {
	// `__proto__` matches a ConfigMap key's [-._a-zA-Z0-9]+ (validation.IsConfigMapKey), so the
	// API server keeps it and kubectl prints it like any other key.
	it('is kept by --from-literal and printed by -o json, -o yaml and jsonpath', () => {
		const lab = createLab({ seed: 3 });
		succeeds(lab, 'kubectl create configmap p --from-literal=__proto__=hi --from-literal=a=b');
		const json = JSON.parse(succeeds(lab, 'kubectl get cm p -o json').output) as {
			data: Record<string, string>;
		};
		expect(Object.entries(json.data)).toEqual([
			['__proto__', 'hi'],
			['a', 'b']
		]);
		expect(succeeds(lab, 'kubectl get cm p -o yaml').output).toContain(
			'data:\n  __proto__: hi\n  a: b\n'
		);
		expect(jsonpath(lab, 'kubectl get cm p -o jsonpath={.data}')).toBe(
			'{"__proto__":"hi","a":"b"}'
		);
	});
});
