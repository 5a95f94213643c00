/**
 * A team's own words, as the plugin's settings and the CLI's config file (`.incident-rca.json`) hold them: the shape
 * (one format for both), its validation with a message per mistake, merging, and the `kind: word, word` text the
 * settings edit. The words only add to the built-in vocabulary; lexicon.ts compiles them for the parser and views.
 */
import { MILESTONE_KINDS, type MilestoneKind } from '../model';
import { FM_KEYS, type FmField } from './keys';
import {
	COLUMN_KINDS,
	SECTION_KINDS,
	STATUS_KINDS,
	type ColumnKind,
	type SectionKind,
	type StatusKind,
} from './vocabulary';

export interface TeamWords {
	/** Heading words per section kind: `{ "timeline": ["Chronik"] }`. */
	sections: Partial<Record<SectionKind, string[]>>;
	/** Table header words per column kind: `{ "owner": ["Zuständig"] }`. */
	columns: Partial<Record<ColumnKind, string[]>>;
	/** Row words per milestone: `{ "detected": ["Alarm eingegangen"] }`. */
	milestones: Partial<Record<MilestoneKind, string[]>>;
	/** Extra frontmatter keys per field: `{ "severity": ["schweregrad"] }`. */
	keys: Partial<Record<FmField, string[]>>;
	/** Status values per status kind: `{ "resolved": ["erledigt"] }`. */
	statuses: Partial<Record<StatusKind, string[]>>;
	/** The severity scheme, most severe first; empty for the built-in order (SEV1…, P0…, Critical…). */
	severities: string[];
	/** One owner under all the names they are written with: `{ "Mei Lin": ["mei.lin", "@mlin"] }`. */
	people: Record<string, string[]>;
}

/** The groups of words that map a kind to its words, each with the kinds it accepts. */
export const WORD_GROUPS = {
	sections: SECTION_KINDS,
	columns: COLUMN_KINDS,
	milestones: MILESTONE_KINDS,
	keys: Object.keys(FM_KEYS),
	statuses: STATUS_KINDS,
} as const satisfies Record<string, readonly string[]>;
export type WordGroup = keyof typeof WORD_GROUPS;

/** A set of no words, to fill in (every group its own object). */
function emptyTeamWords(): TeamWords {
	return { sections: {}, columns: {}, milestones: {}, keys: {}, statuses: {}, severities: [], people: {} };
}

export const NO_TEAM_WORDS: TeamWords = emptyTeamWords();

/** Keys of the file besides the words (the CLI's rules live beside them in the same file). */
const TOP_KEYS = [...Object.keys(WORD_GROUPS), 'severities', 'people'];

/** Words a person typed: trimmed, empty dropped, each once (compared without case). */
function cleanWords(list: readonly string[]): string[] {
	const seen = new Set<string>();
	const out: string[] = [];
	for (const raw of list) {
		const w = raw.trim().replace(/\s+/g, ' ');
		if (w === '' || seen.has(w.toLowerCase())) continue;
		seen.add(w.toLowerCase());
		out.push(w);
	}
	return out;
}

/** Longest a word may be: a heading phrase, not a paragraph (and a bound on the patterns built from them). */
export const MAX_WORD_LENGTH = 80;

function wordList(v: unknown, where: string, errors: string[]): string[] | null {
	if (!Array.isArray(v) || v.some((w) => typeof w !== 'string')) {
		errors.push(`${where}: a list of words in quotes, like ["word", "two words"]`);
		return null;
	}
	const list = cleanWords(v as string[]);
	const long = list.find((w) => w.length > MAX_WORD_LENGTH);
	if (long !== undefined) {
		errors.push(`${where}: "${long.slice(0, 30)}…" is longer than ${MAX_WORD_LENGTH} characters`);
		return null;
	}
	return list;
}

