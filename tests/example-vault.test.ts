/**
 * The bundled example vault (what `npm start` reports on), checked note by note against what a reader of each
 * note expects. The vault mixes every supported format, so this is also an end-to-end test of the CLI.
 */
import * as path from 'node:path';
import { run } from '../src/cli/main';
import type { Incident } from '../src/core';

const VAULT = path.join(__dirname, '..', 'examples', 'vault');

async function report(): Promise<{ incidents: Incident[]; skipped: { path: string; reason: string }[] }> {
	let out = '';
	expect(
		await run(
			['report', '--json', VAULT],
			(s) => (out += s),
			() => undefined,
		),
	).toBe(0);
	return JSON.parse(out) as { incidents: Incident[]; skipped: { path: string; reason: string }[] };
}

let r: Awaited<ReturnType<typeof report>>;
beforeAll(async () => {
	r = await report();
});
const note = (name: string): Incident => {
	const found = r.incidents.find((i) => path.basename(i.path ?? '') === name);
	if (!found) throw new Error(`${name} not reported`);
	return found;
};

describe('the example vault', () => {
	it('reports the ten incidents and leaves the runbooks and the .obsidian folder out', () => {
		expect(r.incidents).toHaveLength(10);
		expect(r.skipped.map((s) => path.basename(s.path)).sort()).toEqual([
			'Certificate Rotation.md',
			'Database Failover.md',
			'Rollback a Deployment.md',
		]);
		expect(r.incidents.some((i) => (i.path ?? '').includes('.obsidian'))).toBe(false);
	});

	it.each([
		// file, date, duration, declared, timeline rows, action items, open action items
		['2025-01-22-login-sso-errors.md', '2025-01-22', 70, 45, 7, 3, 3],
		['2025-02-11-checkout-api-latency.md', '2025-02-11', 58, 58, 7, 4, 3],
		['2025-03-03-warehouse-sync-backlog.md', '2025-03-03', 3030, 3030, 9, 3, 3],
		['2025-04-17-image-resizer-outage.txt', '2025-04-17', 111, 111, 6, 4, 4],
		['2025-05-02-push-notification-backlog.md', '2025-05-02', 202, null, 9, 5, 3],
		['2025-06-10-object-storage-replication-lag.md', '2025-06-10', 155, 155, 7, 3, 2],
		['2025-06-24-feature-flag-service-outage.md', '2025-06-24', 74, null, 7, 5, 4],
		['2025-07-08-search-indexer-backlog.md', '2025-07-08', 145, null, 7, 4, 3],
		['2025-08-05-panne-passerelle-sms.md', '2025-08-05', 110, 110, 6, 3, 2],
		['2025-08-19-vpn-gateway-certificate-expiry.txt', '2025-08-19', 155, 155, 6, 3, 3],
	])(
		'%s: date %s, %i min (declared %p), %i rows, %i action items (%i open)',
		(file, date, duration, declared, rows, items, open) => {
			const i = note(file);
			expect([
				i.date,
				i.durationMinutes,
				i.declaredDurationMinutes,
				i.timeline.length,
				i.actionItems.length,
				i.actionItems.filter((a) => !a.done).length,
			]).toEqual([date, duration, declared, rows, items, open]);
		},
	);

	it('flags the deliberate problems: a duration that disagrees, a row out of order, broken frontmatter', () => {
		expect(note('2025-01-22-login-sso-errors.md').problems.map((p) => p.code)).toContain('duration-mismatch');
		expect(
			note('2025-06-24-feature-flag-service-outage.md').problems.find((p) => p.code === 'timeline-out-of-order')?.line,
		).toBe(45);
		expect(
			note('2025-07-08-search-indexer-backlog.md').problems.find((p) => p.code === 'frontmatter-invalid')?.level,
		).toBe('error');
	});

	it('assigns each Owner / Due Date line to the action above it', () => {
		expect(note('2025-08-19-vpn-gateway-certificate-expiry.txt').actionItems.map((a) => [a.owner, a.due])).toEqual([
			['Rania Haddad', '2025-09-05'],
			['Network Engineering', '2025-10-15'],
			['IT Operations', '2025-09-30'],
		]);
	});

	it('keeps the offset written in PagerDuty-style timestamps across midnight', () => {
		const i = note('2025-06-10-object-storage-replication-lag.md');
		expect(i.milestones.started).toBe('2025-06-10T22:40:00+02:00');
		expect(i.milestones.resolved).toBe('2025-06-11T01:15:00+02:00');
	});

	it('resolves links across folders and reports the broken ones with their kind', () => {
		const unresolved = r.incidents.flatMap((i) =>
			i.links.filter((l) => l.resolved === null).map((l) => `${l.target} (${l.kind})`),
		);
		expect(unresolved.sort()).toEqual([
			'2024-11-19-checkout-db-failover (incident)',
			'Runbooks/Feature Flag Kill Switch (runbook)',
		]);
		const sso = note('2025-01-22-login-sso-errors.md').links.find((l) => l.target === 'Rollback a Deployment');
		expect(sso && { kind: sso.kind, resolved: path.relative(VAULT, sso.resolved ?? '') }).toEqual({
			kind: 'runbook',
			resolved: 'Runbooks/Rollback a Deployment.md',
		});
	});

	it('reads the French postmortem: Durée, 14h05 rows and French milestone words', () => {
		const i = note('2025-08-05-panne-passerelle-sms.md');
		expect(i.metrics).toEqual({ ttdMinutes: 7, ttaMinutes: 8, ttmMinutes: 65, ttrMinutes: 110 });
	});
});
