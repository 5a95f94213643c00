/** Ticket keys in action items (OPS-2303) as links to the team's tracker, by the settings' address pattern. */

/** A web address with `{key}` where the ticket's key goes: "https://tracker.example.com/browse/{key}". */
const PATTERN = /^https?:\/\/[^\s"'<>]+$/i;

/** Whether a pattern can make links: http(s) only (never `javascript:`), with a `{key}` in it. */
export function isTicketPattern(pattern: string): boolean {
	const p = pattern.trim();
	return PATTERN.test(p) && p.includes('{key}');
}

/** The link of a ticket key, or null when there is no usable pattern. The key is URL-encoded. */
export function ticketUrl(pattern: string, key: string): string | null {
	if (!isTicketPattern(pattern)) return null;
	return pattern.trim().split('{key}').join(encodeURIComponent(key));
}
