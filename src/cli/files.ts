/** Finding and reading note files for the CLI: what to read, and why a file is skipped. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDecoder } from 'node:util';
import { collate } from '../core/collate';

export interface FoundFile {
	/** Path as shown to the user. */
	display: string;
	/** Path inside the folder it was found in, as Obsidian would see it in a vault. */
	vaultPath: string;
	/** Named on the command line rather than found in a folder. */
	explicit: boolean;
}

export class MissingPathError extends Error {}

const NOTE_EXTENSION = /\.(?:md|markdown|txt)$/i;

/** `.md` / `.txt` files under the given files and folders; dot-folders (`.obsidian`, `.git`) and node_modules are skipped. */
export function collectFiles(inputs: string[]): FoundFile[] {
	const out: FoundFile[] = [];
	const seen = new Set<string>();
	for (const input of inputs) {
		let stat: fs.Stats;
		try {
			stat = fs.statSync(input);
		} catch {
			throw new MissingPathError(`no such file or folder: ${input}`);
		}
		if (stat.isFile()) {
			const abs = path.resolve(input);
			if (!seen.has(abs)) out.push({ display: input, vaultPath: path.basename(input), explicit: true });
			seen.add(abs);
			continue;
		}
		const walk = (dir: string, rel: string): void => {
			let entries: fs.Dirent[];
			try {
				entries = fs.readdirSync(dir, { withFileTypes: true });
			} catch {
				return;
			}
			entries.sort((a, b) => collate(a.name, b.name));
			for (const e of entries) {
				if (e.name.startsWith('.') || e.name === 'node_modules') continue;
				const full = path.join(dir, e.name);
				const relPath = rel ? `${rel}/${e.name}` : e.name;
				if (e.isDirectory()) walk(full, relPath);
				else if (e.isFile() && NOTE_EXTENSION.test(e.name)) {
					const abs = path.resolve(full);
					if (!seen.has(abs)) out.push({ display: full, vaultPath: relPath, explicit: false });
					seen.add(abs);
				}
			}
		};
		walk(input, '');
	}
	return out;
}

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a note as UTF-8 text, or says why it cannot be read as one. */
export function readNote(file: string): ReadResult {
	let buf: Buffer;
	try {
		buf = fs.readFileSync(file);
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code ?? 'error';
		return { ok: false, reason: `unreadable (${code})` };
	}
	if (buf.length === 0) return { ok: false, reason: 'empty file' };
	if (buf.subarray(0, 8192).includes(0)) return { ok: false, reason: 'binary file' };
	let text: string;
	try {
		text = utf8.decode(buf);
	} catch {
		return { ok: false, reason: 'not UTF-8 text' };
	}
	if (text.trim() === '') return { ok: false, reason: 'empty file' };
	return { ok: true, text };
}
