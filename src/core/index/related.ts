/**
 * How incidents relate: links both ways and the same service within a window (for the dashboard), and suggestions
 * for a note's related-incidents section (same service within N days, shared tags).
 */
import { GENERIC_TAGS } from '../format/names';
import { byCode, collate } from '../text/collate';
import type { IndexedIncident } from '../model';

export interface RelatedSuggestion {
	path: string;
	title: string;
	date: string | null;
	reasons: string[];
}

function daysBetween(a: string, b: string): number {
	return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

/**
 * Incidents that share a service within `windowDays` of this one, or a specific tag; not the incident itself and
 * not ones it already links to. Nearest in time first.
 */
export function suggestRelated(
	current: IndexedIncident,
	all: readonly IndexedIncident[],
	windowDays: number,
): RelatedSuggestion[] {
	const linked = new Set(current.links.map((l) => l.resolved).filter((p): p is string => p !== null));
	const services = new Set(current.services.map((s) => s.toLowerCase()));
	const tags = new Set(current.tags.filter((t) => !GENERIC_TAGS.test(t)).map((t) => t.toLowerCase()));
	const out: RelatedSuggestion[] = [];
	for (const other of all) {
		if (!other.path || other.path === current.path || linked.has(other.path)) continue;
		const reasons: string[] = [];
		const shared = other.services.filter((s) => services.has(s.toLowerCase()));
		if (shared.length > 0 && current.date && other.date && daysBetween(current.date, other.date) <= windowDays) {
			reasons.push(`same service (${shared.join(', ')}) within ${windowDays} days`);
		}
		const sharedTags = other.tags.filter((t) => tags.has(t.toLowerCase()));
		if (sharedTags.length > 0) reasons.push(`shared tag ${sharedTags.map((t) => '#' + t).join(', ')}`);
		if (reasons.length > 0) out.push({ path: other.path, title: other.title, date: other.date, reasons });
	}
	const distance = (s: RelatedSuggestion): number =>
		current.date && s.date ? daysBetween(current.date, s.date) : Number.MAX_SAFE_INTEGER;
	return out.sort((a, b) => distance(a) - distance(b) || collate(a.path, b.path));
}

/** One incident as another lists it; shared between the incidents that list it, so never changed. */
export interface RelatedRef {
	readonly path: string;
	readonly title: string;
	readonly why: 'links to' | 'linked from' | 'same service';
}

/**
 * The reference objects made for each incident, kept from one revision of the index to the next (an entry never
 * changes): what a view made from the last ones can tell by identity that nothing about them changed.
 */
const KEPT_REFS = new WeakMap<IndexedIncident, Partial<Record<RelatedRef['why'], RelatedRef>>>();

/** Same-service neighbours listed per incident: the nearest in time; more would not help a reader. */
export const MAX_SAME_SERVICE = 5;

/**
 * Related incidents for every incident: wikilinks both ways, and the nearest incidents on the same service within
 * the window (at most MAX_SAME_SERVICE each side). An incident with an earlier one on the same service inside the
 * window recurs. Linear in incidents (times the small cap), so large, dense vaults stay fast.
 */
export function relatedIncidents(
	incidents: readonly IndexedIncident[],
	windowDays: number,
): Map<string, { related: RelatedRef[]; recurring: boolean }> {
	// Incidents by number (a path listed twice keeps its first place and its last incident, as a Map of them would):
	// the work below is on numbers and arrays, not on path keys, sets and objects per incident.
	const numberOf = new Map<string, number>();
	const list: IndexedIncident[] = [];
	for (const i of incidents) {
		if (!i.path) continue;
		const k = numberOf.get(i.path);
		if (k === undefined) {
			numberOf.set(i.path, list.length);
			list.push(i);
		} else list[k] = i;
	}
	const related: RelatedRef[][] = list.map(() => []);
	const recurring: boolean[] = list.map(() => false);
	// Who each incident already lists: a short array scanned (a few links and same-service neighbours), a set once long.
	const listed: number[][] = list.map(() => []);
	const listedSets: (Set<number> | undefined)[] = [];
	// One reference object per incident and reason, shared by every incident that lists it (they are only read): a
	// dense vault lists ~20 per incident, 200,000 objects on 10,000 notes otherwise.
	const refs: Record<RelatedRef['why'], (RelatedRef | undefined)[]> = {
		'links to': [],
		'linked from': [],
		'same service': [],
	};
	const refTo = (to: number, why: RelatedRef['why']): RelatedRef => {
		let ref = refs[why][to];
		if (ref === undefined) {
			const i = list[to];
			let kept = KEPT_REFS.get(i);
			if (kept === undefined) KEPT_REFS.set(i, (kept = {}));
			refs[why][to] = ref = kept[why] ??= { path: i.path as string, title: i.title, why };
		}
		return ref;
	};
	const add = (from: number, to: number, why: RelatedRef['why']): void => {
		if (from === to) return;
		const seen = listed[from];
		if (seen.length < 16) {
			if (seen.includes(to)) return;
		} else {
			let set = listedSets[from];
			if (!set) listedSets[from] = set = new Set(seen);
			if (set.has(to)) return;
			set.add(to);
		}
		seen.push(to);
		related[from].push(refTo(to, why));
	};
	for (let k = 0; k < list.length; k++) {
		for (const l of list[k].links) {
			const to = l.resolved ? numberOf.get(l.resolved) : undefined;
			if (to === undefined) continue;
			add(k, to, 'links to');
			add(to, k, 'linked from');
		}
	}
	// Many incidents share a date: each distinct one is parsed once.
	const days = new Map<string, number>();
	const dayOf = (d: string): number => {
		let day = days.get(d);
		if (day === undefined) days.set(d, (day = Date.parse(`${d}T00:00:00Z`) / 86_400_000));
		return day;
	};
	const byService = new Map<string, { k: number; day: number }[]>();
	for (let k = 0; k < list.length; k++) {
		const i = list[k];
		if (!i.date) continue;
		const day = dayOf(i.date);
		if (Number.isNaN(day)) continue;
		for (const s of new Set(i.services.map((x) => x.toLowerCase()))) {
			const on = byService.get(s);
			if (on) on.push({ k, day });
			else byService.set(s, [{ k, day }]);
		}
	}
	for (const on of byService.values()) {
		// Same-day neighbours in path order by code unit: a collator per tie cost more than the rest of the work.
		on.sort((a, b) => a.day - b.day || byCode(list[a.k].path as string, list[b.k].path as string));
		for (let x = 0; x < on.length; x++) {
			const me = on[x];
			// The nearest earlier and later neighbours within the window, a few each way.
			for (let j = x - 1, n = 0; j >= 0 && n < MAX_SAME_SERVICE && me.day - on[j].day <= windowDays; j--, n++) {
				add(me.k, on[j].k, 'same service');
				recurring[me.k] = true;
			}
			for (let j = x + 1, n = 0; j < on.length && n < MAX_SAME_SERVICE && on[j].day - me.day <= windowDays; j++, n++)
				add(me.k, on[j].k, 'same service');
		}
	}
	return new Map(list.map((i, k) => [i.path as string, { related: related[k], recurring: recurring[k] }]));
}

export type RelatedMap = ReturnType<typeof relatedIncidents>;
