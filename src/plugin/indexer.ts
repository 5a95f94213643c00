/**
 * Keeps the incident index current with the vault: one full scan after layout ready (in slices that yield to the
 * UI, with a progress notice on large vaults), then one note at a time on metadata-cache `changed` / `deleted`
 * and vault `rename`, with bursts coalesced. Frontmatter comes from the metadata cache, not a second YAML parse.
 */
import { Notice, TFile, type App, type CachedMetadata, type Component } from 'obsidian';
import type { Incident } from '../core';
import { compactIncident, IncidentIndex } from '../core/incident-index';
import { incidentFromText, isRcaNote } from './notes';
import type { IncidentRcaSettings } from './settings';

/** Notes parsed per slice of the first scan before yielding to the UI. */
const SLICE = 100;
/** Vaults with more RCA notes than this get a progress notice. */
const NOTICE_FROM = 500;
/** Quiet time after the last change before re-indexing the changed notes. */
const COALESCE_MS = 300;

export class VaultIndexer {
	readonly index = new IncidentIndex();
	private readonly dirty = new Set<string>();
	private flushTimer: number | null = null;
	private scanned = false;

	constructor(
		private readonly app: App,
		private readonly settings: () => IncidentRcaSettings,
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
				this.dirty.delete(file.path);
				this.index.delete(file.path);
			}),
		);
		owner.registerEvent(
			this.app.vault.on('rename', (file, oldPath) => {
				this.index.rename(oldPath, file.path);
				this.queue(file.path);
			}),
		);
		owner.register(() => {
			if (this.flushTimer !== null) window.clearTimeout(this.flushTimer);
		});
		this.app.workspace.onLayoutReady(() => void this.fullScan());
	}

	get ready(): boolean {
		return this.scanned;
	}

	/** Reads and parses every RCA note, yielding between slices; replaces the index in one revision. */
	async fullScan(): Promise<void> {
		const settings = this.settings();
		const files = this.app.vault.getMarkdownFiles().filter((f) => isRcaNote(this.app, f, settings));
		const notice = files.length > NOTICE_FROM ? new Notice(`Indexing ${files.length} incident notes…`, 0) : null;
		const entries: [string, Incident][] = [];
		for (let k = 0; k < files.length; k += SLICE) {
			for (const f of files.slice(k, k + SLICE)) {
				const text = await this.app.vault.cachedRead(f);
				// Compacted at once: holding every full parse until the end would need ~80 KB a note (800 MB for 10,000).
				entries.push([f.path, compactIncident(this.parse(f, text, this.app.metadataCache.getFileCache(f)))]);
			}
			if (notice) notice.setMessage(`Indexing incident notes: ${Math.min(k + SLICE, files.length)} of ${files.length}`);
			await new Promise<void>((resolve) => window.setTimeout(resolve, 0));
		}
		this.index.replaceAll(entries);
		this.scanned = true;
		notice?.hide();
	}

	/** A note changed: re-index it after the burst settles. */
	queue(path: string): void {
		this.dirty.add(path);
		if (this.flushTimer !== null) window.clearTimeout(this.flushTimer);
		this.flushTimer = window.setTimeout(() => void this.flush(), COALESCE_MS);
	}

	/** Re-parses the notes that changed; one that is no longer an incident (or gone) leaves the index. */
	async flush(): Promise<void> {
		this.flushTimer = null;
		const paths = [...this.dirty];
		this.dirty.clear();
		const settings = this.settings();
		for (const path of paths) {
			const file = this.app.vault.getFileByPath(path);
			if (!(file instanceof TFile) || !isRcaNote(this.app, file, settings)) {
				this.index.delete(path);
				continue;
			}
			const text = await this.app.vault.cachedRead(file);
			this.index.set(path, this.parse(file, text, this.app.metadataCache.getFileCache(file)));
		}
	}
}
