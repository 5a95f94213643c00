/** The dashboard's table as files: CSV for spreadsheets, a Markdown note for the vault. Columns from columns.ts. */
import { inertCell, inertInline } from '../text/escape';
import { EXPORT_NOTE_TYPE } from '../format/names';
import type { DashboardRow } from './dashboard';
import { EXPORT_COLUMNS, MARKDOWN_COLUMNS } from './columns';

/** RFC 4180 CSV; a cell starting with = + - @ is prefixed with ' so spreadsheets do not run it as a formula. */
export function rowsToCsv(rows: readonly DashboardRow[]): string {
	const cell = (s: string): string => {
		const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
		return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
	};
	return (
		[
			EXPORT_COLUMNS.map((c) => c.exportLabel).join(','),
			...rows.map((r) => EXPORT_COLUMNS.map((c) => cell(c.value(r))).join(',')),
		].join('\r\n') + '\r\n'
	);
}

/** A vault path as the target of a Markdown link: each part percent-encoded, so no character can end the link. */
function linkTarget(path: string): string {
	return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * A Markdown note with the table, titles as links to the notes. Every value is text, escaped as such (see escape.ts):
 * no cell can end its row, start a heading, or become a link, tag or HTML — a title is the text of a Markdown link,
 * escaped there too. The note says it is an export (frontmatter `type`), so it is never indexed as an incident.
 */
export function rowsToMarkdown(rows: readonly DashboardRow[], heading: string): string {
	const lines = [
		'---',
		`type: ${EXPORT_NOTE_TYPE}`,
		'---',
		'',
		`# ${inertInline(heading)}`,
		'',
		`| ${MARKDOWN_COLUMNS.map((c) => c.markdownLabel ?? c.exportLabel).join(' | ')} |`,
		`|${MARKDOWN_COLUMNS.map(() => '---').join('|')}|`,
	];
	for (const r of rows) {
		const cells = MARKDOWN_COLUMNS.map((c) =>
			c.key === 'title' ? `[${inertCell(r.title) || 'Untitled'}](${linkTarget(r.path)})` : inertCell(c.value(r)),
		);
		lines.push(`| ${cells.join(' | ')} |`);
	}
	return lines.join('\n') + '\n';
}
