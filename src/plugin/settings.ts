/** Plugin settings: their defaults, and loading saved data that may be old, partial or corrupt. */
import { INCIDENT_TAG_WORDS } from '../core/format/names';
import { DURATION_DEFINITIONS, type DurationDefinition } from '../core/time/duration-definition';
import { NO_TEAM_WORDS, readTeamWords, type TeamWords } from '../core/format/team-words';

import type { TemplateRule } from '../core/write/template';
import { isTicketPattern } from '../core/views/tickets';

export type { TemplateRule };

/** The clocks a live timeline entry can be written in, with their names in the settings. */
export const ENTRY_CLOCKS = { local: 'Local time', utc: 'UTC' } as const;
export type EntryClock = keyof typeof ENTRY_CLOCKS;

export interface IncidentRcaSettings {
	/** Where new RCA notes go; also marks notes as incidents. */
	incidentsFolder: string;
	/** File name of a new note: YYYY, MM, DD, HH, mm, <slug>, <title>, <severity>, <id>. */
	fileNamePattern: string;
	/** A template note for new RCA notes; empty for the built-in template. */
	templatePath: string;
	runbookFolder: string;
	/** A template note for new runbooks; empty for the built-in one. */
	runbookTemplatePath: string;
	severities: string[];
	durationDefinition: DurationDefinition;
	/** Also write started_at, resolved_at, ttd_minutes… when updating the duration. */
	writeMilestones: boolean;
	/** Update the duration by itself when an RCA note's timeline changes. */
	autoUpdateDuration: boolean;
	/** The clock "Add timeline entry" writes: local time or UTC. */
	entryClock: EntryClock;
	/** "Same service within N days" for related incidents. */
	relatedWindowDays: number;
	/** The owner name that means "me" (action items), and the default author of new notes. */
	myName: string;
	/** Which notes are incidents by their content (src/core/read/incident-note.ts): keys, headings, title. */
	detectByContent: boolean;
	/** …a tag from this list… */
	detectByTags: boolean;
	incidentTags: string[];
	/** …or a place in the incidents folder. */
	detectByFolder: boolean;
	/** The team's words file in the vault (the CLI's `.incident-rca.json`); its words add to `words`. */
	wordsFile: string;
	/** Words typed in the settings, in the words file's format. */
	words: TeamWords;
	/** Template notes by severity or type, offered in the create-note modal. */
	templates: TemplateRule[];
	/** Mark the lines read as timeline rows and action items in the editor. */
	markLines: boolean;
	/** Where the dashboard's exports go; empty for the incidents folder's `Exports/`. */
	exportFolder: string;
	/** Days after an incident by which its postmortem should be out of draft and review. */
	staleDays: number;
	/** Where a ticket key links: "https://tracker.example.com/browse/{key}"; empty for no links. */
	ticketUrl: string;
	/** The dashboard table's columns (keys of the column registry); empty for the default columns. */
	tableColumns: string[];
}

/** The folder exports are written to. */
export function exportFolderOf(s: IncidentRcaSettings): string {
	const folder = s.exportFolder.trim() || `${s.incidentsFolder.trim() || ''}/Exports`;
	return folder.replace(/^\/+/, '');
}

export const DEFAULT_SETTINGS: IncidentRcaSettings = {
	incidentsFolder: 'Incidents',
	fileNamePattern: 'YYYY-MM-DD-<slug>',
	templatePath: '',
	runbookFolder: 'Runbooks',
	runbookTemplatePath: '',
	severities: ['SEV1', 'SEV2', 'SEV3', 'SEV4'],
	durationDefinition: 'first-last',
	writeMilestones: true,
	autoUpdateDuration: false,
	entryClock: 'local',
	relatedWindowDays: 30,
	myName: '',
	detectByContent: true,
	detectByTags: true,
	incidentTags: [...INCIDENT_TAG_WORDS],
	detectByFolder: true,
	wordsFile: '.incident-rca.json',
	words: NO_TEAM_WORDS,
	templates: [],
	markLines: true,
	exportFolder: '',
	staleDays: 14,
	ticketUrl: '',
	tableColumns: [],
};

