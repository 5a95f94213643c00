/**
 * Keeps the incident index current with the vault: one full scan after layout ready (in slices that yield to the
 * UI, with a progress notice on large vaults), then one note at a time on metadata-cache `changed` / `deleted`
 * and vault `rename`, with bursts coalesced. Frontmatter comes from the metadata cache, not a second YAML parse.
 *
 * Between sessions the index is kept in a cache file (src/core/index-cache.ts): at the next start only notes whose
 * size or modification time changed are read and parsed again. Links are resolved again whenever notes that could
 * be their targets are created, deleted or renamed, so related incidents follow the vault without re-parsing.
 */
import { Notice, TFile, type App, type CachedMetadata, type Component } from 'obsidian';
import type { Incident } from '../core';
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
import { incidentFromText, isRcaNote, linkResolver } from './notes';
import type { IncidentRcaSettings } from './settings';

/** Notes parsed per slice of the first scan before yielding to the UI. */
const SLICE = 100;
/** Vaults with more RCA notes than this get a progress notice. */
const NOTICE_FROM = 500;
/** Quiet time after the last change before re-indexing the changed notes. */
const COALESCE_MS = 300;
/** Notes taken from the cache (and re-linked) per slice: each costs a few link look-ups, not a read and a parse. */
const CACHED_SLICE = 2000;
/** Lines of the cache file read or written per slice (~10–20 ms on a desktop): 10,000 notes are ~0.2 s of JSON. */
export const CACHE_LINE_SLICE = 1000;
/** Quiet time after the last index change before the cache file is rewritten (it is also written on unload). */
const SAVE_MS = 10_000;

/** Where the index is kept between sessions (a normalized path), and the key that says which parser wrote it. */
export interface IndexCacheFile {
	path: string;
	key: string;
}

