import { createHmac, verify, X509Certificate } from 'node:crypto';

import {
	type DeliveryHandle,
	type Emulator,
	legalesign as standalone,
	type ReceivedRequest,
	type Receiver,
	startEmulator,
	startReceiver,
} from '../../emulator';
import { sleep } from 'n8n-workflow';

import { readRepoFile } from '../support/repo';

type Dict = Record<string, unknown>;

function client(emu: Emulator) {
	return async (
		method: string,
		path: string,
		options: { body?: unknown; auth?: string | null } = {},
	) => {
		const headers: Record<string, string> = {};
		const auth = options.auth === undefined ? emu.legalesign.authorization : options.auth;
		if (auth !== null) headers.Authorization = auth;
		let body: string | undefined;
		if (options.body !== undefined) {
			headers['Content-Type'] = 'application/json';
			body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
		}
		const res = await fetch(`${emu.legalesign.baseUrl}${path}`, {
			method,
			headers,
			body,
			redirect: 'manual',
		});
		const text = await res.text();
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: res.status, headers: res.headers, text, json: json as Dict & Dict[] };
	};
}

/** RSA signature check with the published certificate, independent of the node's code. */
function verifiedBy(
	certificatePem: string,
	text: string,
	signature: string,
	algorithm = 'sha1',
): boolean {
	return verify(
		algorithm,
		Buffer.from(text, 'utf8'),
		new X509Certificate(certificatePem).publicKey,
		Buffer.from(signature, 'base64'),
	);
}

const form = (req: ReceivedRequest) => Object.fromEntries(new URLSearchParams(req.body));

