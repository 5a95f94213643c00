/** The dashboard's filters: what each one matches, and the choices its menus offer. */
import { byCode, collate } from '../text/collate';
import { PROBLEM_LABELS, type IndexedIncident, type ProblemCode } from '../model';
import { severityRank } from './severity';
import { BUILT_IN_LEXICON, type Lexicon } from '../format/lexicon';
import { STATUS_LABELS, type StatusKind } from '../format/vocabulary';

/** The values the filter menus offer, from all incidents (not only the filtered ones). */
export interface FilterChoices {
	severities: string[];
	services: string[];
	statuses: string[];
	/** The problem filter's menu: "has problems", then each code the notes have (most notes first), with labels. */
	problems: [string, string][];
}

/** The problem filter's value for "any problem". */
export const ANY_PROBLEM = 'any';

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
	/** ANY_PROBLEM, a problem code, or empty for all notes. */
	problem: string;
	/** 'yes': only postmortems still in draft or review long after the incident (DashboardOptions.staleDays). */
	stale: string;
}

export const EMPTY_FILTERS: DashboardFilters = {
	text: '',
	severity: '',
	service: '',
	status: '',
	from: '',
	to: '',
	problem: '',
	stale: '',
};

// Lower-cased search text per incident, built once: incidents in the index are replaced, never mutated.
const searchText = new WeakMap<IndexedIncident, string>();
function haystack(i: IndexedIncident): string {
	let h = searchText.get(i);
	if (h === undefined) {
		h = [
			i.title,
			i.summary ?? '',
			i.rootCause ?? '',
			i.lessonsLearned ?? '',
			i.services.join(' '),
			i.id ?? '',
			i.path ?? '',
		]
			.join('\n')
			.toLowerCase();
		searchText.set(i, h);
	}
	return h;
}

// Statuses repeat across incidents ("Resolved" hundreds of times): each is mapped once per lexicon.
const statusGroups = new WeakMap<Lexicon, Map<string, string>>();

/**
 * What the status filter calls an incident's status: its kind ("Resolved" for `résolu`, `closed`… as the words
 * say), or the status as written when no word of it is known. The note keeps its own text.
 */
export function statusGroup(status: string | null, lexicon: Lexicon = BUILT_IN_LEXICON): string {
	if (status === null) return NONE;
	let groups = statusGroups.get(lexicon);
	if (!groups) {
		groups = new Map();
		statusGroups.set(lexicon, groups);
	}
	let g = groups.get(status);
	if (g === undefined) {
		const kind = lexicon.statusKind(status);
		g = kind ? STATUS_LABELS[kind] : status;
		if (groups.size > 10_000) groups.clear();
		groups.set(status, g);
	}
	return g;
}

/** The status filter's order: the kinds as an incident moves through them, then statuses no word names, none last. */
const STATUS_ORDER = new Map((Object.keys(STATUS_LABELS) as StatusKind[]).map((k, n) => [STATUS_LABELS[k], n]));
function statusOrder(a: string, b: string): number {
	const x = a === NONE ? 2000 : (STATUS_ORDER.get(a) ?? 1000);
	const y = b === NONE ? 2000 : (STATUS_ORDER.get(b) ?? 1000);
	return x - y || collate(a, b);
}

/** The words the filters and sorting read with: the team's statuses and severity scheme. */
export interface ViewWords {
	lexicon: Lexicon;
	/** Most severe first; empty for the built-in order. */
	severities: readonly string[];
}

export const BUILT_IN_VIEW_WORDS: ViewWords = { lexicon: BUILT_IN_LEXICON, severities: [] };

/** `q` is the text filter, lower-cased once by the caller. */
export function matches(
	i: IndexedIncident,
	f: DashboardFilters,
	q: string,
	words: ViewWords = BUILT_IN_VIEW_WORDS,
): boolean {
	if (f.severity && (i.severity ?? NONE) !== f.severity) return false;
	if (f.status && statusGroup(i.status, words.lexicon) !== f.status) return false;
	if (f.service && !i.services.includes(f.service)) return false;
	if (f.from && (!i.date || i.date < f.from)) return false;
	if (f.to && (!i.date || i.date > f.to)) return false;
	if (f.problem && !(f.problem === ANY_PROBLEM ? i.problems.length > 0 : i.problems.some((p) => p.code === f.problem)))
		return false;
	if (f.text) {
		if (!haystack(i).includes(q)) return false;
	}
	return true;
}

