import {
	type DeliveryAttempt,
	type Emulator,
	lexgosign as standalone,
	type ReceivedRequest,
	type Receiver,
	startEmulator,
	startReceiver,
} from '../../emulator';
import { readRepoFile } from '../support/repo';

/* ------------------------------------------------------------------ helpers */

type Dict = Record<string, unknown>;

interface Answer {
	status: number;
	headers: Headers;
	body: Dict;
	text: string;
}

const PDF = Buffer.from('%PDF-1.4\n% test\n%%EOF\n', 'latin1');
const pdf64 = PDF.toString('base64');

function client(emu: Emulator) {
	return async (
		method: string,
		path: string,
		options: {
			body?: unknown;
			key?: string | null;
			headers?: Record<string, string>;
			base?: string;
		} = {},
	): Promise<Answer> => {
		const headers: Record<string, string> = { ...(options.headers ?? {}) };
		const key = options.key === undefined ? emu.lexgosign.apiKey : options.key;
		if (key !== null) headers.Authorization = key;
		let body: string | Buffer | undefined;
		if (Buffer.isBuffer(options.body)) body = options.body;
		else if (typeof options.body === 'string') body = options.body;
		else if (options.body !== undefined) {
			body = JSON.stringify(options.body);
			headers['Content-Type'] ??= 'application/json';
		}
		const url = path.startsWith('http') ? path : `${options.base ?? emu.lexgosign.baseUrl}${path}`;
		const res = await fetch(url, { method, headers, body });
		const text = await res.text();
		let parsed: Dict = {};
		try {
			parsed = JSON.parse(text) as Dict;
		} catch {
			// XML and PDF bodies stay in `text`
		}
		return { status: res.status, headers: res.headers, body: parsed, text };
	};
}

/** Keyed JSON for POST /envelopes: one document, the given recipients, a placement each. */
function envelopeBody(emails: string[] = ['jane@company.cl'], extra: Dict = {}): Dict {
	return {
		name: 'NDA',
		documents: { '0': { base64: pdf64, name: 'nda.pdf' } },
		recipients: Object.fromEntries(emails.map((email, i) => [String(i), { name: `R${i}`, email }])),
		placements: Object.fromEntries(
			emails.map((_e, i) => [String(i), { document_key: '0', recipient_key: String(i) }]),
		),
		...extra,
	};
}

const envelopeOf = (answer: Answer) => answer.body.envelope as Dict;
const events = (requests: ReceivedRequest[]) => requests.map((r) => (r.json as Dict).event_type);

/* ------------------------------------------------------------------ REST */

