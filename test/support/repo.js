'use strict';
// Reads files of this repository for documentation checks (TypeScript tests may not import fs).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/** @param {string} relativePath */
function readRepoFile(relativePath) {
	return readFileSync(join(__dirname, '..', '..', relativePath), 'utf8');
}

module.exports = { readRepoFile };
