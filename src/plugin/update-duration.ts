/** "Update duration from timeline": computed from the note's own text, written to its frontmatter. */
import { Notice, parseYaml, type App, type TFile } from 'obsidian';
import { parseIncident, type Incident, type Problem } from '../core';
import { durationUpdate, withoutComputedKeys, type DurationUpdate } from '../core/write/duration-update';
import { setFrontmatterFields } from '../core/write/frontmatter-edit';
import { findFrontmatter } from '../core/read/parse';
import { incidentFromText } from './notes';
import { noticeWriteFailure } from './notices';
import type { IncidentRcaSettings } from './settings';
import { pluginLexicon } from './words';

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
 * automatic mode does not loop on its own edits. The keys' own lines are edited in place (every other byte kept)
 * when they are plain one-line values; otherwise the block goes through processFrontMatter, unless it has comments,
 * which that would drop: then nothing is written and the notice says why. A note with broken frontmatter is left
 * alone, with the reason. Never rejects: a failed write is reported.
 */
export async function updateDuration(
	app: App,
	settings: IncidentRcaSettings,
	file: TFile,
	quiet = false,
): Promise<UpdateResult> {
	try {
		return await update(app, settings, file, quiet);
	} catch (e) {
		noticeWriteFailure(`The duration of ${file.basename} was not updated`, e);
		return { update: null, refused: 'the write failed', written: false };
	}
}

function frontmatterProblem(incident: Incident): Problem | undefined {
	return incident.problems.find((p) => p.code === 'frontmatter-invalid' || p.code === 'frontmatter-unclosed');
}

async function update(app: App, settings: IncidentRcaSettings, file: TFile, quiet: boolean): Promise<UpdateResult> {
	const text = await app.vault.read(file);
	const incident = incidentFromText(app, file, text);
	const broken = frontmatterProblem(incident);
	if (broken) {
		const refused = `Not updated: ${broken.message.toLowerCase()} (line ${broken.line ?? 1}). Fix the frontmatter first.`;
		if (!quiet) new Notice(refused);
		return { update: null, refused, written: false };
	}
	const fieldsFor = (current: string, parsed: Incident): Record<string, number | string> => {
		const textOnly = parseIncident(current, {
			path: file.path,
			frontmatter: withoutComputedKeys(parsed.frontmatter),
			lexicon: pluginLexicon(),
		});
		return durationUpdate(parsed, textOnly, settings.durationDefinition, settings.writeMilestones).fields;
	};
	const textOnly = parseIncident(text, {
		path: file.path,
		frontmatter: withoutComputedKeys(incident.frontmatter),
		lexicon: pluginLexicon(),
	});
	const update = durationUpdate(incident, textOnly, settings.durationDefinition, settings.writeMilestones);
	const current = incident.frontmatter;
	const written = (v: unknown): string =>
		v instanceof Date
			? v.toISOString()
			: typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
				? String(v)
				: JSON.stringify(v ?? '');
	const changed = Object.entries(update.fields).some(([k, v]) => written(current[k]) !== String(v));
	let refused: string | null = null;
	if (changed) {
		// In place first, atomically, recomputed if the note changed since it was read.
		let inPlace: string | null = null;
		let latest = text;
		await app.vault.process(file, (now) => {
			latest = now;
			const parsed = now === text ? incident : incidentFromText(app, file, now);
			if (frontmatterProblem(parsed)) {
				inPlace = 'the frontmatter is no longer valid';
				return now;
			}
			const r = setFrontmatterFields(now, now === text ? update.fields : fieldsFor(now, parsed), parseYaml);
			if (r.ok) return r.text;
			inPlace = r.reason;
			return now;
		});
		if (inPlace !== null && !hasYamlComments(latest)) {
			await app.fileManager.processFrontMatter(file, (fm: Record<string, unknown>) => {
				for (const [k, v] of Object.entries(update.fields)) fm[k] = v;
			});
		} else if (inPlace !== null) {
			refused = `Not updated: ${inPlace as string}, and the frontmatter has comments that rewriting it would drop. Edit ${Object.keys(update.fields).join(', ')} by hand.`;
			new Notice(refused);
			return { update, refused, written: false };
		}
	}
	if (!quiet || update.warnings.length > 0) {
		const lines = [...update.messages, ...update.warnings];
		if (!changed && update.duration !== null) lines.push('Frontmatter already up to date.');
		new Notice(lines.join('\n'));
	}
	return { update, refused, written: changed };
}
