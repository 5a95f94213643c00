/**
 * Keeps the incident index current with the vault: one full scan after layout ready (in slices that yield to the
 * UI, with a progress notice on large vaults), then one note at a time on metadata-cache `changed` / `deleted`
 * and vault `rename`, with bursts coalesced. Frontmatter comes from the metadata cache, not a second YAML parse.
 *
 * Between sessions the index is kept in a cache (src/core/index-cache.ts, stored by cache-store.ts in IndexedDB): at the next start only notes whose
 * size or modification time changed are read and parsed again. Links are resolved again whenever notes that could
 * be their targets are created, deleted or renamed, so related incidents follow the vault without re-parsing.
 */
import { Notice, TFile, type App, type Component } from 'obsidian';
import { isIncidentNote, noteTypeSays, type DetectionRules, type IndexedIncident, type NoteFacts } from '../core';
import {
	fromCache,
	indexCacheLine,
	indexCacheLines,
	indexCacheText,
	readIndexCacheLines,
	type CachedNote,
	type FileStamp,
} from '../core/index/index-cache';
import { compactIncident, IncidentIndex, linkName } from '../core/index/incident-index';
import { detectionRules, isRcaNote, linkResolver, readNoteText } from './notes';
import type { IndexCacheStore } from './cache-store';
import type { IncidentRcaSettings } from './settings';

/** Notes parsed per slice of the first scan before yielding to the UI. */
const SLICE = 100;
/** Vaults with more notes to read than this get a progress notice. */
const NOTICE_FROM = 500;
/** Quiet time after the last change before re-indexing the changed notes. */
const COALESCE_MS = 300;
/** Notes taken from the cache (and re-linked) per slice: each costs a few link look-ups, not a read and a parse. */
const CACHED_SLICE = 2000;
/** Lines of the cache file read or written per slice: short enough to keep the UI responsive (bench README). */
export const CACHE_LINE_SLICE = 1000;
/** Quiet time after the last index change before the cache is rewritten (it is also written on unload). */
const SAVE_MS = 10_000;

