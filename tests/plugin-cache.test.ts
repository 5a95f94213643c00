/**
 * @jest-environment jsdom
 *
 * The index kept between sessions, against the in-memory Obsidian stand-in: a restart reads and parses only notes
 * whose files changed, links follow notes created or deleted (while the app was closed, and while it runs), and a
 * cache that does not belong to this parser, or is damaged, costs a full scan and nothing else.
 */
import type { App, TFile } from 'obsidian';
import IncidentRcaPlugin from '../src/main';
import { TEST_MANIFEST } from './helpers';
import * as indexCache from '../src/core/index/index-cache';
import { readIndexCache } from '../src/core/index/index-cache';
import { CACHE_LINE_SLICE } from '../src/plugin/indexer';
import { relatedIncidents } from '../src/core/views/dashboard';
import type { IndexedIncident } from '../src/core';
import { cacheDatabaseName, IndexedDbCacheStore } from '../src/plugin/cache-store';
import { createApp, notices } from './stubs/obsidian';

const DIR = '.obsidian/plugins/incident-rca';
/** Where an earlier version kept the cache: a file in the plugin's folder, migrated now. */
const LEGACY = `${DIR}/index-cache.json`;
const manifest = { ...TEST_MANIFEST, dir: DIR };

/** The vault's cache in IndexedDB, as written (null when none). */
function cacheText(app: App): Promise<string | null> {
	return new IndexedDbCacheStore(cacheDatabaseName((app as unknown as { appId: string }).appId), () => '').read();
}

/** The vault's cache as read by a plugin of this key (null when absent or another key's). */
async function cacheOf(app: App, key = '0.1.0|dev'): Promise<ReturnType<typeof readIndexCache>> {
	const text = await cacheText(app);
	return text === null ? null : readIndexCache(text, key);
}

/** The same vault in a new app: its id (and so its IndexedDB) and its config folder carried over. */
function sameVault(app: App, before: { app: App }): void {
	(app as unknown as { appId: string }).appId = (before.app as unknown as { appId: string }).appId;
	for (const [k, v] of (before.app as unknown as { vault: Vaultish }).vault.hidden)
		(app as unknown as { vault: Vaultish }).vault.hidden.set(k, v);
}

const note = (title: string, extra = ''): string =>
	`---\nseverity: SEV2\nservices: [ledger]\ndate: 2025-03-01\n---\n# ${title}\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 10:00 | Alert fired |\n| 10:45 | Resolved |\n${extra}`;

const VAULT: Record<string, string> = {
	'Incidents/2025-03-01-db.md': note('DB outage', '\n## Related incidents\n\n- [[2025-03-09-queue]]\n'),
	'Incidents/2025-03-05-lag.md': note('Ledger lag'),
	'Incidents/2025-02-20-cache.md': note(
		'Cache stampede',
		'\n## Action items\n\n- [ ] Add jitter @sam due 2025-04-01\n',
	),
	'Notes/unrelated.md': 'Just a note.\n',
};

interface Vaultish {
	hidden: Map<string, string>;
	cachedRead(f: TFile): Promise<string>;
	modify(f: TFile, data: string): Promise<void>;
	create(p: string, data: string): Promise<TFile>;
	delete(f: TFile): Promise<void>;
	getFileByPath(p: string): TFile | null;
}

async function settle(ms = 0): Promise<void> {
	if (ms > 0) await new Promise((r) => setTimeout(r, ms));
	for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
}

/** A session: a fresh app over these notes (the same files get the same stamps), in the vault of `before` if given. */
async function start(
	files: Record<string, string>,
	before: { app: App } | null = null,
	m: Record<string, unknown> = manifest,
	hidden = new Map<string, string>(),
) {
	const app = createApp(files) as unknown as App & { vault: Vaultish };
	if (before) sameVault(app, before);
	for (const [k, v] of hidden) app.vault.hidden.set(k, v);
	const reads: string[] = [];
	const orig = app.vault.cachedRead.bind(app.vault);
	app.vault.cachedRead = (f: TFile) => {
		reads.push(f.path);
		return orig(f);
	};
	const plugin = new IncidentRcaPlugin(app, m as unknown as typeof manifest);
	// load() as the app does (onload, and unload() later runs what was registered).
	plugin.load();
	await settle();
	return { app, plugin, reads, vault: app.vault };
}

const byPath = (xs: IndexedIncident[]): IndexedIncident[] =>
	[...xs].sort((a, b) => ((a.path ?? '') < (b.path ?? '') ? -1 : 1));
