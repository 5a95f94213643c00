/**
 * incident-rca: report on and lint a folder of postmortems with the same core the plugin uses.
 *   incident-rca report <files or folders…> [--json [--pretty]] [--today YYYY-MM-DD] [--jobs N]
 *   incident-rca lint <files or folders…> [--jobs N]
 *   incident-rca explain <files…> [--json]
 * Each reads the team's words from --config FILE or the nearest .incident-rca.json (see config.ts).
 */
import { printable, terminalSafeJson } from '../core/text/escape';
import { buildReport, renderLint, renderReportJson, renderReportText } from '../core/views/report';
import { explainNote, renderExplanation } from '../core/views/explain';
import { MissingPathError, readNote } from './files';
import { parseYaml } from './yaml';
import { ConfigError, readConfig, type Config } from './config';
import { lexiconOf } from '../core/format/lexicon';
import { isScanWorker, scanForReport, serveScanWorker, type ReportScan } from './scan';

const USAGE = `Usage:
  incident-rca report <files or folders...> [--json [--pretty]] [--today YYYY-MM-DD] [--jobs N] [--stats]
  incident-rca lint <files or folders...> [--jobs N] [--stats]
  incident-rca explain <files...> [--json]

report  prints the incident table, open action items by due date and unresolved links
        (--json: machine-readable, only JSON on stdout; indented on a terminal or with --pretty)
lint    prints file:line: level: message for every problem; exits 1 on any error
explain prints each line of a note with the kind the parser gave it and what it took from it
--jobs  threads that parse (default: one per core; 1 parses in the main thread)
--stats one line on stderr: files read, incidents, skipped, threads, time
--config FILE  the team's words (default: the nearest .incident-rca.json above the first path, or here)`;

interface Args {
	command: string | null;
	paths: string[];
	json: boolean;
	pretty: boolean;
	stats: boolean;
	jobs: number | undefined;
	today: string;
	help: boolean;
	config: string | null;
}

/** How the CLI was started: whether stdout is a terminal, and the script worker threads can run. */
export interface RunContext {
	tty: boolean;
	workerScript: string | null;
}

function parseArgs(argv: string[]): Args {
	const args: Args = {
		command: null,
		paths: [],
		json: false,
		pretty: false,
		stats: false,
		jobs: undefined,
		today: new Date().toISOString().slice(0, 10),
		help: false,
		config: null,
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--json') args.json = true;
		else if (a === '--pretty') args.pretty = true;
		else if (a === '--stats') args.stats = true;
		else if (a === '--jobs' || a.startsWith('--jobs=')) {
			const v = a === '--jobs' ? argv[++i] : a.slice('--jobs='.length);
			if (!/^\d+$/.test(v ?? '') || Number(v) < 1)
				throw new UsageError(`--jobs wants a whole number of threads, got ${v ?? 'nothing'}`);
			args.jobs = Number(v);
		} else if (a === '--help' || a === '-h') args.help = true;
		else if (a === '--config' || a.startsWith('--config=')) {
			const v = a === '--config' ? argv[++i] : a.slice('--config='.length);
			if (!v) throw new UsageError('--config wants a file');
			args.config = v;
		} else if (a === '--today') args.today = argv[++i] ?? args.today;
		else if (a.startsWith('--today=')) args.today = a.slice('--today='.length);
		else if (a.startsWith('-')) throw new UsageError(`unknown option: ${a}`);
		else if (args.command === null) args.command = a;
		else args.paths.push(a);
	}
	if (!/^\d{4}-\d{2}-\d{2}$/.test(args.today)) throw new UsageError(`--today wants YYYY-MM-DD, got ${args.today}`);
	return args;
}

class UsageError extends Error {}