/** Template rules as saved: each a rule and a path, both non-empty. */
function templateRules(v: unknown): TemplateRule[] {
	if (!Array.isArray(v)) return [];
	return v
		.filter((r): r is { rule: unknown; path: unknown } => r !== null && typeof r === 'object')
		.map((r) => ({
			rule: typeof r.rule === 'string' ? r.rule.trim() : '',
			path: typeof r.path === 'string' ? r.path.trim() : '',
		}))
		.filter((r) => r.rule !== '' && r.path !== '');
}

function text(v: unknown, fallback: string): string {
	return typeof v === 'string' ? v.trim() : fallback;
}

/** A list saved as an array (or typed as comma-separated text); empty or invalid falls back. */
function stringList(v: unknown, fallback: string[], clean: (s: string) => string = (s) => s): string[] {
	const raw = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : [];
	const list = raw
		.filter((s): s is string => typeof s === 'string')
		.map((s) => clean(s.trim()))
		.filter((s) => s !== '');
	return list.length > 0 ? [...new Set(list)] : [...fallback];
}

/** Saved data → settings: every missing, mistyped or out-of-range value falls back to its default. */
export function loadSettings(raw: unknown): IncidentRcaSettings {
	const d = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
	const days =
		typeof d.relatedWindowDays === 'number' && Number.isFinite(d.relatedWindowDays) && d.relatedWindowDays >= 0
			? Math.round(d.relatedWindowDays)
			: DEFAULT_SETTINGS.relatedWindowDays;
	const definition =
		typeof d.durationDefinition === 'string' && d.durationDefinition in DURATION_DEFINITIONS
			? (d.durationDefinition as DurationDefinition)
			: DEFAULT_SETTINGS.durationDefinition;
	return {
		incidentsFolder: text(d.incidentsFolder, DEFAULT_SETTINGS.incidentsFolder),
		fileNamePattern: text(d.fileNamePattern, DEFAULT_SETTINGS.fileNamePattern) || DEFAULT_SETTINGS.fileNamePattern,
		templatePath: text(d.templatePath, ''),
		runbookFolder: text(d.runbookFolder, DEFAULT_SETTINGS.runbookFolder),
		runbookTemplatePath: text(d.runbookTemplatePath, ''),
		severities: stringList(d.severities, DEFAULT_SETTINGS.severities),
		durationDefinition: definition,
		writeMilestones: typeof d.writeMilestones === 'boolean' ? d.writeMilestones : DEFAULT_SETTINGS.writeMilestones,
		autoUpdateDuration:
			typeof d.autoUpdateDuration === 'boolean' ? d.autoUpdateDuration : DEFAULT_SETTINGS.autoUpdateDuration,
		entryClock:
			typeof d.entryClock === 'string' && d.entryClock in ENTRY_CLOCKS ? (d.entryClock as EntryClock) : 'local',
		relatedWindowDays: days,
		myName: text(d.myName, ''),
		detectByContent: typeof d.detectByContent === 'boolean' ? d.detectByContent : DEFAULT_SETTINGS.detectByContent,
		detectByTags: typeof d.detectByTags === 'boolean' ? d.detectByTags : DEFAULT_SETTINGS.detectByTags,
		incidentTags: stringList(d.incidentTags, DEFAULT_SETTINGS.incidentTags, (t) => t.replace(/^#/, '').toLowerCase()),
		detectByFolder: typeof d.detectByFolder === 'boolean' ? d.detectByFolder : DEFAULT_SETTINGS.detectByFolder,
		wordsFile: text(d.wordsFile, DEFAULT_SETTINGS.wordsFile),
		// Saved words go through the file's validation: what is invalid is dropped, never read half-way.
		words: d.words === undefined ? NO_TEAM_WORDS : readTeamWords(d.words).words,
		templates: templateRules(d.templates),
		markLines: typeof d.markLines === 'boolean' ? d.markLines : DEFAULT_SETTINGS.markLines,
		exportFolder: text(d.exportFolder, ''),
		staleDays:
			typeof d.staleDays === 'number' && Number.isFinite(d.staleDays) && d.staleDays >= 1
				? Math.round(d.staleDays)
				: DEFAULT_SETTINGS.staleDays,
		// Only a web address with {key} in it: a javascript: or file: pattern would make a link run or open anything.
		ticketUrl: isTicketPattern(text(d.ticketUrl, '')) ? text(d.ticketUrl, '') : '',
		// Keys of columns that no longer exist are dropped when the table is drawn (tableColumns).
		tableColumns: stringList(d.tableColumns, []),
	};
}
