/**
 * Setting frontmatter keys by editing only their own lines: every other byte of the note — other keys, their order
 * and formatting, comments, the body, line endings, a byte-order mark — stays as it was. A note without frontmatter
 * gets a block. (Obsidian's processFrontMatter re-serialises the whole block and drops comments.)
 *
 * A key is edited in place only when it is written as a plain one-line scalar (`duration_minutes: 30 # guess`);
 * anchors, aliases, tags, block scalars, lists, nested maps, flow collections and quoted keys are refused, and so is
 * any result that does not read back, with the host's YAML parser, as the same values for every other key and the
 * new value for each key set.
 */
import type { WriteResult } from './write-result';
import { linesAndBreaks } from './write-result';

/** A scalar as YAML that reads back unchanged: numbers as numbers, other strings quoted when needed. */
function yamlValue(v: number | string): string {
	if (typeof v === 'number') return String(v);
	return /^[\w][\w .:+/-]*$/.test(v) &&
		!/^(?:true|false|yes|no|on|off|null|~)$/i.test(v) &&
		!/:\s/.test(v) &&
		!/^\d+$/.test(v)
		? v
		: JSON.stringify(v);
}

/** A top-level line that starts a key: the key as it is named (quotes removed) and whether it was plain. */
const PLAIN_KEY_LINE = /^([A-Za-z_][\w-]*)[ \t]*:(?=[ \t]|$)/;
const DOUBLE_QUOTED_KEY_LINE = /^"((?:[^"\\]|\\.){1,200})"[ \t]*:/;
const SINGLE_QUOTED_KEY_LINE = /^'((?:[^']|''){1,200})'[ \t]*:/;

/** The key a quoted key line names (escapes taken as written: a key that needs them is not ours anyway). */
function quotedKey(line: string): string | null {
	const m = DOUBLE_QUOTED_KEY_LINE.exec(line) ?? SINGLE_QUOTED_KEY_LINE.exec(line);
	return m ? m[1] : null;
}

