/**
 * incident-rca: report on and lint a folder of postmortems with the same core the plugin uses.
 *   incident-rca report <files or folders…> [--json] [--today YYYY-MM-DD]
 *   incident-rca lint <files or folders…>
 */
import { buildReport, incidentToJson, renderLint, renderReportText } from '../core/report';
import { MissingPathError } from './files';
import { scanNotes, type ScanResult } from './scan';

const USAGE = `Usage:
  incident-rca report <files or folders...> [--json] [--today YYYY-MM-DD]
  incident-rca lint <files or folders...>

report  prints the incident table, open action items by due date and unresolved links
        (--json: machine-readable, only JSON on stdout)
lint    prints file:line: level: message for every problem; exits 1 on any error`;


interface Args {
	command: string | null;
	paths: string[];
	json: boolean;
	today: string;
	help: boolean;
}

function parseArgs(argv: string[]): Args {
	const args: Args = { command: null, paths: [], json: false, today: new Date().toISOString().slice(0, 10), help: false };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--json') args.json = true;
		else if (a === '--help' || a === '-h') args.help = true;
		else if (a === '--today') args.today = argv[++i] ?? args.today;
		else if (a.startsWith('--today=')) args.today = a.slice('--today='.length);
		else if (a.startsWith('-')) throw new UsageError(`unknown option: ${a}`);
		else if (args.command === null) args.command = a;
		else args.paths.push(a);
	}
	if (!/^\d{4}-\d{2}-\d{2}$/.test(args.today)) throw new UsageError(`--today wants YYYY-MM-DD, got ${args.today}`);
	return args;
}

class UsageError extends Error {}

export function run(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
	let args: Args;
	try {
		args = parseArgs(argv);
	} catch (e) {
		err(`incident-rca: ${(e as Error).message}\n${USAGE}\n`);
		return 2;
	}
	if (args.help || args.command === null) {
		(args.help ? out : err)(USAGE + '\n');
		return args.help ? 0 : 2;
	}
	if (args.command !== 'report' && args.command !== 'lint') {
		err(`incident-rca: unknown command: ${args.command}\n${USAGE}\n`);
		return 2;
	}
	if (args.paths.length === 0) {
		err(`incident-rca: ${args.command} needs at least one file or folder\n`);
		return 2;
	}
	let scan: ScanResult;
	try {
		scan = scanNotes(args.paths);
	} catch (e) {
		if (e instanceof MissingPathError) {
			err(`incident-rca: ${e.message}\n`);
			return 2;
		}
		throw e;
	}
	const { incidents, skipped } = scan;
	const report = buildReport(incidents, skipped, args.today);
	if (args.command === 'lint') {
		const lines = renderLint(report);
		if (lines.length > 0) out(lines.join('\n') + '\n');
		const errors = incidents.reduce((n, i) => n + i.problems.filter((p) => p.level === 'error').length, 0);
		err(`${incidents.length} file${incidents.length === 1 ? '' : 's'} checked, ${errors} error${errors === 1 ? '' : 's'}, ${lines.length - errors} warning${lines.length - errors === 1 ? '' : 's'}\n`);
		return errors > 0 ? 1 : 0;
	}
	if (args.json) {
		out(JSON.stringify({ incidents: report.incidents.map(incidentToJson), skipped: report.skipped }, null, 2) + '\n');
		if (skipped.length > 0) err(`incident-rca: skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'}\n`);
	} else {
		out(renderReportText(report));
	}
	return 0;
}

if (require.main === module) {
	try {
		process.exitCode = run(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
	} catch (e) {
		process.stderr.write(`incident-rca: ${(e as Error).message.split('\n')[0]}\n`);
		process.exitCode = 2;
	}
}
