import { describe, it, expect } from 'vitest';
import {
	tabwrite,
	displayWidth,
	runeCount,
	KUBECTL_GET,
	KUBECTL_DESCRIBE,
	DOCKER_TABLE
} from '../../../src/engine/commands/tabwriter';

// Expected texts are copied byte for byte from ../shared/cli-formats.md (trailing spaces
// included), one array element per line, so an editor cannot strip them unnoticed.

const rows = (cells: string[][]): string => cells.map((r) => r.join('\t') + '\n').join('');
const text = (lines: string[]): string => lines.map((l) => l + '\n').join('');

// docker/cli node/formatter.go: `{{.ID}} {{if .Self}}*{{else}} {{ end }}\t{{.Hostname}}\t…`
type SwarmNode = [id: string, self: boolean, host: string, st: string, av: string, mgr: string];
const nodeLs = (nodes: SwarmNode[], engine: string[]): string =>
	rows([
		['ID  ', 'HOSTNAME', 'STATUS', 'AVAILABILITY', 'MANAGER STATUS', 'ENGINE VERSION'],
		...nodes.map(([id, self, host, st, av, mgr], i) => [
			`${id} ${self ? '*' : ' '}`,
			host,
			st,
			av,
			mgr,
			engine[i] ?? ''
		])
	]);

