'use strict';
// Headless Chromium driven by playwright-core, for checks of the n8n editor. The browser comes with
// `npm ci`: the @sparticuz/chromium devDependency ships a brotli-packed Linux x64 Chromium with the
// NSS libraries and a font it needs. ensureChromium() unpacks it once per version into the e2e
// cache (outside the checkout); E2E_CHROMIUM_PATH uses another Chromium instead (other platforms).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { pipeline } = require('node:stream/promises');
const { REPO_ROOT } = require('./install');
const { run } = require('./proc');
const { makeTempDir } = require('./tmp');

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

function packagedChromium() {
	let entry;
	try {
		entry = require.resolve('@sparticuz/chromium');
	} catch {
		throw new Error(
			'@sparticuz/chromium is not installed: run `npm ci` (or set E2E_CHROMIUM_PATH to a Chromium binary)',
		);
	}
	const root = path.resolve(path.dirname(entry), '..', '..');
	const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	return { bin: path.join(root, 'bin'), version };
}

/** @param {string} from a .br file @param {string} to */
async function unbrotli(from, to, mode = 0o644) {
	await pipeline(
		fs.createReadStream(from),
		zlib.createBrotliDecompress(),
		fs.createWriteStream(to, { mode }),
	);
}

/** @param {string} from a .tar.br file @param {string} dir */
async function untarBrotli(from, dir) {
	const tarFile = `${dir}.tar`;
	await unbrotli(from, tarFile);
	fs.mkdirSync(dir, { recursive: true });
	await run('tar', ['-xf', tarFile, '-C', dir], {
		timeoutMs: 60000,
		label: `tar -xf ${path.basename(from)}`,
	});
	fs.rmSync(tarFile, { force: true });
}

/**
 * The Chromium binary and the environment to launch it with. First call per version: unpacks
 * ~200 MB into <cache>/chromium-<version> (a few seconds), into a private folder then renamed,
 * so concurrent test runs never see half an install.
 * @returns {Promise<{ executablePath: string, env: Record<string, string>, version: string }>}
 */
async function ensureChromium() {
	if (process.env.E2E_CHROMIUM_PATH) {
		return { executablePath: process.env.E2E_CHROMIUM_PATH, env: {}, version: 'E2E_CHROMIUM_PATH' };
	}
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`the packaged Chromium is for Linux x64 (this is ${process.platform}/${process.arch}): set E2E_CHROMIUM_PATH to a Chromium binary`,
		);
	}
	const { bin, version } = packagedChromium();
	const cache = process.env.N8N_ESIGN_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-esign');
	const dir = path.join(cache, `chromium-${version}`);
	if (!fs.existsSync(path.join(dir, '.complete'))) {
		const staging = `${dir}.partial.${process.pid}`;
		fs.rmSync(staging, { recursive: true, force: true });
		fs.mkdirSync(staging, { recursive: true });
		await unbrotli(path.join(bin, 'chromium.br'), path.join(staging, 'chromium'), 0o755);
		await untarBrotli(path.join(bin, 'al2023.tar.br'), path.join(staging, 'al2023'));
		await untarBrotli(path.join(bin, 'fonts.tar.br'), path.join(staging, 'fonts'));
		// The package's fonts.conf names serverless paths; point fontconfig at the final folder.
		fs.writeFileSync(
			path.join(staging, 'fonts.conf'),
			`<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${path.join(dir, 'fonts', 'fonts')}</dir>\n  <cachedir>${path.join(dir, 'fontconfig-cache')}</cachedir>\n</fontconfig>\n`,
		);
		fs.writeFileSync(path.join(staging, '.complete'), `${version}\n`);
		if (fs.existsSync(path.join(dir, '.complete')))
			fs.rmSync(staging, { recursive: true, force: true });
		else {
			fs.rmSync(dir, { recursive: true, force: true });
			fs.renameSync(staging, dir);
		}
	}
	const libs = path.join(dir, 'al2023', 'lib');
	return {
		executablePath: path.join(dir, 'chromium'),
		env: {
			// The shipped NSS libraries first: the machine may have none.
			LD_LIBRARY_PATH: [libs, process.env.LD_LIBRARY_PATH].filter(Boolean).join(path.delimiter),
			FONTCONFIG_PATH: dir,
		},
		version,
	};
}

/**
 * Opens a browser page already logged in to n8n (session cookie set before the first request),
 * recording console errors, page errors and failed requests.
 * @param {{ baseUrl: string, cookie: string, viewport?: { width: number, height: number } }} options
 * @returns {Promise<import('./types').EditorPage>}
 */
async function openEditor(options) {
	const { chromium } = require('playwright-core');
	const { executablePath, env } = await ensureChromium();
	const browser = await chromium.launch({
		executablePath,
		args: CHROMIUM_ARGS,
		env: { ...process.env, ...env },
	});
	const context = await browser.newContext({
		viewport: options.viewport ?? { width: 1400, height: 800 },
	});
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

module.exports = { openEditor, screenshotPath, ensureChromium };
