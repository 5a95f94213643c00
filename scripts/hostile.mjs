/**
 * node scripts/hostile.mjs: the CLI as a user runs it (the built dist/cli.js, a process per note) on a folder of one
 * note per hostile shape that once hung, crashed or lost text. Each `report`, `report --json` and `lint` on the folder
 * must take under 3 s per note, and on each note alone finish well inside a hang's bound (10 s: a quadratic pattern on
 * these notes takes minutes), print no escape code, and end quietly when its reader closes the pipe. Exit 1 otherwise.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const cli = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
	console.error('hostile: build first (npm run build)');
	process.exit(2);
}
const COMMANDS = [['report'], ['report', '--json'], ['lint']];
const PER_NOTE_MS = 3000;
const HANG_MS = 10_000;
const ESC = '\u001b';
const long = (s, n = 200_000) => s.repeat(Math.ceil(n / s.length)).slice(0, n);
const rows = (n) =>
	Array.from(
		{ length: n },
		(_, k) => `- ${String(Math.floor(k / 60) % 24).padStart(2, '0')}:${String(k % 60).padStart(2, '0')} row ${k}`,
	).join('\n');

const NOTES = {
	'heading-dots.md': `# a${long('.')}b\n`,
	'summary-spaces.md': `Summary:${long(' ')}\n`,
	'task-ticket-spaces.md': `## Action items\n- [ ] Fix OPS-1${long(' ')}\n`,
	'bold-label-spaces.md': `**x**${long(' ')}a:\n`,
	'table-separator-spaces.md': `| Time | Event |\n|---|---|${long(' ')}\n| 10:00 | x |\n`,
	'action-colons.md': `## Action items\n- [ ] Fix ${long(':', 100_000)}\n`,
	'action-commas.md': `## Action items\n- [ ] Fix ${long(',', 100_000)}\n`,
	'impact-pasted-logs.md': `# Outage\n## Impact\nImpact: ${'2025-01-01T10:00:00Z ERROR upstream request timed out after 30s (pool exhausted)\n'.repeat(14_000)}`,
	'owner-lines.md': `## Action items\n${'- Fix it\nOwner: sam\n'.repeat(10_000)}`,
	'rows-150k.md': `## Timeline\n${rows(150_000)}\n`,
	'open-items-150k.md': `## Action items\n${Array.from({ length: 150_000 }, (_, k) => `- [ ] task ${k}`).join('\n')}\n`,
	'deep-yaml.md': `---\na: ${'['.repeat(5000)}${']'.repeat(5000)}\n---\n# Deep\n`,
	'line-separators-in-yaml.md': `---\ntitle: a${long('\u2028 ', 100_000)}\n---\n# T\n`,
	'escapes.md': `# Title ${ESC}]0;pwned${ESC}\\ ${ESC}[2J${ESC}[8mhidden ${ESC}]52;c;ZWNobyBoaQ==${ESC}\\\n## Timeline\n- 10:00 ${ESC}[31mred\u202etxt.exe\n- 10:30 b\n## Action items\n- [ ] fix \u009b31m @sam\n`,
	'name\nwith a line break.md': '# x\n## Timeline\n- 10:00 a\n- 10:05 b\n',
	'status-in-item.md': '## Action items\n- [ ] Rename the "status: degraded" banner to "partial outage" @sam\n',
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-rca-hostile-'));
let failed = 0;
let slowest = 0;
const folderMs = [];
try {
	for (const [name, text] of Object.entries(NOTES)) fs.writeFileSync(path.join(dir, name), text);
	for (const name of Object.keys(NOTES)) {
		const file = path.join(dir, name);
		for (const args of COMMANDS) {
			const t0 = Date.now();
			const r = spawnSync(process.execPath, [cli, ...args, file], {
				encoding: 'utf8',
				maxBuffer: 1 << 30,
				timeout: 60_000,
			});
			const ms = Date.now() - t0;
			slowest = Math.max(slowest, ms);
			const out = r.stdout + r.stderr;
			const problems = [];
			if (ms > HANG_MS) problems.push(`${ms} ms`);
			if (r.status !== 0 && r.status !== 1) problems.push(`exit ${r.status}${r.signal ? ` (${r.signal})` : ''}`);
			if (out.includes(ESC) || /[\u0080-\u009f\u202a-\u202e]/.test(out)) problems.push('an escape code in the output');
			if (/\n\s+at /.test(r.stderr)) problems.push('a stack trace');
			if (problems.length > 0) {
				failed++;
				console.log(`FAIL ${args.join(' ')} ${JSON.stringify(name)}: ${problems.join(', ')}`);
			}
		}
	}
	// The folder as a team runs it: one process per command for all the notes.
	const notes = Object.keys(NOTES).length;
	for (const args of COMMANDS) {
		const t0 = Date.now();
		const r = spawnSync(process.execPath, [cli, ...args, dir], {
			encoding: 'utf8',
			maxBuffer: 1 << 30,
			timeout: 120_000,
		});
		const ms = Date.now() - t0;
		folderMs.push(`${args.join(' ')} ${ms} ms`);
		if (ms > PER_NOTE_MS * notes || (r.status !== 0 && r.status !== 1)) {
			failed++;
			console.log(`FAIL ${args.join(' ')} on the folder: ${ms} ms for ${notes} notes, exit ${r.status}`);
		}
	}
	// The whole folder through a pipe its reader closes early.
	const pipe = spawnSync(
		'bash',
		[
			'-c',
			`set -o pipefail; "${process.execPath}" "${cli}" report --json "${dir}" 2>"${dir}.err" | head -c 100 >/dev/null; echo $?`,
		],
		{ encoding: 'utf8' },
	);
	const err = fs.readFileSync(`${dir}.err`, 'utf8');
	fs.rmSync(`${dir}.err`, { force: true });
	if (pipe.stdout.trim() !== '0' || /EPIPE|\n\s+at /.test(err)) {
		failed++;
		console.log(`FAIL report --json | head -c 100: exit ${pipe.stdout.trim()} ${err.split('\n')[0]}`);
	}
} finally {
	fs.rmSync(dir, { recursive: true, force: true });
}
console.log(
	`hostile: ${Object.keys(NOTES).length} notes × 3 commands, slowest note alone ${slowest} ms; folder: ${folderMs.join(', ')}; ${failed} failed`,
);
process.exit(failed === 0 ? 0 : 1);
