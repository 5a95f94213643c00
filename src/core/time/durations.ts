/**
 * Durations as people write them: "45 minutes", "1h 30m", "2 days", and a range "10:00–11:30".
 */
import { epochMinutes, type ClockTime } from './clock';
import { findDateTimes } from './date-times';
import { dayNumber, type CivilDate } from './dates';

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