const titles = (plugin: IncidentRcaPlugin): string[] => byPath(plugin.indexer.index.all()).map((i) => i.title);

describe('index cache between sessions', () => {
	it('the first start reads every note once (incidents parsed, the others for their facts) and writes the cache', async () => {
		const { plugin, vault, reads } = await start(VAULT);
		expect(plugin.indexer.lastScan).toEqual({ parsed: 4, cached: 0 });
		expect(reads.sort()).toEqual([
			'Incidents/2025-02-20-cache.md',
			'Incidents/2025-03-01-db.md',
			'Incidents/2025-03-05-lag.md',
			'Notes/unrelated.md',
		]);
		const cache = await cacheOf(plugin.app);
		// Nothing in the plugin's folder: Sync and git would upload a file there again after every change.
		expect([...vault.hidden.keys()].filter((k) => k.startsWith(DIR) && !k.endsWith('data.json'))).toEqual([]);
		// Every note read is in the cache: the incidents with their rows, the other note with the facts it was judged by.
		expect([...(cache?.keys() ?? [])].sort()).toEqual([...plugin.indexer.index.paths(), 'Notes/unrelated.md'].sort());
		expect(cache?.get('Notes/unrelated.md')).toMatchObject({ incident: null, facts: { type: null, kinds: [] } });
	});

	it('started with the app, before the layout is ready: the vault announcing its files adds no reads', async () => {
		const app = createApp(VAULT) as unknown as App & {
			vault: Vaultish;
			workspace: { layoutReady: boolean; finishLayout(): void };
		};
		app.workspace.layoutReady = false;
		const reads: string[] = [];
		const orig = app.vault.cachedRead.bind(app.vault);
		app.vault.cachedRead = (f: TFile) => {
			reads.push(f.path);
			return orig(f);
		};
		const plugin = new IncidentRcaPlugin(app, manifest);
		plugin.load();
		await settle();
		expect(reads).toEqual([]);
		const relink = jest.spyOn(plugin.indexer.index, 'relink');
		// The app announces every file with 'create', then the layout is ready and the first scan runs.
		app.workspace.finishLayout();
		await settle(400);
		expect(reads.sort()).toEqual([
			'Incidents/2025-02-20-cache.md',
			'Incidents/2025-03-01-db.md',
			'Incidents/2025-03-05-lag.md',
			'Notes/unrelated.md',
		]);
		expect(plugin.indexer.index.size).toBe(3);
		// The scan resolves every link: no file announced at start-up is taken for a new link target.
		expect(relink).not.toHaveBeenCalled();
		relink.mockRestore();
		plugin.unload();
	});

	it('a restart reads and parses no unchanged note, and the index is the same', async () => {
		const first = await start(VAULT);
		const second = await start(VAULT, first);
		expect(second.plugin.indexer.lastScan).toEqual({ parsed: 0, cached: 4 });
		expect(second.reads).toEqual([]);
		expect(byPath(second.plugin.indexer.index.all())).toEqual(byPath(first.plugin.indexer.index.all()));
		expect(second.plugin.indexer.index.get('Incidents/2025-02-20-cache.md')?.actionItems[0]).toMatchObject({
			action: 'Add jitter',
			owner: 'sam',
			due: '2025-04-01',
		});
	});

	it('a note edited while the app was closed is parsed again, alone (size changed, or only the time)', async () => {
		const first = await start(VAULT);
		const edited = { ...VAULT, 'Incidents/2025-03-05-lag.md': note('Ledger lag, again') };
		const second = await start(edited, first);
		expect(second.reads).toEqual(['Incidents/2025-03-05-lag.md']);
		expect(titles(second.plugin)).toContain('Ledger lag, again');

		// Same length, other text: only the modification time tells.
		const sameSize = { ...VAULT, 'Incidents/2025-03-05-lag.md': note('Ledger LAG') };
		const app = createApp(sameSize) as unknown as App & { vault: Vaultish };
		sameVault(app, first);
		const f = app.vault.getFileByPath('Incidents/2025-03-05-lag.md') as TFile;
		f.stat = { ...f.stat, mtime: f.stat.mtime + 60_000 };
		const plugin = new IncidentRcaPlugin(app, manifest);
		await plugin.onload();
		await settle();
		expect(plugin.indexer.lastScan).toEqual({ parsed: 1, cached: 3 });
		expect(titles(plugin)).toContain('Ledger LAG');
	});

	it('links of cached notes resolve to notes created while the app was closed', async () => {
		const first = await start(VAULT);
		expect(first.plugin.indexer.index.get('Incidents/2025-03-01-db.md')?.links[0].resolved).toBeNull();
		// Seeded first so the other files keep their stamps.
		const later = { 'Incidents/2025-03-09-queue.md': note('Queue backlog'), ...VAULT };
		const app = createApp(later) as unknown as App & { vault: Vaultish };
		sameVault(app, first);
		// Stamps follow seeding order in the stand-in: give the old files their old stamps back.
		for (const [p] of Object.entries(VAULT)) {
			const f = app.vault.getFileByPath(p) as TFile;
			const old = first.vault.getFileByPath(p) as TFile;
			f.stat = { ...old.stat };
		}
		const plugin = new IncidentRcaPlugin(app, manifest);
		await plugin.onload();
		await settle();
		expect(plugin.indexer.lastScan).toEqual({ parsed: 1, cached: 4 });
		expect(plugin.indexer.index.get('Incidents/2025-03-01-db.md')?.links[0].resolved).toBe(
			'Incidents/2025-03-09-queue.md',
		);
		const related =
			relatedIncidents(plugin.indexer.index.all(), 30).get('Incidents/2025-03-09-queue.md')?.related ?? [];
		expect(related).toContainEqual({ path: 'Incidents/2025-03-01-db.md', title: 'DB outage', why: 'linked from' });
	});

	it('"Rebuild incident index" parses every note again whatever the cache holds', async () => {
		const first = await start(VAULT);
		const second = await start(VAULT, first);
		second.reads.length = 0;
		expect(
			(second.app as unknown as { commands: { executeCommandById(id: string): boolean } }).commands.executeCommandById(
				'incident-rca:rebuild-index',
			),
		).toBe(true);
		await settle();
		expect(second.plugin.indexer.lastScan).toEqual({ parsed: 4, cached: 0 });
		expect(second.reads.sort()).toEqual([
			'Incidents/2025-02-20-cache.md',
			'Incidents/2025-03-01-db.md',
			'Incidents/2025-03-05-lag.md',
			'Notes/unrelated.md',
		]);
		expect(notices.at(-1)).toBe('Incident index rebuilt: 3 incident notes (4 notes read)');
	});

	it('a cache from another plugin version is not used, and is replaced', async () => {
		const first = await start(VAULT);
		const second = await start(VAULT, first, { ...manifest, version: '0.2.0' });
		expect(second.plugin.indexer.lastScan).toEqual({ parsed: 4, cached: 0 });
		expect((await cacheOf(second.app, '0.2.0|dev'))?.size).toBe(4);
	});

	it('a damaged cache costs a full scan and is written again whole', async () => {
		const first = await start(VAULT);
		const text = (await cacheText(first.app)) as string;
		const store = new IndexedDbCacheStore(
			cacheDatabaseName((first.app as unknown as { appId: string }).appId),
			() => '',
		);
		await store.write(text.slice(0, 200));
		store.close();
		const second = await start(VAULT, first);
		expect(second.plugin.indexer.lastScan).toEqual({ parsed: 4, cached: 0 });
		expect((await cacheOf(second.app))?.size).toBe(4);
	});

	it('two vaults keep two caches: a restart of one never takes the notes of the other', async () => {
		const a = await start(VAULT);
		const other = { 'Incidents/2025-05-01-dns.md': note('DNS outage') };
		const b = await start(other);
		expect((await cacheOf(a.app))?.size).toBe(4);
		expect([...((await cacheOf(b.app))?.keys() ?? [])]).toEqual(['Incidents/2025-05-01-dns.md']);
		const again = await start(VAULT, a);
		expect(again.plugin.indexer.lastScan).toEqual({ parsed: 0, cached: 4 });
	});

	it("an earlier version's cache file is used once, then removed when the cache is in IndexedDB", async () => {
		// What an earlier version left in the plugin's folder: a current cache of the same notes.
		const earlier = await start(VAULT);
		const fileText = (await cacheText(earlier.app)) as string;
		const { dir: _dir, ...noDir } = manifest;
		for (const m of [manifest, noDir]) {
			// A new vault id: its database is empty, as after the upgrade; the file is where the old version put it.
			const upgraded = await start(VAULT, null, m, new Map([[LEGACY, fileText]]));
			const app = upgraded.app;
			// Stamps follow seeding order in the stand-in: the same notes seeded the same way have the same stamps.
			expect(upgraded.plugin.indexer.lastScan).toEqual({ parsed: 0, cached: 4 });
			expect(upgraded.reads).toEqual([]);
			expect(app.vault.hidden.has(LEGACY)).toBe(false);
			expect((await cacheOf(upgraded.app))?.size).toBe(4);
		}
	});

	it('changes made while the app runs are in the cache written on unload', async () => {
		const first = await start(VAULT);
		await first.vault.modify(
			first.vault.getFileByPath('Incidents/2025-03-05-lag.md') as TFile,
			note('Ledger lag, edited'),
		);
		await settle(400);
		expect(titles(first.plugin)).toContain('Ledger lag, edited');
		first.plugin.unload();
		await settle();
		const cache = await cacheOf(first.app);
		expect(cache?.get('Incidents/2025-03-05-lag.md')?.incident?.title).toBe('Ledger lag, edited');
		// The next session takes the edited note from the cache (the stand-in keeps stamps by seeding order, so
		// the check is that the cached stamp is the edited file's).
		const f = first.vault.getFileByPath('Incidents/2025-03-05-lag.md') as TFile;
		expect(cache?.get('Incidents/2025-03-05-lag.md')?.stamp).toEqual({ mtime: f.stat.mtime, size: f.stat.size });
	});
});

