/**
 * Reading a folder of notes into incidents: what `incident-rca report` / `lint` and the benchmark run.
 * Large folders are parsed by worker threads (one per core); each sends back only what the report needs and, for
 * --json, the incident already serialised, because copying whole parsed incidents between threads costs more than
 * parsing them. The result is the same, in the same order, whatever the number of threads.
 */
import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createLinkResolver, DEFAULT_DETECTION, isIncidentNote, parseNoteIf, type Incident } from '../core';
import type { IndexedIncident } from '../core/model';
import { compactIncident } from '../core/index/incident-index';
import {
	incidentToJson,
	reportIncident,
	type IncidentField,
	type ReportIncident,
	type SkippedFile,
} from '../core/views/report';
import { collectFiles, readNote, type FoundFile } from './files';
import { parseYaml } from './yaml';
import { lexiconOf, type Lexicon } from '../core/format/lexicon';
import type { TeamWords } from '../core/format/team-words';
import { applyLintRules, NO_RULES, type LintRules } from '../core/views/lint-rules';
import * as path from 'node:path';
import picomatch from 'picomatch';

/** The folder's paths, shared by every thread: links resolve among all the files found, not one thread's share. */
interface Vault {
	resolve: (target: string, sourcePath: string) => string | null;
	displayOf: Map<string, string>;
	/** The team's words every note is read with (the config file's). */
	lexicon: Lexicon;
	settings: ScanSettings;
}

/** How every thread reads and hands on the notes: the same for the whole scan, sent to each worker as it is. */
interface ScanSettings {
	/** The team's words (the config file's); null for the built-in vocabulary alone. */
	words: TeamWords | null;
	rules: LintRules;
	/** The fields of each incident's JSON (`--fields`); null for all. */
	fields: readonly IncidentField[] | null;
	/** Each incident also as the plugin's index holds it (for the HTML report's dashboard). */
	indexed: boolean;
}

const PLAIN: ScanSettings = { words: null, rules: NO_RULES, fields: null, indexed: false };

function vaultOf(files: FoundFile[], settings: ScanSettings): Vault {
	return {
		resolve: createLinkResolver(files.map((f) => f.vaultPath)),
		displayOf: new Map(files.map((f) => [f.vaultPath, f.display])),
		lexicon: lexiconOf(settings.words),
		settings,
	};
}

/** The files the config's `ignore` globs leave (matched against the path from `base`, the config file's folder). */
export function notIgnored(files: FoundFile[], ignore: readonly string[], base: string): FoundFile[] {
	if (ignore.length === 0) return files;
	const match = picomatch(ignore as string[], { dot: true });
	return files.filter((f) => !match(path.relative(base, path.resolve(f.display)).split(path.sep).join('/')));
}

export const NOT_AN_INCIDENT =
	'not an incident note (no incident type, tag or frontmatter key; no timeline, postmortem headings or title)';

/** Reads, decodes and parses one file; says why when it is not an incident note. */
function scanFile(f: FoundFile, vault: Vault): Incident | SkippedFile {
	const read = readNote(f.display);
	if (!read.ok) return { path: f.display, reason: read.reason };
	try {
		// A folder holds runbooks and templates too; files named on the command line are always reported. The rule is
		// the plugin's (isIncidentNote), with its default settings; a note it turns down is not parsed further.
		const { incident: inc } = parseNoteIf(
			read.text,
			{ path: f.vaultPath, parseYaml, resolveLink: vault.resolve, lexicon: vault.lexicon },
			(facts) => f.explicit || isIncidentNote(facts, DEFAULT_DETECTION),
		);
		if (!inc) return { path: f.display, reason: NOT_AN_INCIDENT };
		inc.path = f.display;
		inc.problems = applyLintRules(inc, vault.settings.rules);
		for (const l of inc.links) if (l.resolved !== null) l.resolved = vault.displayOf.get(l.resolved) ?? l.resolved;
		return inc;
	} catch (e) {
		// The parser promises not to throw; if it ever does, one file must not stop the report.
		return { path: f.display, reason: `could not be parsed (${(e as Error).message.split('\n')[0]})` };
	}
}

function isSkipped(x: Incident | SkippedFile): x is SkippedFile {
	return 'reason' in x;
}

