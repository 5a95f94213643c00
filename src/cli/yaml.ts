import yaml from 'js-yaml';

/**
 * YAML for the core outside Obsidian: js-yaml 4, the parser gray-matter hands its blocks to. The block is given to it
 * directly: gray-matter's own pass over a block (`/^\s*#[^\n]+/gm`, to see whether it holds only comments) and its
 * js-yaml 3 both take time quadratic in a value holding line separators (U+2028): 100 KB of them took 12 s. Errors
 * keep js-yaml's `mark.line` (0-based from the first YAML line), so the core can point at the right line of the note.
 */
export function parseYaml(text: string): unknown {
	return yaml.load(text) ?? {};
}
