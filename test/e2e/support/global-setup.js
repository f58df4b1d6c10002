'use strict';
// jest globalSetup for the e2e stage: install (or find) the pinned n8n once, before any test
// file runs, and fail the whole stage early with the installer's own error when that is impossible.
// Also tags this run so globalTeardown can sweep whatever the run left behind.

const { ensureN8nInstalled } = require('./install');
const fs = require('node:fs');
const { note, keepTempDirs, staleRunTempDirs, RUN_ENV } = require('./tmp');

module.exports = async function globalSetup() {
	process.env[RUN_ENV] = `r${process.pid}`;
	if (!keepTempDirs()) {
		for (const dir of staleRunTempDirs()) fs.rmSync(dir, { recursive: true, force: true });
	}
	const started = Date.now();
	const install = await ensureN8nInstalled();
	note(
		`n8n ${install.n8nVersion} ready (${install.n8nDir}; install step ${Date.now() - started} ms)`,
	);
};
