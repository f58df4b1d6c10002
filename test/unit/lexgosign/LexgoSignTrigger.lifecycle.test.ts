import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { LexgoSignTrigger } from '../../../nodes/LexgoSign/LexgoSignTrigger.node';
import { LEXGOSIGN_EVENTS } from '../../../nodes/LexgoSign/events';
import { newAuthorization } from '../../fixtures/lexgosign';
import { type FakeResponse, type HttpHandler, hookContext } from '../../support/contexts';

const methods = new LexgoSignTrigger().webhookMethods.default;
const URL_OF_NODE = 'https://n8n.example.com/webhook/0f1e/webhook';
const ALL = Object.keys(LEXGOSIGN_EVENTS).join(',');
const credentials = {
	lexgoSignApi: { apiKey: 'lexgo-api-key', baseUrl: 'https://lexgo.test/v1/' },
};

const ok = (body: unknown, statusCode = 200): FakeResponse => ({
	statusCode,
	headers: { 'content-type': 'application/json' },
	body,
});

interface Hook extends IDataObject {
	id: string;
	url: string;
	subscriptions: string;
	auth_type: string | null;
	auth: string | null;
}

/**
 * A stand-in for LexgoSign's webhook registry with the documented create answer and the
 * inferred list/update/delete shapes; `list` decides how GET /webhooks is wrapped.
 */
function fakeLexgo(
	initial: Hook[] = [],
	list: (hooks: IDataObject[]) => unknown = (w) => ({ webhooks: w }),
) {
	const hooks = new Map(initial.map((hook) => [hook.id, { ...hook }]));
	let next = 1;
	const visible = (hook: Hook) => {
		const shown: IDataObject = { ...hook };
		delete shown.auth;
		return shown;
	};
	const handler: HttpHandler = (options: IHttpRequestOptions) => {
		const body = (options.body ?? {}) as IDataObject;
		const one = /^\/webhooks\/([^/]+)$/.exec(String(options.url));
		if (options.method === 'GET' && options.url === '/webhooks') {
			return ok(list([...hooks.values()].map(visible)));
		}
		if (options.method === 'POST' && options.url === '/webhooks') {
			const hook: Hook = {
				id: `wh-${next++}`,
				url: String(body.url),
				subscriptions: String(body.subscriptions),
				auth_type: body.auth_type ? 'HEADER' : null,
				auth: (body.auth as string) ?? null,
			};
			hooks.set(hook.id, hook);
			return ok({ success: true, webhook: visible(hook), request_id: 'req-c' }, 201);
		}
		if (one && !hooks.has(one[1]))
			return ok({ error: 'Webhook not found', request_id: 'req-404' }, 404);
		if (one && options.method === 'PUT') {
			const hook = hooks.get(one[1])!;
			for (const key of ['url', 'subscriptions', 'auth'] as const) {
				if (body[key] !== undefined) hook[key] = String(body[key]);
			}
			if (body.auth_type) hook.auth_type = 'HEADER';
			return ok({ success: true, webhook: visible(hook), request_id: 'req-u' });
		}
		if (one && options.method === 'DELETE') {
			hooks.delete(one[1]);
			return ok({ success: true, request_id: 'req-d' });
		}
		throw new Error(`unexpected ${options.method} ${options.url}`);
	};
	return { hooks, handler };
}

function lifecycle(
	http: HttpHandler,
	options: { events?: string[]; staticData?: IDataObject; registration?: string } = {},
) {
	return hookContext({
		parameters: {
			registration: options.registration ?? 'automatic',
			events: options.events ?? [...Object.keys(LEXGOSIGN_EVENTS), 'unknown'],
			options: {},
		},
		credentials,
		staticData: options.staticData,
		webhookUrl: URL_OF_NODE,
		http,
	});
}

const calls = (http: jest.Mock) =>
	http.mock.calls.map(([credential, o]: [string, IHttpRequestOptions]) => ({
		credential,
		method: o.method,
		baseURL: o.baseURL,
		url: o.url,
		body: o.body,
	}));

function stored(authorization: string, events = ALL, webhookId = 'wh-old') {
	return { subscription: { webhookId, authorization, events, url: URL_OF_NODE } };
}

