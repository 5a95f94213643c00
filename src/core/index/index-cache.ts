/**
 * The plugin's index kept between sessions: each note's compact Incident with the size and modification time of
 * the file it was parsed from. On the next start a note whose file still has that size and time is taken from here
 * instead of being read and parsed again (Obsidian's own metadata cache decides by the same two numbers); any other
 * note is parsed as before. Pure: the plugin reads and writes the text, and resolves the links again on load
 * (notes created or deleted while the app was closed change where links point).
 *
 * Safe by construction: an entry is only ever used with the stamp it was written with, a file that no longer matches
 * is parsed again, a cache written by another build of the parser (the key) or cut short is ignored whole, and a
 * damaged line alone is skipped. One note per line, so the plugin reads and writes it a slice at a time.
 */
import { compactIncident, relinkIncident, type LinkResolver } from './incident-index';
import { isIsoDate } from '../time/dates';
import {
	PROBLEM_CODES,
	type ActionItem,
	type Incident,
	type LinkKind,
	type Problem,
	type ProblemCode,
	type ProblemLevel,
	type RelatedLink,
} from '../model';

/** Bump when the file layout below changes (the key changes by itself with the parser). */
export const INDEX_CACHE_FORMAT = 1;

/** What identifies one version of a file without reading it (TFile.stat). */
export interface FileStamp {
	mtime: number;
	size: number;
}

export interface CachedNote {
	stamp: FileStamp;
	incident: Incident;
}

/**
 * One incident as a row of values in a fixed order (about half the size of the object with its key names; 10,000
 * notes make a file of ~15 MB): what the index keeps, nothing else (see compactIncident).
 */
type Row = [
	title: string,
	date: string | null,
	severity: string | null,
	status: string | null,
	services: string[],
	id: string | null,
	author: string | null,
	tags: string[],
	impact: [users: number | null, percent: number | null, errorRate: number | null],
	summary: string | null,
	rootCause: string | null,
	durationMinutes: number | null,
	declaredDurationMinutes: number | null,
	metrics: [ttd: number | null, tta: number | null, ttm: number | null, ttr: number | null],
	actionItems: [
		action: string,
		owner: string | null,
		due: string | null,
		priority: string | null,
		done: boolean,
		tickets: string[],
		line: number,
	][],
	links: [target: string, embed: boolean, kind: string, resolved: string | null, line: number][],
	/** "level:code" */
	problems: string[],
];

function toRow(i: Incident): Row {
	return [
		i.title,
		i.date,
		i.severity,
		i.status,
		i.services,
		i.id,
		i.author,
		i.tags,
		[i.impact.usersAffected, i.impact.percentAffected, i.impact.errorRatePercent],
		i.summary,
		i.rootCause,
		i.durationMinutes,
		i.declaredDurationMinutes,
		[i.metrics.ttdMinutes, i.metrics.ttaMinutes, i.metrics.ttmMinutes, i.metrics.ttrMinutes],
		i.actionItems.map((a) => [a.action, a.owner, a.due, a.priority, a.done, a.tickets, a.line]),
		i.links.map((l) => [l.target, l.embed, l.kind, l.resolved, l.line]),
		i.problems.map((p) => `${p.level}:${p.code}`),
	];
}

/** One note's line of the cache file (written a slice at a time by the plugin, so a large index never blocks the UI). */
export function indexCacheLine(path: string, stamp: FileStamp, incident: Incident): string {
	return JSON.stringify([path, stamp.mtime, stamp.size, toRow(compactIncident(incident))]);
}

/** The first line of a cache file: what it must be, byte for byte, for the notes after it to be read. */
function headerLine(key: string): string {
	return `{"format":${INDEX_CACHE_FORMAT},"key":${JSON.stringify(key)},"notes":[`;
}
const FOOTER = ']}';

/**
 * The cache file's text from its lines (indexCacheLine): `{"format":…,"key":…,"notes":[` on the first line, one
 * note `[path, mtime, size, row]` per line, `]}` on the last — JSON as a whole, and readable one line at a time.
 */
export function indexCacheText(key: string, lines: readonly string[]): string {
	return `${headerLine(key)}\n${lines.join(',\n')}\n${FOOTER}\n`;
}

