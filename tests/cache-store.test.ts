/**
 * @jest-environment jsdom
 *
 * The index cache's store (src/plugin/cache-store.ts) on IndexedDB (fake-indexeddb, tests/setup/indexeddb.ts): what
 * is written is read back, each vault keeps its own, an earlier version's file is migrated and removed, and no
 * IndexedDB (or one that cannot be opened) means no cache, never an error at start.
 */
import { cacheDatabaseName, IndexedDbCacheStore, type LegacyCacheFile } from '../src/plugin/cache-store';

let n = 0;
/** A database name no other test uses. */
const fresh = (): string => cacheDatabaseName(`vault-${++n}-${Date.now()}`);

/** A plugin folder holding (or not) the file an earlier version wrote. */
function folder(files: Record<string, string> = {}): LegacyCacheFile & { files: Map<string, string> } {
	const map = new Map(Object.entries(files));
	return {
		files: map,
		path: 'plugins/incident-rca/index-cache.json',
		adapter: {
			exists: (p: string) => Promise.resolve(map.has(p)),
			read: (p: string) => (map.has(p) ? Promise.resolve(map.get(p) as string) : Promise.reject(new Error('ENOENT'))),
			remove: (p: string) => {
				map.delete(p);
				return Promise.resolve();
			},
		},
	};
}

describe('the index cache in IndexedDB', () => {
	it('reads back what was written, the last write winning; nothing before the first', async () => {
		const store = new IndexedDbCacheStore(fresh(), () => 'k1');
		expect(store.key).toBe('k1');
		expect(await store.read()).toBeNull();
		await store.write('first');
		await store.write('second — with "quotes", ünïcode and\nlines');
		expect(await store.read()).toBe('second — with "quotes", ünïcode and\nlines');
		// Closed (unload) and opened again (the next session): the text is still there.
		store.close();
		expect(await new IndexedDbCacheStore(store['name'], () => 'k1').read()).toBe(
			'second — with "quotes", ünïcode and\nlines',
		);
	});

	it('keeps each vault apart: the database is named by the vault id', async () => {
		expect(cacheDatabaseName('abc')).not.toBe(cacheDatabaseName('abd'));
		const a = new IndexedDbCacheStore(fresh(), () => '');
		const b = new IndexedDbCacheStore(fresh(), () => '');
		await a.write('vault a');
		expect(await b.read()).toBeNull();
		await b.write('vault b');
		expect(await a.read()).toBe('vault a');
	});

	it("migrates an earlier version's file: read once, copied into the database, the file removed", async () => {
		const dir = folder({ 'plugins/incident-rca/index-cache.json': 'old cache text' });
		const store = new IndexedDbCacheStore(fresh(), () => '', dir);
		expect(await store.read()).toBe('old cache text');
		expect(dir.files.size).toBe(0);
		// From the database now, with the file gone.
		expect(await new IndexedDbCacheStore(store['name'], () => '', dir).read()).toBe('old cache text');
	});

	it('a database that already holds the index leaves the file alone until the next write, then removes it', async () => {
		const name = fresh();
		const dir = folder();
		const store = new IndexedDbCacheStore(name, () => '', dir);
		await store.write('new');
		// An older copy of the plugin (another device, through Sync) wrote the file again.
		dir.files.set(dir.path, 'stale file');
		const next = new IndexedDbCacheStore(name, () => '', dir);
		expect(await next.read()).toBe('new');
		expect(dir.files.has(dir.path)).toBe(true);
		await next.write('newer');
		expect(dir.files.has(dir.path)).toBe(false);
	});

	it('without IndexedDB: no cache and no error at start; the old file is still read and kept', async () => {
		const g = globalThis as { indexedDB?: IDBFactory };
		const real = g.indexedDB;
		delete g.indexedDB;
		try {
			const dir = folder({ 'plugins/incident-rca/index-cache.json': 'old cache text' });
			const store = new IndexedDbCacheStore(fresh(), () => '', dir);
			expect(await store.read()).toBe('old cache text');
			expect(dir.files.size).toBe(1);
			await expect(store.write('x')).rejects.toThrow();
			expect(await new IndexedDbCacheStore(fresh(), () => '').read()).toBeNull();
		} finally {
			g.indexedDB = real;
		}
		// With IndexedDB back, a store that failed before opens now (a failed open is not kept).
		const later = new IndexedDbCacheStore(fresh(), () => '');
		await later.write('y');
		expect(await later.read()).toBe('y');
	});

	it('lets a newer version upgrade the database, and then reads nothing rather than failing', async () => {
		const name = fresh();
		const store = new IndexedDbCacheStore(name, () => '');
		await store.write('v1 text');
		// Another window with a newer plugin opens the database at version 2: ours must close, or it is blocked.
		const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
			const req = indexedDB.open(name, 2);
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(new Error(String(req.error)));
			req.onblocked = () => reject(new Error('blocked: the old connection was not closed'));
			// Blocked without a 'blocked' event: the upgrade waits for ever.
			setTimeout(() => reject(new Error('the upgrade never happened: the old connection was not closed')), 2000);
		});
		upgraded.close();
		expect(await store.read()).toBeNull();
		await expect(store.write('x')).rejects.toThrow();
	});
});