describe('LexgoSign emulator: REST API', () => {
	let emu: Emulator;
	let api: ReturnType<typeof client>;

	beforeAll(async () => {
		emu = await startEmulator({ port: 0, timeScale: 0 });
		api = client(emu);
	});
	afterAll(async () => {
		await emu.close();
	});

	describe('auth and errors', () => {
		it('takes the raw key; 401s carry no request_id', async () => {
			expect(await api('GET', '/webhooks', { key: null })).toMatchObject({
				status: 401,
				body: { error: 'Missing Authorization Header' },
			});
			for (const key of ['wrong', `Bearer ${emu.lexgosign.apiKey}`]) {
				const refused = await api('GET', '/webhooks', { key });
				expect(refused).toMatchObject({
					status: 401,
					body: { error: 'Invalid Api Key (key not found)' },
				});
				expect(refused.body).not.toHaveProperty('request_id');
			}
			emu.lexgosign.keyDeactivated = true;
			try {
				expect((await api('GET', '/webhooks')).body).toEqual({
					error: 'Invalid Api Key (key deactivated)',
				});
			} finally {
				emu.lexgosign.keyDeactivated = false;
			}
		});

		it('checks auth before routing and answers other errors with a request_id', async () => {
			expect((await api('GET', '/nothing', { key: null })).status).toBe(401);
			const unknown = await api('GET', '/nothing');
			expect(unknown).toMatchObject({ status: 404, body: { error: 'Not found' } });
			expect(unknown.body.request_id).toMatch(/^req_[0-9a-f]{16}$/);
			expect((await api('PATCH', '/webhooks')).status).toBe(405);
			expect(
				await api('POST', '/webhooks', {
					body: 'url=x',
					headers: { 'Content-Type': 'text/plain' },
				}),
			).toMatchObject({ status: 415 });
			expect(
				await api('POST', '/webhooks', {
					body: '{"url":',
					headers: { 'Content-Type': 'application/json' },
				}),
			).toMatchObject({ status: 400, body: { error: 'Invalid JSON body' } });
		});

		it('serves /v1 and /api/v1 alike, and redacts the key in its request log', async () => {
			const legacy = `${emu.url}/lexgosign/api/v1`;
			expect(
				await api('POST', '/test', { base: legacy, body: { test_param: 'ping' } }),
			).toMatchObject({
				status: 200,
				body: {
					enterprise_name: 'Emulator Enterprise',
					environment: 'sandbox',
					test_param: 'ping',
				},
			});
			const logged = emu.requests[emu.requests.length - 1];
			expect(logged).toMatchObject({
				provider: 'lexgosign',
				headers: { authorization: '[redacted]' },
			});
			expect(JSON.stringify(emu.requests)).not.toContain(emu.lexgosign.apiKey);
		});
	});

	describe('API generations (apiRoutes)', () => {
		const older = () => `${emu.url}/lexgosign/api/v1`;
		afterEach(() => {
			emu.lexgosign.apiRoutes = 'current';
		});

		it('"current" (default): PUT …/send; POST …/send_invitation has no route', async () => {
			expect(emu.lexgosign.apiRoutes).toBe('current');
			const created = envelopeOf(await api('POST', '/envelopes', { body: envelopeBody() }));
			const old = await api('POST', `/envelopes/${created.id as string}/send_invitation`);
			expect(old).toMatchObject({ status: 404, body: { error: 'Not found' } });
			expect((await api('PUT', `/envelopes/${created.id as string}/send`)).status).toBe(202);
		});

		it('"older": only /api/v1 and POST …/send_invitation, which sends like PUT …/send', async () => {
			const created = envelopeOf(await api('POST', '/envelopes', { body: envelopeBody() }));
			const id = created.id as string;
			const control = await fetch(`${emu.url}/lexgosign/_control/options`, {
				method: 'POST',
				body: JSON.stringify({ apiRoutes: 'older' }),
			});
			expect(await control.json()).toMatchObject({ apiRoutes: 'older' });
			const atNewBase = await api('GET', `/envelopes/${id}`);
			expect(atNewBase).toMatchObject({ status: 404, body: { error: 'Not found' } });
			expect((await api('GET', `/envelopes/${id}`, { key: null })).status).toBe(401);
			expect((await api('POST', '/test', { base: older() })).status).toBe(200);
			expect((await api('PUT', `/envelopes/${id}/send`, { base: older() })).status).toBe(404);
			const sent = await api('POST', `/envelopes/${id}/send_invitation`, { base: older() });
			expect(sent).toMatchObject({ status: 200, body: { success: true } });
			expect(sent.body.request_id).toMatch(/^req_/);
			expect(emu.lexgosign.getEnvelope(id)?.status).not.toBe('CREATED');
			expect(
				await api('POST', `/envelopes/${id}/send_invitation`, { base: older() }),
			).toMatchObject({ status: 405, body: { error: 'Envelope not in CREATED status' } });
			expect(
				await api('POST', '/envelopes/unknown/send_invitation', { base: older() }),
			).toMatchObject({ status: 404, body: { error: 'Envelope not found' } });
			const draft = envelopeOf(
				await api('POST', '/envelopes', { base: older(), body: envelopeBody() }),
			);
			const upload = await api('POST', `/envelopes/${draft.id as string}/uploads`, {
				base: older(),
				body: { file_name: 'a.pdf', order: 1 },
			});
			expect((upload.body.upload as Dict).upload_url).toMatch(/\/lexgosign\/api\/v1\/uploads\//);
		});

		it('"newer": only /v1', async () => {
			emu.lexgosign.apiRoutes = 'newer';
			expect((await api('POST', '/test', { base: older() })).status).toBe(404);
			expect((await api('POST', '/test')).status).toBe(200);
		});
	});

	describe('webhooks', () => {
		it('create, list, get, update, delete with the chosen shapes; auth is never returned', async () => {
			const created = await api('POST', '/webhooks', {
				body: {
					url: 'https://n8n.test/h',
					subscriptions: 'envelope.success, recipient.signed_all',
					auth_type: 'header',
					auth: 'Bearer s3',
				},
			});
			expect(created.status).toBe(201);
			const webhook = created.body.webhook as Dict;
			expect(created.body).toMatchObject({ success: true, request_id: expect.any(String) });
			expect(webhook).toEqual({
				id: expect.stringMatching(/^[0-9a-f-]{36}$/),
				url: 'https://n8n.test/h',
				subscriptions: 'envelope.success,recipient.signed_all',
				auth_type: 'HEADER',
				created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-03:00$/),
				updated_at: expect.any(String),
			});
			const id = String(webhook.id);
			expect((await api('GET', '/webhooks')).body).toMatchObject({ webhooks: [webhook], total: 1 });
			expect((await api('GET', `/webhooks/${id}`)).body).toMatchObject({ webhook });
			const updated = await api('PUT', `/webhooks/${id}`, {
				body: { subscriptions: 'envelope.voided' },
			});
			expect(updated.body).toMatchObject({
				success: true,
				webhook: { subscriptions: 'envelope.voided' },
			});
			expect(emu.lexgosign.webhooks()[0]).toMatchObject({ id, auth: 'Bearer s3' });
			expect(JSON.stringify([created.body, updated.body])).not.toContain('Bearer s3');
			expect((await api('DELETE', `/webhooks/${id}`)).body).toMatchObject({ success: true });
			expect(await api('DELETE', `/webhooks/${id}`)).toMatchObject({
				status: 404,
				body: { error: 'Webhook not found' },
			});
			expect((await api('GET', '/webhooks')).body).toMatchObject({ webhooks: [], total: 0 });
		});

		it.each([
			['no url', { subscriptions: 'envelope.success' }, 'Url is not a valid URL'],
			[
				'an ftp url',
				{ url: 'ftp://x', subscriptions: 'envelope.success' },
				'Url is not a valid URL',
			],
			[
				'an array',
				{ url: 'https://x', subscriptions: ['envelope.success'] },
				'comma-separated string',
			],
			[
				'an unknown event',
				{ url: 'https://x', subscriptions: 'envelope.created' },
				'unknown event "envelope.created"',
			],
			[
				'blank subscriptions',
				{ url: 'https://x', subscriptions: ' , ' },
				"Subscriptions can't be blank",
			],
			[
				'basic auth',
				{ url: 'https://x', subscriptions: 'envelope.success', auth_type: 'basic', auth: 'a' },
				'Auth type',
			],
			[
				'header without auth',
				{ url: 'https://x', subscriptions: 'envelope.success', auth_type: 'header' },
				"Auth can't be blank",
			],
		])('refuses %s with 422', async (_label, body, message) => {
			const answer = await api('POST', '/webhooks', { body });
			expect(answer.status).toBe(422);
			expect(String(answer.body.error)).toContain(message);
		});

		it('registers without auth (no Authorization on deliveries) and lets URLs repeat', async () => {
			const a = await api('POST', '/webhooks', {
				body: { url: 'https://same/h', subscriptions: 'envelope.success' },
			});
			const b = await api('POST', '/webhooks', {
				body: { url: 'https://same/h', subscriptions: 'envelope.success' },
			});
			expect((a.body.webhook as Dict).auth_type).toBeNull();
			expect((b.body.webhook as Dict).id).not.toBe((a.body.webhook as Dict).id);
			for (const answer of [a, b])
				await api('DELETE', `/webhooks/${(answer.body.webhook as Dict).id}`);
		});
	});

	describe('envelopes', () => {
		it('creates from keyed JSON and serves the full serialization', async () => {
			const created = await api('POST', '/envelopes', { body: envelopeBody() });
			expect(created.status).toBe(200);
			expect(envelopeOf(created)).toEqual({
				id: expect.any(String),
				name: 'NDA',
				status: 'CREATED',
				created_at: expect.any(String),
				recipients: [
					expect.objectContaining({ custom_key: '0', status: 'CREATED', email: 'jane@company.cl' }),
				],
			});
			const got = envelopeOf(await api('GET', `/envelopes/${envelopeOf(created).id}`));
			expect(got).toMatchObject({
				status: 'CREATED',
				errors: [],
				sent_at: null,
				completed_at: null,
				documents: [
					{
						custom_key: '0',
						file_type: 'SIGNABLE',
						status: 'READY',
						file_name: 'nda.pdf',
						file_size: PDF.length,
					},
				],
				placements: [
					{ placement_type: 'SIGNATURE', recipient_key: '0', document_key: '0', coordinates: null },
				],
				settings: { signature_flow: { signature_order: 'PARALLEL' } },
			});
			const link = String((got.documents as Dict[])[0].url);
			const file = await fetch(link);
			expect(Buffer.from(await file.arrayBuffer())).toEqual(PDF);
			const withKey = await fetch(link, { headers: { Authorization: emu.lexgosign.apiKey } });
			expect(withKey.status).toBe(400);
			expect(await withKey.text()).toContain('<Code>InvalidArgument</Code>');
			expect((await fetch(`${emu.url}/lexgosign/files/00ff`)).status).toBe(404);
		});

		it('persists an invalid envelope in status ERROR and answers 422 with it', async () => {
			const failed = await api('POST', '/envelopes', {
				body: { recipients: { a: { name: 'A', email: 'not-an-email' } } },
			});
			expect(failed.status).toBe(422);
			const envelope = envelopeOf(failed);
			expect(envelope).toEqual({
				id: expect.any(String),
				status: 'ERROR',
				errors: [
					"Recipient 'a' must have a valid email.",
					'The envelope has no documents.',
					'There are no signature placements that relate recipients to their respective documents.',
				],
				warnings: [],
			});
			expect(envelopeOf(await api('GET', `/envelopes/${envelope.id}`)).status).toBe('ERROR');
		});

		it.each([
			[
				'an approver with coordinates',
				{
					placements: {
						p: {
							document_key: '0',
							recipient_key: '0',
							type: 'APPROVER',
							coordinates: { top: 1, left: 1, page: 0 },
						},
					},
				},
				"Placement 'p' of type APPROVER cannot have coordinates or a token.",
			],
			[
				'a signature on an attachment',
				{
					documents: { '0': { base64: pdf64 }, att: { base64: pdf64, type: 'ATTACHMENT' } },
					placements: {
						'0': { document_key: '0', recipient_key: '0' },
						x: { document_key: 'att', recipient_key: '0' },
					},
				},
				"Placement 'x' puts a signature on an attachment.",
			],
			[
				'an unknown recipient key',
				{ placements: { '0': { document_key: '0', recipient_key: 'zz' } } },
				"Placement '0' refers to an unknown recipient.",
			],
			[
				'a document that is not a PDF',
				{ documents: { '0': { base64: Buffer.from('hello').toString('base64') } } },
				"Document '0' must have a base64-encoded PDF.",
			],
		])('reports %s as an envelope error', async (_label, override, error) => {
			const answer = await api('POST', '/envelopes', { body: envelopeBody(['a@x.cl'], override) });
			expect(answer.status).toBe(422);
			expect(envelopeOf(answer).errors).toContain(error);
		});

		it('refuses arrays where keyed objects are expected, creating nothing', async () => {
			const before = emu.lexgosign.listEnvelopes().length;
			const answer = await api('POST', '/envelopes', {
				body: { recipients: [{ name: 'A', email: 'a@x.cl' }] },
			});
			expect(answer).toMatchObject({
				status: 422,
				body: { error: 'Create failed: recipients must be an object keyed by your own ids' },
			});
			expect(emu.lexgosign.listEnvelopes()).toHaveLength(before);
		});

		it('updates in CREATED/ERROR: collections replaced, settings merged, status revalidated', async () => {
			const id = envelopeOf(
				await api('POST', '/envelopes', {
					body: { recipients: { a: { name: 'A', email: 'a@x.cl' } } },
				}),
			).id;
			const fixed = await api('PUT', `/envelopes/${id}`, {
				body: {
					documents: { d: { base64: pdf64, name: 'c.pdf' } },
					placements: { '0': { document_key: 'd', recipient_key: 'a' } },
					settings: { signature_flow: { language: 'EN' } },
				},
			});
			expect(envelopeOf(fixed)).toMatchObject({
				status: 'CREATED',
				errors: [],
				name: 'c',
				settings: { signature_flow: { language: 'EN', signature_order: 'PARALLEL' } },
			});
			const broken = await api('PUT', `/envelopes/${id}`, { body: { placements: {} } });
			expect(envelopeOf(broken).status).toBe('ERROR');
			expect(await api('PUT', `/envelopes/${id}`, { body: { documents: [] } })).toMatchObject({
				status: 422,
				body: {
					error: 'Update failed',
					message: expect.stringContaining('documents must be an object'),
				},
			});
		});

		it('sends asynchronously: 202 SENDING, then IN_PROGRESS; only once; never while invalid', async () => {
			const id = String(envelopeOf(await api('POST', '/envelopes', { body: envelopeBody() })).id);
			const sent = await api('PUT', `/envelopes/${id}/send`);
			expect(sent).toMatchObject({
				status: 202,
				body: { success: true, envelope: { id, status: 'SENDING', errors: [], warnings: [] } },
			});
			await emu.lexgosign.idle();
			const envelope = envelopeOf(await api('GET', `/envelopes/${id}`));
			expect(envelope).toMatchObject({ status: 'IN_PROGRESS', sent_at: expect.any(String) });
			expect((envelope.recipients as Dict[])[0].status).toBe('IN_PROGRESS');
			expect(await api('PUT', `/envelopes/${id}/send`)).toMatchObject({
				status: 405,
				body: { error: 'Envelope not in CREATED status' },
			});
			expect((await api('PUT', `/envelopes/${id}`, { body: { name: 'x' } })).status).toBe(405);
			const invalid = envelopeOf(await api('POST', '/envelopes', { body: { recipients: {} } })).id;
			expect((await api('PUT', `/envelopes/${invalid}/send`)).status).toBe(405);
		});

		it('voids, but not a completed envelope; evidence only once completed', async () => {
			const open = emu.lexgosign.seedEnvelope({ status: 'IN_PROGRESS' });
			expect((await api('GET', `/envelopes/${open.id}/evidence`)).body).toMatchObject({
				error: 'Envelope not in SUCCESS status',
			});
			expect(await api('PUT', `/envelopes/${open.id}/void`)).toMatchObject({
				status: 200,
				body: { success: true, envelope: { id: open.id, status: 'VOIDED' } },
			});
			expect((await api('PUT', `/envelopes/${open.id}/void`)).body.error).toBe(
				'Envelope already voided',
			);
			const done = emu.lexgosign.seedEnvelope({ status: 'SUCCESS' });
			expect((await api('PUT', `/envelopes/${done.id}/void`)).body).toMatchObject({
				error: 'Cannot void completed envelope',
			});
			const evidence = await api('GET', `/envelopes/${done.id}/evidence`);
			expect(evidence.body).toMatchObject({
				success: true,
				evidence_document_url: expect.stringContaining('/lexgosign/files/'),
			});
			const sheet = await (await fetch(String(evidence.body.evidence_document_url))).text();
			expect(sheet).toContain(`Evidence sheet of envelope ${done.id}`);
			emu.lexgosign.evidenceFails = true;
			try {
				expect((await api('GET', `/envelopes/${done.id}/evidence`)).body).toMatchObject({
					success: false,
					evidence_document_url: null,
				});
			} finally {
				emu.lexgosign.evidenceFails = false;
			}
			expect((await api('GET', '/envelopes/nope')).body).toMatchObject({
				error: 'Envelope not found',
			});
		});
	});

	describe('uploads', () => {
		it('create → PUT with the key → processing → the document joins the envelope', async () => {
			const id = String(
				envelopeOf(
					await api('POST', '/envelopes', {
						body: { recipients: { '0': { name: 'A', email: 'a@x.cl' } } },
					}),
				).id,
			);
			const slot = await api('POST', `/envelopes/${id}/uploads`, {
				body: {
					file_name: 'big.pdf',
					order: 0,
					custom_key: 'main',
					content_type: 'application/pdf',
				},
			});
			expect(slot.status).toBe(201);
			const upload = slot.body.upload as Dict;
			expect(upload).toMatchObject({
				upload_url: `${emu.lexgosign.baseUrl}/uploads/${upload.id}/stream`,
				file_name: 'big.pdf',
				order: 0,
				custom_key: 'main',
				max_file_size: 52428800,
				envelope_id: id,
				status: 'PENDING',
				instructions: { method: 'PUT', headers: { 'Content-Type': 'application/pdf' } },
			});
			expect(
				(await api('POST', `/envelopes/${id}/uploads`, { body: { file_name: 'b.pdf', order: 0 } }))
					.status,
			).toBe(422);
			const url = String(upload.upload_url);
			expect(
				(
					await api('PUT', url, {
						key: null,
						body: PDF,
						headers: { 'Content-Type': 'application/pdf' },
					})
				).status,
			).toBe(401);
			expect(
				await api('PUT', url, {
					body: PDF,
					headers: { 'Content-Type': 'application/octet-stream' },
				}),
			).toMatchObject({
				status: 403,
				body: { error: 'Invalid content type; expected application/pdf' },
			});
			const put = await api('PUT', url, {
				body: PDF,
				headers: { 'Content-Type': 'application/pdf' },
			});
			expect(put).toMatchObject({
				status: 200,
				body: { success: true, upload_id: upload.id, status: 'UPLOADED' },
			});
			expect(put.body).not.toHaveProperty('request_id');
			expect(
				await api('PUT', url, { body: PDF, headers: { 'Content-Type': 'application/pdf' } }),
			).toMatchObject({
				status: 403,
				body: { error: 'Upload URL already used' },
			});
			await emu.lexgosign.idle();
			expect((await api('GET', `/envelopes/${id}/uploads/${upload.id}`)).body.upload).toMatchObject(
				{
					status: 'COMPLETED',
					file_id: expect.any(String),
					uploaded_at: expect.any(String),
					processed_at: expect.any(String),
				},
			);
			const envelope = envelopeOf(await api('GET', `/envelopes/${id}`));
			expect(envelope.documents).toEqual([
				expect.objectContaining({ custom_key: '0', file_name: 'big.pdf' }),
			]);
			expect(envelope.errors).toEqual([
				'There are no signature placements that relate recipients to their respective documents.',
			]);
			expect((await api('GET', `/envelopes/${id}/uploads?status=completed`)).body).toMatchObject({
				total: 1,
			});
			expect((await api('GET', `/envelopes/${id}/uploads?status=pending`)).body).toMatchObject({
				uploads: [],
				total: 0,
			});
			expect((await api('GET', `/envelopes/${id}/uploads?status=COMPLETED`)).status).toBe(422);
		});

		it('fails the processing of a file that is not a PDF, and refuses uploads once sent', async () => {
			const id = String(
				envelopeOf(
					await api('POST', '/envelopes', {
						body: { recipients: { '0': { name: 'A', email: 'a@x.cl' } } },
					}),
				).id,
			);
			const upload = (
				await api('POST', `/envelopes/${id}/uploads`, { body: { file_name: 'x.pdf', order: 1 } })
			).body.upload as Dict;
			await api('PUT', String(upload.upload_url), {
				body: Buffer.from('nope'),
				headers: { 'Content-Type': 'application/pdf' },
			});
			await emu.lexgosign.idle();
			expect((await api('GET', `/envelopes/${id}/uploads/${upload.id}`)).body.upload).toMatchObject(
				{
					status: 'FAILED',
					error_message: 'The file is not a valid PDF',
				},
			);
			const sent = emu.lexgosign.seedEnvelope({ status: 'IN_PROGRESS' });
			expect(
				(
					await api('POST', `/envelopes/${sent.id}/uploads`, {
						body: { file_name: 'a.pdf', order: 0 },
					})
				).status,
			).toBe(405);
		});
	});
});

