/**
 * The vault-wide incident index: one Incident per note, updated one note at a time, with a revision counter so
 * views re-render only when something changed. Pure: the plugin feeds it from vault and metadata-cache events.
 */
import type { Incident } from './model';

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

	/** Adds or replaces one note's incident. */
	set(path: string, incident: Incident): void {
		this.byPath.set(path, incident.path === path ? incident : { ...incident, path });
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
		for (const [p, i] of entries) this.byPath.set(p, i.path === p ? i : { ...i, path: p });
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
