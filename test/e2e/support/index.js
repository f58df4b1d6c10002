'use strict';
// Real-n8n e2e harness (plain CommonJS: the repo's lint bans child_process/fs/timers/process in
// *.ts, and does not lint *.js). Typed by its JSDoc, checked by `npm run typecheck`; the shared
// interfaces are in types.d.ts and re-exported below for the TypeScript tests.

const { ensureN8nInstalled, REPO_ROOT, OLDEST_SUPPORTED_N8N } = require('./install');
const { packPackage, readManifest, describePackageTypes, listTarball } = require('./pack');
const { N8nInstance, FINAL_STATUSES, READY_MARKER } = require('./n8n-instance');
const {
	createFakeCommunityPackage,
	packGeneratedPackage,
	FAKE_PACKAGE_NAME,
} = require('./fake-package');
const { freePort, freePorts, portInUse, httpRequest } = require('./net');
const { makeTempDir, removeTempDir, keepTempDirs, note } = require('./tmp');
const { sleep, waitFor, groupAlive, isAlive, listProcesses } = require('./proc');
const { openEditor, screenshotPath, ensureChromium } = require('./browser');

/**
 * The harness types (types.d.ts), re-exported so TypeScript imports them from here.
 * @typedef {import('./types').N8nInstall} N8nInstall
 * @typedef {import('./types').N8nInstanceOptions} N8nInstanceOptions
 * @typedef {import('./types').CredentialImport} CredentialImport
 * @typedef {import('./types').WorkflowNodeImport} WorkflowNodeImport
 * @typedef {import('./types').WorkflowImport} WorkflowImport
 * @typedef {import('./types').SqliteRequest} SqliteRequest
 * @typedef {import('./types').ExecutionItem} ExecutionItem
 * @typedef {import('./types').NodeRun} NodeRun
 * @typedef {import('./types').Execution} Execution
 * @typedef {import('./types').ActivationState} ActivationState
 * @typedef {import('./types').StartResult} StartResult
 * @typedef {import('./types').N8nTimings} N8nTimings
 * @typedef {import('./types').OwnerAccount} OwnerAccount
 * @typedef {import('./types').RestResponse} RestResponse
 * @typedef {import('./types').HttpResponse} HttpResponse
 * @typedef {import('./types').HttpRequestOptions} HttpRequestOptions
 * @typedef {import('./types').ProcessInfo} ProcessInfo
 * @typedef {import('./types').CliResult} CliResult
 * @typedef {import('./types').RegisteredWebhook} RegisteredWebhook
 * @typedef {import('./types').WorkflowRow} WorkflowRow
 * @typedef {import('./types').FakeCommunityPackage} FakeCommunityPackage
 * @typedef {import('./types').EditorPage} EditorPage
 */

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
	packGeneratedPackage,
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
	/** @returns {number} */
	now: () => Date.now(),
};
// Assigned once more on its own: TypeScript takes a class in the object literal above as a value
// only; this way the tests can also use `N8nInstance` as a type.
module.exports.N8nInstance = N8nInstance;
