/**
 * Action items from every shape teams write them in: tables, task checkboxes (with Obsidian Tasks emoji and
 * Dataview fields), lists under an action heading, plain-text lines under a "tasks" label, and shared
 * `Owner:` / `Due Date:` lines that apply to the list around them.
 */
import { findDate, isoDate } from './datetime';
import { indentOf, inKind, isListItem, stripMarkdown, type NoteDocument, type Table } from './document';
import type { ActionItem } from './model';
import {
	ACTION_COLUMN,
	DONE_VALUES,
	DUE_COLUMN,
	OWNER_COLUMN,
	PRIORITY_COLUMN,
	STATUS_COLUMN,
	TICKET_COLUMN,
	TIME_COLUMN,
} from './vocabulary';

interface ItemDraft extends ActionItem {
	section: number;
}

const CHECKBOX = /^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+\[(.)\]\s+(.*)$/;
const BULLET = /^\s*(?:>\s*)*(?:[-*+•]|\d+[.)])\s+(.*)$/;
const OWNER_KEY = /^(?:owners?|assignees?|assigned to|responsible|dri|verantwortlich|responsable|responsabile|eigenaar)$/i;
const DUE_KEY = /^(?:due|due date|due by|deadline|target date|target|eta)\b/i;
// No lookbehind anywhere (iOS before 16.4 cannot compile one, and the plugin would not load): a prefix group instead.
const TICKET = /(?:^|[^\p{L}\p{N}-])(?!SEV-|P-)([A-Z][A-Z0-9]{1,9}-\d{1,7})(?![\p{L}\p{N}])/gu;
const TASKS_PRIORITY: Record<string, string> = { '🔺': 'Highest', '⏫': 'High', '🔼': 'Medium', '🔽': 'Low', '⏬': 'Lowest' };

/** Owner as a person's name: no @, no wikilink brackets, no folder. */
export function cleanOwner(s: string): string | null {
	let o = s.trim();
	const link = /^\[\[([^\]|]*?)(?:\|([^\]]*))?\]\]$/.exec(o);
	if (link) o = link[2] ?? link[1].split('/').pop() ?? link[1];
	o = stripMarkdown(o).replace(/^@/, '').replace(/[.,;]+$/, '').trim();
	if (o === '' || /^(?:-|—|n\/a|tbd|tba|none|unassigned|\?)$/i.test(o)) return null;
	return o;
}

function cleanDue(s: string): string | null {
	const d = findDate(stripMarkdown(s));
	return d ? isoDate(d) : null;
}

/** Anything the clean-up of an item's text would change (stripMarkdown has already collapsed and trimmed spaces). */
const LEFTOVERS = /[–—-]\s*(?:[,;)\]]|$)|[([]\s*[,;]*\s*[)\]]|[,;]\s*(?:[,;)\]]|$)|\s[,.;:!?]|^[\s,;:–—-]|[\s,;:–—-]$|\s\s/;

