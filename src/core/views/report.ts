/**
 * Report over many incidents: the table, the action-item rollup and the unresolved links, as data and as text.
 * Pure: the CLI feeds it parsed incidents, the plugin can feed it its index.
 */
import { detached } from '../text/chars';
import { byCode, collate } from '../text/collate';
import { printable, terminalSafeJson } from '../text/escape';
import { maxOf } from '../text/math';
import type { ActionItem, Incident, RelatedLink } from '../model';

export interface SkippedFile {
	path: string;
	reason: string;
}

export interface RollupItem extends ActionItem {
	path: string | null;
	incident: string;
	overdue: boolean;
}

export interface UnresolvedLink extends RelatedLink {
	path: string | null;
}

/** What the report reads of an incident: the CLI's worker threads send only this (and the JSON text), not the parse. */
export type ReportIncident = Pick<
	Incident,
	| 'path'
	| 'title'
	| 'date'
	| 'severity'
	| 'durationMinutes'
	| 'declaredDurationMinutes'
	| 'actionItems'
	| 'links'
	| 'problems'
>;

export interface Report<T extends ReportIncident = Incident> {
	incidents: T[];
	rollup: RollupItem[];
	unresolved: UnresolvedLink[];
	skipped: SkippedFile[];
}

/** Incidents newest first; open action items by due date (undated last); links that resolve nowhere. */
export function buildReport<T extends ReportIncident>(
	incidents: T[],
	skipped: SkippedFile[],
	today: string,
): Report<T> {
	const sorted = [...incidents].sort((a, b) => byCode(b.date ?? '', a.date ?? '') || collate(a.title, b.title));
	// Items of one due date are in path order: each incident's place in that order is found once (paths that
	// collate equal share it), so sorting tens of thousands of items compares numbers, not paths through the collator.
	const byPath = [...sorted].sort((a, b) => collate(a.path ?? '', b.path ?? ''));
	const pathRank = new Map<T, number>();
	byPath.forEach((inc, k) =>
		pathRank.set(
			inc,
			k > 0 && collate(byPath[k - 1].path ?? '', inc.path ?? '') === 0 ? (pathRank.get(byPath[k - 1]) as number) : k,
		),
	);
	const open: { item: RollupItem; due: string; rank: number }[] = [];
	const unresolved: UnresolvedLink[] = [];
	for (const inc of sorted) {
		const rank = pathRank.get(inc) as number;
		for (const a of inc.actionItems) {
			if (a.done) continue;
			// A literal of one shape, keys in ActionItem's order then the report's (a spread copy is slower: bench README).
			const item: RollupItem = {
				action: a.action,
				owner: a.owner,
				due: a.due,
				priority: a.priority,
				done: a.done,
				tickets: a.tickets,
				line: a.line,
				path: inc.path,
				incident: inc.title,
				overdue: a.due !== null && a.due < today,
			};
			open.push({ item, due: a.due ?? '9999', rank });
		}
		for (const link of inc.links)
			if (link.resolved === null && link.target !== '') unresolved.push({ ...link, path: inc.path });
	}
	open.sort((a, b) => byCode(a.due, b.due) || a.rank - b.rank || a.item.line - b.item.line);
	return { incidents: sorted, rollup: open.map((o) => o.item), unresolved, skipped };
}

/** The report's part of an incident as literal data (what a worker thread sends back): unresolved links only. */
export function reportIncident(i: Incident): ReportIncident {
	return {
		path: i.path,
		title: i.title,
		date: i.date,
		severity: i.severity,
		durationMinutes: i.durationMinutes,
		declaredDurationMinutes: i.declaredDurationMinutes,
		actionItems: i.actionItems,
		links: i.links.filter((l) => l.resolved === null && l.target !== ''),
		problems: i.problems,
	};
}

export function formatMinutes(m: number | null): string {
	if (m === null) return '—';
	if (m < 60) return `${m}m`;
	const d = Math.floor(m / 1440);
	const h = Math.floor((m % 1440) / 60);
	const mm = m % 60;
	return [d ? `${d}d` : '', h ? `${h}h` : '', mm ? `${mm}m` : ''].filter(Boolean).join(' ');
}

/** One line of at most `n` characters, nothing a terminal would act on (see printable). */
function truncate(s: string, n: number): string {
	const flat = printable(s.replace(/\s+/g, ' '));
	return flat.length <= n ? flat : flat.slice(0, n - 1) + '…';
}

/** Rows padded into columns; the cells are printable already. */
function table(headers: string[], rows: string[][]): string[] {
	const widths = headers.map((h, i) =>
		maxOf(
			rows.map((r) => r[i].length),
			h.length,
		),
	);
	const fmt = (cells: string[]): string =>
		cells
			.map((c, i) => c.padEnd(widths[i]))
			.join('  ')
			.trimEnd();
	const out = [fmt(headers), widths.map((w) => '-'.repeat(w)).join('  ')];
	for (const r of rows) out.push(fmt(r));
	return out;
}

