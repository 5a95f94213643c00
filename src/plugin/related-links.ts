/**
 * "Resolve related links": every wikilink of the note with its kind and where it resolves, creating missing
 * runbooks and incidents from templates, and suggesting related incidents to link.
 */
import { Modal, normalizePath, Notice, Setting, TFile, type App } from 'obsidian';
import type { Incident, IndexedIncident, LinkKind } from '../core';
import { suggestRelated, type RelatedSuggestion } from '../core/index/related';
import { insertRelatedLink } from '../core/write/related-link';
import {
	DEFAULT_RCA_TEMPLATE,
	DEFAULT_RUNBOOK_TEMPLATE,
	incidentId,
	pathForMissingLink,
	renderTemplate,
} from '../core/write/template';
import { noticeWriteFailure } from './notices';
import { ensureFolder, readAllIncidents, readIncident, readTemplate } from './notes';
import type { IncidentRcaSettings } from './settings';

export interface LinkRow {
	target: string;
	display: string;
	kind: LinkKind;
	/** Path of the note it resolves to, or null when missing. */
	resolved: string | null;
	line: number;
	/** A missing runbook or incident can be created. */
	canCreate: boolean;
}

/** One row per distinct link target (a note linked three times is listed once, at its first line). */
export function linkRows(incident: Incident): LinkRow[] {
	const rows = new Map<string, LinkRow>();
	for (const l of incident.links) {
		const key = `${l.target}#${l.heading ?? ''}`;
		if (rows.has(key) || l.target === '') continue;
		rows.set(key, {
			target: l.target,
			display: l.alias ?? (l.heading ? `${l.target} › ${l.heading}` : l.target),
			kind: l.kind,
			resolved: l.resolved,
			line: l.line,
			canCreate: l.resolved === null && !l.embed && (l.kind === 'runbook' || l.kind === 'incident'),
		});
	}
	return [...rows.values()];
}

/** Where a missing link's note is created: inside the runbook or incidents folder, whatever the link says. */
export function pathForMissing(
	target: string,
	kind: LinkKind,
	settings: IncidentRcaSettings,
	exists: (p: string) => boolean,
): string {
	const folder = normalizePath(kind === 'runbook' ? settings.runbookFolder : settings.incidentsFolder);
	return normalizePath(pathForMissingLink(target, folder === '/' ? '' : folder, exists));
}

/** Creates the note a missing link points to, from the runbook or RCA template. */
export async function createMissing(
	app: App,
	settings: IncidentRcaSettings,
	row: LinkRow,
	services: string[],
): Promise<TFile> {
	const path = pathForMissing(row.target, row.kind, settings, (p) => app.vault.getAbstractFileByPath(p) !== null);
	const custom = await readTemplate(app, row.kind === 'runbook' ? settings.runbookTemplatePath : settings.templatePath);
	const template = custom ?? (row.kind === 'runbook' ? DEFAULT_RUNBOOK_TEMPLATE : DEFAULT_RCA_TEMPLATE);
	const now = new Date();
	const title = (row.target.split('/').pop() ?? row.target).replace(/\.md$/i, '');
	const { text } = renderTemplate(template, {
		title,
		date: now,
		severity: '',
		services,
		author: settings.myName,
		id: incidentId(now),
	});
	const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
	await ensureFolder(app, folder);
	return app.vault.create(path, text);
}

/**
 * Adds a link to `target` in the note's Related Incidents section (created if needed); only that line changes.
 * Returns why nothing was added, or null.
 */
export async function linkRelated(app: App, file: TFile, target: TFile): Promise<string | null> {
	// In the form the user's "Use [[Wikilinks]]" and "New link format" settings give.
	const link = app.fileManager.generateMarkdownLink(target, file.path);
	let refused: string | null = null;
	await app.vault.process(file, (text) => {
		const r = insertRelatedLink(text, link);
		if (r.ok) return r.text;
		refused = r.reason;
		return text;
	});
	return refused;
}

export class RelatedLinksModal extends Modal {
	private incident: Incident | null = null;
	private suggestions: RelatedSuggestion[] = [];