describe('LexgoSign emulator: clock-bound expiry and rate limits', () => {
	let clock = Date.parse('2026-03-01T12:00:00Z');
	let emu: Emulator;
	let api: ReturnType<typeof client>;

	beforeAll(async () => {
		emu = await startEmulator({ port: 0, timeScale: 0, now: () => clock });
		api = client(emu);
	});
	afterAll(async () => {
		await emu.close();
	});

	it('expires document links and upload URLs on the emulator clock', async () => {
		const envelope = emu.lexgosign.seedEnvelope();
		const link = envelope.documents[0].url;
		const id = String(
			envelopeOf(
				await api('POST', '/envelopes', {
					body: { recipients: { '0': { name: 'A', email: 'a@x.cl' } } },
				}),
			).id,
		);
		const upload = (
			await api('POST', `/envelopes/${id}/uploads`, { body: { file_name: 'a.pdf', order: 0 } })
		).body.upload as Dict;
		expect(upload.expires_at).toBe('2026-03-01T10:00:00.000-03:00');
		clock += 3_600_001;
		expect((await fetch(link)).status).toBe(403);
		expect(
			await api('PUT', String(upload.upload_url), {
				body: PDF,
				headers: { 'Content-Type': 'application/pdf' },
			}),
		).toMatchObject({
			status: 403,
			body: { error: 'Upload URL expired' },
		});
		expect((await api('GET', `/envelopes/${id}/uploads?status=expired`)).body).toMatchObject({
			total: 1,
		});
	});

	it('announces and enforces a configured rate limit', async () => {
		emu.lexgosign.rateLimit = { limit: 2, windowMs: 60_000 };
		try {
			const first = await api('GET', '/webhooks');
			expect(first.headers.get('x-ratelimit-limit')).toBe('2');
			expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
			expect(first.headers.get('x-ratelimit-reset')).toBe(
				String(Math.ceil((clock + 60_000) / 1000)),
			);
			await api('GET', '/webhooks');
			const limited = await api('GET', '/webhooks');
			expect(limited).toMatchObject({
				status: 429,
				body: { error: 'Rate limit exceeded. Try again later.' },
			});
			expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
			clock += 60_000;
			expect((await api('GET', '/webhooks')).status).toBe(200);
		} finally {
			emu.lexgosign.rateLimit = null;
		}
	});
});

