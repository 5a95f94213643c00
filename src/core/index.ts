/** The pure core: no runtime dependency on Obsidian. */
export * from './model';
export { parseIncident, parseNote, parseNoteIf, findFrontmatter } from './read/parse';
export {
	isIncidentNote,
	noteFacts,
	noteTypeSays,
	DEFAULT_DETECTION,
	type NoteFacts,
	type DetectionRules,
} from './read/incident-note';
export { EXPORT_NOTE_TYPE } from './format/names';
export { createLinkResolver, classifyLink } from './read/links';
export { parseDurationAmount } from './time/durations';
