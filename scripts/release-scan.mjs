// Runs @n8n/scan-community-package's ESLint step (its analyzePackage() with its own config and
// plugin versions) the way its CLI does after a publish: over the extracted tarball (**/*.js and
// package.json) and over the source (package.json, nodes/, credentials/). An ES module of its own
// because the scanner is one (and jest cannot import ES modules). Prints JSON for release-check.js.
//   node scripts/release-scan.mjs <extracted package dir> <source dir>
import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const [packageDir, sourceDir] = process.argv.slice(2);
const legs = [
	['tarball', await analyzePackage(packageDir, ['**/*.js', 'package.json'])],
	['source', await analyzePackage(sourceDir, SOURCE_FILE_PATTERNS)],
];
process.stdout.write(
	JSON.stringify(
		legs.map(([leg, { passed, message, details }]) => ({ leg, passed, message, details })),
	),
);
