// The index cache's build id (src/plugin/build-id.ts): a hash of what decides an index entry — src/core, and the
// plugin files that read notes into the index (parse options, what is kept) — so the plugin's cache is never read
// by a build other than one that would have written the same entries. esbuild.config.mjs defines it in production
// builds; scripts/check-bundle.mjs checks main.js carries the one for its sources.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const INDEX_SOURCES = ['src/plugin/notes.ts', 'src/plugin/indexer.ts'];

export function indexBuildId() {
	const hash = createHash('sha256');
	const core = readdirSync('src/core')
		.filter((n) => n.endsWith('.ts'))
		.sort()
		.map((n) => `src/core/${n}`);
	for (const file of [...core, ...INDEX_SOURCES])
		hash.update(file).update('\0').update(readFileSync(file)).update('\0');
	return hash.digest('hex').slice(0, 16);
}

/** Every TypeScript file under the folder, subfolders included: a parser change in any of them changes the id. */
export function coreSources(dir) {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? coreSources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
	);
}
