import * as fs from 'node:fs';
import * as path from 'node:path';
import yaml from 'js-yaml';
import { parseIncident } from '../src/core';
import { convertToRca, isCanonical, originalFromCallout } from '../src/core/write/convert';
import { durationBy } from '../src/core/time/duration-definition';
import { durationUpdate, withoutComputedKeys } from '../src/core/write/duration-update';
import { suggestRelated } from '../src/core/index/related';
import { insertRelatedLink } from '../src/core/write/related-link';
import type { WriteResult } from '../src/core/write/write-result';
import {
	DEFAULT_RCA_TEMPLATE,
	fileNameFromPattern,
	incidentId,
	renderTemplate,
	safeFileName,
	slugify,
	uniquePath,
	type TemplateValues,
} from '../src/core/write/template';
import { parse, parseYaml } from './helpers';

const values: TemplateValues = {
	title: 'Checkout: 502s after "v2" deploy',
	date: new Date(2025, 6, 31, 12, 17),
	severity: 'SEV2',
	services: ['checkout-api', 'payments'],
	author: 'Dana Kim',
	id: 'INC-20250731-1217',
};

describe('templates', () => {
	it('renders the built-in template into a note whose frontmatter reads back exactly', () => {
		const { text, unknown } = renderTemplate(DEFAULT_RCA_TEMPLATE, values);
		expect(unknown).toEqual([]);
		const fm = parseYaml(text.split('---')[1]) as Record<string, unknown>;
		expect(fm).toMatchObject({
			title: values.title,
			id: values.id,
			severity: 'SEV2',
			services: ['checkout-api', 'payments'],
			author: 'Dana Kim',
			tags: ['rca'],
		});
		expect(text).toContain('# Checkout: 502s after "v2" deploy\n');
		expect(text).toContain('| 12:17 | Incident started |');
		const i = parseIncident(text, { parseYaml });
		expect(i).toMatchObject({
			title: values.title,
			date: '2025-07-31',
			severity: 'SEV2',
			services: ['checkout-api', 'payments'],
		});
	});

	it('renders {{date:FORMAT}} written in date-fns tokens, {{time}}, quoted and bracketed placeholders, and leaves unknown ones', () => {
		const t =
			'---\ntitle: "{{title}}"\nwhen: {{date:yyyy-MM-dd HH:mm}}\nsvc: [{{services}}]\n---\n{{date:EEEE d MMMM}} at {{time}} by {{author}} {{owner}} {{owner}} {{nope:x}}\n';
		const { text, unknown } = renderTemplate(t, values);
		expect(text).toBe(
			'---\ntitle: "Checkout: 502s after \\"v2\\" deploy"\nwhen: "2025-07-31 12:17"\nsvc: [checkout-api, payments]\n---\nThursday 31 July at 12:17 by Dana Kim {{owner}} {{owner}} {{nope:x}}\n',
		);
		expect(unknown).toEqual(['{{owner}}', '{{nope:x}}']);
		expect(parseYaml('title: "Checkout: 502s after \\"v2\\" deploy"')).toEqual({ title: values.title });
	});

	it('renders dates in moment tokens, as Obsidian templates write them', () => {
		// values.date is Thursday 31 July 2025, 12:17 local time (day 212 of the year, ISO week 31).
		const t =
			'{{date:YYYY-MM-DD}} | {{date:dddd}} | {{date:ddd, Do MMMM YYYY}} | {{time:HH:mm}} | {{date:h:mm A}} | {{date:[Week] W, DDDD}}';
		expect(renderTemplate(t, values).text).toBe(
			'2025-07-31 | Thursday | Thu, 31st July 2025 | 12:17 | 12:17 PM | Week 31, 212',
		);
		// A pattern written with date-fns tokens before templates took moment's is still read as before.
		expect(renderTemplate('{{date:yyyy-MM-dd}} {{date:EEEE}}', values).text).toBe('2025-07-31 Thursday');
	});

	it('makes ids, slugs and safe file names', () => {
		expect(incidentId(values.date)).toBe('INC-20250731-1217');
		expect(slugify('Checkout: 502s après "v2" deploy!')).toBe('checkout-502s-apres-v2-deploy');
		expect(slugify('!!!')).toBe('incident');
		expect(safeFileName('../../etc/passwd')).toBe('etc-passwd');
		expect(safeFileName('.hidden')).toBe('hidden');
		expect(safeFileName('a/b\\c:d*e?f"g<h>i|j#k^l[m]n')).toBe('a-b-c-d-e-f-g-h-i-j-k-l-m-n');
	});

	it('names files from the pattern and never reuses an existing path', () => {
		expect(fileNameFromPattern('YYYY-MM-DD-<slug>', values)).toBe('2025-07-31-checkout-502s-after-v2-deploy');
		expect(fileNameFromPattern('<severity> <title> HHmm', values)).toBe('SEV2 Checkout- 502s after -v2- deploy 1217');
		const existing = new Set(['Incidents/a.md', 'Incidents/a-2.md']);
		expect(uniquePath('Incidents/', 'a', (p) => existing.has(p))).toBe('Incidents/a-3.md');
		expect(uniquePath('', 'b', () => false)).toBe('b.md');
	});
});

