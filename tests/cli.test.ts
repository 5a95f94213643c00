import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JSDOM } from 'jsdom';
import { run } from '../src/cli/main';
import { INCIDENT_FIELDS } from '../src/core/views/report';
import { TEAM_NOTE, TEAM_WORDS_JSON } from './team-words-fixture';

interface Result {
	code: number;
	stdout: string;
	stderr: string;
}

async function cli(...argv: string[]): Promise<Result> {
	let stdout = '';
	let stderr = '';
	const code = await run(
		argv,
		(s) => (stdout += s),
		(s) => (stderr += s),
	);
	return { code, stdout, stderr };
}

/** Every folder a test made, removed when the tests end: the temp folder is left as it was found. */
const made: string[] = [];
afterAll(() => {
	for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function vault(files: Record<string, string | Buffer>): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rca-cli-'));
	made.push(dir);
	for (const [name, content] of Object.entries(files)) {
		const full = path.join(dir, name);
		fs.mkdirSync(path.dirname(full), { recursive: true });
		fs.writeFileSync(full, content);
	}
	return dir;
}

const INCIDENT = `---
title: Cache stampede
date: 2025-02-10
severity: SEV-2
duration_minutes: 30
---
## Timeline
| Time | Event |
|---|---|
| 10:00 | Alert fired |
| 10:30 | Resolved |
## Action Items
- [ ] Add jitter to TTLs @kim 📅 2025-02-20
- [ ] Load test the cache @kim 📅 2030-01-01
## Related
- [[runbook-cache]]
- [[missing-postmortem]]
`;

describe('incident-rca report', () => {
	it('reads .md and .txt files recursively, skipping dot-folders, and resolves links among them', async () => {
		const dir = vault({
			'Incidents/cache.md': INCIDENT,
			'Runbooks/runbook-cache.md': '# Cache runbook\n',
			'plain.txt': 'Timeline:\n9:00 AM: a\n9:45 AM: b\n',
			'.obsidian/hidden.md': '# hidden\n',
			'image.png': 'x',
		});
		const r = await cli('report', '--json', dir);
		expect(r.code).toBe(0);
		const json = JSON.parse(r.stdout) as {
			incidents: { path: string; links: { target: string; resolved: string | null }[] }[];
			skipped: unknown[];
		};
		expect(json.incidents.map((i) => path.relative(dir, i.path)).sort()).toEqual(['Incidents/cache.md', 'plain.txt']);
		const cache = json.incidents.find((i) => i.path.endsWith('cache.md'));
		expect(cache?.links.map((l) => [l.target, l.resolved && path.relative(dir, l.resolved)])).toEqual([
			['runbook-cache', 'Runbooks/runbook-cache.md'],
			['missing-postmortem', null],
		]);
		// The runbook is a link target, not an incident.
		expect(json.skipped).toEqual([
			{
				path: path.join(dir, 'Runbooks/runbook-cache.md'),
				reason:
					'not an incident note (no incident type, tag or frontmatter key; no timeline, postmortem headings or title)',
			},
		]);
	});

	it('puts the open action items and unresolved links in the JSON too; compact on a pipe, indented with --pretty', async () => {
		const dir = vault({ 'a.md': INCIDENT });
		const compact = (await cli('report', '--json', '--today', '2025-03-01', dir)).stdout;
		const json = JSON.parse(compact) as {
			actionItems: { action: string; overdue: boolean; incident: string }[];
			unresolvedLinks: { target: string }[];
		};
		expect(json.actionItems.map((a) => [a.action, a.overdue, a.incident])).toEqual([
			['Add jitter to TTLs', true, 'Cache stampede'],
			['Load test the cache', false, 'Cache stampede'],
		]);
		expect(json.unresolvedLinks.map((l) => l.target)).toEqual(['runbook-cache', 'missing-postmortem']);
		expect(compact.split('\n')).toHaveLength(2);
		const pretty = (await cli('report', '--json', '--pretty', '--today', '2025-03-01', dir)).stdout;
		expect(pretty).toBe(JSON.stringify(JSON.parse(compact), null, 2) + '\n');
		// A terminal gets the indented form without asking.
		let tty = '';
		await run(
			['report', '--json', '--today', '2025-03-01', dir],
			(s) => (tty += s),
			() => undefined,
			{ tty: true, workerScript: null },
		);
		expect(tty).toBe(pretty);
	});

	it('streams the incidents in file order, a batch at a time, the rest after the last one', async () => {
		// 150 notes: three batches of this thread's scan. Dates run against file order, so the report's own
		// newest-first order would put them the other way round.
		const files: Record<string, string> = { 'runbook.md': '# Runbook\n' };
		for (let k = 0; k < 150; k++)
			files[`n${String(k).padStart(3, '0')}.md`] = INCIDENT.replace('Cache stampede', `Note ${k}`).replace(
				'2025-02-10',
				`2025-${String(12 - Math.floor(k / 28)).padStart(2, '0')}-${String(28 - (k % 28)).padStart(2, '0')}`,
			);
		const dir = vault(files);
		const pieces: string[] = [];
		const code = await run(
			['report', '--json', '--today', '2025-03-01', dir],
			(s) => pieces.push(s),
			() => undefined,
			{ tty: false, workerScript: null },
		);
		expect(code).toBe(0);
		const json = JSON.parse(pieces.join('')) as { incidents: { title: string }[]; skipped: { path: string }[] };
		expect(json.incidents.map((i) => i.title)).toEqual(Array.from({ length: 150 }, (_, k) => `Note ${k}`));
		expect(json.skipped.map((s) => path.basename(s.path))).toEqual(['runbook.md']);
		// The opening, one piece per batch of incidents, then the closing part: not one text built at the end.
		expect(pieces.length).toBeGreaterThanOrEqual(5);
		const closing = pieces.findIndex((p) => p.startsWith(']'));
		expect(pieces.slice(closing, closing + 2).join('')).toBe('],"actionItems":[');
		expect(closing).toBeGreaterThanOrEqual(4);
		for (const piece of pieces.slice(1, closing)) expect(piece).toContain('"title":"Note ');
	});

	it('prints an empty report as valid JSON in both forms', async () => {
		const dir = vault({ 'runbook.md': '# Runbook\n' });
		for (const flags of [[], ['--pretty']]) {
			const json = JSON.parse((await cli('report', '--json', ...flags, dir)).stdout) as {
				incidents: unknown[];
				skipped: unknown[];
			};
			expect(json.incidents).toEqual([]);
			expect(json.skipped).toHaveLength(1);
		}
	});

	it('reports a file named on the command line even when it does not look like an incident', async () => {
		const dir = vault({ 'notes.md': '# Just notes\n' });
		const json = JSON.parse((await cli('report', '--json', path.join(dir, 'notes.md'))).stdout) as {
			incidents: unknown[];
		};
		expect(json.incidents).toHaveLength(1);
	});

	it('prints the JSON shape the issue defines and nothing else on stdout', async () => {
		const dir = vault({ 'a.md': INCIDENT });
		const json = JSON.parse((await cli('report', '--json', dir)).stdout) as { incidents: Record<string, unknown>[] };
		const inc = json.incidents[0];
		for (const key of [
			'path',
			'title',
			'date',
			'severity',
			'status',
			'services',
			'timeline',
			'durationMinutes',
			'declaredDurationMinutes',
			'milestones',
			'metrics',
			'impact',
			'summary',
			'rootCause',
			'resolution',
			'actionItems',
			'links',
			'problems',
		]) {
			expect(inc).toHaveProperty(key);
		}
		expect(inc.timeline).toEqual([
			{ time: '10:00', at: '2025-02-10T10:00', text: 'Alert fired', line: 10, milestone: 'detected' },
			{ time: '10:30', at: '2025-02-10T10:30', text: 'Resolved', line: 11, milestone: 'resolved' },
		]);
		expect(inc).not.toHaveProperty('frontmatter');
	});

	it('prints the incident table, the rollup by due date with overdue marked, and unresolved links', async () => {
		const dir = vault({ 'a.md': INCIDENT, 'runbook-cache.md': '# Runbook\n' });
		const r = await cli('report', dir, '--today', '2025-03-01');
		expect(r.code).toBe(0);
		// Three warnings: no summary, root cause or resolution section.
		expect(r.stdout).toMatch(/2025-02-10\s+Cache stampede\s+SEV2\s+30m\s+2\s+3 warnings/);
		const rollup = r.stdout.slice(r.stdout.indexOf('Open action items'));
		expect(rollup.indexOf('2025-02-20 OVERDUE')).toBeGreaterThan(-1);
		expect(rollup.indexOf('2025-02-20')).toBeLessThan(rollup.indexOf('2030-01-01'));
		expect(rollup).not.toMatch(/2030-01-01 OVERDUE/);
		expect(r.stdout).toContain('[[missing-postmortem]]  (incident)');
		expect(r.stdout).not.toContain('[[runbook-cache]]');
	});

	it('lists binary, non-UTF-8 and empty files as skipped and still reports the rest', async () => {
		const dir = vault({
			'good.md': INCIDENT,
			'binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
			'latin1.txt': Buffer.from('Zusammenfassung: Störung \xfcber Nacht', 'latin1'),
			'empty.md': '',
			'blank.md': '  \n\n',
		});
		const r = await cli('report', '--json', dir);
		expect(r.code).toBe(0);
		const json = JSON.parse(r.stdout) as { incidents: unknown[]; skipped: { path: string; reason: string }[] };
		expect(json.incidents).toHaveLength(1);
		expect(json.skipped.map((s) => [path.basename(s.path), s.reason])).toEqual([
			['binary.md', 'binary file'],
			['blank.md', 'empty file'],
			['empty.md', 'empty file'],
			['latin1.txt', 'not UTF-8 text'],
		]);
		expect(r.stderr).toContain('skipped 4 files');
	});
});

describe('incident-rca lint', () => {
	it('prints file:line: level: message and exits 1 on an error', async () => {
		const dir = vault({ 'bad.md': '---\ntitle: [oops\n---\n## Timeline\n- 10:00 a\n' });
		const r = await cli('lint', dir);
		expect(r.code).toBe(1);
		expect(r.stdout).toMatch(
			new RegExp(
				`^${path.join(dir, 'bad.md').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+: error: Frontmatter is not valid YAML`,
				'm',
			),
		);
	});

	it('exits 0 when there are only warnings', async () => {
		const dir = vault({ 'ok.md': INCIDENT });
		const r = await cli('lint', dir);
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/ok\.md:\d+: warning: /);
	});
});

