import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import { LegalesignTrigger } from '../../../nodes/Legalesign/LegalesignTrigger.node';
import { LEGALESIGN_REALTIME_EVENTS } from '../../../nodes/Legalesign/events';
import {
	batchBody,
	DOCUMENT_ID,
	hmacOf,
	newSecret,
	perEventCallback,
	REALTIME_SPELLINGS,
	realtimePayload,
	recipientFixture,
	rsaSha1,
	seedPageBatch,
	SIGNER_ID,
} from '../../fixtures/legalesign';
import { selfSignedCertificate } from '../../support/certificates';
import { createSelfSignedCertificate } from '../../../emulator/x509';
import { type HttpHandler, webhookContext } from '../../support/contexts';

const trigger = new LegalesignTrigger();
const ALL_REALTIME = [...Object.keys(LEGALESIGN_REALTIME_EVENTS), 'unknown'];
const token = newSecret();
const hmacSecret = newSecret();
const certificate = selfSignedCertificate();
const JSON_TYPE = { 'content-type': 'application/json' };
const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };
let workflowCounter = 0;

interface Delivery {
	body?: string | Buffer;
	headers?: Record<string, string>;
	query?: IDataObject;
	parameters?: IDataObject;
	credentials?: IDataObject;
	staticData?: IDataObject;
	http?: HttpHandler;
	workflowId?: string;
}

function registration(): IDataObject {
	return {
		subscription: {
			url: `https://n8n.example.com/webhook/abc/webhook?token=${token}`,
			token,
			notify: 'realtime',
			eventFilter: '',
			group: '',
		},
	};
}

function deliver(delivery: Delivery) {
	const context = webhookContext({
		workflowId: delivery.workflowId ?? `wf-legalesign-${++workflowCounter}`,
		rawBody: delivery.body,
		headers: delivery.headers ?? JSON_TYPE,
		query: delivery.query ?? { token },
		staticData: delivery.staticData ?? registration(),
		parameters: {
			webhookType: 'realtime',
			events: ALL_REALTIME,
			group: '',
			options: {},
			...delivery.parameters,
		},
		credentials: {
			legalesignApi: {
				username: 'api-user',
				secret: 'api-secret',
				baseUrl: 'https://legalesign.test/api/v1',
				webhookHmacSecret: hmacSecret,
				legacyPublicCertificate: certificate.certificatePem,
				...delivery.credentials,
			},
		},
		http: delivery.http,
	});
	return { ...context, result: trigger.webhook.call(context.ctx) };
}

/** A realtime delivery with a correct X-Hmac-Sha256 over the exact body. */
function realtime(payload: IDataObject, extra: Omit<Delivery, 'body'> = {}) {
	const body = JSON.stringify(payload);
	return deliver({
		body,
		...extra,
		headers: { ...JSON_TYPE, 'x-hmac-sha256': hmacOf(body, hmacSecret), ...extra.headers },
	});
}

describe('LegalesignTrigger static data', () => {
	it('a production delivery leaves the stored registration exactly as it was (no static-data write)', async () => {
		const staticData = registration();
		const before = JSON.stringify(staticData);
		const run = realtime(realtimePayload('document.created'), { staticData });
		expect((await run.result).workflowData?.[0]).toHaveLength(1);
		expect(JSON.stringify(staticData)).toBe(before);
	});
});

function emitted(result: IWebhookResponseData): IDataObject[] {
	return (result.workflowData?.[0] ?? []).map((item) => item.json);
}

async function expectRejected(
	run: ReturnType<typeof deliver>,
	status: number,
	reason: string,
): Promise<void> {
	expect(await run.result).toEqual({ noWebhookResponse: true });
	expect(run.response.statusCode).toBe(status);
	expect(run.response.body).toEqual({ error: reason });
	if (status === 401) {
		expect(run.logs.some((l) => l.level === 'warn' && l.message.includes(reason))).toBe(true);
	}
}

