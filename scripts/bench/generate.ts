/**
 * Synthetic vaults for the benchmark: deterministic (seeded), mixing every supported format, 3–6 KB a note,
 * 5–50 timeline rows, 2–10 action items, links between incidents and to runbooks.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const WORDS =
	'the api gateway returned errors while the cache cluster was rebalancing and the queue backed up so the on-call engineer rolled back the deploy after checking dashboards logs and traces for the checkout payments search and auth services'.split(
		' ',
	);
const SERVICES = [
	'checkout-api',
	'payments',
	'search',
	'auth-service',
	'inventory',
	'ledger',
	'notifications',
	'cdn-edge',
	'billing',
	'web-frontend',
];
const OWNERS = ['dana', 'lee', 'priya', 'sam', 'olu', 'mei', 'jonas', 'ade'];
const EVENTS = [
	'Alert fired for elevated 5xx',
	'On-call acknowledged the page',
	'Investigation started',
	'Root cause identified',
	'Rolled back the deploy',
	'Error rate recovering',
	'Incident resolved',
	'Customer support reported failures',
	'Scaled out the cache',
	'Status page updated',
];

export function generateNote(i: number, r: () => number, total: number): { name: string; text: string } {
	const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)];
	const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
	const words = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join(' ');
	const y = 2022 + (i % 4);
	const m = 1 + (i % 12);
	const d = 1 + (i % 28);
	const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
	const services = [pick(SERVICES), pick(SERVICES)].filter((s, k, a) => a.indexOf(s) === k);
	const rows = int(5, 50);
	const items = int(2, 10);
	const sev = `SEV${int(1, 4)}`;
	const times = Array.from({ length: rows }, (_, k) => 8 * 60 + k * int(2, 9));
	const hhmm = (t: number): string =>
		`${String(Math.floor(t / 60) % 24).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
	const ampm = (t: number): string => {
		const h = Math.floor(t / 60) % 24;
		return `${h % 12 === 0 ? 12 : h % 12}:${String(t % 60).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
	};
	const links = Array.from({ length: int(1, 5) }, () =>
		r() < 0.3 ? `[[runbook-${pick(SERVICES)}]]` : `[[incident-${Math.floor(r() * total)}]]`,
	);
	const prose = (): string => `${words(int(25, 60))}.`;
	const format = i % 6;
	const out: string[] = [];
	switch (format) {
		case 0:
			out.push(
				'---',
				`title: Incident ${i} ${words(4)}`,
				`date: ${date}`,
				`severity: ${sev}`,
				`services: [${services.join(', ')}]`,
				'tags: [rca]',
				'status: resolved',
				`duration_minutes: ${times[rows - 1] - times[0]}`,
				'---',
				'',
				`# Incident ${i}`,
				'',
				'## Summary',
				'',
				prose(),
				'',
				'## Timeline',
				'',
				'| Time (UTC) | Event |',
				'|---|---|',
			);
			for (let k = 0; k < rows; k++) out.push(`| ${hhmm(times[k])} | ${pick(EVENTS)} ${words(3)} |`);
			out.push(
				'',
				'## Root Cause',
				'',
				prose(),
				'',
				'## Resolution',
				'',
				prose(),
				'',
				'## Action Items',
				'',
				'| Priority | Action | Owner | Due Date | Status |',
				'|---|---|---|---|---|',
			);
			for (let k = 0; k < items; k++)
				out.push(
					`| P${int(1, 3)} | ${words(6)} | ${pick(OWNERS)} | ${y + 1}-0${int(1, 9)}-1${int(0, 9)} | ${r() < 0.3 ? 'Done' : 'Open'} |`,
				);
			out.push('', '## Related Incidents', '', ...links.map((l) => `- ${l}`));
			break;
		case 1:
			out.push(
				'Issue Summary:',
				`Duration: ${date} ${ampm(times[0])} - ${date} ${ampm(times[rows - 1])} (UTC)`,
				`Impact: ${prose()}`,
				`Root Cause: ${prose()}`,
				'Timeline:',
			);
			for (let k = 0; k < rows; k++) out.push(`${ampm(times[k])}: ${pick(EVENTS)} ${words(8)}`, words(6) + '.');
			out.push('Root Cause and Resolution:', prose(), 'Follow-up tasks:', '');
			for (let k = 0; k < items; k++) out.push(`${words(7)}.`.replace(/^./, (c) => c.toUpperCase()));
			out.push('', `See ${links.join(' ')}`);
			break;
		case 2:
			out.push(
				'',
				'**Issue Summary:**',
				`- **Duration:** The outage occurred on ${date}, from ${ampm(times[0])} to ${ampm(times[rows - 1])} (UTC).`,
				`- **Impact:** ${prose()}`,
				'',
				'**Timeline:**',
			);
			for (let k = 0; k < rows; k++) out.push(`- **${ampm(times[k])}:** ${pick(EVENTS)} ${words(8)}`);
			out.push(
				'',
				'**Root Cause and Resolution:**',
				`- **Root Cause:** ${prose()}`,
				`- **Resolution:** ${prose()}`,
				'',
				'**Corrective and Preventative Measures:**',
				'- **Tasks to Address the Issue:**',
			);
			for (let k = 0; k < items; k++) out.push(`  ${k + 1}. ${words(8)}.`);
			out.push('', ...links);
			break;
		case 3:
			out.push(
				`# Postmortem ${i}: ${words(3)}`,
				'',
				'## Summary',
				prose(),
				'',
				'## Timeline (all times UTC)',
				'',
				`**${date}**`,
				'',
			);
			for (let k = 0; k < rows; k++) out.push(`* ${hhmm(times[k])} ${pick(EVENTS)} ${words(6)}`);
			out.push(
				'',
				'## Root Causes',
				prose(),
				'',
				'## Action Items',
				'',
				'| Action Item | Type | Owner | Bug |',
				'|---|---|---|---|',
			);
			for (let k = 0; k < items; k++)
				out.push(
					`| ${words(6)} | prevent | ${pick(OWNERS)} | OPS-${int(100, 999)} ${r() < 0.3 ? '**DONE**' : '**TODO**'} |`,
				);
			out.push('', '## Related', ...links.map((l) => `- ${l}`));
			break;
		case 4:
			out.push(
				'---',
				`title: "PD-${i} ${words(3)}"`,
				`started_at: ${date}T08:00:00+02:00`,
				`resolved_at: ${date}T${hhmm(times[rows - 1])}:00+02:00`,
				`severity: P${int(1, 4)}`,
				`services: [${services.join(', ')}]`,
				'---',
				'',
				'## Timeline',
				'',
			);
			for (let k = 0; k < rows; k++) out.push(`- ${date}T${hhmm(times[k])}:00+02:00 — ${pick(EVENTS)} ${words(6)}`);
			out.push('', '## Root Cause', prose(), '', '## Resolution', prose(), '', '## Follow-ups', '');
			for (let k = 0; k < items; k++)
				out.push(
					`- [${r() < 0.3 ? 'x' : ' '}] ${words(6)} @${pick(OWNERS)} 📅 ${y + 1}-0${int(1, 9)}-1${int(0, 9)} ${pick(['⏫', '🔼', '🔽'])}`,
				);
			out.push('', ...links);
			break;
		default:
			out.push(
				`# Incident report ${i}`,
				'',
				'| Field | Value |',
				'|---|---|',
				`| Incident ID | INC-${i} |`,
				`| Severity | ${sev} |`,
				`| Date | ${date} |`,
				`| Services | ${services.join(', ')} |`,
				'',
				'## Summary',
				prose(),
				'',
				'## Timeline',
				'',
				'| Date | Time | Event |',
				'|---|---|---|',
			);
			for (let k = 0; k < rows; k++) out.push(`| ${date} | ${hhmm(times[k])} | ${pick(EVENTS)} ${words(5)} |`);
			out.push('', '## Root Cause', prose(), '', '## Action Items', '');
			for (let k = 0; k < items; k++)
				out.push(`- [ ] ${words(6)} [owner:: ${pick(OWNERS)}] [due:: ${y + 1}-0${int(1, 9)}-2${int(0, 8)}]`);
			out.push('', '## Related Incidents', ...links.map((l) => `- ${l}`));
	}
	let text = out.join('\n') + '\n';
	// 3–6 KB: pad with lessons-learned prose, or cut long timelines at a line boundary.
	const target = int(3000, 6000);
	if (text.length < target) {
		const pad: string[] = ['', '## Lessons Learned', ''];
		while (text.length + pad.join('\n').length < target) pad.push(`- ${prose()}`);
		text += pad.join('\n') + '\n';
	}
	return { name: `incident-${i}.md`, text };
}

/** Writes a vault of `count` notes (plus a few runbooks) under `dir`; reuses it when it already exists. */
export function writeVault(dir: string, count: number, seed = 42): string {
	const marker = path.join(dir, '.complete');
	if (fs.existsSync(marker)) return dir;
	fs.mkdirSync(path.join(dir, 'Incidents'), { recursive: true });
	fs.mkdirSync(path.join(dir, 'Runbooks'), { recursive: true });
	const r = rng(seed);
	for (let i = 0; i < count; i++) {
		const n = generateNote(i, r, count);
		fs.writeFileSync(path.join(dir, 'Incidents', n.name), n.text);
	}
	for (const s of SERVICES)
		fs.writeFileSync(path.join(dir, 'Runbooks', `runbook-${s}.md`), `---\ntags: [runbook]\n---\n# Runbook ${s}\n`);
	fs.writeFileSync(marker, '');
	return dir;
}
