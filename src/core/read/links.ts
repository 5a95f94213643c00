/**
 * Links to other notes — wikilinks and Markdown links to notes — what each points to (incident, runbook, other) and
 * where it resolves, by Obsidian's rules.
 */
import { DATED_NAME, INCIDENT_NAME, RUNBOOK_NAME } from '../format/names';
import { collate } from '../text/collate';
import { detached } from '../text/chars';
import type { NoteDocument } from './document';
import type { LinkKind, RelatedLink } from '../model';

const WIKILINK = /(!?)\[\[([^[\]\n]*?)\]\]/g;
/** `[text](note.md)`, `[text](<note name.md>)`, `[text](Folder/note%20name.md#Heading "title")`. */
const MD_LINK = /(!?)\[([^[\]\n]{0,500})\]\((?:<([^<>\n]{1,500})>|([^()\s<>]{1,500}))(?:[ \t]{1,4}"[^"\n]{0,200}")?\)/g;
/** A link target that is a web address or another scheme, not a note. */
const URL_SCHEME = /^[a-z][a-z0-9+.-]{1,20}:/i;

/**
 * The note a Markdown link points to, or null for anything else: a URL, a web path (`/assets/a.png`, `/2023/03/`),
 * an image or another attachment. A note is a `.md` target or one without an extension, as Obsidian resolves them.
 */
function markdownLinkTarget(written: string): string | null {
	let t = written;
	try {
		t = decodeURIComponent(written);
	} catch {
		// A stray "%" is kept as written.
	}
	if (URL_SCHEME.test(t) || t.startsWith('/') || t.startsWith('#')) return null;
	const hash = t.indexOf('#');
	const path = hash === -1 ? t : t.slice(0, hash);
	if (path.endsWith('/')) return null;
	const name = path.split('/').pop() ?? path;
	const dot = name.lastIndexOf('.');
	if (dot > 0 && !/^\.md$/i.test(name.slice(dot))) return null;
	return t;
}

/** Incident, runbook or other — from the link's name and path first, then from the section it sits in. */
export function classifyLink(target: string, alias: string | null, sectionKinds: readonly string[]): LinkKind {
	if (RUNBOOK_NAME.test(target)) return 'runbook';
	if (INCIDENT_NAME.test(target) || DATED_NAME.test(target)) return 'incident';
	if (alias && RUNBOOK_NAME.test(alias)) return 'runbook';
	if (alias && INCIDENT_NAME.test(alias)) return 'incident';
	if (sectionKinds.includes('runbooks')) return 'runbook';
	// Under "Related incidents", a name with a number in it (a date, an id) is another incident; "architecture-overview" is not.
	if (sectionKinds.includes('related') && /\d/.test(target)) return 'incident';
	return 'other';
}

/**
 * Blanks inline code spans so links inside them are not seen; keeps offsets. A run of backticks opens a span that the
 * next run of the same length closes (CommonMark); each run is looked at once, whatever the line holds.
 */
export function blankCodeSpans(s: string): string {
	const runs: { at: number; len: number }[] = [];
	for (let i = 0; i < s.length;) {
		if (s.charCodeAt(i) !== 96) {
			i++;
			continue;
		}
		let j = i;
		while (j < s.length && s.charCodeAt(j) === 96) j++;
		runs.push({ at: i, len: j - i });
		i = j;
	}
	if (runs.length < 2) return s;
	// The next run of the same length after each run, found right to left in one pass.
	const next = new Array<number>(runs.length).fill(-1);
	const nearest = new Map<number, number>();
	for (let k = runs.length - 1; k >= 0; k--) {
		next[k] = nearest.get(runs[k].len) ?? -1;
		nearest.set(runs[k].len, k);
	}
	let out = '';
	let copied = 0;
	for (let k = 0; k < runs.length;) {
		const close = next[k];
		if (close === -1) {
			k++;
			continue;
		}
		const from = runs[k].at;
		const to = runs[close].at + runs[close].len;
		out += s.slice(copied, from) + ' '.repeat(to - from);
		copied = to;
		k = close + 1;
	}
	return copied === 0 ? s : out + s.slice(copied);
}

export function extractLinks(
	doc: NoteDocument,
	sourcePath: string | null,
	resolve?: (target: string, sourcePath: string) => string | null,
): RelatedLink[] {
	const out: RelatedLink[] = [];
	const add = (i: number, pathPart: string, alias: string | null, embed: boolean): void => {
		const hash = pathPart.indexOf('#');
		const target = (hash === -1 ? pathPart : pathPart.slice(0, hash)).trim();
		const heading = hash === -1 ? null : pathPart.slice(hash + 1).trim() || null;
		if (target === '' && heading === null) return;
		const kinds = doc.sections[doc.sectionOf[i]].kinds;
		let resolved: string | null = null;
		if (resolve && sourcePath !== null) resolved = target === '' ? sourcePath : resolve(target, sourcePath);
		let kind = classifyLink(target, alias, kinds);
		// "[[Database Failover]]" says nothing by its name, but it lives in Runbooks/.
		if (kind === 'other' && resolved !== null && target !== '') kind = classifyLink(resolved, null, []);
		out.push({ target, alias, heading, embed, kind, resolved, line: i + 1 });
	};
	for (const i of doc.content) {
		const line = doc.lines[i];
		const wiki = line.raw.includes('[[');
		const md = line.raw.includes('](');
		if (!wiki && !md) continue;
		const text = line.raw.includes('`') ? blankCodeSpans(line.raw) : line.raw;
		const found: { at: number; pathPart: string; alias: string | null; embed: boolean }[] = [];
		let m: RegExpExecArray | null;
		if (wiki) {
			WIKILINK.lastIndex = 0;
			while ((m = WIKILINK.exec(text)) !== null) {
				const inner = m[2];
				const bar = inner.indexOf('|');
				const pathPart = (bar === -1 ? inner : inner.slice(0, bar)).replace(/\\$/, '');
				const alias = bar === -1 ? null : inner.slice(bar + 1).trim() || null;
				found.push({ at: m.index, pathPart, alias, embed: m[1] === '!' });
			}
		}
		if (md) {
			MD_LINK.lastIndex = 0;
			while ((m = MD_LINK.exec(text)) !== null) {
				const target = markdownLinkTarget(m[3] ?? m[4]);
				if (target !== null)
					found.push({ at: m.index, pathPart: target, alias: m[2].trim() || null, embed: m[1] === '!' });
			}
			found.sort((a, b) => a.at - b.at);
		}
		for (const f of found) add(i, f.pathPart, f.alias, f.embed);
	}
	return out;
}

/**
 * Obsidian's link resolution over a list of vault paths: a path relative to the linking note's folder wins, then
 * an exact vault path, then the file with that name nearest the linking note (same folder first), then the shortest path.
 * A target without an extension means a markdown note (".md"; ".txt" is also accepted for plain-text reports).
 */
export function createLinkResolver(paths: readonly string[]): (target: string, sourcePath: string) => string | null {
	const byPath = new Map<string, string>();
	const byName = new Map<string, string[]>();
	const strip = (p: string): string => p.replace(/\.(?:md|txt)$/i, '');
	for (const p of paths) {
		const norm = p.replace(/\\/g, '/');
		byPath.set(norm.toLowerCase(), norm);
		byPath.set(strip(norm).toLowerCase(), norm);
		const base = strip(norm.split('/').pop() ?? norm).toLowerCase();
		const list = byName.get(base) ?? [];
		list.push(norm);
		byName.set(base, list);
	}
	const folderOf = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
	// What a link resolves to depends on its target and the folder it is written in, nothing else: notes in one
	// folder link to the same runbooks and incidents, and each pair is worked out once (a cold index, a start from the
	// cache: tens of thousands of links). Paths hold no NUL, so it separates the two.
	const known = new Map<string, string | null>();
	const resolve = (target: string, folder: string): string | null => {
		const t = target.replace(/\\/g, '/').replace(/^\/+/, '').trim();
		if (t === '') return null;
		// A relative path, as Markdown links are written ("../Runbooks/db-failover.md"): from the linking note's folder.
		if (t.startsWith('./') || t.startsWith('../')) {
			const parts: string[] = folder === '' ? [] : folder.split('/');
			for (const part of t.split('/')) {
				if (part === '..') parts.pop();
				else if (part !== '.' && part !== '') parts.push(part);
			}
			return byPath.get(parts.join('/').toLowerCase()) ?? null;
		}
		if (folder) {
			const rel = byPath.get(`${folder}/${t}`.toLowerCase());
			if (rel) return rel;
		}
		const exact = byPath.get(t.toLowerCase());
		if (exact) return exact;
		const base = strip(t.split('/').pop() ?? t).toLowerCase();
		const candidates = (byName.get(base) ?? []).filter((p) => strip(p).toLowerCase().endsWith(strip(t).toLowerCase()));
		if (candidates.length === 0) return null;
		const sameFolder = candidates.find((p) => folderOf(p) === folder);
		if (sameFolder) return sameFolder;
		return [...candidates].sort((a, b) => a.split('/').length - b.split('/').length || collate(a, b))[0];
	};
	return (target: string, sourcePath: string): string | null => {
		const folder = folderOf(sourcePath.includes('\\') ? sourcePath.replace(/\\/g, '/') : sourcePath);
		const key = `${folder}\0${target}`;
		let found = known.get(key);
		if (found === undefined) {
			found = resolve(target, folder);
			if (known.size >= MAX_KNOWN_LINKS) known.clear();
			// The target may be a piece of a note's text: the key kept must not hold the note in memory.
			known.set(detached(key), found);
		}
		return found;
	};
}

/** Links a resolver remembers before it starts again: far more than a vault's distinct links per folder. */
const MAX_KNOWN_LINKS = 200_000;
