/**
 * Query blocks, as Dataview and Tasks users write them: an `incident-rca` code block renders a live incident table
 * and an `action-items` block a list of action items with working checkboxes, in any note (a service's runbook page
 * listing its incidents). Both follow the index; a bad query shows one line per mistake. Note text is set as text.
 */
import { Keymap, MarkdownRenderChild, type App, type MarkdownPostProcessorContext, type Plugin } from 'obsidian';
import { columnOf } from '../core/views/columns';
import { parseActionQuery, parseIncidentQuery, runActionQuery, runIncidentQuery } from '../core/views/query';
import type { VaultIndexer } from './indexer';
import type { IncidentRcaSettings } from './settings';
import { todayIso } from './dashboard-view';
import { toggleActionItem } from './action-items-view';
import { pluginLexicon, viewWords } from './words';

/** A block that draws from the index and draws again (once per frame at most) when the index moves. */
class LiveBlock extends MarkdownRenderChild {
	private frame: number | null = null;

	constructor(
		el: HTMLElement,
		private readonly indexer: VaultIndexer,
		private readonly draw: (el: HTMLElement) => void,
	) {
		super(el);
	}

	onload(): void {
		this.redraw();
		this.register(this.indexer.index.onChange(() => this.schedule()));
		this.register(() => {
			if (this.frame !== null) this.containerEl.win.cancelAnimationFrame(this.frame);
		});
	}

	private schedule(): void {
		if (this.frame !== null) return;
		this.frame = this.containerEl.win.requestAnimationFrame(() => {
			this.frame = null;
			this.redraw();
		});
	}

	private redraw(): void {
		this.containerEl.empty();
		if (!this.indexer.ready && this.indexer.index.size === 0) {
			this.containerEl.createDiv({ cls: 'incident-rca-muted', text: 'Reading incidents…' });
			return;
		}
		this.draw(this.containerEl);
	}
}

function mistakes(el: HTMLElement, errors: readonly string[]): void {
	for (const e of errors) el.createDiv({ cls: 'incident-rca-query-error', text: e });
}

/** A link to a note that opens it as Obsidian's own links do (Ctrl/Cmd-click: a new tab). */
function noteLink(app: App, parent: HTMLElement, text: string, path: string, from: string): void {
	const a = parent.createEl('a', { text, cls: 'internal-link', href: path, attr: { 'data-href': path } });
	a.addEventListener('click', (e) => {
		e.preventDefault();
		void app.workspace.openLinkText(path, from, Keymap.isModEvent(e));
	});
}

export function registerQueryBlocks(plugin: Plugin, indexer: VaultIndexer, settings: () => IncidentRcaSettings): void {
	const { app } = plugin;
	plugin.registerMarkdownCodeBlockProcessor('incident-rca', (source, el, ctx: MarkdownPostProcessorContext) => {
		ctx.addChild(
			new LiveBlock(el, indexer, (root) => {
				const s = settings();
				const { query, errors } = parseIncidentQuery(source, todayIso());
				mistakes(root, errors);
				const { rows, matched } = runIncidentQuery(indexer.index.all(), query, {
					definition: s.durationDefinition,
					relatedWindowDays: s.relatedWindowDays,
					today: todayIso(),
					words: viewWords(s),
				});
				if (rows.length === 0) {
					root.createDiv({ cls: 'incident-rca-muted', text: 'No incidents match.' });
					return;
				}
				const table = root.createEl('table', { cls: 'incident-rca-query' });
				const head = table.createEl('thead').createEl('tr');
				for (const key of query.columns) head.createEl('th', { text: columnOf(key).label });
				const body = table.createEl('tbody');
				for (const r of rows) {
					const tr = body.createEl('tr');
					for (const key of query.columns) {
						const td = tr.createEl('td');
						if (key === 'title') noteLink(app, td, r.title, r.path, ctx.sourcePath);
						else td.setText(columnOf(key).text(r));
					}
				}
				if (matched > rows.length)
					root.createDiv({ cls: 'incident-rca-muted', text: `${rows.length} of ${matched} incidents` });
			}),
		);
	});
	plugin.registerMarkdownCodeBlockProcessor('action-items', (source, el, ctx: MarkdownPostProcessorContext) => {
		ctx.addChild(
			new LiveBlock(el, indexer, (root) => {
				const { query, errors } = parseActionQuery(source);
				mistakes(root, errors);
				const { items, matched } = runActionQuery(
					indexer.index.all(),
					query,
					todayIso(),
					settings().myName,
					pluginLexicon(),
				);
				if (items.length === 0) {
					root.createDiv({ cls: 'incident-rca-muted', text: 'No action items match.' });
					return;
				}
				const list = root.createEl('ul', { cls: 'incident-rca-query-items contains-task-list' });
				for (const it of items) {
					const li = list.createEl('li', { cls: `task-list-item${it.overdue ? ' is-overdue' : ''}` });
					const box = li.createEl('input', {
						type: 'checkbox',
						cls: 'task-list-item-checkbox',
						attr: { 'aria-label': `Done: ${it.action}` },
					});
					box.checked = it.done;
					box.addEventListener('change', () => {
						box.disabled = true;
						const wanted = box.checked;
						// The note is changed through Vault.process; the block redraws from the index after.
						void toggleActionItem({ app }, it, wanted).then((ok) => {
							box.checked = ok ? wanted : !wanted;
							box.disabled = false;
						});
					});
					li.createSpan({ text: ` ${it.action} ` });
					const facts = [
						it.owner ?? 'no owner',
						it.due ? (it.overdue ? `overdue ${it.due}` : `due ${it.due}`) : 'no due date',
					];
					li.createSpan({ cls: 'incident-rca-muted', text: `${facts.join(' · ')} · ` });
					noteLink(app, li, it.incident, it.path, ctx.sourcePath);
				}
				if (matched > items.length)
					root.createDiv({ cls: 'incident-rca-muted', text: `${items.length} of ${matched} action items` });
			}),
		);
	});
}
