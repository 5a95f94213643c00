/**
 * The action-item pane (right sidebar): every action item from every incident, grouped and filtered; clicking an
 * item opens its note at its line; ticking it marks it done in the note through Vault.process, changing only
 * that line — and only if the line still holds that item.
 */
import { Keymap, Notice, TFile, type App, type ViewStateResult } from 'obsidian';
import {
	buildRollup,
	rollupEntries,
	type RollupEntry,
	type RollupFilter,
	type RollupGrouping,
	type RollupModel,
} from '../core/views/rollup';
import { tickActionItem } from '../core/write/toggle-item';
import { noticeWriteFailure } from './notices';
import { todayIso } from './dashboard-view';
import { IndexedView } from './indexed-view';
import { VirtualList } from './virtual-list';
import { pluginLexicon } from './words';
import { ticketUrl } from '../core/views/tickets';
import {
	readRollupState,
	ROLLUP_FILTER_NAMES,
	ROLLUP_GROUPING_NAMES,
	type RollupState,
} from '../core/views/view-state';

export const ACTION_ITEMS_VIEW = 'incident-rca-action-items';
/** An item (its text, its facts, its incident on up to two lines) and a group header: styles.css has the same. */
const ITEM_HEIGHT = 76;
const GROUP_HEIGHT = 30;

type Line = { kind: 'group'; label: string; count: number; overdue: number } | { kind: 'item'; item: RollupEntry };

const FILTERS = ROLLUP_FILTER_NAMES;
const GROUPINGS = ROLLUP_GROUPING_NAMES;

/**
 * Marks an item done or open in its note, through Vault.process. Refuses (returns false, with a notice saying why)
 * when the note no longer holds this item as it was (a stale list never ticks another item) or when its line cannot
 * be changed in place; a write that fails says so too. Never throws.
 */
export async function toggleActionItem(view: { app: App }, entry: RollupEntry, done: boolean): Promise<boolean> {
	const file = view.app.vault.getFileByPath(entry.path);
	if (!(file instanceof TFile)) {
		new Notice(`Not ticked: ${entry.path} is gone.`);
		return false;
	}
	let refused: string | null = null;
	try {
		await view.app.vault.process(file, (text) => {
			const result = tickActionItem(text, entry, done, pluginLexicon());
			if (!result.ok) {
				refused = result.reason;
				return text;
			}
			return result.text;
		});
	} catch (e) {
		noticeWriteFailure(`"${entry.action.slice(0, 60)}" was not ticked in ${file.basename}`, e);
		return false;
	}
	if (refused !== null) new Notice(`Not ticked: ${refused as string}. The list updates in a moment.`);
	return refused === null;
}

export class ActionItemsView extends IndexedView {
	filter: RollupFilter = 'open';
	grouping: RollupGrouping = 'owner';
	model: RollupModel | null = null;
	private entries: RollupEntry[] = [];
	private list: VirtualList<Line> | null = null;
	private countsEl!: HTMLElement;
	private emptyEl!: HTMLElement;

	getViewType(): string {
		return ACTION_ITEMS_VIEW;
	}

	getDisplayText(): string {
		return 'Action items';
	}

	getIcon(): string {
		return 'list-checks';
	}

	/** Filter, grouping and scroll, for the workspace layout. */
	getState(): Record<string, unknown> {
		const state: RollupState = {
			filter: this.filter,
			grouping: this.grouping,
			scroll: this.list?.scrollEl.scrollTop ?? 0,
		};
		return { ...super.getState(), ...state };
	}

	async setState(state: unknown, result: ViewStateResult): Promise<void> {
		const saved = readRollupState(state);
		if (saved.filter) this.filter = saved.filter;
		if (saved.grouping) this.grouping = saved.grouping;
		// The controls show what was restored: built again.
		if (this.list) {
			this.contentEl.empty();
			this.build();
		}
		this.refresh(true);
		if (saved.scroll !== undefined && this.list) this.list.scrollEl.scrollTop = saved.scroll;
		await super.setState(state, result);
	}

	protected build(): void {
		const root = this.contentEl;
		root.addClass('incident-rca-actions');
		const controls = root.createDiv({ cls: 'incident-rca-action-controls' });
		const filters = controls.createDiv({
			cls: 'incident-rca-segmented',
			attr: { role: 'radiogroup', 'aria-label': 'Show' },
		});
		for (const [f, label] of FILTERS) {
			const b = filters.createEl('button', {
				text: label,
				attr: { type: 'button', role: 'radio', 'aria-checked': String(f === this.filter), 'data-filter': f },
			});
			b.addEventListener('click', () => {
				this.filter = f;
				for (const other of Array.from(filters.children)) other.setAttr('aria-checked', String(other === b));
				this.refresh(true);
			});
		}
		const group = controls.createEl('select', { cls: 'dropdown', attr: { 'aria-label': 'Group by' } });
		for (const [g, label] of GROUPINGS) group.createEl('option', { value: g, text: `By ${label.toLowerCase()}` });
		group.value = this.grouping;
		group.addEventListener('change', () => {
			this.grouping = group.value as RollupGrouping;
			this.refresh(true);
		});
		this.countsEl = root.createDiv({ cls: 'incident-rca-muted', attr: { 'aria-live': 'polite' } });
		this.list = new VirtualList<Line>(root, {
			rowHeight: (line) => (line.kind === 'group' ? GROUP_HEIGHT : ITEM_HEIGHT),
			role: 'list',
			label: 'Action items',
			cls: 'incident-rca-action-list',
			renderRow: (row, line) => this.renderLine(row, line),
			onActivate: (line, e) => {
				if (line.kind === 'item') this.openItem(line.item, e);
			},
			focusable: (line) => line.kind === 'item',
		});
		this.emptyEl = root.createDiv({ cls: 'incident-rca-empty' });
	}

