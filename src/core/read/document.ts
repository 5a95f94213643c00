/**
 * The structure of a note, whatever its format: lines with their code-fence state, sections (from markdown
 * headings, bold or plain `Label:` lines, and plain-text headings such as "Root Cause Analysis"), tables and
 * `Key: value` lines. The extractors read this instead of re-scanning the text.
 */
import {
	BOLD_LABEL_LINE,
	BOLD_QUESTION_START,
	BULLET_ITEM,
	CHECKBOX_ITEM,
	KEY_VALUE_START,
	LIST_ITEM,
	LIST_ITEM_MARKER,
} from '../format/markers';
import { FOLLOW_UP_LEAD, type SectionKind } from '../format/vocabulary';
import { BUILT_IN_LEXICON, type Lexicon } from '../format/lexicon';

/** Section kinds a normalised heading names (the lexicon's). */
type KindsOf = (title: string) => SectionKind[];
import type { ClockTime } from '../time/clock';
import type { CivilDate, NumericOrder } from '../time/dates';
import {
	EXTRA_CELLS,
	firstNonSpace,
	indentOf,
	isListItem,
	isTableLine,
	isTableSeparator,
	lastNonSpace,
	normaliseKey,
	normaliseTitle,
	splitTableRow,
	stripMarkdown,
} from '../text/markdown';

/**
 * What a line is, decided once when the structure is built: every reader asks the line record rather than testing
 * the text again. A list item or task inside a quote or callout is a list item or task (`quoted`); `label` is a
 * bold or plain `Label:` line (a section of level 7); `key-value` a `Key: value` line that is not a list item.
 */
export type LineKind =
	| 'frontmatter'
	| 'code'
	| 'blank'
	| 'heading'
	| 'label'
	| 'table'
	| 'list'
	| 'checkbox'
	| 'quote'
	| 'key-value'
	| 'prose';

/**
 * One line of a note. Its 1-based line number is its index in `NoteDocument.lines` plus one (not stored: the lines
 * that are empty share one record per document).
 */
export interface NoteLine {
	raw: string;
	/** Not note content: inside a fenced code block (or the fence itself), an HTML comment, or converted-away text. */
	code: boolean;
	kind: LineKind;
	/**
	 * The line starts a list item or a task (after any quotes), whatever its kind: "- **Review actions**:" is a label
	 * and an item. Its checkbox and text start are in `box` and `body`.
	 */
	item: boolean;
	/** The line is inside a quote or callout (`> `). */
	quoted: boolean;
	/** A task's checkbox character (` `, `x`, `/`…); null for any other line. */
	box: string | null;
	/** Where the text of a list item or task starts, after its quotes, marker and checkbox; 0 for other lines. */
	body: number;
	/**
	 * The time (or date and time) the line starts with, read the first time a reader asks (timeline.ts) and kept:
	 * undefined until then, null when it starts with none. `timeOrder` is the numeric date order it was read in.
	 */
	time?: LineTime | null;
	timeOrder?: NumericOrder | null;
}

/** A time a line starts with ("9:30 AM: …", "- **10:00** …", "2024-03-01T14:05Z …"), and the text after it. */
export interface LineTime {
	date: CivilDate | null;
	/** The date was written without its year ("Mar 3"). */
	yearMissing: boolean;
	time: ClockTime;
	/** Minutes east of UTC, when a zone was written. */
	offset: number | null;
	text: string;
	/** Where the stamp (date and time) starts and ends in the line, and where the row's text starts. */
	stampStart: number;
	stampEnd: number;
	textStart: number;
}

export interface Section {
	title: string;
	/** The title as its kinds are read from it (normaliseTitle: lower case, no numbering, markup or emoji). */
	name: string;
	kinds: SectionKind[];
	/** 1–6 markdown headings, 6.5 plain-text headings, 7 `Label:` lines. */
	level: number;
	/** Index of the heading line, -1 for the whole-note root. */
	heading: number;
	/** Index one past the last line of the section, sub-sections included. */
	end: number;
	parent: number;
}

export interface Table {
	/** Index of the header line. */
	start: number;
	end: number;
	header: string[];
	rows: { index: number; cells: string[] }[];
}