describe('Legalesign emulator: REST API', () => {
	let emu: Emulator;
	let call: ReturnType<typeof client>;
	let clock = Date.parse('2026-07-08T10:00:00Z');

	beforeAll(async () => {
		emu = await startEmulator({
			port: 0,
			timeScale: 0,
			now: () => clock,
			legalesign: { hmacSecret: null },
		});
		call = client(emu);
	});
	afterAll(async () => {
		await emu.close();
	});

	it('requires exactly "ApiKey <username>:<secret>" (401 with an empty body otherwise)', async () => {
		for (const auth of [
			null,
			`Bearer ${emu.legalesign.secret}`,
			`ApiKey ${emu.legalesign.username}:wrong`,
			`${emu.legalesign.username}:${emu.legalesign.secret}`,
		]) {
			const res = await call('GET', '/group/', { auth });
			expect([res.status, res.text]).toEqual([401, '']);
		}
		expect((await call('GET', '/group/')).status).toBe(200);
		expect(
			emu.requests.some((r) => JSON.stringify(r.headers).includes(emu.legalesign.secret)),
		).toBe(false);
	});

	it('wants trailing slashes, and answers 404 / 405 for unknown paths and methods', async () => {
		expect(await call('GET', '/group')).toMatchObject({
			status: 404,
			json: { error: 'Paths end with a slash: /group/' },
		});
		expect((await call('GET', '/nothing/')).status).toBe(404);
		expect((await call('PUT', '/group/')).status).toBe(405);
	});

	it('lists with Tastypie meta/objects pages', async () => {
		const first = await call('GET', '/group/?limit=1');
		expect(first.json).toEqual({
			meta: {
				limit: 1,
				next: '/api/v1/group/?limit=1&offset=1',
				offset: 0,
				previous: null,
				total_count: 2,
			},
			objects: [
				expect.objectContaining({
					slug: 'main-team',
					name: 'Main team',
					resource_uri: '/api/v1/group/main-team/',
				}),
			],
		});
		const second = await call('GET', '/group/?limit=1&offset=1');
		expect(second.json.meta).toMatchObject({
			next: null,
			previous: '/api/v1/group/?limit=1&offset=0',
		});
		const templates = await call('GET', '/templatepdf/?group=sales');
		expect((templates.json.objects as Dict[]).map((t) => t.title)).toEqual(['Sales order']);
		expect((templates.json.objects as Dict[])[0]).toMatchObject({
			signer_count: 1,
			parties: '["Customer"]',
			valid: true,
		});
	});

	it('creates documents with field-keyed validation errors, then lists, reads and voids them', async () => {
		const bad = await call('POST', '/document/', {
			body: {
				group: 'main-team',
				name: 'x'.repeat(61),
				signers: [{ email: 'nope', firstname: 'A' }],
			},
		});
		expect(bad).toMatchObject({
			status: 400,
			json: {
				document: {
					name: ['Ensure this value has at most 60 characters.'],
					templatepdf: ['This field is required.'],
					signers: {
						'1': { email: ['Enter a valid email address.'], lastname: ['This field is required.'] },
					},
				},
			},
		});
		expect(await call('POST', '/document/', { body: '[1]' })).toMatchObject({
			status: 400,
			json: { error: 'The request body must be a JSON object.' },
		});
		const created = await call('POST', '/document/', {
			body: {
				group: '/api/v1/group/main-team/',
				name: 'NDA',
				templatepdf: '/api/v1/templatepdf/1b7d3c44-5f20-4a1e-9c1d-000000000002/',
				signers: [
					{ firstname: 'Asha', lastname: 'Rao', email: 'asha@example.com' },
					{ firstname: 'Ravi', lastname: 'Kumar', email: 'ravi@example.com' },
				],
				signers_in_order: true,
				return_signer_links: true,
			},
		});
		expect(created.status).toBe(201);
		const location = created.headers.get('location')!;
		expect(location).toMatch(new RegExp(`^${emu.legalesign.baseUrl}/document/[0-9a-f-]{36}/$`));
		expect(Object.keys(created.json)).toEqual(['signer_1', 'signer_2']);
		const id = location.split('/').slice(-2)[0];
		const detail = await call('GET', `/document/${id}/`);
		expect(detail.json).toMatchObject({
			uuid: id,
			status: 10,
			created: '2026-07-08T10:00:00',
			signers_in_order: true,
		});
		expect((detail.json.signer_objects as Dict[]).map((s) => s.status)).toEqual([10, 4]);
		expect(await call('GET', '/document/')).toMatchObject({
			status: 400,
			json: { document: { group: ['This field is required.'] } },
		});
		clock += 60_000;
		const since = await call(
			'GET',
			'/document/?group=main-team&created_gt=2026-07-08T09:59:00&nosigners=1',
		);
		expect((since.json.objects as Dict[]).map((d) => d.uuid)).toEqual([id]);
		expect((since.json.objects as Dict[])[0]).not.toHaveProperty('signers');
		expect((await call('DELETE', `/document/${id}/`)).status).toBe(204);
		expect(emu.legalesign.getDocument(id)).toMatchObject({ status: 40, archived: true });
		const notArchived = await call('GET', '/document/?group=main-team');
		expect((notArchived.json.objects as Dict[]).map((d) => d.uuid)).not.toContain(id);
		expect(emu.legalesign.pendingBatchRecords.slice(-1)).toEqual([
			{
				value: '40',
				timestamp: '2026-07-08T10:01:00+00:00',
				resource_uri: `/api/v1/document/${id}/`,
				name: 'status',
			},
		]);
	});

	it('serves the signed PDF: 302 to a short-lived link without auth, 200 direct, 201 restoring', async () => {
		const doc = emu.legalesign.seedDocument({ signed: true });
		const redirect = await call('GET', `/pdf/${doc.documentId}/`);
		expect(redirect.status).toBe(302);
		const link = redirect.headers.get('location')!;
		expect(
			(await fetch(link, { headers: { Authorization: emu.legalesign.authorization } })).status,
		).toBe(400);
		const file = await fetch(link);
		expect([file.status, file.headers.get('content-type')]).toEqual([200, 'application/pdf']);
		expect(Buffer.from(await file.arrayBuffer()).toString('latin1')).toContain(doc.documentId);
		clock += 61_000;
		expect((await fetch(link)).status).toBe(403);
		emu.legalesign.setPdfMode(doc.documentId, 'direct');
		const direct = await call('GET', `/pdf/${doc.documentId}/`);
		expect([direct.status, direct.text.slice(0, 8)]).toEqual([200, '%PDF-1.4']);
		emu.legalesign.setPdfMode(doc.documentId, 'restoring');
		expect((await call('GET', `/pdf/${doc.documentId}/`)).status).toBe(201);
		const audit = await call('GET', `/document/${doc.documentId}/auditlog/`);
		expect(audit.text.startsWith('%PDF')).toBe(true);
		const fields = await call('GET', `/document/${doc.documentId}/fields/`);
		expect(fields.json).toEqual([
			expect.objectContaining({ element_type: 'signature', state: true }),
		]);
	});

	it('serves signers: get, reminder, new link and rejection', async () => {
		const doc = emu.legalesign.seedDocument({
			signers: [
				{ firstname: 'Asha', lastname: 'Rao', email: 'asha@example.com' },
				{ firstname: 'Ravi', lastname: 'Kumar', email: 'ravi@example.com' },
			],
		});
		const [first, second] = doc.signers.map((s) => s.signerId);
		expect((await call('GET', `/signer/${first}/`)).json).toMatchObject({
			first_name: 'Asha',
			status: 10,
			document: `/api/v1/document/${doc.documentId}/`,
		});
		expect(
			(await call('POST', `/signer/${first}/send-reminder/`, { body: { text: 'Hi' } })).status,
		).toBe(200);
		const link = await call('GET', `/signer/${first}/new-link/`);
		expect([link.status, link.headers.get('location')]).toEqual([
			201,
			expect.stringContaining(`/legalesign/sign/${first}/`),
		]);
		emu.legalesign.act({ documentId: doc.documentId, signer: 0, action: 'sign' });
		expect(await call('POST', `/signer/${first}/send-reminder/`, { body: {} })).toMatchObject({
			status: 400,
			json: { signer: { status: expect.any(Array) } },
		});
		emu.legalesign.act({
			documentId: doc.documentId,
			signer: second,
			action: 'reject',
			reason: 'Wrong amount',
		});
		expect((await call('GET', `/signer/${second}/rejection/`)).json).toEqual({
			status: 60,
			reason: 'Wrong amount',
		});
		expect(emu.legalesign.getDocument(doc.documentId)!.status).toBe(50);
	});

	it('keeps webhook registrations: subscribe, list (bare array), unsubscribe by id or URL', async () => {
		expect(
			await call('POST', '/subscribe/', {
				body: { url: 'ftp://x', notify: 'often', eventFilter: 'document.signed', group: 'nope' },
			}),
		).toMatchObject({
			status: 400,
			json: {
				url: ['Enter a valid URL.'],
				notify: [expect.any(String)],
				eventFilter: [expect.any(String)],
				group: [expect.any(String)],
			},
		});
		const created = await call('POST', '/subscribe/', {
			body: {
				url: 'https://h.example/a?token=1',
				notify: 'realtime',
				eventFilter: 'document.*',
				group: 'sales',
			},
		});
		expect([created.status, created.text]).toEqual([201, '']);
		const location = created.headers.get('location')!;
		expect(location).toMatch(new RegExp(`^${emu.legalesign.baseUrl}/unsubscribe/\\d+/$`));
		await call('POST', '/subscribe/', { body: { url: 'https://h.example/b', notify: 'all' } });
		expect((await call('GET', '/notifications/')).json).toEqual([
			{
				url: 'https://h.example/a?token=1',
				notify_when: 10,
				event_filter: 'document.*',
				group_id: 2,
				active: true,
			},
			{
				url: 'https://h.example/b',
				notify_when: 1,
				event_filter: '',
				group_id: null,
				active: true,
			},
		]);
		const path = new URL(location).pathname.replace('/legalesign/api/v1', '');
		expect(await call('DELETE', path)).toMatchObject({
			status: 200,
			json: { message: 'Webhook removed' },
		});
		expect((await call('DELETE', path)).status).toBe(404);
		expect(
			(await call('POST', '/unsubscribe/', { body: { url: 'https://h.example/never' } })).status,
		).toBe(200);
		expect(
			(await call('POST', '/unsubscribe/', { body: { url: 'https://h.example/b' } })).status,
		).toBe(200);
		expect((await call('POST', '/unsubscribe/', { body: { url: 'nope' } })).status).toBe(400);
		expect(emu.legalesign.listSubscriptions()).toEqual([]);
	});

	it('lists GET /notifications/ wrapped as {meta, objects} when asked (option, live, control API)', async () => {
		await call('POST', '/subscribe/', { body: { url: 'https://h.example/w', notify: 'realtime' } });
		const entry = {
			url: 'https://h.example/w',
			notify_when: 10,
			event_filter: '',
			group_id: null,
			active: true,
		};
		expect((await call('GET', '/notifications/')).json).toEqual([entry]);
		const control = await fetch(`${emu.url}/legalesign/_control/options`, {
			method: 'POST',
			body: JSON.stringify({ notificationsFormat: 'wrapped' }),
		});
		expect(await control.json()).toMatchObject({ notificationsFormat: 'wrapped' });
		try {
			expect((await call('GET', '/notifications/')).json).toEqual({
				meta: { limit: 1, next: null, offset: 0, previous: null, total_count: 1 },
				objects: [entry],
			});
		} finally {
			emu.legalesign.setOptions({ notificationsFormat: 'array' });
			emu.legalesign.clearSubscriptions();
		}
		expect(() => emu.legalesign.setOptions({ notificationsFormat: 'x' as 'array' })).toThrow();
	});

	it('never reuses the registration ids of an earlier emulator run', async () => {
		const other = await startEmulator({ port: 0, timeScale: 0 });
		try {
			const spec = { url: 'https://h.example/ids', notify: 'realtime' as const };
			const here = emu.legalesign.subscribe(spec);
			const there = other.legalesign.subscribe(spec);
			expect(there.id).not.toBe(here.id);
			expect(emu.legalesign.subscribe(spec).id).toBe(here.id + 1);
		} finally {
			emu.legalesign.clearSubscriptions();
			await other.close();
		}
	});

	it('injects failures (e.g. 429) for the next matching requests', async () => {
		emu.legalesign.failNext({ status: 429, times: 2, path: '/group/' });
		expect((await call('GET', '/group/')).status).toBe(429);
		expect((await call('GET', '/templatepdf/')).status).toBe(200);
		expect((await call('GET', '/group/')).status).toBe(429);
		expect((await call('GET', '/group/')).status).toBe(200);
	});
});

