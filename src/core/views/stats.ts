/**
 * The statistics the views report (rounded to whole minutes), and the scales their charts draw on: ticks in human
 * units of time, and an axis that an outlier does not flatten.
 */

/** The values as a typed array, to be reordered in place (the caller's list is left as it is). */
function copyOf(values: readonly number[]): Float64Array {
	const out = new Float64Array(values.length);
	for (let k = 0; k < values.length; k++) out[k] = values[k];
	return out;
}

/** Below this many values a sort is as quick as selecting. */
const SORT_BELOW = 32;

/**
 * The k-th smallest of a[lo..hi] (0-based k), put at a[k] with nothing larger before it and nothing smaller after
 * (Hoare's selection, a median-of-three pivot): linear on average, where a sort is n·log n — the dashboard takes a
 * median and a p90 of every group on every filter change. A range that does not shrink as it should is sorted
 * instead, so no order of values can make it quadratic.
 */
function select(a: Float64Array, k: number, lo: number, hi: number): number {
	let rounds = 2 * Math.ceil(Math.log2(hi - lo + 2)) + 4;
	while (hi - lo >= SORT_BELOW) {
		if (rounds-- === 0) {
			a.subarray(lo, hi + 1).sort();
			return a[k];
		}
		const mid = (lo + hi) >> 1;
		const x = a[lo];
		const y = a[mid];
		const z = a[hi];
		const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
		let i = lo;
		let j = hi;
		while (i <= j) {
			while (a[i] < pivot) i++;
			while (a[j] > pivot) j--;
			if (i <= j) {
				const t = a[i];
				a[i++] = a[j];
				a[j--] = t;
			}
		}
		if (k <= j) hi = j;
		else if (k >= i) lo = i;
		else return a[k];
	}
	a.subarray(lo, hi + 1).sort();
	return a[k];
}

/** Median and nearest-rank quantile of values reordered in place (see select). */
function medianIn(a: Float64Array): number | null {
	const n = a.length;
	if (n === 0) return null;
	const mid = n >> 1;
	const upper = select(a, mid, 0, n - 1);
	if (n % 2 === 1) return upper;
	// The largest of the lower half: everything before `mid` is at most a[mid] now.
	let lower = a[0];
	for (let k = 1; k < mid; k++) if (a[k] > lower) lower = a[k];
	return Math.round((lower + upper) / 2);
}

function quantileIn(a: Float64Array, q: number, from = 0): number | null {
	if (a.length === 0) return null;
	const rank = Math.min(a.length, Math.max(1, Math.ceil(q * a.length)));
	return Math.round(select(a, rank - 1, Math.min(from, rank - 1), a.length - 1));
}

export function median(values: readonly number[]): number | null {
	return medianIn(copyOf(values));
}

export function mean(values: readonly number[]): number | null {
	return values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) / values.length);
}

/**
 * The q-quantile by the nearest-rank method (p90 of 10 values is the 9th smallest, of 11 the 10th): always a value
 * that occurred, as incident reviews quote it ("90% of incidents were resolved within 3h").
 */
export function quantile(values: readonly number[], q: number): number | null {
	return quantileIn(copyOf(values), q);
}

/** Median and p90 of a set of minutes, with how many there were. */
export interface Spread {
	median: number | null;
	p90: number | null;
	count: number;
}

export function spreadOf(values: readonly number[]): Spread {
	return spreadIn(copyOf(values));
}

/** spreadOf of values the caller gives up: they are reordered in place. */
export function spreadIn(a: Float64Array): Spread {
	const m = medianIn(a);
	// After the median, a[n/2] is in place and everything after it is no smaller: the p90 lies there (rank ≥ n/2).
	return { median: m, p90: quantileIn(a, 0.9, a.length >> 1), count: a.length };
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
