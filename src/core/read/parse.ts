/**
 * parseIncident: note text → Incident. Never throws on text a person could write; what is wrong is reported
 * as problems with line numbers.
 */
import { FM_KEYS } from '../format/keys';
import { headingNamesOf, headingsOf, noteFacts, type NoteFacts } from './incident-note';
import { extractActionItems } from './actions';
import { epochMinutes } from '../time/clock';
import { isoDateTime, matchDateTimeAt, parseDateTimeValue } from '../time/date-times';
import { dayNumber, isoDate, numericDateOrder, scanNumericDates, type CivilDate } from '../time/dates';
import { parseDurationAmount, parseDurationRange } from '../time/durations';
import { buildDocument, sectionText, type NoteDocument } from './document';
import { splitLines, stripMarkdown } from '../text/markdown';
import { extractLinks } from './links';
import {
	extractDate,
	extractImpact,
	extractMetadata,
	extractServices,
	extractTags,
	extractTitle,
	fmFirst,
	normaliseFrontmatter,
	withMdxExports,
	type Frontmatter,
} from './metadata';
import {
	MILESTONE_KINDS,
	type ActionItem,
	type Incident,
	type MilestoneKind,
	type ParseOptions,
	type Problem,
} from '../model';
import { extractTimeline, type KnownMilestone, type TimelineResult } from './timeline';
import type { SectionKind } from '../format/vocabulary';
import { BUILT_IN_LEXICON, type Lexicon } from '../format/lexicon';

export interface FrontmatterBlock {
	/** Line indexes of the opening and closing fences; null when the note has none. */
	open: number;
	close: number;
	yaml: string;
}

/** The frontmatter block at the top of a note, if any. `close` is -1 when it is never closed. */
export function findFrontmatter(lines: string[]): FrontmatterBlock | null {
	if (lines.length === 0 || lines[0].trim() !== '---') return null;
	for (let i = 1; i < lines.length; i++) {
		const t = lines[i].trimEnd();
		if (t === '---' || t === '...') return { open: 0, close: i, yaml: lines.slice(1, i).join('\n') };
	}
	return { open: 0, close: -1, yaml: '' };
}

/** Levels of nesting the frontmatter may have (indentation and brackets): far beyond any real note, far within any stack. */
export const MAX_YAML_DEPTH = 200;

/** Whether only spaces lie between the start of the line and `i`. */
function lineStartAt(s: string, i: number): boolean {
	let k = i - 1;
	while (k >= 0 && (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9)) k--;
	return k < 0 || s.charCodeAt(k) === 10;
}