describe('duration fields for the frontmatter', () => {
	const note = `---
date: 2025-01-09
duration_minutes: 999
---
Duration: 1 hour
## Timeline
- 08:00 Bad config change was applied
- 08:12 Alert fired
- 08:15 On-call acknowledged
- 08:50 Rolled back
- 09:30 Incident resolved
- 09:45 Post-incident checks done
`;
	const incident = parse(note);
	const textOnly = parseIncident(note, { frontmatter: withoutComputedKeys(incident.frontmatter) });

	it('measures by each definition', () => {
		expect(durationBy(incident, 'first-last')).toBe(105);
		expect(durationBy(incident, 'started-resolved')).toBe(90);
		expect(durationBy(incident, 'detected-resolved')).toBe(78);
	});

	it('writes duration and milestones, and warns about the text that disagrees (not about its own old value)', () => {
		const u = durationUpdate(incident, textOnly, 'first-last', true);
		expect(u.fields).toEqual({
			duration_minutes: 105,
			started_at: '2025-01-09T08:00',
			detected_at: '2025-01-09T08:12',
			acknowledged_at: '2025-01-09T08:15',
			mitigated_at: '2025-01-09T08:50',
			resolved_at: '2025-01-09T09:30',
			ttd_minutes: 12,
			tta_minutes: 3,
			ttm_minutes: 50,
			ttr_minutes: 90,
		});
		expect(u.declaredInText).toBe(60);
		expect(u.warnings).toEqual(['The note says the duration was 60 min, but the timeline gives 105 min.']);
		expect(durationUpdate(incident, textOnly, 'first-last', false).fields).toEqual({ duration_minutes: 105 });
	});

	it('says so when the timeline has no times', () => {
		const i = parse('## Timeline\n- alert\n- fixed\n');
		expect(durationUpdate(i, i, 'first-last', true)).toMatchObject({
			fields: {},
			duration: null,
			warnings: ['The timeline has no times: nothing to compute the duration from.'],
		});
	});
});

