/** How severities order across the schemes teams use (SEV1, P1, Critical…), for sorting and charts. */

/** A severity as compared with a scheme's: without case, spaces, dashes or underscores ("Sev-1" is "SEV1"). */
export function severityKey(s: string): string {
	return s.toLowerCase().replace(/[\s_-]+/g, '');
}

const BUILT_IN_WORDS = ['critical', 'highest', 'high', 'major', 'medium', 'moderate', 'minor', 'low', 'lowest'];

/** The built-in order: SEV1 before SEV2, P0 before P1, Critical/High/Medium/Low, then as written. */
function builtInRank(s: string): number {
	const n = /^(?:SEV|P)(\d)$/i.exec(s);
	if (n) return +n[1];
	const w = BUILT_IN_WORDS.indexOf(s.toLowerCase());
	return w === -1 ? 500 : 10 + w;
}

// A scheme is the settings' list, the same array for every call of one render: its keys are worked out once.
const schemeKeys = new WeakMap<readonly string[], Map<string, number>>();

/**
 * Severity order: the team's scheme first, in its order (most severe first); a severity it does not list after
 * those, in the built-in order; no severity last.
 */
export function severityRank(s: string | null, scheme: readonly string[] = []): number {
	if (!s) return 1000;
	if (scheme.length > 0) {
		let keys = schemeKeys.get(scheme);
		if (!keys) {
			keys = new Map(scheme.map((x, k) => [severityKey(x), k] as [string, number]).reverse());
			schemeKeys.set(scheme, keys);
		}
		const k = keys.get(severityKey(s));
		if (k !== undefined) return k - 10_000;
	}
	return builtInRank(s);
}