/** Reads annotations out of an item's text and returns what is left as the action. */
function parseItemText(raw: string): Pick<ActionItem, 'action' | 'owner' | 'due' | 'priority' | 'tickets'> & { done: boolean | null } {
	let s = raw;
	let owner: string | null = null;
	let due: string | null = null;
	let priority: string | null = null;
	let done: boolean | null = null;

	// Dataview inline fields: [due:: 2025-01-10], (owner:: @sam). Each rewrite below runs only when its marker is there.
	if (s.includes('::')) s = s.replace(/[[(]\s*([\w -]+?)::\s*([^\])]*)[\])]/g, (_m, k: string, v: string) => {
		const key = k.trim().toLowerCase();
		if (OWNER_KEY.test(key)) owner = cleanOwner(v) ?? owner;
		else if (DUE_KEY.test(key)) due = cleanDue(v) ?? due;
		else if (/^(?:priority|prio|pri)$/.test(key)) priority = v.trim() || priority;
		else if (/^(?:status|state)$/.test(key)) done = DONE_VALUES.test(v.trim());
		return ' ';
	});
	// Obsidian Tasks emoji: 📅 due, ⏳ scheduled, 🛫 start, ➕ created, ✅ done date, 🔁 recurrence, priorities.
	const emoji = /[\u2190-\u2bff\u{1f300}-\u{1faff}]/u.test(s);
	if (emoji) s = s.replace(/📅\s*(\d{4}-\d{2}-\d{2})/gu, (_m, d: string) => {
		due = cleanDue(d) ?? due;
		return ' ';
	});
	if (emoji) s = s.replace(/(?:⏳|🛫|➕|✅|❌)\s*\d{4}-\d{2}-\d{2}/gu, ' ');
	if (emoji) s = s.replace(/🔁[^📅⏳🛫➕✅❌🔺⏫🔼🔽⏬]*/gu, ' ');
	if (emoji) s = s.replace(/🔺|⏫|🔼|🔽|⏬/gu, (e: string) => {
		priority = priority ?? TASKS_PRIORITY[e];
		return ' ';
	});
	// "(owner: @sam)", "— owner: Sam", "assigned to Sam", "@sam".
	const lower = s.toLowerCase();
	if (/owner|assign|responsible/.test(lower)) s = s.replace(/[([]?\s*\b(?:owner|assignee|assigned to|responsible)\s*[:=-]?\s*(@?[\p{L}][\p{L}\p{N}._ -]*?)\s*(?=[)\],;]|$|\s+[-–—]|\s+(?:due|by)\b)[)\]]?/giu, (_m, o: string) => {
		owner = owner ?? cleanOwner(o);
		return ' ';
	});
	if (s.includes('@')) s = s.replace(/(^|[^\w.])@([\p{L}\p{N}._-]*[\p{L}\p{N}])/gu, (_m, pre: string, o: string) => {
		owner = owner ?? o;
		return `${pre} `;
	});
	// "(due 2025-03-01)", "due: March 3, 2025", "by 2025-03-01".
	if (/due|deadline|\bby\b/.test(lower) && /\d/.test(s)) s = s.replace(/[([]?\s*\b(?:due(?: date)?|deadline|by)\s*[:=]?\s*(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}\/\d{4}|[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4})\s*[)\]]?/giu, (m, d: string) => {
		const iso = cleanDue(d);
		if (!iso) return m;
		due = due ?? iso;
		return ' ';
	});
	// "Status: Done" written inline, as Jira exports do.
	if (/status|state/.test(lower)) s = s.replace(/(?:^|[(,;]|\s[–—-])\s*\b(?:status|state)\s*[:=]\s*([^,;)\]]+)/giu, (_m, v: string) => {
		done = DONE_VALUES.test(v.trim());
		return ' ';
	});
	// "P1:", "[P2]", "(P0)" at the start, or "(priority: high)".
	if (/\bp[0-4]\b/.test(lower)) s = s.replace(/^\s*[[(]?\b(P[0-4])\b[\])]?\s*[:–—-]?\s*/i, (_m, p: string) => {
		priority = priority ?? p.toUpperCase();
		return '';
	});
	if (lower.includes('prio')) s = s.replace(/[([]\s*(?:priority|prio)\s*[:=]\s*([^)\]]+)[)\]]/gi, (_m, p: string) => {
		priority = priority ?? p.trim();
		return ' ';
	});
	// Ticket keys: removed where they label the item (start, end, brackets), kept where a sentence needs them
	// ("until OPS-2311 is closed"); recorded either way.
	const tickets: string[] = [];
	if (/[A-Z][A-Z0-9]{1,9}-\d/.test(s)) {
		const KEY = String.raw`(?:\[\[)?\b([A-Z][A-Z0-9]{1,9}-\d{1,7})\b(?:\]\])?`;
		const take = (m: string, key: string): string => {
			if (/^(?:SEV|P)-/.test(key)) return m;
			if (!tickets.includes(key)) tickets.push(key);
			return ' ';
		};
		s = s.replace(new RegExp(String.raw`[([]\s*${KEY}\s*[)\]]`, 'g'), take);
		s = s.replace(new RegExp(String.raw`^\s*(?:\*\*|__)?${KEY}(?:\*\*|__)?\s*[:–—-]?`, 'g'), take);
		s = s.replace(new RegExp(String.raw`[–—-]?\s*(?:\*\*|__)?${KEY}(?:\*\*|__)?[.\s]*$`, 'g'), take);
		for (const m of s.matchAll(TICKET)) if (!/^(?:SEV|P)-/.test(m[1]) && !tickets.includes(m[1])) tickets.push(m[1]);
	}
	let action = stripMarkdown(s);
	// What removing annotations leaves behind: "— ,", "( , )", a dash at the end. One test says whether any of the
	// rewrites below has something to do; on most items none has.
	if (LEFTOVERS.test(action)) action = action
		.replace(/\s*[–—-]\s*(?=[,;)\]]|$)/g, '')
		.replace(/[([]\s*[,;]*\s*[)\]]/g, '')
		.replace(/[,;]\s*(?=[,;)\]]|$)/g, '')
		.replace(/\s+([,.;:!?])/g, '$1')
		.replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/g, '')
		.replace(/\(\s*\)|\[\s*\]/g, '')
		.replace(/\s+/g, ' ')
		.trim();
	return { action: action.includes(')') ? dropUnmatchedClosers(action) : action, owner, due, priority, tickets, done };
}