/** How many incidents have each value: what the filter menus are made from, kept so a change can be applied to it. */
interface Tally {
	severities: Map<string, number>;
	statuses: Map<string, number>;
	services: Map<string, number>;
	codes: Map<ProblemCode, number>;
}

/** Adds (by = 1) or takes away (by = -1) one incident's values. A value no incident has any more leaves the tally. */
function tallyIncident(t: Tally, i: IndexedIncident, words: ViewWords, by: 1 | -1): void {
	const count = <K>(m: Map<K, number>, key: K): void => {
		const n = (m.get(key) ?? 0) + by;
		if (n === 0) m.delete(key);
		else m.set(key, n);
	};
	count(t.severities, i.severity ?? NONE);
	count(t.statuses, statusGroup(i.status, words.lexicon));
	for (const s of i.services) count(t.services, s);
	const seen = new Set<ProblemCode>();
	for (const p of i.problems) seen.add(p.code);
	for (const c of seen) count(t.codes, c);
}

function choicesFrom(t: Tally, words: ViewWords): FilterChoices {
	return {
		// Severities the scheme ranks alike (unknown ones) by name: the menu must not depend on which note came first.
		severities: [...t.severities.keys()].sort(
			(a, b) =>
				severityRank(a === NONE ? null : a, words.severities) - severityRank(b === NONE ? null : b, words.severities) ||
				collate(a, b),
		),
		services: [...t.services.entries()].sort((a, b) => b[1] - a[1] || collate(a[0], b[0])).map(([s]) => s),
		statuses: [...t.statuses.keys()].sort(statusOrder),
		problems: [
			...(t.codes.size > 0 ? [[ANY_PROBLEM, 'Has problems'] as [string, string]] : []),
			...[...t.codes.entries()]
				.sort((a, b) => b[1] - a[1] || byCode(a[0], b[0]))
				.map(([c, n]): [string, string] => [c, `${PROBLEM_LABELS[c]} (${n})`]),
		],
	};
}

/** Incidents that may differ between two lists of the same length for the last tally to be brought up to date. */
const MAX_CHANGED = 256;

// The filter menus depend only on the incident list, which the view keeps until the index changes; after a change
// the new list is the last one with a few entries replaced, and the last tally is brought up to date from those.
const choicesCache = new WeakMap<readonly IndexedIncident[], { words: ViewWords; choices: FilterChoices }>();
let lastTally: { list: readonly IndexedIncident[]; words: ViewWords; tally: Tally } | null = null;

function sameWords(a: ViewWords, b: ViewWords): boolean {
	return a.lexicon === b.lexicon && a.severities === b.severities;
}

/** The tally of a list: the last one updated by the entries that changed, else counted afresh. */
function tallyOf(incidents: readonly IndexedIncident[], words: ViewWords): Tally {
	const last = lastTally;
	if (last && last.list.length === incidents.length && sameWords(last.words, words)) {
		const changed: number[] = [];
		for (let k = 0; k < incidents.length && changed.length <= MAX_CHANGED; k++)
			if (incidents[k] !== last.list[k]) changed.push(k);
		if (changed.length <= MAX_CHANGED) {
			// The tally is of the incidents as a whole, whatever their order: each replaced entry out, its successor in.
			// The last list's tally is handed on (that list keeps its cached choices).
			for (const k of changed) {
				tallyIncident(last.tally, last.list[k], words, -1);
				tallyIncident(last.tally, incidents[k], words, 1);
			}
			return last.tally;
		}
	}
	const tally: Tally = { severities: new Map(), statuses: new Map(), services: new Map(), codes: new Map() };
	for (const i of incidents) tallyIncident(tally, i, words, 1);
	return tally;
}

export function choicesOf(
	incidents: readonly IndexedIncident[],
	words: ViewWords = BUILT_IN_VIEW_WORDS,
): FilterChoices {
	const cached = choicesCache.get(incidents);
	if (cached && sameWords(cached.words, words)) return cached.choices;
	const tally = tallyOf(incidents, words);
	lastTally = { list: incidents, words, tally };
	const choices = choicesFrom(tally, words);
	choicesCache.set(incidents, { words, choices });
	return choices;
}
