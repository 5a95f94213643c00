import esbuild from 'esbuild';
import process from 'node:process';
import { indexBuildId } from './scripts/build-id.mjs';

const production = process.argv[2] === 'production';

// The plugin bundle: CommonJS, loaded by Obsidian, which provides `obsidian` and the editor packages.
// Node built-ins are deliberately NOT external: nothing in main.js may need them (mobile has none).
const plugin = {
	entryPoints: ['src/main.ts'],
	bundle: true,
	external: ['obsidian', 'electron', '@codemirror/*', '@lezer/*'],
	format: 'cjs',
	target: 'es2020',
	platform: 'browser',
	logLevel: 'info',
	sourcemap: production ? false : 'inline',
	treeShaking: true,
	outfile: 'main.js',
	minify: production,
	// The index cache's key (scripts/build-id.mjs); watch builds change the sources without it: no cache there.
	define: { INCIDENT_RCA_CORE_BUILD: JSON.stringify(production ? indexBuildId() : '') },
};

// The command-line tool: the same core, bundled for Node.
const cli = {
	entryPoints: ['src/cli/main.ts'],
	bundle: true,
	format: 'cjs',
	platform: 'node',
	target: 'node18',
	logLevel: 'info',
	banner: { js: '#!/usr/bin/env node' },
	outfile: 'dist/cli.js',
	sourcemap: false,
};

if (production) {
	await Promise.all([esbuild.build(plugin), esbuild.build(cli)]);
} else {
	const contexts = await Promise.all([esbuild.context(plugin), esbuild.context(cli)]);
	await Promise.all(contexts.map((c) => c.watch()));
}
