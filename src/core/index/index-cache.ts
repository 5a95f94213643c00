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
	type Impact,
	type IncidentMetrics,
	type IndexedIncident,
	type IndexedLink,
	type IndexedProblem,
	type LinkKind,
	type ProblemCode,
} from '../model';
import { SECTION_KINDS, type SectionKind } from '../format/vocabulary';
import type { NoteFacts } from '../read/incident-note';

/** Bump when the file layout below changes (the key changes by itself with the parser). */
export const INDEX_CACHE_FORMAT = 3;

/** What identifies one version of a file without reading it (TFile.stat). */
export interface FileStamp {
	mtime: number;
	size: number;
}

/**
 * One note as the cache keeps it: its incident (null when the note was read and is not one) and the facts the
 * incident-note rule decided by, so the decision is made again when the detection settings change (null: not
 * kept, the entry stands as it is).
 */
export interface CachedNote {
	stamp: FileStamp;
	incident: IndexedIncident | null;
	facts: NoteFacts | null;
}

/**
 * One note's line of the cache file (written a slice at a time by the plugin, so a large index never blocks the UI):
 * `[path, mtime, size, row or 0 for a note that is not an incident, facts or 0]`.
 */
export function indexCacheLine(
	path: string,
	stamp: FileStamp,
	incident: IndexedIncident | null,
	facts: NoteFacts | null = null,
): string {
	return JSON.stringify([
		path,
		stamp.mtime,
		stamp.size,
		incident ? ROW.write(compactIncident(incident)) : 0,
		facts ? FACTS.write(facts) : 0,
	]);
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
export function writeIndexCache(
	key: string,
	notes: Iterable<[string, FileStamp, IndexedIncident | null, (NoteFacts | null)?]>,
): string {
	const lines: string[] = [];
	for (const [path, stamp, incident, facts] of notes) lines.push(indexCacheLine(path, stamp, incident, facts ?? null));
	return indexCacheText(key, lines);
}

// Every value is checked for its type and its format: the file is outside the plugin's control (a sync tool, a disk
// error, another build), and a view that meets a date of "2025-13-01" or a line of -1 must never see one.

/** How one value is written to a row and read back; `read` gives DAMAGED for anything it would not have written. */
interface Codec<T> {
	write: (v: T) => unknown;
	read: (x: unknown) => T | typeof DAMAGED;
}
const DAMAGED = Symbol('damaged');

const isArr = Array.isArray as (x: unknown) => x is unknown[];
const isStr = (x: unknown): x is string => typeof x === 'string';
/** Minutes of a duration or a milestone gap: a century either way is already beyond any incident. */
const MAX_MINUTES = 100 * 366 * 24 * 60;

/** A value written as it is, read back when `ok` holds. */
function plain<T>(ok: (x: unknown) => boolean): Codec<T> {
	return { write: (v) => v, read: (x) => (ok(x) ? (x as T) : DAMAGED) };
}
const str = plain<string>(isStr);
const strOrNull = plain<string | null>((x) => x === null || isStr(x));
const bool = plain<boolean>((x) => typeof x === 'boolean');
const strList = plain<string[]>((x) => isArr(x) && x.every(isStr));
const dateOrNull = plain<string | null>((x) => x === null || (isStr(x) && isIsoDate(x)));
const minutesOrNull = plain<number | null>(
	(x) => x === null || (typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= MAX_MINUTES),
);
const countOrNull = plain<number | null>((x) => x === null || (typeof x === 'number' && Number.isFinite(x) && x >= 0));
const lineNumber = plain<number>((x) => typeof x === 'number' && Number.isInteger(x) && x >= 1);
const linkKind = plain<LinkKind>((x) => x === 'incident' || x === 'runbook' || x === 'other');

type Fields<T> = { [K in keyof T]-?: Codec<T[K]> };

/**
 * An object as an array of its fields' values in the schema's order (about half the size of the object with its key
 * names). The schema names every field of the type (the compiler checks: a field added to the type and not here
 * does not compile), so nothing the index holds can be left out of the cache.
 */
function tuple<T>(fields: Fields<T>): Codec<T> {
	const keys = Object.keys(fields) as (keyof T)[];
	const codecs = keys.map((k) => fields[k]);
	return {
		write: (v) => keys.map((k, n) => codecs[n].write(v[k])),
		read: (x) => {
			if (!isArr(x) || x.length !== keys.length) return DAMAGED;
			const out = {} as T;
			for (let n = 0; n < keys.length; n++) {
				const value = codecs[n].read(x[n]);
				if (value === DAMAGED) return DAMAGED;
				out[keys[n]] = value;
			}
			return out;
		},
	};
}

/** A list of values; it serves a field typed as a list or as a read-only one. */
function list<T>(item: Codec<T>): {
	write: (v: readonly T[]) => unknown;
	read: (x: unknown) => T[] | typeof DAMAGED;
} {
	return {
		write: (v) => v.map(item.write),
		read: (x) => {
			if (!isArr(x)) return DAMAGED;
			const out: T[] = [];
			for (const e of x) {
				const value = item.read(e);
				if (value === DAMAGED) return DAMAGED;
				out.push(value);
			}
			return out;
		},
	};
}

/** A problem as "level:code": the index keeps no more of it. */
const problem: Codec<IndexedProblem> = {
	write: (p) => `${p.level}:${p.code}`,
	read: (x) => {
		if (!isStr(x)) return DAMAGED;
		const colon = x.indexOf(':');
		const level = x.slice(0, colon);
		const code = x.slice(colon + 1);
		if (colon < 0 || (level !== 'error' && level !== 'warning') || !CODES.has(code)) return DAMAGED;
		return { level, code: code as ProblemCode };
	},
};
const CODES = new Set<string>(PROBLEM_CODES);

/** The row: every field of an indexed incident but its path (the line's own), in this order. */
const ROW: Codec<Omit<IndexedIncident, 'path'>> = tuple<Omit<IndexedIncident, 'path'>>({
	title: str,
	date: dateOrNull,
	severity: strOrNull,
	status: strOrNull,
	services: strList,
	id: strOrNull,
	author: strOrNull,
	tags: strList,
	impact: tuple<Impact>({ usersAffected: countOrNull, percentAffected: countOrNull, errorRatePercent: countOrNull }),
	summary: strOrNull,
	rootCause: strOrNull,
	lessonsLearned: strOrNull,
	durationMinutes: minutesOrNull,
	declaredDurationMinutes: minutesOrNull,
	metrics: tuple<IncidentMetrics>({
		ttdMinutes: minutesOrNull,
		ttaMinutes: minutesOrNull,
		ttmMinutes: minutesOrNull,
		ttrMinutes: minutesOrNull,
	}),
	actionItems: list(
		tuple<ActionItem>({
			action: str,
			owner: strOrNull,
			due: dateOrNull,
			priority: strOrNull,
			done: bool,
			tickets: strList,
			line: lineNumber,
		}),
	),
	links: list(tuple<IndexedLink>({ target: str, embed: bool, kind: linkKind, resolved: strOrNull, line: lineNumber })),
	problems: list(problem),
});

const boolOrNull = plain<boolean | null>((x) => x === null || typeof x === 'boolean');
const KINDS = new Set<string>(SECTION_KINDS);
const kindList = plain<readonly SectionKind[]>((x) => isArr(x) && x.every((k) => isStr(k) && KINDS.has(k)));

/** The facts a note was decided by, but its path (the line's own). */
const FACTS_FIELDS: Codec<Omit<NoteFacts, 'path'>> = tuple<Omit<NoteFacts, 'path'>>({
	type: boolOrNull,
	incidentKey: bool,
	tags: plain<readonly string[]>((x) => isArr(x) && x.every(isStr)),
	kinds: kindList,
	title: strOrNull,
});
const FACTS = {
	write: (f: NoteFacts): unknown => FACTS_FIELDS.write(f),
	read: (path: string, x: unknown): NoteFacts | null | typeof DAMAGED => {
		if (x === 0) return null;
		const f = FACTS_FIELDS.read(x);
		return f === DAMAGED ? DAMAGED : { path, ...f };
	},
};

/** A row back into an incident, every value checked: a damaged entry must not reach a view. Null when damaged. */
function fromRow(path: string, x: unknown): IndexedIncident | null {
	const fields = ROW.read(x);
	if (fields === DAMAGED) return null;
	// Compacted as the index does: shared problem objects and empty lists, one shape for every incident; the strings
	// come from JSON.parse whole, so they are not copied again.
	return compactIncident({ path, ...fields }, true);
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
		if (!isArr(entry) || entry.length !== 5) continue;
		const [path, mtime, size, row, factsRow] = entry;
		if (
			!isStr(path) ||
			typeof mtime !== 'number' ||
			!Number.isFinite(mtime) ||
			typeof size !== 'number' ||
			!Number.isInteger(size) ||
			size < 0
		)
			continue;
		const incident = row === 0 ? null : fromRow(path, row);
		const facts = FACTS.read(path, factsRow);
		// A damaged row or facts: this note is read again. A note that is no incident must say why (its facts).
		if ((row !== 0 && incident === null) || facts === DAMAGED || (incident === null && facts === null)) continue;
		out.set(path, { stamp: { mtime, size }, incident, facts });
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
 * The cache's entry for this version of the file, with its incident's links resolved as the vault is now; null when
 * it has none (then the note is read).
 */
export function fromCache(
	known: ReadonlyMap<string, CachedNote> | null,
	path: string,
	stamp: FileStamp,
	resolve: LinkResolver,
): CachedNote | null {
	const hit = known?.get(path);
	if (!hit || !sameStamp(hit.stamp, stamp)) return null;
	return hit.incident ? { stamp: hit.stamp, incident: relinkIncident(hit.incident, resolve), facts: hit.facts } : hit;
}
