/**
 * The index cache (src/core/index-cache.ts) and re-linking (src/core/incident-index.ts): what is written is read back
 * exactly, anything not written by this key and format is refused, damaged entries are dropped one by one, and links
 * follow notes that appear and disappear.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLinkResolver, parseIncident, type IndexedIncident } from '../src/core';
import {
	INDEX_CACHE_FORMAT,
	indexCacheLines,
	indexCacheText,
	readIndexCache,
	readIndexCacheLines,
	sameStamp,
	writeIndexCache,
	type CachedNote,
} from '../src/core/index/index-cache';
import { compactIncident, IncidentIndex, linkName, relinkIncident } from '../src/core/index/incident-index';
import { parseYaml } from './helpers';

const FORMATS = path.join(__dirname, 'fixtures', 'formats');
const notes: [string, IndexedIncident][] = fs
	.readdirSync(FORMATS)
	.filter((n) => /\.(?:md|txt)$/.test(n))
	.sort()
	.map((n) => {
		const p = `Incidents/${n}`;
		return [
			p,
			compactIncident(
				parseIncident(fs.readFileSync(path.join(FORMATS, n), 'utf8'), { path: p, parseYaml, resolveLink: () => null }),
			),
		];
	});

const KEY = '0.1.0|abc123';
const stampFor = (k: number): { mtime: number; size: number } => ({ mtime: 1_700_000_000_000 + k, size: 1000 + k });
const written = (): string =>
	writeIndexCache(
		KEY,
		notes.map(([p, i], k) => [p, stampFor(k), i]),
	);

function note(p: string, text: string, resolve: (t: string, s: string) => string | null = () => null): IndexedIncident {
	return compactIncident(parseIncident(text, { path: p, parseYaml, resolveLink: resolve }));
}

describe('index cache file', () => {
	it('reads back every note exactly as written, with its file stamp', () => {
		expect(notes.length).toBeGreaterThan(20);
		const back = readIndexCache(written(), KEY);
		expect(back).not.toBeNull();
		expect([...(back as Map<string, unknown>).keys()]).toEqual(notes.map(([p]) => p));
		notes.forEach(([p, i], k) => {
			const got = back?.get(p);
			expect(got?.incident).toEqual(i);
			expect(got?.stamp).toEqual(stampFor(k));
		});
	});

	it('gives the read incidents the shared problem objects of freshly indexed ones', () => {
		const withProblems = notes.find(([, i]) => i.problems.length > 0);
		expect(withProblems).toBeDefined();
		const [p, i] = withProblems as [string, IndexedIncident];
		const back = readIndexCache(written(), KEY)?.get(p)?.incident as IndexedIncident;
		expect(back.problems[0]).toBe(i.problems[0]);
	});

	it('refuses a cache written under another key or format, and text that is not a cache', () => {
		const text = written();
		expect(readIndexCache(text, '0.2.0|abc123')).toBeNull();
		expect(
			readIndexCache(text.replace(`"format":${INDEX_CACHE_FORMAT}`, `"format":${INDEX_CACHE_FORMAT + 1}`), KEY),
		).toBeNull();
		expect(readIndexCache(text.slice(0, text.length / 2), KEY)).toBeNull();
		expect(readIndexCache('', KEY)).toBeNull();
		expect(readIndexCache('[]', KEY)).toBeNull();
		expect(readIndexCache(`{"format":${INDEX_CACHE_FORMAT},"key":"${KEY}","notes":{}}`, KEY)).toBeNull();
	});

	it('drops a damaged entry and keeps the rest', () => {
		const data = JSON.parse(written()) as { notes: unknown[][] };
		// row: [path, mtime, size, [title, date, severity, status, services, id, author, tags, impact, summary,
		// rootCause, lessonsLearned, duration, declared, metrics, actionItems, links, problems]]
		const field = (k: number, v: unknown) => (row: unknown[]) => ((row[3] as unknown[])[k] = v);
		const damage: ((row: unknown[]) => void)[] = [
			field(0, 7),
			field(4, ['a', 1]),
			field(8, [1, 2]),
			field(14, null),
			field(15, [['x']]),
			field(15, [['x', null, null, null, 'no', [], 3]]),
			field(16, [['x', false, 'other', 3, 1]]),
			field(16, [['x', false, 'weird', null, 1]]),
			field(17, ['nonsense']),
			(row) => (row[1] = 'yesterday'),
			(row) => (row[3] as unknown[]).pop(),
			(row) => row.pop(),
		];
		damage.forEach((d, k) => d(data.notes[k]));
		// In the file's own layout, one note per line; the next line is not JSON at all.
		const lines = data.notes.map((n) => JSON.stringify(n));
		lines[damage.length] = lines[damage.length].slice(0, 40);
		const back = readIndexCache(indexCacheText(KEY, lines), KEY);
		expect(back?.size).toBe(notes.length - damage.length - 1);
		for (let k = 0; k < notes.length; k++) expect(back?.has(notes[k][0])).toBe(k > damage.length);
	});

	it('is JSON as a whole, and reads the same a slice of lines at a time as all at once', () => {
		const text = written();
		expect((JSON.parse(text) as { notes: unknown[] }).notes).toHaveLength(notes.length);
		const lines = indexCacheLines(text, KEY) as string[];
		expect(lines).toHaveLength(notes.length);
		const sliced = new Map<string, CachedNote>();
		for (let k = 0; k < lines.length; k += 7) readIndexCacheLines(lines, k, k + 7, sliced);
		expect(sliced).toEqual(readIndexCache(text, KEY));
		// The same data laid out otherwise (one line, or indented) is not this format: refused whole, never misread.
		expect(readIndexCache(JSON.stringify(JSON.parse(text)), KEY)).toBeNull();
		expect(readIndexCache(JSON.stringify(JSON.parse(text), null, 2), KEY)).toBeNull();
		// An index with no notes is a cache too (every note is then parsed).
		expect(readIndexCache(writeIndexCache(KEY, []), KEY)?.size).toBe(0);
	});

	it('compares stamps by both modification time and size', () => {
		expect(sameStamp({ mtime: 5, size: 10 }, { mtime: 5, size: 10 })).toBe(true);
		expect(sameStamp({ mtime: 5, size: 10 }, { mtime: 6, size: 10 })).toBe(false);
		expect(sameStamp({ mtime: 5, size: 10 }, { mtime: 5, size: 11 })).toBe(false);
	});
});

describe('re-linking', () => {
	const text = '# Outage\n\n## Related\n\n- [[INC-9 cache]]\n- [[Runbooks/restart|restart it]]\n- [[#Timeline]]\n';

	it('keeps unresolved links in the index (a note created later may be their target), not links within the note', () => {
		const i = note('Incidents/a.md', text);
		expect(i.links.map((l) => [l.target, l.resolved])).toEqual([
			['INC-9 cache', null],
			['Runbooks/restart', null],
		]);
	});

	it('resolves links again against the vault as it is now, and leaves an unchanged incident as it was', () => {
		const i = note('Incidents/a.md', text);
		const resolve = createLinkResolver(['Incidents/a.md', 'Incidents/INC-9 cache.md']);
		const r = relinkIncident(i, resolve);
		expect(r).not.toBe(i);
		expect(r.links.map((l) => l.resolved)).toEqual(['Incidents/INC-9 cache.md', null]);
		expect({ ...r, links: [] }).toEqual({ ...i, links: [] });
		expect(i.links[0].resolved).toBeNull();
		expect(relinkIncident(r, resolve)).toBe(r);
		// Gone again: unresolved again.
		expect(relinkIncident(r, createLinkResolver(['Incidents/a.md'])).links[0].resolved).toBeNull();
	});

	it('with names, resolves only links of those names', () => {
		const i = note('Incidents/a.md', text);
		const resolve = createLinkResolver(['Incidents/INC-9 cache.md', 'Runbooks/restart.md']);
		expect(relinkIncident(i, resolve, new Set(['restart'])).links.map((l) => l.resolved)).toEqual([
			null,
			'Runbooks/restart.md',
		]);
		expect(relinkIncident(i, resolve, new Set(['other']))).toBe(i);
	});

	it('names a link target and a file path the same way', () => {
		expect(linkName('Runbooks/Restart.md')).toBe('restart');
		expect(linkName('Restart')).toBe('restart');
		expect(linkName('attachments/graph.png')).toBe('graph.png');
		expect(linkName('INC-9 cache')).toBe(linkName('Incidents/INC-9 Cache.md'));
	});

	it('moves the index revision once, and only when a link now resolves differently', () => {
		const index = new IncidentIndex();
		index.replaceAll([
			['Incidents/a.md', note('Incidents/a.md', text)],
			['Incidents/b.md', note('Incidents/b.md', '# B\n\nSee [[INC-9 cache]].\n')],
		]);
		const seen: number[] = [];
		index.onChange((r) => seen.push(r));
		const resolve = createLinkResolver(['Incidents/a.md', 'Incidents/b.md', 'Incidents/INC-9 cache.md']);
		expect(index.relink(resolve, new Set(['inc-9 cache']))).toBe(true);
		expect(seen).toHaveLength(1);
		expect(index.get('Incidents/b.md')?.links[0].resolved).toBe('Incidents/INC-9 cache.md');
		expect(index.relink(resolve)).toBe(false);
		expect(seen).toHaveLength(1);
	});
});
