import {
	applyInsert,
	MARKED_MILESTONES,
	milestoneChanges,
	timelineEntry,
	type EntryTime,
} from '../src/core/write/timeline-entry';
import { dedent, parse, parseYaml } from './helpers';

const at = (date: string, hhmm: string, utc = false): EntryTime => {
	const [y, m, d] = date.split('-').map(Number);
	const [h, mi] = hhmm.split(':').map(Number);
	return { date: { y, m, d }, time: { h, mi, s: null }, utc };
};

/** The note after the entry, checked to differ from the original only by the inserted text. */
function add(text: string, now: EntryTime): { after: string; row: string; cursorText: string } {
	const e = timelineEntry(text, now, { parseYaml, path: 'Incidents/x.md' });
	const after = applyInsert(text, e);
	const offset = after.indexOf(e.insert);
	expect(after.slice(0, offset) + after.slice(offset + e.insert.length)).toBe(text);
	const lines = after.split(/\r?\n/);
	return { after, row: lines[e.cursor.line], cursorText: lines[e.cursor.line].slice(0, e.cursor.ch) };
}

describe('Add timeline entry: a row for now, in the timeline’s own format', () => {
	it('a table row after the last row, the cursor in the event cell', () => {
		const note = dedent(`
			# Cache outage
			Date: 2025-03-04
			## Timeline
			| Time (UTC) | Event | Source |
			|---|---|---|
			| 10:00 | Alerts fire | pager |
			| 10:20 | Cache flushed | chat |

			## Root cause
			TTL.
		`);
		const { after, row, cursorText } = add(note, at('2025-03-04', '10:45'));
		expect(row).toBe('| 10:45 |  |  |');
		expect(cursorText).toBe('| 10:45 | ');
		expect(after).toContain('| 10:20 | Cache flushed | chat |\n| 10:45 |  |  |\n\n## Root cause');
	});

	it('a bullet like the last one, with its markers and separator, after its sub-bullets', () => {
		const note = dedent(`
			# Queue stall
			## Timeline
			- **09:05** — Lag alert
			- [x] **09:30** — Workers restarted
			  - only two of them came back
			## Impact
			Slow.
		`);
		const { after, row, cursorText } = add(note, at('2024-01-01', '09:52'));
		expect(row).toBe('- [ ] **09:52** — ');
		expect(cursorText).toBe(row);
		expect(after).toContain('  - only two of them came back\n- [ ] **09:52** — \n## Impact');
	});

	it('12-hour rows stay 12-hour; a dated timeline gets the date; a new day gets the date', () => {
		const ampm = '# A\n## Timeline\n- 9:30 AM: First report\n';
		expect(add(ampm, at('2024-01-01', '14:05')).row).toBe('- 2:05 PM: ');
		const dated = '# A\n## Timeline\n- 2025-03-04 23:10 UTC Page\n';
		expect(add(dated, at('2025-03-05', '00:20', true)).row).toBe('- 2025-03-05 00:20 UTC ');
		const daily = '# A\nDate: 2025-03-04\n## Timeline\n- 23:10 Page\n';
		expect(add(daily, at('2025-03-05', '00:20')).row).toBe('- 2025-03-05 00:20 ');
	});

	it('the new row is read as a row of the timeline at the time given', () => {
		const note = '# A\nDate: 2025-03-04\n## Timeline\n- 10:00 Alert\n';
		const { after } = add(note, at('2025-03-04', '10:30'));
		const i = parse(after.replace(/ $/m, ' Mitigated'));
		expect(i.timeline.map((e) => e.time)).toEqual(['10:00', '10:30']);
		expect(i.durationMinutes).toBe(30);
	});

	it('under a Timeline heading with no rows, or in a new Timeline section at the end, as a table', () => {
		const empty = '# A\n## Timeline\nAll times UTC.\n\n## Impact\nNone.\n';
		const one = add(empty, at('2025-03-04', '08:00'));
		expect(one.after).toBe(
			'# A\n## Timeline\nAll times UTC.\n\n| Time | Event |\n|------|-------|\n| 08:00 |  |\n\n## Impact\nNone.\n',
		);
		expect(one.cursorText).toBe('| 08:00 | ');
		const none = add('# A\nSomething broke.\n', at('2025-03-04', '08:00'));
		expect(none.after).toBe(
			'# A\nSomething broke.\n\n## Timeline\n\n| Time | Event |\n|------|-------|\n| 08:00 |  |\n',
		);
		expect(none.cursorText).toBe('| 08:00 | ');
	});

	it('can say what happened, the cursor after it', () => {
		const table = '# A\n## Timeline\n| Time | Event |\n|---|---|\n| 10:00 | Alert |\n';
		const e = timelineEntry(table, at('2025-03-04', '10:30'), {}, 'Resolved');
		expect(applyInsert(table, e)).toBe(`${table.trimEnd()}\n| 10:30 | Resolved |\n`);
		expect(e.cursor).toEqual({ line: 5, ch: '| 10:30 | Resolved'.length });
		const list = '# A\n## Timeline\n- 10:00: Alert\n';
		expect(applyInsert(list, timelineEntry(list, at('2025-03-04', '10:30'), {}, 'Mitigated'))).toBe(
			'# A\n## Timeline\n- 10:00: Alert\n- 10:30: Mitigated\n',
		);
	});

	it('keeps the note’s line breaks', () => {
		const crlf = '# A\r\n## Timeline\r\n- 10:00 Alert\r\n\r\n## Impact\r\n';
		const { after } = add(crlf, at('2025-03-04', '10:30'));
		expect(after).toBe('# A\r\n## Timeline\r\n- 10:00 Alert\r\n- 10:30 \r\n\r\n## Impact\r\n');
	});
});

