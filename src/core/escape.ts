/**
 * Plain text written into Markdown that the plugin generates (converted notes, exports): it must read as the same
 * text and never become structure — no line break that ends a table row or starts a heading, no link, tag, embed,
 * HTML, highlight or comment. One place, so every writer escapes the same way.
 */

/** Every kind of line break (a lone carriage return, Unicode separators, vertical tab, form feed) as one space. */
const LINE_BREAKS = /[\r\n\v\f\u0085\u2028\u2029]+/g;

export function oneLine(s: string): string {
	return s.replace(LINE_BREAKS, ' ');
}

/**
 * Markdown's inline punctuation, backslash-escaped: code, emphasis, links and wikilinks, HTML and autolinks, tags,
 * table pipes, strikethrough, highlights, math, comments and block references. Renders as the same characters.
 */
const INLINE_ACTIVE = /[\\`*_[\]<>#|~=$%^]/g;

export function inertInline(s: string): string {
	return oneLine(s).replace(INLINE_ACTIVE, (c) => `\\${c}`);
}

/** A table cell: one line, pipes escaped, nothing active. */
export function inertCell(s: string | null | undefined): string {
	return inertInline((s ?? '').trim());
}

/** What makes a line a block of its own at its start: a list marker, quote, heading, rule or table. */
const BLOCK_START = /^(\s*)(?:([-+=])|(\d{1,9})([.)]))/;

/** A paragraph of plain text (lines kept): each line inert, and none starting a list, quote, heading or rule. */
export function inertParagraph(s: string): string {
	return s
		.split(/\r\n|\r|\n/)
		.map((line) =>
			inertInline(line).replace(BLOCK_START, (_m, space: string, mark: string | undefined, digits: string, dot: string) => (mark ? `${space}\\${mark}` : `${space}${digits}\\${dot}`)),
		)
		.join('\n');
}

/**
 * Whether a character must not reach a terminal or a CI log as it is: C0 controls (escape sequences that set the
 * window title, clear the screen, hide text or write the clipboard start with ESC), DEL and C1 controls, line and
 * paragraph separators (a file name with a line break could forge a `::error` line), direction overrides (text shown
 * in another order than it is) and a stray byte-order mark.
 */
function unprintable(k: number): boolean {
	return k < 0x20 || (k >= 0x7f && k <= 0x9f) || k === 0x2028 || k === 0x2029 || (k >= 0x202a && k <= 0x202e) || (k >= 0x2066 && k <= 0x2069) || k === 0xfeff;
}

function escapeCode(k: number): string {
	if (k === 10) return '\\n';
	if (k === 13) return '\\r';
	if (k === 9) return '\\t';
	return k <= 0xff ? `\\x${k.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${k.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `s` with each character for which `unsafe` holds replaced by `escape(code)`; copies in slices between them. */
function replaceCodes(s: string, unsafe: (k: number) => boolean, escape: (k: number) => string): string {
	let out = '';
	let from = 0;
	for (let i = 0; i < s.length; i++) {
		const k = s.charCodeAt(i);
		if (!unsafe(k)) continue;
		out += s.slice(from, i) + escape(k);
		from = i + 1;
	}
	return from === 0 ? s : out + s.slice(from);
}

/** Text for a terminal or a log: every unprintable character (see above) shown as an escape (`\x1B`, `\n`, `\u202E`). */
export function printable(s: string): string {
	return replaceCodes(s, unprintable, escapeCode);
}

/**
 * JSON text with the characters JSON.stringify leaves raw but a terminal acts on (DEL, C1 controls, separators,
 * direction overrides, BOM) written as \u escapes: the same JSON values, nothing a terminal interprets. (Controls
 * below 0x20 are escaped by JSON.stringify already; any left are the structure's own white space.)
 */
export function terminalSafeJson(json: string): string {
	return replaceCodes(json, (k) => k >= 0x7f && unprintable(k), (k) => `\\u${k.toString(16).padStart(4, '0')}`);
}
