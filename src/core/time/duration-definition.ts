/** What "duration" and MTTR mean: the span of an incident a team chose to measure (a setting). */
import type { Incident } from '../model';

/** Which span the duration (and MTTR) measures. */
export type DurationDefinition = 'first-last' | 'detected-resolved' | 'started-resolved';

export const DURATION_DEFINITIONS: Record<DurationDefinition, string> = {
	'first-last': 'First to last timeline row',
	'detected-resolved': 'Detected to resolved',
	'started-resolved': 'Started to resolved',
};

/** The incident's duration by the chosen definition; null when the timeline cannot say. */
export function durationBy(
	incident: Pick<Incident, 'durationMinutes' | 'metrics'>,
	definition: DurationDefinition,
): number | null {
	const m = incident.metrics;
	switch (definition) {
		case 'first-last':
			return incident.durationMinutes;
		case 'started-resolved':
			return m.ttrMinutes;
		case 'detected-resolved':
			return m.ttrMinutes !== null && m.ttdMinutes !== null && m.ttrMinutes >= m.ttdMinutes
				? m.ttrMinutes - m.ttdMinutes
				: null;
	}
}
