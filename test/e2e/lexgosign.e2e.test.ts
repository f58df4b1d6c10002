/**
 * LexgoSign in a real n8n 2.41.1: our packed tarball installed as a community package, the
 * credential pointing at the emulator, managed-subscription triggers, an action workflow and the
 * LexgoSign examples published. What n8n calls at publish/unpublish is read from the emulator's
 * request log (checkExists = GET /webhooks [+ PUT], create = POST, delete = DELETE); executions
 * and static data are read from n8n's own SQLite database.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import {
	type DeliveryHandle,
	type Emulator,
	type LexgoSignWebhookSnapshot,
	lexgosign,
	startEmulator,
} from '../../emulator';
import { readRepoFile } from '../support/repo';
import {
	type Execution,
	type ExecutionItem,
	type WorkflowImport,
	N8nInstance,
	ensureN8nInstalled,
	httpRequest,
	note,
	packPackage,
	waitFor,
} from './support';

const CREDENTIAL = { id: 'lexgoSignEmulator', name: 'LexgoSign (emulator)' };
const TRIGGER_NODE = 'LexgoSign Trigger';
const STATIC_KEY = `node:${TRIGGER_NODE}`;
/** LexgoSign's retry waits (5, 10, 20 s) become 0.5, 1 and 2 s; send/evidence delays 200 ms. */
const TIME_SCALE = 0.1;

interface TriggerTarget {
	workflowId: string;
	webhookId: string;
}
/** Registration lifecycle: publish twice, new version with other events, restart, unpublish. */
const LIFECYCLE: TriggerTarget = {
	workflowId: 'e2eLexgoLifecyc1',
	webhookId: 'e2e-lexgo-lifecycle',
};
/** Deliveries: verified, forged, filtered, retried, repeated after a restart. */
const DELIVERY: TriggerTarget = { workflowId: 'e2eLexgoDeliver1', webhookId: 'e2e-lexgo-delivery' };
/** A registration of the node's URL already exists at LexgoSign before the first publish. */
const ADOPT: TriggerTarget = { workflowId: 'e2eLexgoAdopt001', webhookId: 'e2e-lexgo-adopt' };
const ACTION = { workflowId: 'e2eLexgoAction01', path: 'e2e-lexgosign-action' };
/** Get → Send → Get of one envelope, run while the emulator serves only one API generation. */
const ROUTES = { workflowId: 'e2eLexgoRoutes01', path: 'e2e-lexgosign-routes' };

/** Selected in the editor's order; LexgoSign gets them in its documented order. */
const LIFECYCLE_EVENTS = [
	'recipient.validation_code_failed',
	'envelope.file_uploaded',
	'recipient.validation_code_expired',
];
const LIFECYCLE_SUBSCRIPTIONS =
	'envelope.file_uploaded,recipient.validation_code_failed,recipient.validation_code_expired';
const CHANGED_EVENTS = ['recipient.validation_code_success', 'recipient.validation_code_sent'];
const CHANGED_SUBSCRIPTIONS = 'recipient.validation_code_sent,recipient.validation_code_success';
const ADOPT_EVENTS = ['recipient.validation_code_generated'];

/** The 21 documented events, in LexgoSign's order (the emulator's list, not the node's). */
const ALL_LEXGOSIGN_EVENTS: readonly string[] = lexgosign.EVENT_NAMES;
/** Everything except one event, which is then delivered (verified) to prove the filter. */
const FILTERED_OUT = 'recipient.email_opened';
const DELIVERY_EVENTS = [...ALL_LEXGOSIGN_EVENTS.filter((e) => e !== FILTERED_OUT), 'unknown'];

