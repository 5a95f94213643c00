/** "Add timeline entry": a row for now at the end of the note's timeline, through the editor (one undo step). */
import { parseYaml, type Editor, type TFile } from 'obsidian';
import { timelineEntry, type EntryTime } from '../core/write/timeline-entry';
import type { EntryClock } from './settings';

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
	const e = timelineEntry(editor.getValue(), entryTime(clock, now), { path: file.path, parseYaml });
	editor.transaction({ changes: [{ from: e.at, text: e.insert }], selection: { from: e.cursor } });
}