describe('related incidents', () => {
	const mk = (p: string, date: string, services: string[], tags: string[], links: string[] = []) => {
		const i = parse(
			`---\ndate: ${date}\nservices: [${services.join(', ')}]\ntags: [${tags.join(', ')}]\n---\n${links.map((l) => `[[${l}]]`).join(' ')}\n`,
			{
				path: p,
				resolveLink: (t) => `${t}.md`,
			},
		);
		return i;
	};
	const current = mk('a', '2025-03-10', ['checkout'], ['rca', 'database'], ['c']);
	const all = [
		current,
		mk('b', '2025-03-01', ['checkout'], ['rca']),
		mk('c.md', '2025-03-09', ['checkout'], ['rca']),
		mk('d', '2024-01-01', ['checkout'], ['rca']),
		mk('e', '2023-05-05', ['search'], ['database']),
		mk('f', '2025-03-11', ['search'], ['rca']),
	];

	it('suggests the same service within the window and shared specific tags, nearest first, not already linked', () => {
		expect(suggestRelated(current, all, 30).map((s) => [s.path, s.reasons])).toEqual([
			['b', ['same service (checkout) within 30 days']],
			['e', ['shared tag #database']],
		]);
	});

	it('inserts a link after the last item of the Related Incidents section, keeping every other byte', () => {
		const text = '# T\r\n\r\n## Related Incidents\r\n\r\n- [[x]]\r\n\r\n## Notes\r\nkeep\r\n';
		expect(text1(insertRelatedLink(text, '[[y]]'))).toBe(
			'# T\r\n\r\n## Related Incidents\r\n\r\n- [[x]]\r\n- [[y]]\r\n\r\n## Notes\r\nkeep\r\n',
		);
	});

	it('inserts a Markdown link as given, and does not list a note twice in either form', () => {
		const text = '## Related Incidents\n\n- [x](x.md)\n';
		const once = text1(insertRelatedLink(text, '[y](2025%20y.md)'));
		expect(once).toBe('## Related Incidents\n\n- [x](x.md)\n- [y](2025%20y.md)\n');
		expect(insertRelatedLink(once, '[y](2025%20y.md)')).toEqual({ ok: true, text: once, changed: false });
		expect(insertRelatedLink('## Related Incidents\n\n- [[y]]\n', '[[y]]')).toMatchObject({ changed: false });
	});

	it('inserts under an empty section, or creates the section at the end', () => {
		expect(text1(insertRelatedLink('## Related incidents\n\n## Next\n', '[[y]]'))).toBe(
			'## Related incidents\n\n- [[y]]\n## Next\n',
		);
		expect(text1(insertRelatedLink('# T\nbody\n', '[[y]]'))).toBe('# T\nbody\n\n## Related Incidents\n\n- [[y]]\n');
		expect(text1(insertRelatedLink('```\n## Related\n```\n', '[[y]]'))).toBe(
			'```\n## Related\n```\n\n## Related Incidents\n\n- [[y]]\n',
		);
	});
});

/** A writer's new text, or its refusal as text. */
function text1(r: WriteResult): string {
	return r.ok ? r.text : `REFUSED: ${r.reason}`;
}

describe('converting a note to the RCA format', () => {
	const stringifyYaml = (d: unknown): string => yaml.dump(d, { lineWidth: -1 });
	const folders = [
		path.join(__dirname, 'fixtures', 'formats'),
		path.join(__dirname, '..', 'examples', 'vault', 'Incidents'),
	];
	const files = folders.flatMap((f) =>
		fs
			.readdirSync(f)
			.filter((n) => /\.(md|txt)$/.test(n))
			.map((n) => path.join(f, n)),
	);

	it.each(files.map((f) => [path.relative(path.join(__dirname, '..'), f), f]))(
		'%s keeps every original line and reads back the same',
		(_name, file) => {
			const text = fs.readFileSync(file, 'utf8');
			const before = parseIncident(text, { parseYaml, path: path.basename(file) });
			const converted = convertToRca(before, text, { stringifyYaml });
			expect(originalFromCallout(converted)).toBe(text);
			expect(isCanonical(converted)).toBe(true);
			const after = parseIncident(converted, { parseYaml, path: path.basename(file) });
			expect({
				duration: after.durationMinutes,
				timed: after.timeline.filter((e) => e.time).length,
				actions: after.actionItems.length,
				owners: after.actionItems.map((a) => a.owner),
				due: after.actionItems.map((a) => a.due),
				done: after.actionItems.map((a) => a.done),
			}).toEqual({
				duration: before.durationMinutes,
				timed: before.timeline.filter((e) => e.time).length,
				actions: before.actionItems.length,
				owners: before.actionItems.map((a) => a.owner),
				due: before.actionItems.map((a) => a.due),
				done: before.actionItems.map((a) => a.done),
			});
		},
	);
});
