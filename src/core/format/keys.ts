/**
 * Frontmatter keys, each with the aliases teams use for it. The readers look a value up under these names (first
 * present wins, keys compared after normalisation: case, spaces and dashes do not matter); the writers write the
 * first. One list per field, so the reader, the writer and the note detection never disagree on a name.
 */

/** A frontmatter key as compared: without case, spaces, dashes or underscores (`Resolved At` is `resolved_at`). */
export function frontmatterKey(k: string): string {
	return k.toLowerCase().replace(/[\s_-]+/g, '');
}

export const FM_KEYS = {
	title: ['title', 'name'],
	date: ['date', 'incident_date', 'started_at', 'start', 'start_time', 'detected_at', 'created'],
	/** When a post about the incident was published: the incident date only when nothing else dates it. */
	published: ['published', 'published_at', 'publish_date', 'pubdate'],
	severity: ['severity', 'sev', 'incident_severity', 'priority', 'level', 'impact_level'],
	status: ['status', 'state', 'incident_status'],
	id: ['id', 'incident_id', 'incident_number', 'incident_no', 'incident', 'ticket', 'key'],
	author: ['author', 'authors', 'owner', 'written_by', 'prepared_by', 'postmortem_owner', 'created_by'],
	tags: ['tags', 'tag'],
	services: [
		'services',
		'service',
		'impacted_services',
		'affected_services',
		'services_affected',
		'services_impacted',
		'components',
		'affected_components',
		'systems',
		'affected_systems',
		'impacted_systems',
	],
	durationMinutes: ['duration_minutes', 'duration_mins', 'duration_min', 'durationminutes', 'duration_in_minutes'],
	/** A duration with its unit ("45m", "1h 30m"), or a bare number of minutes. */
	duration: ['duration', 'total_duration', 'outage_duration'],
	started: ['started_at', 'start', 'start_time', 'impact_start', 'began_at'],
	detected: ['detected_at', 'detected', 'detection_time'],
	acknowledged: ['acknowledged_at', 'acknowledged', 'acked_at'],
	identified: ['identified_at', 'identified'],
	mitigated: ['mitigated_at', 'mitigated'],
	resolved: ['resolved_at', 'end', 'end_time', 'ended_at', 'impact_end', 'resolved'],
	usersAffected: ['users_affected', 'affected_users', 'customers_affected', 'impacted_users', 'users_impacted'],
	percentAffected: ['percent_affected', 'affected_percent', 'percentage_affected', 'users_affected_percent'],
	errorRate: ['error_rate', 'peak_error_rate', 'error_rate_percent'],
	/** What kind of note this is (`type: incident`, `type: runbook`). */
	noteType: ['type', 'kind', 'category'],
} as const satisfies Record<string, readonly string[]>;

export type FmField = keyof typeof FM_KEYS;

/** The keys "Update duration from timeline" owns: the duration and the milestone instants and intervals. */
export const DURATION_KEY = 'duration_minutes';
export const MILESTONE_FIELD_KEYS = [
	'started_at',
	'detected_at',
	'acknowledged_at',
	'mitigated_at',
	'resolved_at',
	'ttd_minutes',
	'tta_minutes',
	'ttm_minutes',
	'ttr_minutes',
] as const;

/**
 * Frontmatter keys that only an incident note has: any of them makes a note an incident by its content. (Not the
 * generic aliases: `priority`, `level`, `status` or `owner` sit in task and project notes too.)
 */
export const INCIDENT_ONLY_KEYS: readonly string[] = [
	'severity',
	'sev',
	'incident_severity',
	'incident_id',
	'incident_number',
	'incident_no',
	...FM_KEYS.durationMinutes,
	'started_at',
	'detected_at',
	'acknowledged_at',
	'mitigated_at',
	'resolved_at',
	'impact_start',
	'impact_end',
];
