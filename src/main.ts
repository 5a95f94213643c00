import {
	debounce,
	editorInfoField,
	type Debouncer,
	normalizePath,
	Notice,
	Plugin,
	TFile,
	type WorkspaceLeaf,
} from 'obsidian';
import type { Extension } from '@codemirror/state';
import { parseIncident, type Incident, type ParseOptions } from './core';
import { ActionItemsView, ACTION_ITEMS_VIEW } from './plugin/action-items-view';
import { InspectorView, INSPECTOR_VIEW } from './plugin/inspector-view';
import { openNewNoteModal, registerCommands } from './plugin/commands';
import { DashboardView, DASHBOARD_VIEW } from './plugin/dashboard-view';
import { CORE_BUILD } from './plugin/build-id';
import { VaultIndexer } from './plugin/indexer';
import { cacheDatabaseName, IndexedDbCacheStore, type IndexCacheStore } from './plugin/cache-store';
import { IncidentRcaSettingTab } from './plugin/settings-tab';
import { DEFAULT_SETTINGS, loadSettings, type IncidentRcaSettings } from './plugin/settings';
import { updateDuration } from './plugin/update-duration';
import { pluginLexicon, TeamWordsSource } from './plugin/words';
import { lineMarks } from './plugin/line-marks';
import { registerQueryBlocks } from './plugin/query-blocks';
import { markedLines } from './core/views/inspector';
import { incidentFromText } from './plugin/notes';

/** The settings that decide which notes are incidents, as one comparable value. */
function detectionRules(s: IncidentRcaSettings): string {
	return JSON.stringify([
		s.incidentsFolder,
		s.detectByContent,
		s.detectByTags,
		s.incidentTags,
		s.detectByFolder,
		s.templatePath,
	]);
}

/** Lifecycle only: settings, index, views, commands, ribbon, settings tab, and the automatic duration update. */
export default class IncidentRcaPlugin extends Plugin {
	settings: IncidentRcaSettings = { ...DEFAULT_SETTINGS };
	indexer!: VaultIndexer;
	/** For other plugins and scripts: `app.plugins.plugins['incident-rca'].api.parseIncident(text)`. */
	api: { parseIncident: (text: string, options?: ParseOptions) => Incident } = { parseIncident };

	/** The team's words (the words file and the settings), read before the first scan. */
	words!: TeamWordsSource;

	async onload(): Promise<void> {
		this.settings = loadSettings(await this.loadData());
		this.detection = detectionRules(this.settings);
		this.words = new TeamWordsSource(this.app, () => this.settings);
		await this.words.readFile();
		this.words.update();
		this.register(() => TeamWordsSource.reset());
		this.indexer = new VaultIndexer(this.app, () => this.settings, this.indexCacheStore());
		this.registerView(
			DASHBOARD_VIEW,
			(leaf) =>
				new DashboardView(
					leaf,
					this.indexer,
					() => this.settings,
					() => this.saveSettings(),
				),
		);
		this.registerView(ACTION_ITEMS_VIEW, (leaf) => new ActionItemsView(leaf, this.indexer, () => this.settings));
		this.registerView(INSPECTOR_VIEW, (leaf) => new InspectorView(leaf));
		// Hovering an incident title shows Obsidian's page preview (with the modifier key, as for other plugins).
		this.registerHoverLinkSource(DASHBOARD_VIEW, { display: 'Incident dashboard', defaultMod: true });
		registerCommands(this);
		this.addCommand({
			id: 'open-dashboard',
			name: 'Open incident dashboard',
			callback: () => void this.openDashboard(),
		});
		this.addCommand({
			id: 'open-action-items',
			name: 'Open action items',
			callback: () => void this.openActionItems(),
		});
		this.addCommand({
			id: 'open-note-inspector',
			name: 'Open note inspector',
			callback: () => void this.openInspector(),
		});
		this.addCommand({ id: 'rebuild-index', name: 'Rebuild incident index', callback: () => void this.rebuildIndex() });
		this.addRibbonIcon('file-plus-2', 'Create RCA note', () => {
			openNewNoteModal(this);
		});
		this.addRibbonIcon('siren', 'Open incident dashboard', () => void this.openDashboard());
		this.addSettingTab(new IncidentRcaSettingTab(this.app, this));
		this.indexer.start(this);
		this.registerAutoUpdate();
		this.registerWordsFile();
		this.registerEditorExtension(this.editorExtensions);
		registerQueryBlocks(this, this.indexer, () => this.settings);
		this.updateLineMarks();
	}

	/** The editor extensions in force: the array Obsidian was given, changed in place (then updateOptions). */
	private readonly editorExtensions: Extension[] = [];

	/** Line marks on or off as the setting says. */
	private updateLineMarks(): void {
		const on = this.settings.markLines;
		if (on === this.editorExtensions.length > 0) return;
		this.editorExtensions.length = 0;
		if (on)
			this.editorExtensions.push(
				lineMarks({
					enabled: () => this.settings.markLines,
					pathOf: (state) => state.field(editorInfoField, false)?.file?.path ?? null,
					linesOf: (text, path) => {
						const file = this.app.vault.getFileByPath(path);
						return this.indexer.isIncident(file) ? markedLines(incidentFromText(this.app, file, text)) : null;
					},
				}),
			);
		this.app.workspace.updateOptions();
	}

