/** The dashboard's filters: what each one matches, and the choices its menus offer. */
import { collate } from '../text/collate';
import type { IndexedIncident } from '../model';
import { severityRank } from './severity';

/** The values the filter menus offer, from all incidents (not only the filtered ones). */
export interface FilterChoices {
	severities: string[];
	services: string[];
	statuses: string[];
}

/** The label of a missing severity or status in filters and charts. */
export const NONE = '(none)';

export interface DashboardFilters {
	text: string;
	severity: string;
	service: string;
	status: string;
	/** ISO dates, inclusive; empty for open-ended. */
	from: string;
	to: string;
}

export const EMPTY_FILTERS: DashboardFilters = { text: '', severity: '', service: '', status: '', from: '', to: '' };

// Lower-cased search text per incident, built once: incidents in the index are replaced, never mutated.
const searchText = new WeakMap<IndexedIncident, string>();
function haystack(i: IndexedIncident): string {
	let h = searchText.get(i);
	if (h === undefined) {
		h = [i.title, i.summary ?? '', i.rootCause ?? '', i.services.join(' '), i.id ?? '', i.path ?? '']
			.join('\n')
			.toLowerCase();
		searchText.set(i, h);
	}
	return h;
}

/** `q` is the text filter, lower-cased once by the caller. */
export function matches(i: IndexedIncident, f: DashboardFilters, q: string): boolean {
	if (f.severity && (i.severity ?? NONE) !== f.severity) return false;
	if (f.status && (i.status ?? NONE) !== f.status) return false;
	if (f.service && !i.services.includes(f.service)) return false;
	if (f.from && (!i.date || i.date < f.from)) return false;
	if (f.to && (!i.date || i.date > f.to)) return false;
	if (f.text) {
		if (!haystack(i).includes(q)) return false;
	}
	return true;
}

// The filter menus depend only on the incident list, which the view keeps until the index changes.
const choicesCache = new WeakMap<readonly IndexedIncident[], FilterChoices>();
export function choicesOf(incidents: readonly IndexedIncident[]): FilterChoices {
	const cached = choicesCache.get(incidents);
	if (cached) return cached;
	const severities = new Set<string>();
	const services = new Map<string, number>();
	const statuses = new Set<string>();
	for (const i of incidents) {
		severities.add(i.severity ?? NONE);
		statuses.add(i.status ?? NONE);
		for (const s of i.services) services.set(s, (services.get(s) ?? 0) + 1);
	}
	const choices = {
		severities: [...severities].sort(
			(a, b) => severityRank(a === NONE ? null : a) - severityRank(b === NONE ? null : b),
		),
		services: [...services.entries()].sort((a, b) => b[1] - a[1] || collate(a[0], b[0])).map(([s]) => s),
		statuses: [...statuses].sort(),
	};
	choicesCache.set(incidents, choices);
	return choices;
}
