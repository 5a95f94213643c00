/** Reading a folder of notes into incidents: what `incident-rca report` and the benchmark both run. */
import { createLinkResolver, looksLikeIncident, parseIncident, type Incident } from '../core';
import type { SkippedFile } from '../core/report';
import { collectFiles, readNote } from './files';
import { parseYaml } from './yaml';

export interface ScanResult {
	incidents: Incident[];
	skipped: SkippedFile[];
}

/** Reads, decodes and parses every note under the inputs; links resolve among the files found. */
export function scanNotes(inputs: string[]): ScanResult {
	const files = collectFiles(inputs);
	const resolver = createLinkResolver(files.map((f) => f.vaultPath));
	const displayOf = new Map(files.map((f) => [f.vaultPath, f.display]));
	const incidents: Incident[] = [];
	const skipped: SkippedFile[] = [];
	for (const f of files) {
		const read = readNote(f.display);
		if (!read.ok) {
			skipped.push({ path: f.display, reason: read.reason });
			continue;
		}
		try {
			const inc = parseIncident(read.text, { path: f.vaultPath, parseYaml, resolveLink: resolver });
			inc.path = f.display;
			// A folder holds runbooks and templates too; files named on the command line are always reported.
			if (!f.explicit && !looksLikeIncident(inc)) {
				skipped.push({ path: f.display, reason: 'not an incident note (no timeline times, severity, incident id or incident tag)' });
				continue;
			}
			for (const l of inc.links) if (l.resolved !== null) l.resolved = displayOf.get(l.resolved) ?? l.resolved;
			incidents.push(inc);
		} catch (e) {
			// The parser promises not to throw; if it ever does, one file must not stop the report.
			skipped.push({ path: f.display, reason: `could not be parsed (${(e as Error).message.split('\n')[0]})` });
		}
	}
	return { incidents, skipped };
}
