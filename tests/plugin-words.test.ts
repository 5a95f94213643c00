/**
 * @jest-environment jsdom
 *
 * The team's words in the plugin, against the in-memory Obsidian stand-in: the words file the CLI reads gives the
 * plugin the same incident as the CLI, words typed in the settings read notes too, and a change of words re-reads
 * every note (the index cache of other words is not used).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { App, TFile } from 'obsidian';
import IncidentRcaPlugin from '../src/main';
import { TEST_MANIFEST } from './helpers';
import { run } from '../src/cli/main';
import type { IndexedIncident } from '../src/core';
import { createApp } from './stubs/obsidian';
import { TEAM_NOTE, TEAM_WORDS_JSON } from './team-words-fixture';

const DIR = '.obsidian/plugins/incident-rca';
const manifest = { ...TEST_MANIFEST, dir: DIR };
const NOTE = 'Incidents/zahlungen.md';

interface Vaultish {
	hidden: Map<string, string>;
	cachedRead(f: TFile): Promise<string>;
	modify(f: TFile, data: string): Promise<void>;
	getFileByPath(p: string): TFile | null;
}
type StubApp = App & { vault: Vaultish; pluginData: Map<string, string> };

interface Tab {
	getControlValue(k: string): unknown;
	setControlValue(k: string, v: unknown): Promise<void>;
	mistakes(k: string, v: string): string;
	display(): void;
	containerEl: HTMLElement;
}

async function settle(ms = 0): Promise<void> {
	if (ms > 0) await new Promise((r) => setTimeout(r, ms));
	for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
}

const started: IncidentRcaPlugin[] = [];
afterEach(() => {
	for (const p of started.splice(0)) p.unload();
});

async function start(
	files: Record<string, string>,
	hidden: Record<string, string> = {},
	data?: unknown,
	vaultId?: string,
): Promise<{ app: StubApp; plugin: IncidentRcaPlugin; reads: string[] }> {
	const app = createApp(files) as unknown as StubApp;
	// The same vault again (its IndexedDB, where the index cache is): the id of the earlier app.
	if (vaultId !== undefined) (app as unknown as { appId: string }).appId = vaultId;
	for (const [k, v] of Object.entries(hidden)) app.vault.hidden.set(k, v);
	if (data !== undefined) app.pluginData.set('incident-rca', JSON.stringify(data));
	const reads: string[] = [];
	const orig = app.vault.cachedRead.bind(app.vault);
	app.vault.cachedRead = (f: TFile) => {
		reads.push(f.path);
		return orig(f);
	};
	const plugin = new IncidentRcaPlugin(app, manifest);
	plugin.load();
	started.push(plugin);
	await settle();
	return { app, plugin, reads };
}

const tabOf = (app: StubApp): Tab => (app as unknown as { settingTabs: Tab[] }).settingTabs[0];
const indexed = (plugin: IncidentRcaPlugin): IndexedIncident | undefined => plugin.indexer.index.get(NOTE);

/** What the CLI reads from the same note beside the same words file. */
async function cliIncident(words: unknown): Promise<Record<string, unknown>> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rca-words-'));
	try {
		fs.mkdirSync(path.join(dir, 'Incidents'));
		fs.writeFileSync(path.join(dir, '.incident-rca.json'), JSON.stringify(words));
		fs.writeFileSync(path.join(dir, NOTE), TEAM_NOTE);
		let out = '';
		const code = await run(
			['report', '--json', path.join(dir, NOTE)],
			(s) => (out += s),
			() => undefined,
		);
		expect(code).toBe(0);
		return (JSON.parse(out) as { incidents: Record<string, unknown>[] }).incidents[0];
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** The fields an incident has in the index and in the CLI's JSON alike. */
const FIELDS = [
	'title',
	'date',
	'severity',
	'status',
	'services',
	'id',
	'author',
	'tags',
	'summary',
	'rootCause',
	'durationMinutes',
	'declaredDurationMinutes',
	'metrics',
	'actionItems',
] as const;

describe('the words file in the vault', () => {
	it('gives the plugin the same incident as the CLI reading the same file', async () => {
		const { plugin } = await start({ [NOTE]: TEAM_NOTE }, { '.incident-rca.json': JSON.stringify(TEAM_WORDS_JSON) });
		const i = indexed(plugin);
		expect(i?.severity).toBe('SEV2');
		expect(i?.durationMinutes).toBe(38);
		const cli = await cliIncident(TEAM_WORDS_JSON);
		for (const f of FIELDS) expect([f, (i as unknown as Record<string, unknown>)[f]]).toEqual([f, cli[f]]);
		// The problems too: with the words, the timeline and action items are no longer missing.
		const cliProblems = cli.problems as { level: string; code: string }[];
		expect(i?.problems).toEqual(cliProblems.map(({ level, code }) => ({ level, code })));
		expect(cliProblems.map((p) => (p as unknown as { message: string }).message)).toEqual([
			'No summary section',
			'No root cause section',
			'No resolution section',
		]);
	});

	it('without the file, the note reads with the built-in words alone', async () => {
		const { plugin } = await start({ [NOTE]: TEAM_NOTE });
		expect(indexed(plugin)?.severity).toBeNull();
		expect(indexed(plugin)?.durationMinutes).toBeNull();
	});

	it('reads the file again when it changes in the vault, and re-reads the notes', async () => {
		const { app, plugin } = await start(
			{ [NOTE]: TEAM_NOTE, 'Team/words.json': '{}' },
			{},
			{ wordsFile: 'Team/words.json' },
		);
		expect(indexed(plugin)?.severity).toBeNull();
		const file = app.vault.getFileByPath('Team/words.json') as TFile;
		await app.vault.modify(file, JSON.stringify(TEAM_WORDS_JSON));
		await settle(50);
		expect(indexed(plugin)?.severity).toBe('SEV2');
		expect(indexed(plugin)?.actionItems[0]?.owner).toBe('mei.lin');
	});

	it('shows the file’s mistakes in the settings, and reads the valid part', async () => {
		const { app, plugin } = await start(
			{ [NOTE]: TEAM_NOTE },
			{ '.incident-rca.json': JSON.stringify({ keys: { severity: ['schweregrad'] }, sections: { timline: ['x'] } }) },
		);
		expect(indexed(plugin)?.severity).toBe('SEV2');
		const tab = tabOf(app);
		tab.display();
		expect(tab.containerEl.querySelector('.incident-rca-setting-error')?.textContent).toContain(
			'.incident-rca.json: sections.timline: not a kind',
		);
	});
});

describe('words typed in the settings', () => {
	it('read notes as the file’s words do, after the typing settles', async () => {
		const { app, plugin, pluginData } = await (async () => {
			const s = await start({ [NOTE]: TEAM_NOTE });
			return { ...s, pluginData: s.app.pluginData };
		})();
		const tab = tabOf(app);
		await tab.setControlValue('words.keys', 'severity: schweregrad\nstatus: zustand');
		await tab.setControlValue('words.sections', 'timeline: Chronik\nactions: Folgearbeiten');
		await tab.setControlValue('words.columns', 'time: Uhrzeit\nevent: Geschehen\nowner: Zuständig\ndue: Bis');
		await settle(900);
		expect(indexed(plugin)?.severity).toBe('SEV2');
		expect(indexed(plugin)?.durationMinutes).toBe(38);
		expect(indexed(plugin)?.actionItems[0]).toMatchObject({ owner: 'mei.lin', due: '2025-04-01' });
		// Saved in the words file's format, and shown back as typed.
		const saved = JSON.parse(pluginData.get('incident-rca') ?? '{}') as { words: { keys: unknown } };
		expect(saved.words.keys).toEqual({
			severity: ['schweregrad'],
			status: ['zustand'],
		});
		expect(tab.getControlValue('words.keys')).toBe('severity: schweregrad\nstatus: zustand');
	});

	it('says which line does not read, and keeps the lines that do', async () => {
		const { app, plugin } = await start({});
		const tab = tabOf(app);
		expect(tab.mistakes('words.sections', 'timeline: Chronik\ntimline: Ablauf')).toBe(
			'Line 2: "timline" is not one of summary, timeline, rootCause, resolution, lessons, actions, impact, related, runbooks, other',
		);
		await tab.setControlValue('words.sections', 'timeline: Chronik\ntimline: Ablauf');
		expect(plugin.settings.words.sections).toEqual({ timeline: ['Chronik'] });
		expect(tab.mistakes('templates', 'SEV1 Templates/Major.md')).toMatch(/^Line 1: write it as/);
		await tab.setControlValue('templates', 'SEV1: Templates/Major.md\ntype security: Templates/Security.md');
		expect(plugin.settings.templates).toEqual([
			{ rule: 'SEV1', path: 'Templates/Major.md' },
			{ rule: 'type security', path: 'Templates/Security.md' },
		]);
	});
});

describe('the index cache and the words', () => {
	it('is used again with the same words, and not with other words', async () => {
		const hidden = { '.incident-rca.json': JSON.stringify(TEAM_WORDS_JSON) };
		const first = await start({ [NOTE]: TEAM_NOTE }, hidden);
		await first.plugin.indexer.saveCache();
		const cache = new Map(first.app.vault.hidden);
		first.plugin.unload();

		const vaultId = (first.app as unknown as { appId: string }).appId;
		const again = await start({ [NOTE]: TEAM_NOTE }, Object.fromEntries(cache), undefined, vaultId);
		expect(again.reads).toEqual([]);
		expect(indexed(again.plugin)?.severity).toBe('SEV2');

		cache.set('.incident-rca.json', JSON.stringify({ ...TEAM_WORDS_JSON, keys: {} }));
		const other = await start({ [NOTE]: TEAM_NOTE }, Object.fromEntries(cache), undefined, vaultId);
		expect(other.reads).toEqual([NOTE]);
		expect(indexed(other.plugin)?.severity).toBeNull();
	});
});
