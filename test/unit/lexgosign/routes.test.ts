import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import {
	isMissingLexgoSignRoute,
	lexgoSignAlternativeRoutes,
	otherBaseUrl,
} from '../../../nodes/LexgoSign/api';
import { LexgoSign } from '../../../nodes/LexgoSign/LexgoSign.node';
import { LexgoSignTrigger } from '../../../nodes/LexgoSign/LexgoSignTrigger.node';
import {
	type FakeResponse,
	type HttpHandler,
	hookContext,
	runActionNode,
} from '../../support/contexts';

const node = new LexgoSign();
const json = (body: unknown, statusCode = 200): FakeResponse => ({
	statusCode,
	headers: { 'content-type': 'application/json' },
	body,
});
/** What a Rails router or API gateway answers for a path it does not have. */
const NO_ROUTE = json({ error: 'Not found', request_id: 'req-route' }, 404);

/** Each test gets its own host: which base answered is remembered per configured base URL. */
let hosts = 0;
const newBase = (suffix = '/v1') => `https://lexgo-${++hosts}.test${suffix}`;
const credentialsFor = (baseUrl: string) => ({
	lexgoSignApi: { apiKey: 'lexgo-api-key', baseUrl },
});

type Route = (options: IHttpRequestOptions) => FakeResponse | undefined;

/** A LexgoSign server that serves only `generation`'s routes; anything else has no route. */
function server(generation: 'older' | 'newer', routes: Record<string, Route>): HttpHandler {
	return (options) => {
		const base = String(options.baseURL);
		const servesBase = generation === 'older' ? /\/api\/v1$/.test(base) : !/\/api\/v1$/.test(base);
		const route = servesBase ? routes[`${options.method} ${options.url}`] : undefined;
		return route?.(options) ?? NO_ROUTE;
	};
}

const requestsOf = (requests: Array<{ method?: string; baseURL?: string; url?: string }>) =>
	requests.map((r) => `${r.method} ${r.baseURL}${r.url}`);

describe('LexgoSign route generations (pure)', () => {
	it.each([
		[404, { error: 'Envelope not found', request_id: 'r' }, false],
		[404, { error: 'Webhook not found' }, false],
		[404, { error: 'No pending validation found', request_id: 'r' }, false],
		[404, { error: 'Not found', request_id: 'r' }, true],
		[404, { status: 404, error: 'Not Found' }, true],
		[404, { message: 'Not Found' }, true],
		[404, { error: 'No route matches [PUT] "/v1/envelopes/x/send"' }, true],
		[404, '<!doctype html><title>404</title>', true],
		[404, '', true],
		[405, { error: 'Method not allowed', request_id: 'r' }, false],
		[405, '', false],
		[422, { error: 'Validation failed' }, false],
		[200, {}, false],
	])('a %i with %j is a missing route: %s', (status, body, missing) => {
		expect(isMissingLexgoSignRoute(status, body)).toBe(missing);
	});

	it('knows the other base of each generation, and the older send route', () => {
		expect(otherBaseUrl('https://api.lexgo.cl/v1')).toBe('https://api.lexgo.cl/api/v1');
		expect(otherBaseUrl('https://api.lexgo.cl/api/v1')).toBe('https://api.lexgo.cl/v1');
		expect(otherBaseUrl('https://proxy.example.com/lexgo')).toBeUndefined();
		const send = { method: 'PUT' as const, path: '/envelopes/e%2F1/send' };
		expect(
			lexgoSignAlternativeRoutes({ baseUrl: 'https://api.lexgo.cl/v1', request: send }).map(
				(r) => `${r.request.method} ${r.baseUrl}${r.request.path}`,
			),
		).toEqual([
			'POST https://api.lexgo.cl/v1/envelopes/e%2F1/send_invitation',
			'PUT https://api.lexgo.cl/api/v1/envelopes/e%2F1/send',
			'POST https://api.lexgo.cl/api/v1/envelopes/e%2F1/send_invitation',
		]);
		const get = { method: 'GET' as const, path: '/envelopes/e1' };
		expect(
			lexgoSignAlternativeRoutes({ baseUrl: 'https://api.lexgo.cl/api/v1', request: get }),
		).toEqual([{ baseUrl: 'https://api.lexgo.cl/v1', request: get }]);
		expect(
			lexgoSignAlternativeRoutes({ baseUrl: 'https://proxy.example.com/lexgo', request: get }),
		).toEqual([]);
		expect(
			lexgoSignAlternativeRoutes({ baseUrl: 'https://proxy.example.com/lexgo', request: send }),
		).toEqual([
			{
				baseUrl: 'https://proxy.example.com/lexgo',
				request: { ...send, method: 'POST', path: '/envelopes/e%2F1/send_invitation' },
			},
		]);
	});
});

