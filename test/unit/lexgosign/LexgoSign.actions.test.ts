import type { IDataObject, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import { lexgoSignRateLimitDelay } from '../../../nodes/LexgoSign/api';
import { LexgoSign } from '../../../nodes/LexgoSign/LexgoSign.node';
import { envelopeData } from '../../fixtures/lexgosign';
import { type ActionRun, type FakeResponse, runActionNode } from '../../support/contexts';

const node = new LexgoSign();
const API_KEY = 'lexgo-api-key-under-test';
/** The credential's Webhook Secret: built at run time, as the lint wants for secret-like values. */
const WEBHOOK_SECRET = `Bearer ${'w'.repeat(8)}-${Date.now()}`;
const credentials = {
	lexgoSignApi: {
		apiKey: API_KEY,
		baseUrl: 'https://api.lexgo.test/v1/',
		webhookSecret: WEBHOOK_SECRET,
	},
};
const ok = (body: unknown, statusCode = 200, headers: IDataObject = {}): FakeResponse => ({
	statusCode,
	headers: { 'content-type': 'application/json', ...headers },
	body,
});

const pdfItem = (...files: Array<[string, string]>): INodeExecutionData => ({
	json: {},
	binary: Object.fromEntries(
		files.map(([property, name]) => [
			property,
			{
				data: Buffer.from(`%PDF-1.7 ${name}`).toString('base64'),
				mimeType: 'application/pdf',
				fileName: name,
			},
		]),
	),
});

async function run(
	parameters: IDataObject | IDataObject[],
	responses: ActionRun['responses'],
	extra: { items?: INodeExecutionData[]; continueOnFail?: boolean } = {},
) {
	return await runActionNode(node, { parameters, responses, credentials, ...extra });
}

describe('LexgoSign webhook subscriptions', () => {
	it("Create: POST /webhooks with one subscriptions string and the credential's secret as auth", async () => {
		const webhook = {
			id: 'wh-1',
			url: 'https://n8n.example.com/hook',
			subscriptions: 'envelope.success,recipient.signed_all',
			auth_type: 'HEADER',
			created_at: '2025-11-01T10:00:00Z',
		};
		const { requests, output } = await run(
			{
				resource: 'webhook',
				operation: 'create',
				url: ' https://n8n.example.com/hook ',
				events: ['recipient.signed_all', 'envelope.success'],
				options: {},
			},
			[ok({ success: true, webhook: { ...webhook, auth: WEBHOOK_SECRET }, request_id: 'r' }, 201)],
		);
		expect(requests).toEqual([
			{
				credential: 'lexgoSignApi',
				method: 'POST',
				baseURL: 'https://api.lexgo.test/v1',
				url: '/webhooks',
				qs: undefined,
				headers: undefined,
				body: {
					url: 'https://n8n.example.com/hook',
					subscriptions: 'envelope.success,recipient.signed_all',
					auth_type: 'header',
					auth: WEBHOOK_SECRET,
				},
			},
		]);
		// The secret is never echoed into the item, even if LexgoSign returned it.
		expect(JSON.stringify(output)).not.toContain(WEBHOOK_SECRET);
		expect(output).toEqual([
			{
				json: { ...webhook, events: ['envelope.success', 'recipient.signed_all'] },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('Create without the secret sends neither auth_type nor auth, and needs events', async () => {
		const { requests } = await run(
			{
				resource: 'webhook',
				operation: 'create',
				url: 'https://x/h',
				events: ['envelope.voided'],
				options: { useWebhookSecret: false },
			},
			[ok({ success: true, webhook: { id: 'w' } }, 201)],
		);
		expect(requests[0].body).toEqual({ url: 'https://x/h', subscriptions: 'envelope.voided' });
		await expect(
			run(
				{ resource: 'webhook', operation: 'create', url: 'https://x/h', events: [], options: {} },
				[],
			),
		).rejects.toThrow('Select at least one event');
	});

	it('Create with the secret asked for but missing from the credential fails clearly', async () => {
		await expect(
			runActionNode(node, {
				parameters: {
					resource: 'webhook',
					operation: 'create',
					url: 'https://x/h',
					events: ['envelope.voided'],
					options: {},
				},
				responses: [],
				credentials: { lexgoSignApi: { ...credentials.lexgoSignApi, webhookSecret: ' ' } },
			}),
		).rejects.toThrow('The credential has no Webhook Secret');
	});

	it('never takes a secret as a node parameter', () => {
		const parameters = JSON.stringify(node.description.properties);
		expect(parameters).not.toMatch(/password/);
		expect(parameters).not.toContain('authorizationHeader');
	});

	it('Get Many: GET /webhooks, one item per webhook, Limit applied, nothing for none', async () => {
		const hooks = [
			{ id: 'a', subscriptions: 'envelope.success' },
			{ id: 'b', subscriptions: 'envelope.voided,envelope.success' },
		];
		const all = await run({ resource: 'webhook', operation: 'getAll', returnAll: true }, [
			ok({ webhooks: hooks, total: 2, request_id: 'r' }),
		]);
		expect(all.requests[0]).toMatchObject({ method: 'GET', url: '/webhooks' });
		expect(all.output.map((i) => i.json)).toEqual([
			{ ...hooks[0], events: ['envelope.success'] },
			{ ...hooks[1], events: ['envelope.voided', 'envelope.success'] },
		]);
		const limited = await run(
			{ resource: 'webhook', operation: 'getAll', returnAll: false, limit: 1 },
			[ok(hooks)],
		);
		expect(limited.output.map((i) => i.json.id)).toEqual(['a']);
		const none = await run({ resource: 'webhook', operation: 'getAll', returnAll: true }, [
			ok({ webhooks: [] }),
		]);
		expect(none.output).toEqual([]);
	});

	it('Get, Update and Delete address /webhooks/:id', async () => {
		const get = await run({ resource: 'webhook', operation: 'get', webhookId: ' w 1 ' }, [
			ok({ webhook: { id: 'w 1', subscriptions: 'envelope.success' } }),
		]);
		expect(get.requests[0]).toMatchObject({ method: 'GET', url: '/webhooks/w%201' });
		const update = await run(
			{
				resource: 'webhook',
				operation: 'update',
				webhookId: 'w1',
				updateFields: { events: ['envelope.voided', 'envelope.success'] },
			},
			[
				ok({
					success: true,
					webhook: { id: 'w1', subscriptions: 'envelope.success,envelope.voided' },
				}),
			],
		);
		expect(update.requests[0]).toMatchObject({
			method: 'PUT',
			url: '/webhooks/w1',
			body: { subscriptions: 'envelope.success,envelope.voided' },
		});
		const everything = await run(
			{
				resource: 'webhook',
				operation: 'update',
				webhookId: 'w1',
				updateFields: { url: 'https://new/h', useWebhookSecret: true, events: [] },
			},
			[ok({ success: true, request_id: 'r' })],
		);
		expect(everything.requests[0].body).toEqual({
			url: 'https://new/h',
			auth_type: 'header',
			auth: WEBHOOK_SECRET,
		});
		expect(everything.output[0].json).toEqual({
			id: 'w1',
			url: 'https://new/h',
			auth_type: 'header',
			events: [],
		});
		await expect(
			run({ resource: 'webhook', operation: 'update', webhookId: 'w1', updateFields: {} }, []),
		).rejects.toThrow('Add at least one field to update');
		const removed = await run({ resource: 'webhook', operation: 'delete', webhookId: 'w1' }, [
			ok({ success: true, request_id: 'req-d' }),
		]);
		expect(removed.requests[0]).toMatchObject({
			method: 'DELETE',
			url: '/webhooks/w1',
			body: undefined,
		});
		expect(removed.output[0].json).toEqual({ deleted: true, webhookId: 'w1', requestId: 'req-d' });
	});

	it('Delete of an unknown webhook fails with the message and the request id', async () => {
		await expect(
			run({ resource: 'webhook', operation: 'delete', webhookId: 'gone' }, [
				ok({ error: 'Webhook not found', request_id: 'req-404' }, 404),
			]),
		).rejects.toMatchObject({
			message: 'LexgoSign: Webhook not found',
			description: expect.stringContaining('request id req-404'),
			httpCode: '404',
		});
	});
});

describe('LexgoSign envelopes', () => {
	const created = {
		envelope: { id: 'env-1', name: 'NDA', status: 'CREATED', recipients: [] },
		request_id: 'req-1',
	};

	it('Create: keyed JSON with base64 PDFs, recipients, automatic placements and settings', async () => {
		const { requests, output } = await run(
			{
				resource: 'envelope',
				operation: 'create',
				simplify: false,
				name: ' NDA ',
				documents: {
					document: [
						{ binaryPropertyName: 'contract', key: '', name: '', type: 'SIGNABLE' },
						{ binaryPropertyName: 'annex', key: 'annex', name: 'Annex A', type: 'ATTACHMENT' },
					],
				},
				recipients: {
					recipient: [
						{
							name: ' Jane ',
							email: 'jane@company.cl',
							key: '',
							taxId: '11.111.111-1',
							taxLabel: 'RUT',
						},
						{ name: 'Bob', email: 'bob@company.cl', key: 'bob', phone: '' },
					],
				},
				placementMode: 'auto',
				settings: {
					language: 'EN',
					signatureOrder: 'SEQUENTIAL',
					signatureTypes: ['DRAWN', 'WRITTEN'],
					sendInvitationEmail: false,
					emailValidation: true,
					settingsJson: '{"signature_flow": {"sender_name": "ACME"}, "branding": {"name": "ACME"}}',
				},
			},
			[ok(created)],
			{ items: [pdfItem(['contract', 'contract.pdf'], ['annex', 'annex.pdf'])] },
		);
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', url: '/envelopes' });
		expect(requests[0].body).toEqual({
			name: 'NDA',
			documents: {
				'0': {
					base64: Buffer.from('%PDF-1.7 contract.pdf').toString('base64'),
					name: 'contract.pdf',
					type: 'SIGNABLE',
					order: 0,
				},
				annex: {
					base64: Buffer.from('%PDF-1.7 annex.pdf').toString('base64'),
					name: 'Annex A',
					type: 'ATTACHMENT',
					order: 1,
				},
			},
			recipients: {
				'0': {
					name: 'Jane',
					email: 'jane@company.cl',
					order: 0,
					tax_id: '11.111.111-1',
					tax_label: 'RUT',
				},
				bob: { name: 'Bob', email: 'bob@company.cl', order: 1 },
			},
			placements: {
				'0': { document_key: '0', recipient_key: '0', type: 'SIGNATURE', order: 0 },
				'1': { document_key: '0', recipient_key: 'bob', type: 'SIGNATURE', order: 1 },
			},
			settings: {
				signature_flow: {
					language: 'EN',
					signature_order: 'SEQUENTIAL',
					signature_types: 'DRAWN,WRITTEN',
					sender_name: 'ACME',
				},
				emails: { envelope_invitation: 'FALSE' },
				validations: { email: { enabled: 'TRUE' } },
				branding: { name: 'ACME' },
			},
		});
		expect(output).toEqual([{ json: created.envelope, pairedItem: { item: 0 } }]);
	});

	it('Create: manual placements with coordinates, anchor text and approvers', async () => {
		const { requests } = await run(
			{
				resource: 'envelope',
				operation: 'create',
				simplify: false,
				recipients: { recipient: [{ name: 'A', email: 'a@x.cl' }] },
				placementMode: 'manual',
				placements: {
					placement: [
						{
							documentKey: '0',
							recipientKey: '0',
							type: 'SIGNATURE',
							position: 'coordinates',
							page: 2,
							top: 100.5,
							left: 40,
						},
						{
							documentKey: '0',
							recipientKey: '0',
							type: 'SIGNATURE',
							position: 'anchorText',
							anchorText: ' {{sign_a}} ',
						},
						{
							documentKey: '0',
							recipientKey: '0',
							type: 'APPROVER',
							position: 'coordinates',
							page: 1,
						},
					],
				},
			},
			[ok(created)],
		);
		expect(requests[0].body).toEqual({
			recipients: { '0': { name: 'A', email: 'a@x.cl', order: 0 } },
			placements: {
				'0': {
					document_key: '0',
					recipient_key: '0',
					type: 'SIGNATURE',
					order: 0,
					coordinates: { top: 100.5, left: 40, page: 2 },
				},
				'1': {
					document_key: '0',
					recipient_key: '0',
					type: 'SIGNATURE',
					order: 1,
					token: '{{sign_a}}',
				},
				'2': { document_key: '0', recipient_key: '0', type: 'APPROVER', order: 2 },
			},
		});
	});

	it('Create: a 422 that persisted the envelope returns it with status ERROR, without retrying', async () => {
		const failed = {
			envelope: {
				id: 'env-err',
				status: 'ERROR',
				errors: [
					'There are no signature placements that relate recipients to their respective documents.',
				],
				warnings: [],
			},
			request_id: 'req-422',
		};
		const parameters = {
			resource: 'envelope',
			operation: 'create',
			simplify: false,
			recipients: { recipient: [{ name: 'A', email: 'a@x.cl' }] },
			placementMode: 'auto',
		};
		const { requests, output } = await run(parameters, [ok(failed, 422)]);
		expect(requests).toHaveLength(1);
		expect(requests[0].body).toEqual({
			recipients: { '0': { name: 'A', email: 'a@x.cl', order: 0 } },
		});
		expect(output[0].json).toEqual(failed.envelope);
		await expect(
			run({ ...parameters, failOnValidationErrors: true }, [ok(failed, 422)]),
		).rejects.toMatchObject({
			message:
				'LexgoSign: envelope env-err has validation errors: There are no signature placements that relate recipients to their respective documents.',
			description: expect.stringContaining('request id req-422'),
		});
	});

	it('Create: a 422 without an envelope, or a 429, is a plain error (never retried)', async () => {
		const parameters = {
			resource: 'envelope',
			operation: 'create',
			simplify: false,
			placementMode: 'auto',
		};
		await expect(
			run(parameters, [
				ok({ error: 'Create failed: recipients must be an object', request_id: 'r2' }, 422),
			]),
		).rejects.toThrow('LexgoSign: Create failed: recipients must be an object');
		const limited = run(parameters, [
			ok({ error: 'Rate limit exceeded', request_id: 'r3' }, 429, { 'x-ratelimit-reset': '1' }),
			ok(created),
		]);
		await expect(limited).rejects.toMatchObject({ httpCode: '429' });
	});

	it('Create: clear input errors', async () => {
		const base = {
			resource: 'envelope',
			operation: 'create',
			simplify: false,
			placementMode: 'auto',
		};
		await expect(
			run({ ...base, recipients: { recipient: [{ name: 'A', email: '' }] } }, []),
		).rejects.toThrow('Recipient 1 needs a name and an email');
		await expect(
			run(
				{
					...base,
					recipients: {
						recipient: [
							{ name: 'A', email: 'a@x', key: 'k' },
							{ name: 'B', email: 'b@x', key: 'k' },
						],
					},
				},
				[],
			),
		).rejects.toThrow('Two recipients have the key "k"');
		await expect(run({ ...base, settings: { settingsJson: '{oops' } }, [])).rejects.toThrow(
			'"More Settings (JSON)" is not valid JSON',
		);
		await expect(
			run({ ...base, documents: { document: [{ binaryPropertyName: 'missing' }] } }, [], {
				items: [pdfItem(['data', 'a.pdf'])],
			}),
		).rejects.toThrow('Expected binary property "missing"');
	});

	it('Get: an envelope in status ERROR on HTTP 200 fails unless allowed', async () => {
		const invalid = {
			envelope: { id: 'env-1', status: 'ERROR', errors: ['The envelope has no documents.'] },
			request_id: 'req-g',
		};
		await expect(
			run({ resource: 'envelope', operation: 'get', simplify: false, envelopeId: 'env-1' }, [
				ok(invalid),
			]),
		).rejects.toMatchObject({
			message: 'LexgoSign: envelope env-1 has validation errors: The envelope has no documents.',
			httpCode: '200',
		});
		const allowed = await run(
			{
				resource: 'envelope',
				operation: 'get',
				simplify: false,
				envelopeId: ' env-1 ',
				allowErrors: true,
			},
			[ok(invalid)],
		);
		expect(allowed.requests[0]).toMatchObject({ method: 'GET', url: '/envelopes/env-1' });
		expect(allowed.output[0].json).toEqual(invalid.envelope);
	});

	it('Update: only the given parts; Automatic placements from the current keys', async () => {
		const current = envelopeData({
			status: 'ERROR',
			documents: [
				{ custom_key: '0', file_type: 'SIGNABLE' },
				{ custom_key: 'att', file_type: 'ATTACHMENT' },
				{ custom_key: '1', file_type: 'SIGNABLE' },
			],
		});
		const { requests, output } = await run(
			{
				resource: 'envelope',
				operation: 'update',
				simplify: false,
				envelopeId: 'env-1',
				name: 'Renamed',
				placementMode: 'auto',
			},
			(options) =>
				options.method === 'GET'
					? ok({ envelope: current })
					: ok({ envelope: { id: 'env-1', status: 'CREATED', errors: [] }, request_id: 'r' }),
		);
		expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
			'GET /envelopes/env-1',
			'PUT /envelopes/env-1',
		]);
		expect(requests[1].body).toEqual({
			name: 'Renamed',
			placements: {
				'0': { document_key: '0', recipient_key: '0', type: 'SIGNATURE', order: 0 },
				'1': { document_key: '0', recipient_key: '1', type: 'SIGNATURE', order: 1 },
				'2': { document_key: '1', recipient_key: '0', type: 'SIGNATURE', order: 2 },
				'3': { document_key: '1', recipient_key: '1', type: 'SIGNATURE', order: 3 },
			},
		});
		expect(output[0].json).toEqual({ id: 'env-1', status: 'CREATED', errors: [] });
		const unchanged = await run(
			{
				resource: 'envelope',
				operation: 'update',
				simplify: false,
				envelopeId: 'env-1',
				placementMode: 'unchanged',
				name: 'N',
			},
			[ok({ envelope: { id: 'env-1', status: 'CREATED' } })],
		);
		expect(unchanged.requests).toHaveLength(1);
		expect(unchanged.requests[0].body).toEqual({ name: 'N' });
	});

	it('Send: PUT /envelopes/:id/send (202), never retried; a 405 explains the statuses', async () => {
		const { requests, output } = await run(
			{ resource: 'envelope', operation: 'send', envelopeId: 'env-1' },
			[
				ok(
					{
						success: true,
						envelope: { id: 'env-1', status: 'SENDING', errors: [], warnings: [] },
						message: 'Envelope accepted for sending',
						request_id: 'r',
					},
					202,
				),
			],
		);
		expect(requests).toEqual([
			expect.objectContaining({ method: 'PUT', url: '/envelopes/env-1/send', body: undefined }),
		]);
		expect(output[0].json).toEqual({
			id: 'env-1',
			status: 'SENDING',
			errors: [],
			warnings: [],
			message: 'Envelope accepted for sending',
		});
		const limited = await run(
			{ resource: 'envelope', operation: 'send', envelopeId: 'env-1' },
			[
				ok({ error: 'Rate limit exceeded', request_id: 'r' }, 429, { 'x-ratelimit-reset': '1' }),
				ok({}),
			],
			{ continueOnFail: true },
		);
		expect(limited.requests).toHaveLength(1);
		await expect(
			run({ resource: 'envelope', operation: 'send', envelopeId: 'env-1' }, [
				ok({ error: 'Envelope not in CREATED status', request_id: 'req-405' }, 405),
			]),
		).rejects.toMatchObject({
			message: 'LexgoSign: Envelope not in CREATED status',
			description: expect.stringMatching(/request id req-405\. .*send only in CREATED/),
		});
	});

	it('Void: PUT /envelopes/:id/void', async () => {
		const { requests, output } = await run(
			{ resource: 'envelope', operation: 'void', envelopeId: 'env-1' },
			[ok({ success: true, envelope: { id: 'env-1', status: 'VOIDED' }, request_id: 'r' })],
		);
		expect(requests[0]).toMatchObject({ method: 'PUT', url: '/envelopes/env-1/void' });
		expect(output[0].json).toEqual({ id: 'env-1', status: 'VOIDED' });
	});

	it('Get Evidence: the URL, or the PDF downloaded without credentials', async () => {
		const url = 'https://s3.test/evidence.pdf?X-Amz-Signature=abc';
		const evidence = ok({ success: true, evidence_document_url: url, request_id: 'r' });
		const plain = await run(
			{ resource: 'envelope', operation: 'getEvidence', envelopeId: 'env-1' },
			[evidence],
		);
		expect(plain.requests[0]).toMatchObject({ method: 'GET', url: '/envelopes/env-1/evidence' });
		expect(plain.output[0].json).toEqual({ envelopeId: 'env-1', evidenceUrl: url });
		expect(plain.downloads).toHaveLength(0);
		const pdf = Buffer.from('%PDF-1.4 evidence');
		const downloaded = await run(
			{
				resource: 'envelope',
				operation: 'getEvidence',
				envelopeId: 'env-1',
				download: true,
				binaryPropertyName: 'sheet',
			},
			(options, credential) =>
				credential
					? evidence
					: { statusCode: 200, headers: { 'content-type': 'application/pdf' }, body: pdf },
		);
		expect(downloaded.downloads).toEqual([expect.objectContaining({ method: 'GET', url })]);
		expect(downloaded.downloads[0].headers).toBeUndefined();
		expect(downloaded.output[0].json).toMatchObject({
			fileName: 'env-1-evidence.pdf',
			fileSize: pdf.length,
		});
		expect(downloaded.output[0].binary?.sheet).toMatchObject({ data: pdf.toString('base64') });
		await expect(
			run({ resource: 'envelope', operation: 'getEvidence', envelopeId: 'env-1' }, [
				ok({ success: false, evidence_document_url: null, request_id: 'req-e' }),
			]),
		).rejects.toThrow('LexgoSign: the request did not succeed (success: false)');
	});

	describe('Download Documents', () => {
		const envelope = {
			envelope: {
				id: 'env-1',
				status: 'SUCCESS',
				documents: [
					{
						id: 'd1',
						custom_key: '0',
						file_type: 'SIGNABLE',
						status: 'SIGNED',
						file_name: 'nda.pdf',
						url: 'https://s3.test/1',
					},
					{
						id: 'd2',
						custom_key: '1',
						file_type: 'SIGNABLE',
						status: 'SIGNED',
						order: 1,
						url: 'https://s3.test/2',
					},
				],
			},
		};
		const answer = (options: IHttpRequestOptions, credential?: string) =>
			credential
				? ok(envelope)
				: {
						statusCode: 200,
						headers: { 'content-type': 'application/pdf' },
						body: Buffer.from(`%PDF ${options.url}`),
					};

		it('one item per document by default, each in the same binary field', async () => {
			const { output, downloads } = await run(
				{
					resource: 'envelope',
					operation: 'downloadDocuments',
					envelopeId: 'env-1',
					binaryPropertyName: 'data',
				},
				answer,
			);
			expect(downloads.map((d) => d.url)).toEqual(['https://s3.test/1', 'https://s3.test/2']);
			expect(output.map((i) => [i.json.fileName, i.json.documentId, i.pairedItem])).toEqual([
				['nda.pdf', 'd1', { item: 0 }],
				['env-1-1.pdf', 'd2', { item: 0 }],
			]);
			expect(output[1].json).toMatchObject({ envelopeStatus: 'SUCCESS', documentStatus: 'SIGNED' });
			expect(output[1].binary?.data.data).toBe(
				Buffer.from('%PDF https://s3.test/2').toString('base64'),
			);
		});

		it('or one item with every document', async () => {
			const { output } = await run(
				{
					resource: 'envelope',
					operation: 'downloadDocuments',
					envelopeId: 'env-1',
					output: 'singleItem',
					binaryPropertyName: 'file',
				},
				answer,
			);
			expect(output).toHaveLength(1);
			expect(Object.keys(output[0].binary ?? {})).toEqual(['file', 'file_1']);
			expect((output[0].json.documents as IDataObject[]).map((d) => d.binaryProperty)).toEqual([
				'file',
				'file_1',
			]);
		});

		it('fails clearly when the envelope lists no links', async () => {
			await expect(
				run(
					{
						resource: 'envelope',
						operation: 'downloadDocuments',
						envelopeId: 'env-1',
						binaryPropertyName: 'data',
					},
					[ok({ envelope: { id: 'env-1', status: 'CREATED', documents: [{ id: 'd' }] } })],
				),
			).rejects.toThrow('The envelope lists no document download links');
		});
	});
});

describe('LexgoSign uploads', () => {
	it('Create: POST /envelopes/:id/uploads', async () => {
		const upload = {
			id: 'up-1',
			upload_url: 'https://api.lexgo.test/v1/uploads/up-1/stream',
			status: 'PENDING',
		};
		const { requests, output } = await run(
			{
				resource: 'upload',
				operation: 'create',
				envelopeId: 'env-1',
				fileName: ' big.pdf ',
				order: 2,
				customKey: 'main',
			},
			[ok({ success: true, upload, request_id: 'r' }, 201)],
		);
		expect(requests[0]).toMatchObject({
			method: 'POST',
			url: '/envelopes/env-1/uploads',
			body: { file_name: 'big.pdf', order: 2, content_type: 'application/pdf', custom_key: 'main' },
		});
		expect(output[0].json).toEqual(upload);
	});

	it('Upload File: PUT of the raw PDF to the upload URL, with the API key credential', async () => {
		const url = 'https://api.lexgo.test/v1/uploads/up-1/stream';
		const { requests, output } = await run(
			{ resource: 'upload', operation: 'uploadFile', uploadUrl: url, binaryPropertyName: 'data' },
			[ok({ success: true, upload_id: 'up-1', status: 'UPLOADED', message: 'ok' })],
			{ items: [pdfItem(['data', 'big.pdf'])] },
		);
		expect(requests).toEqual([
			{
				credential: 'lexgoSignApi',
				method: 'PUT',
				baseURL: 'https://api.lexgo.test/v1',
				url,
				qs: undefined,
				body: Buffer.from('%PDF-1.7 big.pdf'),
				headers: { 'Content-Type': 'application/pdf' },
			},
		]);
		expect(output[0].json).toEqual({
			success: true,
			upload_id: 'up-1',
			status: 'UPLOADED',
			message: 'ok',
			fileName: 'big.pdf',
			fileSize: 16,
		});
	});

	it('Upload File refuses a URL on another host: the API key would go with it', async () => {
		const result = run(
			{
				resource: 'upload',
				operation: 'uploadFile',
				uploadUrl: 'https://evil.test/v1/uploads/x/stream',
				binaryPropertyName: 'data',
			},
			[],
			{ items: [pdfItem(['data', 'a.pdf'])] },
		);
		await expect(result).rejects.toThrow(/not on https:\/\/api\.lexgo\.test/);
		await expect(
			run(
				{
					resource: 'upload',
					operation: 'uploadFile',
					uploadUrl: 'not a url',
					binaryPropertyName: 'data',
				},
				[],
			),
		).rejects.toThrow('"not a url" is not a valid upload URL');
	});

	it('Upload File explains a 403 (expired or used URL)', async () => {
		await expect(
			run(
				{
					resource: 'upload',
					operation: 'uploadFile',
					uploadUrl: 'https://api.lexgo.test/v1/uploads/u/stream',
					binaryPropertyName: 'data',
				},
				[ok({ error: 'Upload URL expired', request_id: 'r' }, 403)],
				{ items: [pdfItem(['data', 'a.pdf'])] },
			),
		).rejects.toMatchObject({ description: expect.stringContaining('expire after one hour') });
	});

	it('Get and Get Many (status filter, limit)', async () => {
		const get = await run(
			{ resource: 'upload', operation: 'get', envelopeId: 'env-1', uploadId: 'up-1' },
			[ok({ upload: { id: 'up-1', status: 'COMPLETED' } })],
		);
		expect(get.requests[0]).toMatchObject({ method: 'GET', url: '/envelopes/env-1/uploads/up-1' });
		expect(get.output[0].json).toEqual({ id: 'up-1', status: 'COMPLETED' });
		const list = await run(
			{
				resource: 'upload',
				operation: 'getAll',
				envelopeId: 'env-1',
				status: 'completed',
				returnAll: false,
				limit: 1,
			},
			[ok({ uploads: [{ id: 'a' }, { id: 'b' }], total: 2 })],
		);
		expect(list.requests[0]).toMatchObject({
			url: '/envelopes/env-1/uploads',
			qs: { status: 'completed' },
		});
		expect(list.output.map((i) => i.json)).toEqual([{ id: 'a' }]);
		const any = await run(
			{ resource: 'upload', operation: 'getAll', envelopeId: 'env-1', status: '', returnAll: true },
			[ok({ uploads: [] })],
		);
		expect(any.requests[0].qs).toBeUndefined();
		expect(any.output).toEqual([]);
	});
});

describe('LexgoSign errors', () => {
	it('shows the message and request id of {error, request_id}', async () => {
		await expect(
			run({ resource: 'envelope', operation: 'get', simplify: false, envelopeId: 'nope' }, [
				ok({ error: 'Envelope not found', request_id: 'req-abc' }, 404),
			]),
		).rejects.toMatchObject({
			message: 'LexgoSign: Envelope not found',
			description: expect.stringContaining('LexgoSign answered HTTP 404, request id req-abc.'),
		});
	});

	it('explains refused keys (401 bodies carry no request id) without showing the key', async () => {
		const error = (await run({ resource: 'webhook', operation: 'getAll', returnAll: true }, [
			ok({ error: 'Invalid Api Key (key not found)' }, 401),
		]).then(
			() => undefined,
			(e: unknown) => e,
		)) as Error & { description?: string };
		expect(error).toMatchObject({
			message: 'LexgoSign: Invalid Api Key (key not found)',
			description: expect.stringContaining('without "Bearer"'),
		});
		expect(JSON.stringify([error.message, error.description])).not.toContain(API_KEY);
		await expect(
			run({ resource: 'webhook', operation: 'getAll', returnAll: true }, [
				{ statusCode: 401, headers: {}, body: '' },
			]),
		).rejects.toThrow('LexgoSign: the API key was refused');
	});

	it('waits for X-RateLimit-Reset and retries reads', async () => {
		const reset = String(Math.floor(Date.now() / 1000));
		const { requests, output } = await run(
			{ resource: 'envelope', operation: 'get', simplify: false, envelopeId: 'env-1' },
			[
				ok({ error: 'Rate limit exceeded', request_id: 'r' }, 429, { 'x-ratelimit-reset': reset }),
				ok({ envelope: { id: 'env-1', status: 'CREATED' } }),
			],
		);
		expect(requests).toHaveLength(2);
		expect(output[0].json).toEqual({ id: 'env-1', status: 'CREATED' });
	});

	it('computes the wait from X-RateLimit-Reset (epoch seconds), else backs off', () => {
		const now = jest.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
		try {
			expect(lexgoSignRateLimitDelay({ 'x-ratelimit-reset': '1700000005' }, 0)).toBe(5_250);
			expect(lexgoSignRateLimitDelay({ 'x-ratelimit-reset': '1699999990' }, 0)).toBe(250);
			expect(lexgoSignRateLimitDelay({}, 0)).toBe(1_000);
			expect(lexgoSignRateLimitDelay({ 'x-ratelimit-reset': 'soon' }, 2)).toBe(4_000);
		} finally {
			now.mockRestore();
		}
	});

	it('continues on fail with one error item per failing input, keeping pairing', async () => {
		const { output } = await run(
			[
				{ resource: 'envelope', operation: 'get', simplify: false, envelopeId: 'bad' },
				{ resource: 'envelope', operation: 'get', simplify: false, envelopeId: 'good' },
			],
			(o) =>
				o.url === '/envelopes/bad'
					? ok({ error: 'Envelope not found', request_id: 'req-1' }, 404)
					: ok({ envelope: { id: 'good', status: 'SUCCESS' } }),
			{ items: [{ json: {} }, { json: {} }], continueOnFail: true },
		);
		expect(output).toEqual([
			{
				json: {
					error: 'LexgoSign: Envelope not found',
					errorDescription: expect.stringContaining('request id req-1'),
				},
				pairedItem: { item: 0 },
			},
			{ json: { id: 'good', status: 'SUCCESS' }, pairedItem: { item: 1 } },
		]);
	});
});
