import { parseIncident, type Incident, type IndexedIncident } from '../src/core';
import {
	buildDashboard,
	EMPTY_FILTERS,
	relatedIncidents,
	rowsToCsv,
	rowsToMarkdown,
	type DashboardOptions,
} from '../src/core/views/dashboard';
import { compactIncident, IncidentIndex, SEARCHED_CHARS } from '../src/core/index/incident-index';
import { columnOf } from '../src/core/views/columns';
import { buildRollup, rollupEntries } from '../src/core/views/rollup';
import { tickActionItem } from '../src/core/write/toggle-item';
import { parse, parseYaml } from './helpers';
import { lexiconOf } from '../src/core/format/lexicon';
import { readTeamWords } from '../src/core/format/team-words';

const opts: DashboardOptions = { definition: 'first-last', relatedWindowDays: 30, today: '2025-04-01' };

function incident(path: string, fm: Record<string, unknown>, body = ''): Incident {
	const yaml = Object.entries(fm)
		.map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`)
		.join('\n');
	return parseIncident(`---\n${yaml}\n---\n${body}`, { path, parseYaml, resolveLink: (t) => `${t}.md` });
}

const A = incident(
	'a.md',
	{ title: 'A', date: '2025-01-10', severity: 'SEV1', status: 'resolved', services: ['api'] },
	'## Timeline\n- 10:00 Alert fired\n- 11:00 Resolved\n## Action items\n- [ ] Fix it @dana 📅 2025-02-01\n- [x] Done one @lee 📅 2025-01-20\n',
);
const B = incident(
	'b.md',
	{ title: 'B', date: '2025-01-25', severity: 'SEV2', status: 'resolved', services: ['api', 'db'] },
	'Duration: 5 hours\n## Timeline\n- 09:00 start\n- 09:30 Alert fired\n- 10:00 Resolved\n## Action items\n- [ ] Later @Dana 📅 2025-06-01\n[[a]]\n',
);
const C = incident(
	'c.md',
	{ title: 'C <script>', date: '2025-03-05', severity: 'SEV2', status: 'open', services: ['db'] },
	'## Timeline\n- 08:00 x\n- 08:20 y\n',
);
const D = incident('d.md', { title: 'D', services: ['web'] }, '## Timeline\n- 08:00 x\n');

describe('the incident index', () => {
	it('moves its revision on every change and notifies listeners', () => {
		const index = new IncidentIndex();
		const seen: number[] = [];
		index.onChange((r) => seen.push(r));
		index.set('a.md', A);
		index.set('b.md', B);
		index.rename('b.md', 'x/b.md');
		expect(index.get('x/b.md')?.path).toBe('x/b.md');
		expect(index.delete('a.md')).toBe(true);
		expect(index.delete('a.md')).toBe(false);
		expect(index.paths()).toEqual(['x/b.md']);
		expect(seen).toEqual([1, 2, 3, 4]);
		index.replaceAll([['c.md', C]]);
		expect(index.revision).toBe(5);
		expect(index.size).toBe(1);
	});

	it('lists its incidents in path order (code units) through every kind of change', () => {
		const index = new IncidentIndex();
		const order = (): string[] => index.all().map((i) => i.path ?? '');
		const sorted = (paths: string[]): string[] => [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
		index.replaceAll([
			['m.md', A],
			['b.md', B],
			['Z.md', C],
		]);
		expect(order()).toEqual(['Z.md', 'b.md', 'm.md']);
		let paths = ['Z.md', 'b.md', 'm.md'];
		// Random adds, replaces, deletes and renames, checked against a sort after each.
		// mulberry32: every operation and name comes up.
		let seed = 7;
		const next = (n: number): number => {
			seed = (seed + 0x6d2b79f5) | 0;
			let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
			t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
			return ((t ^ (t >>> 14)) >>> 0) % n;
		};
		const names = ['a.md', 'x/y.md', 'x.md', 'Z.md', 'b.md', 'é.md', 'm.md', 'a/b.md', 'a-b.md', 'a.md.md'];
		const ops = [0, 0, 0, 0];
		for (let step = 0; step < 300; step++) {
			const name = names[next(names.length)];
			const op = next(4);
			ops[op]++;
			if (op === 0 || op === 1) {
				index.set(name, [A, B, C, D][next(4)]);
				if (!paths.includes(name)) paths.push(name);
			} else if (op === 2) {
				index.delete(name);
				paths = paths.filter((p) => p !== name);
			} else if (paths.length > 0) {
				const from = paths[next(paths.length)];
				index.rename(from, name);
				paths = paths.filter((p) => p !== from && p !== name).concat(name);
			}
			expect(order()).toEqual(sorted(paths));
			expect(index.paths()).toEqual(sorted(paths));
		}
		expect(ops.every((n) => n > 50)).toBe(true);
		// The dashboard takes the index's list as it comes and any other list sorted: the same rows either way.
		const sort = { column: 'title' as const, descending: false };
		const rows = (list: readonly IndexedIncident[]): string[] =>
			buildDashboard(list, EMPTY_FILTERS, sort, opts).rows.map((r) => r.path);
		expect(rows(index.all())).toEqual(rows([...index.all()].reverse()));
	});

	it('takes notes compacted during a scan as they are, without copying them again', () => {
		const compact = compactIncident(A);
		expect('timeline' in compact).toBe(false);
		expect(compact).not.toBe(A);
		expect(compactIncident(compact)).toBe(compact);
		const index = new IncidentIndex();
		index.replaceAll([['a.md', compact]]);
		expect(index.get('a.md')).toBe(compact);
		// Under another path it is a different entry, so it is copied with that path.
		index.replaceAll([['moved/a.md', compact]]);
		expect(index.get('moved/a.md')?.path).toBe('moved/a.md');
	});
});

describe('the dashboard model', () => {
	const all = [A, B, C, D];
	const model = buildDashboard(all, EMPTY_FILTERS, { column: 'date', descending: true }, opts);

	it('summarises: count by severity, MTTR, median TTD, open and overdue actions, mismatches', () => {
		expect(model.summary).toMatchObject({
			incidents: 4,
			bySeverity: [
				{ severity: 'SEV1', count: 1 },
				{ severity: 'SEV2', count: 2 },
				{ severity: '(none)', count: 1 },
			],
			mttrMinutes: 47, // (60 + 60 + 20) / 3 rounded; D has one row, so no duration
			medianTtdMinutes: 15, // A 0, B 30; C and D name no detection
			openActions: 2,
			overdueActions: 1,
			durationMismatches: 1,
		});
	});

	it('draws months with gaps as zero, stacked by severity, with MTTR per month', () => {
		expect(model.months).toEqual([
			{
				month: '2025-01',
				bySeverity: { SEV1: 1, SEV2: 1 },
				total: 2,
				mttrMinutes: 60,
				medianMinutes: 60,
				p90Minutes: 60,
				// A: one open, one done; B: one open.
				actionsOpen: 2,
				actionsDone: 1,
			},
			{
				month: '2025-02',
				bySeverity: {},
				total: 0,
				mttrMinutes: null,
				medianMinutes: null,
				p90Minutes: null,
				actionsOpen: 0,
				actionsDone: 0,
			},
			{
				month: '2025-03',
				bySeverity: { SEV2: 1 },
				total: 1,
				mttrMinutes: 20,
				medianMinutes: 20,
				p90Minutes: 20,
				actionsOpen: 0,
				actionsDone: 0,
			},
		]);
		expect(model.topServices).toEqual([
			{ service: 'api', count: 2 },
			{ service: 'db', count: 2 },
			{ service: 'web', count: 1 },
		]);
	});

	it('sorts by any column, undated and unknown last, ties by path', () => {
		const order = (column: Parameters<typeof buildDashboard>[2]['column'], descending = false): string[] =>
			buildDashboard(all, EMPTY_FILTERS, { column, descending }, opts).rows.map((r) => r.title);
		expect(model.rows.map((r) => r.title)).toEqual(['C <script>', 'B', 'A', 'D']);
		expect(order('date')).toEqual(['A', 'B', 'C <script>', 'D']);
		expect(order('severity')).toEqual(['A', 'B', 'C <script>', 'D']);
		expect(order('duration', true)).toEqual(['A', 'B', 'C <script>', 'D']);
		expect(order('openActions', true)).toEqual(['A', 'B', 'C <script>', 'D']);
	});

	it('sorts every column in the order one comparison per pair gives (keys worked out once per row)', () => {
		// Many ties, missing values, accents and case: the reference is the straightforward comparator.
		const titles = ['Éclair', 'eclair', 'Zulu', 'alpha', 'Alpha', 'beta'];
		const many = Array.from({ length: 36 }, (_, k) =>
			incident(
				`n/${String.fromCharCode(97 + ((k * 7) % 26))}${k}.md`,
				{
					title: titles[k % titles.length],
					...(k % 5 ? { date: `2025-0${1 + (k % 3)}-1${k % 4}` } : {}),
					...(k % 4 ? { severity: `SEV${1 + (k % 3)}` } : {}),
					status: ['open', 'résolu', 'Resolved'][k % 3],
					services: [['api'], ['db', 'api'], ['Web'], []][k % 4],
				},
				k % 6
					? `## Timeline\n- 10:00 start\n- 1${k % 3}:${k % 2 ? '30' : '00'} end\n## Action items\n${'- [ ] item\n'.repeat(k % 3)}`
					: 'Just prose.\n',
			),
		);
		// Notes with an error (invalid frontmatter) but fewer problems than others: errors order before the count.
		for (const k of [1, 2])
			many.push(
				parseIncident(`---\ntitle: [unclosed\n---\n## Summary\nS\n## Timeline\n- 10:00 x\n- 10:0${k} y\n`, {
					path: `bad${k}.md`,
					parseYaml,
				}),
			);
		const rank = (s: string | null): number => (s === null ? 99 : Number(s.slice(3)));
		type Row = ReturnType<typeof buildDashboard>['rows'][number];
		const value = (r: Row, c: string): number | string | null =>
			c === 'date'
				? r.date
				: c === 'title'
					? r.title
					: c === 'severity'
						? r.severity === null
							? null
							: rank(r.severity)
						: c === 'status'
							? (r.status ?? '')
							: c === 'services'
								? r.services.join(', ')
								: c === 'duration'
									? r.duration
									: c === 'openActions'
										? r.openActions
										: null;
		for (const column of [
			'date',
			'title',
			'severity',
			'status',
			'services',
			'duration',
			'openActions',
			'problems',
		] as const) {
			for (const descending of [false, true]) {
				const rows = buildDashboard(many, EMPTY_FILTERS, { column, descending }, opts).rows;
				const reference = [...rows].sort((a, b) => {
					if (column === 'problems') {
						const c = a.errors - b.errors || a.problems - b.problems;
						return (descending ? -c : c) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
					}
					const x = value(a, column);
					const y = value(b, column);
					if (x === null || y === null) return x === y ? a.path.localeCompare(b.path) : x === null ? 1 : -1;
					const c =
						typeof x === 'number'
							? x - (y as number)
							: column === 'date'
								? x < (y as string)
									? -1
									: x > (y as string)
										? 1
										: 0
								: x.localeCompare(y as string);
					return (descending ? -c : c) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
				});
				expect([column, descending, rows.map((r) => r.path)]).toEqual([
					column,
					descending,
					reference.map((r) => r.path),
				]);
			}
		}
	});

	it('filters by text, severity, service, status and date range, and keeps the menus complete', () => {
		const f = (over: Partial<typeof EMPTY_FILTERS>): string[] =>
			buildDashboard(all, { ...EMPTY_FILTERS, ...over }, { column: 'title', descending: false }, opts).rows.map(
				(r) => r.title,
			);
		expect(f({ text: 'script' })).toEqual(['C <script>']);
		expect(f({ severity: 'SEV2' })).toEqual(['B', 'C <script>']);
		expect(f({ severity: '(none)' })).toEqual(['D']);
		expect(f({ service: 'db', status: 'Investigating' })).toEqual(['C <script>']);
		expect(f({ from: '2025-01-20', to: '2025-03-31' })).toEqual(['B', 'C <script>']);
		expect(
			buildDashboard(all, { ...EMPTY_FILTERS, severity: 'SEV1' }, { column: 'title', descending: false }, opts).choices
				.services,
		).toEqual(['api', 'db', 'web']);
	});

	it('the text filter searches summaries, root causes and lessons learned as the index keeps them', () => {
		const note = (title: string, summary: string, cause: string, lessons: string): string =>
			`---\ntitle: ${title}\n---\n## Summary\n${summary}\n\n## Root cause\n${cause}\n\n## Lessons learned\n${lessons}\n`;
		const index = new IncidentIndex();
		index.set('s.md', parse(note('S', 'Checkout returned errors.', 'A typo.', 'Review configs.'), { path: 's.md' }));
		index.set(
			'r.md',
			parse(note('R', 'Slow pages.', 'Connection pool exhausted.', 'Alert earlier.'), { path: 'r.md' }),
		);
		index.set('l.md', parse(note('L', 'Queue stalled.', 'Disk full.', 'Canary deploys catch this.'), { path: 'l.md' }));
		// Past the part the index keeps: not found (the note has it; the index holds SEARCHED_CHARS of each text).
		const long = 'x'.repeat(SEARCHED_CHARS) + ' needle';
		index.set('x.md', parse(note('X', 'Brief.', 'Brief.', long), { path: 'x.md' }));
		const f = (text: string): string[] =>
			buildDashboard(index.all(), { ...EMPTY_FILTERS, text }, { column: 'title', descending: false }, opts).rows.map(
				(r) => r.title,
			);
		expect(f('checkout')).toEqual(['S']);
		expect(f('POOL EXHAUSTED')).toEqual(['R']);
		expect(f('canary')).toEqual(['L']);
		expect(f('needle')).toEqual([]);
		expect(index.get('l.md')?.lessonsLearned).toBe('Canary deploys catch this.');
	});

	it('relates incidents by links both ways and same service within the window, and flags recurrences', () => {
		const rel = relatedIncidents(all, 30);
		expect(rel.get('a.md')?.related.map((r) => [r.path, r.why])).toEqual([['b.md', 'linked from']]);
		expect(rel.get('b.md')?.related.map((r) => [r.path, r.why])).toEqual([['a.md', 'links to']]);
		expect(rel.get('c.md')?.related.map((r) => [r.path, r.why])).toEqual([]);
		expect([...rel.entries()].filter(([, v]) => v.recurring).map(([k]) => k)).toEqual(['b.md']);
		expect(
			relatedIncidents(all, 60)
				.get('c.md')
				?.related.map((r) => r.path),
		).toEqual(['b.md']);
	});

	it('lists only the nearest same-service incidents in a dense vault (regression: this was quadratic)', () => {
		const dense = Array.from({ length: 3000 }, (_, k) => ({
			...A,
			path: `d${k}.md`,
			date: '2025-01-10',
			links: [],
			services: ['api'],
		}));
		const rel = relatedIncidents(dense, 30);
		const sizes = [...rel.values()].map((v) => v.related.length);
		expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
		expect([...rel.values()].filter((v) => v.recurring).length).toBe(2999);
	});

	it('lists each related incident once however many links point both ways, for an incident linked from many', () => {
		const link = (to: string): (typeof A.links)[number] => ({
			target: to.replace('.md', ''),
			alias: null,
			heading: null,
			embed: false,
			kind: 'incident',
			resolved: to,
			line: 1,
		});
		const hub = { ...A, path: 'hub.md', services: [], links: Array.from({ length: 20 }, (_, k) => link(`n${k}.md`)) };
		const notes = Array.from({ length: 40 }, (_, k) => ({
			...A,
			path: `n${k}.md`,
			services: [],
			links: [link('hub.md'), link('hub.md')],
		}));
		const rel = relatedIncidents([hub, ...notes], 30);
		const got = rel.get('hub.md')?.related ?? [];
		expect(got.map((r) => r.path)).toEqual([
			...Array.from({ length: 20 }, (_, k) => `n${k}.md`),
			...Array.from({ length: 20 }, (_, k) => `n${k + 20}.md`),
		]);
		expect(got.map((r) => r.why)).toEqual([
			...Array<string>(20).fill('links to'),
			...Array<string>(20).fill('linked from'),
		]);
		expect(rel.get('n3.md')?.related.map((r) => [r.path, r.why])).toEqual([['hub.md', 'linked from']]);
		expect(rel.get('n33.md')?.related.map((r) => [r.path, r.why])).toEqual([['hub.md', 'links to']]);
	});

	it('exports CSV that spreadsheets cannot execute, and a Markdown note with links', () => {
		const evil = { ...model.rows[0], title: '=HYPERLINK("http://x","y")', services: ['a,b'] };
		const csv = rowsToCsv([evil]);
		expect(csv.split('\r\n')[1]).toBe(`2025-03-05,"'=HYPERLINK(""http://x"",""y"")",SEV2,open,"a,b",20,0,4,c.md`);
		expect(rowsToMarkdown(model.rows.slice(0, 1), 'Incidents')).toBe(
			'---\ntype: incident-rca-export\n---\n\n# Incidents\n\n| Date | Incident | Severity | Status | Services | Duration (min) | Open action items | Problems |\n|---|---|---|---|---|---|---|---|\n| 2025-03-05 | [C \\<script\\>](c.md) | SEV2 | open | db | 20 | 0 | 4 |\n',
		);
	});
});

