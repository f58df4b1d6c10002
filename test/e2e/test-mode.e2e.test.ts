/**
 * "Listen for test event" / "Execute step" on our three triggers in a real n8n 2.41.1, started
 * over n8n's internal REST API exactly as the editor does:
 *   start: POST /rest/workflows/:id/run  { workflowId, startNodes: [{ name, sourceData: null }],
 *          destinationNode: { nodeName, mode: 'inclusive' } }      ("Execute step" on the trigger)
 *          POST /rest/workflows/:id/run  { workflowId, startNodes: [], triggerToStartFrom: { name } }
 *                                                                  ("Execute workflow" button)
 *          → 200 { data: { waitingForWebhook: true } } once checkExists/create have run.
 *   stop:  DELETE /rest/test-webhook/:id                          ("Stop listening")
 * n8n (webhooks/test-webhooks.js) runs checkExists/create in mode 'manual' on a workflow built from
 * the saved draft with EMPTY static data (the production registration is invisible to it), keeps
 * that static data in memory only, serves WEBHOOK_URL/webhook-test/<webhookId>/webhook for 2
 * minutes, runs the first delivery our webhook() accepts (mode 'manual'; 401s do not count) and
 * then runs delete in mode 'internal' with the test URL. Every workflow is also published: its
 * production registration and saved static data must stay untouched.
 */
import { randomBytes } from 'node:crypto';

import {
	type DeliveryHandle,
	type Emulator,
	type LegalesignSubscriptionSnapshot,
	type LexgoSignWebhookSnapshot,
	startEmulator,
} from '../../emulator';
import {
	ALL_REALTIME_EVENTS,
	API_PATHS,
	hmacHex,
	realtimeBody,
	withoutQuery,
} from './legalesign.workflows';
import {
	type Execution,
	type WorkflowImport,
	type WorkflowNodeImport,
	N8nInstance,
	ensureN8nInstalled,
	httpRequest,
	note,
	packPackage,
	waitFor,
} from './support';

/** Retry waits shrink 100×; nothing here is meant to be retried. */
const TIME_SCALE = 0.01;

interface Target {
	workflowId: string;
	webhookId: string;
	trigger: string;
}
const LEEGALITY: Target = {
	workflowId: 'e2eTestModeLgl01',
	webhookId: 'e2e-test-mode-leegality',
	trigger: 'Leegality Trigger',
};
const LEGALESIGN: Target = {
	workflowId: 'e2eTestModeLes01',
	webhookId: 'e2e-test-mode-legalesign',
	trigger: 'Legalesign Trigger',
};
const LEXGOSIGN: Target = {
	workflowId: 'e2eTestModeLxg01',
	webhookId: 'e2e-test-mode-lexgosign',
	trigger: 'LexgoSign Trigger',
};
const AFTER_TRIGGER = 'After Trigger';
const LEXGOSIGN_EVENTS = ['recipient.validation_code_sent', 'recipient.email_opened'];

const CREDENTIALS = {
	leegalityApi: { id: 'leegalityEmulator', name: 'Leegality (emulator)' },
	legalesignApi: { id: 'legalesignEmulator', name: 'Legalesign (emulator)' },
	lexgoSignApi: { id: 'lexgoSignEmulator', name: 'LexgoSign (emulator)' },
};