	constructor(
		app: App,
		private readonly settings: IncidentRcaSettings,
		private readonly file: TFile,
		/** The vault's incidents from the live index; null while its first scan runs (the notes are read instead). */
		private readonly indexed: () => IndexedIncident[] | null = () => null,
	) {
		super(app);
	}

	async onOpen(): Promise<void> {
		this.titleEl.setText('Related links');
		this.contentEl.addClass('incident-rca-modal');
		await this.refresh();
	}

	/** Re-reads the note and redraws: after creating a note or adding a link, the list shows the new state. */
	async refresh(): Promise<void> {
		this.incident = await readIncident(this.app, this.file);
		const all = this.indexed() ?? (await readAllIncidents(this.app, this.settings));
		this.suggestions = suggestRelated(this.incident, all, this.settings.relatedWindowDays);
		this.render();
	}

	private render(): void {
		const { contentEl } = this;
		contentEl.empty();
		const rows = this.incident ? linkRows(this.incident) : [];
		new Setting(contentEl).setName('Links in this note').setHeading();
		if (rows.length === 0)
			contentEl.createEl('p', { text: 'This note links to no other notes yet.', cls: 'incident-rca-muted' });
		const list = contentEl.createEl('ul', { cls: 'incident-rca-links', attr: { role: 'list' } });
		for (const row of rows) {
			const li = list.createEl('li', { cls: `incident-rca-link is-${row.kind}${row.resolved ? '' : ' is-missing'}` });
			const open = li.createEl('a', { text: row.display, cls: 'incident-rca-link-target', href: '#' });
			open.addEventListener('click', (e) => {
				e.preventDefault();
				void this.app.workspace.openLinkText(row.target, this.file.path, e.ctrlKey || e.metaKey);
				this.close();
			});
			li.createSpan({ text: row.kind, cls: 'incident-rca-badge' });
			li.createSpan({
				text: row.resolved ?? 'missing',
				cls: row.resolved ? 'incident-rca-muted' : 'incident-rca-missing',
			});
			if (row.canCreate) {
				const create = li.createEl('button', {
					text: row.kind === 'runbook' ? 'Create runbook' : 'Create incident note',
					attr: { type: 'button' },
				});
				create.addEventListener('click', () => void this.create(row));
			}
		}
		new Setting(contentEl).setName('Suggested related incidents').setHeading();
		if (this.suggestions.length === 0)
			contentEl.createEl('p', {
				text: 'No other incident shares a service or tag with this one.',
				cls: 'incident-rca-muted',
			});
		const sugg = contentEl.createEl('ul', { cls: 'incident-rca-suggestions', attr: { role: 'list' } });
		for (const s of this.suggestions) {
			const li = sugg.createEl('li', { cls: 'incident-rca-suggestion' });
			li.createSpan({ text: `${s.date ?? ''} ${s.title}`.trim(), cls: 'incident-rca-link-target' });
			li.createSpan({ text: s.reasons.join('; '), cls: 'incident-rca-muted' });
			const add = li.createEl('button', {
				text: 'Link',
				attr: { type: 'button', 'aria-label': `Link ${s.title} as a related incident` },
			});
			add.addEventListener('click', () => void this.link(s));
		}
	}

	private async create(row: LinkRow): Promise<void> {
		try {
			const created = await createMissing(this.app, this.settings, row, this.incident?.services ?? []);
			new Notice(`Created ${created.path}`);
		} catch (e) {
			noticeWriteFailure(`${row.target} was not created`, e);
		}
		await this.refresh();
	}

	private async link(s: RelatedSuggestion): Promise<void> {
		const target = this.app.vault.getFileByPath(s.path);
		if (!(target instanceof TFile)) return;
		try {
			const refused = await linkRelated(this.app, this.file, target);
			new Notice(refused === null ? `Linked ${target.basename} under Related Incidents.` : `Not linked: ${refused}.`);
		} catch (e) {
			noticeWriteFailure(`${target.basename} was not linked in ${this.file.basename}`, e);
		}
		await this.refresh();
	}

	onClose(): void {
		this.contentEl.empty();
	}
}
