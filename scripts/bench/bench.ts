/**
 * npm run bench: the speed and memory targets of issue #5, measured in one run on synthetic vaults of 1,000,
 * 10,000 and 50,000 notes (deterministic, every format). Prints a table (or --json) with ratios and targets.
 * Options: --json, --runs N (median of N, default 3), --sizes 1000,10000,50000, --dir PATH (where vaults are kept).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import matter from 'gray-matter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { createLinkResolver, parseIncident, type IndexedIncident } from '../../src/core';
import { buildDashboard, EMPTY_FILTERS, relatedIncidents } from '../../src/core/views/dashboard';
import { compactIncident, IncidentIndex } from '../../src/core/index/incident-index';
import { fromCache, readIndexCache, writeIndexCache, type FileStamp } from '../../src/core/index/index-cache';
import { buildRollup, rollupEntries } from '../../src/core/views/rollup';
import { collectFiles } from '../../src/cli/files';
import { scanEach } from '../../src/cli/scan';
import { parseYaml } from '../../src/cli/yaml';
import { generateNote, rng, writeVault } from './generate';
import { leastScan, noteFiles } from './least';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
	const k = argv.indexOf(`--${name}`);
	return k >= 0 && argv[k + 1] ? argv[k + 1] : fallback;
};
const JSON_OUT = argv.includes('--json');
const RUNS = Math.max(1, Number(opt('runs', '3')));
const SIZES = opt('sizes', '1000,10000,50000').split(',').map(Number);
const BASE = opt('dir', path.join(os.tmpdir(), 'incident-rca-bench'));
const MID = SIZES.includes(10000) ? 10000 : SIZES[Math.min(1, SIZES.length - 1)];
const log = (s: string): void => {
	if (!JSON_OUT) process.stderr.write(s + '\n');
};

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function timeMs(fn: () => void, runs = RUNS): number {
	const xs: number[] = [];
	for (let k = 0; k < runs; k++) {
		const t = process.hrtime.bigint();
		fn();
		xs.push(Number(process.hrtime.bigint() - t) / 1e6);
	}
	return median(xs);
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/** 1. The floor: read every file and split it into lines, nothing else. */
function floor(dir: string): number {
	let lines = 0;
	for (const f of collectFiles([dir]).files) lines += fs.readFileSync(f.display, 'utf8').split(/\r?\n/).length;
	return lines;
}

/** Read and parse each note, compacting it at once as the plugin's full scan does (src/plugin/indexer.ts). */
function indexEntries(dir: string): [string, IndexedIncident][] {
	const entries: [string, IndexedIncident][] = [];
	scanEach([dir], (i) => entries.push([i.path as string, compactIncident(i)]));
	return entries;
}

/** Milliseconds of each cold index spent after parsing: building the index and the dashboard model. */
const aggregateMs: number[] = [];

/** 2. Our cold index: read, parse, index, aggregate (the dashboard model). */
function coldIndex(dir: string): IncidentIndex {
	const entries = indexEntries(dir);
	const t = process.hrtime.bigint();
	const index = new IncidentIndex();
	index.replaceAll(entries);
	buildDashboard(
		index.all(),
		EMPTY_FILTERS,
		{ column: 'date', descending: true },
		{ definition: 'first-last', relatedWindowDays: 30, today: '2026-01-01' },
	);
	aggregateMs.push(Number(process.hrtime.bigint() - t) / 1e6);
	return index;
}

/** The index alone, built in its own frame so the parsed notes it was built from are garbage when it returns. */
function indexOnly(dir: string): IncidentIndex {
	const index = new IncidentIndex();
	index.replaceAll(indexEntries(dir));
	return index;
}

