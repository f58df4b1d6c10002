import { listRepoTree, readRepoFile } from '../support/repo';

/**
 * A hand-written `foo.d.ts` beside `foo.js` makes TypeScript read the declaration instead of the
 * code, so the two can drift unnoticed; the JS must carry its types as JSDoc (public types go in
 * a types-only .d.ts the JS annotates itself with, like emulator/types.d.ts).
 */
describe('type-checked JavaScript tooling', () => {
	const files = ['emulator', 'scripts', 'test', 'bench'].flatMap((dir) => listRepoTree(dir));

	it('has no hand-kept declaration file beside a JavaScript module', () => {
		const shadowing = files.filter(
			(file) => file.endsWith('.d.ts') && files.includes(file.replace(/\.d\.ts$/, '.js')),
		);
		expect(shadowing).toEqual([]);
	});

	it('runs the compiler over it in npm test', () => {
		const scripts = (
			JSON.parse(readRepoFile('package.json')) as { scripts: Record<string, string> }
		).scripts;
		expect(scripts.typecheck).toBe('tsc -p tsconfig.test.json');
		expect(scripts.test).toMatch(/npm run typecheck && /);
		const config = readRepoFile('tsconfig.test.json');
		expect(config).toMatch(/"checkJs": true/);
		expect(config).toContain('"emulator/**/*.js"');
		expect(config).toContain('"test/**/*.js"');
		expect(config).toContain('"bench/**/*.js"');
	});
});
