/**
 * RCA note templates: the built-in one, placeholder rendering ({{title}}, {{date:FORMAT}}…), and the file name a
 * new note gets. Pure: the plugin supplies the template text and checks which paths exist.
 */
import { format } from 'date-fns';
import { formatMoment } from '../time/moment-tokens';
import { severityKey } from '../views/severity';
import { collapseWhitespace, oneOf, trimChars, trimEndWhere, trimStartWhere } from '../text/chars';

export interface TemplateValues {
	title: string;
	/** When the incident happened (the modal's date and time). */
	date: Date;
	severity: string;
	services: string[];
	author: string;
	id: string;
}

/** The built-in template: the structure of a well-kept frontmatter RCA. */
export const DEFAULT_RCA_TEMPLATE = `---
title: {{title}}
id: {{id}}
date: {{date}}
severity: {{severity}}
services: [{{services}}]
tags: [rca]
status: draft
duration_minutes:
author: {{author}}
---

# {{title}}

## Summary

What happened, who was affected, and for how long.

## Timeline

| Time (UTC) | Event |
|------------|-------|
| {{time}} | Incident started |

## Root Cause

## Impact

## Resolution

## Lessons Learned

### What went well

### What could be improved

## Action Items

| Priority | Action | Owner | Due Date | Status |
|----------|--------|-------|----------|--------|
|  |  |  |  | Open |

## Related Incidents

`;

export const DEFAULT_RUNBOOK_TEMPLATE = `---
title: {{title}}
tags: [runbook]
services: [{{services}}]
---

# {{title}}

## When to use this runbook

## Checks

1. 

## Steps

1. 

## Rollback

## Escalation
`;

const PLACEHOLDER = /\{\{[ \t]*([\w-]{1,40})[ \t]*(?::([^{}]{0,200}))?\}\}/g;

/** A YAML scalar that reads back as the same string: plain when safe, double-quoted otherwise. */
export function yamlScalar(s: string): string {
	if (s === '') return '""';
	const plain = /^[\p{L}\p{N}_][\p{L}\p{N}_ ./()-]*$/u.test(s) && !/\s$/.test(s);
	const ambiguous = /^(?:true|false|yes|no|on|off|null|~|[-+]?\d[\d_.:eE+-]*)$/i.test(s);
	return plain && !ambiguous ? s : JSON.stringify(s);
}

function frontmatterEnd(template: string): number {
	if (!/^---\r?\n/.test(template)) return -1;
	const m = /\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(template.slice(3));
	return m ? m.index + 3 : -1;
}

/** date-fns tokens moment does not have ("yyyy", "EEEE"): a pattern written before templates took moment's. */
const DATE_FNS_ONLY = /y{2,4}|E{3,}/;

/**
 * A `{{date:FORMAT}}` pattern in moment's tokens, as Obsidian's Templates plugin reads them (`YYYY-MM-DD`, `dddd`,
 * `HH:mm`); one that uses tokens only date-fns has (`yyyy-MM-dd`, `EEEE d MMMM`) is still read as date-fns.
 */
function formatDatePattern(date: Date, pattern: string): string {
	return DATE_FNS_ONLY.test(pattern) ? format(date, pattern) : formatMoment(date, pattern);
}

/**
 * Replaces the placeholders. Inside the frontmatter, values are written as YAML that reads back unchanged
 * (quoted where needed; `[{{services}}]` becomes a list). Unknown placeholders stay as written and are returned.
 */
