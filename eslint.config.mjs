import { defineConfig } from 'eslint/config';
import obsidianmd from 'eslint-plugin-obsidianmd';
import prettier from 'eslint-plugin-prettier/recommended';
import globals from 'globals';
import { DEFAULT_ACRONYMS } from 'eslint-plugin-obsidianmd/dist/lib/rules/ui/acronyms.js';

export default defineConfig([
	{
		ignores: ['main.js', 'dist/**', 'node_modules/**', 'coverage/**', 'examples/**', 'docs/**', '*.cjs'],
	},
	...obsidianmd.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.node },
			parserOptions: {
				projectService: {
					allowDefaultProject: ['eslint.config.mjs', 'esbuild.config.mjs', 'scripts/*.mjs', 'tests/e2e/*.mjs'],
					// The build and check scripts outside tsconfig (typescript-eslint's default cap is 8 files).
					maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 16,
				},
				tsconfigRootDir: import.meta.dirname,
			},
		},
	},
	{
		rules: {
			// Incident vocabulary is written in capitals everywhere teams use it ("Create RCA note", "MTTR").
			'obsidianmd/ui/sentence-case': [
				'warn',
				{ acronyms: [...DEFAULT_ACRONYMS, 'RCA', 'MTTR', 'TTD', 'TTA', 'TTM', 'TTR', 'SEV1', 'SEV2', 'SEV3', 'SEV4'] },
			],
			// js-yaml is what gray-matter and Obsidian's own YAML use; the tests and the API stand-in need its exact behaviour.
			'depend/ban-dependencies': ['error', { allowed: ['js-yaml'] }],
		},
	},
	{
		// A spread into a call passes every element as an argument: past ~100,000 (a note's rows, a vault's items) it
		// throws RangeError, and where exactly depends on the thread's stack. Loops instead, in all product code.
		files: ['src/**'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector: 'CallExpression > SpreadElement',
					message: 'No spread into a call over data: loop (RangeError past ~100k elements).',
				},
				{
					selector: 'NewExpression > SpreadElement',
					message: 'No spread into a constructor over data: loop (RangeError past ~100k elements).',
				},
				{
					selector: "CallExpression[callee.property.name='apply']",
					message: 'No .apply over data: loop (RangeError past ~100k elements).',
				},
			],
		},
	},
	{
		// The pure core (src/core) never depends on the app at run time or on the layers built on it: types from
		// obsidian are fine (they vanish in the build), values are not, and nothing from the plugin, the CLI or main.
		files: ['src/core/**'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					paths: [
						{
							name: 'obsidian',
							allowTypeImports: true,
							message: 'The core takes what it needs from Obsidian as parameters (import type is fine).',
						},
					],
					patterns: [
						{
							group: ['**/plugin', '**/plugin/**', '**/cli', '**/cli/**', '**/main'],
							message: 'The core is imported by the plugin and the CLI, never the other way round.',
						},
					],
				},
			],
		},
	},
	{
		// TypeScript checks names itself; core ESLint's no-undef does not know type-only globals such as NodeJS.
		files: ['**/*.ts'],
		rules: { 'no-undef': 'off' },
	},
	{
		// The CLI, build and test tooling run in Node, never in Obsidian: Node built-ins are right there.
		files: ['src/cli/**', 'scripts/**', 'tests/**', 'esbuild.config.mjs'],
		rules: {
			'obsidianmd/no-nodejs-modules': 'off',
			'import/no-nodejs-modules': 'off',
			// Tests and tools build folders such as .obsidian on disk on purpose; the rule is about plugin code.
			'obsidianmd/hardcoded-config-path': 'off',
		},
	},
	{
		// The tests and the in-memory Obsidian stand-in are not plugin code: the plugin review guidelines do not apply
		// (the stand-in *implements* Vault.delete, setTimeout-based debounce and the DOM helpers the rules point to).
		files: ['tests/**', 'scripts/**'],
		rules: Object.fromEntries(Object.keys(obsidianmd.rules).map((r) => [`obsidianmd/${r}`, 'off'])),
	},
	{
		// Command-line tools and the browser test runner print their results.
		files: ['scripts/**', 'tests/e2e/**'],
		rules: { 'no-console': 'off', 'obsidianmd/rule-custom-message': 'off' },
	},
	// Layout is prettier's (.prettierrc.json, width 120); last, so it turns off the style rules it replaces.
	prettier,
]);
