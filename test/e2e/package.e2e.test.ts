/**
 * The release dry run (`npm run release:check`) on the tarball `npm pack` makes of this build:
 * n8n's manifest rules, only what n8n loads, no runtime import beyond n8n-workflow and crypto,
 * the lint step of @n8n/scan-community-package over tarball and source, and a publish that does
 * not come from the release workflow being refused. The rules' failure cases are unit tests
 * (test/unit/release-rules.test.ts).
 */
import { type ReleaseCheckResult, runReleaseCheck, scanLikeN8n } from '../../scripts/release-check';
import { REPO_ROOT, note } from './support';

describe('the published tarball (release dry run)', () => {
	let result: ReleaseCheckResult;

	beforeAll(async () => {
		result = await runReleaseCheck();
		note(
			`${result.manifest.name}@${result.manifest.version}: ${result.files.length} files, ${result.size} B packed, ${result.unpackedSize} B unpacked`,
		);
	}, 300_000);

	it.each([
		'manifest',
		'contents',
		'imports',
		'changelog',
		'n8n scanner (lint of tarball and source)',
		'publish guards',
	])('passes the %s check', (name) => {
		const check = result.checks.find(([checkName]) => checkName === name);
		expect(check).toBeDefined();
		expect(check?.[1]).toEqual([]);
	});

	it('ships code, codex files, output schemas and icons, and no maps or build info', () => {
		expect(
			result.files.filter(
				(file) => /\.(map|tsbuildinfo|ts)$/.test(file) && !file.endsWith('.d.ts'),
			),
		).toEqual([]);
		expect(result.files.filter((file) => !file.startsWith('dist/')).sort()).toEqual([
			'LICENSE.md',
			'README.md',
			'package.json',
		]);
		expect(result.files).toEqual(
			expect.arrayContaining([
				'dist/icons/leegality.svg',
				'dist/nodes/Leegality/Leegality.node.json',
				'dist/nodes/Leegality/__schema__/v1.0.0.json',
				'dist/nodes/Leegality/__schema__/v1.0.0/output.json',
			]),
		);
	});

	it('runs a scanner step that fails on code n8n forbids (the e2e harness: process, child_process)', async () => {
		const harness = `${REPO_ROOT}/test/e2e/support`;
		const violations = (await scanLikeN8n(harness, harness)).join('\n');
		expect(violations).toMatch(/^tarball: ESLint violations found/);
		expect(violations).toMatch(/no-restricted-globals/);
		expect(violations).toMatch(/no-restricted-imports/);
	}, 120_000);
});
