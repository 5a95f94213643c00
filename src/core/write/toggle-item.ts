/**
 * Ticking an action item done (or open again) in its source note. Only the item's status changes, in the way its
 * line already records it: the checkbox character, a table row's Status cell, or a checkbox added to a list item or
 * to the action cell of a table without a status column. Whatever the item's text holds ("status:", pipes, quotes),
 * nothing else of the line changes, and a line that cannot be changed in place (a plain line, a quote or callout) is
 * refused, never rewritten into something else. The item is found by what it is (text, owner, due), not by its line
 * alone, and the result is checked by parsing it again: any change besides the item's done state is refused.
 */
import { actionColumns } from '../read/actions';
import { BULLET_ITEM, CELL_BOX, CHECKBOX_ITEM } from '../format/markers';
import { inKind, type NoteDocument } from '../read/document';
import { tableCellSpans } from '../text/markdown';
import type { ActionItem, Incident } from '../model';
import { parseIncident, readDocument } from '../read/parse';
import { replaceLine, type WriteResult } from './write-result';
import { BUILT_IN_LEXICON, type Lexicon } from '../format/lexicon';

/** What identifies an action item the user sees: its text, owner and due date, and the line it was read from. */
export interface ItemIdentity {
	action: string;
	owner: string | null;
	due: string | null;
	line: number;
}

function sameItem(a: ActionItem, b: ItemIdentity): boolean {
	return a.action === b.action && a.owner === b.owner && a.due === b.due;
}

function quoted(s: string): string {
	return `"${s.length > 60 ? s.slice(0, 59) + '…' : s}"`;
}

/** A cell's content replaced, its padding kept (a space added next to a pipe where the cell had none). */
function withCell(line: string, span: { start: number; end: number }, value: string): string {
	const old = line.slice(span.start, span.end);
	const body = old.trim();
	const lead = body === '' ? '' : old.slice(0, old.length - old.trimStart().length);
	const trail = body === '' ? '' : old.slice(old.trimEnd().length);
	const before = lead || (line[span.start - 1] === '|' ? ' ' : '');
	const after = trail || (line[span.end] === '|' ? ' ' : '');
	return line.slice(0, span.start) + before + value + after + line.slice(span.end);
}

/** The item's line with its status set, or why that line cannot be changed in place. */
function tickedLine(doc: NoteDocument, index: number, line: string, done: boolean): string | { refused: string } {
	const t = doc.tableOf[index];
	if (t !== -1) {
		const table = doc.tables[t];
		const cols = actionColumns(table.header, inKind(doc, table.start, 'actions'), doc.lexicon);
		const spans = tableCellSpans(line);
		if (cols === null || index < table.start + 2) return { refused: 'its table is not one of action items' };
		const status = cols.status >= 0 ? spans[cols.status] : undefined;
		if (status) {
			const cell = line.slice(status.start, status.end).trim();
			// A status cell holding a checkbox keeps being one.
			if (/^\[.\]$/.test(cell)) return withCell(line, status, done ? '[x]' : '[ ]');
			return withCell(line, status, done ? 'Done' : 'Open');
		}
		const action = spans[cols.action];
		if (!action) return { refused: 'its row has no action cell' };
		const cell = line.slice(action.start, action.end);
		const box = CELL_BOX.exec(cell);
		if (box) {
			const at = action.start + cell.indexOf('[') + 1;
			return line.slice(0, at) + (done ? 'x' : ' ') + line.slice(at + 1);
		}
		// No status column: a checkbox at the start of the action cell records it (the parser reads it there).
		const at = action.start + (cell.length - cell.trimStart().length);
		const lead = at === action.start ? ' ' : '';
		return `${line.slice(0, at)}${lead}[${done ? 'x' : ' '}] ${line.slice(at)}`;
	}
	const box = CHECKBOX_ITEM.exec(line);
	if (box) {
		const at = box[0].lastIndexOf('[') + 1;
		return line.slice(0, at) + (done ? 'x' : ' ') + line.slice(at + 1);
	}
	const bullet = BULLET_ITEM.exec(line);
	if (bullet) return `${bullet[0]}[${done ? 'x' : ' '}] ${line.slice(bullet[0].length)}`;
	return { refused: 'it is written as a plain line, not as a task, list item or table row' };
}

/** The parse of a note with the problems that depend on an item's done state (no owner, no due date) left out. */
function comparable(i: Incident, line: number): string {
	const problems = i.problems.filter(
		(p) => p.line !== line || (p.code !== 'action-item-no-owner' && p.code !== 'action-item-no-due'),
	);
	return JSON.stringify({
		...i,
		problems,
		actionItems: i.actionItems.map((a) => (a.line === line ? { ...a, done: null } : a)),
	});
}

/** The note's text with the item marked done or open, or why it was not changed. */
export function tickActionItem(
	text: string,
	item: ItemIdentity,
	done: boolean,
	lexicon: Lexicon = BUILT_IN_LEXICON,
): WriteResult {
	const before = parseIncident(text, { lexicon });
	const same = before.actionItems.filter((a) => sameItem(a, item));
	const found = same.find((a) => a.line === item.line) ?? (same.length === 1 ? same[0] : null);
	if (!found) {
		return {
			ok: false,
			reason:
				same.length === 0
					? `${quoted(item.action)} is no longer in the note as it was`
					: `${quoted(item.action)} moved, and the note has it ${same.length} times`,
		};
	}
	if (found.done === done) return { ok: true, text, changed: false };
	const { lines, doc } = readDocument(text, lexicon);
	const index = found.line - 1;
	const next = tickedLine(doc, index, lines[index], done);
	if (typeof next !== 'string')
		return { ok: false, reason: `${quoted(item.action)} cannot be ticked in place: ${next.refused}` };
	const out = replaceLine(text, index, next);
	// Read back: the item must be there, in the new state, and nothing else of the note may have changed.
	const after = parseIncident(out, { lexicon });
	const now = after.actionItems.find((a) => a.line === found.line);
	if (!now || now.done !== done || comparable(after, found.line) !== comparable(before, found.line)) {
		return {
			ok: false,
			reason: `${quoted(item.action)} cannot be ticked in place without changing how the note reads`,
		};
	}
	return { ok: true, text: out, changed: true };
}