describe('LegalesignTrigger realtime deliveries', () => {
	it.each([
		['document.created', 'document.sent', false, null],
		['document.rejected', 'document.rejected', false, null],
		['document.finalPdfCreated', 'document.completed', true, null],
		['recipient.completed', 'recipient.signed', null, 'asha@example.com'],
		['recipient.rejected', 'recipient.rejected', null, 'asha@example.com'],
		['recipient.emailOpened', 'recipient.emailOpened', null, 'asha@example.com'],
		['recipient.visiting', 'recipient.viewed', null, 'asha@example.com'],
		['recipient.bounced', 'recipient.emailBounced', null, 'asha@example.com'],
	] as const)('emits one item for %s as %s', async (providerEvent, event, completed, email) => {
		const payload = realtimePayload(providerEvent);
		const run = realtime(payload);
		const outcome = await run.result;
		const items = emitted(outcome);
		expect(items).toHaveLength(1);
		// n8n answers with it once the execution is stored; nothing is written before that.
		expect(outcome.webhookResponse).toEqual({ received: true, events: 1 });
		expect(run.response.headersSent).toBe(false);
		expect(items[0]).toMatchObject({
			provider: 'legalesign',
			event,
			providerEvent,
			eventId: payload.id,
			documentId: DOCUMENT_ID,
			documentCompleted: completed,
			occurredAt: new Date(1783500000 * 1000).toISOString(),
			verification: {
				method: 'url-token+hmac-sha256',
				verified: true,
				detail: 'url token + X-Hmac-Sha256 (hex)',
			},
			payload,
		});
		expect((items[0].recipient as IDataObject | null)?.email ?? null).toBe(email);
	});

	it('maps a recipient event: who, their status, the document and its attributes', async () => {
		const payload = realtimePayload('recipient.bounced', {
			status: 10,
			statusText: 'Sent',
			emailBounce: 1,
			emailBounceMessage: '550 mailbox unavailable',
		});
		const [item] = emitted(await realtime(payload).result);
		expect(item).toMatchObject({
			documentId: DOCUMENT_ID,
			documentStatus: null,
			recipient: {
				id: SIGNER_ID,
				name: 'Asha Rao',
				email: 'asha@example.com',
				phone: null,
				role: 'signer',
				status: 'Sent',
				signingUrl: null,
			},
			attributes: {
				objectType: 'recipient',
				version: '1.0',
				documentName: 'NDA 2026',
				group: 'main-team',
				tags: ['ORDER-1042'],
				statusCode: 10,
				statusLabel: 'Sent',
				emailBounceMessage: '550 mailbox unavailable',
			},
		});
	});

	it('maps a document event, names who rejected it, and keeps the status code', async () => {
		const payload = realtimePayload('document.rejected', {
			status: 50,
			statusText: 'Rejected',
			recipients: [
				recipientFixture({ uuid: 'first', email: 'ok@example.com', status: 40 }),
				recipientFixture({ status: 60, rejectReason: 'Wrong amount' }),
			],
		});
		const [item] = emitted(await realtime(payload).result);
		expect(item).toMatchObject({
			event: 'document.rejected',
			documentStatus: '50',
			recipient: { id: SIGNER_ID, email: 'asha@example.com' },
			attributes: {
				documentName: 'NDA 2026',
				statusCode: 50,
				statusLabel: 'Rejected',
				rejectReason: 'Wrong amount',
				tags: ['ORDER-1042', 'EU'],
			},
		});
	});

	it('reads snake_case fields too (REST spelling), and a document given as a URI', async () => {
		const payload = {
			id: 'evt-snake',
			object: 'recipient',
			event: 'completed',
			created: 1783500000000,
			data: {
				uuid: SIGNER_ID,
				email: 'asha@example.com',
				first_name: 'Asha',
				last_name: 'Rao',
				status: 40,
				resource_uri: `/api/v1/signer/${SIGNER_ID}/`,
				document: `/api/v1/document/${DOCUMENT_ID}/`,
				document_name: 'NDA 2026',
			},
		};
		const [item] = emitted(await realtime(payload).result);
		expect(item).toMatchObject({
			documentId: DOCUMENT_ID,
			occurredAt: new Date(1783500000000).toISOString(),
			recipient: { id: SIGNER_ID, name: 'Asha Rao', status: 'Signed' },
			attributes: { documentName: 'NDA 2026', statusLabel: 'Signed' },
		});
	});

	it('accepts upper-case hex and base64 HMACs', async () => {
		const payload = realtimePayload('document.created');
		const body = JSON.stringify(payload);
		for (const [signature, encoding] of [
			[hmacOf(body, hmacSecret).toUpperCase(), 'hex'],
			[hmacOf(body, hmacSecret, 'base64'), 'base64'],
		]) {
			const run = deliver({ body, headers: { ...JSON_TYPE, 'x-hmac-sha256': signature } });
			expect(emitted(await run.result)[0].verification).toMatchObject({
				detail: `url token + X-Hmac-Sha256 (${encoding})`,
			});
		}
	});

	it('checks only the URL token when the credential has no HMAC secret', async () => {
		const body = JSON.stringify(realtimePayload('document.created'));
		const run = deliver({ body, credentials: { webhookHmacSecret: '' } });
		expect(emitted(await run.result)[0].verification).toEqual({
			method: 'url-token',
			verified: true,
			detail: 'url token',
		});
	});

	describe('rejects unverified deliveries with a real 401 and no execution', () => {
		const payload = realtimePayload('document.finalPdfCreated');
		const body = JSON.stringify(payload);
		const signature = hmacOf(body, hmacSecret);
		const signed = { ...JSON_TYPE, 'x-hmac-sha256': signature };

		it.each([
			['no token', { query: {} }, 'Missing URL token'],
			['an empty token', { query: { token: '' } }, 'Missing URL token'],
			['a repeated token', { query: { token: [token, token] } }, 'Missing URL token'],
			['a wrong token', { query: { token: newSecret() } }, 'Invalid URL token'],
			['a truncated token', { query: { token: token.slice(0, -1) } }, 'Invalid URL token'],
			[
				'no stored registration',
				{ staticData: {} },
				'No registration is stored for this trigger (publish it again)',
			],
		])('%s', async (_label, overrides, reason) => {
			await expectRejected(deliver({ body, headers: signed, ...overrides }), 401, reason);
		});

		it.each([
			['no X-Hmac-Sha256', JSON_TYPE, 'Missing X-Hmac-Sha256 header'],
			[
				'an HMAC made with another secret',
				{ ...JSON_TYPE, 'x-hmac-sha256': hmacOf(body, newSecret()) },
				'Invalid X-Hmac-Sha256 signature',
			],
			[
				'an HMAC of another body',
				{ ...JSON_TYPE, 'x-hmac-sha256': hmacOf(`${body} `, hmacSecret) },
				'Invalid X-Hmac-Sha256 signature',
			],
			[
				'a truncated HMAC',
				{ ...JSON_TYPE, 'x-hmac-sha256': signature.slice(0, 63) },
				'Invalid X-Hmac-Sha256 signature',
			],
		])('%s', async (_label, headers, reason) => {
			await expectRejected(deliver({ body, headers }), 401, reason);
		});

		it('a tampered body with the original HMAC', async () => {
			const tampered = body.replace('NDA 2026', 'NDA 2027');
			await expectRejected(
				deliver({ body: tampered, headers: signed }),
				401,
				'Invalid X-Hmac-Sha256 signature',
			);
		});
	});

	it.each([
		['malformed JSON', '{"id": ', JSON_TYPE, 400, 'Malformed JSON in the body'],
		['an empty body', '', JSON_TYPE, 400, 'Empty body'],
		[
			'a form body',
			'a=1',
			FORM_TYPE,
			415,
			'Unsupported content type application/x-www-form-urlencoded; expected application/json',
		],
	])('answers %s with a clear client error', async (_label, body, headers, status, reason) => {
		await expectRejected(
			deliver({ body, headers: { ...headers, 'x-hmac-sha256': hmacOf(body, hmacSecret) } }),
			status,
			reason,
		);
	});

	it('drops deliveries outside the selected events with 200, no execution and a log line', async () => {
		for (const [events, providerEvent] of [
			[['document.created', 'document.rejected'], 'recipient.completed'],
			[['recipient.visiting'], 'document.created'],
			[['document.finalPdfCreated', 'unknown'], 'document.created'],
		] as const) {
			const run = realtime(realtimePayload(providerEvent), { parameters: { events } });
			expect(await run.result).toEqual({ noWebhookResponse: true });
			expect(run.response).toMatchObject({
				statusCode: 200,
				body: { received: true, events: 0, ignored: 1 },
			});
			expect(run.logs.map((l) => l.message)).toContain(
				`Legalesign Trigger: verified delivery started nothing: event "${providerEvent}" is not selected`,
			);
		}
		const selected = realtime(realtimePayload('recipient.visiting'), {
			parameters: { events: ['recipient.visiting', 'recipient.bounced'] },
		});
		expect(emitted(await selected.result)).toHaveLength(1);
	});

	describe('every known spelling of an event, through the whole trigger', () => {
		const spelled = (
			normalized: string,
			spelling: { object?: string; event: string },
		): IDataObject => {
			const payload = realtimePayload(normalized);
			delete payload.object;
			return { ...payload, ...spelling };
		};
		const cases = Object.entries(REALTIME_SPELLINGS).flatMap(([normalized, spellings]) =>
			spellings.map((spelling) => [normalized, JSON.stringify(spelling), spelling] as const),
		);

		it.each(cases)(
			'%s spelled %s: one item with the normalized names, selected by them',
			async (normalized, _label, spelling) => {
				const expected = {
					providerEvent: normalized,
					event: (LEGALESIGN_REALTIME_EVENTS as Record<string, { event: string }>)[normalized]
						.event,
				};
				const payload = spelled(normalized, spelling);
				const everything = emitted(await realtime(payload).result);
				expect(everything).toHaveLength(1);
				expect(everything[0]).toMatchObject({ ...expected, eventId: payload.id });
				// The selection compares normalized names: only this event selected still runs it …
				const only = emitted(
					await realtime(payload, { parameters: { events: [normalized] } }).result,
				);
				expect(only).toHaveLength(1);
				expect(only[0]).toMatchObject(expected);
				// … and deselecting it answers 200, starts nothing and says why in the log.
				const others = ALL_REALTIME.filter((event) => event !== normalized);
				const skipped = realtime(payload, { parameters: { events: others } });
				expect(await skipped.result).toEqual({ noWebhookResponse: true });
				expect(skipped.response).toMatchObject({
					statusCode: 200,
					body: { received: true, events: 0, ignored: 1 },
				});
				expect(skipped.logs.map((l) => l.message)).toContain(
					`Legalesign Trigger: verified delivery started nothing: event "${normalized}" is not selected`,
				);
			},
		);
	});

	it('keeps verified events it does not recognise, as "unknown", unless deselected', async () => {
		const payload = realtimePayload('document.archived');
		const [item] = emitted(await realtime(payload).result);
		expect(item).toMatchObject({ event: 'unknown', providerEvent: 'document.archived' });
		const deselected = realtime(payload, { parameters: { events: ['document.created'] } });
		expect((await deselected.result).workflowData).toBeUndefined();
		expect(deselected.logs.map((l) => l.message)).toContain(
			'Legalesign Trigger: verified delivery started nothing: unrecognized event "document.archived" ("Unrecognized Event" is not selected)',
		);
	});

	it('suppresses a retried delivery (same id) unless switched off', async () => {
		const workflowId = `wf-retry-${Date.now()}`;
		const payload = realtimePayload('recipient.completed');
		expect(emitted(await realtime(payload, { workflowId }).result)).toHaveLength(1);
		const other = realtimePayload('recipient.completed');
		expect(emitted(await realtime(other, { workflowId }).result)).toHaveLength(1);
		const retry = realtime(payload, { workflowId });
		expect(await retry.result).toEqual({ noWebhookResponse: true });
		expect(retry.response).toMatchObject({ statusCode: 200, body: { events: 0 } });
		const off = realtime(payload, {
			workflowId,
			parameters: { options: { suppressDuplicates: false } },
		});
		expect(emitted(await off.result)).toHaveLength(1);
	});

	it('derives a stable eventId from the bytes when a delivery has no id', async () => {
		const payload = realtimePayload('document.created', {}, { id: undefined });
		const first = emitted(await realtime(payload).result)[0].eventId;
		const again = emitted(await realtime(payload).result)[0].eventId;
		expect(first).toMatch(/^legalesign:[0-9a-f]{40}$/);
		expect(again).toBe(first);
	});

	it('never puts the URL token, HMAC secret or API secret in a response, item or log', async () => {
		const payload = realtimePayload('document.created');
		const runs = [
			realtime(payload),
			deliver({ body: JSON.stringify(payload), query: { token: 'nope' } }),
			deliver({ body: JSON.stringify(payload), headers: { ...JSON_TYPE, 'x-hmac-sha256': 'x' } }),
		];
		for (const run of runs) {
			const seen = JSON.stringify([await run.result, run.response.body, run.logs]);
			expect(seen).not.toContain(token);
			expect(seen).not.toContain(hmacSecret);
			expect(seen).not.toContain('api-secret');
		}
	});

	it('never throws: an internal failure becomes a 500 answer', async () => {
		const context = webhookContext({
			rawBody: JSON.stringify(realtimePayload('document.created')),
			headers: JSON_TYPE,
			query: { token },
			staticData: registration(),
			parameters: { webhookType: 'realtime', events: ALL_REALTIME, options: {} },
			credentials: {},
		});
		expect(await trigger.webhook.call(context.ctx)).toEqual({ noWebhookResponse: true });
		expect(context.response).toMatchObject({
			statusCode: 500,
			body: { error: 'The delivery could not be processed' },
		});
	});
});

