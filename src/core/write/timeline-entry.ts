/**
 * Logging an incident as it happens: a timeline row for "now", in the note's own timeline format, at the end of its
 * timeline. Given as one insertion (where, what, where the cursor goes) so the editor applies it as one transaction
 * (undo works) and every other byte of the note stays as it was.
 */
import { FM_KEYS } from '../format/keys';
import { parseNote } from '../read/parse';
import { rowStampOf } from '../read/timeline';
import { indentOf } from '../text/markdown';
import { formatClock, type ClockTime } from '../time/clock';
import { isoDate, type CivilDate } from '../time/dates';
import type { ParseOptions } from '../model';
import { setFrontmatterFields } from './frontmatter-edit';
import { linesAndBreaks } from './write-result';

/** The moment to log, as the clock the user chose shows it (local or UTC). */
export interface EntryTime {
	date: CivilDate;
	time: ClockTime;
	/** The time is UTC: a row whose stamp names its zone says "UTC". */
	utc: boolean;
}

/** Text to insert at a position (0-based line and column), and where the cursor goes afterwards. */
export interface EntryInsert {
	at: { line: number; ch: number };
	insert: string;
	cursor: { line: number; ch: number };
}

function twelveHour(t: ClockTime): string {
	const h = t.h % 12 === 0 ? 12 : t.h % 12;
	return `${h}:${String(t.mi).padStart(2, '0')} ${t.h < 12 ? 'AM' : 'PM'}`;
}

/** The new row's stamp, written as the row above wrote its own: 12- or 24-hour, with a date when it had one. */
function stampLike(written: string, hadDate: boolean, now: EntryTime, withDate: boolean): string {
	const clock = /\d\s?[ap]\.?m\b/i.test(written) ? twelveHour(now.time) : formatClock({ ...now.time, s: null });
	const zone = now.utc && /\b(?:UTC|Z|GMT)\b/.test(written) ? ' UTC' : '';
	return `${hadDate || withDate ? `${isoDate(now.date)} ` : ''}${clock}${zone}`;
}

/**
 * Where a row for `now` goes (saying `say`, if given): after the last row of the note's timeline, in that row's format
 * (a table row, `- HH:MM — `, `- **HH:MM** `, a bare line…), dated when the timeline is dated or the day has
 * changed since the last row; under a Timeline heading that has no rows yet; or in a new Timeline section at the
 * end of the note, as a table.
 */
export function timelineEntry(text: string, now: EntryTime, options: ParseOptions = {}, say = ''): EntryInsert {
	const { incident, doc } = parseNote(text, options);
	const { lines, breaks } = linesAndBreaks(text);
	const eol = breaks[0] ?? '\n';
	const rows = incident.timeline.filter((e) => e.time !== null);
	const last = rows.length > 0 ? rows.reduce((a, b) => (b.line > a.line ? b : a)) : null;
	const lastDay = last?.at ? last.at.slice(0, 10) : null;
	const dayChanged = lastDay !== null && lastDay !== isoDate(now.date);

	if (last) {
		const index = last.line - 1;
		const table = doc.tableOf[index];
		if (table !== -1) {
			const t = doc.tables[table];
			const timeCol = t.header.findIndex((h) => doc.lexicon.columns.time.test(h));
			const dateCol = t.header.findIndex((h, k) => k !== timeCol && doc.lexicon.columns.date.test(h));
			const written = doc.lines[index].raw;
			const cells = t.header.map(() => '');
			const timeAt = timeCol === -1 ? (dateCol === -1 ? 0 : dateCol) : timeCol;
			const hadDate = timeCol !== -1 && /\d{4}-\d{2}-\d{2}/.test(t.rows.at(-1)?.cells[timeCol] ?? '');
			cells[timeAt] = stampLike(written, hadDate, now, dateCol === -1 && dayChanged);
			if (dateCol !== -1 && dateCol !== timeAt) cells[dateCol] = isoDate(now.date);
			// The cursor in the event's cell, after what it says: "| 10:05 | Paged".
			const eventAt = cells.findIndex((_c, k) => k !== timeAt && k !== dateCol);
			if (eventAt !== -1) cells[eventAt] = say;
			const row = `| ${cells.join(' | ')} |`;
			const ch = eventAt === -1 ? row.length : `| ${cells.slice(0, eventAt).join(' | ')} | `.length + say.length;
			const after = t.end - 1;
			return { at: { line: after, ch: lines[after].length }, insert: eol + row, cursor: { line: after + 1, ch } };
		}
		const raw = doc.lines[index].raw;
		const stamp = rowStampOf(raw);
		if (stamp) {
			// After the row's own details: the deeper bullets and wrapped lines under it.
			let after = index;
			const indent = indentOf(raw);
			while (
				after + 1 < doc.lines.length &&
				doc.lines[after + 1].raw.trim() !== '' &&
				!doc.headingAt.has(after + 1) &&
				(indentOf(doc.lines[after + 1].raw) > indent ||
					(doc.lines[after + 1].kind === 'prose' && !doc.lines[after].item))
			)
				after++;
			const written = raw.slice(stamp.stampStart, stamp.stampEnd);
			// The row's own markers and separator, a ticked checkbox left unticked.
			const head = raw.slice(0, stamp.stampStart).replace(/\[[xX/-]\]/, '[ ]');
			const sep = raw.slice(stamp.stampEnd, stamp.textStart) || ' ';
			const row = head + stampLike(written, stamp.date !== null, now, dayChanged) + sep + say;
			return {
				at: { line: after, ch: lines[after].length },
				insert: eol + row,
				cursor: { line: after + 1, ch: row.length },
			};
		}
	}

	const row = `| ${stampLike('', false, now, false)} | ${say} |`;
	for (let s = 1; s < doc.sections.length; s++) {
		const sec = doc.sections[s];
		if (sec.level > 6 || !sec.kinds.includes('timeline')) continue;
		// Under the heading, after what the section already holds (a note on the time zone, say).
		let after = sec.heading;
		for (let i = sec.heading + 1; i < sec.end && !doc.headingAt.has(i); i++) if (lines[i].trim() !== '') after = i;
		const block = `${eol}${eol}| Time | Event |${eol}|------|-------|${eol}${row}`;
		return {
			at: { line: after, ch: lines[after].length },
			insert: block,
			cursor: { line: after + 4, ch: row.length - 2 },
		};
	}
	const lastLine = lines.length - 1;
	const gap = lines[lastLine] === '' ? (lastLine > 0 && lines[lastLine - 1] === '' ? '' : eol) : `${eol}${eol}`;
	const block = `${gap}## Timeline${eol}${eol}| Time | Event |${eol}|------|-------|${eol}${row}${eol}`;
	const start = lastLine + (gap === '' ? 0 : gap === eol ? 1 : 2);
	return {
		at: { line: lastLine, ch: lines[lastLine].length },
		insert: block,
		cursor: { line: start + 4, ch: row.length - 2 },
	};
}

