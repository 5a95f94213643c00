/**
 * Action items from every shape teams write them in: tables, task checkboxes (with Obsidian Tasks emoji and
 * Dataview fields), lists under an action heading, plain-text lines under a "tasks" label, and shared
 * `Owner:` / `Due Date:` lines that apply to the list around them.
 */
import { CELL_BOX } from '../format/markers';
import { collapseWhitespace, oneOf, trimChars, trimEndWhere } from '../text/chars';
import { findDate } from '../time/date-times';
import { isoDate } from '../time/dates';
import { inKind, isListLine, isTitledItem, type NoteDocument, type Table } from './document';
import { indentOf, stripMarkdown } from '../text/markdown';
import type { ActionItem } from '../model';
import { CHECKLIST_HEADING, COMMITMENT, TASK_LABEL, DONE_VALUES, DUE_KEY, OWNER_KEY } from '../format/vocabulary';
import { BUILT_IN_LEXICON, type Lexicon } from '../format/lexicon';

interface ItemDraft extends ActionItem {
	section: number;
}

// No lookbehind anywhere (iOS before 16.4 cannot compile one, and the plugin would not load): a prefix group instead.
const TICKET = /(?:^|[^\p{L}\p{N}-])(?!SEV-|P-)([A-Z][A-Z0-9]{1,9}-\d{1,7})(?![\p{L}\p{N}])/gu;
const TASKS_PRIORITY: Record<string, string> = {
	'🔺': 'Highest',
	'⏫': 'High',
	'🔼': 'Medium',
	'🔽': 'Low',
	'⏬': 'Lowest',
};

/** Owner as a person's name: no @, no wikilink brackets, no folder. */
export function cleanOwner(s: string): string | null {
	let o = s.trim();
	const link = /^\[\[([^\]|]*?)(?:\|([^\]]*))?\]\]$/.exec(o);
	if (link) o = link[2] ?? link[1].split('/').pop() ?? link[1];
	o = trimEndWhere(stripMarkdown(o).replace(/^@/, ''), END_PUNCTUATION).trim();
	if (o === '' || /^(?:-|—|n\/a|tbd|tba|none|unassigned|\?)$/i.test(o)) return null;
	return o;
}

const END_PUNCTUATION = oneOf('.,;');

function cleanDue(s: string): string | null {
	const d = findDate(stripMarkdown(s));
	return d ? isoDate(d) : null;
}

/**
 * Anything the clean-up of an item's text would change. The text has been through stripMarkdown, so its spaces are
 * single: every gap below is ` ?`, never `\s*` (which backtracks quadratically over a long run of spaces).
 */
const LEFTOVERS =
	/[–—-] ?(?:[,;)\]]|$)|[([] ?[,;]{0,8} ?[)\]]|[,;] ?(?:[,;)\]]|$)| [,.;:!?]|^[ ,;:–—-]|[ ,;:–—-]$| {2}/;

// The annotations, over text whose whitespace is single spaces (see parseItemText). Each is bounded: a name, a value
// or a key is short, so a long line costs each pattern one bounded look per place it can start.
const DATAVIEW_FIELD = /[[(] ?([\w -]{1,40}?) ?:: ?([^[\]()]{0,200})[\])]/g;
const OWNER_WORD = /owner|assign|responsible/;
const OWNER_FIELD =
	// linear: bounded — a name of at most 61 characters after each owner word.
	/[([]? ?\b(?:owner|assignee|assigned to|responsible) ?[:=-]? ?(@?[\p{L}][\p{L}\p{N}._ -]{0,60}?) ?(?=[)\],;]|$| [-–—]| (?:due|by)\b)[)\]]?/giu;
const HANDLE = /(^|[^\w.])@([\p{L}\p{N}._-]{0,60}[\p{L}\p{N}])/gu;
const DUE_FIELD =
	/[([]? ?\b(?:due(?: date)?|deadline|by) ?[:=]? ?(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}\/\d{4}|[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}) ?[)\]]?/giu;
