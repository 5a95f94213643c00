/**
 * The vault-wide incident index: one Incident per note, updated one note at a time, with a revision counter so
 * views re-render only when something changed. Pure: the plugin feeds it from vault and metadata-cache events.
 */
import type { IndexedIncident, IndexedLink, IndexedProblem } from '../model';
import { byCode } from '../text/collate';
import { detached } from '../text/chars';

const problemKinds = new Map<string, IndexedProblem>();
function sharedProblem(level: IndexedProblem['level'], code: IndexedProblem['code']): IndexedProblem {
	const key = `${level}:${code}`;
	let p = problemKinds.get(key);
	if (!p) {
		p = Object.freeze({ level, code });
		problemKinds.set(key, p);
	}
	return p;
}

/** One shared empty list instead of thousands of empty arrays. */
const NONE: string[] = Object.freeze([]) as unknown as string[];

/** For strings that pin nothing already (JSON.parse makes each one whole): copying them only costs time and memory. */
function kept(s: string): string;
function kept(s: string | null): string | null;
function kept(s: string | null): string | null {
	return s;
}

/** How much of the summary, root cause and lessons learned the index keeps: what the dashboard's text filter searches. */
export const SEARCHED_CHARS = 300;

/**
 * What the index keeps of an incident: everything the dashboard and the action-item pane read, without the
 * timeline rows, the raw frontmatter or the longer section texts (those are read from the note when needed).
 * `whole`: its strings are not cut from a note's text (the index cache's, from JSON.parse), so they are kept as
 * they are instead of copied.
 */
export function compactIncident(i: IndexedIncident, whole = false): IndexedIncident {
	const own = whole ? kept : detached;
	if (COMPACT.has(i)) return i;
	const c: IndexedIncident = {
		path: own(i.path),
		title: own(i.title),
		date: i.date,
		severity: own(i.severity),
		status: own(i.status),
		services: i.services.map((x) => own(x)),
		id: own(i.id),
		author: own(i.author),
		tags: i.tags.length === 0 ? NONE : i.tags.map((x) => own(x)),
		impact: {
			usersAffected: i.impact.usersAffected,
			percentAffected: i.impact.percentAffected,
			errorRatePercent: i.impact.errorRatePercent,
		},
		// The start of each text, for the dashboard's search; the full text is in the note.
		summary: i.summary === null ? null : own(i.summary.slice(0, SEARCHED_CHARS)),
		rootCause: i.rootCause === null ? null : own(i.rootCause.slice(0, SEARCHED_CHARS)),
		lessonsLearned: i.lessonsLearned === null ? null : own(i.lessonsLearned.slice(0, SEARCHED_CHARS)),
		durationMinutes: i.durationMinutes,
		declaredDurationMinutes: i.declaredDurationMinutes,
		// Views read the metrics (minutes), not the milestone times.
		metrics: {
			ttdMinutes: i.metrics.ttdMinutes,
			ttaMinutes: i.metrics.ttaMinutes,
			ttmMinutes: i.metrics.ttmMinutes,
			ttrMinutes: i.metrics.ttrMinutes,
		},
		// Literal objects of one shape throughout: spreads make larger, slower dictionary-mode objects.
		actionItems: i.actionItems.map((a) => ({
			action: own(a.action),
			owner: own(a.owner),
			due: a.due,
			priority: own(a.priority),
			done: a.done,
			tickets: a.tickets.length === 0 ? NONE : a.tickets.map((t) => own(t)),
			line: a.line,
		})),
		// Links to other notes, unresolved ones too: a note created later may be where one points (see relink).
		links: i.links
			.filter((l) => l.target !== '')
			.map((l) => ({
				target: own(l.target),
				embed: l.embed,
				kind: l.kind,
				resolved: own(l.resolved),
				line: l.line,
			})),
		// The dashboard counts problems by level and code; the note itself explains them. One shared object per kind.
		problems: i.problems.map((p) => sharedProblem(p.level, p.code)),
	};
	COMPACT.add(c);
	return c;
}

/** Incidents compacted already: a full scan compacts each note as it is parsed, so the parses never pile up. */
const COMPACT = new WeakSet<IndexedIncident>();

/** Where links resolve: a target and the note it is written in → a vault path, or null when missing. */
export type LinkResolver = (target: string, sourcePath: string) => string | null;

/**
 * The name a link target is found by (its last path segment, lower case, without ".md"): a file created, deleted or
 * renamed can only change where links of its own name resolve. Same rule for a file's path and for a link target.
 */
export function linkName(targetOrPath: string): string {
	const last = targetOrPath
		.slice(targetOrPath.lastIndexOf('/') + 1)
		.trim()
		.toLowerCase();
	return last.endsWith('.md') ? last.slice(0, -3) : last;
}

/**
 * The incident with its links resolved again (the same object when none resolves differently). Only `resolved`
 * changes: the index's readers (related incidents) read nothing else of a link. `names`, when given, limits the
 * work to links of those names (see linkName).
 */