describe('LegalesignTrigger enrichment', () => {
	const pdf = Buffer.from('%PDF-1.7 signed');
	const presigned = 'https://files.legalesign.test/signed.pdf?X-Amz-Signature=abc';
	const api: HttpHandler = (options, credentialType) => {
		if (options.url === presigned) {
			expect(credentialType).toBeUndefined();
			expect(options.headers).toBeUndefined();
			return { statusCode: 200, headers: { 'content-type': 'application/pdf' }, body: pdf };
		}
		if (options.url === `/pdf/${DOCUMENT_ID}/`) {
			return { statusCode: 302, headers: { location: presigned }, body: Buffer.alloc(0) };
		}
		if (options.url === `/document/${DOCUMENT_ID}/`) {
			return { statusCode: 200, headers: {}, body: { uuid: DOCUMENT_ID, status: 30 } };
		}
		if (options.url === `/signer/${SIGNER_ID}/`) {
			return {
				statusCode: 200,
				headers: {},
				body: { document: `/api/v1/document/${DOCUMENT_ID}/`, status: 40 },
			};
		}
		throw new Error(`unexpected ${options.url}`);
	};

	it('downloads the signed PDF (302 → link without credentials) and fetches the document', async () => {
		const run = realtime(realtimePayload('document.finalPdfCreated'), {
			parameters: {
				options: {
					downloadSignedDocuments: true,
					includeDocumentDetails: true,
					binaryPropertyName: 'pdf',
				},
			},
			http: api,
		});
		const [item] = (await run.result).workflowData![0];
		expect(item.json.document).toEqual({ uuid: DOCUMENT_ID, status: 30 });
		expect(item.binary?.pdf).toMatchObject({
			fileName: `${DOCUMENT_ID}.pdf`,
			mimeType: 'application/pdf',
			data: pdf.toString('base64'),
		});
		expect(run.http.mock.calls.map(([credential, o]) => [credential, o.method, o.url])).toEqual([
			['legalesignApi', 'GET', `/document/${DOCUMENT_ID}/`],
			['legalesignApi', 'GET', `/pdf/${DOCUMENT_ID}/`],
		]);
		expect(run.http.mock.calls[1][1]).toMatchObject({ disableFollowRedirect: true });
	});

	it('downloads nothing for events that do not say the PDF is ready', async () => {
		const run = realtime(realtimePayload('recipient.completed'), {
			parameters: { options: { downloadSignedDocuments: true } },
			http: api,
		});
		expect((await run.result).workflowData![0][0].binary).toBeUndefined();
		expect(run.http).not.toHaveBeenCalled();
	});

	it('still emits the event when the PDF is being restored from the archive (201)', async () => {
		const run = realtime(realtimePayload('document.finalPdfCreated'), {
			parameters: { options: { downloadSignedDocuments: true } },
			http: () => ({ statusCode: 201, headers: {}, body: Buffer.alloc(0) }),
		});
		const [item] = emitted(await run.result);
		expect(run.response.statusCode).toBe(200);
		expect(item.event).toBe('document.completed');
		expect(item.enrichmentError).toMatch(
			/^signed PDF: Legalesign: the signed PDF is being restored from the archive .* about 4 hours$/,
		);
	});

	it('looks the document up through the signer for legacy signer records', async () => {
		const record = seedPageBatch()[5];
		const run = deliver({
			body: batchBody([record]),
			headers: FORM_TYPE,
			parameters: {
				webhookType: 'legacy',
				legacyNotify: 'all',
				registration: 'manual',
				events: ['signer.40'],
				options: { includeDocumentDetails: true },
			},
			http: api,
		});
		const [item] = emitted(await run.result);
		expect(item.document).toEqual({ uuid: DOCUMENT_ID, status: 30 });
		expect(run.http.mock.calls.map(([, o]) => o.url)).toEqual([
			`/signer/${SIGNER_ID}/`,
			`/document/${DOCUMENT_ID}/`,
		]);
	});
});

