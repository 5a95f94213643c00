/**
 * The dashboard's columns, in order: one entry drives the table's header and cells, its sort, its width, and the CSV
 * and Markdown exports. A new column is one entry here (and, when it needs a new figure, a field of DashboardRow).
 */
import { formatMinutes } from './report';
import type { DashboardRow } from './dashboard';

export interface DashboardColumn {
	key: string;
	/** The header in the view. */
	label: string;
	/** The header in CSV and Markdown exports; null when the column is not exported. */
	exportLabel: string | null;
	/** The header in the Markdown export, when it differs. */
	markdownLabel?: string;
	/** False for a column the Markdown export leaves out. */
	inMarkdown?: boolean;
	/** The view's column width in `ch`: fitted to the longest cell between min and max; `grow` shares spare room. */
	width: ColumnWidth;
	/** The cell's text in the view. */
	text: (r: DashboardRow) => string;
	/** The cell's value in the exports (plain: the writers escape it). */
	value: (r: DashboardRow) => string;
	/** What a row sorts by (null: no value, sorted last); absent when the column does not sort. */
	sort?: (r: DashboardRow) => number | string | null;
	/** Sort strings by code unit rather than by the collator (ISO dates). */
	byCodeUnit?: boolean;
	/** The first click sorts descending (latest, longest, most first). */
	descendingFirst?: boolean;
	/** Shown in the view's table until the user chooses columns (the column chooser offers them all). */
	inView: boolean;
}

export interface ColumnWidth {
	min: number;
	max: number;
	/** A share of the spare width (a flexible track); absent for a column of fixed width. */
	grow?: number;
}

const dash = (s: string | null): string => s ?? '—';

export const DASHBOARD_COLUMNS = [
	{
		key: 'date',
		label: 'Date',
		exportLabel: 'Date',
		width: { min: 10, max: 10 },
		text: (r) => dash(r.date),
		value: (r) => r.date ?? '',
		sort: (r) => r.date,
		byCodeUnit: true,
		descendingFirst: true,
		inView: true,
	},
	{
		key: 'title',
		label: 'Incident',
		exportLabel: 'Title',
		// The Markdown export writes the title as a link to the note.
		markdownLabel: 'Incident',
		width: { min: 12, max: 32, grow: 3 },
		text: (r) => r.title,
		value: (r) => r.title,
		sort: (r) => r.title,
		inView: true,
	},
	{
		key: 'severity',
		label: 'Severity',
		exportLabel: 'Severity',
		width: { min: 4, max: 10 },
		text: (r) => dash(r.severity),
		value: (r) => r.severity ?? '',
		sort: (r) => r.severityRank,
		inView: true,
	},
	{
		key: 'status',
		label: 'Status',
		exportLabel: 'Status',
		width: { min: 6, max: 16 },
		text: (r) => dash(r.status),
		value: (r) => r.status ?? '',
		sort: (r) => r.status ?? '',
		inView: true,
	},
	{
		key: 'services',
		label: 'Services',
		exportLabel: 'Services',
		width: { min: 8, max: 24, grow: 2 },
		text: (r) => r.services.join(', '),
		value: (r) => r.services.join(', '),
		sort: (r) => r.services.join(', '),
		inView: true,
	},
	{
		key: 'duration',
		label: 'Duration',
		exportLabel: 'Duration (min)',
		width: { min: 5, max: 10 },
		text: (r) => formatMinutes(r.duration),
		value: (r) => (r.duration === null ? '' : String(r.duration)),
		sort: (r) => r.duration,
		descendingFirst: true,
		inView: true,
	},
	{
		key: 'openActions',
		label: 'Open actions',
		exportLabel: 'Open action items',
		width: { min: 4, max: 6 },
		text: (r) => String(r.openActions),
		value: (r) => String(r.openActions),
		sort: (r) => r.openActions,
		descendingFirst: true,
		inView: true,
	},
	{
		key: 'problems',
		label: 'Problems',
		exportLabel: 'Problems',
		width: { min: 4, max: 10 },
		text: (r) => (r.problems === 0 ? '' : String(r.problems)),
		value: (r) => String(r.problems),
		// Errors first, then all problems: one number orders both (no note has a billion problems).
		sort: (r) => r.errors * 1e9 + r.problems,
		descendingFirst: true,
		inView: true,
	},
	{
		key: 'related',
		label: 'Related',
		exportLabel: null,
		width: { min: 4, max: 7 },
		text: (r) => (r.related.length === 0 ? '' : String(r.related.length)),
		value: (r) => String(r.related.length),
		inView: true,
	},
	// Columns for query blocks (and a column chooser): not in the view's table or the exports by default.
	{
		key: 'ttd',
		label: 'TTD',
		exportLabel: null,
		width: { min: 4, max: 10 },
		text: (r) => formatMinutes(r.ttd),
		value: (r) => (r.ttd === null ? '' : String(r.ttd)),
		sort: (r) => r.ttd,
		descendingFirst: true,
		inView: false,
	},
	{
		key: 'ttr',
		label: 'TTR',
		exportLabel: null,
		width: { min: 4, max: 10 },
		text: (r) => formatMinutes(r.ttr),
		value: (r) => (r.ttr === null ? '' : String(r.ttr)),
		sort: (r) => r.ttr,
		descendingFirst: true,
		inView: false,
	},
	{
		key: 'actions',
		label: 'Actions open/all',
		exportLabel: null,
		width: { min: 5, max: 9 },
		text: (r) => (r.actions === 0 ? '' : `${r.openActions}/${r.actions}`),
		value: (r) => `${r.openActions}/${r.actions}`,
		sort: (r) => r.actions,
		descendingFirst: true,
		inView: false,
	},
	{
		key: 'owners',
		label: 'Owners',
		exportLabel: null,
		width: { min: 4, max: 7 },
		text: (r) => (r.owners === 0 ? '' : String(r.owners)),
		value: (r) => String(r.owners),
		sort: (r) => r.owners,
		descendingFirst: true,
		inView: false,
	},
	{
		key: 'tags',
		label: 'Tags',
		exportLabel: null,
		width: { min: 6, max: 24, grow: 1 },
		text: (r) => r.tags.join(', '),
		value: (r) => r.tags.join(', '),
		sort: (r) => r.tags.join(', '),
		inView: false,
	},
	{
		key: 'path',
		label: 'Path',
		exportLabel: 'Path',
		// In Markdown the title links to the note.
		inMarkdown: false,
		width: { min: 10, max: 40, grow: 2 },
		text: (r) => r.path,
		value: (r) => r.path,
		inView: false,
	},
] as const satisfies readonly DashboardColumn[];

