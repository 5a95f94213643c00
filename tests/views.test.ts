/**
 * @jest-environment jsdom
 *
 * The dashboard and the action-item pane, opened by their commands on the in-memory vault and driven through
 * their DOM: rows, charts, filters, sorting, opening notes, ticking items, live updates, empty states.
 */
import type { App, TFile } from 'obsidian';
import IncidentRcaPlugin from '../src/main';
import type { ActionItemsView } from '../src/plugin/action-items-view';
import type { DashboardView } from '../src/plugin/dashboard-view';
import type { InspectorView } from '../src/plugin/inspector-view';
import { drawMttrPerMonth } from '../src/plugin/svg-charts';
import { ticketUrl } from '../src/core/views/tickets';
import { readDashboardState, readRollupState } from '../src/core/views/view-state';
import { EMPTY_FILTERS } from '../src/core/views/filters';
import { columnKeyMistakes, DASHBOARD_COLUMNS, tableColumns, VIEW_COLUMNS } from '../src/core/views/columns';
import { changeText } from '../src/plugin/dashboard-view';
import type { MonthPoint } from '../src/core/views/dashboard';
import { formatMinutes } from '../src/core/views/report';
import { createApp, installDomHelpers, notices } from './stubs/obsidian';

const manifest = {
	id: 'incident-rca',
	name: 'Incident RCA',
	version: '0.1.0',
	minAppVersion: '1.7.2',
	description: '',
	author: '',
};

const VAULT: Record<string, string> = {
	'Incidents/2025-01-10-api.md':
		'---\ntitle: API errors\ndate: 2025-01-10\nseverity: SEV1\nstatus: resolved\nservices: [api]\n---\n## Timeline\n- 10:00 Alert fired\n- 11:00 Resolved\n## Action Items\n- [ ] Add retries @dana 📅 2025-02-01\n- [x] Page the team @lee 📅 2025-01-20\n',
	'Incidents/2025-01-25-db.md':
		'---\ntitle: DB failover\ndate: 2025-01-25\nseverity: SEV2\nstatus: resolved\nservices: [api, db]\n---\nDuration: 5 hours\n## Timeline\n- 09:00 start\n- 10:00 Resolved\n## Action Items\n| Action | Owner | Due | Status |\n|---|---|---|---|\n| Tune pool | dana | 2030-06-01 | Open |\n\n[[2025-01-10-api]]\n',
	'Incidents/2025-03-05-web.md':
		'---\ntitle: Web <b>slow</b>\ndate: 2025-03-05\nseverity: SEV2\nstatus: open\nservices: [web]\n---\n## Timeline\n- 08:00 x\n- 08:20 y\n',
	'Notes/todo.md': '# Not an incident\n- [ ] buy milk\n',
};

interface StubApp extends App {
	commands: { executeCommandById(id: string): boolean };
	workspace: App['workspace'] & {
		opened: { path: string; newLeaf: unknown; eState?: { line?: number } }[];
		leaves: { view: unknown }[];
	};
}

async function flush(ms = 0): Promise<void> {
	await new Promise((r) => setTimeout(r, ms));
	for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}

async function setup(
	files = VAULT,
	data: unknown = { myName: 'Dana' },
): Promise<{ app: StubApp; plugin: IncidentRcaPlugin }> {
	document.body.empty();
	notices.length = 0;
	const app = createApp(files) as unknown as StubApp;
	const plugin = new IncidentRcaPlugin(app, manifest);
	await plugin.saveData(data);
	await plugin.onload();
	await flush();
	return { app, plugin };
}

async function openDashboard(app: StubApp): Promise<{ view: DashboardView; root: HTMLElement }> {
	app.commands.executeCommandById('incident-rca:open-dashboard');
	await flush();
	const view = app.workspace.leaves
		.map((l) => l.view)
		.find((v) => (v as DashboardView)?.getViewType?.() === 'incident-rca-dashboard') as DashboardView;
	return { view, root: view.contentEl };
}

async function openActions(app: StubApp): Promise<{ view: ActionItemsView; root: HTMLElement }> {
	app.commands.executeCommandById('incident-rca:open-action-items');
	await flush();
	const view = app.workspace.leaves
		.map((l) => l.view)
		.find((v) => (v as ActionItemsView)?.getViewType?.() === 'incident-rca-action-items') as ActionItemsView;
	return { view, root: view.contentEl };
}

const titles = (root: HTMLElement): string[] =>
	[...root.querySelectorAll('.incident-rca-tr .is-title a')].map((a) => a.textContent ?? '');

function file(app: App, p: string): TFile {
	return app.vault.getFileByPath(p) as TFile;
}