describe('LexgoSignTrigger create()', () => {
	it('registers the URL for the selected events with a fresh Bearer secret, and stores it', async () => {
		const lexgo = fakeLexgo();
		const { ctx, http, staticData } = lifecycle(lexgo.handler, {
			events: ['recipient.signed_all', 'unknown', 'envelope.success'],
		});
		await expect(methods.create.call(ctx)).resolves.toBe(true);
		const [request] = calls(http);
		expect(calls(http)).toHaveLength(1);
		expect(request).toEqual({
			credential: 'lexgoSignApi',
			method: 'POST',
			baseURL: 'https://lexgo.test/v1',
			url: '/webhooks',
			body: {
				url: URL_OF_NODE,
				subscriptions: 'envelope.success,recipient.signed_all',
				auth_type: 'header',
				auth: expect.stringMatching(/^Bearer [0-9a-f]{64}$/),
			},
		});
		const auth = (request.body as IDataObject).auth;
		expect(staticData).toEqual({
			subscription: {
				webhookId: 'wh-1',
				authorization: auth,
				events: 'envelope.success,recipient.signed_all',
				url: URL_OF_NODE,
			},
		});
		expect(lexgo.hooks.get('wh-1')).toMatchObject({ auth, auth_type: 'HEADER' });
	});

	it('generates a different secret every time', async () => {
		const secrets = new Set<unknown>();
		for (let i = 0; i < 3; i++) {
			const { ctx, staticData } = lifecycle(fakeLexgo().handler);
			await methods.create.call(ctx);
			secrets.add((staticData.subscription as IDataObject).authorization);
		}
		expect(secrets.size).toBe(3);
	});

	it('refuses to register nothing: "unknown" alone cannot be subscribed to', async () => {
		const { ctx, http } = lifecycle(fakeLexgo().handler, { events: ['unknown'] });
		await expect(methods.create.call(ctx)).rejects.toThrow('Select at least one event');
		expect(http).not.toHaveBeenCalled();
	});

	it('stores nothing when LexgoSign refuses or answers without an id, and never retries a 429', async () => {
		const refused = lifecycle(() =>
			ok({ error: 'Validation failed: Url is not a valid URL', request_id: 'req-9' }, 422),
		);
		await expect(methods.create.call(refused.ctx)).rejects.toMatchObject({
			message: 'LexgoSign: Validation failed: Url is not a valid URL',
			description: expect.stringContaining('request id req-9'),
		});
		expect(refused.staticData).toEqual({});
		const noId = lifecycle(() => ok({ success: true, request_id: 'req-x' }, 201));
		await expect(methods.create.call(noId.ctx)).rejects.toThrow(/id is missing/);
		expect(noId.staticData).toEqual({});
		const limited = lifecycle(() => ({
			statusCode: 429,
			headers: { 'x-ratelimit-reset': '0' },
			body: { error: 'Rate limit exceeded', request_id: 'req-r' },
		}));
		await expect(methods.create.call(limited.ctx)).rejects.toThrow(
			'LexgoSign: Rate limit exceeded',
		);
		expect(limited.http).toHaveBeenCalledTimes(1);
	});
});

