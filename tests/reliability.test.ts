/**
 * @jest-environment jsdom
 *
 * A postmortem is never damaged: one test per way a note was found to be lost, hung or crashed (each failed before
 * its fix). A closed pipe and --jobs are in cli-threads.test.ts (the built CLI as a process). The generated-note proofs of the writers are in write-oracles.test.ts, the linear-time check of every
 * parser entry in scripts/linear-check.ts (CI), the patterns' check in scripts/check-regex.mjs (CI).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import yaml from 'js-yaml';
import type { App, TFile } from 'obsidian';
import { run } from '../src/cli/main';
import { collectFiles, type FileSystem } from '../src/cli/files';
import { parseIncident, type Incident } from '../src/core';
import { convertToRca, originalFromCallout } from '../src/core/write/convert';
import { buildDashboard, EMPTY_FILTERS, rowsToMarkdown, type DashboardRow } from '../src/core/views/dashboard';
import { printable } from '../src/core/text/escape';
import { setFrontmatterFields } from '../src/core/write/frontmatter-edit';
import { readIndexCache, writeIndexCache } from '../src/core/index/index-cache';
import { insertRelatedLink } from '../src/core/write/related-link';
import { buildReport, renderReportText } from '../src/core/views/report';
import { lintResult, renderLintOutput } from '../src/core/views/lint-output';
import { buildRollup, rollupEntries } from '../src/core/views/rollup';
import { fileNameFromPattern, pathForMissingLink, safeFileName } from '../src/core/write/template';
import IncidentRcaPlugin from '../src/main';
import { VaultIndexer } from '../src/plugin/indexer';
import { isRcaNote } from '../src/plugin/notes';
import { DEFAULT_SETTINGS } from '../src/plugin/settings';
import { updateDuration } from '../src/plugin/update-duration';
import { convertNote } from '../src/plugin/convert-note';
import { createApp, notices } from './stubs/obsidian';
import { parseYaml, TEST_MANIFEST } from './helpers';

const manifest = TEST_MANIFEST;

function stubApp(files: Record<string, string>): App {
	return createApp(files) as unknown as App;
}

function file(app: App, p: string): TFile {
	const f = app.vault.getFileByPath(p);
	if (!f) throw new Error(`no file ${p}`);
	return f;
}

async function settle(): Promise<void> {
	for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
}

/** The frontmatter block's values (js-yaml), or throws. */
function fmOf(text: string): Record<string, unknown> {
	const lines = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/);
	const close = lines.findIndex((l, k) => k > 0 && l === '---');
	return (yaml.load(lines.slice(1, close).join('\n')) as Record<string, unknown>) ?? {};
}