function reasonOf(e: unknown): string {
	return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

function stampOf(file: TFile): FileStamp {
	return { mtime: file.stat.mtime, size: file.stat.size };
}

export class VaultIndexer {
	readonly index = new IncidentIndex();
	private readonly dirty = new Set<string>();
	/** Link names (see linkName) whose targets may have appeared, gone or moved since the last flush. */
	private readonly relinkNames = new Set<string>();
	/** The version of each indexed note's file that its incident was parsed from. */
	private stamps = new Map<string, FileStamp>();
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
		private readonly cacheFile: IndexCacheFile | null = null,
	) {}

	/** Parses one note from its text, with the frontmatter Obsidian already parsed. */
	parse(file: TFile, text: string, cache: CachedMetadata | null): Incident {
		return incidentFromText(this.app, file, text, cache?.frontmatter ?? null);
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
				this.stamps.delete(file.path);
				if (this.index.delete(file.path)) this.saveSoon();
			}),
		);
		// Files of any kind can be link targets ("[[graph.png]]"): their names decide which links to resolve again.
		owner.registerEvent(
			this.app.vault.on('create', (file) => {
				if (file instanceof TFile) this.relinkLater(file.path);
			}),
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
				const stamp = this.stamps.get(oldPath);
				this.stamps.delete(oldPath);
				if (stamp) this.stamps.set(file.path, stamp);
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
			const settings = this.settings();
			const known = options.reparse ? null : this.scanned ? this.liveEntries() : await this.loadCache();
			const resolve = linkResolver(this.app);
			const files = this.app.vault.getMarkdownFiles().filter((f) => isRcaNote(this.app, f, settings));
			const entries: [string, Incident][] = [];
			const stamps = new Map<string, FileStamp>();
			const toParse: TFile[] = [];
			for (const f of files) {
				const stamp = stampOf(f);
				const cached = fromCache(known, f.path, stamp, resolve);
				if (cached) {
					entries.push([f.path, cached]);
					stamps.set(f.path, stamp);
					if (entries.length % CACHED_SLICE === 0) await this.yieldToUi();
				} else toParse.push(f);
			}
			const notice = toParse.length > NOTICE_FROM ? new Notice(`Indexing ${toParse.length} incident notes…`, 0) : null;
			for (let k = 0; k < toParse.length; k += SLICE) {
				for (const f of toParse.slice(k, k + SLICE)) {
					try {
						// The version is taken before the read: a change in between makes it stale, never wrongly current.
						const stamp = stampOf(f);
						const text = await this.app.vault.cachedRead(f);
						// Compacted at once: holding every full parse until the end would need ~80 KB a note (800 MB for 10,000).
						entries.push([f.path, compactIncident(this.parse(f, text, this.app.metadataCache.getFileCache(f)))]);
						stamps.set(f.path, stamp);
					} catch (e) {
						failed.set(f.path, reasonOf(e));
						console.warn(`Incident RCA: ${f.path} could not be indexed`, e);
					}
				}
				if (notice)
					notice.setMessage(`Indexing incident notes: ${Math.min(k + SLICE, toParse.length)} of ${toParse.length}`);
				await this.yieldToUi();
			}
			this.unreadable = failed;
			this.index.replaceAll(entries);
			this.stamps = stamps;
			this.scanned = true;
			this.lastScan = { parsed: toParse.length - failed.size, cached: files.length - toParse.length };
			notice?.hide();
			if (failed.size > 0)
				new Notice(
					`Incident RCA: ${failed.size} ${failed.size === 1 ? 'note' : 'notes'} could not be read and ${failed.size === 1 ? 'is' : 'are'} left out of the index.`,
				);
			if (toParse.length > 0 || known === null || known.size !== files.length - toParse.length) await this.saveCache();
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
		const settings = this.settings();
		let changed = false;
		let failures = false;
		for (const path of paths) {
			const file = this.app.vault.getFileByPath(path);
			if (!(file instanceof TFile) || !isRcaNote(this.app, file, settings)) {
				this.stamps.delete(path);
				failures = this.unreadable.delete(path) || failures;
				changed = this.index.delete(path) || changed;
				continue;
			}
			try {
				const stamp = stampOf(file);
				const text = await this.app.vault.cachedRead(file);
				this.index.set(path, this.parse(file, text, this.app.metadataCache.getFileCache(file)));
				this.stamps.set(path, stamp);
				failures = this.unreadable.delete(path) || failures;
				changed = true;
			} catch (e) {
				// This note alone: the others of the burst are still indexed.
				console.warn(`Incident RCA: ${path} could not be indexed`, e);
				this.unreadable.set(path, reasonOf(e));
				this.stamps.delete(path);
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
		for (const [path, stamp] of this.stamps) {
			const incident = this.index.get(path);
			if (incident) out.set(path, { stamp, incident });
		}
		return out;
	}

	/** The cache file's notes, read a slice of lines at a time; null when there is none for this build. */
	private async loadCache(): Promise<Map<string, CachedNote> | null> {
		if (!this.cacheFile) return null;
		let lines: string[] | null;
		try {
			lines = indexCacheLines(await this.app.vault.adapter.read(this.cacheFile.path), this.cacheFile.key);
		} catch {
			// Absent or unreadable: every note is parsed, and the cache is written afresh.
			return null;
		}
		if (lines === null) return null;
		const out = new Map<string, CachedNote>();
		for (let k = 0; k < lines.length; k += CACHE_LINE_SLICE) {
			if (k > 0) await this.yieldToUi();
			readIndexCacheLines(lines, k, k + CACHE_LINE_SLICE, out);
		}
		return out;
	}

	private saveSoon(): void {
		if (!this.cacheFile || !this.scanned) return;
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
		if (!this.cacheFile || !this.scanned) return;
		const { path, key } = this.cacheFile;
		const lines: string[] = [];
		for (const [notePath, { stamp, incident }] of this.liveEntries()) {
			if (lines.length > 0 && lines.length % CACHE_LINE_SLICE === 0) await this.yieldToUi();
			lines.push(indexCacheLine(notePath, stamp, incident));
		}
		try {
			await this.app.vault.adapter.write(path, indexCacheText(key, lines));
		} catch {
			// A read-only or full disk: the next start parses every note, as without a cache.
		}
	}
}