/** 3. What a user would otherwise script: gray-matter + remark (GFM), walking the tree for timeline and action tables and lists. */
const processor = unified().use(remarkParse).use(remarkGfm);
interface MdNode {
	type: string;
	children?: MdNode[];
	value?: string;
	checked?: boolean | null;
}
function textOf(n: MdNode): string {
	return n.value ?? (n.children ?? []).map(textOf).join('');
}
function remarkBaseline(files: string[]): number {
	let found = 0;
	for (const f of files) {
		const { content } = matter(fs.readFileSync(f, 'utf8'));
		const tree = processor.runSync(processor.parse(content)) as MdNode;
		const walk = (n: MdNode): void => {
			if (n.type === 'table' && n.children) {
				const header = textOf(n.children[0]).toLowerCase();
				if (/time|action|task/.test(header)) found += n.children.length - 1;
			} else if (n.type === 'listItem') {
				if (n.checked !== null && n.checked !== undefined) found++;
				else if (/^\d{1,2}:\d{2}/.test(textOf(n).trim())) found++;
			}
			for (const c of n.children ?? []) walk(c);
		};
		walk(tree);
	}
	return found;
}

/**
 * The plugin's start when the index cache is current (src/plugin/indexer.ts): read the cache file, take each note
 * whose file stamp matches, resolve its links again, fill the index. The stamps and the link resolver are what
 * Obsidian already holds in memory (TFile.stat, the metadata cache), so they are made before the clock starts.
 * No target: the cold index is without a cache; this is what a user waits for at every later start.
 */
function startFromCache(
	dir: string,
	index: IncidentIndex,
	floorMs: number,
	rows: Row[],
	results: Record<string, number>,
): void {
	const files = collectFiles([dir]).files;
	const stamps = new Map(
		files.map(
			(f) => [f.vaultPath, { mtime: fs.statSync(f.display).mtimeMs, size: fs.statSync(f.display).size }] as const,
		),
	);
	const resolve = createLinkResolver(files.map((f) => f.vaultPath));
	const cachePath = path.join(BASE, 'index-cache.json');
	const key = 'bench|1';
	// The CLI's scan names notes by their path on disk; the plugin (and so the cache) by their path in the vault.
	const notes: [string, FileStamp, IndexedIncident][] = [];
	for (const f of files) {
		const i = index.get(f.display);
		if (i) notes.push([f.vaultPath, stamps.get(f.vaultPath) as FileStamp, { ...i, path: f.vaultPath }]);
	}
	const writeMs = timeMs(() => fs.writeFileSync(cachePath, writeIndexCache(key, notes)));
	const mb = fs.statSync(cachePath).size / 1e6;
	let got = 0;
	const ms = timeMs(() => {
		const known = readIndexCache(fs.readFileSync(cachePath, 'utf8'), key);
		const entries: [string, IndexedIncident][] = [];
		for (const [p, stamp] of stamps) {
			const hit = fromCache(known, p, stamp, resolve);
			if (hit?.incident) entries.push([p, hit.incident]);
		}
		new IncidentIndex().replaceAll(entries);
		got = entries.length;
	});
	if (got !== index.size) throw new Error(`index cache: ${got} of ${index.size} notes taken from it`);
	results.start_from_cache_ms = ms;
	results.index_cache_mb = mb;
	results.index_cache_write_ms = writeMs;
	rows.push({
		measure: `plugin start with a current index cache, ${index.size} notes (no target)`,
		value: `${ms.toFixed(0)} ms (cache file ${mb.toFixed(1)} MB, written in ${writeMs.toFixed(0)} ms)`,
		ratio: `${(ms / floorMs).toFixed(1)}× floor`,
	});
}

/**
 * The lower bound (scripts/bench/least.ts): read every note and do only the least an index of durations, milestones
 * and action items must do, without the rest of the job. Not ours and no target: it shows how far down any parser
 * could go on this machine, so a target it cannot meet either is out of reach. Timed like the cold index.
 */
function leastInProcess(dir: string, results: Record<string, number>, rows: Row[]): void {
	const floorMs = results[`floor_${MID}_ms`];
	leastScan(noteFiles(dir));
	let found = 0;
	const ms = timeMs(() => {
		found = leastScan(noteFiles(dir)).length;
	});
	const withAggregate = ms + results.cold_aggregate_ms;
	const perNote = withAggregate / found;
	results.least_index_ms = ms;
	results.least_index_with_aggregate_ms = withAggregate;
	rows.push({
		measure: `lower bound, not ours: read + the least index (time rows, milestone words, task items), ${found} notes`,
		value: `${ms.toFixed(0)} ms; ${withAggregate.toFixed(0)} ms with our index + dashboard model (${results.cold_aggregate_ms.toFixed(0)} ms) on top`,
		ratio: `${(ms / floorMs).toFixed(1)}× floor (${(withAggregate / floorMs).toFixed(1)}× with it); remark baseline ${(results.remark_per_note_ms / perNote).toFixed(0)}× it`,
	});
}

