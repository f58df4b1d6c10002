import { randomBytes } from 'node:crypto';

import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import { LeegalityTrigger } from '../../../nodes/Leegality/LeegalityTrigger.node';
import { LEEGALITY_EVENTS } from '../../../nodes/Leegality/events';
import {
	leegalityMac,
	leegalityOtherShapes,
	leegalityPayloads,
	newSalt,
	packsBody,
	pdfBytes,
	signedBody,
} from '../../fixtures/leegality';
import { type HttpHandler, hookContext, webhookContext } from '../../support/contexts';

const trigger = new LeegalityTrigger();
const allEvents = Object.keys(LEEGALITY_EVENTS);
let workflowCounter = 0;

interface Delivery {
	body?: string | Buffer;
	headers?: Record<string, string>;
	parameters?: IDataObject;
	credentials?: IDataObject;
	http?: HttpHandler;
	workflowId?: string;
}

function deliver(salt: string, delivery: Delivery) {
	const context = webhookContext({
		workflowId: delivery.workflowId ?? `wf-leegality-${++workflowCounter}`,
		rawBody: delivery.body,
		headers: delivery.headers ?? { 'content-type': 'application/json' },
		parameters: { events: allEvents, skipVerification: false, options: {}, ...delivery.parameters },
		credentials: {
			leegalityApi: {
				environment: 'custom',
				baseUrl: 'https://leegality.test/api',
				authToken: 'token',
				privateSaltSecret: salt,
				...delivery.credentials,
			},
		},
		http: delivery.http,
	});
	return { ...context, result: trigger.webhook.call(context.ctx) };
}

function emitted(result: IWebhookResponseData): IDataObject[] {
	return (result.workflowData?.[0] ?? []).map((item) => item.json);
}

