/**
 * The statistics teams report and the chart scales, on examples worked out by hand: median, p90 (nearest rank),
 * the change against the previous period, action-item health, and axes an outlier does not flatten.
 */
import { parseIncident, type Incident } from '../src/core';
import { buildDashboard, EMPTY_FILTERS, type DashboardOptions } from '../src/core/views/dashboard';
import fc from 'fast-check';
import { changeOf, median, quantile, scaleOf, spreadOf } from '../src/core/views/stats';
import { parseYaml } from './helpers';

describe('median, p90 and change', () => {
	it('median of an odd and an even count (the middle two averaged, rounded)', () => {
		expect(median([30, 10, 20])).toBe(20);
		expect(median([10, 30, 60, 120])).toBe(45);
		expect(median([1, 2])).toBe(2);
		expect(median([])).toBeNull();
	});

	it('p90 by nearest rank: a value that occurred', () => {
		expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
		expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
		expect(quantile([120, 10, 60, 30], 0.9)).toBe(120);
		expect(quantile([5], 0.9)).toBe(5);
		expect(quantile([], 0.9)).toBeNull();
	});

	it('median, p90 and spread by selection agree with a full sort, on every order and size', () => {
		// The definitions, written the plain way: sort, then read the middle and the nearest rank.
		const sortedMedian = (xs: number[]): number | null => {
			const s = [...xs].sort((a, b) => a - b);
			if (s.length === 0) return null;
			const m = Math.floor(s.length / 2);
			return s.length % 2 ? s[m] : Math.round((s[m - 1] + s[m]) / 2);
		};
		const sortedRank = (xs: number[], q: number): number | null => {
			const s = [...xs].sort((a, b) => a - b);
			return s.length === 0 ? null : s[Math.min(s.length, Math.max(1, Math.ceil(q * s.length))) - 1];
		};
		const values = fc.oneof(
			fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 300 }),
			fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 300 }),
			fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 500, maxLength: 3000 }),
		);
		const orders = fc.constantFrom('as drawn', 'ascending', 'descending', 'organ pipe');
		fc.assert(
			fc.property(values, orders, fc.double({ min: 0.01, max: 1, noNaN: true }), (xs, order, q) => {
				let input = xs;
				if (order === 'ascending') input = [...xs].sort((a, b) => a - b);
				if (order === 'descending') input = [...xs].sort((a, b) => b - a);
				if (order === 'organ pipe') {
					const s = [...xs].sort((a, b) => a - b);
					input = [...s.filter((_, k) => k % 2 === 0), ...s.filter((_, k) => k % 2 === 1).reverse()];
				}
				const before = [...input];
				expect(median(input)).toBe(sortedMedian(input));
				expect(quantile(input, q)).toBe(sortedRank(input, q));
				expect(spreadOf(input)).toEqual({
					median: sortedMedian(input),
					p90: sortedRank(input, 0.9),
					count: input.length,
				});
				// The caller's list is not reordered.
				expect(input).toEqual(before);
			}),
			{ numRuns: 400 },
		);
	});

	it('change: the difference and the ratio, none from nothing', () => {
		expect(changeOf(12, 8)).toEqual({ now: 12, before: 8, delta: 4, ratio: 0.5 });
		expect(changeOf(3, 0)).toEqual({ now: 3, before: 0, delta: 3, ratio: null });
		expect(changeOf(null, 8)).toBeNull();
	});
});

describe('chart scales', () => {
	it('ticks in round durations: hours for a few hours', () => {
		expect(scaleOf([45, 200], true)).toEqual({ max: 240, ticks: [0, 60, 120, 180, 240], capped: false });
	});

	it('ticks in days for days', () => {
		// 3 days → a quarter is 18h → the next round step is one day.
		expect(scaleOf([4320, 1000, 2000], true)).toEqual({ max: 4320, ticks: [0, 1440, 2880, 4320], capped: false });
	});

	it('caps an outlier: the axis stops above the rest', () => {
		// 2 days against 30–45 minutes: the axis is set by the 45 (×1.25 → 56 → steps of 15 min).
		expect(scaleOf([30, 40, 45, 2880], true)).toEqual({ max: 60, ticks: [0, 15, 30, 45, 60], capped: true });
	});

	it('counts in 1, 2, 5 steps', () => {
		expect(scaleOf([1, 3, 8], false)).toEqual({ max: 8, ticks: [0, 2, 4, 6, 8], capped: false });
		expect(scaleOf([], false)).toEqual({ max: 1, ticks: [0, 1], capped: false });
	});
});

