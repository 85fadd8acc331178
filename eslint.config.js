import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/', 'bench-results/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// The engine is pure and deterministic: no wall clock, no ambient randomness, no DOM,
		// no Svelte or d3 (design.md §1; style.md §3.2).
		files: ['src/engine/**/*.ts'],
		languageOptions: { globals: {} },
		rules: {
			'no-restricted-globals': [
				'error',
				...[
					'window',
					'document',
					'performance',
					'setTimeout',
					'setInterval',
					'queueMicrotask',
					'crypto',
					'requestAnimationFrame'
				].map((name) => ({ name, message: 'The engine runs on the lab clock and rng only.' }))
			],
			'no-restricted-properties': [
				'error',
				{ object: 'Math', property: 'random', message: 'Use the lab rng (kernel.rng.stream).' },
				{ object: 'Date', property: 'now', message: 'Use the lab clock (kernel.now).' }
			],
			'no-restricted-syntax': [
				'error',
				{
					selector: "NewExpression[callee.name='Date'][arguments.length=0]",
					message: 'Use the lab clock.'
				}
			],
			'no-restricted-imports': [
				'error',
				{ patterns: ['svelte', 'svelte/*', 'd3', 'd3-*', '$app/*', '$lib/*', '**/viz/**'] }
			]
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	}
);
