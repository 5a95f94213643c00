/**
 * @jest-environment jsdom
 *
 * The index stays true under any sequence of vault events; the CLI survives a folder of pathological files; hostile
 * note text never becomes markup in the modals.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import type { App } from 'obsidian';
import { run } from '../src/cli/main';
import { VaultIndexer } from '../src/plugin/indexer';
import { DEFAULT_SETTINGS } from '../src/plugin/settings';
import IncidentRcaPlugin from '../src/main';
import { createApp } from './stubs/obsidian';

describe('the incident index stays true', () => {
	const BODIES = [
		'---\nseverity: SEV2\n---\n## Timeline\n- 10:00 a\n- 10:20 b\n',
		'# Notes\nnothing here\n',
		'## Timeline\n- 09:00 x\n## Action Items\n- [ ] fix @sam\n[[other]]\n',
		// Links to notes that the random operations create, rename and delete: where they resolve must follow.
		'---\nseverity: SEV3\n---\n## Timeline\n- 11:00 y\n## Related incidents\n- [[n3]]\n- [[Incidents/n7]]\n- [[n11|eleven]]\n',
		'---\ntags: [rca]\n---\nplain\n',
		'---\ntype: runbook\n---\n## Timeline\n- 10:00 a\n',
		'---\nbroken: [\n---\n## Timeline\n- 10:00 a\n',
	];

	it('after 10,000 random creates, modifies, renames and deletes, equals a rebuild from scratch', async () => {
		const app = createApp({}) as unknown as App;
		const indexer = new VaultIndexer(app, () => DEFAULT_SETTINGS);
		indexer.start({ registerEvent: () => undefined, register: () => undefined } as never);
		await indexer.fullScan();
		const ops = fc.sample(
			fc.record({
				op: fc.constantFrom('create', 'modify', 'modify', 'rename', 'delete'),
				a: fc.nat(40),
				b: fc.nat(40),
				body: fc.nat(BODIES.length - 1),
				folder: fc.boolean(),
			}),
			{ numRuns: 10_000, seed: 42 },
		);
		const pathOf = (n: number, folder: boolean): string => `${folder ? 'Incidents/' : 'Notes/'}n${n}.md`;
		await app.vault.createFolder('Incidents');
		await app.vault.createFolder('Notes');
		const snapshot = (ix: VaultIndexer): string[] =>
			ix.index
				.paths()
				.sort()
				.map((p) => `${p} ${JSON.stringify(ix.index.get(p))}`);
		let linked = 0;
		const checkpoint = async (): Promise<void> => {
			// Writes reach the index through the metadata cache's 'changed', which comes after the write.
			await (app.metadataCache as unknown as { settled(): Promise<void> }).settled();
			await indexer.flush();
			const rebuilt = new VaultIndexer(app, () => DEFAULT_SETTINGS);
			await rebuilt.fullScan();
			expect(snapshot(indexer)).toEqual(snapshot(rebuilt));
			linked += indexer.index.all().filter((i) => i.links.some((l) => l.resolved !== null)).length;
		};
		let k = 0;
		for (const o of ops) {
			const files = app.vault.getMarkdownFiles();
			const existing = files[o.a % Math.max(1, files.length)];
			try {
				if (o.op === 'create' || !existing) await app.vault.create(pathOf(o.a, o.folder), BODIES[o.body]);
				else if (o.op === 'modify') await app.vault.modify(existing, BODIES[o.body]);
				else if (o.op === 'rename') await app.vault.rename(existing, pathOf(o.b, o.folder));
				else await app.vault.delete(existing);
			} catch {
				// Creating or renaming onto a taken path fails, as in Obsidian: the vault is unchanged.
			}
			// Compared at checkpoints along the way, not only at the end: the vault's state differs at each.
			if (++k % 25 === 0) await checkpoint();
		}
		await checkpoint();
		expect(indexer.index.size).toBeGreaterThan(0);
		expect(linked).toBeGreaterThan(20);
	}, 120_000);
});

/** Folders a test made, removed when the tests end: the temp folder is left as it was found. */
const made: string[] = [];
afterAll(() => {
	for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the CLI on pathological files', () => {
	it('reports every file (incident, problem or skipped with a reason) in a few seconds, with no stack trace', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rca-hostile-'));
		made.push(dir);
		const write = (name: string, data: string | Buffer): void => fs.writeFileSync(path.join(dir, name), data);
		write('one-line-table.md', '| ' + 'cell | '.repeat(300_000));
		write(
			'many-tasks.md',
			'## Action Items\n' + Array.from({ length: 100_000 }, (_, i) => `- [ ] task ${i}`).join('\n'),
		);
		write('unclosed-links.md', '[['.repeat(200_000));
		write('binary.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
		write('latin1.txt', Buffer.from('Résumé de la panne: détectée à 10h05\n', 'latin1'));
		write('empty.md', '');
		write('unclosed-frontmatter.md', '---\ntitle: never closed\nseverity: SEV1\n## Timeline\n- 10:00 a\n');
		write(
			'rows.md',
			'## Timeline\n' +
				Array.from(
					{ length: 50_000 },
					(_, i) =>
						`- ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} event ${i}`,
				).join('\n'),
		);
		let out = '';
		let err = '';
		const code = await run(
			['report', '--json', dir],
			(s) => (out += s),
			(s) => (err += s),
		);
		expect(code).toBe(0);
		expect(err).not.toMatch(/\n\s+at /);
		const json = JSON.parse(out) as {
			incidents: { path: string; problems: { code: string }[] }[];
			skipped: { path: string; reason: string }[];
		};
		const seen = [
			...json.incidents.map((i) => path.basename(i.path)),
			...json.skipped.map((s) => path.basename(s.path)),
		].sort();
		expect(seen).toEqual([
			'binary.md',
			'empty.md',
			'latin1.txt',
			'many-tasks.md',
			'one-line-table.md',
			'rows.md',
			'unclosed-frontmatter.md',
			'unclosed-links.md',
		]);
		expect(
			Object.fromEntries(
				json.skipped
					.filter((s) => !s.reason.startsWith('not an incident'))
					.map((s) => [path.basename(s.path), s.reason]),
			),
		).toEqual({ 'binary.md': 'binary file', 'empty.md': 'empty file', 'latin1.txt': 'not UTF-8 text' });
		expect(
			json.incidents.find((i) => i.path.endsWith('unclosed-frontmatter.md'))?.problems.map((p) => p.code),
		).toContain('frontmatter-unclosed');
	}, 60_000);
});

