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
			inertInline(line).replace(
				BLOCK_START,
				(_m, space: string, mark: string | undefined, digits: string, dot: string) =>
					mark ? `${space}\\${mark}` : `${space}${digits}\\${dot}`,
			),
		)
		.join('\n');
}

/**
 * The characters that must not reach a terminal or a CI log as they are: C0 controls (escape sequences that set the
 * window title, clear the screen, hide text or write the clipboard start with ESC), DEL and C1 controls, line and
 * paragraph separators (a file name with a line break could forge a `::error` line), direction overrides (text shown
 * in another order than it is) and a stray byte-order mark. One class of single characters: linear, and native.
 */
const HIGH_UNPRINTABLE = '\\u007f-\\u009f\\u2028-\\u202e\\u2066-\\u2069\\ufeff';
const UNPRINTABLE = new RegExp(`[\\u0000-\\u001f${HIGH_UNPRINTABLE}]`, 'g');
const RAW_IN_JSON = new RegExp(`[${HIGH_UNPRINTABLE}]`, 'g');

function escapeCode(c: string): string {
	if (c === '\n') return '\\n';
	if (c === '\r') return '\\r';
	if (c === '\t') return '\\t';
	const k = c.charCodeAt(0);
	return k <= 0xff
		? `\\x${k.toString(16).toUpperCase().padStart(2, '0')}`
		: `\\u${k.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Text for a terminal or a log: every unprintable character (see above) shown as an escape (`\x1B`, `\n`, `\u202E`). */
export function printable(s: string): string {
	return s.replace(UNPRINTABLE, escapeCode);
}

/**
 * JSON text with the characters JSON.stringify leaves raw but a terminal acts on (DEL, C1 controls, separators,
 * direction overrides, BOM) written as \u escapes: the same JSON values, nothing a terminal interprets. (Controls
 * below 0x20 are escaped by JSON.stringify already; any left are the structure's own white space.)
 */
export function terminalSafeJson(json: string): string {
	return json.replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const MARKUP_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML or SVG markup written as text (content or a quoted attribute): the five markup characters escaped. */
export function escapeMarkup(s: string): string {
	return s.replace(/[&<>"']/g, (c) => MARKUP_ESCAPES[c]);
}
