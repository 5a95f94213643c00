/**
 * The action-item rollup as data: every item of every incident, filtered (open, done, overdue, mine) and grouped
 * (owner, priority, due week, incident), sorted by due date. Pure.
 */
import { byCode, collate } from '../text/collate';
import { format, startOfISOWeek } from 'date-fns';
import type { ActionItem, IndexedIncident } from '../model';
import { severityRank } from './severity';
import { BUILT_IN_LEXICON, type Lexicon } from '../format/lexicon';

export type RollupFilter = 'open' | 'done' | 'overdue' | 'mine' | 'all';
export type RollupGrouping = 'owner' | 'priority' | 'week' | 'incident';

export interface RollupEntry extends ActionItem {
	/** Owner compared without case or @ (precomputed: filtering runs on every keystroke). */
	ownerKey: string;
	path: string;
	incident: string;
	incidentDate: string | null;
	overdue: boolean;
	/** Stable id for the view: path and line. */
	key: string;
}

export interface RollupGroup {
	key: string;
	label: string;
	items: RollupEntry[];
	overdue: number;
}

export interface RollupModel {
	groups: RollupGroup[];
	counts: { all: number; open: number; done: number; overdue: number; mine: number };
	shown: number;
}

/** The Monday of a due date's week, or null when the date is not a real one (never throws). */
function weekOf(due: string): string | null {
	const day = new Date(`${due}T12:00:00`);
	return Number.isNaN(day.getTime()) ? null : format(startOfISOWeek(day), 'yyyy-MM-dd');
}

/**
 * Flattens the incidents' items once per index revision, sorted by due date (undated last), priority, note and line; the
 * view keeps this, and filtering and grouping keep its order, so no render sorts again.
 */
export function rollupEntries(
	incidents: readonly IndexedIncident[],
	today: string,
	lexicon: Lexicon = BUILT_IN_LEXICON,
): RollupEntry[] {
	const out: RollupEntry[] = [];
	// One string per owner: grouping and "mine" compare and hash the same few strings, not one copy per item.
	const owners = new Map<string, string>();
	const keyOf = (owner: string | null): string => {
		const k = lexicon.personKey(owner);
		const seen = owners.get(k);
		if (seen !== undefined) return seen;
		owners.set(k, k);
		return k;
	};
	for (const i of incidents) {
		const path = i.path ?? '';
		// Literal objects of one shape (not spreads): the filter loop reads them fast.
		for (const a of i.actionItems) {
			out.push({
				action: a.action,
				owner: a.owner,
				due: a.due,
				priority: a.priority,
				done: a.done,
				tickets: a.tickets,
				line: a.line,
				ownerKey: keyOf(a.owner),
				path,
				incident: i.title,
				incidentDate: i.date,
				overdue: !a.done && a.due !== null && a.due < today,
				key: `${path}:${a.line}`,
			});
		}
	}
	// Plain code-unit comparison: ISO dates and paths sort correctly, and it is far cheaper than localeCompare.
	// Within a due date, the more urgent first (P1 before P2, High before Low, none last).
	const rank = new Map<string | null, number>();
	const urgency = (p: string | null): number => {
		let r = rank.get(p);
		if (r === undefined) {
			r = severityRank(p);
			rank.set(p, r);
		}
		return r;
	};
	return out.sort(
		(a, b) =>
			byCode(a.due ?? '9999', b.due ?? '9999') ||
			urgency(a.priority) - urgency(b.priority) ||
			byCode(a.path, b.path) ||
			a.line - b.line,
	);
}

/** Filters and groups entries from rollupEntries (already sorted by due date). */
export function buildRollup(
	entries: readonly RollupEntry[],
	filter: RollupFilter,
	grouping: RollupGrouping,
	me: string,
	lexicon: Lexicon = BUILT_IN_LEXICON,
): RollupModel {
	const counts = { all: entries.length, open: 0, done: 0, overdue: 0, mine: 0 };
	const keep: RollupEntry[] = [];
	const meKey = lexicon.personKey(me);
	for (const e of entries) {
		const mine = !e.done && meKey !== '' && e.ownerKey === meKey;
		if (e.done) counts.done++;
		else counts.open++;
		if (e.overdue) counts.overdue++;
		if (mine) counts.mine++;
		const ok =
			filter === 'all' ||
			(filter === 'open' && !e.done) ||
			(filter === 'done' && e.done) ||
			(filter === 'overdue' && e.overdue) ||
			(filter === 'mine' && mine);
		if (ok) keep.push(e);
	}
	const groups = new Map<string, RollupGroup>();
	for (const e of keep) {
		let key: string;
		let label: string;
		switch (grouping) {
			case 'owner':
				key = e.ownerKey;
				// One person written several ways is one group, under the team's name for them.
				label = lexicon.personName(e.ownerKey) ?? e.owner ?? 'No owner';
				break;
			case 'priority':
				key = e.priority ?? '';
				label = e.priority ?? 'No priority';
				break;
			case 'week': {
				const week = e.due ? weekOf(e.due) : null;
				key = week ?? '9999';
				label = week ? `Week of ${week}` : 'No due date';
				break;
			}
			case 'incident':
				key = e.path;
				label = e.incidentDate ? `${e.incidentDate} ${e.incident}` : e.incident;
				break;
		}
		const g = groups.get(key) ?? { key, label, items: [], overdue: 0 };
		g.items.push(e);
		if (e.overdue) g.overdue++;
		groups.set(key, g);
	}
	// Groups: priorities most urgent first, incidents newest first, owners and weeks in order; "none" last.
	const sorted = [...groups.values()].sort((a, b) => {
		if (a.key === '' || b.key === '') return a.key === b.key ? 0 : a.key === '' ? 1 : -1;
		if (grouping === 'priority') return severityRank(a.key) - severityRank(b.key) || collate(a.key, b.key);
		if (grouping === 'incident')
			return collate(b.items[0].incidentDate ?? '', a.items[0].incidentDate ?? '') || collate(a.label, b.label);
		return collate(a.key, b.key);
	});
	return { groups: sorted, counts, shown: keep.length };
}
