/**
 * The release dry run's rules (scripts/release-rules.js) catch what n8n would refuse or flag. The
 * real tarball passes them in test/e2e/package.e2e.test.ts; here each rule must fail on a broken
 * variant of this package's own manifest.
 */
import {
	checkChangelog,
	checkContents,
	checkImports,
	checkManifest,
} from '../../scripts/release-rules';
import { readRepoFile } from '../support/repo';

type Manifest = Record<string, unknown> & {
	n8n: { nodes: string[]; credentials: string[] };
	scripts: Record<string, string>;
};

const manifest = (): Manifest => JSON.parse(readRepoFile('package.json')) as Manifest;
/** What the build packs for this manifest: every n8n entry, its codex file, main and the extras. */
function packedFiles(m: Manifest): string[] {
	return [
		'package.json',
		'README.md',
		'LICENSE.md',
		'dist/index.js',
		...m.n8n.credentials,
		...m.n8n.nodes.flatMap((node) => [node, node.replace(/\.js$/, '.json')]),
	];
}

describe('manifest rules', () => {
	it('pass for this package as built', () => {
		expect(checkManifest(manifest(), packedFiles(manifest()))).toEqual([]);
	});

	it.each<[string, (m: Manifest) => void, RegExp]>([
		[
			'a runtime dependency',
			(m) => (m.dependencies = { axios: '1.0.0' }),
			/dependencies must be empty/,
		],
		['a peer range', (m) => (m.peerDependencies = { 'n8n-workflow': '^2' }), /peerDependencies/],
		[
			'a second peer',
			(m) => (m.peerDependencies = { 'n8n-workflow': '*', 'n8n-core': '*' }),
			/peerDependencies/,
		],
		['an install script', (m) => (m.scripts.postinstall = 'node x.js'), /scripts\.postinstall/],
		['a prepare script', (m) => (m.scripts.prepare = 'npm run build'), /scripts\.prepare/],
		['no publish guard', (m) => delete m.scripts.prepublishOnly, /prepublishOnly/],
		['no provenance', (m) => delete m.publishConfig, /provenance/],
		['overrides', (m) => (m.overrides = { x: '1' }), /overrides/],
		['files outside dist', (m) => (m.files = ['dist', 'src']), /outside dist/],
		['another license', (m) => (m.license = 'ISC'), /MIT/],
		['no community keyword', (m) => (m.keywords = ['n8n']), /n8n-community-node-package/],
		['a wrong name', (m) => (m.name = 'esign-nodes'), /n8n-nodes-/],
		[
			'a non-GitHub repository',
			(m) => (m.repository = { url: 'https://example.com/x.git' }),
			/GitHub/,
		],
		[
			'no api version',
			(m) => delete (m.n8n as Record<string, unknown>).n8nNodesApiVersion,
			/n8nNodesApiVersion/,
		],
		['a ./dist entry', (m) => (m.n8n.nodes = [`./${m.n8n.nodes[0]}`]), /does not start with dist/],
	])('fail on %s', (_name, mutate, expected) => {
		const broken = manifest();
		const files = packedFiles(broken);
		mutate(broken);
		expect(checkManifest(broken, files).join('\n')).toMatch(expected);
	});

	it('fail when a listed node is not packed, or a packed node is not listed', () => {
		const m = manifest();
		const files = packedFiles(m);
		expect(
			checkManifest(
				m,
				files.filter((file) => file !== m.n8n.nodes[0]),
			).join('\n'),
		).toMatch(/is not packed/);
		expect(checkManifest(m, [...files, 'dist/nodes/Extra/Extra.node.js']).join('\n')).toMatch(
			/Extra\.node\.js is not listed in n8n\.nodes/,
		);
		expect(
			checkManifest(
				m,
				files.filter((file) => !file.endsWith('Leegality.node.json')),
			).join('\n'),
		).toMatch(/no codex file/);
	});
});

describe('content rules', () => {
	it('accept code, typings, codex files, output schemas and icons', () => {
		expect(
			checkContents([
				'package.json',
				'README.md',
				'LICENSE.md',
				'dist/index.js',
				'dist/index.d.ts',
				'dist/nodes/A/A.node.js',
				'dist/nodes/A/A.node.d.ts',
				'dist/nodes/A/A.node.json',
				'dist/nodes/A/__schema__/v1.0.0.json',
				'dist/nodes/A/__schema__/v1.0.0/output.json',
				'dist/credentials/AApi.credentials.js',
				'dist/icons/a.svg',
				'dist/nodes/A/a.dark.svg',
			]),
		).toEqual([]);
	});

	it.each([
		'dist/nodes/A/A.node.js.map',
		'dist/tsconfig.tsbuildinfo',
		'dist/nodes/A/A.node.ts',
		'dist/docs/editor.png',
		'dist/nodes/A/data.json',
		'test/a.test.js',
	])('reject %s', (file) => {
		expect(checkContents(['package.json', 'README.md', 'LICENSE.md', file])).toEqual([
			`${file} is not something n8n loads`,
		]);
	});
});

describe('import rules', () => {
	const source = (text: string) => [{ path: 'dist/x.js', text }];

	it('accept n8n-workflow, crypto and relative files', () => {
		expect(
			checkImports(
				source(
					'const n8n_workflow_1 = require("n8n-workflow");\nconst c = __importDefault(require("node:crypto"));\nrequire("./a"); require("../b");',
				),
			),
		).toEqual([]);
	});

	it.each([
		['require("axios")', /requires axios/],
		['require("fs")', /requires fs/],
		['require(name)', /computed module name/],
		['const k = process.env.KEY', /reads the environment/],
		['require("child_process")', /spawns processes/],
		['eval("x")', /evaluates strings/],
		['new Function("return 1")', /builds functions/],
		['import("./x.js")', /imports modules dynamically/],
	])('reject %s', (text, expected) => {
		expect(checkImports(source(text)).join('\n')).toMatch(expected);
	});
});

describe('changelog rules', () => {
	const changelog =
		'# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - 2026-12-01\n\n## [0.1.0] - Unreleased\n';

	it('want a section for the version, dated for a release, and a matching tag', () => {
		expect(checkChangelog(changelog, '0.1.0')).toEqual([]);
		expect(checkChangelog(changelog, '0.2.0', { requireDate: true, tag: 'v0.2.0' })).toEqual([]);
		expect(checkChangelog(changelog, '0.3.0').join('\n')).toMatch(/no "## \[0\.3\.0\]"/);
		expect(checkChangelog(changelog, '0.1.0', { requireDate: true }).join('\n')).toMatch(
			/not dated/,
		);
		expect(checkChangelog(changelog, '0.2.0', { tag: '0.2.1' }).join('\n')).toMatch(
			/does not match/,
		);
		expect(checkChangelog('## [0.1.0] - 2026-12-01\n', '0.1.0').join('\n')).toMatch(/Unreleased/);
	});

	it('hold for this repository', () => {
		const { version } = JSON.parse(readRepoFile('package.json')) as { version: string };
		expect(checkChangelog(readRepoFile('CHANGELOG.md'), version)).toEqual([]);
	});
});
