/**
 * The oldest n8n this package supports (OLDEST_SUPPORTED_N8N, a 1.x line on Node 22): our packed
 * tarball installed as a community package, workflows activated the 1.x way
 * (`update:workflow --active=true`), and for each provider a verified delivery that runs once with
 * the normalized item and a forged one that gets 401 and starts nothing; one action node calls the
 * emulator. The first run installs that n8n into the e2e cache (~10 minutes).
 */
import { randomBytes } from 'node:crypto';

import { type Emulator, startEmulator } from '../../emulator';
import { readBuiltSources } from '../../scripts/release-check';
import { n8nWorkflowRuntimeImports } from '../../scripts/release-rules';
import { readRepoFile } from '../support/repo';
import { hmacHex, realtimeBody } from './legalesign.workflows';
import {
	type Execution,
	type WorkflowImport,
	N8nInstance,
	OLDEST_SUPPORTED_N8N,
	ensureN8nInstalled,
	httpRequest,
	note,
	packPackage,
	waitFor,
} from './support';

const LEEGALITY = { id: 'leegalityEmulator', name: 'Leegality (emulator)' };
const LEGALESIGN = { id: 'legalesignEmulator', name: 'Legalesign (emulator)' };
const LEXGOSIGN = { id: 'lexgoSignEmulator', name: 'LexgoSign (emulator)' };

interface TriggerCase {
	workflowId: string;
	webhookId: string;
	type: string;
	credentials: Record<string, { id: string; name: string }>;
	parameters: Record<string, unknown>;
}
const TRIGGERS = {
	leegality: {
		workflowId: 'oldLeegalityTrg1',
		webhookId: 'old-leegality',
		type: 'n8n-nodes-esign.leegalityTrigger',
		credentials: { leegalityApi: LEEGALITY },
		parameters: { events: ['signer.signed', 'signer.rejected'], options: {} },
	},
	legalesign: {
		workflowId: 'oldLegalesignTrg',
		webhookId: 'old-legalesign',
		type: 'n8n-nodes-esign.legalesignTrigger',
		credentials: { legalesignApi: LEGALESIGN },
		parameters: { webhookType: 'realtime', events: ['document.created'], options: {} },
	},
	lexgosign: {
		workflowId: 'oldLexgoSignTrg1',
		webhookId: 'old-lexgosign',
		type: 'n8n-nodes-esign.lexgoSignTrigger',
		credentials: { lexgoSignApi: LEXGOSIGN },
		parameters: { registration: 'automatic', events: ['envelope.success'], options: {} },
	},
} satisfies Record<string, TriggerCase>;
const ACTION = { workflowId: 'oldLeegalityAct1', path: 'old-leegality-action' };

const triggerWorkflow = (trigger: TriggerCase): WorkflowImport => ({
	id: trigger.workflowId,
	name: `Oldest n8n: ${trigger.type}`,
	nodes: [
		{
			name: 'Trigger',
			type: trigger.type,
			typeVersion: 1,
			webhookId: trigger.webhookId,
			parameters: trigger.parameters,
			credentials: trigger.credentials,
		},
	],
});

const actionWorkflow: WorkflowImport = {
	id: ACTION.workflowId,
	name: 'Oldest n8n: Leegality Get Details',
	nodes: [
		{
			name: 'Start',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: 'old-leegality-action-hook',
			parameters: { httpMethod: 'POST', path: ACTION.path, options: {} },
		},
		{
			name: 'Get Details',
			type: 'n8n-nodes-esign.leegality',
			typeVersion: 1,
			parameters: {
				resource: 'document',
				operation: 'getDetails',
				documentId: '={{ $json.body.documentId }}',
				fieldGroups: ['workflow_name'],
				simplify: false,
			},
			credentials: { leegalityApi: LEEGALITY },
		},
	],
	connections: { Start: { main: [[{ node: 'Get Details', type: 'main', index: 0 }]] } },
};

