'use strict';
// jest globalSetup for the e2e stage: install (or find) the pinned n8n once, before any test
// file runs, and fail the whole stage early with the installer's own error when that is impossible.
// Also tags this run so globalTeardown can sweep whatever the run left behind.

const { ensureN8nInstalled, OLDEST_SUPPORTED_N8N } = require('./install');
const fs = require('node:fs');
const { note, keepTempDirs, staleRunTempDirs, RUN_ENV } = require('./tmp');

module.exports = async function globalSetup() {
	process.env[RUN_ENV] = `r${process.pid}`;
	if (!keepTempDirs()) {
		for (const dir of staleRunTempDirs()) fs.rmSync(dir, { recursive: true, force: true });
	}
	const started = Date.now();
	// The oldest supported line too (oldest-n8n.e2e.test.ts), side by side: on a fresh machine the
	// two installs overlap instead of adding up.
	const installs = await Promise.all([
		ensureN8nInstalled(),
		ensureN8nInstalled({ version: OLDEST_SUPPORTED_N8N }),
	]);
	for (const install of installs)
		note(
			`n8n ${install.n8nVersion} ready (${install.n8nDir}; install step ${Date.now() - started} ms)`,
		);
};