describe('the dashboard’s statistics', () => {
	const note = (path: string, date: string, end: string, items = ''): Incident =>
		parseIncident(
			`---\ntitle: ${path}\ndate: ${date}\nseverity: SEV2\nservices: [api]\n---\n## Timeline\n- 10:00 Alert fired\n- ${end} Resolved\n${items}`,
			{ path, parseYaml },
		);
	const incidents = [
		note(
			'a.md',
			'2025-03-05',
			'10:30',
			'## Action items\n- [ ] One @dana 📅 2025-06-01\n- [x] Two @dana 📅 2025-03-20\n',
		),
		note('b.md', '2025-03-10', '11:00', '## Action items\n- [ ] Three @lee 📅 2025-03-15\n'),
		note('c.md', '2025-03-20', '12:00'),
		note('d.md', '2025-03-28', '10:10'),
		note('e.md', '2025-02-10', '10:20'),
		note('f.md', '2025-02-20', '10:40'),
	];
	const opts: DashboardOptions = { definition: 'first-last', relatedWindowDays: 30, today: '2025-04-01' };
	const march = buildDashboard(
		incidents,
		{ ...EMPTY_FILTERS, from: '2025-03-01', to: '2025-03-31' },
		{ column: 'date', descending: false },
		opts,
	);

	it('median and p90 of the durations shown', () => {
		// March: 30, 60, 120 and 10 minutes.
		expect(march.summary.times.duration).toEqual({ median: 45, p90: 120, count: 4 });
		expect(march.summary.times.ttr).toEqual({ median: 45, p90: 120, count: 4 });
	});

	it('against the 31 days before March: 2 incidents of 20 and 40 minutes', () => {
		const c = march.summary.change;
		expect(c?.previousFrom).toBe('2025-01-29');
		expect(c?.previousTo).toBe('2025-02-28');
		expect(c?.incidents).toEqual({ now: 4, before: 2, delta: 2, ratio: 1 });
		expect(c?.medianDuration).toEqual({ now: 45, before: 30, delta: 15, ratio: 0.5 });
		expect(c?.p90Duration).toEqual({ now: 120, before: 40, delta: 80, ratio: 2 });
		expect(
			buildDashboard(incidents, EMPTY_FILTERS, { column: 'date', descending: false }, opts).summary.change,
		).toBeNull();
	});

	it('action-item health: open, overdue, done, closure rate and the median age of open items', () => {
		// Open: "One" (incident of 5 March, 27 days before 1 April) and "Three" (10 March, 22 days; overdue).
		expect(march.summary.actions).toEqual({
			total: 3,
			open: 2,
			overdue: 1,
			done: 1,
			closureRate: 1 / 3,
			medianOpenAgeDays: 25,
		});
	});

	it('months with median, p90 and items; breakdowns by severity and service', () => {
		const all = buildDashboard(incidents, EMPTY_FILTERS, { column: 'date', descending: false }, opts);
		expect(all.months.map((m) => [m.month, m.medianMinutes, m.p90Minutes, m.actionsOpen, m.actionsDone])).toEqual([
			['2025-02', 30, 40, 0, 0],
			['2025-03', 45, 120, 2, 1],
		]);
		expect(all.byService.map((b) => [b.key, b.count, b.minutes, b.times.duration])).toEqual([
			['api', 6, 280, { median: 35, p90: 120, count: 6 }],
		]);
		expect(all.topServicesByMinutes).toEqual([{ service: 'api', minutes: 280 }]);
	});
});