describe('Mark incident milestone: a row and its field, as one set of changes', () => {
	const apply = (
		text: string,
		changes: { from: { line: number; ch: number }; text: string; to: { line: number; ch: number } }[],
	) => {
		// As an editor applies a transaction: every change in the text as it was, from the end.
		const off = (p: { line: number; ch: number }): number =>
			text
				.split('\n')
				.slice(0, p.line)
				.reduce((n, l) => n + l.length + 1, 0) + p.ch;
		let out = text;
		for (const c of [...changes].reverse().sort((a, b) => off(b.from) - off(a.from)))
			out = out.slice(0, off(c.from)) + c.text + out.slice(off(c.to));
		return out;
	};
	const resolved = MARKED_MILESTONES.find((m) => m.kind === 'resolved')!;

	it('writes the row and resolved_at; the rest of the note is unchanged; the cursor follows the row', () => {
		const note = '---\ntitle: Cache\nseverity: SEV2\n---\n# Cache\n## Timeline\n- 10:00 Alert\n\n## Impact\n';
		const r = milestoneChanges(note, at('2025-03-04', '10:50'), '2025-03-04T10:50Z', resolved, parseYaml)!;
		const after = apply(note, r.changes);
		expect(after).toBe(
			'---\ntitle: Cache\nseverity: SEV2\nresolved_at: 2025-03-04T10:50Z\n---\n# Cache\n## Timeline\n- 10:00 Alert\n- 10:50 Resolved\n\n## Impact\n',
		);
		expect(after.split('\n')[r.cursor.line].slice(0, r.cursor.ch)).toBe('- 10:50 Resolved');
		const i = parse(after);
		// The row names the milestone (the note has no date, so the row gives its time alone).
		expect(i.milestones.resolved).toBe('10:50');
		expect(i.frontmatter.resolved_at).toBeDefined();
	});

	it('a note without frontmatter gets one, above the text', () => {
		const note = '# Cache\n## Timeline\n- 10:00 Alert\n';
		const detected = MARKED_MILESTONES.find((m) => m.kind === 'detected')!;
		const r = milestoneChanges(note, at('2025-03-04', '10:05'), '2025-03-04T10:05+01:00', detected, parseYaml)!;
		expect(apply(note, r.changes)).toBe(
			'---\ndetected_at: 2025-03-04T10:05+01:00\n---\n# Cache\n## Timeline\n- 10:00 Alert\n- 10:05 Detected\n',
		);
		expect(r.cursor.line).toBe(6);
	});
});
