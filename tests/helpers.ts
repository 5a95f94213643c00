import { parseYaml } from '../src/cli/yaml';
import { parseIncident, type Incident, type ParseOptions } from '../src/core';

export { parseYaml };

/** Parses a note written inline in a test; leading indentation common to all lines is removed. */
export function parse(text: string, options: ParseOptions = {}): Incident {
	return parseIncident(dedent(text), { parseYaml, path: 'Incidents/test.md', ...options });
}

export function dedent(text: string): string {
	const lines = text.replace(/^\n/, '').split('\n');
	const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[\t ]*/.exec(l)?.[0].length ?? 0);
	const min = indents.length ? Math.min(...indents) : 0;
	return lines.map((l) => l.slice(min)).join('\n');
}

export function codes(i: Incident): string[] {
	return i.problems.map((p) => p.code);
}

/** The plugin's manifest as the test stand-in loads it. */
export const TEST_MANIFEST = {
	id: 'incident-rca',
	name: 'Incident RCA',
	version: '0.1.0',
	minAppVersion: '1.5.7',
	description: '',
	author: '',
};