describe('lint for CI: formats, --max-warnings, skipped files', () => {
	const BAD = '---\ntitle: [oops\n---\n## Timeline\n- 10:00 a, "quoted" <b> & 100%\n';
	const files = (): string =>
		vault({
			'Incidents/bad.md': BAD,
			'Incidents/ok.md': INCIDENT,
			'Runbooks/restart.md': '---\ntype: runbook\n---\n# Restart the cache\n',
			'README.md': '# How we work\n\nWrite one note per incident.\n',
		});

	it('text: one line per finding, and the files that are not incidents counted in one line', async () => {
		const dir = files();
		const r = await cli('lint', dir);
		expect(r.code).toBe(1);
		expect(r.stdout).not.toContain('README');
		expect(r.stdout).not.toContain('restart');
		expect(r.stderr).toMatch(/^2 files checked, 1 error, \d+ warnings; 2 files skipped \(not incident notes\)\n$/);
	});

	it('json: the findings and the counts', async () => {
		const r = await cli('lint', '--format', 'json', files());
		const j = JSON.parse(r.stdout) as {
			checked: number;
			errors: number;
			notIncidents: number;
			findings: { file: string; line: number; level: string; code: string }[];
		};
		expect([j.checked, j.errors, j.notIncidents]).toEqual([2, 1, 2]);
		expect(j.findings.find((f) => f.level === 'error')).toMatchObject({ code: 'frontmatter-invalid', line: 3 });
		expect(j.findings.every((f) => f.file.endsWith('bad.md') || f.file.endsWith('ok.md'))).toBe(true);
	});

	it('github: workflow commands, properties and message escaped as GitHub documents', async () => {
		const dir = files();
		const r = await cli('lint', '--format=github', dir);
		const lines = r.stdout.trim().split('\n');
		const error = lines.find((l) => l.startsWith('::error '));
		expect(error).toBe(
			`::error file=${path.join(dir, 'Incidents/bad.md').replace(/:/g, '%3A')},line=3,title=incident-rca frontmatter-invalid::${
				(
					JSON.parse((await cli('lint', '--format', 'json', dir)).stdout) as {
						findings: { level: string; message: string }[];
					}
				).findings.find((f) => f.level === 'error')?.message
			}`,
		);
		expect(lines.every((l) => /^::(error|warning) file=[^,]+,line=\d+,title=incident-rca [a-z-]+::/.test(l))).toBe(
			true,
		);
		// A message with a newline or a percent sign stays one command.
		const odd = vault({ 'n.md': '---\ntitle: x\nduration_minutes: 5\n---\n## Timeline\n- 10:00 a\n- 11:00 b\n' });
		expect((await cli('lint', '--format', 'github', odd)).stdout).toMatch(/^::warning file=.*::.+$/m);
	});

	it('junit: well-formed XML, a failure per file with errors, the warnings in its output', async () => {
		const dir = files();
		// A name with every character XML must escape.
		fs.renameSync(path.join(dir, 'Incidents/bad.md'), path.join(dir, `Incidents/bad & "odd" <name>'s.md`));
		const r = await cli('lint', '--format', 'junit', dir);
		const xml = r.stdout;
		expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
		expect(xml).toMatch(/<testsuite name="incident-rca lint" tests="2" failures="1" errors="0" skipped="0">/);
		expect(xml.match(/<failure /g)).toHaveLength(1);
		expect(xml).toContain('type="frontmatter-invalid"');
		expect(xml).toContain('<system-out>');
		// Well-formed: read back by a real XML parser (jsdom's), the failure text as written.
		const { DOMParser } = new JSDOM('').window;
		const doc = new DOMParser().parseFromString(xml, 'application/xml');
		expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
		expect(doc.getElementsByTagName('failure')[0].textContent).toContain('Frontmatter is not valid YAML');
		expect(doc.getElementsByTagName('testcase')).toHaveLength(2);
		expect(doc.getElementsByTagName('testcase')[0].getAttribute('name')).toBe(
			path.join(dir, `Incidents/bad & "odd" <name>'s.md`),
		);
		const fine =
			'---\ntitle: Fine\nseverity: SEV3\n---\n## Summary\nSlow.\n## Timeline\n- 10:00 Alert fired\n- 10:20 Resolved\n' +
			'## Root cause\nA lock.\n## Resolution\nRestarted.\n## Action items\n- [ ] Add a timeout @kim 📅 2030-01-01\n';
		const clean = await cli('lint', '--format', 'junit', vault({ 'ok.md': fine }));
		expect(clean.stderr).toMatch(/^1 file checked, 0 errors, 0 warnings\n$/);
		expect(clean.stdout).toMatch(/tests="1" failures="0"/);
	});

	it('--max-warnings N: exit 1 when there are more warnings than N', async () => {
		const dir = vault({ 'ok.md': INCIDENT });
		const n = (JSON.parse((await cli('lint', '--format', 'json', dir)).stdout) as { warnings: number }).warnings;
		expect(n).toBeGreaterThan(0);
		expect((await cli('lint', '--max-warnings', String(n), dir)).code).toBe(0);
		const over = await cli('lint', '--max-warnings', String(n - 1), dir);
		expect(over.code).toBe(1);
		expect(over.stderr).toContain(`(more than --max-warnings ${n - 1})`);
		expect((await cli('lint', '--max-warnings', '-1', dir)).code).toBe(2);
	});
});

