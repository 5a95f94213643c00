/** Finding and reading note files for the CLI: what to read, and why a file is skipped. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDecoder } from 'node:util';
import { collate } from '../core/text/collate';
import { printable } from '../core/text/escape';
import type { SkippedFile } from '../core/views/report';

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

/** What was found under the inputs: the notes to read, and every other path worth a word, with why it is not read. */
export interface Collected {
	files: FoundFile[];
	skipped: SkippedFile[];
}

function kindOf(stat: fs.Stats): string {
	if (stat.isFIFO()) return 'a named pipe (FIFO)';
	if (stat.isSocket()) return 'a socket';
	if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
	return 'not a regular file';
}

/** The file-system calls collecting makes (Node's; a test can hand in one whose folders fail to open). */
export interface FileSystem {
	statSync: (p: string) => fs.Stats;
	lstatSync: (p: string) => fs.Stats;
	realpathSync: (p: string) => string;
	readdirSync: (p: string, options: { withFileTypes: true }) => fs.Dirent[];
}

const NODE_FS: FileSystem = {
	statSync: (p) => fs.statSync(p),
	lstatSync: (p) => fs.lstatSync(p),
	realpathSync: (p) => fs.realpathSync(p),
	readdirSync: (p, options) => fs.readdirSync(p, options),
};

function errorCode(e: unknown): string {
	return (e as NodeJS.ErrnoException).code ?? 'error';
}

/**
 * `.md` / `.txt` files under the given files and folders, followed through symbolic links; dot-folders (`.obsidian`,
 * `.git`) and node_modules are skipped. Each real file and folder is read once (a link loop ends; a note linked from
 * two places is one incident), real entries of a folder before its links. Every path given or found that is not
 * read says why under `skipped`: a broken link, a pipe or device, an unreadable folder, a second path to the same
 * file or folder. A path given that does not exist is an error (MissingPathError).
 */
export function collectFiles(inputs: string[], fsApi: FileSystem = NODE_FS): Collected {
	const files: FoundFile[] = [];
	const skipped: SkippedFile[] = [];
	const seenFiles = new Map<string, string>();
	const walked = new Map<string, string>();
	const realOf = (p: string): string => {
		try {
			return fsApi.realpathSync(p);
		} catch {
			return path.resolve(p);
		}
	};
	// `real`: known already for a file that is not a link, inside a folder whose real path is known (one call saved
	// per file: realpath costs a system call per path component).
	const addFile = (display: string, vaultPath: string, explicit: boolean, real = realOf(display)): void => {
		const first = seenFiles.get(real);
		if (first === undefined) {
			seenFiles.set(real, display);
			files.push({ display, vaultPath, explicit });
		} else if (first !== display) skipped.push({ path: display, reason: `the same file as ${first}` });
	};
	const walk = (dir: string, rel: string): void => {
		const real = realOf(dir);
		const first = walked.get(real);
		if (first !== undefined) {
			if (first !== dir) skipped.push({ path: dir, reason: `the same folder as ${first}` });
			return;
		}
		walked.set(real, dir);
		let entries: fs.Dirent[];
		try {
			entries = fsApi.readdirSync(dir, { withFileTypes: true });
		} catch (e) {
			skipped.push({ path: dir, reason: `unreadable folder (${errorCode(e)})` });
			return;
		}
		// Real entries first, then links: a folder reached both ways is listed under its own name.
		entries.sort((a, b) => Number(a.isSymbolicLink()) - Number(b.isSymbolicLink()) || collate(a.name, b.name));
		for (const e of entries) {
			if (e.name.startsWith('.') || e.name === 'node_modules') continue;
			const full = path.join(dir, e.name);
			const relPath = rel ? `${rel}/${e.name}` : e.name;
			let stat: fs.Stats | null = null;
			if (e.isSymbolicLink()) {
				try {
					stat = fsApi.statSync(full);
				} catch {
					skipped.push({ path: full, reason: 'broken symbolic link' });
					continue;
				}
			}
			if (stat ? stat.isDirectory() : e.isDirectory()) walk(full, relPath);
			else if (stat ? stat.isFile() : e.isFile()) {
				if (NOTE_EXTENSION.test(e.name)) addFile(full, relPath, false, stat ? realOf(full) : path.join(real, e.name));
			} else
				skipped.push({
					path: full,
					reason: stat ? kindOf(stat) : e.isFIFO() ? 'a named pipe (FIFO)' : e.isSocket() ? 'a socket' : 'a device',
				});
		}
	};
	for (const input of inputs) {
		let stat: fs.Stats;
		try {
			stat = fsApi.statSync(input);
		} catch {
			let link = false;
			try {
				link = fsApi.lstatSync(input).isSymbolicLink();
			} catch {
				// Neither a file nor a link: the path does not exist.
			}
			if (!link) throw new MissingPathError(`no such file or folder: ${printable(input)}`);
			skipped.push({ path: input, reason: 'broken symbolic link' });
			continue;
		}
		if (stat.isFile()) addFile(input, path.basename(input), true);
		else if (stat.isDirectory()) walk(input, '');
		else skipped.push({ path: input, reason: kindOf(stat) });
	}
	return { files, skipped };
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
