/**
 * How a lesson page hands its labs' first paints (rendered at build time by its server load) to
 * the LazyLab slots inside its markdown, which the page does not render itself.
 */
import { getContext, setContext } from 'svelte';
import { firstPaintKey, type PaintedProps } from './lesson-labs';

const KEY = Symbol('first-paints');

type FirstPaints = () => Readonly<Record<string, string>>;

/** Called by the page: `paints` is read whenever a slot looks its first paint up. */
export function provideFirstPaints(paints: FirstPaints): void {
	setContext(KEY, paints);
}

/**
 * Called by a slot while it initialises: a lookup of a lab's first paint by its props, which
 * finds the HTML if the page has one.
 */
export function firstPaints(): (props: PaintedProps) => string | undefined {
	const paints = getContext<FirstPaints | undefined>(KEY);
	return (props) => paints?.()[firstPaintKey(props)];
}
