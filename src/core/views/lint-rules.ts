/**
 * A team's lint rules, from the same `.incident-rca.json` as its words: the level of each problem code (`off`,
 * `warning`, `error`), the sections every postmortem must have, and requirements for some incidents ("every SEV1 and
 * SEV2 has a root cause and an action item with an owner"). Reading validates every value and names each mistake;
 * applying them turns a note's problems into the team's.
 */
import { PROBLEM_CODES, type Incident, type Problem, type ProblemCode } from '../model';
import { hasSection, missingSectionProblems, SECTION_NAMES, type RequirableSection } from '../read/parse';
import { severityKey } from './severity';

export const RULE_LEVELS = ['off', 'warning', 'error'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

export interface Requirement {
	/** The incidents it applies to (by severity, compared without case or dashes); null for every incident. */
	severities: string[] | null;
	sections: RequirableSection[];
	/** At least this many action items with an owner. */
	ownedActionItems: number;
}

export interface LintRules {
	/** The level of a problem code; a code not named keeps the parser's level. */
	levels: Partial<Record<string, RuleLevel>>;
	/** The sections every note must have; null for the parser's five. */
	requiredSections: RequirableSection[] | null;
	require: Requirement[];
	/** Paths (globs, from the config file's folder) the CLI does not read. */
	ignore: string[];
}

/** The code of a problem a requirement finds; set its level under `rules` like any other. */
export const REQUIREMENT_CODE = 'requirement' satisfies ProblemCode;

export const NO_RULES: LintRules = { levels: {}, requiredSections: null, require: [], ignore: [] };

/** The config's top-level keys these rules read (the rest are the team's words). */
export const RULE_KEYS = ['rules', 'requiredSections', 'require', 'ignore'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sectionList(v: unknown, where: string, errors: string[]): RequirableSection[] | null {
	const names = Object.keys(SECTION_NAMES);
	if (!Array.isArray(v)) {
		errors.push(`${where}: a list of sections (${names.join(', ')})`);
		return null;
	}
	const out: RequirableSection[] = [];
	for (const s of v) {
		if (typeof s === 'string' && names.includes(s)) out.push(s as RequirableSection);
		else errors.push(`${where}: ${JSON.stringify(s)} is not a section (one of ${names.join(', ')})`);
	}
	return out;
}

function stringList(v: unknown, where: string, errors: string[]): string[] | null {
	if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x.trim() !== '')) {
		errors.push(`${where}: a list of strings`);
		return null;
	}
	return v.map((x: string) => x.trim());
}

/** The rules of a parsed config file; each mistake is one message naming where it is. */
export function readLintRules(raw: unknown, errors: string[]): LintRules {
	const rules: LintRules = { levels: {}, requiredSections: null, require: [], ignore: [] };
	// Not an object at all: readTeamWords says so for the whole file.
	if (!isRecord(raw)) return rules;
	const codes: readonly string[] = [...PROBLEM_CODES, REQUIREMENT_CODE, 'skipped'];
	if (raw.rules !== undefined) {
		if (!isRecord(raw.rules))
			errors.push('rules: an object of problem codes and levels, like { "missing-section": "off" }');
		else
			for (const [code, level] of Object.entries(raw.rules)) {
				if (!codes.includes(code)) errors.push(`rules.${code}: not a problem code (one of ${codes.join(', ')})`);
				else if (!(RULE_LEVELS as readonly unknown[]).includes(level))
					errors.push(`rules.${code}: ${JSON.stringify(level)} is not a level (off, warning or error)`);
				else rules.levels[code] = level as RuleLevel;
			}
	}
	if (raw.requiredSections !== undefined)
		rules.requiredSections = sectionList(raw.requiredSections, 'requiredSections', errors);
	if (raw.require !== undefined) {
		if (!Array.isArray(raw.require))
			errors.push('require: a list like [{ "severity": ["SEV1"], "sections": ["rootCause"], "ownedActionItems": 1 }]');
		else
			raw.require.forEach((r: unknown, k) => {
				const where = `require[${k}]`;
				if (!isRecord(r)) {
					errors.push(`${where}: an object with severity, sections and ownedActionItems`);
					return;
				}
				for (const key of Object.keys(r))
					if (!['severity', 'sections', 'ownedActionItems'].includes(key))
						errors.push(`${where}.${key}: not a key (severity, sections, ownedActionItems)`);
				const severities = r.severity === undefined ? null : stringList(r.severity, `${where}.severity`, errors);
				const sections = r.sections === undefined ? [] : (sectionList(r.sections, `${where}.sections`, errors) ?? []);
				const owned = r.ownedActionItems ?? 0;
				if (typeof owned !== 'number' || !Number.isInteger(owned) || owned < 0) {
					errors.push(`${where}.ownedActionItems: a whole number`);
					return;
				}
				rules.require.push({ severities, sections, ownedActionItems: owned });
			});
	}
	if (raw.ignore !== undefined) rules.ignore = stringList(raw.ignore, 'ignore', errors) ?? [];
	return rules;
}

/**
 * The note's problems under the team's rules: the required sections instead of the parser's, each requirement that
 * applies checked, and every problem at the level its code is set to (`off` drops it).
 */
export function applyLintRules(i: Incident, rules: LintRules): Problem[] {
	if (rules.requiredSections === null && rules.require.length === 0 && Object.keys(rules.levels).length === 0)
		return i.problems;
	// A copy: the parser's list is the note's, and may hold 100,000 problems (no spreads into push).
	const sections = rules.requiredSections;
	let problems = sections === null ? i.problems.slice() : i.problems.filter((p) => p.code !== 'missing-section');
	// The parser's section problems are replaced; an empty note stays "empty" rather than missing everything.
	if (sections !== null && !problems.some((p) => p.code === 'empty-note'))
		problems = problems.concat(missingSectionProblems(i, sections));
	const sev = i.severity === null ? null : severityKey(i.severity);
	for (const r of rules.require) {
		if (r.severities !== null && (sev === null || !r.severities.some((s) => severityKey(s) === sev))) continue;
		const scope = r.severities === null ? 'every incident' : `${r.severities.join(' and ')} incidents`;
		for (const s of r.sections)
			if (!hasSection(i, s))
				problems.push({
					level: 'error',
					code: REQUIREMENT_CODE,
					message: `No ${SECTION_NAMES[s]} section: the team requires one for ${scope}`,
					line: null,
				});
		const owned = i.actionItems.filter((a) => a.owner !== null).length;
		if (owned < r.ownedActionItems)
			problems.push({
				level: 'error',
				code: REQUIREMENT_CODE,
				message: `${owned} action item${owned === 1 ? '' : 's'} with an owner: the team requires ${r.ownedActionItems} for ${scope}`,
				line: null,
			});
	}
	const out: Problem[] = [];
	for (const p of problems) {
		const level = rules.levels[p.code];
		if (level === 'off') continue;
		out.push(level === undefined || level === p.level ? p : { ...p, level });
	}
	return out;
}
