/**
 * What the dashboard and the action-item pane share: they draw from the incident index, and redraw only when its
 * revision moved since their last draw and they are visible (or when their own filters change).
 */
import { ItemView, type WorkspaceLeaf } from 'obsidian';
import type { VaultIndexer } from './indexer';
import type { IncidentRcaSettings } from './settings';

export abstract class IndexedView extends ItemView {
	private drawnRevision = -1;

	constructor(
		leaf: WorkspaceLeaf,
		protected readonly indexer: VaultIndexer,
		protected readonly settings: () => IncidentRcaSettings,
	) {
		super(leaf);
	}

	/** Draws the view for the index as it is; `indexChanged` says whether the data moved since the last draw. */
	protected abstract draw(indexChanged: boolean): void;

	/** Builds the view's fixed parts; called once when it opens. */
	protected abstract build(): void;

	async onOpen(): Promise<void> {
		this.contentEl.empty();
		this.build();
		this.register(this.indexer.index.onChange(() => this.refresh()));
		// Hidden views skip redraws; showing them again (a layout change) catches up.
		this.registerEvent(this.app.workspace.on('layout-change', () => this.refresh()));
		this.refresh(true);
		return Promise.resolve();
	}

	/** "3 notes could not be read" for the views' status lines, with the notes and reasons as its tooltip; null when none. */
	protected unreadableNote(): { text: string; title: string } | null {
		const n = this.indexer.unreadable.size;
		if (n === 0) return null;
		const list = [...this.indexer.unreadable].slice(0, 20).map(([path, why]) => `${path}: ${why}`);
		if (n > 20) list.push(`… and ${n - 20} more`);
		return { text: `${n} ${n === 1 ? 'note' : 'notes'} could not be read`, title: list.join('\n') };
	}

	/** Redraws when the index moved and the view is shown, or always when forced (a filter or sort changed). */
	refresh(force = false): void {
		const revision = this.indexer.index.revision;
		const changed = revision !== this.drawnRevision;
		if (!force && (!changed || !this.containerEl.isShown())) return;
		this.drawnRevision = revision;
		this.draw(changed);
	}
}
