/**
 * Timeline rows → events with absolute times → duration and milestones.
 * Rows come from timeline tables, timed lines and bullets in a timeline section, and, for reports that have no
 * timeline, from `Detection: <date time>` / `Resolution: <date time>` lines.
 */
import { ROW_PREFIX } from '../format/markers';
import { isDigitCode, oneOf, stickyExec, trimEndWhere } from '../text/chars';
import { maxOf, minOf } from '../text/math';
import { epochMinutes, formatClock, matchTimeAt, matchZoneAt, type ClockTime } from '../time/clock';
import { isoDateTime, matchDateTimeAt } from '../time/date-times';
import { addDays, dayNumber, matchDateAt, type CivilDate, type NumericOrder } from '../time/dates';
import { inKind, isListLine, type LineTime, type NoteDocument, type Table } from './document';
import { indentOf, stripMarkdown } from '../text/markdown';
import {
	MILESTONE_KINDS,
	type IncidentMetrics,
	type MilestoneKind,
	type Milestones,
	type Problem,
	type TimelineEvent,
} from '../model';
import type { Lexicon } from '../format/lexicon';

/** What every row of a document is read with: the incident's year and the document's numeric date order. */
interface RowContext {
	year: number | null;
	order: NumericOrder | null;
	lexicon: Lexicon;
}

interface Row {
	index: number;
	text: string;
	/** Date written on the row itself (or its date column). */
	ownDate: CivilDate | null;
	/** Date from a day heading above the row. */
	dayDate: CivilDate | null;
	time: ClockTime | null;
	offset: number | null;
	milestone: MilestoneKind | null;
	/** The milestone has been looked for already (table rows look in the event column first). */
	classified: boolean;
}

export interface TimelineResult {
	events: TimelineEvent[];
	durationMinutes: number | null;
	milestones: Milestones;
	metrics: IncidentMetrics;
	problems: Problem[];
	/** Absolute minutes of the first and last timed rows, for callers comparing with declared times. */
	startMinutes: number | null;
	endMinutes: number | null;
	/** The earliest date the rows write (their own or a day heading's), for a document dated only by its text. */
	firstDate: CivilDate | null;
	/** Some row writes the incident date (its own or its day heading's). */
	onIncidentDate: boolean;
}

/** A milestone known from elsewhere (frontmatter `detected_at`…), used where the timeline names none. */
export interface KnownMilestone {
	minutes: number;
	value: string;
}

