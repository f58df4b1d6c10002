'use strict';
/**
 * Keeps emulator/README.md's assumption list in step with leegality ASSUMPTIONS.
 * `npm run emulator -- assumptions` prints the markdown list to paste into the README.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { ASSUMPTIONS } = require('./leegality');

/** Markdown bullet list of the Leegality assumptions. */
function assumptionsMarkdown() {
	return ASSUMPTIONS.map((a) => `- **${a.id}**: ${a.text}`).join('\n');
}

/**
 * Assumptions whose exact bullet is not in README.md (empty = in sync).
 * @returns {string[]} ids
 */
function assumptionsMissingFromReadme() {
	const readme = readFileSync(join(__dirname, 'README.md'), 'utf8');
	return ASSUMPTIONS.filter((a) => !readme.includes(`- **${a.id}**: ${a.text}`)).map((a) => a.id);
}

module.exports = { assumptionsMarkdown, assumptionsMissingFromReadme };