/** The deepest nesting of a YAML text, counted as a line's indentation plus the brackets open on it. */
export function yamlDepth(yaml: string): number {
	let deepest = 0;
	let flow = 0;
	let indent = 0;
	let lineStart = true;
	let quote = 0;
	for (let i = 0; i < yaml.length; i++) {
		const c = yaml.charCodeAt(i);
		if (c === 10) {
			lineStart = true;
			indent = 0;
			continue;
		}
		if (lineStart && (c === 32 || c === 9)) {
			indent++;
			continue;
		}
		lineStart = false;
		if (quote !== 0) {
			if (c === quote) quote = 0;
			else if (c === 92 && quote === 34) i++;
			continue;
		}
		// A quote opens a quoted scalar only where a value starts ("don't" in a plain value is an apostrophe).
		if ((c === 34 || c === 39) && (/[:,[{-]\s*$/.test(yaml.slice(Math.max(0, i - 3), i)) || lineStartAt(yaml, i)))
			quote = c;
		else if (c === 35 && (i === 0 || yaml.charCodeAt(i - 1) === 32)) {
			// A comment runs to the end of the line.
			while (i + 1 < yaml.length && yaml.charCodeAt(i + 1) !== 10) i++;
		} else if (c === 91 || c === 123) flow++;
		else if ((c === 93 || c === 125) && flow > 0) flow--;
		if (indent + flow > deepest) deepest = indent + flow;
	}
	return deepest;
}

function readFrontmatter(
	lines: string[],
	options: ParseOptions,
	problems: Problem[],
): { fm: Record<string, unknown>; bodyStart: number } {
	const block = findFrontmatter(lines);
	if (!block) return { fm: options.frontmatter ?? {}, bodyStart: 0 };
	if (block.close === -1) {
		problems.push({
			level: 'error',
			code: 'frontmatter-unclosed',
			message: 'Frontmatter starts with --- but is never closed',
			line: 1,
		});
		return { fm: {}, bodyStart: 0 };
	}
	const bodyStart = block.close + 1;
	if (options.frontmatter) return { fm: options.frontmatter, bodyStart };
	if (!options.parseYaml || block.yaml.trim() === '') return { fm: {}, bodyStart };
	// A YAML parser recurses once per level: how deep it can go depends on the thread's stack, so a deeper block
	// would parse in one thread and fail in another. No real frontmatter nests this deep.
	if (yamlDepth(block.yaml) > MAX_YAML_DEPTH) {
		problems.push({
			level: 'error',
			code: 'frontmatter-invalid',
			message: `Frontmatter nests deeper than ${MAX_YAML_DEPTH} levels`,
			line: 2,
		});
		return { fm: {}, bodyStart };
	}
	try {
		const data = options.parseYaml(block.yaml);
		if (data === null || data === undefined) return { fm: {}, bodyStart };
		if (typeof data !== 'object' || Array.isArray(data)) {
			problems.push({
				level: 'error',
				code: 'frontmatter-invalid',
				message: 'Frontmatter is not a set of key: value pairs',
				line: 2,
			});
			return { fm: {}, bodyStart };
		}
		return { fm: data as Record<string, unknown>, bodyStart };
	} catch (e) {
		const err = e as { mark?: { line?: number }; reason?: string; message?: string };
		// js-yaml counts from the first YAML line (0-based); an error at end of input points at the closing fence.
		const line = typeof err.mark?.line === 'number' ? Math.min(err.mark.line + 2, block.close + 1) : 2;
		const reason = (err.reason ?? err.message ?? 'invalid YAML').split('\n')[0];
		problems.push({
			level: 'error',
			code: 'frontmatter-invalid',
			message: `Frontmatter is not valid YAML: ${reason}`,
			line,
		});
		return { fm: {}, bodyStart };
	}
}

/**
 * The text of a section kind: a section of its own first ("## Root cause"), then an inline label
 * ("**Root Cause:** …"), then a combined section ("Root cause and resolution").
 */
function pickSectionText(doc: NoteDocument, kind: SectionKind): string | null {
	const dedicated: string[] = [];
	const combined: string[] = [];
	const isKvOnly = (t: string): boolean => t.split('\n').every((l) => /^[\p{L}][^:]{0,48}:\s/u.test(l));
	for (let s = 1; s < doc.sections.length; s++) {
		const sec = doc.sections[s];
		const own = doc.lexicon.sectionKinds(sec.title.toLowerCase());
		if (!own.includes(kind)) continue;
		// The first section of its own kind with prose wins: no need to read the rest (large notes have many).
		if (own.length === 1 && dedicated.length > 0 && combined.length > 0) continue;
		const text = sectionText(doc, s);
		if (text === '') continue;
		if (own.length === 1 && !isKvOnly(text)) return text;
		(own.length === 1 ? dedicated : combined).push(text);
	}
	// "Resolution: 2025-08-19 08:47 UTC" is a milestone, not the resolution's text.
	const isWhen = (v: string): boolean => {
		const m = matchDateTimeAt(stripMarkdown(v), 0);
		return (
			m !== null &&
			stripMarkdown(v)
				.slice(m.end)
				.replace(/[\s.,;()]/g, '') === ''
		);
	};
	const inline = doc.keyValues.find((e) => {
		const k = doc.lexicon.sectionKinds(e.key);
		return k.length === 1 && k[0] === kind && e.key.split(' ').length <= 4 && !isWhen(e.value);
	});
	if (inline && kind !== 'summary') {
		const inCombined = doc.keyValues.find((e) => {
			const k = doc.lexicon.sectionKinds(e.key);
			return (
				k.length === 1 &&
				k[0] === kind &&
				e.key.split(' ').length <= 4 &&
				!isWhen(e.value) &&
				doc.lexicon.sectionKinds(doc.sections[doc.sectionOf[e.index]].title.toLowerCase()).length > 1
			);
		});
		return stripMarkdown((inCombined ?? inline).value);
	}
	return dedicated[0] ?? combined[0] ?? (inline ? stripMarkdown(inline.value) : null);
}

/** `Duration:` lines, and the time to resolve (the whole incident; the time to repair is only part of it). */
const DURATION_KEY =
	/^(?:(?:total |outage |incident |impact |overall )?(?:duration|dauer|ausfallzeit|dur[ée]e|duraci[óo]n|durata|dura[çc][ãa]o|duur)(?: of (?:the )?(?:outage|incident|impact)| totale?| total)?|(?:total )?time to (?:resolve|resolution|recovery|recover|restore|restoration))$/;

function declaredDuration(
	doc: NoteDocument,
	fm: Frontmatter,
	lines: string[],
	date: CivilDate | null,
): { minutes: number; line: number | null } | null {
	const fmLine = (key: RegExp): number | null => {
		for (let i = 1; i < lines.length && lines[i].trim() !== '---'; i++) if (key.test(lines[i])) return i + 1;
		return null;
	};
	const minutes = fmFirst(fm, FM_KEYS.durationMinutes);
	if (typeof minutes === 'number' && isFinite(minutes))
		return { minutes: Math.round(minutes), line: fmLine(/^duration[_ -]?min/i) };
	if (typeof minutes === 'string' && parseDurationAmount(minutes) !== null)
		return { minutes: parseDurationAmount(minutes) as number, line: fmLine(/^duration[_ -]?min/i) };
	const duration = fmFirst(fm, FM_KEYS.duration);
	if (typeof duration === 'number' && isFinite(duration))
		return { minutes: Math.round(duration), line: fmLine(/^(?:total_|outage_)?duration\s*:/i) };
	if (typeof duration === 'string') {
		const m = parseDurationAmount(duration);
		if (m !== null) return { minutes: m, line: fmLine(/^(?:total_|outage_)?duration\s*:/i) };
	}
	const start = parseDateTimeValue(fmFirst(fm, FM_KEYS.started));
	const end = parseDateTimeValue(fmFirst(fm, FM_KEYS.resolved));
	if (start?.time && end?.time) {
		const a = epochMinutes(dayNumber(start.date), start.time, start.offset ?? end.offset ?? 0);
		const b = epochMinutes(dayNumber(end.date), end.time, end.offset ?? start.offset ?? 0);
		if (b >= a)
			return {
				minutes: Math.round(b - a),
				line: fmLine(/^(?:resolved_at|end|end_time|ended_at|impact_end|resolved)\s*:/i),
			};
	}
	for (const e of doc.keyValues) {
		if (!DURATION_KEY.test(e.key)) continue;
		const value = stripMarkdown(e.value);
		const m = parseDurationAmount(value) ?? parseDurationRange(value, date);
		if (m !== null) return { minutes: m, line: e.index + 1 };
	}
	return null;
}

/**
 * YAML turns `2025-06-10T22:40:00+02:00` into a Date and forgets the +02:00 the author wrote. For date-time keys
 * the scalar as written in the frontmatter block is read instead, when it is a plain `key: value` line.
 */
const PLAIN_KEY = /^[A-Za-z][\w -]*$/;
const WRITTEN_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]/;

function withWrittenScalars(fm: Frontmatter, yamlLines: string[]): Frontmatter {
	const out: Frontmatter = { ...fm };
	for (const line of yamlLines) {
		const colon = line.indexOf(':');
		if (colon < 1 || !PLAIN_KEY.test(line.slice(0, colon))) continue;
		let value = line.slice(colon + 1);
		const comment = value.indexOf('#');
		if (comment !== -1) value = value.slice(0, comment);
		value = value.trim();
		if (value.length > 1 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0])
			value = value.slice(1, -1);
		else if (value[0] === '"' || value[0] === "'") value = value.slice(1);
		if (!WRITTEN_DATE_TIME.test(value) || /["']/.test(value)) continue;
		const key = line
			.slice(0, colon)
			.toLowerCase()
			.replace(/[\s_-]+/g, '');
		if (out[key] instanceof Date) out[key] = value.trim();
	}
	return out;
}

function knownMilestones(fm: Frontmatter): Partial<Record<MilestoneKind, KnownMilestone>> {
	const out: Partial<Record<MilestoneKind, KnownMilestone>> = {};
	for (const kind of MILESTONE_KINDS) {
		const v = parseDateTimeValue(fmFirst(fm, FM_KEYS[kind]));
		if (v?.time)
			out[kind] = {
				minutes: epochMinutes(dayNumber(v.date), v.time, v.offset ?? 0),
				value: isoDateTime(v.date, v.time, v.offset),
			};
	}
	return out;
}

/**
 * A note's structure without the rest of the parse: its lines (split as the parser splits them, a byte-order mark
 * dropped), the frontmatter block and the document (sections, tables, code and comment lines). What writers use to
 * find where a change may go.
 */
export function readDocument(
	text: string,
	lexicon: Lexicon = BUILT_IN_LEXICON,
): {
	lines: string[];
	frontmatter: FrontmatterBlock | null;
	doc: NoteDocument;
} {
	const lines = splitLines(text);
	const frontmatter = findFrontmatter(lines);
	return {
		lines,
		frontmatter,
		doc: buildDocument(lines, frontmatter && frontmatter.close > 0 ? frontmatter.close + 1 : 0, lexicon),
	};
}

/** A declared duration that disagrees with the timeline's by more than `tolerance` minutes. */
function durationMismatch(
	declared: { minutes: number; line: number | null } | null,
	computed: number | null,
	tolerance: number,
): Problem | null {
	if (!declared || computed === null || Math.abs(declared.minutes - computed) <= tolerance) return null;
	return {
		level: 'warning',
		code: 'duration-mismatch',
		message: `Declared duration ${declared.minutes} min differs from the timeline's ${computed} min`,
		line: declared.line,
	};
}

/** Open action items without an owner or a due date: nobody will do them, or nobody knows by when. */
function actionItemProblems(items: readonly ActionItem[]): Problem[] {
	const out: Problem[] = [];
	for (const item of items) {
		if (item.done) continue;
		if (!item.owner)
			out.push({
				level: 'warning',
				code: 'action-item-no-owner',
				message: `Action item has no owner: ${item.action.slice(0, 60)}`,
				line: item.line,
			});
		if (!item.due)
			out.push({
				level: 'warning',
				code: 'action-item-no-due',
				message: `Action item has no due date: ${item.action.slice(0, 60)}`,
				line: item.line,
			});
	}
	return out;
}

/** The sections a postmortem can be asked to have, as a team's rules name them, and as the messages say them. */
export const SECTION_NAMES = {
	summary: 'summary',
	timeline: 'timeline',
	rootCause: 'root cause',
	resolution: 'resolution',
	actionItems: 'action items',
	lessonsLearned: 'lessons learned',
} as const;
export type RequirableSection = keyof typeof SECTION_NAMES;

/** The sections a postmortem is expected to have when no rule says otherwise, in the order problems name them. */
export const EXPECTED_SECTIONS: readonly RequirableSection[] = [
	'summary',
	'timeline',
	'rootCause',
	'resolution',
	'actionItems',
];

/** What a note holds of each section: its text, or its rows. */
export type SectionFacts = {
	[K in RequirableSection]: K extends 'timeline' | 'actionItems' ? readonly unknown[] : string | null;
};

/** Whether the note has the section, by what the parser took from it. */
export function hasSection(facts: SectionFacts, s: RequirableSection): boolean {
	const v = facts[s];
	return Array.isArray(v) ? v.length > 0 : v !== null;
}

/** A "No … section" warning for each of the sections the note lacks. */
export function missingSectionProblems(facts: SectionFacts, sections: readonly RequirableSection[]): Problem[] {
	return sections
		.filter((s) => !hasSection(facts, s))
		.map((s) => ({ level: 'warning', code: 'missing-section', message: `No ${SECTION_NAMES[s]} section`, line: null }));
}

/** An empty note, or the sections a postmortem is expected to have that this one lacks. */
function completenessProblems(empty: boolean, facts: SectionFacts): Problem[] {
	if (empty) return [{ level: 'warning', code: 'empty-note', message: 'The note is empty', line: null }];
	return missingSectionProblems(facts, EXPECTED_SECTIONS);
}

/** A note as an Incident. */
export function parseIncident(text: string, options: ParseOptions = {}): Incident {
	return parseNote(text, options).incident;
}

/** The note's lines that hold text (not code, comments, frontmatter or blank), for a scan that reads them all. */
function contentTexts(doc: NoteDocument): string[] {
	return doc.content.map((i) => doc.lines[i].raw);
}

/**
 * The incident date and the timeline, which depend on each other: rows without a date of their own take the
 * incident's, and a document whose date was only found in its text (a date it mentions, a publication date) is
 * dated by its timeline when the rows carry dates ("01-10-2024" above rows whose heading says "01/16/2024 –
 * 02/28/2024"). Numeric dates are read in the document's own order (day or month first).
 */
function dateAndTimeline(
	doc: NoteDocument,
	fm: Frontmatter,
	title: string,
	path: string | null,
): { date: CivilDate | null; timeline: TimelineResult } {
	// One scan of the numeric dates, read twice: what they settle alone, then (if need be) against the date found.
	const numeric = scanNumericDates(contentTexts(doc));
	const evidence = numericDateOrder(numeric, null);
	const found = extractDate(doc, fm, title, path, evidence);
	let date = found ? found.date : null;
	const order = evidence ?? numericDateOrder(numeric, date);
	const known = knownMilestones(fm);
	// Undated, a note may still give its year ("Search delays (June 2025)") for rows that write "Jun 3, 22:17".
	const titleYear = date ? null : /\b(?:19|20)\d{2}\b/.exec(title);
	let timeline = extractTimeline(doc, date, known, order, date ? date.y : titleYear ? +titleYear[0] : null);
	const first = timeline.firstDate;
	// A date the text only mentions, or a title or `Date:` line no row of a dated timeline falls on (the day the
	// report was written), yields to the timeline; a frontmatter date is the author's word.
	const weak = !found || found.source === 'text' || found.source === 'published';
	const contradicted = found !== null && found.source !== 'field' && !timeline.onIncidentDate;
	if (first && (weak || contradicted) && (!date || dayNumber(first) !== dayNumber(date))) {
		date = first;
		timeline = extractTimeline(doc, date, known, order);
	}
	return { date, timeline };
}

/** A note as an Incident, with the facts the incident-note rule reads (isIncidentNote) and its structure. */
export function parseNote(
	text: string,
	options: ParseOptions = {},
): { incident: Incident; facts: NoteFacts; doc: NoteDocument } {
	const read = parseNoteIf(text, options, () => true);
	return { incident: read.incident as Incident, facts: read.facts, doc: read.doc };
}

/**
 * A note read once: its structure and the facts the incident-note rule reads, then the Incident only when
 * `wanted(facts)` says so. A note that is not wanted (not an incident, in a folder scan) costs its structure pass
 * alone, and one that is wanted is not read twice.
 */
export function parseNoteIf(
	text: string,
	options: ParseOptions,
	wanted: (facts: NoteFacts) => boolean,
): { incident: Incident | null; facts: NoteFacts; doc: NoteDocument } {
	const problems: Problem[] = [];
	const lines = splitLines(typeof text === 'string' ? text : '');
	const path = options.path ?? null;
	const { fm: rawFm, bodyStart } = readFrontmatter(lines, options, problems);
	const block = findFrontmatter(lines);
	const lexicon = options.lexicon ?? BUILT_IN_LEXICON;
	const doc = buildDocument(lines, bodyStart, lexicon);
	// A team's own keys ("schweregrad: SEV2") are read as the field they stand for; the note keeps them as written.
	const fm = withMdxExports(
		withWrittenScalars(
			lexicon.withKeyAliases(normaliseFrontmatter(rawFm)),
			block && block.close > 0 ? lines.slice(1, block.close) : [],
		),
		doc,
	);
	const tags = extractTags(doc, fm);
	const facts = noteFacts(
		path ?? '',
		lexicon === BUILT_IN_LEXICON ? rawFm : fm,
		tags,
		headingsOf(doc),
		lexicon,
		headingNamesOf(doc),
	);
	if (!wanted(facts)) return { incident: null, facts, doc };

	const title = extractTitle(doc, fm, path);
	const { date, timeline } = dateAndTimeline(doc, fm, title, path);
	const meta = extractMetadata(doc, fm);
	for (const p of timeline.problems) problems.push(p);
	const declared = declaredDuration(doc, fm, lines, date);
	const actionItems = extractActionItems(doc);
	const links = extractLinks(doc, path, options.resolveLink);

	const mismatch = durationMismatch(declared, timeline.durationMinutes, options.durationTolerance ?? 1);
	if (mismatch) problems.push(mismatch);
	for (const p of actionItemProblems(actionItems)) problems.push(p);

	const summary = pickSectionText(doc, 'summary');
	const rootCause = pickSectionText(doc, 'rootCause');
	const resolution = pickSectionText(doc, 'resolution');
	const lessonsLearned = pickSectionText(doc, 'lessons');
	const empty = !lines.some((l, i) => i >= bodyStart && l.trim() !== '') && Object.keys(fm).length === 0;
	const sections = { summary, rootCause, resolution, lessonsLearned, timeline: timeline.events, actionItems };
	for (const p of completenessProblems(empty, sections)) problems.push(p);
	problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));

	const incident: Incident = {
		path,
		title,
		date: date ? isoDate(date) : null,
		severity: meta.severity,
		status: meta.status,
		services: extractServices(doc, fm),
		id: meta.id,
		author: meta.author,
		tags,
		impact: extractImpact(doc, fm),
		summary,
		rootCause,
		resolution,
		lessonsLearned,
		timeline: timeline.events,
		durationMinutes: timeline.durationMinutes,
		declaredDurationMinutes: declared ? declared.minutes : null,
		milestones: timeline.milestones,
		metrics: timeline.metrics,
		actionItems,
		links,
		problems,
		frontmatter: rawFm,
	};
	return { incident, facts, doc };
}