describe('the action-item rollup', () => {
	const entries = rollupEntries([A, B, C], '2025-04-01');

	it('filters open, done, overdue and mine, with counts for each', () => {
		const r = buildRollup(entries, 'open', 'owner', 'dana');
		expect(r.counts).toEqual({ all: 3, open: 2, done: 1, overdue: 1, mine: 2 });
		expect(buildRollup(entries, 'done', 'owner', '').groups.flatMap((g) => g.items.map((i) => i.action))).toEqual([
			'Done one',
		]);
		expect(buildRollup(entries, 'overdue', 'owner', '').shown).toBe(1);
		expect(buildRollup(entries, 'mine', 'owner', '@DANA').shown).toBe(2);
	});

	it('groups by owner, priority, due week and incident, sorted by due date', () => {
		expect(buildRollup(entries, 'all', 'owner', '').groups.map((g) => [g.label, g.items.length, g.overdue])).toEqual([
			['dana', 2, 1],
			['lee', 1, 0],
		]);
		expect(buildRollup(entries, 'all', 'week', '').groups.map((g) => g.label)).toEqual([
			'Week of 2025-01-20',
			'Week of 2025-01-27',
			'Week of 2025-05-26',
		]);
		expect(buildRollup(entries, 'all', 'incident', '').groups.map((g) => g.label)).toEqual([
			'2025-01-25 B',
			'2025-01-10 A',
		]);
		expect(buildRollup(entries, 'open', 'priority', '').groups.map((g) => g.label)).toEqual(['No priority']);
	});

	it('puts every item in its own owner group, whatever order owners first appear in', () => {
		// Owners repeat across notes, written differently ("@Kim", "kim", "KIM "): groups and "mine" go by the owner.
		const owners = ['@Kim', 'lee', 'dana', 'KIM ', 'Lee', null, '@dana', 'kim'];
		const notes = Array.from({ length: 6 }, (_, n) =>
			incident(
				`n${n}.md`,
				{ title: `N${n}`, date: `2025-01-1${n}` },
				'## Action items\n' +
					owners
						.map((o, k) => `- [ ] Item ${n}.${k}${o ? ' ' + (o.startsWith('@') ? o : '@' + o.trim()) : ''}\n`)
						.join(''),
			),
		);
		const all = rollupEntries(notes, '2025-04-01');
		const keyOf = (o: string | null): string => (o === null ? '' : o.replace(/^@/, '').trim().toLowerCase());
		const expected = new Map<string, number>();
		for (const e of all) expected.set(keyOf(e.owner), (expected.get(keyOf(e.owner)) ?? 0) + 1);
		const groups = buildRollup(all, 'all', 'owner', '').groups;
		expect(new Map(groups.map((g) => [g.key, g.items.length]))).toEqual(expected);
		for (const g of groups) for (const item of g.items) expect([g.key, keyOf(item.owner)]).toEqual([g.key, g.key]);
		expect(buildRollup(all, 'mine', 'owner', 'LEE').shown).toBe(expected.get('lee'));
		expect(expected.get('kim')).toBe(18);
	});
});

