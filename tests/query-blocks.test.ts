/**
 * @jest-environment jsdom
 *
 * Query blocks in notes: the `incident-rca` table and the `action-items` list, rendered as the reading view runs a
 * code block processor, following the index as notes change; a bad query names its mistakes; note text stays text.
 */

import IncidentRcaPlugin from '../src/main';
import { TEST_MANIFEST } from './helpers';
import { parseActionQuery, parseIncidentQuery } from '../src/core/views/query';
import { createApp, renderCodeBlock, type App, type TFile } from './stubs/obsidian';

const manifest = TEST_MANIFEST;

const note = (title: string, date: string, service: string, end: string, extra = ''): string =>
	`---\ntitle: ${title}\ndate: ${date}\nseverity: SEV2\nstatus: resolved\nservices: [${service}]\ntags: [rca, db/postgres]\n---\n## Timeline\n- 10:00 Alert fired\n- ${end} Resolved\n${extra}`;

const VAULT = {
	'Incidents/a.md': note(
		'Ledger lag <b>bold</b>',
		'2025-03-01',
		'ledger',
		'10:40',
		'## Action items\n- [ ] Add a lag alert @dana 📅 2030-01-01\n',
	),
	'Incidents/b.md': note(
		'Ledger outage',
		'2025-04-01',
		'ledger',
		'12:00',
		'## Action items\n- [ ] Shard the queue @mei 📅 2030-02-01\n',
	),
	'Incidents/c.md': note('Checkout errors', '2025-05-01', 'checkout', '10:10'),
};

const wait = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));
const plugins: IncidentRcaPlugin[] = [];
afterEach(() => {
	for (const p of plugins.splice(0)) p.unload();
	document.body.empty();
});

async function setup(): Promise<App> {
	const app = createApp(VAULT);
	const plugin = new IncidentRcaPlugin(app as never, manifest);
	await plugin.saveData({ myName: 'Dana' });
	plugin.load();
	plugins.push(plugin);
	for (let i = 0; i < 20; i++) await wait();
	return app;
}

const cells = (el: HTMLElement): string[][] =>
	[...el.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? ''));

describe('the incident-rca block', () => {
	it('renders the incidents of a service, in the asked columns and order', async () => {
		const app = await setup();
		const { el } = await renderCodeBlock(
			app,
			'incident-rca',
			'service: ledger\ncolumns: date, title, ttr\nsort: ttr desc',
			'Runbooks/Ledger.md',
		);
		expect(cells(el)).toEqual([
			['Date', 'Incident', 'TTR'],
			['2025-04-01', 'Ledger outage', '2h'],
			['2025-03-01', 'Ledger lag <b>bold</b>', '40m'],
		]);
		// Text, never markup; the title is a link to the note.
		expect(el.querySelector('b')).toBeNull();
		expect(el.querySelector('a.internal-link')?.getAttribute('data-href')).toBe('Incidents/b.md');
	});

	it('follows the index: a note changed or added shows in the block', async () => {
		const app = await setup();
		const { el, unload } = await renderCodeBlock(app, 'incident-rca', 'service: checkout\ncolumns: title', 'x.md');
		expect(cells(el).slice(1)).toEqual([['Checkout errors']]);
		await app.vault.create('Incidents/d.md', note('Checkout timeouts', '2025-06-01', 'checkout', '10:30'));
		await wait(600);
		expect(cells(el).slice(1)).toEqual([['Checkout timeouts'], ['Checkout errors']]);
		// Unloaded (the note closed), it no longer follows.
		unload();
		await app.vault.create('Incidents/e.md', note('Checkout again', '2025-07-01', 'checkout', '10:30'));
		await wait(600);
		expect(cells(el).slice(1)).toHaveLength(2);
	});

	it('filters by severity, status kind, dates and tag (nested tags count), with a limit', async () => {
		const app = await setup();
		const { el } = await renderCodeBlock(
			app,
			'incident-rca',
			'severity: sev-2\nstatus: fixed\nsince: 2025-03-15\ntag: db\ncolumns: title\nlimit: 1',
			'x.md',
		);
		expect(cells(el).slice(1)).toEqual([['Checkout errors']]);
		expect(el.textContent).toContain('1 of 2 incidents');
	});

	it('names each mistake of a bad query on its own line, and still renders what reads', async () => {
		const app = await setup();
		const { el } = await renderCodeBlock(
			app,
			'incident-rca',
			'servce: ledger\nsince: last week\ncolumns: title, colour\nlimit: 0',
			'x.md',
		);
		expect([...el.querySelectorAll('.incident-rca-query-error')].map((e) => e.textContent)).toEqual([
			'Line 1: "servce" is not a query key (service, severity, status, since, until, tag, columns, sort, limit)',
			'Line 2: since wants a date (2025-01-31) or days ago (90d), got "last week"',
			expect.stringMatching(/^Line 3: no column "colour" \(date, title, /),
			'Line 4: limit wants a whole number above 0, got "0"',
		]);
		expect(cells(el).slice(1)).toHaveLength(3);
	});
});

describe('the action-items block', () => {
	it('lists the open items of an owner ("me" is the settings’ name), and ticks one in its note', async () => {
		const app = await setup();
		const { el } = await renderCodeBlock(app, 'action-items', 'owner: me', 'x.md');
		const items = [...el.querySelectorAll('li')];
		expect(items.map((li) => li.textContent?.trim())).toEqual([
			'Add a lag alert dana · due 2030-01-01 · Ledger lag <b>bold</b>',
		]);
		const before = await app.vault.read(app.vault.getFileByPath('Incidents/a.md') as TFile);
		const box = items[0].querySelector('input') as HTMLInputElement;
		box.checked = true;
		box.dispatchEvent(new Event('change'));
		await wait(50);
		const after = await app.vault.read(app.vault.getFileByPath('Incidents/a.md') as TFile);
		const changed = after.split('\n').filter((l, k) => l !== before.split('\n')[k]);
		expect(changed).toEqual(['- [x] Add a lag alert @dana 📅 2030-01-01']);
	});

	it('reads its keys, and names a bad one', () => {
		expect(parseActionQuery('owner: mei\nshow: overdue\nincident: ledger\nlimit: 5')).toEqual({
			query: { owner: 'mei', show: 'overdue', incident: 'ledger', limit: 5 },
			errors: [],
		});
		expect(parseActionQuery('show: later').errors).toEqual([
			'Line 1: show wants one of open, overdue, done, all, mine, got "later"',
		]);
		expect(parseIncidentQuery('since: 30d', '2025-04-01').query.since).toBe('2025-03-02');
	});
});
