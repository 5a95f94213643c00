/**
 * A lower bound for the benchmark: the least work any index that reports durations, milestones and action items
 * has to do, written for speed alone. It is NOT the product and is deliberately incomplete: no frontmatter (as if
 * the host handed it over), no sections or section texts, no tables of action items, no key-value lines, no
 * plain-text or prose formats, no dates for bare times, no links, no problems, milestones from a few English words.
 * Each note is scanned by two whole-text patterns; no line list is even made. If this costs more than a target
 * allows, no parser that does the whole job can meet that target on the same machine.
 *
 * `node dist/least.js DIR` runs it as a whole process and prints its JSON, against the read-and-split script.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface LeastRow {
	minutes: number;
	text: string;
	milestone: number;
}

export interface LeastItem {
	action: string;
	owner: string | null;
	due: string | null;
	done: boolean;
}

export interface LeastIncident {
	durationMinutes: number | null;
	timeline: LeastRow[];
	actionItems: LeastItem[];
}

/** A line that starts (after a bullet, a table pipe or bold) with a time, an ISO date before it optionally. */
const ROW =
	/^[ \t]*(?:[-*+][ \t]+|\|[ \t]*)?(?:\*\*)?(?:\d{4}-\d{2}-(\d{2})[T ])?(\d{1,2}):(\d{2})(?::\d{2})?([^\n]*)/gm;
/** A task-list item. */
const ITEM = /^[ \t]*[-*+] \[([ xX])\] ([^\n]*)/gm;
/** One test that most rows fail, then the kinds in order. */
const ANY_MILESTONE = /resol|restor|recover|mitigat|roll|identif|acknowledg|detect|alert/i;
const KINDS = [/resol|restor|recover/i, /mitigat|roll/i, /identif/i, /acknowledg/i, /detect|alert/i];
const OWNER = /@(\w+)/;
const DUE = /\d{4}-\d{2}-\d{2}/;

export function leastIndex(text: string): LeastIncident {
	const timeline: LeastRow[] = [];
	const actionItems: LeastItem[] = [];
	let lo = Infinity;
	let hi = -Infinity;
	let m: RegExpExecArray | null;
	ROW.lastIndex = 0;
	while ((m = ROW.exec(text)) !== null) {
		const minutes = (m[1] ? Number(m[1]) * 1440 : 0) + Number(m[2]) * 60 + Number(m[3]);
		if (minutes < lo) lo = minutes;
		if (minutes > hi) hi = minutes;
		const rest = m[4];
		let milestone = -1;
		if (ANY_MILESTONE.test(rest)) milestone = KINDS.findIndex((k) => k.test(rest));
		timeline.push({ minutes, text: rest, milestone });
	}
	ITEM.lastIndex = 0;
	while ((m = ITEM.exec(text)) !== null) {
		const s = m[2];
		const owner = OWNER.exec(s);
		const due = DUE.exec(s);
		actionItems.push({ action: s, owner: owner ? owner[1] : null, due: due ? due[0] : null, done: m[1] !== ' ' });
	}
	return { durationMinutes: hi > lo ? hi - lo : null, timeline, actionItems };
}

/** The notes under a folder, in no particular order (the floor's walk). */
export function noteFiles(dir: string, out: string[] = []): string[] {
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		if (e.name.startsWith('.')) continue;
		const f = path.join(dir, e.name);
		if (e.isDirectory()) noteFiles(f, out);
		else if (/\.(?:md|txt)$/.test(e.name)) out.push(f);
	}
	return out;
}

/** Reads and indexes every note: the in-process lower bound of a cold index (the aggregate not included). */
export function leastScan(files: string[]): LeastIncident[] {
	return files.map((f) => leastIndex(fs.readFileSync(f, 'utf8')));
}

// Run as its own bundle (dist/least.js), not when the benchmark imports it.
if (path.basename(process.argv[1] ?? '') === 'least.js' && process.argv[2]) {
	const files = noteFiles(process.argv[2]);
	const incidents = leastScan(files).map((i, k) => ({ path: files[k], ...i }));
	process.stdout.write(JSON.stringify({ incidents }) + '\n');
}