describe('ticking an action item in its note', () => {
	/** Ticks the item parsed at `line` (by its whole identity, as the pane does); the new text, or the refusal. */
	const tick = (text: string, line: number, done = true): string => {
		const item = parse(text).actionItems.find((a) => a.line === line);
		if (!item) throw new Error(`no item at line ${line}`);
		const r = tickActionItem(text, item, done);
		return r.ok ? r.text : `REFUSED: ${r.reason}`;
	};

	it('ticks a checkbox and unticks it, changing only that character, CRLF kept', () => {
		const t = '# T\r\n- [ ] one\r\n- [ ] two\r\n';
		expect(tick(t, 3)).toBe('# T\r\n- [ ] one\r\n- [x] two\r\n');
		expect(tick('- [x] a\n', 1, false)).toBe('- [ ] a\n');
	});

	it('changes only the checkbox whatever the item says ("status: degraded", quotes, inline Status)', () => {
		const t = '## Action items\n- [ ] Rename the "status: degraded" banner to "partial outage" @sam\n';
		expect(tick(t, 2)).toBe('## Action items\n- [x] Rename the "status: degraded" banner to "partial outage" @sam\n');
		expect(tick('## Action Items\n- OPS-7 Alert on lag (Assignee: Ade, Status: In Progress)\n', 2)).toBe(
			'## Action Items\n- [x] OPS-7 Alert on lag (Assignee: Ade, Status: In Progress)\n',
		);
	});

	it('sets the Status cell of a table row, keeping its padding, with or without outer pipes', () => {
		const t = '| Action | Owner | Status |\n|---|---|---|\n| Fix | sam | Open |\n| Other | kim | Open |\n';
		const out = tick(t, 3);
		expect(out).toBe('| Action | Owner | Status |\n|---|---|---|\n| Fix | sam | Done |\n| Other | kim | Open |\n');
		expect(parse(out).actionItems.map((a) => a.done)).toEqual([true, false]);
		const bare = '## Action items\nAction | Owner | Status\n--- | --- | ---\nAdd alert | sam | Open\n';
		expect(tick(bare, 4)).toBe('## Action items\nAction | Owner | Status\n--- | --- | ---\nAdd alert | sam | Done\n');
	});

	it('adds a checkbox where a list item or a table without a status column records no status', () => {
		const table =
			'## Action Items\n| Priority | Action | Owner |\n|---|---|---|\n| P1 | Add [[runbook|the runbook]] | sam |\n';
		const out = tick(table, 4);
		expect(out).toBe(
			'## Action Items\n| Priority | Action | Owner |\n|---|---|---|\n| P1 | [x] Add [[runbook|the runbook]] | sam |\n',
		);
		expect(parse(out).actionItems[0]).toMatchObject({ action: 'Add the runbook', done: true });
		expect(tick('## Action items\n- Fix it\n', 2)).toBe('## Action items\n- [x] Fix it\n');
	});

	it('refuses a line it cannot change in place: a plain line, a callout or a quote, never rewriting it', () => {
		expect(tick('Tasks to address the issue:\nRoll back the change.\n', 2)).toMatch(/^REFUSED: .*plain line/);
		const callout = '## Action items\n> [!todo] Follow-ups\n> | Fix | sam | Open |\n';
		const items = parse(callout).actionItems;
		expect(items.map((i) => i.line)).toEqual([2, 3]);
		for (const item of items) expect(tick(callout, item.line)).toMatch(/^REFUSED/);
	});

	it('refuses a tick that would change how anything else reads (a Status cell the note also reads as its severity)', () => {
		const t = '# Notes\n| Action | Status |\n|---|---|\n| Severity | Open |\n';
		expect(parse(t).severity).toBe('Open');
		expect(tick(t, 4)).toMatch(/^REFUSED: .*without changing how the note reads/);
	});

	it('never ticks another item with the same text: the whole item (owner, due) must still be there', () => {
		const before = '## Action items\n- [ ] Add alert @sam\n- [ ] Add alert @bob\n';
		const sams = parse(before).actionItems[0];
		// Sam's line is deleted before the list caught up: bob's item is now at that line.
		const after = '## Action items\n- [ ] Add alert @bob\n';
		const r = tickActionItem(after, sams, true);
		expect(r.ok).toBe(false);
		// Two identical items and the one at the line gone: ambiguous, refused.
		const twice = '## Action items\nintro\n- [ ] Same @x\n- [ ] Same @x\n';
		const moved = { ...parse(twice).actionItems[0], line: 2 };
		expect(tickActionItem(twice, moved, true).ok).toBe(false);
	});
});