describe('cache writes', () => {
	it('land in the order they were asked for, so the newest index is the one kept', async () => {
		const { plugin, vault } = await start(VAULT);
		// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with its store as `this`
		const realWrite = IndexedDbCacheStore.prototype.write;
		let slow = true;
		// The first write waits 300 ms before it reaches the database; the second is asked for meanwhile.
		const write = jest.spyOn(IndexedDbCacheStore.prototype, 'write').mockImplementation(async function (
			this: IndexedDbCacheStore,
			text: string,
		) {
			if (slow) {
				slow = false;
				await new Promise((r) => setTimeout(r, 300));
			}
			return realWrite.call(this, text);
		});
		const older = plugin.indexer.saveCache();
		await vault.modify(vault.getFileByPath('Incidents/2025-03-05-lag.md') as TFile, note('Ledger lag, edited'));
		// The metadata cache parses the write after it (as Obsidian does); its 'changed' queues the note.
		await (plugin.app.metadataCache as unknown as { settled(): Promise<void> }).settled();
		await plugin.indexer.flush();
		const newer = plugin.indexer.saveCache();
		await Promise.all([older, newer]);
		expect(write).toHaveBeenCalledTimes(2);
		write.mockRestore();
		expect((await cacheOf(plugin.app))?.get('Incidents/2025-03-05-lag.md')?.incident?.title).toBe('Ledger lag, edited');
	});
});