function triggerWorkflow(target: TriggerTarget, events: string[], name: string): WorkflowImport {
	return {
		id: target.workflowId,
		name,
		nodes: [
			{
				id: `${target.workflowId}-trigger`,
				name: TRIGGER_NODE,
				type: 'n8n-nodes-esign.lexgoSignTrigger',
				typeVersion: 1.1,
				position: [0, 0],
				webhookId: target.webhookId,
				parameters: { registration: 'automatic', events, options: {} },
				credentials: { lexgoSignApi: CREDENTIAL },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

function lexgoNode(
	id: string,
	name: string,
	x: number,
	parameters: Record<string, unknown>,
	extra: Record<string, unknown> = {},
) {
	return {
		id,
		name,
		type: 'n8n-nodes-esign.lexgoSign',
		typeVersion: 1,
		position: [x, 0] as [number, number],
		parameters: { resource: 'webhook', ...parameters },
		credentials: { lexgoSignApi: CREDENTIAL },
		...extra,
	};
}

const createdId = "={{ $('Create Subscription').first().json.id }}";
/** Start (built-in Webhook) → Create → Get Many → Update → Get → Delete. */
const actionWorkflow: WorkflowImport = {
	id: ACTION.workflowId,
	name: 'E2E LexgoSign webhook subscription actions',
	nodes: [
		{
			id: 'e2e-lexgo-action-start',
			name: 'Start',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'e2e-lexgo-action-hook',
			parameters: { httpMethod: 'POST', path: ACTION.path, options: {} },
		},
		lexgoNode('e2e-lexgo-action-create', 'Create Subscription', 240, {
			operation: 'create',
			url: '={{ $json.body.url }}',
			events: ['recipient.rejected', 'envelope.success'],
			// The secret comes from the credential: no parameter (or item) ever holds it.
			options: { useWebhookSecret: true },
		}),
		lexgoNode('e2e-lexgo-action-list', 'List Subscriptions', 480, {
			operation: 'getAll',
			returnAll: true,
		}),
		lexgoNode(
			'e2e-lexgo-action-update',
			'Update Subscription',
			720,
			{
				operation: 'update',
				webhookId: createdId,
				updateFields: {
					events: ['recipient.signed_all', 'envelope.voided'],
					url: "={{ $('Start').first().json.body.url }}/v2",
				},
			},
			{ executeOnce: true },
		),
		lexgoNode('e2e-lexgo-action-get', 'Get Subscription', 960, {
			operation: 'get',
			webhookId: createdId,
		}),
		lexgoNode('e2e-lexgo-action-delete', 'Delete Subscription', 1200, {
			operation: 'delete',
			webhookId: createdId,
		}),
	],
	connections: {
		Start: { main: [[{ node: 'Create Subscription', type: 'main', index: 0 }]] },
		'Create Subscription': { main: [[{ node: 'List Subscriptions', type: 'main', index: 0 }]] },
		'List Subscriptions': { main: [[{ node: 'Update Subscription', type: 'main', index: 0 }]] },
		'Update Subscription': { main: [[{ node: 'Get Subscription', type: 'main', index: 0 }]] },
		'Get Subscription': { main: [[{ node: 'Delete Subscription', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

const envelopeId = '={{ $json.body.envelopeId }}';
const routesWorkflow: WorkflowImport = {
	id: ROUTES.workflowId,
	name: 'E2E LexgoSign on either API generation',
	nodes: [
		{
			id: 'e2e-lexgo-routes-start',
			name: 'Start',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'e2e-lexgo-routes-hook',
			parameters: { httpMethod: 'POST', path: ROUTES.path, options: {} },
		},
		lexgoNode('e2e-lexgo-routes-get', 'Get Before', 240, {
			resource: 'envelope',
			operation: 'get',
			envelopeId,
		}),
		lexgoNode('e2e-lexgo-routes-send', 'Send', 480, {
			resource: 'envelope',
			operation: 'send',
			envelopeId: "={{ $('Start').first().json.body.envelopeId }}",
		}),
		lexgoNode('e2e-lexgo-routes-after', 'Get After', 720, {
			resource: 'envelope',
			operation: 'get',
			envelopeId: "={{ $('Start').first().json.body.envelopeId }}",
		}),
	],
	connections: {
		Start: { main: [[{ node: 'Get Before', type: 'main', index: 0 }]] },
		'Get Before': { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
		Send: { main: [[{ node: 'Get After', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

const [completedExample, problemsExample] = [
	'lexgosign-completed-download.json',
	'lexgosign-problems-branch.json',
].map((file) => JSON.parse(readRepoFile(`examples/${file}`)) as WorkflowImport);
const exampleWebhookId = (workflow: WorkflowImport) => String(workflow.nodes[0].webhookId);

const outputOf = (execution: Execution, node: string): ExecutionItem[] =>
	execution.runData?.[node]?.[0]?.data?.main?.[0] ?? [];

describe('LexgoSign in a real n8n', () => {
	let emu: Emulator;
	let n8n: N8nInstance;
	const url = (target: TriggerTarget) => n8n.webhookUrl(target.webhookId, 'webhook');
	const registrationsOf = (target: TriggerTarget): LexgoSignWebhookSnapshot[] =>
		emu.lexgosign.webhooks().filter((hook) => hook.url === url(target));
	const onlyRegistration = (target: TriggerTarget): LexgoSignWebhookSnapshot => {
		const hooks = registrationsOf(target);
		expect(hooks).toHaveLength(1);
		return hooks[0];
	};
	/** `METHOD /webhooks[/id] status` for every webhook API call since `mark`. */
	const webhookCalls = (mark: number) =>
		emu.requests
			.slice(mark)
			.filter((r) => r.provider === 'lexgosign' && /^\/lexgosign\/v1\/webhooks/.test(r.path))
			.map((r) => `${r.method} ${r.path.replace('/lexgosign/v1', '')} ${r.status}`);
	const staticDataOf = async (target: TriggerTarget) =>
		(await n8n.workflow(target.workflowId))?.staticData?.[STATIC_KEY];
	const executionsOf = async (workflowId: string) =>
		(await n8n.executions({ workflowId, includeData: true })).filter((e) => e.stoppedAt !== null);
	const runsOfEvent = (executions: Execution[], eventId: string) =>
		executions.filter((e) => e.triggerItems.some((item) => item.json.eventId === eventId));
	/** Waits until each event id has run, then a settle period for unexpected extra runs. */
	const waitForRuns = async (workflowId: string, eventIds: string[]) => {
		await waitFor(
			async () => {
				const all = await executionsOf(workflowId);
				return eventIds.every((id) => runsOfEvent(all, id).length > 0);
			},
			{ timeoutMs: 30_000, intervalMs: 200, description: `runs of ${eventIds.join(', ')}` },
		);
		await n8n.waitForExecutions({ workflowId, count: 0, settleMs: 2000 });
		return await executionsOf(workflowId);
	};
	/** Every auth value the emulator ever saw registered, for the "never leaked" check. */
	const secretsSeen = new Set<string>();
	/** The credential's Webhook Secret, used by the action workflow's Create Subscription. */
	const credentialWebhookSecret = `Bearer ${randomBytes(24).toString('hex')}`;
	const rememberSecrets = () => {
		for (const hook of emu.lexgosign.webhooks()) if (hook.auth) secretsSeen.add(hook.auth);
	};
	let preRegistered: LexgoSignWebhookSnapshot;

	beforeAll(async () => {
		const install = await ensureN8nInstalled();
		emu = await startEmulator({ port: 0, timeScale: TIME_SCALE });
		n8n = await N8nInstance.create({ install, tarball: await packPackage() });
		await n8n.installPackage();
		await n8n.importCredentials([
			{
				...CREDENTIAL,
				type: 'lexgoSignApi',
				data: {
					apiKey: emu.lexgosign.apiKey,
					baseUrl: emu.lexgosign.baseUrl,
					webhookSecret: credentialWebhookSecret,
				},
			},
		]);
		secretsSeen.add(credentialWebhookSecret);
		// Left over from an earlier setup (other events, a secret the node cannot know).
		preRegistered = emu.lexgosign.registerWebhook({
			url: url(ADOPT),
			subscriptions: 'envelope.success,envelope.voided',
			auth: `Bearer ${randomBytes(16).toString('hex')}`,
		});
		const workflows = [
			triggerWorkflow(LIFECYCLE, LIFECYCLE_EVENTS, 'E2E LexgoSign lifecycle'),
			triggerWorkflow(DELIVERY, DELIVERY_EVENTS, 'E2E LexgoSign deliveries'),
			triggerWorkflow(ADOPT, ADOPT_EVENTS, 'E2E LexgoSign adoption'),
			actionWorkflow,
			routesWorkflow,
			completedExample,
			problemsExample,
		];
		await n8n.importWorkflows(workflows);
		for (const workflow of workflows) await n8n.publish(workflow.id);
		secretsSeen.add(String(preRegistered.auth));
		const started = await n8n.start();
		note(`n8n ready in ${started.readyMs} ms, workflows active in ${started.ms} ms`);
		rememberSecrets();
	});

	afterAll(async () => {
		await emu?.close();
		await n8n?.dispose();
	});

	it('loads our nodes under the package name and activates every workflow', async () => {
		const { nodes, credentials } = n8n.loadedTypes();
		expect(nodes).toEqual(
			expect.arrayContaining(['n8n-nodes-esign.lexgoSignTrigger', 'n8n-nodes-esign.lexgoSign']),
		);
		expect(credentials).toContain('lexgoSignApi');
		expect(n8n.loadProblems()).toEqual([]);
		const states = await n8n.activationStates();
		expect(states.filter((s) => s.state !== 'active')).toEqual([]);
		expect(states).toHaveLength(7);
	});

	it('activation registers each trigger exactly once: its events as one comma-separated string, a generated Bearer secret', async () => {
		const exampleUrl = (workflow: WorkflowImport) =>
			n8n.webhookUrl(exampleWebhookId(workflow), 'webhook');
		const expected: Array<[string, string]> = [
			[url(LIFECYCLE), LIFECYCLE_SUBSCRIPTIONS],
			[url(DELIVERY), ALL_LEXGOSIGN_EVENTS.filter((e) => e !== FILTERED_OUT).join(',')],
			[exampleUrl(completedExample), 'envelope.success'],
			[
				exampleUrl(problemsExample),
				'envelope.sending_failed,envelope.voided,recipient.email_bounced,recipient.rejected,recipient.validation_max_attempts',
			],
		];
		const creates = emu.requests.filter(
			(r) =>
				r.provider === 'lexgosign' && r.method === 'POST' && r.path === '/lexgosign/v1/webhooks',
		);
		for (const [hookUrl, subscriptions] of expected) {
			const hooks = emu.lexgosign.webhooks().filter((hook) => hook.url === hookUrl);
			expect(hooks).toHaveLength(1);
			expect(hooks[0]).toMatchObject({ subscriptions, auth_type: 'HEADER' });
			expect(hooks[0].auth).toMatch(/^Bearer [0-9a-f]{64}$/);
			const posted = creates.filter((r) => (r.body as { url?: string }).url === hookUrl);
			expect(posted.map((r) => [r.status, r.body])).toEqual([
				[201, { url: hookUrl, subscriptions, auth_type: 'header', auth: hooks[0].auth }],
			]);
		}
		// n8n ran checkExists (GET) and then create (POST) per managed trigger; ADOPT's create was not needed.
		const calls = webhookCalls(0).map((call) => call.split(' ')[0]);
		expect(calls[0]).toBe('GET');
		expect(calls.filter((m) => m === 'GET')).toHaveLength(5);
		expect(calls.filter((m) => m === 'POST')).toHaveLength(4);
		expect(calls.filter((m) => m === 'PUT')).toHaveLength(1);
		expect(calls.filter((m) => m === 'DELETE')).toHaveLength(0);
		// create() stored what webhook() needs in the node's static data (saved by n8n).
		const stored = await staticDataOf(LIFECYCLE);
		const lifecycle = onlyRegistration(LIFECYCLE);
		expect(stored).toEqual({
			subscription: {
				webhookId: lifecycle.id,
				authorization: lifecycle.auth,
				events: LIFECYCLE_SUBSCRIPTIONS,
				url: url(LIFECYCLE),
			},
		});
		// Secrets differ per registration.
		const secrets = emu.lexgosign.webhooks().map((hook) => hook.auth);
		expect(new Set(secrets).size).toBe(secrets.length);
		note(`registrations after the first start: ${emu.lexgosign.webhooks().length}`);
	});

	it('activation adopts an existing registration of the same URL instead of creating a second one', async () => {
		const adopted = onlyRegistration(ADOPT);
		expect(adopted.id).toBe(preRegistered.id);
		expect(adopted.subscriptions).toBe(ADOPT_EVENTS.join(','));
		expect(adopted.auth).toMatch(/^Bearer [0-9a-f]{64}$/);
		expect(adopted.auth).not.toBe(preRegistered.auth);
		const calls = emu.requests.filter(
			(r) => r.provider === 'lexgosign' && r.path === `/lexgosign/v1/webhooks/${adopted.id}`,
		);
		expect(calls.map((r) => [r.method, r.status, r.body])).toEqual([
			[
				'PUT',
				200,
				{
					url: url(ADOPT),
					subscriptions: ADOPT_EVENTS.join(','),
					auth_type: 'header',
					auth: adopted.auth,
				},
			],
		]);
		expect((await staticDataOf(ADOPT))?.subscription).toMatchObject({
			webhookId: adopted.id,
			authorization: adopted.auth,
		});
		const old = await httpRequest(url(ADOPT), {
			method: 'POST',
			body: emu.lexgosign.buildWebhookBody(ADOPT_EVENTS[0]),
			headers: { authorization: String(preRegistered.auth) },
		});
		expect(old.status).toBe(401);
	});

	it('publishing the same version again keeps exactly one registration (same id, same secret)', async () => {
		const before = onlyRegistration(LIFECYCLE);
		const mark = emu.requests.length;
		const { ms, state } = await n8n.publishLive(LIFECYCLE.workflowId);
		expect(state.state).toBe('active');
		const calls = webhookCalls(mark);
		note(
			`re-publish of the same version (${ms} ms) made these LexgoSign calls: ${calls.join(', ') || 'none'}`,
		);
		// n8n 2.41 does not even call checkExists: the same version is already active.
		expect(calls).toEqual([]);
		expect(onlyRegistration(LIFECYCLE)).toEqual(before);
		expect((await staticDataOf(LIFECYCLE))?.subscription).toMatchObject({
			webhookId: before.id,
			authorization: before.auth,
		});
	});

	it('verified deliveries of a real send run the workflow once each with the normalized item', async () => {
		const envelope = emu.lexgosign.seedEnvelope({
			name: 'E2E send',
			recipients: [{ name: 'Ana Díaz', email: 'ana.diaz@example.cl' }],
		});
		emu.lexgosign.send(envelope.id);
		await emu.lexgosign.idle();
		const emitted = emu.lexgosign.emitted.filter((e) => e.envelopeId === envelope.id);
		expect(emitted.map((e) => e.event)).toEqual([
			'envelope.in_progress',
			'recipient.link_generated',
			'recipient.email_sent',
			'recipient.in_progress',
		]);
		const handles = emitted.flatMap((e) => e.deliveries);
		expect(handles.every((h) => h.url === url(DELIVERY))).toBe(true);
		expect(handles.map((h) => h.attempts.map((a) => a.status))).toEqual([
			[200],
			[200],
			[200],
			[200],
		]);
		const auth = onlyRegistration(DELIVERY).auth;
		expect(handles.every((h) => h.attempts[0].headers.Authorization === auth)).toBe(true);

		const executions = await waitForRuns(
			DELIVERY.workflowId,
			handles.map((h) => h.id),
		);
		const runs = handles.map((h) => runsOfEvent(executions, h.id));
		expect(runs.map((r) => r.length)).toEqual([1, 1, 1, 1]);
		expect(runs.flat().every((e) => e.status === 'success' && e.mode === 'webhook')).toBe(true);
		expect(runs.flat().every((e) => e.triggerItems.length === 1)).toBe(true);

		const sent = runs[0][0].triggerItems[0].json;
		const sentData = emu.lexgosign.getEnvelope(envelope.id);
		expect(sent).toMatchObject({
			provider: 'lexgosign',
			event: 'document.sent',
			providerEvent: 'envelope.in_progress',
			eventId: handles[0].id,
			documentId: envelope.id,
			documentStatus: 'IN_PROGRESS',
			documentCompleted: false,
			recipient: null,
			occurredAt: sentData?.sent_at,
			attributes: {
				envelopeName: 'E2E send',
				recipients: [{ name: 'Ana Díaz', email: 'ana.diaz@example.cl' }],
				documents: [{ fileName: 'contract.pdf', fileType: 'SIGNABLE' }],
			},
			verification: {
				method: 'authorization-header',
				verified: true,
				detail: 'registered webhook secret',
			},
			payload: JSON.parse(handles[0].body),
		});
		const ready = runs[3][0].triggerItems[0].json;
		expect(ready).toMatchObject({
			event: 'recipient.ready',
			providerEvent: 'recipient.in_progress',
			eventId: handles[3].id,
			// The documented recipient payload does not name its envelope.
			documentId: null,
			recipient: { name: 'Ana Díaz', email: 'ana.diaz@example.cl', status: 'IN_PROGRESS' },
		});
		expect(runs.flat().map((e) => e.triggerItems[0].json.event)).toEqual([
			'document.sent',
			'recipient.linkGenerated',
			'recipient.sent',
			'recipient.ready',
		]);
		expect(JSON.stringify(runs.flat().map((e) => e.triggerItems))).not.toContain(
			String(auth).slice('Bearer '.length),
		);
	});

	it('forged deliveries (missing, wrong, differently-cased, prefix-only Authorization) get 401 and start nothing', async () => {
		const auth = String(onlyRegistration(DELIVERY).auth);
		const secret = auth.slice('Bearer '.length);
		const before = (await executionsOf(DELIVERY.workflowId)).length;
		const body = emu.lexgosign.buildWebhookBody('envelope.success', { id: randomUUID() });
		const variants: Array<[string, Record<string, string>]> = [
			['missing', {}],
			['wrong secret', { authorization: `Bearer ${randomBytes(32).toString('hex')}` }],
			['upper-cased', { authorization: auth.toUpperCase() }],
			['lower-cased scheme', { authorization: `bearer ${secret}` }],
			['scheme only', { authorization: 'Bearer' }],
			['prefix of the value', { authorization: auth.slice(0, -1) }],
			['secret without scheme', { authorization: secret }],
			['another trigger’s secret', { authorization: String(onlyRegistration(ADOPT).auth) }],
			['secret in another header', { 'x-authorization': auth }],
		];
		for (const [label, headers] of variants) {
			const response = await httpRequest(url(DELIVERY), { method: 'POST', body, headers });
			expect([label, response.status]).toEqual([label, 401]);
			expect(response.json()).toEqual({ error: expect.stringMatching(/Authorization/) });
			expect(response.text).not.toContain(secret);
		}
		// LexgoSign itself retrying a forged delivery: every attempt is refused, nothing runs.
		const forged = emu.lexgosign.deliver({
			event: 'envelope.success',
			to: url(DELIVERY),
			auth: `Bearer ${randomBytes(32).toString('hex')}`,
		});
		expect((await forged.done).attempts.map((a) => a.status)).toEqual([401, 401, 401, 401]);
		await n8n.waitForExecutions({ workflowId: DELIVERY.workflowId, count: 0, settleMs: 2000 });
		expect(await executionsOf(DELIVERY.workflowId)).toHaveLength(before);
		// The same body with the registered value is accepted: only the header was wrong.
		const genuine = await httpRequest(url(DELIVERY), {
			method: 'POST',
			body,
			headers: { authorization: auth },
		});
		expect([genuine.status, genuine.json()]).toEqual([200, { received: true, events: 1 }]);
		expect(runsOfEvent(await waitForRuns(DELIVERY.workflowId, [body.id]), body.id)).toHaveLength(1);
	});

	it('a verified delivery of an event type the node does not know runs as "unknown" (Unrecognized Event selected)', async () => {
		const handle = emu.lexgosign.deliver({
			event: 'envelope.archived',
			to: url(DELIVERY),
			auth: onlyRegistration(DELIVERY).auth,
			envelopeId: 'a2d0c1e4-0000-4000-8000-00000000e2e1',
		});
		expect((await handle.done).attempts.map((a) => a.status)).toEqual([200]);
		const runs = runsOfEvent(await waitForRuns(DELIVERY.workflowId, [handle.id]), handle.id);
		expect(runs).toHaveLength(1);
		expect(runs[0].triggerItems[0].json).toMatchObject({
			event: 'unknown',
			providerEvent: 'envelope.archived',
			documentId: 'a2d0c1e4-0000-4000-8000-00000000e2e1',
			payload: JSON.parse(handle.body),
		});
	});

	it('a verified delivery of an event that is not selected gets 200 and starts nothing', async () => {
		const before = (await executionsOf(DELIVERY.workflowId)).length;
		const handle = emu.lexgosign.deliver({
			event: FILTERED_OUT,
			to: url(DELIVERY),
			auth: onlyRegistration(DELIVERY).auth,
		});
		expect((await handle.done).attempts.map((a) => a.status)).toEqual([200]);
		await n8n.waitForExecutions({ workflowId: DELIVERY.workflowId, count: 0, settleMs: 2000 });
		expect(await executionsOf(DELIVERY.workflowId)).toHaveLength(before);
	});

	it('a delivery LexgoSign retries 3 times (same id, 5/10/20 s compressed) runs the workflow once, other deliveries in between too', async () => {
		const control = `${emu.url}/lexgosign/_control/options`;
		const envelope = emu.lexgosign.seedEnvelope({
			name: 'E2E retries',
			status: 'IN_PROGRESS',
			recipients: [{ name: 'Bruno Rojas', email: 'bruno.rojas@example.cl' }],
		});
		expect(
			(await httpRequest(control, { method: 'POST', body: { lostResponses: 3 } })).json(),
		).toMatchObject({ lostResponses: 3 });
		let handles: DeliveryHandle[] = [];
		try {
			handles = emu.lexgosign.act({ envelopeId: envelope.id, action: 'emailClicked' });
		} finally {
			await httpRequest(control, { method: 'POST', body: { lostResponses: 0 } });
		}
		expect(handles.map((h) => h.url)).toEqual([url(DELIVERY)]);
		const [repeated] = handles;
		await waitFor(() => repeated.attempts.length >= 2, {
			timeoutMs: 10_000,
			description: 'the first retry',
		});
		// While LexgoSign waits before the next retry, another event arrives.
		const between = emu.lexgosign.deliver({
			event: 'recipient.email_received',
			to: url(DELIVERY),
			auth: onlyRegistration(DELIVERY).auth,
		});
		const result = await repeated.done;
		expect((await between.done).attempts.map((a) => a.status)).toEqual([200]);
		expect(result.attempts.map((a) => [a.status, a.ok])).toEqual([
			[200, false],
			[200, false],
			[200, false],
			[200, true],
		]);
		expect(result.attempts.map((a) => a.scheduledDelayMs)).toEqual(
			[0, 5_000, 10_000, 20_000].map((ms) => ms * TIME_SCALE),
		);
		const ids = result.attempts.map((a) => (JSON.parse(a.body) as { id: string }).id);
		expect(new Set(ids)).toEqual(new Set([repeated.id]));

		const executions = await waitForRuns(DELIVERY.workflowId, [repeated.id, between.id]);
		const clicked = runsOfEvent(executions, repeated.id);
		expect(clicked).toHaveLength(1);
		expect(clicked[0].triggerItems[0].json).toMatchObject({
			event: 'recipient.linkClicked',
			recipient: { email: 'bruno.rojas@example.cl' },
		});
		expect(runsOfEvent(executions, between.id)).toHaveLength(1);
		const suppressed = n8n
			.logsSinceStart()
			.split('\n')
			.filter((line) => line.includes(`suppressed 1 repeated event(s): ${repeated.id}`));
		expect(suppressed).toHaveLength(3);
	});

	it('an action workflow creates, lists, updates, gets and deletes a webhook subscription', async () => {
		const authorization = credentialWebhookSecret;
		const target = `http://127.0.0.1:9/e2e-action-${randomBytes(4).toString('hex')}`;
		const registrationsBefore = emu.lexgosign.webhooks();
		const mark = emu.requests.length;
		const response = await httpRequest(n8n.webhookPathUrl(ACTION.path), {
			method: 'POST',
			body: { url: target },
		});
		expect(response.status).toBe(200);
		const [execution] = await n8n.waitForExecutions({ workflowId: ACTION.workflowId, count: 1 });
		expect(execution.status).toBe('success');

		const created = outputOf(execution, 'Create Subscription');
		expect(created).toHaveLength(1);
		const id = String(created[0].json.id);
		expect(created[0].json).toMatchObject({
			url: target,
			subscriptions: 'envelope.success,recipient.rejected',
			events: ['envelope.success', 'recipient.rejected'],
			auth_type: 'HEADER',
		});
		const listed = outputOf(execution, 'List Subscriptions').map((item) => item.json);
		expect(listed.map((hook) => hook.id).sort()).toEqual(
			[...registrationsBefore.map((hook) => hook.id), id].sort(),
		);
		expect(listed.find((hook) => hook.id === id)).toMatchObject({ url: target });
		const updated = outputOf(execution, 'Update Subscription');
		expect(updated).toHaveLength(1);
		expect(updated[0].json).toMatchObject({
			id,
			url: `${target}/v2`,
			subscriptions: 'envelope.voided,recipient.signed_all',
			events: ['envelope.voided', 'recipient.signed_all'],
		});
		const got = outputOf(execution, 'Get Subscription');
		expect(got.map((item) => item.json)).toEqual([
			expect.objectContaining({
				id,
				url: `${target}/v2`,
				subscriptions: 'envelope.voided,recipient.signed_all',
				auth_type: 'HEADER',
			}),
		]);
		expect(outputOf(execution, 'Delete Subscription').map((item) => item.json)).toEqual([
			{ deleted: true, webhookId: id, requestId: expect.stringMatching(/^req_/) },
		]);
		const lexgoOutputs = JSON.stringify(
			[
				'Create Subscription',
				'List Subscriptions',
				'Update Subscription',
				'Get Subscription',
				'Delete Subscription',
			].map((node) => outputOf(execution, node)),
		);
		expect(lexgoOutputs).not.toContain(authorization.slice('Bearer '.length));
		expect(lexgoOutputs).not.toMatch(/"auth":/);

		expect(webhookCalls(mark)).toEqual([
			'POST /webhooks 201',
			'GET /webhooks 200',
			`PUT /webhooks/${id} 200`,
			`GET /webhooks/${id} 200`,
			`DELETE /webhooks/${id} 200`,
		]);
		const post = emu.requests
			.slice(mark)
			.find((r) => r.method === 'POST' && r.path === '/lexgosign/v1/webhooks');
		expect(post?.body).toEqual({
			url: target,
			subscriptions: 'envelope.success,recipient.rejected',
			auth_type: 'header',
			auth: authorization,
		});
		// Gone at the provider; the triggers' registrations are untouched.
		expect(emu.lexgosign.webhooks()).toEqual(registrationsBefore);
	});

	it('example "envelope completed → download the signed documents and the evidence sheet"', async () => {
		const envelope = emu.lexgosign.seedEnvelope({
			name: 'Example contract',
			status: 'IN_PROGRESS',
			documents: ['contract.pdf', 'annex.pdf'],
			recipients: [{ name: 'Carla Soto', email: 'carla.soto@example.cl' }],
		});
		emu.lexgosign.act({ envelopeId: envelope.id, action: 'sign' });
		await emu.lexgosign.idle();
		const success = emu.lexgosign.emitted.find(
			(e) => e.envelopeId === envelope.id && e.event === 'envelope.success',
		);
		const exampleUrl = n8n.webhookUrl(exampleWebhookId(completedExample), 'webhook');
		const toExample = success?.deliveries.filter((d) => d.url === exampleUrl) ?? [];
		expect(toExample.map((d) => d.attempts.map((a) => a.status))).toEqual([[200]]);

		const executions = await n8n.waitForExecutions({
			workflowId: completedExample.id,
			count: 1,
		});
		expect(executions).toHaveLength(1);
		const [execution] = executions;
		expect(execution.status).toBe('success');
		expect(execution.triggerItems[0].json).toMatchObject({
			event: 'document.completed',
			documentId: envelope.id,
			documentStatus: 'SUCCESS',
			documentCompleted: true,
		});
		const documents = outputOf(execution, 'Download Signed Documents');
		expect(documents.map((d) => d.json)).toEqual([
			expect.objectContaining({
				envelopeId: envelope.id,
				envelopeStatus: 'SUCCESS',
				documentStatus: 'SIGNED',
				fileName: 'contract.pdf',
				mimeType: 'application/pdf',
			}),
			expect.objectContaining({ documentStatus: 'SIGNED', fileName: 'annex.pdf' }),
		]);
		for (const document of documents) {
			expect(document.binary?.signedPdf).toMatchObject({ mimeType: 'application/pdf' });
			expect(Number(document.json.fileSize)).toBeGreaterThan(100);
		}
		const evidence = outputOf(execution, 'Get Evidence Sheet');
		expect(evidence).toHaveLength(1);
		expect(evidence[0].json).toMatchObject({
			envelopeId: envelope.id,
			evidenceUrl: expect.stringContaining('/lexgosign/files/'),
		});
		expect(evidence[0].binary?.evidence).toMatchObject({
			mimeType: 'application/pdf',
			fileName: `${envelope.id}-evidence.pdf`,
		});
	});

	it('example "a branch per problem event": each problem takes its own branch', async () => {
		const seed = (name: string, email: string, status: 'CREATED' | 'IN_PROGRESS' = 'IN_PROGRESS') =>
			emu.lexgosign.seedEnvelope({ name, status, recipients: [{ name, email }] });
		const cases: Array<{ branch: string; start: () => string }> = [
			{
				branch: 'Handle Sending Failure',
				start: () => {
					const envelope = seed('Not a team member', 'outsider@example.cl', 'CREATED');
					emu.lexgosign.sandboxAllowedEmails = ['team@example.cl'];
					emu.lexgosign.send(envelope.id);
					return envelope.id;
				},
			},
			...(
				[
					['Handle Void', 'void'],
					['Handle Rejection', 'reject'],
					['Handle Bounce', 'emailBounced'],
					['Handle Locked Validation', 'maxAttempts'],
				] as const
			).map(([branch, action]) => ({
				branch,
				start: () => {
					const envelope = seed(branch, `${action.toLowerCase()}@example.cl`);
					emu.lexgosign.act({ envelopeId: envelope.id, action });
					return envelope.id;
				},
			})),
		];
		try {
			for (const { start } of cases) start();
			await emu.lexgosign.idle();
		} finally {
			emu.lexgosign.sandboxAllowedEmails = null;
		}
		const executions = await n8n.waitForExecutions({
			workflowId: problemsExample.id,
			count: cases.length,
		});
		expect(executions).toHaveLength(cases.length);
		expect(executions.every((e) => e.status === 'success')).toBe(true);
		const branches = executions.map((e) =>
			cases.map((c) => c.branch).filter((branch) => e.runData?.[branch]),
		);
		expect(branches.map((b) => b.length)).toEqual(cases.map(() => 1));
		expect(new Set(branches.flat())).toEqual(new Set(cases.map((c) => c.branch)));
		const summaries = executions.map(
			(e) => outputOf(e, branches[executions.indexOf(e)][0])[0]?.json.summary,
		);
		expect(summaries).toEqual(
			expect.arrayContaining([
				expect.stringMatching(
					/could not be sent: The email of the recipient 'outsider@example.cl' is not in the sandbox allowed email list/,
				),
				'Envelope "Handle Void" was voided',
				'Handle Rejection <reject@example.cl> rejected the envelope',
				'The invitation to emailbounced@example.cl bounced',
				'maxattempts@example.cl reached the maximum number of validation attempts',
			]),
		);
	});

	it('restart: registrations survive untouched and webhook() still verifies; the duplicate memory is in-process only', async () => {
		const auth = onlyRegistration(DELIVERY).auth;
		const first = emu.lexgosign.deliver({
			event: 'envelope.voided',
			to: url(DELIVERY),
			auth,
			id: randomUUID(),
		});
		expect((await first.done).attempts.map((a) => a.status)).toEqual([200]);
		await waitForRuns(DELIVERY.workflowId, [first.id]);
		// webhook() writes nothing: the node's static data holds only the registration create() stored,
		// so a delivery in flight during a re-publish cannot save an old secret over a new one.
		const before: Record<string, unknown> = (await staticDataOf(DELIVERY)) ?? {};
		expect(Object.keys(before)).toEqual(['subscription']);
		expect(before.subscription).toMatchObject({
			webhookId: onlyRegistration(DELIVERY).id,
			authorization: auth,
		});

		const registrations = emu.lexgosign.webhooks();
		const mark = emu.requests.length;
		const restart = await n8n.restart();
		note(`restart: ${restart.ms} ms`);
		expect(webhookCalls(mark)).toEqual([]);
		expect(emu.lexgosign.webhooks()).toEqual(registrations);
		expect(await staticDataOf(DELIVERY)).toEqual(before);

		// The process memory went with the restart: a repeat now runs again (README: "What survives
		// a restart"). LexgoSign's own retries come within ~35 s, so this needs a restart in between.
		const again = await httpRequest(url(DELIVERY), {
			method: 'POST',
			body: first.body,
			headers: { 'content-type': 'application/json', authorization: String(auth) },
		});
		expect(again.status).toBe(200);
		expect(again.json()).toEqual({ received: true, events: 1 });
		const fresh = emu.lexgosign.deliver({ event: 'envelope.voided', to: url(DELIVERY), auth });
		expect((await fresh.done).attempts.map((a) => a.status)).toEqual([200]);
		const executions = await waitForRuns(DELIVERY.workflowId, [fresh.id]);
		expect(runsOfEvent(executions, first.id)).toHaveLength(2);
		expect(runsOfEvent(executions, fresh.id)).toHaveLength(1);
	});

	it('a new version with other events leaves exactly one registration with the new events', async () => {
		const old = onlyRegistration(LIFECYCLE);
		const { cookie } = await n8n.session();
		const changed = triggerWorkflow(LIFECYCLE, CHANGED_EVENTS, 'E2E LexgoSign lifecycle');
		const saved = await n8n.rest('PATCH', `/rest/workflows/${LIFECYCLE.workflowId}`, {
			cookie,
			body: { nodes: changed.nodes, connections: changed.connections },
		});
		expect(saved.status).toBe(200);
		const mark = emu.requests.length;
		const { ms } = await n8n.publishLive(LIFECYCLE.workflowId, { cookie });
		const calls = webhookCalls(mark);
		note(`publishing a version with other events (${ms} ms): ${calls.join(', ')}`);

		const current = onlyRegistration(LIFECYCLE);
		rememberSecrets();
		expect(current.subscriptions).toBe(CHANGED_SUBSCRIPTIONS);
		expect(current.auth).toMatch(/^Bearer [0-9a-f]{64}$/);
		// n8n 2.41 deactivates the old version (delete) and activates the new one (checkExists → create).
		expect(calls).toEqual([
			`DELETE /webhooks/${old.id} 200`,
			'GET /webhooks 200',
			'POST /webhooks 201',
		]);
		expect(current.id).not.toBe(old.id);
		expect(current.auth).not.toBe(old.auth);
		expect(await staticDataOf(LIFECYCLE)).toEqual({
			subscription: {
				webhookId: current.id,
				authorization: current.auth,
				events: CHANGED_SUBSCRIPTIONS,
				url: url(LIFECYCLE),
			},
		});

		// Deliveries follow: a newly selected event arrives with the new secret; the old one is refused.
		const envelope = emu.lexgosign.seedEnvelope({
			name: 'E2E changed events',
			status: 'IN_PROGRESS',
		});
		const [delivery, ...others] = emu.lexgosign
			.act({ envelopeId: envelope.id, action: 'codeSent' })
			.filter((d) => d.url === url(LIFECYCLE));
		expect(others).toHaveLength(0);
		expect((await delivery.done).attempts.map((a) => a.status)).toEqual([200]);
		const forgedOld = await httpRequest(url(LIFECYCLE), {
			method: 'POST',
			body: emu.lexgosign.buildWebhookBody('recipient.validation_code_sent'),
			headers: { authorization: String(old.auth) },
		});
		expect(forgedOld.status).toBe(401);
		const executions = await n8n.waitForExecutions({
			workflowId: LIFECYCLE.workflowId,
			count: 1,
		});
		expect(executions).toHaveLength(1);
		expect(executions[0].triggerItems[0].json).toMatchObject({
			eventId: delivery.id,
			event: 'recipient.verificationCodeSent',
		});
	});

	it('a registration deleted at LexgoSign behind n8n’s back: re-publishing the same version does not notice, unpublish + publish restores exactly one', async () => {
		const lost = onlyRegistration(ADOPT);
		const removed = await httpRequest(`${emu.lexgosign.baseUrl}/webhooks/${lost.id}`, {
			method: 'DELETE',
			headers: { authorization: emu.lexgosign.apiKey },
		});
		expect(removed.status).toBe(200);
		expect(registrationsOf(ADOPT)).toEqual([]);

		let mark = emu.requests.length;
		await n8n.publishLive(ADOPT.workflowId);
		expect(webhookCalls(mark)).toEqual([]);
		expect(registrationsOf(ADOPT)).toEqual([]);

		mark = emu.requests.length;
		await n8n.unpublishLive(ADOPT.workflowId);
		await n8n.publishLive(ADOPT.workflowId);
		expect(webhookCalls(mark)).toEqual([
			`DELETE /webhooks/${lost.id} 404`,
			'GET /webhooks 200',
			'POST /webhooks 201',
		]);
		const restored = onlyRegistration(ADOPT);
		rememberSecrets();
		expect(restored.subscriptions).toBe(ADOPT_EVENTS.join(','));
		expect((await staticDataOf(ADOPT))?.subscription).toMatchObject({
			webhookId: restored.id,
			authorization: restored.auth,
		});
		const envelope = emu.lexgosign.seedEnvelope({ name: 'E2E restored', status: 'IN_PROGRESS' });
		const [delivery, ...others] = emu.lexgosign
			.act({ envelopeId: envelope.id, action: 'codeGenerated' })
			.filter((d) => d.url === url(ADOPT));
		expect(others).toHaveLength(0);
		expect((await delivery.done).attempts.map((a) => a.status)).toEqual([200]);
		const executions = await waitForRuns(ADOPT.workflowId, [delivery.id]);
		expect(executions).toHaveLength(1);
		expect(executions[0].triggerItems[0].json).toMatchObject({
			event: 'recipient.verificationCodeCreated',
		});
	});

	it('unpublishing deletes the registration and forgets the secret; publishing again registers exactly one', async () => {
		const registration = onlyRegistration(LIFECYCLE);
		const mark = emu.requests.length;
		await n8n.unpublishLive(LIFECYCLE.workflowId);
		expect(webhookCalls(mark)).toEqual([`DELETE /webhooks/${registration.id} 200`]);
		expect(registrationsOf(LIFECYCLE)).toEqual([]);
		// n8n keeps the node's (now empty) static data object.
		expect(await staticDataOf(LIFECYCLE)).toEqual({});
		const response = await httpRequest(url(LIFECYCLE), {
			method: 'POST',
			body: emu.lexgosign.buildWebhookBody('recipient.validation_code_sent'),
			headers: { authorization: String(registration.auth) },
		});
		expect(response.status).toBe(404);
		// The other triggers keep theirs.
		expect(registrationsOf(DELIVERY)).toHaveLength(1);
		expect(registrationsOf(ADOPT)).toHaveLength(1);

		const again = emu.requests.length;
		await n8n.publishLive(LIFECYCLE.workflowId);
		expect(webhookCalls(again)).toEqual(['GET /webhooks 200', 'POST /webhooks 201']);
		const current = onlyRegistration(LIFECYCLE);
		rememberSecrets();
		expect(current).toMatchObject({ subscriptions: CHANGED_SUBSCRIPTIONS, auth_type: 'HEADER' });
		expect(current.id).not.toBe(registration.id);
		expect(current.auth).not.toBe(registration.auth);
		expect((await staticDataOf(LIFECYCLE))?.subscription).toMatchObject({
			webhookId: current.id,
			authorization: current.auth,
		});
	});

	it('an account on the older API (/api/v1, POST …/send_invitation) works end to end with the default /v1 credential', async () => {
		const runRoutes = async (apiRoutes: 'older' | 'newer') => {
			const envelope = emu.lexgosign.seedEnvelope({
				name: `Routes ${apiRoutes}`,
				recipients: [{ name: 'Carla Soto', email: 'carla.soto@example.cl' }],
			});
			emu.lexgosign.apiRoutes = apiRoutes;
			const mark = emu.requests.length;
			try {
				const before = (await executionsOf(ROUTES.workflowId)).length;
				const response = await httpRequest(n8n.webhookPathUrl(ROUTES.path), {
					method: 'POST',
					body: { envelopeId: envelope.id },
				});
				expect(response.status).toBe(200);
				const executions = await n8n.waitForExecutions({
					workflowId: ROUTES.workflowId,
					count: before + 1,
				});
				const execution = executions.find((e) => outputOf(e, 'Send')[0]?.json.id === envelope.id);
				const calls = emu.requests
					.slice(mark)
					.filter((r) => r.provider === 'lexgosign' && r.path.includes(envelope.id))
					.map((r) => `${r.method} ${r.path.replace(`/${envelope.id}`, '/:id')} ${r.status}`);
				note(`${apiRoutes} API: ${JSON.stringify(calls)}`);
				return { envelope, execution, calls };
			} finally {
				emu.lexgosign.apiRoutes = 'current';
			}
		};

		const older = await runRoutes('older');
		expect(older.execution?.status).toBe('success');
		expect(older.calls).toEqual([
			'GET /lexgosign/v1/envelopes/:id 404',
			'GET /lexgosign/api/v1/envelopes/:id 200',
			// The base that answered is remembered; the send route differs on that generation.
			'PUT /lexgosign/api/v1/envelopes/:id/send 404',
			'POST /lexgosign/api/v1/envelopes/:id/send_invitation 200',
			'GET /lexgosign/api/v1/envelopes/:id 200',
		]);
		expect(outputOf(older.execution!, 'Send').map((i) => i.json)).toEqual([
			{ id: older.envelope.id, sent: true },
		]);
		expect(outputOf(older.execution!, 'Get After')[0].json).toMatchObject({
			id: older.envelope.id,
			status: expect.stringMatching(/^(SENDING|IN_PROGRESS)$/),
		});
		// The send happened: its event reaches the trigger (registered on the current API).
		await waitFor(
			async () =>
				(await executionsOf(DELIVERY.workflowId)).some((e) =>
					e.triggerItems.some(
						(i) =>
							i.json.documentId === older.envelope.id &&
							i.json.providerEvent === 'envelope.in_progress',
					),
				),
			{ timeoutMs: 30_000, intervalMs: 200, description: 'envelope.in_progress of the send' },
		);

		// Back on the newer API: the remembered base is tried first, then /v1 answers again.
		const newer = await runRoutes('newer');
		expect(newer.execution?.status).toBe('success');
		expect(newer.calls).toEqual([
			'GET /lexgosign/api/v1/envelopes/:id 404',
			'GET /lexgosign/v1/envelopes/:id 200',
			'PUT /lexgosign/v1/envelopes/:id/send 202',
			'GET /lexgosign/v1/envelopes/:id 200',
		]);
		await emu.lexgosign.idle();
	});

	it('no webhook secret or API key ever reached n8n’s log', () => {
		rememberSecrets();
		const log = n8n.logs();
		const leaked = [...secretsSeen, emu.lexgosign.apiKey].filter((secret) =>
			log.includes(secret.replace(/^Bearer /, '')),
		);
		// 5 registrations at the first start, the adopted one's old secret, the action's, 3 re-registrations.
		expect(secretsSeen.size).toBe(10);
		expect(leaked).toEqual([]);
	});
});
