/**
 * Every writer proven on generated notes (fast-check, fixed seed, 10,000 notes each) by oracles that do not use the
 * writer's own logic: the text outside the intended change is byte-identical (compared line by line with each line's
 * own break), the intended change is there, the frontmatter reads back (js-yaml) with the same value for every other
 * key, and parsing again gives the same incident except for what was meant to change. The notes are built from the
 * fragments that broke writers before: `status:` in item text, pipes, callouts and quotes, YAML anchors, comments,
 * block values and quoted keys, code fences and HTML comments, CRLF, lone CR, mixed endings and a byte-order mark.
 */
import fc from 'fast-check';
import yaml from 'js-yaml';
import { parseIncident, type Incident } from '../src/core';
import { convertToRca, ORIGINAL_CALLOUT } from '../src/core/write/convert';
import { setFrontmatterFields } from '../src/core/write/frontmatter-edit';
import { insertRelatedLink } from '../src/core/write/related-link';
import { tickActionItem } from '../src/core/write/toggle-item';
import { parseYaml } from './helpers';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261201) });
const RUNS = Number(process.env.ORACLE_RUNS ?? 10_000);

const FRONTMATTER = [
	'title: Checkout errors',
	'title: "A: quoted # not a comment"',
	'severity: SEV2 # major',
	'# related incidents',
	'# a comment',
	'duration_minutes: 30',
	'duration_minutes: 30 # guess',
	'duration_minutes: &d 30',
	'estimate: *d',
	'"duration_minutes": 30',
	'duration_minutes: >',
	'  about 40 minutes',
	'duration_minutes:',
	'  - 40',
	'duration_minutes:',
	'  value: 40',
	'meta: {duration_minutes: 30, other: 1}',
	'ttr_minutes: 12',
	'tags: [rca, "x, y"]',
	'services:',
	'  - checkout',
	'notes: |',
	'  line one',
	'  ## Related incidents',
	'date: 2025-03-01',
	'started_at: 2025-03-01T10:00:00Z',
	'status: "status: degraded"',
];

const BODY = [
	'# Title',
	'## Timeline',
	'| Time | Event |',
	'|---|---|',
	'| 10:00 | alert fired |',
	'- 10:05 on-call acknowledged',
	'- 10:40 rolled back, resolved',
	'## Action Items',
	'## Action items',
	'- [ ] Rename the "status: degraded" banner to "partial outage" @sam',
	'- [ ] Add alert @sam',
	'- [ ] Add alert @bob',
	'- [x] Fix OPS-12 (owner: kim, due 2025-04-01)',
	'- Follow up with the vendor (Status: In Progress)',
	'1. Write the runbook',
	'* [ ] Page the DB team 📅 2025-05-05',
	'| Action | Owner | Status |',
	'|---|---|---|',
	'| Fix the pool | sam | Open |',
	'| Add a | pipe \\| inside | Open |',
	'Action | Owner | Status',
	'--- | --- | ---',
	'Add alert | sam | Open',
	'| Action | Owner |',
	'| Retry budget | lee |',
	'> [!todo] Follow-ups',
	'> | Fix | sam | Open |',
	'> - [ ] Quoted task @amy',
	'> quoted prose',
	'Plain task line for ops',
	'```',
	'## Related incidents',
	'- [ ] 10:00 inside code',
	'~~~',
	'<!-- ## Related incidents',
	'- [ ] commented task -->',
	'<!-- one-line comment -->',
	'## Related Incidents',
	'## See also',
	'- [[2025-01-01-older-outage]]',
	'- [[new-incident]]',
	'  continued note',
	'## Notes',
	'Some prose that wraps and',
	'continues here.',
	'',
	'',
	'---',
	'status: Open',
	'#incident',
];

const EOLS = ['\n', '\r\n', '\r'];

/** A note: an optional frontmatter block, body lines, each line with its own break, maybe a byte-order mark. */
const noteArb = fc
	.record({
		bom: fc.boolean(),
		fm: fc.option(fc.array(fc.constantFrom(...FRONTMATTER), { maxLength: 8 }), { nil: null }),
		body: fc.array(
			fc.oneof(
				{ weight: 8, arbitrary: fc.constantFrom(...BODY) },
				{ weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
			),
			{ maxLength: 30 },
		),
		eols: fc.array(fc.constantFrom(...EOLS, '\n', '\n', '\r\n'), { minLength: 40, maxLength: 40 }),
		end: fc.constantFrom('', '\n', '\r\n', '\n\n'),
	})
	.map(({ bom, fm, body, eols, end }) => {
		const lines = fm === null ? body : ['---', ...fm, '---', ...body];
		return (
			(bom ? '\ufeff' : '') +
			lines.map((l, k) => l + (k < lines.length - 1 ? eols[k % eols.length] : '')).join('') +
			end
		);
	});

/** The lines of a text, each with its own break: joined, they are the text. Written here, not taken from src. */
function pieces(text: string): string[] {
	const out: string[] = [];
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '\n' || c === '\r') {
			const end = c === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
			out.push(text.slice(start, end));
			start = end;
			i = end - 1;
		}
	}
	out.push(text.slice(start));
	return out;
}