describe('4. updating the duration never breaks the YAML', () => {
	const cases: [string, string][] = [
		['an anchored value used elsewhere', '---\nduration_minutes: &d 30 # a guess\nestimate: *d\n---\n'],
		['a quoted key', '---\n"duration_minutes": 30 # a guess\n---\n'],
		['a flow mapping', '---\n{duration_minutes: 30, title: x} # inline\n---\n'],
		['a key holding a nested map', '---\n# comment\nduration_minutes:\n  value: 40\n---\n'],
		['a folded block scalar', '---\n# comment\nduration_minutes: >\n  about 40 minutes\n---\n'],
		['a literal block scalar', '---\n# comment\nduration_minutes: |\n  40\n---\n'],
		['a list', '---\n# comment\nduration_minutes:\n  - 40\n---\n'],
		['a list at the key’s own indentation', '---\n# comment\nduration_minutes:\n- 40\n---\n'],
	];
	it.each(cases)('%s: refused in place, saying why', (_name, fm) => {
		const text = `${fm}## Timeline\n- 10:00 a\n- 10:45 b\n`;
		const r = setFrontmatterFields(text, { duration_minutes: 45 }, parseYaml);
		expect(r.ok ? 'written' : r.reason).toMatch(
			/does not hold a plain one-line value|is written as a quoted key|is not written as its own line/,
		);
	});

	it('edits a plain one-line value in place, its comment and every other line kept', () => {
		const text = '---\n# owned by the SRE team\nduration_minutes: 30 # a guess\nestimate: 40\n---\nbody\n';
		const r = setFrontmatterFields(text, { duration_minutes: 45 }, parseYaml);
		expect(r).toEqual({
			ok: true,
			changed: true,
			text: '---\n# owned by the SRE team\nduration_minutes: 45 # a guess\nestimate: 40\n---\nbody\n',
		});
		// The template's empty value, and a byte-order mark before the block.
		const empty = '\ufeff---\nduration_minutes:\n# why: n/a\n---\n';
		expect(setFrontmatterFields(empty, { duration_minutes: 45 }, parseYaml)).toMatchObject({
			ok: true,
			text: '\ufeff---\nduration_minutes: 45\n# why: n/a\n---\n',
		});
	});

	it('through the command: with comments, refused with a notice; without, processFrontMatter; either way valid YAML', async () => {
		const timeline = '## Timeline\n- 10:00 alert fired\n- 10:45 resolved\n';
		const commented = `---\nduration_minutes: &d 30 # guess\nestimate: *d\n---\n${timeline}`;
		const plain = `---\nduration_minutes: &d 30\nestimate: *d\n---\n${timeline}`;
		const app = stubApp({ 'Incidents/a.md': commented, 'Incidents/b.md': plain });
		const a = await updateDuration(app, DEFAULT_SETTINGS, file(app, 'Incidents/a.md'));
		expect(a.written).toBe(false);
		expect(notices.at(-1)).toMatch(/^Not updated: duration_minutes does not hold a plain one-line value/);
		expect(await app.vault.read(file(app, 'Incidents/a.md'))).toBe(commented);
		const b = await updateDuration(app, DEFAULT_SETTINGS, file(app, 'Incidents/b.md'));
		expect(b.written).toBe(true);
		const out = await app.vault.read(file(app, 'Incidents/b.md'));
		expect(fmOf(out)).toMatchObject({ duration_minutes: 45, estimate: 30 });
		expect(out.endsWith(timeline)).toBe(true);
	});
});

describe('5. a related link goes into the body only', () => {
	const r = (text: string): string => {
		const w = insertRelatedLink(text, '[[2025-02-01-other]]');
		return w.ok ? w.text : `REFUSED: ${w.reason}`;
	};
	it('not into the frontmatter when a YAML comment says "# related incidents"', () => {
		expect(r('---\n# related incidents\ntitle: x\n---\nbody\n')).toBe(
			'---\n# related incidents\ntitle: x\n---\nbody\n\n## Related Incidents\n\n- [[2025-02-01-other]]\n',
		);
	});
	it('not into a code fence or an HTML comment that holds the heading', () => {
		expect(r('```\n## Related incidents\n- [[x]]\n```\n')).toBe(
			'```\n## Related incidents\n- [[x]]\n```\n\n## Related Incidents\n\n- [[2025-02-01-other]]\n',
		);
		expect(r('<!--\n## Related incidents\n- [[x]]\n-->\n')).toBe(
			'<!--\n## Related incidents\n- [[x]]\n-->\n\n## Related Incidents\n\n- [[2025-02-01-other]]\n',
		);
	});
	it('after the list of the real section (its own marker), past a sub-bullet; not twice; refused inside an open fence', () => {
		expect(r('## See also\n* [[a]]\n  * why\n\n## Notes\n')).toBe(
			'## See also\n* [[a]]\n  * why\n* [[2025-02-01-other]]\n\n## Notes\n',
		);
		expect(r('## Related incidents\n- [[2025-02-01-other]]\n')).toBe('## Related incidents\n- [[2025-02-01-other]]\n');
		expect(r('```\nunclosed\n')).toMatch(/^REFUSED: the note ends inside a code block/);
	});
});

