'use strict';
/**
 * LexgoSign REST API (`/lexgosign/v1/...`, also `/lexgosign/api/v1/...`): raw-key auth, optional
 * rate limiting with X-RateLimit-* headers, routing, and the endpoint handlers. Errors are
 * `{error, request_id}` (401s without request_id).
 */
const { randomBytes, timingSafeEqual } = require('node:crypto');
const { sendJson } = require('../http-util');
const { RequestError } = require('./state');

const UPLOAD_FILTERS = ['pending', 'uploaded', 'processing', 'completed', 'failed', 'expired'];
const MAX_FILE_NAME = 100;
const MAX_UPLOAD_BYTES = 52_428_800;

function requestId() {
	return `req_${randomBytes(8).toString('hex')}`;
}

/**
 * @param {string} a
 * @param {string} b
 */
function sameSecret(a, b) {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/**
 * @param {object} ctx
 * @param {() => import('./index').LexgoSignModule} ctx.lexgo the module object (apiKey, environment, enterpriseName, rateLimit…)
 * @param {import('./state').LexgoSignState} ctx.state
 * @param {ReturnType<import('./flows')['createFlows']>} ctx.flows state transitions with events (send, void, upload processing…)
 * @param {() => number} ctx.now
 */
function createApi(ctx) {
	const { state, flows } = ctx;
	/** @type {{ start: number, count: number }} */
	let window = { start: 0, count: 0 };

	/**
	 * Routes; a fourth element limits a route to some `apiRoutes` modes (see X-PATHS).
	 * @type {Array<[string, RegExp, (r: import('../server').ProviderRequest, m: RegExpExecArray) => any, string[]?]>}
	 */
	const routes = [
		[
			'POST',
			/^\/test$/,
			(r) => ({
				enterprise_name: ctx.lexgo().enterpriseName,
				environment: ctx.lexgo().environment,
				test_param:
					r.json?.test_param ??
					new URLSearchParams(r.rawBody.toString('utf8')).get('test_param') ??
					null,
			}),
		],
		[
			'POST',
			/^\/webhooks$/,
			(r) => [201, { success: true, webhook: state.webhookView(state.createWebhook(body(r))) }],
		],
		[
			'GET',
			/^\/webhooks$/,
			() => {
				const webhooks = [...state.webhooks.values()].map((h) => state.webhookView(h));
				return { webhooks, total: webhooks.length };
			},
		],
		['GET', /^\/webhooks\/([^/]+)$/, (_r, m) => ({ webhook: state.webhookView(hook(m[1])) })],
		[
			'PUT',
			/^\/webhooks\/([^/]+)$/,
			(r, m) => ({ success: true, webhook: state.webhookView(state.updateWebhook(m[1], body(r))) }),
		],
		[
			'DELETE',
			/^\/webhooks\/([^/]+)$/,
			(_r, m) => {
				state.webhooks.delete(hook(m[1]).id);
				return { success: true };
			},
		],
		['POST', /^\/envelopes$/, (r) => flows.createEnvelope(body(r))],
		['GET', /^\/envelopes\/([^/]+)$/, (_r, m) => ({ envelope: flows.view(state.envelope(m[1])) })],
		[
			'PUT',
			/^\/envelopes\/([^/]+)$/,
			(r, m) => ({ envelope: flows.view(flows.updateEnvelope(state.envelope(m[1]), body(r))) }),
		],
		[
			'PUT',
			/^\/envelopes\/([^/]+)\/send$/,
			(_r, m) => {
				const envelope = flows.send(state.envelope(m[1]));
				return [
					202,
					{
						success: true,
						envelope: { id: envelope.id, status: envelope.status, errors: [], warnings: [] },
						message: 'Envelope accepted for sending',
					},
				];
			},
			['current', 'newer'],
		],
		[
			'POST',
			/^\/envelopes\/([^/]+)\/send_invitation$/,
			(_r, m) => {
				flows.send(state.envelope(m[1]));
				return { success: true };
			},
			['older'],
		],
		[
			'PUT',
			/^\/envelopes\/([^/]+)\/void$/,
			(_r, m) => {
				const envelope = state.envelope(m[1]);
				flows.voidEnvelope(envelope);
				return { success: true, envelope: { id: envelope.id, status: envelope.status } };
			},
		],
		['GET', /^\/envelopes\/([^/]+)\/evidence$/, (_r, m) => flows.evidence(state.envelope(m[1]))],
		[
			'POST',
			/^\/envelopes\/([^/]+)\/uploads$/,
			(r, m) => [
				201,
				{
					success: true,
					upload: flows.createUpload(state.envelope(m[1]), body(r), servedBaseUrl()),
				},
			],
		],
		[
			'GET',
			/^\/envelopes\/([^/]+)\/uploads$/,
			(r, m) => {
				const envelope = state.envelope(m[1]);
				const filter = r.searchParams.get('status');
				if (filter !== null && !UPLOAD_FILTERS.includes(filter))
					throw new RequestError(
						422,
						`Invalid status filter; use one of ${UPLOAD_FILTERS.join(', ')}`,
					);
				const uploads = flows
					.uploadsOf(envelope)
					.filter((u) => filter === null || u.status.toLowerCase() === filter)
					.map((u) => state.uploadView(u));
				return { uploads, total: uploads.length };
			},
		],
		[
			'GET',
			/^\/envelopes\/([^/]+)\/uploads\/([^/]+)$/,
			(_r, m) => {
				const upload = flows.upload(state.envelope(m[1]), m[2]);
				return { upload: state.uploadView(upload) };
			},
		],
		['PUT', /^\/uploads\/([^/]+)\/stream$/, (r, m) => flows.receiveUpload(m[1], r)],
	];

	/** The base URL of the generation served (the older one when only /api/v1 exists). */
	function servedBaseUrl() {
		const { baseUrl, apiRoutes } = ctx.lexgo();
		return apiRoutes === 'older' ? baseUrl.replace(/\/v1$/, '/api/v1') : baseUrl;
	}

	/** @param {string} id */
	function hook(id) {
		const found = state.webhooks.get(id);
		if (!found) throw new RequestError(404, 'Webhook not found');
		return found;
	}

	/** @param {import('../server').ProviderRequest} r */
	function body(r) {
		return r.json && typeof r.json === 'object' && !Array.isArray(r.json) ? r.json : {};
	}

	/** X-RateLimit-* headers and the 429 decision, when a limit is configured. */
	/** @returns {{ limited: boolean, headers: Record<string, string> }} */
	function rateLimit() {
		const config = ctx.lexgo().rateLimit;
		if (!config) return { headers: {}, limited: false };
		const now = ctx.now();
		const windowMs = config.windowMs ?? 3_600_000;
		if (now >= window.start + windowMs) window = { start: now, count: 0 };
		window.count++;
		const limited = window.count > config.limit;
		return {
			limited,
			headers: {
				'X-RateLimit-Limit': String(config.limit),
				'X-RateLimit-Remaining': String(Math.max(0, config.limit - window.count)),
				'X-RateLimit-Reset': String(Math.ceil((window.start + windowMs) / 1000)),
			},
		};
	}

	/**
	 * @param {import('../server').ProviderRequest} r provider request (see server.js)
	 * @param {string} apiPath path below the version prefix, e.g. /webhooks
	 * @param {'older' | 'newer'} [prefix] which prefix the request used: /api/v1 or /v1
	 */
	async function handle(r, apiPath, prefix = 'newer') {
		const key = r.headers.authorization;
		if (typeof key !== 'string' || key === '')
			return sendJson(r.res, 401, { error: 'Missing Authorization Header' });
		if (!sameSecret(key, ctx.lexgo().apiKey))
			return sendJson(r.res, 401, { error: 'Invalid Api Key (key not found)' });
		if (ctx.lexgo().keyDeactivated)
			return sendJson(r.res, 401, { error: 'Invalid Api Key (key deactivated)' });
		const id = requestId();
		const limit = rateLimit();
		if (limit.limited)
			return sendJson(
				r.res,
				429,
				{ error: 'Rate limit exceeded. Try again later.', request_id: id },
				limit.headers,
			);

		const mode = ctx.lexgo().apiRoutes ?? 'current';
		const servesPrefix = mode === 'current' || mode === prefix;
		const match = routes
			.filter(([, , , modes]) => servesPrefix && (!modes || modes.includes(mode)))
			.map(([method, pattern, fn]) => ({ method, m: pattern.exec(apiPath), fn }))
			.filter((route) => route.m);
		const route = match.find((candidate) => candidate.method === r.method);
		if (!route) {
			const status = match.length > 0 ? 405 : 404;
			return sendJson(
				r.res,
				status,
				{ error: status === 405 ? 'Method not allowed' : 'Not found', request_id: id },
				limit.headers,
			);
		}
		const isStream = /^\/uploads\//.test(apiPath);
		if (!isStream && r.rawBody.length > 0 && (r.method === 'POST' || r.method === 'PUT')) {
			const type = String(r.headers['content-type'] ?? '');
			if (/json/i.test(type)) {
				try {
					r.json = JSON.parse(r.rawBody.toString('utf8'));
				} catch {
					return sendJson(
						r.res,
						400,
						{ error: 'Invalid JSON body', request_id: id },
						limit.headers,
					);
				}
			} else if (!(r.method === 'POST' && apiPath === '/test')) {
				return sendJson(
					r.res,
					415,
					{ error: 'Content-Type must be application/json', request_id: id },
					limit.headers,
				);
			}
		}
		try {
			const result = await route.fn(r, /** @type {RegExpExecArray} */ (route.m));
			const [status, payload] = Array.isArray(result) ? result : [200, result];
			// The upload PUT is the one answer without a request_id.
			const withId = isStream ? payload : { ...payload, request_id: id };
			return sendJson(r.res, status, withId, limit.headers);
		} catch (error) {
			if (error instanceof RequestError) {
				const payload = error.body ?? { error: error.message };
				return sendJson(r.res, error.status, { ...payload, request_id: id }, limit.headers);
			}
			throw error;
		}
	}

	return { handle, MAX_FILE_NAME, MAX_UPLOAD_BYTES, requestId };
}

module.exports = { createApi, UPLOAD_FILTERS, MAX_FILE_NAME, MAX_UPLOAD_BYTES };