/* ------------------------------------------------------------------ webhooks */

describe('LexgoSign emulator: webhook deliveries', () => {
	let emu: Emulator;
	let receiver: Receiver;
	const auth = 'Bearer delivery-test-value';

	beforeEach(async () => {
		receiver = await startReceiver();
		emu = await startEmulator({ port: 0, timeScale: 0 });
		emu.lexgosign.registerWebhook({
			url: `${receiver.url}/hook`,
			subscriptions: emu.lexgosign.EVENT_NAMES,
			auth,
		});
	});
	afterEach(async () => {
		await emu.close();
		await receiver.close();
	});

	it('sends the Authorization value of the registration and the documented body', async () => {
		const envelope = emu.lexgosign.seedEnvelope({ status: 'IN_PROGRESS' });
		emu.lexgosign.act({ envelopeId: envelope.id, action: 'emailOpened' });
		const [req] = await receiver.waitFor(1);
		expect(req.method).toBe('POST');
		expect(req.headers).toMatchObject({ authorization: auth, 'content-type': 'application/json' });
		expect(req.json).toEqual({
			id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			event_type: 'recipient.email_opened',
			data: expect.objectContaining({
				id: envelope.recipients[0].id,
				status: 'IN_PROGRESS',
				name_label: 'Name:',
			}),
		});
		expect((req.json as Dict).data).not.toHaveProperty('envelope');
		expect((req.json as Dict).data).not.toHaveProperty('envelope_id');
	});

	it('a full parallel flow: send, sign by both, completion and evidence', async () => {
		const api = client(emu);
		const id = String(
			envelopeOf(await api('POST', '/envelopes', { body: envelopeBody(['a@x.cl', 'b@x.cl']) })).id,
		);
		await api('PUT', `/envelopes/${id}/send`);
		await emu.lexgosign.idle();
		emu.lexgosign.act({ envelopeId: id, recipient: 'b@x.cl', action: 'sign' });
		emu.lexgosign.act({ envelopeId: id, recipient: 0, action: 'sign' });
		await emu.lexgosign.idle();
		expect(events(receiver.requests)).toEqual([
			'envelope.in_progress',
			'recipient.link_generated',
			'recipient.email_sent',
			'recipient.in_progress',
			'recipient.link_generated',
			'recipient.email_sent',
			'recipient.in_progress',
			'recipient.signed_all',
			'recipient.signed_all',
			'envelope.success',
			'envelope.evidence_generated',
		]);
		const success = receiver.requests[9].json as Dict;
		expect(success.data).toMatchObject({ id, status: 'SUCCESS', completed_at: expect.any(String) });
		expect(((success.data as Dict).documents as Dict[])[0]).toMatchObject({ status: 'SIGNED' });
		const evidence = (receiver.requests[10].json as Dict).data as Dict;
		expect(evidence).toMatchObject({
			evidence_document_url: expect.any(String),
			evidence_generated_at: expect.any(String),
		});
		expect(receiver.requests[0].json).not.toHaveProperty('data.evidence_document_url');
	});

	it('sequential order, no invitation email, rejection, validation codes and voiding', async () => {
		const envelope = emu.lexgosign.seedEnvelope({
			recipients: [
				{ name: 'First', email: 'first@x.cl' },
				{ name: 'Second', email: 'second@x.cl' },
			],
			signatureOrder: 'SEQUENTIAL',
			settings: {
				emails: { envelope_invitation: 'FALSE' },
				validations: { email: { enabled: 'TRUE' } },
			},
		});
		emu.lexgosign.send(envelope.id);
		await emu.lexgosign.idle();
		expect(events(receiver.requests)).toEqual([
			'envelope.in_progress',
			'recipient.link_generated',
			'recipient.in_progress',
		]);
		expect(() => emu.lexgosign.act({ envelopeId: envelope.id, action: 'sign' })).toThrow(
			/email validation/,
		);
		for (const action of [
			'codeGenerated',
			'codeSent',
			'codeFailed',
			'codeExpired',
			'maxAttempts',
			'codeSuccess',
		] as const) {
			emu.lexgosign.act({ envelopeId: envelope.id, action });
		}
		emu.lexgosign.act({ envelopeId: envelope.id, action: 'sign' });
		await emu.lexgosign.idle();
		expect(events(receiver.requests).slice(3)).toEqual([
			'recipient.validation_code_generated',
			'recipient.validation_code_sent',
			'recipient.validation_code_failed',
			'recipient.validation_code_expired',
			'recipient.validation_max_attempts',
			'recipient.validation_code_success',
			'recipient.signed_all',
			'recipient.link_generated',
			'recipient.in_progress',
		]);
		emu.lexgosign.act({ envelopeId: envelope.id, recipient: 'second@x.cl', action: 'reject' });
		await emu.lexgosign.idle();
		expect(emu.lexgosign.getEnvelope(envelope.id)).toMatchObject({
			status: 'IN_PROGRESS',
			recipients: [{ status: 'SIGNED_ALL' }, { status: 'REJECTED' }],
		});
		emu.lexgosign.act({ envelopeId: envelope.id, action: 'void' });
		await emu.lexgosign.idle();
		expect(events(receiver.requests).slice(-2)).toEqual(['recipient.rejected', 'envelope.voided']);
	});

	it('email events, and a sandbox team list that makes sending fail', async () => {
		const envelope = emu.lexgosign.seedEnvelope({ status: 'IN_PROGRESS' });
		for (const action of [
			'emailReceived',
			'emailClicked',
			'emailBounced',
			'linkGenerated',
		] as const) {
			emu.lexgosign.act({ envelopeId: envelope.id, action });
		}
		await emu.lexgosign.idle();
		expect(events(receiver.requests)).toEqual([
			'recipient.email_received',
			'recipient.email_clicked',
			'recipient.email_bounced',
			'recipient.link_generated',
		]);
		emu.lexgosign.sandboxAllowedEmails = ['team@x.cl'];
		const outsider = emu.lexgosign.seedEnvelope({
			recipients: [{ name: 'O', email: 'outsider@x.cl' }],
		});
		emu.lexgosign.send(outsider.id);
		await emu.lexgosign.idle();
		const failed = receiver.requests[receiver.requests.length - 1].json as Dict;
		expect(failed).toMatchObject({
			event_type: 'envelope.sending_failed',
			data: {
				status: 'ERROR',
				errors: [
					"The email of the recipient 'outsider@x.cl' is not in the sandbox allowed email list",
				],
			},
		});
	});

	it('file_uploaded carries the documented upload fields', async () => {
		const api = client(emu);
		const id = String(
			envelopeOf(
				await api('POST', '/envelopes', {
					body: { recipients: { '0': { name: 'A', email: 'a@x.cl' } } },
				}),
			).id,
		);
		const upload = (
			await api('POST', `/envelopes/${id}/uploads`, {
				body: { file_name: 'c.pdf', order: 0, custom_key: 'k' },
			})
		).body.upload as Dict;
		await api('PUT', String(upload.upload_url), {
			body: PDF,
			headers: { 'Content-Type': 'application/pdf' },
		});
		await emu.lexgosign.idle();
		expect(receiver.requests.map((r) => r.json)).toEqual([
			{
				id: expect.any(String),
				event_type: 'envelope.file_uploaded',
				data: {
					envelope_id: id,
					presigned_upload_id: upload.id,
					file_id: expect.any(String),
					order: 0,
					file_name: 'c.pdf',
					custom_key: 'k',
					status: 'COMPLETED',
					uploaded_at: expect.any(String),
					processed_at: expect.any(String),
				},
			},
		]);
	});

	it('names the parent envelope in recipient data only when configured', async () => {
		const envelope = emu.lexgosign.seedEnvelope({ name: 'Parent', status: 'IN_PROGRESS' });
		emu.lexgosign.recipientEnvelopeField = 'envelope';
		emu.lexgosign.act({ envelopeId: envelope.id, action: 'emailOpened' });
		emu.lexgosign.recipientEnvelopeField = 'envelope_id';
		emu.lexgosign.act({ envelopeId: envelope.id, action: 'emailOpened' });
		await emu.lexgosign.idle();
		expect((receiver.requests[0].json as Dict).data).toMatchObject({
			envelope: { id: envelope.id, name: 'Parent', status: 'IN_PROGRESS' },
		});
		expect((receiver.requests[1].json as Dict).data).toMatchObject({ envelope_id: envelope.id });
	});

	it('delivers only subscribed events, once per registration, without auth when registered without', async () => {
		const other = await startReceiver();
		try {
			emu.lexgosign.registerWebhook({ url: `${other.url}/a`, subscriptions: 'envelope.voided' });
			emu.lexgosign.registerWebhook({
				url: `${other.url}/a`,
				subscriptions: ['envelope.voided', 'envelope.success'],
			});
			const envelope = emu.lexgosign.seedEnvelope({ status: 'IN_PROGRESS' });
			emu.lexgosign.act({ envelopeId: envelope.id, action: 'emailOpened' });
			emu.lexgosign.act({ envelopeId: envelope.id, action: 'void' });
			await emu.lexgosign.idle();
			expect(events(other.requests)).toEqual(['envelope.voided', 'envelope.voided']);
			expect(other.requests[0].headers.authorization).toBeUndefined();
			expect((other.requests[0].json as Dict).id).not.toBe((other.requests[1].json as Dict).id);
		} finally {
			await other.close();
		}
	});
});

