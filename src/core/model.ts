/**
 * The incident model: what a postmortem note means, independent of how it was written.
 * Everything here is plain data so it can be serialised to JSON by the CLI and cached by the plugin.
 */
import type { Lexicon } from './format/lexicon';

export type ProblemLevel = 'error' | 'warning';

/** Something wrong or doubtful in a note. `line` is 1-based in the original text, null when it is about the whole note. */
export interface Problem {
	level: ProblemLevel;
	code: ProblemCode;
	message: string;
	line: number | null;
}

export const PROBLEM_CODES = [
	'frontmatter-invalid',
	'frontmatter-unclosed',
	'duration-mismatch',
	'timeline-out-of-order',
	'timeline-untimed',
	'action-item-no-owner',
	'action-item-no-due',
	'missing-section',
	'empty-note',
	/** A requirement of the team's lint rules (core/views/lint-rules.ts): the CLI's lint, not the parser. */
	'requirement',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Each problem code as the filters name it. */
export const PROBLEM_LABELS: Readonly<Record<ProblemCode, string>> = {
	'frontmatter-invalid': 'Invalid frontmatter',
	'frontmatter-unclosed': 'Unclosed frontmatter',
	'duration-mismatch': 'Duration mismatch',
	'timeline-out-of-order': 'Timeline out of order',
	'timeline-untimed': 'Timeline without times',
	'action-item-no-owner': 'Action item without owner',
	'action-item-no-due': 'Action item without due date',
	'missing-section': 'Missing section',
	'empty-note': 'Empty note',
	requirement: 'Team requirement',
};

export interface TimelineEvent {
	/** Clock time as written, in 24-hour form: "HH:MM" or "HH:MM:SS"; null for an untimed row. */
	time: string | null;
	/** ISO date-time in the note's own zone ("2024-03-01T14:05", "…:05Z", "…:05+02:00" only when an offset was written); null when no date is known. */
	at: string | null;
	text: string;
	/** 1-based line of the row in the note. */
	line: number;
	/** Milestone this row marks, if its words say so. */
	milestone: MilestoneKind | null;
}

export const MILESTONE_KINDS = ['started', 'detected', 'acknowledged', 'identified', 'mitigated', 'resolved'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/** Each milestone as an ISO date-time (or a bare "HH:MM" time when no date is known), or null. */
export type Milestones = Record<MilestoneKind, string | null>;

export interface IncidentMetrics {
	/** started → detected */
	ttdMinutes: number | null;
	/** detected → acknowledged */
	ttaMinutes: number | null;
	/** started → mitigated */
	ttmMinutes: number | null;
	/** started → resolved */
	ttrMinutes: number | null;
}

export interface Impact {
	usersAffected: number | null;
	percentAffected: number | null;
	errorRatePercent: number | null;
}

export interface ActionItem {
	/** The action in plain text: no markdown, ticket keys or owner/due annotations. */
	action: string;
	owner: string | null;
	/** ISO date (YYYY-MM-DD). */
	due: string | null;
	priority: string | null;
	done: boolean;
	/** Ticket keys found in the item (JIRA-123), kept apart from the text. */
	tickets: string[];
	line: number;
}

export type LinkKind = 'incident' | 'runbook' | 'other';

export interface RelatedLink {
	target: string;
	alias: string | null;
	heading: string | null;
	embed: boolean;
	kind: LinkKind;
	/** Path the link resolves to (Obsidian's shortest-path rule), or null when missing or when no resolver was given. */
	resolved: string | null;
	line: number;
}

export interface Incident {
	path: string | null;
	title: string;
	/** Incident date, ISO YYYY-MM-DD, or null when the note never says. */
	date: string | null;
	severity: string | null;
	status: string | null;
	services: string[];
	id: string | null;
	author: string | null;
	tags: string[];
	impact: Impact;
	summary: string | null;
	rootCause: string | null;
	resolution: string | null;
	lessonsLearned: string | null;
	timeline: TimelineEvent[];
	/** Earliest to latest timed row, in minutes; null without two timed rows. */
	durationMinutes: number | null;
	/** Duration the note states (frontmatter or a Duration line), in minutes. */
	declaredDurationMinutes: number | null;
	milestones: Milestones;
	metrics: IncidentMetrics;
	actionItems: ActionItem[];
	links: RelatedLink[];
	problems: Problem[];
	/** The parsed frontmatter, as given (empty when none). */
	frontmatter: Record<string, unknown>;
}

/** A problem as the index keeps it: its level and code (the note itself explains it). */
export type IndexedProblem = Pick<Problem, 'level' | 'code'>;
/** A link as the index keeps it: where it points and what kind it is. */
export type IndexedLink = Omit<RelatedLink, 'alias' | 'heading'>;

/**
 * What the index holds of an incident (compactIncident): what the dashboard, the action-item pane and related
 * incidents read, and nothing else. No timeline rows, milestone times, raw frontmatter, resolution or lessons;
 * summary and root cause are their first 300 characters (for search); problems without messages. A full Incident is
 * one too, so the view models take either; a view that needs more reads the note.
 */
export interface IndexedIncident extends Omit<
	Incident,
	'timeline' | 'milestones' | 'frontmatter' | 'resolution' | 'problems' | 'links'
> {
	problems: readonly IndexedProblem[];
	links: readonly IndexedLink[];
}

/** What the parser needs from its host: YAML parsing and link resolution come from Obsidian or from the CLI. */
export interface ParseOptions {
	/** Vault-relative path of the note, used for the title fallback and link resolution. */
	path?: string;
	/** Parses a YAML string. Throwing marks the frontmatter invalid; the body is still parsed. */
	parseYaml?: (yaml: string) => unknown;
	/** Frontmatter already parsed by the host (Obsidian's metadata cache); skips parseYaml. */
	frontmatter?: Record<string, unknown> | null;
	/** Resolves a link target from the note at `sourcePath` to a path, or null when missing. */
	resolveLink?: (target: string, sourcePath: string) => string | null;
	/** Minutes by which the declared and computed durations may differ before a warning. Default 1. */
	durationTolerance?: number;
	/** The words to read with: the built-in vocabulary plus a team's (lexiconOf). Default the built-in alone. */
	lexicon?: Lexicon;
}
