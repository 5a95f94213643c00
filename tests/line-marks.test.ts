/**
 * @jest-environment jsdom
 *
 * The editor's line marks: the plugin's CodeMirror 6 extension in a real EditorView (jsdom), over the in-memory
 * vault: the lines read as timeline rows and action items get their class, typing moves and then re-reads them,
 * notes that are not incidents get none, and the setting turns them off.
 */
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { App } from 'obsidian';
import IncidentRcaPlugin from '../src/main';
import { TEST_MANIFEST } from './helpers';
import { ITEM_CLASS, LINE_MARKS_DELAY_MS, ROW_CLASS } from '../src/plugin/line-marks';
import { createApp, editorInfoField, type TFile } from './stubs/obsidian';

const manifest = TEST_MANIFEST;

const NOTE = [
	'---',
	'severity: SEV2',
	'---',
	'# Queue stall',
	'',
	'## Timeline',
	'',
	'- 10:00 Alert fired',
	'- 10:20 Restarted the consumers',
	'',
	'## Action items',
	'',
	'- [ ] Alert on queue depth @dana 📅 2025-05-01',
	'',
].join('\n');

/** The text each test's editor opens with (the vault holds the same). */
const texts = new Map<string, string>();

type StubApp = App & { editorExtensions: unknown[]; workspace: { optionUpdates: number } };

const views: EditorView[] = [];
const plugins: IncidentRcaPlugin[] = [];
afterEach(() => {
	for (const v of views.splice(0)) v.destroy();
	for (const p of plugins.splice(0)) p.unload();
});

async function setup(
	files: Record<string, string>,
	data?: unknown,
): Promise<{ app: StubApp; plugin: IncidentRcaPlugin }> {
	const app = createApp(files) as unknown as StubApp;
	const plugin = new IncidentRcaPlugin(app, manifest);
	if (data !== undefined) await plugin.saveData(data);
	plugin.load();
	plugins.push(plugin);
	for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
	return { app, plugin };
}

/** An editor on the note, with the extensions the plugin registered, as Obsidian builds one. */
function editor(app: StubApp, path: string): EditorView {
	const file = app.vault.getFileByPath(path) as unknown as TFile;
	const view = new EditorView({
		state: EditorState.create({
			doc: texts.get(path) ?? '',
			extensions: [editorInfoField.init(() => ({ file })), app.editorExtensions as never],
		}),
		parent: document.body,
	});
	views.push(view);
	return view;
}

/** Line numbers (1-based) that carry a class. */
function marked(view: EditorView, cls: string): number[] {
	const lines = [...view.contentDOM.querySelectorAll('.cm-line')];
	return lines.map((el, k) => (el.classList.contains(cls) ? k + 1 : 0)).filter((n) => n > 0);
}

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('line marks in the editor', () => {
	beforeEach(() => {
		texts.set('Incidents/queue.md', NOTE);
		texts.set('Notes/shopping.md', '# Shopping\n\n- 10:00 Eggs\n- [ ] Milk\n');
	});

	it('marks the timeline rows and action items of an incident note, and nothing else', async () => {
		const { app } = await setup({ 'Incidents/queue.md': NOTE });
		const view = editor(app, 'Incidents/queue.md');
		expect(marked(view, ROW_CLASS)).toEqual([8, 9]);
		expect(marked(view, ITEM_CLASS)).toEqual([13]);
	});

	it('marks nothing in a note that is not an incident', async () => {
		const { app } = await setup({ 'Notes/shopping.md': texts.get('Notes/shopping.md') as string });
		const view = editor(app, 'Notes/shopping.md');
		expect(view.contentDOM.querySelectorAll(`.${ROW_CLASS}, .${ITEM_CLASS}`)).toHaveLength(0);
	});

	it('moves the marks with the text as it is typed, then reads the note again', async () => {
		const { app } = await setup({ 'Incidents/queue.md': NOTE });
		const view = editor(app, 'Incidents/queue.md');
		// Two lines typed above the timeline: the marks move down with their rows at once.
		view.dispatch({ changes: { from: view.state.doc.line(5).from, insert: 'Some context.\n\n' } });
		expect(marked(view, ROW_CLASS)).toEqual([10, 11]);
		// A new row: marked once typing has paused.
		const end = view.state.doc.line(11).to;
		view.dispatch({ changes: { from: end, insert: '\n- 10:45 Service restored' } });
		expect(marked(view, ROW_CLASS)).toEqual([10, 11]);
		await wait(LINE_MARKS_DELAY_MS + 100);
		expect(marked(view, ROW_CLASS)).toEqual([10, 11, 12]);
		expect(marked(view, ITEM_CLASS)).toEqual([16]);
	});

	it('is off with the setting: the extension leaves the editors', async () => {
		const { app, plugin } = await setup({ 'Incidents/queue.md': NOTE });
		expect(app.editorExtensions.flat()).toHaveLength(1);
		const before = app.workspace.optionUpdates;
		plugin.settings.markLines = false;
		await plugin.saveSettings();
		expect(app.editorExtensions.flat()).toHaveLength(0);
		expect(app.workspace.optionUpdates).toBe(before + 1);
		const view = editor(app, 'Incidents/queue.md');
		expect(marked(view, ROW_CLASS)).toEqual([]);
		plugin.settings.markLines = true;
		await plugin.saveSettings();
		expect(app.editorExtensions.flat()).toHaveLength(1);
	});

	it('inserts no text of the note as HTML', async () => {
		const note = NOTE.replace('Alert fired', '<img src=x onerror="window.__x=1"> Alert fired');
		texts.set('Incidents/queue.md', note);
		const { app } = await setup({ 'Incidents/queue.md': note });
		const view = editor(app, 'Incidents/queue.md');
		expect(marked(view, ROW_CLASS)).toEqual([8, 9]);
		expect(view.contentDOM.querySelector('img')).toBeNull();
	});
});
