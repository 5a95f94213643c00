/**
 * How a note was read, line by line: the kind the parser gave each line, the section it sits in, and what was
 * taken from it (a timeline row, an action item, a `Key: value`, a section heading) — so a user, or a developer
 * working through real postmortems, sees at once why something was missed. `incident-rca explain FILE` prints it.
 */
import { isIncidentNote, DEFAULT_DETECTION } from '../read/incident-note';
import { parseNote } from '../read/parse';
import type { LineKind as NoteLineKind, NoteDocument } from '../read/document';
import type { SectionKind } from '../format/vocabulary';
import type { Incident, ParseOptions } from '../model';
import { formatMinutes } from './report';

/** The line kinds of the parser's own line records, a table line told apart as its header or a row. */
export type LineKind = Exclude<NoteLineKind, 'table'> | 'table-header' | 'table-row';

export interface ExplainedLine {
	/** 1-based line number. */
	n: number;
	kind: LineKind;
	/** The kinds of the section the line is in (its own, for a heading). */
	section: readonly SectionKind[];
	/** What the parser took from the line; empty when nothing. */
	taken: string[];
	text: string;
}

export interface Explanation {
	incident: Incident;
	/** Whether the folder form of the CLI (and the plugin) would take the note as an incident. */
	isIncident: boolean;
	lines: ExplainedLine[];
}

function kindOf(doc: NoteDocument, i: number): LineKind {
	const line = doc.lines[i];
	if (line.kind !== 'table') return line.kind;
	return doc.tables[doc.tableOf[i]].start === i ? 'table-header' : 'table-row';
}

/** The note read line by line (see the module comment). */
export function explainNote(text: string, options: ParseOptions = {}): Explanation {
	const { incident, facts, doc } = parseNote(text, options);
	const taken = new Map<number, string[]>();
	const take = (n: number | null, what: string): void => {
		if (n === null) return;
		const list = taken.get(n);
		if (list) list.push(what);
		else taken.set(n, [what]);
	};
	for (const s of doc.sections)
		if (s.heading !== -1) take(s.heading + 1, `section ${s.kinds.length > 0 ? s.kinds.join('+') : '(unnamed)'}`);
	for (const kv of doc.keyValues) take(kv.index + 1, `key "${kv.key}"`);
	for (const e of incident.timeline)
		take(e.line, `row ${e.at ?? e.time ?? 'untimed'}${e.milestone ? ` (${e.milestone})` : ''}`);
	for (const a of incident.actionItems) {
		const parts = [a.done ? 'done' : 'open', a.owner ? `owner ${a.owner}` : '', a.due ? `due ${a.due}` : ''];
		take(a.line, `item [${parts.filter((p) => p !== '').join(', ')}]`);
	}
	for (const l of incident.links) take(l.line, `link ${l.kind}${l.resolved ? ` → ${l.resolved}` : ''}`);
	for (const p of incident.problems) take(p.line, `${p.level}: ${p.message}`);
	const lines: ExplainedLine[] = doc.lines.map((line, i) => {
		const s = doc.headingAt.get(i) ?? doc.sectionOf[i];
		return {
			n: i + 1,
			kind: kindOf(doc, i),
			section: doc.sections[s]?.kinds ?? [],
			taken: taken.get(i + 1) ?? [],
			text: line.raw,
		};
	});
	return { incident, isIncident: isIncidentNote(facts, DEFAULT_DETECTION), lines };
}

/** The explanation as text: a summary, then one line per note line (`n kind [section] text ⟵ taken`). */
export function renderExplanation(x: Explanation): string {
	const i = x.incident;
	const head = [
		`title: ${i.title}`,
		`date: ${i.date ?? '—'}  severity: ${i.severity ?? '—'}  status: ${i.status ?? '—'}`,
		`duration: ${formatMinutes(i.durationMinutes)} (declared ${formatMinutes(i.declaredDurationMinutes)})  ` +
			`timeline rows: ${i.timeline.length}  action items: ${i.actionItems.length}`,
		`an incident note in folder form: ${x.isIncident ? 'yes' : 'no'}`,
		'',
	];
	const width = String(x.lines.length).length;
	const body = x.lines.map((l) => {
		const text = l.text.length > 70 ? `${l.text.slice(0, 69)}…` : l.text;
		const section = l.section.length > 0 ? `[${l.section.join('+')}]` : '';
		const tail = l.taken.length > 0 ? `  ⟵ ${l.taken.join('; ')}` : '';
		return `${String(l.n).padStart(width)} ${l.kind.padEnd(12)} ${section.padEnd(18)} ${text}${tail}`;
	});
	return head.concat(body).join('\n') + '\n';
}
