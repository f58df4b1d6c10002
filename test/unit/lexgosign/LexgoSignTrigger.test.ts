import { randomUUID } from 'node:crypto';

import type { IDataObject, IHttpRequestOptions, IWebhookResponseData } from 'n8n-workflow';

import { LexgoSignTrigger } from '../../../nodes/LexgoSign/LexgoSignTrigger.node';
import { LEXGOSIGN_EVENTS } from '../../../nodes/LexgoSign/events';
import {
	delivery,
	ENVELOPE_ID,
	envelopeData,
	newAuthorization,
	recipientData,
} from '../../fixtures/lexgosign';
import { type HttpHandler, webhookContext } from '../../support/contexts';

const trigger = new LexgoSignTrigger();
const allEvents = [...Object.keys(LEXGOSIGN_EVENTS), 'unknown'];
let workflowCounter = 0;

interface Options {
	body?: string | Buffer;
	authorization?: string | null;
	headers?: Record<string, string>;
	parameters?: IDataObject;
	staticData?: IDataObject;
	credentials?: IDataObject;
	http?: HttpHandler;
	workflowId?: string;
}

/** A managed trigger whose registration stored `authorization`, receiving one delivery. */
function deliver(authorization: string, options: Options) {
	const sent = options.authorization === undefined ? authorization : options.authorization;
	const headers: Record<string, string> = options.headers ?? {
		'content-type': 'application/json',
	};
	if (sent !== null) headers.authorization = sent;
	const context = webhookContext({
		workflowId: options.workflowId ?? `wf-lexgosign-${++workflowCounter}`,
		rawBody: options.body,
		headers,
		parameters: {
			registration: 'automatic',
			events: allEvents,
			options: {},
			...options.parameters,
		},
		staticData: options.staticData ?? {
			subscription: {
				webhookId: 'wh-1',
				authorization,
				events: Object.keys(LEXGOSIGN_EVENTS).join(','),
				url: 'https://n8n.example.com/webhook/abc/webhook',
			},
		},
		credentials: {
			lexgoSignApi: {
				apiKey: 'lexgo-api-key',
				baseUrl: 'https://lexgo.test/v1',
				...options.credentials,
			},
		},
		http: options.http,
	});
	return { ...context, result: trigger.webhook.call(context.ctx) };
}

function emitted(result: IWebhookResponseData): IDataObject[] {
	return (result.workflowData?.[0] ?? []).map((item) => item.json);
}

const json = (payload: IDataObject) => JSON.stringify(payload);

describe('LexgoSignTrigger static data', () => {
	it('a production delivery leaves the stored registration exactly as it was (no static-data write)', async () => {
		const authorization = newAuthorization();
		const staticData: IDataObject = {
			subscription: {
				webhookId: 'wh-9',
				authorization,
				events: 'envelope.success',
				url: 'https://n8n.example.com/webhook/abc/webhook',
			},
		};
		const before = JSON.stringify(staticData);
		const run = deliver(authorization, {
			body: JSON.stringify(delivery('envelope.success')),
			staticData,
		});
		expect((await run.result).workflowData?.[0]).toHaveLength(1);
		expect(JSON.stringify(staticData)).toBe(before);
	});
});