function reasonOf(e: unknown): string {
	return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

function stampOf(file: TFile): FileStamp {
	return { mtime: file.stat.mtime, size: file.stat.size };
}

function sameStampOf(stamp: FileStamp, file: TFile): boolean {
	return stamp.mtime === file.stat.mtime && stamp.size === file.stat.size;
}

export class VaultIndexer {
	readonly index = new IncidentIndex();
	private readonly dirty = new Set<string>();
	/** Link names (see linkName) whose targets may have appeared, gone or moved since the last flush. */
	private readonly relinkNames = new Set<string>();
	/**
	 * Every note read, incident or not: the version of its file it was read from, and the facts the incident-note
	 * rule decided by (null for an entry from a cache that kept none: its decision stands until the note changes).
	 */
	private notes = new Map<string, { stamp: FileStamp; facts: NoteFacts | null }>();
	private flushTimer: number | null = null;
	private saveTimer: number | null = null;
	/** The cache writes, one after another (see saveCache). */
	private saving: Promise<void> = Promise.resolve();
	private scanned = false;
	/** Full scans running (a rescan may start before the last one ends). */
	private scans = 0;
	/** What the last full scan did: notes parsed, and notes taken from the cache. */
	lastScan = { parsed: 0, cached: 0 };
	/**
	 * Notes that could not be read or parsed (deleted by a sync tool mid-scan, a read error…), by path, with the
	 * reason: each is left out of the index alone, the scan goes on, and the views say how many there are.
	 */
	unreadable = new Map<string, string>();

	constructor(
		private readonly app: App,
		private readonly settings: () => IncidentRcaSettings,
		private readonly cache: IndexCacheStore | null = null,
	) {}

	/**
	 * Reads one note and decides, by its text, whether it is an incident (the CLI's rule, isIncidentNote): one
	 * structure pass gives the facts, and only an incident is read on into a full parse.
	 */
	async read(file: TFile, rules: DetectionRules): Promise<{ incident: IndexedIncident | null; facts: NoteFacts }> {
		const text = await this.app.vault.cachedRead(file);
		const frontmatter = this.app.metadataCache.getFileCache(file)?.frontmatter ?? null;
		const { incident, facts } = readNoteText(this.app, file, text, frontmatter, (f) => isIncidentNote(f, rules));
		// Compacted at once: holding every full parse until the end would hold every note's whole parse in memory.
		return { incident: incident ? compactIncident(incident) : null, facts };
	}

	/** The note's frontmatter `type` says it is something else (a runbook, a template, an export): never read. */
	private saysOtherType(file: TFile): boolean {
		return noteTypeSays(this.app.metadataCache.getFileCache(file)?.frontmatter) === false;
	}

	/**
	 * Whether a note is an incident: by its text once the indexer has read this version of it, else by what the
	 * metadata cache shows (its Markdown headings; see isRcaNote). Instant either way, for command checks.
	 */
	isIncident(file: TFile | null): file is TFile {
		if (!file || file.extension !== 'md') return false;
		const known = this.notes.get(file.path);
		if (known && sameStampOf(known.stamp, file)) {
			return known.facts ? isIncidentNote(known.facts, detectionRules(this.settings())) : this.index.has(file.path);
		}
		return isRcaNote(this.app, file, this.settings());
	}

	/** Wires the events (through `owner`, so they are removed on unload) and schedules the first scan. */
	start(owner: Component): void {
		owner.registerEvent(
			this.app.metadataCache.on('changed', (file) => {
				this.queue(file.path);
			}),
		);
		owner.registerEvent(
			this.app.metadataCache.on('deleted', (file) => {
				// A scan in progress may have read the note already: its flush afterwards takes it out again.
				if (this.scanning) this.queue(file.path);
				else this.dirty.delete(file.path);
				this.notes.delete(file.path);
				if (this.index.delete(file.path)) this.saveSoon();
			}),
		);
		// Files of any kind can be link targets ("[[graph.png]]"): their names decide which links to resolve again.
		// 'create' fires for every file of the vault while it loads: listened to only once the layout is ready.
		this.app.workspace.onLayoutReady(() =>
			owner.registerEvent(
				this.app.vault.on('create', (file) => {
					if (file instanceof TFile) this.relinkLater(file.path);
				}),
			),
		);
		owner.registerEvent(
			this.app.vault.on('delete', (file) => {
				if (file instanceof TFile) this.relinkLater(file.path);
			}),
		);
		owner.registerEvent(
			this.app.vault.on('rename', (file, oldPath) => {
				if (!(file instanceof TFile)) return;
				this.relinkLater(oldPath);
				this.relinkLater(file.path);
				const known = this.notes.get(oldPath);
				this.notes.delete(oldPath);
				if (known) this.notes.set(file.path, known);
				this.index.rename(oldPath, file.path);
				// The old path too: a scan in progress may have indexed the note under it.
				this.dirty.add(oldPath);
				this.queue(file.path);
			}),
		);
		owner.register(() => {
			if (this.flushTimer !== null) window.clearTimeout(this.flushTimer);
			// A change not yet written is written now; if the app quits first, those notes are simply parsed next time.
			if (this.saveTimer !== null) {
				window.clearTimeout(this.saveTimer);
				void this.saveCache();
			}
			// The database is let go once the writes asked for so far have landed.
			void this.saving.then(() => this.cache?.close());
		});
		this.app.workspace.onLayoutReady(() => void this.fullScan());
	}

	get ready(): boolean {
		return this.scanned;
	}

	private get scanning(): boolean {
		return this.scans > 0;
	}

	/**
	 * Indexes every RCA note and replaces the index in one revision. A note whose file is the version the cache (or,
	 * on a rescan, the live index) holds is taken from there with its links resolved again; the others are read and
	 * parsed in slices that yield to the UI, with a notice when there are many. `reparse` parses every note whatever
	 * the cache holds (the "Rebuild incident index" command).
	 */
	async fullScan(options: { reparse?: boolean } = {}): Promise<void> {
		this.scans++;
		const failed = new Map<string, string>();
		try {
			const rules = detectionRules(this.settings());
			const known = options.reparse ? null : this.scanned ? this.liveEntries() : await this.loadCache();
			const resolve = linkResolver(this.app);
			// A note whose type says it is something else is never an incident: no need to read it.
			const files = this.app.vault.getMarkdownFiles().filter((f) => !this.saysOtherType(f));
			const entries: [string, IndexedIncident][] = [];
			const notes = new Map<string, { stamp: FileStamp; facts: NoteFacts | null }>();
			const toRead: TFile[] = [];
			let cached = 0;
			for (const f of files) {
				const stamp = stampOf(f);
				const hit = fromCache(known, f.path, stamp, resolve);
				// The cached facts decide again under the current settings; a yes for a note read as no is read again.
				const yes = hit ? (hit.facts ? isIncidentNote(hit.facts, rules) : hit.incident !== null) : false;
				if (!hit || (yes && !hit.incident)) {
					toRead.push(f);
					continue;
				}
				cached++;
				notes.set(f.path, { stamp, facts: hit.facts });
				if (yes && hit.incident) entries.push([f.path, hit.incident]);
				if (cached % CACHED_SLICE === 0) await this.yieldToUi();
			}
			const notice =
				toRead.length > NOTICE_FROM ? new Notice(`Reading ${toRead.length} notes for incidents…`, 0) : null;
			for (let k = 0; k < toRead.length; k += SLICE) {
				for (const f of toRead.slice(k, k + SLICE)) {
					try {
						// The version is taken before the read: a change in between makes it stale, never wrongly current.
						const stamp = stampOf(f);
						const { incident, facts } = await this.read(f, rules);
						if (incident) entries.push([f.path, incident]);
						notes.set(f.path, { stamp, facts });
					} catch (e) {
						failed.set(f.path, reasonOf(e));
						console.warn(`Incident RCA: ${f.path} could not be indexed`, e);
					}
				}
				if (notice)
					notice.setMessage(`Reading notes for incidents: ${Math.min(k + SLICE, toRead.length)} of ${toRead.length}`);
				await this.yieldToUi();
			}
			this.unreadable = failed;
			this.index.replaceAll(entries);
			this.notes = notes;
			this.scanned = true;
			this.lastScan = { parsed: toRead.length - failed.size, cached };
			notice?.hide();
			if (failed.size > 0)
				new Notice(
					`Incident RCA: ${failed.size} ${failed.size === 1 ? 'note' : 'notes'} could not be read and ${failed.size === 1 ? 'is' : 'are'} left out of the index.`,
				);
			if (toRead.length > 0 || known === null || known.size !== cached) await this.saveCache();
		} catch (e) {
			// Not one note: the scan itself (the vault's file list, the cache). The views must not wait for it forever.
			console.error('Incident RCA: the incident index could not be built', e);
			new Notice(`Incident RCA: the incident index could not be built (${reasonOf(e)}).`);
			if (!this.scanned) {
				this.scanned = true;
				this.index.touch();
			}
		} finally {
			this.scans--;
		}
		// Notes changed during the scan were held back (flush waits for it): index them now.
		if (this.dirty.size > 0 || this.relinkNames.size > 0) this.schedule();
	}

	/** A note changed: re-index it after the burst settles. */
	queue(path: string): void {
		this.dirty.add(path);
		this.schedule();
	}

	/** A file appeared, went or moved: links of its name are resolved again after the burst settles. */
	private relinkLater(path: string): void {
		this.relinkNames.add(linkName(path));
		this.schedule();
	}

	private schedule(): void {
		// The main window's timers, not activeWindow's: the index outlives any popout window, and a timer must be
		// cleared by the window that set it (the views draw in their own window: VirtualList).
		if (this.flushTimer !== null) window.clearTimeout(this.flushTimer);
		this.flushTimer = window.setTimeout(() => void this.flush(), COALESCE_MS);
	}

	/** Re-parses the notes that changed (one that is no longer an incident, or gone, leaves the index), then re-links. */
	async flush(): Promise<void> {
		this.flushTimer = null;
		// During a full scan the changes wait: the scan's result replaces the index and would overwrite them.
		if (this.scanning) return;
		const paths = [...this.dirty];
		this.dirty.clear();
		const names = new Set(this.relinkNames);
		this.relinkNames.clear();
		const rules = detectionRules(this.settings());
		let changed = false;
		let failures = false;
		for (const path of paths) {
			const file = this.app.vault.getFileByPath(path);
			if (!(file instanceof TFile) || file.extension !== 'md' || this.saysOtherType(file)) {
				this.notes.delete(path);
				failures = this.unreadable.delete(path) || failures;
				changed = this.index.delete(path) || changed;
				continue;
			}
			try {
				const stamp = stampOf(file);
				const { incident, facts } = await this.read(file, rules);
				this.notes.set(path, { stamp, facts });
				if (incident) this.index.set(path, incident);
				changed = (incident ? true : this.index.delete(path)) || changed;
				failures = this.unreadable.delete(path) || failures;
			} catch (e) {
				// This note alone: the others of the burst are still indexed.
				console.warn(`Incident RCA: ${path} could not be indexed`, e);
				this.unreadable.set(path, reasonOf(e));
				this.notes.delete(path);
				failures = true;
				changed = this.index.delete(path) || changed;
			}
		}
		if (names.size > 0) changed = this.index.relink(linkResolver(this.app), names) || changed;
		if (changed) this.saveSoon();
		// The views show how many notes could not be read: a change there is a change for them.
		else if (failures) this.index.touch();
	}

	private yieldToUi(): Promise<void> {
		return new Promise<void>((resolve) => window.setTimeout(resolve, 0));
	}

	/** The live index with each note's file stamp: the cache a rescan starts from (only new candidates get parsed), and what is saved. */
	private liveEntries(): Map<string, CachedNote> {
		const out = new Map<string, CachedNote>();
		for (const [path, { stamp, facts }] of this.notes) {
			const incident = this.index.get(path) ?? null;
			if (incident || facts) out.set(path, { stamp, incident, facts });
		}
		return out;
	}

	/** The cache file's notes, read a slice of lines at a time; null when there is none for this build. */
	private async loadCache(): Promise<Map<string, CachedNote> | null> {
		if (!this.cache) return null;
		// Absent, unreadable or another build's: every note is parsed, and the cache is written afresh.
		const text = await this.cache.read();
		const lines = text === null ? null : indexCacheLines(text, this.cache.key);
		if (lines === null) return null;
		const out = new Map<string, CachedNote>();
		for (let k = 0; k < lines.length; k += CACHE_LINE_SLICE) {
			if (k > 0) await this.yieldToUi();
			readIndexCacheLines(lines, k, k + CACHE_LINE_SLICE, out);
		}
		return out;
	}

	private saveSoon(): void {
		if (!this.cache || !this.scanned) return;
		if (this.saveTimer !== null) window.clearTimeout(this.saveTimer);
		this.saveTimer = window.setTimeout(() => void this.saveCache(), SAVE_MS);
	}

	/**
	 * Writes the index with each note's file version, its lines made a slice at a time. Saves run one after another,
	 * each from the index as it is when it starts, so the last one written is the newest. Failing to write costs only
	 * speed at the next start.
	 */
	saveCache(): Promise<void> {
		if (this.saveTimer !== null) window.clearTimeout(this.saveTimer);
		this.saveTimer = null;
		// A save that failed must not stop the ones after it (a failed write itself is caught in writeCache).
		this.saving = this.saving
			.then(() => this.writeCache())
			.catch((e: unknown) => console.error('Incident RCA: the index cache was not saved', e));
		return this.saving;
	}

	private async writeCache(): Promise<void> {
		if (!this.cache || !this.scanned) return;
		const cache = this.cache;
		const lines: string[] = [];
		for (const [notePath, { stamp, incident, facts }] of this.liveEntries()) {
			if (lines.length > 0 && lines.length % CACHE_LINE_SLICE === 0) await this.yieldToUi();
			lines.push(indexCacheLine(notePath, stamp, incident, facts));
		}
		try {
			await cache.write(indexCacheText(cache.key, lines));
		} catch {
			// A read-only or full disk: the next start parses every note, as without a cache.
		}
	}
}