const STATUS_FIELD = /(?:^|[(,;]| [–—-]) ?\b(?:status|state) ?[:=] ?([^,;)\]]{1,40})/giu;
/**
 * A status or completion estimate in brackets at the end: "(Completed)", "[in progress]", "(Estimated completion:
 * December 2024)", "(ETA: 2025-03-01)". Group 1 a status word, group 2 the estimate.
 */
const TRAILING_STATUS =
	/ ?[([] ?(?:(completed?|done|fixed|shipped|resolved|closed|in progress|ongoing|planned|not started|open|to ?do|pending)|(?:estimated completion|expected completion|eta|target(?: date)?) ?[:=-]? ?([^()[\]]{1,40}?)) ?[)\]][.;]?$/i;
const LEADING_PRIORITY = /^ ?[[(]?\b(P[0-4])\b[\])]? ?[:–—-]? ?/i;
const PRIORITY_FIELD = /[([] ?(?:priority|prio) ?[:=] ?([^()[\]]{1,40})[)\]]/gi;
const TICKET_KEY = String.raw`(?:\[\[)?\b([A-Z][A-Z0-9]{1,9}-\d{1,7})\b(?:\]\])?`;
const TICKET_IN_BRACKETS = new RegExp(String.raw`[([] ?${TICKET_KEY} ?[)\]]`, 'g');
const TICKET_AT_START = new RegExp(String.raw`^ ?(?:\*\*|__)?${TICKET_KEY}(?:\*\*|__)? ?[:–—-]?`);
const TICKET_AT_END = new RegExp(String.raw`[–—-]? ?(?:\*\*|__)?${TICKET_KEY}(?:\*\*|__)?[. ]{0,3}$`);

/** What an item's annotations say, filled in as each kind is read out of its text. */
interface Annotations {
	owner: string | null;
	due: string | null;
	priority: string | null;
	done: boolean | null;
}

/** Dataview inline fields: [due:: 2025-01-10], (owner:: @sam). */
function takeDataviewFields(s: string, found: Annotations): string {
	if (!s.includes('::')) return s;
	return s.replace(DATAVIEW_FIELD, (_m, k: string, v: string) => {
		const key = k.trim().toLowerCase();
		if (OWNER_KEY.test(key)) found.owner = cleanOwner(v) ?? found.owner;
		else if (DUE_KEY.test(key)) found.due = cleanDue(v) ?? found.due;
		else if (/^(?:priority|prio|pri)$/.test(key)) found.priority = v.trim() || found.priority;
		else if (/^(?:status|state)$/.test(key)) found.done = DONE_VALUES.test(v.trim());
		return ' ';
	});
}

/** Obsidian Tasks emoji: 📅 due, ⏳ scheduled, 🛫 start, ➕ created, ✅ done date, 🔁 recurrence, priorities. */
function takeTasksEmoji(s: string, found: Annotations): string {
	if (!/[\u2190-\u2bff\u{1f300}-\u{1faff}]/u.test(s)) return s;
	let out = s.replace(/📅 ?(\d{4}-\d{2}-\d{2})/gu, (_m, d: string) => {
		found.due = cleanDue(d) ?? found.due;
		return ' ';
	});
	out = out.replace(/(?:⏳|🛫|➕|✅|❌) ?\d{4}-\d{2}-\d{2}/gu, ' ');
	out = out.replace(/🔁[^📅⏳🛫➕✅❌🔺⏫🔼🔽⏬]*/gu, ' ');
	return out.replace(/🔺|⏫|🔼|🔽|⏬/gu, (e: string) => {
		found.priority = found.priority ?? TASKS_PRIORITY[e];
		return ' ';
	});
}

/**
 * The written annotations: "(owner: @sam)", "— owner: Sam", "assigned to Sam", "@sam"; "(due 2025-03-01)", "due:
 * March 3, 2025", "by 2025-03-01"; "Status: Done" inline, as Jira exports write it; "P1:", "[P2]", "(P0)" at the
 * start, or "(priority: high)". Each rewrite runs only when its marker is there.
 */
