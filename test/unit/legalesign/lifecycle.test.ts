import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { LegalesignTrigger } from '../../../nodes/Legalesign/LegalesignTrigger.node';
import { narrowestEventFilter } from '../../../nodes/Legalesign/registration';
import { newSecret } from '../../fixtures/legalesign';
import { type FakeResponse, hookContext } from '../../support/contexts';

const methods = new LegalesignTrigger().webhookMethods.default;
const WEBHOOK_URL = 'https://n8n.example.com/webhook/3f1c/webhook';
const credentials = {
	legalesignApi: {
		username: 'api-user',
		secret: 'api-secret',
		baseUrl: 'https://eu-api.legalesign.test/api/v1/',
	},
};
const realtime = {
	webhookType: 'realtime',
	events: ['document.finalPdfCreated', 'unknown'],
	group: 'sales',
};

type Handler = (options: IHttpRequestOptions) => FakeResponse;

function hook(parameters: IDataObject, http: Handler, staticData: IDataObject = {}) {
	const context = hookContext({
		parameters,
		credentials,
		staticData,
		webhookUrl: WEBHOOK_URL,
		http,
	});
	const calls = () =>
		context.http.mock.calls.map(([credential, o]) => ({
			credential,
			method: o.method,
			url: o.url,
			body: o.body,
		}));
	return { ...context, calls };
}

const ok = (body: unknown = {}, headers: IDataObject = {}): FakeResponse => ({
	statusCode: 200,
	headers,
	body,
});

function listing(...entries: IDataObject[]): Handler {
	return (o) => {
		if (o.url === '/notifications/') return ok(entries);
		if (o.url === '/unsubscribe/') return ok({});
		throw new Error(`unexpected ${o.method} ${o.url}`);
	};
}

const entry = (url: string, extra: IDataObject = {}): IDataObject => ({
	url,
	notify_when: 10,
	event_filter: 'document.finalPdfCreated',
	group_id: 2,
	active: true,
	...extra,
});

describe('narrowestEventFilter', () => {
	it('registers the narrowest Legalesign filter that covers the selected events', () => {
		expect(narrowestEventFilter(['document.finalPdfCreated', 'unknown'])).toBe(
			'document.finalPdfCreated',
		);
		expect(narrowestEventFilter(['document.created', 'document.rejected'])).toBe('document.*');
		expect(narrowestEventFilter(['recipient.visiting', 'recipient.bounced', 'unknown'])).toBe(
			'recipient.*',
		);
		expect(narrowestEventFilter(['document.created', 'recipient.completed'])).toBe('');
		expect(narrowestEventFilter(['unknown'])).toBe('');
	});
});

describe('LegalesignTrigger create', () => {
	it('subscribes realtime with a fresh URL token and remembers URL, token and Location', async () => {
		const { ctx, staticData, calls } = hook(realtime, () => ({
			statusCode: 201,
			headers: { location: 'https://eu-api.legalesign.test/api/v1/unsubscribe/42/' },
			body: '',
		}));
		await expect(methods.create.call(ctx)).resolves.toBe(true);
		const stored = staticData.subscription as IDataObject;
		expect(stored.token).toMatch(/^[0-9a-f]{64}$/);
		expect(stored).toEqual({
			url: `${WEBHOOK_URL}?token=${stored.token}`,
			token: stored.token,
			location: '/unsubscribe/42/',
			notify: 'realtime',
			eventFilter: 'document.finalPdfCreated',
			group: 'sales',
		});
		expect(calls()).toEqual([
			{
				credential: 'legalesignApi',
				method: 'POST',
				url: '/subscribe/',
				body: {
					url: stored.url,
					notify: 'realtime',
					eventFilter: 'document.finalPdfCreated',
					group: 'sales',
				},
			},
		]);
	});

	it('generates a different token for every registration', async () => {
		const tokens = new Set<unknown>();
		for (let i = 0; i < 3; i++) {
			const { ctx, staticData } = hook(realtime, () => ({
				statusCode: 201,
				headers: {},
				body: '',
			}));
			await methods.create.call(ctx);
			tokens.add((staticData.subscription as IDataObject).token);
		}
		expect(tokens.size).toBe(3);
	});

	it('sends no filter or group for "all events" and legacy registrations', async () => {
		const everything = hook(
			{ webhookType: 'realtime', events: ['document.created', 'recipient.completed'], group: '' },
			() => ({
				statusCode: 201,
				headers: {},
				body: '',
			}),
		);
		await methods.create.call(everything.ctx);
		expect(everything.calls()[0].body).toEqual({ url: expect.any(String), notify: 'realtime' });
		const legacy = hook(
			{ webhookType: 'legacy', legacyNotify: 'all', registration: 'automatic', group: 'sales' },
			() => ({ statusCode: 201, headers: {}, body: '' }),
		);
		await methods.create.call(legacy.ctx);
		expect(legacy.calls()[0].body).toEqual({
			url: expect.stringContaining('?token='),
			notify: 'all',
		});
		expect(legacy.staticData.subscription).not.toHaveProperty('location');
	});

	it('ignores a Location on another host (credentials must never go there)', async () => {
		const { ctx, staticData } = hook(realtime, () => ({
			statusCode: 201,
			headers: { location: 'https://evil.example.com/api/v1/unsubscribe/42/' },
			body: '',
		}));
		await methods.create.call(ctx);
		expect(staticData.subscription).not.toHaveProperty('location');
	});

	it('surfaces a refused subscription as a readable error and stores nothing', async () => {
		const { ctx, staticData } = hook(realtime, () => ({
			statusCode: 400,
			headers: { 'content-type': 'application/json' },
			body: { url: ['Enter a valid URL.'] },
		}));
		await expect(methods.create.call(ctx)).rejects.toThrow('Legalesign: url: Enter a valid URL.');
		expect(staticData).toEqual({});
	});

	it('does nothing for a manually registered legacy webhook', async () => {
		const parameters = { webhookType: 'legacy', legacyNotify: 'signed', registration: 'manual' };
		for (const method of [methods.checkExists, methods.create, methods.delete]) {
			const { ctx, http } = hook(parameters, () => {
				throw new Error('no HTTP expected');
			});
			await expect(method.call(ctx)).resolves.toBe(true);
			expect(http).not.toHaveBeenCalled();
		}
	});
});

