#!/usr/bin/env node
// The views in real headless Chromium: loads the built main.js with the in-memory Obsidian stand-in (bundled for
// the browser), opens the dashboard and the action-item pane on the example vault, checks rows, charts, filters,
// sorting, opening a note, ticking an item, the note inspector and the create modal's "Start now", and that hostile
// note text never becomes markup; saves screenshots of the views in light and dark themes to docs/.
// Usage: node tests/e2e/run.mjs (after npm run build).
/* global CodeMirror, ObsidianStub -- the page's editor packages and the stand-in, in page.evaluate */
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import esbuild from 'esbuild';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'incident-rca-e2e-'));
// Screenshots land in docs/ only when asked: a plain run (CI's) takes them in its temp folder, so the tracked
// images change only on purpose.
const UPDATE = process.argv.includes('--update-screenshots');
const shotsDir = UPDATE ? path.join(root, 'docs') : work;
/** A screenshot of `target` (a locator) as docs/<name>.png, or in the temp folder when not updating. */
function shot(target, name) {
	return target.screenshot({ path: path.join(shotsDir, `${name.replace(/\.png$/, '')}.png`) });
}
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
	if (ok) passed++;
	else failed++;
	console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

function vaultFiles(dir) {
	const out = {};
	const walk = (d, rel) => {
		for (const name of readdirSync(d).sort()) {
			if (name.startsWith('.')) continue;
			const full = path.join(d, name);
			const r = rel ? `${rel}/${name}` : name;
			if (statSync(full).isDirectory()) walk(full, r);
			// .txt reports stay .txt: Obsidian does not show them as notes (the CLI reads them), and neither does the plugin.
			else if (/\.(md|txt)$/.test(name)) out[r] = readFileSync(full, 'utf8');
		}
	};
	walk(dir, '');
	return out;
}

// A note written to attack the views: every field that reaches the screen carries markup or script.
const HOSTILE = {
	'Incidents/2025-09-01-hostile.md': [
		'---',
		'title: "<img src=x onerror=\\"window.__xss=1\\">Hostile <script>window.__xss=2</script>"',
		'date: 2025-09-01',
		'severity: "<b>SEV1</b>"',
		'status: "<i>open</i>"',
		'services: ["<svg onload=window.__xss=3>", "javascript:alert(1)"]',
		'---',
		'## Timeline',
		'- 10:00 <img src=x onerror="window.__xss=4"> alert',
		'- 10:30 resolved',
		'## Action Items',
		'- [ ] <img src=x onerror="window.__xss=5">Fix [[javascript:alert(1)|click me]] @<b>eve</b> 📅 2025-09-10',
		'- [ ] ' + 'A'.repeat(10000),
	].join('\n'),
};