	/** The words file changed in the vault (edited, synced, created or deleted): read it again. */
	private registerWordsFile(): void {
		const changed = (path: string): void => {
			if (path === this.words.path()) void this.reloadWords();
		};
		this.app.workspace.onLayoutReady(() => {
			this.registerEvent(this.app.vault.on('modify', (f) => changed(f.path)));
			this.registerEvent(this.app.vault.on('create', (f) => changed(f.path)));
			this.registerEvent(this.app.vault.on('delete', (f) => changed(f.path)));
			this.registerEvent(this.app.vault.on('rename', (f, old) => (changed(f.path), changed(old))));
		});
	}

	/**
	 * Reads the words file again and, when the words now read notes differently, re-reads every note (the index
	 * cache's key holds the words, so the old entries are not used).
	 */
	async reloadWords(): Promise<void> {
		await this.words.readFile();
		if (this.words.update() && this.indexer.ready) await this.indexer.fullScan({ reparse: true });
	}

	/**
	 * The index cache: in IndexedDB, per vault (plugin/cache-store.ts); the file an earlier version kept in the plugin's
	 * folder is migrated. None in watch builds (see build-id.ts).
	 */
	private indexCacheStore(): IndexCacheStore | null {
		if (CORE_BUILD === '') return null;
		const dir = this.manifest.dir ?? `${this.app.vault.configDir}/plugins/${this.manifest.id}`;
		const version = `${this.manifest.version}|${CORE_BUILD}`;
		// Obsidian's id of the vault (not in its typings; Dataview names its cache by it too), else the vault's name.
		const vaultId = (this.app as unknown as { appId?: unknown }).appId;
		return new IndexedDbCacheStore(
			cacheDatabaseName(typeof vaultId === 'string' && vaultId !== '' ? vaultId : this.app.vault.getName()),
			// The words a note was read with are part of what it was read as: other words, other entries.
			() => {
				const words = pluginLexicon().id;
				return words === '' ? version : `${version}|words:${words}`;
			},
			{ adapter: this.app.vault.adapter, path: normalizePath(`${dir}/index-cache.json`) },
		);
	}

	private detection = '';
	private rescan: Debouncer<[], void> | null = null;
	private rewords: Debouncer<[], void> | null = null;

	async saveSettings(): Promise<void> {
		await this.saveData(this.settings);
		this.updateLineMarks();
		if (this.words.path() !== this.words.file.path) await this.words.readFile();
		if (this.words.update()) {
			this.rewords ??= debounce(() => void this.indexer.fullScan({ reparse: true }), 800, true);
			if (this.indexer.ready) this.rewords();
		}
		// When the rules for which notes are incidents change, re-index — once typing has settled, not per keystroke.
		const detection = detectionRules(this.settings);
		if (detection === this.detection) return;
		this.detection = detection;
		this.rescan ??= debounce(() => void this.indexer.fullScan(), 800, true);
		if (this.indexer.ready) this.rescan();
	}

	/** Reads and parses every incident note again, whatever the index cache holds (after editing notes outside Obsidian with their times kept, say). */
	async rebuildIndex(): Promise<void> {
		// The words file too: one changed outside Obsidian (git, sync) sends no vault event.
		await this.words.readFile();
		this.words.update();
		await this.indexer.fullScan({ reparse: true });
		const { parsed } = this.indexer.lastScan;
		const incidents = this.indexer.index.size;
		new Notice(
			`Incident index rebuilt: ${incidents} incident ${incidents === 1 ? 'note' : 'notes'} (${parsed} ${parsed === 1 ? 'note' : 'notes'} read)`,
		);
	}

	/** The dashboard in the main area: reuse an open one, else a new tab. */
	async openDashboard(): Promise<WorkspaceLeaf> {
		const { workspace } = this.app;
		const leaf = workspace.getLeavesOfType(DASHBOARD_VIEW)[0] ?? workspace.getLeaf('tab');
		await leaf.setViewState({ type: DASHBOARD_VIEW, active: true });
		await workspace.revealLeaf(leaf);
		return leaf;
	}

	/** The note inspector in the right sidebar. */
	openInspector(): Promise<WorkspaceLeaf | null> {
		return this.openInRightSidebar(INSPECTOR_VIEW);
	}

	/** The action-item pane in the right sidebar. */
	openActionItems(): Promise<WorkspaceLeaf | null> {
		return this.openInRightSidebar(ACTION_ITEMS_VIEW);
	}

	/** A view of this type in the right sidebar: the open one, else a new leaf there. */
	private async openInRightSidebar(type: string): Promise<WorkspaceLeaf | null> {
		const { workspace } = this.app;
		const leaf = workspace.getLeavesOfType(type)[0] ?? workspace.getRightLeaf(false);
		if (!leaf) return null;
		await leaf.setViewState({ type, active: true });
		await workspace.revealLeaf(leaf);
		return leaf;
	}

	/** When enabled, an RCA note whose timeline changed gets its duration updated (debounced per note). */
	private registerAutoUpdate(): void {
		const pending = new Map<string, Debouncer<[], void>>();
		// A write still waiting when the plugin is disabled is dropped, not run against an unloaded plugin.
		this.register(() => {
			this.rescan?.cancel();
			this.rewords?.cancel();
			for (const run of pending.values()) run.cancel();
		});
		this.registerEvent(
			this.app.metadataCache.on('changed', (file) => {
				if (!this.settings.autoUpdateDuration || !(file instanceof TFile) || !this.indexer.isIncident(file)) return;
				let run = pending.get(file.path);
				if (!run) {
					run = debounce(() => void updateDuration(this.app, this.settings, file, true), 1500, true);
					pending.set(file.path, run);
				}
				run();
			}),
		);
	}
}