	protected draw(indexChanged: boolean): void {
		if (!this.list) return;
		// Items are flattened once per index revision; filters and grouping re-use them.
		if (indexChanged) this.entries = rollupEntries(this.indexer.index.all(), todayIso(), pluginLexicon());
		this.model = buildRollup(this.entries, this.filter, this.grouping, this.settings().myName, pluginLexicon());
		const m = this.model;
		const unreadable = this.unreadableNote();
		this.countsEl.setText(
			`${m.counts.open} open · ${m.counts.overdue} overdue · ${m.counts.done} done${this.settings().myName ? ` · ${m.counts.mine} mine` : ''}${unreadable ? ` · ${unreadable.text}` : ''}`,
		);
		if (unreadable) this.countsEl.setAttr('title', unreadable.title);
		else this.countsEl.removeAttribute('title');
		const lines: Line[] = [];
		for (const g of m.groups) {
			lines.push({ kind: 'group', label: g.label, count: g.items.length, overdue: g.overdue });
			for (const item of g.items) lines.push({ kind: 'item', item });
		}
		this.emptyEl.empty();
		if (lines.length === 0) {
			this.emptyEl.createEl('p', {
				text:
					m.counts.all === 0
						? 'No action items yet. Items come from the action-item tables, task lists and follow-up lists of your incident notes.'
						: 'Nothing matches this filter.',
			});
		}
		this.list.setItems(lines);
	}

	private renderLine(row: HTMLElement, line: Line): void {
		if (line.kind === 'group') {
			row.addClass('incident-rca-group');
			row.setAttr('role', 'heading');
			row.setAttr('aria-level', 3);
			row.createSpan({ text: line.label });
			row.createSpan({
				cls: 'incident-rca-muted',
				text: ` ${line.count}${line.overdue > 0 ? ` · ${line.overdue} overdue` : ''}`,
			});
			return;
		}
		const it = line.item;
		row.addClass('incident-rca-item');
		if (it.overdue) row.addClass('is-overdue');
		if (it.done) row.addClass('is-done');
		const box = row.createEl('input', {
			type: 'checkbox',
			cls: 'task-list-item-checkbox',
			attr: { 'aria-label': `Done: ${it.action}` },
		});
		box.checked = it.done;
		box.addEventListener('click', (e) => e.stopPropagation());
		box.addEventListener('change', () => {
			box.disabled = true;
			const wanted = box.checked;
			// toggleActionItem never rejects; whatever happens the box ends enabled, showing what the note says.
			void toggleActionItem(this, it, wanted).then((ok) => {
				box.checked = ok ? wanted : !wanted;
				box.disabled = false;
			});
		});
		const body = row.createDiv({ cls: 'incident-rca-item-body' });
		const text = body.createEl('a', {
			text: it.action,
			cls: 'incident-rca-item-text',
			href: '#',
			attr: { 'data-href': it.path, title: it.action },
		});
		text.addEventListener('click', (e) => {
			e.preventDefault();
			this.openItem(it, e);
		});
		const meta = body.createDiv({ cls: 'incident-rca-item-meta' });
		// Grouped by owner, the header names the owner once.
		if (it.owner && this.grouping !== 'owner') meta.createSpan({ text: it.owner, cls: 'incident-rca-owner' });
		if (it.due)
			meta.createSpan({
				text: it.overdue ? `overdue ${it.due}` : `due ${it.due}`,
				cls: it.overdue ? 'incident-rca-due is-overdue' : 'incident-rca-due',
			});
		if (it.priority) meta.createSpan({ text: it.priority, cls: 'incident-rca-badge' });
		for (const key of it.tickets) {
			const url = ticketUrl(this.settings().ticketUrl, key);
			if (url === null) meta.createSpan({ text: key, cls: 'incident-rca-badge' });
			else {
				const a = meta.createEl('a', {
					text: key,
					cls: 'external-link incident-rca-badge',
					href: url,
					attr: { target: '_blank', rel: 'noopener noreferrer' },
				});
				a.addEventListener('click', (e) => e.stopPropagation());
			}
		}
		if (!it.owner && !it.due && !it.priority)
			meta.createSpan({ text: 'no owner, no due date', cls: 'incident-rca-muted' });
		// The incident in full on hover, on up to two lines (grouped by incident, the header names it).
		if (this.grouping !== 'incident')
			body.createDiv({
				text: it.incidentDate ? `${it.incidentDate} ${it.incident}` : it.incident,
				cls: 'incident-rca-item-incident',
				attr: { title: it.incident },
			});
	}

	/** Opens the item's note with the cursor on its line. */
	openItem(it: RollupEntry, e: MouseEvent | KeyboardEvent): void {
		const file = this.app.vault.getFileByPath(it.path);
		if (file instanceof TFile)
			void this.app.workspace.getLeaf(Keymap.isModEvent(e)).openFile(file, { eState: { line: it.line - 1 } });
	}
}
