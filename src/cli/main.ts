/**
 * incident-rca: report on and lint a folder of postmortems with the same core the plugin uses.
 *   incident-rca report <files or folders…> [--json [--pretty]] [--today YYYY-MM-DD] [--jobs N]
 *   incident-rca lint <files or folders…> [--format text|json|github|junit] [--max-warnings N] [--jobs N]
 *   incident-rca explain <files…> [--json]
 * Each reads the team's words from --config FILE or the nearest .incident-rca.json (see config.ts).
 */
import { printable, terminalSafeJson } from '../core/text/escape';
import {
	buildReport,
	readFields,
	renderReportText,
	reportJsonStream,
	reportTail,
	type IncidentField,
} from '../core/views/report';
import { LINT_FORMATS, lintResult, lintSummary, renderLintOutput, type LintFormat } from '../core/views/lint-output';
import { version as VERSION } from '../../package.json';
import { explainNote, renderExplanation } from '../core/views/explain';
import { MissingPathError, readNote } from './files';
import { parseYaml } from './yaml';
import { ConfigError, readConfig, type Config } from './config';
import { lexiconOf } from '../core/format/lexicon';
import {
	isScanWorker,
	NOT_AN_INCIDENT,
	scanForReport,
	serveScanWorker,
	type ReportNote,
	type ReportScan,
} from './scan';
import * as fs from 'node:fs';
import type { IndexedIncident } from '../core/model';
import { buildDashboard, EMPTY_FILTERS, NO_RELATED_INCIDENTS } from '../core/views/dashboard';
import { buildRollup, rollupEntries } from '../core/views/rollup';
import { renderHtmlReport } from '../core/views/html-report';

const USAGE = `Usage:
  incident-rca report <files or folders...> [--json [--pretty] [--fields index|a,b,…]] [--html FILE] [--today YYYY-MM-DD]
                      [--jobs N] [--stats]
  incident-rca lint <files or folders...> [--format text|json|github|junit] [--max-warnings N] [--jobs N] [--stats]
  incident-rca explain <files...> [--json]
  incident-rca help | --help | -h        incident-rca --version | -V

report  prints the incident table, open action items by due date and unresolved links
        (--json: machine-readable, only JSON on stdout; indented on a terminal or with --pretty;
        --fields index: each incident without timeline rows and section texts, or the fields named;
        --html FILE: one self-contained page with the dashboard's figures, charts, tables and action items)
lint    prints every problem; exits 1 on any error, or on more warnings than --max-warnings
        --format text: file:line: level: message [code] (default); json; github: annotations on the
        pull request (GitHub Actions workflow commands); junit: JUnit XML for GitLab and Jenkins
explain prints each line of a note with the kind the parser gave it and what it took from it
--jobs  threads that parse (default: one per free core; 1 parses in the main thread)
--stats one line on stderr: files read, incidents, skipped, threads, time
--config FILE  the team's words (default: the nearest .incident-rca.json above the first path, or here)
Exit codes: 0 fine, 1 lint found errors (or too many warnings), 2 a mistake in the command or the config.`;

const COMMANDS = ['report', 'lint', 'explain', 'help'] as const;
type Command = (typeof COMMANDS)[number];

/** The options each command takes: any other is a mistake (exit 2), never silently ignored. */
const OPTIONS: Record<Command, readonly string[]> = {
	report: ['--json', '--pretty', '--fields', '--html', '--today', '--jobs', '--stats', '--config'],
	lint: ['--format', '--max-warnings', '--today', '--jobs', '--stats', '--config'],
	explain: ['--json', '--config'],
	help: [],
};
/** Options that take a value (`--jobs 4` or `--jobs=4`). */
const VALUED = new Set(['--today', '--jobs', '--config', '--format', '--max-warnings', '--fields', '--html']);

interface Args {
	command: Command | null;
	paths: string[];
	json: boolean;
	pretty: boolean;
	stats: boolean;
	jobs: number | undefined;
	today: string;
	help: boolean;
	version: boolean;
	config: string | null;
	format: LintFormat;
	maxWarnings: number | null;
	fields: IncidentField[] | null;
	html: string | null;
}

/** How the CLI was started: whether stdout is a terminal, and the script worker threads can run. */
export interface RunContext {
	tty: boolean;
	workerScript: string | null;
}

/** A real calendar day as YYYY-MM-DD (2025-02-30 is not one). */
function isDay(s: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (!m) return false;
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	return d.toISOString().slice(0, 10) === s;
}

