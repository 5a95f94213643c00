#!/usr/bin/env node
// Checks the built main.js the way Obsidian (desktop and mobile) will load it: CommonJS, `obsidian` provided by
// the host, no Node built-ins anywhere in the bundle, and a default export that is the plugin class.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import vm from 'node:vm';

const code = readFileSync('main.js', 'utf8');
const problems = [];
const required = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
for (const r of required) {
	if (builtins.has(r)) problems.push(`requires Node built-in "${r}" (not available on mobile)`);
	else if (r !== 'obsidian' && r !== 'electron' && !r.startsWith('@codemirror/') && !r.startsWith('@lezer/')) problems.push(`requires "${r}", which Obsidian does not provide`);
}

// Load it in a bare context with only the obsidian stand-in, as the app's module loader would.
class Plugin {
	constructor(app, manifest) {
		this.app = app;
		this.manifest = manifest;
	}
}
const module = { exports: {} };
const sandbox = {
	module,
	exports: module.exports,
	require: (name) => {
		if (name === 'obsidian') return { Plugin };
		throw new Error(`main.js required "${name}"`);
	},
	console,
};
try {
	vm.runInNewContext(code, sandbox, { filename: 'main.js' });
	const PluginClass = module.exports.default ?? module.exports;
	if (typeof PluginClass !== 'function' || !(PluginClass.prototype instanceof Plugin)) problems.push('default export is not a Plugin subclass');
	else new PluginClass({}, { id: 'incident-rca' }).onload?.();
} catch (e) {
	problems.push(`loading main.js failed: ${e.message}`);
}
for (const p of problems) console.log(`FAIL main.js ${p}`);
console.log(problems.length === 0 ? `PASS main.js: ${(code.length / 1024).toFixed(1)} KiB, CommonJS, no Node built-ins, loads as a plugin` : '');
process.exit(problems.length > 0 ? 1 : 0);
