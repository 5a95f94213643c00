/** The plugin's commands. Ids are stable (hotkeys bind to them); names are sentence case; no default hotkeys. */
import { hasCanonicalHeadings } from '../core/write/convert';
import { Notice, type Editor, type Plugin, type TFile } from 'obsidian';
import { createRcaNote, NewRcaNoteModal, type NewNoteInput } from './create-note';
import { convertNote } from './convert-note';
import type { VaultIndexer } from './indexer';
import { RelatedLinksModal } from './related-links';
import type { IncidentRcaSettings } from './settings';
import { addTimelineEntry, markMilestone, MilestoneModal } from './timeline-entry';
import { updateDuration } from './update-duration';

export interface CommandHost extends Plugin {
	settings: IncidentRcaSettings;
	indexer: VaultIndexer;
}

/** Opens the modal; on submit creates the note and opens it. */
export function openNewNoteModal(plugin: CommandHost): NewRcaNoteModal {
	const modal = new NewRcaNoteModal(plugin.app, plugin.settings, async (input: NewNoteInput) => {
		try {
			const file = await createRcaNote(plugin.app, plugin.settings, input);
			await plugin.app.workspace.getLeaf(false).openFile(file);
			new Notice(`Created ${file.path}`);
		} catch (e) {
			new Notice(`Could not create the note: ${(e as Error).message}`);
		}
	});
	modal.open();
	return modal;
}

export function registerCommands(plugin: CommandHost): void {
	const { app } = plugin;
	plugin.addCommand({
		id: 'new-rca-note',
		name: 'Create RCA note',
		callback: () => {
			openNewNoteModal(plugin);
		},
	});
	/** A command offered only while the active note is an RCA note. */
	const onRcaNote = (id: string, name: string, run: (file: TFile) => void): void => {
		plugin.addCommand({
			id,
			name,
			checkCallback: (checking) => {
				const file = app.workspace.getActiveFile();
				if (!plugin.indexer.isIncident(file)) return false;
				if (!checking) run(file);
				return true;
			},
		});
	};
	/** An editor command offered only while the note in the editor is an incident note. */
	const onIncidentEditor = (id: string, name: string, run: (editor: Editor, file: TFile) => void): void => {
		plugin.addCommand({
			id,
			name,
			editorCheckCallback: (checking, editor, ctx) => {
				const file = ctx.file;
				if (!file || !plugin.indexer.isIncident(file)) return false;
				if (!checking) run(editor, file);
				return true;
			},
		});
	};
	onIncidentEditor('add-timeline-entry', 'Add timeline entry', (editor, file) =>
		addTimelineEntry(editor, file, plugin.settings.entryClock),
	);
	onIncidentEditor('mark-milestone', 'Mark incident milestone', (editor, file) =>
		new MilestoneModal(app, (m) => {
			const refused = markMilestone(editor, file, plugin.settings.entryClock, m);
			if (refused) new Notice(`Milestone not marked: ${refused}.`);
		}).open(),
	);
	onRcaNote(
		'update-duration',
		'Update duration from timeline',
		(file) => void updateDuration(app, plugin.settings, file),
	);
	onRcaNote('resolve-related-links', 'Resolve related links', (file) =>
		new RelatedLinksModal(app, plugin.settings, file, () =>
			plugin.indexer.ready ? plugin.indexer.index.all() : null,
		).open(),
	);
	plugin.addCommand({
		id: 'convert-to-rca',
		name: 'Convert note to RCA format',
		checkCallback: (checking) => {
			const file = app.workspace.getActiveFile();
			// A note that reads as an incident and is not in the canonical layout yet: not a shopping list, and not
			// one converted already (converting again would nest the archived original).
			if (!file || file.extension !== 'md' || !plugin.indexer.isIncident(file)) return false;
			const headings = (app.metadataCache.getFileCache(file)?.headings ?? []).map((h) => h.heading);
			if (hasCanonicalHeadings(headings)) return false;
			if (!checking) void convertNote(app, file);
			return true;
		},
	});
}