export async function run(
	argv: string[],
	out: (s: string) => void,
	err: (s: string) => void,
	context: RunContext = { tty: false, workerScript: null },
): Promise<number> {
	let args: Args;
	try {
		args = parseArgs(argv);
	} catch (e) {
		err(`incident-rca: ${printable((e as Error).message)}\n${USAGE}\n`);
		return 2;
	}
	if (args.help || args.command === null) {
		(args.help ? out : err)(USAGE + '\n');
		return args.help ? 0 : 2;
	}
	let config: Config;
	try {
		config = readConfig(args.config, args.paths);
	} catch (e) {
		if (!(e instanceof ConfigError)) throw e;
		err(`incident-rca: ${printable(e.message)}\n`);
		return 2;
	}
	if (args.command === 'explain') return explain(args, config, out, err);
	if (args.command !== 'report' && args.command !== 'lint') {
		err(`incident-rca: unknown command: ${printable(args.command)}\n${USAGE}\n`);
		return 2;
	}
	if (args.paths.length === 0) {
		err(`incident-rca: ${args.command} needs at least one file or folder\n`);
		return 2;
	}
	const started = Date.now();
	let scan: ReportScan;
	try {
		scan = await scanForReport(args.paths, {
			json: args.command === 'report' && args.json ? (args.pretty || context.tty ? 'pretty' : 'compact') : null,
			jobs: args.jobs,
			workerScript: context.workerScript,
			words: config.words,
		});
	} catch (e) {
		if (e instanceof MissingPathError) {
			err(`incident-rca: ${e.message}\n`);
			return 2;
		}
		throw e;
	}
	const { notes: incidents, skipped } = scan;
	if (args.stats) {
		err(
			`incident-rca: ${incidents.length + skipped.length} files, ${incidents.length} incidents, ${skipped.length} skipped, ${scan.threads} thread${scan.threads === 1 ? '' : 's'}, ${Date.now() - started} ms\n`,
		);
	}
	const report = buildReport(incidents, skipped, args.today);
	if (args.command === 'lint') {
		const lines = renderLint(report);
		if (lines.length > 0) out(lines.join('\n') + '\n');
		const errors = incidents.reduce((n, i) => n + i.problems.filter((p) => p.level === 'error').length, 0);
		err(
			`${incidents.length} file${incidents.length === 1 ? '' : 's'} checked, ${errors} error${errors === 1 ? '' : 's'}, ${lines.length - errors} warning${lines.length - errors === 1 ? '' : 's'}\n`,
		);
		return errors > 0 ? 1 : 0;
	}
	if (args.json) {
		for (const piece of renderReportJson(report, (i) => i.json ?? 'null', args.pretty || context.tty)) out(piece);
		if (skipped.length > 0) err(`incident-rca: skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'}\n`);
	} else {
		out(renderReportText(report));
	}
	return 0;
}

/** `explain`: each named file read line by line (see core/views/explain.ts). */
function explain(args: Args, config: Config, out: (s: string) => void, err: (s: string) => void): number {
	if (args.paths.length === 0) {
		err('incident-rca: explain needs at least one file\n');
		return 2;
	}
	let status = 0;
	const all: unknown[] = [];
	for (const file of args.paths) {
		const read = readNote(file);
		if (!read.ok) {
			err(`incident-rca: ${printable(file)}: ${read.reason}\n`);
			status = 2;
			continue;
		}
		const x = explainNote(read.text, { path: file, parseYaml, lexicon: lexiconOf(config.words) });
		if (args.json) all.push({ path: file, isIncident: x.isIncident, lines: x.lines });
		else {
			// Each line made printable on its own: the note's text must not reach the terminal as control codes.
			const text = renderExplanation(x).split('\n').map(printable).join('\n');
			out(`${args.paths.length > 1 ? `== ${printable(file)}\n` : ''}${text}`);
		}
	}
	if (args.json) out(terminalSafeJson(JSON.stringify(args.paths.length === 1 ? all[0] : all, null, 2)) + '\n');
	return status;
}

function fail(e: unknown): void {
	process.stderr.write(`incident-rca: ${printable((e as Error).message.split('\n')[0])}\n`);
	process.exitCode = 2;
}

/** A reader that stopped reading (`incident-rca report --json | head -c 100`) ends the run quietly, as Unix tools do. */
function quitOnClosedPipe(stream: NodeJS.WriteStream): void {
	stream.on('error', (e: NodeJS.ErrnoException) => {
		if (e.code === 'EPIPE') process.exit(0);
		throw e;
	});
}

if (isScanWorker()) {
	serveScanWorker();
} else if (require.main === module) {
	// Worker threads run this same bundled file; from the TypeScript sources (tests) everything stays in one thread.
	quitOnClosedPipe(process.stdout);
	quitOnClosedPipe(process.stderr);
	const context: RunContext = {
		tty: process.stdout.isTTY === true,
		workerScript: __filename.endsWith('.js') ? __filename : null,
	};
	run(
		process.argv.slice(2),
		(s) => process.stdout.write(s),
		(s) => process.stderr.write(s),
		context,
	).then((code) => {
		process.exitCode = code;
	}, fail);
}