/** Reads, decodes and parses every note under the inputs, in this thread, handing each on as it is parsed. */
export function scanEach(
	inputs: string[],
	onIncident: (i: Incident) => void,
	onSkipped: (s: SkippedFile) => void = () => undefined,
	words: TeamWords | null = null,
): void {
	const { files, skipped } = collectFiles(inputs);
	for (const s of skipped) onSkipped(s);
	const vault = vaultOf(files, { ...PLAIN, words });
	for (const f of files) {
		const x = scanFile(f, vault);
		if (isSkipped(x)) onSkipped(x);
		else onIncident(x);
	}
}

/** An incident as the report sees it, with its JSON text when the report is printed as JSON. */
export interface ReportNote extends ReportIncident {
	json: string | null;
	/** The incident as the index holds it, when the scan was asked for it. */
	indexed: IndexedIncident | null;
}

export type JsonMode = 'compact' | 'pretty' | null;

export interface ReportScan {
	notes: ReportNote[];
	skipped: SkippedFile[];
	/** Threads used (1: this one). */
	threads: number;
}

/** What one batch of files becomes; sent between threads as one JSON text plus the incidents' JSON strings. */
interface Batch {
	notes: ReportIncident[];
	json: (string | null)[];
	indexed: (IndexedIncident | null)[];
	skipped: SkippedFile[];
}

function scanBatch(files: FoundFile[], vault: Vault, json: JsonMode): Batch {
	const batch: Batch = { notes: [], json: [], indexed: [], skipped: [] };
	for (const f of files) {
		const x = scanFile(f, vault);
		if (isSkipped(x)) {
			batch.skipped.push(x);
			continue;
		}
		batch.notes.push(reportIncident(x));
		batch.indexed.push(vault.settings.indexed ? compactIncident(x) : null);
		batch.json.push(
			json === null
				? null
				: JSON.stringify(incidentToJson(x, vault.settings.fields), null, json === 'pretty' ? 2 : undefined),
		);
	}
	return batch;
}

/**
 * The threads a scan of `files` files uses when --jobs does not say: one per core that is free (cores less the
 * load of the last minute, rounded), at most 16, one per 50 files, at least one. On a busy two-core machine two
 * threads ran 40–50% slower than one; on an idle one, 10,000 notes took 7.9 s in two and 9.9 s in one.
 */
export function threadsFor(files: number, cores: number, load: number): number {
	return usableThreads(Math.round(cores - (Number.isFinite(load) ? Math.max(0, load) : 0)), files);
}

/** The threads asked for, at most 16 and one per 50 files, at least one. */
function usableThreads(wanted: number, files: number): number {
	return Math.max(1, Math.min(wanted, 16, Math.ceil(files / 50)));
}

/** Below this many files a thread costs more to start than it saves. */
export const PARALLEL_MIN_FILES = 200;

/**
 * The young generation of each worker thread, in MB. V8's default (up to 48 MB per thread) let three heaps grow side
 * by side: 50,000 notes in two threads peaked at 590–630 MB, with 12 MB at 380 MB, and 10,000 notes took the same
 * time (5.7–6.8 s either way on the bench machine). A worker's notes are short-lived; a small nursery suits them.
 */
const WORKER_YOUNG_MB = 12;

/** Files per batch in this thread: each batch's incidents are handed on (and their JSON let go) before the next. */
const BATCH_FILES = 64;

interface ScanOptions extends Partial<ScanSettings> {
	json: JsonMode;
	/** Threads to parse with; default one per core. 1 parses in this thread. */
	jobs?: number;
	/** The script a worker thread runs (the bundled CLI); without one, everything runs in this thread. */
	workerScript?: string | null;
	/** The folder the rules' `ignore` globs start from; default the current folder. */
	base?: string;
	/**
	 * Called with each batch's incidents in file order, as soon as it and every batch before it are parsed (the
	 * JSON report is written from here); what it returns is what the scan keeps of them for its result.
	 */
	onNotes?: (notes: ReportNote[]) => ReportNote[];
}

/**
 * The batches' results, handed on in file order however the threads finish: batch k is handed on when 0…k are in,
 * so at most the batches finished early wait here, not the whole folder's JSON.
 */