describe('LexgoSign emulator: retries', () => {
	const timeScale = 0.01; // 5 s -> 50 ms, 10 s -> 100 ms, 20 s -> 200 ms
	let emu: Emulator | undefined;
	let receiver: Receiver | undefined;

	afterEach(async () => {
		await emu?.close();
		await receiver?.close();
		emu = undefined;
		receiver = undefined;
	});

	const gaps = (attempts: DeliveryAttempt[]) =>
		attempts.slice(1).map((a, i) => a.at - (attempts[i].at + attempts[i].durationMs));

	it('always failing: 4 attempts about 5, 10 and 20 s apart, the same id each time', async () => {
		receiver = await startReceiver({ respond: () => 500 });
		emu = await startEmulator({ port: 0, timeScale });
		const handle = emu.lexgosign.deliver({
			event: 'envelope.success',
			to: `${receiver.url}/h`,
			auth: 'Bearer x',
		});
		const result = await handle.done;
		expect(result).toMatchObject({ delivered: false, cancelled: false });
		expect(result.attempts.map((a) => a.scheduledDelayMs)).toEqual([
			0,
			5000 * timeScale,
			10000 * timeScale,
			20000 * timeScale,
		]);
		const [five, ten, twenty] = gaps(result.attempts);
		expect(five).toBeGreaterThanOrEqual(45);
		expect(ten).toBeGreaterThanOrEqual(95);
		expect(twenty).toBeGreaterThanOrEqual(195);
		expect(twenty).toBeLessThan(600);
		expect(new Set(receiver.requests.map((r) => (r.json as Dict).id))).toEqual(
			new Set([handle.id]),
		);
		expect(receiver.requests.every((r) => r.headers.authorization === 'Bearer x')).toBe(true);
		expect(emu.deliveries.map((d) => [d.provider, d.attempt, d.status])).toEqual([
			['lexgosign', 1, 500],
			['lexgosign', 2, 500],
			['lexgosign', 3, 500],
			['lexgosign', 4, 500],
		]);
	});

	it('re-serialises data for every attempt: a retry shows the state at that time', async () => {
		receiver = await startReceiver({ respond: (req) => (req.index === 0 ? 503 : 200) });
		emu = await startEmulator({ port: 0, timeScale: 0.05 }); // first retry 250 ms later
		emu.lexgosign.registerWebhook({
			url: `${receiver.url}/h`,
			subscriptions: 'recipient.email_opened',
		});
		const envelope = emu.lexgosign.seedEnvelope({ status: 'IN_PROGRESS' });
		const [handle] = emu.lexgosign.act({ envelopeId: envelope.id, action: 'emailOpened' });
		await receiver.waitFor(1);
		emu.lexgosign.act({ envelopeId: envelope.id, action: 'sign' });
		const result = await handle.done;
		expect(result.attempts.map((a) => a.status)).toEqual([503, 200]);
		const [first, retry] = receiver.requests.map((r) => r.json as Dict);
		expect(retry.id).toBe(first.id);
		expect((first.data as Dict).status).toBe('IN_PROGRESS');
		expect((retry.data as Dict).status).toBe('SIGNED_ALL');
	});

	it('treats a slow receiver (over the 5 s timeout) and lost answers as failures', async () => {
		receiver = await startReceiver({
			respond: (req) => (req.index === 0 ? { status: 200, delayMs: 300 } : 200),
		});
		emu = await startEmulator({ port: 0, timeScale: 0, lexgosign: { receiverTimeoutMs: 100 } });
		const slow = await emu.lexgosign.deliver({
			event: 'envelope.voided',
			to: `${receiver.url}/slow`,
		}).done;
		expect(slow.attempts.map((a) => [a.status, a.ok])).toEqual([
			[null, false],
			[200, true],
		]);
		expect(slow.attempts[0].error).toMatch(/timeout after 100 ms/);
		const lost = await emu.lexgosign.deliver({
			event: 'envelope.voided',
			to: `${receiver.url}/lost`,
			lostResponses: 2,
		}).done;
		expect(lost.attempts.map((a) => [a.status, a.ok, a.error])).toEqual([
			[200, false, 'response lost (simulated)'],
			[200, false, 'response lost (simulated)'],
			[200, true, null],
		]);
	});

	it('close() cancels pending retries and transitions', async () => {
		receiver = await startReceiver({ respond: () => 500 });
		let firstAttemptLogged: () => void = () => undefined;
		const logged = new Promise<void>((resolve) => (firstAttemptLogged = resolve));
		// Real time: the retry would come 5 s later, the send step 2 s later.
		emu = await startEmulator({ port: 0, timeScale: 1, onDelivery: () => firstAttemptLogged() });
		const envelope = emu.lexgosign.seedEnvelope();
		emu.lexgosign.send(envelope.id);
		const handle = emu.lexgosign.deliver({ event: 'envelope.voided', to: `${receiver.url}/h` });
		await logged;
		await emu.close();
		const result = await handle.done;
		expect(result).toMatchObject({ delivered: false, cancelled: true });
		expect(result.attempts).toHaveLength(1);
		expect(emu.lexgosign.getEnvelope(envelope.id)?.status).toBe('SENDING');
	});
});

