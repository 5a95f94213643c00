/**
 * npm run bench: the speed and memory targets of issue #21, measured in one run on synthetic vaults of 1,000,
 * 10,000 and 50,000 notes (deterministic, every format), each as a ratio to something measured in the same run:
 * F (read + split of every file), markdown-it (a peer a user would script instead), a read-and-split process.
 * Prints a table (or --json). Options: --json, --runs N (median of N, default 3), --sizes 1000,10000,50000,
 * --dir PATH (where vaults are kept), --shapes N (hostile shapes timed at 1 MB, default all).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { createLinkResolver, parseIncident, type IndexedIncident } from '../../src/core';
import { buildDashboard, EMPTY_FILTERS, NO_RELATED_INCIDENTS, relatedIncidents } from '../../src/core/views/dashboard';
import { compactIncident, IncidentIndex, relinkIncident } from '../../src/core/index/incident-index';
import { fromCache, readIndexCache, writeIndexCache, type FileStamp } from '../../src/core/index/index-cache';
import { buildRollup, rollupEntries } from '../../src/core/views/rollup';
import { collectFiles } from '../../src/cli/files';
import { scanEach } from '../../src/cli/scan';
import { parseYaml } from '../../src/cli/yaml';
import { generateNote, rng, writeVault } from './generate';
import { noteShapes } from '../hostile-shapes';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
	const k = argv.indexOf(`--${name}`);
	return k >= 0 && argv[k + 1] ? argv[k + 1] : fallback;
};
const JSON_OUT = argv.includes('--json');
const RUNS = Math.max(1, Number(opt('runs', '3')));
const SIZES = opt('sizes', '1000,10000,50000').split(',').map(Number);
const BASE = opt('dir', path.join(os.tmpdir(), 'incident-rca-bench'));
const SHAPES = Number(opt('shapes', '100000'));
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
	// The first paint, as the dashboard view draws it: related incidents are worked out after it (DashboardView).
	buildDashboard(
		index.all(),
		EMPTY_FILTERS,
		{ column: 'date', descending: true },
		{ definition: 'first-last', relatedWindowDays: 30, today: '2026-01-01' },
		NO_RELATED_INCIDENTS,
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

/**
 * The peer: markdown-it tokenising each note and walking the tokens for table rows, list items that start with a
 * time, and tasks — what a user scripting a report would write instead of using the parser. Same texts, in memory.
 */
const md = new MarkdownIt();
const TIME_START = /^\d{1,2}:\d{2}/;
function markdownItWalk(texts: readonly string[]): number {
	let found = 0;
	for (const text of texts) {
		const tokens = md.parse(text, {});
		for (let k = 0; k < tokens.length; k++) {
			const t = tokens[k];
			if (t.type === 'tr_open') found++;
			else if (t.type === 'list_item_open') {
				const inline = tokens[k + 2];
				const content = inline && inline.type === 'inline' ? inline.content : '';
				if (content.startsWith('[ ]') || content.startsWith('[x]') || TIME_START.test(content)) found++;
			}
		}
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
	// The CLI's scan names notes (and the files their links resolve to) by their path on disk; the plugin, and so the
	// cache it writes, by their path in the vault.
	const notes: [string, FileStamp, IndexedIncident][] = [];
	for (const f of files) {
		const i = index.get(f.display);
		if (i)
			notes.push([
				f.vaultPath,
				stamps.get(f.vaultPath) as FileStamp,
				relinkIncident({ ...i, path: f.vaultPath }, resolve),
			]);
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
		measure: `plugin start from a current index cache, ${index.size} notes`,
		value: `${ms.toFixed(0)} ms (cache ${mb.toFixed(1)} MB, written in ${writeMs.toFixed(0)} ms)`,
		ratio: `${(ms / floorMs).toFixed(2)}× F`,
		target: '≤ 1.5× F',
		ok: ms <= 1.5 * floorMs,
	});
}

interface Row {
	measure: string;
	value: string;
	ratio?: string;
	target?: string;
	ok?: boolean;
}