describe('LexgoSignTrigger checkExists()', () => {
	it('keeps its registration untouched when the events are unchanged (one GET, nothing else)', async () => {
		const auth = newAuthorization();
		const lexgo = fakeLexgo([
			{ id: 'wh-old', url: URL_OF_NODE, subscriptions: ALL, auth_type: 'HEADER', auth },
			{
				id: 'wh-other',
				url: 'https://elsewhere/hook',
				subscriptions: ALL,
				auth_type: null,
				auth: null,
			},
		]);
		const { ctx, http, staticData } = lifecycle(lexgo.handler, { staticData: stored(auth) });
		await expect(methods.checkExists.call(ctx)).resolves.toBe(true);
		expect(calls(http).map((c) => `${c.method} ${c.url}`)).toEqual(['GET /webhooks']);
		expect(staticData).toEqual(stored(auth));
	});

	it('updates the subscribed events in place when the selection changed', async () => {
		const auth = newAuthorization();
		const lexgo = fakeLexgo([
			{ id: 'wh-old', url: URL_OF_NODE, subscriptions: ALL, auth_type: 'HEADER', auth },
		]);
		const { ctx, http, staticData } = lifecycle(lexgo.handler, {
			staticData: stored(auth),
			events: ['envelope.voided', 'envelope.success'],
		});
		await expect(methods.checkExists.call(ctx)).resolves.toBe(true);
		expect(calls(http).slice(1)).toEqual([
			expect.objectContaining({
				method: 'PUT',
				url: '/webhooks/wh-old',
				body: { subscriptions: 'envelope.success,envelope.voided' },
			}),
		]);
		expect(staticData.subscription).toEqual({
			webhookId: 'wh-old',
			authorization: auth,
			events: 'envelope.success,envelope.voided',
			url: URL_OF_NODE,
		});
		expect(lexgo.hooks.get('wh-old')).toMatchObject({
			auth,
			subscriptions: 'envelope.success,envelope.voided',
		});
	});

	it('adopts a registration of its URL with a fresh secret, since LexgoSign never returns the old one', async () => {
		const lost = newAuthorization();
		const lexgo = fakeLexgo([
			{
				id: 'wh-9',
				url: URL_OF_NODE,
				subscriptions: 'envelope.success',
				auth_type: 'HEADER',
				auth: lost,
			},
		]);
		const { ctx, http, staticData, logs } = lifecycle(lexgo.handler);
		await expect(methods.checkExists.call(ctx)).resolves.toBe(true);
		const put = calls(http)[1];
		expect(put).toEqual(
			expect.objectContaining({
				method: 'PUT',
				url: '/webhooks/wh-9',
				body: {
					url: URL_OF_NODE,
					subscriptions: ALL,
					auth_type: 'header',
					auth: expect.stringMatching(/^Bearer [0-9a-f]{64}$/),
				},
			}),
		);
		const fresh = (put.body as IDataObject).auth;
		expect(fresh).not.toBe(lost);
		expect(staticData.subscription).toEqual({
			webhookId: 'wh-9',
			authorization: fresh,
			events: ALL,
			url: URL_OF_NODE,
		});
		expect(lexgo.hooks.get('wh-9')?.auth).toBe(fresh);
		expect(logs.some((l) => l.message.includes('adopted existing webhook wh-9'))).toBe(true);
	});

	it('adopts when its stored registration is gone but one for its URL exists', async () => {
		const lexgo = fakeLexgo([
			{ id: 'wh-new', url: `${URL_OF_NODE}/`, subscriptions: ALL, auth_type: null, auth: null },
		]);
		const { ctx, staticData } = lifecycle(lexgo.handler, {
			staticData: stored(newAuthorization()),
		});
		await expect(methods.checkExists.call(ctx)).resolves.toBe(true);
		expect((staticData.subscription as IDataObject).webhookId).toBe('wh-new');
	});

	it('deletes further registrations of its URL, which would deliver every event twice', async () => {
		const auth = newAuthorization();
		const lexgo = fakeLexgo([
			{ id: 'wh-old', url: URL_OF_NODE, subscriptions: ALL, auth_type: 'HEADER', auth },
			{ id: 'wh-dup', url: URL_OF_NODE, subscriptions: ALL, auth_type: 'HEADER', auth: 'x' },
		]);
		const { ctx, http } = lifecycle(lexgo.handler, { staticData: stored(auth) });
		await expect(methods.checkExists.call(ctx)).resolves.toBe(true);
		expect(calls(http).map((c) => `${c.method} ${c.url}`)).toEqual([
			'GET /webhooks',
			'DELETE /webhooks/wh-dup',
		]);
		expect([...lexgo.hooks.keys()]).toEqual(['wh-old']);
	});

	it('answers false (so n8n creates) when nothing is registered for its URL', async () => {
		const lexgo = fakeLexgo([
			{
				id: 'wh-x',
				url: 'https://elsewhere/hook',
				subscriptions: ALL,
				auth_type: null,
				auth: null,
			},
		]);
		const { ctx, http } = lifecycle(lexgo.handler, { staticData: stored(newAuthorization()) });
		await expect(methods.checkExists.call(ctx)).resolves.toBe(false);
		expect(calls(http).map((c) => c.method)).toEqual(['GET']);
	});

	it.each([
		['a bare array', (w: IDataObject[]) => w],
		['{data: [...]}', (w: IDataObject[]) => ({ data: w, request_id: 'r' })],
		['{data: {webhooks}}', (w: IDataObject[]) => ({ data: { webhooks: w } })],
	])('reads the list as %s', async (_label, shape) => {
		const lexgo = fakeLexgo(
			[{ id: 'wh-5', url: URL_OF_NODE, subscriptions: ALL, auth_type: null, auth: null }],
			shape,
		);
		const { ctx, staticData } = lifecycle(lexgo.handler);
		await expect(methods.checkExists.call(ctx)).resolves.toBe(true);
		expect((staticData.subscription as IDataObject).webhookId).toBe('wh-5');
	});

	it('warns about a list it cannot read', async () => {
		const { ctx, logs } = lifecycle(() => ok({ request_id: 'r' }));
		await expect(methods.checkExists.call(ctx)).resolves.toBe(false);
		expect(
			logs.some((l) => l.level === 'warn' && l.message.includes('unexpected GET /webhooks')),
		).toBe(true);
	});

	it('fails loudly when the list cannot be fetched (never creates blindly)', async () => {
		const { ctx } = lifecycle(() => ok({ error: 'Internal error', request_id: 'req-5' }, 500));
		await expect(methods.checkExists.call(ctx)).rejects.toThrow('LexgoSign: Internal error');
	});
});

