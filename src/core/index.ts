/** The pure core: no runtime dependency on Obsidian. */
export * from './model';
export { parseIncident, findFrontmatter, looksLikeIncident, noteTypeSays, EXPORT_NOTE_TYPE } from './parse';
export { createLinkResolver, classifyLink } from './links';
export { parseDurationAmount } from './datetime';
