/**
 * `<orchestra-lab scenario="node-failure" flavor="kubernetes" views="cluster,timeline">`: a live
 * lab on any HTML page, no framework needed. Everything lives in an open shadow root, so the
 * host page's styles do not leak in and ours do not leak out.
 *
 * - Attributes are checked against the /embed whitelists; anything refused is listed as text.
 * - The widget (engine, views) is fetched (./chunk-loader.ts) and mounted only when the element is
 *   in view, or within a screen of it once the reader scrolls, like LazyLab; once mounted, its
 *   Player pauses it while it is off screen. Until then this file is all the page runs.
 * - Changing an attribute mounts a fresh lab; removing the element unmounts it.
 */
import appCss from '../../app.css?inline';
import elementCss from './element.css?inline';
import { ATTRIBUTES, parseAttributes, type ElementConfig } from './attributes';
import { loadWidget } from './chunk-loader';
import { whenNear } from './near';
import { hostScoped } from './host-css';

const STYLES = `${hostScoped(appCss)}\n${elementCss}`;

const HTML_LANG = { en: 'en', zh: 'zh-CN' } as const;

const TEXT = {
	en: {
		loading: 'Loading the simulated cluster…',
		failed: 'The simulated cluster could not be loaded. Reload the page to try again.',
		refused: 'This lab cannot start:'
	},
	zh: {
		loading: '正在加载模拟集群……',
		failed: '模拟集群加载失败，请刷新页面重试。',
		refused: '这个实验无法启动：'
	}
};

export class OrchestraLabElement extends HTMLElement {
	static readonly observedAttributes: readonly string[] = ATTRIBUTES;

	readonly #root: ShadowRoot;
	/** The element's content: a placeholder, a refusal, or the mounted widget. */
	readonly #body: HTMLDivElement;
	#unmount: (() => void) | undefined;
	/** Stops waiting for the element to come near (./near.ts), if it still is. */
	#stopWatching: (() => void) | undefined;
	/** Bumped on every render, so that a late widget import cannot mount a stale config. */
	#generation = 0;
	#queued = false;

	constructor() {
		super();
		this.#root = this.attachShadow({ mode: 'open' });
		const style = document.createElement('style');
		style.textContent = STYLES;
		this.#body = document.createElement('div');
		this.#root.append(style, this.#body);
	}

	connectedCallback() {
		this.#render();
	}

	disconnectedCallback() {
		this.#teardown();
	}

	attributeChangedCallback(_name: string, before: string | null, after: string | null) {
		if (before === after || !this.isConnected || this.#queued) return;
		// Setting several attributes in a row mounts one lab, not one per attribute.
		this.#queued = true;
		queueMicrotask(() => {
			this.#queued = false;
			if (this.isConnected) this.#render();
		});
	}

	#teardown() {
		this.#generation++;
		this.#stopWatching?.();
		this.#stopWatching = undefined;
		this.#unmount?.();
		this.#unmount = undefined;
		this.#body.replaceChildren();
	}

	#render() {
		this.#teardown();
		const parsed = parseAttributes((name) => this.getAttribute(name));
		if (!parsed.ok) {
			this.#refuse(parsed.problems);
			return;
		}
		const { config } = parsed;
		this.#body.lang = HTML_LANG[config.lang];
		const placeholder = document.createElement('p');
		placeholder.className = 'placeholder';
		placeholder.setAttribute('role', 'status');
		placeholder.textContent = TEXT[config.lang].loading;
		this.#body.append(placeholder);
		this.#stopWatching = whenNear(this, () => void this.#load(config));
	}

	/** Lists the problems as text: nothing from an attribute ever reaches innerHTML. */
	#refuse(problems: readonly string[]) {
		const box = document.createElement('div');
		box.className = 'refused';
		box.setAttribute('role', 'alert');
		const lead = document.createElement('p');
		lead.textContent = TEXT.en.refused;
		const list = document.createElement('ul');
		for (const problem of problems) {
			const item = document.createElement('li');
			item.textContent = problem;
			list.append(item);
		}
		box.append(lead, list);
		this.#body.lang = HTML_LANG.en;
		this.#body.append(box);
	}

	async #load(config: ElementConfig) {
		const generation = this.#generation;
		try {
			const { mountWidget } = await loadWidget(config);
			if (generation !== this.#generation) return;
			const slot = document.createElement('div');
			this.#body.replaceChildren(slot);
			this.#unmount = mountWidget(slot, config);
		} catch (error) {
			if (generation !== this.#generation) return;
			const message = document.createElement('p');
			message.className = 'refused';
			message.setAttribute('role', 'alert');
			message.textContent = TEXT[config.lang].failed;
			this.#body.replaceChildren(message);
			throw error;
		}
	}
}
