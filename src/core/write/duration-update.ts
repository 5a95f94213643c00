/**
 * What "Update duration from timeline" writes to the frontmatter, and what it tells the user. Pure: the plugin
 * applies the fields with FileManager.processFrontMatter.
 */
import type { Incident } from '../model';
import { DURATION_KEY, MILESTONE_FIELD_KEYS } from '../format/keys';
import { DURATION_DEFINITIONS, durationBy, type DurationDefinition } from '../time/duration-definition';

export interface DurationUpdate {
	/** Keys to set (null values are left out). */
	fields: Record<string, number | string>;
	duration: number | null;
	/** A duration written in the text that disagrees with the computed one. */
	declaredInText: number | null;
	messages: string[];
	warnings: string[];
}

/**
 * Fields for the frontmatter. `textOnly` is the same note parsed without the keys this command writes, so a
 * previously written duration_minutes is not mistaken for what the author declared.
 */
export function durationUpdate(
	incident: Incident,
	textOnly: Incident,
	definition: DurationDefinition,
	withMilestones: boolean,
): DurationUpdate {
	const fields: Record<string, number | string> = {};
	const warnings: string[] = [];
	const messages: string[] = [];
	const duration = durationBy(incident, definition);
	const timed = incident.timeline.filter((e) => e.time !== null).length;
	if (timed === 0) warnings.push('The timeline has no times: nothing to compute the duration from.');
	else if (duration === null)
		warnings.push(
			`The timeline does not say when the incident was ${definition === 'first-last' ? 'over' : 'resolved'}: duration not computed.`,
		);
	if (duration !== null) {
		fields[DURATION_KEY] = duration;
		messages.push(`Duration: ${duration} min (${DURATION_DEFINITIONS[definition].toLowerCase()}).`);
	}
	if (withMilestones) {
		const ms = incident.milestones;
		const dated = (v: string | null): v is string => v !== null && v.includes('T');
		if (dated(ms.started)) fields.started_at = ms.started;
		if (dated(ms.detected)) fields.detected_at = ms.detected;
		if (dated(ms.acknowledged)) fields.acknowledged_at = ms.acknowledged;
		if (dated(ms.mitigated)) fields.mitigated_at = ms.mitigated;
		if (dated(ms.resolved)) fields.resolved_at = ms.resolved;
		const m = incident.metrics;
		if (m.ttdMinutes !== null) fields.ttd_minutes = m.ttdMinutes;
		if (m.ttaMinutes !== null) fields.tta_minutes = m.ttaMinutes;
		if (m.ttmMinutes !== null) fields.ttm_minutes = m.ttmMinutes;
		if (m.ttrMinutes !== null) fields.ttr_minutes = m.ttrMinutes;
	}
	const declaredInText = textOnly.declaredDurationMinutes;
	if (duration !== null && declaredInText !== null && Math.abs(declaredInText - duration) > 1) {
		warnings.push(`The note says the duration was ${declaredInText} min, but the timeline gives ${duration} min.`);
	}
	return { fields, duration, declaredInText, messages, warnings };
}

/** The frontmatter without the keys this command writes: for reading what the author declared. */
export function withoutComputedKeys(frontmatter: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const owned = new Set<string>([DURATION_KEY, ...MILESTONE_FIELD_KEYS]);
	for (const [k, v] of Object.entries(frontmatter)) if (!owned.has(k)) out[k] = v;
	return out;
}
