/**
 * The settings tab, from one declarative list: Obsidian 1.13+ reads it through getSettingDefinitions() (so the
 * settings appear in settings search); older versions render it through display(). Values go through
 * loadSettings, so the tab cannot store a value the plugin would not load.
 */
import { PluginSettingTab, Setting, type App, type SettingDefinitionItem, type TFile } from 'obsidian';
import { DURATION_DEFINITIONS } from '../core/time/duration-definition';
import type { CommandHost } from './commands';
import { ENTRY_CLOCKS, loadSettings, type IncidentRcaSettings } from './settings';
import { textToWords, WORD_GROUPS, wordsToText, type WordGroup } from '../core/format/team-words';
import type { TeamWordsSource } from './words';
import { isTicketPattern } from '../core/views/tickets';
import { columnKeyMistakes, DASHBOARD_COLUMNS, VIEW_COLUMNS } from '../core/views/columns';

export interface SettingsHost extends CommandHost {
	saveSettings(): Promise<void>;
	words: TeamWordsSource;
}

type Key = keyof IncidentRcaSettings;
/** A group of the team's words, edited as `kind: word, word` lines (stored in `words`). */
type WordsKey = `words.${WordGroup | 'people'}`;
type FieldKey = Exclude<Key, 'words'> | WordsKey;

interface Field {
	key: FieldKey;
	name: string;
	desc: string;
	/** `folder` and `file` are text with a suggester of the vault's folders or notes. */
	type: 'text' | 'toggle' | 'dropdown' | 'number' | 'textarea' | 'folder' | 'file';
	placeholder?: string;
	options?: Record<string, string>;
}

const kinds = (g: WordGroup): string => WORD_GROUPS[g].join(', ');

/** The kinds each words field accepts before the colon; null for any name (people). */
function kindsOf(key: WordsKey): readonly string[] | null {
	const group = key.slice('words.'.length);
	return group === 'people' ? null : WORD_GROUPS[group as WordGroup];
}

/** A template rule per line, `SEV1: Templates/Major.md` or `type security: Templates/Security.md`. */
function templatesToText(s: IncidentRcaSettings): string {
	return s.templates.map((t) => `${t.rule}: ${t.path}`).join('\n');
}

function textToTemplates(text: string): { rules: IncidentRcaSettings['templates']; errors: string[] } {
	const rules: IncidentRcaSettings['templates'] = [];
	const errors: string[] = [];
	text.split('\n').forEach((line, k) => {
		if (line.trim() === '') return;
		const colon = line.indexOf(':');
		const rule = colon === -1 ? '' : line.slice(0, colon).trim();
		const path = colon === -1 ? '' : line.slice(colon + 1).trim();
		if (rule === '' || path === '') errors.push(`Line ${k + 1}: write it as "SEV1: Templates/Major incident.md"`);
		else rules.push({ rule, path });
	});
	return { rules, errors };
}