describe('a large index cache', () => {
	afterEach(() => jest.restoreAllMocks());

	/** Runs until the first scan is done, with every cache write it started. */
	async function scanned(plugin: IncidentRcaPlugin): Promise<void> {
		for (let i = 0; i < 500 && !plugin.indexer.ready; i++) await new Promise((r) => setTimeout(r, 0));
		expect(plugin.indexer.ready).toBe(true);
		await plugin.indexer.saveCache();
	}

	/** What the indexer does, in order: a yield to the UI (setTimeout 0), or one call of a cache function. */
	function record(fn: 'indexCacheLine' | 'readIndexCacheLines'): string[] {
		const events: string[] = [];
		const realTimeout = window.setTimeout.bind(window);
		jest.spyOn(window, 'setTimeout').mockImplementation(((cb: () => void, ms?: number) => {
			if (!ms) events.push('yield');
			return realTimeout(cb, ms);
		}) as unknown as typeof window.setTimeout);
		const real = indexCache[fn] as (...a: unknown[]) => unknown;
		jest.spyOn(indexCache, fn).mockImplementation(((...a: unknown[]) => {
			events.push(fn === 'readIndexCacheLines' ? `read ${(a[2] as number) - (a[1] as number)}` : 'line');
			return real(...a);
		}) as never);
		return events;
	}

	const many: Record<string, string> = {};
	const n = 2 * CACHE_LINE_SLICE + 500;
	for (let k = 0; k < n; k++) many[`Incidents/${String(k).padStart(5, '0')}.md`] = note(`Outage ${k}`);

	it('is written and read a slice of lines at a time, yielding to the UI between slices', async () => {
		const first = await start(many);
		await scanned(first.plugin);
		const writing = record('indexCacheLine');
		await first.plugin.indexer.saveCache();
		expect(writing.filter((e) => e === 'line')).toHaveLength(n);
		// Never more than a slice of lines without a yield in between.
		const runs = writing
			.join(' ')
			.split('yield')
			.map(
				(r) =>
					r
						.trim()
						.split(' ')
						.filter((e) => e === 'line').length,
			);
		expect(Math.max(...runs)).toBe(CACHE_LINE_SLICE);
		expect(runs.filter((r) => r > 0)).toHaveLength(3);
		jest.restoreAllMocks();

		const reading = record('readIndexCacheLines');
		const second = await start(many, first);
		await scanned(second.plugin);
		expect(second.plugin.indexer.lastScan).toEqual({ parsed: 0, cached: n });
		const reads = reading.filter((e) => e.startsWith('read'));
		expect(reads).toEqual([`read ${CACHE_LINE_SLICE}`, `read ${CACHE_LINE_SLICE}`, `read ${CACHE_LINE_SLICE}`]);
		const at = reading.map((e, k) => (e.startsWith('read') ? k : -1)).filter((k) => k >= 0);
		for (let k = 1; k < at.length; k++) expect(reading.slice(at[k - 1], at[k])).toContain('yield');
		// A large vault on a busy machine: the order is what is checked here, not the speed (that is the benchmark's).
	}, 60_000);
});

