/**
 * Where the index is kept between sessions: in IndexedDB, one database per vault (as Dataview keeps its cache), not
 * in a file of the plugin's folder that Obsidian Sync and git-backed vaults would upload again after every change.
 * The text is the index cache's (src/core/index/index-cache.ts), read and written whole. An `index-cache.json` left in
 * the plugin folder by an earlier version is read once, when the database holds nothing yet: it is copied into the
 * database and the file removed.
 */
import { openDB, type IDBPDatabase } from 'idb';
import type { DataAdapter } from 'obsidian';

export interface IndexCacheStore {
	/** Which parser and words wrote the index: an index of another key is not used. */
	readonly key: string;
	/** The text last written, or null when there is none (or it cannot be read). */
	read(): Promise<string | null>;
	/** Replaces the text; throws when it could not be written (the indexer then only loses speed at the next start). */
	write(text: string): Promise<void>;
	/** Lets go of the database (on unload). */
	close(): void;
}

const STORE = 'cache';
const ENTRY = 'index';

/** The database of one vault: Obsidian's id for the vault, so two vaults of the same name keep apart. */
export function cacheDatabaseName(vaultId: string): string {
	return `incident-rca/index/${vaultId}`;
}

/** An index cache file of an earlier version: read when the database is empty, removed once it is not. */
export interface LegacyCacheFile {
	adapter: Pick<DataAdapter, 'exists' | 'read' | 'remove'>;
	path: string;
}

export class IndexedDbCacheStore implements IndexCacheStore {
	private db: Promise<IDBPDatabase> | null = null;
	private legacyGone = false;

	constructor(
		private readonly name: string,
		private readonly keyOf: () => string,
		private readonly legacy: LegacyCacheFile | null = null,
	) {}

	get key(): string {
		return this.keyOf();
	}

	private open(): Promise<IDBPDatabase> {
		if (this.db) return this.db;
		const opening = openDB(this.name, 1, {
			upgrade(db) {
				db.createObjectStore(STORE);
			},
			// Another window upgrading the database (a newer plugin version): let it, and open again next time.
			blocking: () => this.close(),
			terminated: () => {
				this.db = null;
			},
		});
		this.db = opening;
		// A database that failed to open is tried again at the next read or write, not kept as a rejection.
		opening.catch(() => {
			if (this.db === opening) this.db = null;
		});
		return opening;
	}

	async read(): Promise<string | null> {
		let text: unknown = null;
		try {
			text = await (await this.open()).get(STORE, ENTRY);
		} catch {
			// No IndexedDB (a private window, a full or damaged profile): as if there were no cache.
			text = null;
		}
		if (typeof text === 'string') return text;
		return this.readLegacy();
	}

	private async readLegacy(): Promise<string | null> {
		if (!this.legacy || this.legacyGone) return null;
		try {
			if (!(await this.legacy.adapter.exists(this.legacy.path))) {
				this.legacyGone = true;
				return null;
			}
			const text = await this.legacy.adapter.read(this.legacy.path);
			// Migrated at once: into the database, then the file is removed (kept if the database cannot take it).
			await this.write(text).catch(() => undefined);
			return text;
		} catch {
			return null;
		}
	}

	async write(text: string): Promise<void> {
		await (await this.open()).put(STORE, text, ENTRY);
		await this.removeLegacy();
	}

	private async removeLegacy(): Promise<void> {
		if (!this.legacy || this.legacyGone) return;
		try {
			if (await this.legacy.adapter.exists(this.legacy.path)) await this.legacy.adapter.remove(this.legacy.path);
			this.legacyGone = true;
		} catch {
			// Still there: removed after the next write.
		}
	}

	close(): void {
		const db = this.db;
		this.db = null;
		void db?.then(
			(d) => d.close(),
			() => undefined,
		);
	}
}