describe('LexgoSign emulator: helpers, control API, docs', () => {
	it('builds standalone bodies for every family', () => {
		for (const event of standalone.EVENT_NAMES) {
			const body = standalone.buildWebhookBody(event, { id: 'd-1', envelopeId: 'env-1' });
			expect(body).toMatchObject({ id: 'd-1', event_type: event });
			if (event === 'envelope.file_uploaded')
				expect(body.data).toMatchObject({ envelope_id: 'env-1' });
			else if (event.startsWith('envelope.')) expect(body.data).toMatchObject({ id: 'env-1' });
			else expect(body.data).toMatchObject({ custom_key: '0', email: expect.any(String) });
		}
		expect(standalone.buildWebhookBody('envelope.evidence_generated').data).toHaveProperty(
			'evidence_document_url',
		);
		expect(
			standalone.buildWebhookBody('recipient.rejected', {
				recipientEnvelopeField: 'envelope_id',
				envelopeId: 'e',
			}).data,
		).toMatchObject({
			envelope_id: 'e',
		});
		expect(standalone.RETRY_DELAYS_MS).toEqual([5000, 10000, 20000]);
		expect(standalone.RECEIVER_TIMEOUT_MS).toBe(5000);
	});

	it('exposes registrations, seeding and actions over HTTP for out-of-process tests', async () => {
		const emu = await startEmulator({ port: 0, timeScale: 0 });
		const receiver = await startReceiver();
		try {
			const control = async (method: string, path: string, body?: unknown) => {
				const res = await fetch(`${emu.url}/lexgosign/_control${path}`, {
					method,
					body: body === undefined ? undefined : JSON.stringify(body),
				});
				return { status: res.status, body: (await res.json()) as Dict };
			};
			await control('POST', '/webhooks', {
				url: `${receiver.url}/h`,
				subscriptions: 'envelope.voided',
				auth: 'Bearer c',
			});
			const seeded = await control('POST', '/envelopes', { status: 'IN_PROGRESS' });
			const acted = await control('POST', '/act', { envelopeId: seeded.body.id, action: 'void' });
			expect(acted.body.deliveries).toEqual([
				{ deliveryId: expect.any(String), event: 'envelope.voided', url: `${receiver.url}/h` },
			]);
			await receiver.waitFor(1);
			const state = await control('GET', '/state');
			expect(state.body.webhooks).toEqual([
				expect.objectContaining({ auth: 'Bearer c', subscriptions: 'envelope.voided' }),
			]);
			expect(state.body.emitted).toEqual([
				expect.objectContaining({ event: 'envelope.voided', envelopeId: seeded.body.id }),
			]);
			expect(
				(await control('POST', '/options', { lostResponses: 1, environment: 'live' })).body,
			).toMatchObject({
				lostResponses: 1,
				environment: 'live',
			});
			expect((await control('POST', '/act', { envelopeId: 'nope', action: 'void' })).status).toBe(
				400,
			);
		} finally {
			await emu.close();
			await receiver.close();
		}
	});

	it('README lists every LexgoSign assumption exactly as in ASSUMPTIONS', () => {
		const readme = readRepoFile('emulator/README.md');
		const missing = standalone.ASSUMPTIONS.filter(
			(a) => !readme.includes(`- **${a.id}**: ${a.text}`),
		);
		expect(missing.map((a) => a.id)).toEqual([]);
	});
});