/** The whole cache file's text at once (the benchmark and tests; the plugin makes the lines in slices). */
export function writeIndexCache(key: string, notes: Iterable<[string, FileStamp, Incident]>): string {
	const lines: string[] = [];
	for (const [path, stamp, incident] of notes) lines.push(indexCacheLine(path, stamp, incident));
	return indexCacheText(key, lines);
}

// Every value is checked for its type and its format: the file is outside the plugin's control (a sync tool, a disk
// error, another build), and a view that meets a date of "2025-13-01" or a line of -1 must never see one.
const isArr = Array.isArray as (x: unknown) => x is unknown[];
const isStr = (x: unknown): x is string => typeof x === 'string';
const isStrOrNull = (x: unknown): x is string | null => x === null || typeof x === 'string';
const isNumOrNull = (x: unknown): x is number | null => x === null || (typeof x === 'number' && Number.isFinite(x));
const isDateOrNull = (x: unknown): x is string | null => x === null || (typeof x === 'string' && isIsoDate(x));
/** Minutes of a duration or a milestone gap: a century either way is already beyond any incident. */
const MAX_MINUTES = 100 * 366 * 24 * 60;
const isMinutesOrNull = (x: unknown): x is number | null =>
	x === null || (typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= MAX_MINUTES);
const isCountOrNull = (x: unknown): x is number | null =>
	x === null || (typeof x === 'number' && Number.isFinite(x) && x >= 0);
const isLine = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 1;
const CODES = new Set<string>(PROBLEM_CODES);
const isStrList = (x: unknown): x is string[] => isArr(x) && x.every(isStr);
const isNumTuple = (x: unknown, n: number): x is (number | null)[] =>
	isArr(x) && x.length === n && x.every(isNumOrNull);
const LINK_KINDS = new Set<string>(['incident', 'runbook', 'other']);
const LEVELS = new Set<string>(['error', 'warning']);

/** A row back into an incident, every value checked: a damaged entry must not reach a view. Null when damaged. */
function fromRow(path: string, x: unknown): Incident | null {
	if (!isArr(x) || x.length !== 17) return null;
	const [
		title,
		date,
		severity,
		status,
		services,
		id,
		author,
		tags,
		impact,
		summary,
		rootCause,
		duration,
		declared,
		metrics,
		items,
		links,
		problems,
	] = x;
	if (!isStr(title) || !isDateOrNull(date) || !isStrOrNull(severity) || !isStrOrNull(status) || !isStrList(services))
		return null;
	if (
		!isStrOrNull(id) ||
		!isStrOrNull(author) ||
		!isStrList(tags) ||
		!isNumTuple(impact, 3) ||
		!impact.every(isCountOrNull) ||
		!isStrOrNull(summary) ||
		!isStrOrNull(rootCause)
	)
		return null;
	if (
		!isMinutesOrNull(duration) ||
		!isMinutesOrNull(declared) ||
		!isNumTuple(metrics, 4) ||
		!metrics.every(isMinutesOrNull) ||
		!isArr(items) ||
		!isArr(links) ||
		!isStrList(problems)
	)
		return null;
	const actionItems: ActionItem[] = [];
	for (const a of items) {
		if (!isArr(a) || a.length !== 7) return null;
		const [action, owner, due, priority, done, tickets, line] = a;
		if (
			!isStr(action) ||
			!isStrOrNull(owner) ||
			!isDateOrNull(due) ||
			!isStrOrNull(priority) ||
			typeof done !== 'boolean' ||
			!isStrList(tickets) ||
			!isLine(line)
		)
			return null;
		actionItems.push({ action, owner, due, priority, done, tickets, line });
	}
	const related: RelatedLink[] = [];
	for (const l of links) {
		if (!isArr(l) || l.length !== 5) return null;
		const [target, embed, kind, resolved, line] = l;
		if (
			!isStr(target) ||
			typeof embed !== 'boolean' ||
			!isStr(kind) ||
			!LINK_KINDS.has(kind) ||
			!isStrOrNull(resolved) ||
			!isLine(line)
		)
			return null;
		related.push({ target, alias: null, heading: null, embed, kind: kind as LinkKind, resolved, line });
	}
	const found: Problem[] = [];
	for (const p of problems) {
		const colon = p.indexOf(':');
		const level = p.slice(0, colon);
		if (colon < 0 || !LEVELS.has(level) || !CODES.has(p.slice(colon + 1))) return null;
		found.push({ level: level as ProblemLevel, code: p.slice(colon + 1) as ProblemCode, message: '', line: null });
	}
	// Compacted as the index does: shared problem objects and empty lists, one shape for every incident; the strings
	// come from JSON.parse whole, so they are not copied again.
	return compactIncident(
		{
			path,
			title,
			date,
			severity,
			status,
			services,
			id,
			author,
			tags,
			impact: { usersAffected: impact[0], percentAffected: impact[1], errorRatePercent: impact[2] },
			summary,
			rootCause,
			resolution: null,
			lessonsLearned: null,
			timeline: [],
			durationMinutes: duration,
			declaredDurationMinutes: declared,
			milestones: {
				started: null,
				detected: null,
				acknowledged: null,
				identified: null,
				mitigated: null,
				resolved: null,
			},
			metrics: { ttdMinutes: metrics[0], ttaMinutes: metrics[1], ttmMinutes: metrics[2], ttrMinutes: metrics[3] },
			actionItems,
			links: related,
			problems: found,
			frontmatter: {},
		},
		true,
	);
}