async function buildPage(files, name) {
	// The editor packages Obsidian provides, once for the page: the stand-in and main.js must share one copy.
	const codemirror = await esbuild.build({
		stdin: {
			contents: "export * as state from '@codemirror/state'; export * as view from '@codemirror/view';",
			resolveDir: root,
		},
		bundle: true,
		format: 'iife',
		globalName: 'CodeMirror',
		platform: 'browser',
		write: false,
		logLevel: 'silent',
	});
	writeFileSync(path.join(work, 'codemirror.js'), codemirror.outputFiles[0].text);
	const stub = await esbuild.build({
		entryPoints: [path.join(root, 'tests/stubs/obsidian.ts')],
		bundle: true,
		format: 'iife',
		globalName: 'ObsidianStub',
		platform: 'browser',
		external: ['@codemirror/*'],
		write: false,
		logLevel: 'silent',
	});
	writeFileSync(path.join(work, 'obsidian-stub.js'), stub.outputFiles[0].text);
	writeFileSync(path.join(work, 'main.js'), readFileSync(path.join(root, 'main.js')));
	writeFileSync(path.join(work, 'styles.css'), readFileSync(path.join(root, 'styles.css')));
	writeFileSync(path.join(work, 'theme.css'), readFileSync(path.join(root, 'tests/e2e/theme.css')));
	writeFileSync(path.join(work, `${name}-vault.js`), `window.VAULT = ${JSON.stringify(files)};`);
	const html = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="theme.css"><link rel="stylesheet" href="styles.css"></head>
<body class="theme-light">
<script src="codemirror.js"></script>
<script>window.module = { exports: {} }; window.exports = window.module.exports; window.require = (n) => { if (n === 'obsidian') return ObsidianStub; if (n === '@codemirror/state') return CodeMirror.state; if (n === '@codemirror/view') return CodeMirror.view; throw new Error('main.js required ' + n); };</script>
<script src="obsidian-stub.js"></script>
<script src="main.js"></script>
<script src="${name}-vault.js"></script>
<script>
(async () => {
  try {
    const app = ObsidianStub.createApp(window.VAULT);
    const Plugin = module.exports.default;
    const plugin = new Plugin(app, { id: 'incident-rca', name: 'Incident RCA', version: '0', minAppVersion: '0', description: '', author: '' });
    await plugin.saveData({ myName: 'Olu Adeyemi' });
    await plugin.onload();
    for (let i = 0; i < 50 && !plugin.indexer.ready; i++) await new Promise((r) => setTimeout(r, 20));
    await plugin.openDashboard();
    await plugin.openActionItems();
    window.__app = app;
    window.__plugin = plugin;
    window.__ready = true;
  } catch (e) { window.__error = String(e && e.stack || e); }
})();
</script></body></html>`;
	const file = path.join(work, `${name}.html`);
	writeFileSync(file, html);
	return `file://${file}`;
}