const bare = (piece: string): string => piece.replace(/(?:\r\n|\n|\r)$/, '');
const breakOf = (piece: string): string => piece.slice(bare(piece).length);

/** Everything a re-parse gives that a tick must not change, line numbers kept. */
function withoutItemsAndProblems(i: Incident): unknown {
	const { actionItems: _a, problems: _p, ...rest } = i;
	return rest;
}

describe('ticking an action item: only its status changes', () => {
	const TASK = /^(\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+\[)(.)(\]\s)/;
	const LIST = /^(\s*(?:>\s*)*(?:[-*+•]|\d+[.)])\s+)/;

	it(`on ${RUNS} generated notes: every other byte kept, the item ticked, nothing else re-parses differently`, () => {
		let ticked = 0;
		let refused = 0;
		fc.assert(
			fc.property(noteArb, fc.nat(), fc.boolean(), (text, pick, done) => {
				const before = parseIncident(text);
				if (before.actionItems.length === 0) return;
				const item = before.actionItems[pick % before.actionItems.length];
				const r = tickActionItem(text, item, done);
				const a = pieces(text);
				const lineOf = (k: number): string => bare(a[k]).replace(/^\ufeff/, '');
				const raw = lineOf(item.line - 1);
				if (!r.ok) {
					// A task line can always be ticked; a refusal is for lines that cannot change in place.
					refused++;
					expect(TASK.test(raw)).toBe(false);
					return;
				}
				if (!r.changed) {
					expect(item.done).toBe(done);
					expect(r.text).toBe(text);
					return;
				}
				ticked++;
				const b = pieces(r.text);
				expect(b.length).toBe(a.length);
				for (let k = 0; k < a.length; k++) {
					if (k === item.line - 1) expect(breakOf(b[k])).toBe(breakOf(a[k]));
					else expect(b[k]).toBe(a[k]);
				}
				const now = bare(b[item.line - 1]).replace(/^\ufeff/, '');
				const box = TASK.exec(raw);
				if (box) {
					// Exactly the checkbox character.
					expect(now).toBe(raw.slice(0, box[1].length) + (done ? 'x' : ' ') + raw.slice(box[1].length + 1));
				} else if (LIST.test(raw) && !raw.includes('|')) {
					const marker = (LIST.exec(raw) as RegExpExecArray)[1];
					expect(now).toBe(`${marker}[${done ? 'x' : ' '}] ${raw.slice(marker.length)}`);
				} else {
					// A table row: the same cells, one of them (the status, or the action's checkbox) changed.
					const cells = (l: string): string[] => l.replace(/\\\|/g, '\u0000').split('|');
					const x = cells(raw);
					const y = cells(now);
					expect(y.length).toBe(x.length);
					expect(x.filter((c, k) => c !== y[k]).length).toBe(1);
				}
				const after = parseIncident(r.text);
				expect(withoutItemsAndProblems(after)).toEqual(withoutItemsAndProblems(before));
				expect(after.actionItems).toEqual(before.actionItems.map((x) => (x.line === item.line ? { ...x, done } : x)));
			}),
			{ numRuns: RUNS },
		);
		// The generator reaches both outcomes.
		expect(ticked).toBeGreaterThan(RUNS / 8);
		expect(refused).toBeGreaterThan(10);
	});
});

