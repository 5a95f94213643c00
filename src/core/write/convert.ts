/**
 * "Convert note to RCA format": a postmortem written any other way, rewritten into the canonical structure
 * (frontmatter, sections, timeline table, action-item table), with the original text kept whole in a collapsed
 * callout at the end so nothing is lost.
 */
import { findFrontmatter } from '../read/parse';
import type { Incident } from '../model';
import { splitLines } from '../text/markdown';
import { inertCell, inertInline, inertParagraph } from '../text/escape';
import { linesAndBreaks } from './write-result';

export interface ConvertOptions {
	/** YAML writer from the host (Obsidian's stringifyYaml); must end with a newline. */
	stringifyYaml: (data: unknown) => string;
}

const cell = inertCell;

function paragraph(s: string | null): string {
	return s && s.trim() !== '' ? inertParagraph(s.trim()) : '_Not written yet._';
}

/** Builds the canonical note. Existing frontmatter keys are kept (and win); missing ones are filled in. */
/** Title of the callout that keeps the original; the parser skips what is inside it. */
export const ORIGINAL_CALLOUT = '> [!note]- Original text (before conversion)';

export function convertToRca(incident: Incident, originalText: string, options: ConvertOptions): string {
	const eol = originalText.includes('\r\n') ? '\r\n' : '\n';
	const fm: Record<string, unknown> = {
		title: incident.title,
		...(incident.id ? { id: incident.id } : {}),
		date: incident.date,
		severity: incident.severity,
		status: incident.status ?? 'resolved',
		services: incident.services,
		tags: [...new Set(['rca', ...incident.tags])],
		duration_minutes: incident.durationMinutes ?? incident.declaredDurationMinutes,
		...(incident.author ? { author: incident.author } : {}),
		...incident.frontmatter,
	};
	const out: string[] = [];
	out.push('---');
	for (const line of splitLines(options.stringifyYaml(fm).replace(/\r?\n$/, ''))) out.push(line);
	out.push('---', '');
	// The title is text (a frontmatter value may hold a line break or a "#"): one inert line.
	out.push(`# ${inertInline(incident.title).trim() || 'Untitled incident'}`, '');
	out.push('## Summary', '', paragraph(incident.summary), '');

	out.push('## Timeline', '');
	const dates = new Set(incident.timeline.map((e) => (e.at ? e.at.slice(0, 10) : null)).filter((d) => d !== null));
	const multiDay = dates.size > 1;
	if (incident.timeline.length > 0) {
		out.push(
			multiDay ? '| Date | Time | Event |' : '| Time | Event |',
			multiDay ? '|------|------|-------|' : '|------|-------|',
		);
		for (const e of incident.timeline) {
			// Keep a zone the note wrote: "12:17Z" → "12:17 UTC", "22:40+02:00" → "22:40 +02:00".
			const zone = e.at ? (e.at.endsWith('Z') ? ' UTC' : (/[+-]\d{2}:\d{2}$/.exec(e.at)?.[0] ?? '')) : '';
			const time = `${e.time ?? ''}${zone && !zone.startsWith(' ') ? ' ' + zone : zone}`;
			const row = multiDay ? [e.at ? e.at.slice(0, 10) : '', time, e.text] : [time, e.text];
			out.push(`| ${row.map((c) => cell(c)).join(' | ')} |`);
		}
	} else {
		out.push('| Time | Event |', '|------|-------|', '|  |  |');
	}
	out.push('');

	out.push('## Root Cause', '', paragraph(incident.rootCause), '');
	out.push('## Impact', '');
	const impact: string[] = [];
	if (incident.impact.usersAffected !== null) impact.push(`- Users affected: ${incident.impact.usersAffected}`);
	if (incident.impact.percentAffected !== null) impact.push(`- Share affected: ${incident.impact.percentAffected}%`);
	if (incident.impact.errorRatePercent !== null) impact.push(`- Peak error rate: ${incident.impact.errorRatePercent}%`);
	for (const line of impact.length > 0 ? impact : ['_Not written yet._']) out.push(line);
	out.push('');
	out.push('## Resolution', '', paragraph(incident.resolution), '');
	out.push('## Lessons Learned', '', paragraph(incident.lessonsLearned), '');

	out.push(
		'## Action Items',
		'',
		'| Priority | Action | Owner | Due Date | Status |',
		'|----------|--------|-------|----------|--------|',
	);
	for (const a of incident.actionItems) {
		const action = a.tickets.length > 0 ? `${a.action} (${a.tickets.join(', ')})` : a.action;
		out.push(
			`| ${cell(a.priority)} | ${cell(action)} | ${cell(a.owner)} | ${cell(a.due)} | ${a.done ? 'Done' : 'Open'} |`,
		);
	}
	if (incident.actionItems.length === 0) out.push('|  |  |  |  | Open |');
	out.push('');

	out.push('## Related Incidents', '');
	const seen = new Set<string>();
	for (const l of incident.links) {
		if (l.embed || seen.has(l.target) || l.target === '') continue;
		seen.add(l.target);
		out.push(`- [[${l.target}${l.heading ? '#' + l.heading : ''}${l.alias ? '|' + l.alias : ''}]]`);
	}
	out.push('');

	out.push(ORIGINAL_CALLOUT);
	// A byte-order mark stays the file's first character; the original goes whole into the callout.
	const bom = originalText.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
	return bom + out.join(eol) + eol + quoteOriginal(originalText) + eol;
}

/**
 * The original text as the callout's lines: each line behind "> " (an empty one as ">"), each followed by its own
 * line break as it was, blank lines at the end and a byte-order mark included. originalFromCallout undoes it exactly.
 */
export function quoteOriginal(text: string): string {
	const { lines, breaks } = linesAndBreaks(text);
	let out = '';
	for (let k = 0; k < lines.length; k++) out += (lines[k] === '' ? '>' : `> ${lines[k]}`) + (breaks[k] ?? '');
	return out;
}

/** The original text kept in a converted note's callout, byte for byte; null when the note has no such callout. */
export function originalFromCallout(converted: string): string | null {
	const { lines, breaks } = linesAndBreaks(converted);
	const at = lines.indexOf(ORIGINAL_CALLOUT);
	if (at === -1) return null;
	let out = '';
	// The callout runs to the last line; the break after its last line is the converted note's own.
	const last = lines.length - 1 - (lines[lines.length - 1] === '' ? 1 : 0);
	for (let k = at + 1; k <= last; k++) {
		const line = lines[k];
		if (!line.startsWith('>')) return null;
		out += (line.startsWith('> ') ? line.slice(2) : line.slice(1)) + (k < last ? breaks[k] : '');
	}
	return out;
}

/** The sections that make a note canonical: converting one that has them all would only nest the callout. */
const CANONICAL_SECTIONS = ['summary', 'timeline', 'root cause', 'action items'];

/** Whether headings (as written, any case) include every canonical section. */
export function hasCanonicalHeadings(headings: readonly string[]): boolean {
	const have = new Set(headings.map((h) => h.trim().toLowerCase()));
	return CANONICAL_SECTIONS.every((h) => have.has(h));
}

/** True when the note already has the canonical sections as level-2 headings. */
export function isCanonical(text: string): boolean {
	const lines = splitLines(text);
	const fm = findFrontmatter(lines);
	const body = fm && fm.close > 0 ? lines.slice(fm.close + 1) : lines;
	return hasCanonicalHeadings(body.filter((l) => /^##\s/.test(l.trim())).map((l) => l.trim().slice(2)));
}
