/**
 * Dates, clock times, zones and durations as people write them in postmortems.
 * date-fns does the calendar arithmetic and formatting; the scanning is ours, because the tokens sit inside
 * free text ("The outage occurred on April 14, 2024, from 10:00 AM to 12:00 PM (UTC)").
 * Every pattern is anchored at a position (sticky) and bounded, so a scan is linear in the line.
 */
import { getDaysInMonth } from 'date-fns';

export interface CivilDate {
	y: number;
	/** 1–12 */
	m: number;
	d: number;
}

export interface ClockTime {
	h: number;
	mi: number;
	/** Seconds, only when written. */
	s: number | null;
}

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
const MONTH_FIRST = new RegExp(
	`(?:${WEEKDAY})?(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s+(\\d{4})(?!\\d))?`,
	'iy',
);
const DAY_FIRST = new RegExp(
	`(?:${WEEKDAY})?(\\d{1,2})(?:st|nd|rd|th|er|\\.)?\\s+(?:of\\s+|de\\s+)?(${MONTH_ALT})\\.?(?![a-z])(?:,?\\s+(?:de\\s+)?(\\d{4})(?!\\d))?`,
	'iy',
);
const NUMERIC_DATE = /(\d{1,2})([./])(\d{1,2})\2(\d{4})(?!\d)/y;
const TIME = /(\d{1,2})(?::(\d{2})(?::(\d{2}))?(?:[.,]\d{1,9})?|h(\d{2}))?(?:\s?([ap])\.?m\.?)?/iy;
const DATE_TIME_SEP = /(?:T|,?\s+(?:at\s+|@\s*)?|,\s*)/iy;
const ZONE =
	/\s*(?:\(\s*)?(?:(Z)(?![a-z])|(UTC|GMT)(?:\s*([+-])(\d{1,2})(?::?(\d{2}))?)?|([+-])(\d{2}):?(\d{2})|(PST|PDT|EST|EDT|CST|CDT|MST|MDT|CET|CEST|BST|IST|JST|AEST|AEDT|EET|EEST|WET|WEST|HKT|SGT|KST|NZST|NZDT))(?:\s*\))?/y;

const NAMED_ZONES: Record<string, number> = {
	PST: -480,
	PDT: -420,
	EST: -300,
	EDT: -240,
	CST: -360,
	CDT: -300,
	MST: -420,
	MDT: -360,
	CET: 60,
	CEST: 120,
	BST: 60,
	IST: 330,
	JST: 540,
	AEST: 600,
	AEDT: 660,
	EET: 120,
	EEST: 180,
	WET: 0,
	WEST: 60,
	HKT: 480,
	SGT: 480,
	KST: 540,
	NZST: 720,
	NZDT: 780,
};

function stickyExec(re: RegExp, s: string, pos: number): RegExpExecArray | null {
	re.lastIndex = pos;
	return re.exec(s);
}

