/** The two snippets the Embed button copies and the docs page shows. */
import { describe, expect, it } from 'vitest';
import {
	elementSnippet,
	iframeSnippet,
	type SnippetConfig
} from '../../../src/viz/element/snippets';

const CONFIG: SnippetConfig = {
	site: 'https://lab.example/base',
	scenario: 'node-failure',
	flavor: 'kubernetes',
	views: ['cluster', 'timeline'],
	lang: 'en',
	title: 'Orchestra Lab: A node fails'
};

describe('snippets', () => {
	it('the custom element: the script from the site, then the element with its attributes', () => {
		expect(elementSnippet(CONFIG)).toBe(
			'<script src="https://lab.example/base/orchestra-lab.js" defer></script>\n' +
				'<orchestra-lab scenario="node-failure" flavor="kubernetes" views="cluster,timeline" lang="en"></orchestra-lab>'
		);
	});

	it('the iframe: the /embed route with the same parameters', () => {
		expect(iframeSnippet(CONFIG)).toBe(
			'<iframe src="https://lab.example/base/embed/node-failure?flavor=kubernetes&amp;views=cluster%2Ctimeline&amp;lang=en" title="Orchestra Lab: A node fails" width="100%" height="900" loading="lazy" style="border:0"></iframe>'
		);
	});

	it('cannot be broken out of by a value (escaped for an attribute)', () => {
		const hostile = { ...CONFIG, scenario: '"><img src=x>', title: 'a "b" <c>' };
		for (const code of [elementSnippet(hostile), iframeSnippet(hostile)]) {
			expect(code).not.toContain('<img');
			expect(code).not.toContain('"b"');
		}
		expect(elementSnippet(hostile)).toContain('scenario="&quot;&gt;&lt;img src=x&gt;"');
	});
});