async function main() {
	if (!existsSync(path.join(root, 'main.js'))) throw new Error('main.js not built: run npm run build first');
	if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
	const profile = mkdtempSync(path.join(tmpdir(), 'incident-rca-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: { width: 1440, height: 900 },
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	try {
		const page = await context.newPage();
		const errors = [];
		page.on('pageerror', (e) => errors.push(String(e)));
		const vault = vaultFiles(path.join(root, 'examples/vault'));
		await page.goto(await buildPage(vault, 'example'));
		await page.waitForFunction(() => window.__ready || window.__error, null, { timeout: 20000 });
		const loadError = await page.evaluate(() => window.__error ?? null);
		check('main.js loads and opens both views', loadError === null, loadError ?? '');
		if (loadError) return;

		// The index cache in the browser's own IndexedDB: written after the first scan, and a second start of the same
		// vault takes every note from it (nothing written to the plugin folder).
		const cache = await page.evaluate(async () => {
			await window.__plugin.indexer.saveCache();
			const names = (await indexedDB.databases()).map((d) => d.name);
			const again = ObsidianStub.createApp(window.VAULT);
			again.appId = window.__app.appId;
			const Plugin = module.exports.default;
			const second = new Plugin(again, window.__plugin.manifest);
			await second.onload();
			for (let i = 0; i < 100 && !second.indexer.ready; i++) await new Promise((r) => setTimeout(r, 20));
			const result = {
				names,
				first: window.__plugin.indexer.lastScan,
				second: second.indexer.lastScan,
				files: [...window.__app.vault.hidden.keys()],
			};
			second.unload();
			return result;
		});
		check(
			'the index cache is kept in IndexedDB and a restart takes every note from it',
			cache.names.includes(`incident-rca/index/${'test-vault-1'}`) &&
				cache.second.parsed === 0 &&
				cache.second.cached === cache.first.parsed + cache.first.cached &&
				!cache.files.some((f) => f.endsWith('index-cache.json')),
			JSON.stringify(cache),
		);

		const dash = page.locator('.mod-root .incident-rca-dashboard');
		const rows = dash.locator('.incident-rca-tr');
		// 8 of the 10: the two .txt reports of the example vault are read by the CLI, not shown as notes by Obsidian.
		check('dashboard lists the 8 example incident notes', (await rows.count()) === 8, `rows: ${await rows.count()}`);
		check('three SVG charts', (await dash.locator('svg.incident-rca-chart').count()) === 3);
		check('per-month chart has bars', (await dash.locator('svg.is-per-month rect.incident-rca-bar').count()) > 0);
		const cards = await dash.locator('.incident-rca-card-value').allTextContents();
		check('summary counts 8 incidents', cards[0] === '8', cards.join(' | '));

		await dash.locator('input[data-filter="text"]').fill('certificate');
		const filtered = await rows.count();
		check('text filter narrows the table', filtered > 0 && filtered < 8, `rows: ${filtered}`);
		await dash.locator('input[data-filter="text"]').fill('');
		await dash.locator('select[data-filter="severity"]').selectOption('SEV2');
		const sev = await dash.locator('.incident-rca-tr .is-severity').allTextContents();
		check('severity filter keeps only SEV2', sev.length > 0 && sev.every((s) => s === 'SEV2'), sev.join(','));
		await dash.locator('select[data-filter="severity"]').selectOption('');

		await dash.locator('.incident-rca-th button', { hasText: 'Incident' }).click();
		const titles = await dash.locator('.incident-rca-tr .is-title a').allTextContents();
		const sorted = [...titles].sort((a, b) => a.localeCompare(b));
		check('sorting by the Incident column orders titles', JSON.stringify(titles) === JSON.stringify(sorted));
		await dash.locator('.incident-rca-th button', { hasText: 'Date' }).click();
		await dash.locator('.incident-rca-th button', { hasText: 'Date' }).click();

		const first = dash.locator('.incident-rca-tr .is-title a').first();
		const href = await first.getAttribute('data-href');
		await first.click();
		const opened = await page.evaluate(() => window.__app.workspace.opened.at(-1));
		check(
			'clicking a title opens its note',
			opened && opened.path === href && opened.newLeaf === false,
			JSON.stringify(opened),
		);
		await first.click({ modifiers: ['Control'] });
		const openedTab = await page.evaluate(() => window.__app.workspace.opened.at(-1));
		check('Ctrl-click opens it in a new tab', openedTab && openedTab.newLeaf === 'tab');

		const pane = page.locator('.mod-right-split .incident-rca-actions');
		const items = pane.locator('.incident-rca-item');
		check('action-item pane lists open items', (await items.count()) > 0, `items: ${await items.count()}`);
		check('overdue items are highlighted', (await pane.locator('.incident-rca-item.is-overdue').count()) > 0);

		// Screenshots before ticking, in both themes.
		mkdirSync(path.join(root, 'docs'), { recursive: true });
		for (const theme of ['light', 'dark']) {
			await page.evaluate((t) => (document.body.className = `theme-${t}`), theme);
			await shot(page.locator('.mod-root'), `dashboard-${theme}.png`);
			await shot(page.locator('.mod-right-split'), `action-items-${theme}.png`);
		}
		await page.evaluate(() => (document.body.className = 'theme-light'));
		check(
			'screenshots saved',
			['dashboard-light', 'dashboard-dark', 'action-items-light', 'action-items-dark'].every((n) =>
				existsSync(path.join(shotsDir, `${n}.png`)),
			),
		);

		// The problems of a note: its count in the table opens them, each with its message and line.
		await dash.locator('.incident-rca-td.is-problems.is-clickable').first().click();
		const problems = page.locator('.modal.incident-rca-problems, .modal:has(.incident-rca-problems)').last();
		await page.locator('.incident-rca-problems li').first().waitFor({ timeout: 5000 });
		check(
			'the problems cell lists the note’s problems with their lines',
			(await page.locator('.incident-rca-problems li .incident-rca-line').count()) > 0,
		);
		await shot(problems, 'problems.png');
		await page.evaluate(() => document.querySelector('.modal-container')?.remove());

		// The table: as tall as the view leaves, its header sticky, its columns fitted and chosen from the registry.
		const tableFits = await page.evaluate(() => {
			const view = document.querySelector('.mod-root .incident-rca-dashboard');
			const grid = view.querySelector('.incident-rca-rows');
			view.scrollTop = view.scrollHeight;
			const v = view.getBoundingClientRect();
			const g = grid.getBoundingClientRect();
			const bar = view.querySelector('.incident-rca-tablebar').getBoundingClientRect();
			return {
				viewTop: v.top,
				viewBottom: v.bottom,
				barTop: bar.top,
				gridBottom: g.bottom,
				rowsFit: grid.scrollHeight <= grid.clientHeight,
			};
		});
		check(
			'scrolled to the table, its bar and rows fit in the view (no rows cut off below it)',
			tableFits.gridBottom <= tableFits.viewBottom + 1 && tableFits.barTop >= tableFits.viewTop - 1,
			JSON.stringify(tableFits),
		);
		await page.setViewportSize({ width: 1440, height: 300 });
		await page.waitForTimeout(150);
		const sticky = await page.evaluate(() => {
			const grid = document.querySelector('.mod-root .incident-rca-rows');
			grid.scrollTop = grid.scrollHeight;
			return new Promise((resolve) =>
				requestAnimationFrame(() =>
					requestAnimationFrame(() => {
						const g = grid.getBoundingClientRect();
						const head = grid.querySelector('.incident-rca-thead').getBoundingClientRect();
						const rows = [...grid.querySelectorAll('.incident-rca-tr')];
						const last = rows[rows.length - 1].getBoundingClientRect();
						resolve({
							scrolled: grid.scrollTop,
							headTop: head.top,
							gridTop: g.top,
							lastBottom: last.bottom,
							gridBottom: g.top + grid.clientHeight,
							lastIndex: rows[rows.length - 1].getAttribute('data-index'),
						});
					}),
				),
			);
		});
		check(
			'in a short view the rows scroll under a sticky header, and the last row shows whole',
			sticky.scrolled > 0 &&
				Math.abs(sticky.headTop - sticky.gridTop) <= 1 &&
				sticky.lastIndex === '7' &&
				sticky.lastBottom <= sticky.gridBottom + 1,
			JSON.stringify(sticky),
		);
		await page.setViewportSize({ width: 1440, height: 900 });
		await dash.locator('.incident-rca-tablebar button', { hasText: 'Columns' }).click();
		const menuLabels = await page.locator('.menu .menu-item').allTextContents();
		check(
			'the Columns menu lists the registry’s columns',
			menuLabels.includes('TTD') && menuLabels.includes('Tags'),
			menuLabels.join(', '),
		);
		await shot(page.locator('body'), 'columns-menu.png');
		await page.locator('.menu .menu-item', { hasText: /^TTD$/ }).click();
		for (const label of ['TTR', 'Actions open/all', 'Tags', 'Path']) {
			await dash.locator('.incident-rca-tablebar button', { hasText: 'Columns' }).click();
			await page.locator('.menu .menu-item', { hasText: label }).first().click();
		}
		const aligned = async () =>
			page.evaluate(() => {
				const grid = document.querySelector('.mod-root .incident-rca-rows');
				const heads = [...grid.querySelectorAll('.incident-rca-thead .incident-rca-th')];
				const cells = [...grid.querySelector('.incident-rca-tr').children];
				return {
					columns: heads.map((h) => h.className.replace(/.*is-/, '')),
					offsets: heads.map((h, k) =>
						Math.round(h.getBoundingClientRect().left - cells[k].getBoundingClientRect().left),
					),
					sideways: grid.scrollWidth - grid.clientWidth,
				};
			});
		const wide = await aligned();
		check(
			'chosen columns appear, each header over its cells',
			['ttd', 'ttr', 'actions', 'tags', 'path'].every((c) => wide.columns.includes(c)) &&
				wide.offsets.every((d) => d === 0),
			JSON.stringify(wide),
		);
		// Narrower than the fitted columns: the table scrolls sideways, the header with the rows.
		await page.setViewportSize({ width: 1100, height: 900 });
		await page.waitForTimeout(150);
		await page.evaluate(() => (document.querySelector('.mod-root .incident-rca-rows').scrollLeft = 120));
		const narrowTable = await aligned();
		check(
			'too narrow for the columns: the table scrolls sideways, the header with it',
			narrowTable.sideways > 0 && narrowTable.offsets.every((d) => d === 0),
			JSON.stringify(narrowTable),
		);
		await page.setViewportSize({ width: 1440, height: 900 });
		await page.evaluate(() => window.__plugin.settings.tableColumns.splice(0));
		await dash.locator('.incident-rca-tablebar button', { hasText: 'Columns' }).click();
		await page.locator('.menu .menu-item', { hasText: 'Default columns' }).click();
		const breakdown = await dash.locator('.incident-rca-breakdown-table tbody tr').count();
		check('response times per severity are a table', breakdown > 0, `rows: ${breakdown}`);
		await shot(dash.locator('.incident-rca-breakdown'), 'response-times.png');

		// At phone width (390 px): cards in two columns, one chart at a time, the filters folded above, rows as cards.
		await page.setViewportSize({ width: 390, height: 844 });
		// A phone shows one pane at a time (the sidebar is a drawer): the main area alone, then the sidebar alone.
		const onePane = (hide, show) =>
			page.evaluate(
				([h, s]) => {
					document.querySelector(h).style.display = 'none';
					document.querySelector(s).style.display = '';
					document.body.style.gridTemplateColumns = '1fr';
				},
				[hide, show],
			);
		await onePane('.mod-right-split', '.mod-root');
		await page.waitForFunction(() => document.querySelector('.incident-rca-dashboard.is-narrow') !== null, null, {
			timeout: 5000,
		});
		const phone = await page.evaluate(() => {
			const root = document.querySelector('.incident-rca-dashboard');
			const shown = (el) => el !== null && getComputedStyle(el).display !== 'none';
			return {
				charts: [...root.querySelectorAll('.incident-rca-chartbox')].filter(shown).length,
				filtersHidden: !shown(root.querySelector('.incident-rca-filters')),
				toggle: shown(root.querySelector('.incident-rca-filter-toggle')),
				row: root.querySelector('.incident-rca-rows .incident-rca-vrow')?.getBoundingClientRect().height ?? 0,
				width: root.scrollWidth,
			};
		});
		check(
			'at 390 px: one chart, filters folded, rows as cards, nothing wider than the screen',
			phone.charts === 1 && phone.filtersHidden && phone.toggle && phone.row === 64 && phone.width <= 390,
			JSON.stringify(phone),
		);
		await shot(page.locator('.mod-root'), 'dashboard-phone.png');
		await onePane('.mod-root', '.mod-right-split');
		await shot(page.locator('.mod-right-split'), 'action-items-phone.png');
		await page.evaluate(() => {
			document.querySelector('.mod-root').style.display = '';
			document.body.style.gridTemplateColumns = '';
		});
		await page.setViewportSize({ width: 1440, height: 900 });

		// The settings tab, as the plugin draws it (display()).
		await page.evaluate(() => {
			const tab = window.__app.settingTabs[0];
			tab.display();
			const host = document.createElement('div');
			host.className = 'incident-rca-e2e-settings vertical-tab-content';
			host.appendChild(tab.containerEl);
			document.body.appendChild(host);
		});
		check(
			'the settings tab shows the team’s words',
			((await page.locator('.incident-rca-e2e-settings').textContent()) ?? '').includes('Section headings'),
		);
		await shot(page.locator('.incident-rca-e2e-settings'), 'settings.png');
		await page.evaluate(() => document.querySelector('.incident-rca-e2e-settings')?.remove());

		const item = items.first();
		const itemPath = await item.locator('.incident-rca-item-text').getAttribute('data-href');
		const before = await page.evaluate((p) => window.__app.vault.peek(p), itemPath);
		await item.locator('input[type="checkbox"]').check();
		await page.waitForFunction(([p, b]) => window.__app.vault.peek(p) !== b, [itemPath, before], { timeout: 5000 });
		const after = await page.evaluate((p) => window.__app.vault.peek(p), itemPath);
		const changed = before
			.split('\n')
			.map((l, i) => [l, after.split('\n')[i]])
			.filter(([a, b]) => a !== b);
		check(
			'ticking an item changes exactly one line of its note',
			changed.length === 1 && before.split('\n').length === after.split('\n').length,
			JSON.stringify(changed),
		);
		check(
			'the changed line now records it done',
			changed.length === 1 && /\[x\]|\|\s*Done\s*\|/.test(changed[0][1]),
			changed[0]?.[1] ?? '',
		);

		// The team's words: a note in a German template reads only once the words file teaches its headings,
		// columns and keys (the same file the CLI reads; tests/plugin-words.test.ts checks they agree).
		const teamNote = [
			'---',
			'title: Zahlungen fallen aus',
			'schweregrad: SEV2',
			'---',
			'## Chronik',
			'| Uhrzeit (UTC) | Geschehen |',
			'|---|---|',
			'| 10:02 | Pager ging los |',
			'| 10:40 | Entwarnung gegeben |',
			'',
		].join('\n');
		const teamRow = async () =>
			(await dash.locator('.incident-rca-tr', { hasText: 'Zahlungen fallen aus' }).first().textContent()) ?? '';
		await page.evaluate(async (text) => {
			await window.__app.vault.create('Incidents/zahlungen.md', text);
		}, teamNote);
		await page.waitForFunction(() => document.body.textContent.includes('Zahlungen fallen aus'), null, {
			timeout: 5000,
		});
		const unread = await teamRow();
		await page.evaluate(async () => {
			const words = {
				sections: { timeline: ['Chronik'] },
				columns: { time: ['Uhrzeit'], event: ['Geschehen'] },
				keys: { severity: ['schweregrad'] },
			};
			window.__app.vault.hidden.set('.incident-rca.json', JSON.stringify(words));
			await window.__plugin.reloadWords();
		});
		await page.waitForFunction(
			() =>
				[...document.querySelectorAll('.incident-rca-tr')].some(
					(r) => r.textContent.includes('Zahlungen') && r.textContent.includes('38m'),
				),
			null,
			{ timeout: 5000 },
		);
		const taught = await teamRow();
		check(
			"the words file teaches the dashboard a team's headings, columns and keys",
			!unread.includes('SEV2') && !unread.includes('38m') && taught.includes('SEV2') && taught.includes('38m'),
			`${unread} → ${taught}`,
		);
		await page.evaluate(async () => {
			const app = window.__app;
			app.vault.hidden.delete('.incident-rca.json');
			await app.vault.delete(app.vault.getFileByPath('Incidents/zahlungen.md'));
			await window.__plugin.reloadWords();
		});

		// The note inspector for an example incident open in the editor, and the create modal with "Start now".
		const inspected = 'Incidents/2025-06-24-feature-flag-service-outage.md';
		await page.evaluate(async (p) => {
			const app = window.__app;
			const file = app.vault.getFileByPath(p);
			app.workspace.openInEditor(file, await app.vault.read(file));
			for (const leaf of app.workspace.getLeavesOfType('incident-rca-action-items')) leaf.detach();
			await window.__plugin.openInspector();
		}, inspected);
		const inspector = page.locator('.incident-rca-inspector');
		await inspector.waitFor({ timeout: 5000 });
		const inspectorText = (await inspector.textContent()) ?? '';
		check(
			'the inspector shows how the note was read',
			/from the timeline/.test(inspectorText) && /Timeline as read/.test(inspectorText),
			inspectorText.slice(0, 120),
		);
		for (const theme of ['light', 'dark']) {
			await page.evaluate((t) => (document.body.className = `theme-${t}`), theme);
			await shot(page.locator('.mod-right-split'), `inspector-${theme}.png`);
		}

		// The same note in a CodeMirror editor with the extensions the plugin registered: its rows and items marked.
		const marks = await page.evaluate(async (p) => {
			const app = window.__app;
			const file = app.vault.getFileByPath(p);
			const host = document.createElement('div');
			host.className = 'incident-rca-e2e-editor markdown-source-view mod-cm6';
			document.querySelector('.mod-root').replaceChildren(host);
			const view = new CodeMirror.view.EditorView({
				state: CodeMirror.state.EditorState.create({
					doc: await app.vault.read(file),
					extensions: [ObsidianStub.editorInfoField.init(() => ({ file })), app.editorExtensions],
				}),
				parent: host,
			});
			window.__editor = view;
			// A window's height of editor, scrolled to the timeline: the lines in view are the ones drawn.
			host.style.height = '860px';
			view.scrollDOM.style.overflow = 'auto';
			view.dom.style.height = '100%';
			const at = view.state.doc.toString().search(/^#+ Timeline/m);
			view.dispatch({ effects: CodeMirror.view.EditorView.scrollIntoView(Math.max(0, at), { y: 'start' }) });
			for (let k = 0; k < 3; k++) await new Promise((r) => requestAnimationFrame(r));
			return {
				rows: host.querySelectorAll('.cm-line.incident-rca-line-row').length,
				items: host.querySelectorAll('.cm-line.incident-rca-line-item').length,
				shadow: getComputedStyle(host.querySelector('.cm-line.incident-rca-line-row') ?? host).boxShadow,
			};
		}, inspected);
		check(
			'the editor marks the timeline rows and action items',
			marks.rows > 0 && marks.items > 0 && marks.shadow.includes('inset'),
			JSON.stringify(marks),
		);
		await shot(page.locator('.incident-rca-e2e-editor'), 'line-marks.png');

		// A query block in a note, rendered as the reading view renders a code block.
		const block = await page.evaluate(async () => {
			const source = 'columns: date, title, severity, ttr, actions\nsort: date desc\nlimit: 6';
			const { el } = await ObsidianStub.renderCodeBlock(window.__app, 'incident-rca', source, 'Runbooks/x.md');
			const host = document.createElement('div');
			host.className = 'incident-rca-e2e-note markdown-rendered';
			host.createEl('h2', { text: 'Incidents, newest first' });
			host.appendChild(el);
			document.querySelector('.mod-root').replaceChildren(host);
			return { rows: el.querySelectorAll('tbody tr').length, note: el.textContent.includes('of') };
		});
		check(
			'an incident-rca block renders a live table in a note',
			block.rows === 6 && block.note,
			JSON.stringify(block),
		);
		await shot(page.locator('.incident-rca-e2e-note'), 'query-block.png');
		await page.evaluate(() => {
			document.body.className = 'theme-light';
			window.__app.commands.executeCommandById('incident-rca:new-rca-note');
		});
		const modal = page.locator('.modal').last();
		// The stand-in's toggle has no theme styling of its own (Obsidian's app.css draws it): clicked through the DOM.
		await modal
			.locator('.checkbox-container')
			.first()
			.evaluate((el) => el.click());
		check('"Start now" disables the date and time', await modal.locator('input[type="date"]').isDisabled());
		await shot(modal, 'create-start-now.png');
		await page.evaluate(() => document.querySelector('.modal-container')?.remove());

		// The CLI's HTML report of the example vault, as a browser shows it: no request leaves the page.
		const reportFile = path.join(work, 'report.html');
		execFileSync(
			process.execPath,
			[path.join(root, 'dist/cli.js'), 'report', '--html', reportFile, path.join(root, 'examples/vault')],
			{
				stdio: 'ignore',
			},
		);
		const reportPage = await context.newPage();
		const requests = [];
		reportPage.on('request', (r) => requests.push(r.url()));
		const reportErrors = [];
		reportPage.on('pageerror', (e) => reportErrors.push(String(e)));
		await reportPage.setViewportSize({ width: 1280, height: 1500 });
		await reportPage.goto(`file://${reportFile}`);
		const shown = await reportPage.evaluate(() => ({
			charts: document.querySelectorAll('figure.chart svg.incident-rca-chart').length,
			bars: document.querySelectorAll('svg.incident-rca-chart rect.incident-rca-bar').length,
			rows: document.querySelectorAll('h2 + .scroll tbody tr').length,
			width: document.documentElement.scrollWidth,
		}));
		check(
			'the HTML report shows its charts and tables, loading nothing but itself',
			shown.charts >= 3 &&
				shown.bars > 10 &&
				shown.rows > 10 &&
				shown.width <= 1280 &&
				requests.every((u) => u === `file://${reportFile}`) &&
				reportErrors.length === 0,
			JSON.stringify({ ...shown, requests, reportErrors }),
		);
		await shot(reportPage, 'html-report.png');
		await reportPage.close();

		check('no page errors', errors.length === 0, errors.join('; '));

		// Hostile note text must render as text, never as markup or script.
		const hostile = await context.newPage();
		const hostileErrors = [];
		hostile.on('pageerror', (e) => hostileErrors.push(String(e)));
		await hostile.goto(await buildPage({ ...HOSTILE }, 'hostile'));
		await hostile.waitForFunction(() => window.__ready || window.__error, null, { timeout: 20000 });
		await hostile.locator('.incident-rca-tr .is-title a').first().hover();
		await hostile.waitForTimeout(300);
		const xss = await hostile.evaluate(() => ({
			flag: window.__xss ?? null,
			injected: document.querySelectorAll(
				'.incident-rca-dashboard img, .incident-rca-dashboard script, .incident-rca-actions img, .incident-rca-actions script, .incident-rca-dashboard b, .incident-rca-actions b, .incident-rca-dashboard svg[onload]',
			).length,
			title: document.querySelector('.incident-rca-tr .is-title a')?.textContent ?? null,
		}));
		check('hostile text runs no script', xss.flag === null, `window.__xss = ${xss.flag}`);
		check('hostile text injects no element', xss.injected === 0, `${xss.injected} injected`);
		check(
			'hostile title shows as plain text',
			xss.title === '<img src=x onerror="window.__xss=1">Hostile <script>window.__xss=2</script>',
			xss.title ?? '',
		);
		// The modals, on the hostile note: related links (targets, aliases) and the new-note modal (services).
		await hostile.evaluate(async () => {
			const app = window.__app;
			app.workspace.setActiveFile(app.vault.getFileByPath('Incidents/2025-09-01-hostile.md'));
			app.commands.executeCommandById('incident-rca:resolve-related-links');
			await new Promise((r) => setTimeout(r, 100));
			app.commands.executeCommandById('incident-rca:new-rca-note');
			await new Promise((r) => setTimeout(r, 100));
		});
		const modals = await hostile.evaluate(() => ({
			count: document.querySelectorAll('.modal-container').length,
			injected: document.querySelectorAll(
				'.modal-container img, .modal-container script, .modal-container b, .modal-container svg[onload]',
			).length,
			flag: window.__xss ?? null,
			text: [...document.querySelectorAll('.modal-container')].map((m) => m.textContent).join(' '),
		}));
		check('both modals open on the hostile note', modals.count === 2, `${modals.count} modals`);
		check(
			'hostile text in the modals injects no element and runs no script',
			modals.injected === 0 && modals.flag === null,
			`${modals.injected} injected, __xss = ${modals.flag}`,
		);
		check(
			'hostile service shows as plain text in the new-note modal',
			modals.text.includes('<svg onload=window.__xss=3>'),
		);
		check('no page errors on hostile input', hostileErrors.length === 0, hostileErrors.join('; '));
	} finally {
		await context.close();
		// The browser profile and the pages made for the run are temporary; the screenshots in docs/ are kept.
		rmSync(profile, { recursive: true, force: true });
		rmSync(work, { recursive: true, force: true });
	}
}

main()
	.catch((e) => {
		failed++;
		console.log(`FAIL e2e run — ${e.message}`);
	})
	.finally(() => {
		// Also when the run stopped before the browser started (no main.js, no Chromium): the pages' folder goes.
		rmSync(work, { recursive: true, force: true });
		console.log(`e2e: ${passed} passed, ${failed} failed`);
		process.exit(failed > 0 ? 1 : 0);
	});
