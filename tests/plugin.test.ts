/**
 * @jest-environment jsdom
 *
 * The plugin end to end against the in-memory Obsidian stand-in (tests/stubs/obsidian.ts): commands run as the
 * command palette runs them, modals are driven through their DOM, and every write is checked byte for byte.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { App, TFile } from 'obsidian';
import { createApp, notices } from './stubs/obsidian';
import IncidentRcaPlugin from '../src/main';
import { isCanonical, ORIGINAL_CALLOUT } from '../src/core/write/convert';
import { findFrontmatter } from '../src/core/read/parse';
import { parseYaml, TEST_MANIFEST } from './helpers';

const manifest = TEST_MANIFEST;

interface StubApp extends App {
	commands: { executeCommandById(id: string): boolean; listCommands(): { id: string; name: string }[] };
}

interface StubEditor {
	getValue(): string;
	getLine(n: number): string;
	getCursor(): { line: number; ch: number };
	undo(): void;
}

async function setup(
	files: Record<string, string> = {},
	data?: unknown,
): Promise<{ app: StubApp; plugin: IncidentRcaPlugin }> {
	const app = createApp(files) as unknown as StubApp;
	const plugin = new IncidentRcaPlugin(app, manifest);
	if (data !== undefined) await plugin.saveData(data);
	await plugin.onload();
	return { app, plugin };
}

function file(app: App, p: string): TFile {
	const f = app.vault.getFileByPath(p);
	if (!f) throw new Error(`no file ${p}`);
	return f;
}

async function read(app: App, p: string): Promise<string> {
	return app.vault.read(file(app, p));
}

function open(app: StubApp, p: string): void {
	(app.workspace as unknown as { setActiveFile(f: TFile | null): void }).setActiveFile(file(app, p));
}

async function flush(): Promise<void> {
	for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
}

/** The body after the frontmatter block, exactly as stored. */
function body(text: string): string {
	const lines = text.split('\n');
	const fm = findFrontmatter(lines);
	return fm && fm.close > 0 ? lines.slice(fm.close + 1).join('\n') : text;
}

function frontmatter(text: string): Record<string, unknown> {
	const lines = text.split('\n');
	const fm = findFrontmatter(lines);
	return fm && fm.close > 0 ? (parseYaml(fm.yaml) as Record<string, unknown>) : {};
}

function lastModal(): HTMLElement {
	const modals = document.querySelectorAll<HTMLElement>('.modal-container, .modal');
	return modals[modals.length - 1] ?? document.body;
}

function setInput(el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string): void {
	el.value = value;
	el.dispatchEvent(new Event('input', { bubbles: true }));
	el.dispatchEvent(new Event('change', { bubbles: true }));
}

function button(root: ParentNode, text: string): HTMLElement {
	const b = [...root.querySelectorAll<HTMLElement>('button')].find((x) => x.textContent?.trim() === text);
	if (!b) throw new Error(`no button "${text}"`);
	return b;
}

beforeEach(() => {
	notices.length = 0;
	document.body.empty();
});

describe('the built plugin registers', () => {
	it('the ten commands with their ids and sentence-case names, and no default hotkeys', async () => {
		// (the ribbon icon is checked below, by clicking it)
		const { app } = await setup();
		const commands = (
			app.commands as unknown as { commands: Record<string, { id: string; name: string; hotkeys?: unknown[] }> }
		).commands;
		const list = Object.values(commands).map((c) => [c.id.replace(/^incident-rca:/, ''), c.name]);
		expect(list.sort()).toEqual([
			['add-timeline-entry', 'Add timeline entry'],
			['convert-to-rca', 'Convert note to RCA format'],
			['mark-milestone', 'Mark incident milestone'],
			['new-rca-note', 'Create RCA note'],
			['open-action-items', 'Open action items'],
			['open-dashboard', 'Open incident dashboard'],
			['open-note-inspector', 'Open note inspector'],
			['rebuild-index', 'Rebuild incident index'],
			['resolve-related-links', 'Resolve related links'],
			['update-duration', 'Update duration from timeline'],
		]);
		expect(Object.values(commands).every((c) => c.hotkeys === undefined)).toBe(true);
	});

	it('ribbon icons: one opens the new-note modal', async () => {
		const { app } = await setup();
		const ribbon = (app as unknown as { ribbon: { title: string; el: HTMLElement }[] }).ribbon;
		expect(ribbon.map((r) => r.title)).toEqual(['Create RCA note', 'Open incident dashboard']);
		ribbon[0].el.click();
		expect(lastModal().querySelector('.modal-title')?.textContent).toBe('Create RCA note');
	});

	it('offers the note commands only on an RCA note', async () => {
		const { app } = await setup({
			'Notes/shopping.md': '# Shopping\n- milk\n',
			'Incidents/a.md': '# A\n## Timeline\n- 10:00 x\n',
		});
		const ids = (): string[] => app.commands.listCommands().map((c) => c.id.replace(/^incident-rca:/, ''));
		open(app, 'Notes/shopping.md');
		expect(ids()).not.toContain('update-duration');
		expect(ids()).not.toContain('resolve-related-links');
		// Converting a shopping list into a postmortem is not something to offer.
		expect(ids()).not.toContain('convert-to-rca');
		open(app, 'Incidents/a.md');
		expect(ids()).toEqual(
			expect.arrayContaining(['update-duration', 'resolve-related-links', 'new-rca-note', 'convert-to-rca']),
		);
	});
});

