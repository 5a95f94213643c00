/**
 * The vocabulary a note is read with: the built-in words, plus a team's (team-words.ts) compiled once into the
 * patterns the parser and the views ask. A team's word wins where it matches; everything else reads as built in.
 */
import type { MilestoneKind } from '../model';
import { FM_KEYS, frontmatterKey, type FmField } from './keys';
import { hasTeamWords, NO_TEAM_WORDS, type TeamWords } from './team-words';
import {
	headingName,
	builtInMilestoneOf,
	builtInMilestoneOfKey,
	COLUMN_KINDS,
	COLUMN_VOCABULARY,
	OWNER_KEY,
	SECTION_KINDS,
	sectionKindsOf,
	STATUS_KINDS,
	STATUS_VOCABULARY,
	type ColumnKind,
	type SectionKind,
	type StatusKind,
} from './vocabulary';
import { MILESTONE_KINDS } from '../model';

export interface Lexicon {
	/** The same for the same words: part of the index cache's key, so a change of words re-reads the notes. */
	readonly id: string;
	readonly words: TeamWords;
	/** Section kinds a normalised heading names. */
	readonly sectionKinds: (title: string) => SectionKind[];
	/** Each column kind's header pattern. */
	readonly columns: Readonly<Record<ColumnKind, RegExp>>;
	/** A whole normalised `Owner:` key. */
	readonly ownerKey: RegExp;
	/** The milestone a row's words name. */
	readonly milestoneOf: (text: string) => MilestoneKind | null;
	/** The milestone a `Key:` (or frontmatter key) names. */
	readonly milestoneOfKey: (key: string) => MilestoneKind | null;
	/** A frontmatter (keys normalised) with each team alias's value under its field's own key, when that is unset. */
	readonly withKeyAliases: (fm: Record<string, unknown>) => Record<string, unknown>;
	/** Every key a field is read from: the built-in ones, then the team's. */
	readonly keysOf: (field: FmField) => readonly string[];
	/** The kind of a status as written, or null when no word of it is known. */
	readonly statusKind: (status: string | null) => StatusKind | null;
	/** The severity scheme, most severe first; empty for the built-in order. */
	readonly severities: readonly string[];
	/** An owner as compared: one key for every name a person is written with. */
	readonly personKey: (owner: string | null) => string;
	/** The name to show for a person's key: the team's name for them, else null. */
	readonly personName: (key: string) => string | null;
}

/** A team's word as a literal pattern: special characters escaped, any run of spaces matching any other. */
function literal(word: string): string {
	return word
		.toLowerCase()
		.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
		.replace(/ /g, '\\s+');
}

function alternatives(list: readonly string[] | undefined): string | null {
	if (!list || list.length === 0) return null;
	// Longest first: "action items open" before "action items".
	return [...list]
		.sort((a, b) => b.length - a.length)
		.map(literal)
		.join('|');
}

