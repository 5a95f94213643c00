/**
 * The note inspector's model: how one note was read — its duration and how it was computed, the timeline as read
 * (each row with its time, instant and milestone; untimed rows marked), action items, links, problems with their
 * lines, and each metadata value with where it came from. Pure: the view renders it, the tests read it.
 */
import { frontmatterKey, type FmField } from '../format/keys';
import { BUILT_IN_LEXICON } from '../format/lexicon';
import { fmFirst, normaliseFrontmatter } from '../read/metadata';
import { parseNote } from '../read/parse';
import type { NoteDocument } from '../read/document';
import { stripMarkdown } from '../text/markdown';
import type { Incident, MilestoneKind, ParseOptions, Problem } from '../model';
import { formatMinutes } from './report';

export interface InspectedRow {
	line: number;
	time: string | null;
	at: string | null;
	text: string;
	milestone: MilestoneKind | null;
	/** Why the row is not in the duration, or null when it is. */
	leftOut: string | null;
}

export interface InspectedItem {
	line: number;
	action: string;
	owner: string | null;
	due: string | null;
	priority: string | null;
	done: boolean;
	overdue: boolean;
}

export interface InspectedField {
	field: string;
	value: string;
	/** Where the value was read: the frontmatter, or the text (a `Key: value` line, a table, the title). */
	source: 'frontmatter' | 'text';
	/** The same in words: "frontmatter `sev`", "the “Severity:” line", "a table", "the first heading", "the file name". */
	from: string;
	/** The line it was read from, when one line holds it. */
	line: number | null;
}

export interface InspectorModel {
	title: string;
	/** "2h 5m from the timeline (10:00 → 12:05)", "45m declared", or why there is none. */
	duration: string;
	metrics: { label: string; value: string }[];
	rows: InspectedRow[];
	items: InspectedItem[];
	links: { line: number; target: string; kind: string; resolved: string | null }[];
	problems: Problem[];
	fields: InspectedField[];
	/** The line numbers (1-based) the parser took as timeline rows and as action items: for marking them in the editor. */
	rowLines: number[];
	itemLines: number[];
}

/** The lines (1-based) a note's timeline rows and action items are on: what the inspector lists and the editor marks. */
export function markedLines(incident: Pick<Incident, 'timeline' | 'actionItems'>): {
	rowLines: number[];
	itemLines: number[];
} {
	return { rowLines: incident.timeline.map((e) => e.line), itemLines: incident.actionItems.map((a) => a.line) };
}

function durationText(i: Incident): string {
	const timed = i.timeline.filter((e) => e.time !== null);
	if (i.durationMinutes !== null && timed.length >= 2) {
		const first = timed[0];
		const last = timed[timed.length - 1];
		const span = `${first.at ?? first.time} → ${last.at ?? last.time}`;
		const declared = i.declaredDurationMinutes !== null ? `; declared ${formatMinutes(i.declaredDurationMinutes)}` : '';
		return `${formatMinutes(i.durationMinutes)} from the timeline (${span})${declared}`;
	}
	if (i.declaredDurationMinutes !== null) return `${formatMinutes(i.declaredDurationMinutes)} declared`;
	if (i.timeline.length > 0 && timed.length < 2) return 'None: the timeline has fewer than two timed rows';
	return 'None: no timeline';
}

/**
 * Where a metadata value was read: the frontmatter key that holds it (when `keys` says it is there), else the
 * `Key: value` line or table row whose value holds it, the first heading, the file name, or the text at large.
 */
function sourceFinder(
	frontmatter: Record<string, unknown>,
	doc: NoteDocument,
	path: string | null,
): (value: string, keys: readonly string[] | null) => { from: string; line: number | null } {
	const written = Object.keys(frontmatter);
	return (value, keys) => {
		if (keys) {
			// The key as the note writes it (`Sev`, `impacted_services`), and its line in the block.
			const present = keys.map(frontmatterKey);
			const key = written.find((k) => present.includes(frontmatterKey(k))) ?? keys[0];
			// The note's own line records: the block's lines are those of kind frontmatter (the fences name no key).
			const wantedKey = frontmatterKey(key);
			const at = doc.lines.findIndex(
				(l) => l.kind === 'frontmatter' && frontmatterKey(l.raw.split(':')[0]) === wantedKey,
			);
			const line = at === -1 ? null : at + 1;
			return { from: `frontmatter \`${key}\``, line };
		}
		const wanted = value.toLowerCase().split(', ')[0];
		for (const kv of doc.keyValues) {
			if (!stripMarkdown(kv.value).toLowerCase().includes(wanted)) continue;
			const line = kv.index + 1;
			return doc.lines[kv.index].kind === 'table'
				? { from: `a table row (${kv.key})`, line }
				: { from: `the “${kv.key}:” line`, line };
		}
		for (const sec of doc.sections)
			if (sec.heading !== -1 && sec.title.toLowerCase() === value.toLowerCase())
				return { from: sec.level === 1 ? 'the first heading' : 'a heading', line: sec.heading + 1 };
		if (path && (path.split('/').pop() ?? '').toLowerCase().startsWith(value.toLowerCase()))
			return { from: 'the file name', line: null };
		return { from: 'the text', line: null };
	};
}

/** How `text` was read, for the inspector. `today` (YYYY-MM-DD) decides which open items are overdue. */
export function inspectNote(text: string, options: ParseOptions, today: string): InspectorModel {
	const { incident: i, doc } = parseNote(text, options);
	const lexicon = options.lexicon ?? BUILT_IN_LEXICON;
	const fm = lexicon.withKeyAliases(normaliseFrontmatter(i.frontmatter));
	const metrics = [
		['Time to detect', i.metrics.ttdMinutes],
		['Time to acknowledge', i.metrics.ttaMinutes],
		['Time to mitigate', i.metrics.ttmMinutes],
		['Time to resolve', i.metrics.ttrMinutes],
	].map(([label, m]) => ({ label: label as string, value: m === null ? '—' : formatMinutes(m as number) }));
	const rows: InspectedRow[] = i.timeline.map((e) => ({
		line: e.line,
		time: e.time,
		at: e.at,
		text: e.text,
		milestone: e.milestone,
		leftOut: e.time === null ? 'no time' : null,
	}));
	const items: InspectedItem[] = i.actionItems.map((a) => ({
		line: a.line,
		action: a.action,
		owner: a.owner,
		due: a.due,
		priority: a.priority,
		done: a.done,
		overdue: !a.done && a.due !== null && a.due < today,
	}));
	const where = sourceFinder(i.frontmatter, doc, options.path ?? null);
	const field = (name: string, value: string | null, key: FmField): InspectedField[] => {
		if (value === null || value === '') return [];
		const keys = lexicon.keysOf(key);
		const inFrontmatter = fmFirst(fm, keys) !== undefined;
		return [
			{
				field: name,
				value,
				source: inFrontmatter ? 'frontmatter' : 'text',
				...where(value, inFrontmatter ? keys : null),
			},
		];
	};
	const fields = [
		...field('Title', i.title, 'title'),
		...field('Date', i.date, 'date'),
		...field('Severity', i.severity, 'severity'),
		...field('Status', i.status, 'status'),
		...field('Services', i.services.length > 0 ? i.services.join(', ') : null, 'services'),
		...field('Id', i.id, 'id'),
		...field('Author', i.author, 'author'),
	];
	return {
		title: i.title,
		duration: durationText(i),
		metrics,
		rows,
		items,
		links: i.links.map((l) => ({ line: l.line, target: l.target, kind: l.kind, resolved: l.resolved })),
		problems: i.problems,
		fields,
		...markedLines(i),
	};
}
