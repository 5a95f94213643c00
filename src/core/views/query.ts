/**
 * The query of an `incident-rca` code block (a live incident table in any note) and of an `action-items` block:
 * one `key: value` per line, read with a message per mistake, and run against the index. Pure.
 *
 *     service: ledger            severity: SEV1, SEV2       status: resolved
 *     since: 2025-01-01 | 90d    until: 2025-06-30          tag: database
 *     columns: date, title, severity, ttr                    sort: ttr desc          limit: 10
 */
import { columnOf, DASHBOARD_COLUMNS, type ColumnKey, type SortColumn } from './columns';
import {
	buildDashboard,
	NO_RELATED_INCIDENTS,
	relatedIncidents,
	type DashboardOptions,
	type DashboardRow,
} from './dashboard';
import { EMPTY_FILTERS } from './filters';
import { buildRollup, rollupEntries, type RollupEntry, type RollupFilter } from './rollup';
import { severityKey } from './severity';
import { BUILT_IN_LEXICON, type Lexicon } from '../format/lexicon';
import type { IndexedIncident } from '../model';

export interface IncidentQuery {
	service: string | null;
	severities: string[];
	/** A status kind's name ("Resolved") or a status as written. */
	status: string | null;
	since: string | null;
	until: string | null;
	tag: string | null;
	columns: ColumnKey[];
	sort: { column: SortColumn; descending: boolean };
	limit: number | null;
}

export interface ActionQuery {
	/** An owner's name, or "me" for the settings' name. */
	owner: string | null;
	show: RollupFilter;
	/** Words of the incident's title or path. */
	incident: string | null;
	limit: number | null;
}

const DEFAULT_COLUMNS: ColumnKey[] = ['date', 'title', 'severity', 'status', 'duration'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAYS_AGO = /^(\d{1,5})d$/;

/** `key: value` lines (blank lines and `#` comments skipped), with the key lower-cased; a line without one is a mistake. */
function entries(source: string, errors: string[]): [string, string, number][] {
	const out: [string, string, number][] = [];
	source.split('\n').forEach((raw, k) => {
		const line = raw.trim();
		if (line === '' || line.startsWith('#')) return;
		const colon = line.indexOf(':');
		if (colon < 1) {
			errors.push(`Line ${k + 1}: write it as "key: value"`);
			return;
		}
		out.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim(), k + 1]);
	});
	return out;
}

const list = (v: string): string[] =>
	v
		.split(',')
		.map((x) => x.trim())
		.filter((x) => x !== '');

/** A date bound: an ISO date, or "90d" for that many days before today. */
function dateOf(v: string, today: string): string | null {
	if (ISO_DATE.test(v)) return v;
	const m = DAYS_AGO.exec(v);
	if (!m) return null;
	return new Date(Date.parse(`${today}T12:00:00Z`) - Number(m[1]) * 86_400_000).toISOString().slice(0, 10);
}

function limitOf(v: string, line: number, errors: string[]): number | null {
	if (/^\d{1,6}$/.test(v) && Number(v) > 0) return Number(v);
	errors.push(`Line ${line}: limit wants a whole number above 0, got "${v}"`);
	return null;
}

const COLUMN_KEYS: readonly string[] = DASHBOARD_COLUMNS.map((c) => c.key).filter((k) => k !== 'path');