describe('6. convert keeps the original byte for byte', () => {
	const stringifyYaml = (d: unknown): string => yaml.dump(d, { lineWidth: -1 });
	it('a byte-order mark, trailing blank lines, mixed and lone-CR line endings', () => {
		const text = '\ufeff# Title\r\nline two\nline three\r\r\n\n\n';
		const out = convertToRca(parseIncident(text, { parseYaml }), text, { stringifyYaml });
		expect(originalFromCallout(out)).toBe(text);
		expect(out.startsWith('\ufeff---')).toBe(true);
	});
	it('a frontmatter title holding line breaks and markup becomes one plain heading', () => {
		const text = '---\ntitle: "A\\n## Injected\\r# Also #incident [[x]]"\n---\nbody\n';
		const out = convertToRca(parseIncident(text, { parseYaml }), text, { stringifyYaml });
		const before = out.slice(0, out.indexOf('> [!note]'));
		expect(before.split('\n').filter((l) => /^#{1,6} /.test(l))).toEqual([
			'# A \\#\\# Injected \\# Also \\#incident \\[\\[x\\]\\]',
			'## Summary',
			'## Timeline',
			'## Root Cause',
			'## Impact',
			'## Resolution',
			'## Lessons Learned',
			'## Action Items',
			'## Related Incidents',
		]);
		expect(parseIncident(out, { parseYaml }).title).toBe('A\n## Injected\r# Also #incident [[x]]');
	});
});

describe('7. a failed write says what was not saved and leaves no unhandled rejection', () => {
	it('update duration and convert report the failure in a notice', async () => {
		const app = stubApp({ 'Incidents/a.md': '---\nseverity: SEV2\n---\n# A\n## Timeline\n- 10:00 x\n- 10:30 y\n' });
		const fail = (): Promise<never> => Promise.reject(new Error('disk full'));
		app.vault.process = fail;
		app.fileManager.processFrontMatter = fail;
		await expect(updateDuration(app, DEFAULT_SETTINGS, file(app, 'Incidents/a.md'))).resolves.toMatchObject({
			written: false,
		});
		expect(notices.at(-1)).toMatch(/duration of a was not updated: the note was not saved \(disk full\)/);
		await expect(convertNote(app, file(app, 'Incidents/a.md'))).resolves.toBe(false);
		expect(notices.at(-1)).toMatch(/a was not converted: the note was not saved \(disk full\)/);
	});
});

describe('9. no spread over data: big notes parse and report', () => {
	it('150,000 timeline rows and 150,000 open items', () => {
		const rows = Array.from(
			{ length: 150_000 },
			(_, k) => `- ${String(Math.floor(k / 60) % 24).padStart(2, '0')}:${String(k % 60).padStart(2, '0')} row ${k}`,
		);
		const items = Array.from({ length: 150_000 }, (_, k) => `- [ ] task ${k}`);
		const text = `## Timeline\n${rows.join('\n')}\n## Action items\n${items.join('\n')}\n`;
		const i = parseIncident(text, { path: 'big.md' });
		expect(i.timeline.length).toBe(150_000);
		expect(i.actionItems.length).toBe(150_000);
		const report = buildReport([i], [], '2025-01-01');
		expect(renderReportText(report).length).toBeGreaterThan(1000);
		const lint = lintResult(report, () => false);
		expect(lint.findings.length).toBeGreaterThan(150_000);
		for (const format of ['text', 'json', 'github', 'junit'] as const)
			expect(renderLintOutput(lint, format).length).toBeGreaterThan(150_000);
	});
});