function takeWrittenFields(s: string, found: Annotations): string {
	const lower = s.toLowerCase();
	let out = s;
	if (OWNER_WORD.test(lower))
		out = out.replace(OWNER_FIELD, (_m, o: string) => {
			found.owner = found.owner ?? cleanOwner(o);
			return ' ';
		});
	if (out.includes('@')) {
		// The first handle is the owner; every handle goes from the text (a replacement string, not a call per handle).
		HANDLE.lastIndex = 0;
		const first = HANDLE.exec(out);
		HANDLE.lastIndex = 0;
		if (first) {
			found.owner = found.owner ?? first[2];
			out = out.replace(HANDLE, '$1 ');
		}
	}
	if (/due|deadline|\bby\b/.test(lower) && /\d/.test(out))
		out = out.replace(DUE_FIELD, (m, d: string) => {
			const iso = cleanDue(d);
			if (!iso) return m;
			found.due = found.due ?? iso;
			return ' ';
		});
	if (/status|state/.test(lower))
		out = out.replace(STATUS_FIELD, (_m, v: string) => {
			found.done = DONE_VALUES.test(v.trim());
			return ' ';
		});
	if (out.endsWith(')') || out.endsWith(']') || out.endsWith(').') || out.endsWith('].'))
		out = out.replace(TRAILING_STATUS, (_m, status: string | undefined, estimate: string | undefined) => {
			if (status) found.done = found.done ?? DONE_VALUES.test(status);
			if (estimate) found.due = found.due ?? cleanDue(estimate);
			return '';
		});
	if (/\bp[0-4]\b/.test(lower))
		out = out.replace(LEADING_PRIORITY, (_m, p: string) => {
			found.priority = found.priority ?? p.toUpperCase();
			return '';
		});
	if (lower.includes('prio'))
		out = out.replace(PRIORITY_FIELD, (_m, p: string) => {
			found.priority = found.priority ?? p.trim();
			return ' ';
		});
	return out;
}

/**
 * Ticket keys: removed where they label the item (start, end, brackets), kept where a sentence needs them ("until
 * OPS-2311 is closed"); recorded either way, each once (a set: an item may hold thousands of them).
 */
function takeTickets(s: string): { text: string; tickets: string[] } {
	const tickets: string[] = [];
	if (!/[A-Z][A-Z0-9]{1,9}-\d/.test(s)) return { text: s, tickets };
	const listed = new Set<string>();
	const note = (key: string): void => {
		if (listed.has(key)) return;
		listed.add(key);
		tickets.push(key);
	};
	const take = (m: string, key: string): string => {
		if (/^(?:SEV|P)-/.test(key)) return m;
		note(key);
		return ' ';
	};
	let text = collapseWhitespace(s.replace(TICKET_IN_BRACKETS, take));
	text = collapseWhitespace(text.replace(TICKET_AT_START, take));
	text = text.replace(TICKET_AT_END, take);
	for (const m of text.matchAll(TICKET)) if (!/^(?:SEV|P)-/.test(m[1])) note(m[1]);
	return { text, tickets };
}

/**
 * What removing annotations leaves behind: "— ,", "( , )", a dash at the end. One test says whether any of the
 * rewrites has something to do; on most items none has. Each step works on single spaces again.
 */
function tidyAction(text: string): string {
	let action = text;
	if (LEFTOVERS.test(action)) {
		action = collapseWhitespace(action.replace(/ ?[–—-] ?(?=[,;)\]]|$)/g, ''));
		action = collapseWhitespace(action.replace(/[([] ?[,;]{0,8} ?[)\]]/g, ''));
		action = collapseWhitespace(action.replace(/[,;] ?(?=[,;)\]]|$)/g, ''));
		action = action.replace(/ ([,.;:!?])/g, '$1');
		action = trimChars(action, ',;:–—-', true);
		action = collapseWhitespace(action.replace(/\( ?\)|\[ ?\]/g, ''));
	}
	return action.includes(')') ? dropUnmatchedClosers(action) : action;
}

