/**
 * In-memory stand-in for the `obsidian` module (the npm package ships types only). It follows the semantics
 * documented in node_modules/obsidian/obsidian.d.ts for the API surface the plugin uses, so the glue can be tested
 * without the app. Jest maps `obsidian` here; scripts/check-bundle.mjs bundles it to load the built main.js.
 * Extras for tests (not in obsidian.d.ts) are marked "test helper".
 *
 * Where it follows the app, not only the types: the metadata cache is updated after a write, not during it
 * ('changed' comes in a later task: `metadataCache.settled()` waits for it); a vault that loads while a plugin
 * listens announces its files with 'create' (`workspace.layoutReady = false`, then `finishLayout()`); processFrontMatter
 * keeps the body byte for byte; a view's leaf hands the state of setViewState to setState.
 *
 * What it still simplifies: the metadata cache parses with a small reader (frontmatter YAML, headings, links, embeds,
 * tags; no blocks, sections or list items) and resolves links by name and folder only; two quick writes to one note
 * give one 'changed'; 'resolved' fires when no parse is pending; there is no file system (the adapter is a map; the
 * config folder is `vault.hidden`; IndexedDB is fake-indexeddb's, shared by the whole test file); one window, no popouts; the workspace has no splits, tabs or layout file; Menu,
 * Modal and SuggestModal draw into document.body without focus handling; the editor is a plain text buffer (the CM6
 * tests make their own EditorView).
 */
import yaml from 'js-yaml';
import { StateField, type Extension } from '@codemirror/state';

/** The note an editor shows (obsidian.d.ts `editorInfoField`): tests create editors with it set. */
export const editorInfoField = StateField.define<{ file: TFile | null }>({
	create: () => ({ file: null }),
	update: (v) => v,
});

// ---------------------------------------------------------------------------------------------------------------
// DOM helpers Obsidian adds to Node/HTMLElement (DomElementInfo: cls, text, attr, title, value, type, placeholder, href).
// `text` is always textContent: note text can never become markup.

export interface DomElementInfo {
	cls?: string | string[];
	text?: string | DocumentFragment;
	attr?: Record<string, string | number | boolean | null>;
	title?: string;
	value?: string;
	type?: string;
	placeholder?: string;
	href?: string;
	parent?: Node;
}

function applyInfo(el: HTMLElement, o?: DomElementInfo | string): void {
	if (o === undefined) return;
	const info: DomElementInfo = typeof o === 'string' ? { cls: o } : o;
	if (info.cls) el.className = Array.isArray(info.cls) ? info.cls.join(' ') : info.cls;
	if (info.text !== undefined) {
		if (typeof info.text === 'string') el.textContent = info.text;
		else el.appendChild(info.text);
	}
	if (info.attr)
		for (const [k, v] of Object.entries(info.attr))
			if (v !== null && v !== false) el.setAttribute(k, v === true ? '' : String(v));
	if (info.title !== undefined) el.title = info.title;
	if (info.value !== undefined) (el as HTMLInputElement).value = info.value;
	if (info.type !== undefined) (el as HTMLInputElement).type = info.type;
	if (info.placeholder !== undefined) (el as HTMLInputElement).placeholder = info.placeholder;
	if (info.href !== undefined) (el as HTMLAnchorElement).href = info.href;
	if (info.parent) info.parent.appendChild(el);
}

/** Obsidian's DOM helpers on a window's prototypes: the main window's at load, a popout window's when it opens. */
export function installDomHelpers(win: unknown = globalThis): void {
	const g = win as {
		HTMLElement?: typeof HTMLElement;
		Node?: typeof Node;
		document?: Document;
		DocumentFragment?: typeof DocumentFragment;
	};
	if (!g.HTMLElement || !g.Node || !g.document) return;
	const doc = g.document;
	const proto = g.Node.prototype as unknown as Record<string, unknown>;
	if (proto.createEl) return;
	// As obsidian.d.ts: the window and document a node belongs to (a popout window's for a node in one).
	Object.defineProperty(proto, 'doc', {
		get(this: Node) {
			return this.ownerDocument ?? doc;
		},
		configurable: true,
	});
	Object.defineProperty(proto, 'win', {
		get(this: Node) {
			return (this.ownerDocument ?? doc).defaultView ?? globalThis;
		},
		configurable: true,
	});
	// The globals Obsidian defines: the window and document the user is working in.
	const globals = globalThis as unknown as { activeWindow?: unknown; activeDocument?: unknown };
	globals.activeWindow ??= doc.defaultView ?? globalThis;
	globals.activeDocument ??= doc;
	proto.createEl = function (
		this: Node,
		tag: string,
		o?: DomElementInfo | string,
		cb?: (el: HTMLElement) => void,
	): HTMLElement {
		const el = doc.createElement(tag);
		applyInfo(el, o);
		this.appendChild(el);
		cb?.(el);
		return el;
	};
	proto.createDiv = function (this: Node, o?: DomElementInfo | string, cb?: (el: HTMLElement) => void): HTMLElement {
		return (this as unknown as { createEl: (t: string, o?: unknown, cb?: unknown) => HTMLElement }).createEl(
			'div',
			o,
			cb,
		);
	};
	proto.createSpan = function (this: Node, o?: DomElementInfo | string, cb?: (el: HTMLElement) => void): HTMLElement {
		return (this as unknown as { createEl: (t: string, o?: unknown, cb?: unknown) => HTMLElement }).createEl(
			'span',
			o,
			cb,
		);
	};
	proto.empty = function (this: Node): void {
		while (this.firstChild) this.removeChild(this.firstChild);
	};
	proto.setText = function (this: Node, text: string): void {
		this.textContent = text;
	};
	proto.getText = function (this: Node): string {
		return this.textContent ?? '';
	};
	const el = g.HTMLElement.prototype as unknown as Record<string, unknown>;
	el.addClass = function (this: HTMLElement, ...c: string[]): void {
		this.classList.add(...c.flatMap((x) => x.split(' ')).filter(Boolean));
	};
	el.removeClass = function (this: HTMLElement, ...c: string[]): void {
		this.classList.remove(...c);
	};
	el.toggleClass = function (this: HTMLElement, c: string, on: boolean): void {
		this.classList.toggle(c, on);
	};
	el.hasClass = function (this: HTMLElement, c: string): boolean {
		return this.classList.contains(c);
	};
	el.setAttr = function (this: HTMLElement, k: string, v: string | number | boolean | null): void {
		if (v === null) this.removeAttribute(k);
		else this.setAttribute(k, String(v));
	};
	const svgNs = 'http://www.w3.org/2000/svg';
	proto.createSvg = function (
		this: Node,
		tag: string,
		o?: { cls?: string | string[]; attr?: Record<string, string | number | boolean | null> },
		cb?: (el: SVGElement) => void,
	): SVGElement {
		const e = doc.createElementNS(svgNs, tag);
		if (o?.cls) e.setAttribute('class', Array.isArray(o.cls) ? o.cls.join(' ') : o.cls);
		if (o?.attr)
			for (const [k, v] of Object.entries(o.attr)) if (v !== null && v !== false) e.setAttribute(k, String(v));
		this.appendChild(e);
		cb?.(e);
		return e;
	};
	const elementProto = (g as unknown as { Element: typeof Element }).Element.prototype as unknown as Record<
		string,
		unknown
	>;
	for (const name of ['addClass', 'removeClass', 'toggleClass', 'hasClass', 'setAttr'])
		elementProto[name] = el[name] ?? elementProto[name];
	el.setCssProps = function (this: HTMLElement, props: Record<string, string>): void {
		for (const [k, v] of Object.entries(props)) this.style.setProperty(k, v);
	};
	el.setCssStyles = function (this: HTMLElement, styles: Record<string, string>): void {
		Object.assign(this.style, styles);
	};
	/** Obsidian: shown when laid out (offsetParent); without layout (jsdom), when attached and not hidden. */
	el.isShown = function (this: HTMLElement): boolean {
		return this.isConnected && this.closest('.is-hidden') === null;
	};
	const gl = globalThis as unknown as Record<string, unknown>;
	gl.createEl = (tag: string, o?: DomElementInfo | string, cb?: (el: HTMLElement) => void): HTMLElement => {
		const e = doc.createElement(tag);
		applyInfo(e, o);
		cb?.(e);
		return e;
	};
	gl.createDiv = (o?: DomElementInfo | string): HTMLElement =>
		(gl.createEl as (t: string, o?: unknown) => HTMLElement)('div', o);
	gl.createSpan = (o?: DomElementInfo | string): HTMLElement =>
		(gl.createEl as (t: string, o?: unknown) => HTMLElement)('span', o);
	gl.createFragment = (cb?: (f: DocumentFragment) => void): DocumentFragment => {
		const f = doc.createDocumentFragment();
		cb?.(f);
		return f;
	};
}
installDomHelpers();