describe('the incident dashboard', () => {
	it('indexes only incident notes and shows the summary, four charts and the table', async () => {
		const { app } = await setup();
		const { root } = await openDashboard(app);
		const cards = [...root.querySelectorAll('.incident-rca-card')].map(
			(c) =>
				`${c.querySelector('.incident-rca-card-label')?.textContent}: ${c.querySelector('.incident-rca-card-value')?.textContent}`,
		);
		expect(cards).toEqual([
			'Incidents: 3',
			'By severity: SEV1 1 · SEV2 2',
			'MTTR: 47m',
			// Durations 60, 60 and 20 minutes: median 1h, p90 (the 3rd of 3) 1h.
			'Time to resolve, median: 1h · p90 1h',
			'Time to detect, median: 0m · p90 0m',
			'Time to acknowledge, median: —',
			'Time to mitigate, median: —',
			'Action items done: 33% of 3',
			'Open action items: 2',
			'Overdue action items: 1',
			'Duration mismatches: 1',
			'In review over 14 days: 0',
		]);
		expect(root.querySelectorAll('svg.incident-rca-chart')).toHaveLength(4);
		expect(root.querySelectorAll('svg.is-per-month rect.incident-rca-bar')).toHaveLength(3);
		expect(root.querySelector('svg.is-services')?.getAttribute('aria-label')).toBe(
			'Top services by incidents. api 2, db 1, web 1',
		);
		// Axes in human units, exact values on hover.
		expect([...root.querySelectorAll('svg.is-mttr text.incident-rca-axis')].map((t) => t.textContent)).toEqual(
			expect.arrayContaining(['15m', '30m', '45m', '1h']),
		);
		expect(root.querySelector('svg.is-mttr rect title')?.textContent).toBe(
			'2025-01: median 1h, p90 1h, mean 1h (2 incidents)',
		);
		// By minutes: the toggle redraws the chart in durations.
		const byMinutes = [...root.querySelectorAll<HTMLButtonElement>('.incident-rca-toggle button')].find(
			(b) => b.textContent === 'By minutes',
		) as HTMLButtonElement;
		byMinutes.click();
		expect(root.querySelector('svg.is-services')?.getAttribute('aria-label')).toMatch(
			/^Top services by incident minutes\. api 2h, db 1h, web 20m$/,
		);
		expect(titles(root)).toEqual(['Web <b>slow</b>', 'DB failover', 'API errors']);
		expect(root.querySelector('.incident-rca-tr .is-title b')).toBeNull();
		expect(root.querySelector('[role="grid"]')?.getAttribute('aria-rowcount')).toBe('3');
	});

	it('works out related incidents after the paint that shows a new list, and typing does not put them off', async () => {
		const { app, plugin } = await setup();
		const { view } = await openDashboard(app);
		const related = (path: string): string[] =>
			(view.model?.rows.find((r) => r.path === path)?.related ?? []).map((x) => `${x.why} ${x.path}`);
		expect(related('Incidents/2025-01-10-api.md')).toEqual(['linked from Incidents/2025-01-25-db.md']);
		// A filter redraw keeps the relations it has: nothing to work out again.
		const before = view.model?.rows.find((r) => r.path === 'Incidents/2025-01-10-api.md')?.related;
		view.filters = { ...view.filters, text: 'a' };
		view.refresh(true);
		expect(view.model?.rows.find((r) => r.path === 'Incidents/2025-01-10-api.md')?.related).toBe(before);
		view.filters = { ...view.filters, text: '' };
		// A new note that links to the web incident: the first paint of the new list still has the old relations…
		const index = (
			plugin as unknown as { indexer: { index: import('../src/core/index/incident-index').IncidentIndex } }
		).indexer.index;
		const api = index.get('Incidents/2025-01-10-api.md');
		index.set('Incidents/2025-04-01-cdn.md', {
			...(api as NonNullable<typeof api>),
			path: 'Incidents/2025-04-01-cdn.md',
			title: 'CDN',
			date: '2025-04-01',
			services: ['cdn'],
			links: [{ target: 'x', embed: false, kind: 'incident', resolved: 'Incidents/2025-03-05-web.md', line: 1 }],
		});
		expect(view.model?.rows.map((r) => r.path)).toContain('Incidents/2025-04-01-cdn.md');
		expect(related('Incidents/2025-03-05-web.md')).toEqual([]);
		// …and they are worked out right after it, even when the filter is typed in before that.
		view.filters = { ...view.filters, text: 'c' };
		view.refresh(true);
		view.filters = { ...view.filters, text: '' };
		view.refresh(true);
		await flush();
		expect(related('Incidents/2025-03-05-web.md')).toEqual(['linked from Incidents/2025-04-01-cdn.md']);
	});

	it('sorts by a column header, both ways, and says so with aria-sort', async () => {
		const { app } = await setup();
		const { root } = await openDashboard(app);
		const header = (label: string): HTMLElement =>
			[...root.querySelectorAll<HTMLElement>('.incident-rca-th button')].find((b) =>
				b.textContent?.startsWith(label),
			) as HTMLElement;
		header('Incident').click();
		expect(titles(root)).toEqual(['API errors', 'DB failover', 'Web <b>slow</b>']);
		header('Incident').click();
		expect(titles(root)).toEqual(['Web <b>slow</b>', 'DB failover', 'API errors']);
		expect(header('Incident').parentElement?.getAttribute('aria-sort')).toBe('descending');
		header('Duration').click();
		expect(titles(root)).toEqual(['API errors', 'DB failover', 'Web <b>slow</b>']);
	});

	it('filters by text, severity, service, status and dates', async () => {
		const { app } = await setup();
		const { root } = await openDashboard(app);
		const text = root.querySelector<HTMLInputElement>('input[data-filter="text"]') as HTMLInputElement;
		text.value = 'fail';
		text.dispatchEvent(new Event('input'));
		expect(titles(root)).toEqual(['DB failover']);
		text.value = '';
		text.dispatchEvent(new Event('input'));
		const select = (k: string, v: string): void => {
			const el = root.querySelector<HTMLSelectElement>(`select[data-filter="${k}"]`) as HTMLSelectElement;
			el.value = v;
			el.dispatchEvent(new Event('change'));
		};
		select('severity', 'SEV2');
		expect(titles(root)).toEqual(['Web <b>slow</b>', 'DB failover']);
		select('service', 'api');
		expect(titles(root)).toEqual(['DB failover']);
		select('service', '');
		// The menu offers the kind of a status ("open" is an incident still being investigated).
		select('status', 'Investigating');
		expect(titles(root)).toEqual(['Web <b>slow</b>']);
		expect(root.querySelector('.incident-rca-tablebar span')?.textContent).toBe('1 of 3 incidents');
		select('status', '');
		const from = root.querySelector<HTMLInputElement>('input[data-filter="from"]') as HTMLInputElement;
		from.value = '2025-02-01';
		from.dispatchEvent(new Event('change'));
		expect(titles(root)).toEqual(['Web <b>slow</b>']);
	});

	it('filters by problem, and the problems cell lists the note’s problems with their lines', async () => {
		const { app } = await setup();
		const { root } = await openDashboard(app);
		const select = root.querySelector<HTMLSelectElement>('select[data-filter="problem"]') as HTMLSelectElement;
		const options = [...select.options].map((o) => o.text);
		expect(options[0]).toBe('Any problem');
		expect(options[1]).toBe('Has problems');
		expect(options).toContain('Duration mismatch (1)');
		select.value = 'duration-mismatch';
		select.dispatchEvent(new Event('change'));
		expect(titles(root)).toEqual(['DB failover']);
		select.value = '';
		select.dispatchEvent(new Event('change'));
		// The count opens the list (not the note); each problem with its message, and its line opens the note there.
		const cell = [...root.querySelectorAll<HTMLElement>('.incident-rca-tr')]
			.find((r) => r.textContent?.includes('DB failover'))
			?.querySelector('.is-problems') as HTMLElement;
		const opened = (app.workspace as unknown as { opened: { path: string; eState?: { line?: number } }[] }).opened;
		const before = opened.length;
		cell.click();
		await flush();
		expect(opened.length).toBe(before);
		const modal = document.querySelector('.incident-rca-problems') as HTMLElement;
		expect(modal.textContent).toContain('Declared duration 300 min differs from the timeline');
		const line = [...modal.querySelectorAll<HTMLElement>('.incident-rca-line')].find((a) => a.textContent === 'line 8');
		(line as HTMLElement).click();
		await flush();
		expect(opened.at(-1)).toMatchObject({ path: 'Incidents/2025-01-25-db.md', eState: { line: 7 } });
	});

	it('opens a note from its title, in a new tab with Ctrl/Cmd, and asks for a page preview on hover', async () => {
		const { app } = await setup();
		const { root } = await openDashboard(app);
		const hovers: unknown[] = [];
		// 'hover-link' is how views ask for Obsidian's page preview (not in the typed event list).
		(app.workspace as unknown as { on(name: string, cb: (e: unknown) => void): void }).on('hover-link', (e) =>
			hovers.push(e),
		);
		const link = [...root.querySelectorAll<HTMLElement>('.is-title a')].find(
			(a) => a.textContent === 'DB failover',
		) as HTMLElement;
		link.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
		expect(hovers).toHaveLength(1);
		expect(
			(app as unknown as { hoverLinkSources: Map<string, unknown> }).hoverLinkSources.get('incident-rca-dashboard'),
		).toEqual({ display: 'Incident dashboard', defaultMod: true });
		expect((hovers[0] as { linktext: string; source: string }).linktext).toBe('Incidents/2025-01-25-db.md');
		link.click();
		link.dispatchEvent(new MouseEvent('click', { bubbles: true, ctrlKey: true }));
		await flush();
		expect(app.workspace.opened.map((o) => [o.path, o.newLeaf])).toEqual([
			['Incidents/2025-01-25-db.md', false],
			['Incidents/2025-01-25-db.md', 'tab'],
		]);
	});

	it('moves through rows with the keyboard and opens the focused one with Enter', async () => {
		const { app } = await setup();
		const { root } = await openDashboard(app);
		const grid = root.querySelector<HTMLElement>('[role="grid"]') as HTMLElement;
		grid.focus();
		grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
		expect(document.activeElement?.getAttribute('data-index')).toBe('1');
		grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
		grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
		await flush();
		expect(app.workspace.opened.at(-1)?.path).toBe('Incidents/2025-01-10-api.md');
	});

	it('follows the vault: a new incident note appears after the burst settles', async () => {
		const { app, plugin } = await setup();
		const { root } = await openDashboard(app);
		const before = plugin.indexer.index.revision;
		await app.vault.create(
			'Incidents/2025-04-01-cdn.md',
			'---\ntitle: CDN down\ndate: 2025-04-01\nseverity: SEV3\n---\n## Timeline\n- 10:00 a\n',
		);
		await app.vault.modify(
			file(app, 'Incidents/2025-04-01-cdn.md'),
			'---\ntitle: CDN outage\ndate: 2025-04-01\nseverity: SEV3\n---\n## Timeline\n- 10:00 a\n',
		);
		await flush(400);
		expect(plugin.indexer.index.revision).toBe(before + 1);
		expect(titles(root)).toContain('CDN outage');
		await app.vault.delete(file(app, 'Incidents/2025-04-01-cdn.md'));
		await flush();
		expect(titles(root)).not.toContain('CDN outage');
	});

	it('redraws only while shown: a hidden dashboard catches up when it is shown again', async () => {
		const { app } = await setup();
		const { view, root } = await openDashboard(app);
		view.containerEl.addClass('is-hidden');
		await app.vault.create(
			'Incidents/2025-05-01-dns.md',
			'---\ntitle: DNS\ndate: 2025-05-01\n---\n## Timeline\n- 10:00 a\n',
		);
		await flush(400);
		expect(titles(root)).not.toContain('DNS');
		view.containerEl.removeClass('is-hidden');
		app.workspace.trigger('layout-change');
		expect(titles(root)).toContain('DNS');
	});

	it('re-indexes when the rules for which notes are incidents change, once typing settles', async () => {
		const { app, plugin } = await setup(
			{ ...VAULT, 'Notes/retro.md': '# Retro\n#postmortem\n' },
			{ detectByTags: false },
		);
		const { root } = await openDashboard(app);
		expect(titles(root)).not.toContain('Retro');
		const tab = (app as unknown as { settingTabs: { setControlValue(k: string, v: unknown): Promise<void> }[] })
			.settingTabs[0];
		await tab.setControlValue('detectByTags', true);
		await flush(900);
		expect(plugin.settings.detectByTags).toBe(true);
		expect(titles(root)).toContain('Retro');
	});

	it('exports the table to CSV and to a Markdown note', async () => {
		const { app } = await setup();
		const { root } = await openDashboard(app);
		[...root.querySelectorAll<HTMLElement>('button')].find((b) => b.textContent === 'Export CSV')?.click();
		[...root.querySelectorAll<HTMLElement>('button')].find((b) => b.textContent === 'Export to note')?.click();
		await flush();
		// In the incidents folder's Exports/ by default (made when missing), never the vault root.
		const files = app.vault
			.getFiles()
			.map((f) => f.path)
			.filter((p) => p.includes('Incident dashboard'));
		expect(files.map((p) => p.replace(/\d{4}-\d{2}-\d{2}/, 'DATE')).sort()).toEqual([
			'Incidents/Exports/Incident dashboard DATE.csv',
			'Incidents/Exports/Incident dashboard DATE.md',
		]);
		const csv = await app.vault.read(file(app, files.find((p) => p.endsWith('.csv')) as string));
		expect(csv.split('\r\n')[0]).toBe(
			'Date,Title,Severity,Status,Services,Duration (min),Open action items,Problems,Path',
		);
		expect(csv.split('\r\n')).toHaveLength(5);
	});

	it('exports to the folder of the settings', async () => {
		const { app } = await setup(VAULT, { exportFolder: 'Reports/Incidents' });
		const { root } = await openDashboard(app);
		[...root.querySelectorAll<HTMLElement>('button')].find((b) => b.textContent === 'Export CSV')?.click();
		await flush();
		expect(app.vault.getFiles().some((f) => /^Reports\/Incidents\/Incident dashboard .*\.csv$/.test(f.path))).toBe(
			true,
		);
	});

	it('shows a helpful empty state on a vault without incidents', async () => {
		const { app } = await setup({ 'Notes/a.md': '# A\n' });
		const { root } = await openDashboard(app);
		expect(root.querySelector('.incident-rca-empty h3')?.textContent).toBe('No incidents yet');
		expect(root.querySelector('.incident-rca-table')?.classList.contains('is-hidden')).toBe(true);
	});
});

