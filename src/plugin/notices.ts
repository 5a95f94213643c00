/** What the user is told when a write to a note fails: what was not saved, and the reason the vault gave. */
import { Notice } from 'obsidian';

export function noticeWriteFailure(what: string, error: unknown): void {
	const reason = error instanceof Error ? error.message : String(error);
	new Notice(`${what}: the note was not saved (${reason.split('\n')[0]}).`);
	console.error(`Incident RCA: ${what}`, error);
}
