/**
 * The incident dashboard as data: summary figures, chart series, the filtered and sorted table, related and
 * recurring incidents, and CSV / Markdown exports. Pure, so every number on the screen is tested without a DOM.
 */
import { byCode, collate } from './collate';
import { maxOf, minOf } from './math';
import { inertCell, inertInline } from './escape';
import { EXPORT_NOTE_TYPE } from './parse';
import { durationBy, type DurationDefinition } from './duration-fields';
import type { Incident } from './model';

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

export type SortColumn =
	'date' | 'title' | 'severity' | 'status' | 'services' | 'duration' | 'openActions' | 'problems';

export interface DashboardSort {
	column: SortColumn;
	descending: boolean;
}

export interface DashboardOptions {
	definition: DurationDefinition;
	relatedWindowDays: number;
	/** ISO date: what "overdue" is measured against. */
	today: string;
}

export interface RelatedRef {
	path: string;
	title: string;
	why: 'links to' | 'linked from' | 'same service';
}

export interface DashboardRow {
	path: string;
	date: string | null;
	title: string;
	severity: string | null;
	status: string | null;
	services: string[];
	/** Minutes by the chosen definition. */
	duration: number | null;
	openActions: number;
	overdueActions: number;
	problems: number;
	errors: number;
	durationMismatch: boolean;
	related: RelatedRef[];
	/** Another incident on the same service within the window before this one. */
	recurring: boolean;
}

export interface MonthPoint {
	/** YYYY-MM */
	month: string;
	bySeverity: Record<string, number>;
	total: number;
	/** Mean duration of the month's incidents by the chosen definition, or null. */
	mttrMinutes: number | null;
}

export interface DashboardModel {
	summary: {
		incidents: number;
		bySeverity: { severity: string; count: number }[];
		mttrMinutes: number | null;
		medianTtdMinutes: number | null;
		openActions: number;
		overdueActions: number;
		durationMismatches: number;
	};
	months: MonthPoint[];
	topServices: { service: string; count: number }[];
	rows: DashboardRow[];
	/** Options for the filter menus, from all incidents (not only the filtered ones). */
	choices: { severities: string[]; services: string[]; statuses: string[] };
	/** Rows before filtering, for "12 of 340". */
	totalIncidents: number;
}

const NONE = '(none)';

/** Months a chart spans at most: 300 years of incidents, far beyond any vault, and a bound on the loop that fills gaps. */
const MAX_MONTHS = 3600;

function median(values: number[]): number | null {
	if (values.length === 0) return null;
	const s = [...values].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 === 1 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2);
}

function mean(values: number[]): number | null {
	return values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) / values.length);
}

/** Severity order: SEV1 before SEV2, P1 before P2, Critical/High/Medium/Low, then as written. */
export function severityRank(s: string | null): number {
	if (!s) return 1000;
	const n = /^(?:SEV|P)(\d)$/i.exec(s);
	if (n) return +n[1];
	const words = ['critical', 'highest', 'high', 'major', 'medium', 'moderate', 'minor', 'low', 'lowest'];
	const w = words.indexOf(s.toLowerCase());
	return w === -1 ? 500 : 10 + w;
}

