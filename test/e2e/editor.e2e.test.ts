/**
 * The n8n editor in headless Chromium: every example workflow opens with our nodes rendered by
 * the installed package (names, icons, no "not installed" placeholder, no parameter issues) and
 * the page logs no errors. Screenshots go to docs/ with E2E_UPDATE_SCREENSHOTS=1.
 */
import { type Emulator, startEmulator } from '../../emulator';
import { PROVIDERS } from '../../scripts/dev-providers';
import { listRepoFiles, readRepoFile } from '../support/repo';
import {
	type WorkflowImport,
	N8nInstance,
	ensureN8nInstalled,
	httpRequest,
	note,
	openEditor,
	packPackage,
	screenshotPath,
} from './support';

interface RenderedNode {
	name: string | null;
	type: string | null;
	testIds: string[];
	icons: Array<{ src: string | null; width: number }>;
	text: string;
}

const exampleFiles = listRepoFiles('examples').filter((file) => file.endsWith('.json'));
const examples = exampleFiles.map(
	(file) => JSON.parse(readRepoFile(`examples/${file}`)) as WorkflowImport,
);

describe('n8n editor renders our nodes', () => {
	let emu: Emulator;
	let n8n: N8nInstance;
	let cookie: string;

	beforeAll(async () => {
		const install = await ensureN8nInstalled();
		emu = await startEmulator({ port: 0 });
		n8n = await N8nInstance.create({ install, tarball: await packPackage() });
		await n8n.installPackage();
		await n8n.importCredentials(PROVIDERS.map((provider) => provider.credential(emu)));
		await n8n.importWorkflows(examples);
		await n8n.start();
		cookie = (await n8n.session()).cookie;
	});

	afterAll(async () => {
		await emu?.close();
		await n8n?.dispose();
	});

	it.each(examples.map((example) => [example.name, example] as const))(
		'opens "%s"',
		async (_name, example) => {
			const editor = await openEditor({ baseUrl: n8n.baseUrl, cookie });
			try {
				const { page } = editor;
				await page.goto(`${n8n.baseUrl}/workflow/${example.id}`);
				await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
				await page.waitForLoadState('networkidle');
				const rendered: RenderedNode[] = await page.$$eval(
					'[data-test-id="canvas-node"]',
					(elements) =>
						elements.map((element) => ({
							name: element.getAttribute('data-node-name'),
							type: element.getAttribute('data-node-type'),
							testIds: [...element.querySelectorAll('[data-test-id]')].map((child) =>
								String(child.getAttribute('data-test-id')),
							),
							icons: [...element.querySelectorAll('img')].map((img) => ({
								src: img.getAttribute('src'),
								width: img.naturalWidth,
							})),
							text: element.textContent ?? '',
						})),
				);
				expect(rendered.map((node) => node.name).sort()).toEqual(
					example.nodes.map((node) => node.name).sort(),
				);
				const ours = rendered.filter((node) => node.type?.startsWith('n8n-nodes-esign.'));
				expect(ours.length).toBeGreaterThan(0);
				for (const node of ours) {
					expect({
						node: node.name,
						notInstalled: node.testIds.includes('node-not-installed'),
						issues: node.testIds.includes('node-issues'),
					}).toEqual({
						node: node.name,
						notInstalled: false,
						issues: false,
					});
					expect(node.icons).toEqual([
						{
							src: expect.stringMatching(/^\/icons\/n8n-nodes-esign\/dist\/icons\/[a-z]+\.svg$/),
							width: expect.any(Number),
						},
					]);
					expect(node.icons[0].width).toBeGreaterThan(0);
				}
				await page.screenshot({ path: screenshotPath(`editor-${example.id}.png`) });

				// The trigger's settings panel opens and shows its setup notice.
				const trigger = example.nodes.find((node) => node.type.endsWith('Trigger'));
				if (trigger) {
					await page.dblclick(`[data-test-id="canvas-node"][data-node-name="${trigger.name}"]`);
					await page.waitForSelector('[data-test-id="ndv"]', { timeout: 30_000 });
					await page.waitForSelector(
						'[data-test-id="ndv"] [data-test-id="parameter-input-events"], [data-test-id="ndv"] .notice',
						{ timeout: 30_000 },
					);
					await page.screenshot({ path: screenshotPath(`editor-${example.id}-trigger.png`) });
					await page.keyboard.press('Escape');
				}
				expect(editor.problems).toEqual([]);
			} finally {
				await editor.close();
			}
		},
	);

	it('serves every node icon as SVG', async () => {
		for (const icon of ['leegality', 'legalesign', 'lexgosign'].flatMap((name) => [
			name,
			`${name}.dark`,
		])) {
			const response = await httpRequest(
				`${n8n.baseUrl}/icons/n8n-nodes-esign/dist/icons/${icon}.svg`,
			);
			expect(response.status).toBe(200);
			expect(response.text).toMatch(/^<svg /);
		}
		note(`screenshots: ${screenshotPath('x').replace(/x$/, '')}`);
	});
});
