import { createLinkResolver } from '../src/core';

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
