/**
 * The report's data and its JSON text, against the plain definitions they must keep to however they are computed:
 * incidents newest first then by title, open items by due date then path (the collator's order) then line, each
 * item the action item's fields followed by the report's; the JSON text the one JSON.stringify gives, however many
 * pieces it is written in.
 */
import { collate, byCode } from '../src/core/text/collate';
import type { ActionItem } from '../src/core/model';
import {
	buildReport,
	renderReportText,
	reportJsonStream,
	type Report,
	type ReportIncident,
} from '../src/core/views/report';

function rng(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

// Paths and titles the collator orders differently from code units, and some it holds equal ("é" composed or not).
const NAMES = [
	'alpha',
	'Alpha',
	'beta',
	'Ébène',
	'e\u0301be\u0300ne',
	'ebene',
	'zeta',
	'Zeta',
	'10-x',
	'9-x',
	'a b',
	'a-b',
	'ab',
];
const DUES = [null, '2025-01-01', '2025-02-01', '2025-02-01', '2030-01-01'];

function incidents(n: number, seed: number): ReportIncident[] {
	const r = rng(seed);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
	const out: ReportIncident[] = [];
	for (let k = 0; k < n; k++) {
		const items: ActionItem[] = [];
		const count = Math.floor(r() * 4);
		for (let j = 0; j < count; j++) {
			items.push({
				action: `Fix ${k}.${j} — café`,
				owner: r() < 0.5 ? null : pick(NAMES),
				due: pick(DUES),
				priority: r() < 0.5 ? null : 'P1',
				done: r() < 0.3,
				tickets: r() < 0.3 ? ['OPS-1'] : [],
				line: 1 + Math.floor(r() * 5),
			});
		}
		out.push({
			// Some incidents share a path (or have none): their items then order by line alone.
			path: r() < 0.1 ? null : `Incidents/${pick(NAMES)}-${Math.floor(r() * (n / 3))}.md`,
			title: `${pick(NAMES)} ${Math.floor(r() * 5)}`,
			date: r() < 0.1 ? null : pick(['2025-01-01', '2025-01-02', '2024-12-31']),
			severity: null,
			durationMinutes: null,
			declaredDurationMinutes: null,
			actionItems: items,
			links:
				r() < 0.3
					? [{ target: 'missing', alias: null, heading: null, embed: false, kind: 'other', resolved: null, line: 3 }]
					: [],
			problems: [],
		});
	}
	return out;
}

describe('buildReport', () => {
	it('orders incidents and open items as the one-comparator definition does, items as spread copies would be', () => {
		for (const seed of [1, 2, 3]) {
			const input = incidents(400, seed);
			const report = buildReport(input, [], '2025-02-01');
			const sorted = [...input].sort((a, b) => byCode(b.date ?? '', a.date ?? '') || collate(a.title, b.title));
			expect(report.incidents).toEqual(sorted);
			const expected = sorted
				.flatMap((inc) =>
					inc.actionItems
						.filter((a) => !a.done)
						.map((a) => ({
							...a,
							path: inc.path,
							incident: inc.title,
							overdue: a.due !== null && a.due < '2025-02-01',
						})),
				)
				.sort(
					(a, b) => byCode(a.due ?? '9999', b.due ?? '9999') || collate(a.path ?? '', b.path ?? '') || a.line - b.line,
				);
			expect(expected.length).toBeGreaterThan(300);
			// Same items, same order, same keys in the same order (the JSON text depends on it).
			expect(JSON.stringify(report.rollup)).toBe(JSON.stringify(expected));
			expect(report.unresolved.map((l) => l.path)).toEqual(sorted.filter((i) => i.links.length > 0).map((i) => i.path));
		}
	});

	it('does not mutate the incidents it is given', () => {
		const input = incidents(50, 9);
		const before = JSON.stringify(input);
		buildReport(input, [], '2025-02-01');
		expect(JSON.stringify(input)).toBe(before);
	});
});

/** The whole report through the stream, its incidents in batches of 256 (as a scan hands them on). */
function renderReportJson<T extends ReportIncident>(
	r: Report<T>,
	incidentJson: (i: T) => string,
	pretty: boolean,
): string[] {
	const stream = reportJsonStream(pretty);
	const out = [stream.start];
	for (let k = 0; k < r.incidents.length; k += 256)
		out.push(stream.incidents(r.incidents.slice(k, k + 256).map(incidentJson)));
	for (const piece of stream.end(r)) out.push(piece);
	return out;
}

describe('renderReportJson', () => {
	it('writes, in pieces, exactly the text JSON.stringify gives for the whole report, compact and indented', () => {
		for (const n of [0, 1, 255, 256, 257, 600]) {
			const report = buildReport(incidents(n, n + 1), [{ path: 'x.md', reason: 'not an incident note' }], '2025-02-01');
			const whole = {
				incidents: report.incidents,
				actionItems: report.rollup,
				unresolvedLinks: report.unresolved,
				skipped: report.skipped,
			};
			const compact = renderReportJson(report, (i) => JSON.stringify(i), false);
			expect(compact.join('')).toBe(JSON.stringify(whole) + '\n');
			const pretty = renderReportJson(report, (i) => JSON.stringify(i, null, 2), true);
			expect(pretty.join('')).toBe(JSON.stringify(whole, null, 2) + '\n');
			// Large reports really are written in several pieces, none holding the whole incident list.
			if (n > 256) expect(compact.length).toBeGreaterThan(3);
		}
	});
});

describe('reportJsonStream', () => {
	it('joined, its pieces are JSON.stringify of the report with the incidents in the order given, however batched', () => {
		// Batches of every shape a scan hands on: empty ones (a batch of runbooks), one, and uneven sizes.
		const splits: number[][] = [[], [0], [0, 0, 3], [1, 0, 2, 0], [5, 0], [2, 2, 1]];
		for (const split of splits) {
			const n = split.reduce((a, b) => a + b, 0);
			const given = incidents(n, n + 3);
			const report = buildReport(given, [{ path: 'r.md', reason: 'binary' }], '2025-02-01');
			for (const pretty of [false, true]) {
				const stream = reportJsonStream(pretty);
				const pieces = [stream.start];
				let at = 0;
				for (const size of split) {
					pieces.push(
						stream.incidents(given.slice(at, at + size).map((i) => JSON.stringify(i, null, pretty ? 2 : undefined))),
					);
					at += size;
				}
				for (const piece of stream.end(report)) pieces.push(piece);
				const whole = {
					incidents: given,
					actionItems: report.rollup,
					unresolvedLinks: report.unresolved,
					skipped: report.skipped,
				};
				expect(pieces.join('')).toBe(JSON.stringify(whole, null, pretty ? 2 : undefined) + '\n');
			}
		}
	});

	it('keeps a control character in a note out of the terminal: escaped as \\u in the incidents and the rest', () => {
		const given = [{ ...incidents(1, 1)[0], title: 'bad \u001b[2J title' }];
		const stream = reportJsonStream(false);
		const text =
			stream.start +
			stream.incidents(given.map((i) => JSON.stringify(i))) +
			stream.end(buildReport(given, [], '2025-02-01')).join('');
		expect(text).not.toContain('\u001b[');
		expect((JSON.parse(text) as { incidents: { title: string }[] }).incidents[0].title).toBe('bad \u001b[2J title');
	});
});

describe('renderReportText: skipped files', () => {
	it('one line per reason with the first ten files named, not one line per file', () => {
		const skipped = [
			...Array.from({ length: 12 }, (_, k) => ({ path: `Runbooks/r${k}.md`, reason: 'not an incident note' })),
			{ path: 'logo.md', reason: 'binary' },
		];
		const text = renderReportText(buildReport([], skipped, '2025-01-01'));
		const lines = text.slice(text.indexOf('Skipped (13)')).trim().split('\n');
		expect(lines).toEqual([
			'Skipped (13)',
			'',
			`not an incident note (12): ${Array.from({ length: 10 }, (_, k) => `Runbooks/r${k}.md`).join(', ')} and 2 more`,
			'binary (1): logo.md',
		]);
	});
});