describe('10. one note that cannot be read does not stop the index', () => {
	it('the others are indexed, the failure is counted and shown', async () => {
		const app = stubApp({
			'Incidents/a.md': '# A\n## Timeline\n- 10:00 x\n',
			'Incidents/b.md': '# B\n## Timeline\n- 11:00 y\n',
			'Incidents/c.md': '# C\n',
		});
		const read = app.vault.cachedRead.bind(app.vault);
		app.vault.cachedRead = (f: TFile): Promise<string> =>
			f.path === 'Incidents/b.md' ? Promise.reject(new Error('ENOENT: deleted by sync')) : read(f);
		const indexer = new VaultIndexer(app, () => DEFAULT_SETTINGS);
		await indexer.fullScan();
		expect(indexer.ready).toBe(true);
		expect(indexer.index.paths().sort()).toEqual(['Incidents/a.md', 'Incidents/c.md']);
		expect([...indexer.unreadable]).toEqual([['Incidents/b.md', 'ENOENT: deleted by sync']]);
		expect(notices.at(-1)).toMatch(/1 note could not be read/);
		// A change to another note while one keeps failing: still indexed one by one.
		indexer.queue('Incidents/b.md');
		indexer.queue('Incidents/a.md');
		await indexer.flush();
		expect(indexer.index.has('Incidents/a.md')).toBe(true);
		expect(indexer.unreadable.has('Incidents/b.md')).toBe(true);
	});

	it('the dashboard says how many notes could not be read', async () => {
		const app = stubApp({
			'Incidents/a.md': '---\nseverity: SEV2\n---\n# A\n## Timeline\n- 10:00 x\n',
			'Incidents/b.md': '# B\n',
		});
		const read = app.vault.cachedRead.bind(app.vault);
		app.vault.cachedRead = (f: TFile): Promise<string> =>
			f.path === 'Incidents/b.md' ? Promise.reject(new Error('EIO')) : read(f);
		const plugin = new IncidentRcaPlugin(app, manifest);
		await plugin.onload();
		await settle();
		const leaf = await plugin.openDashboard();
		await settle();
		const root = (leaf.view as unknown as { contentEl: HTMLElement }).contentEl;
		expect(root.textContent).toContain('1 note could not be read');
		plugin.unload();
	});
});

describe('11. the index cache is checked for formats, and date loops are bounded', () => {
	const base = parseIncident(
		'---\ndate: 2025-01-10\nseverity: SEV2\n---\n# A\n## Action items\n- [ ] x @a 📅 2025-02-01\n',
		{ path: 'a.md', parseYaml },
	);
	it('a line with a month 13 or a malformed due date is dropped, the rest read', () => {
		const text = writeIndexCache('k', [
			['a.md', { mtime: 1, size: 1 }, base],
			['b.md', { mtime: 1, size: 1 }, { ...base, path: 'b.md' }],
			['c.md', { mtime: 1, size: 1 }, { ...base, path: 'c.md' }],
		]);
		// One note per line after the header: a.md gets a month 13, c.md a due date that is not one.
		const lines = text.split('\n');
		lines[1] = lines[1].replace('"2025-01-10"', '"2025-13-01"');
		lines[3] = lines[3].replace('"2025-02-01"', '"20x5-02-01"');
		const read = readIndexCache(lines.join('\n'), 'k');
		expect([...(read?.keys() ?? [])]).toEqual(['b.md']);
	});
	it('an index with a month that is not real still builds a dashboard and a rollup', () => {
		const bad: Incident = { ...base, date: '2025-13-01', actionItems: [{ ...base.actionItems[0], due: '2025-99-99' }] };
		const model = buildDashboard(
			[bad, { ...base, path: 'b.md' }],
			EMPTY_FILTERS,
			{ column: 'date', descending: true },
			{ definition: 'first-last', relatedWindowDays: 30, today: '2026-01-01' },
		);
		expect(model.months.length).toBeLessThan(100);
		const rollup = buildRollup(rollupEntries([bad], '2026-01-01'), 'all', 'week', '');
		expect(rollup.groups.map((g) => g.label)).toEqual(['No due date']);
	});
});

