import esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import process from 'node:process';

const production = process.argv[2] === 'production';

// The parser's build id (src/plugin/build-id.ts): a hash of src/core, so the plugin's index cache is never read by
// a parser other than the one that wrote it. Watch builds change the parser without rebuilding this: no cache there.
function coreHash() {
  const hash = createHash('sha256');
  for (const name of readdirSync('src/core').filter((n) => n.endsWith('.ts')).sort()) {
    hash.update(name).update('\0').update(readFileSync(`src/core/${name}`)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

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
  define: { INCIDENT_RCA_CORE_BUILD: JSON.stringify(production ? coreHash() : '') },
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
