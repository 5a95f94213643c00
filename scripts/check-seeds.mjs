#!/usr/bin/env node
// Runs the built CLI over the shared seed postmortems and checks the values issue #2 requires of each.
// Usage: node scripts/check-seeds.mjs <seeds folder>    (prints one PASS/FAIL line per check, exits 1 on any FAIL)
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? '../shared/seeds';
const json = JSON.parse(execFileSync(process.execPath, ['dist/cli.js', 'report', '--json', dir], { encoding: 'utf8' }));
const byPrefix = (p) => json.incidents.find((i) => path.basename(i.path).startsWith(p));

const expected = {
	'000_': (i) => [
		['date', i.date, '2025-07-31'],
		['durationMinutes', i.durationMinutes, 22],
		['declaredDurationMinutes', i.declaredDurationMinutes, 22],
		['severity', i.severity, 'P2'],
		['status', i.status, 'resolved'],
		['services', JSON.stringify(i.services), JSON.stringify(['auth-service', 'inventory-api'])],
		['timeline rows', i.timeline.length, 7],
		['action items', i.actionItems.length, 4],
		['every action item has priority, owner and due', i.actionItems.every((a) => a.priority && a.owner && a.due), true],
		['link kinds', i.links.map((l) => l.kind).join(','), 'incident,runbook,other'],
	],
	'001_': (i) => [
		['date', i.date, '2023-03-25'],
		['durationMinutes', i.durationMinutes, 630],
		['declaredDurationMinutes', i.declaredDurationMinutes, 1830],
		['timeline rows', i.timeline.length, 11],
		[
			'duration-mismatch warning',
			i.problems.some((p) => p.code === 'duration-mismatch' && p.level === 'warning'),
			true,
		],
		['at least 5 action items', i.actionItems.length >= 5, true],
	],
	'002_': (i) => [
		['date', i.date, '2024-04-14'],
		['durationMinutes', i.durationMinutes, 120],
		['declaredDurationMinutes', i.declaredDurationMinutes, 120],
		['timeline rows', i.timeline.length, 7],
		['at least 5 action items', i.actionItems.length >= 5, true],
	],
	'003_': (i) => [
		['date', i.date, null],
		['durationMinutes', i.durationMinutes, 240],
		['declaredDurationMinutes', i.declaredDurationMinutes, 240],
		[
			'timed rows include 11:00, 12:00, 15:00',
			['11:00', '12:00', '15:00'].every((t) => i.timeline.some((e) => e.time === t)),
			true,
		],
		['at least 4 action items', i.actionItems.length >= 4, true],
	],
	'004_': (i) => [
		['date', i.date, '2024-11-07'],
		['durationMinutes', i.durationMinutes, 135],
		['declaredDurationMinutes', i.declaredDurationMinutes, 135],
		['severity', i.severity, 'High'],
		['action items', i.actionItems.length, 4],
		['every owner is Operations Manager', i.actionItems.every((a) => a.owner === 'Operations Manager'), true],
		['every due is 2024-11-14', i.actionItems.every((a) => a.due === '2024-11-14'), true],
	],
};

let passed = 0;
let failed = 0;
const files = readdirSync(dir).filter((f) => !f.startsWith('.'));
for (const [prefix, checks] of Object.entries(expected)) {
	if (!files.some((f) => f.startsWith(prefix))) continue;
	const inc = byPrefix(prefix);
	if (!inc) {
		console.log(`FAIL ${prefix}: not reported (skipped: ${JSON.stringify(json.skipped)})`);
		failed++;
		continue;
	}
	for (const [name, got, want] of checks(inc)) {
		const ok = JSON.stringify(got) === JSON.stringify(want);
		console.log(
			`${ok ? 'PASS' : 'FAIL'} ${prefix} ${name}: ${JSON.stringify(got)}${ok ? '' : ` (expected ${JSON.stringify(want)})`}`,
		);
		if (ok) passed++;
		else failed++;
	}
}
console.log(`seeds: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