/**
 * The note lines of a cache file, to be read with readIndexCacheLines (a slice at a time if need be); null when the
 * text is not a cache of this `key` (another build of the parser, or another format) or is cut short.
 */
export function indexCacheLines(text: string, key: string): string[] | null {
	const lines = text.split('\n');
	if (lines[0] !== headerLine(key)) return null;
	let end = lines.length - 1;
	while (end > 0 && lines[end] === '') end--;
	// A file cut short (a write that did not finish) has no closing line.
	if (end < 1 || lines[end] !== FOOTER) return null;
	return lines.slice(1, end);
}

/** Reads lines [from, to) of indexCacheLines into `out`, by path. A damaged line is skipped alone: that note is parsed again. */
export function readIndexCacheLines(
	lines: readonly string[],
	from: number,
	to: number,
	out: Map<string, CachedNote>,
): void {
	for (let k = from; k < to && k < lines.length; k++) {
		const line = lines[k].charCodeAt(lines[k].length - 1) === 44 ? lines[k].slice(0, -1) : lines[k];
		if (line === '') continue;
		let entry: unknown;
		try {
			entry = JSON.parse(line);
		} catch {
			continue;
		}
		if (!isArr(entry) || entry.length !== 4) continue;
		const [path, mtime, size, row] = entry;
		if (
			!isStr(path) ||
			typeof mtime !== 'number' ||
			!Number.isFinite(mtime) ||
			typeof size !== 'number' ||
			!Number.isInteger(size) ||
			size < 0
		)
			continue;
		const incident = fromRow(path, row);
		if (incident) out.set(path, { stamp: { mtime, size }, incident });
	}
}

/** The notes of a cache file, by path, all at once; null as for indexCacheLines. */
export function readIndexCache(text: string, key: string): Map<string, CachedNote> | null {
	const lines = indexCacheLines(text, key);
	if (lines === null) return null;
	const out = new Map<string, CachedNote>();
	readIndexCacheLines(lines, 0, lines.length, out);
	return out;
}

/** Whether a file still is the version an entry was made from. */
export function sameStamp(a: FileStamp, b: FileStamp): boolean {
	return a.mtime === b.mtime && a.size === b.size;
}

/**
 * The note's incident from the cache with its links resolved as the vault is now, or null when the cache has no
 * entry for this version of the file (then it is read and parsed).
 */
export function fromCache(
	known: ReadonlyMap<string, CachedNote> | null,
	path: string,
	stamp: FileStamp,
	resolve: LinkResolver,
): Incident | null {
	const hit = known?.get(path);
	return hit && sameStamp(hit.stamp, stamp) ? relinkIncident(hit.incident, resolve) : null;
}
