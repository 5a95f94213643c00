/**
 * Adapters from the vault and metadata cache to the core: which notes are RCAs, reading one as an Incident, the
 * services already used, and creating notes and folders.
 */
import { normalizePath, parseYaml, TFile, TFolder, type App } from 'obsidian';
import {
	isIncidentNote,
	noteFacts,
	parseIncident,
	parseNoteIf,
	type DetectionRules,
	type Incident,
	type NoteFacts,
	type ParseOptions,
} from '../core';
import { collate } from '../core/text/collate';
import { FM_KEYS } from '../core/format/keys';
import { fmFirst, normaliseFrontmatter } from '../core/read/metadata';
import type { LinkResolver } from '../core/index/incident-index';
import type { IncidentRcaSettings } from './settings';
import { pluginLexicon } from './words';

/**
 * What the metadata cache knows of a note, as the incident-note rule reads it, without reading the file: its
 * Markdown headings only (not `Label:` lines), so a lower bound of what the note's text says.
 */
export function metadataFacts(app: App, file: TFile): NoteFacts {
	const cache = app.metadataCache.getFileCache(file);
	const fm = cache?.frontmatter;
	const raw = fm ? fmFirst(normaliseFrontmatter(fm), FM_KEYS.tags) : undefined;
	const fmTags = Array.isArray(raw) ? raw.map((t) => String(t)) : typeof raw === 'string' ? raw.split(/[,\s]+/) : [];
	const lexicon = pluginLexicon();
	return noteFacts(
		file.path,
		fm ? lexicon.withKeyAliases(normaliseFrontmatter(fm)) : fm,
		[...fmTags, ...(cache?.tags ?? []).map((t) => t.tag)],
		(cache?.headings ?? []).map((h) => h.heading),
		lexicon,
	);
}

/** The incident-note rule with the detection settings the user chose. */
export function detectionRules(settings: IncidentRcaSettings): DetectionRules {
	return {
		folder: settings.detectByFolder ? normalizePath(settings.incidentsFolder) : '',
		incidentTags: settings.detectByTags ? settings.incidentTags : null,
		content: settings.detectByContent,
		templatePath: settings.templatePath ? normalizePath(settings.templatePath) : '',
	};
}

/**
 * An RCA note by what the metadata cache already knows (no file read): the core's one rule with the detection
 * settings, on the note's Markdown headings. The indexer decides from the note's text (VaultIndexer.isIncident);
 * this is its answer for a note it has not read yet.
 */
export function isRcaNote(app: App, file: TFile | null, settings: IncidentRcaSettings): file is TFile {
	if (!file || file.extension !== 'md') return false;
	return isIncidentNote(metadataFacts(app, file), detectionRules(settings));
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
	return parseIncident(text, parseOptions(app, file, frontmatter));
}

/** The note read once: its facts, and its Incident when `wanted(facts)` (see parseNoteIf in the core). */
export function readNoteText(
	app: App,
	file: TFile,
	text: string,
	frontmatter: Record<string, unknown> | null,
	wanted: (facts: NoteFacts) => boolean,
): { incident: Incident | null; facts: NoteFacts } {
	return parseNoteIf(text, parseOptions(app, file, frontmatter), wanted);
}

function parseOptions(app: App, file: TFile, frontmatter: Record<string, unknown> | null): ParseOptions {
	return { path: file.path, frontmatter, parseYaml, resolveLink: linkResolver(app), lexicon: pluginLexicon() };
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
		const raw = fm ? fmFirst(normaliseFrontmatter(fm), FM_KEYS.services) : undefined;
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