describe('LexgoSignTrigger delete()', () => {
	it('deletes its registration and forgets it with its secret and duplicate memory', async () => {
		const auth = newAuthorization();
		const lexgo = fakeLexgo([
			{ id: 'wh-old', url: URL_OF_NODE, subscriptions: ALL, auth_type: 'HEADER', auth },
		]);
		const staticData: IDataObject = { ...stored(auth), recentEventIds: { e1: Date.now() + 1000 } };
		const { ctx, http } = lifecycle(lexgo.handler, { staticData });
		await expect(methods.delete.call(ctx)).resolves.toBe(true);
		expect(calls(http).map((c) => `${c.method} ${c.url}`)).toEqual(['DELETE /webhooks/wh-old']);
		expect(staticData).toEqual({});
		expect(lexgo.hooks.size).toBe(0);
	});

	it('treats 404 as already deleted', async () => {
		const { ctx, staticData, logs } = lifecycle(fakeLexgo().handler, {
			staticData: stored(newAuthorization()),
		});
		await expect(methods.delete.call(ctx)).resolves.toBe(true);
		expect(staticData).toEqual({});
		expect(logs.some((l) => l.message.includes('was already deleted'))).toBe(true);
	});

	it('keeps the registration on other failures so the next delete can retry', async () => {
		const staticData = stored(newAuthorization());
		const { ctx } = lifecycle(() => ok({ error: 'Internal error', request_id: 'r' }, 500), {
			staticData,
		});
		await expect(methods.delete.call(ctx)).rejects.toThrow('LexgoSign: Internal error');
		expect(staticData.subscription).toBeDefined();
	});

	it('calls nothing when nothing is registered', async () => {
		const { ctx, http } = lifecycle(fakeLexgo().handler);
		await expect(methods.delete.call(ctx)).resolves.toBe(true);
		expect(http).not.toHaveBeenCalled();
	});
});

describe('LexgoSignTrigger manual registration', () => {
	it('registers, looks up and deletes nothing', async () => {
		const { ctx, http } = lifecycle(fakeLexgo().handler, { registration: 'manual' });
		await expect(methods.checkExists.call(ctx)).resolves.toBe(true);
		await expect(methods.create.call(ctx)).resolves.toBe(true);
		await expect(methods.delete.call(ctx)).resolves.toBe(true);
		expect(http).not.toHaveBeenCalled();
	});
});

