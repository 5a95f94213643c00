/** "Create RCA note": the modal that asks for the incident, and writing the note from the template. */
import { Modal, normalizePath, Notice, parseYaml, Setting, type App, type TFile } from 'obsidian';
import { parseIncident } from '../core/read/parse';
import { setFrontmatterFields } from '../core/write/frontmatter-edit';
import { applyInsert, timelineEntry } from '../core/write/timeline-entry';
import {
	DEFAULT_RCA_TEMPLATE,
	fileNameFromPattern,
	incidentId,
	renderTemplate,
	uniquePath,
	ruleOf,
	templateForSeverity,
	type TemplateValues,
} from '../core/write/template';
import { ensureFolder, knownServices, readTemplate } from './notes';
import { entryTime, instantNow } from './timeline-entry';
import type { IncidentRcaSettings } from './settings';
import { pluginLexicon } from './words';

export interface NewNoteInput {
	title: string;
	/** Local date and time, as the modal's inputs give them: "2025-07-31" and "12:17". */
	date: string;
	time: string;
	severity: string;
	services: string[];
	author: string;
	/** The incident is happening now: started now, status investigating, its first timeline row written. */
	startNow?: boolean;
	/** The template note picked in the modal; absent for the one the severity's rule or the settings name. */
	template?: string;
}

/** The template for a new note: the one picked, else the severity's rule, else the settings' template note. */
export function templatePathFor(settings: IncidentRcaSettings, input: NewNoteInput): string {
	return input.template ?? templateForSeverity(settings.templates, input.severity)?.path ?? settings.templatePath;
}

/** Writes a new RCA note from the template; never overwrites (a taken name gets -2, -3…). Returns the new file. */
export async function createRcaNote(
	app: App,
	settings: IncidentRcaSettings,
	input: NewNoteInput,
	now: Date = new Date(),
): Promise<TFile> {
	const when = input.startNow ? now : new Date(`${input.date}T${input.time || '00:00'}:00`);
	const date = Number.isNaN(when.getTime()) ? now : when;
	const values: TemplateValues = {
		title: input.title.trim() || 'Untitled incident',
		date,
		severity: input.severity,
		services: input.services,
		author: input.author.trim(),
		id: incidentId(date),
	};
	let template = DEFAULT_RCA_TEMPLATE;
	const templatePath = templatePathFor(settings, input);
	if (templatePath) {
		const custom = await readTemplate(app, templatePath);
		if (custom === null) new Notice(`Template note "${templatePath}" not found: using the built-in template.`);
		else template = custom;
	}
	const rendered = renderTemplate(template, values);
	const { unknown } = rendered;
	if (unknown.length > 0) new Notice(`Unknown placeholders left as written: ${unknown.join(', ')}`);
	const text = input.startNow ? startedNow(rendered.text, date, settings) : rendered.text;
	const folder = normalizePath(settings.incidentsFolder || '/');
	await ensureFolder(app, folder);
	const base = fileNameFromPattern(settings.fileNamePattern, values);
	const path = uniquePath(folder === '/' ? '' : folder, base, (p) => app.vault.getAbstractFileByPath(p) !== null);
	return app.vault.create(path, text);
}

/**
 * A note for an incident in progress: `status: investigating`, `started_at` now, and a first timeline row when the
 * template's timeline has none (the built-in one has "Incident started").
 */
function startedNow(text: string, date: Date, settings: IncidentRcaSettings): string {
	const at = entryTime(settings.entryClock, date);
	const started = instantNow(settings.entryClock, date);
	const fields = setFrontmatterFields(text, { status: 'investigating', started_at: started }, parseYaml);
	const out = fields.ok ? fields.text : text;
	const read = parseIncident(out, { parseYaml, lexicon: pluginLexicon() });
	if (read.timeline.some((e) => e.time !== null)) return out;
	return applyInsert(out, timelineEntry(out, at, { parseYaml, lexicon: pluginLexicon() }, 'Incident started'));
}

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

/** One modal for everything a new RCA note needs; Enter or "Create" submits. */
export class NewRcaNoteModal extends Modal {
	private readonly input: NewNoteInput;

	constructor(
		app: App,
		private readonly settings: IncidentRcaSettings,
		private readonly onSubmit: (input: NewNoteInput) => Promise<void>,
		now: Date = new Date(),
	) {
		super(app);
		this.input = {
			title: '',
			date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
			time: `${pad(now.getHours())}:${pad(now.getMinutes())}`,
			severity: settings.severities[Math.min(1, settings.severities.length - 1)] ?? '',
			services: [],
			author: settings.myName,
		};
	}

