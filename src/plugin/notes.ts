/**
 * Adapters from the vault and metadata cache to the core: which notes are RCAs, reading one as an Incident, the
 * services already used, and creating notes and folders.
 */
import { normalizePath, parseYaml, TFile, TFolder, type App, type CachedMetadata } from 'obsidian';
import { noteTypeSays, parseIncident, type Incident } from '../core';
import { collate } from '../core/text/collate';
import type { LinkResolver } from '../core/index/incident-index';
import type { IncidentRcaSettings } from './settings';

const INCIDENT_KEYS = ['severity', 'sev', 'incident_id', 'duration_minutes', 'started_at', 'resolved_at'];

function frontmatterTags(cache: CachedMetadata | null): string[] {
	const raw: unknown = cache?.frontmatter?.tags ?? cache?.frontmatter?.tag;
	if (Array.isArray(raw)) return raw.map((t) => String(t));
	return typeof raw === 'string' ? raw.split(/[,\s]+/) : [];
}

export function inFolder(path: string, folder: string): boolean {
	const f = normalizePath(folder);
	return f !== '' && f !== '/' && path.startsWith(f + '/');
}

/**
 * An RCA note, by what the metadata cache already knows (no file read, so command checks and indexing decisions
 * stay instant), using the detection rules enabled in settings: incident-like frontmatter or a Timeline heading,
 * an incident tag, or a place in the incidents folder. `type: runbook` / `template` always says no.
 */
export function isRcaNote(app: App, file: TFile | null, settings: IncidentRcaSettings): file is TFile {
	if (!file || file.extension !== 'md') return false;
	const cache = app.metadataCache.getFileCache(file);
	const fm = cache?.frontmatter ?? {};
	const said = noteTypeSays(fm);
	if (said === false) return false;
	if (
		settings.templatePath &&
		normalizePath(settings.templatePath).replace(/\.md$/, '') === file.path.replace(/\.md$/, '')
	)
		return false;
	if (said === true) return true;
	if (settings.detectByFolder && inFolder(file.path, settings.incidentsFolder)) return true;
	if (settings.detectByTags) {
		const tags = [...frontmatterTags(cache), ...(cache?.tags ?? []).map((t) => t.tag)].map((t) =>
			t.replace(/^#/, '').toLowerCase(),
		);
		if (tags.some((t) => settings.incidentTags.some((it) => t === it || t.startsWith(it + '/')))) return true;
	}
	if (settings.detectByContent) {
		if (INCIDENT_KEYS.some((k) => fm[k] !== undefined)) return true;
		return (cache?.headings ?? []).some((h) =>
			/^(?:timeline|chronology|zeitleiste|chronologie|cronolog[ií]a)\b/i.test(h.heading),
		);
	}
	return false;
}

/**
 * The note as an Incident, from its current text; links resolve through the metadata cache. `frontmatter`, when
 * given, is what the metadata cache already parsed (no second YAML parse); without it the core parses the block,
 * which is also how invalid YAML gets reported.
 */
export function incidentFromText(
	app: App,
	file: TFile,
	text: string,
	frontmatter: Record<string, unknown> | null = null,
): Incident {
	return parseIncident(text, { path: file.path, frontmatter, parseYaml, resolveLink: linkResolver(app) });
}

/** Where a link resolves, by Obsidian's own rules (the metadata cache): the one resolver parsing and re-linking share. */
export function linkResolver(app: App): LinkResolver {
	return (target, source) => app.metadataCache.getFirstLinkpathDest(target, source)?.path ?? null;
}

export async function readIncident(app: App, file: TFile): Promise<Incident> {
	return incidentFromText(app, file, await app.vault.read(file));
}

/** Every RCA note in the vault, parsed (for related-incident suggestions). */
export async function readAllIncidents(app: App, settings: IncidentRcaSettings): Promise<Incident[]> {
	const files = app.vault.getMarkdownFiles().filter((f) => isRcaNote(app, f, settings));
	return Promise.all(files.map(async (f) => incidentFromText(app, f, await app.vault.cachedRead(f))));
}

/** Services named in the frontmatter of notes across the vault, most used first. */
export function knownServices(app: App): string[] {
	const counts = new Map<string, number>();
	for (const f of app.vault.getMarkdownFiles()) {
		const fm = app.metadataCache.getFileCache(f)?.frontmatter;
		const raw: unknown = fm?.services ?? fm?.service ?? fm?.impacted_services ?? fm?.affected_services;
		const list = Array.isArray(raw) ? raw.map((x) => String(x)) : typeof raw === 'string' ? raw.split(',') : [];
		for (const s of list.map((x) => x.trim()).filter((x) => x !== '')) counts.set(s, (counts.get(s) ?? 0) + 1);
	}
	return [...counts.entries()].sort((a, b) => b[1] - a[1] || collate(a[0], b[0])).map(([s]) => s);
}

/** Creates the folder and any missing parents. */
export async function ensureFolder(app: App, folder: string): Promise<void> {
	const path = normalizePath(folder);
	if (path === '' || path === '/') return;
	let current = '';
	for (const part of path.split('/')) {
		current = current ? `${current}/${part}` : part;
		const existing = app.vault.getAbstractFileByPath(current);
		if (existing instanceof TFolder) continue;
		if (existing) throw new Error(`${current} is a file, not a folder`);
		await app.vault.createFolder(current);
	}
}

/** A template note's text, or null when the path is empty or not a note. */
export async function readTemplate(app: App, path: string): Promise<string | null> {
	if (path.trim() === '') return null;
	const p = normalizePath(path);
	const file = app.vault.getFileByPath(p) ?? app.vault.getFileByPath(p.endsWith('.md') ? p : `${p}.md`);
	return file ? app.vault.read(file) : null;
}
