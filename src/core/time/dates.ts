/**
 * Calendar dates as people write them (ISO, "March 25th, 2023", "25.03.2023"), and day arithmetic.
 * The scan is ours, because dates sit inside free text; date-fns answers how many days a month has.
 */
import { getDaysInMonth } from 'date-fns';
import { isDigitCode, isLetterAt, isSpaceCode, isWordChar, stickyExec } from '../text/chars';

export interface CivilDate {
	y: number;
	/** 1–12 */
	m: number;
	d: number;
}

const MONTHS: Record<string, number> = {};

const MONTH_NAMES: [number, string[]][] = [
	[1, ['january', 'jan', 'januar', 'janvier', 'enero', 'gennaio', 'janeiro', 'januari']],
	[2, ['february', 'feb', 'februar', 'février', 'fevrier', 'febrero', 'febbraio', 'fevereiro', 'februari']],
	[3, ['march', 'mar', 'märz', 'maerz', 'mars', 'marzo', 'março', 'marco', 'maart']],
	[4, ['april', 'apr', 'avril', 'abril', 'aprile']],
	[5, ['may', 'mai', 'mayo', 'maggio', 'maio', 'mei']],
	[6, ['june', 'jun', 'juni', 'juin', 'junio', 'giugno', 'junho']],
	[7, ['july', 'jul', 'juli', 'juillet', 'julio', 'luglio', 'julho']],
	[8, ['august', 'aug', 'août', 'aout', 'agosto', 'augustus']],
	[9, ['september', 'sep', 'sept', 'septembre', 'septiembre', 'settembre', 'setembro']],
	[10, ['october', 'oct', 'oktober', 'octobre', 'octubre', 'ottobre', 'outubro']],
	[11, ['november', 'nov', 'novembre', 'noviembre', 'novembro']],
	[12, ['december', 'dec', 'dezember', 'décembre', 'decembre', 'diciembre', 'dicembre', 'dezembro']],
];

for (const [n, names] of MONTH_NAMES) for (const name of names) MONTHS[name] = n;

const MONTH_ALT = Object.keys(MONTHS)
	.sort((a, b) => b.length - a.length)
	.join('|');

const WEEKDAY = '(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\\.?,?\\s+';

