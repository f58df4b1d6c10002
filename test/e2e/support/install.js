'use strict';
// Locating (and, on a fresh machine, installing) the pinned n8n + Node 24 via scripts/install-n8n.sh.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { run, tail } = require('./proc');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const INSTALL_SCRIPT = path.join(REPO_ROOT, 'scripts', 'install-n8n.sh');
/** jest globalSetup stores the result here so every test file reuses it without re-running. */
const ENV_CACHE = 'N8N_ESIGN_E2E_INSTALL';
/** The oldest n8n this package supports (docs/compatibility.md); an e2e file proves it. */
const OLDEST_SUPPORTED_N8N = '1.85.4';

/** @type {Map<string, Promise<import('./index').N8nInstall>>} one install per n8n version */
const pendingByVersion = new Map();
/** @param {string | undefined} version */
const envCacheKey = (version) =>
	version ? `${ENV_CACHE}_${version.replace(/[^0-9A-Za-z]/g, '_')}` : ENV_CACHE;

/** @param {string} stdout */
function parseInstallOutput(stdout) {
	/** @type {Record<string, string>} */
	const values = {};
	for (const line of stdout.split('\n')) {
		const match = /^(NODE24|N8N_DIR|N8N_BIN)=(.+)$/.exec(line.trim());
		if (match) values[match[1]] = match[2];
	}
	return values;
}

/** @param {import('./index').N8nInstall} install */
function validate(install) {
	const problems = [];
	if (!fs.existsSync(install.node24)) problems.push(`Node 24 binary missing: ${install.node24}`);
	if (!fs.existsSync(install.n8nBin)) problems.push(`n8n binary missing: ${install.n8nBin}`);
	if (!fs.existsSync(path.join(install.n8nDir, 'node_modules', 'flatted'))) {
		problems.push(`flatted missing in ${install.n8nDir}/node_modules`);
	}
	if (problems.length) throw new Error(`n8n install is incomplete:\n- ${problems.join('\n- ')}`);
	return install;
}

/**
 * Runs scripts/install-n8n.sh once per test run (instant when the cache is warm; 5-10 minutes
 * and ~3 GB on a fresh machine) and returns where Node 24 and n8n are. Throws with the tail of
 * the install log when n8n cannot be installed. `version` installs another n8n than the script's
 * default (e.g. OLDEST_SUPPORTED_N8N; 1.x lines run on Node 22, named `node24` all the same).
 * @param {{ timeoutMs?: number, version?: string }} [options]
 * @returns {Promise<import('./index').N8nInstall>}
 */
function ensureN8nInstalled(options = {}) {
	const { version } = options;
	const cacheKey = envCacheKey(version);
	const cached = process.env[cacheKey];
	if (cached) {
		try {
			return Promise.resolve(validate(JSON.parse(cached)));
		} catch {
			// stale or broken: fall through and run the script
		}
	}
	let pending = pendingByVersion.get(version ?? '');
	if (!pending) {
		pending = (async () => {
			const started = Date.now();
			const cacheDir =
				process.env.N8N_ESIGN_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-esign');
			fs.mkdirSync(cacheDir, { recursive: true });
			const logFile = path.join(cacheDir, 'e2e-install-run.log');
			let result;
			try {
				result = await run('bash', [INSTALL_SCRIPT], {
					cwd: REPO_ROOT,
					env: version ? { ...process.env, N8N_VERSION: version } : undefined,
					timeoutMs: options.timeoutMs || 40 * 60 * 1000,
					logFile,
					label: 'scripts/install-n8n.sh',
					// progress lines ("... still installing") so a first run is not silent for minutes
					echoStderr: true,
				});
			} catch (error) {
				let details = '';
				for (const file of ['install.log', 'rebuild.log']) {
					const candidates = fs
						.readdirSync(cacheDir)
						.filter((name) => name.startsWith('n8n-'))
						.map((name) => path.join(cacheDir, name, file))
						.filter((candidate) => fs.existsSync(candidate));
					for (const candidate of candidates) {
						details += `\n--- ${candidate} (tail) ---\n${tail(fs.readFileSync(candidate, 'utf8'), 30)}`;
					}
				}
				throw new Error(
					`n8n could not be installed (log: ${logFile}):\n${error.message}${details}`,
				);
			}
			const values = parseInstallOutput(result.stdout);
			if (!values.NODE24 || !values.N8N_DIR || !values.N8N_BIN) {
				throw new Error(
					`scripts/install-n8n.sh printed no NODE24/N8N_DIR/N8N_BIN:\n${tail(result.stdout + result.stderr, 30)}`,
				);
			}
			const n8nPackage = JSON.parse(
				fs.readFileSync(path.join(values.N8N_DIR, 'node_modules', 'n8n', 'package.json'), 'utf8'),
			);
			/** @type {import('./index').N8nInstall} */
			const install = validate({
				node24: values.NODE24,
				n8nDir: values.N8N_DIR,
				n8nBin: values.N8N_BIN,
				n8nVersion: n8nPackage.version,
				installMs: Date.now() - started,
			});
			process.env[cacheKey] = JSON.stringify(install);
			return install;
		})();
		pendingByVersion.set(version ?? '', pending);
		pending.catch(() => pendingByVersion.delete(version ?? ''));
	}
	return pending;
}

module.exports = { ensureN8nInstalled, REPO_ROOT, ENV_CACHE, OLDEST_SUPPORTED_N8N };
