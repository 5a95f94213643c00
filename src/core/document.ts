/**
 * The structure of a note, whatever its format: lines with their code-fence state, sections (from markdown
 * headings, bold or plain `Label:` lines, and plain-text headings such as "Root Cause Analysis"), tables and
 * `Key: value` lines. The extractors read this instead of re-scanning the text.
 */
import { oneOf, trimEndWhere } from './chars';
import { sectionKindsOf, type SectionKind } from './vocabulary';

export interface NoteLine {
	/** 1-based line number in the original text. */
	n: number;
	raw: string;
	/** Not note content: inside a fenced code block (or the fence itself), an HTML comment, or converted-away text. */
	code: boolean;
}

export interface Section {
	title: string;
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
	sections: Section[];
	/** Innermost section per line index (0 is the root section). */
	sectionOf: number[];
	/** Line indexes that are headings or labels. */
	headingAt: Map<number, number>;
	tables: Table[];
	/** Table membership per line index, -1 when not in a table. */
	tableOf: number[];
	keyValues: KeyValue[];
	/** A code fence or HTML comment is still open after the last line: text added at the end would be inside it. */
	openAtEnd: boolean;
}

// Patterns match the start of a line only; what follows is sliced off (a `(.*)$` tail would backtrack over a long
// line), and they are bounded so that a long run of spaces or markup costs one look (scripts/check-regex.mjs).
const ATX_HEADING = /^ {0,3}(#{1,6})\s+/;
/** On the line with its trailing spaces trimmed. */
const BOLD_LABEL = /^\s*(?:[-*+]\s+|\d{1,9}[.)]\s+)?(?:\*\*|__)([^*_]{1,100}?)(?:\*\*|__)[ \t]*(:?)$/;
const PLAIN_LABEL = /^\s*([\p{Lu}][^:|]{1,100}?):\s*$/u;
/** The key and the colon of a `Key: value` line; the value is the rest of the line. */
const KEY_VALUE =
	/^\s*(?:[-*+]\s+|\d{1,9}[.)]\s+)?(?:\*\*|__)?([\p{L}][\p{L}\p{N} &/()'’.%#-]{0,48}?)(?:\*\*|__)?[ \t]{0,4}:(?!:)[ \t]*(?:(?:\*\*|__)[ \t]*)?/u;
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,9}[.)])\s+/;
const SEPARATOR_CELL = /^:?-{2,}:?$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** A table's separator line: `|---|:--:|`, with or without the outer pipes. */
export function isTableSeparator(raw: string): boolean {
	let t = raw.trim();
	if (t.startsWith('|')) t = t.slice(1);
	if (t.endsWith('|')) t = t.slice(0, -1);
	if (t === '') return false;
	for (const cell of t.split('|')) if (!SEPARATOR_CELL.test(cell.trim())) return false;
	return true;
}

/** `Key: value` (plain, bulleted or bold): the key as written and the value, or null when the line is not one. */
function keyValueOf(raw: string): { key: string; value: string } | null {
	const m = KEY_VALUE.exec(raw);
	if (!m) return null;
	const value = raw.slice(m[0].length).trim();
	return value === '' ? null : { key: m[1], value };
}

export function isListItem(raw: string): boolean {
	return LIST_ITEM.test(raw);
}

