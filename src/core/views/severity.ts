/** How severities order across the schemes teams use (SEV1, P1, Critical…), for sorting and charts. */

/** Severity order: SEV1 before SEV2, P1 before P2, Critical/High/Medium/Low, then as written. */
export function severityRank(s: string | null): number {
	if (!s) return 1000;
	const n = /^(?:SEV|P)(\d)$/i.exec(s);
	if (n) return +n[1];
	const words = ['critical', 'highest', 'high', 'major', 'medium', 'moderate', 'minor', 'low', 'lowest'];
	const w = words.indexOf(s.toLowerCase());
	return w === -1 ? 500 : 10 + w;
}