/** The human-readable report the CLI prints. */
export function renderReportText(r: Report<ReportIncident>): string {
	const out: string[] = [];
	const lines = (more: string[]): void => {
		for (const l of more) out.push(l);
	};
	out.push(`Incidents (${r.incidents.length})`, '');
	if (r.incidents.length > 0) {
		lines(
			table(
				['Date', 'Title', 'Severity', 'Duration', 'Open actions', 'Problems'],
				r.incidents.map((i) => {
					const errors = i.problems.filter((p) => p.level === 'error').length;
					const warnings = i.problems.length - errors;
					const mismatch = i.problems.some((p) => p.code === 'duration-mismatch')
						? ' (declared ' + formatMinutes(i.declaredDurationMinutes) + ')'
						: '';
					return [
						printable(i.date ?? '—'),
						truncate(i.title, 48),
						truncate(i.severity ?? '—', 24),
						formatMinutes(i.durationMinutes) + mismatch,
						String(i.actionItems.filter((a) => !a.done).length),
						errors + warnings === 0
							? 'none'
							: [
									errors ? `${errors} error${errors > 1 ? 's' : ''}` : '',
									warnings ? `${warnings} warning${warnings > 1 ? 's' : ''}` : '',
								]
									.filter(Boolean)
									.join(', '),
					];
				}),
			),
		);
	}
	out.push('', `Open action items (${r.rollup.length})`, '');
	if (r.rollup.length > 0) {
		lines(
			table(
				['Due', 'Action', 'Owner', 'Priority', 'Incident'],
				r.rollup.map((a) => [
					printable(a.due ?? '—') + (a.overdue ? ' OVERDUE' : ''),
					truncate(a.action, 56),
					truncate(a.owner ?? '—', 32),
					truncate(a.priority ?? '—', 16),
					truncate(a.incident, 32),
				]),
			),
		);
	}
	out.push('', `Unresolved links (${r.unresolved.length})`, '');
	for (const l of r.unresolved)
		out.push(
			`${printable(l.path ?? '')}:${l.line}  [[${printable(l.target)}${l.heading ? '#' + printable(l.heading) : ''}]]  (${l.kind})`,
		);
	if (r.skipped.length > 0) {
		// One line per reason, not per file: a folder of runbooks and READMEs is one line, not a screenful.
		out.push('', `Skipped (${r.skipped.length})`, '');
		const byReason = new Map<string, string[]>();
		for (const s of r.skipped) {
			const paths = byReason.get(s.reason);
			if (paths) paths.push(s.path);
			else byReason.set(s.reason, [s.path]);
		}
		for (const [reason, paths] of byReason) {
			const shown = paths.slice(0, SKIPPED_NAMED).map(printable).join(', ');
			const more = paths.length > SKIPPED_NAMED ? ` and ${paths.length - SKIPPED_NAMED} more` : '';
			out.push(`${printable(reason)} (${paths.length}): ${shown}${more}`);
		}
	}
	return out.join('\n') + '\n';
}

/** The incident as the CLI's JSON shows it (without the raw frontmatter). */
export function incidentToJson(i: Incident, fields: readonly IncidentField[] | null = null): Partial<Incident> {
	const { frontmatter: _fm, ...rest } = i;
	if (fields === null) return rest;
	const out: Record<string, unknown> = {};
	for (const f of fields) out[f] = rest[f];
	return out;
}

/** The fields of an incident in `report --json`, in the parser's order (every field of Incident but the raw frontmatter). */
export const INCIDENT_FIELDS = [
	'path',
	'title',
	'date',
	'severity',
	'status',
	'services',
	'id',
	'author',
	'tags',
	'impact',
	'summary',
	'rootCause',
	'resolution',
	'lessonsLearned',
	'timeline',
	'durationMinutes',
	'declaredDurationMinutes',
	'milestones',
	'metrics',
	'actionItems',
	'links',
	'problems',
] as const satisfies readonly Exclude<keyof Incident, 'frontmatter'>[];
export type IncidentField = (typeof INCIDENT_FIELDS)[number];
// Every field listed: a new field of Incident that is not here fails the build.
const allFields: Exclude<keyof Incident, 'frontmatter' | IncidentField> extends never ? true : never = true;
void allFields;

/** `--fields index`: what the plugin's index keeps, for large folders (no timeline rows or section texts: ~half the size). */
export const FIELD_PRESETS: Readonly<Record<string, readonly IncidentField[]>> = {
	index: INCIDENT_FIELDS.filter(
		(f) => !['timeline', 'milestones', 'summary', 'rootCause', 'resolution', 'lessonsLearned'].includes(f),
	),
};