describe('LexgoSignTrigger test runs ("Listen for test event") beside a published workflow', () => {
	const TEST_URL = 'https://n8n.example.com/webhook-test/0f1e/webhook';

	/** A hook context in mode "manual" for the test URL, over a copy of the published static data. */
	function testRun(http: HttpHandler, staticData: IDataObject) {
		const context = hookContext({
			parameters: { registration: 'automatic', events: ['envelope.success'], options: {} },
			credentials,
			staticData,
			webhookUrl: TEST_URL,
			http,
		});
		(context.ctx as unknown as { getMode: () => string }).getMode = () => 'manual';
		return context;
	}

	it('registers the test URL separately and removes only that, leaving production alone', async () => {
		const production = newAuthorization();
		const lexgo = fakeLexgo([
			{ id: 'wh-old', url: URL_OF_NODE, subscriptions: ALL, auth_type: 'HEADER', auth: production },
		]);
		const copy: IDataObject = { ...stored(production) };
		const run = testRun(lexgo.handler, copy);
		await expect(methods.checkExists.call(run.ctx)).resolves.toBe(false);
		await methods.create.call(run.ctx);
		expect(calls(run.http).map((c) => `${c.method} ${c.url}`)).toEqual([
			'GET /webhooks',
			'POST /webhooks',
		]);
		expect((copy.subscription as IDataObject).url).toBe(TEST_URL);
		await methods.delete.call(testRun(lexgo.handler, copy).ctx);
		expect([...lexgo.hooks.values()]).toEqual([
			expect.objectContaining({
				id: 'wh-old',
				url: URL_OF_NODE,
				subscriptions: ALL,
				auth: production,
			}),
		]);
	});

	it('deletes nothing at the end of a test run that registered nothing', async () => {
		const lexgo = fakeLexgo([
			{ id: 'wh-old', url: URL_OF_NODE, subscriptions: ALL, auth_type: 'HEADER', auth: 'x' },
		]);
		const run = testRun(lexgo.handler, { ...stored('x') });
		await expect(methods.delete.call(run.ctx)).resolves.toBe(true);
		expect(run.http).not.toHaveBeenCalled();
		expect(lexgo.hooks.size).toBe(1);
	});

	it('on activation, moves its registration to a changed public URL instead of adding one', async () => {
		const auth = newAuthorization();
		const lexgo = fakeLexgo([
			{
				id: 'wh-old',
				url: 'https://old-host.example.com/webhook/0f1e/webhook',
				subscriptions: ALL,
				auth_type: 'HEADER',
				auth,
			},
		]);
		const staticData: IDataObject = {
			subscription: {
				webhookId: 'wh-old',
				authorization: auth,
				events: ALL,
				url: 'https://old-host.example.com/webhook/0f1e/webhook',
			},
		};
		const { ctx, http } = lifecycle(lexgo.handler, { staticData });
		await expect(methods.checkExists.call(ctx)).resolves.toBe(true);
		expect(calls(http)[1]).toMatchObject({
			method: 'PUT',
			url: '/webhooks/wh-old',
			body: { url: URL_OF_NODE },
		});
		expect(lexgo.hooks.get('wh-old')).toMatchObject({ url: URL_OF_NODE, auth });
		expect((staticData.subscription as IDataObject).url).toBe(URL_OF_NODE);
	});
});

describe('LexgoSignTrigger publish cycles', () => {
	/** What n8n does on publish: checkExists, then create only when it answered false. */
	async function publish(
		lexgo: ReturnType<typeof fakeLexgo>,
		staticData: IDataObject,
		events?: string[],
	) {
		const { ctx } = lifecycle(lexgo.handler, { staticData, events });
		if (!(await methods.checkExists.call(ctx))) await methods.create.call(ctx);
	}

	it('never leaves a second registration, and unpublishing leaves none', async () => {
		const lexgo = fakeLexgo();
		const staticData: IDataObject = {};
		await publish(lexgo, staticData);
		await publish(lexgo, staticData);
		expect(lexgo.hooks.size).toBe(1);
		await publish(lexgo, staticData, ['envelope.success']);
		expect([...lexgo.hooks.values()].map((h) => h.subscriptions)).toEqual(['envelope.success']);
		// Static data lost (e.g. workflow re-imported): the registration is adopted, not duplicated.
		const reimported: IDataObject = {};
		await publish(lexgo, reimported, ['envelope.success']);
		expect(lexgo.hooks.size).toBe(1);
		const hook = [...lexgo.hooks.values()][0];
		expect(hook.auth).toBe((reimported.subscription as IDataObject).authorization);
		const { ctx } = lifecycle(lexgo.handler, { staticData: reimported });
		await methods.delete.call(ctx);
		expect(lexgo.hooks.size).toBe(0);
	});
});
