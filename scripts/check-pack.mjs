#!/usr/bin/env node
/**
 * npm run check-pack: the CLI as a user installs it. Packs the project (`npm pack`, which builds through `prepare`),
 * installs the tarball into a temporary global prefix, and runs the installed `incident-rca` — and `npx` from the
 * tarball — checking exit codes, output formats and config precedence. Everything it makes is removed at the end.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const work = mkdtempSync(path.join(tmpdir(), 'incident-rca-pack-'));
let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
	if (ok) passed++;
	else failed++;
	console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${ok || !detail ? '' : ` — ${detail}`}`);
}
const npm = (args, cwd = root) =>
	execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });

try {
	const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work]))[0];
	const tarball = path.join(work, packed.filename);
	const names = packed.files.map((f) => f.path);
	check(
		'the tarball holds the built CLI and no sources',
		names.includes('dist/cli.js') && !names.some((n) => n.startsWith('src/')),
		names.join(', '),
	);
	check('the tarball is small', packed.size < 400_000, `${packed.size} bytes`);

	const prefix = path.join(work, 'prefix');
	npm(['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], work);
	const bin = path.join(prefix, 'bin', 'incident-rca');
	const run = (args, cwd = root) => {
		const r = spawnSync(bin, args, { cwd, encoding: 'utf8' });
		return { code: r.status, stdout: r.stdout, stderr: r.stderr };
	};

	const version = run(['--version']);
	check(
		'--version prints the package version',
		version.code === 0 && version.stdout === `${pkg.version}\n`,
		JSON.stringify(version),
	);
	for (const args of [['--help'], ['-h'], ['help']]) {
		const r = run(args);
		check(
			`${args.join(' ')} prints the usage on stdout, exit 0`,
			r.code === 0 && r.stdout.includes('incident-rca lint') && r.stderr === '',
			JSON.stringify(r).slice(0, 300),
		);
	}
	const vault = path.join(root, 'examples/vault');
	const report = run(['report', '--json', vault]);
	let incidents = 0;
	try {
		incidents = JSON.parse(report.stdout).incidents.length;
	} catch {
		incidents = -1;
	}
	check(
		'report --json reads the example vault',
		report.code === 0 && incidents >= 8,
		`exit ${report.code}, ${incidents} incidents`,
	);
	const github = run(['lint', '--format', 'github', vault]);
	const lines = github.stdout.trim().split('\n');
	check(
		'lint --format github prints workflow commands',
		lines.length > 0 && lines.every((l) => /^::(error|warning) file=[^,]+,line=\d+,title=/.test(l)),
		lines[0],
	);
	const junit = run(['lint', '--format', 'junit', vault]);
	check(
		'lint --format junit prints JUnit XML',
		junit.stdout.startsWith('<?xml') && junit.stdout.includes('<testsuite '),
		junit.stdout.slice(0, 100),
	);
	const strict = run(['lint', '--max-warnings', '0', vault]);
	check(
		'lint --max-warnings 0 fails on the example vault’s warnings',
		strict.code === 1 && strict.stderr.includes('more than --max-warnings 0'),
		strict.stderr,
	);
	for (const [args, message] of [
		[['report', '--today', '2025-13-45', vault], '--today wants a date'],
		[['report', '--jobs', '0', vault], '--jobs wants a whole number'],
		[['lint', '--json', vault], 'lint prints JSON with --format json'],
		[['nonsense'], 'unknown command'],
	]) {
		const r = run(args);
		check(
			`${args.filter((a) => a !== vault).join(' ')}: exit 2, one line`,
			r.code === 2 && r.stderr.startsWith(`incident-rca: ${message}`) && r.stdout === '',
			JSON.stringify(r).slice(0, 300),
		);
	}

	// Config precedence: the nearest .incident-rca.json above the notes, unless --config names another.
	const notes = path.join(work, 'notes');
	mkdirSync(notes);
	writeFileSync(
		path.join(notes, 'a.md'),
		'---\ntitle: A\nseverity: SEV2\n---\n## Chronik\n- 10:00 Alarm\n- 10:30 Behoben\n',
	);
	writeFileSync(path.join(notes, '.incident-rca.json'), '{ "colour": "red" }');
	const bad = run(['report', '--json', notes]);
	check(
		'a bad .incident-rca.json next to the notes: exit 2 naming the mistake',
		bad.code === 2 && bad.stderr.includes('"colour" is not a setting'),
		bad.stderr,
	);
	const good = path.join(work, 'words.json');
	writeFileSync(good, JSON.stringify({ sections: { timeline: ['Chronik'] } }));
	const chosen = run(['report', '--json', '--config', good, notes]);
	let minutes = null;
	try {
		minutes = JSON.parse(chosen.stdout).incidents[0].durationMinutes;
	} catch {
		minutes = 'no JSON';
	}
	check(
		'--config FILE wins over the nearest file',
		chosen.code === 0 && minutes === 30,
		`exit ${chosen.code}, duration ${minutes}, ${chosen.stderr}`,
	);

	// npx from the packed tarball, as a CI job without a global install would run it.
	const npx = spawnSync('npx', ['--yes', '--prefer-offline', `--package=${tarball}`, 'incident-rca', '--version'], {
		cwd: work,
		encoding: 'utf8',
		env: { ...process.env, npm_config_cache: path.join(work, 'npm-cache') },
	});
	check(
		'npx --package=<tarball> incident-rca --version',
		npx.status === 0 && npx.stdout.trim() === pkg.version,
		`${npx.status} ${npx.stdout} ${npx.stderr}`.slice(0, 300),
	);
} catch (e) {
	check('pack, install and run', false, String(e && (e.stderr || e.message || e)).slice(0, 500));
} finally {
	rmSync(work, { recursive: true, force: true });
}
console.log(`check-pack: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