describe('13. CLI output cannot be turned against the user', () => {
	function vault(files: Record<string, string>): string {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rca-hostile-'));
		for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
		return dir;
	}
	const ESC = '\u001b';
	const hostile = `# Title ${ESC}]0;pwned${ESC}\\ ${ESC}[2J${ESC}[8mhidden${ESC}]52;c;ZWNobyBoaQ==${ESC}\\\n## Timeline\n- 10:00 a ${ESC}[31mred\u202etxt.exe\n- 10:30 b\n## Action items\n- [ ] fix \u009b31m @sam\n`;
	it('no escape sequence, C1 control or direction override reaches the text report or lint; JSON stays exact', async () => {
		const dir = vault({ 'note.md': hostile, 'line\nbreak.md': '# x\n## Timeline\n- 10:00 a\n' });
		try {
			for (const args of [
				['report', dir],
				['lint', dir],
			]) {
				let out = '';
				let err = '';
				await run(
					args,
					(s) => (out += s),
					(s) => (err += s),
				);
				// Nothing a terminal acts on: no control character but the line breaks, no C1 control, no direction override.
				const acted = [...(out + err)].filter((c) => {
					const k = c.charCodeAt(0);
					return (
						(k < 0x20 && k !== 10) ||
						(k >= 0x7f && k <= 0x9f) ||
						(k >= 0x202a && k <= 0x202e) ||
						(k >= 0x2066 && k <= 0x2069)
					);
				});
				expect(acted).toEqual([]);
			}
			let lint = '';
			await run(
				['lint', dir],
				(s) => (lint += s),
				() => undefined,
			);
			// The file name's line break is shown, not obeyed: every lint line starts with the folder.
			for (const line of lint.trimEnd().split('\n')) expect(line.startsWith(dir)).toBe(true);
			let json = '';
			await run(
				['report', '--json', dir],
				(s) => (json += s),
				() => undefined,
			);
			expect(json).not.toMatch(/[\u007f-\u009f\u202a-\u202e]/);
			const parsed = JSON.parse(json) as { incidents: { title: string }[] };
			expect(parsed.incidents.map((i) => i.title)).toContain(
				`Title ${ESC}]0;pwned${ESC}\\ ${ESC}[2J${ESC}[8mhidden${ESC}]52;c;ZWNobyBoaQ==${ESC}\\`,
			);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
	it('printable shows what it escapes', () => {
		expect(printable(`a${ESC}[2Jb\nc\u202e\u0085`)).toBe('a\\x1B[2Jb\\nc\\u202E\\x85');
	});
});

describe('14. the Markdown export is inert and never indexed', () => {
	const row: DashboardRow = {
		path: 'Incidents/x.md',
		date: '2025-01-01',
		title: 'Line one\r# Heading #incident [[link]]',
		severity: '[x](javascript:alert(1))',
		severityRank: 500,
		status: '<img src=x onerror=alert(1)>',
		services: ['a|b', '==mark=='],
		tags: [],
		duration: 5,
		ttd: null,
		tta: null,
		ttm: null,
		ttr: null,
		actions: 1,
		owners: 1,
		openActions: 1,
		overdueActions: 0,
		problems: 0,
		errors: 0,
		durationMismatch: false,
		related: [],
		recurring: false,
		stale: false,
	};
	it('one table row per incident, no heading, link, tag or HTML from the values', () => {
		const md = rowsToMarkdown([row], 'Incident dashboard');
		const lines = md.split(/\r\n|\n|\r/);
		expect(lines.filter((l) => l.startsWith('|')).length).toBe(3);
		expect(lines.filter((l) => /^#/.test(l))).toEqual(['# Incident dashboard']);
		const i = parseIncident(md, { parseYaml, path: 'export.md' });
		expect(i.tags).toEqual([]);
		expect(i.links).toEqual([]);
		expect(md).toContain('[Line one \\# Heading \\#incident \\[\\[link\\]\\]](Incidents/x.md)');
		expect(md).toContain('\\[x\\](javascript:alert(1))');
		expect(md).toContain('\\<img src\\=x onerror\\=alert(1)\\>');
	});
	it('is not an incident to the plugin or the CLI', async () => {
		const md = rowsToMarkdown([row], 'Incident dashboard');
		const app = stubApp({ 'Incidents/Incident dashboard 2025-01-01.md': md });
		await settle();
		expect(isRcaNote(app, file(app, 'Incidents/Incident dashboard 2025-01-01.md'), DEFAULT_SETTINGS)).toBe(false);
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rca-export-'));
		fs.writeFileSync(path.join(dir, 'export.md'), md);
		let out = '';
		await run(
			['report', '--json', dir],
			(s) => (out += s),
			() => undefined,
		);
		fs.rmSync(dir, { recursive: true, force: true });
		expect((JSON.parse(out) as { incidents: unknown[] }).incidents).toEqual([]);
	});
});

describe('16–18. file names and paths', () => {
	const values = (title: string): Parameters<typeof fileNameFromPattern>[1] => ({
		title,
		date: new Date(2025, 6, 31, 12, 17),
		severity: 'SEV2',
		services: [],
		author: '',
		id: 'INC-1',
	});
	it('16. date tokens apply to the pattern, never inside the title', () => {
		expect(fileNameFromPattern('YYYY-MM-DD-<title>', values('DNS comms outage'))).toBe('2025-07-31-DNS comms outage');
		expect(fileNameFromPattern('<title> HHmm', values('HHVM MM DD'))).toBe('HHVM MM DD 1217');
		expect(fileNameFromPattern('YYYY-MM-DD-<slug>', values('HHVM'))).toBe('2025-07-31-hhvm');
	});
	it('17. cut by bytes at a character boundary; no Windows device names', () => {
		const emoji = safeFileName('😀'.repeat(200));
		expect(Buffer.byteLength(emoji, 'utf8')).toBeLessThanOrEqual(200);
		expect(emoji).toBe('😀'.repeat(50));
		const cjk = safeFileName('障害'.repeat(150));
		expect(Buffer.byteLength(cjk, 'utf8')).toBeLessThanOrEqual(200);
		expect(/[\ud800-\udbff]$/.test(cjk)).toBe(false);
		const family = safeFileName('a'.repeat(195) + '👨‍👩‍👧');
		expect(family).toBe('a'.repeat(195));
		for (const name of ['CON', 'aux', 'COM1', 'nul', 'LPT9', 'con.txt'])
			expect(safeFileName(name).split('.')[0].toUpperCase()).not.toMatch(/^(?:CON|PRN|AUX|NUL|COM\d|LPT\d)$/);
		expect(safeFileName('CONSOLE')).toBe('CONSOLE');
	});
	it('18. a missing link is created inside the configured folder, its extension once', () => {
		const none = (): boolean => false;
		expect(pathForMissingLink('Runbooks/Foo.md', 'Runbooks', none)).toBe('Runbooks/Foo.md');
		expect(pathForMissingLink('Foo.md', 'Runbooks', none)).toBe('Runbooks/Foo.md');
		expect(pathForMissingLink('../../x', 'Runbooks', none)).toBe('Runbooks/x.md');
		expect(pathForMissingLink('Payments/DB failover', 'Runbooks', none)).toBe('Runbooks/Payments/DB failover.md');
		expect(pathForMissingLink('/etc/passwd', '', none)).toBe('etc/passwd.md');
	});
});

describe('19. every path the CLI is given or finds is reported or skipped with a reason', () => {
	let dir: string;
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rca-paths-'));
	});
	afterEach(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});
	const note = '# A\n## Timeline\n- 10:00 x\n- 10:05 y\n';

	it('symlinked notes and folders are read, each real one once (a loop ends); broken links and FIFOs skipped with a reason', () => {
		fs.mkdirSync(path.join(dir, 'real'));
		fs.mkdirSync(path.join(dir, 'other'));
		fs.writeFileSync(path.join(dir, 'real', 'a.md'), note);
		fs.writeFileSync(path.join(dir, 'other', 'b.md'), note);
		fs.symlinkSync(path.join(dir, 'other', 'b.md'), path.join(dir, 'linked.md'));
		fs.symlinkSync(path.join(dir, 'real', 'a.md'), path.join(dir, 'real', 'again.md'));
		fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'folder-link'));
		fs.symlinkSync(dir, path.join(dir, 'real', 'loop'));
		fs.symlinkSync(path.join(dir, 'nowhere.md'), path.join(dir, 'dangling.md'));
		const fifo = spawnSync('mkfifo', [path.join(dir, 'pipe.md')]);
		const { files, skipped } = collectFiles([dir]);
		expect(files.map((f) => f.vaultPath)).toEqual(['other/b.md', 'real/a.md']);
		const reasons = Object.fromEntries(skipped.map((s) => [path.relative(dir, s.path), s.reason]));
		expect(reasons).toEqual({
			'dangling.md': 'broken symbolic link',
			'folder-link': `the same folder as ${path.join(dir, 'real')}`,
			'linked.md': `the same file as ${path.join(dir, 'other', 'b.md')}`,
			'real/again.md': `the same file as ${path.join(dir, 'real', 'a.md')}`,
			'real/loop': `the same folder as ${dir}`,
			...(fifo.status === 0 ? { 'pipe.md': 'a named pipe (FIFO)' } : {}),
		});
		// A FIFO named on the command line is never opened (it would wait for a writer forever).
		if (fifo.status === 0)
			expect(collectFiles([path.join(dir, 'pipe.md')]).skipped).toEqual([
				{ path: path.join(dir, 'pipe.md'), reason: 'a named pipe (FIFO)' },
			]);
	});

	it('a file in a folder is not resolved again: one realpath per folder and per link, and the same files found', () => {
		fs.mkdirSync(path.join(dir, 'sub'));
		for (let k = 0; k < 5; k++) fs.writeFileSync(path.join(dir, 'sub', `n${k}.md`), note);
		fs.writeFileSync(path.join(dir, 'top.md'), note);
		fs.symlinkSync(path.join(dir, 'sub', 'n1.md'), path.join(dir, 'link.md'));
		const asked: string[] = [];
		const counting: FileSystem = {
			statSync: (p) => fs.statSync(p),
			lstatSync: (p) => fs.lstatSync(p),
			realpathSync: (p) => {
				asked.push(path.relative(dir, p));
				return fs.realpathSync(p);
			},
			readdirSync: (p, o) => fs.readdirSync(p, o),
		};
		const { files, skipped } = collectFiles([dir], counting);
		expect(files.map((f) => f.vaultPath)).toEqual([
			'sub/n0.md',
			'sub/n1.md',
			'sub/n2.md',
			'sub/n3.md',
			'sub/n4.md',
			'top.md',
		]);
		// The link still meets the file it points at, found first under its folder.
		expect(skipped).toEqual([
			{ path: path.join(dir, 'link.md'), reason: `the same file as ${path.join(dir, 'sub', 'n1.md')}` },
		]);
		expect(asked.sort()).toEqual(['', 'link.md', 'sub']);
	});

	it('an unreadable folder is listed under skipped, the rest read', () => {
		fs.mkdirSync(path.join(dir, 'locked'));
		fs.writeFileSync(path.join(dir, 'locked', 'x.md'), note);
		fs.writeFileSync(path.join(dir, 'a.md'), note);
		// Permissions do not stop root (CI runs as root): a file system whose folder fails to open as EACCES does.
		const locked: FileSystem = {
			statSync: (p) => fs.statSync(p),
			lstatSync: (p) => fs.lstatSync(p),
			realpathSync: (p) => fs.realpathSync(p),
			readdirSync: (p, o) => {
				if (p.endsWith('locked')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
				return fs.readdirSync(p, o);
			},
		};
		const { files, skipped } = collectFiles([dir], locked);
		expect(files.map((f) => f.vaultPath)).toEqual(['a.md']);
		expect(skipped).toEqual([{ path: path.join(dir, 'locked'), reason: 'unreadable folder (EACCES)' }]);
	});
});

describe('line endings are never joined by a write', () => {
	it('a new line after a lone CR does not turn it into a CRLF (found by the oracle with seed 7)', () => {
		const w = insertRelatedLink('---\n---\n# Title\n## See also\r', '[[x]]');
		expect(w.ok && w.text).toBe('---\n---\n# Title\n## See also\r\r- [[x]]');
		const a = insertRelatedLink('x\r', '[[x]]');
		expect(a.ok && a.text).toBe('x\r\r## Related Incidents\r\r- [[x]]\r');
	});
});