function isRecord(v: unknown): v is Record<string, unknown> {
	return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * A parsed JSON value as team words: what is valid is kept, each mistake is one message naming where it is.
 * `otherKeys` are top-level keys the caller reads itself (the CLI's rules); any other unknown key is a mistake.
 */
export function readTeamWords(raw: unknown, otherKeys: readonly string[] = []): { words: TeamWords; errors: string[] } {
	const errors: string[] = [];
	const words = emptyTeamWords();
	if (!isRecord(raw)) return { words, errors: ['the file must hold one JSON object: { "sections": { … }, … }'] };
	for (const key of Object.keys(raw))
		if (!TOP_KEYS.includes(key) && !otherKeys.includes(key))
			errors.push(`"${key}" is not a setting (known: ${[...TOP_KEYS, ...otherKeys].join(', ')})`);
	for (const group of Object.keys(WORD_GROUPS) as WordGroup[]) {
		const v = raw[group];
		if (v === undefined) continue;
		if (!isRecord(v)) {
			errors.push(`${group}: an object of kinds and their words, like { "${WORD_GROUPS[group][0]}": ["…"] }`);
			continue;
		}
		const kinds: readonly string[] = WORD_GROUPS[group];
		const out = words[group] as Record<string, string[]>;
		for (const [kind, list] of Object.entries(v)) {
			if (!kinds.includes(kind)) {
				errors.push(`${group}.${kind}: not a kind (one of ${kinds.join(', ')})`);
				continue;
			}
			const clean = wordList(list, `${group}.${kind}`, errors);
			if (clean && clean.length > 0) out[kind] = clean;
		}
	}
	if (raw.severities !== undefined) words.severities = wordList(raw.severities, 'severities', errors) ?? [];
	if (raw.people !== undefined) {
		if (!isRecord(raw.people))
			errors.push('people: an object of names and their aliases, like { "Mei Lin": ["@mlin"] }');
		else
			for (const [name, list] of Object.entries(raw.people)) {
				const clean = wordList(list, `people.${name}`, errors);
				if (clean && name.trim() !== '') words.people[name.trim()] = clean;
			}
	}
	return { words, errors };
}

/** `b`'s words added to `a`'s; `b`'s severity scheme, when it has one, replaces `a`'s. */
export function mergeTeamWords(a: TeamWords, b: TeamWords): TeamWords {
	const out = emptyTeamWords();
	out.severities = b.severities.length > 0 ? b.severities : a.severities;
	for (const group of Object.keys(WORD_GROUPS) as WordGroup[]) {
		const merged: Record<string, string[]> = {};
		const left = a[group] as Record<string, string[]>;
		const right = b[group] as Record<string, string[]>;
		for (const kind of new Set([...Object.keys(left), ...Object.keys(right)]))
			merged[kind] = cleanWords([...(left[kind] ?? []), ...(right[kind] ?? [])]);
		(out as unknown as Record<string, unknown>)[group] = merged;
	}
	out.people = { ...a.people };
	for (const [name, aliases] of Object.entries(b.people))
		out.people[name] = cleanWords([...(out.people[name] ?? []), ...aliases]);
	return out;
}

/** Whether any word is set (the built-in vocabulary alone otherwise). */
export function hasTeamWords(w: TeamWords): boolean {
	return (
		w.severities.length > 0 ||
		Object.keys(w.people).length > 0 ||
		(Object.keys(WORD_GROUPS) as WordGroup[]).some((g) => Object.keys(w[g]).length > 0)
	);
}

/**
 * A group as the settings show it: one line per kind, `kind: word, word`. (A status value may hold a comma:
 * "complete, action items in progress" is matched by its words, so `action items in progress` is enough.)
 */
export function wordsToText(map: Readonly<Record<string, readonly string[]>>): string {
	return Object.entries(map)
		.filter(([, list]) => list.length > 0)
		.map(([kind, list]) => `${kind}: ${list.join(', ')}`)
		.join('\n');
}

/**
 * The settings' text of a group back to its map, with a message per line that names no kind. `kinds` null accepts
 * any name before the colon (people).
 */
export function textToWords(
	text: string,
	kinds: readonly string[] | null,
): { map: Record<string, string[]>; errors: string[] } {
	const map: Record<string, string[]> = {};
	const errors: string[] = [];
	text.split('\n').forEach((line, k) => {
		if (line.trim() === '') return;
		const colon = line.indexOf(':');
		const kind = colon === -1 ? '' : line.slice(0, colon).trim();
		if (kind === '') {
			errors.push(`Line ${k + 1}: write it as "kind: word, word"`);
			return;
		}
		if (kinds && !kinds.includes(kind)) {
			errors.push(`Line ${k + 1}: "${kind}" is not one of ${kinds.join(', ')}`);
			return;
		}
		const list = cleanWords(line.slice(colon + 1).split(','));
		const long = list.find((w) => w.length > MAX_WORD_LENGTH);
		if (long !== undefined) {
			errors.push(`Line ${k + 1}: a word is longer than ${MAX_WORD_LENGTH} characters`);
			return;
		}
		map[kind] = cleanWords([...(map[kind] ?? []), ...list]);
	});
	return { map, errors };
}