// ---------------------------------------------------------------------------------------------------------------
// Utilities

/** Obsidian's normalizePath: forward slashes, no duplicate, leading or trailing slashes, NFC; "" becomes "/". */
export function normalizePath(path: string): string {
	const p = path
		.replace(/[\\/\u00A0\u202F]+/g, (m) => (/[\\/]/.test(m) ? '/' : ' '))
		.replace(/\/+/g, '/')
		.replace(/^\/+|\/+$/g, '')
		.normalize('NFC');
	return p === '' ? '/' : p;
}

/** YAML as Obsidian reads it: the YAML 1.2 core schema, so `date: 2025-07-31` stays a string. */
export function parseYaml(text: string): unknown {
	return yaml.load(text, { schema: yaml.CORE_SCHEMA });
}

export function stringifyYaml(obj: unknown): string {
	return yaml.dump(obj, { schema: yaml.CORE_SCHEMA, lineWidth: -1 });
}

export interface Debouncer<T extends unknown[]> {
	(...args: T): Debouncer<T>;
	cancel(): Debouncer<T>;
	run(): void;
}

/** debounce(cb, timeout, resetTimer): with resetTimer each call restarts the wait. */
export function debounce<T extends unknown[]>(
	cb: (...args: T) => unknown,
	timeout = 0,
	resetTimer = false,
): Debouncer<T> {
	let timer: ReturnType<typeof setTimeout> | null = null;
	let last: T | null = null;
	const fire = (): void => {
		timer = null;
		const args = last as T;
		last = null;
		cb(...args);
	};
	const d = ((...args: T) => {
		last = args;
		if (timer !== null && resetTimer) {
			clearTimeout(timer);
			timer = null;
		}
		if (timer === null) timer = setTimeout(fire, timeout);
		return d;
	}) as Debouncer<T>;
	d.cancel = () => {
		if (timer !== null) clearTimeout(timer);
		timer = null;
		return d;
	};
	d.run = () => {
		if (timer !== null) {
			clearTimeout(timer);
			fire();
		}
	};
	return d;
}

export function setIcon(parent: HTMLElement, icon: string): void {
	parent.setAttribute('data-icon', icon);
}

/** Keymap.isModEvent: Ctrl/Cmd opens in a new tab, as Obsidian's default is. */
export const Keymap = {
	isModEvent(evt?: { ctrlKey?: boolean; metaKey?: boolean } | null): false | 'tab' {
		return evt && (evt.ctrlKey || evt.metaKey) ? 'tab' : false;
	},
};

export const Platform = {
	isDesktop: true,
	isMobile: false,
	isDesktopApp: true,
	isMobileApp: false,
	isIosApp: false,
	isAndroidApp: false,
	isPhone: false,
	isTablet: false,
	isMacOS: false,
	isWin: false,
	isLinux: true,
	isSafari: false,
};

// ---------------------------------------------------------------------------------------------------------------
// Events

export interface EventRef {
	e: Events;
	name: string;
	fn: (...args: unknown[]) => unknown;
}

export class Events {
	private handlers = new Map<string, EventRef[]>();

	on(name: string, callback: (...data: never[]) => unknown): EventRef {
		const ref: EventRef = { e: this, name, fn: callback as (...args: unknown[]) => unknown };
		this.handlers.set(name, [...(this.handlers.get(name) ?? []), ref]);
		return ref;
	}

	off(name: string, callback: (...data: never[]) => unknown): void {
		this.handlers.set(
			name,
			(this.handlers.get(name) ?? []).filter((r) => r.fn !== (callback as unknown)),
		);
	}

	offref(ref: EventRef): void {
		this.handlers.set(
			ref.name,
			(this.handlers.get(ref.name) ?? []).filter((r) => r !== ref),
		);
	}

	trigger(name: string, ...data: unknown[]): void {
		for (const ref of [...(this.handlers.get(name) ?? [])]) ref.fn(...data);
	}