describe('the action-item pane', () => {
	const items = (root: HTMLElement): string[] =>
		[...root.querySelectorAll('.incident-rca-item .incident-rca-item-text')].map((a) => a.textContent ?? '');
	const groups = (root: HTMLElement): string[] =>
		[...root.querySelectorAll('.incident-rca-group')].map((g) => g.textContent ?? '');

	it('lists open items grouped by owner, overdue highlighted, and filters done, overdue and mine', async () => {
		const { app } = await setup();
		const { root } = await openActions(app);
		expect(groups(root)).toEqual(['dana 2 · 1 overdue']);
		expect(items(root)).toEqual(['Add retries', 'Tune pool']);
		expect(root.querySelector('.incident-rca-item.is-overdue .incident-rca-item-text')?.textContent).toBe(
			'Add retries',
		);
		const filter = (f: string): void => root.querySelector<HTMLElement>(`button[data-filter="${f}"]`)?.click();
		filter('done');
		expect(items(root)).toEqual(['Page the team']);
		filter('overdue');
		expect(items(root)).toEqual(['Add retries']);
		filter('mine');
		expect(items(root)).toEqual(['Add retries', 'Tune pool']);
		const group = root.querySelector<HTMLSelectElement>('select') as HTMLSelectElement;
		group.value = 'incident';
		group.dispatchEvent(new Event('change'));
		expect(groups(root)).toEqual(['2025-01-25 DB failover 1', '2025-01-10 API errors 1 · 1 overdue']);
	});

	it('opens an item’s note at its line', async () => {
		const { app } = await setup();
		const { root } = await openActions(app);
		root.querySelector<HTMLElement>('.incident-rca-item-text')?.click();
		// Line 12 of the note; the editor counts from 0.
		expect(app.workspace.opened.at(-1)).toEqual({
			path: 'Incidents/2025-01-10-api.md',
			newLeaf: false,
			eState: { line: 11 },
		});
	});

	it('ticks an item done in its note: only that line changes, for a checkbox and for a table Status cell', async () => {
		const { app } = await setup();
		const { root } = await openActions(app);
		const before = await app.vault.read(file(app, 'Incidents/2025-01-10-api.md'));
		const box = (text: string): HTMLInputElement =>
			[...root.querySelectorAll('.incident-rca-item')]
				.find((r) => r.textContent?.includes(text))
				?.querySelector('input') as HTMLInputElement;
		box('Add retries').click();
		await flush();
		expect(await app.vault.read(file(app, 'Incidents/2025-01-10-api.md'))).toBe(
			before.replace('- [ ] Add retries', '- [x] Add retries'),
		);
		const db = await app.vault.read(file(app, 'Incidents/2025-01-25-db.md'));
		box('Tune pool').click();
		await flush();
		expect(await app.vault.read(file(app, 'Incidents/2025-01-25-db.md'))).toBe(
			db.replace('| Tune pool | dana | 2030-06-01 | Open |', '| Tune pool | dana | 2030-06-01 | Done |'),
		);
		await flush(400);
		expect(items(root)).toEqual([]);
	});

	it('refuses to tick when the note changed under it so the item is gone, and says why', async () => {
		const { app } = await setup();
		const { root } = await openActions(app);
		const edited =
			'---\ntitle: API errors\n---\nA new first line\n## Action Items\n- [ ] Something else\n- [ ] Add retries @lee\n';
		// Edit behind the pane's back (no time for the index to catch up): the item is now someone else's.
		await app.vault.modify(file(app, 'Incidents/2025-01-10-api.md'), edited);
		const box = root.querySelector<HTMLInputElement>('.incident-rca-item input') as HTMLInputElement;
		box.click();
		await flush();
		expect(await app.vault.read(file(app, 'Incidents/2025-01-10-api.md'))).toBe(edited);
		expect(notices.at(-1)).toContain('Not ticked');
		expect(box.checked).toBe(false);
		expect(box.disabled).toBe(false);
	});

	it('ticks an item that only moved (lines added above it): the same item, at its new line', async () => {
		const { app } = await setup();
		const { root } = await openActions(app);
		const edited =
			'---\ntitle: API errors\n---\nA new first line\n## Action Items\n- [ ] Something else\n- [ ] Add retries @dana 📅 2025-02-01\n';
		await app.vault.modify(file(app, 'Incidents/2025-01-10-api.md'), edited);
		const box = root.querySelector<HTMLInputElement>('.incident-rca-item input') as HTMLInputElement;
		box.click();
		await flush();
		expect(await app.vault.read(file(app, 'Incidents/2025-01-10-api.md'))).toBe(
			edited.replace('- [ ] Add retries', '- [x] Add retries'),
		);
		expect(box.checked).toBe(true);
	});

	it('a write that fails leaves the box as the note is, enabled, and says what was not saved', async () => {
		const { app } = await setup();
		const { root } = await openActions(app);
		const before = await app.vault.read(file(app, 'Incidents/2025-01-10-api.md'));
		app.vault.process = () => Promise.reject(new Error('EACCES: permission denied'));
		const box = root.querySelector<HTMLInputElement>('.incident-rca-item input') as HTMLInputElement;
		box.click();
		await flush();
		expect(box.checked).toBe(false);
		expect(box.disabled).toBe(false);
		expect(notices.at(-1)).toMatch(/not ticked.*not saved \(EACCES: permission denied\)/);
		expect(await app.vault.read(file(app, 'Incidents/2025-01-10-api.md'))).toBe(before);
	});
});

