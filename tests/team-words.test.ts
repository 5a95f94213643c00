/**
 * A team's own words: the file format (validation, merging, the settings' text form), and notes read with them —
 * headings, columns, milestones and keys the built-in vocabulary does not know, and everything it does still read.
 */
import { BUILT_IN_LEXICON, lexiconOf, ownerKeyOf } from '../src/core/format/lexicon';
import {
	mergeTeamWords,
	NO_TEAM_WORDS,
	readTeamWords,
	textToWords,
	wordsToText,
	type TeamWords,
} from '../src/core/format/team-words';
import { parseIncident } from '../src/core/read/parse';
import { tickActionItem } from '../src/core/write/toggle-item';
import { parseYaml } from './helpers';
import { TEAM_NOTE, TEAM_WORDS_JSON } from './team-words-fixture';

function words(raw: unknown): TeamWords {
	const { words: w, errors } = readTeamWords(raw);
	expect(errors).toEqual([]);
	return w;
}

describe('the words file', () => {
	it('keeps valid words and names every mistake with where it is', () => {
		const { words: w, errors } = readTeamWords({
			sections: { timeline: ['Chronik', ' chronik ', ''], timline: ['x'] },
			columns: 'owner',
			milestones: { resolved: 'Entwarnung' },
			keys: { severity: ['schweregrad'] },
			people: { 'Mei Lin': ['@mlin'] },
			colour: 'blue',
		});
		expect(w.sections).toEqual({ timeline: ['Chronik'] });
		expect(w.keys).toEqual({ severity: ['schweregrad'] });
		expect(w.people).toEqual({ 'Mei Lin': ['@mlin'] });
		expect(w.milestones).toEqual({});
		expect(errors).toHaveLength(4);
		expect(errors.join('\n')).toMatch(/sections\.timline: not a kind \(one of summary, timeline/);
		expect(errors.join('\n')).toMatch(/^columns: an object of kinds/m);
		expect(errors.join('\n')).toMatch(/^milestones\.resolved: a list of words/m);
		expect(errors.join('\n')).toMatch(/^"colour" is not a setting/m);
	});

	it('refuses what is not an object, and words too long to be a heading', () => {
		expect(readTeamWords([]).errors).toHaveLength(1);
		expect(readTeamWords('x').errors).toHaveLength(1);
		expect(readTeamWords({ sections: { timeline: ['x'.repeat(81)] } }).errors[0]).toMatch(/longer than 80/);
	});

	it('merges two sets of words: both lists, each word once, the second scheme of severities', () => {
		const a = words({ sections: { timeline: ['Chronik'] }, severities: ['S1', 'S2'] });
		const b = words({ sections: { timeline: ['chronik', 'Ablauf'], lessons: ['Erkenntnisse'] } });
		const m = mergeTeamWords(a, b);
		expect(m.sections).toEqual({ timeline: ['Chronik', 'Ablauf'], lessons: ['Erkenntnisse'] });
		expect(m.severities).toEqual(['S1', 'S2']);
		expect(mergeTeamWords(m, words({ severities: ['P0', 'P1'] })).severities).toEqual(['P0', 'P1']);
	});

	it('round-trips the settings text form, and names the line of a mistake', () => {
		const text = 'timeline: Chronik, Ablauf\nactions: Folgearbeiten';
		const { map, errors } = textToWords(text, ['timeline', 'actions']);
		expect(errors).toEqual([]);
		expect(map).toEqual({ timeline: ['Chronik', 'Ablauf'], actions: ['Folgearbeiten'] });
		expect(wordsToText(map)).toBe(text);
		const bad = textToWords('timeline: a\n\nno colon here\nsumary: b', ['timeline', 'summary']);
		expect(bad.map).toEqual({ timeline: ['a'] });
		expect(bad.errors).toEqual([
			'Line 3: write it as "kind: word, word"',
			'Line 4: "sumary" is not one of timeline, summary',
		]);
		expect(textToWords('Mei Lin: mei.lin, @mlin', null).map).toEqual({ 'Mei Lin': ['mei.lin', '@mlin'] });
	});
});

describe('a note read with a team’s words', () => {
	const lexicon = lexiconOf(words(TEAM_WORDS_JSON));

	it('reads nothing of the team’s template with the built-in words alone', () => {
		const i = parseIncident(TEAM_NOTE, { parseYaml });
		expect(i.severity).toBeNull();
		expect(i.timeline).toEqual([]);
		expect(i.actionItems).toEqual([]);
	});

	it('reads its sections, columns, milestones and keys with them', () => {
		const i = parseIncident(TEAM_NOTE, { parseYaml, lexicon });
		expect(i.severity).toBe('SEV2');
		// The note's own text is kept as written; its kind is the views' business.
		expect(i.status).toBe('erledigt');
		expect(i.timeline.map((e) => [e.time, e.text, e.milestone])).toEqual([
			['10:02', 'Pager ging los', 'detected'],
			['10:10', 'Dana übernimmt', 'acknowledged'],
			['10:40', 'Entwarnung gegeben', 'resolved'],
		]);
		expect(i.durationMinutes).toBe(38);
		expect(i.metrics.ttaMinutes).toBe(8);
		expect(i.actionItems.map((a) => [a.action, a.owner, a.due])).toEqual([
			['Retry-Budget begrenzen', 'mei.lin', '2025-04-01'],
		]);
		// The frontmatter is kept as written: the alias is not renamed.
		expect(i.frontmatter).toEqual({ title: 'Zahlungen fallen aus', schweregrad: 'SEV2', zustand: 'erledigt' });
	});

	it('still reads the built-in words, and a built-in key wins over an alias', () => {
		const note = `---\nseverity: SEV1\nschweregrad: SEV3\n---\n## Timeline\n- 10:00 Alert fired\n- 10:30 Service restored\n`;
		const i = parseIncident(note, { parseYaml, lexicon });
		expect(i.severity).toBe('SEV1');
		expect(i.timeline.map((e) => e.milestone)).toEqual(['detected', 'resolved']);
	});

	it('lets a team word win where both match', () => {
		// "Restarted the pods" is a mitigation in the built-in words; this team calls it the all-clear.
		const team = lexiconOf(words({ milestones: { resolved: ['restarted the pods'] } }));
		const note = '## Timeline\n- 10:00 Alert fired\n- 10:20 Restarted the pods\n';
		expect(parseIncident(note).timeline[1].milestone).toBe('mitigated');
		expect(parseIncident(note, { lexicon: team }).timeline[1].milestone).toBe('resolved');
	});

	it('ticks an item in a table only its words name', () => {
		const out = tickActionItem(
			TEAM_NOTE,
			{ action: 'Retry-Budget begrenzen', owner: 'mei.lin', due: '2025-04-01', line: 20 },
			true,
			lexicon,
		);
		expect(out.ok && out.changed).toBe(true);
		if (!out.ok) return;
		const before = TEAM_NOTE.split('\n');
		const after = out.text.split('\n');
		expect(after.filter((l, k) => l !== before[k])).toHaveLength(1);
		expect(parseIncident(out.text, { parseYaml, lexicon }).actionItems[0].done).toBe(true);
	});

	it('the same words compile to the same lexicon, with an id that changes with them', () => {
		expect(lexiconOf(words(TEAM_WORDS_JSON))).toBe(lexicon);
		expect(lexiconOf(NO_TEAM_WORDS)).toBe(BUILT_IN_LEXICON);
		expect(lexicon.id).not.toBe('');
		expect(lexiconOf(words({ sections: { timeline: ['Ablauf'] } })).id).not.toBe(lexicon.id);
	});

	it('reads a word with special characters literally', () => {
		const team = lexiconOf(words({ sections: { timeline: ['Verlauf (UTC+1)'] } }));
		expect(team.sectionKinds('verlauf (utc+1)')).toEqual(['timeline']);
		expect(team.sectionKinds('verlauf utc1')).toEqual([]);
	});
});

describe('statuses, severities and people', () => {
	it('maps statuses to kinds: built-in words, the team’s first', () => {
		const l = BUILT_IN_LEXICON;
		expect(l.statusKind('Resolved')).toBe('resolved');
		expect(l.statusKind('résolu')).toBe('resolved');
		expect(l.statusKind('closed')).toBe('closed');
		expect(l.statusKind('Complete, action items in progress')).toBe('actions-open');
		expect(l.statusKind('Investigating')).toBe('investigating');
		expect(l.statusKind('draft')).toBe('in-review');
		expect(l.statusKind('banana')).toBeNull();
		const team = lexiconOf(words({ statuses: { closed: ['erledigt'], 'in-review': ['wartet auf review'] } }));
		expect(team.statusKind('erledigt')).toBe('closed');
		expect(team.statusKind('wartet auf Review')).toBe('in-review');
		expect(team.statusKind('resolved')).toBe('resolved');
	});

	it('names one owner under every alias, and compares owners without case, @ or dots', () => {
		expect(ownerKeyOf('@Mei.Lin')).toBe('mei lin');
		const team = lexiconOf(words({ people: { 'Mei Lin': ['mlin', '@meili'] } }));
		expect(new Set(['Mei Lin', 'mei.lin', '@mlin', 'MLIN', 'meili'].map(team.personKey))).toEqual(new Set(['mei lin']));
		expect(team.personName('mei lin')).toBe('Mei Lin');
		expect(team.personKey('Dana')).toBe('dana');
	});
});