/** The first line after `i` that holds more than a comment or blank space (or `close`). */
function nextContent(lines: string[], i: number, close: number): number {
	let k = i + 1;
	while (k < close && (lines[k].trim() === '' || /^#/.test(lines[k]))) k++;
	return k;
}

/** Where the value of a `key: value` line ends and its comment begins (quotes respected); null when not one scalar. */
function scalarEnd(value: string): number | null {
	const c = value[0];
	if (c === undefined) return null;
	// Anchors, aliases, tags, block scalars, flow collections, sequences, directives: not a plain one-line scalar.
	if ('&*!|>{[%@`?'.includes(c) || (c === '-' && (value[1] === ' ' || value[1] === undefined))) return null;
	let end = value.length;
	if (c === '"' || c === "'") {
		let k = 1;
		for (; k < value.length; k++) {
			if (c === '"' && value[k] === '\\') k++;
			else if (value[k] === c) {
				if (c === "'" && value[k + 1] === "'") k++;
				else break;
			}
		}
		if (k >= value.length) return null;
		end = k + 1;
		const rest = value.slice(end);
		if (rest.trim() !== '' && !/^[ \t]+#/.test(rest)) return null;
		return end;
	}
	const hash = value.search(/[ \t]#/);
	if (hash !== -1) end = hash;
	return end;
}

function deepEqual(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
	if (a instanceof Date || b instanceof Date)
		return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
	if (Array.isArray(a) || Array.isArray(b)) {
		if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
		for (let k = 0; k < a.length; k++) if (!deepEqual(a[k], b[k])) return false;
		return true;
	}
	if (a && b && typeof a === 'object' && typeof b === 'object') {
		const ka = Object.keys(a);
		const kb = Object.keys(b);
		if (ka.length !== kb.length) return false;
		for (const k of ka)
			if (
				!Object.prototype.hasOwnProperty.call(b, k) ||
				!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])
			)
				return false;
		return true;
	}
	return false;
}

function asMap(data: unknown): Record<string, unknown> | null {
	if (data === null || data === undefined) return {};
	return typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
}

/**
 * The note with `fields` set in its frontmatter. `parseYaml` is the host's YAML parser (Obsidian's, or js-yaml in
 * the CLI and tests): the result is read back with it before it is returned.
 */
export function setFrontmatterFields(
	text: string,
	fields: Record<string, number | string>,
	parseYaml: (yaml: string) => unknown,
): WriteResult {
	const keys = Object.keys(fields);
	if (keys.length === 0) return { ok: true, text, changed: false };
	const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
	const body = bom ? text.slice(1) : text;
	const { lines, breaks } = linesAndBreaks(body);
	const eol = breaks[0] ?? '\n';
	if (lines[0].trim() !== '---') {
		const head = ['---', ...keys.map((k) => `${k}: ${yamlValue(fields[k])}`), '---'].join(eol) + eol;
		return { ok: true, text: bom + head + body, changed: true };
	}
	let close = -1;
	for (let i = 1; i < lines.length; i++) {
		const t = lines[i].trimEnd();
		if (t === '---' || t === '...') {
			close = i;
			break;
		}
	}
	if (close === -1) return { ok: false, reason: 'the frontmatter is never closed' };
	const yamlOf = (ls: string[]): string => ls.slice(1, close).join('\n');
	let before: Record<string, unknown> | null;
	try {
		before = asMap(parseYaml(yamlOf(lines)));
	} catch {
		return { ok: false, reason: 'the frontmatter is not valid YAML' };
	}
	if (before === null) return { ok: false, reason: 'the frontmatter is not a set of key: value pairs' };

	const out = lines.slice();
	const added: string[] = [];
	for (const key of keys) {
		const where: number[] = [];
		let plain = true;
		for (let i = 1; i < close; i++) {
			const p = PLAIN_KEY_LINE.exec(lines[i]);
			const q = p ? null : quotedKey(lines[i]);
			if ((p && p[1] === key) || q === key) {
				where.push(i);
				if (!p) plain = false;
			}
		}
		if (where.length === 0) {
			if (Object.prototype.hasOwnProperty.call(before, key))
				return { ok: false, reason: `${key} is not written as its own line` };
			added.push(`${key}: ${yamlValue(fields[key])}`);
			continue;
		}
		if (where.length > 1 || !plain)
			return { ok: false, reason: `${key} is written ${where.length > 1 ? 'more than once' : 'as a quoted key'}` };
		const i = where[0];
		const line = lines[i];
		const colon = line.indexOf(':');
		const gap = /^[ \t]*/.exec(line.slice(colon + 1))?.[0] ?? '';
		const valueAt = colon + 1 + gap.length;
		const value = line.slice(valueAt);
		const empty = value.trim() === '' || /^#/.test(value);
		const end = empty ? 0 : scalarEnd(value);
		// The next line with content must start a new key (or end the block): an indented line continues this value,
		// and after an empty value a `- item` at the same indentation is a list.
		const k = nextContent(lines, i, close);
		const continues = k < close && (/^[ \t]/.test(lines[k]) || (empty && /^-(?:[ \t]|$)/.test(lines[k])));
		if (end === null || continues) {
			return {
				ok: false,
				reason: `${key} does not hold a plain one-line value (an anchor, alias, list, nested or multi-line value)`,
			};
		}
		const comment = empty
			? /^#/.test(value)
				? ` ${value}`
				: ''
			: value.slice(end).trimEnd() === ''
				? ''
				: value.slice(value.slice(0, end).trimEnd().length);
		out[i] = `${line.slice(0, colon + 1)}${gap || ' '}${yamlValue(fields[key])}${comment}`;
	}

	// Read back: every other key as it was, each key set holding its new value.
	let after: Record<string, unknown> | null;
	const check = [...out.slice(0, close), ...added, ...out.slice(close)];
	try {
		after = asMap(parseYaml(check.slice(1, close + added.length).join('\n')));
	} catch {
		after = null;
	}
	const same = after !== null && Object.keys(before).every((k) => k in fields || deepEqual(before?.[k], after?.[k]));
	// Each value as the same parser reads it written alone (a date-time string may become a date, as it would anyway).
	const meant = (k: string): unknown => asMap(parseYaml(`${k}: ${yamlValue(fields[k])}`))?.[k];
	const set = after !== null && keys.every((k) => deepEqual(after?.[k], meant(k)));
	const nothingElse =
		after !== null && Object.keys(after).every((k) => k in fields || Object.prototype.hasOwnProperty.call(before, k));
	if (!same || !set || !nothingElse)
		return { ok: false, reason: 'the frontmatter would not read back with the same values' };

	let result = bom;
	for (let k = 0; k < out.length; k++) {
		if (k === close) for (const a of added) result += a + eol;
		result += out[k] + (breaks[k] ?? '');
	}
	return { ok: true, text: result, changed: result !== text };
}
