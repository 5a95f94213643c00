/** Unit and integration tests: the pure core runs as is; `obsidian` (types only on npm) maps to a stand-in. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/tests'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, module: 'commonjs', esModuleInterop: true } }],
	},
	setupFiles: ['<rootDir>/tests/setup/indexeddb.ts'],
	moduleNameMapper: { '^obsidian$': '<rootDir>/tests/stubs/obsidian.ts' },
};
