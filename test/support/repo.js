'use strict';
// Reads files of this repository for documentation checks (TypeScript tests may not import fs).
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

/** @param {string} relativePath */
function readRepoFile(relativePath) {
	return readFileSync(join(__dirname, '..', '..', relativePath), 'utf8');
}

/** File names in a folder of this repository, sorted. @param {string} relativeDir */
function listRepoFiles(relativeDir) {
	return readdirSync(join(__dirname, '..', '..', relativeDir)).sort();
}

module.exports = { readRepoFile, listRepoFiles };