const CHECK_MARK = /^(?:✅|✔️?|☑️?) ?/u;

/** Reads annotations out of an item's text and returns what is left as the action. */
function parseItemText(
	raw: string,
): Pick<ActionItem, 'action' | 'owner' | 'due' | 'priority' | 'tickets'> & { done: boolean | null } {
	const found: Annotations = { owner: null, due: null, priority: null, done: null };
	// Single spaces from the start: the annotation patterns need no unbounded gaps (the action is collapsed anyway).
	let s = collapseWhitespace(raw);
	// A check mark before the text: "✅ Adding integration tests" is done.
	const mark = CHECK_MARK.exec(s);
	if (mark) {
		found.done = true;
		s = s.slice(mark[0].length);
	}
	// "~~Announce migrations~~": struck through, the task is done.
	if (s.startsWith('~~')) {
		const close = s.indexOf('~~', 2);
		if (close > 2) {
			found.done = true;
			s = s.slice(2, close) + s.slice(close + 2);
		}
	}
	s = takeDataviewFields(s, found);
	s = takeTasksEmoji(s, found);
	s = takeWrittenFields(s, found);
	const { text, tickets } = takeTickets(s);
	const action = tidyAction(stripMarkdown(text));
	return { action, owner: found.owner, due: found.due, priority: found.priority, tickets, done: found.done };
}

/** A line before a list that says its items are done ("The following action items are already completed:"). */
const DONE_LEAD = /\b(?:already|have been|has been|were|was) (?:completed|done|implemented|fixed|shipped|in place)\b/i;

/** A heading above that says its items are done: "Immediate actions (completed)", "Done", "Completed actions". */
const DONE_HEADING = /\((?:completed|done|finished|closed)\)|^(?:completed|done|finished)\b/i;

function doneBySection(doc: NoteDocument, section: number): boolean {
	for (let s = section; s > 0; s = doc.sections[s].parent) if (DONE_HEADING.test(doc.sections[s].title)) return true;
	return false;
}

/** An item being collected, as a literal of one shape (spreads made slow dictionary-mode objects). */
function draft(p: ReturnType<typeof parseItemText>, done: boolean, line: number, section: number): ItemDraft {
	return {
		action: p.action,
		owner: p.owner,
		due: p.due,
		priority: p.priority,
		done,
		tickets: p.tickets,
		line,
		section,
	};
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
	return collapseWhitespace(out).replace(/ ([,.;:!?])/g, '$1');
}

/** Which column of an action-item table holds what (-1: none). */
export interface ActionColumns {
	action: number;
	owner: number;
	due: number;
	priority: number;
	status: number;
	ticket: number;
}

/**
 * The columns of a table of action items, or null when the table is not one: a timeline table is not, a table with an
 * action column is when it is under an action heading or has an owner, due or status column, and under an action
 * heading any table is, its first column that is not metadata being the action. (The parser and the tick share this.)
 */
