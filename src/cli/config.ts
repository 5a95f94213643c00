/**
 * The CLI's config file: `--config FILE`, else `.incident-rca.json` in the nearest folder above the first path
 * scanned, else in the current folder. The same format as the plugin's words file (core/format/team-words.ts), plus
 * the team's lint rules (core/views/lint-rules.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readTeamWords, type TeamWords } from '../core/format/team-words';
import { NO_RULES, readLintRules, RULE_KEYS, type LintRules } from '../core/views/lint-rules';

export const CONFIG_FILE = '.incident-rca.json';

/** A config file that cannot be used: the CLI stops with this message (exit 2) rather than read notes wrongly. */
export class ConfigError extends Error {}

export interface Config {
	/** The file read, or null when there is none. */
	file: string | null;
	words: TeamWords | null;
	/** The team's lint rules (the same file's `rules`, `requiredSections`, `require`, `ignore`). */
	rules: LintRules;
	/** The folder `ignore` globs are relative to: the config file's, else the current folder. */
	base: string;
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
	if (file === null) return { file: null, words: null, rules: NO_RULES, base: cwd };
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
	const { words, errors } = readTeamWords(raw, RULE_KEYS);
	const rules = readLintRules(raw, errors);
	if (errors.length > 0) throw new ConfigError(`${file}: ${errors.join('; ')}`);
	return { file, words, rules, base: path.dirname(path.resolve(file)) };
}
