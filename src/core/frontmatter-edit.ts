/**
 * Setting frontmatter keys by editing only their own lines: every other byte of the note — other keys, their order
 * and formatting, comments, the body, line endings — stays as it was. A note without frontmatter gets a block.
 * (Obsidian's processFrontMatter re-serialises the whole block and drops comments, so the plugin writes this way,
 * inside Vault.process.)
 */
import { findFrontmatter } from './parse';

/** A scalar as YAML that reads back unchanged: numbers as numbers, other strings quoted when needed. */
function yamlValue(v: number | string): string {
	if (typeof v === 'number') return String(v);
	return /^[\w][\w .:+/-]*$/.test(v) && !/^(?:true|false|yes|no|on|off|null|~)$/i.test(v) && !/:\s/.test(v) && !/^\d+$/.test(v) ? v : JSON.stringify(v);
}

export function setFrontmatterFields(text: string, fields: Record<string, number | string>): string {
	const keys = Object.keys(fields);
	if (keys.length === 0) return text;
	const parts = text.split(/(\r\n|\n|\r)/);
	const lines = parts.filter((_p, k) => k % 2 === 0);
	const ends = parts.filter((_p, k) => k % 2 === 1);
	const eol = ends[0] ?? '\n';
	const block = findFrontmatter(lines);
	if (!block || block.close === -1) {
		const head = ['---', ...keys.map((k) => `${k}: ${yamlValue(fields[k])}`), '---'].join(eol) + eol;
		return head + text;
	}
	const pending = new Set(keys);
	for (let i = 1; i < block.close; i++) {
		// Only top-level `key: value` lines (no indentation) are the keys this writes.
		const m = /^([A-Za-z_][\w-]*)(\s*:)([ \t]*)(.*?)([ \t]+#.*)?$/.exec(lines[i]);
		if (!m || !pending.has(m[1])) continue;
		pending.delete(m[1]);
		lines[i] = `${m[1]}${m[2]} ${yamlValue(fields[m[1]])}${m[5] ?? ''}`;
	}
	const added = [...pending].map((k) => `${k}: ${yamlValue(fields[k])}`);
	const out: string[] = [];
	for (let i = 0; i < lines.length; i++) {
		if (i === block.close) for (const a of added) out.push(a + eol);
		out.push(lines[i] + (ends[i] ?? ''));
	}
	return out.join('');
}
