/** "Update duration from timeline": compute from the note's own text, write only the keys' lines through Vault.process. */
import { Notice, type App, type TFile } from 'obsidian';
import { parseIncident } from '../core';
import { durationUpdate, withoutComputedKeys, type DurationUpdate } from '../core/duration-fields';
import { setFrontmatterFields } from '../core/frontmatter-edit';
import { findFrontmatter } from '../core/parse';
import { incidentFromText } from './notes';
import type { IncidentRcaSettings } from './settings';

/** Whether the note's frontmatter block holds YAML comments (which a re-serialisation would lose). */
export function hasYamlComments(text: string): boolean {
	const lines = text.split(/\r\n|\n|\r/);
	const block = findFrontmatter(lines);
	return block !== null && block.close > 0 && lines.slice(1, block.close).some((l) => /^\s*#|\s#/.test(l));
}

export interface UpdateResult {
	update: DurationUpdate | null;
	/** Why nothing was written, when nothing could be. */
	refused: string | null;
	written: boolean;
}

/**
 * Updates duration_minutes (and the milestone fields when enabled). Writes only when a value changes, so the
 * automatic mode does not loop on its own edits. A note with broken frontmatter is left alone, with the reason.
 */
export async function updateDuration(app: App, settings: IncidentRcaSettings, file: TFile, quiet = false): Promise<UpdateResult> {
	const text = await app.vault.read(file);
	const incident = incidentFromText(app, file, text);
	const broken = incident.problems.find((p) => p.code === 'frontmatter-invalid' || p.code === 'frontmatter-unclosed');
	if (broken) {
		const refused = `Not updated: ${broken.message.toLowerCase()} (line ${broken.line ?? 1}). Fix the frontmatter first.`;
		if (!quiet) new Notice(refused);
		return { update: null, refused, written: false };
	}
	const textOnly = parseIncident(text, { path: file.path, frontmatter: withoutComputedKeys(incident.frontmatter) });
	const update = durationUpdate(incident, textOnly, settings.durationDefinition, settings.writeMilestones);
	const current = incident.frontmatter;
	const written = (v: unknown): string => (v instanceof Date ? v.toISOString() : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v ?? ''));
	const changed = Object.entries(update.fields).some(([k, v]) => written(current[k]) !== String(v));
	if (changed && !hasYamlComments(text)) {
		await app.fileManager.processFrontMatter(file, (fm: Record<string, unknown>) => {
			for (const [k, v] of Object.entries(update.fields)) fm[k] = v;
		});
	} else if (changed) {
		// processFrontMatter re-serialises the block and would drop the author's comments: edit only the lines of
		// the keys written instead, atomically through Vault.process, recomputing if the note changed since read.
		await app.vault.process(file, (current) => {
			if (current === text) return setFrontmatterFields(current, update.fields);
			const again = incidentFromText(app, file, current);
			if (again.problems.some((p) => p.code === 'frontmatter-invalid' || p.code === 'frontmatter-unclosed')) return current;
			const textOnlyAgain = parseIncident(current, { path: file.path, frontmatter: withoutComputedKeys(again.frontmatter) });
			return setFrontmatterFields(current, durationUpdate(again, textOnlyAgain, settings.durationDefinition, settings.writeMilestones).fields);
		});
	}
	if (!quiet || update.warnings.length > 0) {
		const lines = [...update.messages, ...update.warnings];
		if (!changed && update.duration !== null) lines.push('Frontmatter already up to date.');
		new Notice(lines.join('\n'));
	}
	return { update, refused: null, written: changed };
}