describe('LegalesignTrigger checkExists', () => {
	const token = newSecret();
	const url = `${WEBHOOK_URL}?token=${token}`;
	const stored = (): IDataObject => ({
		subscription: {
			url,
			token,
			location: '/unsubscribe/7/',
			notify: 'realtime',
			eventFilter: 'document.finalPdfCreated',
			group: 'sales',
		},
	});

	it('is true while the stored registration is listed, and changes nothing', async () => {
		const staticData = stored();
		const { ctx, calls } = hook(
			realtime,
			listing(entry('https://other.example.com/hook'), entry(url)),
			staticData,
		);
		await expect(methods.checkExists.call(ctx)).resolves.toBe(true);
		expect(calls().map((c) => c.url)).toEqual(['/notifications/']);
		expect(staticData).toEqual(stored());
	});

	it('adopts a registration of this URL found at Legalesign (re-publish: no second one)', async () => {
		const { ctx, staticData, calls, logs } = hook(realtime, listing(entry(url)));
		await expect(methods.checkExists.call(ctx)).resolves.toBe(true);
		expect(staticData.subscription).toEqual({
			url,
			token,
			notify: 'realtime',
			eventFilter: 'document.finalPdfCreated',
			group: 'sales',
		});
		expect(calls().map((c) => c.url)).toEqual(['/notifications/']);
		expect(logs.some((l) => l.message.includes('adopted'))).toBe(true);
	});

	it('is false when nothing is registered, and forgets a stale registration', async () => {
		const { ctx, staticData } = hook(
			realtime,
			listing(entry('https://other.example.com/hook')),
			stored(),
		);
		await expect(methods.checkExists.call(ctx)).resolves.toBe(false);
		expect(staticData).toEqual({});
	});

	it('removes registrations of this URL with other settings, then asks for a new one', async () => {
		const old = `${WEBHOOK_URL}?token=${newSecret()}`;
		const { ctx, calls, staticData } = hook(
			realtime,
			listing(
				entry(old, { event_filter: 'recipient.*' }),
				entry(WEBHOOK_URL, { notify_when: 1, event_filter: null }),
			),
		);
		await expect(methods.checkExists.call(ctx)).resolves.toBe(false);
		expect(calls().slice(1)).toEqual([
			{
				credential: 'legalesignApi',
				method: 'POST',
				url: '/unsubscribe/',
				body: { url: old, eventFilter: 'recipient.*' },
			},
			{
				credential: 'legalesignApi',
				method: 'POST',
				url: '/unsubscribe/',
				body: { url: WEBHOOK_URL },
			},
		]);
		expect(staticData).toEqual({});
	});

	it('does not adopt when the stored group differs from the configured one', async () => {
		const { ctx, calls } = hook({ ...realtime, group: 'main-team' }, listing(entry(url)), stored());
		await expect(methods.checkExists.call(ctx)).resolves.toBe(false);
		expect(calls()[1]).toMatchObject({ url: '/unsubscribe/', body: { url } });
	});

	it('removes extra registrations of this URL made with lost tokens, keeping the stored one', async () => {
		const lost = `${WEBHOOK_URL}?token=${newSecret()}`;
		const { ctx, calls } = hook(realtime, listing(entry(lost), entry(url)), stored());
		await expect(methods.checkExists.call(ctx)).resolves.toBe(true);
		expect(
			calls()
				.slice(1)
				.map((c) => c.body),
		).toEqual([{ url: lost, eventFilter: 'document.finalPdfCreated' }]);
	});

	it('refuses to activate without a known event selected', async () => {
		for (const parameters of [
			{ webhookType: 'realtime', events: ['unknown'] },
			{ webhookType: 'legacy', legacyNotify: 'all', registration: 'manual', events: [] },
		]) {
			const { ctx, http } = hook(parameters, listing());
			await expect(methods.checkExists.call(ctx)).rejects.toThrow('Select at least one event');
			expect(http).not.toHaveBeenCalled();
		}
	});

	it('matches legacy registrations by notify_when', async () => {
		const parameters = {
			webhookType: 'legacy',
			legacyNotify: 'rejected',
			registration: 'automatic',
		};
		const legacyEntry = entry(url, { notify_when: 4, event_filter: null, group_id: null });
		const { ctx } = hook(parameters, listing(legacyEntry));
		await expect(methods.checkExists.call(ctx)).resolves.toBe(true);
		const wrongKind = hook(parameters, listing({ ...legacyEntry, notify_when: 2 }));
		await expect(methods.checkExists.call(wrongKind.ctx)).resolves.toBe(false);
	});
});