describe('LexgoSign on an account with the older API (/api/v1, POST …/send_invitation)', () => {
	const older = server('older', {
		'POST /envelopes/env-1/send_invitation': () => json({ success: true, request_id: 'req-s' }),
		'GET /envelopes/env-1': () => json({ envelope: { id: 'env-1', status: 'IN_PROGRESS' } }),
		'POST /envelopes/nope/send_invitation': () =>
			json({ error: 'Envelope not found', request_id: 'req-nf' }, 404),
		'POST /envelopes/env-sent/send_invitation': () =>
			json({ error: 'Envelope not in CREATED status', request_id: 'req-405' }, 405),
	});

	it('Send works with the default /v1 base; later calls go to the base that answered', async () => {
		const base = newBase();
		const oldBase = base.replace(/\/v1$/, '/api/v1');
		const sent = await runActionNode(node, {
			parameters: { resource: 'envelope', operation: 'send', envelopeId: 'env-1' },
			responses: older,
			credentials: credentialsFor(base),
		});
		expect(requestsOf(sent.requests)).toEqual([
			`PUT ${base}/envelopes/env-1/send`,
			`POST ${base}/envelopes/env-1/send_invitation`,
			`PUT ${oldBase}/envelopes/env-1/send`,
			`POST ${oldBase}/envelopes/env-1/send_invitation`,
		]);
		expect(sent.output.map((item) => item.json)).toEqual([{ id: 'env-1', sent: true }]);

		const got = await runActionNode(node, {
			parameters: { resource: 'envelope', operation: 'get', envelopeId: 'env-1' },
			responses: older,
			credentials: credentialsFor(base),
		});
		expect(requestsOf(got.requests)).toEqual([`GET ${oldBase}/envelopes/env-1`]);
		expect(got.output[0].json).toMatchObject({ id: 'env-1', status: 'IN_PROGRESS' });

		const sentAgain = await runActionNode(node, {
			parameters: { resource: 'envelope', operation: 'send', envelopeId: 'env-1' },
			responses: older,
			credentials: credentialsFor(base),
		});
		expect(requestsOf(sentAgain.requests)).toEqual([
			`PUT ${oldBase}/envelopes/env-1/send`,
			`POST ${oldBase}/envelopes/env-1/send_invitation`,
		]);
	});

	it('with Base URL /api/v1 only the send route differs', async () => {
		const base = newBase('/api/v1');
		const { requests, output } = await runActionNode(node, {
			parameters: { resource: 'envelope', operation: 'send', envelopeId: 'env-1' },
			responses: older,
			credentials: credentialsFor(base),
		});
		expect(requestsOf(requests)).toEqual([
			`PUT ${base}/envelopes/env-1/send`,
			`POST ${base}/envelopes/env-1/send_invitation`,
		]);
		expect(output[0].json).toEqual({ id: 'env-1', sent: true });
	});

	it('an unknown envelope is LexgoSign’s answer (no further route); the error names the routes tried', async () => {
		const base = newBase('/api/v1');
		const run = runActionNode(node, {
			parameters: { resource: 'envelope', operation: 'send', envelopeId: 'nope' },
			responses: older,
			credentials: credentialsFor(base),
		});
		await expect(run).rejects.toMatchObject({
			message: 'LexgoSign: Envelope not found',
			description: expect.stringContaining(
				`Tried: PUT ${base}/envelopes/nope/send (no such route), POST ${base}/envelopes/nope/send_invitation.`,
			),
		});
	});

	it('a 405 on the older route is final', async () => {
		const base = newBase('/api/v1');
		await expect(
			runActionNode(node, {
				parameters: { resource: 'envelope', operation: 'send', envelopeId: 'env-sent' },
				responses: older,
				credentials: credentialsFor(base),
			}),
		).rejects.toMatchObject({ message: 'LexgoSign: Envelope not in CREATED status' });
	});

	it('the trigger registers its webhook there too', async () => {
		const base = newBase();
		const oldBase = base.replace(/\/v1$/, '/api/v1');
		const registered: IDataObject[] = [];
		const registry = server('older', {
			'GET /webhooks': () => json({ webhooks: registered, request_id: 'req-l' }),
			'POST /webhooks': (options) => {
				const hook = { ...(options.body as IDataObject), id: 'wh-old' };
				registered.push(hook);
				return json({ success: true, webhook: hook, request_id: 'req-c' }, 201);
			},
		});
		const { ctx, http, staticData } = hookContext({
			parameters: { registration: 'automatic', events: ['envelope.success'] },
			credentials: credentialsFor(base),
			webhookUrl: 'https://n8n.example.com/webhook/old/webhook',
			http: registry,
		});
		const methods = new LexgoSignTrigger().webhookMethods.default;
		await expect(methods.checkExists.call(ctx)).resolves.toBe(false);
		await expect(methods.create.call(ctx)).resolves.toBe(true);
		expect(registered).toHaveLength(1);
		expect(JSON.stringify(staticData)).toContain('wh-old');
		expect(http.mock.calls.map(([, o]) => `${o.method} ${o.baseURL}${o.url}`)).toEqual([
			`GET ${base}/webhooks`,
			`GET ${oldBase}/webhooks`,
			`POST ${oldBase}/webhooks`,
		]);
	});
});

