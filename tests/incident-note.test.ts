/**
 * @jest-environment jsdom
 *
 * One rule for "is this note an incident": the core's isIncidentNote, fed by the plugin from Obsidian's metadata
 * cache and by the CLI from the note's text. The agreement test puts the same notes before both, end to end: the
 * plugin's isRcaNote on the in-memory vault, and the CLI's folder report.
 */
import * as fs from 'node:fs';
import { TEST_MANIFEST } from './helpers';
import * as os from 'node:os';
import * as path from 'node:path';
import type { App, TFile } from 'obsidian';
import { run } from '../src/cli/main';
import { DEFAULT_DETECTION, isIncidentNote, noteFacts, type DetectionRules, type NoteFacts } from '../src/core';
import IncidentRcaPlugin from '../src/main';
import type { VaultIndexer } from '../src/plugin/indexer';
import { isRcaNote } from '../src/plugin/notes';
import { DEFAULT_SETTINGS } from '../src/plugin/settings';
import { createApp } from './stubs/obsidian';

interface Over {
	path?: string;
	frontmatter?: Record<string, unknown>;
	tags?: string[];
	headings?: string[];
}
const MANIFEST = TEST_MANIFEST;

const facts = (o: Over): NoteFacts =>
	noteFacts(o.path ?? 'Notes/a note.md', o.frontmatter ?? {}, o.tags ?? [], o.headings ?? []);

describe('isIncidentNote: each way a note is recognised', () => {
	const rules: DetectionRules = {
		folder: 'Incidents',
		incidentTags: ['rca', 'incident'],
		content: true,
		templatePath: 'T/RCA.md',
	};
	it.each<[string, Over, boolean]>([
		['type says incident', { frontmatter: { type: 'postmortem' } }, true],
		[
			'kind says runbook, even in the incidents folder',
			{ path: 'Incidents/x.md', frontmatter: { kind: 'runbook' } },
			false,
		],
		['the template itself', { path: 'T/RCA.md', headings: ['Timeline'] }, false],
		['in the incidents folder', { path: 'Incidents/2025/x.md' }, true],
		['a folder with the same prefix is not it', { path: 'Incidents-old/x.md' }, false],
		['a listed tag', { tags: ['#rca'] }, true],
		['a nested listed tag', { tags: ['incident/2025'] }, true],
		['a severity tag', { tags: ['sev2'] }, true],
		['a runbook tag says no to content', { tags: ['runbook'], headings: ['Timeline'] }, false],
		['an incident-only key', { frontmatter: { Incident_ID: 'INC-1' } }, true],
		['a generic key is not enough', { frontmatter: { priority: 'high', status: 'open' } }, false],
		['a timeline heading', { headings: ['Timeline (UTC)'] }, true],
		['a "Sequence of events" heading', { headings: ['Sequence of events'] }, true],
		['two postmortem headings', { headings: ['Root cause', 'Impact'] }, true],
		['one postmortem heading', { headings: ['Impact'] }, false],
		['an incident name with a write-up heading', { path: 'Notes/Plex outage.md', headings: ['Summary'] }, true],
		['an incident name alone', { path: 'Notes/Plex outage.md' }, false],
		['an incident first heading with action items', { headings: ['Postmortem: DNS', 'Action items'] }, true],
		['a runbook name with incident headings', { path: 'Notes/DB failover runbook.md', headings: ['Timeline'] }, false],
		['meeting notes', { headings: ['Summary', 'Action items'] }, false],
		['a title that names an outage', { headings: ['Validation outage (DNS timeouts): March 28'] }, true],
		[
			'a frontmatter title that says postmortem',
			{ frontmatter: { title: 'Postmortem report for the sidechain' } },
			true,
		],
		['a Japanese outage title', { headings: ['v3.2.0リリースで発生した障害について'] }, true],
		['a service disruption title', { headings: ['Elevated SSL Issuance Disruption'] }, true],
		['a problem on a date', { headings: ['Scheduling delays on March 13, 2025'] }, true],
		['a problem on a short date', { headings: ['Checkout errors 7-14-23'] }, true],
		['a problem without a date', { headings: ['Slow queries to look at'] }, false],
		['a dated note that names no problem', { headings: ['Team offsite on March 13, 2025'] }, false],
		['a document about incidents', { headings: ['Incident response process'] }, false],
		['a note that says it is not one', { headings: ['Not an incident'] }, false],
	])('%s', (_name, over, expected) => {
		expect(isIncidentNote(facts(over), rules)).toBe(expected);
	});
	it('turns each rule off', () => {
		const off: DetectionRules = { folder: '', incidentTags: null, content: false, templatePath: '' };
		expect(isIncidentNote(facts({ path: 'Incidents/x.md' }), off)).toBe(false);
		expect(isIncidentNote(facts({ tags: ['rca'] }), off)).toBe(false);
		expect(isIncidentNote(facts({ headings: ['Timeline'] }), off)).toBe(false);
		expect(isIncidentNote(facts({ frontmatter: { type: 'incident' } }), off)).toBe(true);
	});
});

