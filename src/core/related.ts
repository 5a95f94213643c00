/**
 * Related incidents: suggestions (same service within N days, shared tags) and inserting a link into the
 * "Related Incidents" section of a note's text.
 */
import { collate } from './collate';
import type { Incident } from './model';

export interface RelatedSuggestion {
	path: string;
	title: string;
	date: string | null;
	reasons: string[];
}

/** Tags every incident carries say nothing about how two incidents relate. */
const GENERIC_TAGS = /^(?:rca|postmortem|post-mortem|incident|incidents|outage|sev\d?|p\d|draft|resolved)$/i;

function daysBetween(a: string, b: string): number {
	return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

/**
 * Incidents that share a service within `windowDays` of this one, or a specific tag; not the incident itself and
 * not ones it already links to. Nearest in time first.
 */
export function suggestRelated(current: Incident, all: readonly Incident[], windowDays: number): RelatedSuggestion[] {
	const linked = new Set(current.links.map((l) => l.resolved).filter((p): p is string => p !== null));
	const services = new Set(current.services.map((s) => s.toLowerCase()));
	const tags = new Set(current.tags.filter((t) => !GENERIC_TAGS.test(t)).map((t) => t.toLowerCase()));
	const out: RelatedSuggestion[] = [];
	for (const other of all) {
		if (!other.path || other.path === current.path || linked.has(other.path)) continue;
		const reasons: string[] = [];
		const shared = other.services.filter((s) => services.has(s.toLowerCase()));
		if (shared.length > 0 && current.date && other.date && daysBetween(current.date, other.date) <= windowDays) {
			reasons.push(`same service (${shared.join(', ')}) within ${windowDays} days`);
		}
		const sharedTags = other.tags.filter((t) => tags.has(t.toLowerCase()));
		if (sharedTags.length > 0) reasons.push(`shared tag ${sharedTags.map((t) => '#' + t).join(', ')}`);
		if (reasons.length > 0) out.push({ path: other.path, title: other.title, date: other.date, reasons });
	}
	const distance = (s: RelatedSuggestion): number => (current.date && s.date ? daysBetween(current.date, s.date) : Number.MAX_SAFE_INTEGER);
	return out.sort((a, b) => distance(a) - distance(b) || collate(a.path, b.path));
}

const RELATED_HEADING = /^(#{1,6})\s+(?:related(?: incidents?| issues| links| notes)?|see also|previous incidents|similar incidents)\s*#*\s*$/i;

/**
 * Adds `- [[link]]` to the note's Related Incidents section: after its last list item, or under its heading, or in
 * a new section at the end. Every other byte of the text stays as it was, line endings included.
 */
export function insertRelatedLink(text: string, link: string): string {
	// Lines and their own endings, so every untouched byte (mixed CRLF/LF included) is written back as it was.
	const parts = text.split(/(\r\n|\n|\r)/);
	const lines = parts.filter((_p, k) => k % 2 === 0);
	const ends = parts.filter((_p, k) => k % 2 === 1);
	const eol = ends[0] ?? '\n';
	const item = `- ${link}`;
	const rebuild = (ls: string[], es: string[]): string => ls.map((l, k) => l + (es[k] ?? '')).join('');
	let heading = -1;
	let level = 0;
	let fence = false;
	for (let i = 0; i < lines.length; i++) {
		if (/^\s*(?:```|~~~)/.test(lines[i])) fence = !fence;
		if (fence) continue;
		const m = RELATED_HEADING.exec(lines[i]);
		if (m) {
			heading = i;
			level = m[1].length;
			break;
		}
	}
	if (heading === -1) {
		// Appended after everything, blank lines at the end included: one blank line before the new heading.
		const endsWithEol = /(?:\r\n|\n|\r)$/.test(text);
		const lastBlank = text === '' || /(?:^|\r\n|\n|\r)[ \t]*(?:\r\n|\n|\r)$/.test(text);
		const gap = text === '' ? '' : endsWithEol ? (lastBlank ? '' : eol) : eol + eol;
		return `${text}${gap}## Related Incidents${eol}${eol}${item}${eol}`;
	}
	let end = lines.length;
	for (let i = heading + 1; i < lines.length; i++) {
		const h = /^(#{1,6})\s/.exec(lines[i]);
		if (h && h[1].length <= level) {
			end = i;
			break;
		}
	}
	let lastItem = -1;
	for (let i = heading + 1; i < end; i++) if (/^\s*(?:[-*+]|\d+[.)])\s+/.test(lines[i])) lastItem = i;
	/** Inserts new lines after line `at`; the line before them gets an ending if it had none (end of file). */
	const insertAfter = (at: number, add: string[]): string => {
		const ls = [...lines];
		const es = [...ends];
		const lineEnd = es[at] ?? eol;
		if (es[at] === undefined) es[at] = eol;
		ls.splice(at + 1, 0, ...add);
		es.splice(at + 1, 0, ...add.map((_a, k) => (k === add.length - 1 && at + 1 >= lines.length ? (ends[at] === undefined ? '' : lineEnd) : lineEnd)));
		return rebuild(ls, es);
	};
	if (lastItem !== -1) return insertAfter(lastItem, [item]);
	// Right under the heading, keeping one blank line between them.
	if (heading + 1 < lines.length && lines[heading + 1].trim() === '') return insertAfter(heading + 1, [item]);
	return insertAfter(heading, ['', item]);
}