describe('updating frontmatter keys: only their lines change', () => {
	const SIMPLE = /^(?:[A-Za-z_][\w-]*: [^&*!|>{[#'"\s][^#]*?(?: #.*)?|#.*|)$/;

	it(`on ${RUNS} generated notes: body and other lines kept, other keys the same, the values set`, () => {
		let written = 0;
		fc.assert(
			fc.property(noteArb, fc.integer({ min: 0, max: 5000 }), (text, minutes) => {
				const fields = { duration_minutes: minutes, ttr_minutes: minutes + 1 };
				const r = setFrontmatterFields(text, fields, parseYaml);
				const a = pieces(text);
				const hasBlock = bare(a[0]).replace(/^\ufeff/, '') === '---';
				const close = hasBlock ? a.findIndex((p, k) => k > 0 && /^(?:---|\.\.\.)\s*$/.test(bare(p))) : -1;
				const yamlOf = (ps: string[], end: number): string => ps.slice(1, end).map(bare).join('\n');
				let before: Record<string, unknown> | null = null;
				try {
					before = hasBlock && close > 0 ? ((yaml.load(yamlOf(a, close)) as Record<string, unknown> | null) ?? {}) : {};
				} catch {
					before = null;
				}
				if (!r.ok) {
					// Refused only for a block that is broken, not a map, or writes a key in a form not edited in place.
					const plainBlock = hasBlock && close > 0 && a.slice(1, close).every((p) => SIMPLE.test(bare(p)));
					expect(
						before === null ||
							typeof before !== 'object' ||
							Array.isArray(before) ||
							!plainBlock ||
							(hasBlock && close === -1),
					).toBe(true);
					return;
				}
				written++;
				const b = pieces(r.text);
				if (!hasBlock) {
					// A new block at the top, after a byte-order mark; the note itself after it, byte for byte.
					const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
					expect(r.text.startsWith(`${bom}---`)).toBe(true);
					expect(r.text.endsWith(text.slice(bom.length))).toBe(true);
				} else {
					const newClose = b.findIndex((p, k) => k > 0 && /^(?:---|\.\.\.)\s*$/.test(bare(p)));
					// The body after the block, byte for byte.
					expect(b.slice(newClose).join('')).toBe(a.slice(close).join(''));
					// Inside the block: each old line kept or its key's line rewritten; new lines only the keys set.
					const kept = b.slice(1, newClose).filter((p) => !/^(?:duration_minutes|ttr_minutes):/.test(p));
					expect(kept).toEqual(a.slice(1, close).filter((p) => !/^(?:duration_minutes|ttr_minutes):/.test(p)));
					expect(b[0]).toBe(a[0]);
				}
				const start = r.text.startsWith('\ufeff') ? 1 : 0;
				const after = yaml.load(
					yamlOf(
						pieces(r.text.slice(start)),
						pieces(r.text.slice(start)).findIndex((p, k) => k > 0 && /^(?:---|\.\.\.)\s*$/.test(bare(p))),
					),
				) as Record<string, unknown>;
				expect(after.duration_minutes).toBe(minutes);
				expect(after.ttr_minutes).toBe(minutes + 1);
				for (const [k, v] of Object.entries(before ?? {})) if (!(k in fields)) expect(after[k]).toEqual(v);
				// The body reads the same.
				// Line numbers move by the lines a new block adds; everything else stays.
				const unlined = <T extends { line: number }>(xs: T[]): Omit<T, 'line'>[] => xs.map(({ line: _l, ...x }) => x);
				const pick = (i: Incident): unknown => ({
					timeline: unlined(i.timeline),
					actionItems: unlined(i.actionItems),
					links: unlined(i.links),
					summary: i.summary,
					rootCause: i.rootCause,
				});
				expect(pick(parseIncident(r.text, { parseYaml }))).toEqual(pick(parseIncident(text, { parseYaml })));
			}),
			{ numRuns: RUNS },
		);
		expect(written).toBeGreaterThan(RUNS / 3);
	});
});

describe('linking a related incident: one line added, in the body, under a related heading', () => {
	/** Lines outside the frontmatter, code fences and HTML comments: where a link may be written. Written here. */
	function openLines(ls: string[]): boolean[] {
		const open: boolean[] = ls.map(() => true);
		let k = 0;
		if (ls[0]?.trim() === '---') {
			const close = ls.findIndex((l, i) => i > 0 && /^(?:---|\.\.\.)\s*$/.test(l));
			if (close > 0) for (; k <= close; k++) open[k] = false;
		}
		let fence: string | null = null;
		let comment = false;
		for (; k < ls.length; k++) {
			const l = ls[k];
			if (comment) {
				open[k] = false;
				if (l.includes('-->')) comment = false;
				continue;
			}
			const f = /^ {0,3}(`{3,}|~{3,})/.exec(l);
			if (fence !== null) {
				open[k] = false;
				if (f && f[1][0] === fence[0] && f[1].length >= fence.length && l.trim() === f[1]) fence = null;
			} else if (f) {
				fence = f[1];
				open[k] = false;
			} else if (l.includes('<!--') && !l.slice(l.indexOf('<!--') + 4).includes('-->')) {
				comment = true;
				open[k] = !l.trim().startsWith('<!--');
			}
		}
		return open;
	}

	it(`on ${RUNS} generated notes: removing the new lines gives the note back, and the link is where it belongs`, () => {
		let added = 0;
		fc.assert(
			fc.property(noteArb, (text) => {
				const link = '[[Target incident 42]]';
				const r = insertRelatedLink(text, link);
				if (!r.ok) {
					expect(r.reason).toMatch(/ends inside/);
					return;
				}
				if (!r.changed) return;
				added++;
				const a = pieces(text);
				const b = pieces(r.text);
				// The new lines are one run; without them the old lines are all there, in order, each with its break (the
				// line before the run may gain one, when it ended the note without).
				const A = a.map(bare);
				const B = b.map(bare);
				let s = 0;
				while (s < A.length && A[s] === B[s]) s++;
				const inserted = B.length - A.length;
				expect(inserted >= 1 && inserted <= 5).toBe(true);
				expect(B.slice(0, s)).toEqual(A.slice(0, s));
				expect(B.slice(s + inserted)).toEqual(A.slice(s));
				for (let k = 0; k < A.length; k++)
					if (k !== s - 1 && k < a.length - 1) expect(breakOf(b[k < s ? k : k + inserted])).toBe(breakOf(a[k]));
				const ls = B.map((l) => l.replace(/^\ufeff/, ''));
				const at = ls.findIndex((l) => l.endsWith(link));
				expect(at).toBeGreaterThanOrEqual(0);
				expect(openLines(ls)[at]).toBe(true);
				// Under a markdown heading about related incidents (the nearest heading above, outside code).
				const open = openLines(ls);
				let h = at - 1;
				while (h >= 0 && !(open[h] && /^ {0,3}#{1,6}\s/.test(ls[h]))) h--;
				expect(h).toBeGreaterThanOrEqual(0);
				expect(ls[h]).toMatch(/related|see also|references|previous incidents|similar incidents/i);
				// Parsing again finds the same links plus this one.
				const before = parseIncident(text).links.map((l) => l.target);
				const after = parseIncident(r.text).links.map((l) => l.target);
				expect(after.filter((t) => t === 'Target incident 42').length).toBe(
					before.filter((t) => t === 'Target incident 42').length + 1,
				);
				expect(after.filter((t) => t !== 'Target incident 42')).toEqual(
					before.filter((t) => t !== 'Target incident 42'),
				);
			}),
			{ numRuns: RUNS },
		);
		expect(added).toBeGreaterThan(RUNS / 2);
	});
});

describe('converting to the RCA format: the original kept byte for byte', () => {
	const stringifyYaml = (d: unknown): string => yaml.dump(d, { lineWidth: -1 });
	/** The callout's text, decoded here: each line after the callout's title without its "> " or ">". */
	function decode(converted: string): string | null {
		const ps = pieces(converted);
		const at = ps.findIndex((p) => bare(p) === ORIGINAL_CALLOUT);
		if (at === -1) return null;
		const quoted = ps.slice(at + 1);
		if (bare(quoted[quoted.length - 1]) === '') quoted.pop();
		return quoted
			.map(
				(p, k) =>
					(bare(p).startsWith('> ') ? bare(p).slice(2) : bare(p).slice(1)) + (k < quoted.length - 1 ? breakOf(p) : ''),
			)
			.join('');
	}
	const titleArb = fc.oneof(
		fc.constantFrom(
			'Plain title',
			'A\nB',
			'Ti\r## tle',
			'x #incident [[link]]',
			'<img src=x onerror=alert(1)>',
			'| pipe |',
			'\u2028sep',
		),
		fc.string({ maxLength: 20 }),
	);

	it(`on ${RUNS} generated notes: the callout decodes to the original, the title is one heading, it reads back`, () => {
		fc.assert(
			fc.property(noteArb, titleArb, (text, title) => {
				const before = parseIncident(text, { parseYaml });
				// A title from the frontmatter may hold anything: here it does.
				const incident = { ...before, title, frontmatter: { ...before.frontmatter, title } };
				const out = convertToRca(incident, text, { stringifyYaml });
				expect(decode(out)).toBe(text);
				expect(out.startsWith('\ufeff') ? text.startsWith('\ufeff') : !text.startsWith('\ufeff')).toBe(true);
				const ls = pieces(out).map(bare);
				const callout = ls.indexOf(ORIGINAL_CALLOUT);
				const headings = ls.slice(0, callout).filter((l) => /^#{1,6}\s/.test(l));
				expect(headings.filter((l) => l.startsWith('# ')).length).toBe(1);
				expect(headings.slice(1)).toEqual([
					'## Summary',
					'## Timeline',
					'## Root Cause',
					'## Impact',
					'## Resolution',
					'## Lessons Learned',
					'## Action Items',
					'## Related Incidents',
				]);
				const after = parseIncident(out, { parseYaml });
				expect(after.problems.filter((p) => p.code.startsWith('frontmatter'))).toEqual([]);
				expect(after.title).toBe(title.trim() === '' ? after.title : title.trim());
				expect(after.actionItems.length).toBe(before.actionItems.length);
				expect(after.timeline.filter((e) => e.time !== null).length).toBe(
					before.timeline.filter((e) => e.time !== null).length,
				);
			}),
			{ numRuns: RUNS },
		);
	});
});
