/** Linking a related incident: the note's text with one more link in its related-incidents section. */
import { MD_ITEM_PARTS, MD_ITEM_START } from '../format/markers';
import { readDocument } from '../read/parse';
import { linesAndBreaks, type WriteResult } from './write-result';

/**
 * Adds `- [[link]]` to the note's related-incidents section ("Related incidents", "See also"… any markdown heading
 * the vocabulary names so, in the body: never in the frontmatter, a code block or an HTML comment): after its last
 * list item (in that list's marker), or under its heading, or in a new "Related Incidents" section at the end. A
 * link the section already lists is not added twice. Every other byte of the text stays as it was, line endings
 * included. Refused when the note ends inside a code block or comment (a new section would not be seen).
 */
export function insertRelatedLink(text: string, link: string): WriteResult {
	const { lines: parsed, doc } = readDocument(text);
	const { lines, breaks } = linesAndBreaks(text);
	const eol = breaks[0] ?? '\n';
	// What marks the link as already listed: "[[target" for a wikilink, "](destination" for a Markdown link (the
	// form the user's link setting gives).
	const wiki = /^!?\[\[([^\]|#]*)/.exec(link);
	const md = wiki ? null : /\]\(([^)#]*)/.exec(link);
	const target = (wiki ? wiki[1] : md ? md[1] : link).trim().toLowerCase();
	const listed = wiki ? `[[${target}` : md ? `](${target}` : target;
	let section = -1;
	for (let s = 1; s < doc.sections.length; s++) {
		const sec = doc.sections[s];
		if (
			sec.level <= 6 &&
			Number.isInteger(sec.level) &&
			sec.kinds.includes('related') &&
			/^ {0,3}#/.test(parsed[sec.heading])
		) {
			section = s;
			break;
		}
	}
	const build = (at: number, add: string[]): string => {
		// New lines after line `at`, with its line break; if it was the last line and had none, so has the last new one.
		// A "\n" right after a lone "\r" would join it into one "\r\n" (a line gone): the "\r" is used there.
		const lineEnd = breaks[at] ?? (lines[at] === '' && breaks[at - 1] === '\r' ? '\r' : eol);
		const last = at === lines.length - 1;
		let out = '';
		for (let k = 0; k <= at; k++) out += lines[k] + (k === at ? lineEnd : breaks[k]);
		add.forEach((a, n) => {
			out += a + (n === add.length - 1 && last ? (breaks[at] ?? '') : lineEnd);
		});
		for (let k = at + 1; k < lines.length; k++) out += lines[k] + (breaks[k] ?? '');
		return out;
	};
	if (section === -1) {
		if (doc.openAtEnd) {
			return {
				ok: false,
				reason: 'the note ends inside a code block or comment, where a new section would not be seen',
			};
		}
		// Appended after everything, blank lines at the end included: one blank line before the new heading.
		const endsWithEol = /(?:\r\n|\n|\r)$/.test(text);
		const lastBlank = text === '' || /(?:^|\r\n|\n|\r)[ \t]*(?:\r\n|\n|\r)$/.test(text);
		const end = text.endsWith('\r') ? '\r' : eol;
		const gap = text === '' ? '' : endsWithEol ? (lastBlank ? '' : end) : end + end;
		return { ok: true, text: `${text}${gap}## Related Incidents${end}${end}- ${link}${end}`, changed: true };
	}
	const sec = doc.sections[section];
	let lastItem = -1;
	let marker = '-';
	for (let i = sec.heading + 1; i < sec.end && doc.sectionOf[i] === section; i++) {
		if (doc.lines[i].code) continue;
		const m = MD_ITEM_PARTS.exec(parsed[i]);
		if (!m) continue;
		if (m[1] === '') marker = /^\d/.test(m[2]) ? '-' : m[2];
		lastItem = i;
		if (target !== '' && parsed[i].toLowerCase().includes(listed)) return { ok: true, text, changed: false };
	}
	if (lastItem !== -1) {
		// After the item's own continuation lines (indented, not blank), so the new item does not split it.
		let at = lastItem;
		while (
			at + 1 < sec.end &&
			doc.sectionOf[at + 1] === section &&
			!doc.lines[at + 1].code &&
			/^[ \t]+\S/.test(parsed[at + 1]) &&
			!MD_ITEM_START.test(parsed[at + 1])
		)
			at++;
		return { ok: true, text: build(at, [`${marker} ${link}`]), changed: true };
	}
	// Right under the heading, keeping one blank line between them.
	if (sec.heading + 1 < lines.length && parsed[sec.heading + 1].trim() === '')
		return { ok: true, text: build(sec.heading + 1, [`- ${link}`]), changed: true };
	return { ok: true, text: build(sec.heading, ['', `- ${link}`]), changed: true };
}
