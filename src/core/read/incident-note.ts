/**
 * Which notes are incident write-ups: one rule for the plugin (from Obsidian's metadata cache, without reading the
 * file) and the CLI (from the note's text), so a note is an incident to both or to neither. The rule sees only what
 * both can know cheaply: the path, the frontmatter, the tags and the headings.
 */
import { FM_KEYS, INCIDENT_ONLY_KEYS } from '../format/keys';
import {
	INCIDENT_NAME,
	INCIDENT_TAG_WORDS,
	INCIDENT_TYPE,
	NOT_ONE_INCIDENT,
	OTHER_TAG,
	POSTMORTEM_TITLE,
	PROBLEM_TITLE,
	OTHER_TYPE,
	RUNBOOK_NAME,
	SEVERITY_TAG,
} from '../format/names';
import type { SectionKind } from '../format/vocabulary';
import { BUILT_IN_LEXICON, type Lexicon } from '../format/lexicon';
import { trimChars } from '../text/chars';
import { findDate } from '../time/date-times';
import { findShortDate } from '../time/dates';
import { normaliseTitle } from '../text/markdown';
import type { NoteDocument } from './document';
import { frontmatterKey } from './metadata';

/**
 * What the rule reads of a note: small, so the index cache keeps it for every note and decides again when the
 * detection settings change. From the note's text (parseNoteIf) or, before the plugin has read a note,
 * from Obsidian's metadata cache (its Markdown headings only: a lower bound).
 */
export interface NoteFacts {
	/** Vault-relative path with its extension. */
	path: string;
	/** What the frontmatter `type` says (noteTypeSays). */
	type: boolean | null;
	/** The frontmatter has an incident-only key (`severity`, `incident_id`, `duration_minutes`…). */
	incidentKey: boolean;
	/** Frontmatter and inline tags, with or without `#`. */
	tags: readonly string[];
	/** The section kinds its headings name (Markdown headings; from the text also `Label:` and plain-text headings). */
	kinds: readonly SectionKind[];
	/** Its title as the rule reads it: the frontmatter title, else its first heading, as written; or null. */
	title: string | null;
}

/**
 * The facts of a note from its frontmatter (as parsed, keys as written), tags and headings; `names` are the headings
 * as their kinds are read (normaliseTitle), when the caller has them already.
 */
export function noteFacts(
	path: string,
	frontmatter: Record<string, unknown> | null | undefined,
	tags: readonly string[],
	headings: readonly string[],
	lexicon: Lexicon = BUILT_IN_LEXICON,
	names: readonly string[] = headings.map(normaliseTitle),
): NoteFacts {
	const keys = new Set(
		frontmatter && typeof frontmatter === 'object' ? Object.keys(frontmatter).map(frontmatterKey) : [],
	);
	const kinds = new Set<SectionKind>();
	for (const name of names) for (const k of lexicon.sectionKinds(name)) kinds.add(k);
	let fmTitle: unknown;
	for (const key of FM_KEYS.title) if (fmTitle === undefined) fmTitle = frontmatter?.[key];
	return {
		path,
		type: noteTypeSays(frontmatter),
		incidentKey: INCIDENT_ONLY_KEYS.some((k) => keys.has(frontmatterKey(k))),
		tags,
		kinds: [...kinds],
		title: typeof fmTitle === 'string' && fmTitle.trim() !== '' ? fmTitle : headings.length > 0 ? headings[0] : null,
	};
}

/** Which of the ways of recognising an incident apply (the plugin's settings; the CLI's defaults). */
export interface DetectionRules {
	/** Notes inside this folder are incidents; empty for no folder rule. */
	folder: string;
	/** Tags that make a note an incident (nested tags count); null for no tag rule. */
	incidentTags: readonly string[] | null;
	/** Incident frontmatter keys and incident headings make a note an incident. */
	content: boolean;
	/** The template note, never an incident itself; empty for none. */
	templatePath: string;
}

/** The CLI's rules: no folder (it is pointed at one), the default tags, and content. */
export const DEFAULT_DETECTION: DetectionRules = {
	folder: '',
	incidentTags: INCIDENT_TAG_WORDS,
	content: true,
	templatePath: '',
};

