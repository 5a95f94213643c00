/** The pure core: no runtime dependency on Obsidian. */
export * from './model';
export { parseIncident, findFrontmatter, looksLikeIncident, noteTypeSays, EXPORT_NOTE_TYPE } from './read/parse';
export { createLinkResolver, classifyLink } from './read/links';
export { parseDurationAmount } from './time/durations';