const OPENERS = /(?:\*\*|__|\*|_|\[|\(|`)*/y;
const HAS_DIGIT = /\d/;
const CLOSERS_AND_SEPARATOR = /^(?:\*\*|__|\*|_|\]|\)|`)*\s*(?:[:|–—-]+|\bUTC\b)?\s*(?:\*\*|__|\*|_)*\s*[:–—-]?\s*/;
const DAY_HEADING_END = oneOf(':.–—-', true);
const LABEL_BULLET = /^(?:\*\*|__)?([^:*_]{2,40}?)(?:\*\*|__)?[ \t]{0,4}:/;
const TIME_IN_TEXT =
	/(?:^|[\s(,])(?:at|around|by|@|um|à|a las|alle|às|om)\s{1,4}(?:(?:approximately|approx\.?|about|around|roughly|~)\s{0,4})?/giu;

/** A line that is only a date: a day heading in a multi-day timeline ("### Tuesday, 4 March 2025", "**Day 2 — 2025-03-05**"). */
function dayHeadingDate(text: string, order: NumericOrder | null): { date: CivilDate; yearMissing: boolean } | null {
	// Every date has a digit in it; most lines that reach here are prose.
	if (!HAS_DIGIT.test(text)) return null;
	let t = stripMarkdown(text)
		.replace(/^#+\s*/, '')
		.replace(/^(?:day|tag|jour|día|dia)\s*\d+\s*[:–—-]?\s*/i, '');
	t = trimEndWhere(t, DAY_HEADING_END).trim();
	if (t === '') return null;
	const m = matchDateAt(t, 0, order);
	if (!m) return null;
	const rest = t.slice(m.end).replace(/^[\s,]*(?:\([^)]*\))?\s*/, '');
	return rest === '' ? { date: m.date, yearMissing: m.yearMissing } : null;
}

type LeadingTime = LineTime;

const AFTER_TIME_DATE = /[ \t]{0,4}(?:on[ \t]{1,4})?/y;

/**
 * The date written right after a time ("12:45 PM PST Saturday Oct 30th: …", "21:20 UTC on 06/06/2020 …"), or null.
 * Only a date that ends the stamp counts: one followed by a separator, a comma or the end, or by text when "on"
 * introduced it.
 */
function dateAfterTime(
	s: string,
	end: number,
	order: NumericOrder | null,
): { date: CivilDate; yearMissing: boolean; end: number } | null {
	const gap = stickyExec(AFTER_TIME_DATE, s, end);
	const at = gap ? end + gap[0].length : end;
	if (at === end) return null;
	const d = matchDateAt(s, at, order);
	if (!d) return null;
	const next = s.slice(d.end).trimStart().charAt(0);
	return next === '' || ':–—-,.)'.includes(next) || /\bon\s/.test(gap ? gap[0] : '') ? d : null;
}

/** A row that starts with a time or date-time: "9:30 AM: …", "- **10:00 AM:** …", "* 13:40 …", "2024-03-01T14:05Z …". */
function leadingTimeRow(raw: string, order: NumericOrder | null): LeadingTime | null {
	// A time is written in ASCII digits (matchTimeAt): a line without one (blank lines, most prose) is no row.
	if (!HAS_DIGIT.test(raw)) return null;
	const prefix = ROW_PREFIX.exec(raw);
	let pos = prefix ? prefix[0].length : 0;
	OPENERS.lastIndex = pos;
	const open = OPENERS.exec(raw);
	if (open) pos += open[0].length;
	let m = matchDateTimeAt(raw, pos, order);
	// "19. April, 11:00": what looked like an ordinal list marker is the day of a date.
	if (prefix && prefix[0].length > 0) {
		let start = 0;
		while (raw.charCodeAt(start) === 32 || raw.charCodeAt(start) === 9) start++;
		if (isDigitCode(raw.charCodeAt(start))) {
			const whole = matchDateTimeAt(raw, start, order);
			if (whole && whole.date && whole.time) m = whole;
		}
	}
	if (!m || !m.time) return null;
	let date = m.date;
	let yearMissing = m.yearMissing;
	let end = m.end;
	if (!date) {
		const d = dateAfterTime(raw, end, order);
		if (d) {
			date = d.date;
			yearMissing = d.yearMissing;
			end = d.end;
		}
	}
	let rest = raw.slice(end);
	// A zone may follow the closing bold: "**14:05** UTC — …".
	const after = CLOSERS_AND_SEPARATOR.exec(rest);
	let offset = m.offset;
	if (after) rest = rest.slice(after[0].length);
	if (offset === null && after && /\bUTC\b/.test(after[0])) offset = 0;
	const text = stripMarkdown(rest);
	const textStart = end + (after ? after[0].length : 0);
	return { date, yearMissing, time: m.time, offset, text, stampStart: m.start, stampEnd: end, textStart };
}

/** The time a row starts with and where its stamp and text lie in the line, for a writer that adds a row like it. */
export function rowStampOf(raw: string): LineTime | null {
	return leadingTimeRow(raw, null);
}

/** The time line i starts with, read once per line (in the document's numeric order) and kept on its record. */
function lineTime(doc: NoteDocument, i: number, order: NumericOrder | null): LineTime | null {
	const line = doc.lines[i];
	if (line.time !== undefined && line.timeOrder === order) return line.time;
	line.time = leadingTimeRow(line.raw, order);
	line.timeOrder = order;
	return line.time;
}

/** A time the text of a row gives ("At approximately 21:20 UTC on 06/06/2020, …"), with its zone and date. */
function timeInText(
	text: string,
	order: NumericOrder | null,
): Pick<LeadingTime, 'date' | 'yearMissing' | 'time' | 'offset'> | null {
	TIME_IN_TEXT.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = TIME_IN_TEXT.exec(text)) !== null) {
		const at = m.index + m[0].length;
		const t = matchTimeAt(text, at) ? matchDateTimeAt(text, at, order) : null;
		if (t && t.time) {
			const d = dateAfterTime(text, t.end, order);
			return {
				date: d ? d.date : null,
				yearMissing: d ? d.yearMissing : false,
				time: t.time,
				offset: t.offset,
			};
		}
	}
	return null;
}

function zoneOfHeader(header: string): number | null {
	for (let i = 0; i < header.length; i++) {
		if (header[i] === '(' || header[i] === ' ') {
			const z = matchZoneAt(header, i);
			if (z) return z.offset;
		}
	}
	return null;
}

function isTimelineTable(doc: NoteDocument, t: Table): boolean {
	const col = doc.lexicon.columns;
	const timeCol = t.header.findIndex((h) => col.time.test(h) || col.date.test(h));
	if (timeCol === -1) return false;
	if (t.header.some((h) => col.owner.test(h) || col.due.test(h))) return false;
	return inKind(doc, t.start, 'timeline') || t.header.length >= 2;
}

function tableRows(t: Table, ctx: RowContext): Row[] {
	const col = ctx.lexicon.columns;
	const timeCol = t.header.findIndex((h) => col.time.test(h));
	// "Day | Date (2021) | Time": the column named a date, before one named a day (which may hold weekdays).
	const dated = t.header.findIndex((h, i) => i !== timeCol && /^(?:date|datum|fecha)/i.test(h));
	const dateCol = dated !== -1 ? dated : t.header.findIndex((h, i) => i !== timeCol && col.date.test(h));
	let eventCol = t.header.findIndex((h, i) => i !== timeCol && i !== dateCol && col.event.test(h));
	const headerZone = timeCol >= 0 ? zoneOfHeader(t.header[timeCol]) : null;
	// "Date (2021)": a year in a header is the year of the cells under it that do not write one.
	const headerYear = /\b(?:19|20|21)\d{2}\b/.exec(
		dateCol >= 0 ? t.header[dateCol] : timeCol >= 0 ? t.header[timeCol] : '',
	);
	const year = headerYear ? +headerYear[0] : ctx.year;
	const order = ctx.order;
	const rows: Row[] = [];
	for (const r of t.rows) {
		const cells: string[] = [];
		for (const c of r.cells) cells.push(stripMarkdown(c));
		let ownDate: CivilDate | null = null;
		let time: ClockTime | null = null;
		let offset: number | null = null;
		if (dateCol >= 0 && cells[dateCol]) {
			const d = matchDateAt(cells[dateCol], 0, order);
			if (d) ownDate = d.yearMissing && year ? { ...d.date, y: year } : d.date;
		}
		const timeCell = cells[timeCol >= 0 ? timeCol : dateCol] ?? '';
		const m = matchDateTimeAt(timeCell, 0, order);
		if (m) {
			if (m.date) ownDate = m.yearMissing && year ? { ...m.date, y: year } : m.date;
			time = m.time;
			offset = m.offset ?? headerZone;
		}
		if (eventCol === -1) eventCol = cells.findIndex((_c, i) => i !== timeCol && i !== dateCol);
		const text = eventCol >= 0 ? (cells[eventCol] ?? '') : '';
		// The event, then any other non-empty columns ("Owner", "Source"), joined by dashes.
		let full = text;
		for (let i = 0; i < cells.length; i++) {
			if (i === timeCol || i === dateCol || i === eventCol || cells[i] === '') continue;
			full = full === '' ? cells[i] : `${full} — ${cells[i]}`;
		}
		if (full === '' && !time) continue;
		// The event column names the milestone; failing that, the whole row (other columns included) may.
		const milestone = ctx.lexicon.milestoneOf(text) ?? (full === text ? null : ctx.lexicon.milestoneOf(full));
		rows.push({ index: r.index, text: full, ownDate, dayDate: null, time, offset, milestone, classified: true });
	}
	return rows;
}

function rowsFromSections(doc: NoteDocument, ctx: RowContext): Row[] {
	const year = ctx.year;
	const rows: Row[] = [];
	let dayDate: CivilDate | null = null;
	let current: Row | null = null;
	let currentIndent = 0;
	let underHeadingRow: Row | null = null;
	const seenTables = new Set<number>();
	for (let i = doc.bodyStart; i < doc.lines.length; i++) {
		const line = doc.lines[i];
		if (line.code) continue;
		const tIndex = doc.tableOf[i];
		if (tIndex !== -1) {
			current = null;
			const table = doc.tables[tIndex];
			if (!seenTables.has(tIndex) && inKind(doc, table.start, 'timeline') && isTimelineTable(doc, table)) {
				seenTables.add(tIndex);
				for (const r of tableRows(table, ctx)) {
					r.dayDate = dayDate;
					rows.push(r);
				}
			}
			continue;
		}
		if (!inKind(doc, i, 'timeline')) {
			current = null;
			dayDate = null;
			underHeadingRow = null;
			continue;
		}
		const raw = line.raw;
		if (line.kind === 'blank' || raw.trim() === '') {
			current = null;
			continue;
		}
		const isHeading = doc.headingAt.has(i);
		// Timed rows are the common case, so they are tried first; a date-only line is a day heading.
		const lead = isHeading ? null : lineTime(doc, i, ctx.order);
		const day = lead ? null : dayHeadingDate(raw, ctx.order);
		if (day) {
			dayDate = day.yearMissing && year ? { ...day.date, y: year } : day.yearMissing ? null : day.date;
			current = null;
			continue;
		}
		if (isHeading) {
			current = null;
			// "### 5:00 PM", "### 2018-04-18 12:35 - Problem starts": a heading per row; the text under it is the row's.
			underHeadingRow = headingRow(doc, i, dayDate, ctx);
			if (underHeadingRow) rows.push(underHeadingRow);
			continue;
		}
		// The lines under a heading row (a quote of the chat, a list of sub-events) are its details, not rows.
		if (underHeadingRow) continue;
		const indent = indentOf(raw);
		if (lead) {
			const ownDate = lead.date
				? lead.yearMissing && year
					? { ...lead.date, y: year }
					: lead.yearMissing
						? null
						: lead.date
				: null;
			current = {
				index: i,
				text: lead.text,
				ownDate,
				dayDate,
				time: lead.time,
				offset: lead.offset,
				milestone: null,
				classified: false,
			};
			currentIndent = indent;
			rows.push(current);
			continue;
		}
		if (isListLine(line)) {
			// Nested detail under a row belongs to it; a bullet of its own is an (untimed) row.
			const text = stripMarkdown(raw.replace(ROW_PREFIX, ''));
			if (current && indent > currentIndent) {
				current.text += ' — ' + text;
				continue;
			}
			const inText = timeInText(text, ctx.order);
			const time = inText ? inText.time : null;
			// "- **Root Cause:** …" inside a timeline is a summary line, not an event — unless it says when.
			const label = LABEL_BULLET.exec(raw.replace(ROW_PREFIX, ''));
			if (
				!time &&
				label &&
				doc.lexicon.sectionKinds(label[1].toLowerCase()).some((k) => k !== 'timeline' && k !== 'other')
			) {
				current = null;
				continue;
			}
			const ownDate = inText?.date
				? inText.yearMissing
					? year
						? { ...inText.date, y: year }
						: null
					: inText.date
				: null;
			const offset = inText ? inText.offset : null;
			current = { index: i, text, ownDate, dayDate, time, offset, milestone: null, classified: false };
			currentIndent = indent;
			rows.push(current);
			continue;
		}
		// Wrapped text of the row above (plain-text reports break long lines); a quote or callout is not a wrap.
		if (current && !line.quoted) current.text += ' ' + stripMarkdown(raw);
		else current = null;
	}
	return rows;
}

const ATX_MARKS = /^ {0,3}#{1,6}[ \t]+/;
const APPROXIMATELY = /^(?:~|ca\.|approx(?:\.|imately)?)[ \t]*/i;

/**
 * A Markdown heading that starts with a time, as a row of its own: its text is what follows the time, or else the
 * first line of text under it. Null for any other heading (a section's, a day's, a range's over its own rows).
 */
function headingRow(doc: NoteDocument, i: number, dayDate: CivilDate | null, ctx: RowContext): Row | null {
	const year = ctx.year;
	const s = doc.headingAt.get(i);
	if (s === undefined || doc.sections[s].level > 6) return null;
	const marks = ATX_MARKS.exec(doc.lines[i].raw);
	if (!marks) return null;
	const title = doc.lines[i].raw.slice(marks[0].length).replace(APPROXIMATELY, '');
	const lead = leadingTimeRow(title, ctx.order);
	if (!lead) return null;
	// A time heading over timed rows of its own ("### 22:04-23:00 UTC: Split detected", "### ~9:40 AM: First
	// reports") heads them, and is not a row itself. Over prose it is one row, at its (first) time.
	for (let j = i + 1; j < doc.lines.length && !doc.headingAt.has(j); j++)
		if (!doc.lines[j].code && lineTime(doc, j, ctx.order)) return null;
	let text = lead.text;
	let time = lead.time;
	const end = matchTimeAt(text, 0);
	if (end) {
		text = stripMarkdown(text.slice(end.end).replace(/^[\s:–—-]+/, ''));
		// "5:55-6:05 PM": the start takes the afternoon of the end when it does not say otherwise.
		if (time.h < 12 && end.time.h >= 12 && time.h + 12 <= end.time.h) time = { ...time, h: time.h + 12 };
	}
	for (let j = i + 1; text === '' && j < doc.lines.length && !doc.headingAt.has(j); j++) {
		const t = doc.lines[j].raw.trim();
		if (t !== '' && !doc.lines[j].code && !doc.lines[j].quoted) text = stripMarkdown(t.replace(ROW_PREFIX, ''));
	}
	const ownDate = lead.date ? (lead.yearMissing ? (year ? { ...lead.date, y: year } : null) : lead.date) : null;
	return { index: i, text, ownDate, dayDate, time, offset: lead.offset, milestone: null, classified: false };
}

/** Timed rows anywhere outside action, lesson and link sections: notes that have a timeline but no heading for it. */
function rowsWithoutHeading(doc: NoteDocument, ctx: RowContext): Row[] {
	const year = ctx.year;
	const rows: Row[] = [];
	for (const i of doc.content) {
		if (doc.tableOf[i] !== -1 || doc.headingAt.has(i)) continue;
		if (inKind(doc, i, 'actions') || inKind(doc, i, 'lessons') || inKind(doc, i, 'related')) continue;
		const lead = lineTime(doc, i, ctx.order);
		if (!lead || lead.text === '') continue;
		const ownDate = lead.date && !lead.yearMissing ? lead.date : lead.date && year ? { ...lead.date, y: year } : null;
		rows.push({
			index: i,
			text: lead.text,
			ownDate,
			dayDate: null,
			time: lead.time,
			offset: lead.offset,
			milestone: null,
			classified: false,
		});
	}
	for (const t of doc.tables) {
		if (
			!inKind(doc, t.start, 'timeline') &&
			isTimelineTable(doc, t) &&
			t.header.some((h) => doc.lexicon.columns.event.test(h))
		)
			for (const r of tableRows(t, ctx)) rows.push(r);
	}
	rows.sort((a, b) => a.index - b.index);
	return rows.filter((r) => r.time !== null).length >= 2 ? rows : [];
}

/** `Detection: November 7, 2024, 09:15 AM UTC` / `Resolution: …` lines, for reports without a timeline. */
function rowsFromMilestoneLines(doc: NoteDocument): Row[] {
	const rows: Row[] = [];
	const seen = new Set<string>();
	for (const kv of doc.keyValues) {
		const kind = doc.lexicon.milestoneOfKey(kv.key);
		if (!kind) continue;
		const value = stripMarkdown(kv.value);
		const m = matchDateTimeAt(value, 0);
		if (!m || !m.time || value.slice(m.end).replace(/[\s.,;()]/g, '').length > 0) continue;
		const date = m.date && !m.yearMissing ? m.date : null;
		const key = `${kind}|${date ? dayNumber(date) : ''}|${formatClock(m.time)}`;
		if (seen.has(key)) continue;
		seen.add(key);
		const label = kv.key.charAt(0).toUpperCase() + kv.key.slice(1);
		rows.push({
			index: kv.index,
			text: label,
			ownDate: date,
			dayDate: null,
			time: m.time,
			offset: m.offset,
			milestone: kind,
			classified: true,
		});
	}
	return rows;
}

/** A zone stated once for the whole timeline: in its heading ("Timeline (UTC)") or a line such as "All times UTC". */
function timelineZone(doc: NoteDocument): number | null {
	for (const [index, s] of doc.headingAt) {
		if (!doc.sections[s].kinds.includes('timeline')) continue;
		const z = zoneOfHeader(doc.sections[s].title);
		if (z !== null) return z;
		for (let i = index + 1; i < Math.min(doc.sections[s].end, index + 4); i++) {
			const m = /\ball times(?: are)?(?: in| shown in| given in)?\s+/i.exec(doc.lines[i].raw);
			if (m) {
				const zz = matchZoneAt(doc.lines[i].raw, m.index + m[0].length - 1);
				if (zz) return zz.offset;
			}
		}
	}
	return null;
}

const NO_DATE_DAY = 0;

/**
 * The timeline's rows: from the timeline sections; failing any time there, timed rows anywhere outside action and
 * lesson sections; failing those, `Detection:` / `Resolution:` lines. Each row's milestone from its words.
 */
function findRows(doc: NoteDocument, ctx: RowContext): Row[] {
	let rows = rowsFromSections(doc, ctx);
	if (!rows.some((r) => r.time)) {
		const stamped = rowsFromStamps(doc, ctx);
		if (stamped.length > 0) rows = stamped;
	}
	if (!rows.some((r) => r.time)) {
		const loose = rowsWithoutHeading(doc, ctx);
		if (loose.length > 0) rows = loose;
	}
	if (!rows.some((r) => r.time)) {
		const fromLines = rowsFromMilestoneLines(doc);
		if (fromLines.length > 0) rows = fromLines;
	}
	for (const r of rows) if (!r.classified) r.milestone = doc.lexicon.milestoneOf(r.text);
	return rows;
}

const STAMP_WORD = /^(?:posted|updated|published)(?:[ \t]{1,4}(?:on|at))?[ \t]{1,4}/i;
const STATUS_WORD =
	/^(?:investigating|identified|monitoring|update|updated|resolved|postmortem|post-mortem|completed|scheduled|in progress|verifying)[ \t]{0,4}[-–—:]?$/i;

/** A line that is only a date and time, as status pages stamp each update ("Posted Mar 03, 2020 - 21:03 UTC"). */
function stampOf(
	raw: string,
	ctx: RowContext,
): { date: CivilDate | null; time: ClockTime; offset: number | null } | null {
	if (!HAS_DIGIT.test(raw)) return null;
	let t = stripMarkdown(raw.trim());
	const word = STAMP_WORD.exec(t);
	if (word) t = t.slice(word[0].length);
	const m = matchDateTimeAt(t, 0, ctx.order);
	if (!m || !m.date || !m.time || t.slice(m.end).replace(/[\s.,;()]/g, '') !== '') return null;
	const date = m.yearMissing ? (ctx.year ? { ...m.date, y: ctx.year } : null) : m.date;
	return { date, time: m.time, offset: m.offset };
}

/**
 * Status-page updates: each is a paragraph (after a status word such as "Resolved" or "Update -") followed by a
 * line that is only its date and time. Newest first, as the pages list them, is put back in time order.
 */
function rowsFromStamps(doc: NoteDocument, ctx: RowContext): Row[] {
	const rows: Row[] = [];
	for (const i of doc.content) {
		if (i === doc.bodyStart || doc.tableOf[i] !== -1 || doc.headingAt.has(i)) continue;
		const stamp = stampOf(doc.lines[i].raw, ctx);
		if (!stamp) continue;
		// The update is the paragraph right above its stamp (a blank line between them allowed, as a long postmortem
		// update has), without its status word.
		const parts: string[] = [];
		let above = i - 1;
		if (above > doc.bodyStart && doc.lines[above].raw.trim() === '') above--;
		for (let j = above; j >= doc.bodyStart; j--) {
			const t = doc.lines[j].raw.trim();
			if (t === '' || doc.lines[j].code || doc.headingAt.has(j) || stampOf(doc.lines[j].raw, ctx)) break;
			if (STATUS_WORD.test(t)) break;
			parts.unshift(stripMarkdown(t));
		}
		if (parts.length === 0) continue;
		rows.push({
			index: i,
			text: parts.join(' '),
			ownDate: stamp.date,
			dayDate: null,
			time: stamp.time,
			offset: stamp.offset,
			milestone: null,
			classified: false,
		});
	}
	if (rows.length < 2) return [];
	const at = (r: Row): number =>
		(r.ownDate ? dayNumber(r.ownDate) * 1440 : 0) + (r.time ? r.time.h * 60 + r.time.mi : 0);
	if (at(rows[0]) > at(rows[rows.length - 1])) rows.reverse();
	return rows;
}

/**
 * Each row placed in time: its date (its own, its day heading's, or the incident's), the day it has rolled over to
 * (a bare time more than 12 hours before the one above has crossed midnight) and its zone. `absolute` holds each
 * row's instant in epoch minutes (null for untimed rows); the first row that goes back in time is reported.
 */
function placeRows(
	doc: NoteDocument,
	rows: readonly Row[],
	incidentDate: CivilDate | null,
): { events: TimelineEvent[]; absolute: (number | null)[]; problems: Problem[] } {
	const problems: Problem[] = [];
	const defaultOffset = rows.find((r) => r.offset !== null)?.offset ?? 0;
	const absolute: (number | null)[] = [];
	const events: TimelineEvent[] = [];
	let context: string | null = null;
	let carried: CivilDate | null = null;
	let dayShift = 0;
	let prevTod: number | null = null;
	let prevAbs: number | null = null;
	let outOfOrderReported = false;
	for (const r of rows) {
		const base = r.ownDate ?? r.dayDate ?? incidentDate;
		if (!r.time) {
			absolute.push(null);
			events.push({ time: null, at: null, text: r.text, line: r.index + 1, milestone: r.milestone });
			continue;
		}
		// Bare times continue the day above them — a day heading's, or the date of the last row that wrote one — and
		// one that falls more than 12 hours back has crossed midnight.
		const day = `day:${r.dayDate ? dayNumber(r.dayDate) : 'none'}`;
		const tod = r.time.h * 60 + r.time.mi + (r.time.s ?? 0) / 60;
		if (r.ownDate) {
			dayShift = 0;
			prevTod = tod;
			carried = r.ownDate;
			context = day;
		} else {
			if (day !== context) {
				context = day;
				carried = null;
				dayShift = 0;
				prevTod = null;
			}
			if (prevTod !== null && prevTod - tod > 720) dayShift++;
			prevTod = tod;
		}
		const from = carried ?? base;
		const effective = r.ownDate ? r.ownDate : from ? addDays(from, dayShift) : null;
		const dayNum = effective ? dayNumber(effective) : NO_DATE_DAY + dayShift;
		const abs = epochMinutes(dayNum, r.time, r.offset ?? defaultOffset);
		if (prevAbs !== null && abs < prevAbs && !outOfOrderReported) {
			outOfOrderReported = true;
			problems.push({
				level: 'warning',
				code: 'timeline-out-of-order',
				message: `Timeline row at ${formatClock(r.time)} comes before the row above it`,
				line: r.index + 1,
			});
		}
		prevAbs = abs;
		absolute.push(abs);
		events.push({
			time: formatClock(r.time),
			at: effective ? isoDateTime(effective, r.time, r.offset) : null,
			text: r.text,
			line: r.index + 1,
			milestone: r.milestone,
		});
	}
	return { events, absolute, problems };
}

/**
 * The milestones and the times between them: the first row that names each, else what the frontmatter says
 * (`known`); "started" falls back to the earliest row.
 */
function milestonesOf(
	events: readonly TimelineEvent[],
	absolute: readonly (number | null)[],
	known: Partial<Record<MilestoneKind, KnownMilestone>>,
	startMinutes: number | null,
): { milestones: Milestones; metrics: IncidentMetrics } {
	const found: Partial<Record<MilestoneKind, { minutes: number; value: string }>> = {};
	events.forEach((e, k) => {
		const abs = absolute[k];
		if (e.milestone && abs !== null && !found[e.milestone])
			found[e.milestone] = { minutes: abs, value: e.at ?? (e.time as string) };
	});
	for (const kind of MILESTONE_KINDS) if (!found[kind] && known[kind]) found[kind] = known[kind];
	if (!found.started && startMinutes !== null) {
		const k = absolute.indexOf(startMinutes);
		found.started = { minutes: startMinutes, value: events[k].at ?? (events[k].time as string) };
	}
	const milestones = Object.fromEntries(MILESTONE_KINDS.map((k) => [k, found[k]?.value ?? null])) as Milestones;
	const between = (a: MilestoneKind, b: MilestoneKind): number | null => {
		const x = found[a];
		const y = found[b];
		if (!x || !y || y.minutes < x.minutes) return null;
		return Math.round(y.minutes - x.minutes);
	};
	const metrics: IncidentMetrics = {
		ttdMinutes: between('started', 'detected'),
		ttaMinutes: between('detected', 'acknowledged'),
		ttmMinutes: between('started', 'mitigated'),
		ttrMinutes: between('started', 'resolved'),
	};
	return { milestones, metrics };
}

/** The note's timeline: its rows in time, the duration from the first to the last timed row, the milestones. */
export function extractTimeline(
	doc: NoteDocument,
	incidentDate: CivilDate | null,
	known: Partial<Record<MilestoneKind, KnownMilestone>> = {},
	order: NumericOrder | null = null,
	year: number | null = incidentDate ? incidentDate.y : null,
): TimelineResult {
	const rows = findRows(doc, { year, order, lexicon: doc.lexicon });
	const zone = timelineZone(doc);
	if (zone !== null) for (const r of rows) if (r.offset === null && r.time) r.offset = zone;
	const { events, absolute, problems } = placeRows(doc, rows, incidentDate);

	const timed = absolute.filter((a): a is number => a !== null);
	const startMinutes = timed.length > 0 ? minOf(timed) : null;
	const endMinutes = timed.length > 0 ? maxOf(timed) : null;
	const durationMinutes =
		timed.length >= 2 && startMinutes !== null && endMinutes !== null ? Math.round(endMinutes - startMinutes) : null;
	if (rows.length > 0 && timed.length === 0) {
		problems.push({
			level: 'warning',
			code: 'timeline-untimed',
			message: 'The timeline has no times, so no duration can be computed',
			line: rows[0].index + 1,
		});
	}
	const { milestones, metrics } = milestonesOf(events, absolute, known, startMinutes);
	let firstDate: CivilDate | null = null;
	let onIncidentDate = false;
	for (const r of rows) {
		const d = r.ownDate ?? r.dayDate;
		if (!d) continue;
		if (!firstDate || dayNumber(d) < dayNumber(firstDate)) firstDate = d;
		if (incidentDate && dayNumber(d) === dayNumber(incidentDate)) onIncidentDate = true;
	}
	return {
		events,
		durationMinutes,
		milestones,
		metrics,
		problems,
		startMinutes,
		endMinutes,
		firstDate,
		onIncidentDate,
	};
}
