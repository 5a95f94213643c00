import { Plugin } from 'obsidian';

/** Lifecycle only: the commands and views that use the core are wired up here as they land. */
export default class IncidentRcaPlugin extends Plugin {
	onload(): void {
		// Nothing to register yet: the core parser ships first (see README).
	}
}
