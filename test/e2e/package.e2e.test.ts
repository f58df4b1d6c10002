/** What `npm pack` publishes: only dist/, README, LICENSE and package.json, and a clean manifest. */
import { readRepoFile } from '../support/repo';
import { listTarball, packPackage } from './support';

describe('the published tarball', () => {
	it('contains only dist/, README, LICENSE and package.json', async () => {
		const files = await listTarball(await packPackage());
		const outside = files.filter((file) => !file.startsWith('dist/'));
		expect(outside.sort()).toEqual(['LICENSE.md', 'README.md', 'package.json']);
		expect(files.some((file) => /(^|\/)(test|__tests__|emulator|examples)\//.test(file))).toBe(
			false,
		);
		const manifest = JSON.parse(readRepoFile('package.json')) as {
			n8n: { nodes: string[]; credentials: string[] };
		};
		for (const entry of [...manifest.n8n.nodes, ...manifest.n8n.credentials])
			expect(files).toContain(entry);
		expect(files).toEqual(
			expect.arrayContaining([
				'dist/icons/leegality.svg',
				'dist/nodes/Leegality/__schema__/v1.0.0.json',
			]),
		);
	});

	it('declares no runtime dependency and no install script', () => {
		const manifest = JSON.parse(readRepoFile('package.json')) as Record<string, unknown>;
		expect(manifest.dependencies).toBeUndefined();
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		const scripts = Object.keys(manifest.scripts as Record<string, string>);
		for (const forbidden of ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish']) {
			expect(scripts).not.toContain(forbidden);
		}
		expect(manifest).toMatchObject({
			license: 'MIT',
			files: ['dist/index.js', 'dist/index.d.ts', 'dist/credentials', 'dist/icons', 'dist/nodes'],
			n8n: { n8nNodesApiVersion: 1, strict: true },
		});
		expect(manifest.keywords).toContain('n8n-community-node-package');
	});
});