export const SETTING_GROUPS: { heading: string; fields: Field[] }[] = [
	{
		heading: 'New notes',
		fields: [
			{
				key: 'incidentsFolder',
				name: 'Incidents folder',
				desc: 'Where new incident notes are created. Notes in it count as incidents.',
				type: 'folder',
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
				type: 'file',
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
				key: 'ticketUrl',
				name: 'Ticket links',
				desc: 'The address of a ticket, with {key} where its key goes: ticket keys in action items (OPS-2303) become links.',
				type: 'text',
				placeholder: 'https://tracker.example.com/browse/{key}',
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
				type: 'folder',
				placeholder: 'Runbooks',
			},
			{
				key: 'runbookTemplatePath',
				name: 'Runbook template note',
				desc: 'Empty for the built-in runbook template.',
				type: 'file',
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
		heading: 'Editor',
		fields: [
			{
				key: 'markLines',
				name: 'Mark timeline rows and action items',
				desc: 'In incident notes, the lines read as timeline rows and as action items get a mark in the margin, so a row the parser missed stands out.',
				type: 'toggle',
			},
		],
	},
	{
		heading: "Your team's words",
		fields: [
			{
				key: 'wordsFile',
				name: 'Words file',
				desc: 'A JSON file in the vault with your words, the file the command-line tool reads (see the README). Its words add to the ones below.',
				type: 'text',
				placeholder: '.incident-rca.json',
			},
			{
				key: 'words.sections',
				name: 'Section headings',
				desc: `One kind per line, then your words: "timeline: Chronik, Ablauf". Kinds: ${kinds('sections')}.`,
				type: 'textarea',
				placeholder: 'timeline: Chronik',
			},
			{
				key: 'words.columns',
				name: 'Table columns',
				desc: `Column headers of timeline and action-item tables: "owner: Zuständig". Kinds: ${kinds('columns')}.`,
				type: 'textarea',
				placeholder: 'owner: Zuständig',
			},
			{
				key: 'words.milestones',
				name: 'Milestones',
				desc: `Words of a timeline row that mark a milestone: "detected: Pager ging los". Kinds: ${kinds('milestones')}.`,
				type: 'textarea',
				placeholder: 'resolved: Entwarnung',
			},
			{
				key: 'words.keys',
				name: 'Frontmatter keys',
				desc: `Your keys for a field: "severity: schweregrad". Fields: ${kinds('keys')}.`,
				type: 'textarea',
				placeholder: 'severity: schweregrad',
			},
			{
				key: 'words.statuses',
				name: 'Status values',
				desc: `Which kind your status values are, for the dashboard's filter (notes keep their text): "closed: erledigt". Kinds: ${kinds('statuses')}.`,
				type: 'textarea',
				placeholder: 'closed: erledigt',
			},
			{
				key: 'words.people',
				name: 'People',
				desc: 'One person per line, then the other ways their name is written: "Mei Lin: mei.lin, @mlin". Action items group them as one owner.',
				type: 'textarea',
				placeholder: 'Mei Lin: mei.lin, @mlin',
			},
			{
				key: 'templates',
				name: 'Templates by severity or type',
				desc: 'One per line: a severity or "type <name>", then a template note: "SEV1: Templates/Major incident.md". Offered when creating a note.',
				type: 'textarea',
				placeholder: 'SEV1: Templates/Major incident.md',
			},
		],
	},
	{
		heading: 'Dashboard',
		fields: [
			{
				key: 'tableColumns',
				name: 'Table columns',
				desc: `The incident table's columns, also chosen with its Columns button. Empty for the default ones. Any of: ${DASHBOARD_COLUMNS.map((c) => c.key).join(', ')}.`,
				type: 'text',
				placeholder: VIEW_COLUMNS.map((c) => c.key).join(', '),
			},
			{
				key: 'exportFolder',
				name: 'Export folder',
				desc: "Where the dashboard's CSV and note exports go. Empty for an Exports folder in the incidents folder.",
				type: 'folder',
				placeholder: 'Incidents/Exports',
			},
		],
	},
	{
		heading: 'Related incidents',
		fields: [
			{
				key: 'staleDays',
				name: 'Review due after (days)',
				desc: 'A postmortem still in draft or review this many days after its incident is counted on the dashboard, which can show only those.',
				type: 'number',
			},
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
					case 'folder':
						return {
							name: f.name,
							desc: f.desc,
							control: { type: 'folder' as const, key: f.key, placeholder: f.placeholder },
						};
					case 'file':
						return {
							name: f.name,
							desc: f.desc,
							control: {
								type: 'file' as const,
								key: f.key,
								placeholder: f.placeholder,
								filter: (file: TFile) => file.extension === 'md',
							},
						};
					case 'textarea':
						return {
							name: f.name,
							desc: f.desc,
							control: {
								type: 'textarea' as const,
								key: f.key,
								placeholder: f.placeholder,
								rows: 4,
								validate: (v: string) => this.mistakes(f.key, v),
							},
						};
					default:
						return {
							name: f.name,
							desc: f.desc,
							control: {
								type: 'text' as const,
								key: f.key,
								placeholder: f.placeholder,
								validate: this.validators[f.key],
							},
						};
				}
			}),
		}));
	}

	/** What is wrong with a text field's value, shown under it ('' when nothing). */
	private readonly validators: Partial<Record<FieldKey, (v: string) => string | Promise<string>>> = {
		wordsFile: (v) => this.fileMistakes(v),
		tableColumns: (v) => columnKeyMistakes(v),
		ticketUrl: (v) =>
			v.trim() === '' || isTicketPattern(v) ? '' : 'A web address (https://…) with {key} where the ticket key goes',
	};

	/** Lists are shown as comma-separated text; words and templates as one line per kind. */
	getControlValue(key: string): unknown {
		if (key.startsWith('words.')) {
			const group = key.slice('words.'.length) as WordGroup | 'people';
			return wordsToText(this.host.settings.words[group]);
		}
		if (key === 'templates') return templatesToText(this.host.settings);
		const value = this.host.settings[key as Exclude<Key, 'words' | 'templates'>];
		return Array.isArray(value) ? value.join(', ') : value;
	}

	/** What is wrong with a words or templates text, one message per line; '' when nothing. */
	mistakes(key: string, text: string): string {
		const errors =
			key === 'templates' ? textToTemplates(text).errors : textToWords(text, kindsOf(key as WordsKey)).errors;
		return errors.join('\n');
	}

	/** What is wrong with the words file at `path`, read as the plugin will read it; '' when nothing. */
	private async fileMistakes(path: string): Promise<string> {
		const errors = await this.host.words.check(path);
		return errors.join('\n');
	}

	/** What the words file gave: its mistakes, or that it was read, or that there is none. */
	private fileStatus(el: HTMLElement): void {
		const { path, found, errors } = this.host.words.file;
		if (errors.length > 0) {
			el.addClass('incident-rca-setting-error');
			el.setText(errors.join('\n'));
		} else el.setText(path === '' ? '' : found ? `Read ${path}.` : `No file at ${path}: only the words below.`);
	}

	async setControlValue(key: string, value: unknown): Promise<void> {
		const s = this.host.settings;
		let next: Record<string, unknown>;
		if (key.startsWith('words.')) {
			// Only the lines that read are kept; the mistakes are shown below the field (validate / display).
			const group = key.slice('words.'.length);
			const { map } = textToWords(String(value), kindsOf(key as WordsKey));
			next = { ...s, words: { ...s.words, [group]: map } };
		} else if (key === 'templates') next = { ...s, templates: textToTemplates(String(value)).rules };
		else next = { ...s, [key]: key === 'relatedWindowDays' || key === 'staleDays' ? Number(value) : value };
		this.host.settings = loadSettings(next);
		await this.host.saveSettings();
	}

	display(): void {
		const { containerEl } = this;
		containerEl.empty();
		for (const group of SETTING_GROUPS) {
			new Setting(containerEl).setName(group.heading).setHeading();
			for (const f of group.fields) {
				const setting = new Setting(containerEl).setName(f.name).setDesc(f.desc);
				if (f.key === 'wordsFile') this.fileStatus(setting.descEl.createDiv());
				const current = this.getControlValue(f.key);
				const onChange = (v: unknown): void => void this.setControlValue(f.key, v);
				if (f.type === 'toggle') setting.addToggle((t) => t.setValue(current === true).onChange(onChange));
				else if (f.type === 'dropdown') {
					setting.addDropdown((d) => {
						for (const [k, label] of Object.entries(f.options ?? {})) d.addOption(k, label);
						d.setValue(String(current)).onChange(onChange);
					});
				} else if (f.type === 'textarea') {
					const error = setting.descEl.createDiv({ cls: 'incident-rca-setting-error' });
					setting.addTextArea((t) => {
						t.setPlaceholder(f.placeholder ?? '')
							.setValue(String(current))
							.onChange((v) => {
								error.setText(this.mistakes(f.key, v));
								onChange(v);
							});
						t.inputEl.rows = 4;
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
