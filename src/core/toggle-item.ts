/**
 * Ticking an action item done (or open again) in its source note: only the item's own line changes, in the way
 * that line already records status — a checkbox, a table Status cell, or a checkbox added where there was none.
 */
import { splitTableRow, tableCellSpans } from './document';
import { STATUS_COLUMN } from './vocabulary';

const CHECKBOX = /^(\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+\[)(.)(\])/;
const BULLET = /^(\s*(?:>\s*)*(?:[-*+•]|\d+[.)])\s+)/;

function replaceCell(line: string, span: { start: number; end: number }, value: string): string {
	const old = line.slice(span.start, span.end);
	const lead = /^\s*/.exec(old)?.[0] ?? ' ';
	const trail = /\s*$/.exec(old)?.[0] ?? ' ';
	return line.slice(0, span.start) + (lead || ' ') + value + (trail || ' ') + line.slice(span.end);
}

/**
 * The note's text with item `line` (1-based) marked done or open.
 * Returns the text unchanged when the line is not an action item line.
 */
export function setActionItemDone(text: string, line: number, done: boolean): string {
	const lines = text.split(/\r\n|\n|\r/);
	const idx = line - 1;
	if (idx < 0 || idx >= lines.length) return text;
	const cur = lines[idx];
	let next = cur;
	const box = CHECKBOX.exec(cur);
	if (box) {
		next = cur.slice(0, box[1].length) + (done ? 'x' : ' ') + cur.slice(box[1].length + 1);
	} else if (cur.trim().startsWith('|')) {
		// Find the header: the first line of this table (the one above the |---| separator).
		let h = idx;
		while (h > 0 && lines[h - 1].trim().startsWith('|')) h--;
		const header = splitTableRow(lines[h]).map((c) => c.replace(/[*_`]/g, '').trim());
		const spans = tableCellSpans(cur);
		const statusCol = header.findIndex((c) => STATUS_COLUMN.test(c));
		if (statusCol !== -1 && spans[statusCol]) {
			next = replaceCell(cur, spans[statusCol], done ? 'Done' : 'Open');
		} else {
			// No status column: a checkbox at the start of the action cell records it.
			const actionCol = Math.max(0, header.findIndex((c) => /^(?:action|task|follow|item|what|to-?do)/i.test(c)));
			const span = spans[actionCol];
			if (span) {
				const cell = cur.slice(span.start, span.end);
				const trimmed = cell.trim().replace(/^\[.\]\s*/, '');
				next = replaceCell(cur, span, `${done ? '[x]' : '[ ]'} ${trimmed}`);
			}
		}
	} else if (BULLET.test(cur)) {
		const b = BULLET.exec(cur) as RegExpExecArray;
		next = `${b[1]}[${done ? 'x' : ' '}] ${cur.slice(b[1].length)}`;
	} else if (cur.trim() !== '') {
		// A plain-text task line becomes a task.
		const indent = /^\s*/.exec(cur)?.[0] ?? '';
		next = `${indent}- [${done ? 'x' : ' '}] ${cur.slice(indent.length)}`;
	}
	// An inline "Status: In Progress" (Jira exports) follows the tick, so the line does not contradict itself.
	if (!cur.trim().startsWith('|')) next = next.replace(/(\bstatus\s*[:=]\s*)([^,;)\]]+?)(\s*(?:[,;)\]]|$))/i, `$1${done ? 'Done' : 'Open'}$3`);
	if (next === cur) return text;
	// Rebuild with the original separators so every other byte is unchanged.
	const parts = text.split(/(\r\n|\n|\r)/);
	parts[idx * 2] = next;
	return parts.join('');
}
