/**
 * Stand-in for the `obsidian` module under jest (the npm package ships types only).
 * It grows with the plugin glue; today the plugin class is all main.ts needs.
 */
export class Plugin {
	app: unknown;
	manifest: unknown;
	constructor(app?: unknown, manifest?: unknown) {
		this.app = app;
		this.manifest = manifest;
	}
}
