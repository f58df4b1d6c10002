'use strict';
// What a publishable tarball of this package must satisfy: n8n's community-package rules for the
// manifest (the ones its lint and verification apply), only what n8n loads in the file list, and
// no runtime import beyond n8n-workflow and crypto. Pure functions over the packed manifest, file
// list and file texts; scripts/release-check.js feeds them a real `npm pack`, the tests feed them
// broken variants too. Each returns a list of problems (empty = pass).

/** @typedef {import('./release-types').SourceFile} SourceFile */

/** @type {Record<string, string>} */
const PEER_DEPENDENCIES = { 'n8n-workflow': '*' };
/** Lifecycle scripts n8n's lint forbids (no-forbidden-lifecycle-scripts); install hooks run on users' machines. */
const FORBIDDEN_SCRIPTS = [
	'preinstall',
	'install',
	'postinstall',
	'prepare',
	'prepublish',
	'preprepare',
	'postprepare',
];
/** Modules the compiled code may require at runtime: n8n provides n8n-workflow, Node provides crypto. */
const ALLOWED_REQUIRES = ['n8n-workflow', 'crypto', 'node:crypto'];
/** Files npm always packs beside `files`. */
const ALWAYS_PACKED = ['package.json', 'README.md', 'LICENSE.md'];
/** What n8n loads from dist/: code, codex files, output schemas, icons (and the typings of main). */
const SHIPPABLE = [
	/^dist\/index\.(js|d\.ts)$/,
	/^dist\/(nodes|credentials)\/.+\.(js|d\.ts)$/,
	/^dist\/nodes\/.+\.node\.json$/,
	/^dist\/nodes\/[^/]+\/__schema__\/.+\.json$/,
	/^dist\/(icons|nodes|credentials)\/.+\.(svg|png)$/,
];
/**
 * Patterns in shipped code that n8n's scanner treats as threats or its verification forbids.
 * @type {Array<[RegExp, string]>}
 */