describe('Legalesign emulator: webhooks', () => {
	let emu: Emulator;
	let receiver: Receiver;
	let failFirst = false;

	beforeAll(async () => {
		receiver = await startReceiver({
			respond: (req) => (failFirst && req.index === 0 ? 503 : 200),
		});
		emu = await startEmulator({ port: 0, timeScale: 0.00001 });
	});
	afterAll(async () => {
		await emu.close();
		await receiver.close();
	});
	beforeEach(() => {
		receiver.requests.length = 0;
		emu.legalesign.clearSubscriptions();
	});

	const subscribe = (
		path: string,
		notify: 'realtime' | 'all' | 'signed' | 'sent' | 'rejected',
		eventFilter = '',
		group: string | null = null,
	) => emu.legalesign.subscribe({ url: `${receiver.url}${path}`, notify, eventFilter, group });

	async function settle(handles: DeliveryHandle[]) {
		return await Promise.all(handles.map((h) => h.done));
	}

	it('delivers realtime events to matching subscriptions, signed with X-Hmac-Sha256', async () => {
		subscribe('/all', 'realtime');
		subscribe('/recipients', 'realtime', 'recipient.*');
		subscribe('/final', 'realtime', 'document.finalPdfCreated');
		subscribe('/sales', 'realtime', '', 'sales');
		const doc = emu.legalesign.seedDocument({ name: 'NDA' });
		const handles = emu.legalesign.act({ documentId: doc.documentId, action: 'sign' });
		await settle(handles);
		await receiver.waitFor(5); // document.created (from seeding) is not among the handles
		const seen = receiver.requests
			.map((r) => [r.path, `${(r.json as Dict).object}.${(r.json as Dict).event}`])
			.sort();
		expect(seen).toEqual(
			[
				['/all', 'document.created'],
				['/all', 'recipient.completed'],
				['/all', 'document.finalPdfCreated'],
				['/recipients', 'recipient.completed'],
				['/final', 'document.finalPdfCreated'],
			].sort(),
		);
		for (const req of receiver.requests) {
			expect(req.headers['content-type']).toBe('application/json');
			expect(req.headers['x-hmac-sha256']).toBe(
				createHmac('sha256', emu.legalesign.hmacSecret!).update(req.body).digest('hex'),
			);
			expect(
				verifiedBy(
					emu.legalesign.certificatePem,
					req.body,
					String(req.headers['x-signed-sha256']),
					'sha256',
				),
			).toBe(true);
		}
		const final = receiver.requests.find((r) => r.path === '/final')!.json as Dict;
		expect(final).toMatchObject({
			version: '1.0',
			id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			object: 'document',
			event: 'finalPdfCreated',
			created: expect.any(Number),
			data: {
				uuid: doc.documentId,
				name: 'NDA',
				status: 30,
				statusText: 'Signed',
				group: 'main-team',
				resourceUri: `/api/v1/document/${doc.documentId}/`,
			},
		});
		const recipient = receiver.requests.find((r) => r.path === '/recipients')!.json as Dict;
		expect(recipient.data).toMatchObject({
			uuid: doc.signers[0].signerId,
			status: 40,
			document: doc.documentId,
			documentName: 'NDA',
			roleText: 'Signer',
		});
	});

	it.each([
		[
			'feed',
			{
				'document.created': 'documentCreated',
				'recipient.completed': 'recipientCompleted',
				'document.finalPdfCreated': 'documentFinalPdfCreated',
			},
		],
		[
			'enum',
			{
				'document.created': 'DOCUMENTS_CREATED',
				'recipient.completed': 'RECIPIENTS_COMPLETED',
				'document.finalPdfCreated': 'DOCUMENTS_COMPLETED',
			},
		],
	] as const)(
		'spells realtime events as the %s does (realtimeSpelling), filters stay REST names',
		async (spelling, expected) => {
			subscribe('/spelled', 'realtime', '');
			subscribe('/final-only', 'realtime', 'document.finalPdfCreated');
			emu.legalesign.realtimeSpelling = spelling;
			try {
				const doc = emu.legalesign.seedDocument({ name: 'Spelled' });
				await settle(emu.legalesign.act({ documentId: doc.documentId, action: 'sign' }));
				await receiver.waitFor(4);
			} finally {
				emu.legalesign.realtimeSpelling = 'rest';
			}
			const spelled = receiver.requests
				.filter((r) => r.path === '/spelled')
				.map((r) => [(r.json as Dict).object, (r.json as Dict).event]);
			expect(spelled).toEqual([
				['document', expected['document.created']],
				['recipient', expected['recipient.completed']],
				['document', expected['document.finalPdfCreated']],
			]);
			expect(receiver.requests.filter((r) => r.path === '/final-only')).toHaveLength(1);
		},
	);

	it('deliverRealtime({spelling}) and the standalone spellEvent', async () => {
		const handle = emu.legalesign.deliverRealtime({
			to: `${receiver.url}/one`,
			event: 'recipient.bounced',
			spelling: 'enum',
		});
		await handle.done;
		expect((receiver.requests[0].json as Dict).event).toBe('RECIPIENTS_EMAILBOUNCED');
		expect(standalone.spellEvent('recipient.emailOpened', 'enum')).toBe('emailOpened');
		expect(standalone.spellEvent('recipient.bounced', 'feed')).toBe('recipientEmailBounced');
		expect(standalone.spellEvent('recipient.bounced')).toBe('bounced');
		expect(() => standalone.spellEvent('recipient.bounced', 'x' as 'rest')).toThrow();
	});

	it('retries failed deliveries on its schedule with byte-identical bodies', async () => {
		failFirst = true;
		try {
			subscribe('/flaky', 'realtime', 'recipient.visiting');
			const doc = emu.legalesign.seedDocument();
			const [handle] = emu.legalesign.act({ documentId: doc.documentId, action: 'visit' });
			const result = await handle.done;
			expect(result.delivered).toBe(true);
			expect(result.attempts.map((a) => [a.attempt, a.status])).toEqual([
				[1, 503],
				[2, 200],
			]);
			expect(result.attempts[1].scheduledDelayMs).toBeCloseTo(60_000 * 0.00001);
			expect(receiver.requests[0].body).toBe(receiver.requests[1].body);
			expect(receiver.requests[0].headers['x-hmac-sha256']).toBe(
				receiver.requests[1].headers['x-hmac-sha256'],
			);
		} finally {
			failFirst = false;
		}
	});

	it('lostResponses makes a healthy receiver get retries (per delivery or for every delivery)', async () => {
		const doc = emu.legalesign.seedDocument();
		const repeated = emu.legalesign.deliverRealtime({
			to: `${receiver.url}/lost`,
			event: 'recipient.visiting',
			documentId: doc.documentId,
			lostResponses: 2,
		});
		const result = await repeated.done;
		expect(result.delivered).toBe(true);
		expect(result.attempts.map((a) => [a.attempt, a.status, a.ok])).toEqual([
			[1, 200, false],
			[2, 200, false],
			[3, 200, true],
		]);
		const bodies = receiver.requests.filter((r) => r.path === '/lost').map((r) => r.body);
		expect(new Set(bodies).size).toBe(1);
		expect(bodies).toHaveLength(3);

		subscribe('/all-lost', 'all');
		emu.legalesign.lostResponses = 1;
		try {
			emu.legalesign.act({ documentId: doc.documentId, action: 'open' });
			const [batch] = emu.legalesign.flushBatch();
			expect((await batch.done).attempts.map((a) => [a.status, a.ok])).toEqual([
				[200, false],
				[200, true],
			]);
		} finally {
			emu.legalesign.lostResponses = 0;
		}
	});

	it('sends legacy per-event callbacks as signed forms', async () => {
		subscribe('/sent', 'sent');
		subscribe('/signed', 'signed');
		subscribe('/rejected', 'rejected');
		const signedDoc = emu.legalesign.seedDocument({ name: 'Signed one' });
		await settle(emu.legalesign.act({ documentId: signedDoc.documentId, action: 'sign' }));
		const rejectedDoc = emu.legalesign.seedDocument({ name: 'Rejected one' });
		await settle(emu.legalesign.act({ documentId: rejectedDoc.documentId, action: 'reject' }));
		await receiver.waitFor(4);
		const byPath = (path: string) => receiver.requests.filter((r) => r.path === path);
		expect(byPath('/sent')).toHaveLength(2);
		const [signed] = byPath('/signed');
		expect(signed.headers['content-type']).toBe('application/x-www-form-urlencoded');
		const fields = form(signed);
		expect(fields).toMatchObject({
			name: 'Signed one',
			event: 'signed',
			uuid: signedDoc.documentId,
			resource_uri: `/api/v1/document/${signedDoc.documentId}/`,
		});
		expect(JSON.parse(fields.json_signed)).toMatchObject({
			event: 'signed',
			uuid: signedDoc.documentId,
			group: 'main-team',
		});
		expect(
			verifiedBy(
				emu.legalesign.certificatePem,
				fields.json_signed,
				String(signed.headers['x-signed']),
			),
		).toBe(true);
		expect(form(byPath('/rejected')[0]).uuid).toBe(rejectedDoc.documentId);
	});

	it('batches status changes every 6 minutes (scaled) as signed data, in order', async () => {
		subscribe('/batch', 'all');
		const doc = emu.legalesign.seedDocument();
		emu.legalesign.act({ documentId: doc.documentId, action: 'open' });
		// No flushBatch(): the timer (360000 ms x 0.00001 = 3.6 ms) sends it.
		let batch: ReceivedRequest | undefined;
		for (let waited = 0; !batch && waited < 5000; waited += 10) {
			batch = receiver.requests.find((r) => r.path === '/batch' && r.body.includes(doc.documentId));
			if (!batch) await sleep(10);
		}
		const fields = form(batch!);
		expect(verifiedBy(emu.legalesign.certificatePem, fields.data, fields.signed)).toBe(true);
		const signer = `/api/v1/signer/${doc.signers[0].signerId}/`;
		const records = (JSON.parse(fields.data) as Dict[]).filter((r) =>
			[signer, `/api/v1/document/${doc.documentId}/`].includes(String(r.resource_uri)),
		);
		expect(records.map((r) => [r.resource_uri, r.value])).toEqual([
			[signer, '5'],
			[signer, '10'],
			[`/api/v1/document/${doc.documentId}/`, '10'],
			[signer, '15'],
		]);
		expect(records[0]).toEqual({
			value: '5',
			timestamp: expect.stringMatching(/\+00:00$/),
			resource_uri: signer,
			name: 'status',
		});
		expect(emu.legalesign.flushBatch()).toEqual([]);
	});

	it('delivers to arbitrary URLs (for tests and the CLI)', async () => {
		const realtime = emu.legalesign.deliverRealtime({
			to: `${receiver.url}/any`,
			event: 'recipient.bounced',
			id: 'fixed-id',
		});
		const legacyEvent = emu.legalesign.deliverLegacyEvent({
			to: `${receiver.url}/any`,
			kind: 'rejected',
		});
		const records = [
			standalone.changeRecord('document', 'd-1', 100, Date.parse('2026-07-08T10:00:00Z')),
		];
		const batch = emu.legalesign.deliverBatch({ to: `${receiver.url}/any`, records });
		await settle([realtime, legacyEvent, batch]);
		const [json, legacy, batched] = [...receiver.requests]
			.sort((a, b) => a.body.length - b.body.length)
			.reverse();
		expect([json, legacy, batched].map((r) => r.path)).toEqual(['/any', '/any', '/any']);
		const bodies = receiver.requests.map((r) => r.body);
		expect(
			bodies.some((b) => b.includes('"id":"fixed-id"') && b.includes('"event":"bounced"')),
		).toBe(true);
		const batchRequest = receiver.requests.find((r) => r.body.startsWith('data='))!;
		expect(JSON.parse(form(batchRequest).data)).toEqual([
			{
				value: '100',
				timestamp: '2026-07-08T10:00:00+00:00',
				resource_uri: '/api/v1/document/d-1/',
				name: 'status',
			},
		]);
	});

	it('has a JSON control API for out-of-process tests', async () => {
		const base = `${emu.url}/legalesign/_control`;
		const post = async (path: string, body: unknown) =>
			(
				await fetch(`${base}${path}`, { method: 'POST', body: JSON.stringify(body) })
			).json() as Promise<Dict & Dict[]>;
		const doc = await post('/documents', { name: 'Controlled' });
		subscribe('/control', 'realtime', 'recipient.completed');
		const deliveries = await post('/act', { documentId: doc.documentId, action: 'sign' });
		expect(deliveries).toEqual([
			expect.objectContaining({ event: 'recipient.completed', url: `${receiver.url}/control` }),
		]);
		const state = (await (await fetch(`${base}/state`)).json()) as Dict;
		expect(state.subscriptions).toEqual([
			expect.objectContaining({ url: `${receiver.url}/control`, notify: 'realtime' }),
		]);
		expect(String(state.certificatePem)).toContain('BEGIN CERTIFICATE');
		expect(await post('/act', { documentId: 'nope', action: 'sign' })).toEqual({
			error: 'unknown documentId nope',
		});
	});
});

describe('Legalesign emulator: standalone helpers and docs', () => {
	it('builds realtime bodies without a server', () => {
		const doc = standalone.sampleDocument({ name: 'Sample', uuid: 'd-1' });
		expect(
			standalone.buildRealtimeBody('document.created', {
				document: doc,
				nowMs: 1_783_500_000_000,
				id: 'e-1',
			}),
		).toMatchObject({
			id: 'e-1',
			object: 'document',
			event: 'created',
			created: 1_783_500_000,
			data: { uuid: 'd-1', name: 'Sample' },
		});
		expect(standalone.RETRY_DELAYS_MS).toEqual([60_000, 300_000, 1_800_000, 7_200_000]);
	});

	it('README lists every Legalesign assumption word for word', () => {
		const readme = readRepoFile('emulator/README.md');
		const missing = standalone.ASSUMPTIONS.filter(
			(a) => !readme.includes(`- **${a.id}**: ${a.text}`),
		).map((a) => a.id);
		expect(missing).toEqual([]);
	});
});