describe('lint rules in .incident-rca.json', () => {
	const note = (sev: string, extra = ''): string =>
		`---\ntitle: ${sev} outage\nseverity: ${sev}\n---\n## Summary\nDown.\n## Timeline\n- 10:00 Alert fired\n- 10:30 Resolved\n${extra}`;
	const lintJson = async (dir: string, ...argv: string[]) => {
		const r = await cli('lint', '--format', 'json', ...argv, dir);
		return {
			code: r.code,
			stderr: r.stderr,
			findings: (
				JSON.parse(r.stdout || '{"findings":[]}') as {
					findings: { file: string; level: string; code: string; message: string }[];
				}
			).findings.map((f) => `${path.basename(f.file)} ${f.level} ${f.code}: ${f.message}`),
		};
	};

	it('"every SEV1/SEV2 has a root cause and an action item with an owner", levels, sections and ignore', async () => {
		const dir = vault({
			'.incident-rca.json': JSON.stringify({
				rules: { 'action-item-no-due': 'off', 'duration-mismatch': 'error' },
				requiredSections: ['summary', 'timeline'],
				require: [{ severity: ['SEV1', 'sev-2'], sections: ['rootCause'], ownedActionItems: 1 }],
				ignore: ['templates/**', '**/draft-*.md'],
			}),
			'sev1.md': note('SEV1', '## Action items\n- [ ] Add an alert\n'),
			'sev2-ok.md': note('SEV2', '## Root cause\nA bad deploy.\n## Action items\n- [ ] Add a canary @kim\n'),
			'sev3.md': note('SEV3').replace('severity: SEV3', 'severity: SEV3\nduration_minutes: 45'),
			'templates/rca.md': note('SEV1'),
			'notes/draft-x.md': note('SEV1'),
		});
		const r = await lintJson(dir);
		expect(r.findings).toEqual([
			'sev1.md warning action-item-no-owner: Action item has no owner: Add an alert',
			'sev1.md error requirement: No root cause section: the team requires one for SEV1 and sev-2 incidents',
			'sev1.md error requirement: 0 action items with an owner: the team requires 1 for SEV1 and sev-2 incidents',
			expect.stringMatching(/^sev3\.md error duration-mismatch: /),
		]);
		expect(r.code).toBe(1);
		// The requirement's own level can be set too.
		const soft = vault({
			'.incident-rca.json': JSON.stringify({
				rules: { requirement: 'warning' },
				require: [{ sections: ['lessonsLearned'] }],
			}),
			'a.md': note('SEV3'),
		});
		const s2 = await lintJson(soft);
		expect(s2.findings).toContain(
			'a.md warning requirement: No lessons learned section: the team requires one for every incident',
		);
		expect(s2.code).toBe(0);
	});

	it('the level of "skipped" applies to files that could not be read', async () => {
		const files = (level: string): string =>
			vault({
				'.incident-rca.json': JSON.stringify({ rules: { skipped: level } }),
				'a.md': note('SEV3', '## Root cause\nX.\n## Resolution\nY.\n## Action items\n- [ ] Z @kim 📅 2030-01-01\n'),
				'logo.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]),
			});
		const off = await lintJson(files('off'));
		expect([off.code, off.findings]).toEqual([0, []]);
		const error = await lintJson(files('error'));
		expect(error.code).toBe(1);
		expect(error.findings).toEqual([expect.stringMatching(/^logo\.md error skipped: skipped: /)]);
	});

	it('a bad rule is exit 2 with one line naming each mistake', async () => {
		const dir = vault({
			'.incident-rca.json': JSON.stringify({
				rules: { 'missing-secton': 'off', 'empty-note': 'loud' },
				requiredSections: ['summary', 'rca'],
				require: [{ severity: 'SEV1', owners: 1 }],
				ignore: 'templates',
			}),
			'a.md': note('SEV1'),
		});
		const r = await cli('lint', dir);
		expect(r.code).toBe(2);
		expect(r.stderr.split('\n')).toHaveLength(2);
		for (const part of [
			'rules.missing-secton: not a problem code',
			'rules.empty-note: "loud" is not a level (off, warning or error)',
			'requiredSections: "rca" is not a section',
			'require[0].owners: not a key',
			'require[0].severity: a list of strings',
			'ignore: a list of strings',
		])
			expect(r.stderr).toContain(part);
	});
});

