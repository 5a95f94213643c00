/**
 * Clock times ("09:30", "9:30 AM", "10h47") and zones ("UTC", "+02:00", "CEST") written in a line, and their
 * formatting. Every pattern is anchored at a position (sticky) and bounded, so a scan is linear in the line.
 */
import { isDigitCode, isSpaceCode, isWordChar, stickyExec } from '../text/chars';

export interface ClockTime {
	h: number;
	mi: number;
	/** Seconds, only when written. */
	s: number | null;
}

const TIME = /(\d{1,2})(?::(\d{2})(?::(\d{2}))?(?:[.,]\d{1,9})?|h(\d{2}))?(?:\s?([ap])\.?m\.?)?/iy;

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
	// "13:55 PM", "23:00 AM", "00:20 AM": a 24-hour time with a redundant (or mistyped) marker — the hour says it all.
	const redundantMeridiem = minutes !== undefined && (h === 0 || (h > 12 && h < 24));
	if (meridiem && !redundantMeridiem) {
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
		const minutes = +m[7] * 60 + +m[8];
		// Offsets in use run from UTC-12:00 to UTC+14:00: "-23:00" after a time is the end of a range.
		return minutes > 14 * 60 ? null : { offset: sign * minutes, end };
	}
	if (m[9]) return { offset: NAMED_ZONES[m[9]], end };
	return null;
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

/** Absolute minutes (UTC) of a date + time written at `offset` minutes east of UTC. */
export function epochMinutes(dayNum: number, t: ClockTime, offset: number): number {
	return dayNum * 1440 + t.h * 60 + t.mi + (t.s ?? 0) / 60 - offset;
}
