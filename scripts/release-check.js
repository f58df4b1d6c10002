#!/usr/bin/env node
'use strict';
// Release dry run: packs the tarball npm would publish and checks it the way n8n will, as far as
// this machine can: the manifest and file rules (scripts/release-rules.js), the lint step of
// @n8n/scan-community-package (its own analyzePackage() over the tarball and over the source, as
// `npx @n8n/scan-community-package` does after a publish), and that a publish without provenance
// or outside `npm run release` is refused. Nothing leaves the machine.
//   npm run release:check                      (runs the build first)
//   node scripts/release-check.js --tag 0.1.0 (publish workflow: tag = version, CHANGELOG dated)
// The real scan also checks the provenance attestation and fetches the source from GitHub: both
// need a published version. Its newer YARA/GuardDog step is not in the published scanner (0.32.0).

const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { execFile } = require('node:child_process');
const rules = require('./release-rules');

const REPO_ROOT = path.resolve(__dirname, '..');

/**
 * @typedef {import('./release-types').ReleaseCheckResult} ReleaseCheckResult
 * @typedef {import('./release-types').ReleaseCheckOptions} ReleaseCheckOptions
 * @typedef {import('./release-types').PackedPackage} PackedPackage
 * @typedef {import('./release-types').SourceFile} SourceFile
 */

/**
 * PATH and HOME only: no npm_config_* of an outer `npm run`, no CI variables (see guards).
 * @param {Record<string, string>} [extra]
 */
function cleanEnv(extra = {}) {
	return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.homedir(), ...extra };
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').ExecFileOptionsWithStringEncoding} [options] (text output)
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
function exec(command, args, options) {
	return new Promise((resolve) => {
		execFile(
			command,
			args,
			{ maxBuffer: 64 * 1024 * 1024, timeout: 180000, ...options },
			(error, stdout, stderr) =>
				resolve({
					code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
					stdout,
					stderr,
				}),
		);
	});
}

/**
 * `npm pack` of the repository (after `npm run build`), extracted.
 * @param {string} [packageDir]
 * @returns {Promise<PackedPackage>}
 */
async function packAndExtract(packageDir = REPO_ROOT) {
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-esign-release-'));
	const packed = await exec(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', workDir],
		{
			cwd: packageDir,
			env: cleanEnv(),
		},
	);
	if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
	/** @type {Array<{ filename: string, files: Array<{ path: string }>, size: number, unpackedSize: number }>} */
	const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
	const tarball = path.join(workDir, info.filename);
	const dir = path.join(workDir, 'package');
	const untar = await exec('tar', ['-xzf', tarball, '-C', workDir]);
	if (untar.code !== 0) throw new Error(`tar -xzf failed:\n${untar.stderr}`);
	const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	const files = info.files.map((file) => file.path).sort();
	return {
		tarball,
		dir,
		files,
		size: info.size,
		unpackedSize: info.unpackedSize,
		manifest,
		workDir,
	};
}

/**
 * The packed .js files with their text.
 * @param {string} dir
 * @param {string[]} files
 * @returns {SourceFile[]}
 */
function readSources(dir, files) {
	return files
		.filter((file) => file.endsWith('.js'))
		.map((file) => ({ path: file, text: fs.readFileSync(path.join(dir, file), 'utf8') }));
}

/**
 * Every .js file below a folder (default: this build's dist/), path relative to it, with its text.
 * @param {string} [dir]
 * @returns {SourceFile[]}
 */
function readBuiltSources(dir = path.join(REPO_ROOT, 'dist')) {
	/** @type {(folder: string) => string[]} */
	const walk = (folder) =>
		fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
			const full = path.join(folder, entry.name);
			return entry.isDirectory() ? walk(full) : entry.name.endsWith('.js') ? [full] : [];
		});
	return walk(dir).map((file) => ({
		path: path.relative(dir, file),
		text: fs.readFileSync(file, 'utf8'),
	}));
}

/**
 * @n8n/scan-community-package's ESLint step over the tarball and the source
 * (scripts/release-scan.mjs, in a child process whose temp dir is ours).
 * @param {string} packageDir the extracted tarball
 * @param {string} [sourceDir]
 * @returns {Promise<string[]>} formatted violations, empty when both pass
 */
