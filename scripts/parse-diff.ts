/**
 * npm run parse-diff -- save FILE DIR…   parse every note under the folders and keep the results (one JSON line each)
 * npm run parse-diff -- check FILE DIR…  parse them again and print what changed since FILE was saved
 *
 * For refactoring the parser for speed: save before the change, check after it, and any difference in any field of
 * any note is shown. A varied corpus: tests/fixtures/formats, examples/vault, ../shared/seeds, a bench vault
 * (npm run bench keeps them under the temp folder) and mutated notes from `npm run fuzz -- --runs 4000 --dump DIR`.
 * Also prints the parse time per note. Exits 1 when something changed; more than five changed notes are listed
 * by name with the fields that changed.
 */
import * as fs from 'node:fs';
import { createLinkResolver, parseIncident } from '../src/core';
import { collectFiles } from '../src/cli/files';
import { parseYaml } from '../src/cli/yaml';

const [mode, file, ...dirs] = process.argv.slice(2);
if ((mode !== 'save' && mode !== 'check') || !file || dirs.length === 0) {
	console.error('usage: parse-diff save|check FILE DIR...');
	process.exit(2);
}

const out: string[] = [];
let micros = 0;
for (const dir of dirs) {
	const files = collectFiles([dir]).files;
	const resolver = createLinkResolver(files.map((f) => f.vaultPath));
	for (const f of files) {
		const text = fs.readFileSync(f.display, 'utf8');
		const t = process.hrtime.bigint();
		const inc = parseIncident(text, { path: f.vaultPath, parseYaml, resolveLink: resolver });
		micros += Number(process.hrtime.bigint() - t) / 1000;
		out.push(JSON.stringify(inc, (_k, v: unknown) => (v instanceof Date ? v.toISOString() : v)));
	}
}
console.log(`${out.length} notes parsed, ${(micros / out.length).toFixed(1)} µs/note`);
if (mode === 'save') {
	fs.writeFileSync(file, out.join('\n'));
	process.exit(0);
}
const before = fs.readFileSync(file, 'utf8').split('\n');
if (before.length !== out.length) {
	console.log(`${before.length} notes saved, ${out.length} parsed now: not the same corpus`);
	process.exit(1);
}
let changed = 0;
const names: string[] = [];
for (let i = 0; i < out.length; i++) {
	if (before[i] === out[i]) continue;
	changed++;
	const a = JSON.parse(before[i]) as Record<string, unknown>;
	const b = JSON.parse(out[i]) as Record<string, unknown>;
	names.push(
		`${String(a.path)} (${Object.keys(a)
			.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
			.join(', ')})`,
	);
	if (changed > 5) continue;
	console.log(`changed: ${String(a.path)}`);
	for (const k of Object.keys(a)) {
		const x = JSON.stringify(a[k]);
		const y = JSON.stringify(b[k]);
		if (x !== y) console.log(`  ${k}\n    before: ${x.slice(0, 300)}\n    after:  ${y.slice(0, 300)}`);
	}
}
// Every changed note by name, with the fields that changed (the first five are shown in full above).
if (changed > 5) for (const n of names) console.log(`  ${n}`);
console.log(`${changed} of ${out.length} notes changed`);
process.exit(changed > 0 ? 1 : 0);
