/**
 * Extremes of lists of any length. Spreading a list into Math.max passes every value as an argument and throws
 * RangeError past ~100,000 of them (a note's timeline rows, a vault's items): these loop.
 */
export function maxOf(values: Iterable<number>, start = -Infinity): number {
	let m = start;
	for (const v of values) if (v > m) m = v;
	return m;
}

export function minOf(values: Iterable<number>, start = Infinity): number {
	let m = start;
	for (const v of values) if (v < m) m = v;
	return m;
}
