/**
 * The team's words in the plugin: the words file in the vault (the one the CLI reads) and the words typed in the
 * settings, merged into the one lexicon every note in the plugin is read with.
 */
import { normalizePath, type App } from 'obsidian';
import { BUILT_IN_LEXICON, lexiconOf, type Lexicon } from '../core/format/lexicon';
import { mergeTeamWords, NO_TEAM_WORDS, readTeamWords, type TeamWords } from '../core/format/team-words';
import type { IncidentRcaSettings } from './settings';
import type { ViewWords } from '../core/views/filters';

// One vault per plugin instance: the plugin sets this on load and on every change of words, and clears it on unload.
let current: Lexicon = BUILT_IN_LEXICON;

/** The lexicon notes are read with now. */
export function pluginLexicon(): Lexicon {
	return current;
}

/**
 * The words the views read with: the lexicon's statuses and people, and the severity scheme — the words file's
 * when it has one, else the settings' severity list (the one the create modal offers).
 */
export function viewWords(settings: IncidentRcaSettings): ViewWords {
	return { lexicon: current, severities: current.severities.length > 0 ? current.severities : settings.severities };
}

/** What reading the words file found, for the settings tab. */
export interface WordsFileState {
	path: string;
	found: boolean;
	errors: string[];
}

export class TeamWordsSource {
	private fileWords: TeamWords = NO_TEAM_WORDS;
	file: WordsFileState = { path: '', found: false, errors: [] };

	constructor(
		private readonly app: App,
		private readonly settings: () => IncidentRcaSettings,
	) {}

	/** The words file's path as the vault spells it, or '' when none is set. */
	path(): string {
		const p = this.settings().wordsFile.trim();
		return p === '' ? '' : normalizePath(p);
	}

	/** Reads the words file again (a missing file is no words, not a mistake). */
	async readFile(): Promise<void> {
		const { words, state } = await this.load(this.path());
		this.fileWords = words;
		this.file = state;
	}

	/** The mistakes of the words file at `path`, read as readFile reads it, without using its words. */
	async check(path: string): Promise<string[]> {
		return (await this.load(path.trim() === '' ? '' : normalizePath(path.trim()))).state.errors;
	}

	private async load(path: string): Promise<{ words: TeamWords; state: WordsFileState }> {
		const none = (found: boolean, errors: string[]) => ({ words: NO_TEAM_WORDS, state: { path, found, errors } });
		if (path === '') return none(false, []);
		let text: string;
		try {
			// Through the adapter: a dotfile such as `.incident-rca.json` is not in the vault's file list.
			if (!(await this.app.vault.adapter.exists(path))) return none(false, []);
			text = await this.app.vault.adapter.read(path);
		} catch (e) {
			return none(false, [`${path} could not be read: ${(e as Error).message}`]);
		}
		let raw: unknown;
		try {
			raw = JSON.parse(text);
		} catch (e) {
			return none(true, [`${path} is not valid JSON: ${(e as Error).message}`]);
		}
		const { words, errors } = readTeamWords(raw);
		return { words, state: { path, found: true, errors: errors.map((e) => `${path}: ${e}`) } };
	}

	/** Compiles the words now in force; true when that changed how notes read. */
	update(): boolean {
		const merged = mergeTeamWords(this.fileWords, this.settings().words);
		const before = current.id;
		current = lexiconOf(merged);
		return current.id !== before;
	}

	/** Back to the built-in words (the plugin is unloading). */
	static reset(): void {
		current = BUILT_IN_LEXICON;
	}
}
