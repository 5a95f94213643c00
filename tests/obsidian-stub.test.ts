/**
 * @jest-environment jsdom
 *
 * The in-memory Obsidian stand-in must behave as obsidian.d.ts documents, or the plugin tests prove nothing.
 */
import { App, createApp, Modal, normalizePath, Notice, notices, Plugin, type TFile } from './stubs/obsidian';

function file(app: App, p: string): TFile {
	const f = app.vault.getFileByPath(p);
	if (!f) throw new Error(p);
	return f;
}

describe('Vault', () => {
	it('creates, modifies, renames and deletes with the events obsidian.d.ts names', async () => {
		const app = createApp({ 'a/b.md': 'x' });
		const events: string[] = [];
		for (const e of ['create', 'modify', 'rename', 'delete'])
			app.vault.on(e, (f: { path: string }, old?: string) => events.push(`${e}:${f.path}${old ? '<' + old : ''}`));
		const c = await app.vault.create('a/c.md', 'one');
		await app.vault.modify(c, 'two');
		await app.vault.process(c, (t) => t + '!');
		await app.vault.rename(c, 'a/d.md');
		await app.vault.delete(file(app, 'a/b.md'));
		expect(events).toEqual([
			'create:a/c.md',
			'modify:a/c.md',
			'modify:a/c.md',
			'rename:a/d.md<a/c.md',
			'delete:a/b.md',
		]);
		expect(await app.vault.read(file(app, 'a/d.md'))).toBe('two!');
		expect(c.basename).toBe('d');
	});

	it('refuses to create over an existing path, or in a folder that does not exist', async () => {
		const app = createApp({ 'a.md': 'x' });
		await expect(app.vault.create('a.md', 'y')).rejects.toThrow('File already exists.');
		await expect(app.vault.create('no/such.md', 'y')).rejects.toThrow('Folder does not exist');
		expect(await app.vault.read(file(app, 'a.md'))).toBe('x');
	});

	it('normalizes paths as Obsidian does', () => {
		expect(normalizePath('//a\\b//c/')).toBe('a/b/c');
		expect(normalizePath('')).toBe('/');
	});
});

describe('MetadataCache', () => {
	it('parses frontmatter with the YAML core schema, links, embeds and headings, outside code', () => {
		const app = createApp({
			'n.md': '---\ndate: 2025-07-31\nn: 3\n---\n# Title\n[[a|A]] ![[b.png]] `[[no]]`\n```\n[[no2]]\n```\n',
		});
		const c = app.metadataCache.getFileCache(file(app, 'n.md'));
		expect(c?.frontmatter).toEqual({ date: '2025-07-31', n: 3 });
		expect(c?.links?.map((l) => [l.link, l.displayText])).toEqual([['a', 'A']]);
		expect(c?.embeds?.map((l) => l.link)).toEqual(['b.png']);
		expect(c?.headings?.map((h) => [h.heading, h.level])).toEqual([['Title', 1]]);
	});

	it('leaves frontmatter undefined when the YAML is invalid', () => {
		const app = createApp({ 'n.md': '---\na: [oops\n---\nbody\n' });
		expect(app.metadataCache.getFileCache(file(app, 'n.md'))?.frontmatter).toBeUndefined();
	});

	it('resolves link paths: same folder, exact path, then the shortest path', () => {
		const app = createApp({ 'x/n.md': '', 'n.md': '', 'y/z/n.md': '', 'y/src.md': '', 'only/here.md': '' });
		const dest = (l: string, from: string): string | undefined => app.metadataCache.getFirstLinkpathDest(l, from)?.path;
		expect(dest('n', 'x/other.md')).toBe('x/n.md');
		expect(dest('n', 'y/src.md')).toBe('n.md');
		expect(dest('y/z/n', 'x/a.md')).toBe('y/z/n.md');
		expect(dest('here#Heading', 'a.md')).toBe('only/here.md');
		expect(dest('missing', 'a.md')).toBeUndefined();
		expect(app.metadataCache.fileToLinktext(file(app, 'only/here.md'), 'a.md')).toBe('here');
		expect(app.metadataCache.fileToLinktext(file(app, 'x/n.md'), 'a.md')).toBe('x/n');
	});

	it("fires 'changed' after a modification with the new cache", async () => {
		const app = createApp({ 'n.md': '# A\n' });
		const seen: string[] = [];
		app.metadataCache.on('changed', (_f: TFile, _d: string, c: { headings?: { heading: string }[] }) =>
			seen.push(c.headings?.[0]?.heading ?? ''),
		);
		await app.vault.modify(file(app, 'n.md'), '# B\n');
		await app.metadataCache.settled();
		expect(seen).toEqual(['B']);
	});

	it('is updated after the write, as Obsidian parses in a worker: the old cache until then', async () => {
		const app = createApp({ 'n.md': '# A\n' });
		app.metadataCache.delayMs = 5;
		const heading = (): string | undefined => app.metadataCache.getFileCache(file(app, 'n.md'))?.headings?.[0]?.heading;
		const events: string[] = [];
		app.metadataCache.on('changed', () => events.push('changed'));
		app.metadataCache.on('resolved', () => events.push('resolved'));
		await app.vault.modify(file(app, 'n.md'), '# B\n');
		expect(heading()).toBe('A');
		expect(events).toEqual([]);
		await app.metadataCache.settled();
		expect(heading()).toBe('B');
		expect(events).toEqual(['changed', 'resolved']);
		// A created note has no cache until it is parsed either.
		const c = await app.vault.create('c.md', '# C\n');
		expect(app.metadataCache.getFileCache(c)).toBeNull();
		await app.metadataCache.settled();
		expect(app.metadataCache.getFileCache(c)?.headings?.[0]?.heading).toBe('C');
	});

	it("announces the vault's files with 'create' while it loads, to handlers registered before the layout is ready", async () => {
		const app = createApp({ 'a/b.md': '# B\n', 'c.md': '' });
		app.workspace.layoutReady = false;
		const early: string[] = [];
		const late: string[] = [];
		app.vault.on('create', (f: TFile) => early.push(f.path));
		app.workspace.onLayoutReady(() => app.vault.on('create', (f: TFile) => late.push(f.path)));
		const changed: string[] = [];
		app.metadataCache.on('changed', (f: TFile) => changed.push(f.path));
		app.workspace.finishLayout();
		await app.metadataCache.settled();
		expect(early.sort()).toEqual(['a', 'a/b.md', 'c.md']);
		expect(late).toEqual([]);
		// The cache was there before (Obsidian keeps it between runs): loading is not a change.
		expect(changed).toEqual([]);
		await app.vault.create('d.md', '');
		expect(late).toEqual(['d.md']);
	});
});