export type ColumnKey = (typeof DASHBOARD_COLUMNS)[number]['key'];
/** A column the table sorts by. */
export type SortColumn = Extract<(typeof DASHBOARD_COLUMNS)[number], { sort: unknown }>['key'];

const byKey = new Map<string, DashboardColumn>(DASHBOARD_COLUMNS.map((c) => [c.key, c]));

export function columnOf(key: ColumnKey): DashboardColumn {
	return byKey.get(key) as DashboardColumn;
}

/** The columns the view shows until the user chooses others, in order. */
export const VIEW_COLUMNS: readonly DashboardColumn[] = DASHBOARD_COLUMNS.filter((c) => c.inView);
/** The columns the exports write, in order. */
export const EXPORT_COLUMNS: readonly DashboardColumn[] = DASHBOARD_COLUMNS.filter((c) => c.exportLabel !== null);

/** The columns of the Markdown export. */
export const MARKDOWN_COLUMNS: readonly DashboardColumn[] = EXPORT_COLUMNS.filter((c) => c.inMarkdown !== false);

/** The column every table keeps: the incident, which opens the note. */
export const TITLE_COLUMN: ColumnKey = 'title';

/**
 * The table's columns for the keys a user chose (saved settings: unknown keys are dropped), in the registry's
 * order, always with the title; none chosen, the default ones.
 */
export function tableColumns(keys: readonly string[] | null | undefined): DashboardColumn[] {
	if (!keys || keys.length === 0) return [...VIEW_COLUMNS];
	const chosen = new Set(keys);
	chosen.add(TITLE_COLUMN);
	return DASHBOARD_COLUMNS.filter((c) => chosen.has(c.key));
}

/** What is wrong with a comma-separated list of column keys (the settings' text form); '' when nothing. */
export function columnKeyMistakes(text: string): string {
	const unknown = text
		.split(',')
		.map((k) => k.trim())
		.filter((k) => k !== '' && !byKey.has(k));
	return unknown.length === 0
		? ''
		: `Not ${unknown.length === 1 ? 'a column' : 'columns'}: ${unknown.join(', ')} (one of ${DASHBOARD_COLUMNS.map((c) => c.key).join(', ')})`;
}

/** The chosen keys with one column shown or hidden (the title stays), in the registry's order. */
export function toggleColumn(keys: readonly string[] | null | undefined, key: ColumnKey): ColumnKey[] {
	const shown = new Set<string>(tableColumns(keys).map((c) => c.key));
	if (key !== TITLE_COLUMN) {
		if (shown.has(key)) shown.delete(key);
		else shown.add(key);
	}
	return DASHBOARD_COLUMNS.filter((c) => shown.has(c.key)).map((c) => c.key);
}

/** The longest word of a header: headers wrap between words, so that is what the column must fit. */
function headerChars(c: DashboardColumn): number {
	// The sort arrow (" ↓") follows the label of a sortable column.
	return c.label.split(' ').reduce((n, w) => Math.max(n, w.length), 0) + (c.sort ? 2 : 0);
}

/**
 * The grid tracks for the columns, each fitted to its longest cell (of these rows) and its header between the
 * column's min and max, in `ch`; and the width below which the table scrolls sideways instead of squeezing.
 * `gapCss` is the CSS length between columns (also the row's side padding).
 */
export function fitColumns(
	columns: readonly DashboardColumn[],
	rows: readonly DashboardRow[],
	gapCss: string,
): { template: string; minWidth: string } {
	let total = 0;
	const tracks = columns.map((c) => {
		let chars = headerChars(c);
		for (const r of rows) {
			if (chars >= c.width.max) break;
			const n = c.text(r).length;
			if (n > chars) chars = n;
		}
		// One more for the proportional font's wider letters.
		const ch = Math.min(c.width.max, Math.max(c.width.min, chars + 1));
		total += ch;
		return c.width.grow ? `minmax(${ch}ch, ${c.width.grow}fr)` : `${ch}ch`;
	});
	return {
		template: tracks.join(' '),
		minWidth: `calc(${total}ch + ${columns.length + 1} * ${gapCss})`,
	};
}
