/**
 * @jest-environment jsdom
 *
 * Properties over generated input (fast-check): the parser never throws on any string, and every write changes
 * only the bytes it means to — line endings, other lines and the body outside the frontmatter stay as they were.
 */
import fc from 'fast-check';
import { formatClock } from '../src/core/time/clock';
import { findDate, findDateTimes } from '../src/core/time/date-times';
import { addDays, dayNumber, isoDayNumber } from '../src/core/time/dates';
import { parseIncident } from '../src/core';
import { stripMarkdown } from '../src/core/text/markdown';
import { collapseWhitespace, LONG_TEXT } from '../src/core/text/chars';
import { durationUpdate, withoutComputedKeys } from '../src/core/write/duration-update';
import { parseYaml } from './helpers';
import { createApp } from './stubs/obsidian';

// Reproducible in CI; FC_SEED=<n> explores other inputs locally.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261122) });

/** Lines that look like every part of a postmortem, to reach deep into the parser. */
const FRAGMENTS = [
	'# Title',
	'## Timeline',
	'## Action Items',
	'## Root Cause',
	'**Timeline:**',
	'Timeline:',
	'Follow-up tasks:',
	'## Related Incidents',
	'| Time | Event |',
	'|---|---|',
	'| 10:00 | alert |',
	'| Action | Owner | Due | Status |',
	'| fix | sam | 2025-01-01 | Open |',
	'- 10:00 alert fired',
	'9:30 AM: users reported',
	'- **11:00 AM:** resolved',
	'* 23:59 midnight',
	'- [ ] task @bob 📅 2025-02-02 ⏫',
	'- [x] done',
	'Duration: 2 hours and 15 minutes',
	'Owner: Ops',
	'Due Date: March 3, 2025',
	'[[link|alias]]',
	'![[embed.png]]',
	'```',
	'~~~',
	'> quote',
	'---',
	'title: "x"',
	'date: 2025-01-01',
	'- plain bullet',
	'1. numbered',
	'Some prose that wraps and',
	'continues here.',
	'',
	'\t',
	'\r',
	'|||',
	'[[',
	']]',
];

const noteArb = fc
	.array(
		fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 20 })),
		{ maxLength: 60 },
	)
	.chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol)));

describe('the parser on any input', () => {
	it('never throws, and what it returns stays within the note', () => {
		fc.assert(
			fc.property(
				fc.oneof(noteArb, fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ maxLength: 400 })),
				(text) => {
					const lines = text.split(/\r\n|\n|\r/).length;
					const i = parseIncident(text, { parseYaml, path: 'n.md', resolveLink: () => null });
					expect(i.durationMinutes === null || i.durationMinutes >= 0).toBe(true);
					for (const x of [...i.timeline, ...i.actionItems, ...i.links])
						expect(x.line >= 1 && x.line <= lines).toBe(true);
					for (const p of i.problems) expect(p.line === null || (p.line >= 1 && p.line <= lines)).toBe(true);
				},
			),
			{ numRuns: 1500 },
		);
	});
});

// Writers in place (ticking, frontmatter keys, related links, convert) are proven in tests/write-oracles.test.ts.
describe('writes change only what they mean to', () => {
	it('writing the duration through processFrontMatter leaves the body byte-identical and keeps the other keys', async () => {
		await fc.assert(
			fc.asyncProperty(
				noteArb,
				fc.dictionary(fc.constantFrom('title', 'owner', 'team', 'sev'), fc.string({ maxLength: 12 }), { maxKeys: 3 }),
				async (body, extra) => {
					const fm = Object.entries(extra).map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
					const text = (fm.length ? `---\n${fm.join('\n')}\n---\n` : '') + body.replace(/^---/, 'x');
					const app = createApp({ 'n.md': text });
					const file = app.vault.getFileByPath('n.md');
					if (!file) throw new Error('no file');
					const incident = parseIncident(text, { parseYaml });
					if (incident.problems.some((p) => p.code.startsWith('frontmatter'))) return;
					const u = durationUpdate(
						incident,
						parseIncident(text, { frontmatter: withoutComputedKeys(incident.frontmatter) }),
						'first-last',
						true,
					);
					await app.fileManager.processFrontMatter(file, (data) =>
						Object.assign(data, u.fields, { duration_minutes: 5 }),
					);
					const out = await app.vault.read(file);
					const bodyOf = (t: string): string => (t.startsWith('---\n') ? t.slice(t.indexOf('\n---\n', 3) + 5) : t);
					expect(bodyOf(out)).toBe(fm.length ? bodyOf(text) : text);
					const after = parseYaml(out.slice(4, out.indexOf('\n---\n', 3))) as Record<string, unknown>;
					for (const [k, v] of Object.entries(extra)) expect(after[k]).toBe(v);
				},
			),
			{ numRuns: 300 },
		);
	});
});