/** `--fields` as given (a preset, or field names separated by commas) as fields; throws naming an unknown one. */
export function readFields(spec: string): IncidentField[] {
	const preset = FIELD_PRESETS[spec];
	if (preset) return [...preset];
	const names = spec
		.split(',')
		.map((f) => f.trim())
		.filter((f) => f !== '');
	const unknown = names.filter((f) => !(INCIDENT_FIELDS as readonly string[]).includes(f));
	if (unknown.length > 0 || names.length === 0)
		throw new Error(
			`--fields wants ${Object.keys(FIELD_PRESETS).join(', ')} or fields of ${INCIDENT_FIELDS.join(', ')}; got ${unknown.join(', ') || 'nothing'}`,
		);
	return INCIDENT_FIELDS.filter((f) => names.includes(f));
}

/**
 * The report as JSON, written as the incidents come (`report --json` on 50,000 notes would otherwise hold ~500 MB of
 * JSON until the end): `start`, then `incidents(…)` for each batch of incidents already serialised (by worker threads),
 * then the pieces of `end(report)`: the open action items, unresolved links and skipped files, which need every
 * incident (they are written in pieces too: 50,000 notes have ~250,000 open items). Joined, the pieces are exactly
 * JSON.stringify of the whole report (indented by two spaces when `pretty`), with the incidents in the order given.
 * Everything written is terminal-safe (see terminalSafeJson).
 */
export interface ReportJsonStream {
	readonly start: string;
	incidents(json: readonly string[]): string;
	end(r: Report<ReportIncident>): string[];
}

/** One array member of the report, written a batch of serialised elements at a time. */
function jsonArray(
	key: string,
	pretty: boolean,
): { open: string; items(json: readonly string[]): string; close(): string } {
	let written = 0;
	const comma = pretty ? ',\n' : ',';
	const item = pretty
		? (json: string): string => '    ' + json.replace(/\n/g, '\n    ')
		: (json: string): string => json;
	return {
		open: pretty ? `"${key}": [` : `"${key}":[`,
		items(json) {
			if (json.length === 0) return '';
			const lead = written === 0 ? (pretty ? '\n' : '') : comma;
			written += json.length;
			return terminalSafeJson(lead + json.map(item).join(comma));
		},
		close: () => (pretty && written > 0 ? '\n  ]' : ']'),
	};
}

/** Elements per piece of the JSON report's arrays. */
const JSON_CHUNK = 256;

export function reportJsonStream(pretty: boolean): ReportJsonStream {
	const incidents = jsonArray('incidents', pretty);
	const between = pretty ? ',\n  ' : ',';
	return {
		start: (pretty ? '{\n  ' : '{') + incidents.open,
		incidents: (json) => incidents.items(json),
		end(r) {
			const out = [incidents.close()];
			const rest: [string, readonly unknown[]][] = [
				['actionItems', r.rollup],
				['unresolvedLinks', r.unresolved],
				['skipped', r.skipped],
			];
			for (const [key, list] of rest) {
				const a = jsonArray(key, pretty);
				out.push(between + a.open);
				for (let k = 0; k < list.length; k += JSON_CHUNK)
					out.push(a.items(list.slice(k, k + JSON_CHUNK).map((x) => JSON.stringify(x, null, pretty ? 2 : undefined))));
				out.push(a.close());
			}
			out.push(pretty ? '\n}\n' : '}\n');
			return out;
		},
	};
}

/**
 * What the JSON report's closing part reads of an incident (its open action items and unresolved links, and what
 * orders them): all the scan keeps of each note once its JSON is written.
 */
export function reportTail(i: ReportIncident): ReportIncident {
	// Its strings are copied off the note's text (detached): a tail kept for each of 50,000 notes would otherwise keep
	// every note's whole text alive through a title or an action cut from it.
	const items: ActionItem[] = [];
	for (const a of i.actionItems)
		if (!a.done)
			items.push({
				action: detached(a.action),
				owner: detached(a.owner),
				due: detached(a.due),
				priority: detached(a.priority),
				done: a.done,
				tickets: a.tickets.map((t) => detached(t)),
				line: a.line,
			});
	return {
		path: detached(i.path),
		title: detached(i.title),
		date: detached(i.date),
		severity: null,
		durationMinutes: null,
		declaredDurationMinutes: null,
		actionItems: items,
		links: i.links.map((l) => ({
			target: detached(l.target),
			alias: detached(l.alias),
			heading: detached(l.heading),
			embed: l.embed,
			kind: l.kind,
			resolved: detached(l.resolved),
			line: l.line,
		})),
		problems: [],
	};
}

/** Files named per reason in the text report's Skipped list (the JSON lists them all). */
const SKIPPED_NAMED = 10;