describe('FileManager.processFrontMatter', () => {
	it('rewrites only the frontmatter; the body stays byte-identical, CRLF included', async () => {
		const body = '# T\r\n\r\nText with --- inside\r\n---\r\nmore';
		const app = createApp({ 'n.md': `---\r\na: 1\r\n---\r\n${body}` });
		await app.fileManager.processFrontMatter(file(app, 'n.md'), (fm) => (fm.b = 2));
		expect(await app.vault.read(file(app, 'n.md'))).toBe(`---\r\na: 1\r\nb: 2\r\n---\r\n${body}`);
	});

	it('adds frontmatter to a note without one', async () => {
		const app = createApp({ 'n.md': '# T\n' });
		await app.fileManager.processFrontMatter(file(app, 'n.md'), (fm) => (fm.x = 'value'));
		expect(await app.vault.read(file(app, 'n.md'))).toBe('---\nx: value\n---\n# T\n');
	});

	it('throws on invalid YAML and writes nothing', async () => {
		const app = createApp({ 'n.md': '---\na: [oops\n---\nbody\n' });
		await expect(app.fileManager.processFrontMatter(file(app, 'n.md'), (fm) => (fm.x = 1))).rejects.toThrow();
		expect(await app.vault.read(file(app, 'n.md'))).toBe('---\na: [oops\n---\nbody\n');
	});
});

describe('plugins, commands and UI', () => {
	it('runs checkCallback as the palette does, and persists plugin data as JSON', async () => {
		const app = createApp();
		const plugin = new Plugin(app, {
			id: 'p',
			name: 'P',
			version: '1',
			minAppVersion: '1',
			description: '',
			author: '',
		});
		let ran = 0;
		let allowed = false;
		plugin.addCommand({
			id: 'c',
			name: 'C',
			checkCallback: (checking) => (allowed ? (checking || ran++, true) : false),
		});
		expect(app.commands.executeCommandById('p:c')).toBe(false);
		allowed = true;
		expect(app.commands.listCommands().map((c) => c.id)).toEqual(['p:c']);
		expect(app.commands.executeCommandById('p:c')).toBe(true);
		expect(ran).toBe(1);
		await plugin.saveData({ a: [1] });
		expect(await plugin.loadData()).toEqual({ a: [1] });
	});

	it('records notices and shows modals in the document; createEl never parses HTML', () => {
		notices.length = 0;
		new Notice('hello');
		expect(notices).toEqual(['hello']);
		class M extends Modal {
			onOpen(): void {
				this.contentEl.createEl('p', { text: '<img src=x onerror=alert(1)>' });
			}
		}
		const m = new M(createApp());
		m.open();
		expect(document.querySelector('.modal-content p')?.textContent).toBe('<img src=x onerror=alert(1)>');
		expect(document.querySelector('.modal-content img')).toBeNull();
		m.close();
		expect(document.querySelector('.modal-container')).toBeNull();
	});
});