interface Row {
	measure: string;
	value: string;
	ratio?: string;
	target?: string;
	ok?: boolean;
}

function main(): void {
	const rows: Row[] = [];
	const results: Record<string, number> = {};
	fs.mkdirSync(BASE, { recursive: true });
	const vaults = new Map<number, string>();
	for (const n of SIZES) {
		log(`generating ${n} notes…`);
		vaults.set(n, writeVault(path.join(BASE, `v${n}`), n));
	}
	const bytes = (dir: string): number => collectFiles([dir]).files.reduce((s, f) => s + fs.statSync(f.display).size, 0);

	// What the views read: the compact index (the parsed notes are garbage once indexed, as in the plugin).
	let mid: IncidentIndex | null = null;
	let biggest: IndexedIncident[] = [];
	for (const n of SIZES) {
		const dir = vaults.get(n) as string;
		log(`${n} notes: floor, cold index…`);
		floor(dir); // warm the page cache and the JIT
		const f = timeMs(() => floor(dir));
		let last: IncidentIndex | null = null;
		aggregateMs.length = 0;
		const c = timeMs(() => {
			last = null;
			last = coldIndex(dir);
		});
		results[`floor_${n}_ms`] = f;
		results[`cold_${n}_ms`] = c;
		const mb = bytes(dir) / 1e6;
		rows.push({ measure: `floor: read + split, ${n} notes (${mb.toFixed(0)} MB)`, value: `${f.toFixed(0)} ms` });
		rows.push({
			measure: `cold index, ${n} notes`,
			value: `${c.toFixed(0)} ms (${((c * 1000) / n).toFixed(0)} µs/note)`,
			ratio: `${(c / f).toFixed(1)}× floor`,
			...(n === MID ? { target: '≤ 2× floor', ok: c <= 2 * f } : {}),
		});
		if (n === MID) {
			results.cold_aggregate_ms = median(aggregateMs);
			mid = last;
			startFromCache(dir, last as unknown as IncidentIndex, f, rows, results);
		}
		biggest = (last as unknown as IncidentIndex).all();
	}

	// 3. remark baseline: on 1,000 notes of the mid vault, projected per note (it takes minutes on 10,000).
	const midDir = vaults.get(MID) as string;
	const sample = collectFiles([midDir])
		.files.filter((f) => f.vaultPath.startsWith('Incidents/'))
		.slice(0, 1000)
		.map((f) => f.display);
	log('remark baseline on 1,000 notes…');
	remarkBaseline(sample.slice(0, 50));
	// Median of three: a single run of it moved by 2× between runs with the heap left by the measures before it.
	gc();
	const remarkMs = timeMs(() => remarkBaseline(sample), 3);
	const remarkPerNote = remarkMs / sample.length;
	const oursPerNote = results[`cold_${MID}_ms`] / MID;
	results.remark_per_note_ms = remarkPerNote;
	rows.push({
		measure: `baseline gray-matter + remark-gfm (projected ${MID} notes)`,
		value: `${((remarkPerNote * MID) / 1000).toFixed(1)} s (${(remarkPerNote * 1000).toFixed(0)} µs/note)`,
		ratio: `${(remarkPerNote / oursPerNote).toFixed(0)}× ours`,
		target: '≥ 100× ours',
		ok: remarkPerNote / oursPerNote >= 100,
	});
	leastInProcess(midDir, results, rows);

	// 4. Incremental: one changed note re-parsed and re-indexed inside the mid index.
	if (mid) {
		const index = mid as IncidentIndex;
		const files = collectFiles([midDir]).files.filter((f) => f.vaultPath.startsWith('Incidents/'));
		const texts = files.slice(0, 300).map((f) => [f.display, fs.readFileSync(f.display, 'utf8')] as const);
		const r = rng(7);
		const xs: number[] = [];
		for (let k = 0; k < 200; k++) {
			const [p, text] = texts[Math.floor(r() * texts.length)];
			const changed = text + `\n- 23:59 Follow-up note ${k}\n`;
			const t = process.hrtime.bigint();
			index.set(p, parseIncident(changed, { path: p, parseYaml }));
			xs.push(Number(process.hrtime.bigint() - t) / 1e6);
		}
		const inc = median(xs);
		results.incremental_ms = inc;
		rows.push({
			measure: `incremental update of one note in a ${index.size}-note index (median of 200)`,
			value: `${inc.toFixed(2)} ms`,
			target: '≤ 1 ms',
			ok: inc <= 1,
		});

		// 5. View models.
		const all = index.all();
		// As the view does: related incidents once per index revision, the model on every filter or sort change.
		const dashOpts = { definition: 'first-last' as const, relatedWindowDays: 30, today: '2026-01-01' };
		const relatedMs = timeMs(() => relatedIncidents(all, 30), Math.max(3, RUNS));
		const related = relatedIncidents(all, 30);
		const dashboard = (list: IndexedIncident[]): void =>
			void buildDashboard(
				list,
				{ ...EMPTY_FILTERS, text: 'api' },
				{ column: 'duration', descending: true },
				dashOpts,
				related,
			);
		const dash = timeMs(() => dashboard(all), Math.max(5, RUNS));
		// The first build for a new list (a new index revision) also works out what is kept per list (path order, menus).
		const dashFirst = timeMs(() => dashboard([...all]), Math.max(5, RUNS));
		results.dashboard_ms = dash;
		results.dashboard_first_ms = dashFirst;
		results.related_ms = relatedMs;
		rows.push({
			measure: `dashboard model, ${all.length} incidents (summary, charts, filtered + sorted table)`,
			value: `${dash.toFixed(1)} ms (first build after an index change ${dashFirst.toFixed(1)} ms, + ${relatedMs.toFixed(0)} ms related incidents)`,
			target: '≤ 30 ms',
			ok: dash <= 30 && dashFirst <= 30,
		});
		const entries = rollupEntries(biggest.length > all.length ? biggest : all, '2026-01-01').slice(0, 50000);
		const roll = timeMs(() => buildRollup(entries, 'open', 'owner', 'dana'), Math.max(5, RUNS));
		results.rollup_ms = roll;
		results.rollup_items = entries.length;
		rows.push({
			measure: `action-item rollup, ${entries.length} items (filter, group, sort)`,
			value: `${roll.toFixed(1)} ms`,
			target: '≤ 30 ms',
			ok: roll <= 30 && entries.length >= 50000,
		});
	}

	// 6. Memory held by the mid index.
	mid = null;
	biggest = [];
	gc();
	gc();
	const before = process.memoryUsage().heapUsed;
	let held: IncidentIndex | null = indexOnly(midDir);
	gc();
	gc();
	const memMb = (process.memoryUsage().heapUsed - before) / 1e6;
	results.index_memory_mb = memMb;
	rows.push({
		measure: `memory held by the ${held.size}-note index`,
		value: `${memMb.toFixed(1)} MB`,
		target: '≤ 50 MB',
		ok: memMb <= 50,
	});
	held = null;
	void held;

	// 7. The CLI as a whole process, against a plain read-and-split script.
	const cli = path.join(process.cwd(), 'dist', 'cli.js');
	const plain = path.join(BASE, 'read-split.js');
	fs.writeFileSync(
		plain,
		"const fs=require('fs'),p=require('path');let n=0;const w=(d)=>{for(const e of fs.readdirSync(d,{withFileTypes:true})){if(e.name.startsWith('.'))continue;const f=p.join(d,e.name);if(e.isDirectory())w(f);else if(/\\.(md|txt)$/.test(e.name))n+=fs.readFileSync(f,'utf8').split(/\\r?\\n/).length;}};w(process.argv[2]);console.log(JSON.stringify({lines:n}));\n",
	);
	const proc = (args: string[]): number =>
		timeMs(() => {
			const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 1 << 30 });
			if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
		});
	log('CLI as a whole process…');
	const tPlain = proc([plain, midDir]);
	// As a user runs it (worker threads, one per core), and in one thread for comparison.
	const tCli = proc([cli, 'report', '--json', midDir]);
	const tCliOne = proc([cli, 'report', '--json', '--jobs', '1', midDir]);
	results.cli_ms = tCli;
	results.cli_one_thread_ms = tCliOne;
	results.read_split_script_ms = tPlain;
	rows.push({
		measure: `CLI report --json, ${MID} notes, whole process (${os.cpus().length} threads; one thread ${tCliOne.toFixed(0)} ms)`,
		value: `${tCli.toFixed(0)} ms (read-and-split script ${tPlain.toFixed(0)} ms)`,
		ratio: `${(tCli / tPlain).toFixed(1)}×`,
		target: '≤ 3× the script',
		ok: tCli <= 3 * tPlain,
	});
	// The lower bound as a whole process: the least index of every note, printed as JSON, in one thread.
	const tLeast = proc([path.join(process.cwd(), 'dist', 'least.js'), midDir]);
	results.least_process_ms = tLeast;
	rows.push({
		measure: `lower bound, not ours: the least index as a whole process printing its JSON, one thread`,
		value: `${tLeast.toFixed(0)} ms`,
		ratio: `${(tLeast / tPlain).toFixed(1)}× the script`,
	});

	// 8. One large note, and linearity.
	const r = rng(3);
	let bigText = '';
	for (let i = 0; bigText.length < 1_100_000; i++) bigText += generateNote(i, r, 100).text;
	const sizes = [256_000, 512_000, 1_024_000];
	const per = sizes.map((n) => {
		const t = bigText.slice(0, n);
		parseIncident(t, { parseYaml });
		return timeMs(() => parseIncident(t, { parseYaml }), 5);
	});
	results.one_mb_note_ms = per[2];
	const linear = per[2] / per[0] / 4;
	results.linearity = linear;
	rows.push({
		measure: 'one 1 MB note',
		value: `${per[2].toFixed(0)} ms (256 KB ${per[0].toFixed(0)} ms, 512 KB ${per[1].toFixed(0)} ms)`,
		ratio: `${linear.toFixed(2)} of linear`,
		target: '≤ 50 ms, linear',
		ok: per[2] <= 50 && linear < 1.5,
	});

	const env = {
		node: process.version,
		cpus: os.cpus().length,
		cpu: os.cpus()[0]?.model ?? '',
		runs: RUNS,
		git: gitRev(),
	};
	if (JSON_OUT) {
		process.stdout.write(JSON.stringify({ env, results, rows }, null, 2) + '\n');
	} else {
		const w = [0, 1, 2, 3].map((k) =>
			Math.max(
				...rows.map(
					(x) =>
						[x.measure, x.value, x.ratio ?? '', x.target ? `${x.target} ${x.ok ? 'met' : 'NOT MET'}` : ''][k].length,
				),
			),
		);
		const line = (c: string[]): string =>
			c
				.map((x, k) => x.padEnd(w[k]))
				.join('  ')
				.trimEnd();
		console.log(`Incident RCA benchmark — node ${env.node}, ${env.cpus} cores, median of ${RUNS} runs, ${env.git}`);
		console.log(line(['measure', 'result', 'ratio', 'target']));
		console.log(w.map((n) => '-'.repeat(n)).join('  '));
		for (const x of rows)
			console.log(line([x.measure, x.value, x.ratio ?? '', x.target ? `${x.target} ${x.ok ? 'met' : 'NOT MET'}` : '']));
		const checked = rows.filter((x) => x.target);
		console.log(`targets: ${checked.filter((x) => x.ok).length} met, ${checked.filter((x) => !x.ok).length} not met`);
	}
}

function gitRev(): string {
	try {
		return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
	} catch {
		return 'no git';
	}
}

main();
