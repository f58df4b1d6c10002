import { NodeApiError } from 'n8n-workflow';

import {
	apiRequest,
	downloadPresignedUrl,
	type ProviderApi,
} from '../../../nodes/shared/transport';
import { executeContext, type FakeResponse } from '../../support/contexts';

const secret = `tok-${Date.now().toString(36)}`;
const api: ProviderApi = {
	name: 'Acme',
	credentialType: 'acmeApi',
	baseUrl: (credentials) => String(credentials.baseUrl),
	errorFromBody: (body) =>
		typeof body === 'object' && body !== null && 'error' in body
			? { message: String((body as { error: unknown }).error), requestId: 'req-9' }
			: undefined,
	errorInSuccessBody: (body) =>
		typeof body === 'object' && body !== null && (body as { ok?: boolean }).ok === false
			? { message: 'hidden failure', code: 'E42' }
			: undefined,
	hintForStatus: (status) => (status === 401 ? 'Check the key.' : undefined),
	rateLimitDelay: () => 1,
};

function context(...responses: Array<FakeResponse | Error>) {
	const queue = [...responses];
	return executeContext({
		parameters: {},
		credentials: { acmeApi: { baseUrl: 'https://api.acme.test/v1///', apiKey: secret } },
		http: async () => {
			const next = queue.shift();
			if (!next) throw new Error('no more responses');
			if (next instanceof Error) throw next;
			return next;
		},
	});
}

async function failure(promise: Promise<unknown>): Promise<NodeApiError> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(NodeApiError);
		return error as NodeApiError;
	}
	throw new Error('expected the request to fail');
}