describe('LexgoSignTrigger webhook()', () => {
	const authorization = newAuthorization();

	it.each(Object.entries(LEXGOSIGN_EVENTS))(
		'%s: one verified item, emitted as its vocabulary event',
		async (eventType, { event }) => {
			const payload = delivery(eventType);
			const { result, response } = deliver(authorization, { body: json(payload) });
			const outcome = await result;
			const [item, ...rest] = emitted(outcome);
			expect(rest).toHaveLength(0);
			// n8n answers with it once the execution is stored; nothing is written before that.
			expect(outcome.webhookResponse).toEqual({ received: true, events: 1 });
			expect(response.headersSent).toBe(false);
			expect(item).toMatchObject({
				provider: 'lexgosign',
				event,
				providerEvent: eventType,
				eventId: payload.id,
				verification: {
					method: 'authorization-header',
					verified: true,
					detail: 'registered webhook secret',
				},
				payload,
			});
			expect(Date.parse(String(item.receivedAt))).not.toBeNaN();
		},
	);

	it('envelope events: the envelope, its status, recipients and documents', async () => {
		const payload = delivery('envelope.success', {
			...envelopeData(),
			completed_at: '2025-11-18T16:03:07.120-03:00',
		});
		const [item] = emitted(await deliver(authorization, { body: json(payload) }).result);
		expect(item).toMatchObject({
			event: 'document.completed',
			documentId: ENVELOPE_ID,
			documentStatus: 'SUCCESS',
			documentCompleted: true,
			recipient: null,
			occurredAt: '2025-11-18T16:03:07.120-03:00',
			attributes: {
				envelopeName: 'employment_agreement_2025',
				errors: [],
				warnings: [],
				documents: [
					{
						id: 'b66efe2d-a3c8-43d6-80d2-1f4e71fa0216',
						customKey: '0',
						fileName: 'employment_agreement_2025.pdf',
						fileType: 'SIGNABLE',
						status: 'SIGNED',
					},
				],
			},
		});
		expect((item.attributes as IDataObject).recipients).toEqual([
			expect.objectContaining({ name: 'Jane Smith', status: 'SIGNED_ALL', role: null }),
			expect.objectContaining({ name: 'Robert Johnson', email: 'robert.johnson@company.com' }),
		]);
	});

	it('evidence and failures: the evidence URL, completion only in SUCCESS, the errors', async () => {
		const [evidence] = emitted(
			await deliver(authorization, { body: json(delivery('envelope.evidence_generated')) }).result,
		);
		expect(evidence).toMatchObject({
			event: 'document.evidenceReady',
			documentCompleted: true,
			occurredAt: '2025-11-18T16:03:08.456-03:00',
			attributes: {
				evidenceUrl:
					'https://lexgo-secure.s3.us-east-2.amazonaws.com/evidence-sheets/2025-11-18-evidence.pdf',
				evidenceGeneratedAt: '2025-11-18T16:03:08.456-03:00',
			},
		});
		const failed = delivery('envelope.sending_failed', {
			...envelopeData({ status: 'ERROR', errors: ['not in the sandbox allowed email list'] }),
		});
		const [item] = emitted(await deliver(authorization, { body: json(failed) }).result);
		expect(item).toMatchObject({
			event: 'document.sendingFailed',
			documentStatus: 'ERROR',
			documentCompleted: false,
			attributes: { errors: ['not in the sandbox allowed email list'] },
		});
	});

	it('recipient and validation events: the recipient, and the envelope only when named', async () => {
		const bare = delivery('recipient.validation_code_failed');
		const [item] = emitted(await deliver(authorization, { body: json(bare) }).result);
		expect(item).toMatchObject({
			event: 'recipient.verificationFailed',
			documentId: null,
			documentStatus: null,
			// A recipient event without its envelope does not say whether the envelope is complete.
			documentCompleted: null,
			recipient: {
				id: '45d6e9bf-61d6-423c-b8f0-68fdc71429ab',
				name: 'Jane Smith',
				email: 'recipient@company.com',
				phone: null,
				role: null,
				status: 'IN_PROGRESS',
				signingUrl: null,
			},
			attributes: { customKey: '0', order: 0, envelopeName: null },
		});
		const nested = delivery('recipient.signed_all', {
			...recipientData({ status: 'SIGNED_ALL' }),
			envelope: { id: 'env-7', name: 'NDA', status: 'IN_PROGRESS' },
		});
		const [signed] = emitted(await deliver(authorization, { body: json(nested) }).result);
		expect(signed).toMatchObject({
			event: 'recipient.signed',
			documentId: 'env-7',
			documentStatus: 'IN_PROGRESS',
			recipient: { status: 'SIGNED_ALL' },
		});
	});

	it('file uploads: the upload fields', async () => {
		const [item] = emitted(
			await deliver(authorization, { body: json(delivery('envelope.file_uploaded')) }).result,
		);
		expect(item).toMatchObject({
			event: 'document.fileUploaded',
			documentId: ENVELOPE_ID,
			recipient: null,
			attributes: {
				uploadId: 'upload_xyz789',
				fileId: 'b66efe2d-a3c8-43d6-80d2-1f4e71fa0216',
				fileName: 'contract.pdf',
				order: 0,
				customKey: 'main_doc',
				uploadStatus: 'COMPLETED',
				uploadedAt: '2025-11-20T19:20:15-03:00',
				processedAt: '2025-11-20T19:20:18-03:00',
			},
		});
	});

	describe('rejects unauthenticated deliveries with a real 401 and no execution', () => {
		const body = json(delivery('envelope.success'));
		const secret = authorization.slice('Bearer '.length);
		it.each([
			['no Authorization header', null, 'Missing Authorization header'],
			['an empty Authorization header', '', 'Missing Authorization header'],
			['another secret', newAuthorization(), 'Invalid Authorization header'],
			['the secret without "Bearer "', secret, 'Invalid Authorization header'],
			['a lower-case scheme', `bearer ${secret}`, 'Invalid Authorization header'],
			['one character changed', `${authorization.slice(0, -1)}x`, 'Invalid Authorization header'],
			['a truncated value', authorization.slice(0, -1), 'Invalid Authorization header'],
			['a longer value', `${authorization}0`, 'Invalid Authorization header'],
			['the API key', 'lexgo-api-key', 'Invalid Authorization header'],
		])('%s', async (_label, sent, reason) => {
			const { result, response, logs } = deliver(authorization, { body, authorization: sent });
			expect(await result).toEqual({ noWebhookResponse: true });
			expect(response).toMatchObject({ statusCode: 401, body: { error: reason } });
			expect(logs.some((l) => l.level === 'warn' && l.message.includes(reason))).toBe(true);
		});

		it('before looking at the body: a forged malformed body is a 401, not a 400', async () => {
			const { result, response } = deliver(authorization, {
				body: '{"id": ',
				authorization: 'Bearer forged',
			});
			expect((await result).workflowData).toBeUndefined();
			expect(response.statusCode).toBe(401);
		});

		it('everything while nothing is registered (fail closed)', async () => {
			const { result, response } = deliver(authorization, { body, staticData: {} });
			expect((await result).workflowData).toBeUndefined();
			expect(response).toMatchObject({
				statusCode: 401,
				body: { error: 'Webhook verification is not configured' },
			});
		});
	});

	describe('manual registration', () => {
		const body = json(delivery('recipient.signed_all'));

		it("checks the credential's Webhook Secret, not the stored registration", async () => {
			const secret = newAuthorization();
			const manual = { registration: 'manual' };
			const ok = deliver(authorization, {
				body,
				authorization: secret,
				parameters: manual,
				credentials: { webhookSecret: secret },
			});
			expect(emitted(await ok.result)[0].verification).toEqual({
				method: 'authorization-header',
				verified: true,
				detail: 'credential webhook secret',
			});
			const stored = deliver(authorization, {
				body,
				parameters: manual,
				credentials: { webhookSecret: secret },
			});
			expect((await stored.result).workflowData).toBeUndefined();
			expect(stored.response.statusCode).toBe(401);
		});

		it('rejects everything while the credential has no Webhook Secret', async () => {
			for (const webhookSecret of [undefined, '']) {
				const { result, response } = deliver(authorization, {
					body,
					parameters: { registration: 'manual' },
					credentials: { webhookSecret },
				});
				expect((await result).workflowData).toBeUndefined();
				expect(response).toMatchObject({
					statusCode: 401,
					body: { error: 'Webhook verification is not configured' },
				});
			}
		});
	});

	it.each([
		['malformed JSON', '{"id": ', 'application/json', 400, 'Malformed JSON in the body'],
		['an empty body', '', 'application/json', 400, 'Empty body'],
		['a JSON array', '[]', 'application/json', 400, 'The JSON body is not an object'],
		[
			'a form body',
			'id=1',
			'application/x-www-form-urlencoded',
			415,
			'Unsupported content type application/x-www-form-urlencoded; expected application/json',
		],
	])(
		'answers an authenticated delivery with %s with a client error',
		async (_label, body, type, status, reason) => {
			const { result, response } = deliver(authorization, {
				body,
				headers: { 'content-type': type },
			});
			expect(await result).toEqual({ noWebhookResponse: true });
			expect(response).toMatchObject({ statusCode: status, body: { error: reason } });
		},
	);

	it('accepts a JSON content type with parameters and verifies over the raw bytes', async () => {
		const payload = delivery('recipient.email_opened', recipientData({ name: 'Zoë Ñúñez – 名前' }));
		const { result } = deliver(authorization, {
			body: Buffer.from(json(payload), 'utf8'),
			headers: { 'content-type': 'application/json; charset=utf-8' },
		});
		const [item] = emitted(await result);
		expect((item.recipient as IDataObject).name).toBe('Zoë Ñúñez – 名前');
	});

	it('answers 413 to an oversized body', async () => {
		const { result, response } = deliver(authorization, {
			body: Buffer.alloc(5 * 1024 * 1024 + 1, 0x20),
		});
		expect((await result).workflowData).toBeUndefined();
		expect(response.statusCode).toBe(413);
	});

	it('answers a verified but unselected event with 200 and starts nothing', async () => {
		const { result, response } = deliver(authorization, {
			body: json(delivery('recipient.email_opened')),
			parameters: { events: ['envelope.success'] },
		});
		expect(await result).toEqual({ noWebhookResponse: true });
		expect(response).toMatchObject({ statusCode: 200, body: { received: true, events: 0 } });
	});

	it('keeps unrecognized event types only when "unknown" is selected', async () => {
		const body = json(delivery('envelope.created', { id: 'env-new' }));
		const [item] = emitted(await deliver(authorization, { body }).result);
		expect(item).toMatchObject({
			event: 'unknown',
			providerEvent: 'envelope.created',
			documentId: 'env-new',
		});
		const filtered = deliver(authorization, {
			body,
			parameters: { events: Object.keys(LEXGOSIGN_EVENTS) },
		});
		expect((await filtered.result).workflowData).toBeUndefined();
		expect(filtered.response.statusCode).toBe(200);
	});

	it('runs a delivery retried by LexgoSign (same id, newer data) once, unless switched off', async () => {
		const workflowId = `wf-retry-${randomUUID()}`;
		const id = randomUUID();
		const first = delivery('recipient.in_progress', recipientData(), id);
		const retry = delivery('recipient.in_progress', recipientData({ status: 'SIGNED_ALL' }), id);
		const other = delivery('recipient.in_progress');
		expect(
			emitted(await deliver(authorization, { body: json(first), workflowId }).result),
		).toHaveLength(1);
		expect(
			emitted(await deliver(authorization, { body: json(other), workflowId }).result),
		).toHaveLength(1);
		const repeated = deliver(authorization, { body: json(retry), workflowId });
		expect(await repeated.result).toEqual({ noWebhookResponse: true });
		expect(repeated.response).toMatchObject({
			statusCode: 200,
			body: { received: true, events: 0 },
		});
		const off = deliver(authorization, {
			body: json(retry),
			workflowId,
			parameters: { options: { suppressDuplicates: false } },
		});
		expect(emitted(await off.result)).toHaveLength(1);
	});

	it('never throws: an internal failure becomes a 500 answer', async () => {
		// Manual mode without any credential: getCredentials throws inside receive().
		const context = webhookContext({
			rawBody: json(delivery('recipient.signed_all')),
			headers: { 'content-type': 'application/json', authorization },
			parameters: { registration: 'manual', events: allEvents, options: {} },
			credentials: {},
		});
		expect(await trigger.webhook.call(context.ctx)).toEqual({ noWebhookResponse: true });
		expect(context.response).toMatchObject({
			statusCode: 500,
			body: { error: 'The delivery could not be processed' },
		});
	});

	it('never puts the secret in a response, item or log line', async () => {
		const secret = authorization.slice('Bearer '.length);
		const runs = [
			deliver(authorization, { body: json(delivery('envelope.success')) }),
			deliver(authorization, { body: json(delivery('envelope.success')), authorization: 'x' }),
			deliver(authorization, { body: '{', authorization: `${authorization}x` }),
		];
		for (const run of runs) {
			const outcome = await run.result;
			expect(JSON.stringify([outcome, run.response.body, run.logs])).not.toContain(secret);
		}
	});

	describe('enrichment options', () => {
		const pdf = (name: string) => Buffer.from(`%PDF-1.4 ${name}`);
		interface Recorded {
			authenticated: Array<{ credential: string; options: IHttpRequestOptions }>;
			downloads: IHttpRequestOptions[];
		}
		function lexgo(
			recorded: Recorded,
			envelope: IDataObject | undefined = undefined,
			failDownloads = false,
		): HttpHandler {
			return (options, credential) => {
				if (credential) {
					recorded.authenticated.push({ credential, options });
					if (options.url === `/envelopes/${ENVELOPE_ID}`) {
						return {
							statusCode: 200,
							headers: { 'content-type': 'application/json' },
							body: { envelope: envelope ?? envelopeData({ status: 'SUCCESS' }), request_id: 'r1' },
						};
					}
					throw new Error(`unexpected ${options.url}`);
				}
				recorded.downloads.push(options);
				if (failDownloads) return { statusCode: 403, headers: {}, body: '<Error/>' };
				const name = String(options.url).includes('evidence') ? 'evidence' : 'document';
				return { statusCode: 200, headers: { 'content-type': 'application/pdf' }, body: pdf(name) };
			};
		}

		it('fetches the envelope and downloads documents and evidence without credentials', async () => {
			const recorded: Recorded = { authenticated: [], downloads: [] };
			const payload = delivery('envelope.evidence_generated');
			const { result } = deliver(authorization, {
				body: json(payload),
				parameters: {
					options: {
						includeDocumentDetails: true,
						downloadSignedDocuments: true,
						downloadAuditTrail: true,
					},
				},
				http: lexgo(recorded),
			});
			const [item] = (await result).workflowData![0];
			expect(item.json.document).toMatchObject({ id: ENVELOPE_ID, status: 'SUCCESS' });
			expect(item.json.enrichmentError).toBeUndefined();
			expect(
				recorded.authenticated.map((r) => [r.credential, r.options.method, r.options.url]),
			).toEqual([['lexgoSignApi', 'GET', `/envelopes/${ENVELOPE_ID}`]]);
			const data = payload.data as IDataObject;
			const documentUrl = (data.documents as IDataObject[])[0].url;
			expect(recorded.downloads.map((o) => o.url)).toEqual([
				documentUrl,
				data.evidence_document_url,
			]);
			for (const download of recorded.downloads) expect(download.headers).toBeUndefined();
			expect(item.binary?.data).toMatchObject({
				fileName: 'employment_agreement_2025.pdf',
				mimeType: 'application/pdf',
				data: pdf('document').toString('base64'),
			});
			expect(item.binary?.data_audit).toMatchObject({
				fileName: `${ENVELOPE_ID}-evidence.pdf`,
				data: pdf('evidence').toString('base64'),
			});
		});

		it("prefers the fetched envelope's fresher document links", async () => {
			const recorded: Recorded = { authenticated: [], downloads: [] };
			const fresh = envelopeData();
			const documents = [
				{ ...(fresh.documents as IDataObject[])[0], url: 'https://s3.test/fresh-0.pdf' },
				{ id: 'd2', order: 1, file_name: 'annex.pdf', url: 'https://s3.test/fresh-1.pdf' },
			];
			const { result } = deliver(authorization, {
				body: json(delivery('envelope.success')),
				parameters: { options: { includeDocumentDetails: true, downloadSignedDocuments: true } },
				http: lexgo(recorded, { ...fresh, documents }),
			});
			const [item] = (await result).workflowData![0];
			expect(recorded.downloads.map((o) => o.url)).toEqual([
				'https://s3.test/fresh-0.pdf',
				'https://s3.test/fresh-1.pdf',
			]);
			expect(Object.keys(item.binary ?? {})).toEqual(['data', 'data_1']);
			expect(item.binary?.data_1.fileName).toBe('annex.pdf');
		});

		it('downloads nothing for events that do not complete the envelope', async () => {
			const recorded: Recorded = { authenticated: [], downloads: [] };
			const { result, http } = deliver(authorization, {
				body: json(delivery('envelope.in_progress')),
				parameters: { options: { downloadSignedDocuments: true, downloadAuditTrail: true } },
				http: lexgo(recorded),
			});
			expect((await result).workflowData![0][0].binary).toBeUndefined();
			expect(http).not.toHaveBeenCalled();
			expect(recorded.downloads).toHaveLength(0);
		});

		it('skips the envelope fetch when a recipient event names no envelope', async () => {
			const recorded: Recorded = { authenticated: [], downloads: [] };
			const { result } = deliver(authorization, {
				body: json(delivery('recipient.signed_all')),
				parameters: { options: { includeDocumentDetails: true } },
				http: lexgo(recorded),
			});
			const [item] = emitted(await result);
			expect(item.document).toBeUndefined();
			expect(recorded.authenticated).toHaveLength(0);
		});

		it('still emits the event when enrichment fails, with the reasons', async () => {
			const recorded: Recorded = { authenticated: [], downloads: [] };
			const { result, response } = deliver(authorization, {
				body: json(delivery('envelope.success')),
				parameters: { options: { downloadSignedDocuments: true } },
				http: lexgo(recorded, undefined, true),
			});
			const [item] = emitted(await result);
			expect(response.statusCode).toBe(200);
			expect(item.event).toBe('document.completed');
			expect(item.enrichmentError).toMatch(/^document 0: LexgoSign: the download link was refused/);
		});
	});
});
