/**
 * A date and a time written together in free text ("April 14, 2024, 10:00 AM (UTC)", "2025-03-04T09:30Z"), found
 * anywhere in a line, a date found in a line, and a frontmatter value read as a date-time.
 */
import { type ClockTime, formatClock, formatOffset, matchTimeAt, matchZoneAt } from './clock';
import { type CivilDate, isoDate, matchDateAt } from './dates';
import { isAsciiAlnum, isDigitCode, isLetterAt, isWordChar, stickyExec } from '../text/chars';

export interface DateTimeMatch {
	date: CivilDate | null;
	/** True when the year was not written ("March 3"): the caller supplies it. */
	yearMissing: boolean;
	time: ClockTime | null;
	/** Minutes east of UTC, only when a zone or offset was written. */
	offset: number | null;
	start: number;
	end: number;
}

const DATE_TIME_SEP = /(?:T|,?\s+(?:at\s+|@\s*)?|,\s*)/iy;

/** A date, a time, or a date followed by a time, with an optional zone, at `pos`. */
export function matchDateTimeAt(s: string, pos: number): DateTimeMatch | null {
	const d = matchDateAt(s, pos);
	let end = d ? d.end : pos;
	let time: ClockTime | null = null;
	let joinedByT = false;
	if (d) {
		const sep = stickyExec(DATE_TIME_SEP, s, end);
		const at = sep ? end + sep[0].length : end;
		// After a date the time may be joined on with "T" ("2025-03-01T14:05").
		joinedByT = s[at - 1] === 'T' || s[at - 1] === 't';
		const t = matchTimeAt(s, at, joinedByT);
		if (t) {
			time = t.time;
			end = t.end;
		}
	} else {
		const t = matchTimeAt(s, pos);
		if (!t) return null;
		time = t.time;
		end = t.end;
	}
	let offset: number | null = null;
	// "-05:00" joined to a time is an offset in ISO form (a T before the time, or seconds); elsewhere "10:00-11:00"
	// is a range of times.
	const attached = s[end] === '-' || s[end] === '+';
	if (time && (!attached || joinedByT || time.s !== null)) {
		const z = matchZoneAt(s, end);
		if (z) {
			offset = z.offset;
			end = z.end;
		}
	}
	return { date: d ? d.date : null, yearMissing: d ? d.yearMissing : false, time, offset, start: pos, end };
}

/** Every date-time token in a string, left to right, non-overlapping. Linear: tries only at word starts. */
export function findDateTimes(s: string): DateTimeMatch[] {
	const out: DateTimeMatch[] = [];
	let i = 0;
	while (i < s.length) {
		const c = s.charCodeAt(i);
		// Inside an ASCII word nothing can start: skip to its end without the general checks.
		if (i > 0 && isAsciiAlnum(c) && isAsciiAlnum(s.charCodeAt(i - 1))) {
			i++;
			continue;
		}
		const isStart = isDigitCode(c) || isLetterAt(s, i);
		if (isStart && !isWordChar(s[i - 1])) {
			const m = matchDateTimeAt(s, i);
			if (m) {
				out.push(m);
				i = m.end;
				continue;
			}
		}
		i++;
	}
	return out;
}

const FOUR_DIGITS = /\d{4}/;

/** Whether a string can hold a date with a year: every such date has four digits in a row. A cheap test before a search. */
export function mayHoldYear(s: string): boolean {
	return FOUR_DIGITS.test(s);
}

/** The first date in a string (with a year), or null. */
export function findDate(s: string): CivilDate | null {
	// Text that cannot hold a year is not searched token by token.
	if (!mayHoldYear(s)) return null;
	for (const m of findDateTimes(s)) if (m.date && !m.yearMissing) return m.date;
	return null;
}

/** A date-time value (YAML Date, ISO string, "March 3, 2024 14:05 UTC") as an absolute instant + how it was written. */
export function parseDateTimeValue(
	v: unknown,
): { date: CivilDate; time: ClockTime | null; offset: number | null } | null {
	if (v instanceof Date && !isNaN(v.getTime())) {
		// YAML timestamps are instants; js-yaml gives a Date in UTC.
		return {
			date: { y: v.getUTCFullYear(), m: v.getUTCMonth() + 1, d: v.getUTCDate() },
			time: { h: v.getUTCHours(), mi: v.getUTCMinutes(), s: v.getUTCSeconds() || null },
			offset: 0,
		};
	}
	if (typeof v !== 'string') return null;
	const s = v.trim();
	const m = matchDateTimeAt(s, 0);
	if (!m || !m.date || m.yearMissing) return null;
	return { date: m.date, time: m.time, offset: m.offset };
}

export function isoDateTime(d: CivilDate, t: ClockTime, offset: number | null): string {
	return `${isoDate(d)}T${formatClock(t)}${offset === null ? '' : formatOffset(offset)}`;
}
