import { describe, expect, it } from 'vitest';
import { commandForm, parseDockerfile, quoteSource } from '../../../src/engine/images/dockerfile';

function instructions(text: string) {
	const r = parseDockerfile(text);
	if (!r.ok) throw new Error(r.error.message);
	return r.instructions;
}

function error(text: string) {
	const r = parseDockerfile(text);
	if (r.ok) throw new Error('expected a parse error');
	return r.error;
}

describe('parseDockerfile', () => {
	it('reads instructions case-insensitively, skipping comments and blank lines', () => {
		const ins = instructions(
			'# app\n\nfrom nginx:1.27\n  # indented comment\nCopy index.html /srv/\nexpose 80\n'
		);
		expect(ins.map((i) => [i.keyword, i.args, i.line])).toEqual([
			['FROM', 'nginx:1.27', 3],
			['COPY', 'index.html /srv/', 5],
			['EXPOSE', '80', 6]
		]);
	});

	it('joins continued lines as BuildKit does, comment lines inside skipped', () => {
		const [, run] = instructions(
			'FROM alpine\nRUN apk add \\\n    curl \\\n# a comment in the middle\n    git\nCMD ["sh"]\n'
		);
		expect(run).toMatchObject({
			keyword: 'RUN',
			args: 'apk add     curl     git',
			line: 2,
			endLine: 5
		});
	});

	it('honours the escape parser directive', () => {
		const [, run] = instructions('# escape=`\nFROM alpine\nRUN echo a `\n  b\n');
		expect(run!.args).toBe('echo a   b');
	});

	it('reads flags at the start of COPY and FROM', () => {
		const [, , copy] = instructions(
			'FROM golang:1.22 AS build\nFROM alpine\nCOPY --from=build --chown=app /out/app /app\n'
		);
		expect(copy!.flags).toEqual({ from: 'build', chown: 'app' });
		expect(copy!.rest).toBe('/out/app /app');
	});

	it("refuses an unknown instruction with BuildKit's message and a suggestion", () => {
		expect(error('FROM node:22\nWORKDIR /app\nADDD . .\n')).toEqual({
			line: 3,
			endLine: 3,
			message: 'dockerfile parse error on line 3: unknown instruction: ADDD (did you mean ADD?)'
		});
		expect(error('FORM alpine\n').message).toBe(
			'dockerfile parse error on line 1: unknown instruction: FORM (did you mean FROM?)'
		);
		expect(error('FROM alpine\nservices:\n').message).toBe(
			'dockerfile parse error on line 2: unknown instruction: services:'
		);
	});

	it('needs FROM first (ARG may come before it) and something to build', () => {
		expect(instructions('ARG V=1.27\nFROM nginx:${V}\n')).toHaveLength(2);
		expect(error('ENV A=1\nFROM alpine\n').message).toBe('no build stage in current context');
		expect(error('# nothing\n\n').message).toBe('the Dockerfile cannot be empty');
	});

	it('checks argument counts the way instructions/parse.go does', () => {
		expect(error('FROM alpine\nCOPY --\n').message).toBe(
			'dockerfile parse error on line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined'
		);
		expect(error('FROM alpine AS\n').message).toBe(
			'dockerfile parse error on line 1: FROM requires either one or three arguments'
		);
	});
});

describe('commandForm', () => {
	it('takes a JSON array as the exec form and anything else as /bin/sh -c', () => {
		expect(commandForm('["nginx", "-g", "daemon off;"]')).toEqual(['nginx', '-g', 'daemon off;']);
		expect(commandForm('node server.js')).toEqual(['/bin/sh', '-c', 'node server.js']);
		expect(commandForm('[not json]')).toEqual(['/bin/sh', '-c', '[not json]']);
	});
});

describe('quoteSource', () => {
	it('prints the lines around an error as solver/errdefs/source.go does', () => {
		const text = 'FROM node:latest\nWORKDIR /app\nADDD . .\nRUN npm install\nCMD node index.js\n';
		// The layout of a real docker 28 transcript (2 lines either side, `>>>` on the error).
		expect(quoteSource('Dockerfile', text, 3, 3)).toBe(
			'Dockerfile:3\n--------------------\n' +
				'   1 |     FROM node:latest\n' +
				'   2 |     WORKDIR /app\n' +
				'   3 | >>> ADDD . .\n' +
				'   4 |     RUN npm install\n' +
				'   5 |     CMD node index.js\n' +
				'--------------------\n'
		);
	});

	it('shows less context for an instruction over several lines and stops at the ends', () => {
		const text = 'FROM alpine\nRUN a \\\n  b\nCMD x\n';
		expect(quoteSource('Dockerfile', text, 2, 3)).toBe(
			'Dockerfile:2\n--------------------\n' +
				'   1 |     FROM alpine\n' +
				'   2 | >>> RUN a \\\n' +
				'   3 | >>>   b\n' +
				'   4 |     CMD x\n' +
				'--------------------\n'
		);
	});
});
