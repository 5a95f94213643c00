/**
 * "Convert note to RCA format": a postmortem written any other way, rewritten into the canonical structure
 * (frontmatter, sections, timeline table, action-item table), with the original text kept whole in a collapsed
 * callout at the end so nothing is lost.
 */
import { findFrontmatter } from './parse';
import type { Incident } from './model';
import { splitLines } from './document';

export interface ConvertOptions {
	/** YAML writer from the host (Obsidian's stringifyYaml); must end with a newline. */
	stringifyYaml: (data: unknown) => string;
}

function cell(s: string | null | undefined): string {
	return (s ?? '').replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
}

function paragraph(s: string | null): string {
	return s && s.trim() !== '' ? s.trim() : '_Not written yet._';
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
	out.push('---', options.stringifyYaml(fm).replace(/\r?\n$/, ''), '---', '');
	out.push(`# ${incident.title}`, '');
	out.push('## Summary', '', paragraph(incident.summary), '');

	out.push('## Timeline', '');
	const dates = new Set(incident.timeline.map((e) => (e.at ? e.at.slice(0, 10) : null)).filter((d) => d !== null));
	const multiDay = dates.size > 1;
	if (incident.timeline.length > 0) {
		out.push(multiDay ? '| Date | Time | Event |' : '| Time | Event |', multiDay ? '|------|------|-------|' : '|------|-------|');
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
	out.push(...(impact.length > 0 ? impact : ['_Not written yet._']), '');
	out.push('## Resolution', '', paragraph(incident.resolution), '');
	out.push('## Lessons Learned', '', paragraph(incident.lessonsLearned), '');

	out.push('## Action Items', '', '| Priority | Action | Owner | Due Date | Status |', '|----------|--------|-------|----------|--------|');
	for (const a of incident.actionItems) {
		const action = a.tickets.length > 0 ? `${a.action} (${a.tickets.join(', ')})` : a.action;
		out.push(`| ${cell(a.priority)} | ${cell(action)} | ${cell(a.owner)} | ${cell(a.due)} | ${a.done ? 'Done' : 'Open'} |`);
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

	// The original, whole: every line behind "> " in a collapsed callout (frontmatter included).
	out.push(ORIGINAL_CALLOUT);
	for (const line of splitLines(originalText.replace(/(?:\r?\n)+$/, ''))) out.push(line === '' ? '>' : `> ${line}`);
	out.push('');
	return out.join(eol);
}

/** True when the note already has the canonical sections, so converting again would only nest the callout. */
export function isCanonical(text: string): boolean {
	const lines = splitLines(text);
	const fm = findFrontmatter(lines);
	const body = fm && fm.close > 0 ? lines.slice(fm.close + 1) : lines;
	const want = ['## Summary', '## Timeline', '## Root Cause', '## Action Items'];
	return want.every((h) => body.some((l) => l.trim().toLowerCase() === h.toLowerCase()));
}