describe('LegalesignTrigger delete', () => {
	const token = newSecret();
	const url = `${WEBHOOK_URL}?token=${token}`;
	const stored = (location?: string): IDataObject => ({
		subscription: {
			url,
			token,
			location,
			notify: 'realtime',
			eventFilter: 'document.*',
			group: 'sales',
		},
		recentEventIds: { 'legalesign:x': Date.now() + 1000 },
	});

	it('uses the Location from subscribe and forgets the token', async () => {
		const staticData = stored('/unsubscribe/42/');
		const { ctx, calls } = hook(realtime, () => ok({ message: 'Webhook removed' }), staticData);
		await expect(methods.delete.call(ctx)).resolves.toBe(true);
		expect(calls()).toEqual([
			{ credential: 'legalesignApi', method: 'DELETE', url: '/unsubscribe/42/', body: undefined },
		]);
		expect(staticData).toEqual({});
	});

	it('treats a Location that is already gone (404) as removed', async () => {
		const staticData = stored('/unsubscribe/42/');
		const { ctx } = hook(realtime, () => ({ statusCode: 404, headers: {}, body: '' }), staticData);
		await expect(methods.delete.call(ctx)).resolves.toBe(true);
		expect(staticData).toEqual({});
	});

	it('unsubscribes by url, filter and group without a Location', async () => {
		const staticData = stored();
		const { ctx, calls } = hook(realtime, () => ok({}), staticData);
		await expect(methods.delete.call(ctx)).resolves.toBe(true);
		expect(calls()).toEqual([
			{
				credential: 'legalesignApi',
				method: 'POST',
				url: '/unsubscribe/',
				body: { url, eventFilter: 'document.*', group: 'sales' },
			},
		]);
		expect(staticData).toEqual({});
	});

	it('falls back to unsubscribe when DELETE fails', async () => {
		const staticData = stored('/unsubscribe/42/');
		const { ctx, calls, logs } = hook(
			realtime,
			(o) => (o.method === 'DELETE' ? { statusCode: 500, headers: {}, body: 'boom' } : ok({})),
			staticData,
		);
		await expect(methods.delete.call(ctx)).resolves.toBe(true);
		expect(calls().map((c) => `${c.method} ${c.url}`)).toEqual([
			'DELETE /unsubscribe/42/',
			'POST /unsubscribe/',
		]);
		expect(
			logs.some((l) => l.level === 'warn' && l.message.includes('trying POST /unsubscribe/')),
		).toBe(true);
		expect(staticData).toEqual({});
	});

	it('reports failure, logs it and keeps the registration when Legalesign refuses', async () => {
		const staticData = stored();
		const { ctx, logs } = hook(
			realtime,
			() => ({ statusCode: 401, headers: {}, body: '' }),
			staticData,
		);
		await expect(methods.delete.call(ctx)).resolves.toBe(false);
		expect(logs.some((l) => l.level === 'error' && l.message.includes('API key was refused'))).toBe(
			true,
		);
		expect(JSON.stringify(logs)).not.toContain(token);
		expect(staticData.subscription).toBeDefined();
	});

	it('without stored data, removes whatever is registered for this URL', async () => {
		const { ctx, calls } = hook(
			realtime,
			listing(entry(url), entry('https://other.example.com/hook')),
		);
		await expect(methods.delete.call(ctx)).resolves.toBe(true);
		expect(calls().slice(1)).toEqual([
			{
				credential: 'legalesignApi',
				method: 'POST',
				url: '/unsubscribe/',
				body: { url, eventFilter: 'document.finalPdfCreated' },
			},
		]);
	});
});

