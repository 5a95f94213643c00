/**
 * npm run fuzz [-- --runs N --seed S]: mutation fuzzing of the parser, seeded from every fixture format and the
 * example vault. Each input is a fixture mutated a few times (bytes, markdown tokens, line surgery, unicode, huge
 * repeats); the parser must return an Incident for every one. Crashing inputs are written to fuzz-crashes/.
 * Prints one line per 10% and a last line "fuzz: N inputs, N crashes".
 * --dump DIR writes every input to DIR as well: a varied corpus for comparing the parser's output before and after
 * a refactor (parse it at both commits and diff).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseIncident } from '../src/core';
import { parseYaml } from '../src/cli/yaml';
import { rng } from './bench/generate';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: number): number => {
	const k = argv.indexOf(`--${name}`);
	return k >= 0 ? Number(argv[k + 1]) : fallback;
};
const RUNS = opt('runs', 100_000);
const dumpAt = argv.indexOf('--dump');
const DUMP = dumpAt >= 0 ? argv[dumpAt + 1] : null;
if (DUMP) fs.mkdirSync(DUMP, { recursive: true });
const SEED = opt('seed', 1);
const r = rng(SEED);
const int = (n: number): number => Math.floor(r() * n);

const roots = ['tests/fixtures/formats', 'examples/vault/Incidents'];
const corpus = roots.flatMap((d) =>
	fs
		.readdirSync(d)
		.filter((n) => /\.(md|txt)$/.test(n))
		.map((n) => fs.readFileSync(path.join(d, n), 'utf8')),
);
const TOKENS = [
	'[[',
	']]',
	'|',
	'**',
	'__',
	'`',
	'```',
	'~~~',
	'---',
	'- [ ] ',
	'- [x] ',
	'#',
	'## Timeline',
	'## Action Items',
	':',
	'::',
	'📅 ',
	'⏫',
	'\r\n',
	'\r',
	'\t',
	'\u0000',
	'\uFEFF',
	'\uD800',
	'12:00',
	'9:30 AM',
	'2025-13-45',
	'T25:61',
	'+99:99',
	'UTC-',
	'@',
	'<script>',
	'&#x',
	'\\|',
	'>',
	'* ',
	'1. ',
];

function mutate(text: string): string {
	let s = text;
	const n = 1 + int(4);
	for (let k = 0; k < n; k++) {
		const at = int(s.length + 1);
		switch (int(9)) {
			case 0: // insert a token
				s = s.slice(0, at) + TOKENS[int(TOKENS.length)] + s.slice(at);
				break;
			case 1: // delete a span
				s = s.slice(0, at) + s.slice(at + int(40));
				break;
			case 2: // random code units
				s =
					s.slice(0, at) + String.fromCharCode(...Array.from({ length: 1 + int(6) }, () => int(0x10000))) + s.slice(at);
				break;
			case 3: {
				// duplicate or move a line
				const lines = s.split('\n');
				const i = int(lines.length);
				lines.splice(int(lines.length), 0, lines[i] ?? '');
				s = lines.join('\n');
				break;
			}
			case 4: // repeat a chunk many times (long lines, deep lists)
				s = s.slice(0, at) + s.slice(at, at + 1 + int(12)).repeat(1 + int(2000)) + s.slice(at);
				break;
			case 5: // splice in another fixture
				s = s.slice(0, at) + corpus[int(corpus.length)].slice(0, int(400)) + s.slice(at);
				break;
			case 6: // truncate
				s = s.slice(0, at);
				break;
			case 7: // indent a run of lines
				s = s.replace(/\n/g, () => (r() < 0.1 ? '\n' + ' '.repeat(int(12)) : '\n'));
				break;
			default: // flip digits
				s = s.replace(/\d/g, (d) => (r() < 0.2 ? String(int(10)) : d));
		}
	}
	return s;
}

let crashes = 0;
const started = Date.now();
let chars = 0;
for (let i = 1; i <= RUNS; i++) {
	const input = mutate(corpus[int(corpus.length)]);
	chars += input.length;
	if (DUMP) fs.writeFileSync(path.join(DUMP, `input-${SEED}-${i}.md`), input);
	try {
		parseIncident(input, { parseYaml, path: 'fuzz.md', resolveLink: () => null });
	} catch (e) {
		crashes++;
		fs.mkdirSync('fuzz-crashes', { recursive: true });
		const file = path.join('fuzz-crashes', `crash-${SEED}-${i}.md`);
		fs.writeFileSync(file, input);
		console.log(`CRASH at input ${i}: ${(e as Error).message.split('\n')[0]} (saved ${file})`);
	}
	if (i % Math.max(1, Math.floor(RUNS / 10)) === 0)
		console.log(`${i} inputs, ${crashes} crashes, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
console.log(
	`fuzz: ${RUNS} inputs (${(chars / 1e6).toFixed(0)} MB, seed ${SEED}) in ${((Date.now() - started) / 1000).toFixed(1)} s, ${crashes} crashes`,
);
process.exit(crashes > 0 ? 1 : 0);