async function scanLikeN8n(packageDir, sourceDir = REPO_ROOT) {
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-esign-scan-'));
	try {
		const scan = await exec(
			process.execPath,
			[path.join(__dirname, 'release-scan.mjs'), packageDir, sourceDir],
			{
				cwd: REPO_ROOT,
				env: cleanEnv({ TMPDIR: scratch }),
			},
		);
		/** @type {Array<{ leg: string, passed: boolean, message: string, details?: string }>} */
		let legs;
		try {
			legs = JSON.parse(scan.stdout);
		} catch {
			return [
				`the scanner did not run (exit ${scan.code}):\n${(scan.stdout + scan.stderr).slice(-1500)}`,
			];
		}
		return legs
			.filter((leg) => !leg.passed)
			.map((leg) => `${leg.leg}: ${leg.message}\n${leg.details ?? ''}`);
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
}

/**
 * A loopback port nothing listens on (taken and released).
 * @returns {Promise<number>}
 */
function closedPort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

/**
 * A publish that does not come from the release workflow is refused: publishConfig.provenance
 * makes npm refuse outside a CI with OIDC (before any upload: the registry is a closed loopback
 * port), and `npm publish` runs prepublishOnly (n8n-node prerelease) unless RELEASE_MODE is set.
 * (This repository's .npmrc skips lifecycle scripts, so provenance is the guard that always holds.)
 * @param {string} tarball
 * @param {string} [packageDir]
 * @returns {Promise<string[]>}
 */
async function checkPublishGuards(tarball, packageDir = REPO_ROOT) {
	/** @type {string[]} */
	const problems = [];
	const port = await closedPort();
	const registry = `http://127.0.0.1:${port}/`;
	const publish = await exec(
		'npm',
		[
			'publish',
			tarball,
			'--ignore-scripts',
			`--registry=${registry}`,
			`--//127.0.0.1:${port}/:_authToken=dummy-token`,
		],
		{ cwd: path.dirname(tarball), env: cleanEnv() },
	);
	const said = publish.stdout + publish.stderr;
	if (publish.code === 0 || !/provenance/i.test(said))
		problems.push(
			`a publish outside CI was not refused for lack of provenance (exit ${publish.code}):\n${said.slice(-800)}`,
		);
	const dryRun = await exec(
		'npm',
		['publish', '--dry-run', '--ignore-scripts=false', `--registry=${registry}`],
		{
			cwd: packageDir,
			env: cleanEnv(),
		},
	);
	const dryRunSaid = dryRun.stdout + dryRun.stderr;
	if (dryRun.code === 0 || !/npm run release/.test(dryRunSaid))
		problems.push(
			`npm publish without RELEASE_MODE was not refused by prepublishOnly (exit ${dryRun.code}):\n${dryRunSaid.slice(-800)}`,
		);
	return problems;
}

/**
 * Every check over one packed tarball.
 * @param {ReleaseCheckOptions} [options]
 * @returns {Promise<ReleaseCheckResult>}
 */
async function runReleaseCheck(options = {}) {
	const packageDir = options.packageDir ?? REPO_ROOT;
	const packed = await packAndExtract(packageDir);
	try {
		const changelog = fs.readFileSync(path.join(packageDir, 'CHANGELOG.md'), 'utf8');
		/** @type {Array<[string, string[]]>} */
		const checks = [
			['manifest', rules.checkManifest(packed.manifest, packed.files)],
			['contents', rules.checkContents(packed.files)],
			['imports', rules.checkImports(readSources(packed.dir, packed.files))],
			['changelog', rules.checkChangelog(changelog, packed.manifest.version, options)],
			['n8n scanner (lint of tarball and source)', await scanLikeN8n(packed.dir, packageDir)],
			['publish guards', await checkPublishGuards(packed.tarball, packageDir)],
		];
		return { ...packed, checks, passed: checks.every(([, problems]) => problems.length === 0) };
	} finally {
		fs.rmSync(packed.workDir, { recursive: true, force: true });
	}
}

async function main() {
	const args = process.argv.slice(2);
	const tagIndex = args.indexOf('--tag');
	const tag = tagIndex >= 0 ? args[tagIndex + 1] : undefined;
	const result = await runReleaseCheck({ tag, requireDate: tag !== undefined });
	const out = process.stdout;
	out.write(`${result.manifest.name}@${result.manifest.version}: ${result.files.length} files, `);
	out.write(
		`${(result.size / 1024).toFixed(1)} kB packed, ${(result.unpackedSize / 1024).toFixed(1)} kB unpacked\n`,
	);
	for (const file of result.files) out.write(`  ${file}\n`);
	for (const [name, problems] of result.checks) {
		out.write(`${problems.length ? '✗' : '✓'} ${name}\n`);
		for (const problem of problems) out.write(`    ${problem.replace(/\n/g, '\n    ')}\n`);
	}
	out.write(result.passed ? 'release check passed\n' : 'release check FAILED\n');
	process.exitCode = result.passed ? 0 : 1;
}

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`${error.stack ?? error}\n`);
		process.exitCode = 1;
	});
}

module.exports = {
	runReleaseCheck,
	packAndExtract,
	scanLikeN8n,
	checkPublishGuards,
	readSources,
	readBuiltSources,
	REPO_ROOT,
};