describe('LegalesignTrigger lifecycle with either list format of GET /notifications/', () => {
	/** A small stateful Legalesign: subscribe adds, unsubscribe removes, the list in `format`. */
	function fakeLegalesign(format: 'array' | 'wrapped') {
		const subscriptions: IDataObject[] = [];
		let nextId = 40;
		const handler: Handler = (o) => {
			if (o.method === 'GET' && o.url === '/notifications/') {
				// The documented entries carry no webhook id.
				const listed = subscriptions.map((entry) => {
					const copy = { ...entry };
					delete copy.id;
					return copy;
				});
				return ok(
					format === 'array'
						? listed
						: {
								meta: {
									limit: 20,
									next: null,
									offset: 0,
									previous: null,
									total_count: listed.length,
								},
								objects: listed,
							},
				);
			}
			if (o.method === 'POST' && o.url === '/subscribe/') {
				const body = o.body as IDataObject;
				const id = nextId++;
				subscriptions.push({
					id,
					url: body.url,
					notify_when: 10,
					event_filter: body.eventFilter ?? '',
					group_id: body.group === 'sales' ? 2 : null,
					active: true,
				});
				return {
					statusCode: 201,
					headers: { location: `https://eu-api.legalesign.test/api/v1/unsubscribe/${id}/` },
					body: '',
				};
			}
			if (o.method === 'DELETE') {
				const id = Number(/\/unsubscribe\/(\d+)\//.exec(o.url)?.[1]);
				const index = subscriptions.findIndex((entry) => entry.id === id);
				if (index < 0) return { statusCode: 404, headers: {}, body: {} };
				subscriptions.splice(index, 1);
				return ok({ message: 'Webhook removed' });
			}
			if (o.method === 'POST' && o.url === '/unsubscribe/') {
				const url = (o.body as IDataObject).url;
				for (let i = subscriptions.length - 1; i >= 0; i--) {
					if (subscriptions[i].url === url) subscriptions.splice(i, 1);
				}
				return ok({});
			}
			throw new Error(`unexpected ${o.method} ${o.url}`);
		};
		return { subscriptions, handler };
	}

	/** n8n's publish: checkExists, then create only when it said false. */
	async function publish(http: Handler, staticData: IDataObject) {
		const { ctx, calls } = hook(realtime, http, staticData);
		const exists = await methods.checkExists.call(ctx);
		if (!exists) await methods.create.call(ctx);
		return { exists, calls: calls().map((c) => `${c.method} ${c.url}`) };
	}

	it.each(['array', 'wrapped'] as const)(
		'%s: publishing again, with or without the stored registration, never subscribes twice',
		async (format) => {
			const legalesign = fakeLegalesign(format);
			const staticData: IDataObject = {};
			expect(await publish(legalesign.handler, staticData)).toEqual({
				exists: false,
				calls: ['GET /notifications/', 'POST /subscribe/'],
			});
			expect(legalesign.subscriptions).toHaveLength(1);
			const registered = (staticData.subscription as IDataObject).url;

			expect(await publish(legalesign.handler, staticData)).toEqual({
				exists: true,
				calls: ['GET /notifications/'],
			});
			// Static data lost (e.g. a re-imported workflow): the listed registration is adopted.
			const fresh: IDataObject = {};
			expect(await publish(legalesign.handler, fresh)).toEqual({
				exists: true,
				calls: ['GET /notifications/'],
			});
			expect((fresh.subscription as IDataObject).url).toBe(registered);
			expect(legalesign.subscriptions).toHaveLength(1);

			const { ctx } = hook(realtime, legalesign.handler, staticData);
			await expect(methods.delete.call(ctx)).resolves.toBe(true);
			expect(legalesign.subscriptions).toHaveLength(0);
		},
	);
});