describe('tabwrite: docker samples (§6.2, §6.5)', () => {
	it('reproduces the node-list-sort.golden file', () => {
		const input = nodeLs(
			[
				['nodeID3', false, 'node-1-foo', 'Ready', 'Active', ''],
				['nodeID1', true, 'node-2-foo', 'Ready', 'Active', 'Leader'],
				['nodeID2', false, 'node-10-foo', 'Ready', 'Active', 'Reachable']
			],
			['1.13.0', '.', '18.03.0-ce']
		);
		expect(tabwrite(input, DOCKER_TABLE)).toBe(
			text([
				'ID          HOSTNAME      STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION',
				'nodeID3     node-1-foo    Ready     Active                          1.13.0',
				'nodeID1 *   node-2-foo    Ready     Active         Leader           .',
				'nodeID2     node-10-foo   Ready     Active         Reachable        18.03.0-ce'
			])
		);
	});

	it('reproduces the first [src] docker node ls sample', () => {
		const input = nodeLs(
			[
				['p0v4gq2jdm9x8kfa1zqkxh3ng', true, 'manager-1', 'Ready', 'Active', 'Leader'],
				['wn1l3mk2o9e6r0vq2c3xk9f7a', false, 'worker-1', 'Ready', 'Drain', ''],
				['ryz8d2q9m4h5v6c7b8n1x0l3k', false, 'worker-2', 'Down', 'Active', '']
			],
			['28.5.2', '28.5.2', '28.5.2']
		);
		expect(tabwrite(input, DOCKER_TABLE)).toBe(
			text([
				'ID                            HOSTNAME    STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION',
				'p0v4gq2jdm9x8kfa1zqkxh3ng *   manager-1   Ready     Active         Leader           28.5.2',
				'wn1l3mk2o9e6r0vq2c3xk9f7a     worker-1    Ready     Drain                           28.5.2',
				'ryz8d2q9m4h5v6c7b8n1x0l3k     worker-2    Down      Active                          28.5.2'
			])
		);
	});

	it('reproduces the second [src] docker node ls sample', () => {
		const input = nodeLs(
			[
				['p0v4gq2jdm9x8kfa1zqkxh3ng', true, 'manager-1', 'Ready', 'Active', 'Leader'],
				['c3f8k1x7q2m9w4e6r5t0y8u1i', false, 'manager-2', 'Ready', 'Active', 'Reachable'],
				['h7j2k9l4z1x6c3v8b5n0m2q4w', false, 'manager-3', 'Down', 'Active', 'Unreachable'],
				['wn1l3mk2o9e6r0vq2c3xk9f7a', false, 'worker-1', 'Ready', 'Active', '']
			],
			['28.5.2', '28.5.2', '28.5.2', '28.5.2']
		);
		expect(tabwrite(input, DOCKER_TABLE)).toBe(
			text([
				'ID                            HOSTNAME    STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION',
				'p0v4gq2jdm9x8kfa1zqkxh3ng *   manager-1   Ready     Active         Leader           28.5.2',
				'c3f8k1x7q2m9w4e6r5t0y8u1i     manager-2   Ready     Active         Reachable        28.5.2',
				'h7j2k9l4z1x6c3v8b5n0m2q4w     manager-3   Down      Active         Unreachable      28.5.2',
				'wn1l3mk2o9e6r0vq2c3xk9f7a     worker-1    Ready     Active                          28.5.2'
			])
		);
	});

	it('reproduces task-print-with-indentation.golden (rows end in 13 spaces)', () => {
		const head = [
			'ID',
			'NAME',
			'IMAGE',
			'NODE',
			'DESIRED STATE',
			'CURRENT STATE',
			'ERROR',
			'PORTS'
		];
		const task = (id: string, name: string) => [
			id,
			name,
			'myimage:mytag',
			'node-name-bar',
			'Ready',
			'Failed 2 hours ago',
			'',
			''
		];
		const out = tabwrite(
			rows([head, task('id-foo', 'service-name-foo.1'), task('id-bar', ' \\_ service-name-foo.1')]),
			DOCKER_TABLE
		);
		expect(out).toBe(
			text([
				'ID        NAME                     IMAGE           NODE            DESIRED STATE   CURRENT STATE        ERROR     PORTS',
				'id-foo    service-name-foo.1       myimage:mytag   node-name-bar   Ready           Failed 2 hours ago             ',
				'id-bar     \\_ service-name-foo.1   myimage:mytag   node-name-bar   Ready           Failed 2 hours ago             '
			])
		);
		expect(out.split('\n')[1]?.endsWith('ago' + ' '.repeat(13))).toBe(true);
	});

	it('reproduces the [src] docker service ps sample (ellipsis is one column wide)', () => {
		const head = [
			'ID',
			'NAME',
			'IMAGE',
			'NODE',
			'DESIRED STATE',
			'CURRENT STATE',
			'ERROR',
			'PORTS'
		];
		const err = '"No such image: nginx@sha256:6…"';
		const input = rows([
			head,
			[
				'x3mtp8s1kq2d',
				'web.1',
				'nginx:1.27',
				'worker-1',
				'Running',
				'Running 12 seconds ago',
				'',
				''
			],
			[
				'ky2re9oz86r9',
				' \\_ web.1',
				'nginx:1.26',
				'worker-1',
				'Shutdown',
				'Shutdown 14 seconds ago',
				'',
				''
			],
			[
				'3s46te2nzl4i',
				'web.2',
				'nginx:1.27',
				'worker-2',
				'Running',
				'Running less than a second ago',
				'',
				''
			],
			[
				'nvjljf7rmor4',
				' \\_ web.2',
				'nginx:1.27',
				'worker-2',
				'Shutdown',
				'Rejected 23 seconds ago',
				err,
				''
			],
			[
				'vtiuz2fpc0yb',
				' \\_ web.2',
				'nginx:1.26',
				'worker-2',
				'Shutdown',
				'Shutdown 25 seconds ago',
				'',
				''
			],
			[
				'jnarweeha8x4',
				'web.3',
				'nginx:1.27',
				'manager-1',
				'Running',
				'Running about a minute ago',
				'',
				''
			]
		]);
		expect(tabwrite(input, DOCKER_TABLE)).toBe(
			text([
				'ID             NAME        IMAGE        NODE        DESIRED STATE   CURRENT STATE                    ERROR                              PORTS',
				'x3mtp8s1kq2d   web.1       nginx:1.27   worker-1    Running         Running 12 seconds ago                                              ',
				'ky2re9oz86r9    \\_ web.1   nginx:1.26   worker-1    Shutdown        Shutdown 14 seconds ago                                             ',
				'3s46te2nzl4i   web.2       nginx:1.27   worker-2    Running         Running less than a second ago                                      ',
				'nvjljf7rmor4    \\_ web.2   nginx:1.27   worker-2    Shutdown        Rejected 23 seconds ago          "No such image: nginx@sha256:6…"   ',
				'vtiuz2fpc0yb    \\_ web.2   nginx:1.26   worker-2    Shutdown        Shutdown 25 seconds ago                                             ',
				'jnarweeha8x4   web.3       nginx:1.27   manager-1   Running         Running about a minute ago                                          '
			])
		);
	});

	it('prints the header alone when there are no rows', () => {
		expect(tabwrite('ID\tNAME\tMODE\tREPLICAS\tIMAGE\tPORTS\n', DOCKER_TABLE)).toBe(
			'ID        NAME      MODE      REPLICAS   IMAGE     PORTS\n'
		);
	});
});