/** The notes both must judge alike: the project's fixtures and example vault, the shared seeds and corpus. */
function collectNotes(): Map<string, string> {
	const notes = new Map<string, string>();
	const add = (dir: string, prefix: string): void => {
		if (!fs.existsSync(dir)) return;
		for (const name of fs.readdirSync(dir).sort()) {
			const p = path.join(dir, name);
			if (fs.statSync(p).isDirectory()) add(p, `${prefix}${name}-`);
			else if (name.endsWith('.md')) notes.set(`${prefix}${name}`, fs.readFileSync(p, 'utf8'));
		}
	};
	add(path.join(__dirname, 'fixtures'), 'fixture-');
	add(path.join(__dirname, '..', 'examples', 'vault'), 'example-');
	add(path.join(__dirname, '..', '..', 'shared', 'seeds'), 'seed-');
	add(path.join(__dirname, '..', '..', 'shared', 'corpus', 'docs'), 'corpus-');
	// The drift issue 16 found, and its neighbours.
	notes.set('drift-sequence.md', '# DNS\n\n## Sequence of events\n\n- 10:00 alert\n- 10:30 fixed\n');
	notes.set('drift-timeline.md', '# DNS\n\n## Timeline\n\n- 10:00 alert\n- 10:30 fixed\n');
	notes.set('untimed-meeting.md', '# Weekly sync\n\n## Summary\n\nAll good.\n\n## Action items\n\n- [ ] Book room\n');
	notes.set('tagged.md', '# Thing\n\nSome text #postmortem\n');
	notes.set('runbook-tagged.md', '---\ntags: [runbook]\n---\n# Failover\n\n## Timeline\n\n- 10:00 a\n');
	notes.set('severity-key.md', '---\nseverity: SEV2\n---\n# Something\n');
	// Labels, not Markdown headings: only the note's text shows them (the Google SRE layout).
	notes.set('label-timeline.md', 'Issue Summary:\nDuration: 2 hours\n\nTimeline:\n9:00 AM: alert\n9:30 AM: fixed\n');
	return notes;
}

describe('the plugin and the CLI agree on which notes are incidents', () => {
	const notes = collectNotes();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rca-agree-'));
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it(`on ${notes.size} notes`, async () => {
		// Outside the plugin's incidents folder, so both decide by type, tags and content alone.
		const files: Record<string, string> = {};
		for (const [name, text] of notes) files[`Notes/${name}`] = text;
		const app = createApp(files) as unknown as App;
		const loaded = new IncidentRcaPlugin(app, MANIFEST);
		loaded.load();
		for (let i = 0; i < 200 && !(loaded.indexer as VaultIndexer | undefined)?.ready; i++)
			await new Promise((r) => setTimeout(r, 0));
		expect(loaded.indexer.ready).toBe(true);
		const fileOf = (name: string): TFile => app.vault.getFileByPath(`Notes/${name}`) as TFile;
		// The plugin's answer after it has read the notes: the commands' check and the index say the same.
		const plugin = new Set([...notes.keys()].filter((name) => loaded.indexer.isIncident(fileOf(name))));
		expect([...notes.keys()].filter((n) => plugin.has(n) !== loaded.indexer.index.has(`Notes/${n}`))).toEqual([]);
		// Before reading a note, the plugin judges by the metadata cache's Markdown headings: never a yes the text denies.
		const early = [...notes.keys()].filter((n) => isRcaNote(app, fileOf(n), DEFAULT_SETTINGS));
		expect(early.filter((n) => !plugin.has(n))).toEqual([]);
		loaded.unload();

		for (const [name, text] of notes) fs.writeFileSync(path.join(dir, name), text);
		let out = '';
		const code = await run(
			['report', '--json', '--jobs', '1', dir],
			(s) => (out += s),
			() => undefined,
		);
		expect(code).toBe(0);
		const cli = new Set(
			(JSON.parse(out) as { incidents: { path: string }[] }).incidents.map((i) => path.basename(i.path)),
		);

		const disagree = [...notes.keys()].filter((n) => plugin.has(n) !== cli.has(n));
		expect(disagree).toEqual([]);
		// The agreement is not empty on either side: both say yes and no.
		expect(plugin.has('drift-sequence.md')).toBe(true);
		expect(plugin.has('label-timeline.md')).toBe(true);
		expect(plugin.has('untimed-meeting.md')).toBe(false);
		expect(plugin.has('runbook-tagged.md')).toBe(false);
		expect(cli.size).toBeGreaterThan(5);
		expect(cli.size).toBeLessThan(notes.size);
	});
	it('the CLI uses the plugin’s default tags', () => {
		expect(DEFAULT_DETECTION.incidentTags).toEqual(DEFAULT_SETTINGS.incidentTags);
	});
});