export function actionColumns(
	header: readonly string[],
	inActions: boolean,
	lexicon: Lexicon = BUILT_IN_LEXICON,
): ActionColumns | null {
	const h = header;
	const col = lexicon.columns;
	if (h.some((c) => col.time.test(c)) && !h.some((c) => col.owner.test(c) || col.due.test(c))) return null;
	const cols: ActionColumns = {
		action: h.findIndex((c) => col.action.test(c)),
		owner: h.findIndex((c) => col.owner.test(c)),
		due: h.findIndex((c) => col.due.test(c)),
		priority: h.findIndex((c) => col.priority.test(c)),
		status: h.findIndex((c) => col.status.test(c)),
		ticket: h.findIndex((c) => col.ticket.test(c)),
	};
	if (cols.action === -1) {
		if (!inActions || h.length < 2) return null;
		const known = new Set([cols.owner, cols.due, cols.priority, cols.status, cols.ticket]);
		cols.action = h.findIndex((c, i) => !known.has(i) && !/^(?:#|no\.?|id|nr)$/i.test(c.trim()));
		if (cols.action === -1) return null;
	} else if (!inActions && cols.owner === -1 && cols.due === -1 && cols.status === -1) {
		return null;
	}
	return cols;
}

/** A checkbox at the start of a table cell: `[x] Fix the alert`. */

function tableItems(doc: NoteDocument, t: Table): ItemDraft[] {
	const cols = actionColumns(t.header, inKind(doc, t.start, 'actions'), doc.lexicon);
	if (cols === null) return [];
	const {
		action: actionCol,
		owner: ownerCol,
		due: dueCol,
		priority: priorityCol,
		status: statusCol,
		ticket: ticketCol,
	} = cols;
	const out: ItemDraft[] = [];
	for (const r of t.rows) {
		const cell = (i: number): string => (i >= 0 ? (r.cells[i] ?? '') : '');
		let text = cell(actionCol);
		const box = CELL_BOX.exec(text);
		if (box) text = text.slice(box[0].length);
		const parsed = parseItemText(text);
		if (parsed.action === '') continue;
		const status = stripMarkdown(cell(statusCol));
		// The SRE book writes "BUG-881 **DONE**" in the Bug column instead of a status column.
		const elsewhere =
			statusCol === -1
				? r.cells
						.filter((_c, i) => i !== actionCol)
						.map((c) => stripMarkdown(c))
						.join(' ')
				: '';
		const markedDone = /\b(?:DONE|FIXED|CLOSED|COMPLETED?)\b/.test(elsewhere) ? true : null;
		const done = box
			? box[1] !== ' '
			: status !== ''
				? DONE_VALUES.test(status) || /^\[[xX]\]$/.test(status)
				: (markedDone ?? parsed.done ?? false);
		const tickets = [...parsed.tickets];
		const listed = new Set(tickets);
		for (const m of stripMarkdown(cell(ticketCol)).matchAll(TICKET)) {
			if (listed.has(m[1])) continue;
			listed.add(m[1]);
			tickets.push(m[1]);
		}
		out.push({
			action: parsed.action,
			owner: cleanOwner(cell(ownerCol)) ?? parsed.owner,
			due: cleanDue(cell(dueCol)) ?? parsed.due,
			priority: stripMarkdown(cell(priorityCol)) || parsed.priority,
			done,
			tickets,
			line: r.index + 1,
			section: doc.sectionOf[r.index],
		});
	}
	return out;
}

/**
 * A paragraph that commits to doing something ("Cloud Platform will re-iterate …"), however long, wrapped over
 * lines or not: one task, its text the whole sentence. A paragraph that ends with a colon introduces what follows.
 */
function commitmentAt(doc: NoteDocument, i: number): { text: string; last: number } | null {
	let text = doc.lines[i].raw.trim();
	const stop = text.indexOf('. ');
	if (!COMMITMENT.test(stop === -1 ? text : text.slice(0, stop))) return null;
	let last = i;
	while (!/[.!?:]$/.test(text) && last + 1 < doc.lines.length) {
		const next = doc.lines[last + 1];
		if (next.kind !== 'prose') break;
		text = `${text} ${next.raw.trim()}`;
		last++;
	}
	return text.endsWith(':') ? null : { text, last };
}

/** The sections (sub-sections included) whose heading names a process checklist (CHECKLIST_HEADING). */
function checklistSections(doc: NoteDocument): Set<number> {
	const out = new Set<number>();
	for (let s = 1; s < doc.sections.length; s++) {
		const sec = doc.sections[s];
		if (out.has(sec.parent) || CHECKLIST_HEADING.test(sec.name)) out.add(s);
	}
	return out;
}

/** A line of running prose (wrapped, or a paragraph) rather than a one-line task. */
function isProse(doc: NoteDocument, i: number): boolean {
	const t = doc.lines[i].raw.trim();
	const next = doc.lines[i + 1]?.raw.trim() ?? '';
	if (t.length > 220) return true;
	if (!/[.!?)]$/.test(t) && next !== '' && /^\p{Ll}/u.test(next)) return true;
	return (
		/^(?:in conclusion|overall|moving forward|to (?:prevent|mitigate|address)|by (?:implementing|taking)|the |this |these |we |our |it )/i.test(
			t,
		) && !/^the (?:team|owner)s? (?:should|must|will) /i.test(t)
	);
}

export function extractActionItems(doc: NoteDocument): ActionItem[] {
	const items: ItemDraft[] = [];
	for (const t of doc.tables) for (const item of tableItems(doc, t)) items.push(item);
	const { assignments, lines: assignmentLines } = assignmentsOf(doc);
	for (const item of lineItems(doc, listSectionsOf(doc), assignmentLines)) items.push(item);
	applyAssignments(doc, items, assignments);
	items.sort((a, b) => a.line - b.line);
	// Literal objects of one shape (a rest-spread here made slow, large dictionary-mode objects).
	return items.map((it) => ({
		action: it.action,
		owner: it.owner,
		due: it.due,
		priority: it.priority,
		done: it.done,
		tickets: it.tickets,
		line: it.line,
	}));
}

/** Sections under an action heading that hold lists or tables (the others hold plain task lines), by their root. */
function listSectionsOf(doc: NoteDocument): Set<number> {
	const listSections = new Set<number>();
	for (const i of doc.content) {
		if (!inKind(doc, i, 'actions')) continue;
		// A label written as a list item ("- **Review actions**:") heads what follows it; it is not a list of its own.
		if (doc.tableOf[i] !== -1 || (isListLine(doc.lines[i]) && !doc.headingAt.has(i)))
			listSections.add(actionRoot(doc, i));
	}
	return listSections;
}

interface Assignment {
	index: number;
	section: number;
	owner: string | null;
	due: string | null;
}

/** `Owner:` / `Due Date:` lines in an action section (for the whole list, or the item right above them). */
function assignmentsOf(doc: NoteDocument): { assignments: Assignment[]; lines: Set<number> } {
	const assignments: Assignment[] = [];
	const lines = new Set<number>();
	for (const kv of doc.keyValues) {
		if (!inKind(doc, kv.index, 'actions')) continue;
		const section = doc.sectionOf[kv.index];
		if (doc.lexicon.ownerKey.test(kv.key)) {
			assignments.push({ index: kv.index, section, owner: cleanOwner(kv.value), due: null });
			lines.add(kv.index);
		} else if (doc.lexicon.columns.due.test(kv.key) || /^due date for\b/.test(kv.key)) {
			assignments.push({ index: kv.index, section, owner: null, due: cleanDue(kv.value) });
			lines.add(kv.index);
		}
	}
	return { assignments, lines };
}

/**
 * Items written as lines: task checkboxes anywhere; under an action heading, list items (a deeper bullet that only
 * says owner, due or priority annotates the item above) and, in sections without lists, one task per plain line
 * until running prose follows them. `sharedKv` are the assignment lines, not items.
 */
function lineItems(doc: NoteDocument, listSections: ReadonlySet<number>, sharedKv: ReadonlySet<number>): ItemDraft[] {
	const items: ItemDraft[] = [];
	const tableOf = doc.tableOf;
	const plainStopped = new Set<number>();
	// Sections that have produced an item so far (a Set: checking the item list per prose line was quadratic).
	const sectionsWithItems = new Set<number>();
	let current: ItemDraft | null = null;
	let currentIndent = -1;
	// The action section of the titled item whose details the bullets are; -1 when none.
	let titledRoot = -1;
	let doneLead = false;
	const checklists = checklistSections(doc);
	for (let i = doc.bodyStart; i < doc.lines.length; i++) {
		const line = doc.lines[i];
		// A heading ends a titled item's details; a `Label:` line inside them does not.
		const heading = doc.headingAt.get(i);
		if (heading !== undefined && doc.sections[heading].level < 7) titledRoot = -1;
		// A heading ends a done lead-in; a `Label:` line can be one ("The following items are already completed:").
		if (heading !== undefined) doneLead = doc.sections[heading].level === 7 && DONE_LEAD.test(doc.lines[i].raw);
		// A blank line ends the item above (its wrapped text and details); so do code and tables.
		if (line.code || tableOf[i] !== -1 || line.kind === 'blank') {
			current = null;
			continue;
		}
		const raw = line.raw;
		const indent = indentOf(raw);
		const box = line.box;
		if (box !== null && checklists.has(doc.sectionOf[i])) continue;
		if (box !== null) {
			const parsed = parseItemText(raw.slice(line.body));
			if (parsed.action !== '') {
				current = draft(parsed, box !== ' ' && box !== '/', i + 1, doc.sectionOf[i]);
				currentIndent = indent;
				items.push(current);
				sectionsWithItems.add(current.section);
			}
			continue;
		}
		const labelled = line.kind === 'key-value' || line.kind === 'prose' ? TASK_LABEL.exec(raw) : null;
		if (labelled) {
			// The paragraph is the task: its wrapped lines belong to it, and a bullet right under it is its detail
			// ("- This has been done.").
			const section = doc.sectionOf[i];
			const at = i + 1;
			let text = raw.slice(labelled[0].length).trim();
			let done = /^done$/i.test(labelled[1] ?? '');
			while (i + 1 < doc.lines.length && doc.lines[i + 1].kind === 'prose')
				text = `${text} ${doc.lines[++i].raw.trim()}`;
			while (i + 1 < doc.lines.length && doc.lines[i + 1].kind === 'list')
				done = DONE_LEAD.test(doc.lines[++i].raw) || done;
			const parsed = parseItemText(text);
			if (parsed.action !== '') {
				items.push(draft(parsed, parsed.done ?? done, at, section));
				sectionsWithItems.add(section);
			}
			current = null;
			continue;
		}
		if (!inKind(doc, i, 'actions') || doc.headingAt.has(i) || sharedKv.has(i)) {
			if (raw.trim() === '' || doc.headingAt.has(i)) current = null;
			continue;
		}
		const root = actionRoot(doc, i);
		if (line.item) {
			const rest = raw.slice(line.body);
			// "- owner: @sam" under an item annotates it.
			if (current && indent > currentIndent) {
				const extra = parseItemText(rest);
				if (extra.action === '' || /^\s*(?:owner|due|priority|status)\b/i.test(rest)) {
					current.owner = current.owner ?? extra.owner;
					current.due = current.due ?? extra.due;
					current.priority = current.priority ?? extra.priority;
					continue;
				}
			}
			// The bullets after a titled item ("1. **Migrate the table**") are its details, not items of their own.
			if (titledRoot === root && !isTitledItem(raw)) continue;
			const parsed = parseItemText(rest);
			if (parsed.action === '') continue;
			current = draft(
				parsed,
				parsed.done ?? (doneLead || doneBySection(doc, doc.sectionOf[i])),
				i + 1,
				doc.sectionOf[i],
			);
			currentIndent = indent;
			items.push(current);
			sectionsWithItems.add(current.section);
			if (isTitledItem(raw)) titledRoot = root;
			continue;
		}
		const t = raw.trim();
		if (t === '') {
			current = null;
			continue;
		}
		if (listSections.has(root)) {
			// "The following action items are already completed:" says so of the list under it.
			if (t.endsWith(':') && indent === 0) doneLead = DONE_LEAD.test(t);
			else if (current && indent > 0) current.action = `${current.action} ${stripMarkdown(t)}`.trim();
			continue;
		}
		// Plain-text reports: one task per line, until running prose follows the tasks.
		if (plainStopped.has(doc.sectionOf[i])) continue;
		const commitment = commitmentAt(doc, i);
		if (commitment) {
			current = draft(parseItemText(commitment.text), false, i + 1, doc.sectionOf[i]);
			currentIndent = indent;
			items.push(current);
			sectionsWithItems.add(current.section);
			i = commitment.last;
			continue;
		}
		if (isProse(doc, i)) {
			if (sectionsWithItems.has(doc.sectionOf[i])) plainStopped.add(doc.sectionOf[i]);
			// Skip the rest of this paragraph.
			while (
				i + 1 < doc.lines.length &&
				doc.lines[i + 1].raw.trim() !== '' &&
				!doc.headingAt.has(i + 1) &&
				!/[.!?:]$/.test(doc.lines[i].raw.trim())
			)
				i++;
			current = null;
			continue;
		}
		// A label, or a line that is only a link or a URL, is not a task.
		if (/:$/.test(t) || /^(?:!?\[\[[^\]]*\]\]|https?:\S+|\[[^\]]*\]\([^)]*\))$/.test(t)) continue;
		const parsed = parseItemText(t);
		if (parsed.action === '') continue;
		current = draft(parsed, parsed.done ?? doneBySection(doc, doc.sectionOf[i]), i + 1, doc.sectionOf[i]);
		currentIndent = indent;
		items.push(current);
		sectionsWithItems.add(current.section);
	}

	return items;
}

