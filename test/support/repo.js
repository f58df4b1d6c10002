'use strict';
// Reads files of this repository for documentation checks (TypeScript tests may not import fs).
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
/** Folders a tree walk never enters (dependencies, build output, local state). */
const SKIPPED = new Set(['node_modules', 'dist', '.git', '.dev']);

/** @param {string} relativePath */
function readRepoFile(relativePath) {
	return readFileSync(join(ROOT, relativePath), 'utf8');
}

/** File names in a folder of this repository, sorted. @param {string} relativeDir */
function listRepoFiles(relativeDir) {
	return readdirSync(join(ROOT, relativeDir)).sort();
}

/**
 * Repository-relative paths of every file below a folder (node_modules, dist, .git, .dev
 * skipped), sorted.
 * @param {string} relativeDir
 * @returns {string[]}
 */
function listRepoTree(relativeDir) {
	/** @type {string[]} */
	const files = [];
	for (const entry of readdirSync(join(ROOT, relativeDir), { withFileTypes: true })) {
		const path = `${relativeDir}/${entry.name}`;
		if (entry.isDirectory()) {
			if (!SKIPPED.has(entry.name)) files.push(...listRepoTree(path));
		} else files.push(path);
	}
	return files.sort();
}

module.exports = { readRepoFile, listRepoFiles, listRepoTree };