	onOpen(): void {
		const { contentEl } = this;
		contentEl.empty();
		this.titleEl.setText('Create RCA note');
		contentEl.addClass('incident-rca-modal');
		new Setting(contentEl).setName('Title').addText((t) =>
			t
				.setPlaceholder('Checkout errors after deploy')
				.setValue(this.input.title)
				.onChange((v) => (this.input.title = v)),
		);
		const when: { setDisabled(d: boolean): unknown }[] = [];
		new Setting(contentEl)
			.setName('Start now')
			.setDesc(
				'The incident is happening now: it starts now, its status is investigating, and the timeline gets its first row.',
			)
			.addToggle((t) =>
				t.setValue(this.input.startNow === true).onChange((v) => {
					this.input.startNow = v;
					for (const input of when) input.setDisabled(v);
				}),
			);
		new Setting(contentEl)
			.setName('Date and time')
			.setDesc('When the incident started.')
			.addText((t) => {
				t.inputEl.type = 'date';
				t.setValue(this.input.date).onChange((v) => (this.input.date = v));
				when.push(t);
			})
			.addText((t) => {
				t.inputEl.type = 'time';
				t.setValue(this.input.time).onChange((v) => (this.input.time = v));
				when.push(t);
			});
		let followSeverity: ((severity: string) => void) | null = null;
		new Setting(contentEl).setName('Severity').addDropdown((d) => {
			for (const s of this.settings.severities) d.addOption(s, s);
			d.setValue(this.input.severity).onChange((v) => {
				this.input.severity = v;
				followSeverity?.(v);
			});
		});
		if (this.settings.templates.length > 0) followSeverity = this.templateChoice(contentEl);
		let servicesText: { setValue: (v: string) => unknown } | null = null;
		new Setting(contentEl)
			.setName('Affected services')
			.setDesc('Separate several with commas.')
			.addText((t) => {
				servicesText = t;
				t.setPlaceholder('Service names').onChange((v) => (this.input.services = splitServices(v)));
			});
		const known = knownServices(this.app);
		if (known.length > 0) {
			const chips = contentEl.createDiv({
				cls: 'incident-rca-chips',
				attr: { 'aria-label': 'Services used in other incidents' },
			});
			for (const s of known.slice(0, 20)) {
				const chip = chips.createEl('button', { text: s, cls: 'incident-rca-chip', attr: { type: 'button' } });
				chip.addEventListener('click', () => {
					if (!this.input.services.includes(s)) this.input.services = [...this.input.services, s];
					servicesText?.setValue(this.input.services.join(', '));
				});
			}
		}
		new Setting(contentEl)
			.setName('Author')
			.addText((t) => t.setValue(this.input.author).onChange((v) => (this.input.author = v)));
		new Setting(contentEl).addButton((b) =>
			b
				.setButtonText('Create')
				.setCta()
				.onClick(() => void this.submit()),
		);
		contentEl.addEventListener('keydown', (e) => {
			if (e.key === 'Enter' && !e.isComposing && (e.target as HTMLElement).tagName === 'INPUT') {
				e.preventDefault();
				void this.submit();
			}
		});
	}

	/**
	 * The template menu, when the settings list templates by severity or type: it follows the severity (its rule's
	 * template, else the default) until the user picks one. Returns what the severity menu calls on a change.
	 */
	private templateChoice(contentEl: HTMLElement): (severity: string) => void {
		const rules = this.settings.templates;
		const DEFAULT = '';
		let picked = false;
		let select: { setValue(v: string): unknown } | null = null;
		const follow = (severity: string): void => {
			if (picked) return;
			const rule = templateForSeverity(rules, severity);
			const value = rule ? String(rules.indexOf(rule)) : DEFAULT;
			select?.setValue(value);
			this.input.template = rule?.path;
		};
		new Setting(contentEl)
			.setName('Template')
			.setDesc('Follows the severity; pick another for this incident.')
			.addDropdown((d) => {
				const name = (path: string): string => (path.split('/').pop() ?? path).replace(/\.md$/i, '');
				d.addOption(DEFAULT, this.settings.templatePath ? name(this.settings.templatePath) : 'Built-in template');
				rules.forEach((r, k) => {
					const what = ruleOf(r.rule);
					d.addOption(String(k), `${name(r.path)} (${'type' in what ? what.type : what.severity})`);
				});
				select = d;
				d.onChange((v) => {
					picked = true;
					this.input.template = v === DEFAULT ? this.settings.templatePath : rules[Number(v)]?.path;
				});
			});
		follow(this.input.severity);
		return follow;
	}

	private async submit(): Promise<void> {
		if (this.input.title.trim() === '') {
			new Notice('Give the incident a title.');
			return;
		}
		this.close();
		await this.onSubmit({ ...this.input });
	}

	onClose(): void {
		this.contentEl.empty();
	}
}

export function splitServices(v: string): string[] {
	return [
		...new Set(
			v
				.split(',')
				.map((s) => s.trim())
				.filter((s) => s !== ''),
		),
	];
}
