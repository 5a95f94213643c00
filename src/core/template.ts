/**
 * RCA note templates: the built-in one, placeholder rendering ({{title}}, {{date:FORMAT}}…), and the file name a
 * new note gets. Pure: the plugin supplies the template text and checks which paths exist.
 */
import { format } from 'date-fns';

export interface TemplateValues {
	title: string;
	/** When the incident happened (the modal's date and time). */
	date: Date;
	severity: string;
	services: string[];
	author: string;
	id: string;
}

/** The built-in template: the structure of a well-kept frontmatter RCA. */
export const DEFAULT_RCA_TEMPLATE = `---
title: {{title}}
id: {{id}}
date: {{date}}
severity: {{severity}}
services: [{{services}}]
tags: [rca]
status: draft
duration_minutes:
author: {{author}}
---

# {{title}}

## Summary

What happened, who was affected, and for how long.

## Timeline

| Time (UTC) | Event |
|------------|-------|
| {{time}} | Incident started |

## Root Cause

## Impact

## Resolution

## Lessons Learned

### What went well

### What could be improved

## Action Items

| Priority | Action | Owner | Due Date | Status |
|----------|--------|-------|----------|--------|
|  |  |  |  | Open |

## Related Incidents

`;

export const DEFAULT_RUNBOOK_TEMPLATE = `---
title: {{title}}
tags: [runbook]
services: [{{services}}]
---

# {{title}}

## When to use this runbook

## Checks

1. 

## Steps

1. 

## Rollback

## Escalation
`;

const PLACEHOLDER = /\{\{\s*([\w-]+)(?::([^}]*))?\s*\}\}/g;

/** A YAML scalar that reads back as the same string: plain when safe, double-quoted otherwise. */
export function yamlScalar(s: string): string {
	if (s === '') return '""';
	const plain = /^[\p{L}\p{N}_][\p{L}\p{N}_ ./()-]*$/u.test(s) && !/\s$/.test(s);
	const ambiguous = /^(?:true|false|yes|no|on|off|null|~|[-+]?\d[\d_.:eE+-]*)$/i.test(s);
	return plain && !ambiguous ? s : JSON.stringify(s);
}

function frontmatterEnd(template: string): number {
	if (!/^---\r?\n/.test(template)) return -1;
	const m = /\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(template.slice(3));
	return m ? m.index + 3 : -1;
}

/**
 * Replaces the placeholders. Inside the frontmatter, values are written as YAML that reads back unchanged
 * (quoted where needed; `[{{services}}]` becomes a list). Unknown placeholders stay as written and are returned.
 */
export function renderTemplate(template: string, v: TemplateValues): { text: string; unknown: string[] } {
	const unknown: string[] = [];
	const fmEnd = frontmatterEnd(template);
	const text = template.replace(PLACEHOLDER, (whole: string, name: string, arg: string | undefined, offset: number) => {
		const inYaml = offset < fmEnd;
		const before = template.slice(Math.max(0, offset - 1), offset);
		const after = template.slice(offset + whole.length, offset + whole.length + 1);
		const quoted = inYaml && (before === '"' || before === "'") && after === before;
		const bracketed = inYaml && before === '[' && after === ']';
		const yaml = (s: string): string => (quoted ? (before === '"' ? JSON.stringify(s).slice(1, -1) : s.replace(/'/g, "''")) : yamlScalar(s));
		const value = (s: string): string => (inYaml ? yaml(s) : s);
		switch (name.toLowerCase()) {
			case 'title':
				return value(v.title);
			case 'date': {
				if (arg === undefined) return format(v.date, 'yyyy-MM-dd');
				try {
					const out = format(v.date, arg.trim());
					return inYaml ? yaml(out) : out;
				} catch {
					if (!unknown.includes(whole)) unknown.push(whole);
					return whole;
				}
			}
			case 'time':
				return format(v.date, 'HH:mm');
			case 'severity':
				return value(v.severity);
			case 'services':
				if (bracketed) return v.services.map((s) => yamlScalar(s)).join(', ');
				if (inYaml && !quoted) return `[${v.services.map((s) => yamlScalar(s)).join(', ')}]`;
				return value(v.services.join(', '));
			case 'author':
				return value(v.author);
			case 'id':
				return value(v.id);
			default:
				if (!unknown.includes(whole)) unknown.push(whole);
				return whole;
		}
	});
	return { text, unknown };
}

/** A readable incident id from the incident's date and time: INC-20250731-1217. */
export function incidentId(date: Date): string {
	return `INC-${format(date, 'yyyyMMdd-HHmm')}`;
}

/** Lower-case, ASCII, dash-separated; never empty. */
export function slugify(title: string): string {
	const slug = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return slug || 'incident';
}

/** Characters Obsidian forbids in file names, plus path separators: a title can never leave its folder. */
export function safeFileName(name: string): string {
	const cleaned = name
		.replace(/[\\/:*?"<>|#^[\]\p{Cc}]/gu, '-')
		.replace(/\s+/g, ' ')
		.replace(/^[.\s-]+/, '')
		.replace(/[.\s]+$/, '')
		.slice(0, 120)
		.trim();
	return cleaned || 'incident';
}

/**
 * The file name (without extension) from a pattern: YYYY, MM, DD, HH, mm and <slug>, <title>, <severity>, <id>.
 * Default pattern: `YYYY-MM-DD-<slug>`.
 */
export function fileNameFromPattern(pattern: string, v: TemplateValues): string {
	const tokens: Record<string, string> = {
		YYYY: format(v.date, 'yyyy'),
		MM: format(v.date, 'MM'),
		DD: format(v.date, 'dd'),
		HH: format(v.date, 'HH'),
		mm: format(v.date, 'mm'),
	};
	const named: Record<string, string> = { slug: slugify(v.title), title: v.title, severity: v.severity, id: v.id };
	const out = (pattern.trim() || 'YYYY-MM-DD-<slug>')
		.replace(/<(slug|title|severity|id)>/g, (_m, k: string) => named[k] ?? '')
		.replace(/YYYY|MM|DD|HH|mm/g, (t) => tokens[t]);
	return safeFileName(out);
}

/** The first of `base.md`, `base-2.md`, `base-3.md`… that does not exist yet. */
export function uniquePath(folder: string, base: string, exists: (path: string) => boolean, extension = 'md'): string {
	const dir = folder.replace(/^\/+|\/+$/g, '');
	const at = (name: string): string => (dir ? `${dir}/${name}.${extension}` : `${name}.${extension}`);
	if (!exists(at(base))) return at(base);
	for (let n = 2; ; n++) if (!exists(at(`${base}-${n}`))) return at(`${base}-${n}`);
}