describe(`the oldest supported n8n (${OLDEST_SUPPORTED_N8N})`, () => {
	let emu: Emulator;
	let n8n: N8nInstance;
	const urlOf = (trigger: TriggerCase) => n8n.webhookUrl(trigger.webhookId, 'webhook');
	const finished = async (workflowId: string): Promise<Execution[]> =>
		(await n8n.executions({ workflowId, includeData: true })).filter((e) => e.stoppedAt !== null);

	beforeAll(async () => {
		const install = await ensureN8nInstalled({ version: OLDEST_SUPPORTED_N8N });
		note(`n8n ${install.n8nVersion} (${install.n8nDir})`);
		emu = await startEmulator({ port: 0, timeScale: 0.001 });
		n8n = await N8nInstance.create({ install, tarball: await packPackage() });
		await n8n.installPackage();
		await n8n.importCredentials([
			{
				...LEEGALITY,
				type: 'leegalityApi',
				data: {
					environment: 'custom',
					baseUrl: emu.leegality.baseUrl,
					authToken: emu.leegality.authToken,
					privateSaltSecret: emu.leegality.privateSalt,
				},
			},
			{
				...LEGALESIGN,
				type: 'legalesignApi',
				data: {
					username: emu.legalesign.username,
					secret: emu.legalesign.secret,
					baseUrl: emu.legalesign.baseUrl,
					webhookHmacSecret: emu.legalesign.hmacSecret,
				},
			},
			{
				...LEXGOSIGN,
				type: 'lexgoSignApi',
				data: { apiKey: emu.lexgosign.apiKey, baseUrl: emu.lexgosign.baseUrl },
			},
		]);
		const workflows = [...Object.values(TRIGGERS).map(triggerWorkflow), actionWorkflow];
		await n8n.importWorkflows(workflows);
		for (const workflow of workflows) await n8n.activate(workflow.id);
		const started = await n8n.start();
		note(`n8n ${install.n8nVersion} ready with active workflows in ${started.readyMs} ms`);
	}, 45 * 60_000);

	afterAll(async () => {
		await emu?.close();
		await n8n?.dispose();
	});

	it('is the version docs/compatibility.md names, and loads our package without problems', async () => {
		expect(n8n.install.n8nVersion).toBe(OLDEST_SUPPORTED_N8N);
		expect(n8n.n8nMajor).toBe(1);
		expect(readRepoFile('docs/compatibility.md')).toContain(OLDEST_SUPPORTED_N8N);
		expect(n8n.loadProblems()).toEqual([]);
		const { nodes, credentials } = n8n.loadedTypes();
		expect(nodes).toEqual(
			expect.arrayContaining(
				['leegality', 'legalesign', 'lexgoSign'].flatMap((name) => [
					`n8n-nodes-esign.${name}`,
					`n8n-nodes-esign.${name}Trigger`,
				]),
			),
		);
		expect(credentials).toEqual(
			expect.arrayContaining(['leegalityApi', 'legalesignApi', 'lexgoSignApi']),
		);
		const icon = await httpRequest(`${n8n.baseUrl}/icons/n8n-nodes-esign/dist/icons/leegality.svg`);
		expect([icon.status, icon.text.startsWith('<svg')]).toEqual([200, true]);
		const webhooks = await n8n.registeredWebhooks();
		for (const trigger of Object.values(TRIGGERS))
			expect(webhooks.filter((w) => w.workflowId === trigger.workflowId)).toHaveLength(1);
	});

	it('provides every value our code takes from n8n-workflow at run time', async () => {
		const used = n8nWorkflowRuntimeImports(readBuiltSources());
		note(`runtime imports from n8n-workflow: ${used.join(', ')}`);
		expect(used.length).toBeGreaterThan(0);
		const exported = await n8n.n8nWorkflowExports();
		expect(used.filter((name) => !exported.includes(name))).toEqual([]);
	});

	it('Leegality: a verified delivery runs once with the normalized item; a forged one gets 401', async () => {
		const trigger = TRIGGERS.leegality;
		const handle = emu.leegality.deliver({
			event: 'signed',
			to: urlOf(trigger),
			documentId: '01OLDN8NVALID0000000000001',
		});
		expect((await handle.done).attempts.map((a) => a.status)).toEqual([200]);
		const [execution, ...more] = await n8n.waitForExecutions({
			workflowId: trigger.workflowId,
			count: 1,
		});
		expect(more).toHaveLength(0);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		expect(execution.triggerItems.map((item) => item.json)).toEqual([
			expect.objectContaining({
				provider: 'leegality',
				event: 'recipient.signed',
				providerEvent: 'signer.signed',
				documentId: '01OLDN8NVALID0000000000001',
				verification: { method: 'hmac-sha1-document-id', verified: true, detail: 'mac (hex)' },
				payload: JSON.parse(handle.body),
			}),
		]);

		const genuine = emu.leegality.buildWebhookBody('signed', {
			documentId: '01OLDN8NFORGED000000000001',
		}) as unknown as Record<string, string>;
		const forged = { ...genuine, mac: randomBytes(20).toString('hex') };
		const response = await httpRequest(urlOf(trigger), { method: 'POST', body: forged });
		expect(response.status).toBe(401);
		await n8n.waitForExecutions({ workflowId: trigger.workflowId, count: 0, settleMs: 2000 });
		expect(await finished(trigger.workflowId)).toHaveLength(1);
	});

	it('Legalesign: activation registered the realtime webhook; a verified delivery runs once; a forged one gets 401', async () => {
		const trigger = TRIGGERS.legalesign;
		const [subscription, ...others] = emu.legalesign
			.listSubscriptions()
			.filter((s) => s.url.startsWith(urlOf(trigger)));
		expect(others).toHaveLength(0);
		expect(subscription).toMatchObject({ notify: 'realtime' });
		expect(new URL(subscription.url).searchParams.get('token')).toMatch(/^[0-9a-f]{64}$/);

		const doc = emu.legalesign.seedDocument({ name: 'Oldest n8n NDA' });
		await waitFor(
			() =>
				emu.deliveries.some((d) => d.provider === 'legalesign' && d.body.includes(doc.documentId)),
			{ timeoutMs: 10_000, description: 'the document.created delivery' },
		);
		const [execution, ...more] = await n8n.waitForExecutions({
			workflowId: trigger.workflowId,
			count: 1,
		});
		expect(more).toHaveLength(0);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		expect(execution.triggerItems.map((item) => item.json)).toEqual([
			expect.objectContaining({
				provider: 'legalesign',
				event: 'document.sent',
				providerEvent: 'document.created',
				documentId: doc.documentId,
				verification: expect.objectContaining({
					method: 'url-token+hmac-sha256',
					verified: true,
				}),
			}),
		]);

		const body = realtimeBody('recipient.completed', doc.documentId, 'Oldest n8n NDA');
		const response = await httpRequest(subscription.url, {
			method: 'POST',
			body,
			headers: {
				'content-type': 'application/json',
				'x-hmac-sha256': hmacHex(body, randomBytes(24).toString('base64url')),
			},
		});
		expect(response.status).toBe(401);
		await n8n.waitForExecutions({ workflowId: trigger.workflowId, count: 0, settleMs: 2000 });
		expect(await finished(trigger.workflowId)).toHaveLength(1);
	});

	it('LexgoSign: activation registered the subscription; a verified delivery runs once; a forged one gets 401', async () => {
		const trigger = TRIGGERS.lexgosign;
		const [registration, ...others] = emu.lexgosign
			.webhooks()
			.filter((hook) => hook.url === urlOf(trigger));
		expect(others).toHaveLength(0);
		expect(registration.subscriptions).toBe('envelope.success');
		const auth = String(registration.auth);
		expect(auth).toMatch(/^Bearer \S+$/);

		const handle = emu.lexgosign.deliver({ event: 'envelope.success', to: urlOf(trigger), auth });
		expect((await handle.done).attempts.map((a) => a.status)).toEqual([200]);
		const [execution, ...more] = await n8n.waitForExecutions({
			workflowId: trigger.workflowId,
			count: 1,
		});
		expect(more).toHaveLength(0);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		expect(execution.triggerItems.map((item) => item.json)).toEqual([
			expect.objectContaining({
				provider: 'lexgosign',
				providerEvent: 'envelope.success',
				eventId: handle.id,
				verification: {
					method: 'authorization-header',
					verified: true,
					detail: 'registered webhook secret',
				},
				payload: JSON.parse(handle.body),
			}),
		]);

		const forged = emu.lexgosign.buildWebhookBody('envelope.success', {});
		const response = await httpRequest(urlOf(trigger), {
			method: 'POST',
			body: forged,
			headers: { authorization: `Bearer ${randomBytes(32).toString('hex')}` },
		});
		expect(response.status).toBe(401);
		await n8n.waitForExecutions({ workflowId: trigger.workflowId, count: 0, settleMs: 2000 });
		expect(await finished(trigger.workflowId)).toHaveLength(1);
	});

	it('an action node calls the provider API (Leegality Get Details against the emulator)', async () => {
		const doc = emu.leegality.seedDocument({ name: 'Oldest n8n contract', completed: true });
		const response = await httpRequest(n8n.webhookPathUrl(ACTION.path), {
			method: 'POST',
			body: { documentId: doc.documentId },
		});
		expect(response.status).toBe(200);
		const [execution] = await n8n.waitForExecutions({ workflowId: ACTION.workflowId, count: 1 });
		expect(execution.status).toBe('success');
		expect(execution.runData?.['Get Details']?.[0]?.data?.main?.[0]?.[0]?.json).toMatchObject({
			document: { id: doc.documentId, status: 'COMPLETED' },
			workflow: { name: expect.any(String) },
		});
		const calls = emu.requests.filter(
			(r) => r.provider === 'leegality' && r.path.includes('/document/details'),
		);
		expect(calls.length).toBeGreaterThan(0);
	});
});
