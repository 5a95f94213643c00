/**
 * `incident-rca report --html FILE`: one self-contained page — valid HTML (html-validate), no script, no request to
 * anything outside it, every note text escaped — with the dashboard's figures, charts, tables and action items.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { run } from '../src/cli/main';

const dirs: string[] = [];
afterAll(() => {
	for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rca-html-'));
	dirs.push(dir);
	for (const [name, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
		fs.writeFileSync(path.join(dir, name), text);
	}
	return dir;
}

async function page(dir: string): Promise<{ code: number; html: string; stderr: string }> {
	const out = path.join(dir, 'report.html');
	let stderr = '';
	const code = await run(
		['report', '--html', out, '--today', '2025-04-01', dir],
		() => undefined,
		(s) => (stderr += s),
	);
	return { code, html: fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '', stderr };
}

const HOSTILE = `---
title: "<script>alert(1)</script> & <b>bold</b>"
date: 2025-03-05
severity: SEV1
services: ['"><img src=x onerror=alert(2)>', api]
---
## Timeline
- 10:00 Alert fired
- 10:45 Resolved
## Action items
- [ ] Check "x" & 'y' in the <iframe src="https://evil.example"> before 1 < 2 @kim 📅 2025-03-10
`;
const PLAIN = `---
title: Cache stampede
date: 2025-02-10
severity: SEV2
services: [api]
---
## Timeline
- 09:00 Alert fired
- 09:30 Resolved
## Action items
- [ ] Add jitter @lee 📅 2030-01-01
`;

describe('report --html', () => {
	it('writes a valid page with the figures, charts, tables and open action items', async () => {
		const dir = folder({ 'a.md': HOSTILE, 'b.md': PLAIN, 'Runbooks/r.md': '---\ntype: runbook\n---\n# R\n' });
		const r = await page(dir);
		expect(r.code).toBe(0);
		expect(r.stderr).toContain('report.html (2 incidents)');
		const report = await new HtmlValidate({ extends: ['html-validate:standard'] }).validateString(r.html);
		expect(report.results.flatMap((x) => x.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
		expect(report.valid).toBe(true);
		// The dashboard's figures and charts (inline SVG), the tables, the items.
		expect(r.html).toContain('<b>2</b><span>Incidents</span>');
		expect(r.html.match(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="incident-rca-chart /g)).toHaveLength(4);
		expect(r.html).toContain('<h2>Response times by severity</h2>');
		expect(r.html).toContain('Cache stampede');
		expect(r.html).toContain('Add jitter');
		expect(r.html).toContain('2 incidents, as of 2025-04-01; 1 file skipped.');
	});

	it('runs nothing and fetches nothing: note text is escaped, the page holds everything', async () => {
		const { html } = await page(folder({ 'a.md': HOSTILE }));
		expect(html).not.toMatch(/<script/i);
		expect(html).not.toMatch(/<img|<iframe|onerror=/i);
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
		// (The parser already drops inline HTML tags from an item's text; the rest is escaped here.)
		expect(html).toContain('Check &quot;x&quot; &amp; &#39;y&#39; in the');
		expect(html).toContain('before 1 &lt; 2');
		// No attribute loads anything (src, href, url(), @import): only the SVG namespace names a web address.
		expect(html).not.toMatch(/\s(?:src|href|srcset|action)=/i);
		expect(html).not.toMatch(/url\(|@import/i);
		expect(html.match(/https?:\/\/[^\s"'<]+/g)?.filter((u) => u !== 'http://www.w3.org/2000/svg')).toEqual([]);
	});

	it('a file it cannot write is exit 2 with one line', async () => {
		const dir = folder({ 'b.md': PLAIN });
		let stderr = '';
		const code = await run(
			['report', '--html', path.join(dir, 'no/such/dir/r.html'), dir],
			() => undefined,
			(s) => (stderr += s),
		);
		expect(code).toBe(2);
		expect(stderr).toMatch(/^incident-rca: cannot write .*r\.html \(ENOENT\)\n$/);
	});
});
