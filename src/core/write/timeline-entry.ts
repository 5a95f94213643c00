/**
 * Logging an incident as it happens: a timeline row for "now", in the note's own timeline format, at the end of its
 * timeline. Given as one insertion (where, what, where the cursor goes) so the editor applies it as one transaction
 * (undo works) and every other byte of the note stays as it was.
 */
import { TIME_COLUMN, DATE_COLUMN } from '../format/vocabulary';
import { parseNote } from '../read/parse';
import { rowStampOf } from '../read/timeline';
import { indentOf } from '../text/markdown';
import { formatClock, type ClockTime } from '../time/clock';
import { isoDate, type CivilDate } from '../time/dates';
import type { ParseOptions } from '../model';
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
			const timeCol = t.header.findIndex((h) => TIME_COLUMN.test(h));
			const dateCol = t.header.findIndex((h, k) => k !== timeCol && DATE_COLUMN.test(h));
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
