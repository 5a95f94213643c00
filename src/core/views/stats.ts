/**
 * The statistics the views report (rounded to whole minutes), and the scales their charts draw on: ticks in human
 * units of time, and an axis that an outlier does not flatten.
 */

const ascending = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

function medianOfSorted(s: readonly number[]): number | null {
	if (s.length === 0) return null;
	const mid = Math.floor(s.length / 2);
	return s.length % 2 === 1 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2);
}

function quantileOfSorted(s: readonly number[], q: number): number | null {
	if (s.length === 0) return null;
	const rank = Math.min(s.length, Math.max(1, Math.ceil(q * s.length)));
	return Math.round(s[rank - 1]);
}

export function median(values: readonly number[]): number | null {
	return medianOfSorted(ascending(values));
}

export function mean(values: readonly number[]): number | null {
	return values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) / values.length);
}

/**
 * The q-quantile by the nearest-rank method (p90 of 10 values is the 9th smallest, of 11 the 10th): always a value
 * that occurred, as incident reviews quote it ("90% of incidents were resolved within 3h").
 */
export function quantile(values: readonly number[], q: number): number | null {
	return quantileOfSorted(ascending(values), q);
}

/** Median and p90 of a set of minutes, with how many there were. */
export interface Spread {
	median: number | null;
	p90: number | null;
	count: number;
}

export function spreadOf(values: readonly number[]): Spread {
	const s = ascending(values);
	return { median: medianOfSorted(s), p90: quantileOfSorted(s, 0.9), count: values.length };
}

/**
 * A change against the previous period: the difference and the ratio, or null when either side has no figure (a
 * change from nothing is no figure a review can quote).
 */
export interface Change {
	now: number;
	before: number;
	/** now − before, in the figure's unit. */
	delta: number;
	/** delta / before, or null when before is 0. */
	ratio: number | null;
}

export function changeOf(now: number | null, before: number | null): Change | null {
	if (now === null || before === null) return null;
	return { now, before, delta: now - before, ratio: before === 0 ? null : (now - before) / before };
}

/** Tick steps in minutes that read as round durations: 1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h, 1, 2, 7, 14, 30 d. */
const DURATION_STEPS = [
	1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080, 20160, 43200, 86400, 172800, 525600,
];
/** Tick steps for counts: 1, 2, 5, 10, 20, 50… */
function countStep(raw: number): number {
	const p = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
	for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
	return 10 * p;
}

export interface Scale {
	/** The top of the axis. */
	max: number;
	/** Tick values from 0 to max. */
	ticks: number[];
	/** Values above max, drawn to the top and marked with their value: an outlier that would flatten the rest. */
	capped: boolean;
}

/**
 * The axis for a set of values: at most ~4 ticks of a round step (durations in human units when `durations`), its
 * top the first tick at or above the largest value — unless the largest is more than three times the next largest
 * of the rest (its p90 when there are many): then the axis stops above the rest and the outliers are capped.
 * Without `cap` (counts stacked in bars) the axis always reaches the largest.
 */
export function scaleOf(values: readonly number[], durations: boolean, cap = true): Scale {
	const positive = values.filter((v) => v > 0).sort((a, b) => a - b);
	const largest = positive.length > 0 ? positive[positive.length - 1] : 0;
	let top = largest;
	let capped = false;
	if (cap && positive.length >= 3) {
		const rest = positive.slice(0, -1);
		const reference = rest.length >= 10 ? (quantile(rest, 0.9) as number) : rest[rest.length - 1];
		if (reference > 0 && largest > 3 * reference) {
			top = reference * 1.25;
			capped = true;
		}
	}
	if (top <= 0) top = durations ? 60 : 1;
	const raw = top / 4;
	const step = durations
		? (DURATION_STEPS.find((s) => s >= raw) ?? DURATION_STEPS[DURATION_STEPS.length - 1])
		: countStep(raw);
	const max = Math.ceil(top / step) * step;
	const ticks: number[] = [];
	for (let t = 0; t <= max + step / 2 && ticks.length < 12; t += step) ticks.push(t);
	return { max, ticks, capped };
}