/** The trigger, and a No Op after it (to see how far each editor button runs). */
function workflow(
	target: Target,
	type: string,
	credential: keyof typeof CREDENTIALS,
	parameters: Record<string, unknown>,
): WorkflowImport {
	return {
		id: target.workflowId,
		name: `E2E test mode ${target.trigger}`,
		nodes: [
			{
				id: `${target.workflowId}-trigger`,
				name: target.trigger,
				type: `n8n-nodes-esign.${type}`,
				typeVersion: 1,
				position: [0, 0],
				webhookId: target.webhookId,
				parameters,
				credentials: { [credential]: CREDENTIALS[credential] },
			},
			{
				id: `${target.workflowId}-after`,
				name: AFTER_TRIGGER,
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [240, 0],
				parameters: {},
			},
		],
		connections: {
			[target.trigger]: { main: [[{ node: AFTER_TRIGGER, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

describe('Test webhooks ("Listen for test event") in a real n8n', () => {
	let emu: Emulator;
	let n8n: N8nInstance;
	let cookie = '';

	const productionUrl = (target: Target) => n8n.webhookUrl(target.webhookId, 'webhook');
	const testUrl = (target: Target) => n8n.testWebhookUrl(target.webhookId, 'webhook');
	const staticDataOf = async (target: Target) =>
		(await n8n.workflow(target.workflowId))?.staticData ?? null;

	/** What the editor sends for "Execute step" / "Listen for test event" on the trigger. */
	const executeStepBody = (target: Target) => ({
		workflowId: target.workflowId,
		startNodes: [{ name: target.trigger, sourceData: null }],
		destinationNode: { nodeName: target.trigger, mode: 'inclusive' },
	});
	/** What the editor sends for the canvas "Execute workflow" button (trigger selected). */
	const executeWorkflowBody = (target: Target) => ({
		workflowId: target.workflowId,
		startNodes: [],
		triggerToStartFrom: { name: target.trigger },
	});

	async function startListening(target: Target, body: object = executeStepBody(target)) {
		const started = Date.now();
		const response = await n8n.rest('POST', `/rest/workflows/${target.workflowId}/run`, {
			cookie,
			body,
		});
		expect([response.status, response.data]).toEqual([200, { waitingForWebhook: true }]);
		return Date.now() - started;
	}

	async function stopListening(target: Target) {
		const response = await n8n.rest('DELETE', `/rest/test-webhook/${target.workflowId}`, {
			cookie,
		});
		expect(response.status).toBe(200);
	}

	/** n8n answers 404 on a test URL nobody listens on (our webhook() never runs). */
	async function expectNotListening(target: Target) {
		const response = await httpRequest(testUrl(target), { method: 'POST', body: {} });
		expect(response.status).toBe(404);
		expect(response.text).toMatch(/not registered/);
	}

	const finished = async (workflowId: string) =>
		(await n8n.executions({ workflowId, includeData: true })).filter((e) => e.stoppedAt !== null);

	/** Waits for `count` finished executions matching, then a settle period; returns all matching. */
	async function runsMatching(
		target: Target,
		predicate: (execution: Execution) => boolean,
		count = 1,
	): Promise<Execution[]> {
		await waitFor(
			async () => (await finished(target.workflowId)).filter(predicate).length >= count,
			{
				timeoutMs: 20_000,
				description: `${count} execution(s) of ${target.workflowId}`,
			},
		);
		await n8n.waitForExecutions({ workflowId: target.workflowId, count: 0, settleMs: 1500 });
		return (await finished(target.workflowId)).filter(predicate);
	}
	const item = (execution: Execution) => execution.triggerItems[0]?.json ?? {};
	const manualWith =
		(key: string, value: unknown) =>
		(e: Execution): boolean =>
			e.mode === 'manual' && item(e)[key] === value;
	const productionWith =
		(key: string, value: unknown) =>
		(e: Execution): boolean =>
			e.mode === 'webhook' && item(e)[key] === value;

	/** Legalesign: `METHOD /path status` of the registration API calls since `mark`. */
	const legalesignCalls = (mark: number) =>
		emu.requests
			.slice(mark)
			.filter((r) => r.provider === 'legalesign' && API_PATHS.test(r.path))
			.map((r) => `${r.method} ${r.path.replace('/legalesign/api/v1', '')} ${r.status}`);
	const legalesignAt = (url: string): LegalesignSubscriptionSnapshot[] =>
		emu.legalesign.listSubscriptions().filter((s) => withoutQuery(s.url) === url);
	const tokenOf = (subscription: LegalesignSubscriptionSnapshot) =>
		String(new URL(subscription.url).searchParams.get('token'));

	/** LexgoSign: `METHOD /webhooks[/id] status` since `mark`. */
	const lexgoCalls = (mark: number) =>
		emu.requests
			.slice(mark)
			.filter((r) => r.provider === 'lexgosign' && /^\/lexgosign\/v1\/webhooks/.test(r.path))
			.map((r) => `${r.method} ${r.path.replace('/lexgosign/v1', '')} ${r.status}`);
	const lexgoAt = (url: string): LexgoSignWebhookSnapshot[] =>
		emu.lexgosign.webhooks().filter((hook) => hook.url === url);

	/** Every secret a registration ever carried, for the "never in n8n's log" check. */
	const secretsSeen = new Set<string>();

	beforeAll(async () => {
		const install = await ensureN8nInstalled();
		emu = await startEmulator({ port: 0, timeScale: TIME_SCALE });
		n8n = await N8nInstance.create({ install, tarball: await packPackage() });
		await n8n.installPackage();
		await n8n.importCredentials([
			{
				...CREDENTIALS.leegalityApi,
				type: 'leegalityApi',
				data: {
					environment: 'custom',
					baseUrl: emu.leegality.baseUrl,
					authToken: emu.leegality.authToken,
					privateSaltSecret: emu.leegality.privateSalt,
				},
			},
			{
				...CREDENTIALS.legalesignApi,
				type: 'legalesignApi',
				data: {
					username: emu.legalesign.username,
					secret: emu.legalesign.secret,
					baseUrl: emu.legalesign.baseUrl,
					webhookHmacSecret: emu.legalesign.hmacSecret,
				},
			},
			{
				...CREDENTIALS.lexgoSignApi,
				type: 'lexgoSignApi',
				data: { apiKey: emu.lexgosign.apiKey, baseUrl: emu.lexgosign.baseUrl },
			},
		]);
		const workflows = [
			workflow(LEEGALITY, 'leegalityTrigger', 'leegalityApi', {
				events: ['signer.signed'],
				options: {},
			}),
			workflow(LEGALESIGN, 'legalesignTrigger', 'legalesignApi', {
				webhookType: 'realtime',
				events: ALL_REALTIME_EVENTS,
				options: {},
			}),
			workflow(LEXGOSIGN, 'lexgoSignTrigger', 'lexgoSignApi', {
				registration: 'automatic',
				events: LEXGOSIGN_EVENTS,
				options: {},
			}),
		];
		await n8n.importWorkflows(workflows);
		for (const wf of workflows) await n8n.publish(wf.id);
		const started = await n8n.start();
		note(`n8n ready in ${started.readyMs} ms, workflows active in ${started.ms} ms`);
		cookie = (await n8n.session()).cookie;
	});

	afterAll(async () => {
		await emu?.close();
		await n8n?.dispose();
	});

	it('published: each registering trigger has exactly its production registration, no test URL is served', async () => {
		const states = await n8n.activationStates();
		expect(states.map((s) => s.state)).toEqual(['active', 'active', 'active']);
		expect(emu.legalesign.listSubscriptions().map((s) => withoutQuery(s.url))).toEqual([
			productionUrl(LEGALESIGN),
		]);
		expect(emu.lexgosign.webhooks().map((hook) => hook.url)).toEqual([productionUrl(LEXGOSIGN)]);
		for (const target of [LEEGALITY, LEGALESIGN, LEXGOSIGN]) await expectNotListening(target);
	});

	describe('Leegality (no registration)', () => {
		it('"Execute step": a forged delivery gets 401 and keeps the listen; a production delivery runs in production; the verified test delivery runs the trigger once in manual mode', async () => {
			await expectNotListening(LEEGALITY);
			const ms = await startListening(LEEGALITY);
			note(`Leegality: listening after ${ms} ms`);

			const genuine = emu.leegality.buildWebhookBody('signed', {
				documentId: '01E2ETESTMODEFORGED0000001',
			}) as unknown as Record<string, string>;
			const forged = [
				{ ...genuine, mac: randomBytes(20).toString('hex') },
				{ ...genuine, mac: undefined },
			];
			for (const body of forged) {
				const response = await httpRequest(testUrl(LEEGALITY), { method: 'POST', body });
				expect([response.status, response.json()]).toEqual([
					401,
					{ error: expect.stringMatching(/mac/) },
				]);
			}

			// The published workflow keeps working while the editor listens.
			const production = emu.leegality.deliver({
				event: 'signed',
				to: productionUrl(LEEGALITY),
				documentId: '01E2ETESTMODEPRODUCTION001',
			});
			expect((await production.done).attempts.map((a) => a.status)).toEqual([200]);
			await runsMatching(LEEGALITY, productionWith('documentId', '01E2ETESTMODEPRODUCTION001'));

			// Still listening: the 401s and the production run did not end the listen.
			const test = emu.leegality.deliver({
				event: 'signed',
				to: testUrl(LEEGALITY),
				documentId: '01E2ETESTMODEVERIFIED00001',
			});
			expect((await test.done).attempts.map((a) => a.status)).toEqual([200]);
			const [run, ...more] = await runsMatching(
				LEEGALITY,
				(e) => item(e).documentId === '01E2ETESTMODEVERIFIED00001',
			);
			expect(more).toHaveLength(0);
			expect(run).toMatchObject({ mode: 'manual', status: 'success' });
			expect(run.triggerItems).toHaveLength(1);
			expect(item(run)).toMatchObject({
				provider: 'leegality',
				event: 'recipient.signed',
				documentId: '01E2ETESTMODEVERIFIED00001',
				verification: { method: 'hmac-sha1-document-id', verified: true },
				payload: JSON.parse(test.body),
			});
			// "Execute step" on the trigger stops at the trigger.
			expect(Object.keys(run.runData ?? {})).toEqual([LEEGALITY.trigger]);

			// The listen ended with that run: the same delivery again is not served.
			await waitFor(
				async () =>
					(await httpRequest(testUrl(LEEGALITY), { method: 'POST', body: {} })).status === 404,
				{ timeoutMs: 5_000, description: 'the Leegality test URL to go' },
			);
			await expectNotListening(LEEGALITY);
			const again = await httpRequest(testUrl(LEEGALITY), {
				method: 'POST',
				body: test.body,
				headers: { 'content-type': 'application/json' },
			});
			expect(again.status).toBe(404);
			const runs = await finished(LEEGALITY.workflowId);
			expect(runs.filter((e) => e.mode === 'manual')).toHaveLength(1);
			expect(runs.some((e) => item(e).documentId === '01E2ETESTMODEFORGED0000001')).toBe(false);
		});

		it('"Execute workflow": a delivery production already ran, replayed to the test URL, runs the whole workflow once in manual mode (the duplicate memory is per mode)', async () => {
			const documentId = '01E2ETESTMODEWHOLEFLOW001';
			const production = emu.leegality.deliver({
				event: 'signed',
				to: productionUrl(LEEGALITY),
				documentId,
			});
			expect((await production.done).attempts.map((a) => a.status)).toEqual([200]);
			await runsMatching(LEEGALITY, productionWith('documentId', documentId));
			const replay = () =>
				({
					method: 'POST',
					body: production.body,
					headers: { 'content-type': 'application/json' },
				}) as const;
			// Control: production itself suppresses the repeat.
			const repeated = await httpRequest(productionUrl(LEEGALITY), replay());
			expect([repeated.status, repeated.json()]).toEqual([
				200,
				{ received: true, events: 0, duplicates: 1 },
			]);

			await startListening(LEEGALITY, executeWorkflowBody(LEEGALITY));
			const test = await httpRequest(testUrl(LEEGALITY), replay());
			expect([test.status, test.json()]).toEqual([200, { received: true, events: 1 }]);
			const [run, ...more] = await runsMatching(LEEGALITY, manualWith('documentId', documentId));
			expect(more).toHaveLength(0);
			expect(run.status).toBe('success');
			// "Execute workflow" runs past the trigger.
			expect(Object.keys(run.runData ?? {}).sort()).toEqual(
				[LEEGALITY.trigger, AFTER_TRIGGER].sort(),
			);
			const runs = (await finished(LEEGALITY.workflowId)).filter(
				(e) => item(e).documentId === documentId,
			);
			expect(runs.map((e) => e.mode).sort()).toEqual(['manual', 'webhook']);
			await waitFor(
				async () =>
					(await httpRequest(testUrl(LEEGALITY), { method: 'POST', body: {} })).status === 404,
				{ timeoutMs: 5_000, description: 'the Leegality test URL to go' },
			);
		});
	});

	describe('Legalesign (realtime, registered by the node)', () => {
		let production: LegalesignSubscriptionSnapshot;
		let test: LegalesignSubscriptionSnapshot;
		let productionStaticData: unknown;
		let documentId = '';

		it('listening registers the TEST URL with its own token beside the untouched production registration (checkExists, then create)', async () => {
			[production] = legalesignAt(productionUrl(LEGALESIGN));
			productionStaticData = await staticDataOf(LEGALESIGN);
			expect(productionStaticData).toEqual({
				[`node:${LEGALESIGN.trigger}`]: {
					subscription: expect.objectContaining({
						url: production.url,
						token: tokenOf(production),
					}),
				},
			});
			// Seeded before listening, so its document.created goes to production only.
			documentId = emu.legalesign.seedDocument({ name: 'E2E test mode' }).documentId;
			await runsMatching(LEGALESIGN, productionWith('documentId', documentId));

			const mark = emu.requests.length;
			const ms = await startListening(LEGALESIGN);
			const calls = legalesignCalls(mark);
			note(`Legalesign: listening after ${ms} ms; calls: ${JSON.stringify(calls)}`);
			expect(calls).toEqual(['GET /notifications/ 200', 'POST /subscribe/ 201']);
			const subscribe = emu.requests
				.slice(mark)
				.find((r) => r.method === 'POST' && r.path.endsWith('/subscribe/'));
			const registeredUrl = String((subscribe?.body as { url: string }).url);
			expect(withoutQuery(registeredUrl)).toBe(testUrl(LEGALESIGN));
			expect(subscribe?.body).toEqual({ url: registeredUrl, notify: 'realtime' });

			[test] = legalesignAt(testUrl(LEGALESIGN));
			expect(legalesignAt(testUrl(LEGALESIGN))).toHaveLength(1);
			expect(test).toMatchObject({ url: registeredUrl, notify: 'realtime', eventFilter: '' });
			expect(tokenOf(test)).toMatch(/^[0-9a-f]{64}$/);
			expect(tokenOf(test)).not.toBe(tokenOf(production));
			secretsSeen.add(tokenOf(test)).add(tokenOf(production));

			expect(legalesignAt(productionUrl(LEGALESIGN))).toEqual([production]);
			expect(emu.legalesign.listSubscriptions()).toHaveLength(2);
			// The test registration lives in n8n's memory only; the saved static data is production's.
			expect(await staticDataOf(LEGALESIGN)).toEqual(productionStaticData);
		});

		it('while listening, each URL accepts only its own token (401 otherwise) and the listen survives the refusals', async () => {
			const crossed = [
				[testUrl(LEGALESIGN), tokenOf(production)],
				[productionUrl(LEGALESIGN), tokenOf(test)],
			];
			for (const [url, token] of crossed) {
				const body = realtimeBody('recipient.completed', documentId, 'E2E test mode');
				const response = await httpRequest(`${url}?token=${token}`, {
					method: 'POST',
					body,
					headers: {
						'content-type': 'application/json',
						'x-hmac-sha256': hmacHex(body, emu.legalesign.hmacSecret!),
					},
				});
				expect([response.status, response.json()]).toEqual([401, { error: 'Invalid URL token' }]);
			}
			await n8n.waitForExecutions({ workflowId: LEGALESIGN.workflowId, count: 0, settleMs: 1000 });
			const runs = await finished(LEGALESIGN.workflowId);
			expect(runs.filter((e) => item(e).providerEvent === 'recipient.completed')).toEqual([]);
			expect(legalesignAt(testUrl(LEGALESIGN))).toEqual([test]);
		});

		it('one Legalesign event reaches both registrations: the test URL runs once (manual), production once (webhook); then n8n removes only the test registration', async () => {
			const mark = emu.requests.length;
			const handles = emu.legalesign.act({ documentId, action: 'open' });
			const urls = handles.map((h) => withoutQuery(String(h.url))).sort();
			expect(urls).toEqual([productionUrl(LEGALESIGN), testUrl(LEGALESIGN)].sort());
			const results = await Promise.all(handles.map((h) => h.done));
			expect(results.map((r) => r.attempts.map((a) => a.status))).toEqual([[200], [200]]);
			const viaTest = handles.find((h) => h.url === test.url) as DeliveryHandle;
			const viaProduction = handles.find((h) => h.url === production.url) as DeliveryHandle;
			const testEventId = (JSON.parse(viaTest.body) as { id: string }).id;
			const productionEventId = (JSON.parse(viaProduction.body) as { id: string }).id;

			const [manual, ...moreManual] = await runsMatching(
				LEGALESIGN,
				manualWith('eventId', testEventId),
			);
			expect(moreManual).toHaveLength(0);
			expect(manual.status).toBe('success');
			expect(item(manual)).toMatchObject({
				provider: 'legalesign',
				event: 'recipient.emailOpened',
				documentId,
				verification: { verified: true, detail: 'url token + X-Hmac-Sha256 (hex)' },
			});
			expect(Object.keys(manual.runData ?? {})).toEqual([LEGALESIGN.trigger]);
			const productionRuns = await runsMatching(
				LEGALESIGN,
				productionWith('eventId', productionEventId),
			);
			expect(productionRuns).toHaveLength(1);
			expect(
				(await finished(LEGALESIGN.workflowId)).filter((e) => e.mode === 'manual'),
			).toHaveLength(1);

			// The run ended the listen: n8n ran delete() on the test registration (DELETE <Location>).
			await waitFor(() => legalesignAt(testUrl(LEGALESIGN)).length === 0, {
				timeoutMs: 10_000,
				description: 'the test registration to be removed',
			});
			expect(legalesignCalls(mark)).toEqual([`DELETE /unsubscribe/${test.id}/ 200`]);
			expect(emu.legalesign.listSubscriptions()).toEqual([production]);
			expect(await staticDataOf(LEGALESIGN)).toEqual(productionStaticData);
			await expectNotListening(LEGALESIGN);

			// Production still works with its own token.
			const after = emu.legalesign.act({ documentId, action: 'visit' });
			expect(after.map((h) => h.url)).toEqual([production.url]);
			expect((await after[0].done).attempts.map((a) => a.status)).toEqual([200]);
			await runsMatching(LEGALESIGN, productionWith('providerEvent', 'recipient.visiting'));
		});

		it('listening again gets a fresh token, a second click adopts it (no second registration), stopping removes it and leaves production alone', async () => {
			let mark = emu.requests.length;
			await startListening(LEGALESIGN);
			expect(legalesignCalls(mark)).toEqual(['GET /notifications/ 200', 'POST /subscribe/ 201']);
			const [second, ...more] = legalesignAt(testUrl(LEGALESIGN));
			expect(more).toHaveLength(0);
			expect(tokenOf(second)).not.toBe(tokenOf(test));
			secretsSeen.add(tokenOf(second));

			mark = emu.requests.length;
			await startListening(LEGALESIGN);
			expect(legalesignCalls(mark)).toEqual(['GET /notifications/ 200']);
			expect(legalesignAt(testUrl(LEGALESIGN))).toEqual([second]);

			mark = emu.requests.length;
			await stopListening(LEGALESIGN);
			// n8n answers the DELETE first and runs delete() in the background.
			await waitFor(() => legalesignAt(testUrl(LEGALESIGN)).length === 0, {
				timeoutMs: 10_000,
				description: 'the test registration to be removed after stop',
			});
			// The adopted registration has no stored Location: removed by URL.
			expect(legalesignCalls(mark)).toEqual(['POST /unsubscribe/ 200']);
			const unsubscribe = emu.requests.slice(mark).find((r) => r.path.endsWith('/unsubscribe/'));
			expect(unsubscribe?.body).toEqual({ url: second.url });
			expect(emu.legalesign.listSubscriptions()).toEqual([production]);
			expect(await staticDataOf(LEGALESIGN)).toEqual(productionStaticData);
			await expectNotListening(LEGALESIGN);
		});

		it('an n8n restart while listening leaves the test registration at Legalesign (delete never runs); the next listen adopts it and its token works', async () => {
			let mark = emu.requests.length;
			await startListening(LEGALESIGN);
			expect(legalesignCalls(mark)).toEqual(['GET /notifications/ 200', 'POST /subscribe/ 201']);
			const [left] = legalesignAt(testUrl(LEGALESIGN));
			secretsSeen.add(tokenOf(left));

			mark = emu.requests.length;
			const restart = await n8n.restart();
			note(`Legalesign: restart while listening took ${restart.ms} ms`);
			expect(legalesignCalls(mark)).toEqual([]);
			expect(legalesignAt(testUrl(LEGALESIGN))).toEqual([left]);
			expect(legalesignAt(productionUrl(LEGALESIGN))).toEqual([production]);
			await expectNotListening(LEGALESIGN);
			cookie = (await n8n.session()).cookie;

			mark = emu.requests.length;
			await startListening(LEGALESIGN);
			expect(legalesignCalls(mark)).toEqual(['GET /notifications/ 200']);
			expect(legalesignAt(testUrl(LEGALESIGN))).toEqual([left]);

			mark = emu.requests.length;
			const handles = emu.legalesign.act({ documentId, action: 'open' });
			expect(handles.map((h) => h.url).sort()).toEqual([left.url, production.url].sort());
			const results = await Promise.all(handles.map((h) => h.done));
			expect(results.map((r) => r.attempts.map((a) => a.status))).toEqual([[200], [200]]);
			const viaTest = handles.find((h) => h.url === left.url) as DeliveryHandle;
			const testEventId = (JSON.parse(viaTest.body) as { id: string }).id;
			expect(await runsMatching(LEGALESIGN, manualWith('eventId', testEventId))).toHaveLength(1);
			await waitFor(() => legalesignAt(testUrl(LEGALESIGN)).length === 0, {
				timeoutMs: 10_000,
				description: 'the adopted test registration to be removed',
			});
			expect(legalesignCalls(mark)).toEqual(['POST /unsubscribe/ 200']);
			expect(emu.legalesign.listSubscriptions()).toEqual([production]);
			expect(await staticDataOf(LEGALESIGN)).toEqual(productionStaticData);
		});
	});

	describe('LexgoSign (managed registration)', () => {
		let production: LexgoSignWebhookSnapshot;
		let test: LexgoSignWebhookSnapshot;
		let productionStaticData: unknown;

		it('listening registers the TEST URL with its own secret beside the untouched production registration (checkExists, then create)', async () => {
			[production] = lexgoAt(productionUrl(LEXGOSIGN));
			productionStaticData = await staticDataOf(LEXGOSIGN);
			expect(productionStaticData).toEqual({
				[`node:${LEXGOSIGN.trigger}`]: {
					subscription: expect.objectContaining({
						webhookId: production.id,
						authorization: production.auth,
					}),
				},
			});
			const mark = emu.requests.length;
			const ms = await startListening(LEXGOSIGN);
			const calls = lexgoCalls(mark);
			note(`LexgoSign: listening after ${ms} ms; calls: ${JSON.stringify(calls)}`);
			expect(calls).toEqual(['GET /webhooks 200', 'POST /webhooks 201']);
			[test] = lexgoAt(testUrl(LEXGOSIGN));
			expect(lexgoAt(testUrl(LEXGOSIGN))).toHaveLength(1);
			const post = emu.requests
				.slice(mark)
				.find((r) => r.method === 'POST' && r.path === '/lexgosign/v1/webhooks');
			expect(post?.body).toEqual({
				url: testUrl(LEXGOSIGN),
				subscriptions: production.subscriptions,
				auth_type: 'header',
				auth: test.auth,
			});
			expect(test.auth).toMatch(/^Bearer [0-9a-f]{64}$/);
			expect(test.auth).not.toBe(production.auth);
			secretsSeen.add(String(test.auth)).add(String(production.auth));

			expect(lexgoAt(productionUrl(LEXGOSIGN))).toEqual([production]);
			expect(emu.lexgosign.webhooks()).toHaveLength(2);
			expect(await staticDataOf(LEXGOSIGN)).toEqual(productionStaticData);
		});

		it('while listening, each URL accepts only its own secret (401 otherwise) and the listen survives the refusals', async () => {
			const crossed = [
				[testUrl(LEXGOSIGN), production.auth],
				[productionUrl(LEXGOSIGN), test.auth],
			];
			for (const [url, authorization] of crossed) {
				const response = await httpRequest(String(url), {
					method: 'POST',
					body: emu.lexgosign.buildWebhookBody('recipient.validation_code_sent'),
					headers: { authorization: String(authorization) },
				});
				expect([response.status, response.json()]).toEqual([
					401,
					{ error: 'Invalid Authorization header' },
				]);
			}
			await n8n.waitForExecutions({ workflowId: LEXGOSIGN.workflowId, count: 0, settleMs: 1000 });
			expect(await finished(LEXGOSIGN.workflowId)).toEqual([]);
			expect(lexgoAt(testUrl(LEXGOSIGN))).toEqual([test]);
		});

		it('one LexgoSign event reaches both registrations: the test URL runs once (manual), production once (webhook); then n8n deletes only the test registration', async () => {
			const envelope = emu.lexgosign.seedEnvelope({
				name: 'E2E test mode',
				status: 'IN_PROGRESS',
			});
			const mark = emu.requests.length;
			const handles = emu.lexgosign.act({ envelopeId: envelope.id, action: 'codeSent' });
			expect(handles.map((h) => h.url).sort()).toEqual(
				[productionUrl(LEXGOSIGN), testUrl(LEXGOSIGN)].sort(),
			);
			const results = await Promise.all(handles.map((h) => h.done));
			expect(results.map((r) => r.attempts.map((a) => a.status))).toEqual([[200], [200]]);
			for (const handle of handles) {
				const expected = handle.url === test.url ? test.auth : production.auth;
				expect(handle.attempts[0].headers.Authorization).toBe(expected);
			}
			// Each registration gets its own delivery (its own event id).
			const viaTest = handles.find((h) => h.url === test.url) as DeliveryHandle;
			const viaProduction = handles.find((h) => h.url === production.url) as DeliveryHandle;
			const [manual, ...moreManual] = await runsMatching(
				LEXGOSIGN,
				manualWith('eventId', viaTest.id),
			);
			expect(moreManual).toHaveLength(0);
			expect(manual.status).toBe('success');
			expect(item(manual)).toMatchObject({
				provider: 'lexgosign',
				event: 'recipient.verificationCodeSent',
				providerEvent: 'recipient.validation_code_sent',
				verification: { verified: true, detail: 'registered webhook secret' },
				payload: JSON.parse(viaTest.body),
			});
			expect(Object.keys(manual.runData ?? {})).toEqual([LEXGOSIGN.trigger]);
			expect(
				await runsMatching(LEXGOSIGN, productionWith('eventId', viaProduction.id)),
			).toHaveLength(1);
			expect(await finished(LEXGOSIGN.workflowId)).toHaveLength(2);

			await waitFor(() => lexgoAt(testUrl(LEXGOSIGN)).length === 0, {
				timeoutMs: 10_000,
				description: 'the test registration to be deleted',
			});
			expect(lexgoCalls(mark)).toEqual([`DELETE /webhooks/${test.id} 200`]);
			expect(emu.lexgosign.webhooks()).toEqual([production]);
			expect(await staticDataOf(LEXGOSIGN)).toEqual(productionStaticData);
			await expectNotListening(LEXGOSIGN);

			const after = emu.lexgosign.act({ envelopeId: envelope.id, action: 'emailOpened' });
			expect(after.map((h) => h.url)).toEqual([production.url]);
			expect((await after[0].done).attempts.map((a) => a.status)).toEqual([200]);
			await runsMatching(LEXGOSIGN, productionWith('eventId', after[0].id));
		});

		it('a test registration left behind (n8n stopped mid-listen) is adopted with a fresh secret, a second click keeps one, stopping deletes it', async () => {
			const orphan = emu.lexgosign.registerWebhook({
				url: testUrl(LEXGOSIGN),
				subscriptions: production.subscriptions,
				auth: `Bearer ${randomBytes(32).toString('hex')}`,
			});
			secretsSeen.add(String(orphan.auth));
			let mark = emu.requests.length;
			await startListening(LEXGOSIGN);
			expect(lexgoCalls(mark)).toEqual(['GET /webhooks 200', `PUT /webhooks/${orphan.id} 200`]);
			const [adopted, ...more] = lexgoAt(testUrl(LEXGOSIGN));
			expect(more).toHaveLength(0);
			expect(adopted.id).toBe(orphan.id);
			expect(adopted.auth).toMatch(/^Bearer [0-9a-f]{64}$/);
			expect(adopted.auth).not.toBe(orphan.auth);
			secretsSeen.add(String(adopted.auth));

			mark = emu.requests.length;
			await startListening(LEXGOSIGN);
			expect(lexgoCalls(mark)).toEqual(['GET /webhooks 200', `PUT /webhooks/${orphan.id} 200`]);
			const [again] = lexgoAt(testUrl(LEXGOSIGN));
			expect(lexgoAt(testUrl(LEXGOSIGN))).toHaveLength(1);
			secretsSeen.add(String(again.auth));

			// The secret of the latest click is the one this listen checks.
			const stale = await httpRequest(testUrl(LEXGOSIGN), {
				method: 'POST',
				body: emu.lexgosign.buildWebhookBody('recipient.email_opened'),
				headers: { authorization: String(adopted.auth) },
			});
			expect(again.auth).not.toBe(adopted.auth);
			expect(stale.status).toBe(401);

			mark = emu.requests.length;
			await stopListening(LEXGOSIGN);
			await waitFor(() => lexgoAt(testUrl(LEXGOSIGN)).length === 0, {
				timeoutMs: 10_000,
				description: 'the test registration to be deleted after stop',
			});
			expect(lexgoCalls(mark)).toEqual([`DELETE /webhooks/${orphan.id} 200`]);
			expect(emu.lexgosign.webhooks()).toEqual([production]);
			expect(await staticDataOf(LEXGOSIGN)).toEqual(productionStaticData);
			await expectNotListening(LEXGOSIGN);
		});

		it('the listen registers what the saved draft says, not the published version; production keeps its events', async () => {
			const current = await n8n.rest('GET', `/rest/workflows/${LEXGOSIGN.workflowId}`, { cookie });
			const draft = current.data as { nodes: WorkflowNodeImport[]; connections: unknown };
			const nodes = draft.nodes.map((node) =>
				node.name === LEXGOSIGN.trigger
					? { ...node, parameters: { ...node.parameters, events: ['recipient.email_opened'] } }
					: node,
			);
			let mark = emu.requests.length;
			const saved = await n8n.rest('PATCH', `/rest/workflows/${LEXGOSIGN.workflowId}`, {
				cookie,
				body: { nodes, connections: draft.connections },
			});
			expect(saved.status).toBe(200);
			expect(lexgoCalls(mark)).toEqual([]);

			mark = emu.requests.length;
			await startListening(LEXGOSIGN);
			expect(lexgoCalls(mark)).toEqual(['GET /webhooks 200', 'POST /webhooks 201']);
			const [draftHook, ...more] = lexgoAt(testUrl(LEXGOSIGN));
			expect(more).toHaveLength(0);
			secretsSeen.add(String(draftHook.auth));
			expect(draftHook.subscriptions).toBe('recipient.email_opened');
			expect(lexgoAt(productionUrl(LEXGOSIGN))).toEqual([production]);
			expect(production.subscriptions).toBe(
				'recipient.email_opened,recipient.validation_code_sent',
			);

			mark = emu.requests.length;
			await stopListening(LEXGOSIGN);
			await waitFor(() => lexgoAt(testUrl(LEXGOSIGN)).length === 0, {
				timeoutMs: 10_000,
				description: 'the draft test registration to be deleted',
			});
			expect(lexgoCalls(mark)).toEqual([`DELETE /webhooks/${draftHook.id} 200`]);
			expect(emu.lexgosign.webhooks()).toEqual([production]);
			expect(await staticDataOf(LEXGOSIGN)).toEqual(productionStaticData);
		});
	});

	it('no test or production secret reached n8n’s log', () => {
		const log = n8n.logs();
		expect(secretsSeen.size).toBeGreaterThanOrEqual(7);
		const leaked = [...secretsSeen].filter((secret) =>
			log.includes(secret.replace(/^Bearer /, '')),
		);
		expect(leaked).toEqual([]);
	});
});
