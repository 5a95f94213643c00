import { debounce, Plugin, TFile } from 'obsidian';
import { parseIncident, type Incident, type ParseOptions } from './core';
import { openNewNoteModal, registerCommands } from './plugin/commands';
import { isRcaNote } from './plugin/notes';
import { IncidentRcaSettingTab } from './plugin/settings-tab';
import { DEFAULT_SETTINGS, loadSettings, type IncidentRcaSettings } from './plugin/settings';
import { updateDuration } from './plugin/update-duration';

/** Lifecycle only: settings, commands, ribbon, settings tab, and the automatic duration update. */
export default class IncidentRcaPlugin extends Plugin {
	settings: IncidentRcaSettings = { ...DEFAULT_SETTINGS };
	/** For other plugins and scripts: `app.plugins.plugins['incident-rca'].api.parseIncident(text)`. */
	api: { parseIncident: (text: string, options?: ParseOptions) => Incident } = { parseIncident };

	async onload(): Promise<void> {
		this.settings = loadSettings(await this.loadData());
		registerCommands(this);
		this.addRibbonIcon('file-plus-2', 'Create RCA note', () => {
			openNewNoteModal(this);
		});
		this.addSettingTab(new IncidentRcaSettingTab(this.app, this));
		this.registerAutoUpdate();
	}

	async saveSettings(): Promise<void> {
		await this.saveData(this.settings);
	}

	/** When enabled, an RCA note whose timeline changed gets its duration updated (debounced per note). */
	private registerAutoUpdate(): void {
		const pending = new Map<string, () => void>();
		this.registerEvent(
			this.app.metadataCache.on('changed', (file) => {
				if (!this.settings.autoUpdateDuration || !(file instanceof TFile) || !isRcaNote(this.app, file, this.settings)) return;
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