/** The CLI's peak memory (resident set, MB), read in the process itself as it exits (threads included). */
function peakRssMb(cli: string, args: string[]): number {
	const probe = path.join(BASE, 'peak-rss.js');
	const out = path.join(BASE, 'peak-rss.txt');
	fs.writeFileSync(
		probe,
		"process.on('exit',()=>require('fs').writeFileSync(process.env.RCA_PEAK_FILE,String(process.resourceUsage().maxRSS)));\n",
	);
	const r = spawnSync(process.execPath, ['--require', probe, cli, ...args], {
		stdio: ['ignore', 'ignore', 'ignore'],
		env: { ...process.env, RCA_PEAK_FILE: out },
	});
	if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
	return Number(fs.readFileSync(out, 'utf8')) / 1024;
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
	const BIG = SIZES[SIZES.length - 1];

	// 1. F and the cold index (read, parse, index, dashboard model) per size.
	let mid: IncidentIndex | null = null;
	let biggest: IndexedIncident[] = [];
	let biggestIndex: IncidentIndex | null = null;
	for (const n of SIZES) {
		const dir = vaults.get(n) as string;
		log(`${n} notes: F, cold index…`);
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
		rows.push({ measure: `F: read + split, ${n} notes (${mb.toFixed(0)} MB)`, value: `${f.toFixed(0)} ms` });
		rows.push({
			measure: `cold index, ${n} notes (read, parse, index, dashboard model)`,
			value: `${c.toFixed(0)} ms (${((c * 1000) / n).toFixed(0)} µs/note)`,
			ratio: `${(c / f).toFixed(1)}× F`,
			...(n === MID ? { target: '≤ 4× F', ok: c <= 4 * f } : {}),
		});
		if (n === MID) {
			results.cold_aggregate_ms = median(aggregateMs);
			mid = last;
			startFromCache(dir, last as unknown as IncidentIndex, f, rows, results);
		}
		const built = last as unknown as IncidentIndex;
		biggestIndex = built;
		biggest = built.all();
	}

	// 2. Parse throughput against markdown-it, on the same notes held in memory, alternating runs.
	const midDir = vaults.get(MID) as string;
	const texts = collectFiles([midDir]).files.map((f) => fs.readFileSync(f.display, 'utf8'));
	log(`parse against markdown-it on ${texts.length} notes…`);
	const parseAll = (): void => {
		for (const t of texts) parseIncident(t, { parseYaml });
	};
	parseAll();
	markdownItWalk(texts);
	const oursXs: number[] = [];
	const mdXs: number[] = [];
	for (let k = 0; k < RUNS; k++) {
		oursXs.push(timeMs(parseAll, 1));
		mdXs.push(timeMs(() => markdownItWalk(texts), 1));
	}
	const ours = median(oursXs);
	const mdIt = median(mdXs);
	results.parse_ms = ours;
	results.markdown_it_ms = mdIt;
	rows.push({
		measure: `parse ${texts.length} notes in memory, against markdown-it tokenise + walk (${mdIt.toFixed(0)} ms)`,
		value: `${ours.toFixed(0)} ms (${((ours * 1000) / texts.length).toFixed(0)} µs/note)`,
		ratio: `${(mdIt / ours).toFixed(2)}× markdown-it's speed`,
		target: '≥ 2× faster',
		ok: mdIt >= 2 * ours,
	});

	// 3. Incremental: one changed note re-parsed and re-indexed inside the mid index.
	if (mid) {
		const index = mid as IncidentIndex;
		const files = collectFiles([midDir]).files.filter((f) => f.vaultPath.startsWith('Incidents/'));
		const sample = files.slice(0, 300).map((f) => [f.display, fs.readFileSync(f.display, 'utf8')] as const);
		const r = rng(7);
		const xs: number[] = [];
		for (let k = 0; k < 200; k++) {
			const [p, text] = sample[Math.floor(r() * sample.length)];
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

		// 4. View models: the first build for a new list (a new index revision), as the view does after a change: one
		// note changed (a new entry for it, the others as they were), the index's new list, then the model with the
		// related incidents the view had (it works out the new ones after this first paint). The first build of all
		// (the dashboard opened, nothing made yet) is reported beside it.
		const dashOpts = { definition: 'first-last' as const, relatedWindowDays: 30, today: '2026-01-01' };
		const dashboardFirst = (from: IncidentIndex): { afterChange: number; opened: number } => {
			const paths = from.paths();
			let related = relatedIncidents(from.all(), 30);
			const xs: number[] = [];
			for (let k = 0; k <= Math.max(5, RUNS); k++) {
				const p = paths[(k * 7919) % paths.length];
				from.set(p, compactIncident({ ...(from.get(p) as IndexedIncident) }));
				const list = from.all();
				const t = process.hrtime.bigint();
				buildDashboard(
					list,
					{ ...EMPTY_FILTERS, text: 'api' },
					{ column: 'duration', descending: true },
					dashOpts,
					related,
				);
				xs.push(Number(process.hrtime.bigint() - t) / 1e6);
				related = relatedIncidents(list, 30);
			}
			return { opened: xs[0], afterChange: median(xs.slice(1)) };
		};
		const all = index.all();
		const dashMid = dashboardFirst(index);
		const dashBig = biggest.length > all.length && biggestIndex ? dashboardFirst(biggestIndex) : dashMid;
		results.dashboard_first_ms = dashMid.afterChange;
		results.dashboard_first_big_ms = dashBig.afterChange;
		results.dashboard_opened_ms = dashMid.opened;
		results.dashboard_opened_big_ms = dashBig.opened;
		rows.push({
			measure: `dashboard model, first build after a change: ${all.length} / ${biggest.length} incidents`,
			value: `${dashMid.afterChange.toFixed(1)} / ${dashBig.afterChange.toFixed(1)} ms`,
			ratio: `opened: ${dashMid.opened.toFixed(1)} / ${dashBig.opened.toFixed(1)} ms`,
			target: '≤ 30 / 150 ms',
			ok: dashMid.afterChange <= 30 && dashBig.afterChange <= 150,
		});
		// Related incidents: worked out after the first paint of a new list (no target of its own; it is not in the cold path).
		const relatedMs = timeMs(() => void relatedIncidents(index.all(), 30), Math.max(5, RUNS));
		results.related_ms = relatedMs;
		rows.push({
			measure: `related incidents, ${all.length} incidents (after the first paint of a new list)`,
			value: `${relatedMs.toFixed(1)} ms`,
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

	// 5. Memory held by the mid index.
	mid = null;
	biggest = [];
	biggestIndex = null;
	gc();
	gc();
	const before = process.memoryUsage().heapUsed;
	let held: IncidentIndex | null = indexOnly(midDir);
	gc();
	gc();
	const memMb = (process.memoryUsage().heapUsed - before) / 1e6;
	results.index_memory_mb = memMb;
	rows.push({
		measure: `index memory, ${held.size} notes`,
		value: `${memMb.toFixed(1)} MB`,
		target: '≤ 40 MB',
		ok: memMb <= 40,
	});
	held = null;
	void held;

	// 6. The CLI as a whole process, against a plain read-and-split script; its peak memory on the largest vault.
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
	// As a user runs it (threads as the CLI decides), and in one thread for comparison.
	const tCli = proc([cli, 'report', '--json', midDir]);
	const tCliOne = proc([cli, 'report', '--json', '--jobs', '1', midDir]);
	results.cli_ms = tCli;
	results.cli_one_thread_ms = tCliOne;
	results.read_split_script_ms = tPlain;
	rows.push({
		measure: `CLI report --json, ${MID} notes, whole process (one thread ${tCliOne.toFixed(0)} ms)`,
		value: `${tCli.toFixed(0)} ms (read-and-split script ${tPlain.toFixed(0)} ms)`,
		ratio: `${(tCli / tPlain).toFixed(1)}× the script`,
		target: '≤ 5× the script',
		ok: tCli <= 5 * tPlain,
	});
	log(`CLI peak memory on ${BIG} notes…`);
	const bigDir = vaults.get(BIG) as string;
	const peak = peakRssMb(cli, ['report', '--json', bigDir]);
	const peakOne = peakRssMb(cli, ['report', '--json', '--jobs', '1', bigDir]);
	results.cli_peak_mb = peak;
	results.cli_peak_one_thread_mb = peakOne;
	rows.push({
		measure: `CLI report --json, ${BIG} notes, peak memory (one thread ${peakOne.toFixed(0)} MB)`,
		value: `${peak.toFixed(0)} MB`,
		target: '≤ 600 MB',
		ok: peak <= 600 && peakOne <= 600,
	});

	// 7. One large note, and each hostile shape at 1 MB.
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
	const shapes = noteShapes().slice(0, SHAPES);
	log(`${shapes.length} hostile shapes at 1 MB…`);
	const shapeMs = shapes.map((sh) => {
		const t = sh.make(1_000_000);
		return { name: sh.name, ms: timeMs(() => parseIncident(t, { parseYaml }), 1) };
	});
	shapeMs.sort((a, b) => b.ms - a.ms);
	const over = shapeMs.filter((x) => x.ms > 50);
	results.hostile_slowest_ms = shapeMs[0]?.ms ?? 0;
	results.hostile_over_50_ms = over.length;
	rows.push({
		measure: `${shapes.length} hostile shapes at 1 MB (npm run linear checks they are linear)`,
		value: `slowest ${shapeMs[0]?.ms.toFixed(0) ?? 0} ms (${shapeMs[0]?.name ?? '—'}); ${over.length} over 50 ms`,
		ratio: over
			.slice(0, 3)
			.map((x) => `${x.name} ${x.ms.toFixed(0)} ms`)
			.join(', '),
		target: '≤ 50 ms each',
		ok: over.length === 0,
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
		const cell = (x: Row): string[] => [
			x.measure,
			x.value,
			x.ratio ?? '',
			x.target ? `${x.target} ${x.ok ? 'met' : 'NOT MET'}` : '',
		];
		const w = [0, 1, 2, 3].map((k) => rows.reduce((m, x) => Math.max(m, cell(x)[k].length), 0));
		const line = (c: string[]): string =>
			c
				.map((x, k) => x.padEnd(w[k]))
				.join('  ')
				.trimEnd();
		console.log(`Incident RCA benchmark — node ${env.node}, ${env.cpus} cores, median of ${RUNS} runs, ${env.git}`);
		console.log(line(['measure', 'result', 'ratio', 'target']));
		console.log(w.map((n) => '-'.repeat(n)).join('  '));
		for (const x of rows) console.log(line(cell(x)));
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
