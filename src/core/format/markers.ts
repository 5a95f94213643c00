/**
 * The line markers of Markdown as teams write them — list bullets, ordinals, checkboxes, quotes, bold labels — as
 * named parts, and the line patterns built from them (the way obsidian-tasks builds its task pattern from
 * indentation + list marker + checkbox). Every reader and writer takes its markers from here, so a marker added
 * once is read everywhere.
 *
 * Each pattern matches the markers at the start of a line only: the text after them is sliced off by the caller
 * (a `(.*)$` tail would backtrack over a long line), and every repeat is bounded (scripts/check-regex.mjs).
 */

/** The bullets Markdown itself knows. These are the only ones a writer puts in a note. */
export const MD_BULLET = '[-*+]';
/** A bullet pasted from a document or chat, read as a list item, never written. */
export const PASTED_BULLET = '•';
/** An ordered list's marker: `1.` or `1)`. CommonMark allows nine digits at most. */
export const ORDINAL = '\\d{1,9}[.)]';
/** Any list marker a reader accepts. */
export const LIST_MARKER = `(?:[-*+${PASTED_BULLET}]|${ORDINAL})`;
/** A list marker Markdown renders as a list (what a writer may copy from the note). */
export const MD_LIST_MARKER = `(?:${MD_BULLET}|${ORDINAL})`;
/** Blockquote and callout markers before the content, nested any depth (`> > `). */
export const QUOTES = '(?:>\\s*)*';
/** A task checkbox; group 1 is the character inside (` `, `x`, `/`, `-`…). */
export const BOX = '\\[(.)\\]';
/** The checkbox states a timeline row may carry before its time (`- [x] 10:05 Paged`). */
export const ROW_BOX = '\\[[ xX/-]\\]';
/** Bold, written either way. */
export const BOLD = '(?:\\*\\*|__)';

/** A list item's marker and the space after it: `- `, `* `, `• `, `1. `. */
export const LIST_ITEM = new RegExp(`^\\s*${LIST_MARKER}\\s+`);
/** The same marker at the start of text already trimmed. */
export const LIST_ITEM_MARKER = new RegExp(`^${LIST_MARKER}\\s+`);
/** A task: quotes, a Markdown list marker, the box (group 1: its character), the space after it. */
export const CHECKBOX_ITEM = new RegExp(`^\\s*${QUOTES}${MD_LIST_MARKER}\\s+${BOX}\\s+`);
/** A list item inside quotes or callouts too (an action written without a checkbox). */
export const BULLET_ITEM = new RegExp(`^\\s*${QUOTES}${LIST_MARKER}\\s+`);
/** What may come before a timeline row's time: quotes, a list marker, a checkbox. */
export const ROW_PREFIX = new RegExp(`^\\s*${QUOTES}(?:${LIST_MARKER}\\s+)?(?:${ROW_BOX}\\s+)?`);
/** The checkbox that starts a table cell (`| [x] Add alert | sam |`). */
export const CELL_BOX = /^\s*\[(.)\]\s*/;
/** A list item with its indentation (group 1) and marker (group 2), as a writer must reproduce them. */
export const MD_ITEM_PARTS = new RegExp(`^([ \\t]*)(${MD_LIST_MARKER})[ \\t]+`);
/** A line that starts a Markdown list item (a new item, not a continuation of the one before). */
export const MD_ITEM_START = new RegExp(`^[ \\t]*${MD_LIST_MARKER}[ \\t]`);
/** An optional Markdown list marker before a label or key. */
const OPTIONAL_ITEM = `(?:${MD_BULLET}\\s+|${ORDINAL}\\s+)?`;
/** A line that is only a bold label (group 1; group 2 the colon, if any), on the line with its end trimmed. */
export const BOLD_LABEL_LINE = new RegExp(`^\\s*${OPTIONAL_ITEM}${BOLD}([^*_]{1,100}?)${BOLD}[ \\t]*(:?)$`);
/** The key (group 1) and colon of a `Key: value` line, bold or not; the value is the rest of the line. */
export const KEY_VALUE_START = new RegExp(
	`^\\s*${OPTIONAL_ITEM}${BOLD}?([\\p{L}][\\p{L}\\p{N} &/()'’.%#-]{0,48}?)${BOLD}?[ \\t]{0,4}:(?!:)[ \\t]*(?:${BOLD}[ \\t]*)?`,
	'u',
);
/** A bold question that labels the text after it, without a colon: `- **What caused it?** A power outage …`. */
export const BOLD_QUESTION_START = new RegExp(
	`^\\s*${OPTIONAL_ITEM}${BOLD}(\\p{L}[^*_?\\n]{0,60}\\?)${BOLD}[ \\t]{1,4}(?=\\S)`,
	'u',
);