describe('hostile note text in the modals', () => {
	const EVIL = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

	it('the related-links modal and the new-note modal show it as text', async () => {
		const app = createApp({
			'Incidents/evil.md': `---\nservices: ["${EVIL.replace(/"/g, '\\"')}"]\n---\n## Timeline\n- 10:00 a\n## Related Incidents\n- [[${EVIL.replace(/[[\]|#]/g, '')}|${EVIL}]]\n- [[missing-runbook-${'x'.repeat(10_000)}]]\n`,
		}) as unknown as App & {
			commands: { executeCommandById(id: string): boolean };
			workspace: { setActiveFile(f: unknown): void };
		};
		const plugin = new IncidentRcaPlugin(app, {
			id: 'incident-rca',
			name: '',
			version: '',
			minAppVersion: '',
			description: '',
			author: '',
		});
		await plugin.onload();
		app.workspace.setActiveFile(app.vault.getFileByPath('Incidents/evil.md'));
		app.commands.executeCommandById('incident-rca:resolve-related-links');
		await new Promise((r) => setTimeout(r, 20));
		app.commands.executeCommandById('incident-rca:new-rca-note');
		const modals = document.querySelectorAll('.modal-container');
		expect(modals.length).toBe(2);
		for (const m of modals) expect(m.querySelectorAll('img, script').length).toBe(0);
		expect(document.body.textContent).toContain(EVIL);
		expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
	});
});
