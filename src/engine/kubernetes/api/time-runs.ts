/** The Events' times as runs: the class lives in core (the trace keeps its times the same way). */
export { TimeRuns } from '../../core/time-runs';
