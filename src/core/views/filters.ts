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

// The filter menus depend only on the incident list, which the view keeps until the index changes.
const choicesCache = new WeakMap<readonly IndexedIncident[], { words: ViewWords; choices: FilterChoices }>();
export function choicesOf(
	incidents: readonly IndexedIncident[],
	words: ViewWords = BUILT_IN_VIEW_WORDS,
): FilterChoices {
	const cached = choicesCache.get(incidents);
	if (cached && cached.words.lexicon === words.lexicon && cached.words.severities === words.severities)
		return cached.choices;
	const severities = new Set<string>();
	const services = new Map<string, number>();
	const statuses = new Set<string>();
	const codes = new Map<ProblemCode, number>();
	for (const i of incidents) {
		const seen = new Set<ProblemCode>();
		for (const p of i.problems) seen.add(p.code);
		for (const c of seen) codes.set(c, (codes.get(c) ?? 0) + 1);
		severities.add(i.severity ?? NONE);
		statuses.add(statusGroup(i.status, words.lexicon));
		for (const s of i.services) services.set(s, (services.get(s) ?? 0) + 1);
	}
	const choices = {
		severities: [...severities].sort(
			(a, b) =>
				severityRank(a === NONE ? null : a, words.severities) - severityRank(b === NONE ? null : b, words.severities),
		),
		services: [...services.entries()].sort((a, b) => b[1] - a[1] || collate(a[0], b[0])).map(([s]) => s),
		statuses: [...statuses].sort(statusOrder),
		problems: [
			...(codes.size > 0 ? [[ANY_PROBLEM, 'Has problems'] as [string, string]] : []),
			...[...codes.entries()]
				.sort((a, b) => b[1] - a[1] || byCode(a[0], b[0]))
				.map(([c, n]): [string, string] => [c, `${PROBLEM_LABELS[c]} (${n})`]),
		],
	};
	choicesCache.set(incidents, { words, choices });
	return choices;
}
