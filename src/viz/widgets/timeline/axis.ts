/**
 * The timeline's time axis: simulated ms → x in px. A straight line from 0 at `from` to `end`
 * at `to`, computed as d3's scaleLinear computes it (normalise, then interpolate), without
 * d3-scale and the modules it brings (issue 5: JavaScript per lesson page). The axis is rebuilt
 * on every step of a playing lab once its end grows with the clock: a plain closure is cheap.
 */
export function timeAxis(end: number, from: number, to: number): (t: number) => number {
	return (t) => {
		const f = t / end;
		return from * (1 - f) + to * f;
	};
}