describe('start-up', () => {
	it('does not take the vault announcing its files while it loads for new link targets', async () => {
		const app = createApp({ 'Incidents/a.md': '# A\n## Timeline\n- 10:00 x\n' }) as unknown as StubApp;
		const workspace = app.workspace as unknown as { layoutReady: boolean; finishLayout(): void };
		workspace.layoutReady = false;
		const plugin = new IncidentRcaPlugin(app, manifest);
		plugin.load();
		await flush();
		const relinks = jest.spyOn(plugin.indexer as unknown as { relinkLater(p: string): void }, 'relinkLater');
		// While loading, Obsidian fires 'create' for every file of the vault.
		await app.vault.create('restart.md', '# Restart\n');
		expect(relinks).not.toHaveBeenCalled();
		workspace.finishLayout();
		await flush();
		await app.vault.create('failover.md', '# Failover\n');
		expect(relinks).toHaveBeenCalledWith('failover.md');
		plugin.unload();
	});
});

describe('settings', () => {
	it('load with defaults for missing keys and survive corrupt saved data', async () => {
		expect((await setup({}, null)).plugin.settings.incidentsFolder).toBe('Incidents');
		expect((await setup({}, 'garbage')).plugin.settings.severities).toEqual(['SEV1', 'SEV2', 'SEV3', 'SEV4']);
		const s = (
			await setup(
				{},
				{
					incidentsFolder: 'Postmortems',
					severities: 42,
					incidentTags: [1, null],
					relatedWindowDays: -3,
					durationDefinition: 'nonsense',
					writeMilestones: 'yes',
				},
			)
		).plugin.settings;
		expect(s).toMatchObject({
			incidentsFolder: 'Postmortems',
			severities: ['SEV1', 'SEV2', 'SEV3', 'SEV4'],
			incidentTags: [
				'rca',
				'postmortem',
				'post-mortem',
				'incident',
				'incidents',
				'outage',
				'retro',
				'retrospective',
				'incident-review',
			],
			relatedWindowDays: 30,
			durationDefinition: 'first-last',
			writeMilestones: true,
		});
		// Lists typed as text in the settings tab arrive as comma-separated strings.
		expect((await setup({}, { severities: ' P1, P2 ,', incidentTags: '#RCA, retro' })).plugin.settings).toMatchObject({
			severities: ['P1', 'P2'],
			incidentTags: ['rca', 'retro'],
		});
	});
});

describe('the settings tab', () => {
	it('shows every setting, saves a change at once, and cannot store an invalid value', async () => {
		const { app, plugin } = await setup();
		const tab = (
			app as unknown as {
				settingTabs: {
					display(): void;
					containerEl: HTMLElement;
					getSettingDefinitions(): { heading: string; items: { control: { key: string } }[] }[];
					setControlValue(k: string, v: unknown): Promise<void>;
				}[];
			}
		).settingTabs[0];
		tab.display();
		const names = [...tab.containerEl.querySelectorAll('.setting-item-name')].map((n) => n.textContent);
		expect(names).toEqual(
			expect.arrayContaining([
				'Incidents folder',
				'File name pattern',
				'Template note',
				'Severity levels',
				'Runbook folder',
				'What the duration measures',
				'Write milestone fields',
				'Update duration automatically',
				'Window in days',
			]),
		);
		// Every declarative control (settings search on 1.13+) names a real setting.
		// (The team's words are one setting, edited a group at a time: `words.sections`, `words.people`…)
		const keys = tab.getSettingDefinitions().flatMap((g) => g.items.map((i) => i.control.key.split('.')[0]));
		expect([...new Set(keys)].sort()).toEqual(Object.keys(plugin.settings).sort());
		const setting = [...tab.containerEl.querySelectorAll('.setting-item')].find(
			(el) => el.querySelector('.setting-item-name')?.textContent === 'Update duration automatically',
		);
		(setting?.querySelector('.checkbox-container') as HTMLElement).click();
		await flush();
		expect(plugin.settings.autoUpdateDuration).toBe(true);
		expect(
			JSON.parse((app as unknown as { pluginData: Map<string, string> }).pluginData.get('incident-rca') ?? '{}'),
		).toMatchObject({ autoUpdateDuration: true });
		await tab.setControlValue('severities', ' P1 , P2 ,, ');
		await tab.setControlValue('relatedWindowDays', 'not a number');
		expect(plugin.settings.severities).toEqual(['P1', 'P2']);
		expect(plugin.settings.relatedWindowDays).toBe(30);
	});
});

