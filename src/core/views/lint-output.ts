/**
 * What `incident-rca lint` prints, in each format a CI system reads: text (file:line: level: message), JSON, GitHub
 * workflow commands (annotations on the pull request) and JUnit XML (GitLab, Jenkins). One list of findings feeds all
 * four, so they never disagree. Notes that are simply not incidents (runbooks, READMEs) are counted, not listed.
 */
import { collate } from '../text/collate';
import { escapeMarkup, printable } from '../text/escape';
import type { ProblemLevel } from '../model';
import type { Report, ReportIncident, SkippedFile } from './report';
import type { RuleLevel } from './lint-rules';

export const LINT_FORMATS = ['text', 'json', 'github', 'junit'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];

export interface Finding {
	file: string;
	line: number;
	level: ProblemLevel;
	/** A problem code, or "skipped" for a file that could not be read. */
	code: string;
	message: string;
}

export interface LintResult {
	/** Files checked: the incident notes. */
	checked: number;
	findings: Finding[];
	errors: number;
	warnings: number;
	/** Files that are not incident notes: left out, counted once. */
	notIncidents: number;
	/** Incident notes without any finding. */
	clean: number;
}

/**
 * The findings of a report, by file then line. A file that could not be read (binary, not UTF-8) is a finding at
 * `skipped` (the rules' level of the code "skipped"); one that is not an incident note is only counted
 * (`isNotIncident` tells them apart).
 */
export function lintResult(
	r: Report<ReportIncident>,
	isNotIncident: (s: SkippedFile) => boolean,
	skipped: RuleLevel = 'warning',
): LintResult {
	const findings: Finding[] = [];
	let clean = 0;
	for (const i of [...r.incidents].sort((a, b) => collate(a.path ?? '', b.path ?? ''))) {
		if (i.problems.length === 0) clean++;
		for (const p of i.problems)
			findings.push({ file: i.path ?? '', line: p.line ?? 1, level: p.level, code: p.code, message: p.message });
	}
	let notIncidents = 0;
	for (const s of r.skipped) {
		if (isNotIncident(s)) notIncidents++;
		else if (skipped !== 'off')
			findings.push({ file: s.path, line: 1, level: skipped, code: 'skipped', message: `skipped: ${s.reason}` });
	}
	const errors = findings.filter((f) => f.level === 'error').length;
	return { checked: r.incidents.length, findings, errors, warnings: findings.length - errors, notIncidents, clean };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The closing line: what was checked and found, and how many files were not incident notes. */
export function lintSummary(r: LintResult): string {
	const skipped = r.notIncidents > 0 ? `; ${plural(r.notIncidents, 'file')} skipped (not incident notes)` : '';
	return `${plural(r.checked, 'file')} checked, ${plural(r.errors, 'error')}, ${plural(r.warnings, 'warning')}${skipped}`;
}

export function renderLintOutput(r: LintResult, format: LintFormat): string {
	switch (format) {
		case 'text':
			return r.findings
				.map((f) => `${printable(f.file)}:${f.line}: ${f.level}: ${printable(f.message)} [${f.code}]\n`)
				.join('');
		case 'json':
			return (
				JSON.stringify({
					checked: r.checked,
					errors: r.errors,
					warnings: r.warnings,
					notIncidents: r.notIncidents,
					findings: r.findings,
				}) + '\n'
			);
		case 'github':
			return r.findings.map(githubCommand).join('');
		case 'junit':
			return junit(r);
	}
}

/** GitHub's escaping for a workflow command's message, and (stricter) for its properties. */
const ghData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const ghProperty = (s: string): string => ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=…,line=…,title=…::message`: an annotation on the file's line in the pull request. */
function githubCommand(f: Finding): string {
	return `::${f.level} file=${ghProperty(f.file)},line=${f.line},title=${ghProperty(`incident-rca ${f.code}`)}::${ghData(printable(f.message))}\n`;
}

/** Text for XML: the markup characters escaped, and the characters XML 1.0 cannot hold at all dropped. */
export function xmlText(s: string): string {
	// eslint-disable-next-line no-control-regex -- the C0 controls XML 1.0 forbids
	return escapeMarkup(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
}

/**
 * JUnit XML: one test case per file with findings (errors as failures, warnings in its output), one passing case for
 * the rest, so a clean run still reports a test. GitLab shows the failures on the merge request.
 */
function junit(r: LintResult): string {
	const byFile = new Map<string, Finding[]>();
	for (const f of r.findings) {
		const list = byFile.get(f.file);
		if (list) list.push(f);
		else byFile.set(f.file, [f]);
	}
	const line = (f: Finding): string => `${f.file}:${f.line}: ${f.level}: ${f.message} [${f.code}]`;
	const cases: string[] = [];
	let failures = 0;
	for (const [file, list] of byFile) {
		const errors = list.filter((f) => f.level === 'error');
		const warnings = list.filter((f) => f.level === 'warning');
		const body: string[] = [];
		if (errors.length > 0) {
			failures++;
			body.push(
				`      <failure type="${xmlText(errors[0].code)}" message="${xmlText(`${plural(errors.length, 'error')}: ${errors[0].message}`)}">${xmlText(errors.map(line).join('\n'))}</failure>`,
			);
		}
		if (warnings.length > 0) body.push(`      <system-out>${xmlText(warnings.map(line).join('\n'))}</system-out>`);
		cases.push(
			`    <testcase classname="incident-rca.lint" name="${xmlText(file)}">\n${body.join('\n')}\n    </testcase>`,
		);
	}
	if (r.clean > 0)
		cases.push(
			`    <testcase classname="incident-rca.lint" name="${xmlText(plural(r.clean, 'file'))} without findings"/>`,
		);
	const tests = cases.length;
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<testsuites name="incident-rca lint" tests="${tests}" failures="${failures}" errors="0">`,
		`  <testsuite name="incident-rca lint" tests="${tests}" failures="${failures}" errors="0" skipped="0">`,
		...cases,
		'  </testsuite>',
		'</testsuites>',
		'',
	].join('\n');
}
