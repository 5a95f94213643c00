/**
 * The note inspector (right sidebar): how the active note was read — duration and how it was computed, milestones,
 * the timeline as read, action items, links, problems (a click puts the cursor on the line) and each metadata value
 * with its source. Updated as the user types (debounced; only that note is parsed again). Note text is only ever
 * set as text, never as HTML.
 */
import { debounce, ItemView, parseYaml, TFile, type Debouncer, type WorkspaceLeaf } from 'obsidian';
import { inspectNote, type InspectorModel } from '../core/views/inspector';
import { todayIso } from './dashboard-view';
import { linkResolver } from './notes';
import { pluginLexicon } from './words';

export const INSPECTOR_VIEW = 'incident-rca-inspector';

export class InspectorView extends ItemView {
	private file: TFile | null = null;
	private model: InspectorModel | null = null;
	private readonly later: Debouncer<[], void>;

	constructor(leaf: WorkspaceLeaf) {
		super(leaf);
		this.later = debounce(() => void this.update(), 300, true);
	}

	getViewType(): string {
		return INSPECTOR_VIEW;
	}

	getDisplayText(): string {
		return 'Note inspector';
	}

	getIcon(): string {
		return 'scan-search';
	}

	async onOpen(): Promise<void> {
		this.registerEvent(this.app.workspace.on('active-leaf-change', () => this.later()));
		this.registerEvent(this.app.workspace.on('file-open', () => this.later()));
		this.registerEvent(this.app.workspace.on('editor-change', () => this.later()));
		this.register(() => this.later.cancel());
		await this.update();
	}

	/** The model the view shows now (for tests and for marking lines in the editor). */
	get current(): InspectorModel | null {
		return this.model;
	}

	/** Reads the active note again (the editor's text when it is open in one) and redraws. */
	async update(): Promise<void> {
		const file = this.app.workspace.getActiveFile();
		if (file instanceof TFile && file.extension === 'md') this.file = file;
		const target = this.file;
		if (!target) {
			this.model = null;
			this.draw();
			return;
		}
		const active = this.app.workspace.activeEditor;
		const text =
			active?.file === target && active.editor ? active.editor.getValue() : await this.app.vault.cachedRead(target);
		this.model = inspectNote(
			text,
			{ path: target.path, parseYaml, resolveLink: linkResolver(this.app), lexicon: pluginLexicon() },
			todayIso(),
		);
		this.draw();
	}

	/** Puts the cursor on a line of the note (1-based), in its editor or by opening it there. */
	private goTo(line: number): void {
		const file = this.file;
		if (!file) return;
		const active = this.app.workspace.activeEditor;
		if (active?.file === file && active.editor) {
			active.editor.setCursor({ line: line - 1, ch: 0 });
			active.editor.scrollIntoView({ from: { line: line - 1, ch: 0 }, to: { line: line - 1, ch: 0 } }, true);
			return;
		}
		void this.app.workspace.getLeaf(false).openFile(file, { eState: { line: line - 1 } });
	}

	private draw(): void {
		const root = this.contentEl;
		root.empty();
		root.addClass('incident-rca-inspector');
		const m = this.model;
		if (!m || !this.file) {
			root.createEl('p', { text: 'Open a note to see how it is read.', cls: 'incident-rca-muted' });
			return;
		}
		root.createEl('h4', { text: m.title });
		const section = (title: string, count?: number): HTMLElement => {
			const el = root.createDiv({ cls: 'incident-rca-inspector-section' });
			el.createEl('h5', { text: count === undefined ? title : `${title} (${count})` });
			return el;
		};
		const lineLink = (parent: HTMLElement, line: number): void => {
			const a = parent.createEl('a', { text: `line ${line}`, cls: 'incident-rca-line', href: '#' });
			a.addEventListener('click', (e) => {
				e.preventDefault();
				this.goTo(line);
			});
		};

		const duration = section('Duration');
		duration.createEl('p', { text: m.duration });
		const metrics = duration.createEl('dl', { cls: 'incident-rca-inspector-metrics' });
		for (const x of m.metrics) {
			metrics.createEl('dt', { text: x.label });
			metrics.createEl('dd', { text: x.value });
		}

		const problems = section('Problems', m.problems.length);
		if (m.problems.length === 0) problems.createEl('p', { text: 'None.', cls: 'incident-rca-muted' });
		for (const p of m.problems) {
			const row = problems.createDiv({ cls: `incident-rca-problem is-${p.level}` });
			row.createSpan({ text: p.message });
			if (p.line !== null) {
				row.createSpan({ text: ' · ' });
				lineLink(row, p.line);
			}
		}

		const timeline = section('Timeline as read', m.rows.length);
		for (const r of m.rows) {
			const row = timeline.createDiv({ cls: 'incident-rca-inspector-row' });
			row.createSpan({ text: r.at ?? r.time ?? 'untimed', cls: 'incident-rca-time' });
			row.createSpan({ text: ` ${r.text}` });
			if (r.milestone) row.createSpan({ text: ` (${r.milestone})`, cls: 'incident-rca-muted' });
			if (r.leftOut) row.createSpan({ text: ` — not in the duration: ${r.leftOut}`, cls: 'incident-rca-muted' });
			row.createSpan({ text: ' · ' });
			lineLink(row, r.line);
		}

		const items = section('Action items', m.items.length);
		for (const a of m.items) {
			const row = items.createDiv({ cls: 'incident-rca-inspector-row' });
			row.createSpan({ text: a.done ? '☑ ' : '☐ ' });
			row.createSpan({ text: a.action });
			const facts = [
				a.owner ? `owner ${a.owner}` : 'no owner',
				a.due ? `due ${a.due}` : 'no due date',
				a.priority ? `priority ${a.priority}` : '',
				a.overdue ? 'overdue' : '',
			].filter((f) => f !== '');
			row.createSpan({
				text: ` — ${facts.join(', ')}`,
				cls: a.overdue ? 'incident-rca-overdue' : 'incident-rca-muted',
			});
			row.createSpan({ text: ' · ' });
			lineLink(row, a.line);
		}

		const links = section('Links', m.links.length);
		for (const l of m.links) {
			const row = links.createDiv({ cls: 'incident-rca-inspector-row' });
			row.createSpan({ text: `${l.target} (${l.kind}) → ${l.resolved ?? 'missing'}` });
			row.createSpan({ text: ' · ' });
			lineLink(row, l.line);
		}

		const fields = section('Metadata');
		const list = fields.createEl('dl', { cls: 'incident-rca-inspector-metrics' });
		for (const f of m.fields) {
			list.createEl('dt', { text: f.field });
			const dd = list.createEl('dd', { text: `${f.value} — ${f.from}` });
			if (f.line !== null) {
				dd.createSpan({ text: ' · ' });
				lineLink(dd, f.line);
			}
		}
	}
}