/**
 * What a note's frontmatter `type` (or `kind`, `category`) says: true for an incident, false for a runbook, template
 * or one of the plugin's exports, null when it says nothing.
 */
export function noteTypeSays(frontmatter: Record<string, unknown> | null | undefined): boolean | null {
	let declared: unknown;
	for (const key of FM_KEYS.noteType) if (declared === undefined) declared = frontmatter?.[key];
	const type = typeof declared === 'string' ? declared.trim().toLowerCase() : '';
	if (INCIDENT_TYPE.test(type)) return true;
	if (OTHER_TYPE.test(type)) return false;
	return null;
}

/** Sections only a postmortem has: a note with two of them is one, and one of them confirms an incident's name. */
const INCIDENT_SECTIONS: readonly SectionKind[] = ['timeline', 'rootCause', 'impact', 'resolution', 'lessons'];
/** Sections any write-up has; with an incident's name they confirm it. */
const WRITE_UP_SECTIONS: readonly SectionKind[] = [...INCIDENT_SECTIONS, 'summary', 'actions'];

function withoutExtension(path: string): string {
	return path.replace(/\.md$/i, '');
}

function folderHolds(folder: string, path: string): boolean {
	const f = trimChars(folder, '/');
	return f !== '' && path.startsWith(f + '/');
}

/**
 * An incident note when, in this order: its `type` says so (or says it is something else); it is not the template;
 * it lies in the incidents folder; a tag says so (a runbook or template tag says it is not); or, by content, it has
 * an incident-only frontmatter key, a timeline heading, two postmortem headings (root cause, impact, resolution,
 * lessons), a title that names a postmortem ("… outage", "Postmortem: …", "Incident report", "障害"…) or a problem on a
 * date ("Scheduling delays on March 13, 2025"), or a file
 * name that names an incident with a write-up heading. A runbook's name says no to the content rule.
 */
export function isIncidentNote(facts: NoteFacts, rules: DetectionRules): boolean {
	const said = facts.type;
	if (said === false) return false;
	if (rules.templatePath && withoutExtension(rules.templatePath) === withoutExtension(facts.path)) return false;
	if (said === true) return true;
	if (rules.folder && folderHolds(rules.folder, facts.path)) return true;
	const tags = facts.tags.map((t) => t.replace(/^#/, '').toLowerCase());
	if (rules.incidentTags) {
		const listed = rules.incidentTags;
		if (tags.some((t) => SEVERITY_TAG.test(t) || listed.some((it) => t === it || t.startsWith(it + '/')))) return true;
	}
	if (tags.some((t) => OTHER_TAG.test(t))) return false;
	if (!rules.content) return false;
	if (facts.incidentKey) return true;
	const name = facts.path.split('/').pop() ?? facts.path;
	if (RUNBOOK_NAME.test(name)) return false;
	const kinds = new Set(facts.kinds);
	if (kinds.has('timeline')) return true;
	if (INCIDENT_SECTIONS.filter((k) => kinds.has(k)).length >= 2) return true;
	// A title that names a postmortem is enough; a file name that does needs a write-up heading with it.
	const title = facts.title;
	if (title !== null && !NOT_ONE_INCIDENT.test(title)) {
		if (POSTMORTEM_TITLE.test(title)) return true;
		if (PROBLEM_TITLE.test(title) && (findDate(title) !== null || findShortDate(title) !== null)) return true;
	}
	return INCIDENT_NAME.test(name) && WRITE_UP_SECTIONS.some((k) => kinds.has(k));
}

/** The headings of a note read by the core: Markdown headings, bold and plain `Label:` lines, plain-text headings. */
export function headingsOf(doc: NoteDocument): string[] {
	const out: string[] = [];
	for (const s of doc.sections) if (s.heading !== -1) out.push(s.title);
	return out;
}

/** The names of the note's headings (Section.name), in the order of headingsOf. */
export function headingNamesOf(doc: NoteDocument): string[] {
	const out: string[] = [];
	for (const s of doc.sections) if (s.heading !== -1) out.push(s.name);
	return out;
}