// Lower-cased search text per incident, built once: incidents in the index are replaced, never mutated.
const searchText = new WeakMap<Incident, string>();
function haystack(i: Incident): string {
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
function matches(i: Incident, f: DashboardFilters, q: string): boolean {
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

/** Same-service neighbours listed per incident: the nearest in time; more would not help a reader. */
export const MAX_SAME_SERVICE = 5;

/**
 * Related incidents for every incident: wikilinks both ways, and the nearest incidents on the same service within
 * the window (at most MAX_SAME_SERVICE each side). An incident with an earlier one on the same service inside the
 * window recurs. Linear in incidents (times the small cap), so large, dense vaults stay fast.
 */
export function relatedIncidents(
	incidents: readonly Incident[],
	windowDays: number,
): Map<string, { related: RelatedRef[]; recurring: boolean }> {
	// Incidents by number (a path listed twice keeps its first place and its last incident, as a Map of them would):
	// the work below is on numbers and arrays, not on path keys, sets and objects per incident.
	const numberOf = new Map<string, number>();
	const list: Incident[] = [];
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
		related[from].push({ path: list[to].path as string, title: list[to].title, why });
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
		on.sort((a, b) => a.day - b.day || collate(list[a.k].path as string, list[b.k].path as string));
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

/**
 * What a row sorts by in a column, worked out once per row rather than in every comparison: a number, a string (dates
 * compared by code unit, words by the collator), or null when the row has no value there (no date, no duration, no
 * severity) — those rows go last whichever way the column is sorted.
 */
function sortKey(r: DashboardRow, column: SortColumn): number | string | null {
	switch (column) {
		case 'date':
			return r.date;
		case 'title':
			return r.title;
		case 'severity':
			return r.severity === null ? null : severityRank(r.severity);
		case 'status':
			return r.status ?? '';
		case 'services':
			return r.services.join(', ');
		case 'duration':
			return r.duration;
		case 'openActions':
			return r.openActions;
		case 'problems':
			// Errors first, then all problems: one number orders both (no note has a billion problems).
			return r.errors * 1e9 + r.problems;
	}
}

// The incident list is the view's until the index changes; its path order is worked out once for all sorts and filters.
const pathOrderCache = new WeakMap<readonly Incident[], readonly Incident[]>();
function inPathOrder(incidents: readonly Incident[]): readonly Incident[] {
	let ordered = pathOrderCache.get(incidents);
	if (!ordered) {
		ordered = [...incidents].sort((a, b) => byCode(a.path ?? '', b.path ?? ''));
		pathOrderCache.set(incidents, ordered);
	}
	return ordered;
}

/** Sorts the rows, which come in path order, by a column; ties keep that order; rows without a value last. */
function sortRows(rows: DashboardRow[], sort: DashboardSort): DashboardRow[] {
	const keys = rows.map((r) => sortKey(r, sort.column));
	const byCodeUnit = sort.column === 'date';
	const order = rows.map((_r, k) => k);
	order.sort((x, y) => {
		const a = keys[x];
		const b = keys[y];
		if (a === null || b === null) return a === b ? collate(rows[x].path, rows[y].path) || x - y : a === null ? 1 : -1;
		const c = typeof a === 'number' ? a - (b as number) : byCodeUnit ? byCode(a, b as string) : collate(a, b as string);
		const d = sort.descending ? -c : c;
		return d !== 0 ? d : x - y;
	});
	return order.map((k) => rows[k]);
}

export type RelatedMap = ReturnType<typeof relatedIncidents>;

const NO_RELATED: RelatedRef[] = [];

// The filter menus depend only on the incident list, which the view keeps until the index changes.
const choicesCache = new WeakMap<readonly Incident[], DashboardModel['choices']>();
function choicesOf(incidents: readonly Incident[]): DashboardModel['choices'] {
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

/**
 * The whole dashboard for the current filters and sort. `related` (relatedIncidents of the same incidents) depends
 * only on the index, not on filters: the view computes it once per index revision and passes it in. The list is
 * read as the view's list of one index revision: never changed after it is passed (its path order and filter menus
 * are kept per list; a new revision brings a new list).
 */
export function buildDashboard(
	incidents: readonly Incident[],
	filters: DashboardFilters,
	sort: DashboardSort,
	options: DashboardOptions,
	related: RelatedMap = relatedIncidents(incidents, options.relatedWindowDays),
): DashboardModel {
	const q = filters.text.toLowerCase();
	const anyFilter = Object.values(filters).some((v) => v !== '');
	// Rows start in path order, so a sort's ties keep their places instead of comparing paths (~140,000 times on 10,000).
	const ordered = inPathOrder(incidents);
	const shown = anyFilter ? ordered.filter((i) => matches(i, filters, q)) : [...ordered];
	const unsorted: DashboardRow[] = shown.map((i) => {
		// One pass over items and one over problems (this runs for every row on every filter keystroke).
		let openActions = 0;
		let overdueActions = 0;
		for (const a of i.actionItems) {
			if (a.done) continue;
			openActions++;
			if (a.due !== null && a.due < options.today) overdueActions++;
		}
		let errors = 0;
		let durationMismatch = false;
		for (const p of i.problems) {
			if (p.level === 'error') errors++;
			if (p.code === 'duration-mismatch') durationMismatch = true;
		}
		const rel = related.get(i.path ?? '');
		return {
			path: i.path ?? '',
			date: i.date,
			title: i.title,
			severity: i.severity,
			status: i.status,
			services: i.services,
			duration: durationBy(i, options.definition),
			openActions,
			overdueActions,
			problems: i.problems.length,
			errors,
			durationMismatch,
			related: rel ? rel.related : NO_RELATED,
			recurring: rel ? rel.recurring : false,
		};
	});
	const rows = sortRows(unsorted, sort);

	const bySeverity = new Map<string, number>();
	const months = new Map<string, { bySeverity: Record<string, number>; total: number; durations: number[] }>();
	const shownServices = new Map<string, number>();
	for (const r of rows) {
		const sev = r.severity ?? NONE;
		bySeverity.set(sev, (bySeverity.get(sev) ?? 0) + 1);
		for (const s of r.services) shownServices.set(s, (shownServices.get(s) ?? 0) + 1);
		if (!r.date) continue;
		const m = r.date.slice(0, 7);
		const point = months.get(m) ?? { bySeverity: {}, total: 0, durations: [] };
		point.bySeverity[sev] = (point.bySeverity[sev] ?? 0) + 1;
		point.total++;
		if (r.duration !== null) point.durations.push(r.duration);
		months.set(m, point);
	}
	// Every month between the first and the last, so gaps show as zero. Months are counted, not compared as keys:
	// a key that is not a real month (from a damaged index cache) can then never make the loop run away.
	const monthNumber = (key: string): number | null => {
		const m = /^(\d{4})-(\d{2})$/.exec(key);
		return m && +m[2] >= 1 && +m[2] <= 12 ? +m[1] * 12 + (+m[2] - 1) : null;
	};
	const numbers = [...months.keys()].map(monthNumber).filter((n): n is number => n !== null);
	const series: MonthPoint[] = [];
	if (numbers.length > 0) {
		const first = minOf(numbers);
		const last = maxOf(numbers);
		for (let n = first; n <= last && n - first < MAX_MONTHS; n++) {
			const key = `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
			const p = months.get(key);
			series.push({
				month: key,
				bySeverity: p?.bySeverity ?? {},
				total: p?.total ?? 0,
				mttrMinutes: p ? mean(p.durations) : null,
			});
		}
	}
	const shownIncidents = shown;
	const ttds = shownIncidents.map((i) => i.metrics.ttdMinutes).filter((v): v is number => v !== null);
	const durations = rows.map((r) => r.duration).filter((v): v is number => v !== null);
	return {
		summary: {
			incidents: rows.length,
			bySeverity: [...bySeverity.entries()]
				.sort((a, b) => severityRank(a[0] === NONE ? null : a[0]) - severityRank(b[0] === NONE ? null : b[0]))
				.map(([severity, count]) => ({ severity, count })),
			mttrMinutes: mean(durations),
			medianTtdMinutes: median(ttds),
			openActions: rows.reduce((n, r) => n + r.openActions, 0),
			overdueActions: rows.reduce((n, r) => n + r.overdueActions, 0),
			durationMismatches: rows.filter((r) => r.durationMismatch).length,
		},
		months: series,
		topServices: [...shownServices.entries()]
			.sort((a, b) => b[1] - a[1] || collate(a[0], b[0]))
			.slice(0, 8)
			.map(([service, count]) => ({ service, count })),
		rows,
		choices: choicesOf(incidents),
		totalIncidents: incidents.length,
	};
}

const EXPORT_COLUMNS: [string, (r: DashboardRow) => string][] = [
	['Date', (r) => r.date ?? ''],
	['Title', (r) => r.title],
	['Severity', (r) => r.severity ?? ''],
	['Status', (r) => r.status ?? ''],
	['Services', (r) => r.services.join(', ')],
	['Duration (min)', (r) => (r.duration === null ? '' : String(r.duration))],
	['Open action items', (r) => String(r.openActions)],
	['Problems', (r) => String(r.problems)],
	['Path', (r) => r.path],
];

/** RFC 4180 CSV; a cell starting with = + - @ is prefixed with ' so spreadsheets do not run it as a formula. */
export function rowsToCsv(rows: readonly DashboardRow[]): string {
	const cell = (s: string): string => {
		const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
		return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
	};
	return (
		[
			EXPORT_COLUMNS.map(([h]) => h).join(','),
			...rows.map((r) => EXPORT_COLUMNS.map(([, f]) => cell(f(r))).join(',')),
		].join('\r\n') + '\r\n'
	);
}

/** A vault path as the target of a Markdown link: each part percent-encoded, so no character can end the link. */
function linkTarget(path: string): string {
	return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * A Markdown note with the table, titles as links to the notes. Every value is text, escaped as such (see escape.ts):
 * no cell can end its row, start a heading, or become a link, tag or HTML — a title is the text of a Markdown link,
 * escaped there too. The note says it is an export (frontmatter `type`), so it is never indexed as an incident.
 */
export function rowsToMarkdown(rows: readonly DashboardRow[], heading: string): string {
	const lines = [
		'---',
		`type: ${EXPORT_NOTE_TYPE}`,
		'---',
		'',
		`# ${inertInline(heading)}`,
		'',
		'| Date | Incident | Severity | Status | Services | Duration (min) | Open action items | Problems |',
		'|---|---|---|---|---|---|---|---|',
	];
	for (const r of rows) {
		const link = `[${inertCell(r.title) || 'Untitled'}](${linkTarget(r.path)})`;
		lines.push(
			`| ${inertCell(r.date)} | ${link} | ${inertCell(r.severity)} | ${inertCell(r.status)} | ${inertCell(r.services.join(', '))} | ${r.duration ?? ''} | ${r.openActions} | ${r.problems} |`,
		);
	}
	return lines.join('\n') + '\n';
}