describe('the note inspector', () => {
	const note = [
		'---',
		'severity: SEV2',
		'---',
		'# Queue stall',
		'Status: resolved',
		'## Timeline',
		'- 10:00 Alert fired',
		'- Someone looked',
		'- 10:45 Resolved',
		'## Action items',
		'- [ ] Add a lag alert @sam due 2020-01-01',
		'- [ ] Write the runbook',
		'',
	].join('\n');

	it('shows how the active note was read; a problem’s line puts the cursor there', async () => {
		const { app } = await setup({ 'Incidents/q.md': note });
		const editor = (
			app.workspace as unknown as { openInEditor(f: TFile, t: string): { getCursor(): { line: number } } }
		).openInEditor(file(app, 'Incidents/q.md'), note);
		app.commands.executeCommandById('incident-rca:open-note-inspector');
		await flush();
		const view = app.workspace.leaves
			.map((l) => l.view)
			.find((v) => (v as InspectorView)?.getViewType?.() === 'incident-rca-inspector') as InspectorView;
		const root = view.contentEl;
		const text = root.textContent ?? '';
		expect(root.querySelector('h4')?.textContent).toBe('Queue stall');
		expect(text).toContain('45m from the timeline (10:00 → 10:45)');
		expect(text).toContain('untimed Someone looked');
		expect(text).toContain('not in the duration: no time');
		expect(text).toContain('Add a lag alert — owner sam, due 2020-01-01, overdue');
		expect(text).toContain('Severity');
		// Each value with where it was read, and its line (a click goes there too).
		expect(text).toContain('SEV2 — frontmatter `severity` · line 2');
		expect(text).toContain('resolved — the “status:” line · line 5');
		expect(text).toContain('Queue stall — the first heading · line 4');
		expect(text).toContain('No root cause section');
		const withLine = [...root.querySelectorAll<HTMLElement>('.incident-rca-problem')].find((p) =>
			p.querySelector('.incident-rca-line'),
		) as HTMLElement;
		(withLine.querySelector('.incident-rca-line') as HTMLElement).click();
		// "Action item has no owner: Write the runbook", on line 12 of the note.
		expect(withLine.textContent).toContain('line 12');
		expect(editor.getCursor().line).toBe(11);
		// No HTML from the note is ever inserted.
		expect(root.querySelector('script, img, iframe')).toBeNull();
	});

	it('says which key, table or file name each value came from', async () => {
		const other = [
			'---',
			'Sev: P1',
			'impacted_services: [ledger, billing]',
			'---',
			'| Field | Value |',
			'|---|---|',
			'| Status | Mitigated |',
			'| Incident ID | INC-77 |',
			'## Timeline',
			'- 10:00 Alert fired',
			'',
		].join('\n');
		const { app } = await setup({ 'Incidents/ledger-lag.md': other });
		(app.workspace as unknown as { openInEditor(f: TFile, t: string): unknown }).openInEditor(
			file(app, 'Incidents/ledger-lag.md'),
			other,
		);
		app.commands.executeCommandById('incident-rca:open-note-inspector');
		await flush();
		const view = app.workspace.leaves
			.map((l) => l.view)
			.find((v) => (v as InspectorView)?.getViewType?.() === 'incident-rca-inspector') as InspectorView;
		const fields = [...view.contentEl.querySelectorAll('dd')].map((d) => d.textContent);
		expect(fields).toEqual(
			expect.arrayContaining([
				'P1 — frontmatter `Sev` · line 2',
				'ledger, billing — frontmatter `impacted_services` · line 3',
				'mitigated — a table row (status) · line 7',
				'INC-77 — a table row (incident id) · line 8',
				'ledger-lag — the file name',
			]),
		);
	});

	it('reads the editor’s unsaved text again as the user types', async () => {
		const { app } = await setup({ 'Incidents/q.md': note });
		const stub = app.workspace as unknown as {
			openInEditor(f: TFile, t: string): { setValue(t: string): void };
			trigger(name: string): void;
		};
		const editor = stub.openInEditor(file(app, 'Incidents/q.md'), note);
		app.commands.executeCommandById('incident-rca:open-note-inspector');
		await flush();
		const view = app.workspace.leaves
			.map((l) => l.view)
			.find((v) => (v as InspectorView)?.getViewType?.() === 'incident-rca-inspector') as InspectorView;
		editor.setValue(note.replace('- 10:45 Resolved', '- 11:30 Resolved'));
		stub.trigger('editor-change');
		await flush(350);
		expect(view.contentEl.textContent).toContain('1h 30m from the timeline (10:00 → 11:30)');
	});
});