const ISO_DATE = /(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/y;

const SLASH_YMD = /(\d{4})\/(\d{1,2})\/(\d{1,2})(?!\d)/y;

/**
 * "March 25th, 2023", "Nov 5th ’24" (an apostrophe and two digits), "January 14-19, 2026" (a range of days: its
 * first day, with the year written after the last).
 */
const MONTH_FIRST = new RegExp(
	`(?:${WEEKDAY})?(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:[ \\t]?[-–][ \\t]?\\d{1,2}(?:st|nd|rd|th)?(?=,?\\s+\\d{4}))?(?:,?\\s+(\\d{4})(?!\\d)|,?[ \\t]?[’'‘][ \\t]?(\\d{2})(?!\\d))?`,
	'iy',
);

/** "7 Nov 2024", "7th of March", "18 - Thursday 20 March 2025" (a range of days: its first day). */
const DAY_FIRST = new RegExp(
	`(?:${WEEKDAY})?(\\d{1,2})(?:st|nd|rd|th|er|\\.)?(?:[ \\t]{0,2}(?:[-–]|to|until)[ \\t]{0,2}(?:${WEEKDAY})?\\d{1,2}(?:st|nd|rd|th|er|\\.)?)?\\s+(?:of\\s+|de\\s+)?(${MONTH_ALT})\\.?(?![a-z])(?:,?\\s+(?:de\\s+)?(\\d{4})(?!\\d))?`,
	'iy',
);

const NUMERIC_DATE = /(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?!\d)/y;

/** "2024年6月18日", "2025년 10월 3일": year, month and day each followed by its sign. */
const CJK_DATE = /(\d{4}) ?[年년] ?(\d{1,2}) ?[月월] ?(\d{1,2}) ?[日일]/y;

/**
 * How a document writes numeric dates whose two numbers could both be a month ("06/04/2023"): month first (US) or
 * day first. Decided from the document itself (numericDateOrder); null when it does not say.
 */
export type NumericOrder = 'mdy' | 'dmy';

export function makeDate(y: number, m: number, d: number): CivilDate | null {
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return null;
	// Every month has 28 days: the calendar is asked only about the 29th to the 31st.
	if (d > 28 && d > getDaysInMonth(new Date(y, m - 1, 1))) return null;
	return { y, m, d };
}

/** 年 and 년: the sign after a year in Japanese, Chinese and Korean dates. */
const CJK_YEAR = new Set([0x5e74, 0xb144]);

/** The first three letters of every month name and weekday: a word starting otherwise is not a date. */
const DATE_WORD_STARTS = new Set(
	[...Object.keys(MONTHS), 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((w) => w.slice(0, 3)),
);

/** The same for ASCII words, as numbers (three lower-case char codes): no string is made per word tried. */
const ASCII_DATE_WORD_STARTS = new Set(
	[...DATE_WORD_STARTS]
		.filter((w) => /^[a-z]{3}$/.test(w))
		.map((w) => (w.charCodeAt(0) << 16) | (w.charCodeAt(1) << 8) | w.charCodeAt(2)),
);

/** Whether the word at `pos` can start a month or weekday name. */
function startsDateWord(s: string, pos: number): boolean {
	const a = s.charCodeAt(pos) | 32;
	const b = s.charCodeAt(pos + 1) | 32;
	const c = s.charCodeAt(pos + 2) | 32;
	// All three ASCII letters (| 32 lower-cases A–Z and leaves a–z): a number lookup. Otherwise the string one.
	if (a >= 97 && a <= 122 && b >= 97 && b <= 122 && c >= 97 && c <= 122)
		return ASCII_DATE_WORD_STARTS.has((a << 16) | (b << 8) | c);
	return isLetterAt(s, pos) && DATE_WORD_STARTS.has(s.slice(pos, pos + 3).toLowerCase());
}

/** A date written at `pos`: ISO, Y/M/D, "March 25th, 2023", "7 Nov 2024", "03/25/2023", "25.03.2023". */
export function matchDateAt(
	s: string,
	pos: number,
	order: NumericOrder | null = null,
): { date: CivilDate; yearMissing: boolean; end: number } | null {
	if (isWordChar(s[pos - 1])) return null;
	// Each pattern is tried only where its first characters can start it: most positions are not dates at all.
	const first = s.charCodeAt(pos);
	const digit = isDigitCode(first);
	if (!digit && !startsDateWord(s, pos)) return null;
	const sep4 = s.charCodeAt(pos + 4);
	let m =
		digit && (sep4 === 45 || sep4 === 47) ? (stickyExec(ISO_DATE, s, pos) ?? stickyExec(SLASH_YMD, s, pos)) : null;
	if (!m && digit && (CJK_YEAR.has(s.charCodeAt(pos + 4)) || CJK_YEAR.has(s.charCodeAt(pos + 5))))
		m = stickyExec(CJK_DATE, s, pos);
	if (m) {
		const date = makeDate(+m[1], +m[2], +m[3]);
		return date ? { date, yearMissing: false, end: pos + m[0].length } : null;
	}
	// 25.03.2023 and 03/25/2023 have their separator after one or two digits.
	const c1 = s.charCodeAt(pos + 1);
	const c2 = s.charCodeAt(pos + 2);
	m =
		digit && (c1 === 46 || c1 === 47 || c1 === 45 || c2 === 46 || c2 === 47 || c2 === 45)
			? stickyExec(NUMERIC_DATE, s, pos)
			: null;
	if (m) {
		const a = +m[1];
		const b = +m[3];
		// A number over 12 settles the order; else the document's own order; else 03/25/2023 and 02-13-2025 are
		// American and 25.03.2023 is European.
		const usOrder = a > 12 ? false : b > 12 ? true : order ? order === 'mdy' : m[2] !== '.';
		const date = usOrder ? makeDate(+m[4], a, b) : makeDate(+m[4], b, a);
		return date ? { date, yearMissing: false, end: pos + m[0].length } : null;
	}
	m = digit ? null : stickyExec(MONTH_FIRST, s, pos);
	if (m && !isWordChar(s[pos + m[0].length])) {
		const month = MONTHS[m[1].toLowerCase()];
		const year = m[3] ? +m[3] : m[4] ? 2000 + +m[4] : 2000;
		const date = makeDate(year, month, +m[2]);
		return date ? { date, yearMissing: !m[3] && !m[4], end: pos + m[0].length } : null;
	}
	// "7 Nov", "7th of March", "7. März": after the day's digits comes a space, a letter or a dot — never ":" or "-".
	const afterDay = isDigitCode(c1) ? c2 : c1;
	m =
		!digit || afterDay === 46 || isSpaceCode(afterDay) || isLetterAt(s, isDigitCode(c1) ? pos + 2 : pos + 1)
			? stickyExec(DAY_FIRST, s, pos)
			: null;
	if (m) {
		const month = MONTHS[m[2].toLowerCase()];
		const year = m[3] ? +m[3] : 2000;
		const date = makeDate(year, month, +m[1]);
		return date ? { date, yearMissing: !m[3], end: pos + m[0].length } : null;
	}
	return null;
}

/** A string that is a date and nothing more, e.g. a YAML value or a table cell. */
export function parseDateValue(v: unknown): CivilDate | null {
	if (v instanceof Date && !isNaN(v.getTime())) {
		return makeDate(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
	}
	if (typeof v !== 'string') return null;
	const s = v.trim();
	const m = matchDateAt(s, 0);
	return m && !m.yearMissing ? m.date : null;
}

const ISO_DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a string is an ISO date (YYYY-MM-DD) of a real day in the years dates are read from (1900–2200). */
export function isIsoDate(s: string): boolean {
	const m = ISO_DATE_ONLY.exec(s);
	return m !== null && makeDate(+m[1], +m[2], +m[3]) !== null;
}

export function isoDate(d: CivilDate): string {
	// Hot path (every timeline row): padded by hand rather than through date-fns format.
	return `${d.y}-${d.m < 10 ? '0' : ''}${d.m}-${d.d < 10 ? '0' : ''}${d.d}`;
}

/**
 * Whole days since 1970-01-01 for a civil date (calendar arithmetic without time zones). Years 1900–2200 (every
 * date the scanner accepts) by arithmetic (H. Hinnant's days-from-civil), others through Date.UTC; both roll a day
 * past the month's end into the next month.
 */
export function dayNumber(d: CivilDate): number {
	if (d.y < 1900 || d.y > 2200 || d.m < 1 || d.m > 12) return Math.round(Date.UTC(d.y, d.m - 1, d.d) / 86_400_000);
	const y = d.m <= 2 ? d.y - 1 : d.y;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (d.m > 2 ? d.m - 3 : d.m + 9) + 2) / 5) + d.d - 1;
	return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/**
 * The day number (dayNumber) of a `YYYY-MM-DD` text, read by its character codes (the views ask it for every row on
 * every filter change); null unless it has that shape with a month 1–12 and a day 1–31 (a day past the month's end
 * rolls over, as Date.parse does).
 */
export function isoDayNumber(s: string): number | null {
	if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
	let y = 0;
	let m = 0;
	let d = 0;
	for (let k = 0; k < 10; k++) {
		if (k === 4 || k === 7) continue;
		const c = s.charCodeAt(k) - 48;
		if (c < 0 || c > 9) return null;
		if (k < 4) y = y * 10 + c;
		else if (k < 7) m = m * 10 + c;
		else d = d * 10 + c;
	}
	return m < 1 || m > 12 || d < 1 || d > 31 ? null : dayNumber({ y, m, d });
}

export function addDays(d: CivilDate, n: number): CivilDate {
	if (d.y < 1900 || d.y > 2200 || d.m < 1 || d.m > 12) {
		const x = new Date(Date.UTC(d.y, d.m - 1, d.d + n));
		return { y: x.getUTCFullYear(), m: x.getUTCMonth() + 1, d: x.getUTCDate() };
	}
	if (n === 0 && d.d >= 1 && d.d <= 28) return { y: d.y, m: d.m, d: d.d };
	return civilFromDays(dayNumber(d) + n);
}

/** The inverse of dayNumber (H. Hinnant's civil-from-days). */
function civilFromDays(z: number): CivilDate {
	const zz = z + 719468;
	const era = Math.floor(zz / 146097);
	const doe = zz - era * 146097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const m = mp < 10 ? mp + 3 : mp - 9;
	return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const NUMERIC_DATE_IN_TEXT = /(?:^|[^\d./-])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?!\d)/g;

/** The numeric dates of a document, as one scan finds them: how many only one order can read, and the others. */
export interface NumericDates {
	dayFirst: number;
	monthFirst: number;
	/** Dates both orders could read ("06/04/2023"): year, first and second number. */
	either: { y: number; a: number; b: number }[];
}

/** Every numeric date in the texts (one pass; most lines skip the pattern). */
export function scanNumericDates(texts: Iterable<string>): NumericDates {
	const found: NumericDates = { dayFirst: 0, monthFirst: 0, either: [] };
	for (const t of texts) {
		// Every numeric date has a separator between two digits.
		if (!/\d[./-]\d/.test(t)) continue;
		NUMERIC_DATE_IN_TEXT.lastIndex = 0;
		let m: RegExpExecArray | null;
		while ((m = NUMERIC_DATE_IN_TEXT.exec(t)) !== null) {
			const a = +m[1];
			const b = +m[3];
			if (a > 12 && b <= 12) found.dayFirst++;
			else if (b > 12 && a <= 12) found.monthFirst++;
			else if (a !== b && a <= 12 && b <= 12) found.either.push({ y: +m[4], a, b });
		}
	}
	return found;
}

/**
 * The order of the document's numeric dates: a first number over 12 says day first, a second one over 12 month
 * first; when every one could be either, the reading that puts them nearest the `reference` date (the incident's,
 * from its title or fields) wins. Null when nothing decides it.
 */
export function numericDateOrder(found: NumericDates, reference: CivilDate | null): NumericOrder | null {
	if (found.dayFirst > 0 && found.monthFirst === 0) return 'dmy';
	if (found.monthFirst > 0 && found.dayFirst === 0) return 'mdy';
	if (found.dayFirst > 0 || found.monthFirst > 0 || !reference) return null;
	const r = dayNumber(reference);
	let mdyDistance = 0;
	let dmyDistance = 0;
	for (const { y, a, b } of found.either) {
		const mdy = makeDate(y, a, b);
		const dmy = makeDate(y, b, a);
		if (!mdy || !dmy) continue;
		mdyDistance += Math.abs(dayNumber(mdy) - r);
		dmyDistance += Math.abs(dayNumber(dmy) - r);
	}
	return dmyDistance < mdyDistance ? 'dmy' : mdyDistance < dmyDistance ? 'mdy' : null;
}

const SHORT_DATE = /(?:^|[\s(])(\d{1,2})-(\d{1,2})-(\d{2})(?=$|[\s).,])/;

/** A date written with a two-digit year, as titles do ("Website Outage 5-26-21"): month first unless it cannot be. */
export function findShortDate(s: string): CivilDate | null {
	const m = SHORT_DATE.exec(s);
	if (!m) return null;
	const a = +m[1];
	const b = +m[2];
	const y = 2000 + +m[3];
	return a > 12 ? makeDate(y, b, a) : makeDate(y, a, b);
}
