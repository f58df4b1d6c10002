/**
 * Legalesign in a real n8n 2.41.1: our packed tarball installed as a community package, the
 * credential pointing at the emulator, test workflows and both Legalesign examples published.
 * Registrations are read from the emulator, executions from n8n's own SQLite database.
 */
import { generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';

import {
	type DeliveryAttempt,
	type DeliveryHandle,
	type Emulator,
	type LegalesignChangeRecord,
	type RequestLogEntry,
	startEmulator,
} from '../../emulator';
import {
	type Execution,
	type ExecutionItem,
	type WorkflowNodeImport,
	N8nInstance,
	ensureN8nInstalled,
	httpRequest,
	note,
	packPackage,
	waitFor,
} from './support';
import {
	ACTION,
	ADOPT,
	ADOPT_PARAMETERS,
	ALL_BATCH_EVENTS,
	ALL_REALTIME_EVENTS,
	API_PATHS,
	BATCH,
	CREDENTIAL,
	LIFECYCLE,
	LIFECYCLE_V1,
	LIFECYCLE_V2,
	MANUAL,
	PER_EVENT,
	REALTIME,
	REGISTERING,
	SIGNED_ONLY,
	STATIC_KEY,
	TIME_SCALE,
	TRIGGER,
	type Target,
	WEBHOOK_DELETE,
	actionWorkflow,
	exampleTarget,
	form,
	formBody,
	hmacHex,
	legacyCallback,
	finalPdfExample,
	problemsExample,
	realtimeBody,
	triggerWorkflow,
	webhookDeleteWorkflow,
	withoutQuery,
} from './legalesign.workflows';

describe('Legalesign in a real n8n', () => {
	let emu: Emulator;
	let n8n: N8nInstance;
	let startMark = 0;
	/** A key Legalesign never used: signatures made with it must be refused. */
	const forgerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

	const signingKey = () => emu.legalesign.privateKey;
	const postCallback = (url: string, jsonSigned: string, headers: Record<string, string>) =>
		httpRequest(url, {
			method: 'POST',
			body: formBody({ json_signed: jsonSigned }),
			headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
		});

	const baseUrl = (target: Target) => n8n.webhookUrl(target.webhookId, 'webhook');
	const registered = (target: Target) =>
		emu.legalesign.listSubscriptions().filter((s) => withoutQuery(s.url) === baseUrl(target));
	/** The URL the trigger registered, with its secret token. */
	const registeredUrl = (target: Target) => {
		const [subscription, ...more] = registered(target);
		expect(more).toHaveLength(0);
		return subscription.url;
	};
	const staticDataOf = async (target: Target) =>
		((await n8n.workflow(target.workflowId))?.staticData ?? {})[STATIC_KEY] ?? {};

	/** Registration calls at the emulator since `mark` (GET notifications, subscribe, unsubscribe). */
	const registrationCalls = (mark: number) =>
		emu.requests
			.slice(mark)
			.filter((r: RequestLogEntry) => r.provider === 'legalesign' && API_PATHS.test(r.path))
			.map((r) => `${r.method} ${r.path.replace('/legalesign/api/v1', '')} ${r.status}`);

	const finishedExecutions = async (workflowId: string) =>
		(await n8n.executions({ workflowId, includeData: true })).filter((e) => e.stoppedAt !== null);

	/**
	 * Waits until `count` finished executions of the workflow have a trigger item matching
	 * `predicate`, then `settleMs` more to catch extras; returns every matching execution.
	 */
	async function runsMatching(
		workflowId: string,
		predicate: (item: Record<string, unknown>) => boolean,
		count: number,
		settleMs = 1500,
	): Promise<Execution[]> {
		const matching = async () =>
			(await finishedExecutions(workflowId)).filter((e) =>
				e.triggerItems.some((item: ExecutionItem) => predicate(item.json)),
			);
		await waitFor(async () => (await matching()).length >= count, {
			timeoutMs: 20_000,
			description: `${count} execution(s) of ${workflowId}`,
		});
		await n8n.waitForExecutions({ workflowId, count: 0, settleMs });
		return await matching();
	}

	const ofDocument =
		(documentId: string, providerEvent?: string) => (item: Record<string, unknown>) =>
			item.documentId === documentId && (!providerEvent || item.providerEvent === providerEvent);

	/** The delivery attempts the emulator made to a target for bodies mentioning `marker`. */
	const attemptsTo = (target: Target, marker: string): DeliveryAttempt[] =>
		emu.deliveries.filter(
			(d) =>
				d.provider === 'legalesign' &&
				withoutQuery(d.url) === baseUrl(target) &&
				d.body.includes(marker),
		);

	/** The deliveries (of those an emulator action started) that go to a target. */
	const to = (target: Target, handles: DeliveryHandle[]) =>
		handles.filter((h) => h.url !== null && withoutQuery(h.url) === baseUrl(target));

	async function delivered(target: Target, marker: string, count = 1): Promise<DeliveryAttempt[]> {
		let attempts: DeliveryAttempt[] = [];
		await waitFor(() => (attempts = attemptsTo(target, marker)).length >= count, {
			timeoutMs: 10_000,
			description: `${count} delivery attempt(s) to ${target.webhookId}`,
		});
		return attempts;
	}

	beforeAll(async () => {
		const install = await ensureN8nInstalled();
		emu = await startEmulator({ port: 0, timeScale: TIME_SCALE });
		n8n = await N8nInstance.create({ install, tarball: await packPackage() });
		await n8n.installPackage();
		await n8n.importCredentials([
			{
				...CREDENTIAL,
				type: 'legalesignApi',
				data: {
					username: emu.legalesign.username,
					secret: emu.legalesign.secret,
					baseUrl: emu.legalesign.baseUrl,
					webhookHmacSecret: emu.legalesign.hmacSecret,
					legacyPublicCertificate: emu.legalesign.certificatePem,
				},
			},
		]);
		const workflows = [
			triggerWorkflow(REALTIME, {
				webhookType: 'realtime',
				events: ALL_REALTIME_EVENTS,
				options: { downloadSignedDocuments: true, binaryPropertyName: 'signedPdf' },
			}),
			triggerWorkflow(SIGNED_ONLY, { webhookType: 'realtime', events: ['recipient.completed'] }),
			triggerWorkflow(BATCH, {
				webhookType: 'legacy',
				legacyNotify: 'all',
				registration: 'automatic',
				events: ALL_BATCH_EVENTS,
			}),
			triggerWorkflow(PER_EVENT, {
				webhookType: 'legacy',
				legacyNotify: 'signed',
				registration: 'automatic',
				options: { downloadSignedDocuments: true },
			}),
			triggerWorkflow(MANUAL, {
				webhookType: 'legacy',
				legacyNotify: 'rejected',
				registration: 'manual',
			}),
			triggerWorkflow(LIFECYCLE, LIFECYCLE_V1),
			actionWorkflow,
			webhookDeleteWorkflow,
			finalPdfExample,
			problemsExample,
		];
		await n8n.importWorkflows([...workflows, triggerWorkflow(ADOPT, ADOPT_PARAMETERS)]);
		for (const workflow of workflows) await n8n.publish(workflow.id);
		startMark = emu.requests.length;
		const started = await n8n.start();
		note(`n8n ready in ${started.readyMs} ms, workflows active in ${started.ms} ms`);
		await n8n.waitForActivation();
	});

	afterAll(async () => {
		await emu?.close();
		await n8n?.dispose();
	});

	it('loads our nodes under the package name without load problems', () => {
		const { nodes, credentials } = n8n.loadedTypes();
		expect(nodes).toEqual(
			expect.arrayContaining(['n8n-nodes-esign.legalesignTrigger', 'n8n-nodes-esign.legalesign']),
		);
		expect(credentials).toContain('legalesignApi');
		expect(n8n.loadProblems()).toEqual([]);
	});

	it('activation registers every automatic trigger exactly once (checkExists, then create) and stores its token', async () => {
		const calls = registrationCalls(startMark);
		note(`registration calls at the first start: ${JSON.stringify(calls)}`);
		expect(calls.filter((c) => c.startsWith('GET /notifications/ 200'))).toHaveLength(
			REGISTERING.length,
		);
		expect(calls.filter((c) => c.startsWith('POST /subscribe/ 201'))).toHaveLength(
			REGISTERING.length,
		);
		expect(calls.filter((c) => c.includes('unsubscribe'))).toEqual([]);
		expect(calls).toHaveLength(2 * REGISTERING.length);
		// Each trigger looks (checkExists) before it registers (create): the k-th subscribe comes
		// after at least k listings.
		calls.forEach((call, index) => {
			const before = calls.slice(0, index);
			if (call.startsWith('POST'))
				expect(before.filter((c) => c.startsWith('GET')).length).toBeGreaterThan(
					before.filter((c) => c.startsWith('POST')).length,
				);
		});

		const subscribes = emu.requests
			.slice(startMark)
			.filter((r) => r.method === 'POST' && r.path === '/legalesign/api/v1/subscribe/')
			.map((r) => withoutQuery(String((r.body as { url: string }).url)));
		expect(subscribes.sort()).toEqual(REGISTERING.map(baseUrl).sort());

		for (const target of REGISTERING) {
			const [subscription, ...more] = registered(target);
			expect(more).toHaveLength(0);
			const token = new URL(subscription.url).searchParams.get('token');
			expect(token).toMatch(/^[0-9a-f]{64}$/);
			// create() stored the token in the node's static data and n8n persisted it.
			expect((await staticDataOf(target)).subscription).toMatchObject({
				url: subscription.url,
				token,
				location: `/unsubscribe/${subscription.id}/`,
				notify: subscription.notify,
			});
		}
		expect(registered(REALTIME)[0]).toMatchObject({
			notify: 'realtime',
			eventFilter: '',
			group: null,
		});
		expect(registered(BATCH)[0]).toMatchObject({ notify: 'all' });
		expect(registered(PER_EVENT)[0]).toMatchObject({ notify: 'signed' });
		expect(registered(LIFECYCLE)[0]).toMatchObject({
			notify: 'realtime',
			eventFilter: 'document.created',
			group: 'main-team',
		});
		expect(registered(MANUAL)).toEqual([]);
		expect(emu.legalesign.listSubscriptions()).toHaveLength(REGISTERING.length);
	});

	it('a verified realtime delivery runs the workflow once with the normalized item', async () => {
		const doc = emu.legalesign.seedDocument({ name: 'E2E realtime NDA' });
		const [attempt, ...more] = await delivered(REALTIME, doc.documentId);
		expect(more).toHaveLength(0);
		expect(attempt).toMatchObject({ status: 200, ok: true, event: 'document.created' });
		const payload = JSON.parse(attempt.body) as { id: string; created: number };
		const [execution, ...others] = await runsMatching(
			REALTIME.workflowId,
			ofDocument(doc.documentId),
			1,
		);
		expect(others).toHaveLength(0);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		expect(execution.triggerItems).toHaveLength(1);
		expect(execution.triggerItems[0].json).toMatchObject({
			provider: 'legalesign',
			event: 'document.sent',
			providerEvent: 'document.created',
			eventId: payload.id,
			documentId: doc.documentId,
			documentStatus: '10',
			documentCompleted: false,
			recipient: null,
			occurredAt: new Date(payload.created * 1000).toISOString(),
			verification: {
				method: 'url-token+hmac-sha256',
				verified: true,
				detail: 'url token + X-Hmac-Sha256 (hex)',
			},
			attributes: {
				objectType: 'document',
				documentName: 'E2E realtime NDA',
				group: 'main-team',
				statusCode: 10,
				statusLabel: 'Sent',
			},
			payload,
		});
		// No secret reaches the execution data.
		const stored = JSON.stringify(execution);
		const token = new URL(registeredUrl(REALTIME)).searchParams.get('token')!;
		for (const secret of [token, emu.legalesign.hmacSecret!, emu.legalesign.secret]) {
			expect(stored).not.toContain(secret);
		}
	});

	it('the emulator repeating realtime deliveries (lost answers) still runs each event once', async () => {
		const doc = emu.legalesign.seedDocument({ name: 'E2E repeated' });
		const handle = emu.legalesign.deliverRealtime({
			to: registeredUrl(REALTIME),
			event: 'recipient.visiting',
			documentId: doc.documentId,
			hmacEncoding: 'base64',
			lostResponses: 2,
		});
		const result = await handle.done;
		expect(result.attempts.map((a) => [a.status, a.ok])).toEqual([
			[200, false],
			[200, false],
			[200, true],
		]);
		expect(result.attempts.map((a) => a.scheduledDelayMs)).toEqual([
			0,
			60_000 * TIME_SCALE,
			300_000 * TIME_SCALE,
		]);
		const visits = await runsMatching(
			REALTIME.workflowId,
			ofDocument(doc.documentId, 'recipient.visiting'),
			1,
		);
		expect(visits).toHaveLength(1);
		expect(visits[0].triggerItems[0].json).toMatchObject({
			event: 'recipient.viewed',
			eventId: (JSON.parse(handle.body) as { id: string }).id,
			recipient: { id: doc.signers[0].signerId, email: 'signer@example.com', role: 'signer' },
			verification: { detail: 'url token + X-Hmac-Sha256 (base64)' },
		});

		// The product flow: signing while every answer is lost once → each event arrives twice.
		emu.legalesign.lostResponses = 1;
		try {
			const handles = to(
				REALTIME,
				emu.legalesign.act({ documentId: doc.documentId, action: 'sign' }),
			);
			const results = await Promise.all(handles.map((h) => h.done));
			expect(handles.map((h) => h.event)).toEqual([
				'recipient.completed',
				'document.finalPdfCreated',
			]);
			expect(results.map((r) => r.attempts.map((a) => [a.status, a.ok]))).toEqual([
				[
					[200, false],
					[200, true],
				],
				[
					[200, false],
					[200, true],
				],
			]);
		} finally {
			emu.legalesign.lostResponses = 0;
		}
		const signed = await runsMatching(
			REALTIME.workflowId,
			ofDocument(doc.documentId, 'recipient.completed'),
			1,
		);
		const finalPdf = await runsMatching(
			REALTIME.workflowId,
			ofDocument(doc.documentId, 'document.finalPdfCreated'),
			1,
		);
		expect([signed.length, finalPdf.length]).toEqual([1, 1]);
		// Download Signed PDF option: the binary is on the item (302 → link fetched without auth).
		const [item] = finalPdf[0].triggerItems;
		expect(item.json).toMatchObject({ event: 'document.completed', documentCompleted: true });
		expect(item.json.enrichmentError).toBeUndefined();
		expect(item.binary?.signedPdf).toMatchObject({
			mimeType: 'application/pdf',
			fileName: `${doc.documentId}.pdf`,
		});
	});

	it('forged realtime deliveries get a real 401 and start nothing (no token, wrong token, bad or missing HMAC)', async () => {
		const tokenUrl = registeredUrl(REALTIME);
		const doc = emu.legalesign.seedDocument({ name: 'E2E forged' });
		await delivered(REALTIME, doc.documentId);
		await runsMatching(REALTIME.workflowId, ofDocument(doc.documentId), 1);
		const fresh = () => realtimeBody('recipient.completed', doc.documentId, 'E2E forged');
		const hmacSecret = emu.legalesign.hmacSecret!;
		const wrongToken = new URL(tokenUrl);
		wrongToken.searchParams.set('token', randomBytes(32).toString('hex'));
		const forgeries: Array<{
			url: string;
			body: string;
			headers: Record<string, string>;
			reason: RegExp;
		}> = [];
		let body = fresh();
		forgeries.push({
			url: baseUrl(REALTIME),
			body,
			headers: { 'x-hmac-sha256': hmacHex(body, hmacSecret) },
			reason: /Missing URL token/,
		});
		body = fresh();
		forgeries.push({
			url: wrongToken.toString(),
			body,
			headers: { 'x-hmac-sha256': hmacHex(body, hmacSecret) },
			reason: /Invalid URL token/,
		});
		body = fresh();
		forgeries.push({
			url: tokenUrl,
			body,
			headers: { 'x-hmac-sha256': hmacHex(body, randomBytes(24).toString('base64url')) },
			reason: /Invalid X-Hmac-Sha256/,
		});
		body = fresh();
		forgeries.push({ url: tokenUrl, body, headers: {}, reason: /Missing X-Hmac-Sha256/ });
		body = fresh();
		forgeries.push({
			url: tokenUrl,
			body: body.replace('E2E forged', 'E2E forgeD'),
			headers: { 'x-hmac-sha256': hmacHex(body, hmacSecret) },
			reason: /Invalid X-Hmac-Sha256/,
		});
		for (const forged of forgeries) {
			const response = await httpRequest(forged.url, {
				method: 'POST',
				body: forged.body,
				headers: { 'content-type': 'application/json', ...forged.headers },
			});
			expect(response.status).toBe(401);
			const answer = response.json() as { error: string };
			expect(answer.error).toMatch(forged.reason);
			expect(response.text).not.toContain(new URL(tokenUrl).searchParams.get('token'));
		}
		await n8n.waitForExecutions({ workflowId: REALTIME.workflowId, count: 0, settleMs: 2000 });
		expect(await runsMatching(REALTIME.workflowId, ofDocument(doc.documentId), 1, 0)).toHaveLength(
			1,
		);

		// The same kind of delivery, genuine in every part, is accepted: the 401s were the forgeries.
		body = fresh();
		const genuine = await httpRequest(tokenUrl, {
			method: 'POST',
			body,
			headers: { 'content-type': 'application/json', 'x-hmac-sha256': hmacHex(body, hmacSecret) },
		});
		expect(genuine.status).toBe(200);
		expect(await runsMatching(REALTIME.workflowId, ofDocument(doc.documentId), 2)).toHaveLength(2);
	});

	it('the realtime filter: Legalesign sends only matching events, the node answers 200 to others and starts nothing', async () => {
		const doc = emu.legalesign.seedDocument({ name: 'E2E filter' });
		await delivered(REALTIME, doc.documentId);
		expect(attemptsTo(SIGNED_ONLY, doc.documentId)).toEqual([]); // filtered at Legalesign
		const stray = await emu.legalesign.deliverRealtime({
			to: registeredUrl(SIGNED_ONLY),
			event: 'document.created',
			documentId: doc.documentId,
		}).done;
		expect(stray.attempts.map((a) => a.status)).toEqual([200]);
		const [signed, ...more] = to(
			SIGNED_ONLY,
			emu.legalesign.act({ documentId: doc.documentId, action: 'sign' }),
		);
		expect(more).toHaveLength(0);
		expect(signed.event).toBe('recipient.completed');
		expect((await signed.done).attempts.map((a) => a.status)).toEqual([200]);
		const runs = await runsMatching(SIGNED_ONLY.workflowId, ofDocument(doc.documentId), 1);
		expect(runs.map((e) => e.triggerItems.map((i) => i.json.providerEvent))).toEqual([
			['recipient.completed'],
		]);
	});

	it('a legacy 6-minute batch of N records becomes N items, in order, with labelled statuses, in ONE execution', async () => {
		const doc = emu.legalesign.seedDocument({
			name: 'E2E batch',
			signers: [
				{ firstname: 'Ada', lastname: 'One', email: 'ada@example.com' },
				{ firstname: 'Bo', lastname: 'Two', email: 'bo@example.com' },
			],
			signed: true,
		});
		// No flushBatch(): the emulator's (scaled) 6-minute timer posts the queue.
		const [attempt, ...more] = await delivered(BATCH, doc.documentId);
		expect(more).toHaveLength(0); // every record of the document went out in one batch
		expect(attempt.status).toBe(200);
		const fields = form(attempt.body);
		const records = JSON.parse(fields.data) as LegalesignChangeRecord[];
		const [s1, s2] = doc.signers.map((s) => `/api/v1/signer/${s.signerId}/`);
		const d = `/api/v1/document/${doc.documentId}/`;
		const ours = records.filter((r) => [s1, s2, d].includes(r.resource_uri));
		expect(ours.map((r) => [r.resource_uri, r.value])).toEqual([
			[s1, '5'],
			[s1, '10'],
			[s2, '5'],
			[s2, '10'],
			[d, '10'],
			[s1, '30'],
			[s1, '40'],
			[s2, '30'],
			[s2, '40'],
			[d, '20'],
			[d, '30'],
			[d, '100'],
		]);

		const hasRecordOf = (item: Record<string, unknown>) =>
			(item.payload as LegalesignChangeRecord | undefined)?.resource_uri === d;
		const [execution, ...others] = await runsMatching(BATCH.workflowId, hasRecordOf, 1);
		expect(others).toHaveLength(0);
		expect(execution.status).toBe('success');
		const items = execution.triggerItems.map((i) => i.json);
		expect(items).toHaveLength(records.length);
		expect(items.map((i) => i.payload)).toEqual(records);
		const mine = items.filter((i) =>
			[s1, s2, d].includes((i.payload as LegalesignChangeRecord).resource_uri),
		);
		expect(
			mine.map((i) => [
				i.providerEvent,
				i.event,
				(i.attributes as { statusLabel: string }).statusLabel,
			]),
		).toEqual([
			['signer.5', 'recipient.scheduled', 'Scheduled'],
			['signer.10', 'recipient.sent', 'Sent'],
			['signer.5', 'recipient.scheduled', 'Scheduled'],
			['signer.10', 'recipient.sent', 'Sent'],
			['document.10', 'document.sent', 'Sent'],
			['signer.30', 'recipient.fieldsCompleted', 'Fields Completed'],
			['signer.40', 'recipient.signed', 'Signed'],
			['signer.30', 'recipient.fieldsCompleted', 'Fields Completed'],
			['signer.40', 'recipient.signed', 'Signed'],
			['document.20', 'document.fieldsCompleted', 'Fields Completed'],
			['document.30', 'document.signed', 'Signed'],
			['document.100', 'document.completed', 'Final PDF Ready'],
		]);
		expect(mine[0]).toMatchObject({
			provider: 'legalesign',
			documentId: null,
			recipient: { id: doc.signers[0].signerId, status: 'Scheduled' },
			attributes: { objectType: 'signer', resourceUri: s1, statusCode: 5 },
			verification: {
				method: 'url-token+rsa-sha1',
				verified: true,
				detail: 'url token + signed (batch)',
			},
		});
		expect(mine[11]).toMatchObject({
			documentId: doc.documentId,
			documentStatus: '100',
			documentCompleted: true,
		});
		expect(new Set(items.map((i) => i.eventId)).size).toBe(items.length);

		// The same batch again (its answer lost once): every record is a repeat, nothing runs.
		const again = await emu.legalesign.deliverBatch({
			to: registeredUrl(BATCH),
			records,
			lostResponses: 1,
		}).done;
		expect(again.attempts.map((a) => a.body)).toEqual([attempt.body, attempt.body]);
		expect(again.attempts.map((a) => a.status)).toEqual([200, 200]);
		expect(await runsMatching(BATCH.workflowId, hasRecordOf, 1)).toHaveLength(1);
	});

	it('forged legacy batches get a real 401 and start nothing', async () => {
		const tokenUrl = registeredUrl(BATCH);
		const resource = `/api/v1/document/${randomUUID()}/`;
		const records = [
			{
				value: '30',
				timestamp: '2026-07-08T10:00:00+00:00',
				resource_uri: resource,
				name: 'status',
			},
		];
		const data = JSON.stringify(records);
		const signature = (text: string, key = emu.legalesign.privateKey) =>
			sign('sha1', Buffer.from(text), key).toString('base64');
		const forgeries = [
			{
				url: tokenUrl,
				body: formBody({ data, signed: signature(data, forgerKey) }),
				reason: /Invalid signature of data/,
			},
			{ url: tokenUrl, body: formBody({ data }), reason: /Missing signature of data/ },
			{
				url: tokenUrl,
				body: formBody({ data: data.replace('"30"', '"100"'), signed: signature(data) }),
				reason: /Invalid signature/,
			},
			{
				url: baseUrl(BATCH),
				body: formBody({ data, signed: signature(data) }),
				reason: /Missing URL token/,
			},
		];
		for (const forged of forgeries) {
			const response = await httpRequest(forged.url, {
				method: 'POST',
				body: forged.body,
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
			});
			expect([response.status, (response.json() as { error: string }).error]).toEqual([
				401,
				expect.stringMatching(forged.reason),
			]);
		}
		const genuine = await httpRequest(tokenUrl, {
			method: 'POST',
			body: formBody({ data, signed: signature(data) }),
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		expect(genuine.status).toBe(200);
		const runs = await runsMatching(
			BATCH.workflowId,
			(item) => (item.payload as { resource_uri?: string }).resource_uri === resource,
			1,
		);
		expect(runs).toHaveLength(1);
		expect(runs[0].triggerItems.map((i) => i.json.providerEvent)).toEqual(['document.30']);
	});

	it('a legacy per-event callback verified by RSA-SHA1 runs once (also when repeated); forged ones get 401', async () => {
		const doc = emu.legalesign.seedDocument({ name: 'E2E legacy signed' });
		emu.legalesign.act({ documentId: doc.documentId, action: 'sign' });
		const [attempt] = await delivered(PER_EVENT, doc.documentId);
		expect(attempt).toMatchObject({ status: 200, event: 'legacy.signed' });
		const fields = form(attempt.body);
		const [execution, ...others] = await runsMatching(
			PER_EVENT.workflowId,
			ofDocument(doc.documentId),
			1,
		);
		expect(others).toHaveLength(0);
		expect(execution.triggerItems).toHaveLength(1);
		const [item] = execution.triggerItems;
		expect(item.json).toMatchObject({
			provider: 'legalesign',
			event: 'document.completed',
			providerEvent: 'signed',
			documentId: doc.documentId,
			documentCompleted: true,
			verification: {
				method: 'url-token+rsa-sha1',
				verified: true,
				detail: 'url token + X-Signed',
			},
			attributes: {
				documentName: 'E2E legacy signed',
				eventCode: 'signed',
				signedData: JSON.parse(fields.json_signed),
			},
		});
		expect(item.binary?.data).toMatchObject({ mimeType: 'application/pdf' });

		// Repeated by the emulator (answers lost twice): one execution.
		const other = emu.legalesign.seedDocument({ name: 'E2E legacy repeated' });
		const repeated = await emu.legalesign.deliverLegacyEvent({
			to: registeredUrl(PER_EVENT),
			kind: 'signed',
			documentId: other.documentId,
			lostResponses: 2,
		}).done;
		expect(repeated.attempts.map((a) => a.status)).toEqual([200, 200, 200]);
		expect(await runsMatching(PER_EVENT.workflowId, ofDocument(other.documentId), 1)).toHaveLength(
			1,
		);

		// Forgeries, each about a document never seen before.
		const tokenUrl = registeredUrl(PER_EVENT);
		const [a, b, c, e] = [forgerKey, signingKey(), signingKey(), signingKey()].map((key) =>
			legacyCallback('signed', key),
		);
		const responses = [
			await postCallback(tokenUrl, a.jsonSigned, { 'x-signed': a.signature }),
			await postCallback(tokenUrl, b.jsonSigned, {}),
			await postCallback(tokenUrl, c.jsonSigned.replace('Forged', 'Forgee'), {
				'x-signed': c.signature,
			}),
			await postCallback(baseUrl(PER_EVENT), e.jsonSigned, { 'x-signed': e.signature }),
		];
		expect(responses.map((r) => [r.status, (r.json() as { error: string }).error])).toEqual([
			[401, 'Invalid signature of json_signed'],
			[401, 'Missing signature of json_signed'],
			[401, 'Invalid signature of json_signed'],
			[401, 'Missing URL token'],
		]);
		const control = legacyCallback('signed', signingKey());
		const accepted = await postCallback(tokenUrl, control.jsonSigned, {
			'x-signed': control.signature,
		});
		expect(accepted.status).toBe(200);
		const [run] = await runsMatching(PER_EVENT.workflowId, ofDocument(control.uuid), 1);
		// Legalesign does not know this document: the PDF download fails, the event is still emitted.
		expect(run.triggerItems[0].json.enrichmentError).toMatch(/signed PDF: .*not found/i);
		const forgedIds: string[] = [a, b, c, e].map((x) => x.uuid);
		const all = await finishedExecutions(PER_EVENT.workflowId);
		expect(
			all.filter((x) => forgedIds.includes(String(x.triggerItems[0]?.json.documentId))),
		).toEqual([]);
	});

	it('manual legacy registration: nothing registered by n8n, the pasted URL is verified by RSA-SHA1 alone', async () => {
		expect(registered(MANUAL)).toEqual([]);
		// The user pastes the Production URL into Legalesign's dashboard.
		emu.legalesign.subscribe({ url: baseUrl(MANUAL), notify: 'rejected' });
		const doc = emu.legalesign.seedDocument({ name: 'E2E manual' });
		emu.legalesign.act({ documentId: doc.documentId, action: 'reject', reason: 'Wrong price' });
		const [attempt] = await delivered(MANUAL, doc.documentId);
		expect(attempt.status).toBe(200);
		const [execution, ...others] = await runsMatching(
			MANUAL.workflowId,
			ofDocument(doc.documentId),
			1,
		);
		expect(others).toHaveLength(0);
		expect(execution.triggerItems[0].json).toMatchObject({
			event: 'document.rejected',
			providerEvent: 'rejected',
			verification: { method: 'rsa-sha1', verified: true, detail: 'X-Signed' },
		});
		const forged = legacyCallback('rejected', forgerKey);
		const refused = await postCallback(baseUrl(MANUAL), forged.jsonSigned, {
			'x-signed': forged.signature,
		});
		expect([refused.status, refused.json()]).toEqual([
			401,
			{ error: 'Invalid signature of json_signed' },
		]);
		await n8n.waitForExecutions({ workflowId: MANUAL.workflowId, count: 0, settleMs: 1500 });
		expect(await finishedExecutions(MANUAL.workflowId)).toHaveLength(1);
	});

	it('action workflow (built-in Webhook start): lists webhooks, deletes one by its URL without the token, gets a document and downloads its signed PDF as binary', async () => {
		const doc = emu.legalesign.seedDocument({ name: 'E2E action contract', signed: true });
		// Three triggers download this PDF themselves; once they are done, the log is the action's.
		for (const [target, providerEvent] of [
			[REALTIME, 'document.finalPdfCreated'],
			[PER_EVENT, 'signed'],
			[exampleTarget(finalPdfExample), 'document.finalPdfCreated'],
		] as const) {
			await runsMatching(target.workflowId, ofDocument(doc.documentId, providerEvent), 1, 0);
		}
		const hookUrl = 'https://hooks.example.com/e2e-action';
		const hookToken = randomBytes(12).toString('hex');
		emu.legalesign.subscribe({
			url: `${hookUrl}?token=${hookToken}`,
			notify: 'realtime',
			eventFilter: 'document.*',
		});
		const subscribed = emu.legalesign.listSubscriptions();
		const mark = emu.requests.length;
		const response = await httpRequest(n8n.webhookPathUrl(ACTION.path), {
			method: 'POST',
			body: { documentId: doc.documentId, webhookUrl: hookUrl },
		});
		expect(response.status).toBe(200);
		const [execution] = await n8n.waitForExecutions({ workflowId: ACTION.workflowId, count: 1 });
		expect(execution.status).toBe('success');
		const output = (node: string) => execution.runData?.[node]?.[0]?.data?.main?.[0] ?? [];

		const webhooks = output('List Webhooks').map((i) => i.json);
		expect(webhooks).toHaveLength(subscribed.length);
		// The triggers' URL tokens are secrets: Get Many shows the URLs with query values redacted.
		const redacted = (url: string) =>
			new URL(url).search ? `${withoutQuery(url)}?token=[redacted]` : url;
		expect(webhooks.map((w) => [w.url, w.notify, w.event_filter, w.active])).toEqual(
			subscribed.map((s) => [redacted(s.url), s.notify, s.eventFilter, true]),
		);
		const tokens = subscribed.map((s) => new URL(s.url).searchParams.get('token'));
		expect(tokens.filter(Boolean).length).toBeGreaterThan(1);
		expect(tokens.filter((token) => token && JSON.stringify(webhooks).includes(token))).toEqual([]);
		// Deleted by its URL without the token: the registration goes, with its exact URL.
		expect(output('Delete Webhook').map((i) => i.json)).toMatchObject([
			{
				url: hookUrl,
				eventFilter: 'document.*',
				unsubscribed: true,
				removed: [{ url: `${hookUrl}?token=[redacted]`, event_filter: 'document.*' }],
			},
		]);
		expect(JSON.stringify(output('Delete Webhook'))).not.toContain(hookToken);
		expect(emu.legalesign.listSubscriptions()).toEqual(
			subscribed.filter((s) => !s.url.startsWith(hookUrl)),
		);

		const [document] = output('Get Document');
		expect(document.json).toMatchObject({
			documentId: doc.documentId,
			name: 'E2E action contract',
			status: 30,
			statusText: 'Signed',
			signedPdfReady: true,
		});
		const [download] = output('Download Signed PDF');
		expect(download.json).toMatchObject({
			documentId: doc.documentId,
			fileName: `${doc.documentId}.pdf`,
			mimeType: 'application/pdf',
		});
		expect(Number(download.json.fileSize)).toBeGreaterThan(100);
		expect(download.binary?.pdf).toMatchObject({
			mimeType: 'application/pdf',
			fileName: `${doc.documentId}.pdf`,
		});
		const calls = emu.requests.slice(mark).filter((r) => r.provider === 'legalesign');
		expect(
			calls.map((r) => [r.method, r.path.replace(/[0-9a-f]{32,}$/, '<link>'), r.status]),
		).toEqual([
			['GET', '/legalesign/api/v1/notifications/', 200],
			['GET', '/legalesign/api/v1/notifications/', 200],
			['POST', '/legalesign/api/v1/unsubscribe/', 200],
			['GET', `/legalesign/api/v1/document/${doc.documentId}/`, 200],
			['GET', `/legalesign/api/v1/pdf/${doc.documentId}/`, 302],
			['GET', '/legalesign/files/<link>', 200],
		]);
		expect(calls[4].headers.authorization).toBe('[redacted]');
		expect(calls[5].headers.authorization).toBeUndefined(); // the short-lived link: no credentials
	});

	it('Webhook Delete takes the URL without its token: each registration of it is removed with its exact URL', async () => {
		const base = 'https://hooks.example.com/e2e-delete';
		const token = () => randomBytes(32).toString('hex');
		const ours = [
			emu.legalesign.subscribe({
				url: `${base}?token=${token()}`,
				notify: 'realtime',
				eventFilter: 'document.*',
			}),
			emu.legalesign.subscribe({
				url: `${base}?token=${token()}`,
				notify: 'realtime',
				eventFilter: 'recipient.*',
			}),
		];
		const other = emu.legalesign.subscribe({
			url: `${base}-other?token=${token()}`,
			notify: 'realtime',
		});
		const mark = emu.requests.length;
		const response = await httpRequest(n8n.webhookPathUrl(WEBHOOK_DELETE.path), {
			method: 'POST',
			body: { url: base },
		});
		expect(response.status).toBe(200);
		const [execution] = await n8n.waitForExecutions({
			workflowId: WEBHOOK_DELETE.workflowId,
			count: 1,
		});
		expect(execution.status).toBe('success');
		const [result] = execution.runData?.['Delete Webhook']?.[0]?.data?.main?.[0] ?? [];
		expect(result.json).toMatchObject({
			url: base,
			unsubscribed: true,
			removed: ours.map((s) => ({ url: `${base}?token=[redacted]`, event_filter: s.eventFilter })),
		});
		const calls = emu.requests.slice(mark).filter((r) => r.provider === 'legalesign');
		expect(calls.map((r) => [r.method, r.path, r.status])).toEqual([
			['GET', '/legalesign/api/v1/notifications/', 200],
			['POST', '/legalesign/api/v1/unsubscribe/', 200],
			['POST', '/legalesign/api/v1/unsubscribe/', 200],
		]);
		expect(calls.slice(1).map((r) => r.body)).toEqual(
			ours.map((s) => ({ url: s.url, eventFilter: s.eventFilter })),
		);
		const remaining = emu.legalesign.listSubscriptions().map((s) => s.url);
		expect(remaining).toContain(other.url);
		expect(remaining.filter((url) => url.startsWith(`${base}?`))).toEqual([]);
		// The tokens were needed only between the node and Legalesign: not in the execution record.
		const record = JSON.stringify(execution);
		const secrets = ours.map((s) => String(new URL(s.url).searchParams.get('token')));
		expect(secrets.filter((secret) => record.includes(secret))).toEqual([]);
	});

	it('example "final PDF created → get the document → download": a signed document ends in its PDF', async () => {
		const target = exampleTarget(finalPdfExample);
		const doc = emu.legalesign.seedDocument({ name: 'Example contract' });
		expect(attemptsTo(target, doc.documentId)).toEqual([]); // document.created is filtered out
		emu.legalesign.act({ documentId: doc.documentId, action: 'sign' });
		const [attempt, ...more] = await delivered(target, doc.documentId);
		expect(more).toHaveLength(0);
		expect(attempt).toMatchObject({ event: 'document.finalPdfCreated', status: 200 });
		const [execution, ...others] = await runsMatching(
			target.workflowId,
			ofDocument(doc.documentId),
			1,
		);
		expect(others).toHaveLength(0);
		expect(execution.status).toBe('success');
		const output = (node: string) => execution.runData?.[node]?.[0]?.data?.main?.[0]?.[0];
		expect(output('Get Document')?.json).toMatchObject({ documentId: doc.documentId, status: 30 });
		expect(output('Download Signed PDF')?.binary?.signedPdf).toMatchObject({
			mimeType: 'application/pdf',
			fileName: `${doc.documentId}.pdf`,
		});
	});

	it('example "recipient rejected / email bounced": each problem takes its own branch, unselected events start nothing', async () => {
		const target = exampleTarget(problemsExample);
		const rejected = emu.legalesign.seedDocument({ name: 'Example rejected' });
		const bounced = emu.legalesign.seedDocument({ name: 'Example bounced' });
		const visited = emu.legalesign.seedDocument({ name: 'Example visited' });
		emu.legalesign.act({
			documentId: rejected.documentId,
			action: 'reject',
			reason: 'Wrong amount',
		});
		emu.legalesign.act({
			documentId: bounced.documentId,
			action: 'bounce',
			message: '550 mailbox unavailable',
		});
		emu.legalesign.act({ documentId: visited.documentId, action: 'visit' });
		const runOf = async (documentId: string) => {
			const [execution, ...others] = await runsMatching(
				target.workflowId,
				ofDocument(documentId),
				1,
			);
			expect(others).toHaveLength(0);
			expect(execution.status).toBe('success');
			return execution.runData ?? {};
		};
		const output = (runData: Execution['runData'], node: string) =>
			runData?.[node]?.[0]?.data?.main?.[0]?.[0]?.json;

		const rejection = await runOf(rejected.documentId);
		expect(output(rejection, 'Get Rejection Reason')).toMatchObject({
			signerId: rejected.signers[0].signerId,
			reason: 'Wrong amount',
		});
		expect(output(rejection, 'Handle Rejection')).toEqual({
			summary: 'Test Signer rejected "Example rejected": Wrong amount',
			documentId: rejected.documentId,
			recipientEmail: 'signer@example.com',
		});
		expect(rejection['Handle Bounced Email']).toBeUndefined();

		const bounce = await runOf(bounced.documentId);
		expect(output(bounce, 'Handle Bounced Email')).toEqual({
			summary: 'The invitation to signer@example.com bounced: 550 mailbox unavailable',
			documentId: bounced.documentId,
			recipientEmail: 'signer@example.com',
		});
		expect(bounce['Get Rejection Reason']).toBeUndefined();

		// "Recipient Visiting" is not selected in the example: answered 200, no execution.
		expect(await runsMatching(target.workflowId, ofDocument(visited.documentId), 0)).toEqual([]);
	});

	it.each(['feed', 'enum'] as const)(
		'Legalesign spelling its events as the %s does: each runs once under its normalized name, selections included',
		async (spelling) => {
			emu.legalesign.realtimeSpelling = spelling;
			let doc: { documentId: string };
			let handles: DeliveryHandle[];
			try {
				doc = emu.legalesign.seedDocument({ name: `E2E spelled ${spelling}` });
				handles = emu.legalesign.act({ documentId: doc.documentId, action: 'sign' });
			} finally {
				emu.legalesign.realtimeSpelling = 'rest';
			}
			await Promise.all(to(REALTIME, handles).map((h) => h.done));
			const runs = await runsMatching(REALTIME.workflowId, ofDocument(doc.documentId), 3);
			const seen = runs.map((e) => e.triggerItems.map((i) => [i.json.providerEvent, i.json.event]));
			expect(seen.flat().sort()).toEqual(
				[
					['document.created', 'document.sent'],
					['recipient.completed', 'recipient.signed'],
					['document.finalPdfCreated', 'document.completed'],
				].sort(),
			);
			expect(runs.every((e) => e.status === 'success')).toBe(true);
			const spelled = [
				...new Set(
					emu.deliveries
						.filter(
							(d) =>
								d.provider === 'legalesign' &&
								d.body.startsWith('{') &&
								d.body.includes(doc.documentId),
						)
						.map((d) => String((JSON.parse(d.body) as { event: string }).event)),
				),
			].sort();
			note(`${spelling} spellings sent: ${JSON.stringify(spelled)}`);
			expect(spelled).toEqual(
				(spelling === 'feed'
					? ['documentCreated', 'recipientCompleted', 'documentFinalPdfCreated']
					: ['DOCUMENTS_CREATED', 'RECIPIENTS_COMPLETED', 'DOCUMENTS_COMPLETED']
				).sort(),
			);
			// SIGNED_ONLY selects only "recipient.completed": the spelled delivery still runs it.
			const [signed, ...more] = to(SIGNED_ONLY, handles);
			expect(more).toHaveLength(0);
			expect((await signed.done).attempts.map((a) => a.status)).toEqual([200]);
			const selected = await runsMatching(SIGNED_ONLY.workflowId, ofDocument(doc.documentId), 1);
			expect(selected.map((e) => e.triggerItems[0].json.providerEvent)).toEqual([
				'recipient.completed',
			]);
		},
	);

	it('never a silent drop: an unrecognized event runs as "unknown" where selected, elsewhere 200 and a log line', async () => {
		const doc = emu.legalesign.seedDocument({ name: 'E2E unrecognized' });
		const unrecognized = { object: 'recipient', event: 'RECIPIENTS_EMAILED' };
		for (const target of [REALTIME, SIGNED_ONLY]) {
			const result = await emu.legalesign.deliverRealtime({
				to: registeredUrl(target),
				event: 'recipient.completed',
				documentId: doc.documentId,
				override: unrecognized,
			}).done;
			expect(result.attempts.map((a) => a.status)).toEqual([200]);
		}
		const runs = await runsMatching(
			REALTIME.workflowId,
			ofDocument(doc.documentId, 'recipient.RECIPIENTS_EMAILED'),
			1,
		);
		expect(runs.map((e) => e.triggerItems[0].json.event)).toEqual(['unknown']);
		await n8n.waitForExecutions({ workflowId: SIGNED_ONLY.workflowId, count: 0 });
		expect(
			(await finishedExecutions(SIGNED_ONLY.workflowId)).filter((e) =>
				e.triggerItems.some((i) => i.json.documentId === doc.documentId),
			),
		).toEqual([]);
		expect(n8n.logsSinceStart()).toContain(
			'Legalesign Trigger: verified delivery started nothing: unrecognized event "recipient.RECIPIENTS_EMAILED" ("Unrecognized Event" is not selected)',
		);
	});

	it('GET /notifications/ wrapped as {meta, objects}: publishing adopts the listed registration, never a second one', async () => {
		const token = randomBytes(32).toString('hex');
		const existing = emu.legalesign.subscribe({
			url: `${baseUrl(ADOPT)}?token=${token}`,
			notify: 'realtime',
			eventFilter: 'document.rejected',
		});
		emu.legalesign.notificationsFormat = 'wrapped';
		try {
			const mark = emu.requests.length;
			await n8n.publishLive(ADOPT.workflowId);
			const calls = registrationCalls(mark);
			note(`publish over an existing registration, wrapped list: ${JSON.stringify(calls)}`);
			expect(calls).toEqual(['GET /notifications/ 200']);
			expect(registered(ADOPT)).toEqual([existing]);
			expect((await staticDataOf(ADOPT)).subscription).toMatchObject({
				url: existing.url,
				token,
			});
			// The adopted token works: a rejection reaches the workflow once.
			const doc = emu.legalesign.seedDocument({ name: 'E2E adopted' });
			emu.legalesign.act({ documentId: doc.documentId, action: 'reject' });
			const runs = await runsMatching(ADOPT.workflowId, ofDocument(doc.documentId), 1);
			expect(runs.map((e) => e.triggerItems[0].json.providerEvent)).toEqual(['document.rejected']);
			await n8n.unpublishLive(ADOPT.workflowId);
			expect(registered(ADOPT)).toEqual([]);
		} finally {
			emu.legalesign.notificationsFormat = 'array';
		}
	});

	it('publishing again, a new version and unpublishing: what n8n calls, and still at most one registration', async () => {
		const first = registered(LIFECYCLE);
		expect(first).toHaveLength(1);

		let mark = emu.requests.length;
		await n8n.publishLive(LIFECYCLE.workflowId);
		const republishCalls = registrationCalls(mark);
		note(`publish the same version again: ${JSON.stringify(republishCalls)}`);
		expect(registered(LIFECYCLE)).toEqual(first); // same registration, same token
		expect(republishCalls).toEqual([]); // n8n 2.41.1 runs no lifecycle method for the same version

		// A new version with other parameters, saved and published like the editor does.
		const { cookie } = await n8n.session();
		const current = await n8n.rest('GET', `/rest/workflows/${LIFECYCLE.workflowId}`, { cookie });
		const workflow = current.data as { nodes: WorkflowNodeImport[]; connections: unknown };
		const nodes = workflow.nodes.map((n) =>
			n.name === TRIGGER ? { ...n, parameters: LIFECYCLE_V2 } : n,
		);
		const saved = await n8n.rest('PATCH', `/rest/workflows/${LIFECYCLE.workflowId}`, {
			cookie,
			body: { nodes, connections: workflow.connections },
		});
		expect(saved.status).toBe(200);
		mark = emu.requests.length;
		await n8n.publishLive(LIFECYCLE.workflowId);
		const newVersionCalls = registrationCalls(mark);
		note(`publish a new version (filter changed): ${JSON.stringify(newVersionCalls)}`);
		expect(newVersionCalls).toEqual([
			`DELETE /unsubscribe/${first[0].id}/ 200`,
			'GET /notifications/ 200',
			'POST /subscribe/ 201',
		]);
		const [second, ...more] = registered(LIFECYCLE);
		expect(more).toHaveLength(0);
		expect(second).toMatchObject({
			notify: 'realtime',
			eventFilter: 'document.rejected',
			group: null,
		});
		expect(second.url).not.toBe(first[0].url); // a fresh token
		expect((await staticDataOf(LIFECYCLE)).subscription).toMatchObject({
			url: second.url,
			eventFilter: 'document.rejected',
		});

		// The old token is dead, the new registration delivers.
		const doc = emu.legalesign.seedDocument({ name: 'E2E lifecycle' });
		const stale = realtimeBody('recipient.completed', doc.documentId, 'E2E lifecycle');
		const old = await httpRequest(first[0].url, {
			method: 'POST',
			body: stale,
			headers: {
				'content-type': 'application/json',
				'x-hmac-sha256': hmacHex(stale, emu.legalesign.hmacSecret!),
			},
		});
		expect([old.status, old.json()]).toEqual([401, { error: 'Invalid URL token' }]);
		emu.legalesign.act({ documentId: doc.documentId, action: 'reject' });
		await runsMatching(LIFECYCLE.workflowId, ofDocument(doc.documentId, 'document.rejected'), 1);

		mark = emu.requests.length;
		await n8n.unpublishLive(LIFECYCLE.workflowId);
		const unpublishCalls = registrationCalls(mark);
		note(`unpublish: ${JSON.stringify(unpublishCalls)}`);
		expect(unpublishCalls).toEqual([`DELETE /unsubscribe/${second.id}/ 200`]);
		expect(registered(LIFECYCLE)).toEqual([]);
		expect(await staticDataOf(LIFECYCLE)).toEqual({});
		const gone = await httpRequest(second.url, { method: 'POST', body: {} });
		expect(gone.status).toBe(404);
	});

	it('after a restart: registrations and tokens survive without lifecycle calls; the duplicate memory is in-process only', async () => {
		const before = emu.legalesign.listSubscriptions();
		const doc = emu.legalesign.seedDocument({ name: 'E2E restart' });
		const [first] = await delivered(REALTIME, doc.documentId);
		await runsMatching(REALTIME.workflowId, ofDocument(doc.documentId), 1);
		// webhook() writes nothing: after all the deliveries of this file, every trigger's static
		// data is exactly the registration create() stored, so a delivery in flight during a
		// re-publish cannot save an old token over the new one.
		const staticData: Record<string, Record<string, unknown>> = {};
		for (const target of [...REGISTERING.filter((t) => t !== LIFECYCLE), MANUAL])
			staticData[target.webhookId] = await staticDataOf(target);
		const realtimeRegistration = (staticData[REALTIME.webhookId].subscription ?? {}) as Record<
			string,
			unknown
		>;
		note(
			`static data of the realtime trigger: subscription { ${Object.keys(realtimeRegistration).join(', ')} } (values not printed: they hold the token)`,
		);
		for (const target of REGISTERING.filter((t) => t !== LIFECYCLE)) {
			expect(Object.keys(staticData[target.webhookId])).toEqual(['subscription']);
			expect(staticData[target.webhookId].subscription).toMatchObject({
				url: registeredUrl(target),
			});
		}
		expect(staticData[MANUAL.webhookId]).toEqual({});

		const mark = emu.requests.length;
		const restart = await n8n.restart();
		note(`restart: ${restart.ms} ms`);
		expect(registrationCalls(mark)).toEqual([]);
		expect(emu.legalesign.listSubscriptions()).toEqual(before);
		expect(await staticDataOf(REALTIME)).toEqual(staticData[REALTIME.webhookId]);

		// The very same delivery again (byte for byte, same token and HMAC), as a Legalesign retry
		// that straddles the restart: the process memory is gone, so it runs again (README).
		const again = await httpRequest(first.url, {
			method: 'POST',
			body: first.body,
			headers: first.headers,
		});
		expect([again.status, again.json()]).toEqual([200, { received: true, events: 1 }]);
		const runs = await runsMatching(REALTIME.workflowId, ofDocument(doc.documentId), 2);
		note(`executions of the restarted-then-repeated delivery: ${runs.length}`);
		expect(runs).toHaveLength(2);
		// ... and is suppressed again from then on.
		const third = await httpRequest(first.url, {
			method: 'POST',
			body: first.body,
			headers: first.headers,
		});
		expect([third.status, third.json()]).toEqual([
			200,
			{ received: true, events: 0, duplicates: 1 },
		]);

		// A new event after the restart is accepted with the stored token.
		emu.legalesign.act({ documentId: doc.documentId, action: 'open' });
		await runsMatching(REALTIME.workflowId, ofDocument(doc.documentId, 'recipient.emailOpened'), 1);
		expect(await runsMatching(REALTIME.workflowId, ofDocument(doc.documentId), 3, 0)).toHaveLength(
			3,
		);
		expect(await staticDataOf(REALTIME)).toEqual(staticData[REALTIME.webhookId]);
		expect(registered(LIFECYCLE)).toEqual([]);
	});

	it('n8n logs carry none of the secrets', () => {
		const logs = n8n.logs();
		const tokens = emu.requests
			.filter((r) => r.method === 'POST' && r.path.endsWith('/subscribe/'))
			.map((r) => new URL(String((r.body as { url: string }).url)).searchParams.get('token'));
		expect(tokens).toHaveLength(REGISTERING.length + 1); // + the lifecycle trigger's new version
		const secrets = [emu.legalesign.secret, emu.legalesign.hmacSecret, ...tokens];
		expect(secrets.filter((secret) => !secret || logs.includes(secret))).toEqual([]);
	});
});