describe('stripping markdown', () => {
	// stripMarkdown skips each rewrite the text cannot need; the reference runs them all, in the same order.
	const reference = (s: string): string =>
		s
			.replace(/\ufeff/g, '')
			.replace(/\\([!-/:-@[-`{}~])/g, (_m, c: string) => String.fromCharCode(0xe000 + c.charCodeAt(0)))
			.replace(/!?\[\[([^[\]|#]*)(?:#[^[\]|]*)?\|([^[\]]*)\]\]/g, '$2')
			.replace(/!?\[\[([^[\]|#]*)(?:#([^[\]]*))?\]\]/g, (_m, t: string, h: string | undefined) =>
				t ? (t.split('/').pop() ?? t) : (h ?? ''),
			)
			.replace(/!\[([^[\]]*)\]\([^()]*\)/g, '$1')
			.replace(/\[([^[\]]*)\]\([^()]*\)/g, '$1')
			.replace(/(\*\*|__)(.*?)\1/g, '$2')
			.replace(/(^|[^\w*])\*(?!\s)([^*]+?)\*(?!\w)/g, '$1$2')
			.replace(/(^|[^\w_])_(?!\s)([^_]+?)_(?!\w)/g, '$1$2')
			.replace(/~~(.*?)~~/g, '$1')
			.replace(/==(.*?)==/g, '$1')
			.replace(/`([^`]*)`/g, '$1')
			// CommonMark's autolinks (the address stays) and HTML tags and comments (they go); any other < is text.
			.replace(/<((?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]{1,2000})|(?:[^\s<>@]{1,64}@[^\s<>@]{1,255}))>/g, '$1')
			.replace(/<(?:\/?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>]{0,200})?\/?|!--[^<>]{0,200}--)>/g, '')
			.replace(/[\ue021-\ue07e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000))
			.replace(/\s+/g, ' ')
			.trim();
	const tokens = fc.constantFrom(
		'[[',
		']]',
		'|',
		'#',
		'](',
		'(',
		')',
		'!',
		'[',
		']',
		'**',
		'__',
		'*',
		'_',
		'~~',
		'==',
		'`',
		'<b>',
		'</i>',
		'<https://x.y/z>',
		'<!-- c -->',
		'@',
		'<',
		'>',
		'\\',
		'\\*',
		'\\[',
		' ',
		'  ',
		'\t',
		'\u00a0',
		'\u2009',
		'\ufeff',
		'a',
		'word',
		'/',
	);
	it('gives what every rewrite in turn would give, on any text', () => {
		fc.assert(
			fc.property(fc.array(fc.oneof(tokens, fc.string({ maxLength: 6 })), { maxLength: 16 }), (parts) => {
				const s = parts.join('');
				expect(stripMarkdown(s)).toBe(reference(s));
			}),
			{ numRuns: 5000 },
		);
	});
});

describe('collapsing whitespace', () => {
	// collapseWhitespace leaves single spaces alone instead of rewriting each as itself; the reference rewrites every run.
	const spaces = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2009', '\u2028', '\u3000', '\ufeff', '\v');
	it('gives s.replace(/\\s+/g, " ").trim() on any text', () => {
		fc.assert(
			fc.property(
				fc.array(fc.oneof(spaces, fc.constantFrom('a', 'bc', '-', ':'), fc.string({ maxLength: 4 })), {
					maxLength: 20,
				}),
				(parts) => {
					const s = parts.join('');
					expect(collapseWhitespace(s)).toBe(s.replace(/\s+/g, ' ').trim());
					// Long texts are collapsed by hand (LONG_TEXT): the same, lone surrogates and all.
					const long = (s + '\ud800 ').repeat(Math.ceil(LONG_TEXT / (s.length + 2)) + 1);
					expect(collapseWhitespace(long)).toBe(long.replace(/\s+/g, ' ').trim());
				},
			),
			{ numRuns: 2000 },
		);
	});
});

describe('finding the first dated token', () => {
	// findDate skips text without four digits in a row; the reference is the full token-by-token search.
	const reference = (s: string): unknown => findDateTimes(s).find((m) => m.date && !m.yearMissing)?.date ?? null;
	const pieces = fc.constantFrom(
		'2025-03-01',
		'03/25/2023',
		'25.03.2023',
		'March 25th, 2023',
		'7 Nov 2024',
		'Nov 7',
		'10:05',
		'12/31',
		'999',
		'1899-01-01',
		'on ',
		' at ',
		'sev 2',
		'[[2024-02-30]]',
		'**',
		' ',
	);
	it('agrees with the full search on any text', () => {
		fc.assert(
			fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 8 })), { maxLength: 12 }), (parts) => {
				const s = parts.join('');
				expect(findDate(s)).toEqual(reference(s));
			}),
			{ numRuns: 3000 },
		);
	});
});

