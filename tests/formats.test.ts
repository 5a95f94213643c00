/**
 * Postmortem notes in the formats teams write them in, each checked against what a careful reader of the note
 * expects (tests/fixtures/formats/expected.json). The expectations were written from the notes, not from the parser.
 */
import { parseYaml } from '../src/cli/yaml';
import * as fs from 'fs';
import * as path from 'path';
import { parseIncident, type ActionItem, type Incident, type LinkKind, type ProblemCode } from '../src/core';

const FIXTURES = path.join(__dirname, 'fixtures', 'formats');

interface ExpectedItem {
	/** Case-insensitive substring of the action text that picks the item. */
	match: string;
	action?: string;
	owner?: string | null;
	due?: string | null;
	priority?: string | null;
	done?: boolean;
	tickets?: string[];
}

interface ExpectedLink {
	target: string;
	alias: string | null;
	heading: string | null;
	embed: boolean;
	kind: LinkKind;
}

interface Expected {
	feature: string;
	date?: string | null;
	severity?: string | null;
	durationMinutes?: number | null;
	declaredDurationMinutes?: number | null;
	timeline?: {
		count: number;
		times: (string | null)[];
		ats?: (string | null)[];
		atDates?: (string | null)[];
		textContains?: Record<string, string>;
		textEquals?: Record<string, string>;
	};
	actionItems?: { count: number; items?: ExpectedItem[] };
	links?: ExpectedLink[];
	linksAbsent?: string[];
	summaryContains?: string;
	rootCauseContains?: string;
	problems?: {
		present?: ProblemCode[];
		absent?: ProblemCode[];
		errors?: ProblemCode[];
		lines?: Partial<Record<ProblemCode, number>>;
	};
}

const expectations = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<
	string,
	Expected
>;

function parseFixture(file: string): Incident {
	const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
	return parseIncident(text, { path: `incidents/${file}`, parseYaml });
}

function findItem(items: ActionItem[], match: string): ActionItem | undefined {
	return items.find((it) => it.action.toLowerCase().includes(match.toLowerCase()));
}

function pick(item: ActionItem, wanted: ExpectedItem): Partial<ActionItem> {
	const out: Partial<ActionItem> = {};
	if (wanted.action !== undefined) out.action = item.action;
	if (wanted.owner !== undefined) out.owner = item.owner;
	if (wanted.due !== undefined) out.due = item.due;
	if (wanted.priority !== undefined) out.priority = item.priority;
	if (wanted.done !== undefined) out.done = item.done;
	if (wanted.tickets !== undefined) out.tickets = item.tickets;
	return out;
}

describe('postmortem formats', () => {
	it('has a note for every expectation and an expectation for every note', () => {
		const notes = fs
			.readdirSync(FIXTURES)
			.filter((f) => /\.(?:md|txt)$/.test(f))
			.sort();
		expect(Object.keys(expectations).sort()).toEqual(notes);
	});

	for (const [file, exp] of Object.entries(expectations)) {
		describe(`${exp.feature} [${file}]`, () => {
			let incident: Incident;
			beforeAll(() => {
				incident = parseFixture(file);
			});

			if (exp.date !== undefined) {
				it('reads the incident date', () => {
					expect(incident.date).toBe(exp.date);
				});
			}

			if (exp.severity !== undefined) {
				it('reads the severity', () => {
					expect(incident.severity).toBe(exp.severity);
				});
			}

			const timeline = exp.timeline;
			if (timeline) {
				it('finds every timeline row with its clock time', () => {
					expect(incident.timeline.map((e) => e.time)).toEqual(timeline.times);
					expect(incident.timeline).toHaveLength(timeline.count);
				});

				const ats = timeline.ats;
				if (ats) {
					it('gives each row its date-time, with the offset only where one was written', () => {
						expect(incident.timeline.map((e) => e.at)).toEqual(ats);
					});
				}

				const atDates = timeline.atDates;
				if (atDates) {
					it('places each row on the right day', () => {
						expect(incident.timeline.map((e) => (e.at === null ? null : e.at.slice(0, 10)))).toEqual(atDates);
					});
				}

				const contains = timeline.textContains;
				const equals = timeline.textEquals;
				if (contains || equals) {
					it('keeps the text of each row, wrapped lines included, without times or markup', () => {
						for (const [k, text] of Object.entries(contains ?? {}))
							expect(incident.timeline[Number(k)]?.text).toContain(text);
						for (const [k, text] of Object.entries(equals ?? {})) expect(incident.timeline[Number(k)]?.text).toBe(text);
					});
				}
			}

			if (exp.durationMinutes !== undefined) {
				it('computes the duration from the earliest to the latest timed row', () => {
					expect(incident.durationMinutes).toBe(exp.durationMinutes);
				});
			}

			if (exp.declaredDurationMinutes !== undefined) {
				it('reads the duration the note declares', () => {
					expect(incident.declaredDurationMinutes).toBe(exp.declaredDurationMinutes);
				});
			}

			const actions = exp.actionItems;
			if (actions) {
				it('finds every action item', () => {
					expect(incident.actionItems.map((a) => a.action)).toHaveLength(actions.count);
				});

				for (const wanted of actions.items ?? []) {
					it(`reads the action item "${wanted.match}": text, owner, due date, priority, state and tickets`, () => {
						const item = findItem(incident.actionItems, wanted.match);
						expect(item).toBeDefined();
						if (!item) return;
						const { match: _match, ...fields } = wanted;
						expect(pick(item, wanted)).toEqual(fields);
					});
				}
			}

			const links = exp.links;
			if (links) {
				it('finds the wikilinks and classifies them as incident, runbook or other', () => {
					expect(
						incident.links.map(({ target, alias, heading, embed, kind }) => ({ target, alias, heading, embed, kind })),
					).toEqual(links);
				});
			}

			const linksAbsent = exp.linksAbsent;
			if (linksAbsent) {
				it('ignores links inside inline code and fenced code', () => {
					const targets = incident.links.map((l) => l.target);
					for (const t of linksAbsent) expect(targets).not.toContain(t);
				});
			}

			const summary = exp.summaryContains;
			if (summary !== undefined) {
				it('reads the summary section', () => {
					expect(incident.summary ?? '').toContain(summary);
				});
			}

			const rootCause = exp.rootCauseContains;
			if (rootCause !== undefined) {
				it('reads the root cause section', () => {
					expect(incident.rootCause ?? '').toContain(rootCause);
				});
			}

			const problems = exp.problems;
			if (problems?.present && problems.present.length > 0) {
				const present = problems.present;
				it(`reports ${present.join(', ')}`, () => {
					const codes = incident.problems.map((p) => p.code);
					for (const code of present) expect(codes).toContain(code);
				});
			}
			if (problems?.errors && problems.errors.length > 0) {
				const errors = problems.errors;
				it(`reports ${errors.join(', ')} as an error`, () => {
					for (const code of errors) expect(incident.problems.find((p) => p.code === code)?.level).toBe('error');
				});
			}
			if (problems?.lines) {
				const lines = problems.lines;
				it('points each problem at the line that causes it', () => {
					for (const [code, line] of Object.entries(lines)) {
						expect({ code, line: incident.problems.find((p) => p.code === code)?.line }).toEqual({ code, line });
					}
				});
			}
			if (problems?.absent && problems.absent.length > 0) {
				const absent = problems.absent;
				it(`does not report ${absent.join(', ')}`, () => {
					const found = incident.problems
						.filter((p) => absent.includes(p.code))
						.map((p) => `${p.code} (line ${p.line}): ${p.message}`);
					expect(found).toEqual([]);
				});
			}
		});
	}
});
