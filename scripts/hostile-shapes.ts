/**
 * The hostile shapes of note text: long runs of one character where a pattern of the parser looks, and the
 * multi-line shapes users paste. `npm run linear` checks every entry is linear on them; `npm run bench` times the
 * parse of each at 1 MB.
 */
/** What a long line is made of: runs of what patterns quantify (spaces, punctuation, markup, digits) and mixes. */
export const FILLS: Record<string, string> = {
	spaces: ' ',
	tabs: '\t',
	dots: '.',
	colons: ':',
	commas: ',',
	dashes: '-',
	emdash: '—',
	lt: '<',
	backticks: '`',
	brackets: '[',
	parens: '(',
	stars: '*',
	underscores: '_',
	hashes: '#',
	pipes: '|',
	digits: '0',
	braces: '{{-:',
	slashes: '/',
	at: '@a ',
	words: 'a ',
	wikilinks: '[[',
	links: '](',
	bold: '**x** ',
	ticket: 'OPS-1 ',
	time: '10:00 ',
	percent: '1% ',
	dual: '__0**',
	sep: '--\t:',
	nbsp: '\u00a0',
	lsep: '\u2028 ',
};

/** Where the run goes: `run(n)` is the fill repeated to n characters. */
export const CONTEXTS: Record<string, (run: string) => string> = {
	heading: (r) => `# a${r}b\n\n## Timeline\n- 10:00 x\n`,
	keyValue: (r) => `Summary:${r}\n\n## Timeline\n- 10:00 x\n`,
	keyValueEnd: (r) => `Impact: a${r}\n`,
	task: (r) => `## Action items\n- [ ] Fix OPS-1${r}\n`,
	bullet: (r) => `## Action items\n- Fix${r}x\n`,
	plainTask: (r) => `## Action items\n\nFix${r}\n`,
	boldLabel: (r) => `**x**${r}a:\n`,
	tableSeparator: (r) => `| Time | Event |\n|---|---|${r}\n| 10:00 | x |\n`,
	tableCell: (r) => `## Timeline\n| Time | Event |\n|---|---|\n| 10:00 | a${r}b |\n`,
	actionCell: (r) => `## Action items\n| Action | Owner | Status |\n|---|---|---|\n| a${r} | sam | Open |\n`,
	timelineRow: (r) => `## Timeline\n- 10:00 a${r}\n- 10:${r}\n`,
	prose: (r) => `Some text${r}end\n`,
	frontmatter: (r) => `---\ntitle: a${r}\nseverity: SEV2\n---\n# T\n`,
	quote: (r) => `> [!note] a${r}\n> b${r}\n`,
	related: (r) => `## Related incidents${r}\n- [[x]]\n`,
};

/** Notes of many lines: pasted logs, long lists, tables, wrapped values. `n` is the size in characters. */
export const MULTILINE: Record<string, (n: number) => string> = {
	pastedLogsAfterLabel: (n) =>
		`## Impact\nImpact: ${'2025-01-01T10:00:00Z ERROR upstream timed out after 30s\n'.repeat(Math.ceil(n / 56))}`,
	wrappedKeyValue: (n) => `Root cause: ${'the pool was exhausted and\n'.repeat(Math.ceil(n / 26))}`,
	taskLines: (n) => `## Action items\n${'- [ ] Fix the thing @sam\n'.repeat(Math.ceil(n / 25))}`,
	plainTaskLines: (n) => `## Action items\n\n${'Fix the thing for sam\n'.repeat(Math.ceil(n / 22))}`,
	timelineRows: (n) => `## Timeline\n${'- 10:00 something happened\n'.repeat(Math.ceil(n / 27))}`,
	tableRows: (n) => `## Timeline\n| Time | Event |\n|---|---|\n${'| 10:00 | x |\n'.repeat(Math.ceil(n / 14))}`,
	headings: (n) => `${'## Timeline\n'.repeat(Math.ceil(n / 12))}`,
	ownerLines: (n) => `## Action items\n${'- Fix it\nOwner: sam\n'.repeat(Math.ceil(n / 20))}`,
	blankLines: (n) => `# T\n${'\n'.repeat(n)}x`,
	crLines: (n) => `# T\r${'- [ ] a\r'.repeat(Math.ceil(n / 8))}`,
	fences: (n) => `${'```\n'.repeat(Math.ceil(n / 4))}`,
	htmlComments: (n) => `${'<!-- a\n'.repeat(Math.ceil(n / 7))}`,
	frontmatterKeys: (n) => `---\n${'k: v # c\n'.repeat(Math.ceil(n / 9))}---\n`,
	quotes: (n) => `${'> | a | b |\n'.repeat(Math.ceil(n / 12))}`,
};

export function repeatTo(fill: string, n: number): string {
	return fill.repeat(Math.ceil(n / fill.length)).slice(0, n);
}

/** Every note-shaped family: each context with each fill, and each multi-line shape; `make(n)` is ~n characters. */
export function noteShapes(): { name: string; make: (n: number) => string }[] {
	const out: { name: string; make: (n: number) => string }[] = [];
	for (const [cname, ctx] of Object.entries(CONTEXTS))
		for (const [fname, fill] of Object.entries(FILLS))
			out.push({ name: `${cname}/${fname}`, make: (n) => ctx(repeatTo(fill, n)) });
	for (const [name, make] of Object.entries(MULTILINE)) out.push({ name: `lines/${name}`, make });
	return out;
}
