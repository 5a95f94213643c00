/**
 * String order for what people read (titles, services, paths): the order `localeCompare` gives, from one collator
 * made once. `a.localeCompare(b)` builds its comparison state on every call, and a sort calls it for every comparison
 * (figures: scripts/bench/README.md).
 */
export const collate: (a: string, b: string) => number = new Intl.Collator().compare;

/** Plain code-unit order, for ISO dates and other machine strings where the locale has no say. */
export function byCode(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