/** An item being collected, as a literal of one shape (spreads made slow dictionary-mode objects). */
function draft(p: ReturnType<typeof parseItemText>, done: boolean, line: number, section: number): ItemDraft {
	return { action: p.action, owner: p.owner, due: p.due, priority: p.priority, done, tickets: p.tickets, line, section };
}

/** "Make X )" → "Make X": a closer whose opener went with a removed annotation. */
function dropUnmatchedClosers(s: string): string {
	let depth = 0;
	let out = '';
	for (const c of s) {
		if (c === '(') depth++;
		if (c === ')') {
			if (depth === 0) continue;
			depth--;
		}
		out += c;
	}
	return out.replace(/\s+([,.;:!?])/g, '$1').trim();
}

function tableItems(doc: NoteDocument, t: Table): ItemDraft[] {
	const h = t.header;
	if (h.some((c) => TIME_COLUMN.test(c)) && !h.some((c) => OWNER_COLUMN.test(c) || DUE_COLUMN.test(c))) return [];
	let actionCol = h.findIndex((c) => ACTION_COLUMN.test(c));
	const ownerCol = h.findIndex((c) => OWNER_COLUMN.test(c));
	const dueCol = h.findIndex((c) => DUE_COLUMN.test(c));
	const priorityCol = h.findIndex((c) => PRIORITY_COLUMN.test(c));
	const statusCol = h.findIndex((c) => STATUS_COLUMN.test(c));
	const ticketCol = h.findIndex((c) => TICKET_COLUMN.test(c));
	const inActions = inKind(doc, t.start, 'actions');
	if (actionCol === -1) {
		// Under an action heading any table is the action list: its first column that is not metadata is the action.
		if (!inActions || h.length < 2) return [];
		const known = new Set([ownerCol, dueCol, priorityCol, statusCol, ticketCol]);
		actionCol = h.findIndex((c, i) => !known.has(i) && !/^(?:#|no\.?|id|nr)$/i.test(c.trim()));
		if (actionCol === -1) return [];
	} else if (!inActions && ownerCol === -1 && dueCol === -1 && statusCol === -1) {
		return [];
	}
	const out: ItemDraft[] = [];
	for (const r of t.rows) {
		const cell = (i: number): string => (i >= 0 ? (r.cells[i] ?? '') : '');
		let text = cell(actionCol);
		const box = /^\s*\[(.)\]\s*/.exec(text);
		if (box) text = text.slice(box[0].length);
		const parsed = parseItemText(text);
		if (parsed.action === '') continue;
		const status = stripMarkdown(cell(statusCol));
		// The SRE book writes "BUG-881 **DONE**" in the Bug column instead of a status column.
		const elsewhere = statusCol === -1 ? r.cells.filter((_c, i) => i !== actionCol).map((c) => stripMarkdown(c)).join(' ') : '';
		const markedDone = /\b(?:DONE|FIXED|CLOSED|COMPLETED?)\b/.test(elsewhere) ? true : null;
		const done = box ? box[1] !== ' ' : status !== '' ? DONE_VALUES.test(status) || /^\[[xX]\]$/.test(status) : (markedDone ?? parsed.done ?? false);
		const tickets = [...parsed.tickets];
		for (const m of stripMarkdown(cell(ticketCol)).matchAll(TICKET)) if (!tickets.includes(m[1])) tickets.push(m[1]);
		out.push({
			action: parsed.action,
			owner: cleanOwner(cell(ownerCol)) ?? parsed.owner,
			due: cleanDue(cell(dueCol)) ?? parsed.due,
			priority: stripMarkdown(cell(priorityCol)) || parsed.priority,
			done,
			tickets,
			line: doc.lines[r.index].n,
			section: doc.sectionOf[r.index],
		});
	}
	return out;
}

/** A line of running prose (wrapped, or a paragraph) rather than a one-line task. */
function isProse(doc: NoteDocument, i: number): boolean {
	const t = doc.lines[i].raw.trim();
	const next = doc.lines[i + 1]?.raw.trim() ?? '';
	if (t.length > 220) return true;
	if (!/[.!?)]$/.test(t) && next !== '' && /^\p{Ll}/u.test(next)) return true;
	return /^(?:in conclusion|overall|moving forward|to (?:prevent|mitigate|address)|by (?:implementing|taking)|the |this |these |we |our |it )/i.test(t) && !/^the (?:team|owner)s? (?:should|must|will) /i.test(t);
}

export function extractActionItems(doc: NoteDocument): ActionItem[] {
	const items: ItemDraft[] = [];
	for (const t of doc.tables) items.push(...tableItems(doc, t));
	const tableOf = doc.tableOf;

	// Sections under an action heading decide once whether they are lists (or tables) or plain task lines.
	const listSections = new Set<number>();
	for (let i = doc.bodyStart; i < doc.lines.length; i++) {
		if (doc.lines[i].code || !inKind(doc, i, 'actions')) continue;
		if (tableOf[i] !== -1 || isListItem(doc.lines[i].raw)) listSections.add(actionRoot(doc, i));
	}

	// `Owner:` / `Due Date:` lines in an action section: for the whole list, or for the item right above them.
	const assignments: { index: number; section: number; owner: string | null; due: string | null }[] = [];
	const sharedKv = new Set<number>();
	for (const kv of doc.keyValues) {
		if (!inKind(doc, kv.index, 'actions')) continue;
		const section = doc.sectionOf[kv.index];
		if (OWNER_KEY.test(kv.key)) {
			assignments.push({ index: kv.index, section, owner: cleanOwner(kv.value), due: null });
			sharedKv.add(kv.index);
		} else if (DUE_KEY.test(kv.key) || /^due date for\b/.test(kv.key)) {
			assignments.push({ index: kv.index, section, owner: null, due: cleanDue(kv.value) });
			sharedKv.add(kv.index);
		}
	}

	const plainStopped = new Set<number>();
	// Sections that have produced an item so far (a Set: checking the item list per prose line was quadratic).
	const sectionsWithItems = new Set<number>();
	let current: ItemDraft | null = null;
	let currentIndent = -1;
	for (let i = doc.bodyStart; i < doc.lines.length; i++) {
		const line = doc.lines[i];
		if (line.code || tableOf[i] !== -1) {
			current = null;
			continue;
		}
		const raw = line.raw;
		const indent = indentOf(raw);
		// A task checkbox needs a "[": most lines have none, and skip the pattern.
		const box = raw.includes('[') ? CHECKBOX.exec(raw) : null;
		if (box) {
			const parsed = parseItemText(box[2]);
			if (parsed.action !== '') {
				current = draft(parsed, box[1] !== ' ' && box[1] !== '/', line.n, doc.sectionOf[i]);
				currentIndent = indent;
				items.push(current);
				sectionsWithItems.add(current.section);
			}
			continue;
		}
		if (!inKind(doc, i, 'actions') || doc.headingAt.has(i) || sharedKv.has(i)) {
			if (raw.trim() === '' || doc.headingAt.has(i)) current = null;
			continue;
		}
		const root = actionRoot(doc, i);
		const bullet = BULLET.exec(raw);
		if (bullet) {
			// "- owner: @sam" under an item annotates it.
			if (current && indent > currentIndent) {
				const extra = parseItemText(bullet[1]);
				if (extra.action === '' || /^(?:owner|due|priority|status)\b/i.test(bullet[1].trim())) {
					current.owner = current.owner ?? extra.owner;
					current.due = current.due ?? extra.due;
					current.priority = current.priority ?? extra.priority;
					continue;
				}
			}
			const parsed = parseItemText(bullet[1]);
			if (parsed.action === '') continue;
			current = draft(parsed, parsed.done ?? false, line.n, doc.sectionOf[i]);
			currentIndent = indent;
			items.push(current);
			sectionsWithItems.add(current.section);
			continue;
		}
		const t = raw.trim();
		if (t === '') {
			current = null;
			continue;
		}
		if (listSections.has(root)) {
			if (current && indent > 0) current.action = `${current.action} ${stripMarkdown(t)}`.trim();
			continue;
		}
		// Plain-text reports: one task per line, until running prose follows the tasks.
		if (plainStopped.has(doc.sectionOf[i])) continue;
		if (isProse(doc, i)) {
			if (sectionsWithItems.has(doc.sectionOf[i])) plainStopped.add(doc.sectionOf[i]);
			// Skip the rest of this paragraph.
			while (i + 1 < doc.lines.length && doc.lines[i + 1].raw.trim() !== '' && !doc.headingAt.has(i + 1) && !/[.!?:]$/.test(doc.lines[i].raw.trim())) i++;
			current = null;
			continue;
		}
		// A label, or a line that is only a link or a URL, is not a task.
		if (/:$/.test(t) || /^(?:!?\[\[[^\]]*\]\]|https?:\S+|\[[^\]]*\]\([^)]*\))$/.test(t)) continue;
		const parsed = parseItemText(t);
		if (parsed.action === '') continue;
		current = draft(parsed, parsed.done ?? false, line.n, doc.sectionOf[i]);
		currentIndent = indent;
		items.push(current);
		sectionsWithItems.add(current.section);
	}

	applyAssignments(doc, items, assignments);
	items.sort((a, b) => a.line - b.line);
	// Literal objects of one shape (a rest-spread here made slow, large dictionary-mode objects).
	return items.map((it) => ({ action: it.action, owner: it.owner, due: it.due, priority: it.priority, done: it.done, tickets: it.tickets, line: it.line }));
}