class InOrder {
	readonly notes: ReportNote[] = [];
	readonly skipped: SkippedFile[];
	private readonly waiting = new Map<number, Batch>();
	private next = 0;

	constructor(
		notRead: SkippedFile[],
		private readonly onNotes: ((notes: ReportNote[]) => ReportNote[]) | undefined,
	) {
		this.skipped = notRead.slice();
	}

	add(k: number, batch: Batch): void {
		this.waiting.set(k, batch);
		for (let b = this.waiting.get(this.next); b !== undefined; b = this.waiting.get(this.next)) {
			this.waiting.delete(this.next++);
			this.take(b);
		}
	}

	private take(b: Batch): void {
		const notes = b.notes.map((n, k) => {
			// Set on the object itself: a spread copy of each was slower than the rest of the scan.
			const note = n as ReportNote;
			note.json = b.json[k];
			note.indexed = b.indexed[k] ?? null;
			return note;
		});
		for (const s of b.skipped) this.skipped.push(s);
		for (const n of this.onNotes ? this.onNotes(notes) : notes) this.notes.push(n);
	}
}

/** Scans the inputs for the report, in worker threads when there are many files. */
export async function scanForReport(inputs: string[], options: ScanOptions): Promise<ReportScan> {
	const settings: ScanSettings = {
		words: options.words ?? null,
		rules: options.rules ?? NO_RULES,
		fields: options.fields ?? null,
		indexed: options.indexed === true,
	};
	const collected = collectFiles(inputs);
	const files = notIgnored(collected.files, settings.rules.ignore, options.base ?? process.cwd());
	const results = new InOrder(collected.skipped, options.onNotes);
	const jobs =
		options.jobs !== undefined
			? usableThreads(options.jobs, files.length)
			: threadsFor(files.length, os.availableParallelism(), os.loadavg()[0]);
	if (jobs === 1 || files.length < PARALLEL_MIN_FILES || !options.workerScript) {
		const vault = vaultOf(files, settings);
		for (let i = 0; i < files.length; i += BATCH_FILES)
			results.add(i / BATCH_FILES, scanBatch(files.slice(i, i + BATCH_FILES), vault, options.json));
		return { notes: results.notes, skipped: results.skipped, threads: 1 };
	}
	// Small batches handed out as threads finish keep every core busy when some notes are much larger than others.
	const size = Math.max(20, Math.min(100, Math.ceil(files.length / (jobs * 8))));
	const batches: FoundFile[][] = [];
	for (let i = 0; i < files.length; i += size) batches.push(files.slice(i, i + size));
	const script = options.workerScript;
	let next = 0;
	await Promise.all(
		Array.from({ length: jobs }, () => {
			const worker = new Worker(script, {
				workerData: { incidentRcaScan: true, files, json: options.json, settings },
				resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
			});
			return new Promise<void>((resolve, reject) => {
				const give = (): void => {
					if (next >= batches.length) {
						void worker.terminate().then(() => resolve());
						return;
					}
					const k = next++;
					worker.postMessage({ k, files: batches[k] });
				};
				worker.on('message', (m: { k: number; batch: string; json: (string | null)[] }) => {
					const b = JSON.parse(m.batch) as Batch;
					b.json = m.json;
					give();
					results.add(m.k, b);
				});
				worker.on('error', reject);
				worker.on('online', give);
			});
		}),
	);
	return { notes: results.notes, skipped: results.skipped, threads: jobs };
}

/** True in a thread started by scanForReport; it then serves batches until it is terminated. */
export function isScanWorker(): boolean {
	return !isMainThread && (workerData as { incidentRcaScan?: boolean } | null)?.incidentRcaScan === true;
}

export function serveScanWorker(): void {
	const data = workerData as { files: FoundFile[]; json: JsonMode; settings: ScanSettings };
	const vault = vaultOf(data.files, data.settings);
	parentPort?.on('message', (m: { k: number; files: FoundFile[] }) => {
		const batch = scanBatch(m.files, vault, data.json);
		const json = batch.json;
		batch.json = [];
		parentPort?.postMessage({ k: m.k, batch: JSON.stringify(batch), json });
	});
}