/** Word-bounded anywhere, as the built-in heading and row words match (no lookbehind: iOS before 16.4). */
function anywhere(alts: string): RegExp {
	return new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${alts})(?![\\p{L}\\p{N}])`, 'iu');
}

/** Owners compare without case, `@`, dots or surrounding space ("@Dana", "dana", "d.ana" is "dana"). */
export function ownerKeyOf(s: string | null): string {
	return s === null ? '' : s.replace(/^@/, '').replace(/\./g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
}

const builtInStatus = new Map<string, StatusKind | null>();
function builtInStatusKind(status: string): StatusKind | null {
	let kind = builtInStatus.get(status);
	if (kind !== undefined) return kind;
	kind = null;
	for (const [k, re] of STATUS_VOCABULARY)
		if (re.test(status)) {
			kind = k;
			break;
		}
	if (builtInStatus.size > 10_000) builtInStatus.clear();
	builtInStatus.set(status, kind);
	return kind;
}

const BUILT_IN_COLUMNS: Readonly<Record<ColumnKind, RegExp>> = COLUMN_VOCABULARY;

/** The built-in vocabulary alone. */
export const BUILT_IN_LEXICON: Lexicon = {
	id: '',
	words: NO_TEAM_WORDS,
	sectionKinds: sectionKindsOf,
	columns: BUILT_IN_COLUMNS,
	ownerKey: OWNER_KEY,
	milestoneOf: builtInMilestoneOf,
	milestoneOfKey: builtInMilestoneOfKey,
	withKeyAliases: (fm) => fm,
	keysOf: (field) => FM_KEYS[field],
	statusKind: (status) => (status === null ? null : builtInStatusKind(status)),
	severities: [],
	personKey: ownerKeyOf,
	personName: () => null,
};

/** A short, stable hash of the words (FNV-1a): the lexicon's id. */
function hashOf(s: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return (h >>> 0).toString(36);
}

function compile(words: TeamWords, id: string): Lexicon {
	const sectionWords: [SectionKind, RegExp][] = [];
	for (const kind of SECTION_KINDS) {
		const alts = alternatives(words.sections[kind]);
		if (alts) sectionWords.push([kind, anywhere(alts)]);
	}
	const kindsCache = new Map<string, SectionKind[]>();
	const sectionKinds = (heading: string): SectionKind[] => {
		if (sectionWords.length === 0) return sectionKindsOf(heading);
		const title = headingName(heading);
		let kinds = kindsCache.get(title);
		if (kinds) return kinds;
		kinds = sectionWords.filter(([, re]) => re.test(title)).map(([k]) => k);
		if (kinds.length === 0) kinds = sectionKindsOf(title);
		if (kindsCache.size > 10_000) kindsCache.clear();
		kindsCache.set(title, kinds);
		return kinds;
	};

	const columns = { ...BUILT_IN_COLUMNS };
	for (const kind of COLUMN_KINDS) {
		const alts = alternatives(words.columns[kind]);
		if (alts) columns[kind] = new RegExp(`^(?:${alts})(?![\\p{L}\\p{N}])|${BUILT_IN_COLUMNS[kind].source}`, 'iu');
	}
	const ownerAlts = alternatives(words.columns.owner);
	const ownerKey = ownerAlts ? new RegExp(`^(?:${ownerAlts})$|${OWNER_KEY.source}`, 'iu') : OWNER_KEY;

	const milestoneWords: [MilestoneKind, RegExp][] = [];
	for (const kind of MILESTONE_KINDS) {
		const alts = alternatives(words.milestones[kind]);
		if (alts) milestoneWords.push([kind, anywhere(alts)]);
	}
	const milestoneOf = (text: string): MilestoneKind | null => {
		for (const [kind, re] of milestoneWords) if (re.test(text)) return kind;
		return builtInMilestoneOf(text);
	};
	const milestoneOfKey = (key: string): MilestoneKind | null => {
		for (const [kind, re] of milestoneWords) if (re.test(key)) return kind;
		return builtInMilestoneOfKey(key);
	};

	const aliases: [string, readonly string[]][] = [];
	const keys = {} as Record<FmField, readonly string[]>;
	for (const field of Object.keys(FM_KEYS) as FmField[]) {
		const extra = (words.keys[field] ?? []).filter((k) => !(FM_KEYS[field] as readonly string[]).includes(k));
		keys[field] = [...FM_KEYS[field], ...extra];
		if (extra.length > 0) aliases.push([frontmatterKey(FM_KEYS[field][0]), extra.map(frontmatterKey)]);
	}
	const withKeyAliases = (fm: Record<string, unknown>): Record<string, unknown> => {
		if (aliases.length === 0) return fm;
		let out: Record<string, unknown> | null = null;
		const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';
		for (const [own, extra] of aliases) {
			if (present(fm[own])) continue;
			const alias = extra.find((k) => present(fm[k]));
			if (alias === undefined) continue;
			out ??= { ...fm };
			out[own] = fm[alias];
		}
		return out ?? fm;
	};

	const statusWords: [StatusKind, RegExp][] = [];
	for (const kind of STATUS_KINDS) {
		const alts = alternatives(words.statuses[kind]);
		if (alts) statusWords.push([kind, anywhere(alts)]);
	}
	// Statuses repeat across incidents and are asked on every draw: each is read once, as the built-in ones are.
	const statusCache = new Map<string, StatusKind | null>();
	const statusKind = (status: string | null): StatusKind | null => {
		if (status === null) return null;
		let kind = statusCache.get(status);
		if (kind !== undefined) return kind;
		kind = statusWords.find(([, re]) => re.test(status))?.[0] ?? builtInStatusKind(status);
		if (statusCache.size > 10_000) statusCache.clear();
		statusCache.set(status, kind);
		return kind;
	};

	const people = new Map<string, string>();
	const names = new Map<string, string>();
	for (const [name, list] of Object.entries(words.people)) {
		const key = ownerKeyOf(name);
		names.set(key, name);
		people.set(key, key);
		for (const alias of list) people.set(ownerKeyOf(alias), key);
	}
	const personKey = (owner: string | null): string => {
		const k = ownerKeyOf(owner);
		return people.get(k) ?? k;
	};

	return {
		id,
		words,
		sectionKinds,
		columns,
		ownerKey,
		milestoneOf,
		milestoneOfKey,
		withKeyAliases,
		keysOf: (field) => keys[field],
		statusKind,
		severities: words.severities,
		personKey,
		personName: (key) => names.get(key) ?? null,
	};
}

// A vault or a CI run has one set of words; the last few compiled are kept so every note reuses them.
const compiled = new Map<string, Lexicon>();

/** The lexicon of a team's words (the same object for the same words). */
export function lexiconOf(words: TeamWords | null | undefined): Lexicon {
	if (!words || !hasTeamWords(words)) return BUILT_IN_LEXICON;
	const text = JSON.stringify(words);
	const seen = compiled.get(text);
	if (seen) return seen;
	const lexicon = compile(words, hashOf(text));
	if (compiled.size > 8) compiled.clear();
	compiled.set(text, lexicon);
	return lexicon;
}