describe('report --json --fields', () => {
	it('index: every field but the timeline rows and section texts; or just the fields named, in their order', async () => {
		const dir = vault({ 'a.md': INCIDENT });
		const keys = async (...argv: string[]): Promise<string[]> =>
			Object.keys(
				(JSON.parse((await cli('report', '--json', ...argv, dir)).stdout) as { incidents: object[] }).incidents[0],
			);
		const all = await keys();
		expect(all).toEqual([...INCIDENT_FIELDS]);
		const lean = await keys('--fields', 'index');
		expect(lean).toEqual(
			all.filter(
				(k) => !['timeline', 'milestones', 'summary', 'rootCause', 'resolution', 'lessonsLearned'].includes(k),
			),
		);
		expect(await keys('--fields=title,path, severity')).toEqual(['path', 'title', 'severity']);
		const bad = await cli('report', '--json', '--fields', 'path,colour', dir);
		expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([2, expect.stringContaining('got colour')]);
		expect((await cli('report', '--fields', 'index', dir)).stderr).toContain('--fields goes with --json');
	});
});

describe('the standard interface', () => {
	it('help, --help and -h print the usage on stdout and exit 0; --version prints the version', async () => {
		for (const argv of [['help'], ['--help'], ['-h'], ['lint', '--help']]) {
			const r = await cli(...argv);
			expect([argv, r.code, r.stderr]).toEqual([argv, 0, '']);
			expect(r.stdout).toContain('incident-rca lint');
		}
		const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
		for (const flag of ['--version', '-V']) expect((await cli(flag)).stdout).toBe(`${pkg.version}\n`);
	});

	it('a value that is not valid, or an option of another command, is one line and exit 2', async () => {
		const cases: [string[], string][] = [
			[['report', '--today', '2025-13-45', '.'], '--today wants a date as YYYY-MM-DD, got 2025-13-45'],
			[['report', '--today', '2025-02-30', '.'], '--today wants a date as YYYY-MM-DD, got 2025-02-30'],
			[['report', '--jobs', '0', '.'], '--jobs wants a whole number of at least 1, got 0'],
			[['lint', '--json', '.'], 'lint prints JSON with --format json'],
			[['lint', '--format', 'xml', '.'], '--format wants one of text, json, github, junit, got xml'],
			[['report', '--format', 'json', '.'], '--format is not an option of report'],
			[['report', '--pretty', '.'], '--pretty goes with --json'],
			[['report', '--today'], '--today wants a value'],
			[['report', '--stats=yes', '.'], '--stats takes no value'],
			[['frobnicate'], 'unknown command: frobnicate'],
		];
		for (const [argv, message] of cases) {
			const r = await cli(...argv);
			expect([argv, r.code, r.stderr.split('\n')[0]]).toEqual([argv, 2, `incident-rca: ${message}`]);
			expect(r.stdout).toBe('');
		}
		expect((await cli('report', '--today', '2024-02-29', '--json', vault({ 'a.md': INCIDENT }))).code).toBe(0);
	});
});