describe('LeegalityTrigger webhook()', () => {
	const salt = newSalt();

	it.each([
		['signerSigned', 'signer.signed', 'recipient.signed', 'signer', 'Signed'],
		['reviewerApproved', 'reviewer.approved', 'recipient.approved', 'reviewer', 'Approved'],
		['signerRejected', 'signer.rejected', 'recipient.rejected', 'signer', 'Rejected'],
		['reviewerRejected', 'reviewer.rejected', 'recipient.rejected', 'reviewer', 'Rejected'],
		[
			'verificationFailed',
			'certificate.verificationFailed',
			'recipient.verificationFailed',
			'signer',
			'VerificationFailed',
		],
		['invitationExpired', 'invitation.expired', 'recipient.expired', 'signer', 'Expired'],
	] as const)(
		'emits one normalized item for %s',
		async (fixture, providerEvent, event, role, status) => {
			const payload = leegalityPayloads[fixture]();
			const body = signedBody(payload, salt);
			const { result, response } = deliver(salt, { body });
			const outcome = await result;
			const [item, ...rest] = emitted(outcome);
			expect(rest).toHaveLength(0);
			// n8n answers with it once the execution is stored; nothing is written before that.
			expect(outcome.webhookResponse).toEqual({ received: true, events: 1 });
			expect(response.headersSent).toBe(false);
			expect(item).toMatchObject({
				provider: 'leegality',
				event,
				providerEvent,
				documentId: payload.documentId,
				documentStatus: 'Sent',
				documentCompleted: false,
				recipient: { role, status, name: (payload.request as IDataObject).name },
				occurredAt: null,
				verification: { method: 'hmac-sha1-document-id', verified: true, detail: 'mac (hex)' },
				payload: JSON.parse(body),
			});
			expect(item.eventId).toMatch(/^leegality:[0-9a-f]{40}$/);
			expect(Date.parse(String(item.receivedAt))).not.toBeNaN();
		},
	);

	it('maps every field of a signed delivery, and flags the completing signature', async () => {
		const payload: IDataObject = {
			...leegalityPayloads.signerSigned(),
			documentStatus: 'COMPLETED',
		};
		const [item] = emitted(await deliver(salt, { body: signedBody(payload, salt) }).result);
		expect(item).toMatchObject({
			documentStatus: 'COMPLETED',
			documentCompleted: true,
			recipient: {
				id: null,
				name: 'Asha Rao',
				email: 'asha@example.com',
				phone: '9800000000',
				role: 'signer',
				status: 'Signed',
				signingUrl: 'https://sandbox.leegality.com/sign/2bdcc3ef-0000-0000-0000-000000000000',
			},
			attributes: {
				webhookType: 'Success',
				irn: 'ORDER-1042',
				signType: 'AADHAAR',
				failedChecks: [],
			},
		});
	});

	it('accepts upper-case hex and base64 MACs', async () => {
		const payload = leegalityPayloads.signerSigned();
		const hex = leegalityMac(String(payload.documentId), salt);
		const upper = emitted(
			await deliver(salt, { body: signedBody({ ...payload, mac: hex.toUpperCase() }, salt) })
				.result,
		);
		expect(upper[0].verification).toMatchObject({ verified: true, detail: 'mac (hex)' });
		const base64 = Buffer.from(hex, 'hex').toString('base64');
		const b64 = emitted(
			await deliver(salt, { body: signedBody({ ...payload, mac: base64 }, salt) }).result,
		);
		expect(b64[0].verification).toMatchObject({ verified: true, detail: 'mac (base64)' });
	});

	describe('rejects forged or broken deliveries with a real 401 and no execution', () => {
		const payload = leegalityPayloads.signerSigned();
		const good = leegalityMac(String(payload.documentId), salt);
		it.each([
			[
				'a MAC made with another salt',
				{ ...payload, mac: leegalityMac(String(payload.documentId), newSalt()) },
				'Invalid mac',
			],
			[
				'a MAC of another document',
				{ ...payload, mac: leegalityMac('01OTHERDOCUMENT0000000000', salt) },
				'Invalid mac',
			],
			['a short MAC', { ...payload, mac: good.slice(0, 39) }, 'Invalid mac'],
			['a long MAC', { ...payload, mac: `${good}0` }, 'Invalid mac'],
			['an empty MAC', { ...payload, mac: '' }, 'Missing mac'],
			['no MAC', { ...payload, mac: undefined }, 'Missing mac'],
			['a numeric MAC', { ...payload, mac: 12345 }, 'Missing mac'],
			[
				'no documentId',
				{ ...payload, documentId: undefined, mac: good },
				'Missing top-level documentId: not a Leegality v2.x webhook (set Webhook Version to v2.5)',
			],
		])('%s', async (_label, forged, reason) => {
			const body = JSON.stringify(forged);
			const { result, response, logs } = deliver(salt, { body });
			const outcome = await result;
			expect(outcome).toEqual({ noWebhookResponse: true });
			expect(response.statusCode).toBe(401);
			expect(response.body).toEqual({ error: reason });
			expect(logs.some((l) => l.level === 'warn' && l.message.includes(reason))).toBe(true);
		});

		it('a tampered documentId with the original MAC', async () => {
			const tampered = JSON.stringify({
				...payload,
				documentId: '01KMFEE9T8WPY0WPWXQHQ7DTJ3',
				mac: good,
			});
			const { result, response } = deliver(salt, { body: tampered });
			expect((await result).workflowData).toBeUndefined();
			expect(response.statusCode).toBe(401);
		});

		it('everything while the credential has no salt (fail closed)', async () => {
			const { result, response } = deliver('', { body: signedBody(payload, salt) });
			expect((await result).workflowData).toBeUndefined();
			expect(response).toMatchObject({
				statusCode: 401,
				body: { error: 'Webhook verification is not configured (no Private Salt)' },
			});
		});
	});

	it('requires the custom static header when the credential names one', async () => {
		const headerSecret = randomBytes(12).toString('hex');
		const credentials = { webhookHeaderName: 'X-Webhook-Key', webhookHeaderSecret: headerSecret };
		const body = signedBody(leegalityPayloads.signerSigned(), salt);
		const missing = deliver(salt, { body, credentials });
		expect((await missing.result).workflowData).toBeUndefined();
		expect(missing.response.statusCode).toBe(401);
		const wrong = deliver(salt, {
			body,
			credentials,
			headers: { 'content-type': 'application/json', 'x-webhook-key': 'nope' },
		});
		expect((await wrong.result).workflowData).toBeUndefined();
		const right = deliver(salt, {
			body,
			credentials,
			headers: { 'content-type': 'application/json', 'x-webhook-key': headerSecret },
		});
		expect(emitted(await right.result)[0].verification).toMatchObject({
			detail: 'mac (hex) + custom header',
		});
	});

	it.each([
		['malformed JSON', '{"documentId": ', 'application/json', 400, 'Malformed JSON in the body'],
		['an empty body', '', 'application/json', 400, 'Empty body'],
		[
			'a form body',
			'documentId=x&mac=y',
			'application/x-www-form-urlencoded',
			415,
			'Unsupported content type application/x-www-form-urlencoded; expected application/json',
		],
		['a JSON array', '[]', 'application/json', 400, 'The JSON body is not an object'],
	])(
		'answers %s with a clear client error and no execution',
		async (_label, body, type, status, reason) => {
			const { result, response } = deliver(salt, { body, headers: { 'content-type': type } });
			expect(await result).toEqual({ noWebhookResponse: true });
			expect(response).toMatchObject({ statusCode: status, body: { error: reason } });
		},
	);

	it('answers 413 to a body over 16 MiB (room for v2.3 embedded PDFs) without parsing it', async () => {
		const { result, response } = deliver(salt, { body: Buffer.alloc(16 * 1024 * 1024 + 1, 0x20) });
		expect((await result).workflowData).toBeUndefined();
		expect(response).toMatchObject({
			statusCode: 413,
			body: { error: `Body larger than ${16 * 1024 * 1024} bytes` },
		});
	});

	it('verifies over the raw bytes: non-ASCII names and unexpected fields pass through unchanged', async () => {
		const payload: IDataObject = {
			...leegalityPayloads.signerSigned(),
			extraField: { nested: [1, 2] },
		};
		(payload.request as IDataObject).name = 'Zoë Ñandú – मुंबई';
		const body = signedBody(payload, salt);
		const [item] = emitted(await deliver(salt, { body: Buffer.from(body, 'utf8') }).result);
		expect(item.payload).toEqual(JSON.parse(body));
		expect((item.recipient as IDataObject).name).toBe('Zoë Ñandú – मुंबई');
	});

	it('answers a verified but unselected event with 200 and starts nothing', async () => {
		const body = signedBody(leegalityPayloads.signerRejected(), salt);
		const { result, response } = deliver(salt, { body, parameters: { events: ['signer.signed'] } });
		expect(await result).toEqual({ noWebhookResponse: true });
		expect(response).toMatchObject({ statusCode: 200, body: { received: true, events: 0 } });
	});

	it('keeps verified deliveries it cannot classify, as "unknown"', async () => {
		const odd = { webhookType: 'Success', documentId: '01ODD', request: { action: 'Forwarded' } };
		const [item] = emitted(await deliver(salt, { body: signedBody(odd, salt) }).result);
		expect(item).toMatchObject({ event: 'unknown', providerEvent: 'unknown', documentId: '01ODD' });
		const filtered = deliver(salt, {
			body: signedBody(odd, salt),
			parameters: { events: ['signer.signed'] },
		});
		expect((await filtered.result).workflowData).toBeUndefined();
	});

	it('suppresses a retried delivery, also with other deliveries in between, unless switched off', async () => {
		const workflowId = `wf-retry-${Date.now()}`;
		const first = signedBody(leegalityPayloads.signerSigned(), salt);
		const other = signedBody(leegalityPayloads.reviewerApproved(), salt);
		expect(emitted(await deliver(salt, { body: first, workflowId }).result)).toHaveLength(1);
		expect(emitted(await deliver(salt, { body: other, workflowId }).result)).toHaveLength(1);
		const retry = deliver(salt, { body: first, workflowId });
		expect(await retry.result).toEqual({ noWebhookResponse: true });
		expect(retry.response).toMatchObject({ statusCode: 200, body: { received: true, events: 0 } });
		const off = deliver(salt, {
			body: first,
			workflowId,
			parameters: { options: { suppressDuplicates: false } },
		});
		expect(emitted(await off.result)).toHaveLength(1);
	});

	it('gives retries the same eventId and different events different ones', async () => {
		const signed = leegalityPayloads.signerSigned();
		const id = async (payload: IDataObject) =>
			emitted(await deliver(salt, { body: signedBody(payload, salt) }).result)[0].eventId;
		const a = await id(signed);
		expect(
			await id({
				...signed,
				documentStatus: 'Completed',
				request: { ...(signed.request as IDataObject), active: false },
			}),
		).toBe(a);
		expect(await id(leegalityPayloads.reviewerApproved())).not.toBe(a);
		expect(
			await id({
				...signed,
				request: { ...(signed.request as IDataObject), invitationUrl: 'https://x/sign/other' },
			}),
		).not.toBe(a);
	});

	it('with verification skipped, accepts an unsigned delivery but marks and logs it', async () => {
		const body = JSON.stringify({ ...leegalityPayloads.signerSigned(), mac: 'forged' });
		const { result, logs } = deliver(salt, { body, parameters: { skipVerification: true } });
		expect(emitted(await result)[0].verification).toEqual({
			method: 'skipped',
			verified: false,
			detail: null,
		});
		expect(
			logs.some((l) => l.level === 'warn' && l.message.includes('verification is switched off')),
		).toBe(true);
	});

	it('never throws: an internal failure becomes a 500 answer', async () => {
		const context = webhookContext({
			rawBody: signedBody(leegalityPayloads.signerSigned(), salt),
			headers: { 'content-type': 'application/json' },
			parameters: { events: allEvents, skipVerification: false, options: {} },
			credentials: {},
		});
		const outcome = await trigger.webhook.call(context.ctx);
		expect(outcome).toEqual({ noWebhookResponse: true });
		expect(context.response).toMatchObject({
			statusCode: 500,
			body: { error: 'The delivery could not be processed' },
		});
	});

	it('never puts the salt in a response, item or log line', async () => {
		const runs = [
			deliver(salt, { body: signedBody(leegalityPayloads.signerSigned(), salt) }),
			deliver(salt, { body: JSON.stringify({ ...leegalityPayloads.signerSigned(), mac: 'bad' }) }),
		];
		for (const run of runs) {
			const outcome = await run.result;
			const seen = JSON.stringify([outcome, run.response.body, run.logs]);
			expect(seen).not.toContain(salt);
		}
	});

	describe('enrichment options', () => {
		const completed: IDataObject = {
			...leegalityPayloads.signerSigned(),
			documentStatus: 'Completed',
		};
		const pdf = Buffer.from('%PDF-1.4 signed');
		const api: HttpHandler = (options) => {
			if (options.url === '/v3.3/document/details') {
				return {
					statusCode: 200,
					headers: {},
					body: {
						status: 1,
						messages: [],
						data: { document: { id: options.qs?.documentId, status: 'COMPLETED' } },
					},
				};
			}
			if (options.url === '/v3.1/document/fetchDocument') {
				return { statusCode: 200, headers: { 'content-type': 'application/pdf' }, body: pdf };
			}
			throw new Error(`unexpected ${options.url}`);
		};

		it('fetches details and downloads the signed PDF of a completed document', async () => {
			const { result, http } = deliver(salt, {
				body: signedBody(completed, salt),
				parameters: {
					options: {
						includeDocumentDetails: true,
						downloadSignedDocuments: true,
						binaryPropertyName: 'signed',
					},
				},
				http: api,
			});
			const [item] = (await result).workflowData![0];
			expect(item.json.document).toEqual({
				document: { id: completed.documentId, status: 'COMPLETED' },
			});
			expect(item.binary?.signed).toMatchObject({
				fileName: `${completed.documentId}.pdf`,
				mimeType: 'application/pdf',
				data: pdf.toString('base64'),
			});
			expect(http.mock.calls.map(([credential, o]) => [credential, o.method, o.url, o.qs])).toEqual(
				[
					['leegalityApi', 'GET', '/v3.3/document/details', { documentId: completed.documentId }],
					[
						'leegalityApi',
						'GET',
						'/v3.1/document/fetchDocument',
						{ documentId: completed.documentId, documentDownloadType: 'DOCUMENT' },
					],
				],
			);
		});

		it('does not download for a document that is not completed', async () => {
			const { result, http } = deliver(salt, {
				body: signedBody(leegalityPayloads.signerSigned(), salt),
				parameters: { options: { downloadSignedDocuments: true } },
				http: api,
			});
			expect((await result).workflowData![0][0].binary).toBeUndefined();
			expect(http).not.toHaveBeenCalled();
		});

		it('still emits the event when enrichment fails, with the reason', async () => {
			const { result, response } = deliver(salt, {
				body: signedBody(completed, salt),
				parameters: { options: { includeDocumentDetails: true } },
				http: () => ({
					statusCode: 200,
					headers: {},
					body: {
						status: 0,
						messages: [{ code: 'no.document.found', message: 'No document found' }],
					},
				}),
			});
			const [item] = emitted(await result);
			expect(response.statusCode).toBe(200);
			expect(item.event).toBe('recipient.signed');
			expect(item.enrichmentError).toBe('document details: Leegality: No document found');
		});
	});
});

