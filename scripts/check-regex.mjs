/**
 * Every regular expression in src/ must run in linear time: a pattern that backtracks quadratically on a long line
 * freezes Obsidian at every re-index of the note that holds it. This lists every regex literal (from the TypeScript
 * syntax tree) and every RegExp the core builds at load time (caught by a stand-in constructor while the bundled
 * core loads), and asks recheck (a ReDoS checker: automaton analysis, fuzzing where that cannot decide) about each.
 * A sticky pattern is checked as anchored at its start, which is how it runs. Exit 1 on any pattern not proven safe.
 *
 * recheck cannot tell a bounded repetition ({0,60}) from an unbounded one at the sizes it tries: a pattern whose cost
 * per place it can start is bounded that way carries a comment `linear: bounded …` on its line or the line above,
 * saying why. Those are listed, not failed; `npm run linear` times them (and everything else) on long inputs.
 *
 *   node scripts/check-regex.mjs [--verbose]
 */
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';

const require = createRequire(import.meta.url);
const { checkSync } = require('recheck');
const verbose = process.argv.includes('--verbose');
const root = new URL('..', import.meta.url).pathname;

function tsFiles(dir) {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
	);
}

/** source + flags → where it is written */
const patterns = new Map();
function note(source, flags, where, bounded = null) {
	const key = `${flags}/${source}`;
	if (!patterns.has(key)) patterns.set(key, { source, flags, where, bounded });
	else if (bounded && !patterns.get(key).bounded) patterns.get(key).bounded = bounded;
}

for (const file of tsFiles(join(root, 'src'))) {
	const text = readFileSync(file, 'utf8');
	const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
	const visit = (node) => {
		if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
			const literal = node.getText();
			const slash = literal.lastIndexOf('/');
			const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
			const lines = text.split('\n');
			const said = [lines[line], lines[line - 1] ?? '']
				.map((l) => /linear: (bounded[^*]*)/.exec(l))
				.find((m) => m !== null);
			note(
				literal.slice(1, slash),
				literal.slice(slash + 1),
				`${relative(root, file)}:${line + 1}`,
				said ? said[1].trim() : null,
			);
		}
		ts.forEachChild(node, visit);
	};
	visit(sf);
}

// Patterns built with `new RegExp(…)`: load the bundled core with a constructor that records what it is given.
const dir = mkdtempSync(join(tmpdir(), 'incident-rca-regex-'));
try {
	const entry = join(dir, 'entry.ts');
	const core = tsFiles(join(root, 'src/core')).map((f) => `import ${JSON.stringify(f)};`);
	writeFileSync(entry, core.join('\n'));
	await build({
		entryPoints: [entry],
		bundle: true,
		platform: 'node',
		format: 'cjs',
		outfile: join(dir, 'core.js'),
		logLevel: 'error',
	});
	const Original = RegExp;
	globalThis.RegExp = new Proxy(Original, {
		construct(target, args) {
			const re = new target(...args);
			note(re.source, re.flags, 'new RegExp (src/core)');
			return re;
		},
		apply(target, self, args) {
			const re = target(...args);
			note(re.source, re.flags, 'RegExp() (src/core)');
			return re;
		},
	});
	try {
		require(join(dir, 'core.js'));
	} finally {
		globalThis.RegExp = Original;
	}
} finally {
	rmSync(dir, { recursive: true, force: true });
}

// A fixed seed for recheck's fuzzing, so every run tries the same inputs (checked on a machine with both cores busy:
// the same answers). Wall-clock limits stay recheck's own; without them some patterns take minutes.
const DETERMINISTIC = { timeout: 60_000, randomSeed: 42 };

let bad = 0;
const bounded = [];
for (const { source, flags, where, bounded: why } of patterns.values()) {
	const sticky = flags.includes('y');
	// g and y change where matching starts, not how one attempt backtracks; a sticky pattern is tried at one place.
	const checked = sticky ? `^(?:${source})` : source;
	const result = checkSync(checked, flags.replace(/[gy]/g, ''), DETERMINISTIC);
	if (result.status === 'safe') {
		if (verbose) console.log(`safe (${result.checker})  ${where}  /${source}/${flags}`);
		continue;
	}
	if (why) {
		bounded.push(`${where}: ${why}`);
		continue;
	}
	bad++;
	const complexity = result.complexity
		? ` ${result.complexity.type}${result.complexity.degree ? ` degree ${result.complexity.degree}` : ''}`
		: '';
	console.log(`FAIL ${where}: ${result.status}${complexity}  /${source}/${flags}`);
	if (result.attack) console.log(`     attack: ${String(result.attack.pattern).slice(0, 160)}`);
}
for (const b of bounded) console.log(`bounded ${b}`);
console.log(`${patterns.size} patterns checked, ${bounded.length} linear by their bounds, ${bad} not linear`);
process.exit(bad === 0 ? 0 : 1);
