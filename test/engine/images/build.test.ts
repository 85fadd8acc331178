import { describe, expect, it } from 'vitest';
import { fails, succeeds } from '../lab-helpers';
import { WEB, labWith } from './helpers';

describe('docker build', () => {
	it('prints BuildKit plain progress and names the image as BuildKit normalises it', () => {
		const lab = labWith({ 'app/Dockerfile': WEB, 'app/index.html': '<h1>hi</h1>\n' });
		const out = succeeds(lab, 'docker build -t web app').output;
		const blocks = out.split('\n\n');
		expect(blocks[0]).toBe('#0 building with "default" instance using docker driver');
		expect(blocks[1]).toBe(
			`#1 [internal] load build definition from Dockerfile\n#1 transferring dockerfile: ${WEB.length}B done\n#1 DONE 0.0s`
		);
		expect(blocks[2]).toBe(
			'#2 [internal] load metadata for docker.io/library/nginx:1.27-alpine\n#2 DONE 0.0s'
		);
		expect(blocks[4]).toMatch(
			/^#4 \[1\/2\] FROM docker\.io\/library\/nginx:1\.27-alpine@sha256:[a-f0-9]{64}\n#4 DONE 0\.0s$/
		);
		// The build context is what COPY reads: here index.html, 12 bytes.
		expect(blocks[5]).toBe(
			'#5 [internal] load build context\n#5 transferring context: 12B done\n#5 DONE 0.0s'
		);
		expect(blocks[6]).toBe('#6 [2/2] COPY index.html /usr/share/nginx/html/\n#6 DONE 0.0s');
		expect(blocks[7]).toMatch(
			/^#7 exporting to image\n#7 exporting layers 0\.0s done\n#7 writing image sha256:[a-f0-9]{64} done\n#7 naming to docker\.io\/library\/web:latest done\n#7 DONE 0\.0s\n$/
		);
		expect(succeeds(lab, 'docker images').output).toMatch(
			/^REPOSITORY {3}TAG {7}IMAGE ID {7}CREATED {18}SIZE\nweb {10}latest {4}[a-f0-9]{12} {3}Less than a second ago {3}70MB\n$/
		);
	});

	it('lists images with docker’s --format fields and JSON keys', () => {
		const lab = labWith({ Dockerfile: 'FROM alpine:3.20\n' });
		succeeds(lab, 'docker build -t tool:1 .');
		lab.advance(90_000);
		const json = JSON.parse(succeeds(lab, "docker images --format '{{json .}}'").output);
		expect(Object.keys(json)).toEqual([
			'Containers',
			'CreatedAt',
			'CreatedSince',
			'Digest',
			'ID',
			'Repository',
			'SharedSize',
			'Size',
			'Tag',
			'UniqueSize',
			'VirtualSize'
		]);
		expect(json).toMatchObject({
			Repository: 'tool',
			Tag: '1',
			CreatedSince: 'About a minute ago',
			Size: '4MB'
		});
		expect(succeeds(lab, "docker images --format 'table {{.Repository}}\\t{{.Tag}}'").output).toBe(
			'REPOSITORY   TAG\ntool         1\n'
		);
	});

	it('answers a missing Dockerfile with docker 28’s error and leaves the lab untouched', () => {
		const lab = labWith({});
		const r = fails(lab, 'docker build -t web .');
		expect(r.error).toBe(
			'ERROR: failed to build: failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory\n'
		);
		expect(r.output).toContain('#1 transferring dockerfile: 2B done\n#1 DONE 0.0s\n');
		expect(succeeds(lab, 'docker images').output).toBe(
			'REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n'
		);
	});

	it('quotes the Dockerfile around a parse error', () => {
		const lab = labWith({ Dockerfile: 'FROM alpine\nRUNN echo hi\n' });
		const r = fails(lab, 'docker build .');
		expect(r.error).toBe(
			'Dockerfile:2\n--------------------\n   1 |     FROM alpine\n   2 | >>> RUNN echo hi\n   3 |     \n--------------------\n' +
				'ERROR: failed to build: failed to solve: dockerfile parse error on line 2: unknown instruction: RUNN (did you mean RUN?)\n'
		);
	});

	it('fails a FROM image no registry has with the resolver’s not found', () => {
		const lab = labWith({ Dockerfile: 'FROM nginx:1.277\nCOPY . /usr/share/nginx/html\n' });
		const r = fails(lab, 'docker build -t web .');
		expect(r.output).toContain(
			'#2 [internal] load metadata for docker.io/library/nginx:1.277\n#2 ERROR: docker.io/library/nginx:1.277: not found\n------\n > [internal] load metadata for docker.io/library/nginx:1.277:\n------\n'
		);
		expect(r.error).toMatch(
			/>>> FROM nginx:1\.277\n[\s\S]*ERROR: failed to build: failed to solve: nginx:1\.277: failed to resolve source metadata for docker\.io\/library\/nginx:1\.277: docker\.io\/library\/nginx:1\.277: not found\n$/
		);
		// The lab registry only has what was pushed.
		const lab2 = labWith({ Dockerfile: 'FROM registry.lab:5000/base:1\n' });
		expect(fails(lab2, 'docker build .').error).toContain('registry.lab:5000/base:1: not found');
	});

	it('reuses its cache: an unchanged rebuild is CACHED, keeps the ID and changes nothing', () => {
		const lab = labWith({
			Dockerfile: 'FROM alpine:3.20\nRUN apk add curl\nCMD ["curl", "-s", "x"]\n'
		});
		const first = succeeds(lab, 'docker build -q -t tool .').output;
		expect(first).toMatch(/^sha256:[a-f0-9]{64}\n$/);
		lab.advance(60_000);
		const hash = lab.traceHash();
		const again = succeeds(lab, 'docker build -t tool .').output;
		expect(again).toContain('#5 [2/2] RUN apk add curl\n#5 CACHED\n');
		expect(again).toContain(`writing image ${first.trim()} done`);
		expect(lab.traceHash()).toBe(hash);
		expect(succeeds(lab, 'docker build --no-cache -t tool .').output).not.toContain('CACHED');
	});

	it('builds the target stage of a multi-stage Dockerfile, labelled by stage', () => {
		const lab = labWith({
			Dockerfile:
				'FROM golang:1.22 AS build\nWORKDIR /src\nRUN go build -o /out/app\nFROM alpine:3.20\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n'
		});
		const out = succeeds(lab, 'docker build -t app .').output;
		expect(out).toContain('[build 1/3] FROM docker.io/library/golang:1.22@sha256:');
		expect(out).toContain('[build 3/3] RUN go build -o /out/app\n');
		expect(out).toContain('[stage-1 2/2] COPY --from=build /out/app /app\n');
		const onlyBuild = succeeds(lab, 'docker build --target build -t b .').output;
		expect(onlyBuild).not.toContain('stage-1');
	});

	it('refuses bad flags and arguments like buildx', () => {
		const lab = labWith({ Dockerfile: WEB });
		expect(fails(lab, 'docker build').error).toMatch(
			/^ERROR: "docker buildx build" requires exactly 1 argument\./
		);
		expect(fails(lab, 'docker build -t Web .').error).toBe(
			'ERROR: invalid tag "Web": repository name must be lowercase\n'
		);
		expect(fails(lab, 'docker build --bogus .').error).toMatch(/^ERROR: unknown flag: --bogus\n/);
	});
});
