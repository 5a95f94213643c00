/**
 * A date and a time written together in free text ("April 14, 2024, 10:00 AM (UTC)", "2025-03-04T09:30Z"), found
 * anywhere in a line, a date found in a line, and a frontmatter value read as a date-time.
 */
import { type ClockTime, formatClock, formatOffset, matchTimeAt, matchZoneAt } from './clock';
import { type CivilDate, isoDate, makeDate, matchDateAt, type NumericOrder } from './dates';
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

// "2025-03-01T14:05", "March 3, 2024 at 14:05", "Mar 03, 2020 - 21:03" (status pages).
const DATE_TIME_SEP = /(?:T|[ \t]{1,4}[-–][ \t]{1,4}|,?\s+(?:at\s+|@\s*)?|,\s*)/iy;

/** A date, a time, or a date followed by a time, with an optional zone, at `pos`. */
export function matchDateTimeAt(s: string, pos: number, order: NumericOrder | null = null): DateTimeMatch | null {
	const d = matchDateAt(s, pos, order);
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
export function findDateTimes(s: string, order: NumericOrder | null = null): DateTimeMatch[] {
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
			const m = matchDateTimeAt(s, i, order);
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

const YEAR_DIGITS = /\d{4}|[’'‘] ?\d{2}(?!\d)/;

/**
 * Whether a string can hold a date with a year: every such date has four digits in a row, or an apostrophe and two
 * ("Nov 5th ’24"). A cheap test before a search.
 */
export function mayHoldYear(s: string): boolean {
	return YEAR_DIGITS.test(s);
}

/** What joins the two ends of a range of dates: "November 11 and November 15, 2025", "April 6 to April 11". */
const RANGE_GAP = /^\s{0,3}(?:[-–—]|to|and|through|thru|until|till|bis|au|al)\s{0,3}$/i;

/**
 * The first date in a string (with a year), or null. A date without a year that starts a range takes the year of
 * the range's end ("Between November 11 and November 15, 2025" → 2025-11-11).
 */
export function findDate(s: string, order: NumericOrder | null = null): CivilDate | null {
	// Text that cannot hold a year is not searched token by token.
	if (!mayHoldYear(s)) return null;
	const found = findDateTimes(s, order);
	for (let k = 0; k < found.length; k++) {
		const m = found[k];
		if (!m.date) continue;
		if (!m.yearMissing) return m.date;
		const next = found[k + 1];
		if (next?.date && !next.yearMissing && next.start - m.end <= 12 && RANGE_GAP.test(s.slice(m.end, next.start))) {
			// "December 30 to January 2, 2025" began the year before.
			const d = makeDate(next.date.y - (m.date.m > next.date.m ? 1 : 0), m.date.m, m.date.d);
			if (d) return d;
		}
	}
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