/** An `incident-rca` block's query; `today` (YYYY-MM-DD) anchors "90d". */
export function parseIncidentQuery(source: string, today: string): { query: IncidentQuery; errors: string[] } {
	const errors: string[] = [];
	const query: IncidentQuery = {
		service: null,
		severities: [],
		status: null,
		since: null,
		until: null,
		tag: null,
		columns: DEFAULT_COLUMNS,
		sort: { column: 'date', descending: true },
		limit: null,
	};
	for (const [key, value, line] of entries(source, errors)) {
		switch (key) {
			case 'service':
				query.service = value;
				break;
			case 'severity':
				query.severities = list(value);
				break;
			case 'status':
				query.status = value;
				break;
			case 'since':
			case 'until': {
				const d = dateOf(value, today);
				if (d === null) errors.push(`Line ${line}: ${key} wants a date (2025-01-31) or days ago (90d), got "${value}"`);
				else query[key] = d;
				break;
			}
			case 'tag':
				query.tag = value.replace(/^#/, '').toLowerCase();
				break;
			case 'columns': {
				const cols = list(value);
				const unknown = cols.filter((c) => !COLUMN_KEYS.includes(c));
				if (unknown.length > 0)
					errors.push(`Line ${line}: no column ${unknown.map((c) => `"${c}"`).join(', ')} (${COLUMN_KEYS.join(', ')})`);
				const known = cols.filter((c): c is ColumnKey => COLUMN_KEYS.includes(c));
				if (known.length > 0) query.columns = known;
				break;
			}
			case 'sort': {
				const [column, order] = value.split(/\s+/);
				const c = COLUMN_KEYS.includes(column) ? columnOf(column as ColumnKey) : null;
				if (!c?.sort || (order !== undefined && order !== 'asc' && order !== 'desc'))
					errors.push(`Line ${line}: sort wants a column and asc or desc ("ttr desc"), got "${value}"`);
				else
					query.sort = {
						column: column as SortColumn,
						descending: order === undefined ? c.descendingFirst === true : order === 'desc',
					};
				break;
			}
			case 'limit':
				query.limit = limitOf(value, line, errors) ?? query.limit;
				break;
			default:
				errors.push(
					`Line ${line}: "${key}" is not a query key (service, severity, status, since, until, tag, columns, sort, limit)`,
				);
		}
	}
	return { query, errors };
}

/** No related incidents: what a block that does not show them passes. */

/** The incidents a query selects, as dashboard rows in its order, and how many matched before the limit. */
export function runIncidentQuery(
	incidents: readonly IndexedIncident[],
	query: IncidentQuery,
	options: DashboardOptions,
): { rows: DashboardRow[]; matched: number } {
	const status = query.status ?? '';
	// Related incidents cost a pass over the whole index: worked out only for a block that shows them.
	const model = buildDashboard(
		incidents,
		{ ...EMPTY_FILTERS, service: query.service ?? '', from: query.since ?? '', to: query.until ?? '' },
		query.sort,
		options,
		query.columns.includes('related') ? relatedIncidents(incidents, options.relatedWindowDays) : NO_RELATED_INCIDENTS,
	);
	const wanted = new Set(query.severities.map(severityKey));
	const lexicon = options.words?.lexicon ?? BUILT_IN_LEXICON;
	// "status: resolved" takes every status of that kind (résolu, fixed…); a status no word names, as written.
	const statusKind = status === '' ? null : lexicon.statusKind(status);
	const rows = model.rows.filter(
		(r) =>
			(wanted.size === 0 || (r.severity !== null && wanted.has(severityKey(r.severity)))) &&
			(status === '' ||
				(statusKind !== null
					? lexicon.statusKind(r.status) === statusKind
					: r.status?.toLowerCase() === status.toLowerCase())) &&
			(query.tag === null ||
				r.tags.some((t) => t.toLowerCase() === query.tag || t.toLowerCase().startsWith(`${query.tag}/`))),
	);
	return { rows: query.limit === null ? rows : rows.slice(0, query.limit), matched: rows.length };
}

/** An `action-items` block's query. */
export function parseActionQuery(source: string): { query: ActionQuery; errors: string[] } {
	const errors: string[] = [];
	const query: ActionQuery = { owner: null, show: 'open', incident: null, limit: null };
	const shows: RollupFilter[] = ['open', 'overdue', 'done', 'all', 'mine'];
	for (const [key, value, line] of entries(source, errors)) {
		if (key === 'owner') query.owner = value;
		else if (key === 'show') {
			if (shows.includes(value as RollupFilter)) query.show = value as RollupFilter;
			else errors.push(`Line ${line}: show wants one of ${shows.join(', ')}, got "${value}"`);
		} else if (key === 'incident') query.incident = value.toLowerCase();
		else if (key === 'limit') query.limit = limitOf(value, line, errors) ?? query.limit;
		else errors.push(`Line ${line}: "${key}" is not a query key (owner, show, incident, limit)`);
	}
	return { query, errors };
}

/** The action items a query selects, sorted by due date; `me` is the settings' name (for "owner: me" and "mine"). */
export function runActionQuery(
	incidents: readonly IndexedIncident[],
	query: ActionQuery,
	today: string,
	me: string,
	lexicon: Lexicon = BUILT_IN_LEXICON,
): { items: RollupEntry[]; matched: number } {
	const owner = query.owner === null ? null : lexicon.personKey(query.owner.toLowerCase() === 'me' ? me : query.owner);
	const model = buildRollup(rollupEntries(incidents, today, lexicon), query.show, 'week', me, lexicon);
	const items = model.groups
		.flatMap((g) => g.items)
		.filter(
			(e) =>
				(owner === null || e.ownerKey === owner) &&
				(query.incident === null ||
					e.incident.toLowerCase().includes(query.incident) ||
					e.path.toLowerCase().includes(query.incident)),
		);
	return { items: query.limit === null ? items : items.slice(0, query.limit), matched: items.length };
}
