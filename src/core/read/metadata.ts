/**
 * Incident metadata (title, date, severity, status, services, id, author, tags) and impact figures, from
 * frontmatter first, then `Key: value` lines and field tables, then the text itself.
 */
import { FM_KEYS, frontmatterKey } from '../format/keys';
import { LIST_ITEM } from '../format/markers';
import { collapseWhitespace } from '../text/chars';
import { findDate, mayHoldYear, parseDateTimeValue } from '../time/date-times';
import { findShortDate, parseDateValue, type CivilDate, type NumericOrder } from '../time/dates';
import { inKind, isListLine, type KeyValue, type NoteDocument } from './document';
import { stripMarkdown } from '../text/markdown';
import type { Impact } from '../model';

export type Frontmatter = Record<string, unknown>;

export { frontmatterKey };

/** The frontmatter with its keys as compared (frontmatterKey). */
export function normaliseFrontmatter(fm: Record<string, unknown> | null | undefined): Frontmatter {
	const out: Frontmatter = {};
	if (!fm || typeof fm !== 'object' || Array.isArray(fm)) return out;
	for (const [k, v] of Object.entries(fm)) out[frontmatterKey(k)] = v;
	return out;
}

const normalisedKeys = new Map<string, string>();

/** The first of `keys` the frontmatter has a value for (compared as normaliseFrontmatter does). */
export function fmFirst(fm: Frontmatter, keys: readonly string[]): unknown {
	for (const k of keys) {
		let nk = normalisedKeys.get(k);
		if (nk === undefined) {
			nk = frontmatterKey(k);
			normalisedKeys.set(k, nk);
		}
		const v = fm[nk];
		if (v !== undefined && v !== null && v !== '') return v;
	}
	return undefined;
}

function fmFirstString(fm: Frontmatter, keys: readonly string[]): string | null {
	const v = fmFirst(fm, keys);
	if (typeof v === 'string') return v.trim() || null;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	if (Array.isArray(v) && v.length > 0) return v.map((x) => String(x)).join(', ');
	return null;
}

function kv(doc: NoteDocument, key: RegExp, opts: { outsideActions?: boolean } = {}): KeyValue | null {
	for (const e of doc.keyValues) {
		if (!key.test(e.key)) continue;
		if (opts.outsideActions && inKind(doc, e.index, 'actions')) continue;
		return e;
	}
	return null;
}

/** `SEV-2`, `Sev 2`, `sev2`, `2` → `SEV2`; other schemes (`P2`, `High`) as written. */
export function normaliseSeverity(s: string): string | null {
	const t = stripMarkdown(s).trim();
	if (t === '') return null;
	const sev = /^sev(?:erity)?[\s_-]*(\d)\b/i.exec(t);
	if (sev) return `SEV${sev[1]}`;
	if (/^\d$/.test(t)) return `SEV${t}`;
	const p = /^(p\d)\b/i.exec(t);
	if (p) return p[1].toUpperCase();
	// A gloss in parentheses at the end goes: "Major (customer-facing)" → "Major" (from the first opening parenthesis).
	const open = t.endsWith(')') ? t.indexOf('(') : -1;
	return open === -1 ? t : t.slice(0, open).trimEnd();
}

export function extractTitle(doc: NoteDocument, fm: Frontmatter, path: string | null): string {
	// A frontmatter title is plain text already: kept as written (views render it as text, never as markup).
	const fromFm = fmFirstString(fm, FM_KEYS.title);
	if (fromFm) return fromFm;
	// The first level-1 heading, `# Title` or a setext `Title` over `=====`.
	for (const sec of doc.sections) if (sec.level === 1 && sec.heading !== -1 && sec.title !== '') return sec.title;
	// Plain text: a first line that is a title, not a label, list item or sentence.
	for (let i = doc.bodyStart; i < doc.lines.length; i++) {
		const t = doc.lines[i].raw.trim();
		// An MDX page starts with JavaScript: its import and export lines are not the title.
		if (t === '' || /^(?:-{3,}|<!--.*-->)$/.test(t) || /^(?:import|export)\s/.test(t)) continue;
		// Not a quote or callout, a table row (with or without outer pipes) or code either.
		if (
			!doc.headingAt.has(i) &&
			!doc.lines[i].code &&
			doc.tableOf[i] === -1 &&
			!isListLine(doc.lines[i]) &&
			!/^[|>]/.test(t) &&
			!/[.:]$/.test(t) &&
			t.length <= 120
		)
			return stripMarkdown(t);
		break;
	}
	if (path) return (path.split('/').pop() ?? path).replace(/\.(?:md|txt|markdown)$/i, '');
	return 'Untitled incident';
}