describe('LexgoSign on the newer API', () => {
	const newer = server('newer', {
		'PUT /envelopes/env-1/send': () =>
			json({ success: true, envelope: { id: 'env-1', status: 'SENDING' }, request_id: 'r' }, 202),
		'PUT /envelopes/nope/send': () =>
			json({ error: 'Envelope not found', request_id: 'req-nf' }, 404),
		'PUT /envelopes/env-sent/send': () =>
			json({ error: 'Envelope not in CREATED status', request_id: 'req-405' }, 405),
		'PUT /envelopes/env-bad/send': () => json({ error: 'Validation failed' }, 422),
		'GET /envelopes/env-1': () => json({ envelope: { id: 'env-1', status: 'CREATED' } }),
	});

	it.each([
		['nope', 'LexgoSign: Envelope not found', 404],
		['env-sent', 'LexgoSign: Envelope not in CREATED status', 405],
		['env-bad', 'LexgoSign: Validation failed', 422],
	])(
		'Send of %s: LexgoSign’s own answer, one request, never the older route',
		async (id, message) => {
			const base = newBase();
			const { http, ...run } = await runActionNode(node, {
				parameters: { resource: 'envelope', operation: 'send', envelopeId: id },
				responses: newer,
				credentials: credentialsFor(base),
				continueOnFail: true,
			});
			expect(http).toHaveBeenCalledTimes(1);
			expect(run.output[0].json.error).toBe(message);
		},
	);

	it('the 404 error says which route was tried', async () => {
		const base = newBase();
		await expect(
			runActionNode(node, {
				parameters: { resource: 'envelope', operation: 'send', envelopeId: 'nope' },
				responses: newer,
				credentials: credentialsFor(base),
			}),
		).rejects.toMatchObject({
			description: expect.stringContaining(`Tried: PUT ${base}/envelopes/nope/send.`),
		});
	});

	it('a credential set to /api/v1 (as the published docs show) falls back to /v1', async () => {
		const base = newBase('/api/v1');
		const { requests, output } = await runActionNode(node, {
			parameters: { resource: 'envelope', operation: 'get', envelopeId: 'env-1' },
			responses: newer,
			credentials: credentialsFor(base),
		});
		expect(requestsOf(requests)).toEqual([
			`GET ${base}/envelopes/env-1`,
			`GET ${base.replace('/api/v1', '/v1')}/envelopes/env-1`,
		]);
		expect(output[0].json).toMatchObject({ id: 'env-1' });
	});

	it('no route anywhere: the error lists every route tried', async () => {
		const base = newBase();
		const oldBase = base.replace(/\/v1$/, '/api/v1');
		await expect(
			runActionNode(node, {
				parameters: { resource: 'envelope', operation: 'send', envelopeId: 'env-1' },
				responses: () => ({ statusCode: 404, headers: {}, body: '' }),
				credentials: credentialsFor(base),
			}),
		).rejects.toMatchObject({
			message: 'LexgoSign: HTTP 404',
			description: expect.stringContaining(
				`Tried: PUT ${base}/envelopes/env-1/send (no such route), POST ${base}/envelopes/env-1/send_invitation (no such route), PUT ${oldBase}/envelopes/env-1/send (no such route), POST ${oldBase}/envelopes/env-1/send_invitation (no such route).`,
			),
		});
	});
});
