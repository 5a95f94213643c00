/**
 * Character scans that regular expressions do in quadratic time: `[x]+$` tried at every start of a long run of x
 * backtracks over the whole run each time. These loops look at each character once. (scripts/check-regex.mjs keeps
 * every pattern in src linear; this is where the trimming they cannot do lives.)
 */

/** What `\s` matches, by char code. */
export function isSpaceCode(k: number): boolean {
	return (
		k === 32 ||
		(k >= 9 && k <= 13) ||
		k === 0xa0 ||
		k === 0x1680 ||
		(k >= 0x2000 && k <= 0x200a) ||
		k === 0x2028 ||
		k === 0x2029 ||
		k === 0x202f ||
		k === 0x205f ||
		k === 0x3000 ||
		k === 0xfeff
	);
}

/** `s` without the characters at its end for which `drop` holds. */
export function trimEndWhere(s: string, drop: (code: number) => boolean): string {
	let end = s.length;
	while (end > 0 && drop(s.charCodeAt(end - 1))) end--;
	return end === s.length ? s : s.slice(0, end);
}

/** `s` without the characters at its start for which `drop` holds. */
export function trimStartWhere(s: string, drop: (code: number) => boolean): string {
	let start = 0;
	while (start < s.length && drop(s.charCodeAt(start))) start++;
	return start === 0 ? s : s.slice(start);
}

/** A test for "one of these characters" (and, with `spaces`, any whitespace), for the trims above. */
export function oneOf(chars: string, spaces = false): (code: number) => boolean {
	const set = new Set<number>();
	for (let i = 0; i < chars.length; i++) set.add(chars.charCodeAt(i));
	return spaces ? (k) => set.has(k) || isSpaceCode(k) : (k) => set.has(k);
}

/** `s` without the given characters (and whitespace, with `spaces`) at either end. */
export function trimChars(s: string, chars: string, spaces = false): string {
	const drop = oneOf(chars, spaces);
	return trimStartWhere(trimEndWhere(s, drop), drop);
}

/** Whitespace other than a plain space. */
const OTHER_SPACE = /[^\S ]/;
/** What collapsing changes: a run of two or more, or one character of whitespace that is not a plain space. */
const SPACE_TO_COLLAPSE = /\s{2,}|[^\S ]/g;

/**
 * Every run of whitespace as one space, ends trimmed: `s.replace(/\s+/g, ' ').trim()`, without rewriting each single
 * space as itself (text of single spaces, nearly all of it and every text this has collapsed already, is only
 * trimmed; a 1 MB action item was rebuilt from 250,000 pieces by each of the half dozen readers that collapse it).
 */
export function collapseWhitespace(s: string): string {
	if (!s.includes('  ') && !OTHER_SPACE.test(s)) return s.trim();
	return s.length < LONG_TEXT ? s.replace(SPACE_TO_COLLAPSE, ' ').trim() : collapseLong(s);
}

/** From this length a text is collapsed by hand: a replace builds a long result from one piece per gap. */
export const LONG_TEXT = 4096;

/** What `\s` matches (ECMAScript WhiteSpace and LineTerminator). */
function isJsSpace(c: number): boolean {
	return (
		c === 32 ||
		(c >= 9 && c <= 13) ||
		(c >= 0xa0 &&
			(c === 0xa0 ||
				c === 0x1680 ||
				(c >= 0x2000 && c <= 0x200a) ||
				c === 0x2028 ||
				c === 0x2029 ||
				c === 0x202f ||
				c === 0x205f ||
				c === 0x3000 ||
				c === 0xfeff))
	);
}

/**
 * collapseWhitespace of a long text, written into one buffer of code units: a 1 MB line of tabs and dashes took
 * ~30 ms and most of a parse's garbage through a replace, ~5 ms this way. Code units are copied as they are (lone
 * surrogates too), then turned into text a bounded chunk at a time.
 */
function collapseLong(s: string): string {
	const out = new Uint16Array(s.length);
	let n = 0;
	let gap = false;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (isJsSpace(c)) {
			gap = true;
			continue;
		}
		if (gap && n > 0) out[n++] = 32;
		gap = false;
		out[n++] = c;
	}
	const CHUNK = 8192;
	let text = '';
	for (let k = 0; k < n; k += CHUNK)
		// eslint-disable-next-line no-restricted-syntax -- bounded: a chunk is at most CHUNK code units, far below the limit
		text += String.fromCharCode.apply(null, out.subarray(k, Math.min(n, k + CHUNK)) as unknown as number[]);
	return text;
}

export function stickyExec(re: RegExp, s: string, pos: number): RegExpExecArray | null {
	re.lastIndex = pos;
	return re.exec(s);
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

const LETTER = /\p{L}/u;

/** A letter, digit or underscore (any script). ASCII is decided without a regex: this runs for every candidate token. */
export function isWordChar(c: string | undefined): boolean {
	if (c === undefined) return false;
	const k = c.charCodeAt(0);
	if (k < 128) return (k >= 48 && k <= 57) || (k >= 65 && k <= 90) || (k >= 97 && k <= 122) || k === 95;
	return WORD_CHAR.test(c);
}

export function isAsciiAlnum(k: number): boolean {
	return (k >= 48 && k <= 57) || (k >= 65 && k <= 90) || (k >= 97 && k <= 122);
}

export function isDigitCode(k: number): boolean {
	return k >= 48 && k <= 57;
}

export function isLetterAt(s: string, i: number): boolean {
	const k = s.charCodeAt(i);
	if (k < 128) return (k >= 65 && k <= 90) || (k >= 97 && k <= 122);
	return LETTER.test(s[i]);
}

/**
 * A string that no longer pins the note it was cut from: JS engines keep substrings as views into their parent,
 * so a 40-character action text could hold a 5 KB note in memory. Concatenating and slicing makes a flat copy.
 * For what is kept after its note is gone (the index, the CLI's report tail); short strings are copies already.
 */
export function detached(s: string): string;
export function detached(s: string | null): string | null;
export function detached(s: string | null): string | null {
	return s === null || s.length < 13 ? s : (' ' + s).slice(1);
}
