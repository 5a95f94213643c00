/** The statistics the views report, rounded to whole minutes. */

export function median(values: number[]): number | null {
	if (values.length === 0) return null;
	const s = [...values].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 === 1 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2);
}

export function mean(values: number[]): number | null {
	return values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) / values.length);
}
