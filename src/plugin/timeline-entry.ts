/**
 * Logging an incident as it happens, through the editor (one undo step each): "Add timeline entry" (a row for now at
 * the end of the note's timeline) and "Mark incident milestone" (a row that says so and its `*_at` field).
 */
import { parseYaml, SuggestModal, type App, type Editor, type TFile } from 'obsidian';
import { isoDateTime } from '../core/time/date-times';
import {
	MARKED_MILESTONES,
	milestoneChanges,
	timelineEntry,
	type EntryTime,
	type MarkedMilestone,
} from '../core/write/timeline-entry';
import type { EntryClock } from './settings';
import { pluginLexicon } from './words';

/** Now, as the clock the settings name shows it. */
export function entryTime(clock: EntryClock, now: Date = new Date()): EntryTime {
	const utc = clock === 'utc';
	return {
		date: utc
			? { y: now.getUTCFullYear(), m: now.getUTCMonth() + 1, d: now.getUTCDate() }
			: { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() },
		time: { h: utc ? now.getUTCHours() : now.getHours(), mi: utc ? now.getUTCMinutes() : now.getMinutes(), s: null },
		utc,
	};
}

/** Inserts the row in one editor transaction and leaves the cursor where its text goes. */
export function addTimelineEntry(editor: Editor, file: TFile, clock: EntryClock, now: Date = new Date()): void {
	const e = timelineEntry(editor.getValue(), entryTime(clock, now), {
		path: file.path,
		parseYaml,
		lexicon: pluginLexicon(),
	});
	editor.transaction({ changes: [{ from: e.at, text: e.insert }], selection: { from: e.cursor } });
}

/** Now as an ISO 8601 instant in the clock of the settings: "2025-03-04T10:42+01:00", "…T09:42Z". */
export function instantNow(clock: EntryClock, now: Date = new Date()): string {
	const t = entryTime(clock, now);
	return isoDateTime(t.date, t.time, clock === 'utc' ? 0 : -now.getTimezoneOffset());
}

/**
 * Marks a milestone now: a row that says so and its `*_at` field, in one editor transaction (one undo step). The
 * note is open in the editor, so both go through it rather than the file: a write to the file would race the
 * editor's own unsaved text. Returns why nothing was written, or null.
 */
export function markMilestone(
	editor: Editor,
	file: TFile,
	clock: EntryClock,
	milestone: MarkedMilestone,
	now: Date = new Date(),
): string | null {
	const changes = milestoneChanges(
		editor.getValue(),
		entryTime(clock, now),
		instantNow(clock, now),
		milestone,
		parseYaml,
		{ path: file.path, lexicon: pluginLexicon() },
	);
	if (!changes) return 'the frontmatter could not be written safely';
	editor.transaction({ changes: changes.changes, selection: { from: changes.cursor } });
	return null;
}

/** The suggester of the milestones to mark. */
export class MilestoneModal extends SuggestModal<MarkedMilestone> {
	constructor(
		app: App,
		private readonly choose: (m: MarkedMilestone) => void,
	) {
		super(app);
		this.setPlaceholder('Which milestone was reached now?');
	}

	getSuggestions(query: string): MarkedMilestone[] {
		const q = query.trim().toLowerCase();
		return MARKED_MILESTONES.filter((m) => m.row.toLowerCase().includes(q));
	}

	renderSuggestion(m: MarkedMilestone, el: HTMLElement): void {
		el.createDiv({ text: m.row });
		el.createEl('small', { text: `Adds a timeline row and ${m.key}` });
	}

	onChooseSuggestion(m: MarkedMilestone): void {
		this.choose(m);
	}
}