describe('LeegalityTrigger: every documented body becomes the right single item', () => {
	const salt = newSalt();

	it.each([
		['v2.3 success', leegalityOtherShapes.v23Success, 'signer.signed', 'recipient.signed'],
		[
			'v2.3 error',
			leegalityOtherShapes.v23Error,
			'certificate.verificationFailed',
			'recipient.verificationFailed',
		],
		['v2.2 success', leegalityOtherShapes.v22Success, 'signer.signed', 'recipient.signed'],
		[
			'v2.2 error',
			() => leegalityOtherShapes.v22Error(),
			'invitation.failed',
			'recipient.verificationFailed',
		],
		['v2.1 success', leegalityOtherShapes.v21Success, 'signer.signed', 'recipient.signed'],
		['v2.1 rejected', leegalityOtherShapes.v21Rejected, 'signer.rejected', 'recipient.rejected'],
		['v2.1 expired', leegalityOtherShapes.v21Expired, 'invitation.expired', 'recipient.expired'],
		[
			'Coordinate Picker',
			leegalityOtherShapes.coordinatePicker,
			'coordinates.placed',
			'document.ready',
		],
		['sparse v2.5 signed', leegalityOtherShapes.sparseSigned, 'signer.signed', 'recipient.signed'],
		[
			'sparse v2.5 failed check',
			leegalityOtherShapes.sparseVerificationFailed,
			'certificate.verificationFailed',
			'recipient.verificationFailed',
		],
	])('%s: verified by its mac, one item %s', async (_label, fixture, providerEvent, event) => {
		const payload = (fixture as () => IDataObject)();
		const outcome = await deliver(salt, { body: signedBody(payload, salt) }).result;
		const items = emitted(outcome);
		expect(outcome.webhookResponse).toEqual({ received: true, events: 1 });
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			event,
			providerEvent,
			documentId: payload.documentId,
			verification: { verified: true, detail: 'mac (hex)' },
		});
	});

	it('v2.3: the embedded PDF and audit trail arrive as binary data, the JSON item stays small', async () => {
		const pdf = pdfBytes('signed contract', 4 * 1024 * 1024);
		const audit = pdfBytes('audit trail');
		const payload = leegalityOtherShapes.v23Success(
			[pdf.toString('base64')],
			audit.toString('base64'),
		);
		const body = signedBody(payload, salt);
		expect(body.length).toBeGreaterThan(5 * 1024 * 1024);
		const { result, ctx } = deliver(salt, {
			body,
			parameters: { options: { binaryPropertyName: 'signed' } },
		});
		const [item] = (await result).workflowData![0];
		expect(item.json).toMatchObject({
			event: 'recipient.signed',
			documentCompleted: true,
			recipient: { signingUrl: (payload.request as IDataObject).signUrl, status: 'Signed' },
			attributes: {
				webhookVersion: '2.1-2.3',
				embeddedFiles: { documents: 1, auditTrail: true, errors: [] },
			},
			payload: { files: ['[binary: signed]'], auditTrail: '[binary: signed_audit]' },
		});
		expect(Object.keys(item.binary ?? {})).toEqual(['signed', 'signed_audit']);
		expect(Buffer.from(item.binary!.signed.data, 'base64').equals(pdf)).toBe(true);
		expect(item.binary!.signed).toMatchObject({
			fileName: `${payload.documentId}.pdf`,
			mimeType: 'application/pdf',
		});
		expect(Buffer.from(item.binary!.signed_audit.data, 'base64').equals(audit)).toBe(true);
		expect(JSON.stringify(item.json).length).toBeLessThan(5000);
		expect(ctx.helpers.prepareBinaryData).toHaveBeenCalledTimes(2);
	});

	it('v2.3 with broken base64: 200, the event, no binary for it, the reason in attributes', async () => {
		const payload = leegalityOtherShapes.v23Success(['%%%'], null);
		const outcome = await deliver(salt, { body: signedBody(payload, salt) }).result;
		const [item] = outcome.workflowData![0];
		expect(outcome.webhookResponse).toEqual({ received: true, events: 1 });
		expect(item.binary).toBeUndefined();
		expect(item.json).toMatchObject({
			event: 'recipient.signed',
			documentCompleted: null,
			attributes: {
				embeddedFiles: {
					documents: 0,
					auditTrail: false,
					errors: ['files[0]: not valid base64; not attached'],
				},
			},
		});
	});

	it('v2.3 with embedded files: the download options do not fetch them again', async () => {
		const payload = leegalityOtherShapes.v23Success();
		const { result, http } = deliver(salt, {
			body: signedBody(payload, salt),
			parameters: { options: { downloadSignedDocuments: true, downloadAuditTrail: true } },
			http: () => {
				throw new Error('no API call expected');
			},
		});
		const [item] = (await result).workflowData![0];
		expect(Object.keys(item.binary ?? {})).toEqual(['data', 'data_audit']);
		expect(item.json.enrichmentError).toBeUndefined();
		expect(http).not.toHaveBeenCalled();
	});

	it("Coordinate Picker: the invitees' sign URLs in attributes.invitations", async () => {
		const payload = leegalityOtherShapes.coordinatePicker();
		const [item] = emitted(await deliver(salt, { body: signedBody(payload, salt) }).result);
		expect(item).toMatchObject({
			event: 'document.ready',
			documentCompleted: false,
			recipient: null,
			attributes: {
				irn: 'ORDER-3001',
				invitations: [
					{ name: 'Asha Rao', signUrl: expect.stringContaining('/sign/'), active: true },
					{ name: 'Ravi Kumar', signUrl: expect.stringContaining('/sign/'), active: false },
				],
			},
		});
		const deselected = deliver(salt, {
			body: signedBody(payload, salt),
			parameters: { events: ['signer.signed'] },
		});
		expect((await deselected.result).workflowData).toBeUndefined();
		expect(deselected.logs.map((l) => l.message)).toContain(
			'Leegality Trigger: verified delivery started nothing: event "coordinates.placed" is not selected',
		);
	});

	describe('v4 "packs" bodies (another product)', () => {
		it('an authentic one (mac over document.documentId) is refused with 422 and a reason', async () => {
			const { result, response, logs } = deliver(salt, { body: packsBody(salt) });
			expect(await result).toEqual({ noWebhookResponse: true });
			expect(response).toMatchObject({
				statusCode: 422,
				body: { error: expect.stringMatching(/v4 "packs" webhooks are not supported.*v2\.5/) },
			});
			expect(logs.some((l) => l.level === 'warn' && l.message.includes('HTTP 422'))).toBe(true);
		});

		it('one with another salt is refused with 401', async () => {
			const { result, response } = deliver(salt, { body: packsBody(newSalt()) });
			expect((await result).workflowData).toBeUndefined();
			expect(response).toMatchObject({
				statusCode: 401,
				body: { error: expect.stringMatching(/^Missing top-level documentId/) },
			});
		});

		it('with verification skipped it is still refused (422), never emitted', async () => {
			const { result, response } = deliver(salt, {
				body: packsBody(newSalt()),
				parameters: { skipVerification: true },
			});
			expect((await result).workflowData).toBeUndefined();
			expect(response.statusCode).toBe(422);
		});
	});

	describe('sparse bodies: completion unknown, the download options ask the Details API', () => {
		const pdf = Buffer.from('%PDF-1.4 signed');
		const detailsAnswering =
			(status: string): HttpHandler =>
			(options) => {
				if (options.url === '/v3.3/document/details') {
					return {
						statusCode: 200,
						headers: {},
						body: { status: 1, messages: [], data: { document: { id: 'x', status } } },
					};
				}
				if (options.url === '/v3.1/document/fetchDocument') {
					return { statusCode: 200, headers: { 'content-type': 'application/pdf' }, body: pdf };
				}
				throw new Error(`unexpected ${options.url}`);
			};
		const urls = (http: jest.Mock) =>
			http.mock.calls.map(([, o]) => `${o.url} ${o.qs?.documentDownloadType ?? ''}`.trim());

		it.each(['COMPLETED', 'Completed', 'completed'])(
			'Details says %s: both files are downloaded',
			async (status) => {
				const payload = leegalityOtherShapes.sparseSigned();
				const { result, http } = deliver(salt, {
					body: signedBody(payload, salt),
					parameters: { options: { downloadSignedDocuments: true, downloadAuditTrail: true } },
					http: detailsAnswering(status),
				});
				const [item] = (await result).workflowData![0];
				expect(item.json).toMatchObject({ documentCompleted: null, documentStatus: null });
				expect(item.json.enrichmentError).toBeUndefined();
				expect(Object.keys(item.binary ?? {})).toEqual(['data', 'data_audit']);
				expect(urls(http)).toEqual([
					'/v3.3/document/details',
					'/v3.1/document/fetchDocument DOCUMENT',
					'/v3.1/document/fetchDocument AUDIT_TRAIL',
				]);
			},
		);

		it('Details says SENT: no download and no error (not complete is not a failure)', async () => {
			const { result, http } = deliver(salt, {
				body: signedBody(leegalityOtherShapes.sparseSigned(), salt),
				parameters: { options: { downloadSignedDocuments: true } },
				http: detailsAnswering('SENT'),
			});
			const [item] = (await result).workflowData![0];
			expect(item.binary).toBeUndefined();
			expect(item.json.enrichmentError).toBeUndefined();
			expect(urls(http)).toEqual(['/v3.3/document/details']);
		});

		it('with Include Document Details on, its answer is reused (one Details call)', async () => {
			const { result, http } = deliver(salt, {
				body: signedBody(leegalityOtherShapes.sparseSigned(), salt),
				parameters: { options: { includeDocumentDetails: true, downloadSignedDocuments: true } },
				http: detailsAnswering('COMPLETED'),
			});
			const [item] = (await result).workflowData![0];
			expect(item.json.document).toEqual({ document: { id: 'x', status: 'COMPLETED' } });
			expect(Object.keys(item.binary ?? {})).toEqual(['data']);
			expect(urls(http)).toEqual([
				'/v3.3/document/details',
				'/v3.1/document/fetchDocument DOCUMENT',
			]);
		});

		it('a failing Details call is reported in enrichmentError, the event is still emitted', async () => {
			const { result } = deliver(salt, {
				body: signedBody(leegalityOtherShapes.sparseSigned(), salt),
				parameters: { options: { downloadSignedDocuments: true } },
				http: () => ({
					statusCode: 200,
					headers: {},
					body: {
						status: 0,
						messages: [{ code: 'no.document.found', message: 'No document found' }],
					},
				}),
			});
			const [item] = emitted(await result);
			expect(item.event).toBe('recipient.signed');
			expect(item.enrichmentError).toBe('completion check: Leegality: No document found');
		});

		it('without a download option nothing is asked', async () => {
			const { result, http } = deliver(salt, {
				body: signedBody(leegalityOtherShapes.sparseSigned(), salt),
				http: detailsAnswering('COMPLETED'),
			});
			expect(emitted(await result)).toHaveLength(1);
			expect(http).not.toHaveBeenCalled();
		});
	});
});

