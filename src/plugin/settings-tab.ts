/**
 * The settings tab, from one declarative list: Obsidian 1.13+ reads it through getSettingDefinitions() (so the
 * settings appear in settings search); older versions render it through display(). Values go through
 * loadSettings, so the tab cannot store a value the plugin would not load.
 */
import { PluginSettingTab, Setting, type App, type SettingDefinitionItem } from 'obsidian';
import { DURATION_DEFINITIONS } from '../core/time/duration-definition';
import type { CommandHost } from './commands';
import { ENTRY_CLOCKS, loadSettings, type IncidentRcaSettings } from './settings';

export interface SettingsHost extends CommandHost {
	saveSettings(): Promise<void>;
}

type Key = keyof IncidentRcaSettings;

interface Field {
	key: Key;
	name: string;
	desc: string;
	type: 'text' | 'toggle' | 'dropdown' | 'number';
	placeholder?: string;
	options?: Record<string, string>;
}

export const SETTING_GROUPS: { heading: string; fields: Field[] }[] = [
	{
		heading: 'New notes',
		fields: [
			{
				key: 'incidentsFolder',
				name: 'Incidents folder',
				desc: 'Where new incident notes are created. Notes in it count as incidents.',
				type: 'text',
				placeholder: 'Incidents',
			},
			{
				key: 'fileNamePattern',
				name: 'File name pattern',
				desc: 'YYYY, MM, DD, HH, mm and <slug>, <title>, <severity>, <id>.',
				type: 'text',
				placeholder: 'YYYY-MM-DD-<slug>',
			},
			{
				key: 'templatePath',
				name: 'Template note',
				desc: 'A note to use as the template; empty for the built-in one. Placeholders: {{title}}, {{date}}, {{date:YYYY-MM-DD}} and {{time:HH:mm}} (formats as in Obsidian templates), {{time}}, {{severity}}, {{services}}, {{author}}, {{id}}.',
				type: 'text',
				placeholder: 'Templates/Incident.md',
			},
			{
				key: 'severities',
				name: 'Severity levels',
				desc: 'Offered when creating a note, most severe first, separated by commas.',
				type: 'text',
				placeholder: 'SEV1, SEV2, SEV3, SEV4',
			},
			{
				key: 'myName',
				name: 'Your name',
				desc: 'The default author of new notes, and the owner that means you in action items.',
				type: 'text',
			},
		],
	},
	{
		heading: 'Which notes are incidents',
		fields: [
			{
				key: 'detectByFolder',
				name: 'Notes in the incidents folder',
				desc: 'Every note in the incidents folder is an incident.',
				type: 'toggle',
			},
			{
				key: 'detectByTags',
				name: 'Notes with an incident tag',
				desc: 'Notes tagged with one of the tags below.',
				type: 'toggle',
			},
			{
				key: 'incidentTags',
				name: 'Incident tags',
				desc: 'Separated by commas, without #. A nested tag (#rca/db) counts too.',
				type: 'text',
				placeholder: 'rca, postmortem, incident',
			},
			{
				key: 'detectByContent',
				name: 'Notes that look like incidents',
				desc: 'Incident frontmatter (severity, incident_id, duration_minutes…), a timeline, postmortem headings such as root cause and impact, or a title that names an outage or postmortem.',
				type: 'toggle',
			},
		],
	},
	{
		heading: 'Runbooks',
		fields: [
			{
				key: 'runbookFolder',
				name: 'Runbook folder',
				desc: 'Where missing runbooks are created.',
				type: 'text',
				placeholder: 'Runbooks',
			},
			{
				key: 'runbookTemplatePath',
				name: 'Runbook template note',
				desc: 'Empty for the built-in runbook template.',
				type: 'text',
				placeholder: 'Templates/Runbook.md',
			},
		],
	},
	{
		heading: 'Duration',
		fields: [
			{
				key: 'durationDefinition',
				name: 'What the duration measures',
				desc: 'Which span of the timeline the duration and time to resolve mean.',
				type: 'dropdown',
				options: DURATION_DEFINITIONS,
			},
			{
				key: 'writeMilestones',
				name: 'Write milestone fields',
				desc: 'Also write when the incident started, was detected and was resolved, and the minutes to detect, acknowledge, mitigate and resolve.',
				type: 'toggle',
			},
			{
				key: 'autoUpdateDuration',
				name: 'Update duration automatically',
				desc: 'Update the frontmatter whenever the timeline of an incident note changes.',
				type: 'toggle',
			},
			{
				key: 'entryClock',
				name: 'Clock for new timeline entries',
				desc: 'The time "Add timeline entry" writes: this device\'s local time, or UTC.',
				type: 'dropdown',
				options: ENTRY_CLOCKS,
			},
		],
	},
	{
		heading: 'Related incidents',
		fields: [
			{
				key: 'relatedWindowDays',
				name: 'Window in days',
				desc: 'Incidents on the same service within this many days are suggested as related.',
				type: 'number',
			},
		],
	},
];

export class IncidentRcaSettingTab extends PluginSettingTab {
	constructor(
		app: App,
		private readonly host: SettingsHost,
	) {
		super(app, host);
	}

	getSettingDefinitions(): SettingDefinitionItem[] {
		return SETTING_GROUPS.map((g) => ({
			type: 'group' as const,
			heading: g.heading,
			items: g.fields.map((f) => {
				switch (f.type) {
					case 'toggle':
						return { name: f.name, desc: f.desc, control: { type: 'toggle' as const, key: f.key } };
					case 'dropdown':
						return {
							name: f.name,
							desc: f.desc,
							control: { type: 'dropdown' as const, key: f.key, options: f.options ?? {} },
						};
					case 'number':
						return { name: f.name, desc: f.desc, control: { type: 'number' as const, key: f.key, min: 0 } };
					default:
						return {
							name: f.name,
							desc: f.desc,
							control: { type: 'text' as const, key: f.key, placeholder: f.placeholder },
						};
				}
			}),
		}));
	}

	/** Lists are shown as comma-separated text. */
	getControlValue(key: string): unknown {
		const value = this.host.settings[key as Key];
		return Array.isArray(value) ? value.join(', ') : value;
	}

	async setControlValue(key: string, value: unknown): Promise<void> {
		const v = key === 'relatedWindowDays' ? Number(value) : value;
		this.host.settings = loadSettings({ ...this.host.settings, [key]: v });
		await this.host.saveSettings();
	}

	display(): void {
		const { containerEl } = this;
		containerEl.empty();
		for (const group of SETTING_GROUPS) {
			new Setting(containerEl).setName(group.heading).setHeading();
			for (const f of group.fields) {
				const setting = new Setting(containerEl).setName(f.name).setDesc(f.desc);
				const current = this.getControlValue(f.key);
				const onChange = (v: unknown): void => void this.setControlValue(f.key, v);
				if (f.type === 'toggle') setting.addToggle((t) => t.setValue(current === true).onChange(onChange));
				else if (f.type === 'dropdown') {
					setting.addDropdown((d) => {
						for (const [k, label] of Object.entries(f.options ?? {})) d.addOption(k, label);
						d.setValue(String(current)).onChange(onChange);
					});
				} else {
					setting.addText((t) => {
						if (f.type === 'number') t.inputEl.type = 'number';
						t.setPlaceholder(f.placeholder ?? '')
							.setValue(typeof current === 'string' || typeof current === 'number' ? String(current) : '')
							.onChange(onChange);
					});
				}
			}
		}
	}
}