describe('tabwrite: kubectl get nodes (§2.1)', () => {
	const nodes = [
		['control-plane', 'Ready', 'control-plane', '25m', 'v1.35.0', '172.18.0.2'],
		['node-1', 'Ready', '<none>', '24m', 'v1.35.0', '172.18.0.3'],
		['node-2', 'Ready,SchedulingDisabled', '<none>', '24m', 'v1.35.0', '172.18.0.4'],
		['node-3', 'NotReady', '<none>', '24m', 'v1.35.0', '172.18.0.5']
	];

	it('reproduces the normal table', () => {
		const input = rows([
			['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
			...nodes.map((n) => n.slice(0, 5))
		]);
		expect(tabwrite(input, KUBECTL_GET)).toBe(
			text([
				'NAME            STATUS                     ROLES           AGE   VERSION',
				'control-plane   Ready                      control-plane   25m   v1.35.0',
				'node-1          Ready                      <none>          24m   v1.35.0',
				'node-2          Ready,SchedulingDisabled   <none>          24m   v1.35.0',
				'node-3          NotReady                   <none>          24m   v1.35.0'
			])
		);
	});

	it('reproduces -o wide', () => {
		const wide = [
			'<none>',
			'Debian GNU/Linux 12 (bookworm)',
			'6.8.0-60-generic',
			'containerd://2.1.3'
		];
		const input = rows([
			[
				'NAME',
				'STATUS',
				'ROLES',
				'AGE',
				'VERSION',
				'INTERNAL-IP',
				'EXTERNAL-IP',
				'OS-IMAGE',
				'KERNEL-VERSION',
				'CONTAINER-RUNTIME'
			],
			...nodes.map((n) => [...n, ...wide])
		]);
		expect(tabwrite(input, KUBECTL_GET)).toBe(
			text([
				'NAME            STATUS                     ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME',
				'control-plane   Ready                      control-plane   25m   v1.35.0   172.18.0.2    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-60-generic   containerd://2.1.3',
				'node-1          Ready                      <none>          24m   v1.35.0   172.18.0.3    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-60-generic   containerd://2.1.3',
				'node-2          Ready,SchedulingDisabled   <none>          24m   v1.35.0   172.18.0.4    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-60-generic   containerd://2.1.3',
				'node-3          NotReady                   <none>          24m   v1.35.0   172.18.0.5    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-60-generic   containerd://2.1.3'
			])
		);
	});
});

describe('tabwrite: algorithm rules (§1.1)', () => {
	const cases: { name: string; input: string; opts: typeof KUBECTL_GET; want: string }[] = [
		{ name: 'empty input', input: '', opts: KUBECTL_GET, want: '' },
		{ name: 'only a newline', input: '\n', opts: KUBECTL_GET, want: '\n' },
		{ name: 'no final newline is kept as is', input: 'a\tb', opts: KUBECTL_GET, want: 'a     b' },
		{
			name: 'text without tabs is untouched',
			input: 'abc\n  d\n',
			opts: KUBECTL_GET,
			want: 'abc\n  d\n'
		},
		{
			name: 'minwidth applies to short columns',
			input: 'a\tb\n',
			opts: { minWidth: 4, padding: 1 },
			want: 'a   b\n'
		},
		{
			name: 'padding is added to the widest cell',
			input: 'abcdefgh\tx\nab\ty\n',
			opts: KUBECTL_GET,
			want: 'abcdefgh   x\nab         y\n'
		},
		{
			name: 'the trailing cell is never padded',
			input: 'a\tlong-trailing\nb\tc\n',
			opts: KUBECTL_GET,
			want: 'a     long-trailing\nb     c\n'
		},
		{
			name: 'empty cells are padded, so a row can end in spaces',
			input: 'NAME\tADDRESS\tPORTS\nweb\t\t\n',
			opts: KUBECTL_GET,
			want: 'NAME   ADDRESS   PORTS\nweb              \n'
		},
		{
			name: 'a line with fewer cells ends the block',
			input: 'Name:\tweb\nContainers:\n  nginx:\n    Image:\tnginx\n',
			opts: KUBECTL_DESCRIBE,
			want: 'Name:  web\nContainers:\n  nginx:\n    Image:  nginx\n'
		},
		{
			name: 'a block of column 1 lives inside one block of column 0',
			input: 'a\tb\tc\naaaa\tbbbbbb\tc\nx\ty\nq\tr\ts\n',
			opts: KUBECTL_DESCRIBE,
			want: 'a     b       c\naaaa  bbbbbb  c\nx     y\nq     r  s\n'
		},
		{
			name: 'describe aligns on the longest key + 2',
			input: 'Name:\tweb\nNamespace:\tdefault\nLabels:\tapp=web\n',
			opts: KUBECTL_DESCRIBE,
			want: 'Name:       web\nNamespace:  default\nLabels:     app=web\n'
		},
		{
			name: 'an empty describe value keeps its padding',
			input: 'Kubelet Version:\tv1.35.0\nKube-Proxy Version:\t\n',
			opts: KUBECTL_DESCRIBE,
			want: 'Kubelet Version:     v1.35.0\nKube-Proxy Version:  \n'
		}
	];
	it.each(cases)('$name', ({ input, opts, want }) => {
		expect(tabwrite(input, opts)).toBe(want);
	});
});

describe('displayWidth and runeCount', () => {
	const cases: [string, number, number][] = [
		['', 0, 0],
		['nginx', 5, 5],
		['…', 1, 1],
		['节点', 4, 2],
		['ノード', 6, 3],
		['노드', 4, 2],
		['ＡＢ', 4, 2],
		['。', 2, 1],
		['🚀', 2, 1],
		['e\u0301', 1, 2],
		['か\u3099', 2, 2],
		['𠀀', 2, 1],
		['a\u200bb', 2, 3],
		['\ud800', 0, 1]
	];
	it.each(cases)('%j is %i columns and %i runes', (s, cols, runes) => {
		expect(displayWidth(s)).toBe(cols);
		expect(runeCount(s)).toBe(runes);
	});

	it('aligns CJK cells by display width in docker tables, by runes in kubectl tables', () => {
		const input = 'NAME\tX\n节点\ty\n';
		expect(tabwrite(input, DOCKER_TABLE)).toBe('NAME      X\n节点      y\n');
		expect(tabwrite(input, { minWidth: 0, padding: 1 })).toBe('NAME X\n节点   y\n');
		expect(tabwrite(input, { minWidth: 0, padding: 1, width: displayWidth })).toBe(
			'NAME X\n节点 y\n'
		);
	});
});
