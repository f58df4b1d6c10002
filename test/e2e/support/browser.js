'use strict';
// Headless Debian Chromium driven by playwright-core, for checks of the n8n editor.
const fs = require('node:fs');
const path = require('node:path');
const { REPO_ROOT } = require('./install');
const { makeTempDir } = require('./tmp');

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
/** Flags the machine notes require: without the background-networking ones Chromium hammers the closed network. */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

function chromiumPath() {
	// Another Chromium (same variable as the packaged-browser set-up on the release branch).
	if (process.env.E2E_CHROMIUM_PATH) return process.env.E2E_CHROMIUM_PATH;
	const found = CHROMIUM_CANDIDATES.find((candidate) => fs.existsSync(candidate));
	if (!found) {
		throw new Error(
			`Chromium not found (looked for ${CHROMIUM_CANDIDATES.join(', ')}). Install Debian's package: apt-get install -y chromium`,
		);
	}
	return found;
}

/**
 * Opens a browser page already logged in to n8n (session cookie set before the first request),
 * recording console errors, page errors and failed requests.
 * @param {{ baseUrl: string, cookie: string, viewport?: { width: number, height: number } }} options
 */
async function openEditor(options) {
	const { chromium } = require('playwright-core');
	const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
	const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 800 } });
	const [name, value] = options.cookie.split(';')[0].split('=');
	await context.addCookies([{ name, value, url: options.baseUrl }]);
	const page = await context.newPage();
	/** @type {string[]} */
	const problems = [];
	page.on('console', (message) => {
		if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
	});
	page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
	page.on('requestfailed', (request) =>
		problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
	);
	page.on('response', (response) => {
		if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
	});
	return {
		page,
		problems,
		close: () => browser.close(),
	};
}

/**
 * Where a screenshot goes: docs/<name> with E2E_UPDATE_SCREENSHOTS=1 (to refresh the README's
 * picture), otherwise a temp directory so test runs leave the checkout clean.
 * @param {string} name
 */
function screenshotPath(name) {
	if (process.env.E2E_UPDATE_SCREENSHOTS === '1') return path.join(REPO_ROOT, 'docs', name);
	return path.join(makeTempDir('n8n-esign-screens-'), name);
}

module.exports = { openEditor, screenshotPath, chromiumPath };
