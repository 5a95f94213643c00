/**
 * The CLI's config file: `--config FILE`, else `.incident-rca.json` in the nearest folder above the first path
 * scanned, else in the current folder. The same format as the plugin's words file (core/format/team-words.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readTeamWords, type TeamWords } from '../core/format/team-words';

export const CONFIG_FILE = '.incident-rca.json';

/** A config file that cannot be used: the CLI stops with this message (exit 2) rather than read notes wrongly. */
export class ConfigError extends Error {}

export interface Config {
	/** The file read, or null when there is none. */
	file: string | null;
	words: TeamWords | null;
}

/** The nearest `.incident-rca.json` at or above `start` (a file's folder, or the folder itself). */
function nearest(start: string): string | null {
	let dir = path.resolve(start);
	try {
		if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
	} catch {
		dir = path.dirname(dir);
	}
	for (;;) {
		const candidate = path.join(dir, CONFIG_FILE);
		if (fs.existsSync(candidate)) return candidate;
		const up = path.dirname(dir);
		if (up === dir) return null;
		dir = up;
	}
}

/** Reads the config in force for these inputs; throws ConfigError naming every mistake in it. */
export function readConfig(explicit: string | null, inputs: readonly string[], cwd: string = process.cwd()): Config {
	const file = explicit ?? (inputs.length > 0 ? nearest(inputs[0]) : null) ?? nearest(cwd);
	if (file === null) return { file: null, words: null };
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (e) {
		throw new ConfigError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
	}
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (e) {
		throw new ConfigError(`${file}: not valid JSON (${(e as Error).message})`);
	}
	const { words, errors } = readTeamWords(raw);
	if (errors.length > 0) throw new ConfigError(`${file}: ${errors.join('; ')}`);
	return { file, words };
}
