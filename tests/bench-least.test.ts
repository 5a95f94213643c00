/**
 * The benchmark's lower bound (scripts/bench/least.ts) must really do the work it stands for, or the bound it prints
 * would be too low to mean anything: it finds the timed rows, their milestones and the task items.
 */
import { parseIncident } from '../src/core';
import { generateNote, rng } from '../scripts/bench/generate';
import { leastIndex } from '../scripts/bench/least';

describe('the least index of the benchmark', () => {
	it('finds timed rows, the duration, milestone words and task items', () => {
		const note = [
			'## Timeline',
			'- 09:30 Alert fired for checkout',
			'- **09:42** On-call acknowledged',
			'| 10:05 | Rolled back the deploy |',
			'- 11:00 Incident resolved',
			'- no time here',
			'',
			'## Action items',
			'- [ ] Add a canary @dana 2026-02-01',
			'- [x] Page the right team',
		].join('\n');
		const i = leastIndex(note);
		expect(i.timeline.map((r) => r.minutes)).toEqual([570, 582, 605, 660]);
		expect(i.timeline.map((r) => r.milestone)).toEqual([4, 3, 1, 0]);
		expect(i.durationMinutes).toBe(90);
		expect(i.actionItems).toEqual([
			{ action: 'Add a canary @dana 2026-02-01', owner: 'dana', due: '2026-02-01', done: false },
			{ action: 'Page the right team', owner: null, due: null, done: true },
		]);
		// Run twice on the same text: the patterns keep no state between notes.
		expect(leastIndex(note)).toEqual(i);
	});

	it('counts days for ISO date-times across midnight', () => {
		const i = leastIndex('- 2025-03-01T23:50:00Z Alert fired\n- 2025-03-02T00:20:00Z Incident resolved\n');
		expect(i.durationMinutes).toBe(30);
	});

	it('on the benchmark notes, does a large share of what the parser does, and never more', () => {
		const r = rng(11);
		let least = 0;
		let ours = 0;
		for (let k = 0; k < 300; k++) {
			const { text } = generateNote(k, r, 300);
			const a = leastIndex(text).timeline.length;
			const b = parseIncident(text).timeline.filter((e) => e.time !== null).length;
			expect(a).toBeLessThanOrEqual(b);
			least += a;
			ours += b;
		}
		expect(least / ours).toBeGreaterThan(0.6);
	});
});