describe('links while the app runs', () => {
	it('a note created or deleted re-links the notes that name it, without reading them again', async () => {
		const { plugin, vault, reads } = await start(VAULT);
		reads.length = 0;
		const created = await vault.create('Incidents/2025-03-09-queue.md', note('Queue backlog'));
		await settle(400);
		expect(plugin.indexer.index.get('Incidents/2025-03-01-db.md')?.links[0].resolved).toBe(
			'Incidents/2025-03-09-queue.md',
		);
		expect(reads).toEqual(['Incidents/2025-03-09-queue.md']);
		await vault.delete(created);
		await settle(400);
		expect(plugin.indexer.index.get('Incidents/2025-03-01-db.md')?.links[0].resolved).toBeNull();
		expect(plugin.indexer.index.has('Incidents/2025-03-09-queue.md')).toBe(false);
	});

	it('a note edited while the first scan had already read it ends up indexed as edited', async () => {
		const app = createApp(VAULT) as unknown as App & { vault: Vaultish };
		const orig = app.vault.cachedRead.bind(app.vault);
		let edited = false;
		app.vault.cachedRead = async (f: TFile) => {
			const text = await orig(f);
			if (!edited && f.path === 'Incidents/2025-03-05-lag.md') {
				edited = true;
				await app.vault.modify(f, note('Ledger lag, edited mid-scan'));
			}
			// The next note is slow to read: the edit's re-index comes due while the scan is still running.
			if (f.path === 'Incidents/2025-02-20-cache.md') await new Promise((r) => setTimeout(r, 500));
			return text;
		};
		const plugin = new IncidentRcaPlugin(app, manifest);
		plugin.load();
		await settle(900);
		expect(plugin.indexer.lastScan.parsed).toBe(4);
		expect(edited).toBe(true);
		expect(titles(plugin)).toContain('Ledger lag, edited mid-scan');
		const cache = await cacheOf(app);
		const f = app.vault.getFileByPath('Incidents/2025-03-05-lag.md') as TFile;
		// The cache on disk is the scan's (the re-index is saved later): the text read before the edit, with the stamp
		// from before the edit, so the next start parses the note again rather than trusting the old text.
		const entry = cache?.get('Incidents/2025-03-05-lag.md');
		expect(entry?.incident?.title).toBe('Ledger lag');
		expect(entry?.stamp).not.toEqual({ mtime: f.stat.mtime, size: f.stat.size });
	});

	it('a note deleted or renamed while the first scan had already read it is not left under its old path', async () => {
		const app = createApp(VAULT) as unknown as App & {
			vault: Vaultish;
			fileManager: { renameFile(f: TFile, p: string): Promise<void> };
		};
		const orig = app.vault.cachedRead.bind(app.vault);
		app.vault.cachedRead = async (f: TFile) => {
			const text = await orig(f);
			if (f.path === 'Incidents/2025-03-05-lag.md') {
				// The first two notes have been read: one goes, one moves.
				await app.vault.delete(app.vault.getFileByPath('Incidents/2025-03-01-db.md') as TFile);
				await app.fileManager.renameFile(f, 'Incidents/2025-03-05-ledger-lag.md');
			}
			if (f.path === 'Incidents/2025-02-20-cache.md') await new Promise((r) => setTimeout(r, 500));
			return text;
		};
		const plugin = new IncidentRcaPlugin(app, manifest);
		plugin.load();
		await settle(900);
		expect(plugin.indexer.index.paths().sort()).toEqual([
			'Incidents/2025-02-20-cache.md',
			'Incidents/2025-03-05-ledger-lag.md',
		]);
	});
});
