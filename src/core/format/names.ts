/**
 * The names that say what a note or link is about — incident or runbook — in note types, tags, link targets and
 * titles. Used by the note detection, the link classifier and the related-incident suggestions.
 */

/** The frontmatter `type` of the plugin's own exports (dashboard tables): never an incident, never indexed. */
export const EXPORT_NOTE_TYPE = 'incident-rca-export';

/** A frontmatter `type` that makes a note an incident. */
export const INCIDENT_TYPE = /^(?:incident|postmortem|post-mortem|rca)$/;
/** A frontmatter `type` that makes a note something else: a runbook, a template, one of the plugin's exports. */
export const OTHER_TYPE = new RegExp(`^(?:runbook|playbook|template|sop|${EXPORT_NOTE_TYPE})$`);

/** Tags that make a note an incident by default (nested tags count: `#incident/2025`); the plugin's setting. */
export const INCIDENT_TAG_WORDS: readonly string[] = [
	'rca',
	'postmortem',
	'post-mortem',
	'incident',
	'incidents',
	'outage',
	'retro',
	'retrospective',
	'incident-review',
];
/** A severity tag (`#sev1`, `#sev/2`): an incident, whatever the tag list. */
export const SEVERITY_TAG = /^sev\d?(?:\/|$)/i;
/** A tag that makes a note something else. */
export const OTHER_TAG = /^(?:runbook|runbooks|playbook|playbooks|sop|template|templates|howto|how-to)(?:\/|$)/i;
/** Tags every incident carries: they say nothing about how two incidents relate. */
export const GENERIC_TAGS = /^(?:rca|postmortem|post-mortem|incident|incidents|outage|sev\d?|p\d|draft|resolved)$/i;

/** A link target or alias naming a runbook. */
export const RUNBOOK_NAME =
	/runbook|run-book|playbook|play-book|(?:^|[^a-z])sops?(?![a-z])|how-?to|procedure|checklist/i;
/** A link target or alias naming an incident. */
export const INCIDENT_NAME =
	/incident|postmortem|post-mortem|(?:^|[^a-z])rcas?(?![a-z])|outage|(?:^|[^a-z])inc-?\d|(?:^|[^a-z])sev-?\d|retro(?:spective)?(?![a-z])|störung|incidente|vorfall/i;
/** A note named by its date (`2025-03-04 DNS outage`): how teams name incidents. */
export const DATED_NAME = /(?:^|\/)\d{4}-\d{2}-\d{2}/;

/**
 * A title that names a postmortem: enough on its own to make a note an incident ("DNS outage", "Postmortem: …",
 * "Incident report", "Service disruption", and the words of other languages' postmortems).
 */
export const POSTMORTEM_TITLE =
	/post-?mortem|post-incident|incident (?:report|review|summary|record|analysis|retrospective|on)(?![a-z])|^incident(?![a-z])|incident:|outage|(?:^|[^a-z])(?:rca|pir)(?![a-z])|root cause analysis|disruption|downtime|degradation|degraded|障害|장애|故障|事故|störung|ausfall|panne|incidente|vorfall/i;
/**
 * A title that names a problem ("Scheduling delays", "Elevated error rates", "Checkout unavailable"): with a date in
 * it ("… on March 13, 2025", "… 5-26-21") a title names one incident, as status pages and dated reports write them.
 */
export const PROBLEM_TITLE =
	/delay|error|fail|unavailab|unreachab|(?:^|[^a-z])down(?![a-z])|slow|elevated|interrupt|timeout|timing out|broken|data loss|lost|latency|issues? with|problems? with/i;
/** A title that names a document about incidents, not one incident ("Incident response process"). */
export const NOT_ONE_INCIDENT = /process|polic(?:y|ies)|guide|handbook|template|training|how to|management(?![a-z])/i;