describe('calendar arithmetic', () => {
	// dayNumber / addDays compute by formula (no Date objects on the hot path); the reference is Date.UTC.
	const refDay = (y: number, m: number, d: number): number => Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
	it('agrees with Date.UTC for every day from 1900 to 2200, and across month ends', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1900, max: 2200 }),
				fc.integer({ min: 1, max: 12 }),
				fc.integer({ min: 1, max: 31 }),
				fc.integer({ min: -800, max: 800 }),
				(y, m, d, n) => {
					expect(dayNumber({ y, m, d })).toBe(refDay(y, m, d));
					const x = new Date(Date.UTC(y, m - 1, d + n));
					expect(addDays({ y, m, d }, n)).toEqual({ y: x.getUTCFullYear(), m: x.getUTCMonth() + 1, d: x.getUTCDate() });
				},
			),
			{ numRuns: 5000 },
		);
		// Leap days, century years and the ends of the range, explicitly.
		for (const [y, m, d] of [
			[2000, 2, 29],
			[1900, 2, 28],
			[1900, 3, 1],
			[2100, 2, 28],
			[2100, 3, 1],
			[2024, 2, 29],
			[2200, 12, 31],
			[1900, 1, 1],
		]) {
			expect(dayNumber({ y, m, d })).toBe(refDay(y, m, d));
			expect(addDays({ y, m, d }, 1)).toEqual(addDays(addDays({ y, m, d }, 2), -1));
		}
	});

	it('formats every clock time of the day, with and without seconds', () => {
		for (let k = 0; k < 1440; k += 7) {
			const h = Math.floor(k / 60);
			const mi = k % 60;
			expect(formatClock({ h, mi, s: null })).toBe(`${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`);
			expect(formatClock({ h, mi, s: 5 })).toBe(`${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:05`);
		}
	});
});

describe('isoDayNumber', () => {
	it('counts days as Date.parse does for every YYYY-MM-DD text, and refuses what is not one', () => {
		const day = (s: string): number | null => {
			const t = Date.parse(`${s}T12:00:00Z`);
			return Number.isNaN(t) ? null : Math.floor(t / 86_400_000);
		};
		const pad = (n: number, w: number): string => String(n).padStart(w, '0');
		fc.assert(
			fc.property(
				fc.integer({ min: 1000, max: 9999 }),
				fc.integer({ min: 1, max: 12 }),
				fc.integer({ min: 1, max: 31 }),
				(y, m, d) => {
					const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
					expect(isoDayNumber(s)).toBe(day(s));
				},
			),
			{ numRuns: 2000 },
		);
		for (const bad of [
			'',
			'2025-1-01',
			'2025-13-01',
			'2025-00-10',
			'2025-01-00',
			'2025-01-32',
			'2025/01/01',
			'2025-01-0x',
		])
			expect(isoDayNumber(bad)).toBeNull();
	});
});
