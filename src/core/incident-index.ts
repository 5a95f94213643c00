/**
 * The vault-wide incident index: one Incident per note, updated one note at a time, with a revision counter so
 * views re-render only when something changed. Pure: the plugin feeds it from vault and metadata-cache events.
 */
import type { Incident, Milestones, Problem } from './model';

/**
 * A string that no longer pins the note it was cut from: JS engines keep substrings as views into their parent,
 * so a 40-character action text could hold a 5 KB note in memory. Concatenating and slicing makes a flat copy.
 */
const NO_MILESTONES: Milestones = Object.freeze({ started: null, detected: null, acknowledged: null, identified: null, mitigated: null, resolved: null });
const problemKinds = new Map<string, Problem>();
function sharedProblem(level: Problem['level'], code: Problem['code']): Problem {
	const key = `${level}:${code}`;
	let p = problemKinds.get(key);
	if (!p) {
		p = Object.freeze({ level, code, message: '', line: null });
		problemKinds.set(key, p);
	}
	return p;
}

/** One shared empty list instead of thousands of empty arrays. */
const NONE: string[] = Object.freeze([]) as unknown as string[];

function own(s: string): string;
function own(s: string | null): string | null;
function own(s: string | null): string | null {
	return s === null || s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * What the index keeps of an incident: everything the dashboard and the action-item pane read, without the
 * timeline rows, the raw frontmatter or the longer section texts (those are read from the note when needed).
 */
export function compactIncident(i: Incident): Incident {
	if (COMPACT.has(i)) return i;
	const c: Incident = {
		path: own(i.path),
		title: own(i.title),
		date: i.date,
		severity: own(i.severity),
		status: own(i.status),
		services: i.services.map((x) => own(x)),
		id: own(i.id),
		author: own(i.author),
		tags: i.tags.length === 0 ? NONE : i.tags.map((x) => own(x)),
		impact: { usersAffected: i.impact.usersAffected, percentAffected: i.impact.percentAffected, errorRatePercent: i.impact.errorRatePercent },
		// Enough of the text for the dashboard's search; the full text is in the note.
		summary: i.summary === null ? null : own(i.summary.slice(0, 300)),
		rootCause: i.rootCause === null ? null : own(i.rootCause.slice(0, 300)),
		resolution: null,
		lessonsLearned: null,
		timeline: [],
		durationMinutes: i.durationMinutes,
		declaredDurationMinutes: i.declaredDurationMinutes,
		// Views read the metrics (minutes), not the milestone times.
		milestones: NO_MILESTONES,
		metrics: { ttdMinutes: i.metrics.ttdMinutes, ttaMinutes: i.metrics.ttaMinutes, ttmMinutes: i.metrics.ttmMinutes, ttrMinutes: i.metrics.ttrMinutes },
		// Literal objects of one shape throughout: spreads make larger, slower dictionary-mode objects.
		actionItems: i.actionItems.map((a) => ({ action: own(a.action), owner: own(a.owner), due: a.due, priority: own(a.priority), done: a.done, tickets: a.tickets.length === 0 ? NONE : a.tickets.map((t) => own(t)), line: a.line })),
		links: i.links.filter((l) => l.resolved !== null).map((l) => ({ target: own(l.target), alias: null, heading: null, embed: l.embed, kind: l.kind, resolved: own(l.resolved), line: l.line })),
		// The dashboard counts problems by level and code; the note itself explains them. One shared object per kind.
		problems: i.problems.map((p) => sharedProblem(p.level, p.code)),
		frontmatter: {},
	};
	COMPACT.add(c);
	return c;
}

/** Incidents compacted already: a full scan compacts each note as it is parsed, so the parses never pile up. */
const COMPACT = new WeakSet<Incident>();

export class IncidentIndex {
	private readonly byPath = new Map<string, Incident>();
	private revisionCounter = 0;
	private listeners = new Set<(revision: number) => void>();

	/** Moves on every change; a view compares it with the revision it last drew. */
	get revision(): number {
		return this.revisionCounter;
	}

	get size(): number {
		return this.byPath.size;
	}

	get(path: string): Incident | undefined {
		return this.byPath.get(path);
	}

	has(path: string): boolean {
		return this.byPath.has(path);
	}

	/** Every incident, in no particular order (views sort). */
	all(): Incident[] {
		return [...this.byPath.values()];
	}

	paths(): string[] {
		return [...this.byPath.keys()];
	}

	/** Adds or replaces one note's incident (kept compact: see compactIncident). */
	set(path: string, incident: Incident): void {
		this.byPath.set(path, compactIncident(incident.path === path ? incident : { ...incident, path }));
		this.bump();
	}

	/** Removes a note (deleted, or no longer an incident). Returns whether it was there. */
	delete(path: string): boolean {
		const had = this.byPath.delete(path);
		if (had) this.bump();
		return had;
	}

	/** A renamed note keeps its incident under the new path until it is re-parsed. */
	rename(oldPath: string, newPath: string): void {
		const inc = this.byPath.get(oldPath);
		if (!inc) return;
		this.byPath.delete(oldPath);
		this.byPath.set(newPath, { ...inc, path: newPath });
		this.bump();
	}

	/** Replaces everything at once (the first full scan): one revision, one notification. */
	replaceAll(entries: Iterable<[string, Incident]>): void {
		this.byPath.clear();
		for (const [p, i] of entries) this.byPath.set(p, compactIncident(i.path === p ? i : { ...i, path: p }));
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