const SUSPICIOUS_CODE = [
	[
		/\bprocess\s*\.\s*(env|binding|dlopen|mainModule)\b/,
		'reads the environment or loads native code',
	],
	[/\bchild_process\b/, 'spawns processes'],
	[/\beval\s*\(/, 'evaluates strings as code'],
	[/\bnew\s+Function\s*\(/, 'builds functions from strings'],
	[/\brequire\s*\(\s*[^'"\s)]/, 'requires a computed module name'],
	[/\bimport\s*\(/, 'imports modules dynamically'],
];

/** @type {(value: unknown) => value is Record<string, any>} */
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * @param {Record<string, any>} manifest the packed package.json
 * @param {string[]} files paths inside the tarball, without "package/"
 * @returns {string[]}
 */
function checkManifest(manifest, files) {
	/** @type {string[]} */
	const problems = [];
	const fail = (/** @type {string} */ message) => problems.push(message);
	if (!/^(@[a-z0-9-~][a-z0-9-._~]*\/)?n8n-nodes-[a-z0-9-._~]+$/.test(manifest.name ?? ''))
		fail(`name ${JSON.stringify(manifest.name)} is not n8n-nodes-* or @scope/n8n-nodes-*`);
	if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(manifest.version ?? ''))
		fail(`version ${JSON.stringify(manifest.version)} is not semver`);
	if (manifest.license !== 'MIT') fail(`license is ${JSON.stringify(manifest.license)}, not MIT`);
	if (!manifest.keywords?.includes('n8n-community-node-package'))
		fail('keywords lack n8n-community-node-package (n8n finds community packages by it)');
	if (!manifest.author?.name || !manifest.author?.email) fail('author needs a name and an email');
	if (
		!/^(git\+)?https:\/\/github\.com\/[^/]+\/[^/]+?(\.git)?$/.test(manifest.repository?.url ?? '')
	)
		fail('repository.url must be the public GitHub repository (provenance and n8n’s scan use it)');
	for (const field of [
		'dependencies',
		'optionalDependencies',
		'bundleDependencies',
		'bundledDependencies',
	]) {
		const value = manifest[field];
		if (value !== undefined && (Array.isArray(value) ? value.length : Object.keys(value).length))
			fail(`${field} must be empty: community packages have no runtime dependencies`);
	}
	if (JSON.stringify(manifest.peerDependencies) !== JSON.stringify(PEER_DEPENDENCIES))
		fail(`peerDependencies must be exactly ${JSON.stringify(PEER_DEPENDENCIES)}`);
	if (manifest.overrides !== undefined) fail('overrides are not allowed');
	for (const script of FORBIDDEN_SCRIPTS)
		if (manifest.scripts?.[script] !== undefined) fail(`scripts.${script} is forbidden`);
	if (manifest.scripts?.prepublishOnly !== 'n8n-node prerelease')
		fail('scripts.prepublishOnly must be "n8n-node prerelease" (refuses a plain npm publish)');
	if (manifest.publishConfig?.provenance !== true)
		fail('publishConfig.provenance must be true (a publish without provenance fails)');
	if (!Array.isArray(manifest.files) || !manifest.files.length) fail('files must list what ships');
	else
		for (const entry of manifest.files)
			if (!/^dist(\/|$)/.test(entry)) fail(`files entry ${JSON.stringify(entry)} is outside dist/`);
	if (manifest.main && !files.includes(manifest.main)) fail(`main ${manifest.main} is not packed`);

	const n8n = manifest.n8n;
	if (!isObject(n8n)) return [...problems, 'the n8n section is missing'];
	if (!Number.isInteger(n8n.n8nNodesApiVersion) || n8n.n8nNodesApiVersion < 1)
		fail('n8n.n8nNodesApiVersion must be a positive integer');
	if (n8n.strict !== true) fail('n8n.strict must be true');
	const nodes = Array.isArray(n8n.nodes) ? n8n.nodes : [];
	const credentials = Array.isArray(n8n.credentials) ? n8n.credentials : [];
	if (!nodes.length) fail('n8n.nodes is empty');
	for (const entry of [...nodes, ...credentials]) {
		if (!entry.startsWith('dist/')) fail(`n8n entry ${entry} does not start with dist/`);
		if (!files.includes(entry)) fail(`n8n entry ${entry} is not packed`);
	}
	for (const node of nodes) {
		const codex = node.replace(/\.js$/, '.json');
		if (!files.includes(codex)) fail(`${node} has no codex file ${codex}`);
	}
	for (const file of files) {
		if (file.endsWith('.node.js') && !nodes.includes(file))
			fail(`${file} is not listed in n8n.nodes`);
		if (file.endsWith('.credentials.js') && !credentials.includes(file))
			fail(`${file} is not listed in n8n.credentials`);
	}
	return problems;
}

/**
 * @param {string[]} files paths inside the tarball
 * @returns {string[]}
 */
function checkContents(files) {
	/** @type {string[]} */
	const problems = [];
	for (const file of files) {
		if (ALWAYS_PACKED.includes(file)) continue;
		if (!SHIPPABLE.some((pattern) => pattern.test(file)))
			problems.push(`${file} is not something n8n loads`);
	}
	for (const required of ALWAYS_PACKED)
		if (!files.includes(required)) problems.push(`${required} is missing`);
	return problems;
}

/**
 * @param {SourceFile[]} sources the packed .js files
 * @returns {string[]}
 */
function checkImports(sources) {
	/** @type {string[]} */
	const problems = [];
	for (const { path, text } of sources) {
		for (const [, name] of text.matchAll(/\brequire\s*\(\s*["']([^"']+)["']\s*\)/g)) {
			if (!name.startsWith('.') && !ALLOWED_REQUIRES.includes(name))
				problems.push(
					`${path} requires ${name} (only ${ALLOWED_REQUIRES.join(', ')} and relative files)`,
				);
		}
		for (const [pattern, meaning] of SUSPICIOUS_CODE) {
			const match = pattern.exec(text);
			if (match) problems.push(`${path} ${meaning}: ${match[0]}`);
		}
	}
	return problems;
}

/**
 * The CHANGELOG (Keep a Changelog) has a section for this version; a release (requireDate) needs
 * it dated, and a tag must name the same version.
 * @param {string} changelog
 * @param {string} version
 * @param {{ requireDate?: boolean, tag?: string }} [options]
 * @returns {string[]}
 */
function checkChangelog(changelog, version, options = {}) {
	/** @type {string[]} */
	const problems = [];
	const escaped = version.replace(/[.+]/g, '\\$&');
	const heading = new RegExp(`^## \\[${escaped}\\](.*)$`, 'm').exec(changelog);
	if (!heading) problems.push(`CHANGELOG.md has no "## [${version}]" section`);
	else if (options.requireDate && !/^ - \d{4}-\d{2}-\d{2}\s*$/.test(heading[1]))
		problems.push(
			`CHANGELOG.md's [${version}] section is not dated (## [${version}] - YYYY-MM-DD)`,
		);
	if (!/^## \[Unreleased\]/m.test(changelog))
		problems.push('CHANGELOG.md has no "## [Unreleased]" section');
	if (options.tag !== undefined && options.tag.replace(/^v/, '') !== version)
		problems.push(`tag ${options.tag} does not match package.json version ${version}`);
	return problems;
}

/**
 * The values the compiled code takes from n8n-workflow at run time (tsc writes them as
 * `n8n_workflow_1.Name`; type-only imports leave nothing): the host n8n must export each one.
 * @param {SourceFile[]} sources
 * @returns {string[]} sorted
 */
function n8nWorkflowRuntimeImports(sources) {
	/** @type {Set<string>} */
	const names = new Set();
	for (const { text } of sources)
		for (const [, name] of text.matchAll(/\bn8n_workflow_\d*\.([A-Za-z_$][\w$]*)/g))
			names.add(name);
	return [...names].sort();
}

module.exports = {
	n8nWorkflowRuntimeImports,
	checkManifest,
	checkContents,
	checkImports,
	checkChangelog,
	PEER_DEPENDENCIES,
	FORBIDDEN_SCRIPTS,
	ALLOWED_REQUIRES,
};
