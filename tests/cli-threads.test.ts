/**
 * The CLI's worker threads, for real: the CLI is bundled as `npm run build` does, run as a process over a folder
 * large enough to be split, and its output compared with the same run in one thread.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { PARALLEL_MIN_FILES, threadsFor } from '../src/cli/scan';

const FIXTURES = path.join(__dirname, 'fixtures', 'formats');
let dir: string;
let cliJs: string;

beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rca-threads-'));
	cliJs = path.join(dir, 'cli.js');
	buildSync({
		entryPoints: [path.join(__dirname, '..', 'src', 'cli', 'main.ts')],
		bundle: true,
		platform: 'node',
		format: 'cjs',
		outfile: cliJs,
		logLevel: 'silent',
	});
	// Every fixture format many times over, with links between the copies and one unreadable file in the middle.
	const names = fs.readdirSync(FIXTURES).filter((n) => /\.(md|txt)$/.test(n));
	const vault = path.join(dir, 'vault');
	for (let k = 0; k * names.length < PARALLEL_MIN_FILES + 100; k++) {
		for (const n of names) {
			const text = fs.readFileSync(path.join(FIXTURES, n), 'utf8');
			const folder = path.join(vault, `batch-${String(k).padStart(2, '0')}`);
			fs.mkdirSync(folder, { recursive: true });
			fs.writeFileSync(
				path.join(folder, `${k}-${n}`),
				`${text}\n\nSee [[${(k + 1) % 7}-${n.replace(/\.(md|txt)$/, '')}]] and [[runbook-${k}]].\n`,
			);
		}
	}
	fs.writeFileSync(path.join(vault, 'batch-03', 'binary.md'), Buffer.from([0x89, 0x50, 0x00, 0x01]));
	// Notes whose fate once depended on the thread's stack: frontmatter nested 3,000 deep (parsed in a worker, an error
	// in the main thread), and 150,000 rows or items (a spread of them threw RangeError in the main thread only).
	fs.writeFileSync(
		path.join(vault, 'batch-04', 'deep-yaml.md'),
		`---\na: ${'['.repeat(3000)}${']'.repeat(3000)}\n---\n# Deep\n## Timeline\n- 10:00 a\n`,
	);
	fs.writeFileSync(
		path.join(vault, 'batch-05', 'many-rows.md'),
		`## Timeline\n${Array.from({ length: 150_000 }, (_, k) => `- ${String(Math.floor(k / 60) % 24).padStart(2, '0')}:${String(k % 60).padStart(2, '0')} r`).join('\n')}\n`,
	);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { stdout: string; stderr: string } {
	const r = { stdout: '', stderr: '' };
	try {
		r.stdout = execFileSync(process.execPath, [cliJs, ...args], {
			encoding: 'utf8',
			maxBuffer: 1 << 28,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
	} catch (e) {
		// lint exits 1 on errors (the fixtures include invalid frontmatter): its output is still the result.
		const x = e as { stdout: string; stderr: string; status: number };
		if (x.status !== 1) throw e;
		r.stdout = x.stdout;
		r.stderr = x.stderr;
	}
	return r;
}

describe('the CLI in worker threads', () => {
	it('prints byte for byte what one thread prints, for report --json, report and lint', () => {
		const vault = path.join(dir, 'vault');
		for (const args of [['report', '--json', '--today', '2026-01-01'], ['report', '--today', '2026-01-01'], ['lint']]) {
			const one = cli(...args, '--jobs', '1', vault);
			const two = cli(...args, '--jobs', '2', vault);
			expect(two.stdout.length).toBeGreaterThan(1000);
			expect(two.stdout).toBe(one.stdout);
		}
	});

	it('really uses the threads it is given, and one below the size where threads pay off', () => {
		const vault = path.join(dir, 'vault');
		const run = (jobs: string, target: string): string =>
			spawnSync(process.execPath, [cliJs, 'report', '--stats', '--jobs', jobs, target], { encoding: 'utf8' }).stderr;
		expect(run('2', vault)).toMatch(/^incident-rca: \d+ files, \d+ incidents, \d+ skipped, 2 threads, \d+ ms$/m);
		expect(run('3', vault)).toMatch(/, 3 threads, /);
		expect(run('2', path.join(vault, 'batch-00'))).toMatch(/, 1 thread, /);
	});

	it('without --jobs: one thread per free core, one per 50 files, never none', () => {
		expect(threadsFor(10_000, 2, 0.1)).toBe(2);
		// A busy machine: the cores the last minute's load leaves.
		expect(threadsFor(10_000, 2, 1.2)).toBe(1);
		expect(threadsFor(10_000, 8, 3.4)).toBe(5);
		expect(threadsFor(10_000, 2, 6)).toBe(1);
		expect(threadsFor(10_000, 64, 0)).toBe(16);
		expect(threadsFor(120, 8, 0)).toBe(3);
		expect(threadsFor(0, 8, 0)).toBe(1);
		// No load figure (Windows reports zeros; a broken one is ignored).
		expect(threadsFor(10_000, 4, Number.NaN)).toBe(4);
	});

	it('a note parsed in a worker and in the main thread gives the same result (deep frontmatter, huge notes)', () => {
		const vault = path.join(dir, 'vault');
		const one = JSON.parse(cli('report', '--json', '--jobs', '1', vault).stdout) as {
			incidents: { path: string; problems: { message: string }[]; timeline: unknown[] }[];
		};
		const deep = one.incidents.find((i) => i.path.endsWith('deep-yaml.md'));
		expect(deep?.problems.map((p) => p.message)).toContain('Frontmatter nests deeper than 200 levels');
		expect(one.incidents.find((i) => i.path.endsWith('many-rows.md'))?.timeline.length).toBe(150_000);
	});

	it('a reader that closes the pipe early (| head -c 100) ends the run quietly, exit 0', () => {
		const vault = path.join(dir, 'vault');
		const err = path.join(dir, 'pipe-err.txt');
		const r = spawnSync(
			'bash',
			[
				'-c',
				`set -o pipefail; "${process.execPath}" "${cliJs}" report --json "${vault}" 2>"${err}" | head -c 100 >/dev/null; echo $?`,
			],
			{ encoding: 'utf8' },
		);
		expect(r.stdout.trim()).toBe('0');
		expect(fs.readFileSync(err, 'utf8')).not.toMatch(/EPIPE|Error|\n\s+at /);
	});

	it('reads every file once: incidents and skipped files add up to the files found', () => {
		const vault = path.join(dir, 'vault');
		const json = JSON.parse(cli('report', '--json', '--jobs', '2', vault).stdout) as {
			incidents: { path: string }[];
			skipped: { path: string }[];
		};
		const files = fs.readdirSync(vault, { recursive: true }).filter((n) => /\.(md|txt)$/.test(String(n)));
		const seen = [...json.incidents, ...json.skipped].map((x) => path.relative(vault, x.path));
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen.sort()).toEqual(files.map(String).sort());
		expect(json.skipped.map((s) => path.basename(s.path))).toContain('binary.md');
	});
});
