/**
 * Markdown text as plain text: markup stripped, titles and keys normalised, table rows split into cells, lines
 * split on every line ending. Inline only: no knowledge of sections or what a line means.
 */
import { LIST_ITEM } from '../format/markers';
import { headingName } from '../format/vocabulary';
import { collapseWhitespace, oneOf, trimEndWhere } from './chars';

const SEPARATOR_CELL = /^:?-{2,}:?$/;
/** Between pipes one dash makes a cell of the separator row (GFM: `| :- | - |`); a line without pipes needs two. */
const PIPED_SEPARATOR_CELL = /^:?-+:?$/;

/** A table's separator line: `|---|:--:|`, with or without the outer pipes. */
export function isTableSeparator(raw: string): boolean {
	let t = raw.trim();
	if (t.startsWith('|')) t = t.slice(1);
	if (t.endsWith('|')) t = t.slice(0, -1);
	if (t === '') return false;
	const cellPattern = raw.includes('|') ? PIPED_SEPARATOR_CELL : SEPARATOR_CELL;
	for (const cell of t.split('|')) if (!cellPattern.test(cell.trim())) return false;
	return true;
}

export function isListItem(raw: string): boolean {
	return LIST_ITEM.test(raw);
}

const MARKUP = /[[*_~=`<\\]/;

/** Markup or whitespace other than a plain space: one scan that most lines pass without a match. */
const MARKUP_OR_ODD_SPACE = /[[*_~=`<\\\t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** A backslash before ASCII punctuation (CommonMark's escapes), and the private-use characters that stand in for them. */
const ESCAPED = /\\([!-/:-@[-`{}~])/g;

const ESCAPE_STAND_IN = /[\ue021-\ue07e]/g;

/** `<https://…>`, `<mailto:…>`, `<sam@example.com>`: the address is the text. */
const AUTOLINK = /<((?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]{1,2000})|(?:[^\s<>@]{1,64}@[^\s<>@]{1,255}))>/g;

/** An HTML open or closing tag (`<b>`, `<br/>`, `<span class="x">`, `</div>`) or a one-line comment. */
const HTML_TAG = /<(?:\/?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>]{0,200})?\/?|!--[^<>]{0,200}--)>/g;

/** Removes inline markdown so text reads as written: bold, italics, code, links, wikilinks, highlights. */
export function stripMarkdown(s: string): string {
	// Most lines carry no markup and no whitespace but single spaces: one scan, then only the ends are trimmed (this
	// is the parser's hottest function). A native search for a double space: \s{2,} would cost a try at every position.
	if (!MARKUP_OR_ODD_SPACE.test(s)) return s.includes('  ') ? collapseWhitespace(s) : s.trim();
	// A zero-width no-break space (a stray byte-order mark) is no gap between words: it goes rather than becoming one.
	if (s.includes('\ufeff')) s = s.replace(/\ufeff/g, '');
	if (!MARKUP.test(s)) return collapseWhitespace(s);
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
	if (out.includes('<')) {
		// Only what CommonMark reads as markup: an autolink shows its address, an HTML tag or comment nothing. A `<`
		// that opens neither ("1 < 2 && x > y", "p<0.05") is text.
		out = out.replace(AUTOLINK, '$1').replace(HTML_TAG, '');
	}
	if (escaped) out = out.replace(ESCAPE_STAND_IN, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000));
	return collapseWhitespace(out);
}

const TITLE_END = oneOf(':.–—-', true);

/**
 * A heading's words without numbering, markdown, emoji or trailing punctuation, lower-cased: what its section kinds
 * are read from, so only its first words (headingName); a 1 MB heading was copied half a dozen times a reader.
 */
export function normaliseTitle(s: string): string {
	const words = stripMarkdown(headingName(s))
		.replace(/^[\p{N}.)\s]+(?=\p{L})/u, '')
		.replace(/[\p{Extended_Pictographic}\uFE0F]/gu, '');
	return collapseWhitespace(trimEndWhere(words, TITLE_END)).toLowerCase();
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
 * one cell byte-precisely (ticking an action item); splitTableRow gives the texts. At most `max` cells: the rest of
 * the row is ignored, as GFM ignores cells beyond the header's.
 */
export function tableCellSpans(line: string, max = Infinity): { start: number; end: number }[] {
	const spans: { start: number; end: number }[] = [];
	const first = line.search(/\S/);
	if (first === -1) return spans;
	let start = line.charCodeAt(first) === PIPE ? first + 1 : first;
	let inLink = false;
	let inCode = false;
	for (let i = start; i < line.length; i++) {
		const c = line.charCodeAt(i);
		if (c === BACKSLASH && line.charCodeAt(i + 1) === PIPE) {
			i++;
			continue;
		}
		if (c === BACKTICK) inCode = !inCode;
		else if (!inCode && c === OPEN_BRACKET && line.charCodeAt(i + 1) === OPEN_BRACKET) inLink = true;
		else if (!inCode && c === CLOSE_BRACKET && line.charCodeAt(i + 1) === CLOSE_BRACKET) inLink = false;
		if (c === PIPE && !inLink && !inCode) {
			spans.push({ start, end: i });
			if (spans.length >= max) return spans;
			start = i + 1;
		}
	}
	if (line.slice(start).trim() !== '' || spans.length === 0) spans.push({ start, end: line.length });
	return spans;
}

const PIPE = 124;
const BACKSLASH = 92;
const BACKTICK = 96;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** Cells a body row may have beyond its header's: kept (a pipe left unescaped in an event), until a row is absurd. */
export const EXTRA_CELLS = 32;

/** The cells of a table row as text (escaped pipes unescaped, trimmed); at most `max` of them. */
export function splitTableRow(line: string, max = Infinity): string[] {
	const cells: string[] = [];
	for (const sp of tableCellSpans(line, max)) {
		const cell = line.slice(sp.start, sp.end);
		cells.push((cell.includes('\\|') ? cell.replace(/\\\|/g, '|') : cell).trim());
	}
	return cells;
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
export function firstNonSpace(s: string): number {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c !== 32 && c !== 9) return c;
	}
	return -1;
}

export function lastNonSpace(s: string): number {
	for (let i = s.length - 1; i >= 0; i--) {
		const c = s.charCodeAt(i);
		if (c !== 32 && c !== 9) return c;
	}
	return -1;
}

export function isTableLine(raw: string): boolean {
	const t = raw.trim();
	return t.startsWith('|') || (t.includes('|') && !t.startsWith('-') && /\S\s*\|\s*\S/.test(t));
}

export function splitLines(text: string): string[] {
	const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	// Splitting on a plain "\n" is several times faster than on a pattern; most notes have no "\r" at all.
	return t.includes('\r') ? t.split(/\r\n|\r|\n/) : t.split('\n');
}