export interface KeyValue {
	/** Normalised key: lower case, single spaces, no markdown. */
	key: string;
	value: string;
	index: number;
	/** Index of the last line of the value (continuation lines included). */
	last: number;
}

export interface NoteDocument {
	lines: NoteLine[];
	/** First line index after the frontmatter. */
	bodyStart: number;
	/**
	 * The indexes of the lines after the frontmatter that hold text, in order: not code or comments, not blank. A
	 * reader that looks only at such lines walks these instead of every line (a pasted log may add a million blank
	 * ones).
	 */
	content: readonly number[];
	sections: Section[];
	/** Innermost section per line index (0 is the root section). */
	sectionOf: Int32Array;
	/** Line indexes that are headings or labels. */
	headingAt: Map<number, number>;
	tables: Table[];
	/** Table membership per line index, -1 when not in a table. */
	tableOf: Int32Array;
	keyValues: KeyValue[];
	/** A code fence or HTML comment is still open after the last line: text added at the end would be inside it. */
	openAtEnd: boolean;
	/** The words the note was read with: every extractor asks these, not the built-in patterns. */
	lexicon: Lexicon;
}

// Patterns match the start of a line only; what follows is sliced off (a `(.*)$` tail would backtrack over a long
// line), and they are bounded so that a long run of spaces or markup costs one look (scripts/check-regex.mjs).
const ATX_HEADING = /^ {0,3}(#{1,6})\s+/;

const PLAIN_LABEL = /^\s*([\p{Lu}][^:|]{1,100}?):\s*$/u;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** A JavaScript module statement at the top of an MDX page: `import … from '…'`, `export const post = {`. */
const MODULE_LINE = /^(?:import\s[^'"]{0,200}(?:from\s)?['"]|export\s+(?:const|let|var|default|function)\s)/;

/** `Key: value` (plain, bulleted or bold): the key as written and the value, or null when the line is not one. */
function keyValueOf(raw: string): { key: string; value: string } | null {
	const m = KEY_VALUE_START.exec(raw) ?? (raw.includes('?') ? BOLD_QUESTION_START.exec(raw) : null);
	if (!m) return null;
	const value = raw.slice(m[0].length).trim();
	return value === '' ? null : { key: m[1], value };
}

/** Plain-text headings: a short Title Case line (no colon, no end punctuation) that names a section we know. */
function plainHeadingOf(raw: string, kindsOf: KindsOf): { title: string; name: string; kinds: SectionKind[] } | null {
	const t = raw.trim();
	if (t.length < 4 || t.length > 60 || /[:.;,!?|]$/.test(t) || t.includes(':')) return null;
	if (!/^\p{Lu}/u.test(t) || LIST_ITEM.test(raw) || /^[#>|]/.test(t)) return null;
	const words = t.split(/\s+/);
	if (words.length > 6) return null;
	const minor = /^(?:and|or|of|the|a|an|to|for|in|on|with|&|de|la|le|des|et|y|und|der|die|das)$/i;
	if (!words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || minor.test(w))) return null;
	const name = normaliseTitle(t);
	const kinds = kindsOf(name);
	return kinds.length > 0 ? { title: t, name, kinds } : null;
}

/** Builds the structure of a note. `bodyStart` is the first line after the frontmatter. */
/**
 * The fence a line opens or closes, or null. A backtick fence's info string cannot hold a backtick (CommonMark):
 * "```Hostname does not match```" on one line is inline code, not a block that swallows the rest of the note.
 */
function fenceOf(raw: string): RegExpExecArray | null {
	// A fence starts with ``` or ~~~ after at most three spaces: any other line is not one, without a pattern run.
	const c = firstNonSpace(raw);
	if (c !== 96 && c !== 126) return null;
	const f = FENCE.exec(raw);
	if (f && f[1][0] === '`' && raw.indexOf('`', f[0].length) !== -1) return null;
	return f;
}

/**
 * Each line with whether it is content: fenced code, HTML comments (not shown when the note is read; template hints
 * live there) and the original text a conversion archived are not. `openAtEnd`: the note ends inside a fence or a
 * comment.
 */
function classifyCode(
	rawLines: readonly string[],
	bodyStart: number,
): { lines: NoteLine[]; content: number[]; openAtEnd: boolean } {
	const lines = new Array<NoteLine>(rawLines.length);
	const content: number[] = [];
	let fence: string | null = null;
	let comment = false;
	let archived = false;
	// An MDX page opens with JavaScript: import and export statements, object literals over several lines.
	let preamble = true;
	let moduleBlock = false;
	// Empty lines (a third of a note, or a million in a pasted log) share one record per document: nothing marks them
	// later, and each record is memory and collection time.
	const emptyLine = contentLine('', false);
	const emptyCode = codeLine('');
	for (let i = 0; i < rawLines.length; i++) {
		const raw = rawLines[i];
		let code = false;
		if (raw === '' && i >= bodyStart && !(preamble && moduleBlock)) {
			// An empty line changes no state but the archive's (it ends the quote): the one case the lines are mostly.
			archived = false;
			lines[i] = comment || fence !== null ? emptyCode : emptyLine;
			continue;
		}
		if (preamble && i >= bodyStart) {
			if (moduleBlock) {
				if (/^[})\]]/.test(raw)) moduleBlock = false;
				lines[i] = codeLine(raw);
				continue;
			}
			if (MODULE_LINE.test(raw)) {
				moduleBlock = /[{([]\s*$/.test(raw);
				lines[i] = codeLine(raw);
				continue;
			}
			if (raw.trim() !== '') preamble = false;
		}
		// The original text kept by "Convert note to RCA format" is an archive, not more incident content.
		if (archived && fence === null && /^\s*>/.test(raw)) {
			lines[i] = codeLine(raw);
			continue;
		}
		archived = i >= bodyStart && raw.charCodeAt(0) === 62 && /^>\s*\[!\w+\][-+]?\s*Original text\b/i.test(raw);
		if (archived) {
			lines[i] = codeLine(raw);
			continue;
		}
		if (i >= bodyStart) {
			if (comment) {
				code = true;
				if (raw.includes('-->')) comment = false;
			} else {
				const f = fenceOf(raw);
				if (fence !== null) {
					code = true;
					if (f && f[1][0] === fence[0] && f[1].length >= fence.length && raw.trim() === f[1]) fence = null;
				} else if (f) {
					fence = f[1];
					code = true;
				} else if (raw.includes('<!--')) {
					const open = raw.indexOf('<!--');
					const t = raw.trim();
					if (raw.indexOf('-->', open + 4) === -1) {
						comment = true;
						code = raw.slice(0, open).trim() === '';
					} else if (t.startsWith('<!--') && t.endsWith('-->')) code = true;
				}
			}
		}
		const line = code ? codeLine(raw) : contentLine(raw, i < bodyStart);
		lines[i] = line;
		if (!code && i >= bodyStart && line.kind !== 'blank') content.push(i);
	}
	return { lines, content, openAtEnd: fence !== null || comment };
}

function codeLine(raw: string): NoteLine {
	return { raw, code: true, kind: 'code', item: false, quoted: false, box: null, body: 0 };
}

/**
 * A content line with the kind its own markers give it: blank, list item, task, quote or prose. Headings, labels,
 * tables and `Key: value` lines are known once the structure around them is (buildDocument). Each pattern runs only
 * on a line whose first character can start its marker.
 */
function contentLine(raw: string, frontmatter: boolean): NoteLine {
	const line: NoteLine = { raw, code: false, kind: 'prose', item: false, quoted: false, box: null, body: 0 };
	if (frontmatter) {
		line.kind = 'frontmatter';
		return line;
	}
	const c = firstNonSpace(raw);
	if (c === -1) line.kind = 'blank';
	else if (c === 62) {
		line.quoted = true;
		line.kind = 'quote';
		markItem(line, BULLET_ITEM.exec(raw));
	} else if (c === 45 || c === 42 || c === 43 || c === 8226 || (c >= 48 && c <= 57))
		markItem(line, LIST_ITEM.exec(raw));
	return line;
}

/** A list item's kind and where its text starts; a task's checkbox too. */
function markItem(line: NoteLine, item: RegExpExecArray | null): void {
	if (!item) return;
	line.kind = 'list';
	line.item = true;
	line.body = item[0].length;
	const box = line.raw.includes('[') ? CHECKBOX_ITEM.exec(line.raw) : null;
	if (box) {
		line.kind = 'checkbox';
		line.box = box[1];
		line.body = box[0].length;
	}
}

/** Whether a line starts a list item or task outside any quote (a quoted one is `item` and `quoted`). */
export function isListLine(line: NoteLine): boolean {
	return line.item && !line.quoted;
}

/** The table that starts at line i (a header line, a separator line, then rows), or null. */
function tableAt(lines: readonly NoteLine[], i: number): Table | null {
	const raw = lines[i].raw;
	if (
		!isTableLine(raw) ||
		i + 1 >= lines.length ||
		!isTableSeparator(lines[i + 1].raw) ||
		!lines[i + 1].raw.includes('-')
	)
		return null;
	const header = splitTableRow(raw).map((c) => stripMarkdown(c));
	const table: Table = { start: i, end: i + 2, header, rows: [] };
	let j = i + 2;
	while (j < lines.length && !lines[j].code && lines[j].raw.trim() !== '' && isTableLine(lines[j].raw)) {
		table.rows.push({ index: j, cells: splitTableRow(lines[j].raw, header.length + EXTRA_CELLS) });
		j++;
	}
	table.end = j;
	return table;
}

/**
 * The heading a line is, if any: a Markdown heading (its level), a bold or plain `Label:` line (7), or a plain-text
 * heading the vocabulary knows (6.5). Each pattern runs only on lines that can be one: "#…" for markdown headings, a
 * line ending in "**", "__" or ":" for labels. Most lines are prose, rows or list items and skip all three.
 */
function headingOf(
	raw: string,
	kindsOf: KindsOf,
): { title: string; name: string; level: number; kinds: SectionKind[] | null } | null {
	const first = firstNonSpace(raw);
	const last = lastNonSpace(raw);
	const atx = first === 35 ? ATX_HEADING.exec(raw) : null;
	if (atx) {
		// Closing hashes ("## Timeline ##") are trimmed by hand: a regex for them backtracks on long lines.
		const title = stripMarkdown(raw.slice(atx[0].length).trimEnd().replace(/\s#+$/, ''));
		const name = normaliseTitle(title);
		const kinds = kindsOf(name);
		return { title, name, level: atx[1].length, kinds: kinds.length > 0 ? kinds : null };
	}
	const bold = last === 42 || last === 95 || last === 58 ? BOLD_LABEL_LINE.exec(raw.trimEnd()) : null;
	const plain = bold || last !== 58 ? null : PLAIN_LABEL.exec(raw);
	const label = bold ? bold[1].replace(/:\s*$/, '') : plain ? plain[1] : null;
	if (label !== null && label.trim().split(/\s+/).length <= 8) {
		// A label is at most 100 characters: its name is the same trimmed or not.
		const title = label.trim();
		const name = normaliseTitle(title);
		const kinds = kindsOf(name);
		return { title, name, level: 7, kinds: kinds.length > 0 ? kinds : null };
	}
	// A sentence that ends "…to catch similar issues faster in the future:" introduces actions.
	if (last === 58 && FOLLOW_UP_LEAD.test(raw)) {
		const title = raw.trim();
		return { title, name: normaliseTitle(title), level: 7, kinds: ['actions'] };
	}
	if (last !== 58 && first !== -1) {
		const plain = plainHeadingOf(raw, kindsOf);
		if (plain) return { title: plain.title, name: plain.name, level: 6.5, kinds: plain.kinds };
	}
	return null;
}

/** A title that starts with a time or a date ("23:00 UTC: …", "~13:30", "2018-04-18 12:35"). */
const STARTS_WITH_TIME = /^[~(]?\d{1,4}[:.hH/-]?\d/;

function inActions(section: Section): boolean {
	return section.kinds.includes('actions');
}

/** A list item whose whole text is bold, without a colon in or after it: `1. **Title**`, `- __Title__`. */
export function isTitledItem(raw: string): boolean {
	if (!isListItem(raw)) return false;
	const t = raw.trim().replace(LIST_ITEM_MARKER, '');
	return /^(?:\*\*|__)[^*_]{0,99}[^*_:\s](?:\*\*|__)$/.test(t);
}

const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;

/**
 * 1 or 2 when line i is a setext heading (a line of text underlined with `===` or `---`), else 0. Only a one-line
 * paragraph counts (a blank line, a heading or the start above it), and not a list item, quote, table or label: a
 * `---` under a sentence in running text stays the rule its author meant.
 */
function setextLevel(lines: readonly NoteLine[], i: number, bodyStart: number): number {
	if (i + 1 >= lines.length || lines[i + 1].code) return 0;
	const under = lines[i + 1].raw;
	if (!SETEXT_UNDERLINE.test(under)) return 0;
	const raw = lines[i].raw;
	const t = raw.trim();
	if (t === '' || lines[i].code || firstNonSpace(raw) === 35 || /^[>|]/.test(t) || isListLine(lines[i])) return 0;
	if (indentOf(raw) > 3 || /[.,;]$/.test(t) || t.length > 120) return 0;
	if (i > bodyStart && lines[i - 1].raw.trim() !== '') return 0;
	return under.trim()[0] === '=' ? 1 : 2;
}

/** The note's lines, sections, tables and `Key: value` lines, in one pass over the lines after the code pass. */
export function buildDocument(
	rawLines: string[],
	bodyStart: number,
	lexicon: Lexicon = BUILT_IN_LEXICON,
): NoteDocument {
	const kindsOf = lexicon.sectionKinds;
	const { lines, content, openAtEnd } = classifyCode(rawLines, bodyStart);
	const sections: Section[] = [
		{ title: '', name: '', kinds: [], level: 0, heading: -1, end: lines.length, parent: -1 },
	];
	const sectionOf = new Int32Array(lines.length);
	const headingAt = new Map<number, number>();
	const tableOf = new Int32Array(lines.length).fill(-1);
	const tables: Table[] = [];
	const stack: number[] = [0];

	const open = (title: string, name: string, level: number, index: number, named: SectionKind[] | null): void => {
		while (stack.length > 1 && sections[stack[stack.length - 1]].level >= level) {
			sections[stack.pop() as number].end = index;
		}
		const parent = stack[stack.length - 1];
		// A heading that names nothing we know belongs to the section above it ("### What went well" under Lessons).
		const kinds = named && named.length > 0 ? named : [...sections[parent].kinds];
		sections.push({ title, name, kinds, level, heading: index, end: lines.length, parent });
		stack.push(sections.length - 1);
		headingAt.set(index, sections.length - 1);
	};

	for (let i = bodyStart; i < lines.length; i++) {
		// Code and blank lines start nothing (no table, heading or label): they belong to the section open.
		if (lines[i].code || lines[i].kind === 'blank') {
			sectionOf[i] = stack[stack.length - 1];
			continue;
		}
		const table = tableOf[i] === -1 ? tableAt(lines, i) : null;
		if (table) {
			for (let j = table.start; j < table.end; j++) {
				tableOf[j] = tables.length;
				lines[j].kind = 'table';
			}
			tables.push(table);
		}
		if (tableOf[i] === -1) {
			const setext = setextLevel(lines, i, bodyStart);
			if (setext > 0) {
				// "Title\n=====" / "Section\n-------": the text line is the heading, the underline belongs to it.
				const title = stripMarkdown(lines[i].raw.trim());
				const name = normaliseTitle(title);
				const kinds = kindsOf(name);
				open(title, name, setext, i, kinds.length > 0 ? kinds : null);
				lines[i].kind = lines[i + 1].kind = 'heading';
				sectionOf[i] = sectionOf[i + 1] = stack[stack.length - 1];
				i++;
				continue;
			}
			const h = headingOf(lines[i].raw, kindsOf);
			// In a list of actions, "1. **Migrate the table**" is an item with a title, not a label over the lines below.
			const here = sections[stack[stack.length - 1]];
			if (h && !(h.level === 7 && inActions(here) && isTitledItem(lines[i].raw))) {
				// Under a timeline, "### 23:00 UTC: Cause and fix" is a moment of the timeline, whatever its words say.
				open(
					h.title,
					h.name,
					h.level,
					i,
					here.kinds.includes('timeline') && STARTS_WITH_TIME.test(h.title) ? null : h.kinds,
				);
				lines[i].kind = h.level <= 6 ? 'heading' : 'label';
			}
		}
		sectionOf[i] = stack[stack.length - 1];
	}
	while (stack.length > 1) sections[stack.pop() as number].end = lines.length;

	return {
		lines,
		bodyStart,
		content,
		sections,
		sectionOf,
		headingAt,
		tables,
		tableOf,
		keyValues: collectKeyValues(lines, content, tableOf, tables, headingAt),
		openAtEnd,
		lexicon,
	};
}

const SENTENCE_END = new Set(['.', '!', '?', ':', ';', ')', '"', '”']);

function endsSentence(s: string): boolean {
	const t = s.trimEnd();
	return t !== '' && SENTENCE_END.has(t[t.length - 1]);
}

/** `Key: value` lines (plain, bulleted or bold) with their wrapped continuation lines, and the rows of two-column tables. */
function collectKeyValues(
	lines: NoteLine[],
	content: readonly number[],
	tableOf: Int32Array,
	tables: Table[],
	headingAt: Map<number, number>,
): KeyValue[] {
	const out: KeyValue[] = [];
	for (const i of content) {
		if (tableOf[i] !== -1 || headingAt.has(i) || !(lines[i].raw.includes(':') || lines[i].raw.includes('?'))) continue;
		const m = keyValueOf(lines[i].raw);
		if (!m || /^https?$/i.test(m.key)) continue;
		let value = m.value.replace(/^(?:\*\*|__)\s*/, '');
		let last = i;
		// Plain text wraps long values onto the next lines ("…access their\naccounts or …"). Only the line just added
		// can end the sentence: the whole value is not looked at again for each line.
		let ended = endsSentence(value);
		while (!ended && last + 1 < lines.length) {
			const next = lines[last + 1];
			const t = next.raw.trim();
			if (
				next.code ||
				t === '' ||
				tableOf[last + 1] !== -1 ||
				headingAt.has(last + 1) ||
				isListLine(next) ||
				keyValueOf(next.raw) !== null ||
				/^\d{1,2}(?::\d{2}|\s?[ap]m)/i.test(t) ||
				/^[#>|]/.test(t)
			)
				break;
			value += ' ' + t;
			ended = endsSentence(t);
			last++;
		}
		out.push({ key: normaliseKey(m.key), value: value.trim(), index: i, last });
		if (lines[i].kind === 'prose') lines[i].kind = 'key-value';
	}
	for (const t of tables) {
		if (t.header.length !== 2) continue;
		const rows = [{ index: t.start, cells: t.header }, ...t.rows];
		for (const r of rows) {
			const [k, v] = r.cells;
			if (k && v && /^\p{L}/u.test(stripMarkdown(k)))
				out.push({ key: normaliseKey(k), value: v.trim(), index: r.index, last: r.index });
		}
	}
	out.sort((a, b) => a.index - b.index);
	return out;
}

/** True when `index` lies in a section (or a sub-section) of this kind. */
export function inKind(doc: NoteDocument, index: number, kind: SectionKind): boolean {
	return doc.sections[doc.sectionOf[index]].kinds.includes(kind);
}

/** The plain text of a section's lines (heading excluded), paragraphs separated by newlines. */
export function sectionText(doc: NoteDocument, sectionIndex: number): string {
	const s = doc.sections[sectionIndex];
	const parts: string[] = [];
	let para: string[] = [];
	const flush = (): void => {
		if (para.length > 0) parts.push(para.join(' '));
		para = [];
	};
	for (let i = s.heading + 1; i < s.end; i++) {
		const line = doc.lines[i];
		if (line.code || doc.tableOf[i] !== -1) continue;
		const t = line.raw.trim();
		const c = t.charCodeAt(0);
		// - * _ (a rule), then the list, heading and quote markers, each rewritten only when the line starts with one.
		if (t === '' || ((c === 45 || c === 42 || c === 95) && /^(?:-{3,}|\*{3,}|_{3,})$/.test(t))) {
			flush();
			continue;
		}
		const listItem = isListLine(line);
		let body = listItem ? t.replace(LIST_ITEM_MARKER, '') : t;
		if (body.charCodeAt(0) === 35) body = body.replace(/^#+\s*/, '');
		if (body.charCodeAt(0) === 62) body = body.replace(/^>\s?/, '');
		const clean = stripMarkdown(body);
		if (clean === '') continue;
		if (listItem || doc.headingAt.has(i)) {
			flush();
			parts.push(clean);
		} else para.push(clean);
	}
	flush();
	const text = parts.join('\n').trim();
	return text;
}