/** The text with an insertion applied (what the editor does with it), for tests and for writing without an editor. */
export function applyInsert(text: string, e: EntryInsert): string {
	const { lines, breaks } = linesAndBreaks(text);
	let offset = 0;
	for (let k = 0; k < e.at.line; k++) offset += lines[k].length + (breaks[k] ?? '').length;
	offset += e.at.ch;
	return text.slice(0, offset) + e.insert + text.slice(offset);
}

/** The milestones a responder marks as they happen, with the row each writes and its frontmatter key. */
export const MARKED_MILESTONES = [
	{ kind: 'detected', row: 'Detected', key: FM_KEYS.detected[0] },
	{ kind: 'acknowledged', row: 'Acknowledged', key: FM_KEYS.acknowledged[0] },
	{ kind: 'mitigated', row: 'Mitigated', key: FM_KEYS.mitigated[0] },
	{ kind: 'resolved', row: 'Resolved', key: FM_KEYS.resolved[0] },
] as const;
export type MarkedMilestone = (typeof MARKED_MILESTONES)[number];

/** A change to the text: the span from `from` to `to` (0-based line and column) replaced by `text`. */
export interface TextChange {
	from: { line: number; ch: number };
	to: { line: number; ch: number };
	text: string;
}

/** A position in a text from an offset. */
function positionOf(text: string, offset: number): { line: number; ch: number } {
	const before = text.slice(0, offset);
	const line = (before.match(/\n/g) ?? []).length;
	return { line, ch: offset - (before.lastIndexOf('\n') + 1) };
}

/**
 * Marking a milestone now: a timeline row that says so and the `*_at` frontmatter field, as changes to the text as
 * it is (for one editor transaction, one undo step) and the cursor after the row. `at` is the instant as ISO 8601
 * with the offset of the clock used. Null when the frontmatter cannot be written safely (the writer refuses).
 */
export function milestoneChanges(
	text: string,
	now: EntryTime,
	at: string,
	milestone: MarkedMilestone,
	parseYaml: (yaml: string) => unknown,
	options: ParseOptions = {},
): { changes: TextChange[]; cursor: { line: number; ch: number } } | null {
	const row = timelineEntry(text, now, { parseYaml, ...options }, milestone.row);
	const fm = setFrontmatterFields(text, { [milestone.key]: at }, parseYaml);
	if (!fm.ok) return null;
	const changes: TextChange[] = [{ from: row.at, to: row.at, text: row.insert }];
	let cursor = row.cursor;
	if (fm.changed) {
		// The frontmatter's change as one span: what lies between the common start and end of the two texts.
		let start = 0;
		while (start < text.length && text[start] === fm.text[start]) start++;
		let end = 0;
		while (
			end < text.length - start &&
			end < fm.text.length - start &&
			text[text.length - 1 - end] === fm.text[fm.text.length - 1 - end]
		)
			end++;
		const replaced = text.slice(start, text.length - end);
		const inserted = fm.text.slice(start, fm.text.length - end);
		changes.unshift({ from: positionOf(text, start), to: positionOf(text, text.length - end), text: inserted });
		const shift = (inserted.match(/\n/g) ?? []).length - (replaced.match(/\n/g) ?? []).length;
		cursor = { line: cursor.line + shift, ch: cursor.ch };
	}
	return { changes, cursor };
}
