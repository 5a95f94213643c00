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
	/** The CSS grid track of the view's column. */
	width: string;
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
	/** Shown in the view's table; false for export-only columns. */
	inView: boolean;
}

const dash = (s: string | null): string => s ?? '—';

export const DASHBOARD_COLUMNS = [
	{
		key: 'date',
		label: 'Date',
		exportLabel: 'Date',
		width: '6.5rem',
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
		width: 'minmax(10rem, 3fr)',
		text: (r) => r.title,
		value: (r) => r.title,
		sort: (r) => r.title,
		inView: true,
	},
	{
		key: 'severity',
		label: 'Severity',
		exportLabel: 'Severity',
		width: '5rem',
		text: (r) => dash(r.severity),
		value: (r) => r.severity ?? '',
		sort: (r) => r.severityRank,
		inView: true,
	},
	{
		key: 'status',
		label: 'Status',
		exportLabel: 'Status',
		width: '6rem',
		text: (r) => dash(r.status),
		value: (r) => r.status ?? '',
		sort: (r) => r.status ?? '',
		inView: true,
	},
	{
		key: 'services',
		label: 'Services',
		exportLabel: 'Services',
		width: 'minmax(6rem, 2fr)',
		text: (r) => r.services.join(', '),
		value: (r) => r.services.join(', '),
		sort: (r) => r.services.join(', '),
		inView: true,
	},
	{
		key: 'duration',
		label: 'Duration',
		exportLabel: 'Duration (min)',
		width: '5.5rem',
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
		width: '4.5rem',
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
		width: '4.5rem',
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
		width: '4rem',
		text: (r) => (r.related.length === 0 ? '' : String(r.related.length)),
		value: (r) => String(r.related.length),
		inView: true,
	},
	// Columns for query blocks (and a column chooser): not in the view's table or the exports by default.
	{
		key: 'ttd',
		label: 'TTD',
		exportLabel: null,
		width: '4.5rem',
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
		width: '4.5rem',
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
		width: '5rem',
		text: (r) => (r.actions === 0 ? '' : `${r.openActions}/${r.actions}`),
		value: (r) => `${r.openActions}/${r.actions}`,
		sort: (r) => r.actions,
		descendingFirst: true,
		inView: false,
	},
	{
		key: 'tags',
		label: 'Tags',
		exportLabel: null,
		width: '8rem',
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
		width: '',
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

/** The columns the view shows, in order. */
export const VIEW_COLUMNS: readonly DashboardColumn[] = DASHBOARD_COLUMNS.filter((c) => c.inView);
/** The columns the exports write, in order. */
export const EXPORT_COLUMNS: readonly DashboardColumn[] = DASHBOARD_COLUMNS.filter((c) => c.exportLabel !== null);

/** The columns of the Markdown export. */
export const MARKDOWN_COLUMNS: readonly DashboardColumn[] = EXPORT_COLUMNS.filter((c) => c.inMarkdown !== false);

/** The view table's grid tracks, one per shown column (the CSS reads them from a custom property). */
export function gridTemplate(): string {
	return VIEW_COLUMNS.map((c) => c.width).join(' ');
}
