'use strict';
// `npm pack` of this repository (or any package directory) into a temp dir.

const fs = require('node:fs');
const path = require('node:path');
const { run } = require('./proc');
const { makeTempDir } = require('./tmp');
const { REPO_ROOT } = require('./install');

/** Environment for nested npm calls: drop what an outer `npm run` exported about *this* project. */
function npmEnv() {
	const env = { ...process.env };
	for (const key of Object.keys(env)) {
		if (
			/^npm_(config_(local_prefix|prefix|ignore_scripts)|package_|lifecycle_)/i.test(key) ||
			key === 'INIT_CWD'
		) {
			delete env[key];
		}
	}
	env.npm_config_audit = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_update_notifier = 'false';
	return env;
}

/**
 * The `n8n` block of a package.json plus the node type names n8n will register
 * (`<package name>.<node description name>` cannot be known without loading the code, so this
 * returns the files; see N8nInstance.registeredNodeTypes() for the real names).
 * @param {string} [packageDir]
 * @returns {{ name: string, version: string, nodes: string[], credentials: string[] }}
 */
function readManifest(packageDir = REPO_ROOT) {
	const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const n8n = pkg.n8n || {};
	return {
		name: pkg.name,
		version: pkg.version,
		nodes: Array.isArray(n8n.nodes) ? n8n.nodes : [],
		credentials: Array.isArray(n8n.credentials) ? n8n.credentials : [],
	};
}

/**
 * Throws (naming the missing files) unless every file listed in package.json `n8n.nodes` and
 * `n8n.credentials` exists, i.e. `npm run build` has run since the list last changed.
 * @param {string} [packageDir]
 */
function assertBuilt(packageDir = REPO_ROOT) {
	const manifest = readManifest(packageDir);
	const missing = [...manifest.nodes, ...manifest.credentials].filter(
		(file) => !fs.existsSync(path.join(packageDir, file)),
	);
	if (missing.length) {
		throw new Error(
			`${manifest.name}: files named in package.json "n8n" are missing (run \`npm run build\` first):\n- ${missing.join('\n- ')}`,
		);
	}
	return manifest;
}

/**
 * Packs a package into a fresh temp dir and returns the .tgz path. For this repository,
 * `npm run build` must have run: every file named in package.json `n8n.nodes`/`n8n.credentials`
 * must exist, or this throws (a tarball without them would only fail later inside n8n).
 * @param {{ packageDir?: string, destDir?: string, timeoutMs?: number }} [options]
 * @returns {Promise<string>}
 */
async function packPackage(options = {}) {
	// E2E_PACKAGE_DIR: pack another checkout/build of this package (development aid).
	const packageDir = options.packageDir || process.env.E2E_PACKAGE_DIR || REPO_ROOT;
	const manifest = assertBuilt(packageDir);
	const destDir = options.destDir || makeTempDir('pack');
	const result = await run(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', destDir],
		{
			cwd: packageDir,
			env: npmEnv(),
			timeoutMs: options.timeoutMs || 120000,
			label: `npm pack (${manifest.name})`,
		},
	);
	let filename;
	try {
		const parsed = JSON.parse(result.stdout.slice(result.stdout.indexOf('[')));
		filename = parsed[0].filename;
	} catch {
		const line = result.stdout.trim().split('\n').pop();
		filename = line;
	}
	const tarball = path.join(destDir, path.basename(String(filename)));
	if (!fs.existsSync(tarball))
		throw new Error(`npm pack did not produce ${tarball}:\n${result.stdout}\n${result.stderr}`);
	return tarball;
}

/**
 * The file names inside a packed .tgz (without the leading "package/").
 * @param {string} tarball
 * @returns {Promise<string[]>}
 */
async function listTarball(tarball) {
	const result = await run('tar', ['-tzf', tarball], { timeoutMs: 30000, label: 'tar -tzf' });
	return result.stdout
		.split('\n')
		.filter(Boolean)
		.map((entry) => entry.replace(/^package\//, ''));
}

/**
 * Loads the built node and credential files of a package (in this Node process; they only need
 * n8n-workflow, a devDependency) and returns the type names n8n will register for them when the
 * package is installed as a community package: nodes as `<package name>.<description.name>`,
 * credentials under their own `name`.
 * @param {string} [packageDir]
 * @returns {{ packageName: string, nodeTypes: string[], credentialTypes: string[] }}
 */
function describePackageTypes(packageDir = REPO_ROOT) {
	const manifest = assertBuilt(packageDir);
	const instances = (/** @type {string} */ file) => {
		const exported = require(path.join(packageDir, file));
		return Object.values(exported)
			.filter((value) => typeof value === 'function')
			.map((Cls) => new Cls());
	};
	const nodeTypes = [];
	for (const file of manifest.nodes) {
		for (const node of instances(file)) {
			const description =
				node.description || (node.baseDescription ? node.baseDescription : undefined);
			if (description && description.name) nodeTypes.push(`${manifest.name}.${description.name}`);
		}
	}
	const credentialTypes = [];
	for (const file of manifest.credentials) {
		for (const credential of instances(file))
			if (credential.name) credentialTypes.push(credential.name);
	}
	return { packageName: manifest.name, nodeTypes, credentialTypes };
}

module.exports = {
	listTarball,
	packPackage,
	readManifest,
	assertBuilt,
	describePackageTypes,
	npmEnv,
};