function wholeNumber(option: string, v: string, min: number): number {
	if (!/^\d+$/.test(v) || Number(v) < min)
		throw new UsageError(
			`${option} wants a whole number${min > 0 ? ` of at least ${min}` : ''}, got ${v || 'nothing'}`,
		);
	return Number(v);
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
		version: false,
		config: null,
		format: 'text',
		maxWarnings: null,
		fields: null,
		html: null,
	};
	const given: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--help' || a === '-h') {
			args.help = true;
			continue;
		}
		if (a === '--version' || a === '-V') {
			args.version = true;
			continue;
		}
		if (!a.startsWith('-') || a === '-') {
			if (args.command === null) {
				if (!(COMMANDS as readonly string[]).includes(a)) throw new UsageError(`unknown command: ${a}`);
				args.command = a as Command;
			} else args.paths.push(a);
			continue;
		}
		const eq = a.indexOf('=');
		const name = eq > 0 ? a.slice(0, eq) : a;
		if (!VALUED.has(name) && !['--json', '--pretty', '--stats'].includes(name))
			throw new UsageError(`unknown option: ${a}`);
		let value = '';
		if (VALUED.has(name)) {
			value = eq > 0 ? a.slice(eq + 1) : (argv[++i] ?? '');
			if (value === '') throw new UsageError(`${name} wants a value`);
		} else if (eq > 0) throw new UsageError(`${name} takes no value`);
		given.push(name);
		switch (name) {
			case '--json':
				args.json = true;
				break;
			case '--pretty':
				args.pretty = true;
				break;
			case '--stats':
				args.stats = true;
				break;
			case '--jobs':
				args.jobs = wholeNumber('--jobs', value, 1);
				break;
			case '--max-warnings':
				args.maxWarnings = wholeNumber('--max-warnings', value, 0);
				break;
			case '--config':
				args.config = value;
				break;
			case '--html':
				args.html = value;
				break;
			case '--today':
				if (!isDay(value)) throw new UsageError(`--today wants a date as YYYY-MM-DD, got ${value}`);
				args.today = value;
				break;
			case '--fields':
				try {
					args.fields = readFields(value);
				} catch (e) {
					throw new UsageError((e as Error).message);
				}
				break;
			case '--format':
				if (!(LINT_FORMATS as readonly string[]).includes(value))
					throw new UsageError(`--format wants one of ${LINT_FORMATS.join(', ')}, got ${value}`);
				args.format = value as LintFormat;
				break;
		}
	}
	if (args.command !== null && !args.help) {
		const allowed = OPTIONS[args.command];
		for (const name of given)
			if (!allowed.includes(name))
				throw new UsageError(
					name === '--json' && args.command === 'lint'
						? 'lint prints JSON with --format json'
						: `${name} is not an option of ${args.command}`,
				);
		if (args.pretty && !args.json) throw new UsageError('--pretty goes with --json');
		if (args.fields && !args.json) throw new UsageError('--fields goes with --json');
	}
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
	if (args.version) {
		out(`${VERSION}\n`);
		return 0;
	}
	if (args.help || args.command === 'help') {
		out(USAGE + '\n');
		return 0;
	}
	if (args.command === null) {
		err(USAGE + '\n');
		return 2;
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
	if (args.paths.length === 0) {
		err(`incident-rca: ${args.command} needs at least one file or folder\n`);
		return 2;
	}
	const started = Date.now();
	// `report --json` is written as the notes are parsed, in file order; nothing is written before the first batch,
	// so a missing path still fails with nothing on stdout.
	const pretty = args.pretty || context.tty;
	const json = args.command === 'report' && args.json ? reportJsonStream(pretty) : null;
	let begun = false;
	const begin = (): void => {
		if (json && !begun) out(json.start);
		begun = true;
	};
	let scan: ReportScan;
	try {
		scan = await scanForReport(args.paths, {
			onNotes: json
				? (notes) => {
						begin();
						out(json.incidents(notes.map((n) => n.json ?? 'null')));
						// Of each note written, only what the closing part reads (and the HTML report's entry) is kept.
						return notes.map((n) => ({ ...reportTail(n), json: null, indexed: n.indexed }));
					}
				: undefined,
			json: json ? (pretty ? 'pretty' : 'compact') : null,
			jobs: args.jobs,
			workerScript: context.workerScript,
			words: config.words,
			rules: config.rules,
			base: config.base,
			fields: args.fields,
			indexed: args.html !== null,
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
		const result = lintResult(report, (s) => s.reason === NOT_AN_INCIDENT, config.rules.levels.skipped);
		out(renderLintOutput(result, args.format));
		const tooMany = args.maxWarnings !== null && result.warnings > args.maxWarnings;
		err(`${lintSummary(result)}${tooMany ? ` (more than --max-warnings ${args.maxWarnings})` : ''}\n`);
		return result.errors > 0 || tooMany ? 1 : 0;
	}
	let status = 0;
	if (args.html !== null) {
		const page = htmlReport(incidents, skipped.length, args.today, config);
		try {
			fs.writeFileSync(args.html, page);
			err(`incident-rca: wrote ${printable(args.html)} (${incidents.length} incidents)\n`);
		} catch (e) {
			err(
				`incident-rca: cannot write ${printable(args.html)} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`,
			);
			status = 2;
		}
		if (!json) return status;
	}
	if (json) {
		// Ended even when the page could not be written: what is on stdout stays one whole JSON text.
		begin();
		for (const piece of json.end(report)) out(piece);
		if (skipped.length > 0) err(`incident-rca: skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'}\n`);
	} else {
		out(renderReportText(report));
	}
	return status;
}

/** The HTML report of the scanned incidents: the dashboard over all of them and the open items by owner. */
function htmlReport(notes: readonly ReportNote[], skipped: number, today: string, config: Config): string {
	const indexed = notes.map((n) => n.indexed).filter((i): i is IndexedIncident => i !== null);
	const lexicon = lexiconOf(config.words);
	const words = { lexicon, severities: lexicon.severities };
	const model = buildDashboard(
		indexed,
		EMPTY_FILTERS,
		{ column: 'date', descending: true },
		{ definition: 'first-last', relatedWindowDays: 30, today, words },
		NO_RELATED_INCIDENTS,
	);
	const rollup = buildRollup(rollupEntries(indexed, today, lexicon), 'open', 'owner', '', lexicon);
	return renderHtmlReport(model, rollup, { title: 'Incident report', today, skipped });
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