describe('apiRequest', () => {
	it('sends an authenticated request to the credential base URL and returns the full response', async () => {
		const { ctx, http } = context({
			statusCode: 200,
			headers: { 'content-type': 'application/json' },
			body: { ok: true },
		});
		const response = await apiRequest.call(ctx, api, {
			method: 'GET',
			path: '/things',
			qs: { a: 1 },
		});
		expect(response).toEqual({
			statusCode: 200,
			headers: { 'content-type': 'application/json' },
			body: { ok: true },
		});
		expect(http).toHaveBeenCalledWith(
			'acmeApi',
			{
				method: 'GET',
				baseURL: 'https://api.acme.test/v1',
				url: '/things',
				qs: { a: 1 },
				headers: undefined,
				body: undefined,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			},
			// n8n authenticates with the credential it is handed instead of reading it again.
			{
				credentialsDecrypted: expect.objectContaining({
					type: 'acmeApi',
					data: { baseUrl: 'https://api.acme.test/v1///', apiKey: secret },
				}),
			},
		);
	});

	it('reads the credential once per context, however many requests it makes', async () => {
		const ok = { statusCode: 200, headers: {}, body: { ok: true } };
		const { ctx } = context(ok, ok, ok);
		for (let i = 0; i < 3; i++) await apiRequest.call(ctx, api, { method: 'GET', path: '/x' });
		expect(ctx.getCredentials).toHaveBeenCalledTimes(1);
		const other = context(ok);
		await apiRequest.call(other.ctx, api, { method: 'GET', path: '/x' });
		expect(other.ctx.getCredentials).toHaveBeenCalledTimes(1);
	});

	it("maps an HTTP error to NodeApiError with the provider's message, request id and hint", async () => {
		const { ctx } = context({
			statusCode: 401,
			headers: {},
			body: { error: 'Invalid Api Key (key not found)' },
		});
		const error = await failure(apiRequest.call(ctx, api, { method: 'GET', path: '/x' }));
		expect(error.message).toBe('Acme: Invalid Api Key (key not found)');
		expect(error.description).toBe('Acme answered HTTP 401, request id req-9. Check the key.');
		expect(error.httpCode).toBe('401');
	});

	it('maps errors hidden in a 200 body', async () => {
		const { ctx } = context({ statusCode: 200, headers: {}, body: { ok: false } });
		const error = await failure(
			apiRequest.call(ctx, api, { method: 'POST', path: '/x', body: {} }),
		);
		expect(error.message).toBe('Acme: hidden failure');
		expect(error.description).toContain('code E42');
	});

	it('reports non-JSON error bodies as text, and never echoes credentials', async () => {
		const { ctx } = context({
			statusCode: 502,
			headers: { 'content-type': 'text/html' },
			body: '<html>Bad gateway</html>',
		});
		const error = await failure(apiRequest.call(ctx, api, { method: 'GET', path: '/x' }));
		expect(error.message).toBe('Acme: <html>Bad gateway</html>');
		expect(
			JSON.stringify({ ...error, message: error.message, description: error.description }),
		).not.toContain(secret);
	});

	it('wraps network failures without leaking request options', async () => {
		const { ctx } = context(new Error('connect ECONNREFUSED 127.0.0.1:9'));
		const error = await failure(apiRequest.call(ctx, api, { method: 'GET', path: '/x' }));
		expect(error.message).toBe('Acme: the request did not get an answer');
		expect(error.description).toBe(
			"No answer from the credential's base URL: connect ECONNREFUSED 127.0.0.1:9",
		);
		expect(JSON.stringify(error.context)).not.toContain(secret);
	});

	it('retries a 429 for GET, then succeeds', async () => {
		const { ctx, http } = context(
			{ statusCode: 429, headers: {}, body: {} },
			{ statusCode: 200, headers: {}, body: { done: 1 } },
		);
		expect((await apiRequest.call(ctx, api, { method: 'GET', path: '/x' })).body).toEqual({
			done: 1,
		});
		expect(http).toHaveBeenCalledTimes(2);
	});

	it('never repeats a POST on 429 unless told it is safe, and gives up after three retries', async () => {
		const limited = { statusCode: 429, headers: {}, body: { error: 'Too many requests' } };
		const post = context(limited, { statusCode: 201, headers: {}, body: {} });
		expect(
			(await failure(apiRequest.call(post.ctx, api, { method: 'POST', path: '/x', body: {} })))
				.httpCode,
		).toBe('429');
		expect(post.http).toHaveBeenCalledTimes(1);
		const get = context(limited, limited, limited, limited, {
			statusCode: 200,
			headers: {},
			body: {},
		});
		await failure(apiRequest.call(get.ctx, api, { method: 'GET', path: '/x' }));
		expect(get.http).toHaveBeenCalledTimes(4);
	});

	it('returns binary bodies as Buffers but decodes JSON error answers of file endpoints', async () => {
		const pdf = Buffer.from('%PDF-1.4 test');
		const ok = context({
			statusCode: 200,
			headers: { 'content-type': 'application/pdf' },
			body: pdf,
		});
		const response = await apiRequest.call(ok.ctx, api, {
			method: 'GET',
			path: '/file',
			binary: true,
		});
		expect(Buffer.isBuffer(response.body) && response.body.equals(pdf)).toBe(true);
		expect(ok.http.mock.calls[0][1]).toMatchObject({ encoding: 'arraybuffer', json: false });
		const failed = context({
			statusCode: 200,
			headers: { 'content-type': 'application/json' },
			body: Buffer.from('{"ok":false}'),
		});
		expect(
			(
				await failure(
					apiRequest.call(failed.ctx, api, { method: 'GET', path: '/file', binary: true }),
				)
			).message,
		).toBe('Acme: hidden failure');
	});

	it('can hand redirects back instead of following them', async () => {
		const { ctx, http } = context({
			statusCode: 302,
			headers: { location: 'https://s3/x' },
			body: '',
		});
		expect(
			(await apiRequest.call(ctx, api, { method: 'GET', path: '/pdf', noRedirects: true }))
				.statusCode,
		).toBe(302);
		expect(http.mock.calls[0][1]).toMatchObject({ disableFollowRedirect: true });
	});
});

describe('downloadPresignedUrl', () => {
	it('fetches without credentials and reports refused links clearly', async () => {
		const ok = context({
			statusCode: 200,
			headers: { 'content-type': 'application/pdf' },
			body: Buffer.from('pdf'),
		});
		const file = await downloadPresignedUrl.call(
			ok.ctx,
			api,
			'https://s3.test/doc.pdf?X-Amz-Signature=abc',
			'doc.pdf',
		);
		expect(file).toEqual({
			data: Buffer.from('pdf'),
			fileName: 'doc.pdf',
			mimeType: 'application/pdf',
		});
		expect(ok.http).not.toHaveBeenCalled();
		expect(ok.unauthenticatedHttp.mock.calls[0][0]).toMatchObject({
			url: 'https://s3.test/doc.pdf?X-Amz-Signature=abc',
			encoding: 'arraybuffer',
		});
		const expired = context({ statusCode: 403, headers: {}, body: 'AccessDenied' });
		const error = await failure(
			downloadPresignedUrl.call(expired.ctx, api, 'https://s3.test/x', 'x.pdf'),
		);
		expect(error.message).toMatch(/^Acme: the download link was refused/);
	});
});

