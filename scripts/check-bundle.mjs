#!/usr/bin/env node
// Checks the built main.js the way Obsidian (desktop and mobile) loads it: CommonJS, `obsidian` provided by the
// host, no Node built-ins anywhere in the bundle; then runs it against the in-memory Obsidian stand-in
// (tests/stubs/obsidian.ts, bundled here) and checks that onload registers the commands, ribbon icon and settings.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import vm from 'node:vm';
import esbuild from 'esbuild';
import { coreSources, INDEX_SOURCES, indexBuildId } from './build-id.mjs';

const EXPECTED_COMMANDS = [
	'add-timeline-entry',
	'convert-to-rca',
	'mark-milestone',
	'new-rca-note',
	'open-action-items',
	'open-dashboard',
	'open-note-inspector',
	'rebuild-index',
	'resolve-related-links',
	'update-duration',
];
const EXPECTED_VIEWS = ['incident-rca-action-items', 'incident-rca-dashboard', 'incident-rca-inspector'];

const code = readFileSync('main.js', 'utf8');
const problems = [];
const required = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
for (const r of required) {
	if (builtins.has(r)) problems.push(`requires Node built-in "${r}" (not available on mobile)`);
	else if (r !== 'obsidian' && r !== 'electron' && !r.startsWith('@codemirror/') && !r.startsWith('@lezer/'))
		problems.push(`requires "${r}", which Obsidian does not provide`);
}

// The index cache's key must name these sources' build (a stale id would let an older build's cache be read).
if (!code.includes(indexBuildId()))
	problems.push(
		`does not carry the build id of src/core and the indexer sources (${indexBuildId()}); rebuild with npm run build`,
	);

// Every core file the plugin bundles must be in the hash, subfolders included, or a parser change there would let
// users keep index entries an older parser wrote.
const hashed = new Set([...coreSources('src/core'), ...INDEX_SOURCES]);
const { metafile } = await esbuild.build({
	entryPoints: ['src/main.ts'],
	bundle: true,
	write: false,
	metafile: true,
	format: 'cjs',
	external: ['obsidian', 'electron', '@codemirror/*', '@lezer/*'],
	logLevel: 'silent',
});
for (const input of Object.keys(metafile.inputs))
	if (input.startsWith('src/core/') && !hashed.has(input)) problems.push(`${input} is bundled but not in the build id`);

// Regex lookbehinds do not compile on iOS before 16.4: one anywhere in main.js stops the plugin loading on those phones.
const lookbehinds = code.match(/\(\?<[!=]/g) ?? [];
if (lookbehinds.length > 0)
	problems.push(`contains ${lookbehinds.length} regex lookbehind(s), which iOS before 16.4 cannot compile`);

/** Evaluates CommonJS source in a bare context (no Node globals but timers and console). */
function load(source, filename, requireFn) {
	const module = { exports: {} };
	const timers = { setTimeout, clearTimeout, setInterval, clearInterval };
	const sandbox = { module, exports: module.exports, require: requireFn, console, ...timers, window: { ...timers } };
	vm.runInNewContext(source, sandbox, { filename });
	return module.exports;
}

// The editor packages, as Obsidian provides them: one copy, shared by the stand-in and main.js.
const codemirrorSource = (
	await esbuild.build({
		stdin: {
			contents: "exports.state = require('@codemirror/state'); exports.view = require('@codemirror/view');",
			resolveDir: '.',
		},
		bundle: true,
		format: 'cjs',
		platform: 'neutral',
		mainFields: ['main', 'module'],
		write: false,
		logLevel: 'silent',
	})
).outputFiles[0].text;
const codemirror = load(codemirrorSource, 'codemirror.js', (name) => {
	throw new Error(`the editor packages required "${name}"`);
});
const editorPackage = (name) =>
	name === '@codemirror/state' ? codemirror.state : name === '@codemirror/view' ? codemirror.view : null;

const stubSource = (
	await esbuild.build({
		entryPoints: ['tests/stubs/obsidian.ts'],
		bundle: true,
		format: 'cjs',
		platform: 'neutral',
		mainFields: ['main', 'module'],
		external: ['@codemirror/*'],
		write: false,
		logLevel: 'silent',
	})
).outputFiles[0].text;
const obsidian = load(stubSource, 'obsidian-stand-in.js', (name) => {
	const found = editorPackage(name);
	if (found) return found;
	throw new Error(`the stand-in required "${name}"`);
});

let summary = '';
try {
	const exported = load(code, 'main.js', (name) => {
		if (name === 'obsidian') return obsidian;
		const found = editorPackage(name);
		if (found) return found;
		throw new Error(`main.js required "${name}"`);
	});
	const PluginClass = exported.default ?? exported;
	if (typeof PluginClass !== 'function' || !(PluginClass.prototype instanceof obsidian.Plugin))
		throw new Error('default export is not a Plugin subclass');
	const app = obsidian.createApp({});
	const plugin = new PluginClass(app, {
		id: 'incident-rca',
		name: 'Incident RCA',
		version: '0',
		minAppVersion: '0',
		description: '',
		author: '',
	});
	// As Obsidian enables a plugin: load() runs onload (async here: it awaits loadData).
	plugin.load();
	for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
	const ids = Object.keys(app.commands.commands)
		.map((id) => id.replace(/^incident-rca:/, ''))
		.sort();
	if (JSON.stringify(ids) !== JSON.stringify(EXPECTED_COMMANDS))
		problems.push(`registers commands ${ids.join(', ')}; expected ${EXPECTED_COMMANDS.join(', ')}`);
	if (Object.values(app.commands.commands).some((c) => c.hotkeys)) problems.push('a command has a default hotkey');
	if (app.ribbon.length !== 2) problems.push(`adds ${app.ribbon.length} ribbon icons; expected 2`);
	const views = [...app.viewRegistry.keys()].sort();
	if (JSON.stringify(views) !== JSON.stringify(EXPECTED_VIEWS))
		problems.push(`registers views ${views.join(', ')}; expected ${EXPECTED_VIEWS.join(', ')}`);
	if (app.settingTabs.length !== 1) problems.push(`adds ${app.settingTabs.length} setting tabs; expected 1`);
	if (app.editorExtensions.length !== 1)
		problems.push(`registers ${app.editorExtensions.length} editor extensions; expected 1 (the line marks)`);
	plugin.unload();
	if (app.editorExtensions.length !== 0) problems.push('the editor extension remains registered after unload');
	if (Object.keys(app.commands.commands).length !== 0) problems.push('commands remain registered after unload');
	if (app.viewRegistry.size !== 0) problems.push('views remain registered after unload');
	summary = `registers ${ids.join(', ')}, views ${views.join(', ')}, two ribbon icons, a settings tab and an editor extension; cleans up on unload`;
} catch (e) {
	problems.push(`loading main.js failed: ${e.message}`);
}
for (const p of problems) console.log(`FAIL main.js ${p}`);
if (problems.length === 0)
	console.log(
		`PASS main.js: ${(code.length / 1024).toFixed(1)} KiB, CommonJS, no Node built-ins, no regex lookbehinds; ${summary}`,
	);
process.exit(problems.length > 0 ? 1 : 0);
