/**
 * The n8n editor in headless Chromium: every example workflow opens with our nodes rendered by
 * the installed package (names, icons, no "not installed" placeholder, no parameter issues) and
 * the page logs no errors; the node panel finds the nodes by their aliases; resource locators list
 * what the emulator holds (search included) and Simplify is shown. Screenshots go to docs/ with
 * E2E_UPDATE_SCREENSHOTS=1.
 */
import { randomBytes } from 'node:crypto';

import { type Emulator, startEmulator } from '../../emulator';
import { PROVIDERS } from '../../scripts/dev-providers';
import { listRepoFiles, readRepoFile } from '../support/repo';
import {
	type WorkflowImport,
	type WorkflowNodeImport,
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

/** The names of a node's parameters that hold a resource locator value. */
function locatorParameters(node: WorkflowNodeImport): string[] {
	return Object.entries(node.parameters ?? {})
		.filter(([, value]) => typeof value === 'object' && value !== null && '__rl' in value)
		.map(([name]) => name);
}

/** One action node with an empty "From List" locator, in a workflow of its own (n8n locks a workflow to one tab). */
function controlsWorkflow(id: string, node: WorkflowNodeImport): WorkflowImport {
	return {
		id,
		name: `Editor controls: ${node.name}`,
		nodes: [{ id: `${id}-node`, position: [0, 0], ...node }],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}
const emptyList = { __rl: true, mode: 'list', value: '' };
const LEEGALITY_CONTROLS = controlsWorkflow('edLeegalityList', {
	name: 'Get Document Details',
	type: 'n8n-nodes-esign.leegality',
	typeVersion: 1,
	parameters: { resource: 'document', operation: 'getDetails', documentId: emptyList },
	credentials: { leegalityApi: { id: 'leegalityEmulator', name: 'Leegality (emulator)' } },
});
const LEGALESIGN_CONTROLS = controlsWorkflow('edLegalesignList', {
	name: 'Delete Webhook',
	type: 'n8n-nodes-esign.legalesign',
	typeVersion: 1,
	parameters: { resource: 'webhook', operation: 'delete', webhookUrl: emptyList },
	credentials: { legalesignApi: { id: 'legalesignEmulator', name: 'Legalesign (emulator)' } },
});
const LEXGOSIGN_CONTROLS = controlsWorkflow('edLexgoSignList', {
	name: 'Delete Webhook Subscription',
	type: 'n8n-nodes-esign.lexgoSign',
	typeVersion: 1,
	parameters: { resource: 'webhook', operation: 'delete', webhookId: emptyList },
	credentials: { lexgoSignApi: { id: 'lexgoSignEmulator', name: 'LexgoSign (emulator)' } },
});
const SEARCH_CANVAS = controlsWorkflow('edNodeSearch', {
	name: 'Get Envelope',
	type: 'n8n-nodes-esign.lexgoSign',
	typeVersion: 1,
	parameters: { resource: 'envelope', operation: 'get', envelopeId: 'e2e' },
	credentials: { lexgoSignApi: { id: 'lexgoSignEmulator', name: 'LexgoSign (emulator)' } },
});
const SEARCH_TERMS = ['signature', 'esign', 'e-signature', 'sign', 'document', 'contract'];

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
		await n8n.importWorkflows([
			...examples,
			LEEGALITY_CONTROLS,
			LEGALESIGN_CONTROLS,
			LEXGOSIGN_CONTROLS,
			SEARCH_CANVAS,
		]);
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
					await page.waitForSelector('[data-test-id="ndv"]', { state: 'hidden', timeout: 30_000 });
				}

				// Our first action node with a resource locator shows it (and Simplify where set).
				const action = example.nodes.find(
					(node) =>
						node.type.startsWith('n8n-nodes-esign.') &&
						!node.type.endsWith('Trigger') &&
						locatorParameters(node).length > 0,
				);
				if (action) {
					await page.dblclick(`[data-test-id="canvas-node"][data-node-name="${action.name}"]`);
					await page.waitForSelector('[data-test-id="ndv"]', { timeout: 30_000 });
					for (const parameter of locatorParameters(action)) {
						await page.waitForSelector(`[data-test-id="resource-locator-${parameter}"]`, {
							timeout: 30_000,
						});
					}
					if (action.parameters?.simplify !== undefined) {
						const simplify = '[data-test-id="parameter-input-simplify"] [role="switch"]';
						expect(await page.getAttribute(simplify, 'aria-checked')).toBe(
							String(action.parameters.simplify),
						);
					}
					await page.screenshot({ path: screenshotPath(`editor-${example.id}-action.png`) });
					await page.keyboard.press('Escape');
				}
				expect(editor.problems).toEqual([]);
			} finally {
				await editor.close();
			}
		},
	);

	/** Opens a workflow and waits until its canvas has settled. */
	async function openWorkflow(workflow: WorkflowImport) {
		const editor = await openEditor({ baseUrl: n8n.baseUrl, cookie });
		await editor.page.goto(`${n8n.baseUrl}/workflow/${workflow.id}`);
		await editor.page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
		await editor.page.waitForLoadState('networkidle');
		return editor;
	}

	/** Opens a node's settings, then the "From List" dropdown of its locator parameter. */
	async function openList(
		page: Awaited<ReturnType<typeof openEditor>>['page'],
		node: string,
		parameter: string,
	) {
		await page.dblclick(`[data-test-id="canvas-node"][data-node-name="${node}"]`);
		await page.waitForSelector('[data-test-id="ndv"]', { timeout: 30_000 });
		await page.click(`[data-test-id="resource-locator-${parameter}"] [data-test-id="rlc-input"]`);
		await page.waitForSelector('[data-test-id="rlc-item"]', { timeout: 30_000 });
	}

	const listed = async (page: Awaited<ReturnType<typeof openEditor>>['page']) =>
		await page.$$eval('[data-test-id="rlc-item"]', (items) =>
			items.map((item) => (item.textContent ?? '').trim()),
		);

	it('the node panel finds the three providers by every alias term', async () => {
		const editor = await openWorkflow(SEARCH_CANVAS);
		try {
			const { page } = editor;
			await page.click('[data-test-id="node-creator-plus-button"]');
			const search = '[data-test-id="node-creator-search-bar"]';
			await page.waitForSelector(search, { timeout: 30_000 });
			const found: Record<string, string[]> = {};
			const lexgoSign = page.locator('[data-test-id="node-creator-item-name"]', {
				hasText: /^\s*LexgoSign\s*$/,
			});
			for (const term of SEARCH_TERMS) {
				// An empty search shows categories, not nodes: results seen after it are this term's.
				await page.fill(search, '');
				await lexgoSign.waitFor({ state: 'detached', timeout: 15_000 });
				await page.fill(search, term);
				await lexgoSign.waitFor({ timeout: 15_000 });
				found[term] = await page.$$eval('[data-test-id="node-creator-item-name"]', (items) =>
					items.map((item) => (item.textContent ?? '').trim()),
				);
				if (term === 'signature')
					await page.screenshot({ path: screenshotPath('editor-search.png') });
			}
			for (const term of SEARCH_TERMS) {
				expect({ term, found: found[term] }).toEqual({
					term,
					found: expect.arrayContaining(['Leegality', 'Legalesign', 'LexgoSign']),
				});
			}
			expect(editor.problems).toEqual([]);
		} finally {
			await editor.close();
		}
	});

	it('Leegality Document: "From List" shows the documents, the search narrows them, a pick fills the parameter; Simplify is on', async () => {
		emu.leegality.seedDocument({ name: 'Master services contract', irn: 'MSA-7' });
		emu.leegality.seedDocument({ name: 'NDA Acme', irn: 'NDA-1' });
		const globex = emu.leegality.seedDocument({
			name: 'NDA Globex',
			irn: 'NDA-2',
			completed: true,
		});
		const editor = await openWorkflow(LEEGALITY_CONTROLS);
		try {
			const { page } = editor;
			await openList(page, 'Get Document Details', 'documentId');
			expect(await listed(page)).toEqual(
				expect.arrayContaining([
					'Master services contract (MSA-7, sent)',
					'NDA Acme (NDA-1, sent)',
					'NDA Globex (NDA-2, completed)',
				]),
			);
			await page.screenshot({ path: screenshotPath('editor-leegality-document-list.png') });

			await page.fill(
				'input[data-test-id="rlc-search"], [data-test-id="rlc-search"] input',
				'globex',
			);
			await page
				.locator('[data-test-id="rlc-item"]', { hasText: 'NDA Acme' })
				.waitFor({ state: 'detached', timeout: 15_000 });
			// The list reloads with the filter (the node's listSearch method is called with it).
			await page
				.locator('[data-test-id="rlc-item"]', { hasText: 'NDA Globex' })
				.waitFor({ timeout: 15_000 });
			expect(await listed(page)).toEqual(['NDA Globex (NDA-2, completed)']);
			await page.click('[data-test-id="rlc-item"]');
			const input = '[data-test-id="resource-locator-documentId"] [data-test-id="rlc-input"]';
			await page.waitForFunction(`document.querySelector('${input}')?.value !== ''`, undefined, {
				timeout: 15_000,
			});
			expect(await page.inputValue(input)).toBe('NDA Globex (NDA-2, completed)');
			// Simplify is shown below the locator and on by default.
			const simplify = '[data-test-id="parameter-input-simplify"]';
			expect(await page.isVisible(simplify)).toBe(true);
			expect(await page.getAttribute(`${simplify} [role="switch"]`, 'aria-checked')).toBe('true');
			// Running the step shows the simplified document in the output panel.
			await page.click('[data-test-id="node-execute-button"]');
			await page
				.locator('[data-test-id="output-panel"]', { hasText: 'invitees' })
				.waitFor({ timeout: 30_000 });
			await page.click('[data-test-id="output-panel"] [data-test-id="radio-button-json"]');
			const output = (await page.textContent('[data-test-id="output-panel"]')) ?? '';
			expect(output).toContain(globex.documentId);
			expect(output).not.toContain('inviteeConfigs');
			await page.screenshot({ path: screenshotPath('editor-leegality-document-simplify.png') });
			expect(editor.problems).toEqual([]);
		} finally {
			await editor.close();
		}
	});

	it('Legalesign Delete Webhook: "From List" shows registered URLs without their secret token', async () => {
		const token = randomBytes(16).toString('hex');
		const url = 'https://n8n.example.com/webhook/e2e-editor/webhook';
		emu.legalesign.subscribe({
			url: `${url}?token=${token}`,
			notify: 'realtime',
			eventFilter: 'document.*',
		});
		const editor = await openWorkflow(LEGALESIGN_CONTROLS);
		try {
			const { page } = editor;
			await openList(page, 'Delete Webhook', 'webhookUrl');
			expect(await listed(page)).toContain(`${url} (document.*)`);
			expect(await page.content()).not.toContain(token);
			await page.screenshot({ path: screenshotPath('editor-legalesign-webhook-list.png') });
			expect(editor.problems).toEqual([]);
		} finally {
			await editor.close();
		}
	});

	it('LexgoSign Webhook Subscription: "From List" shows subscriptions by URL and events, never their secret', async () => {
		const secret = `Bearer ${randomBytes(24).toString('hex')}`;
		const url = 'https://n8n.example.com/webhook/e2e-editor-lexgosign/webhook';
		emu.lexgosign.registerWebhook({
			url,
			subscriptions: ['envelope.success', 'envelope.voided'],
			auth: secret,
		});
		const editor = await openWorkflow(LEXGOSIGN_CONTROLS);
		try {
			const { page } = editor;
			await openList(page, 'Delete Webhook Subscription', 'webhookId');
			expect(await listed(page)).toContain(`${url} (envelope.success, envelope.voided)`);
			expect(await page.content()).not.toContain(secret.slice('Bearer '.length));
			await page.screenshot({ path: screenshotPath('editor-lexgosign-webhook-list.png') });
			await page.locator('[data-test-id="rlc-item"]', { hasText: url }).click();
			const input = '[data-test-id="resource-locator-webhookId"] [data-test-id="rlc-input"]';
			await page.waitForFunction(`document.querySelector('${input}')?.value !== ''`, undefined, {
				timeout: 15_000,
			});
			expect(await page.inputValue(input)).toBe(`${url} (envelope.success, envelope.voided)`);
			expect(editor.problems).toEqual([]);
		} finally {
			await editor.close();
		}
	});

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
		note(`screenshots the README does not show: ${screenshotPath('x').replace(/x$/, '')}`);
	});
});
