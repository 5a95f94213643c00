/**
 * The CLI's worker threads, for real: the CLI is bundled as `npm run build` does, run as a process over a folder
 * large enough to be split, and its output compared with the same run in one thread.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { PARALLEL_MIN_FILES } from '../src/cli/scan';

const FIXTURES = path.join(__dirname, 'fixtures', 'formats');
let dir: string;
let cliJs: string;

beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rca-threads-'));
	cliJs = path.join(dir, 'cli.js');
	buildSync({ entryPoints: [path.join(__dirname, '..', 'src', 'cli', 'main.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: cliJs, logLevel: 'silent' });
	// Every fixture format many times over, with links between the copies and one unreadable file in the middle.
	const names = fs.readdirSync(FIXTURES).filter((n) => /\.(md|txt)$/.test(n));
	const vault = path.join(dir, 'vault');
	for (let k = 0; k * names.length < PARALLEL_MIN_FILES + 100; k++) {
		for (const n of names) {
			const text = fs.readFileSync(path.join(FIXTURES, n), 'utf8');
			const folder = path.join(vault, `batch-${String(k).padStart(2, '0')}`);
			fs.mkdirSync(folder, { recursive: true });
			fs.writeFileSync(path.join(folder, `${k}-${n}`), `${text}\n\nSee [[${(k + 1) % 7}-${n.replace(/\.(md|txt)$/, '')}]] and [[runbook-${k}]].\n`);
		}
	}
	fs.writeFileSync(path.join(vault, 'batch-03', 'binary.md'), Buffer.from([0x89, 0x50, 0x00, 0x01]));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { stdout: string; stderr: string } {
	const r = { stdout: '', stderr: '' };
	try {
		r.stdout = execFileSync(process.execPath, [cliJs, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
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
		const run = (jobs: string, target: string): string => spawnSync(process.execPath, [cliJs, 'report', '--stats', '--jobs', jobs, target], { encoding: 'utf8' }).stderr;
		expect(run('2', vault)).toMatch(/^incident-rca: \d+ files, \d+ incidents, \d+ skipped, 2 threads, \d+ ms$/m);
		expect(run('3', vault)).toMatch(/, 3 threads, /);
		expect(run('2', path.join(vault, 'batch-00'))).toMatch(/, 1 thread, /);
	});

	it('reads every file once: incidents and skipped files add up to the files found', () => {
		const vault = path.join(dir, 'vault');
		const json = JSON.parse(cli('report', '--json', '--jobs', '2', vault).stdout) as { incidents: { path: string }[]; skipped: { path: string }[] };
		const files = fs.readdirSync(vault, { recursive: true }).filter((n) => /\.(md|txt)$/.test(String(n)));
		const seen = [...json.incidents, ...json.skipped].map((x) => path.relative(vault, x.path));
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen.sort()).toEqual(files.map(String).sort());
		expect(json.skipped.map((s) => path.basename(s.path))).toContain('binary.md');
	});
});