export function relinkIncident(
	i: IndexedIncident,
	resolve: LinkResolver,
	names?: ReadonlySet<string>,
): IndexedIncident {
	if (i.path === null || i.links.length === 0) return i;
	let links: IndexedLink[] | null = null;
	for (let k = 0; k < i.links.length; k++) {
		const l = i.links[k];
		if (l.target === '' || (names !== undefined && !names.has(linkName(l.target)))) continue;
		const resolved = resolve(l.target, i.path);
		if (resolved === l.resolved) continue;
		links ??= i.links.slice();
		// A resolver returns a file's path, never a piece of a note's text: nothing to copy.
		links[k] = {
			target: l.target,
			embed: l.embed,
			kind: l.kind,
			resolved,
			line: l.line,
		};
	}
	if (links === null) return i;
	const c: IndexedIncident = {
		path: i.path,
		title: i.title,
		date: i.date,
		severity: i.severity,
		status: i.status,
		services: i.services,
		id: i.id,
		author: i.author,
		tags: i.tags,
		impact: i.impact,
		summary: i.summary,
		rootCause: i.rootCause,
		lessonsLearned: i.lessonsLearned,
		durationMinutes: i.durationMinutes,
		declaredDurationMinutes: i.declaredDurationMinutes,
		metrics: i.metrics,
		actionItems: i.actionItems,
		links,
		problems: i.problems,
	};
	if (COMPACT.has(i)) COMPACT.add(c);
	return c;
}

/** Lists from IncidentIndex.all(), known to be in path order without a look (a view keeps its list unchanged). */
const IN_PATH_ORDER = new WeakSet<readonly IndexedIncident[]>();

/** Whether a list came from IncidentIndex.all(), so is in path order (by code unit). */
export function fromIndexInPathOrder(list: readonly IndexedIncident[]): boolean {
	return IN_PATH_ORDER.has(list);
}

export class IncidentIndex {
	private readonly byPath = new Map<string, IndexedIncident>();
	/** The paths in code-unit order, or null until asked for again after replaceAll. */
	private sorted: string[] | null = null;
	private revisionCounter = 0;
	private listeners = new Set<(revision: number) => void>();

	/** Moves on every change; a view compares it with the revision it last drew. */
	get revision(): number {
		return this.revisionCounter;
	}

	get size(): number {
		return this.byPath.size;
	}

	get(path: string): IndexedIncident | undefined {
		return this.byPath.get(path);
	}

	has(path: string): boolean {
		return this.byPath.has(path);
	}

	/**
	 * Every incident, in path order (by code unit): the order the dashboard starts from, so it need not sort 10,000
	 * paths after each change. The order is kept as paths come and go (a changed note keeps its place).
	 */
	all(): IndexedIncident[] {
		const paths = this.inOrder();
		const out: IndexedIncident[] = new Array<IndexedIncident>(paths.length);
		for (let k = 0; k < paths.length; k++) out[k] = this.byPath.get(paths[k]) as IndexedIncident;
		IN_PATH_ORDER.add(out);
		return out;
	}

	/** The paths in order, sorted again only after a change of many at once (replaceAll). */
	private inOrder(): string[] {
		if (this.sorted === null) this.sorted = [...this.byPath.keys()].sort(byCode);
		return this.sorted;
	}

	/** A new path into its place in the order (when it is kept). */
	private placePath(path: string): void {
		if (this.sorted === null) return;
		const at = this.positionOf(path);
		if (this.sorted[at] !== path) this.sorted.splice(at, 0, path);
	}

	private unplacePath(path: string): void {
		if (this.sorted === null) return;
		const at = this.positionOf(path);
		if (this.sorted[at] === path) this.sorted.splice(at, 1);
	}

	/** Where a path is or would go in the order (binary search). */
	private positionOf(path: string): number {
		const paths = this.sorted as string[];
		let lo = 0;
		let hi = paths.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (byCode(paths[mid], path) < 0) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** Every path, in the order of all(). */
	paths(): string[] {
		return [...this.inOrder()];
	}

	/** Adds or replaces one note's incident (kept compact: see compactIncident). */
	set(path: string, incident: IndexedIncident): void {
		if (!this.byPath.has(path)) this.placePath(path);
		this.byPath.set(path, compactIncident(incident.path === path ? incident : { ...incident, path }));
		this.bump();
	}

	/** Removes a note (deleted, or no longer an incident). Returns whether it was there. */
	delete(path: string): boolean {
		const had = this.byPath.delete(path);
		if (had) {
			this.unplacePath(path);
			this.bump();
		}
		return had;
	}

	/** A renamed note keeps its incident under the new path until it is re-parsed. */
	rename(oldPath: string, newPath: string): void {
		const inc = this.byPath.get(oldPath);
		if (!inc) return;
		this.byPath.delete(oldPath);
		this.unplacePath(oldPath);
		if (!this.byPath.has(newPath)) this.placePath(newPath);
		this.byPath.set(newPath, { ...inc, path: newPath });
		this.bump();
	}

	/** Replaces everything at once (the first full scan): one revision, one notification. */
	replaceAll(entries: Iterable<[string, IndexedIncident]>): void {
		this.byPath.clear();
		this.sorted = null;
		for (const [p, i] of entries) this.byPath.set(p, compactIncident(i.path === p ? i : { ...i, path: p }));
		this.bump();
	}

	/**
	 * Resolves every indexed note's links again (only those named in `names` when given): notes created, deleted or
	 * renamed change where links point without changing the notes that hold them. One revision when anything moved.
	 */
	relink(resolve: LinkResolver, names?: ReadonlySet<string>): boolean {
		let changed = false;
		for (const [p, i] of this.byPath) {
			const r = relinkIncident(i, resolve, names);
			if (r === i) continue;
			this.byPath.set(p, r);
			changed = true;
		}
		if (changed) this.bump();
		return changed;
	}

	/** A new revision without a change of incidents: something the views show about the index moved (unreadable notes). */
	touch(): void {
		this.bump();
	}

	onChange(listener: (revision: number) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private bump(): void {
		this.revisionCounter++;
		for (const l of this.listeners) l(this.revisionCounter);
	}
}
