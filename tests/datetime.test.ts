import { matchTimeAt } from '../src/core/time/clock';
import { findDate, findDateTimes, matchDateTimeAt, parseDateTimeValue } from '../src/core/time/date-times';
import { parseDateValue } from '../src/core/time/dates';
import { parseDurationAmount, parseDurationRange } from '../src/core/time/durations';

const clock = (s: string) => {
	const m = matchTimeAt(s, 0);
	return m ? `${m.time.h}:${String(m.time.mi).padStart(2, '0')}${m.time.s !== null ? ':' + m.time.s : ''}` : null;
};

describe('clock times as people write them', () => {
	it.each([
		['9:30 AM', '9:30'],
		['12:00 PM', '12:00'],
		['12:15 am', '0:15'],
		['2:05pm', '14:05'],
		['2pm', '14:00'],
		['11 p.m.', '23:00'],
		['14:05', '14:05'],
		['14:05:30', '14:05:30'],
		['14h05', '14:05'],
		['00:00', '0:00'],
		// A 24-hour time with a redundant or mistyped marker, as real timelines write it: the hour decides.
		['13:55 PM', '13:55'],
		['23:00 AM', '23:00'],
		['00:20 AM', '0:20'],
	])('%s → %s', (written, expected) => {
		expect(clock(written)).toBe(expected);
	});

	it.each(['25:00', '12:60', '13 PM', '0 AM', '2 engineers', '3.5', '1405'])('%s is not a time', (s) => {
		expect(clock(s)).toBeNull();
	});

	it('does not read a time out of the middle of a number or word', () => {
		expect(matchTimeAt('v12:30', 1)).toBeNull();
		expect(matchTimeAt('1:2:30', 2)).toBeNull();
	});
});

describe('dates and date-times', () => {
	it.each([
		['2025-07-31', '2025-07-31'],
		['2025/07/31', '2025-07-31'],
		['March 25th, 2023', '2023-03-25'],
		['November 7, 2024', '2024-11-07'],
		['7 Nov 2024', '2024-11-07'],
		['Tuesday, 4 March 2025', '2025-03-04'],
		['03/25/2023', '2023-03-25'],
		['25.03.2023', '2023-03-25'],
		['25/03/2023', '2023-03-25'],
		['14. März 2025', '2025-03-14'],
		['3 de mayo de 2025', '2025-05-03'],
		['1er avril 2025', '2025-04-01'],
	])('%s → %s', (written, expected) => {
		const d = findDate(written);
		expect(d ? `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}` : null).toBe(expected);
	});

	it('rejects impossible dates', () => {
		expect(parseDateValue('2025-02-30')).toBeNull();
		expect(parseDateValue('2025-13-01')).toBeNull();
	});

	it('reads YAML Date values in UTC', () => {
		expect(parseDateValue(new Date(Date.UTC(2025, 6, 31)))).toEqual({ y: 2025, m: 7, d: 31 });
		expect(parseDateTimeValue(new Date('2025-06-10T20:40:00Z'))).toEqual({
			date: { y: 2025, m: 6, d: 10 },
			time: { h: 20, mi: 40, s: null },
			offset: 0,
		});
	});

	it('reads ISO 8601 with offsets and a date followed by a time and zone', () => {
		const iso = matchDateTimeAt('2025-06-10T22:40:00+02:00 — alert', 0);
		expect(iso).toMatchObject({ date: { y: 2025, m: 6, d: 10 }, time: { h: 22, mi: 40, s: 0 }, offset: 120 });
		const long = matchDateTimeAt('November 7, 2024, 09:15 AM UTC', 0);
		expect(long).toMatchObject({ date: { y: 2024, m: 11, d: 7 }, time: { h: 9, mi: 15 }, offset: 0 });
		expect(matchDateTimeAt('14:05 PST', 0)?.offset).toBe(-480);
		expect(matchDateTimeAt('14:05 (UTC-5)', 0)?.offset).toBe(-300);
		expect(matchDateTimeAt('14:05Z', 0)?.offset).toBe(0);
		expect(matchDateTimeAt('14:05 -0330', 0)?.offset).toBe(-210);
		expect(matchDateTimeAt('14:05 AEST — paged', 0)?.offset).toBe(600);
		expect(matchDateTimeAt('14:05 Z', 0)?.offset).toBe(0);
		// A capitalised word after the time is the event, not a zone: "Alert" is not AEST, "Zone" is not Z.
		expect(matchDateTimeAt('14:05 Alert fired', 0)?.offset).toBeNull();
		expect(matchDateTimeAt('14:05 Zone failover', 0)?.offset).toBeNull();
	});

	it('finds every token in running text, left to right', () => {
		const tokens = findDateTimes('The outage occurred on April 14, 2024, from 10:00 AM to 12:00 PM (UTC).');
		expect(tokens.map((t) => [t.date?.d ?? null, t.time ? t.time.h : null])).toEqual([
			[14, null],
			[null, 10],
			[null, 12],
		]);
	});
});

describe('written durations', () => {
	it.each([
		['22 minutes', 22],
		['2 hours and 15 minutes', 135],
		['1h 35m', 95],
		['1.5 hours', 90],
		['45 min', 45],
		['2 days 3 hours', 3060],
		['PT1H35M', 95],
		['90', 90],
		['4 hours, from 11:00 AM to 3:00 PM (PST)', 240],
	])('%s → %i minutes', (written, minutes) => {
		expect(parseDurationAmount(written)).toBe(minutes);
	});

	it('does not read clock times or dates as amounts', () => {
		expect(parseDurationAmount('from 10:00 AM to 12:00 PM')).toBeNull();
		expect(parseDurationAmount('March 25th, 2023 9:30 AM - March 26th, 2023 4:00 PM')).toBeNull();
	});

	it.each([
		['from 10:00 AM to 12:00 PM', 120],
		['March 25th, 2023 9:30 AM - March 26th, 2023 4:00 PM (UTC-5)', 1830],
		['23:30 – 01:15', 105],
		['2025-06-10T22:40+02:00 to 2025-06-10T21:10Z', 30],
	])('range %s → %i minutes', (written, minutes) => {
		expect(parseDurationRange(written, null)).toBe(minutes);
	});
});