describe('views in a popout window', () => {
	it('the virtual list schedules its redraw on the window it is drawn in, not the main one', async () => {
		const { VirtualList } = await import('../src/plugin/virtual-list');
		const frame = document.createElement('iframe');
		document.body.appendChild(frame);
		const popout = frame.contentWindow as Window & typeof globalThis;
		// Obsidian gives a popout window its DOM helpers when it opens it.
		installDomHelpers(popout);
		const popoutFrames = jest.spyOn(popout, 'requestAnimationFrame').mockImplementation(() => 1);
		const mainFrames = jest.spyOn(window, 'requestAnimationFrame');
		const parent = popout.document.body.appendChild(popout.document.createElement('div'));
		const list = new VirtualList<string>(parent, {
			rowHeight: 20,
			role: 'list',
			label: 'Items',
			cls: 'x',
			renderRow: (row, item) => row.setText(item),
		});
		list.setItems(['a', 'b']);
		list.scrollEl.dispatchEvent(new popout.Event('scroll'));
		expect(popoutFrames).toHaveBeenCalledTimes(1);
		expect(mainFrames).not.toHaveBeenCalled();
		frame.remove();
	});
});

describe('charts and figures', () => {
	const month = (m: string, median: number | null, p90: number | null): MonthPoint => ({
		month: m,
		bySeverity: {},
		total: median === null ? 0 : 3,
		mttrMinutes: median,
		medianMinutes: median,
		p90Minutes: p90,
		actionsOpen: 0,
		actionsDone: 0,
	});

	it('an outlier month does not flatten the others: the axis stops above them, the outlier is capped and labelled', () => {
		const parent = document.body.createDiv();
		drawMttrPerMonth(parent, [month('2025-01', 30, 40), month('2025-02', 45, 50), month('2025-03', 2880, 2880)]);
		const axis = [...parent.querySelectorAll('text.incident-rca-axis')].map((t) => t.textContent);
		// The others reach 50 minutes (×1.25 → 62m): ticks of 30 minutes up to 1h 30m, not of 12 hours up to 2 days.
		expect(axis.slice(0, 4)).toEqual(['0', '30m', '1h', '1h 30m']);
		expect(axis).not.toContain('12h');
		expect(parent.querySelectorAll('.incident-rca-cap')).toHaveLength(1);
		expect(parent.querySelector('.incident-rca-cap-label')?.textContent).toBe('2d');
		// Its exact values are on hover.
		expect([...parent.querySelectorAll('rect title')].map((t) => t.textContent)).toContain(
			'2025-03: median 2d, p90 2d, mean 2d (3 incidents)',
		);
	});

	it('says the change against the previous period in words', () => {
		const period = {
			from: '2025-03-01',
			to: '2025-03-31',
			previousFrom: '2025-01-29',
			previousTo: '2025-02-28',
			incidents: null,
			medianDuration: null,
			p90Duration: null,
		};
		expect(changeText({ now: 4, before: 2, delta: 2, ratio: 1 }, String, period)).toBe(
			'↑ 2 (+100%) vs 2025-01-29 – 2025-02-28',
		);
		expect(changeText({ now: 30, before: 45, delta: -15, ratio: -1 / 3 }, formatMinutes, period)).toBe(
			'↓ 15m (−33%) vs 2025-01-29 – 2025-02-28',
		);
		expect(changeText({ now: 3, before: 0, delta: 3, ratio: null }, String, period)).toBe(
			'↑ 3 vs 2025-01-29 – 2025-02-28',
		);
		expect(changeText(null, String, period)).toBe('no figure vs 2025-01-29 – 2025-02-28');
	});
});