export function renderTemplate(template: string, v: TemplateValues): { text: string; unknown: string[] } {
	const unknown: string[] = [];
	const fmEnd = frontmatterEnd(template);
	const text = template.replace(PLACEHOLDER, (whole: string, name: string, arg: string | undefined, offset: number) => {
		const inYaml = offset < fmEnd;
		const before = template.slice(Math.max(0, offset - 1), offset);
		const after = template.slice(offset + whole.length, offset + whole.length + 1);
		const quoted = inYaml && (before === '"' || before === "'") && after === before;
		const bracketed = inYaml && before === '[' && after === ']';
		const yaml = (s: string): string =>
			quoted ? (before === '"' ? JSON.stringify(s).slice(1, -1) : s.replace(/'/g, "''")) : yamlScalar(s);
		const value = (s: string): string => (inYaml ? yaml(s) : s);
		switch (name.toLowerCase()) {
			case 'title':
				return value(v.title);
			case 'date':
			case 'time': {
				if (arg === undefined) return format(v.date, name.toLowerCase() === 'date' ? 'yyyy-MM-dd' : 'HH:mm');
				try {
					const out = formatDatePattern(v.date, arg.trim());
					return inYaml ? yaml(out) : out;
				} catch {
					if (!unknown.includes(whole)) unknown.push(whole);
					return whole;
				}
			}
			case 'severity':
				return value(v.severity);
			case 'services':
				if (bracketed) return v.services.map((s) => yamlScalar(s)).join(', ');
				if (inYaml && !quoted) return `[${v.services.map((s) => yamlScalar(s)).join(', ')}]`;
				return value(v.services.join(', '));
			case 'author':
				return value(v.author);
			case 'id':
				return value(v.id);
			default:
				if (!unknown.includes(whole)) unknown.push(whole);
				return whole;
		}
	});
	return { text, unknown };
}

/** A readable incident id from the incident's date and time: INC-20250731-1217. */
export function incidentId(date: Date): string {
	return `INC-${format(date, 'yyyyMMdd-HHmm')}`;
}

/** Lower-case, ASCII, dash-separated; never empty. */
export function slugify(title: string): string {
	const words = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-');
	const slug = trimChars(trimChars(words, '-').slice(0, 60), '-');
	return slug || 'incident';
}

/**
 * Longest file name, in UTF-8 bytes, that a note is given before `-2` and `.md`: common file systems (ext4, APFS,
 * NTFS) stop at 255 bytes, and a CJK title of 120 characters is already 360.
 */
export const FILE_NAME_BYTES = 200;

/** Names Windows reserves for devices, with or without an extension ("CON", "aux.md", "COM1"). */
const RESERVED_NAME = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const LEADING = oneOf('.-', true);
const TRAILING = oneOf('.', true);

/** Bytes a code point takes in UTF-8 (a lone surrogate is written as the 3-byte replacement character). */
function utf8Bytes(codePoint: number): number {
	return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** The longest start of `s` that fits in `max` UTF-8 bytes, cut between characters (graphemes where the platform can tell). */
export function cutToBytes(s: string, max: number): string {
	let bytes = 0;
	for (const c of s) {
		bytes += utf8Bytes(c.codePointAt(0) as number);
		if (bytes > max) break;
	}
	if (bytes <= max) return s;
	// Only the start can be kept, and every code unit is at least a byte: segmenting the whole of a long text would
	// cost far more than the cut (ICU's grapheme breaking is not linear on long runs). The head's last piece may be a
	// grapheme cut short by the slice: it is never kept.
	const head = s.slice(0, max + 8);
	const pieces: string[] =
		typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function'
			? Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(head), (g) => g.segment)
			: Array.from(head);
	if (head.length < s.length) pieces.pop();
	let out = '';
	bytes = 0;
	for (const piece of pieces) {
		let size = 0;
		for (const c of piece) size += utf8Bytes(c.codePointAt(0) as number);
		if (bytes + size > max) break;
		out += piece;
		bytes += size;
	}
	return out;
}

/**
 * A file name from any text: characters Obsidian forbids in names (and path separators, controls and direction
 * overrides) become dashes, so a title can never leave its folder; no leading dot or dash, no trailing dot or space;
 * at most FILE_NAME_BYTES bytes, cut at a character boundary; never a Windows device name. Never empty.
 */
export function safeFileName(name: string, maxBytes = FILE_NAME_BYTES): string {
	const replaced = name.replace(/[\\/:*?"<>|#^[\]\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, '-');
	let cleaned = trimEndWhere(cutToBytes(trimStartWhere(collapseWhitespace(replaced), LEADING), maxBytes), TRAILING);
	if (cleaned === '') return 'incident';
	const dot = cleaned.indexOf('.');
	const stem = dot === -1 ? cleaned : cleaned.slice(0, dot);
	if (RESERVED_NAME.test(stem.trim())) cleaned = `${stem.trim()}_${dot === -1 ? '' : cleaned.slice(dot)}`;
	return cleaned;
}

/** Tokens of a file-name pattern: each is replaced once, so a title's own letters ("HHVM", "DNS comms") stay. */
const NAME_TOKEN = /<(slug|title|severity|id)>|YYYY|MM|DD|HH|mm/g;

/**
 * The file name (without extension) from a pattern: YYYY, MM, DD, HH, mm and <slug>, <title>, <severity>, <id>.
 * Default pattern: `YYYY-MM-DD-<slug>`.
 */
export function fileNameFromPattern(pattern: string, v: TemplateValues): string {
	const dateTokens: Record<string, string> = {
		YYYY: format(v.date, 'yyyy'),
		MM: format(v.date, 'MM'),
		DD: format(v.date, 'dd'),
		HH: format(v.date, 'HH'),
		mm: format(v.date, 'mm'),
	};
	const named: Record<string, string> = { slug: slugify(v.title), title: v.title, severity: v.severity, id: v.id };
	const out = (pattern.trim() || 'YYYY-MM-DD-<slug>').replace(
		NAME_TOKEN,
		(token: string, name: string | undefined) => (name ? named[name] : dateTokens[token]) ?? '',
	);
	return safeFileName(out);
}

/** The first of `base.md`, `base-2.md`, `base-3.md`… that does not exist yet. */
export function uniquePath(folder: string, base: string, exists: (path: string) => boolean, extension = 'md'): string {
	const dir = trimChars(folder, '/');
	const at = (name: string): string => (dir ? `${dir}/${name}.${extension}` : `${name}.${extension}`);
	if (!exists(at(base))) return at(base);
	for (let n = 2; ; n++) if (!exists(at(`${base}-${n}`))) return at(`${base}-${n}`);
}

/**
 * Where the note a missing link points to is created: always inside `folder` (the runbook or incidents folder), in
 * the sub-folders the link names (`[[Payments/DB failover]]` → `Runbooks/Payments/DB failover.md`, which the link
 * then resolves to), the folder's own name not repeated (`[[Runbooks/Foo]]` → `Runbooks/Foo.md`), `.` and `..`
 * dropped so no link reaches outside it, and the extension written once (`[[Foo.md]]` → `Foo.md`).
 */
export function pathForMissingLink(target: string, folder: string, exists: (path: string) => boolean): string {
	const home = folder.split('/').filter((p) => p !== '' && p !== '.' && p !== '..');
	const parts = target
		.replace(/\\/g, '/')
		.split('/')
		.map((p) => p.trim())
		.filter((p) => p !== '' && p !== '.' && p !== '..');
	let k = 0;
	while (k < home.length && k < parts.length - 1 && parts[k].toLowerCase() === home[k].toLowerCase()) k++;
	const rest = k === home.length ? parts.slice(k) : parts;
	const last = (rest.pop() ?? '').replace(/\.md$/i, '');
	const dirs = [...home, ...rest.map((p) => safeFileName(p))];
	return uniquePath(dirs.join('/'), safeFileName(last || 'Untitled'), exists);
}

/** A template note for new notes of one severity (`SEV1`) or one type (`type security`), as the settings list them. */
export interface TemplateRule {
	rule: string;
	path: string;
}

/** `type security`: the word, then the type's name. */
const TYPE_RULE = /^type[ \t]/i;

/** What a rule says: a severity, or an incident type the user picks by name. */
export function ruleOf(rule: string): { severity: string } | { type: string } {
	const t = rule.trim();
	return TYPE_RULE.test(t) ? { type: t.slice(5).trim() } : { severity: t };
}

/** The first rule for this severity (compared as severities are: without case, spaces or dashes), or null. */
export function templateForSeverity(rules: readonly TemplateRule[], severity: string): TemplateRule | null {
	const key = severityKey(severity);
	return (
		rules.find((r) => {
			const what = ruleOf(r.rule);
			return 'severity' in what && key !== '' && severityKey(what.severity) === key;
		}) ?? null
	);
}
