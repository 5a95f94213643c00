import { createLinkResolver, parseIncident } from '../src/core';

describe("link resolution by Obsidian's shortest-path rule", () => {
	const resolve = createLinkResolver([
		'Incidents/2025/2025-01-09-db-failover.md',
		'Runbooks/db-failover.md',
		'Archive/Runbooks/db-failover.md',
		'Incidents/2025/notes.md',
		'notes.md',
		'Reports/plain report.txt',
	]);

	it('resolves a bare name to the only file with that name, without extension', () => {
		expect(resolve('2025-01-09-db-failover', 'anywhere.md')).toBe('Incidents/2025/2025-01-09-db-failover.md');
	});

	it('prefers an exact vault path', () => {
		expect(resolve('Archive/Runbooks/db-failover', 'Incidents/2025/x.md')).toBe('Archive/Runbooks/db-failover.md');
		expect(resolve('Runbooks/db-failover.md', 'x.md')).toBe('Runbooks/db-failover.md');
	});

	it('between files of the same name, prefers the linking note’s folder, then the shortest path', () => {
		expect(resolve('notes', 'Incidents/2025/other.md')).toBe('Incidents/2025/notes.md');
		expect(resolve('notes', 'Elsewhere/x.md')).toBe('notes.md');
		expect(resolve('db-failover', 'Incidents/2025/x.md')).toBe('Runbooks/db-failover.md');
	});

	it('resolves partial paths by their ending, ignores case, and says null when missing', () => {
		expect(resolve('runbooks/DB-FAILOVER', 'x.md')).toBe('Runbooks/db-failover.md');
		expect(resolve('plain report', 'x.md')).toBe('Reports/plain report.txt');
		expect(resolve('no-such-note', 'x.md')).toBeNull();
		expect(resolve('', 'x.md')).toBeNull();
	});
});

describe('Markdown links to notes', () => {
	const resolve = createLinkResolver([
		'Incidents/2025-01-09 DB failover.md',
		'Runbooks/db-failover.md',
		'img/graph.png',
	]);
	const links = (body: string) =>
		parseIncident(`# Cache outage\n\n${body}\n`, { path: 'Incidents/2025-02-01 cache.md', resolveLink: resolve }).links;

	it('are links, resolved and classified as wikilinks are', () => {
		const found = links(
			'See [the failover runbook](../Runbooks/db-failover.md) and [last time](<2025-01-09 DB failover.md#Timeline>).',
		);
		expect(found.map((l) => [l.target, l.alias, l.heading, l.kind, l.resolved])).toEqual([
			['../Runbooks/db-failover.md', 'the failover runbook', null, 'runbook', 'Runbooks/db-failover.md'],
			['2025-01-09 DB failover.md', 'last time', 'Timeline', 'incident', 'Incidents/2025-01-09 DB failover.md'],
		]);
	});

	it('decode %20, and keep their order with wikilinks on the same line', () => {
		const found = links('[[Runbooks/db-failover]] then [again](2025-01-09%20DB%20failover.md)');
		expect(found.map((l) => l.resolved)).toEqual(['Runbooks/db-failover.md', 'Incidents/2025-01-09 DB failover.md']);
	});

	it('but web addresses, web paths, anchors and images are not links to notes', () => {
		const found = links(
			'[site](https://example.com/a.md) [mail](mailto:a@b.c) [page](/2023/03/07/redesign/) [top](#summary) ![graph](img/graph.png) `[code](x.md)`',
		);
		expect(found).toEqual([]);
	});
});

describe('a resolver answers each link as written where it is written', () => {
	it('gives notes in different folders their own answer for the same target, however often asked', () => {
		const resolve = createLinkResolver(['Team A/db.md', 'Team B/db.md', 'Team A/x.md', 'Team B/y.md', 'top.md']);
		for (let round = 0; round < 3; round++) {
			expect(resolve('db', 'Team A/x.md')).toBe('Team A/db.md');
			expect(resolve('db', 'Team B/y.md')).toBe('Team B/db.md');
			expect(resolve('db', 'Team B\\y.md')).toBe('Team B/db.md');
			expect(resolve('../top', 'Team A/x.md')).toBe('top.md');
			expect(resolve('nothing', 'Team A/x.md')).toBeNull();
		}
	});
});