describe('the team’s words in the views', () => {
	const team = lexiconOf(
		readTeamWords({
			statuses: { closed: ['erledigt'] },
			people: { 'Mei Lin': ['mei.lin', '@mlin'] },
		}).words,
	);
	const s = (path: string, status: string, severity: string): Incident =>
		incident(path, { title: path, date: '2025-02-01', severity, status }, '## Timeline\n- 10:00 x\n- 10:10 y\n');
	const notes = [
		s('1.md', 'résolu', 'Critical'),
		s('2.md', 'Resolved', 'Low'),
		s('3.md', 'closed', 'High'),
		s('4.md', 'erledigt', 'Medium'),
		s('5.md', 'Complete, action items in progress', 'Low'),
		s('6.md', 'parked', 'High'),
	];

	it('filters statuses by kind, whatever words they use, and keeps the text as written', () => {
		const words = { lexicon: team, severities: [] };
		const model = buildDashboard(notes, EMPTY_FILTERS, { column: 'date', descending: false }, { ...opts, words });
		expect(model.choices.statuses).toEqual(['Resolved', 'Closed', 'Action items open', 'parked']);
		const shown = (status: string): string[] =>
			buildDashboard(
				notes,
				{ ...EMPTY_FILTERS, status },
				{ column: 'date', descending: false },
				{ ...opts, words },
			).rows.map((r) => r.status ?? '');
		// (The parser reads a status in lower case; the dashboard shows it so, never as its kind.)
		expect(shown('Resolved')).toEqual(['résolu', 'resolved']);
		expect(shown('Closed')).toEqual(['closed', 'erledigt']);
		expect(shown('Action items open')).toEqual(['complete, action items in progress']);
		// Without the team's word, "erledigt" is a status of its own.
		const builtIn = buildDashboard(notes, EMPTY_FILTERS, { column: 'date', descending: false }, opts);
		expect(builtIn.choices.statuses).toContain('erledigt');
	});

	it('orders severities by the scheme: menus, the by-severity figures and the column sort', () => {
		const words = { lexicon: team, severities: ['Critical', 'High', 'Medium', 'Low'] };
		const m = buildDashboard(notes, EMPTY_FILTERS, { column: 'severity', descending: false }, { ...opts, words });
		expect(m.choices.severities).toEqual(['Critical', 'High', 'Medium', 'Low']);
		expect(m.summary.bySeverity.map((b) => b.severity)).toEqual(['Critical', 'High', 'Medium', 'Low']);
		expect(m.rows.map((r) => r.severity)).toEqual(['Critical', 'High', 'High', 'Medium', 'Low', 'Low']);
		// A scheme that says otherwise wins over the built-in order, compared without case or dashes.
		const odd = { lexicon: team, severities: ['low', 'MEDIUM', 'high', 'crit-ical'] };
		const o = buildDashboard(notes, EMPTY_FILTERS, { column: 'severity', descending: false }, { ...opts, words: odd });
		expect(o.choices.severities).toEqual(['Low', 'Medium', 'High', 'Critical']);
	});

	it('groups one person written several ways as one owner, and "mine" finds every way', () => {
		const items = incident(
			'p.md',
			{ title: 'P', date: '2025-02-01' },
			'## Action items\n- [ ] One @mei.lin 📅 2025-05-01\n- [ ] Two @mlin 📅 2025-05-02\n- [ ] Three (owner: Mei Lin) 📅 2025-05-03\n- [ ] Four @dana 📅 2025-05-04\n',
		);
		const owners = (lexicon?: typeof team): string[] =>
			buildRollup(rollupEntries([items], '2025-04-01', lexicon), 'open', 'owner', 'Mei Lin', lexicon).groups.map(
				(g) => `${g.label}: ${g.items.length}`,
			);
		expect(owners(team)).toEqual(['dana: 1', 'Mei Lin: 3']);
		const mine = buildRollup(rollupEntries([items], '2025-04-01', team), 'mine', 'owner', '@mlin', team);
		expect(mine.shown).toBe(3);
		// Without the aliases, the built-in comparison still joins "mei.lin" and "Mei Lin" (dots and case).
		expect(owners()).toEqual(['dana: 1', 'mei.lin: 2', 'mlin: 1']);
	});

	it('the owners column counts people, one person written several ways once', () => {
		const items = incident(
			'p.md',
			{ title: 'P', date: '2025-02-01' },
			'## Action items\n- [ ] One @mei.lin\n- [x] Two @mlin\n- [ ] Three (owner: Mei Lin)\n- [ ] Four @dana\n- [ ] Five\n',
		);
		const row = (words?: { lexicon: typeof team; severities: string[] }) =>
			buildDashboard([items], EMPTY_FILTERS, { column: 'owners', descending: true }, { ...opts, words }).rows[0];
		// With the aliases: Mei Lin (three ways, a done item too) and dana; an item without an owner is nobody.
		expect(row({ lexicon: team, severities: [] }).owners).toBe(2);
		// Without them, "mlin" is someone else.
		expect(row().owners).toBe(3);
		expect(columnOf('owners').text(row())).toBe('3');
	});
});

