'use strict';
// jest globalTeardown for the e2e stage: a safety net behind each test's dispose(). Stops any
// n8n this run still has running (found by its supervisor's environment) and removes the run's
// temp dirs (unless E2E_KEEP=1). Runs in jest's real process, unlike test-file hooks.

const fs = require('node:fs');
const path = require('node:path');
const { listProcesses, terminateGroup } = require('./proc');
const { note, keepTempDirs, runTempDirs, RUN_ENV } = require('./tmp');

const SUPERVISOR = path.join(__dirname, 'supervisor.js');

module.exports = async function globalTeardown() {
	const runId = process.env[RUN_ENV];
	if (!runId) return;
	const leftovers = listProcesses({ commandIncludes: SUPERVISOR }).filter((p) => {
		try {
			return fs
				.readFileSync(`/proc/${p.pid}/environ`, 'utf8')
				.split('\0')
				.includes(`${RUN_ENV}=${runId}`);
		} catch {
			return false;
		}
	});
	for (const p of leftovers) {
		note(`globalTeardown: n8n (supervisor pid ${p.pid}) was still running; stopping it`);
		await terminateGroup(p.pgid, 20000, { leaderOnly: true });
	}
	const dirs = runTempDirs(runId);
	if (keepTempDirs()) {
		for (const dir of dirs) note(`E2E_KEEP=1: kept ${dir}`);
		return;
	}
	for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
};