/**
 * Owner / Due lines between items belong to the item above them ("1. Do X / Owner: A / Due Date: …");
 * lines before or after the whole list apply to every item in their section that names none itself.
 */
function applyAssignments(
	doc: NoteDocument,
	items: ItemDraft[],
	assignments: { index: number; section: number; owner: string | null; due: string | null }[],
): void {
	if (assignments.length === 0) return;
	// Everything grouped once (a copy per assignment, or a search of every item per line, was quadratic): the
	// assignments by section, each section's own items by line, and the items under each section (descendants too).
	const bySection = new Map<number, typeof assignments>();
	for (const a of assignments) {
		const list = bySection.get(a.section);
		if (list) list.push(a);
		else bySection.set(a.section, [a]);
	}
	const ownItems = new Map<number, ItemDraft[]>();
	const under = new Map<number, ItemDraft[]>();
	for (const it of items) {
		const own = ownItems.get(it.section);
		if (own) own.push(it);
		else ownItems.set(it.section, [it]);
		for (let s = it.section; s > 0; s = doc.sections[s].parent) {
			if (!bySection.has(s)) continue;
			const list = under.get(s);
			if (list) list.push(it);
			else under.set(s, [it]);
		}
	}
	const lineOf = (a: { index: number }): number => a.index + 1;
	for (const [section, list] of bySection) {
		const own = (ownItems.get(section) ?? []).slice().sort((x, y) => x.line - y.line);
		const first = own.length > 0 ? own[0].line : Infinity;
		const last = own.length > 0 ? own[own.length - 1].line : -Infinity;
		if (list.some((a) => first < lineOf(a) && last > lineOf(a))) {
			// Assignments are in line order: the item above each is found walking the items once.
			let k = -1;
			for (const a of list) {
				while (k + 1 < own.length && own[k + 1].line < lineOf(a)) k++;
				if (k < 0) continue;
				own[k].owner = own[k].owner ?? a.owner;
				own[k].due = own[k].due ?? a.due;
			}
			continue;
		}
		const owner = list.find((a) => a.owner)?.owner ?? null;
		const due = list.find((a) => a.due)?.due ?? null;
		for (const it of under.get(section) ?? []) {
			it.owner = it.owner ?? owner;
			it.due = it.due ?? due;
		}
	}
}

/** The outermost enclosing section that is about actions: where the list-or-lines decision is made. */
function actionRoot(doc: NoteDocument, i: number): number {
	let s = doc.sectionOf[i];
	while (doc.sections[s].parent > 0 && doc.sections[doc.sections[s].parent].kinds.includes('actions'))
		s = doc.sections[s].parent;
	return s;
}
