/**
 * `node --max-old-space-size=4096 --import tsx bench/heap-shapes.ts <file.heapsnapshot> [--top N]`:
 * what a heap snapshot holds, counted so the per-pod cost can be read off. Make one with
 * `bench/lab-scale.ts --heap-snapshot /abs/path` (e.g. `--nodes 1000 --deployments 20`, 20,000
 * pods), then read here:
 *
 *  - self size by node type and constructor (a hidden class's shape is the constructor
 *    `Object` for every literal, hence the next table);
 *  - self size by where the node hangs: its first retainer's constructor and the edge's name
 *    (`Object.podIPs → Array`, `Array[] → Object`), which tells a pod's `status.podIPs` from a
 *    condition's;
 *  - plain objects by their property names (their shape);
 *  - strings held more than once with the same text (flattening or interning would save them),
 *    and cons-strings (a concatenation V8 has not flattened: two pointers and the halves).
 *
 * Sizes are self sizes (the bytes of each node, not what it keeps alive): a per-pod cost is
 * the sum of the lines that grow with the pods, divided by the pods.
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
	snapshot: {
		meta: {
			node_fields: string[];
			node_types: [string[], ...unknown[]];
			edge_fields: string[];
			edge_types: [string[], ...unknown[]];
		};
	};
	nodes: number[];
	edges: number[];
	strings: string[];
}

const file = process.argv[2];
if (file === undefined)
	throw new Error('usage: bench/heap-shapes.ts <file.heapsnapshot> [--top N]');
const topAt = process.argv.indexOf('--top');
const TOP = topAt < 0 ? 40 : Number(process.argv[topAt + 1]);

const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
const { meta } = snap.snapshot;
const NF = meta.node_fields.length;
const EF = meta.edge_fields.length;
const nType = meta.node_fields.indexOf('type');
const nName = meta.node_fields.indexOf('name');
const nSize = meta.node_fields.indexOf('self_size');
const nEdges = meta.node_fields.indexOf('edge_count');
const eType = meta.edge_fields.indexOf('type');
const eName = meta.edge_fields.indexOf('name_or_index');
const eTo = meta.edge_fields.indexOf('to_node');
const nodeTypes = meta.node_types[0];
const edgeTypes = meta.edge_types[0];
const { nodes, edges, strings } = snap;
const count = nodes.length / NF;

const typeOf = (n: number) => nodeTypes[nodes[n * NF + nType]!]!;
const nameOf = (n: number) => strings[nodes[n * NF + nName]!]!;
const sizeOf = (n: number) => nodes[n * NF + nSize]!;
const label = (n: number) => {
	const t = typeOf(n);
	return t === 'object' || t === 'native' || t === 'closure'
		? nameOf(n)
		: `(${t}) ${t === 'hidden' || t === 'array' || t === 'code' ? nameOf(n) : ''}`.trim();
};

// Each node's first retainer (by a strong edge) and that edge's name; each object's property names.
const firstEdge = new Int32Array(count + 1);
for (let n = 0, e = 0; n < count; n++) {
	firstEdge[n] = e;
	e += nodes[n * NF + nEdges]! * EF;
}
firstEdge[count] = edges.length;
const retainer = new Int32Array(count).fill(-1);
const viaEdge = new Array<string>(count);
const shape = new Array<string | undefined>(count);
for (let n = 0; n < count; n++) {
	const props: string[] = [];
	for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e += EF) {
		const kind = edgeTypes[edges[e + eType]!]!;
		if (kind === 'weak' || kind === 'shortcut') continue;
		const to = edges[e + eTo]! / NF;
		const name =
			kind === 'element' || kind === 'hidden' ? '[]' : String(strings[edges[e + eName]!]);
		if (kind === 'property') props.push(name);
		if (retainer[to] === -1) {
			retainer[to] = n;
			viaEdge[to] = name;
		}
	}
	if (typeOf(n) === 'object' && nameOf(n) === 'Object') shape[n] = props.join(',');
}

const byCtor = new Map<string, [number, number]>();
const byPlace = new Map<string, [number, number]>();
const byShape = new Map<string, [number, number]>();
const texts = new Map<string, [number, number]>();
const add = (m: Map<string, [number, number]>, k: string, size: number) => {
	const v = m.get(k);
	if (v === undefined) m.set(k, [1, size]);
	else {
		v[0]++;
		v[1] += size;
	}
};
let total = 0;
for (let n = 0; n < count; n++) {
	const size = sizeOf(n);
	total += size;
	add(byCtor, label(n), size);
	const r = retainer[n]!;
	add(byPlace, `${r < 0 ? '(root)' : label(r)}.${viaEdge[n] ?? ''} → ${label(n)}`, size);
	const s = shape[n];
	if (s !== undefined) add(byShape, `{${s}}`, size);
	const t = typeOf(n);
	if (t === 'string') add(texts, nameOf(n), size);
}

function print(
	title: string,
	m: Map<string, [number, number]>,
	filter = (_: [number, number]) => true
): void {
	console.log(`--- ${title}`);
	const rows = [...m].filter(([, v]) => filter(v)).sort((a, b) => b[1][1] - a[1][1]);
	for (const [k, [n, size]] of rows.slice(0, TOP))
		console.log(
			`${(size / 2 ** 20).toFixed(2).padStart(8)} MB ${String(n).padStart(9)} × ${(size / n).toFixed(0).padStart(5)} B  ${k.slice(0, 160)}`
		);
}

console.log(`${count} nodes, ${(total / 2 ** 20).toFixed(1)} MB self size`);
print('self size by constructor', byCtor);
print('self size by retainer.edge → node', byPlace);
print('plain objects by shape', byShape);
print('strings held more than once', texts, ([n]) => n > 1);
