/**
 * What the dashboard and the action-item pane keep in a workspace layout (View.getState / setState), and reading
 * it back: a saved state may be old, partial or hand-edited, so each value is checked and anything else is dropped.
 */
import { columnOf, type SortColumn } from './columns';
import { EMPTY_FILTERS, type DashboardFilters } from './filters';
import type { RollupFilter, RollupGrouping } from './rollup';

export interface DashboardState {
	filters: DashboardFilters;
	sort: { column: SortColumn; descending: boolean };
	/** What the top-services chart measures. */
	serviceMeasure: 'count' | 'minutes';
	/** What the response-time table groups by. */
	breakdownBy: 'severity' | 'service';
	/** The table's scroll position, in pixels. */
	scroll: number;
}

export interface RollupState {
	filter: RollupFilter;
	grouping: RollupGrouping;
	scroll: number;
}

/** The pane's filters and groupings, in the order its controls show them, with their names. */
export const ROLLUP_FILTER_NAMES: readonly [RollupFilter, string][] = [
	['open', 'Open'],
	['overdue', 'Overdue'],
	['mine', 'Mine'],
	['done', 'Done'],
	['all', 'All'],
];
export const ROLLUP_GROUPING_NAMES: readonly [RollupGrouping, string][] = [
	['owner', 'Owner'],
	['priority', 'Priority'],
	['week', 'Due week'],
	['incident', 'Incident'],
];
const ROLLUP_FILTERS: readonly RollupFilter[] = ROLLUP_FILTER_NAMES.map(([f]) => f);
const ROLLUP_GROUPINGS: readonly RollupGrouping[] = ROLLUP_GROUPING_NAMES.map(([g]) => g);

function record(v: unknown): Record<string, unknown> {
	return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function scrollOf(v: unknown): number | undefined {
	return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The valid parts of a saved dashboard state. */
export function readDashboardState(raw: unknown): Partial<DashboardState> {
	const d = record(raw);
	const out: Partial<DashboardState> = {};
	const f = record(d.filters);
	if (Object.keys(f).length > 0) {
		const filters = { ...EMPTY_FILTERS };
		for (const key of Object.keys(EMPTY_FILTERS) as (keyof DashboardFilters)[]) {
			const v = f[key];
			if (typeof v !== 'string' || v.length > 500) continue;
			if ((key === 'from' || key === 'to') && v !== '' && !ISO_DATE.test(v)) continue;
			filters[key] = v;
		}
		out.filters = filters;
	}
	const s = record(d.sort);
	if (typeof s.column === 'string' && columnOf(s.column as SortColumn)?.sort)
		out.sort = { column: s.column as SortColumn, descending: s.descending === true };
	if (d.serviceMeasure === 'count' || d.serviceMeasure === 'minutes') out.serviceMeasure = d.serviceMeasure;
	if (d.breakdownBy === 'severity' || d.breakdownBy === 'service') out.breakdownBy = d.breakdownBy;
	const scroll = scrollOf(d.scroll);
	if (scroll !== undefined) out.scroll = scroll;
	return out;
}

/** The valid parts of a saved action-item pane state. */
export function readRollupState(raw: unknown): Partial<RollupState> {
	const d = record(raw);
	const out: Partial<RollupState> = {};
	if (ROLLUP_FILTERS.includes(d.filter as RollupFilter)) out.filter = d.filter as RollupFilter;
	if (ROLLUP_GROUPINGS.includes(d.grouping as RollupGrouping)) out.grouping = d.grouping as RollupGrouping;
	const scroll = scrollOf(d.scroll);
	if (scroll !== undefined) out.scroll = scroll;
	return out;
}
