import matter from 'gray-matter';

/**
 * YAML for the core, outside Obsidian: gray-matter (js-yaml underneath). Errors keep js-yaml's `mark.line`,
 * corrected to count from the first YAML line, so the core can point at the right line of the note.
 */
export function parseYaml(yaml: string): unknown {
	try {
		return matter(`---\n${yaml}\n---\n`, {}).data;
	} catch (e) {
		// gray-matter hands js-yaml the block with its leading newline: one line too many.
		const mark = (e as { mark?: { line?: number } }).mark;
		if (mark && typeof mark.line === 'number' && mark.line > 0) mark.line -= 1;
		throw e;
	}
}