describe('LegalesignTrigger legacy callbacks', () => {
	const allRecords = seedPageBatch().map(
		(r) => `${String(r.resource_uri).split('/')[3]}.${r.value}`,
	);
	const legacy = (parameters: IDataObject = {}): IDataObject => ({
		webhookType: 'legacy',
		legacyNotify: 'all',
		registration: 'automatic',
		events: [...new Set([...allRecords, 'unknown'])],
		...parameters,
	});

	it('turns a 6-minute batch into one item per record, in order, with labelled statuses', async () => {
		const records = seedPageBatch();
		const run = deliver({ body: batchBody(records), headers: FORM_TYPE, parameters: legacy() });
		const outcome = await run.result;
		const items = emitted(outcome);
		expect(outcome.webhookResponse).toEqual({ received: true, events: 8 });
		expect(run.response.headersSent).toBe(false);
		expect(
			items.map((i) => [
				i.providerEvent,
				i.event,
				(i.attributes as IDataObject).statusLabel,
				i.documentCompleted,
			]),
		).toEqual([
			['signer.5', 'recipient.scheduled', 'Scheduled', null],
			['signer.10', 'recipient.sent', 'Sent', null],
			['signer.20', 'recipient.viewed', 'Visited', null],
			['document.20', 'document.fieldsCompleted', 'Fields Completed', false],
			['signer.30', 'recipient.fieldsCompleted', 'Fields Completed', null],
			['signer.40', 'recipient.signed', 'Signed', null],
			['document.30', 'document.signed', 'Signed', false],
			['document.100', 'document.completed', 'Final PDF Ready', true],
		]);
		expect(items[0]).toMatchObject({
			documentId: null,
			documentStatus: null,
			recipient: { id: SIGNER_ID, status: 'Scheduled' },
			occurredAt: '2022-07-11T07:28:25.000Z',
			attributes: {
				objectType: 'signer',
				resourceUri: `/api/v1/signer/${SIGNER_ID}/`,
				change: 'status',
				statusCode: 5,
			},
			verification: {
				method: 'url-token+rsa-sha1',
				verified: true,
				detail: 'url token + signed (batch)',
			},
			payload: records[0],
		});
		expect(items[7]).toMatchObject({
			documentId: DOCUMENT_ID,
			documentStatus: '100',
			recipient: null,
			attributes: { objectType: 'document', statusCode: 100 },
		});
		expect(new Set(items.map((i) => i.eventId)).size).toBe(8);
	});

	it('keeps only the chosen batch records and unrecognized ones as "unknown"', async () => {
		const odd = {
			value: '77',
			timestamp: '2022-07-11T07:30:00',
			resource_uri: `/api/v1/document/${DOCUMENT_ID}/`,
			name: 'status',
		};
		const records = [...seedPageBatch(), odd];
		const chosen = deliver({
			body: batchBody(records),
			headers: FORM_TYPE,
			parameters: legacy({ events: ['document.100', 'unknown'] }),
		});
		const items = emitted(await chosen.result);
		expect(items.map((i) => [i.providerEvent, i.event])).toEqual([
			['document.100', 'document.completed'],
			['document.77', 'unknown'],
		]);
		expect(items[1].occurredAt).toBe('2022-07-11T07:30:00.000Z');
		const none = deliver({
			body: batchBody(records),
			headers: FORM_TYPE,
			parameters: legacy({ events: ['signer.60'] }),
		});
		expect(await none.result).toEqual({ noWebhookResponse: true });
		expect(none.response).toMatchObject({ statusCode: 200, body: { events: 0 } });
	});

	it('suppresses a repeated batch record by its content', async () => {
		const workflowId = `wf-batch-${Date.now()}`;
		const records = seedPageBatch();
		const body = batchBody(records);
		expect(
			emitted(await deliver({ body, headers: FORM_TYPE, parameters: legacy(), workflowId }).result),
		).toHaveLength(8);
		const next = [...records.slice(6), { ...records[0], timestamp: '2022-07-11T08:00:00+00:00' }];
		const overlap = deliver({
			body: batchBody(next),
			headers: FORM_TYPE,
			parameters: legacy(),
			workflowId,
		});
		expect(emitted(await overlap.result).map((i) => i.occurredAt)).toEqual([
			'2022-07-11T08:00:00.000Z',
		]);
	});

	it('with manual registration needs no URL token and reports rsa-sha1', async () => {
		const run = deliver({
			body: batchBody(seedPageBatch()),
			headers: FORM_TYPE,
			query: {},
			staticData: {},
			parameters: legacy({ registration: 'manual' }),
		});
		expect(emitted(await run.result)[0].verification).toEqual({
			method: 'rsa-sha1',
			verified: true,
			detail: 'signed (batch)',
		});
	});

	it('accepts a certificate pasted without line breaks', async () => {
		const oneLine = certificate.certificatePem.replace(/\n/g, ' ');
		const run = deliver({
			body: batchBody(seedPageBatch()),
			headers: FORM_TYPE,
			parameters: legacy(),
			credentials: { legacyPublicCertificate: oneLine },
		});
		expect(emitted(await run.result)).toHaveLength(8);
	});

	describe('rejects unverified legacy callbacks with a real 401', () => {
		const records = seedPageBatch();
		const data = JSON.stringify(records);
		const other = createSelfSignedCertificate({ modulusLength: 1024 });

		it.each([
			[
				'a batch signed with another key',
				batchBody(records, rsaSha1(data, other.privateKey)),
				{},
				'Invalid signature of data',
			],
			[
				'a tampered batch with the original signature',
				new URLSearchParams({
					data: data.replace('"100"', '"50"'),
					signed: rsaSha1(data),
				}).toString(),
				{},
				'Invalid signature of data',
			],
			[
				'a batch without its signature',
				new URLSearchParams({ data }).toString(),
				{},
				'Missing signature of data',
			],
			[
				'a batch while the credential has no certificate (fail closed)',
				batchBody(records),
				{ credentials: { legacyPublicCertificate: '' } },
				'Legacy callbacks cannot be verified: the credential has no valid Legalesign certificate',
			],
			[
				'a batch while the certificate is not one',
				batchBody(records),
				{ credentials: { legacyPublicCertificate: 'not a certificate' } },
				'Legacy callbacks cannot be verified: the credential has no valid Legalesign certificate',
			],
			['a batch without the URL token', batchBody(records), { query: {} }, 'Missing URL token'],
		])('%s', async (_label, body, overrides, reason) => {
			await expectRejected(
				deliver({ body, headers: FORM_TYPE, parameters: legacy(), ...overrides }),
				401,
				reason,
			);
		});

		it('a per-event callback without X-Signed, or signed by another key', async () => {
			const callback = perEventCallback('signed');
			const parameters = legacy({ legacyNotify: 'signed' });
			await expectRejected(
				deliver({ body: callback.body, headers: FORM_TYPE, parameters }),
				401,
				'Missing signature of json_signed',
			);
			await expectRejected(
				deliver({
					body: callback.body,
					headers: { ...FORM_TYPE, 'x-signed': rsaSha1(callback.jsonSigned, other.privateKey) },
					parameters,
				}),
				401,
				'Invalid signature of json_signed',
			);
		});
	});

	it.each([
		[
			'a JSON body',
			JSON.stringify({ data: '[]' }),
			JSON_TYPE,
			415,
			'Unsupported content type application/json; expected application/x-www-form-urlencoded',
		],
		[
			'a form without data or json_signed',
			'hello=1',
			FORM_TYPE,
			400,
			'Neither a data (batch) nor a json_signed (event) field',
		],
		[
			'a signed batch whose data is not an array',
			new URLSearchParams({ data: '{"a":1}', signed: rsaSha1('{"a":1}') }).toString(),
			FORM_TYPE,
			400,
			'data is not a JSON array',
		],
	])('answers %s with a clear client error', async (_label, body, headers, status, reason) => {
		await expectRejected(deliver({ body, headers, parameters: legacy() }), status, reason);
	});

	it.each([
		['signed', 'document.completed', true],
		['sent', 'document.sent', false],
		['rejected', 'document.rejected', false],
	] as const)('turns a per-event "%s" callback into %s', async (kind, event, completed) => {
		const callback = perEventCallback(kind);
		const run = deliver({
			body: callback.body,
			headers: { ...FORM_TYPE, 'x-signed': callback.signature },
			parameters: legacy({ legacyNotify: kind }),
		});
		const [item, ...rest] = emitted(await run.result);
		expect(rest).toHaveLength(0);
		expect(item).toMatchObject({
			event,
			providerEvent: kind,
			documentId: DOCUMENT_ID,
			documentCompleted: completed,
			occurredAt: '2026-07-08T10:00:00.000Z',
			attributes: {
				resourceUri: `/api/v1/document/${DOCUMENT_ID}/`,
				documentName: 'NDA 2026',
				eventCode: kind,
				tags: ['ORDER-1042'],
				signedData: JSON.parse(callback.jsonSigned),
			},
			verification: { method: 'url-token+rsa-sha1', detail: 'url token + X-Signed' },
		});
		expect(item.eventId).toMatch(/^legalesign:[0-9a-f]{40}$/);
	});

	it('trusts the signed JSON over the unsigned form fields', async () => {
		const callback = perEventCallback('signed');
		const form = new URLSearchParams(callback.body);
		form.set('uuid', 'forged-document');
		form.set('name', 'Forged');
		const run = deliver({
			body: form.toString(),
			headers: { ...FORM_TYPE, 'x-signed': callback.signature },
			parameters: legacy({ legacyNotify: 'signed' }),
		});
		const [item] = emitted(await run.result);
		expect(item.documentId).toBe(DOCUMENT_ID);
		expect((item.attributes as IDataObject).documentName).toBe('NDA 2026');
	});

	it('uses the configured kind when the callback names none, and drops other kinds', async () => {
		const unnamed = perEventCallback('', { event: undefined });
		const run = deliver({
			body: unnamed.body,
			headers: { ...FORM_TYPE, 'x-signed': unnamed.signature },
			parameters: legacy({ legacyNotify: 'sent' }),
		});
		expect(emitted(await run.result)[0]).toMatchObject({
			providerEvent: 'sent',
			event: 'document.sent',
		});
		const sent = perEventCallback('sent');
		const other = deliver({
			body: sent.body,
			headers: { ...FORM_TYPE, 'x-signed': sent.signature },
			parameters: legacy({ legacyNotify: 'signed' }),
		});
		expect(await other.result).toEqual({ noWebhookResponse: true });
		expect(other.response).toMatchObject({ statusCode: 200, body: { events: 0 } });
		const batch = deliver({
			body: batchBody(seedPageBatch()),
			headers: FORM_TYPE,
			parameters: legacy({ legacyNotify: 'signed' }),
		});
		expect((await batch.result).workflowData).toBeUndefined();
	});
});