describe('the dashboard after a change: what is made again and what is kept', () => {
	const note = (path: string, severity: string, services: string[], body = ''): IndexedIncident =>
		compactIncident(incident(path, { title: path, date: '2025-01-10', severity, status: 'resolved', services }, body));
	const sort = { column: 'title', descending: false } as const;
	const missingOwner = '## Action items\n- [ ] Fix it 📅 2025-02-01\n';

	it('keeps the menus true as notes change, appear and go', () => {
		const index = new IncidentIndex();
		index.set('a.md', note('a.md', 'SEV2', ['api'], missingOwner));
		index.set('b.md', note('b.md', 'SEV2', ['api', 'db'], missingOwner));
		index.set('c.md', note('c.md', 'SEV3', ['db']));
		const menus = (): ReturnType<typeof buildDashboard>['choices'] =>
			buildDashboard(index.all(), EMPTY_FILTERS, sort, opts).choices;
		expect(menus().severities).toEqual(['SEV2', 'SEV3']);
		expect(menus().services).toEqual(['api', 'db']);
		expect(menus().problems).toContainEqual(['action-item-no-owner', 'Action item without owner (2)']);
		// b changes: another severity, another service, no action item left without an owner.
		index.set('b.md', note('b.md', 'SEV1', ['web']));
		expect(menus().severities).toEqual(['SEV1', 'SEV2', 'SEV3']);
		expect(menus().services).toEqual(['api', 'db', 'web']);
		expect(menus().problems).toContainEqual(['action-item-no-owner', 'Action item without owner (1)']);
		// a changes: the last SEV2 and the last note without an owner go from the menus.
		index.set('a.md', note('a.md', 'SEV3', ['db']));
		expect(menus().severities).toEqual(['SEV1', 'SEV3']);
		expect(menus().services).toEqual(['db', 'web']);
		expect(menus().problems.map(([code]) => code)).not.toContain('action-item-no-owner');
		// A note deleted, then one added: lists of another length.
		index.delete('c.md');
		expect(menus().services).toEqual(['db', 'web']);
		index.set('d.md', note('d.md', 'SEV2', ['queue']));
		expect(menus().severities).toEqual(['SEV1', 'SEV2', 'SEV3']);
		expect(menus().services).toEqual(['db', 'queue', 'web']);
	});

	it('orders severities the scheme ranks alike by name, whichever note came first', () => {
		const menu = (paths: [string, string][]): string[] => {
			const index = new IncidentIndex();
			for (const [p, sev] of paths) index.set(p, note(p, sev, ['api']));
			return buildDashboard(index.all(), EMPTY_FILTERS, sort, opts).choices.severities;
		};
		expect(
			menu([
				['a.md', 'SEV1'],
				['b.md', 'P1'],
			]),
		).toEqual(['P1', 'SEV1']);
		expect(
			menu([
				['a.md', 'P1'],
				['b.md', 'SEV1'],
			]),
		).toEqual(['P1', 'SEV1']);
	});

	it('makes a row again when its note, its related incidents or the options change', () => {
		const index = new IncidentIndex();
		index.set('a.md', note('a.md', 'SEV2', ['api'], missingOwner));
		index.set('b.md', note('b.md', 'SEV2', ['api'], '[[a]]\n'));
		const row = (path: string, o: DashboardOptions, related = relatedIncidents(index.all(), 30)) =>
			buildDashboard(index.all(), EMPTY_FILTERS, sort, o, related).rows.find((r) => r.path === path);
		expect(row('a.md', opts)?.overdueActions).toBe(1);
		// The day moves back before the item is due: no longer overdue.
		expect(row('a.md', { ...opts, today: '2025-01-15' })?.overdueActions).toBe(0);
		expect(row('a.md', opts, new Map())?.related).toEqual([]);
		// b links to a (and shares its service, which adds nothing: one entry per incident).
		expect(row('a.md', opts)?.related.map((r) => [r.path, r.why])).toEqual([['b.md', 'linked from']]);
		index.set('a.md', note('a.md', 'SEV1', ['api']));
		expect(row('a.md', opts)).toMatchObject({ severity: 'SEV1', overdueActions: 0, actions: 0 });
	});
});
