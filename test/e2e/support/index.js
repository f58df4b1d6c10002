'use strict';
// Real-n8n e2e harness (plain CommonJS: the repo's lint bans child_process/fs/timers/process in
// *.ts, and does not lint *.js). Typed for the TypeScript tests by index.d.ts.

const { ensureN8nInstalled, REPO_ROOT, OLDEST_SUPPORTED_N8N } = require('./install');
const { packPackage, readManifest, describePackageTypes, listTarball } = require('./pack');
const { N8nInstance, FINAL_STATUSES, READY_MARKER } = require('./n8n-instance');
const { createFakeCommunityPackage, FAKE_PACKAGE_NAME } = require('./fake-package');
const { freePort, freePorts, portInUse, httpRequest } = require('./net');
const { makeTempDir, removeTempDir, keepTempDirs, note } = require('./tmp');
const { sleep, waitFor, groupAlive, isAlive, listProcesses } = require('./proc');
const { openEditor, screenshotPath, ensureChromium } = require('./browser');

module.exports = {
	listTarball,
	openEditor,
	screenshotPath,
	ensureChromium,
	N8nInstance,
	ensureN8nInstalled,
	OLDEST_SUPPORTED_N8N,
	packPackage,
	readManifest,
	describePackageTypes,
	createFakeCommunityPackage,
	FAKE_PACKAGE_NAME,
	FINAL_STATUSES,
	READY_MARKER,
	REPO_ROOT,
	freePort,
	freePorts,
	portInUse,
	httpRequest,
	makeTempDir,
	removeTempDir,
	keepTempDirs,
	note,
	sleep,
	waitFor,
	groupAlive,
	isAlive,
	listProcesses,
	now: () => Date.now(),
};