	tryTrigger(evt: EventRef, args: unknown[]): void {
		try {
			evt.fn(...args);
		} catch (e) {
			console.error(e);
		}
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Files

export abstract class TAbstractFile {
	vault!: Vault;
	path = '';
	name = '';
	parent: TFolder | null = null;
}

export class TFile extends TAbstractFile {
	stat = { ctime: 0, mtime: 0, size: 0 };
	basename = '';
	extension = '';
}

export class TFolder extends TAbstractFile {
	children: TAbstractFile[] = [];
	isRoot(): boolean {
		return this.path === '/';
	}
}

function setPath(f: TAbstractFile, path: string): void {
	f.path = path;
	f.name = path === '/' ? '' : (path.split('/').pop() ?? path);
	if (f instanceof TFile) {
		const dot = f.name.lastIndexOf('.');
		f.basename = dot > 0 ? f.name.slice(0, dot) : f.name;
		f.extension = dot > 0 ? f.name.slice(dot + 1) : '';
	}
}

function parentPath(path: string): string {
	return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '/';
}

export interface DataAdapter {
	exists(normalizedPath: string): Promise<boolean>;
	/** Rejects when there is no such file, as the real adapters do. */
	read(normalizedPath: string): Promise<string>;
	write(normalizedPath: string, data: string): Promise<void>;
	remove(normalizedPath: string): Promise<void>;
}

/** Vault: files in memory; events 'create', 'modify', 'delete', 'rename' (file, oldPath) as obsidian.d.ts says. */
export class Vault extends Events {
	private readonly entries = new Map<string, TAbstractFile>();
	private readonly contents = new Map<string, string>();
	private clock = 1;
	configDir = '.obsidian';
	/**
	 * Files the vault does not index (the config folder: plugin data, caches). Like the real adapter, it also reaches
	 * the notes, but writing one through it does not fire vault events. Test helper: inspect or seed it directly.
	 */
	readonly hidden = new Map<string, string>();
	adapter: DataAdapter = {
		exists: (p: string) => Promise.resolve(this.entries.has(normalizePath(p)) || this.hidden.has(normalizePath(p))),
		read: (p: string) => {
			const path = normalizePath(p);
			const text = this.hidden.get(path) ?? this.contents.get(path);
			return text === undefined
				? Promise.reject(new Error(`ENOENT: no such file, open '${path}'`))
				: Promise.resolve(text);
		},
		write: (p: string, data: string) => {
			if (this.entries.has(normalizePath(p)))
				return Promise.reject(new Error('test stand-in: write notes through the Vault API'));
			this.hidden.set(normalizePath(p), data);
			return Promise.resolve();
		},
		remove: (p: string) => {
			if (!this.hidden.delete(normalizePath(p)))
				return Promise.reject(new Error(`ENOENT: no such file, unlink '${normalizePath(p)}'`));
			return Promise.resolve();
		},
	};

	constructor() {
		super();
		const root = new TFolder();
		root.vault = this;
		setPath(root, '/');
		this.entries.set('/', root);
	}

	getRoot(): TFolder {
		return this.entries.get('/') as TFolder;
	}

	getName(): string {
		return 'Test vault';
	}

	getAbstractFileByPath(path: string): TAbstractFile | null {
		return this.entries.get(normalizePath(path)) ?? null;
	}

	getFileByPath(path: string): TFile | null {
		const f = this.getAbstractFileByPath(path);
		return f instanceof TFile ? f : null;
	}

	getFolderByPath(path: string): TFolder | null {
		const f = this.getAbstractFileByPath(path);
		return f instanceof TFolder ? f : null;
	}

	getFiles(): TFile[] {
		return [...this.entries.values()].filter((f): f is TFile => f instanceof TFile);
	}

	getMarkdownFiles(): TFile[] {
		return this.getFiles().filter((f) => f.extension === 'md');
	}

	getAllLoadedFiles(): TAbstractFile[] {
		return [...this.entries.values()];
	}

	getAllFolders(includeRoot = false): TFolder[] {
		return [...this.entries.values()].filter((f): f is TFolder => f instanceof TFolder && (includeRoot || !f.isRoot()));
	}

	private attach(f: TAbstractFile, path: string): void {
		f.vault = this;
		setPath(f, path);
		const parent = this.entries.get(parentPath(path));
		if (!(parent instanceof TFolder)) throw new Error(`Folder does not exist: ${parentPath(path)}`);
		f.parent = parent;
		parent.children.push(f);
		this.entries.set(path, f);
	}

	private detach(f: TAbstractFile): void {
		if (f.parent) f.parent.children = f.parent.children.filter((c) => c !== f);
		this.entries.delete(f.path);
	}

	/** True while the vault announces its files at start-up (`announceLoaded`). */
	loading = false;

	/**
	 * As Obsidian does while a vault loads: 'create' for every folder and file already there (obsidian.d.ts: "also
	 * called when the vault is first loaded for each existing file"). Workspace.finishLayout calls it first.
	 */
	announceLoaded(): void {
		this.loading = true;
		try {
			for (const f of [...this.entries.values()]) if (f.path !== '/') this.trigger('create', f);
		} finally {
			this.loading = false;
		}
	}

	/** Test helper: creates files (and their folders) without firing events; the metadata cache is filled. */
	seed(files: Record<string, string>): void {
		for (const [p, text] of Object.entries(files)) {
			const path = normalizePath(p);
			const parts = path.split('/');
			for (let i = 1; i < parts.length; i++) {
				const folder = parts.slice(0, i).join('/');
				if (!this.entries.has(folder)) this.attach(new TFolder(), folder);
			}
			const f = new TFile();
			this.attach(f, path);
			this.contents.set(path, text);
			f.stat = { ctime: this.clock, mtime: this.clock++, size: text.length };
			this.trigger('seed', f);
		}
	}

	async createFolder(path: string): Promise<TFolder> {
		const p = normalizePath(path);
		if (this.entries.has(p)) throw new Error('Folder already exists.');
		const folder = new TFolder();
		this.attach(folder, p);
		this.trigger('create', folder);
		return Promise.resolve(folder);
	}

	async create(path: string, data: string): Promise<TFile> {
		const p = normalizePath(path);
		if (this.entries.has(p)) throw new Error('File already exists.');
		const f = new TFile();
		this.attach(f, p);
		this.contents.set(p, data);
		f.stat = { ctime: this.clock, mtime: this.clock++, size: data.length };
		this.trigger('create', f);
		return Promise.resolve(f);
	}

	/** Test helper (internal): the stored text, synchronously. */
	peek(path: string): string | undefined {
		return this.contents.get(path);
	}

	async read(file: TFile): Promise<string> {
		const text = this.contents.get(file.path);
		if (text === undefined) throw new Error(`File not found: ${file.path}`);
		return Promise.resolve(text);
	}

	async cachedRead(file: TFile): Promise<string> {
		return this.read(file);
	}

	async modify(file: TFile, data: string): Promise<void> {
		if (!this.contents.has(file.path)) throw new Error(`File not found: ${file.path}`);
		this.contents.set(file.path, data);
		file.stat = { ...file.stat, mtime: this.clock++, size: data.length };
		this.trigger('modify', file);
		return Promise.resolve();
	}

	/** Atomically read, modify and save: `fn` gets the current text and returns the new one. */
	async process(file: TFile, fn: (data: string) => string): Promise<string> {
		const next = fn(await this.read(file));
		if (next !== this.contents.get(file.path)) await this.modify(file, next);
		return next;
	}

	async append(file: TFile, data: string): Promise<void> {
		await this.modify(file, (await this.read(file)) + data);
	}

	async delete(file: TAbstractFile): Promise<void> {
		if (file instanceof TFolder) for (const c of [...file.children]) await this.delete(c);
		this.detach(file);
		this.contents.delete(file.path);
		this.trigger('delete', file);
		return Promise.resolve();
	}

	async trash(file: TAbstractFile): Promise<void> {
		return this.delete(file);
	}

	async rename(file: TAbstractFile, newPath: string): Promise<void> {
		const p = normalizePath(newPath);
		if (this.entries.has(p)) throw new Error('Destination file already exists!');
		const old = file.path;
		const text = this.contents.get(old);
		this.detach(file);
		this.attach(file, p);
		if (text !== undefined) {
			this.contents.delete(old);
			this.contents.set(p, text);
		}
		this.trigger('rename', file, old);
		return Promise.resolve();
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Metadata cache

export interface Loc {
	line: number;
	col: number;
	offset: number;
}
export interface Pos {
	start: Loc;
	end: Loc;
}
export interface LinkCache {
	link: string;
	original: string;
	displayText?: string;
	position: Pos;
}
export interface HeadingCache {
	heading: string;
	level: number;
	position: Pos;
}
export interface TagCache {
	tag: string;
	position: Pos;
}
export interface CachedMetadata {
	frontmatter?: Record<string, unknown>;
	frontmatterPosition?: Pos;
	links?: LinkCache[];
	embeds?: LinkCache[];
	headings?: HeadingCache[];
	tags?: TagCache[];
}

function pos(line: number, startCol: number, endCol: number, lineOffset: number): Pos {
	return {
		start: { line, col: startCol, offset: lineOffset + startCol },
		end: { line, col: endCol, offset: lineOffset + endCol },
	};
}

/** What Obsidian's metadata cache holds for a note's text. */
export function computeMetadata(text: string): CachedMetadata {
	const lines = text.split('\n');
	const cache: CachedMetadata = {};
	let start = 0;
	if (lines[0]?.replace(/\r$/, '') === '---') {
		const end = lines.findIndex((l, i) => i > 0 && /^(?:---|\.\.\.)\r?$/.test(l));
		if (end > 0) {
			try {
				const data = parseYaml(lines.slice(1, end).join('\n'));
				if (data && typeof data === 'object' && !Array.isArray(data))
					cache.frontmatter = data as Record<string, unknown>;
			} catch {
				// Invalid YAML: Obsidian leaves frontmatter undefined.
			}
			cache.frontmatterPosition = { start: { line: 0, col: 0, offset: 0 }, end: { line: end, col: 3, offset: 0 } };
			start = end + 1;
		}
	}
	let offset = lines.slice(0, start).reduce((n, l) => n + l.length + 1, 0);
	let fence = false;
	for (let i = start; i < lines.length; i++) {
		const line = lines[i].replace(/\r$/, '');
		if (/^\s*(?:```|~~~)/.test(line)) fence = !fence;
		if (!fence) {
			const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
			if (h)
				(cache.headings ??= []).push({ heading: h[2], level: h[1].length, position: pos(i, 0, line.length, offset) });
			const noCode = line.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length));
			for (const m of noCode.matchAll(/(!?)\[\[([^[\]]+?)\]\]/g)) {
				const inner = m[2];
				const bar = inner.indexOf('|');
				const link = (bar === -1 ? inner : inner.slice(0, bar)).trim();
				const entry: LinkCache = {
					link,
					original: m[0],
					displayText: bar === -1 ? link : inner.slice(bar + 1),
					position: pos(i, m.index, m.index + m[0].length, offset),
				};
				(m[1] ? (cache.embeds ??= []) : (cache.links ??= [])).push(entry);
			}
			if (!h)
				for (const m of noCode.matchAll(/(?:^|\s)(#[\p{L}_][\p{L}\p{N}_/-]*)/gu))
					(cache.tags ??= []).push({ tag: m[1], position: pos(i, m.index, m.index + m[0].length, offset) });
		}
		offset += lines[i].length + 1;
	}
	return cache;
}

/** MetadataCache: kept current from vault events; fires 'changed' (file, data, cache), 'deleted', 'resolved'. */
export class MetadataCache extends Events {
	private readonly caches = new Map<string, CachedMetadata>();
	resolvedLinks: Record<string, Record<string, number>> = {};
	unresolvedLinks: Record<string, Record<string, number>> = {};

	/**
	 * Test helper: how long after a write the cache is updated and 'changed' fires. Obsidian parses in a worker, so
	 * right after `vault.modify` resolves, getFileCache still returns the old cache; tests wait (see `settled`).
	 */
	delayMs = 0;
	private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
	private readonly idle: (() => void)[] = [];

	constructor(private readonly vault: Vault) {
		super();
		const update = (f: TFile, silent = false): void => {
			const data = vault.peek(f.path);
			if (data === undefined) return;
			const cache = computeMetadata(data);
			this.caches.set(f.path, cache);
			this.resolveAll();
			if (!silent) {
				this.trigger('changed', f, data, cache);
				if (this.pending.size === 0) this.trigger('resolved');
			}
		};
		// A write is parsed after it: the latest text of a note, once, however many writes came in between.
		const later = (f: TAbstractFile): void => {
			if (!(f instanceof TFile) || f.extension !== 'md') return;
			const old = this.pending.get(f.path);
			if (old !== undefined) clearTimeout(old);
			this.pending.set(
				f.path,
				setTimeout(() => {
					this.pending.delete(f.path);
					update(f);
					if (this.pending.size === 0) for (const cb of this.idle.splice(0)) cb();
				}, this.delayMs),
			);
		};
		vault.on('seed', (f: TAbstractFile) => {
			if (f instanceof TFile && f.extension === 'md') update(f, true);
		});
		// The files the vault announces while it loads are already in the cache (Obsidian keeps it between runs).
		vault.on('create', (f: TAbstractFile) => {
			if (!vault.loading) later(f);
		});
		vault.on('modify', later);
		vault.on('rename', (f: TAbstractFile, old: string) => {
			const prev = this.caches.get(old);
			this.caches.delete(old);
			if (prev) this.caches.set(f.path, prev);
			const timer = this.pending.get(old);
			if (timer !== undefined) {
				clearTimeout(timer);
				this.pending.delete(old);
				later(f);
			}
			this.resolveAll();
		});
		vault.on('delete', (f: TAbstractFile) => {
			const timer = this.pending.get(f.path);
			if (timer !== undefined) clearTimeout(timer);
			this.pending.delete(f.path);
			const prev = this.caches.get(f.path);
			this.caches.delete(f.path);
			this.resolveAll();
			if (prev) this.trigger('deleted', f, prev);
		});
	}

	/** Test helper: resolves once every write so far is in the cache (its 'changed' has fired). */
	settled(): Promise<void> {
		if (this.pending.size === 0) return Promise.resolve();
		return new Promise((r) => this.idle.push(r));
	}

	getFileCache(file: TFile): CachedMetadata | null {
		return this.caches.get(file.path) ?? null;
	}

	getCache(path: string): CachedMetadata | null {
		return this.caches.get(normalizePath(path)) ?? null;
	}

	/**
	 * The file a link path points to from `sourcePath`: the source's folder first, then an exact vault path,
	 * then the file of that name nearest the source (same folder), then the shortest path.
	 */
	getFirstLinkpathDest(linkpath: string, sourcePath: string): TFile | null {
		const target = linkpath.split('#')[0].trim();
		if (target === '') return this.vault.getFileByPath(sourcePath);
		const folder = parentPath(sourcePath);
		const withExt = (p: string): string[] => (/\.[A-Za-z0-9]+$/.test(p) ? [p, `${p}.md`] : [`${p}.md`]);
		for (const p of [...(folder === '/' ? [] : withExt(`${folder}/${target}`)), ...withExt(target)]) {
			const f = this.vault.getFileByPath(p);
			if (f) return f;
		}
		const lower = target.toLowerCase();
		const candidates = this.vault.getFiles().filter((f) => {
			const p = f.path.toLowerCase();
			return p.endsWith(`/${lower}.md`) || p === `${lower}.md` || p.endsWith(`/${lower}`) || p === lower;
		});
		if (candidates.length === 0) return null;
		return (
			candidates.find((f) => parentPath(f.path) === folder) ??
			candidates.sort((a, b) => a.path.split('/').length - b.path.split('/').length || a.path.localeCompare(b.path))[0]
		);
	}

	/** Shortest text that links to `file` unambiguously from anywhere. */
	fileToLinktext(file: TFile, _sourcePath: string, omitMdExtension = true): string {
		const unique = this.vault.getFiles().filter((f) => f.name === file.name).length === 1;
		const p = unique ? file.name : file.path;
		return omitMdExtension && file.extension === 'md' ? p.slice(0, -3) : p;
	}

	private resolveAll(): void {
		this.resolvedLinks = {};
		this.unresolvedLinks = {};
		for (const [path, cache] of this.caches) {
			const r: Record<string, number> = {};
			const u: Record<string, number> = {};
			for (const l of [...(cache.links ?? []), ...(cache.embeds ?? [])]) {
				const dest = this.getFirstLinkpathDest(l.link, path);
				const key = dest ? dest.path : l.link.split('#')[0];
				const bucket = dest ? r : u;
				bucket[key] = (bucket[key] ?? 0) + 1;
			}
			this.resolvedLinks[path] = r;
			this.unresolvedLinks[path] = u;
		}
	}
}

// ---------------------------------------------------------------------------------------------------------------
// File manager

export class FileManager {
	constructor(private readonly app: App) {}

	/**
	 * Reads the frontmatter as an object, lets `fn` change it, writes it back; the text after the closing fence is
	 * kept byte for byte, a note without frontmatter gets one. Invalid YAML throws and nothing is written.
	 */
	async processFrontMatter(file: TFile, fn: (frontmatter: Record<string, unknown>) => void): Promise<void> {
		await this.app.vault.process(file, (text) => {
			const lines = text.split('\n');
			let data: Record<string, unknown> = {};
			let body = text;
			// The frontmatter is written with the note's own line ending.
			const eol = lines[0] === '---\r' ? '\r\n' : '\n';
			if (lines[0]?.replace(/\r$/, '') === '---') {
				const end = lines.findIndex((l, i) => i > 0 && /^(?:---|\.\.\.)\r?$/.test(l));
				if (end > 0) {
					const parsed = parseYaml(lines.slice(1, end).join('\n'));
					if (parsed !== null && parsed !== undefined && (typeof parsed !== 'object' || Array.isArray(parsed)))
						throw new Error('Frontmatter is not a map');
					data = (parsed as Record<string, unknown> | null) ?? {};
					body = lines.slice(end + 1).join('\n');
				}
			}
			fn(data);
			return `---${eol}${stringifyYaml(data).replace(/\n/g, eol)}---${eol}${body}`;
		});
	}

	async renameFile(file: TAbstractFile, newPath: string): Promise<void> {
		await this.app.vault.rename(file, newPath);
	}

	/** The user's "Use [[Wikilinks]]" setting, off: links are written as Markdown links. */
	useMarkdownLinks = false;

	/** A link to `file` from `sourcePath` in the form the user's link settings give (as Obsidian documents it). */
	generateMarkdownLink(file: TFile, sourcePath: string, subpath = '', alias = ''): string {
		if (this.useMarkdownLinks) {
			const dest = encodeURI(this.app.metadataCache.fileToLinktext(file, sourcePath, false)) + subpath;
			return `[${alias || file.basename}](${dest})`;
		}
		const linktext = this.app.metadataCache.fileToLinktext(file, sourcePath);
		return `[[${linktext}${subpath}${alias ? `|${alias}` : ''}]]`;
	}

	getNewFileParent(): TFolder {
		return this.app.vault.getRoot();
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Workspace

export interface OpenViewState {
	eState?: Record<string, unknown>;
	active?: boolean;
}

export interface ViewState {
	type: string;
	active?: boolean;
	state?: Record<string, unknown>;
}

export class WorkspaceLeaf extends Events {
	view: View | null = null;
	readonly app: App;
	/** The DOM element the leaf's view lives in. */
	readonly containerEl: HTMLElement | null;

	constructor(
		private readonly workspace: Workspace,
		readonly newLeaf: boolean | string,
		readonly side: 'main' | 'right' | 'left' = 'main',
	) {
		super();
		this.app = workspace.app;
		this.containerEl =
			typeof document !== 'undefined' ? workspace.rootFor(side).createDiv({ cls: 'workspace-leaf' }) : null;
	}

	async openFile(file: TFile, openState?: OpenViewState): Promise<void> {
		this.workspace.opened.push({ path: file.path, newLeaf: this.newLeaf, eState: openState?.eState });
		this.workspace.setActiveFile(file);
		return Promise.resolve();
	}

	/** Opens a registered view type in this leaf: the view is built by its factory, attached, then onOpen runs. */
	/** As Obsidian does: opens the view (a new one when the type changes), then hands it `state.state`. */
	async setViewState(state: ViewState): Promise<void> {
		const factory = this.app.viewRegistry.get(state.type);
		if (!factory) throw new Error(`No view registered for ${state.type}`);
		if (this.view?.getViewType() !== state.type) {
			await this.view?.close();
			const view = factory(this);
			this.view = view;
			this.containerEl?.appendChild(view.containerEl);
			await view.open();
			this.workspace.trigger('layout-change');
		}
		if (state.state && this.view) await this.view.setState(state.state, { history: false });
	}

	/** The view's type and its state, as a workspace layout saves them. */
	getViewState(): ViewState {
		return this.view ? { type: this.view.getViewType(), state: this.view.getState() } : { type: 'empty' };
	}

	detach(): void {
		void this.view?.close();
		this.view = null;
		this.containerEl?.remove();
		this.workspace.removeLeaf(this);
	}
}

export class Workspace extends Events {
	private active: TFile | null = null;
	layoutReady = true;
	/** Test helper: how many times updateOptions was called (the editors reconfigured their extensions). */
	optionUpdates = 0;

	/** Reconfigures every editor with the registered extensions, as after a plugin changed its extension array. */
	updateOptions(): void {
		this.optionUpdates++;
	}
	/** The editor of the active note (obsidian.d.ts `activeEditor`); set by openInEditor in tests. */
	activeEditor: { file: TFile | null; editor: Editor } | null = null;
	/** Test helper: every file opened, in order. */
	opened: { path: string; newLeaf: boolean | string; eState?: Record<string, unknown> }[] = [];
	/** Test helper: the leaves that hold views. */
	leaves: WorkspaceLeaf[] = [];
	private readonly roots = new Map<string, HTMLElement>();

	constructor(readonly app: App) {
		super();
	}

	/** Test helper: the DOM container for a side of the workspace (created in document.body on first use). */
	rootFor(side: string): HTMLElement {
		let el = this.roots.get(side);
		if (!el || !el.isConnected) {
			el = document.body.createDiv({ cls: `workspace-split mod-${side === 'main' ? 'root' : side + '-split'}` });
			this.roots.set(side, el);
		}
		return el;
	}

	getActiveFile(): TFile | null {
		return this.active;
	}

	/** Test helper: the note open in an editor with this text (what the editor shows, saved or not). */
	openInEditor(file: TFile, text: string): Editor {
		const editor = new Editor(text);
		this.activeEditor = { file, editor };
		this.setActiveFile(file);
		return editor;
	}

	/** Test helper: makes a file the active one, as clicking it in the file explorer does. */
	setActiveFile(file: TFile | null): void {
		this.active = file;
		this.trigger('file-open', file);
	}

	getLeaf(newLeaf?: boolean | 'tab' | 'split' | 'window'): WorkspaceLeaf {
		const leaf = new WorkspaceLeaf(this, newLeaf ?? false, 'main');
		this.leaves.push(leaf);
		return leaf;
	}

	getRightLeaf(_split: boolean): WorkspaceLeaf {
		const leaf = new WorkspaceLeaf(this, false, 'right');
		this.leaves.push(leaf);
		return leaf;
	}

	getLeftLeaf(_split: boolean): WorkspaceLeaf {
		const leaf = new WorkspaceLeaf(this, false, 'left');
		this.leaves.push(leaf);
		return leaf;
	}

	removeLeaf(leaf: WorkspaceLeaf): void {
		this.leaves = this.leaves.filter((l) => l !== leaf);
	}

	getLeavesOfType(type: string): WorkspaceLeaf[] {
		return this.leaves.filter((l) => l.view?.getViewType() === type);
	}

	detachLeavesOfType(type: string): void {
		for (const l of this.getLeavesOfType(type)) l.detach();
	}

	async openLinkText(
		linktext: string,
		sourcePath: string,
		newLeaf?: boolean | 'tab',
		openState?: OpenViewState,
	): Promise<void> {
		const dest = this.app.metadataCache.getFirstLinkpathDest(linktext, sourcePath);
		if (dest) await this.getLeaf(newLeaf ?? false).openFile(dest, openState);
	}

	private readonly layoutWaiting: (() => unknown)[] = [];

	/** As obsidian.d.ts says: run now if the layout is ready, else once it is (finishLayout, in tests). */
	onLayoutReady(cb: () => unknown): void {
		if (this.layoutReady) cb();
		else this.layoutWaiting.push(cb);
	}

	/**
	 * Test helper: the app finishes loading (for a test that set `layoutReady = false` before the plugin loaded):
	 * the vault announces its files with 'create', then the layout is ready and the onLayoutReady callbacks run.
	 */
	finishLayout(): void {
		this.app.vault.announceLoaded();
		this.layoutReady = true;
		for (const cb of this.layoutWaiting.splice(0)) cb();
	}

	getActiveViewOfType(): null {
		return null;
	}

	async revealLeaf(): Promise<void> {
		return Promise.resolve();
	}

	iterateAllLeaves(cb: (leaf: WorkspaceLeaf) => unknown): void {
		for (const l of this.leaves) cb(l);
	}
}

// ---------------------------------------------------------------------------------------------------------------
// App, commands, plugins

export interface Command {
	id: string;
	name: string;
	icon?: string;
	hotkeys?: unknown[];
	callback?: () => unknown;
	checkCallback?: (checking: boolean) => boolean | void;
	editorCallback?: (...args: unknown[]) => unknown;
	editorCheckCallback?: (checking: boolean, ...args: unknown[]) => boolean | void;
}

export interface EditorPosition {
	line: number;
	ch: number;
}

export interface EditorChange {
	from: EditorPosition;
	to?: EditorPosition;
	text: string;
}

/**
 * The editor of a note, in memory, as obsidian.d.ts describes it: the text, the cursor, changes and transactions
 * (each one step of undo). Not the CodeMirror view: what a command reads and writes through `Editor`.
 */
export class Editor {
	private text: string;
	private cursor: EditorPosition = { line: 0, ch: 0 };
	private readonly history: { text: string; cursor: EditorPosition }[] = [];

	constructor(text: string) {
		this.text = text;
	}

	getValue(): string {
		return this.text;
	}

	setValue(text: string): void {
		this.history.push({ text: this.text, cursor: this.cursor });
		this.text = text;
	}

	lineCount(): number {
		return this.text.split('\n').length;
	}

	getLine(line: number): string {
		return (this.text.split('\n')[line] ?? '').replace(/\r$/, '');
	}

	getCursor(): EditorPosition {
		return { ...this.cursor };
	}

	setCursor(pos: EditorPosition | number, ch?: number): void {
		this.cursor = typeof pos === 'number' ? { line: pos, ch: ch ?? 0 } : { ...pos };
	}

	posToOffset(pos: EditorPosition): number {
		const lines = this.text.split('\n');
		let offset = 0;
		for (let k = 0; k < pos.line && k < lines.length; k++) offset += lines[k].length + 1;
		return offset + pos.ch;
	}

	/** Test helper: the last range scrolled into view. */
	scrolledTo: { from: EditorPosition; to: EditorPosition } | null = null;

	scrollIntoView(range: { from: EditorPosition; to: EditorPosition }, _center?: boolean): void {
		this.scrolledTo = range;
	}

	replaceRange(replacement: string, from: EditorPosition, to?: EditorPosition): void {
		this.transaction({ changes: [{ from, to, text: replacement }] });
	}

	/** Every change at once, then the selection: one step of undo. Changes are given in the text before any of them. */
	transaction(tx: { changes?: EditorChange[]; selection?: { from: EditorPosition; to?: EditorPosition } }): void {
		this.history.push({ text: this.text, cursor: this.cursor });
		// From the end, so earlier positions stay valid; changes at one position keep their order (as in CodeMirror).
		const changes = [...(tx.changes ?? [])]
			.reverse()
			.sort((a, b) => this.posToOffset(b.from) - this.posToOffset(a.from));
		let text = this.text;
		for (const c of changes) {
			const from = this.posToOffset(c.from);
			const to = c.to ? this.posToOffset(c.to) : from;
			text = text.slice(0, from) + c.text + text.slice(to);
		}
		this.text = text;
		if (tx.selection) this.cursor = { ...tx.selection.from };
	}

	undo(): void {
		const last = this.history.pop();
		if (!last) return;
		this.text = last.text;
		this.cursor = last.cursor;
	}
}

/** Test helper: the command registry (app.commands in Obsidian, not in obsidian.d.ts). */
export class Commands {
	commands: Record<string, Command> = {};
	constructor(private readonly workspace?: Workspace) {}

	/** The active editor and its note, as an editor command is given them. */
	private editorContext(): [Editor, { file: TFile | null; editor: Editor }] | null {
		const active = this.workspace?.activeEditor;
		return active ? [active.editor, active] : null;
	}

	/** As the palette runs a command: checkCallback(false) only when checkCallback(true) allows it. */
	executeCommandById(id: string): boolean {
		const c = this.commands[id];
		if (!c) return false;
		if (c.editorCheckCallback || c.editorCallback) {
			const ctx = this.editorContext();
			if (!ctx) return false;
			if (c.editorCheckCallback) {
				if (!c.editorCheckCallback(true, ...ctx)) return false;
				c.editorCheckCallback(false, ...ctx);
			} else c.editorCallback?.(...ctx);
			return true;
		}
		if (c.checkCallback) {
			if (!c.checkCallback(true)) return false;
			c.checkCallback(false);
			return true;
		}
		if (c.callback) {
			c.callback();
			return true;
		}
		return false;
	}

	/** The commands the palette would list now. */
	listCommands(): Command[] {
		return Object.values(this.commands).filter((c) => {
			if (c.editorCheckCallback || c.editorCallback) {
				const ctx = this.editorContext();
				return ctx !== null && (!c.editorCheckCallback || c.editorCheckCallback(true, ...ctx) === true);
			}
			return !c.checkCallback || c.checkCallback(true) === true;
		});
	}
}

let appCount = 0;

export class App {
	vault: Vault;
	metadataCache: MetadataCache;
	workspace: Workspace;
	fileManager: FileManager;
	/** Test helper: command registry. */
	commands: Commands;
	/** Test helper: each plugin's data.json, as JSON text. */
	pluginData = new Map<string, string>();
	/** Editor extensions registered by plugins (registerEditorExtension). */
	editorExtensions: Extension[] = [];
	/** Code block processors registered by plugins, by language. */
	codeBlocks = new Map<
		string,
		(source: string, el: HTMLElement, ctx: MarkdownPostProcessorContext) => Promise<unknown> | void
	>();
	/** Test helper: ribbon icons and setting tabs added by plugins. */
	ribbon: { icon: string; title: string; el: HTMLElement | null; callback: (evt: MouseEvent) => unknown }[] = [];
	settingTabs: PluginSettingTab[] = [];
	/** Test helper: hover-link sources registered by plugins. */
	hoverLinkSources = new Map<string, { display: string; defaultMod: boolean }>();
	/** Test helper: view factories registered by plugins. */
	viewRegistry = new Map<string, (leaf: WorkspaceLeaf) => View>();
	/**
	 * Obsidian's id of the vault (at run time, not in obsidian.d.ts): each app its own, as each vault has. A test
	 * restarting "the same vault" gives the new app the old one's id (its IndexedDB databases are then the same).
	 */
	appId = `test-vault-${++appCount}`;

	constructor() {
		this.vault = new Vault();
		this.metadataCache = new MetadataCache(this.vault);
		this.workspace = new Workspace(this);
		this.fileManager = new FileManager(this);
		this.commands = new Commands(this.workspace);
	}
}

/** Test helper: an app with a vault holding these files. */
export function createApp(files: Record<string, string> = {}): App {
	const app = new App();
	app.vault.seed(files);
	return app;
}

export interface PluginManifest {
	id: string;
	name: string;
	version: string;
	minAppVersion: string;
	description: string;
	author: string;
	isDesktopOnly?: boolean;
	/** The plugin's folder in the config folder; set by the app for loaded plugins. */
	dir?: string;
}

export class Component {
	private cleanups: (() => void)[] = [];
	private loaded = false;

	load(): void {
		if (this.loaded) return;
		this.loaded = true;
		void (this as unknown as { onload?: () => unknown }).onload?.();
	}

	unload(): void {
		if (!this.loaded) return;
		this.loaded = false;
		for (const c of this.cleanups.splice(0).reverse()) c();
		(this as unknown as { onunload?: () => unknown }).onunload?.();
	}

	register(cb: () => unknown): void {
		this.cleanups.push(() => void cb());
	}

	registerEvent(ref: EventRef): void {
		this.cleanups.push(() => ref.e.offref(ref));
	}

	registerDomEvent(el: EventTarget, type: string, cb: (evt: Event) => unknown): void {
		el.addEventListener(type, cb);
		this.cleanups.push(() => el.removeEventListener(type, cb));
	}

	registerInterval(id: number): number {
		this.cleanups.push(() => clearInterval(id));
		return id;
	}
}

export class Plugin extends Component {
	constructor(
		public app: App,
		public manifest: PluginManifest,
	) {
		super();
	}

	/** Registers under "<plugin id>:<command id>", as Obsidian does. */
	addCommand(command: Command): Command {
		const full = { ...command, id: `${this.manifest.id}:${command.id}` };
		this.app.commands.commands[full.id] = full;
		this.register(() => delete this.app.commands.commands[full.id]);
		return full;
	}

	addRibbonIcon(icon: string, title: string, callback: (evt: MouseEvent) => unknown): HTMLElement {
		const el = typeof document !== 'undefined' ? document.createElement('div') : (null as unknown as HTMLElement);
		el?.setAttribute('aria-label', title);
		el?.addEventListener('click', (e) => callback(e));
		this.app.ribbon.push({ icon, title, el, callback });
		return el;
	}

	addSettingTab(tab: PluginSettingTab): void {
		this.app.settingTabs.push(tab);
	}

	addStatusBarItem(): HTMLElement {
		return document.createElement('div');
	}

	/** Test helper record: hover-link sources (page preview) registered by plugins. */
	registerHoverLinkSource(id: string, info: { display: string; defaultMod: boolean }): void {
		this.app.hoverLinkSources.set(id, info);
		this.register(() => this.app.hoverLinkSources.delete(id));
	}

	/**
	 * As obsidian.d.ts says: the extension (often an array the plugin changes in place, then calls
	 * workspace.updateOptions) is part of every editor until the plugin unloads. Test helper: app.editorExtensions.
	 */
	registerEditorExtension(extension: Extension): void {
		this.app.editorExtensions.push(extension);
		this.register(() => this.app.editorExtensions.splice(this.app.editorExtensions.indexOf(extension), 1));
	}

	/**
	 * As obsidian.d.ts says: the handler renders each code block of that language in reading view. Test helper:
	 * app.codeBlocks, and renderCodeBlock() below, which runs a handler as the reading view does.
	 */
	registerMarkdownCodeBlockProcessor(
		language: string,
		handler: (source: string, el: HTMLElement, ctx: MarkdownPostProcessorContext) => Promise<unknown> | void,
	): void {
		this.app.codeBlocks.set(language, handler);
		this.register(() => this.app.codeBlocks.delete(language));
	}

	registerView(type: string, factory: (leaf: WorkspaceLeaf) => View): void {
		this.app.viewRegistry.set(type, factory);
		this.register(() => {
			this.app.viewRegistry.delete(type);
			this.app.workspace.detachLeavesOfType(type);
		});
	}

	async loadData(): Promise<unknown> {
		const raw = this.app.pluginData.get(this.manifest.id);
		return Promise.resolve(raw === undefined ? null : (JSON.parse(raw) as unknown));
	}

	async saveData(data: unknown): Promise<void> {
		this.app.pluginData.set(this.manifest.id, JSON.stringify(data ?? null));
		return Promise.resolve();
	}
}

// ---------------------------------------------------------------------------------------------------------------
// UI: notices, modals, settings

/** Test helper: every notice shown, newest last. */
/** A menu item (obsidian.d.ts MenuItem): what addItem's callback sets, drawn when the menu shows. */
export class MenuItem {
	title = '';
	checked: boolean | null = null;
	disabled = false;
	icon: string | null = null;
	section = '';
	callback: ((evt: MouseEvent | KeyboardEvent) => unknown) | null = null;

	setTitle(title: string | DocumentFragment): this {
		this.title = typeof title === 'string' ? title : (title.textContent ?? '');
		return this;
	}
	setIcon(icon: string | null): this {
		this.icon = icon;
		return this;
	}
	setChecked(checked: boolean | null): this {
		this.checked = checked;
		return this;
	}
	setDisabled(disabled: boolean): this {
		this.disabled = disabled;
		return this;
	}
	setWarning(_isWarning: boolean): this {
		return this;
	}
	setIsLabel(_isLabel: boolean): this {
		return this;
	}
	setSection(section: string): this {
		this.section = section;
		return this;
	}
	onClick(callback: (evt: MouseEvent | KeyboardEvent) => unknown): this {
		this.callback = callback;
		return this;
	}
}

/**
 * A context menu (obsidian.d.ts Menu): items and separators, shown in document.body as `.menu` with one
 * `.menu-item` per item (`mod-checked`, `is-disabled`); a click runs the item and closes the menu, as does Escape.
 */
export class Menu extends Component {
	readonly items: (MenuItem | 'separator')[] = [];
	/** Test helper: the menu shown, or null. */
	dom: HTMLElement | null = null;
	private hidden: (() => unknown)[] = [];
	/** Test helper: the menu shown last. */
	static last: Menu | null = null;

	setNoIcon(): this {
		return this;
	}
	setUseNativeMenu(_useNativeMenu: boolean): this {
		return this;
	}
	addItem(cb: (item: MenuItem) => unknown): this {
		const item = new MenuItem();
		cb(item);
		this.items.push(item);
		return this;
	}
	addSeparator(): this {
		this.items.push('separator');
		return this;
	}
	showAtMouseEvent(evt: MouseEvent): this {
		return this.showAtPosition({ x: evt.clientX, y: evt.clientY });
	}
	showAtPosition(position: { x: number; y: number }, doc: Document = document): this {
		this.hide();
		const dom = doc.body.createDiv({ cls: 'menu', attr: { role: 'menu' } });
		dom.setCssProps({ left: `${position.x}px`, top: `${position.y}px` });
		for (const item of this.items) {
			if (item === 'separator') {
				dom.createDiv({ cls: 'menu-separator' });
				continue;
			}
			const el = dom.createDiv({
				cls: ['menu-item', ...(item.checked ? ['mod-checked'] : []), ...(item.disabled ? ['is-disabled'] : [])],
				attr: {
					role: item.checked === null ? 'menuitem' : 'menuitemcheckbox',
					'aria-checked': item.checked === null ? null : String(item.checked),
					'aria-disabled': item.disabled ? 'true' : null,
				},
			});
			el.createDiv({ cls: 'menu-item-title', text: item.title });
			el.addEventListener('click', (e) => {
				if (item.disabled) return;
				this.hide();
				item.callback?.(e);
			});
		}
		dom.addEventListener('keydown', (e) => {
			if (e.key === 'Escape') this.hide();
		});
		// As Obsidian does: a menu that would run off the window is moved back inside it.
		const win = doc.defaultView;
		const box = dom.getBoundingClientRect();
		if (win && box.height > 0) {
			const x = Math.max(0, Math.min(position.x, win.innerWidth - box.width));
			const y = Math.max(0, Math.min(position.y, win.innerHeight - box.height));
			dom.setCssProps({ left: `${x}px`, top: `${y}px` });
		}
		this.dom = dom;
		Menu.last = this;
		return this;
	}
	hide(): this {
		if (!this.dom) return this;
		this.dom.remove();
		this.dom = null;
		for (const cb of this.hidden.splice(0)) cb();
		return this;
	}
	close(): void {
		this.hide();
	}
	onHide(callback: () => unknown): void {
		this.hidden.push(callback);
	}
}

export const notices: string[] = [];

export class Notice {
	noticeEl: HTMLElement | null = null;
	message: string;
	constructor(message: string | DocumentFragment, _duration?: number) {
		this.message = typeof message === 'string' ? message : (message.textContent ?? '');
		notices.push(this.message);
	}
	setMessage(message: string | DocumentFragment): this {
		this.message = typeof message === 'string' ? message : (message.textContent ?? '');
		notices.push(this.message);
		return this;
	}
	hide(): void {}
}

export class Modal {
	containerEl: HTMLElement;
	modalEl: HTMLElement;
	titleEl: HTMLElement;
	contentEl: HTMLElement;

	constructor(public app: App) {
		this.containerEl = document.createElement('div');
		this.containerEl.className = 'modal-container';
		this.modalEl = this.containerEl.createDiv({ cls: 'modal' });
		this.titleEl = this.modalEl.createDiv({ cls: 'modal-title' });
		this.contentEl = this.modalEl.createDiv({ cls: 'modal-content' });
	}

	open(): void {
		document.body.appendChild(this.containerEl);
		void (this as unknown as { onOpen: () => unknown }).onOpen();
	}

	close(): void {
		this.containerEl.remove();
		this.onClose();
	}

	setTitle(title: string): this {
		this.titleEl.setText(title);
		return this;
	}

	onOpen(): void | Promise<void> {}
	onClose(): void {}
}

/**
 * A modal that lists suggestions for what is typed, as obsidian.d.ts describes SuggestModal: getSuggestions for the
 * query, renderSuggestion for each, onChooseSuggestion when one is clicked (or chosen with Enter, the first).
 */
export abstract class SuggestModal<T> extends Modal {
	inputEl: HTMLInputElement;
	resultContainerEl: HTMLElement;

	constructor(app: App) {
		super(app);
		this.inputEl = this.modalEl.createEl('input', { type: 'text', cls: 'prompt-input' });
		this.resultContainerEl = this.modalEl.createDiv({ cls: 'prompt-results' });
		this.inputEl.addEventListener('input', () => void this.update());
		this.inputEl.addEventListener('keydown', (e) => {
			if (e.key !== 'Enter') return;
			const first = this.resultContainerEl.querySelector<HTMLElement>('.suggestion-item');
			first?.click();
		});
	}

	abstract getSuggestions(query: string): T[] | Promise<T[]>;
	abstract renderSuggestion(value: T, el: HTMLElement): void;
	abstract onChooseSuggestion(item: T, evt: MouseEvent | KeyboardEvent): void;

	setPlaceholder(placeholder: string): void {
		this.inputEl.placeholder = placeholder;
	}

	open(): void {
		super.open();
		void this.update();
	}

	private async update(): Promise<void> {
		const items = await this.getSuggestions(this.inputEl.value);
		this.resultContainerEl.empty();
		for (const item of items) {
			const el = this.resultContainerEl.createDiv({ cls: 'suggestion-item' });
			this.renderSuggestion(item, el);
			el.addEventListener('click', (evt) => {
				this.close();
				this.onChooseSuggestion(item, evt);
			});
		}
	}
}

export abstract class BaseComponent {
	disabled = false;
	setDisabled(disabled: boolean): this {
		this.disabled = disabled;
		return this;
	}
}

abstract class ValueComponent<T> extends BaseComponent {
	abstract getValue(): T;
	abstract setValue(value: T): this;
}

/** Text inputs and text areas behave alike: value, placeholder, and onChange on every input event. */
abstract class AbstractTextComponent<E extends HTMLInputElement | HTMLTextAreaElement> extends ValueComponent<string> {
	constructor(public inputEl: E) {
		super();
	}
	getValue(): string {
		return this.inputEl.value;
	}
	setValue(value: string): this {
		this.inputEl.value = value;
		return this;
	}
	setPlaceholder(p: string): this {
		this.inputEl.placeholder = p;
		return this;
	}
	/** As Obsidian's: the input itself is disabled. */
	setDisabled(disabled: boolean): this {
		super.setDisabled(disabled);
		this.inputEl.disabled = disabled;
		return this;
	}
	onChange(cb: (value: string) => unknown): this {
		this.inputEl.addEventListener('input', () => void cb(this.inputEl.value));
		return this;
	}
}

export class TextComponent extends AbstractTextComponent<HTMLInputElement> {
	constructor(containerEl: HTMLElement) {
		super(containerEl.createEl('input', { type: 'text' }));
	}
}

export class TextAreaComponent extends AbstractTextComponent<HTMLTextAreaElement> {
	constructor(containerEl: HTMLElement) {
		super(containerEl.createEl('textarea'));
	}
}

export class ToggleComponent extends ValueComponent<boolean> {
	toggleEl: HTMLElement;
	private value = false;
	private handlers: ((v: boolean) => unknown)[] = [];
	constructor(containerEl: HTMLElement) {
		super();
		this.toggleEl = containerEl.createDiv({ cls: 'checkbox-container', attr: { role: 'switch', tabindex: 0 } });
		this.toggleEl.addEventListener('click', () => {
			this.setValue(!this.value);
			for (const h of this.handlers) void h(this.value);
		});
	}
	getValue(): boolean {
		return this.value;
	}
	setValue(on: boolean): this {
		this.value = on;
		this.toggleEl.classList.toggle('is-enabled', on);
		this.toggleEl.setAttribute('aria-checked', String(on));
		return this;
	}
	onChange(cb: (value: boolean) => unknown): this {
		this.handlers.push(cb);
		return this;
	}
}

export class DropdownComponent extends ValueComponent<string> {
	selectEl: HTMLSelectElement;
	constructor(containerEl: HTMLElement) {
		super();
		this.selectEl = containerEl.createEl('select', { cls: 'dropdown' });
	}
	addOption(value: string, display: string): this {
		this.selectEl.createEl('option', { value, text: display });
		return this;
	}
	addOptions(options: Record<string, string>): this {
		for (const [k, v] of Object.entries(options)) this.addOption(k, v);
		return this;
	}
	getValue(): string {
		return this.selectEl.value;
	}
	setValue(value: string): this {
		this.selectEl.value = value;
		return this;
	}
	onChange(cb: (value: string) => unknown): this {
		this.selectEl.addEventListener('change', () => void cb(this.selectEl.value));
		return this;
	}
}

export class ButtonComponent extends BaseComponent {
	buttonEl: HTMLButtonElement;
	constructor(containerEl: HTMLElement) {
		super();
		this.buttonEl = containerEl.createEl('button');
	}
	setButtonText(text: string): this {
		this.buttonEl.textContent = text;
		return this;
	}
	setCta(): this {
		this.buttonEl.classList.add('mod-cta');
		return this;
	}
	setWarning(): this {
		this.buttonEl.classList.add('mod-warning');
		return this;
	}
	setIcon(icon: string): this {
		this.buttonEl.setAttribute('data-icon', icon);
		return this;
	}
	setTooltip(t: string): this {
		this.buttonEl.setAttribute('aria-label', t);
		return this;
	}
	onClick(cb: (evt: MouseEvent) => unknown): this {
		this.buttonEl.addEventListener('click', (e) => void cb(e));
		return this;
	}
}

export class ExtraButtonComponent extends ButtonComponent {}

export class Setting {
	settingEl: HTMLElement;
	infoEl: HTMLElement;
	nameEl: HTMLElement;
	descEl: HTMLElement;
	controlEl: HTMLElement;
	components: BaseComponent[] = [];

	constructor(containerEl: HTMLElement) {
		this.settingEl = containerEl.createDiv({ cls: 'setting-item' });
		this.infoEl = this.settingEl.createDiv({ cls: 'setting-item-info' });
		this.nameEl = this.infoEl.createDiv({ cls: 'setting-item-name' });
		this.descEl = this.infoEl.createDiv({ cls: 'setting-item-description' });
		this.controlEl = this.settingEl.createDiv({ cls: 'setting-item-control' });
	}

	setName(name: string | DocumentFragment): this {
		if (typeof name === 'string') this.nameEl.setText(name);
		else this.nameEl.appendChild(name);
		return this;
	}

	setDesc(desc: string | DocumentFragment): this {
		if (typeof desc === 'string') this.descEl.setText(desc);
		else this.descEl.appendChild(desc);
		return this;
	}

	setClass(cls: string): this {
		this.settingEl.addClass(cls);
		return this;
	}

	setHeading(): this {
		this.settingEl.addClass('setting-item-heading');
		return this;
	}

	setDisabled(disabled: boolean): this {
		this.settingEl.toggleClass('is-disabled', disabled);
		return this;
	}

	private add<C extends BaseComponent>(c: C, cb: (c: C) => unknown): this {
		this.components.push(c);
		cb(c);
		return this;
	}

	addText(cb: (c: TextComponent) => unknown): this {
		return this.add(new TextComponent(this.controlEl), cb);
	}
	addTextArea(cb: (c: TextAreaComponent) => unknown): this {
		return this.add(new TextAreaComponent(this.controlEl), cb);
	}
	addSearch(cb: (c: TextComponent) => unknown): this {
		return this.add(new TextComponent(this.controlEl), cb);
	}
	addToggle(cb: (c: ToggleComponent) => unknown): this {
		return this.add(new ToggleComponent(this.controlEl), cb);
	}
	addDropdown(cb: (c: DropdownComponent) => unknown): this {
		return this.add(new DropdownComponent(this.controlEl), cb);
	}
	addButton(cb: (c: ButtonComponent) => unknown): this {
		return this.add(new ButtonComponent(this.controlEl), cb);
	}
	addExtraButton(cb: (c: ExtraButtonComponent) => unknown): this {
		return this.add(new ExtraButtonComponent(this.controlEl), cb);
	}
}

export abstract class PluginSettingTab {
	containerEl: HTMLElement;
	constructor(
		public app: App,
		public plugin: Plugin,
	) {
		this.containerEl =
			typeof document !== 'undefined' ? document.createElement('div') : (null as unknown as HTMLElement);
	}
	abstract display(): void;
	hide(): void {}
}

// Views: a View is a Component living in a leaf; ItemView's containerEl holds a header and contentEl, as in Obsidian.
export abstract class View extends Component {
	app: App;
	containerEl: HTMLElement;
	constructor(public leaf: WorkspaceLeaf) {
		super();
		this.app = leaf.app;
		this.containerEl =
			typeof document !== 'undefined' ? document.createElement('div') : (null as unknown as HTMLElement);
		this.containerEl?.addClass('workspace-leaf-content');
	}
	abstract getViewType(): string;
	getDisplayText(): string {
		return '';
	}
	getIcon(): string {
		return '';
	}
	/** What a workspace layout saves of the view (obsidian.d.ts: View.getState). */
	getState(): Record<string, unknown> {
		return {};
	}
	/** Applies a saved state (obsidian.d.ts: View.setState), after the view opened. */
	setState(_state: unknown, _result: { history: boolean }): Promise<void> {
		return Promise.resolve();
	}
	/** As obsidian.d.ts: View.onOpen and View.onClose exist (doing nothing) for a subclass to extend. */
	protected onOpen(): Promise<void> {
		return Promise.resolve();
	}
	protected onClose(): Promise<void> {
		return Promise.resolve();
	}
	/** Test helper: what Obsidian does when a leaf opens the view. */
	async open(): Promise<void> {
		this.load();
		await this.onOpen();
	}
	async close(): Promise<void> {
		await this.onClose();
		this.unload();
		this.containerEl?.remove();
	}
}
export abstract class ItemView extends View {
	contentEl: HTMLElement;
	constructor(leaf: WorkspaceLeaf) {
		super(leaf);
		this.containerEl?.createDiv({ cls: 'view-header' });
		this.contentEl = this.containerEl?.createDiv({ cls: 'view-content' });
	}
}
export class MarkdownView extends ItemView {
	file: TFile | null = null;
	getViewType(): string {
		return 'markdown';
	}
}

/** What a code block processor is handed about the note it renders in (obsidian.d.ts). */
export interface MarkdownPostProcessorContext {
	docId: string;
	sourcePath: string;
	frontmatter: unknown;
	addChild(child: MarkdownRenderChild): void;
	getSectionInfo(el: HTMLElement): null;
}

/** A rendered part of a note's reading view: loaded with it, unloaded when the view re-renders or closes. */
export class MarkdownRenderChild extends Component {
	constructor(public containerEl: HTMLElement) {
		super();
	}
}

/**
 * Test helper: renders a code block as the reading view does — the handler into a fresh element, its children
 * loaded; the returned function unloads them (the note closed or re-rendered).
 */
export async function renderCodeBlock(
	app: App,
	language: string,
	source: string,
	sourcePath: string,
): Promise<{ el: HTMLElement; unload: () => void }> {
	const handler = app.codeBlocks.get(language);
	if (!handler) throw new Error(`no code block processor for ${language}`);
	const el = document.body.createDiv({ cls: 'markdown-rendered' });
	const children: MarkdownRenderChild[] = [];
	await handler(source, el, {
		docId: 'test',
		sourcePath,
		frontmatter: null,
		addChild: (c) => {
			children.push(c);
			c.load();
		},
		getSectionInfo: () => null,
	});
	return {
		el,
		unload: () => {
			for (const c of children) c.unload();
		},
	};
}