export function makeDate(y: number, m: number, d: number): CivilDate | null {
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return null;
	// Every month has 28 days: the calendar is asked only about the 29th to the 31st.
	if (d > 28 && d > getDaysInMonth(new Date(y, m - 1, 1))) return null;
	return { y, m, d };
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const LETTER = /\p{L}/u;

/** A letter, digit or underscore (any script). ASCII is decided without a regex: this runs for every candidate token. */
function isWordChar(c: string | undefined): boolean {
	if (c === undefined) return false;
	const k = c.charCodeAt(0);
	if (k < 128) return (k >= 48 && k <= 57) || (k >= 65 && k <= 90) || (k >= 97 && k <= 122) || k === 95;
	return WORD_CHAR.test(c);
}

function isAsciiAlnum(k: number): boolean {
	return (k >= 48 && k <= 57) || (k >= 65 && k <= 90) || (k >= 97 && k <= 122);
}

function isDigitCode(k: number): boolean {
	return k >= 48 && k <= 57;
}

/** What \s matches, by char code. */
function isSpaceCode(k: number): boolean {
	return (
		k === 32 ||
		(k >= 9 && k <= 13) ||
		k === 0xa0 ||
		k === 0x1680 ||
		(k >= 0x2000 && k <= 0x200a) ||
		k === 0x2028 ||
		k === 0x2029 ||
		k === 0x202f ||
		k === 0x205f ||
		k === 0x3000 ||
		k === 0xfeff
	);
}

function isLetterAt(s: string, i: number): boolean {
	const k = s.charCodeAt(i);
	if (k < 128) return (k >= 65 && k <= 90) || (k >= 97 && k <= 122);
	return LETTER.test(s[i]);
}

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
export function matchDateAt(s: string, pos: number): { date: CivilDate; yearMissing: boolean; end: number } | null {
	if (isWordChar(s[pos - 1])) return null;
	// Each pattern is tried only where its first characters can start it: most positions are not dates at all.
	const first = s.charCodeAt(pos);
	const digit = isDigitCode(first);
	if (!digit && !startsDateWord(s, pos)) return null;
	const sep4 = s.charCodeAt(pos + 4);
	let m =
		digit && (sep4 === 45 || sep4 === 47) ? (stickyExec(ISO_DATE, s, pos) ?? stickyExec(SLASH_YMD, s, pos)) : null;
	if (m) {
		const date = makeDate(+m[1], +m[2], +m[3]);
		return date ? { date, yearMissing: false, end: pos + m[0].length } : null;
	}
	// 25.03.2023 and 03/25/2023 have their separator after one or two digits.
	const c1 = s.charCodeAt(pos + 1);
	const c2 = s.charCodeAt(pos + 2);
	m = digit && (c1 === 46 || c1 === 47 || c2 === 46 || c2 === 47) ? stickyExec(NUMERIC_DATE, s, pos) : null;
	if (m) {
		const a = +m[1];
		const b = +m[3];
		// 03/25/2023 is American; 25.03.2023 is European; a first number over 12 settles it either way.
		const usOrder = m[2] === '/' && a <= 12;
		const date = usOrder ? makeDate(+m[4], a, b) : makeDate(+m[4], b, a);
		return date ? { date, yearMissing: false, end: pos + m[0].length } : null;
	}
	m = digit ? null : stickyExec(MONTH_FIRST, s, pos);
	if (m && !isWordChar(s[pos + m[0].length])) {
		const month = MONTHS[m[1].toLowerCase()];
		const year = m[3] ? +m[3] : 2000;
		const date = makeDate(year, month, +m[2]);
		return date ? { date, yearMissing: !m[3], end: pos + m[0].length } : null;
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

/** A clock time at `pos`: 14:05, 14:05:09, 9:30 AM, 2:05pm, 2pm, 14h05. Requires minutes or am/pm. */
export function matchTimeAt(s: string, pos: number, afterT = false): { time: ClockTime; end: number } | null {
	if (!isDigitCode(s.charCodeAt(pos))) return null;
	// After a date, "T" may join the time on ("2025-03-01T14:05"); anywhere else a time starts a word.
	const prev = afterT ? undefined : s[pos - 1];
	if (prev !== undefined && (prev === ':' || prev === '.' || isWordChar(prev))) return null;
	const m = stickyExec(TIME, s, pos);
	if (!m) return null;
	const minutes = m[2] ?? m[4];
	const meridiem = m[5]?.toLowerCase();
	if (minutes === undefined && !meridiem) return null;
	let h = +m[1];
	const mi = minutes === undefined ? 0 : +minutes;
	const sec = m[3] === undefined ? null : +m[3];
	if (mi > 59 || (sec !== null && sec > 59)) return null;
	if (meridiem) {
		if (h < 1 || h > 12) return null;
		if (meridiem === 'p' && h !== 12) h += 12;
		if (meridiem === 'a' && h === 12) h = 0;
	} else if (h > 24 || (h === 24 && (mi > 0 || (sec ?? 0) > 0))) {
		return null;
	}
	const end = pos + m[0].length;
	// "14:05:" or "9:30 AM:" are fine; "14:057" or "14:05abc" are not times ("14:05Z" is, with its zone).
	const next = s[end];
	if (next !== undefined && isWordChar(next) && next !== 'Z') return null;
	return { time: { h: h === 24 ? 0 : h, mi, s: sec }, end };
}

/** A zone written after a time: Z, UTC, GMT+2, (UTC-5), +02:00, -0500, PST… Returns minutes east of UTC. */
export function matchZoneAt(s: string, pos: number): { offset: number; end: number } | null {
	// A zone starts (after spaces and an opening parenthesis) with Z, a sign or a capital letter: check before the pattern.
	let k = pos;
	while (k < s.length && (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 40 || isSpaceCode(s.charCodeAt(k)))) k++;
	const c = s.charCodeAt(k);
	if (!(c === 43 || c === 45 || (c >= 65 && c <= 90))) return null;
	// Besides Z, every zone name is in capitals (UTC, GMT+2, CEST): "Alert fired" after a time is not one.
	const c2 = s.charCodeAt(k + 1);
	if (c >= 65 && c <= 90 && c !== 90 && !(c2 >= 65 && c2 <= 90)) return null;
	const m = stickyExec(ZONE, s, pos);
	if (!m || m[0].trim() === '') return null;
	const end = pos + m[0].length;
	if (isWordChar(s[end]) && !m[0].endsWith(')')) return null;
	if (m[1] || (m[2] && !m[3])) return { offset: 0, end };
	if (m[2] && m[3]) {
		const sign = m[3] === '-' ? -1 : 1;
		return { offset: sign * (+m[4] * 60 + (m[5] ? +m[5] : 0)), end };
	}
	if (m[6]) {
		const sign = m[6] === '-' ? -1 : 1;
		return { offset: sign * (+m[7] * 60 + +m[8]), end };
	}
	if (m[9]) return { offset: NAMED_ZONES[m[9]], end };
	return null;
}

/** A date, a time, or a date followed by a time, with an optional zone, at `pos`. */
export function matchDateTimeAt(s: string, pos: number): DateTimeMatch | null {
	const d = matchDateAt(s, pos);
	let end = d ? d.end : pos;
	let time: ClockTime | null = null;
	if (d) {
		const sep = stickyExec(DATE_TIME_SEP, s, end);
		const at = sep ? end + sep[0].length : end;
		// After a date the time may be joined on with "T" ("2025-03-01T14:05").
		const t = matchTimeAt(s, at, s[at - 1] === 'T' || s[at - 1] === 't');
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
	if (time) {
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

/** "00:00" … "23:59", made once: every timeline row formats its time twice. */
const CLOCK = Array.from(
	{ length: 1440 },
	(_, k) => `${String(Math.floor(k / 60)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}`,
);

export function formatClock(t: ClockTime): string {
	const hhmm =
		t.h >= 0 && t.h < 24 && t.mi >= 0 && t.mi < 60
			? CLOCK[t.h * 60 + t.mi]
			: `${String(t.h).padStart(2, '0')}:${String(t.mi).padStart(2, '0')}`;
	return t.s === null ? hhmm : `${hhmm}:${String(t.s).padStart(2, '0')}`;
}

export function formatOffset(offset: number): string {
	if (offset === 0) return 'Z';
	const sign = offset < 0 ? '-' : '+';
	const a = Math.abs(offset);
	return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

export function isoDateTime(d: CivilDate, t: ClockTime, offset: number | null): string {
	return `${isoDate(d)}T${formatClock(t)}${offset === null ? '' : formatOffset(offset)}`;
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

/** Absolute minutes (UTC) of a date + time written at `offset` minutes east of UTC. */
export function epochMinutes(dayNum: number, t: ClockTime, offset: number): number {
	return dayNum * 1440 + t.h * 60 + t.mi + (t.s ?? 0) / 60 - offset;
}

// Units in English and the common other languages; the longest spellings first so "minutes" is not read as "m".
const UNITS: [number, string[]][] = [
	[
		1440,
		[
			'days',
			'day',
			'd',
			'tage',
			'tag',
			'jours',
			'jour',
			'días',
			'dias',
			'día',
			'dia',
			'giorni',
			'giorno',
			'dagen',
			'dag',
		],
	],
	[
		60,
		[
			'hours',
			'hour',
			'hrs',
			'hr',
			'h',
			'stunden',
			'stunde',
			'std',
			'heures',
			'heure',
			'horas',
			'hora',
			'ore',
			'ora',
			'uur',
		],
	],
	[1, ['minutes', 'minute', 'mins', 'min', 'm', 'minuten', 'minutos', 'minuto', 'minuti']],
	[1 / 60, ['seconds', 'second', 'secs', 'sec', 's', 'sekunden', 'secondes', 'segundos', 'secondi']],
];
const UNIT_MINUTES = new Map<string, number>();
for (const [minutes, names] of UNITS) for (const n of names) UNIT_MINUTES.set(n, minutes);
const UNIT_ALT = [...UNIT_MINUTES.keys()].sort((a, b) => b.length - a.length).join('|');
const AMOUNT = new RegExp(`(\\d+(?:[.,]\\d+)?)\\s*(${UNIT_ALT})(?![\\p{L}])`, 'giuy');
/** "1 h 50": minutes written after hours without their unit. */
const BARE_MINUTES = /\s*(\d{1,2})(?![\d:.,]|\s*[\p{L}%])/uy;

/** "22 minutes", "2 hours and 15 minutes", "1h 35m", "1 h 50", "1 Stunde 5 Minuten", "1.5 hours", "PT1H35M", or a bare number of minutes. */
export function parseDurationAmount(s: string): number | null {
	const iso = /^P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/i.exec(s.trim());
	if (iso && s.trim().length > 2) return +(iso[1] ?? 0) * 1440 + +(iso[2] ?? 0) * 60 + +(iso[3] ?? 0);
	if (/^\d+(?:\.\d+)?$/.test(s.trim())) return Math.round(+s.trim());
	let total = 0;
	let found = false;
	for (let i = 0; i < s.length; i++) {
		if (!/\d/.test(s[i]) || /[\d.,:]/.test(s[i - 1] ?? '')) continue;
		AMOUNT.lastIndex = i;
		const m = AMOUNT.exec(s);
		if (!m) continue;
		// "9:30 AM" and "12:00 PM" are clock times, never amounts.
		if (s[i + m[1].length] === ':') continue;
		const unit = m[2].toLowerCase();
		if (unit === 'm' && /^\s*(?:am|pm)/i.test(s.slice(i + m[1].length))) continue;
		const per = UNIT_MINUTES.get(unit) ?? 1;
		total += parseFloat(m[1].replace(',', '.')) * per;
		found = true;
		i = AMOUNT.lastIndex - 1;
		if (per === 60) {
			BARE_MINUTES.lastIndex = AMOUNT.lastIndex;
			const bare = BARE_MINUTES.exec(s);
			if (bare && +bare[1] < 60) {
				total += +bare[1];
				i = BARE_MINUTES.lastIndex - 1;
			}
		}
	}
	return found ? Math.round(total) : null;
}

/**
 * A written range: "from 10:00 AM to 12:00 PM", "March 25th, 2023 9:30 AM - March 26th, 2023 4:00 PM (UTC-5)".
 * Returns minutes between the first two timed tokens; an end before its start is the next day.
 */
export function parseDurationRange(s: string, fallbackDate: CivilDate | null): number | null {
	const tokens = findDateTimes(s).filter((t) => t.time !== null);
	if (tokens.length < 2) return null;
	const [a, b] = tokens;
	const base = a.date ?? fallbackDate ?? { y: 2000, m: 1, d: 1 };
	const dayA = dayNumber(base);
	let dayB = b.date ? dayNumber(b.date) : dayA;
	const zoneA = a.offset ?? b.offset ?? 0;
	const zoneB = b.offset ?? a.offset ?? 0;
	let minutes = epochMinutes(dayB, b.time as ClockTime, zoneB) - epochMinutes(dayA, a.time as ClockTime, zoneA);
	if (minutes < 0 && !b.date) {
		dayB += 1;
		minutes += 1440;
	}
	return minutes >= 0 ? Math.round(minutes) : null;
}