describe('the incident table', () => {
	const headers = (root: HTMLElement): string[] =>
		[...root.querySelectorAll('.incident-rca-thead .incident-rca-th')].map((h) => h.className.replace(/.*is-/, ''));

	it('columns are chosen from the registry with the Columns menu, saved in the settings, the title always kept', async () => {
		const { app, plugin } = await setup();
		const { root } = await openDashboard(app);
		expect(headers(root)).toEqual(VIEW_COLUMNS.map((c) => c.key));
		const button = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Columns') as HTMLElement;
		button.click();
		const items = (): HTMLElement[] => [...document.querySelectorAll<HTMLElement>('.menu .menu-item')];
		const item = (label: string): HTMLElement =>
			items().find((i) => i.textContent === label) ?? (undefined as unknown as HTMLElement);
		// Every column of the registry, the shown ones ticked; the title cannot be taken away.
		expect(items().map((i) => i.textContent)).toEqual([...DASHBOARD_COLUMNS.map((c) => c.label), 'Default columns']);
		expect(item('TTD').getAttribute('aria-checked')).toBe('false');
		expect(item('Severity').getAttribute('aria-checked')).toBe('true');
		expect(item('Incident').getAttribute('aria-disabled')).toBe('true');
		item('TTD').click();
		await flush();
		expect(document.querySelector('.menu')).toBeNull();
		expect(headers(root)).toContain('ttd');
		// In registry order: TTD comes after Related.
		expect(headers(root).slice(-2)).toEqual(['related', 'ttd']);
		expect(plugin.settings.tableColumns).toContain('ttd');
		const saved = JSON.parse(
			(app as unknown as { pluginData: Map<string, string> }).pluginData.get('incident-rca') ?? '{}',
		) as { tableColumns: string[] };
		expect(saved.tableColumns).toContain('ttd');
		const apiRow = [...root.querySelectorAll('.incident-rca-tr')].find((r) => r.textContent?.includes('API errors'));
		expect(apiRow?.querySelector('.is-ttd')?.textContent).toBe('0m');
		// Hiding one, then the defaults again.
		button.click();
		item('Severity').click();
		await flush();
		expect(headers(root)).not.toContain('severity');
		expect(root.querySelector('.incident-rca-tr .is-severity')).toBeNull();
		button.click();
		item('Incident').click();
		await flush();
		expect(headers(root)).toContain('title');
		button.click();
		item('Default columns').click();
		await flush();
		expect(headers(root)).toEqual(VIEW_COLUMNS.map((c) => c.key));
		expect(plugin.settings.tableColumns).toEqual([]);
	});

	it('columns are as wide as their content, the header is a row of the grid inside its scroll box', async () => {
		const { app } = await setup();
		const { root } = await openDashboard(app);
		const table = root.querySelector<HTMLElement>('.incident-rca-table') as HTMLElement;
		const tracks = table.style.getPropertyValue('--incident-rca-columns').split(/ (?![^(]*\))/);
		// Date: ISO dates, 10 characters (+1). Severity: "SEV1" and the header's "Severity" + arrow → 10 (its max).
		expect(tracks[0]).toBe('10ch');
		expect(tracks[2]).toBe('10ch');
		// The incident column grows into spare room from its fitted minimum ("Web <b>slow</b>" is 15 characters).
		expect(tracks[1]).toBe('minmax(16ch, 3fr)');
		expect(table.style.getPropertyValue('--incident-rca-min-width')).toMatch(
			/^calc\(\d+ch \+ 10 \* var\(--size-4-2\)\)$/,
		);
		const grid = root.querySelector('[role="grid"]') as HTMLElement;
		expect(grid.firstElementChild?.classList.contains('incident-rca-thead')).toBe(true);
		expect(grid.firstElementChild?.getAttribute('aria-rowindex')).toBe('1');
	});

	it('a settings text of column keys names the unknown ones', () => {
		expect(columnKeyMistakes('date, title, ttd')).toBe('');
		expect(columnKeyMistakes('date, colour')).toMatch(/^Not a column: colour \(one of date, title, /);
		expect(tableColumns(['ttd', 'nonsense']).map((c) => c.key)).toEqual(['title', 'ttd']);
		expect(tableColumns([]).map((c) => c.key)).toEqual(VIEW_COLUMNS.map((c) => c.key));
	});
});

describe('response times by severity and service', () => {
	it('a table of median · p90 of each time per severity, and per service when asked', async () => {
		const { app } = await setup();
		const { view, root } = await openDashboard(app);
		const rows = (): string[][] =>
			[...root.querySelectorAll('.incident-rca-breakdown-table tbody tr')].map((r) =>
				[...r.children].map((c) => c.textContent ?? ''),
			);
		// SEV1: API errors (60 min, detected at once). SEV2: DB failover (60 min) and Web slow (20 min) → median 40m.
		expect(rows()).toEqual([
			['SEV1', '1', '1h', '0m · 0m', '—', '—', '1h · 1h'],
			['SEV2', '2', '1h 20m', '—', '—', '—', '40m · 1h'],
		]);
		const byService = [...root.querySelectorAll('.incident-rca-breakdown button')].find(
			(b) => b.textContent === 'By service',
		) as HTMLElement;
		byService.click();
		expect(view.breakdownBy).toBe('service');
		expect(rows().map((r) => r.slice(0, 3))).toEqual([
			['api', '2', '2h'],
			['db', '1', '1h'],
			['web', '1', '20m'],
		]);
		expect(view.getState()).toMatchObject({ breakdownBy: 'service' });
	});
});

describe('view state in the workspace layout', () => {
	it('the dashboard keeps filters, sort and the services measure when closed and opened again', async () => {
		const { app } = await setup();
		const { view, root } = await openDashboard(app);
		view.setFilter('service', 'api');
		view.setSort('title');
		view.serviceMeasure = 'minutes';
		view.breakdownBy = 'service';
		const saved = view.leaf.getViewState();
		expect(saved.state).toMatchObject({
			filters: { service: 'api' },
			sort: { column: 'title', descending: false },
			serviceMeasure: 'minutes',
			breakdownBy: 'service',
		});
		expect(titles(root)).toEqual(['API errors', 'DB failover']);
		// The layout restored: a new leaf, the saved state (as JSON, as the layout file holds it).
		view.leaf.detach();
		const leaf = app.workspace.getLeaf('tab');
		await leaf.setViewState({
			type: 'incident-rca-dashboard',
			state: JSON.parse(JSON.stringify(saved.state)) as Record<string, unknown>,
		});
		const again = leaf.view as DashboardView;
		expect(titles(again.contentEl)).toEqual(['API errors', 'DB failover']);
		expect(again.contentEl.querySelector<HTMLSelectElement>('select[data-filter="service"]')?.value).toBe('api');
		expect(again.contentEl.querySelector('svg.is-services title')?.textContent).toBe(
			'Top services by incident minutes',
		);
		expect(again.contentEl.querySelector('.incident-rca-breakdown-table th')?.textContent).toBe('Service');
	});

	it('the action pane keeps its filter and grouping', async () => {
		const { app } = await setup();
		const { view } = await openActions(app);
		view.filter = 'all';
		view.grouping = 'incident';
		const saved = view.leaf.getViewState();
		view.leaf.detach();
		const leaf = app.workspace.getLeaf('tab');
		await leaf.setViewState({
			type: 'incident-rca-action-items',
			state: JSON.parse(JSON.stringify(saved.state)) as Record<string, unknown>,
		});
		const again = leaf.view as ActionItemsView;
		expect([again.filter, again.grouping]).toEqual(['all', 'incident']);
		expect(again.contentEl.querySelector('[aria-checked="true"]')?.getAttribute('data-filter')).toBe('all');
		expect(again.contentEl.querySelector<HTMLSelectElement>('select')?.value).toBe('incident');
	});

	it('a damaged saved state is read for what is valid, and the rest dropped', () => {
		expect(
			readDashboardState({
				filters: { service: 'api', from: 'yesterday', severity: 3 },
				sort: { column: 'nope', descending: true },
				serviceMeasure: 'weight',
				breakdownBy: 'colour',
				scroll: -4,
			}),
		).toEqual({ filters: { ...EMPTY_FILTERS, service: 'api' } });
		expect(readDashboardState('x')).toEqual({});
		expect(readRollupState({ filter: 'mine', grouping: 'colour', scroll: 120.4 })).toEqual({
			filter: 'mine',
			scroll: 120,
		});
	});
});

describe('the action pane, compact', () => {
	const note = [
		'---',
		'title: Queue stall on the ledger consumer after a rebalance storm',
		'date: 2025-03-01',
		'severity: SEV2',
		'---',
		'## Action items',
		'- [ ] Low one @dana 📅 2030-05-01 (priority: P3)',
		'- [ ] Urgent one @dana 📅 2030-05-01 (priority: P1)',
		'- [ ] Later @mei.lin 📅 2030-06-01',
		'- [ ] Same person @Mei.Lin 📅 2030-06-02',
		'',
	].join('\n');

	it('headers once per owner with counts; within a group by due date, then priority; the incident in full on hover', async () => {
		const { app } = await setup({ 'Incidents/q.md': note });
		const { root } = await openActions(app);
		const groups = [...root.querySelectorAll('.incident-rca-group')].map((g) => g.textContent);
		// "mei.lin" and "Mei.Lin" are one owner, under the name first seen.
		expect(groups).toEqual(['dana 2', 'mei.lin 2']);
		const items = [...root.querySelectorAll('.incident-rca-item')];
		expect(items.map((i) => i.querySelector('.incident-rca-item-text')?.textContent)).toEqual([
			'Urgent one',
			'Low one',
			'Later',
			'Same person',
		]);
		// Grouped by owner, the owner is not repeated on each item.
		expect(root.querySelectorAll('.incident-rca-item .incident-rca-owner')).toHaveLength(0);
		const incident = items[0].querySelector('.incident-rca-item-incident') as HTMLElement;
		expect(incident.getAttribute('title')).toBe('Queue stall on the ledger consumer after a rebalance storm');
	});

	it('rows of two heights: each drawn at its offset, none overlapping', async () => {
		const { VirtualList } = await import('../src/plugin/virtual-list');
		const parent = document.body.createDiv();
		const list = new VirtualList<string>(parent, {
			rowHeight: (s) => (s.startsWith('#') ? 30 : 76),
			role: 'list',
			label: 'x',
			cls: 'x',
			renderRow: (row, s) => row.setText(s),
		});
		list.setItems(['# a', '1', '2', '# b', '3']);
		const spacer = parent.querySelector('.incident-rca-vlist-spacer') as HTMLElement;
		expect(spacer.style.getPropertyValue('--incident-rca-total')).toBe(`${30 + 76 + 76 + 30 + 76}px`);
		expect(parent.querySelectorAll('.incident-rca-vrow')).toHaveLength(5);
	});
});

describe('postmortems left in review', () => {
	it('the card counts them and, clicked, shows only them', async () => {
		const { app } = await setup({
			...VAULT,
			'Incidents/2025-01-02-draft.md':
				'---\ntitle: Old draft\ndate: 2025-01-02\nstatus: draft\n---\n## Timeline\n- 10:00 x\n',
		});
		const { root } = await openDashboard(app);
		const card = [...root.querySelectorAll<HTMLElement>('.incident-rca-card')].find((c) =>
			c.textContent?.includes('In review over 14 days'),
		) as HTMLElement;
		expect(card.querySelector('.incident-rca-card-value')?.textContent).toBe('1');
		card.click();
		expect(titles(root)).toEqual(['Old draft']);
		const again = [...root.querySelectorAll<HTMLElement>('.incident-rca-card')].find((c) =>
			c.textContent?.includes('In review over 14 days'),
		) as HTMLElement;
		expect(again.getAttribute('aria-pressed')).toBe('true');
		again.click();
		expect(titles(root)).toHaveLength(4);
	});
});

describe('the dashboard on a phone', () => {
	it('below 600 px of container: the phone layout, one chart at a time, filters folded', async () => {
		const { app } = await setup();
		const { view, root } = await openDashboard(app);
		view.layoutFor(1200);
		expect(root.classList.contains('is-narrow')).toBe(false);
		view.layoutFor(390);
		expect(root.classList.contains('is-narrow')).toBe(true);
		const chooser = root.querySelector<HTMLSelectElement>('select.incident-rca-chart-chooser') as HTMLSelectElement;
		expect([...chooser.options].map((o) => o.text)).toEqual([
			'Incidents per month',
			'Time to resolve per month',
			'Top services',
			'Action items by incident month',
		]);
		expect([...root.querySelectorAll('.incident-rca-chartbox.is-current')]).toHaveLength(1);
		chooser.value = '1';
		chooser.dispatchEvent(new Event('change'));
		const current = root.querySelector('.incident-rca-chartbox.is-current .incident-rca-chart-title');
		expect(current?.textContent).toBe('Time to resolve per month');
		const toggle = root.querySelector('.incident-rca-filter-toggle') as HTMLElement;
		toggle.click();
		expect(root.querySelector('.incident-rca-filters')?.classList.contains('is-open')).toBe(true);
		expect(toggle.getAttribute('aria-expanded')).toBe('true');
	});
});

describe('ticket links', () => {
	it('a ticket key in an action item links to the tracker by the settings’ pattern, URL-encoded', () => {
		expect(ticketUrl('https://tracker.example.com/browse/{key}', 'OPS-2303')).toBe(
			'https://tracker.example.com/browse/OPS-2303',
		);
		expect(ticketUrl('https://t.example/?q={key}&k={key}', 'A B')).toBe('https://t.example/?q=A%20B&k=A%20B');
		// Never a link that runs or opens anything else, and none without a {key}.
		expect(ticketUrl('javascript:alert({key})', 'X-1')).toBeNull();
		expect(ticketUrl('file:///etc/{key}', 'X-1')).toBeNull();
		expect(ticketUrl('https://tracker.example.com/', 'X-1')).toBeNull();
		expect(ticketUrl('', 'X-1')).toBeNull();
	});

	it('the action pane shows them as links, and a bad pattern is not saved', async () => {
		const note =
			'---\ntitle: T\ndate: 2025-03-01\n---\n## Action items\n- [ ] OPS-2303 Alert on lag @dana 📅 2030-01-01\n';
		const { app } = await setup({ 'Incidents/t.md': note }, { ticketUrl: 'https://tracker.example.com/browse/{key}' });
		const { root } = await openActions(app);
		const link = root.querySelector<HTMLAnchorElement>('.incident-rca-item a.external-link');
		expect(link?.textContent).toBe('OPS-2303');
		expect(link?.getAttribute('href')).toBe('https://tracker.example.com/browse/OPS-2303');
		expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
		const bad = await setup({ 'Incidents/t.md': note }, { ticketUrl: 'javascript:alert({key})' });
		expect(bad.plugin.settings.ticketUrl).toBe('');
		const pane = await openActions(bad.app);
		expect(pane.root.querySelector('.incident-rca-item a.external-link')).toBeNull();
	});
});
