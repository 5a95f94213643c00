import { Plugin } from 'obsidian';
import { parseIncident, type Incident, type ParseOptions } from './core';

/**
 * Lifecycle only. The commands and views are wired up here as they land; today the plugin exposes the parser
 * to other plugins and scripts: `app.plugins.plugins['incident-rca'].api.parseIncident(text)`.
 */
export default class IncidentRcaPlugin extends Plugin {
	api: { parseIncident: (text: string, options?: ParseOptions) => Incident } = { parseIncident };

	onload(): void {
		// Nothing to register yet (see README: roadmap).
	}
}