const MARKUP = /[[*_~=`<\\]/;
/** Whitespace other than a plain space. */
const OTHER_SPACE = /[^\S ]/;
/** Markup or whitespace other than a plain space: one scan that most lines pass without a match. */
const MARKUP_OR_ODD_SPACE = /[[*_~=`<\\\t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** A backslash before ASCII punctuation (CommonMark's escapes), and the private-use characters that stand in for them. */
const ESCAPED = /\\([!-/:-@[-`{}~])/g;
const ESCAPE_STAND_IN = /[\ue021-\ue07e]/g;

/** Removes inline markdown so text reads as written: bold, italics, code, links, wikilinks, highlights. */
export function stripMarkdown(s: string): string {
	// Most lines carry no markup and no whitespace but single spaces: one scan, then only the ends are trimmed (this
	// is the parser's hottest function). A native search for a double space: \s{2,} would cost a try at every position.
	if (!MARKUP_OR_ODD_SPACE.test(s)) return s.includes('  ') ? s.replace(/\s+/g, ' ').trim() : s.trim();
	// A zero-width no-break space (a stray byte-order mark) is no gap between words: it goes rather than becoming one.
	if (s.includes('\ufeff')) s = s.replace(/\ufeff/g, '');
	if (!MARKUP.test(s)) return collapseSpaces(s);
	// A backslash-escaped character is that character, never markup ("\\*not italic\\*", "\\#not-a-tag"): it is held as a
	// private-use stand-in while the markup goes, then put back.
	const escaped = s.includes('\\');
	if (escaped) s = s.replace(ESCAPED, (_m, c: string) => String.fromCharCode(0xe000 + c.charCodeAt(0)));
	// Each replacement runs only when the text (as it stands by then) holds the characters it needs.
	let out = s;
	if (out.includes('[[')) {
		// Every class below excludes the bracket that opens the next match, so unclosed brackets cost linear time.
		out = out
			.replace(/!?\[\[([^[\]|#]*)(?:#[^[\]|]*)?\|([^[\]]*)\]\]/g, '$2')
			.replace(/!?\[\[([^[\]|#]*)(?:#([^[\]]*))?\]\]/g, (_m, t: string, h: string | undefined) =>
				t ? (t.split('/').pop() ?? t) : (h ?? ''),
			);
	}
	if (out.includes(']('))
		out = out.replace(/!\[([^[\]]*)\]\([^()]*\)/g, '$1').replace(/\[([^[\]]*)\]\([^()]*\)/g, '$1');
	if (out.includes('**') || out.includes('__')) out = out.replace(/(\*\*|__)(.*?)\1/g, '$2');
	// Italics; the prefix group stands in for a lookbehind (iOS before 16.4 cannot compile one).
	if (out.includes('*')) out = out.replace(/(^|[^\w*])\*(?!\s)([^*]+?)\*(?!\w)/g, '$1$2');
	if (out.includes('_')) out = out.replace(/(^|[^\w_])_(?!\s)([^_]+?)_(?!\w)/g, '$1$2');
	if (out.includes('~~')) out = out.replace(/~~(.*?)~~/g, '$1');
	if (out.includes('==')) out = out.replace(/==(.*?)==/g, '$1');
	if (out.includes('`')) out = out.replace(/`([^`]*)`/g, '$1');
	if (out.includes('<')) out = out.replace(/<[^<>]{1,200}>/g, '');
	if (escaped) out = out.replace(ESCAPE_STAND_IN, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000));
	return collapseSpaces(out);
}

/** Any run of whitespace becomes one space, ends trimmed; with only single plain spaces, trimming is all there is to do. */
function collapseSpaces(s: string): string {
	return s.includes('  ') || OTHER_SPACE.test(s) ? s.replace(/\s+/g, ' ').trim() : s.trim();
}

const TITLE_END = oneOf(':.–—-', true);

/** A heading's words without numbering, markdown, emoji or trailing punctuation, lower-cased. */
export function normaliseTitle(s: string): string {
	const words = stripMarkdown(s)
		.replace(/^[\p{N}.)\s]+(?=\p{L})/u, '')
		.replace(/[\p{Extended_Pictographic}\uFE0F]/gu, '');
	return trimEndWhere(words, TITLE_END).replace(/\s+/g, ' ').trim().toLowerCase();
}

export function normaliseKey(s: string): string {
	return stripMarkdown(s)
		.replace(/[_\s]+/g, ' ')
		.trim()
		.toLowerCase();
}

/**
 * Where each cell of a table row lies: `|` inside `[[target|alias]]`, inside code spans, or escaped as `\|` does not
 * split. A leading pipe is optional; a trailing one does not make an empty last cell. Offsets let a writer replace
 * one cell byte-precisely (ticking an action item); splitTableRow gives the texts.
 */
export function tableCellSpans(line: string): { start: number; end: number }[] {
	const spans: { start: number; end: number }[] = [];
	const first = line.search(/\S/);
	if (first === -1) return spans;
	let start = line[first] === '|' ? first + 1 : first;
	let inLink = false;
	let inCode = false;
	for (let i = start; i < line.length; i++) {
		const c = line[i];
		if (c === '\\' && line[i + 1] === '|') {
			i++;
			continue;
		}
		if (c === '`') inCode = !inCode;
		else if (!inCode && c === '[' && line[i + 1] === '[') inLink = true;
		else if (!inCode && c === ']' && line[i + 1] === ']') inLink = false;
		if (c === '|' && !inLink && !inCode) {
			spans.push({ start, end: i });
			start = i + 1;
		}
	}
	if (line.slice(start).trim() !== '' || spans.length === 0) spans.push({ start, end: line.length });
	return spans;
}

/** The cells of a table row as text (escaped pipes unescaped, trimmed). */
export function splitTableRow(line: string): string[] {
	return tableCellSpans(line).map((sp) => line.slice(sp.start, sp.end).replace(/\\\|/g, '|').trim());
}

/** Length of the leading whitespace of a line (what /^\s+/ would match), without a regex: extractors ask it per line. */
export function indentOf(s: string): number {
	let i = 0;
	while (i < s.length) {
		const c = s.charCodeAt(i);
		if (c === 32 || c === 9 || (c >= 10 && c <= 13) || (c >= 128 && /\s/.test(s[i]))) i++;
		else break;
	}
	return i;
}

/** Char code of the first / last character that is not a space or tab; -1 on a blank line. */
function firstNonSpace(s: string): number {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c !== 32 && c !== 9) return c;
	}
	return -1;
}
function lastNonSpace(s: string): number {
	for (let i = s.length - 1; i >= 0; i--) {
		const c = s.charCodeAt(i);
		if (c !== 32 && c !== 9) return c;
	}
	return -1;
}

function isTableLine(raw: string): boolean {
	const t = raw.trim();
	return t.startsWith('|') || (t.includes('|') && !t.startsWith('-') && /\S\s*\|\s*\S/.test(t));
}

/** Plain-text headings: a short Title Case line (no colon, no end punctuation) that names a section we know. */
function plainHeadingKinds(raw: string): SectionKind[] | null {
	const t = raw.trim();
	if (t.length < 4 || t.length > 60 || /[:.;,!?|]$/.test(t) || t.includes(':')) return null;
	if (!/^\p{Lu}/u.test(t) || LIST_ITEM.test(raw) || /^[#>|]/.test(t)) return null;
	const words = t.split(/\s+/);
	if (words.length > 6) return null;
	const minor = /^(?:and|or|of|the|a|an|to|for|in|on|with|&|de|la|le|des|et|y|und|der|die|das)$/i;
	if (!words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || minor.test(w))) return null;
	const kinds = sectionKindsOf(normaliseTitle(t));
	return kinds.length > 0 ? kinds : null;
}

export function splitLines(text: string): string[] {
	const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	// Splitting on a plain "\n" is several times faster than on a pattern; most notes have no "\r" at all.
	return t.includes('\r') ? t.split(/\r\n|\r|\n/) : t.split('\n');
}

/** Builds the structure of a note. `bodyStart` is the first line after the frontmatter. */
export function buildDocument(rawLines: string[], bodyStart: number): NoteDocument {
	const lines: NoteLine[] = [];
	let fence: string | null = null;
	let comment = false;
	let archived = false;
	for (let i = 0; i < rawLines.length; i++) {
		const raw = rawLines[i];
		let code = false;
		// The original text kept by "Convert note to RCA format" is an archive, not more incident content.
		if (archived && fence === null && /^\s*>/.test(raw)) {
			lines.push({ n: i + 1, raw, code: true });
			continue;
		}
		archived = i >= bodyStart && /^>\s*\[!\w+\][-+]?\s*Original text\b/i.test(raw);
		if (archived) {
			lines.push({ n: i + 1, raw, code: true });
			continue;
		}
		if (i >= bodyStart) {
			if (comment) {
				code = true;
				if (raw.includes('-->')) comment = false;
			} else {
				const f = FENCE.exec(raw);
				if (fence !== null) {
					code = true;
					if (f && f[1][0] === fence[0] && f[1].length >= fence.length && raw.trim() === f[1]) fence = null;
				} else if (f) {
					fence = f[1];
					code = true;
				} else if (raw.includes('<!--')) {
					// An HTML comment is not shown when the note is read: not content either (template hints live there).
					const open = raw.indexOf('<!--');
					const t = raw.trim();
					if (raw.indexOf('-->', open + 4) === -1) {
						comment = true;
						code = raw.slice(0, open).trim() === '';
					} else if (t.startsWith('<!--') && t.endsWith('-->')) code = true;
				}
			}
		}
		lines.push({ n: i + 1, raw, code });
	}

	const sections: Section[] = [{ title: '', kinds: [], level: 0, heading: -1, end: lines.length, parent: -1 }];
	const sectionOf: number[] = new Array<number>(lines.length).fill(0);
	const headingAt = new Map<number, number>();
	const tableOf: number[] = new Array<number>(lines.length).fill(-1);
	const tables: Table[] = [];
	const stack: number[] = [0];

	const open = (title: string, level: number, index: number, named: SectionKind[] | null): void => {
		while (stack.length > 1 && sections[stack[stack.length - 1]].level >= level) {
			sections[stack.pop() as number].end = index;
		}
		const parent = stack[stack.length - 1];
		// A heading that names nothing we know belongs to the section above it ("### What went well" under Lessons).
		const kinds = named && named.length > 0 ? named : [...sections[parent].kinds];
		sections.push({ title, kinds, level, heading: index, end: lines.length, parent });
		stack.push(sections.length - 1);
		headingAt.set(index, sections.length - 1);
	};

	for (let i = bodyStart; i < lines.length; i++) {
		const { raw, code } = lines[i];
		if (code) {
			sectionOf[i] = stack[stack.length - 1];
			continue;
		}
		// Tables: a header line, a separator line, then rows.
		if (
			tableOf[i] === -1 &&
			isTableLine(raw) &&
			i + 1 < lines.length &&
			isTableSeparator(lines[i + 1].raw) &&
			lines[i + 1].raw.includes('-')
		) {
			const header = splitTableRow(raw).map((c) => stripMarkdown(c));
			const table: Table = { start: i, end: i + 2, header, rows: [] };
			tableOf[i] = tableOf[i + 1] = tables.length;
			let j = i + 2;
			while (j < lines.length && !lines[j].code && lines[j].raw.trim() !== '' && isTableLine(lines[j].raw)) {
				table.rows.push({ index: j, cells: splitTableRow(lines[j].raw) });
				tableOf[j] = tables.length;
				j++;
			}
			table.end = j;
			tables.push(table);
		}
		if (tableOf[i] === -1) {
			// Each heading pattern runs only on lines that can be one: "#…" for markdown headings, a line ending in
			// "**", "__" or ":" for labels. Most lines are prose, rows or list items and skip all three.
			const first = firstNonSpace(raw);
			const last = lastNonSpace(raw);
			const atx = first === 35 ? ATX_HEADING.exec(raw) : null;
			if (atx) {
				// Closing hashes ("## Timeline ##") are trimmed by hand: a regex for them backtracks on long lines.
				const title = stripMarkdown(raw.slice(atx[0].length).trimEnd().replace(/\s#+$/, ''));
				const kinds = sectionKindsOf(normaliseTitle(title));
				open(title, atx[1].length, i, kinds.length > 0 ? kinds : null);
			} else {
				const bold = last === 42 || last === 95 || last === 58 ? BOLD_LABEL.exec(raw.trimEnd()) : null;
				const plain = bold || last !== 58 ? null : PLAIN_LABEL.exec(raw);
				const label = bold ? bold[1].replace(/:\s*$/, '') : plain ? plain[1] : null;
				if (label !== null && label.trim().split(/\s+/).length <= 8) {
					const kinds = sectionKindsOf(normaliseTitle(label));
					open(label.trim(), 7, i, kinds.length > 0 ? kinds : null);
				} else if (last !== 58 && first !== -1) {
					const kinds = plainHeadingKinds(raw);
					if (kinds) open(raw.trim(), 6.5, i, kinds);
				}
			}
		}
		sectionOf[i] = stack[stack.length - 1];
	}
	while (stack.length > 1) sections[stack.pop() as number].end = lines.length;

	return {
		lines,
		bodyStart,
		sections,
		sectionOf,
		headingAt,
		tables,
		tableOf,
		keyValues: collectKeyValues(lines, bodyStart, tableOf, tables, headingAt),
		openAtEnd: fence !== null || comment,
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
	bodyStart: number,
	tableOf: number[],
	tables: Table[],
	headingAt: Map<number, number>,
): KeyValue[] {
	const out: KeyValue[] = [];
	for (let i = bodyStart; i < lines.length; i++) {
		if (lines[i].code || tableOf[i] !== -1 || headingAt.has(i) || !lines[i].raw.includes(':')) continue;
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
				LIST_ITEM.test(next.raw) ||
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
		const listItem = LIST_ITEM.test(line.raw);
		let body = listItem ? t.replace(/^(?:[-*+•]|\d+[.)])\s+/, '') : t;
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
