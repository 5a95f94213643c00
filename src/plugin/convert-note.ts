/** "Convert note to RCA format": rewrite in place through Vault.process, original kept in a callout. */
import { Notice, stringifyYaml, type App, type TFile } from 'obsidian';
import { convertToRca, isCanonical } from '../core/write/convert';
import { noticeWriteFailure } from './notices';
import { incidentFromText } from './notes';

/** Converts the note; says what happened in a notice (a failed write too). Never rejects. */
export async function convertNote(app: App, file: TFile): Promise<boolean> {
	let outcome = '';
	try {
		await app.vault.process(file, (text) => {
			if (isCanonical(text)) {
				outcome = 'This note is already in the RCA format.';
				return text;
			}
			const incident = incidentFromText(app, file, text);
			const broken = incident.problems.find(
				(p) => p.code === 'frontmatter-invalid' || p.code === 'frontmatter-unclosed',
			);
			if (broken) {
				outcome = `Not converted: ${broken.message.toLowerCase()} (line ${broken.line ?? 1}). Fix the frontmatter first.`;
				return text;
			}
			outcome = `Converted to the RCA format: ${incident.timeline.length} timeline rows, ${incident.actionItems.length} action items. The original text is kept at the end.`;
			return convertToRca(incident, text, { stringifyYaml });
		});
	} catch (e) {
		noticeWriteFailure(`${file.basename} was not converted`, e);
		return false;
	}
	new Notice(outcome);
	return outcome.startsWith('Converted');
}
