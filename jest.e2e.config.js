/**
 * End-to-end stage: the packed package inside a real n8n (see test/e2e/support).
 * Needs `npm run build` first for tests that pack this package; installs n8n into
 * ~/.cache/n8n-nodes-esign on first use (scripts/install-n8n.sh). E2E_KEEP=1 keeps temp dirs.
 */
module.exports = {
	testEnvironment: 'node',
	rootDir: __dirname,
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/test/e2e/**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	// One n8n at a time: each instance needs ~0.5-1 GB RAM and CPU to boot quickly.
	maxWorkers: 1,
	globalSetup: '<rootDir>/test/e2e/support/global-setup.js',
	globalTeardown: '<rootDir>/test/e2e/support/global-teardown.js',
	testTimeout: 5 * 60 * 1000,
	slowTestThreshold: 60,
	verbose: true,
};