const MDX_FIELD = /^[ \t]{1,8}([A-Za-z_][A-Za-z0-9_]{0,40})[ \t]{0,4}:[ \t]{0,4}/;

/**
 * The string fields of the object an MDX page exports before its text (`export const post = { title: '…', author:
 * '…', date: '…' }`), added to the frontmatter where it has no value. The page's `date` is when it was published.
 */
export function withMdxExports(fm: Frontmatter, doc: NoteDocument): Frontmatter {
	let out: Frontmatter | null = null;
	for (let i = doc.bodyStart; i < doc.lines.length; i++) {
		const line = doc.lines[i];
		if (!line.code && line.raw.trim() !== '') break;
		const m = line.code ? MDX_FIELD.exec(line.raw) : null;
		if (!m) continue;
		let value = line.raw.slice(m[0].length).trim();
		if (value.endsWith(',')) value = value.slice(0, -1).trimEnd();
		const q = value[0];
		if (value.length < 2 || (q !== "'" && q !== '"' && q !== '`') || value[value.length - 1] !== q) continue;
		const key = frontmatterKey(m[1] === 'date' ? FM_KEYS.published[0] : m[1]);
		out = out ?? { ...fm };
		if (out[key] === undefined) out[key] = value.slice(1, -1);
	}
	return out ?? fm;
}

/** Where the incident date was read: its own field or line, the title, the file name, the text, a publication date. */
export type DateSource = 'field' | 'line' | 'title' | 'path' | 'text' | 'published';

/**
 * The incident date and where it was read. `order` is how the document writes numeric dates (numericDateOrder).
 * A publication date (an MDX page's `date`, a `published` field) is the last resort: a post is published days after
 * the incident its text dates.
 */
export function extractDate(
	doc: NoteDocument,
	fm: Frontmatter,
	title: string,
	path: string | null,
	order: NumericOrder | null = null,
): { date: CivilDate; source: DateSource } | null {
	for (const key of FM_KEYS.date) {
		const v = fmFirst(fm, [key]);
		if (v === undefined) continue;
		const d = parseDateValue(v) ?? parseDateTimeValue(v)?.date ?? null;
		if (d) return { date: d, source: 'field' };
	}
	const line = kv(
		doc,
		/^(?:incident )?date\b|^date (?:&|and) time|^(?:occurred(?: on)?|when|started(?: at)?|start time)$/,
	);
	if (line) {
		const d = findDate(stripMarkdown(line.value), order);
		if (d) return { date: d, source: 'line' };
	}
	const fromTitle = findDate(title, order) ?? findShortDate(title);
	if (fromTitle) return { date: fromTitle, source: 'title' };
	const duration = kv(doc, /\b(?:duration|dauer|dur[ée]e|duraci[óo]n|durata)\b/);
	if (duration) {
		const d = findDate(stripMarkdown(duration.value), order);
		if (d) return { date: d, source: 'line' };
	}
	// Notes are often named by date ("2025-07-08-search-indexer.md").
	if (path) {
		const m = /(?:^|\/)(\d{4}-\d{2}-\d{2})[^/]*$/.exec(path);
		const d = m ? parseDateValue(m[1]) : null;
		if (d) return { date: d, source: 'path' };
	}
	// The first full date near the top of the text, ignoring links, images, tables and action items (due dates).
	let seen = 0;
	for (let k = 0; k < doc.content.length && seen < 60; k++) {
		const i = doc.content[k];
		const raw = doc.lines[i].raw;
		if (raw.trim() === '' || doc.tableOf[i] !== -1 || inKind(doc, i, 'actions')) continue;
		seen++;
		// Lines that cannot hold a year are passed over without stripping or searching.
		if (!mayHoldYear(raw) || /\]\(|https?:|data:/.test(raw)) continue;
		const d = findDate(stripMarkdown(raw), order);
		if (d) return { date: d, source: 'text' };
	}
	const published = fmFirst(fm, FM_KEYS.published);
	const d = published === undefined ? null : (parseDateValue(published) ?? parseDateTimeValue(published)?.date);
	return d ? { date: d, source: 'published' } : null;
}

