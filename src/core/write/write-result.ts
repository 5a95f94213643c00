/**
 * What a note writer gives back: the new text (and whether it differs), or why it refused to change the note. A
 * writer refuses rather than guess: the plugin shows the reason and writes nothing.
 */
export type WriteResult = { ok: true; text: string; changed: boolean } | { ok: false; reason: string };

const LINE_BREAK = /(\r\n|\n|\r)/;

/** The note's lines and the line break after each (the last has none): joined, they are the text, byte for byte. */
export function linesAndBreaks(text: string): { lines: string[]; breaks: string[] } {
	const parts = text.split(LINE_BREAK);
	const lines: string[] = [];
	const breaks: string[] = [];
	for (let k = 0; k < parts.length; k += 2) {
		lines.push(parts[k]);
		if (k + 1 < parts.length) breaks.push(parts[k + 1]);
	}
	return { lines, breaks };
}

/**
 * The text with line `index` (0-based, as the parser counts lines: a byte-order mark is not part of line 0) replaced
 * by `line`; every other byte, line breaks included, as it was.
 */
export function replaceLine(text: string, index: number, line: string): string {
	const { lines, breaks } = linesAndBreaks(text);
	const bom = index === 0 && text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
	lines[index] = bom + line;
	let out = '';
	for (let k = 0; k < lines.length; k++) out += lines[k] + (breaks[k] ?? '');
	return out;
}
