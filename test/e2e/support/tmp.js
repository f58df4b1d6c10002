'use strict';
// Temporary directories under os.tmpdir(), removed at the end unless E2E_KEEP=1.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const created = new Set();
/** Set by jest globalSetup (one id per test run) so globalTeardown can sweep this run's dirs. */
const RUN_ENV = 'ESIGN_E2E_RUN';
const TMP_PREFIX = 'n8n-esign-e2e-';
let hookInstalled = false;

/** Whether temp dirs (n8n user folders, logs, tarballs) are kept for inspection (E2E_KEEP=1). */
function keepTempDirs() {
	return process.env.E2E_KEEP === '1' || process.env.E2E_KEEP === 'true';
}

/** @param {string} message */
function note(message) {
	process.stderr.write(`[e2e] ${message}\n`);
}

function removeAllSync() {
	if (keepTempDirs()) return;
	for (const dir of created) {
		try {
			fs.rmSync(dir, { recursive: true, force: true });
		} catch {
			// best effort at exit
		}
	}
	created.clear();
}

/**
 * Creates a fresh directory under os.tmpdir(). It is removed by removeTempDir(), or at process
 * exit at the latest; with E2E_KEEP=1 it is kept and its path printed.
 * @param {string} prefix
 * @returns {string}
 */
function makeTempDir(prefix) {
	if (!hookInstalled) {
		hookInstalled = true;
		// Runs after proc.js has killed the children (hooks run in registration order, and
		// proc.js registers before any directory is handed to an n8n instance). Inside jest the
		// test sandbox's `process` is a copy whose 'exit' never fires: there, globalTeardown
		// sweeps the run's dirs instead.
		process.on('exit', removeAllSync);
	}
	const run = process.env[RUN_ENV] ? `${process.env[RUN_ENV]}-` : '';
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${TMP_PREFIX}${run}${prefix}-`));
	created.add(dir);
	if (keepTempDirs()) note(`E2E_KEEP=1: keeping ${dir}`);
	return dir;
}

/** @param {string} dir */
function removeTempDir(dir) {
	if (keepTempDirs()) {
		note(`E2E_KEEP=1: kept ${dir}`);
		return;
	}
	fs.rmSync(dir, { recursive: true, force: true });
	created.delete(dir);
}

/**
 * Temp dirs of one test run (see RUN_ENV), for globalTeardown.
 * @param {string} runId
 */
function runTempDirs(runId) {
	const base = os.tmpdir();
	return fs
		.readdirSync(base)
		.filter((name) => name.startsWith(`${TMP_PREFIX}${runId}-`))
		.map((name) => path.join(base, name));
}

/**
 * Temp dirs left by earlier runs whose jest process is gone (killed before its globalTeardown).
 * Dirs of E2E_KEEP runs are left alone only while E2E_KEEP is set for the current run.
 */
function staleRunTempDirs() {
	const base = os.tmpdir();
	const stale = [];
	for (const name of fs.readdirSync(base)) {
		const match = new RegExp(`^${TMP_PREFIX}r(\\d+)-`).exec(name);
		if (!match) continue;
		try {
			process.kill(Number(match[1]), 0);
		} catch (error) {
			if (error.code === 'ESRCH') stale.push(path.join(base, name));
		}
	}
	return stale;
}

module.exports = {
	makeTempDir,
	removeTempDir,
	keepTempDirs,
	note,
	runTempDirs,
	staleRunTempDirs,
	RUN_ENV,
};
