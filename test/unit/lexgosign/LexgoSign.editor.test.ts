import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { LexgoSign } from '../../../nodes/LexgoSign/LexgoSign.node';
import { ENVELOPE_ID, RECIPIENT_ID, envelopeData } from '../../fixtures/lexgosign';
import { type FakeResponse, runActionNode } from '../../support/contexts';

const node = new LexgoSign();
const credentials = { lexgoSignApi: { apiKey: 'k', baseUrl: 'https://api.lexgo.test/v1/' } };
const ok = (body: unknown): FakeResponse => ({
	statusCode: 200,
	headers: { 'content-type': 'application/json' },
	body,
});

function listContext(body: unknown, current: IDataObject = {}) {
	const http = jest.fn<Promise<FakeResponse>, [string, IHttpRequestOptions]>(async () => ok(body));
	const ctx = {
		getCredentials: async () => credentials.lexgoSignApi,
		getCurrentNodeParameter: (name: string) => current[name],
		getNode: () => ({ id: 'n', name: 'LexgoSign', type: 'x', typeVersion: 1, position: [0, 0] }),
		helpers: { httpRequestWithAuthentication: http },
	} as unknown as ILoadOptionsFunctions;
	return { ctx, urls: () => http.mock.calls.map(([, o]) => o.url) };
}

describe('LexgoSign envelope: Simplify', () => {
	const simplified = {
		envelopeId: ENVELOPE_ID,
		name: 'employment_agreement_2025',
		status: 'SUCCESS',
		errors: [],
		warnings: [],
		createdAt: '2025-11-18T15:44:11.534-03:00',
		sentAt: null,
		completedAt: null,
		documents: [
			{
				documentId: 'b66efe2d-a3c8-43d6-80d2-1f4e71fa0216',
				customKey: '0',
				fileName: 'employment_agreement_2025.pdf',
				fileType: 'SIGNABLE',
				status: 'SIGNED',
			},
		],
		recipients: [
			{
				recipientId: RECIPIENT_ID,
				customKey: expect.any(String),
				name: expect.any(String),
				email: 'jane.smith@company.com',
				status: 'SIGNED_ALL',
			},
			{
				recipientId: 'e2616688-a514-455e-a0d1-92ad8b544825',
				customKey: '1',
				name: 'Robert Johnson',
				email: 'robert.johnson@company.com',
				status: 'SIGNED_ALL',
			},
		],
	};

	it('Get is simplified by default: no placements, settings or short-lived links (≤ 10 fields)', async () => {
		const { output } = await runActionNode(node, {
			parameters: { resource: 'envelope', operation: 'get', envelopeId: ENVELOPE_ID },
			responses: [ok({ envelope: envelopeData() })],
			credentials,
		});
		expect(output[0].json).toEqual(simplified);
		expect(Object.keys(output[0].json).length).toBeLessThanOrEqual(10);
		expect(JSON.stringify(output[0].json)).not.toContain('X-Amz');
	});

	it('Create keeps the validation errors in the simplified envelope', async () => {
		const invalid = envelopeData({
			status: 'ERROR',
			errors: ['There are no signature placements'],
			documents: [],
			placements: [],
		});
		const { output } = await runActionNode(node, {
			parameters: { resource: 'envelope', operation: 'create', placementMode: 'manual' },
			responses: [{ ...ok({ envelope: invalid }), statusCode: 422 }],
			credentials,
		});
		expect(output[0].json).toMatchObject({
			envelopeId: ENVELOPE_ID,
			status: 'ERROR',
			errors: ['There are no signature placements'],
			documents: [],
		});
	});
});

describe('LexgoSign lists (resource locators "From List")', () => {
	const { searchWebhooks, searchUploads } = node.methods.listSearch;

	it('webhook subscriptions by URL and events, never their Authorization secret', async () => {
		const { ctx } = listContext({
			webhooks: [
				{
					id: 'w1',
					url: 'https://n8n.example/webhook/a/webhook',
					subscriptions: 'envelope.success,envelope.voided,recipient.signed_all',
					auth_type: 'header',
					auth: 'Bearer do-not-show',
				},
				{ id: 'w2', url: 'https://other.example/hook', subscriptions: 'envelope.success' },
			],
		});
		const all = await searchWebhooks.call(ctx);
		expect(all.results).toEqual([
			{
				name: 'https://n8n.example/webhook/a/webhook (envelope.success, envelope.voided, +1 more)',
				value: 'w1',
			},
			{ name: 'https://other.example/hook (envelope.success)', value: 'w2' },
		]);
		expect(JSON.stringify(all)).not.toContain('do-not-show');
		expect((await searchWebhooks.call(ctx, 'OTHER')).results.map((r) => r.value)).toEqual(['w2']);
		expect((await searchWebhooks.call(ctx, 'signed_all')).results.map((r) => r.value)).toEqual([
			'w1',
		]);
	});

	it('uploads of the envelope given above; without one it says what to do', async () => {
		const uploads = {
			uploads: [
				{ id: 'u1', file_name: 'big.pdf', status: 'COMPLETED' },
				{ id: 'u2', file_name: 'annex.pdf', status: 'PENDING' },
			],
		};
		const { ctx, urls } = listContext(uploads, { envelopeId: ' env-1 ' });
		expect((await searchUploads.call(ctx, 'annex')).results).toEqual([
			{ name: 'annex.pdf (pending)', value: 'u2' },
		]);
		expect(urls()).toEqual(['/envelopes/env-1/uploads']);
		const none = listContext(uploads, { envelopeId: '={{ $json.id }}' });
		await expect(searchUploads.call(none.ctx)).rejects.toThrow('Enter the Envelope ID first');
	});

	it('reads the webhook and upload locators in either stored form', async () => {
		const { requests } = await runActionNode(node, {
			parameters: [
				{
					resource: 'webhook',
					operation: 'get',
					webhookId: { __rl: true, mode: 'list', value: 'w1' },
				},
				{ resource: 'webhook', operation: 'get', webhookId: 'w2' },
				{
					resource: 'upload',
					operation: 'get',
					envelopeId: 'env-1',
					uploadId: { __rl: true, mode: 'id', value: ' u1 ' },
				},
			],
			items: [{ json: {} }, { json: {} }, { json: {} }],
			responses: [ok({ webhook: { id: 'w1' } }), ok({ webhook: { id: 'w2' } }), ok({ upload: {} })],
			credentials,
		});
		expect(requests.map((r) => r.url)).toEqual([
			'/webhooks/w1',
			'/webhooks/w2',
			'/envelopes/env-1/uploads/u1',
		]);
	});

	it('describes both as resource locators, "From List" first', () => {
		for (const [name, method] of [
			['webhookId', 'searchWebhooks'],
			['uploadId', 'searchUploads'],
		]) {
			const locator = node.description.properties.find((p) => p.name === name)!;
			expect(locator.type).toBe('resourceLocator');
			expect(locator.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
			expect(locator.modes?.[0].typeOptions?.searchListMethod).toBe(method);
		}
	});
});