describe('bad invocations', () => {
	it('exits 2 with one clear line for a missing path', async () => {
		const r = await cli('report', '/no/such/folder');
		expect(r.code).toBe(2);
		expect(r.stderr).toBe('incident-rca: no such file or folder: /no/such/folder\n');
		expect(r.stdout).toBe('');
	});

	it('exits 2 for an unknown command or option, and 0 for --help', async () => {
		expect((await cli('frobnicate', '.')).code).toBe(2);
		expect((await cli('report', '--nope', '.')).code).toBe(2);
		expect((await cli('report')).code).toBe(2);
		expect((await cli('report', '--jobs', '0', '.')).code).toBe(2);
		expect((await cli('report', '--jobs', 'many', '.')).stderr).toContain('--jobs wants a whole number');
		const help = await cli('--help');
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('incident-rca report');
	});
});

describe('the team’s words: --config and .incident-rca.json', () => {
	const config = JSON.stringify(TEAM_WORDS_JSON);
	const read = async (...argv: string[]): Promise<Record<string, unknown>> => {
		const r = await cli('report', '--json', ...argv);
		expect(r.code).toBe(0);
		return (JSON.parse(r.stdout) as { incidents: Record<string, unknown>[] }).incidents[0];
	};

	it('reads the nearest .incident-rca.json above the notes', async () => {
		const dir = vault({ '.incident-rca.json': config, 'team/2025/note.md': TEAM_NOTE });
		const i = await read(path.join(dir, 'team/2025/note.md'));
		expect(i.severity).toBe('SEV2');
		expect((i.timeline as unknown[]).length).toBe(3);
		expect(i.durationMinutes).toBe(38);
		expect(i.actionItems).toEqual([expect.objectContaining({ owner: 'mei.lin', due: '2025-04-01' })]);
	});

	it('reads --config FILE instead, and the built-in words alone without one', async () => {
		const words = vault({ 'words.json': config });
		const notes = vault({ 'note.md': TEAM_NOTE });
		expect((await read(path.join(notes, 'note.md'))).severity).toBeNull();
		const i = await read('--config', path.join(words, 'words.json'), path.join(notes, 'note.md'));
		expect(i.severity).toBe('SEV2');
		const eq = await read(`--config=${path.join(words, 'words.json')}`, path.join(notes, 'note.md'));
		expect(eq).toEqual(i);
	});

	it('lint and explain read with the same words', async () => {
		const dir = vault({ '.incident-rca.json': config, 'note.md': TEAM_NOTE });
		const lint = await cli('lint', dir);
		// With the words, the timeline and action items are there: only the three prose sections are missing.
		expect(lint.stdout).not.toContain('No timeline section');
		expect(lint.stdout).not.toContain('No action items section');
		expect(lint.stdout).toContain('No root cause section');
		const explain = await cli('explain', path.join(dir, 'note.md'));
		expect(explain.stdout).toMatch(/Pager ging los/);
		expect(explain.stdout).toContain('severity: SEV2');
		expect(explain.stdout).toContain('duration: 38m');
	});

	it('stops with exit 2 and one line naming each mistake of a bad config', async () => {
		const dir = vault({
			'.incident-rca.json': JSON.stringify({ sections: { timline: ['Chronik'] }, colour: 'blue' }),
			'note.md': TEAM_NOTE,
		});
		const r = await cli('report', dir);
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(r.stderr).toContain('sections.timline: not a kind');
		expect(r.stderr).toContain('"colour" is not a setting');
		const broken = vault({ 'w.json': '{ "sections": ' });
		const b = await cli('report', '--config', path.join(broken, 'w.json'), dir);
		expect(b.code).toBe(2);
		expect(b.stderr).toMatch(/w\.json: not valid JSON/);
		const missing = await cli('report', '--config', path.join(broken, 'nope.json'), dir);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toMatch(/nope\.json: cannot be read \(ENOENT\)/);
	});
});