describe('LeegalityTrigger lifecycle', () => {
	it('has nothing to register (Leegality has no webhook API) and says so', async () => {
		const methods = trigger.webhookMethods.default;
		const { ctx, http } = hookContext({ parameters: { events: ['signer.signed', 'unknown'] } });
		await expect(methods.checkExists.call(ctx)).resolves.toBe(true);
		await expect(methods.create.call(ctx)).resolves.toBe(true);
		await expect(methods.delete.call(ctx)).resolves.toBe(true);
		expect(http).not.toHaveBeenCalled();
		const notice = trigger.description.properties.find((p) => p.name === 'setupNotice');
		expect(notice?.displayName).toMatch(/no webhook API/);
		expect(notice?.displayName).toMatch(/Error Webhook URL/);
		expect(notice?.displayName).toMatch(/v2\.5/);
	});

	it('refuses to activate with no Leegality event selected', async () => {
		const { ctx } = hookContext({ parameters: { events: ['unknown'] } });
		await expect(trigger.webhookMethods.default.checkExists.call(ctx)).rejects.toThrow(
			'Select at least one event',
		);
	});

	it('offers every Leegality event plus "Unrecognized Event", which alone is selected by default', () => {
		const events = trigger.description.properties.find((p) => p.name === 'events');
		expect(events).toMatchObject({ type: 'multiOptions', required: true, default: ['unknown'] });
		expect(events?.options?.map((o) => (o as { value: string }).value)).toEqual(allEvents);
	});
});