function splitList(v: unknown): string[] {
	const items = Array.isArray(v)
		? v.map((x) => String(x))
		: typeof v === 'string'
			? collapseWhitespace(v).split(/[,;]| and /)
			: [];
	return [...new Set(items.map((s) => stripMarkdown(s).replace(/^#/, '').trim()).filter((s) => s !== ''))];
}

const SERVICE_LABEL =
	/^(?:(?:affected|impacted) (?:services?|systems?|components?)|(?:services?|systems?|components?)(?: affected| impacted)?)$/;

export function extractServices(doc: NoteDocument, fm: Frontmatter): string[] {
	const v = fmFirst(fm, FM_KEYS.services);
	if (v !== undefined) return splitList(v);
	const line = kv(doc, SERVICE_LABEL, { outsideActions: true });
	if (line) return splitList(line.value);
	// A heading or label such as "Affected Services:" followed by a list.
	for (const [index, s] of doc.headingAt) {
		if (!SERVICE_LABEL.test(doc.sections[s].name)) continue;
		const out: string[] = [];
		for (let i = index + 1; i < doc.sections[s].end; i++) {
			const raw = doc.lines[i].raw;
			if (raw.trim() === '') {
				if (out.length > 0) break;
				continue;
			}
			if (!isListLine(doc.lines[i])) break;
			out.push(stripMarkdown(raw.replace(LIST_ITEM, '')));
		}
		if (out.length > 0) return [...new Set(out)];
	}
	return [];
}

export function extractTags(doc: NoteDocument, fm: Frontmatter): string[] {
	const tags = splitList(fmFirst(fm, FM_KEYS.tags));
	for (const i of doc.content) {
		const raw = doc.lines[i].raw;
		if (!raw.includes('#') || /^\s*#{1,6}\s/.test(raw)) continue;
		for (const m of raw.replace(/`[^`]*`/g, '').matchAll(/(?:^|\s)#([\p{L}_][\p{L}\p{N}_/-]*)/gu)) tags.push(m[1]);
	}
	return [...new Set(tags)];
}

export interface Metadata {
	severity: string | null;
	status: string | null;
	id: string | null;
	author: string | null;
}

const BY = /by/i;
// Over the line with its spaces collapsed. linear: bounded — a name of at most 80 characters after each "by".
const AUTHOR_BY = /\b(?:prepared|written|authored|compiled) by:? ([^,*_\n]{1,80}?)(?: on\b|[*_]|,|\. |$)/i;

export function extractMetadata(doc: NoteDocument, fm: Frontmatter): Metadata {
	const sev =
		fmFirstString(fm, FM_KEYS.severity) ??
		kv(
			doc,
			/^(?:incident )?(?:severity|sev)(?: level)?$|^(?:impact level|priority|incident priority|schweregrad|s[ée]v[ée]rit[ée]|gravit[ée]|severidad|gravedad|gravit[àa]|severit[àa]|gravidade|severidade|ernst)$/,
			{ outsideActions: true },
		)?.value ??
		null;
	const status =
		fmFirstString(fm, FM_KEYS.status) ??
		kv(doc, /^(?:incident )?(?:status|state|statut|estado|stato|zustand)$/, { outsideActions: true })?.value ??
		null;
	const id =
		fmFirstString(fm, FM_KEYS.id) ??
		kv(doc, /^(?:incident (?:id|#|number|no\.?|key)|id|ticket)$/, { outsideActions: true })?.value ??
		null;
	let author =
		fmFirstString(fm, FM_KEYS.author) ??
		kv(doc, /^(?:authors?|prepared by|written by|postmortem owner|document owner|report author)$/, {
			outsideActions: true,
		})?.value ??
		null;
	if (!author) {
		for (let k = 0; k < doc.content.length && !author; k++) {
			const raw = doc.lines[doc.content[k]].raw;
			// The pattern runs only on lines that say "by" (nearly none do); it would otherwise run on every line of most notes.
			if (!BY.test(raw)) continue;
			const m = AUTHOR_BY.exec(collapseWhitespace(raw));
			if (m) author = m[1].trim();
		}
	}
	return {
		severity: sev ? normaliseSeverity(sev) : null,
		status: status ? stripMarkdown(status).toLowerCase() : null,
		id: id ? stripMarkdown(id) : null,
		author: author ? stripMarkdown(author).replace(/^@/, '') : null,
	};
}

function numberOf(s: string, scale?: string): number {
	const n = parseFloat(s.replace(/,/g, ''));
	const k = scale?.toLowerCase();
	return Math.round(k === 'k' || k === 'thousand' ? n * 1000 : k === 'm' || k === 'million' ? n * 1_000_000 : n);
}

// The figures are read from text that stripMarkdown has left with single spaces: every gap is one space, and numbers
// and words are bounded, so each place a pattern can start costs a bounded look (a long run of digits or spaces
// would otherwise be backtracked over from every start).
const NUM = String.raw`(\d[\d,]{0,14}(?:\.\d{1,4})?) ?(k|m|thousand|million)?`;
const WHO = String.raw`(?:(?:active|unique|end|distinct|paying|signed-in|mobile|web|internal) )?(?:users|customers|accounts|people|members|clients|tenants|merchants|employees|subscribers|shoppers|drivers|riders|players)`;
const USERS_AFFECTED = [
	new RegExp(
		String.raw`(?:affect(?:ed|ing)|impact(?:ed|ing)) (?:approximately |about |around |over |nearly |roughly |~ ?)?${NUM} ${WHO}`,
		'i',
	),
	new RegExp(String.raw`${NUM} ${WHO} (?:were )?(?:affected|impacted)`, 'i'),
	new RegExp(String.raw`${NUM} (?:affected|impacted) ${WHO}`, 'i'),
	new RegExp(
		String.raw`${NUM} ${WHO} (?:[\w-]{1,30} ){0,3}?(?:could not|couldn't|were unable|was unable|unable|failed to|saw|got|received|experienced|hit|lost)\b`,
		'i',
	),
];
const USERS_VALUE = new RegExp(`^\\D{0,20}?${NUM}(?! ?%)`, 'i');
const PERCENT_VALUE = /(\d{1,9}(?:\.\d{1,4})?) ?%/;
const WHO_HINT =
	/users|customers|accounts|people|members|clients|tenants|merchants|employees|subscribers|shoppers|drivers|riders|players/i;
const ERROR_WORD = /error/i;
const PERCENT_AFFECTED = new RegExp(
	String.raw`(\d{1,9}(?:[.,]\d{1,4})?) ?% (?:of|des|de|der|del|dei|van) (?:[\p{L}-]{1,30} ){0,2}?(?:users|customers|requests|traffic|accounts|sessions|transactions|orders|payments|messages|sms|calls|queries|logins|utilisateurs|clients|nutzer|kunden|usuarios|clientes|utenti|anfragen|requêtes|peticiones|solicitudes)(?![\p{L}])`,
	'iu',
);
const ERROR_RATE = /error[ -]?rates?[^.\n%]{0,40}?(\d{1,9}(?:\.\d{1,4})?) ?%/gi;

function fmNumber(fm: Frontmatter, keys: readonly string[]): number | null {
	const v = fmFirst(fm, keys);
	if (typeof v === 'number') return v;
	if (typeof v === 'string') {
		const m = /(\d[\d,]*(?:\.\d+)?)/.exec(v);
		return m ? parseFloat(m[1].replace(/,/g, '')) : null;
	}
	return null;
}

export function extractImpact(doc: NoteDocument, fm: Frontmatter): Impact {
	let usersAffected = fmNumber(fm, FM_KEYS.usersAffected);
	let percentAffected = fmNumber(fm, FM_KEYS.percentAffected);
	let errorRatePercent = fmNumber(fm, FM_KEYS.errorRate);
	const usersLine = kv(
		doc,
		/^(?:users?|customers?) (?:affected|impacted)$|^(?:affected|impacted) (?:users?|customers?)$/,
	);
	if (usersAffected === null && usersLine) {
		const value = stripMarkdown(usersLine.value);
		const m = USERS_VALUE.exec(value);
		if (m) usersAffected = numberOf(m[1], m[2]);
		else if (percentAffected === null) {
			const p = PERCENT_VALUE.exec(value);
			if (p) percentAffected = parseFloat(p[1]);
		}
	}
	let maxError: number | null = null;
	for (const i of doc.content) {
		const raw = doc.lines[i].raw;
		// Every figure has a digit; most lines have none. Each pattern runs only when its words are there.
		if (!/\d/.test(raw)) continue;
		const percent = raw.includes('%');
		const wantPercent = percentAffected === null && percent;
		const wantError = errorRatePercent === null && percent && ERROR_WORD.test(raw);
		const wantUsers = usersAffected === null && WHO_HINT.test(raw);
		if (!wantUsers && !wantPercent && !wantError) continue;
		const t = stripMarkdown(raw);
		if (wantUsers) {
			for (const re of USERS_AFFECTED) {
				const m = re.exec(t);
				if (m) {
					usersAffected = numberOf(m[1], m[2]);
					break;
				}
			}
		}
		if (wantPercent) {
			const m = PERCENT_AFFECTED.exec(t);
			if (m) percentAffected = parseFloat(m[1].replace(',', '.'));
		}
		if (wantError) {
			for (const m of t.matchAll(ERROR_RATE)) {
				if (/baseline|normal|usual/i.test(m[0])) continue;
				const v = parseFloat(m[1]);
				maxError = maxError === null ? v : Math.max(maxError, v);
			}
		}
	}
	return { usersAffected, percentAffected, errorRatePercent: errorRatePercent ?? maxError };
}