describe('response times per severity and per service', () => {
	// Started 10:00; detected, acknowledged, mitigated, resolved at the minutes given.
	const note = (path: string, sev: string, services: string, d: number, a: number, m: number, r: number): Incident =>
		parseIncident(
			`---\ntitle: ${path}\ndate: 2025-03-01\nseverity: ${sev}\nservices: [${services}]\n---\n## Timeline\n` +
				`- 10:00 Deploy started\n- 10:${String(d).padStart(2, '0')} Alert fired\n` +
				`- 10:${String(a).padStart(2, '0')} Acknowledged by on-call\n` +
				`- 10:${String(m).padStart(2, '0')} Mitigated by rollback\n- 10:${String(r).padStart(2, '0')} Resolved\n`,
			{ path, parseYaml },
		);
	const incidents = [
		note('a.md', 'SEV1', 'api, db', 5, 8, 20, 50),
		note('b.md', 'SEV1', 'api', 15, 16, 30, 40),
		note('c.md', 'SEV2', 'db', 2, 4, 6, 10),
	];
	const opts: DashboardOptions = { definition: 'first-last', relatedWindowDays: 30, today: '2025-04-01' };
	const m = buildDashboard(incidents, EMPTY_FILTERS, { column: 'date', descending: false }, opts);

	it('each group has its own median and p90 of detect, acknowledge, mitigate and resolve', () => {
		const sev1 = m.bySeverity.find((b) => b.key === 'SEV1');
		// SEV1: a and b. Detect 5 and 15 → median 10, p90 15; acknowledge (after detection) 3 and 1 → 2, p90 3;
		// mitigate 20, 30 → 25;
		// resolve (first row to last) 50, 40 → 45, p90 50.
		expect(sev1?.count).toBe(2);
		expect(sev1?.minutes).toBe(90);
		expect(sev1?.times.ttd).toEqual({ median: 10, p90: 15, count: 2 });
		expect(sev1?.times.tta).toEqual({ median: 2, p90: 3, count: 2 });
		expect(sev1?.times.ttm).toEqual({ median: 25, p90: 30, count: 2 });
		expect(sev1?.times.duration).toEqual({ median: 45, p90: 50, count: 2 });
		// An incident of two services counts in both: db is a (50 min) and c (10 min).
		const db = m.byService.find((b) => b.key === 'db');
		expect(db?.count).toBe(2);
		expect(db?.times.ttd).toEqual({ median: 4, p90: 5, count: 2 });
		expect(db?.times.duration).toEqual({ median: 30, p90: 50, count: 2 });
		expect(m.byService.map((b) => b.key)).toEqual(['api', 'db']);
		expect(m.bySeverity.map((b) => b.key)).toEqual(['SEV1', 'SEV2']);
	});
});

describe('postmortems left in review', () => {
	// Detected `ttd` minutes after the impact started.
	const note = (path: string, date: string, status: string, ttd: number): Incident =>
		parseIncident(
			`---\ntitle: ${path}\ndate: ${date}\nstatus: ${status}\n---\n## Timeline\n- 10:00 Impact began\n- 10:${String(ttd).padStart(2, '0')} Alert fired\n- 11:00 Resolved\n`,
			{ path, parseYaml },
		);
	const incidents = [
		note('old-draft.md', '2025-03-01', 'draft', 10),
		note('new-review.md', '2025-03-25', 'in review', 5),
		note('old-resolved.md', '2025-01-01', 'resolved', 5),
		note('old-review.md', '2025-02-01', 'Postmortem pending', 40),
	];
	const opts: DashboardOptions = { definition: 'first-last', relatedWindowDays: 30, today: '2025-04-01' };

	it('counts drafts and reviews older than the setting’s days, and filters to them', () => {
		// 31 and 59 days after their incidents; the 7-day-old review is within 14 days; a resolved one never counts.
		const all = buildDashboard(incidents, EMPTY_FILTERS, { column: 'date', descending: false }, opts);
		expect(all.summary.staleReviews).toBe(2);
		const only = buildDashboard(
			incidents,
			{ ...EMPTY_FILTERS, stale: 'yes' },
			{ column: 'date', descending: false },
			opts,
		);
		expect(only.rows.map((r) => r.path)).toEqual(['old-review.md', 'old-draft.md']);
		// Every summary figure is of the rows listed: the time to detect too (it was of every incident shown before).
		expect([all.summary.medianTtdMinutes, only.summary.medianTtdMinutes]).toEqual([8, 25]);
		expect(only.summary.times.ttd).toEqual({ median: 25, p90: 40, count: 2 });
		// With 60 days allowed, none is late.
		expect(
			buildDashboard(incidents, EMPTY_FILTERS, { column: 'date', descending: false }, { ...opts, staleDays: 60 })
				.summary.staleReviews,
		).toBe(0);
	});
});