describe('Create RCA note', () => {
	async function create(
		app: StubApp,
		fields: { title: string; date?: string; time?: string; severity?: string; services?: string; author?: string },
	): Promise<void> {
		expect(app.commands.executeCommandById('incident-rca:new-rca-note')).toBe(true);
		const modal = lastModal();
		const inputs = [...modal.querySelectorAll<HTMLInputElement>('input')];
		const byType = (t: string): HTMLInputElement => inputs.find((i) => i.type === t) as HTMLInputElement;
		const texts = inputs.filter((i) => i.type === 'text' || i.type === '');
		setInput(texts[0], fields.title);
		if (fields.date) setInput(byType('date'), fields.date);
		if (fields.time) setInput(byType('time'), fields.time);
		if (fields.severity) setInput(modal.querySelector('select') as HTMLSelectElement, fields.severity);
		if (fields.services !== undefined) setInput(texts[1], fields.services);
		if (fields.author !== undefined) setInput(texts[2], fields.author);
		button(modal, 'Create').click();
		await flush();
	}

	it('picks the template of the severity’s rule, follows the severity, and takes the one picked', async () => {
		const templates = {
			'Templates/Major.md': '# MAJOR {{title}}\n',
			'Templates/Security.md': '# SECURITY {{title}}\n',
			'Templates/rca.md': '# DEFAULT {{title}}\n',
		};
		const rules = [
			{ rule: 'sev-1', path: 'Templates/Major.md' },
			{ rule: 'type security', path: 'Templates/Security.md' },
		];
		const { app } = await setup(templates, { templatePath: 'Templates/rca.md', templates: rules });
		const open = (): { modal: HTMLElement; severity: HTMLSelectElement; template: HTMLSelectElement } => {
			expect(app.commands.executeCommandById('incident-rca:new-rca-note')).toBe(true);
			const modal = lastModal();
			const [severity, template] = [...modal.querySelectorAll('select')];
			setInput(modal.querySelector('input') as HTMLInputElement, `Incident ${Math.random().toString(36).slice(2, 8)}`);
			return { modal, severity, template };
		};
		const made = async (modal: HTMLElement): Promise<string> => {
			button(modal, 'Create').click();
			await flush();
			const f = app.workspace.getActiveFile();
			return f ? app.vault.read(f) : '';
		};
		// The default severity (SEV2) has no rule: the settings' template, and the menu says so.
		const a = open();
		expect([...a.template.options].map((o) => o.text)).toEqual(['rca', 'Major (sev-1)', 'Security (security)']);
		expect(a.template.value).toBe('');
		expect(await made(a.modal)).toMatch(/^# DEFAULT /);
		// SEV1 matches the rule "sev-1" (compared as severities are): its template, selected in the menu.
		const b = open();
		setInput(b.severity, 'SEV1');
		expect(b.template.value).toBe('0');
		expect(await made(b.modal)).toMatch(/^# MAJOR /);
		// Picked by hand, a template stays picked whatever the severity says after.
		const c = open();
		setInput(c.template, '1');
		setInput(c.severity, 'SEV1');
		expect(c.template.value).toBe('1');
		expect(await made(c.modal)).toMatch(/^# SECURITY /);
	});

	it('"Start now": an incident in progress, started now, investigating, with its first row', async () => {
		// A template of the user's whose timeline has no row: the first row is written into it.
		const { app } = await setup(
			{ 'Templates/rca.md': '# {{title}}\n\n## Timeline\n\n## Impact\n' },
			{ templatePath: 'Templates/rca.md' },
		);
		jest.useFakeTimers({
			now: new Date(2025, 6, 31, 14, 3),
			doNotFake: ['setTimeout', 'setImmediate', 'queueMicrotask'],
		});
		try {
			expect(app.commands.executeCommandById('incident-rca:new-rca-note')).toBe(true);
			const modal = lastModal();
			(modal.querySelector('.checkbox-container') as HTMLElement).click();
			const date = modal.querySelector<HTMLInputElement>('input[type="date"]') as HTMLInputElement;
			expect(date.disabled).toBe(true);
			setInput(
				modal.querySelector<HTMLInputElement>('input[type="text"], input:not([type])') as HTMLInputElement,
				'Queue stall',
			);
			button(modal, 'Create').click();
			await flush();
		} finally {
			jest.useRealTimers();
		}
		const text = await read(app, 'Incidents/2025-07-31-queue-stall.md');
		expect(frontmatter(text)).toMatchObject({ status: 'investigating' });
		expect(String(frontmatter(text).started_at)).toMatch(/^2025-07-31T14:03/);
		expect(text).toContain('| 14:03 | Incident started |');
	});

	it('writes the built-in template with the answers, in the incidents folder, and opens it', async () => {
		const { app } = await setup();
		await create(app, {
			title: 'Checkout: 502s after deploy',
			date: '2025-07-31',
			time: '12:17',
			severity: 'SEV1',
			services: 'checkout-api, payments',
			author: 'Dana Kim',
		});
		const text = await read(app, 'Incidents/2025-07-31-checkout-502s-after-deploy.md');
		expect(text).toBe(`---
title: "Checkout: 502s after deploy"
id: INC-20250731-1217
date: 2025-07-31
severity: SEV1
services: [checkout-api, payments]
tags: [rca]
status: draft
duration_minutes:
author: Dana Kim
---

# Checkout: 502s after deploy

## Summary

What happened, who was affected, and for how long.

## Timeline

| Time (UTC) | Event |
|------------|-------|
| 12:17 | Incident started |

## Root Cause

## Impact

## Resolution

## Lessons Learned

### What went well

### What could be improved

## Action Items

| Priority | Action | Owner | Due Date | Status |
|----------|--------|-------|----------|--------|
|  |  |  |  | Open |

## Related Incidents

`);
		expect(app.workspace.getActiveFile()?.path).toBe('Incidents/2025-07-31-checkout-502s-after-deploy.md');
	});

	it('never overwrites: a taken name gets a suffix', async () => {
		const { app } = await setup({ 'Incidents/2025-07-31-db-down.md': 'keep me' });
		await create(app, { title: 'DB down', date: '2025-07-31', time: '09:00' });
		await create(app, { title: 'DB down', date: '2025-07-31', time: '09:30' });
		expect(await read(app, 'Incidents/2025-07-31-db-down.md')).toBe('keep me');
		expect(app.vault.getFileByPath('Incidents/2025-07-31-db-down-2.md')).not.toBeNull();
		expect(app.vault.getFileByPath('Incidents/2025-07-31-db-down-3.md')).not.toBeNull();
	});

	it('uses a template note from settings, with date-fns formats, and names unknown placeholders once', async () => {
		const template =
			'---\ntitle: "{{title}}"\nsev: {{severity}}\n---\n# {{title}}\nOn {{date:EEEE d MMMM yyyy}} at {{time}}, {{services}} by {{author}}. {{reviewer}} {{reviewer}}\n';
		const { app } = await setup(
			{ 'Templates/RCA.md': template },
			{ templatePath: 'Templates/RCA.md', fileNamePattern: '<severity>-<slug>' },
		);
		await create(app, {
			title: 'Queue "stuck"',
			date: '2025-03-04',
			time: '08:05',
			severity: 'SEV3',
			services: 'queue',
			author: 'Lee',
		});
		expect(await read(app, 'Incidents/SEV3-queue-stuck.md')).toBe(
			'---\ntitle: "Queue \\"stuck\\""\nsev: SEV3\n---\n# Queue "stuck"\nOn Tuesday 4 March 2025 at 08:05, queue by Lee. {{reviewer}} {{reviewer}}\n',
		);
		expect(notices.filter((n) => n.includes('{{reviewer}}'))).toEqual([
			'Unknown placeholders left as written: {{reviewer}}',
		]);
	});

	it('suggests the services already used in the vault', async () => {
		const { app } = await setup({
			'Incidents/old.md': '---\nservices: [ledger, checkout-api]\n---\n',
			'Incidents/older.md': '---\nservices: ledger\n---\n',
		});
		app.commands.executeCommandById('incident-rca:new-rca-note');
		const modal = lastModal();
		const chips = [...modal.querySelectorAll('.incident-rca-chip')].map((c) => c.textContent);
		expect(chips).toEqual(['ledger', 'checkout-api']);
		modal.querySelectorAll<HTMLElement>('.incident-rca-chip')[1].click();
		modal.querySelectorAll<HTMLElement>('.incident-rca-chip')[0].click();
		const inputs = [...modal.querySelectorAll<HTMLInputElement>('input')].filter(
			(i) => i.type === 'text' || i.type === '',
		);
		expect(inputs[1].value).toBe('checkout-api, ledger');
	});
});

const FORMATS = path.join(__dirname, 'fixtures', 'formats');
// Every fixture format; plain-text reports are pasted into a markdown note, as they would be in a vault.
const formatFiles = fs.readdirSync(FORMATS).filter((n) => /\.(?:md|txt)$/.test(n));
const notePath = (name: string): string => `Incidents/${name.replace(/\.txt$/, '.md')}`;

describe('Update duration from timeline', () => {
	it.each(formatFiles)(
		'%s: writes the computed fields through processFrontMatter and leaves the body byte-identical',
		async (name) => {
			const original = fs.readFileSync(path.join(FORMATS, name), 'utf8');
			const p = notePath(name);
			const { app, plugin } = await setup({ [p]: original });
			open(app, p);
			app.commands.executeCommandById('incident-rca:update-duration');
			await flush();
			const after = await read(app, p);
			const incident = plugin.api.parseIncident(original, { parseYaml, path: p });
			const broken = incident.problems.some(
				(x) => x.code === 'frontmatter-invalid' || x.code === 'frontmatter-unclosed',
			);
			if (broken) {
				expect(after).toBe(original);
				expect(notices.some((n) => n.startsWith('Not updated: frontmatter'))).toBe(true);
				return;
			}
			expect(body(after)).toBe(findFrontmatter(original.split('\n')) ? body(original) : original);
			const fm = frontmatter(after);
			if (incident.durationMinutes !== null) expect(fm.duration_minutes).toBe(incident.durationMinutes);
			else expect(fm.duration_minutes).toBe(frontmatter(original).duration_minutes);
			for (const [k, v] of Object.entries(frontmatter(original)))
				if (!/^(?:duration_minutes|\w+_at|tt\w_minutes)$/.test(k)) expect(fm[k]).toEqual(v);
		},
	);

	it('keeps the frontmatter’s comments, order and other keys when it has comments (edits only its own lines)', async () => {
		const text =
			'---\r\n# Reviewed by the SRE guild\r\ntitle: DB   # short name\r\nduration_minutes: 999 # old guess\r\nseverity: SEV2\r\n---\r\n## Timeline\r\n- 10:00 a\r\n- 10:40 b\r\n';
		const { app } = await setup({ 'Incidents/c.md': text }, { writeMilestones: false });
		open(app, 'Incidents/c.md');
		app.commands.executeCommandById('incident-rca:update-duration');
		await flush();
		expect(await read(app, 'Incidents/c.md')).toBe(
			text.replace('duration_minutes: 999 # old guess', 'duration_minutes: 40 # old guess'),
		);
	});

	it('gives a note without frontmatter one, and writes the milestones', async () => {
		const { app } = await setup({
			'Incidents/x.md':
				'# X\n## Timeline\n- 2025-01-09 08:00 Deploy started\n- 2025-01-09 08:12 Alert fired\n- 2025-01-09 09:30 Resolved\n',
		});
		open(app, 'Incidents/x.md');
		app.commands.executeCommandById('incident-rca:update-duration');
		await flush();
		const text = await read(app, 'Incidents/x.md');
		expect(
			text.endsWith(
				'---\n# X\n## Timeline\n- 2025-01-09 08:00 Deploy started\n- 2025-01-09 08:12 Alert fired\n- 2025-01-09 09:30 Resolved\n',
			),
		).toBe(true);
		expect(frontmatter(text)).toEqual({
			duration_minutes: 90,
			started_at: '2025-01-09T08:00',
			detected_at: '2025-01-09T08:12',
			resolved_at: '2025-01-09T09:30',
			ttd_minutes: 12,
			ttr_minutes: 90,
		});
		expect(notices.at(-1)).toContain('Duration: 90 min');
	});

	it('warns when the duration written in the text disagrees, and when the timeline has no times', async () => {
		const { app } = await setup(
			{
				'Incidents/a.md': 'Duration: 2 hours\n## Timeline\n- 10:00 a\n- 10:30 b\n',
				'Incidents/b.md': '## Timeline\n- alert\n- fixed\n',
			},
			{ writeMilestones: false },
		);
		open(app, 'Incidents/a.md');
		app.commands.executeCommandById('incident-rca:update-duration');
		await flush();
		expect(notices.at(-1)).toContain('The note says the duration was 120 min, but the timeline gives 30 min.');
		expect(frontmatter(await read(app, 'Incidents/a.md'))).toEqual({ duration_minutes: 30 });
		open(app, 'Incidents/b.md');
		app.commands.executeCommandById('incident-rca:update-duration');
		await flush();
		expect(notices.at(-1)).toContain('no times');
		expect(await read(app, 'Incidents/b.md')).toBe('## Timeline\n- alert\n- fixed\n');
	});

	it('runs by itself when enabled and an RCA note changes, without looping on its own write', async () => {
		jest.useFakeTimers();
		try {
			const { app } = await setup(
				{ 'Incidents/a.md': '## Timeline\n- 10:00 a\n' },
				{ autoUpdateDuration: true, writeMilestones: false },
			);
			await app.vault.modify(file(app, 'Incidents/a.md'), '## Timeline\n- 10:00 a\n- 10:45 b\n');
			await jest.advanceTimersByTimeAsync(2000);
			expect(frontmatter(await read(app, 'Incidents/a.md'))).toEqual({ duration_minutes: 45 });
			const after = await read(app, 'Incidents/a.md');
			await jest.advanceTimersByTimeAsync(5000);
			expect(await read(app, 'Incidents/a.md')).toBe(after);
		} finally {
			jest.useRealTimers();
		}
	});
});

describe('Add timeline entry', () => {
	it('adds a row for now in the timeline’s format through the editor, the cursor at its text; undo removes it', async () => {
		const note = '# Cache\n## Timeline\n- 10:00 — Alerts fire\n\n## Impact\nSlow.\n';
		const { app, plugin } = await setup({ 'Incidents/a.md': note, 'Notes/list.md': '# Shopping\n- milk\n' });
		const stub = app.workspace as unknown as { openInEditor(f: TFile, text: string): StubEditor };
		const shopping = stub.openInEditor(file(app, 'Notes/list.md'), '# Shopping\n- milk\n');
		expect(app.commands.executeCommandById('incident-rca:add-timeline-entry')).toBe(false);
		expect(shopping.getValue()).toBe('# Shopping\n- milk\n');
		const editor = stub.openInEditor(file(app, 'Incidents/a.md'), note);
		jest.useFakeTimers({ now: new Date(2025, 2, 4, 10, 42) });
		try {
			expect(app.commands.executeCommandById('incident-rca:add-timeline-entry')).toBe(true);
		} finally {
			jest.useRealTimers();
		}
		expect(editor.getValue()).toBe('# Cache\n## Timeline\n- 10:00 — Alerts fire\n- 10:42 — \n\n## Impact\nSlow.\n');
		expect(editor.getCursor()).toEqual({ line: 3, ch: '- 10:42 — '.length });
		editor.undo();
		expect(editor.getValue()).toBe(note);
		// The clock of the settings: UTC writes the UTC time.
		plugin.settings.entryClock = 'utc';
		jest.useFakeTimers({ now: new Date(Date.UTC(2025, 2, 4, 23, 5)) });
		try {
			app.commands.executeCommandById('incident-rca:add-timeline-entry');
		} finally {
			jest.useRealTimers();
		}
		expect(editor.getLine(3)).toMatch(/^- (?:2025-03-04 )?23:05 — $/);
	});
});

describe('Mark incident milestone', () => {
	it('offers the four milestones; the chosen one writes its row and field in one undo step', async () => {
		const note = '---\nseverity: SEV2\n---\n# Cache\n## Timeline\n| Time | Event |\n|---|---|\n| 10:00 | Alert |\n';
		const { app, plugin } = await setup({ 'Incidents/a.md': note });
		plugin.settings.entryClock = 'utc';
		const stub = app.workspace as unknown as { openInEditor(f: TFile, text: string): StubEditor };
		const editor = stub.openInEditor(file(app, 'Incidents/a.md'), note);
		expect(app.commands.executeCommandById('incident-rca:mark-milestone')).toBe(true);
		await flush();
		const modal = lastModal();
		const items = [...modal.querySelectorAll<HTMLElement>('.suggestion-item')];
		expect(items.map((el) => el.firstElementChild?.textContent)).toEqual([
			'Detected',
			'Acknowledged',
			'Mitigated',
			'Resolved',
		]);
		jest.useFakeTimers({ now: new Date(Date.UTC(2025, 2, 4, 10, 31)), doNotFake: ['setTimeout', 'setImmediate'] });
		try {
			items[2].click();
		} finally {
			jest.useRealTimers();
		}
		expect(editor.getValue()).toBe(
			'---\nseverity: SEV2\nmitigated_at: 2025-03-04T10:31Z\n---\n# Cache\n## Timeline\n| Time | Event |\n|---|---|\n| 10:00 | Alert |\n| 10:31 | Mitigated |\n',
		);
		editor.undo();
		expect(editor.getValue()).toBe(note);
	});
});

describe('disabling the plugin', () => {
	it('drops an automatic duration update still waiting, instead of writing after unload', async () => {
		jest.useFakeTimers();
		try {
			// Loaded the way Obsidian loads a plugin (load, not onload), so that unload runs its clean-ups.
			const app = createApp({ 'Incidents/a.md': '## Timeline\n- 10:00 a\n' }) as unknown as StubApp;
			const plugin = new IncidentRcaPlugin(app, manifest);
			await plugin.saveData({ autoUpdateDuration: true, writeMilestones: false });
			plugin.load();
			await jest.advanceTimersByTimeAsync(50);
			await app.vault.modify(file(app, 'Incidents/a.md'), '## Timeline\n- 10:00 a\n- 10:45 b\n');
			await jest.advanceTimersByTimeAsync(200);
			plugin.unload();
			await jest.advanceTimersByTimeAsync(5000);
			expect(await read(app, 'Incidents/a.md')).toBe('## Timeline\n- 10:00 a\n- 10:45 b\n');
		} finally {
			jest.useRealTimers();
		}
	});
});

describe('Resolve related links', () => {
	const vault = {
		'Incidents/2025-03-01-db.md':
			'---\ndate: 2025-03-01\nservices: [ledger]\ntags: [rca, database]\n---\n# DB\n## Timeline\n- 10:00 x\n## Related Incidents\n\n- [[2025-02-20-cache|the cache one]]\n- [[Runbooks/restart-ledger]]\n- [[notes#Queues]]\n- ![[graph.png]]\n- [[db-failover-runbook]]\n',
		'Incidents/2025-02-20-cache.md': '---\ndate: 2025-02-20\nservices: [ledger]\n---\n# Cache\n',
		'Incidents/2025-03-05-ledger-lag.md':
			'---\ndate: 2025-03-05\nservices: [ledger]\n---\n# Lag\n## Timeline\n- 09:00 x\n',
		'Incidents/2024-01-01-old.md': '---\ndate: 2024-01-01\nservices: [ledger]\n---\n# Old\n## Timeline\n- 09:00 x\n',
		'Incidents/2023-06-06-disk.md':
			'---\ndate: 2023-06-06\nservices: [search]\ntags: [database]\n---\n# Disk\n## Timeline\n- 09:00 x\n',
		'Runbooks/restart-ledger.md': '# Restart\n',
		'Incidents/notes.md': '# Notes in incidents\n',
		'notes.md': '# Notes at the root\n## Queues\n',
		'graph.png': 'PNG',
	};

	async function openModal(): Promise<{ app: StubApp; modal: HTMLElement }> {
		const { app } = await setup(vault);
		open(app, 'Incidents/2025-03-01-db.md');
		app.commands.executeCommandById('incident-rca:resolve-related-links');
		await flush();
		return { app, modal: lastModal() };
	}

	it('lists each link with its kind and the note it resolves to by the shortest-path rule, or missing', async () => {
		const { modal } = await openModal();
		const rows = [...modal.querySelectorAll('.incident-rca-link')].map((li) =>
			[...li.children].map((c) => c.textContent),
		);
		expect(rows).toEqual([
			['the cache one', 'incident', 'Incidents/2025-02-20-cache.md'],
			['Runbooks/restart-ledger', 'runbook', 'Runbooks/restart-ledger.md'],
			// Same-folder note wins over the root one; living in Incidents/ makes it an incident.
			['notes › Queues', 'incident', 'Incidents/notes.md'],
			['graph.png', 'other', 'graph.png'],
			['db-failover-runbook', 'runbook', 'missing', 'Create runbook'],
		]);
	});

	it('takes suggestions from the live index instead of re-reading every incident note', async () => {
		const { app } = await setup(vault);
		await flush();
		const spy = jest.spyOn(app.vault, 'cachedRead');
		open(app, 'Incidents/2025-03-01-db.md');
		app.commands.executeCommandById('incident-rca:resolve-related-links');
		await flush();
		expect(lastModal().querySelectorAll('.incident-rca-suggestion').length).toBe(2);
		expect(spy).not.toHaveBeenCalled();
	});

	it('opens a link when clicked', async () => {
		const { app, modal } = await openModal();
		(modal.querySelector('.incident-rca-link-target') as HTMLElement).click();
		await flush();
		expect(app.workspace.getActiveFile()?.path).toBe('Incidents/2025-02-20-cache.md');
	});

	it('creates a missing runbook from the runbook template in the runbook folder', async () => {
		const { app, modal } = await openModal();
		button(modal, 'Create runbook').click();
		await flush();
		const text = await read(app, 'Runbooks/db-failover-runbook.md');
		expect(text).toContain('# db-failover-runbook\n');
		expect(frontmatter(text)).toMatchObject({ tags: ['runbook'], services: ['ledger'] });
		expect([...lastModal().querySelectorAll('.incident-rca-link')].at(-1)?.textContent).toContain(
			'Runbooks/db-failover-runbook.md',
		);
	});

	it('suggests same-service incidents within the window and shared tags, and links one into Related Incidents', async () => {
		const { app, modal } = await openModal();
		const suggestions = [...modal.querySelectorAll('.incident-rca-suggestion')].map((li) => li.children[0].textContent);
		expect(suggestions).toEqual(['2025-03-05 Lag', '2023-06-06 Disk']);
		const before = await read(app, 'Incidents/2025-03-01-db.md');
		button(modal.querySelector('.incident-rca-suggestion') as HTMLElement, 'Link').click();
		await flush();
		const after = await read(app, 'Incidents/2025-03-01-db.md');
		expect(after).toBe(
			before.replace('- [[db-failover-runbook]]\n', '- [[db-failover-runbook]]\n- [[2025-03-05-ledger-lag]]\n'),
		);
	});

	it('writes the link in the form the user’s link settings give', async () => {
		const { app, modal } = await openModal();
		(app.fileManager as unknown as { useMarkdownLinks: boolean }).useMarkdownLinks = true;
		const before = await read(app, 'Incidents/2025-03-01-db.md');
		button(modal.querySelector('.incident-rca-suggestion') as HTMLElement, 'Link').click();
		await flush();
		const after = await read(app, 'Incidents/2025-03-01-db.md');
		expect(after).toBe(
			before.replace(
				'- [[db-failover-runbook]]\n',
				'- [[db-failover-runbook]]\n- [2025-03-05-ledger-lag](2025-03-05-ledger-lag.md)\n',
			),
		);
	});
});

describe('Convert note to RCA format', () => {
	it.each(formatFiles)('%s: rewrites into the canonical layout and keeps every original line', async (name) => {
		const original = fs.readFileSync(path.join(FORMATS, name), 'utf8');
		const p = notePath(name);
		const { app } = await setup({ [p]: original });
		open(app, p);
		const offered = app.commands.listCommands().some((c) => c.id.endsWith('convert-to-rca'));
		if (!offered) {
			// Only a note already in the canonical layout is not offered; converting it again would nest the callout.
			expect(isCanonical(original)).toBe(true);
			return;
		}
		expect(isCanonical(original)).toBe(false);
		app.commands.executeCommandById('incident-rca:convert-to-rca');
		await flush();
		const after = await read(app, p);
		if (notices.some((n) => n.startsWith('Not converted: frontmatter'))) {
			expect(after).toBe(original);
			return;
		}
		const archive = after.slice(after.indexOf(ORIGINAL_CALLOUT)).split('\n');
		for (const line of original.replace(/\n+$/, '').split('\n'))
			expect(archive).toContain(line === '' ? '>' : `> ${line}`);
		for (const h of [
			'## Summary',
			'## Timeline',
			'## Root Cause',
			'## Impact',
			'## Resolution',
			'## Lessons Learned',
			'## Action Items',
			'## Related Incidents',
		])
			expect(after).toContain(`\n${h}\n`);
	});
});