/**
 * Owner / Due lines between items belong to the item above them ("1. Do X / Owner: A / Due Date: …");
 * lines before or after the whole list apply to every item in their section that names none itself.
 */
function applyAssignments(doc: NoteDocument, items: ItemDraft[], assignments: { index: number; section: number; owner: string | null; due: string | null }[]): void {
	const bySection = new Map<number, typeof assignments>();
	for (const a of assignments) bySection.set(a.section, [...(bySection.get(a.section) ?? []), a]);
	for (const [section, list] of bySection) {
		const own = items.filter((it) => it.section === section);
		const lineOf = (a: { index: number }): number => doc.lines[a.index].n;
		const interleaved = list.some((a) => own.some((it) => it.line < lineOf(a)) && own.some((it) => it.line > lineOf(a)));
		if (interleaved) {
			for (const a of list) {
				const above = own.filter((it) => it.line < lineOf(a)).pop();
				if (!above) continue;
				above.owner = above.owner ?? a.owner;
				above.due = above.due ?? a.due;
			}
			continue;
		}
		const owner = list.find((a) => a.owner)?.owner ?? null;
		const due = list.find((a) => a.due)?.due ?? null;
		for (const it of items) {
			for (let s = it.section; s > 0; s = doc.sections[s].parent) {
				if (s !== section) continue;
				it.owner = it.owner ?? owner;
				it.due = it.due ?? due;
			}
		}
	}
}

/** The outermost enclosing section that is about actions: where the list-or-lines decision is made. */
function actionRoot(doc: NoteDocument, i: number): number {
	let s = doc.sectionOf[i];
	while (doc.sections[s].parent > 0 && doc.sections[doc.sections[s].parent].kinds.includes('actions')) s = doc.sections[s].parent;
	return s;
}