describe('apiRequest per-call error handling', () => {
	it('hands back accepted error statuses and bodies the caller opted into', async () => {
		const created = context({
			statusCode: 422,
			headers: {},
			body: { error: 'validation', envelope: { id: 'e1' } },
		});
		const response = await apiRequest.call(created.ctx, api, {
			method: 'POST',
			path: '/x',
			body: {},
			acceptStatuses: [422],
		});
		expect(response).toMatchObject({ statusCode: 422, body: { envelope: { id: 'e1' } } });
		const hidden = context({ statusCode: 200, headers: {}, body: { ok: false } });
		expect(
			(
				await apiRequest.call(hidden.ctx, api, {
					method: 'GET',
					path: '/x',
					allowErrorInBody: true,
				})
			).body,
		).toEqual({ ok: false });
	});
});

describe('apiRequest with alternative routes (another API generation)', () => {
	/** A provider whose calls may also live under /v0; a 404 without a body is a missing route. */
	const generations: ProviderApi = {
		...api,
		name: 'Generations',
		alternativeRoutes: (route) => [
			{ baseUrl: route.baseUrl.replace(/\/v1$/, '/v0'), request: route.request },
		],
		isMissingRoute: (status, body) => status === 404 && (body === '' || body === undefined),
	};
	let hosts = 0;
	function server(answer: (baseUrl: string) => FakeResponse) {
		const baseUrl = `https://gen-${++hosts}.test/v1`;
		const { ctx, http } = executeContext({
			parameters: {},
			credentials: { acmeApi: { baseUrl } },
			http: async (options) => answer(String(options.baseURL)),
		});
		const calls = () => http.mock.calls.map(([, o]) => `${o.baseURL}${o.url}`);
		return { ctx, calls, baseUrl };
	}
	const missing: FakeResponse = { statusCode: 404, headers: {}, body: '' };
	const ok: FakeResponse = { statusCode: 200, headers: {}, body: { ok: true } };

	it('moves on only while the route is missing, and starts with the base that answered', async () => {
		const { ctx, calls, baseUrl } = server((base) => (base.endsWith('/v0') ? ok : missing));
		const v0 = baseUrl.replace(/\/v1$/, '/v0');
		const first = await apiRequest.call(ctx, generations, { method: 'GET', path: '/a' });
		expect(first.body).toEqual({ ok: true });
		await apiRequest.call(ctx, generations, { method: 'GET', path: '/b' });
		expect(calls()).toEqual([`${baseUrl}/a`, `${v0}/a`, `${v0}/b`]);
	});

	it('never moves on after an answer that is not a missing route', async () => {
		const { ctx, calls, baseUrl } = server(() => ({
			statusCode: 404,
			headers: {},
			body: { error: 'Thing not found' },
		}));
		const error = await failure(
			apiRequest.call(ctx, generations, { method: 'POST', path: '/things' }),
		);
		expect(error.message).toBe('Generations: Thing not found');
		expect(error.description).toContain(`Tried: POST ${baseUrl}/things.`);
		expect(calls()).toEqual([`${baseUrl}/things`]);
	});

	it('accepts statuses on the route that answered, and lists every route when none exists', async () => {
		const nowhere = server(() => missing);
		const accepted = await apiRequest.call(nowhere.ctx, generations, {
			method: 'DELETE',
			path: '/x',
			acceptStatuses: [404],
		});
		expect(accepted.statusCode).toBe(404);
		const error = await failure(
			apiRequest.call(nowhere.ctx, generations, { method: 'GET', path: '/y' }),
		);
		const v0 = nowhere.baseUrl.replace(/\/v1$/, '/v0');
		expect(error.description).toContain(
			`Tried: GET ${nowhere.baseUrl}/y (no such route), GET ${v0}/y (no such route).`,
		);
	});
});
