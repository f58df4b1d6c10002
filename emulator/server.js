'use strict';
/**
 * The emulator's single HTTP server: routes `/<provider>/...` to provider modules, keeps the
 * shared request and webhook-delivery logs, and owns the lifecycle (close() stops the server
 * and cancels every pending webhook retry).
 *
 * Adding a provider: write `emulator/<name>/index.js` exporting `create<Name>(env, options)`
 * that returns `{ name, handle(r), close() , ... }`, register it in PROVIDERS below, create it in
 * startEmulator(), and type its options and API in types.d.ts (EmulatorOptions, Emulator).
 * `r` (the provider request) is documented by the ProviderRequest typedef.
 */
const http = require('node:http');
const { Deliverer } = require('./delivery');
const { readBody, redactHeaders, queryObject, sendJson } = require('./http-util');
const { createLeegality } = require('./leegality');
const { createLegalesign } = require('./legalesign');
const { createLexgoSign } = require('./lexgosign');

/**
 * @typedef {object} ProviderEnv
 * @property {() => string} url emulator root URL, e.g. http://127.0.0.1:4010
 * @property {() => number} now logical clock (ms), injectable for tests
 * @property {number} timeScale
 * @property {Deliverer} deliverer shared webhook engine (logs into emu.deliveries)
 */

/**
 * @typedef {object} ProviderRequest
 * @property {import('node:http').IncomingMessage} req
 * @property {import('node:http').ServerResponse} res
 * @property {string} method
 * @property {string} path path below the provider prefix, e.g. /api/v3.3/document/details
 * @property {string} fullPath
 * @property {URLSearchParams} searchParams
 * @property {Record<string, string | string[] | undefined>} headers lowercase names, NOT redacted
 * @property {Buffer} rawBody
 * @property {any} [json] set by the provider when it parses a JSON body: untrusted, validate before use
 */

/**
 * What every provider module offers server.js.
 * @typedef {object} ProviderModule
 * @property {string} name
 * @property {(r: ProviderRequest) => Promise<unknown>} handle
 * @property {() => void} close
 */

/** name -> factory(env, options). Other providers register here. */
const PROVIDERS = {
	leegality: createLeegality,
	legalesign: createLegalesign,
	lexgosign: createLexgoSign,
};

/** @typedef {import('./types').RequestLogEntry} RequestLogEntry */

/**
 * Starts the emulator.
 * @param {import('./types').EmulatorOptions} [options]
 * @returns {Promise<import('./types').Emulator>}
 */
async function startEmulator(options = {}) {
	const host = options.host ?? '127.0.0.1';
	const timeScale = options.timeScale ?? 1;
	if (!(typeof timeScale === 'number' && Number.isFinite(timeScale) && timeScale >= 0))
		throw new Error('timeScale must be a number >= 0');
	const now = options.now ?? (() => Date.now());
	/** @type {RequestLogEntry[]} */
	const requests = [];
	/** @type {import('./types').DeliveryAttempt[]} */
	const deliveries = [];
	const deliverer = new Deliverer({
		timeScale,
		timeoutMs: options.webhookTimeoutMs ?? 10_000,
		log: deliveries,
		onAttempt: options.onDelivery,
	});
	/** @type {Record<string, ProviderModule>} */
	const providers = {};
	let url = '';

	const server = http.createServer((req, res) => {
		dispatch(req, res).catch((error) => {
			if (!res.headersSent) sendJson(res, 500, { error: String(error?.message ?? error) });
			else res.destroy();
		});
	});

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 */
	async function dispatch(req, res) {
		const parsed = new URL(req.url ?? '/', 'http://emulator.invalid');
		const rawBody = await readBody(req);
		const method = (req.method ?? 'GET').toUpperCase();
		if (parsed.pathname.startsWith('/_emulator/')) return serveOwn(parsed.pathname, res);
		const name = parsed.pathname.split('/')[1] ?? '';
		const provider = Object.prototype.hasOwnProperty.call(providers, name)
			? providers[name]
			: undefined;
		/** @type {RequestLogEntry} */
		const entry = {
			provider: provider ? name : null,
			method,
			path: parsed.pathname,
			query: queryObject(parsed.searchParams),
			headers: redactHeaders(req.headers),
			body: logBody(rawBody, req.headers['content-type']),
			status: 0,
			at: Date.now(),
		};
		requests.push(entry);
		const writeHead = res.writeHead;
		res.writeHead = /** @type {any} */ (
			function (/** @type {number} */ status, /** @type {any[]} */ ...rest) {
				entry.status = status;
				return writeHead.call(res, status, ...rest);
			}
		);
		if (options.onRequest) {
			const onRequest = options.onRequest;
			res.on('finish', () => {
				try {
					onRequest(entry);
				} catch {
					// a logging callback must not break the server
				}
			});
		}
		if (!provider)
			return sendJson(res, 404, {
				error: `no provider at /${name}; known: ${Object.keys(providers).join(', ')}`,
			});
		/** @type {ProviderRequest} */
		const r = {
			req,
			res,
			method,
			path: parsed.pathname.slice(name.length + 1) || '/',
			fullPath: parsed.pathname,
			searchParams: parsed.searchParams,
			headers: req.headers,
			rawBody,
		};
		await provider.handle(r);
	}

	/**
	 * @param {string} path
	 * @param {import('node:http').ServerResponse} res
	 */
	function serveOwn(path, res) {
		if (path === '/_emulator/health')
			return sendJson(res, 200, { ok: true, providers: Object.keys(providers) });
		if (path === '/_emulator/requests') return sendJson(res, 200, requests);
		if (path === '/_emulator/deliveries') return sendJson(res, 200, deliveries);
		return sendJson(res, 404, { error: 'unknown emulator route' });
	}

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const urlHost =
		host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
	url = `http://${urlHost}:${address.port}`;

	/** @type {ProviderEnv} */
	const env = { url: () => url, now, timeScale, deliverer };
	const leegality = PROVIDERS.leegality(env, options.leegality ?? {});
	const legalesign = PROVIDERS.legalesign(env, options.legalesign ?? {});
	const lexgosign = PROVIDERS.lexgosign(env, options.lexgosign ?? {});
	Object.assign(providers, { leegality, legalesign, lexgosign });

	/** @type {Promise<void> | undefined} */
	let closing;
	return {
		url,
		host,
		port: address.port,
		timeScale,
		leegality,
		legalesign,
		lexgosign,
		providers,
		requests,
		deliveries,
		/** Empties both logs (keeps state). */
		clearLogs() {
			requests.length = 0;
			deliveries.length = 0;
		},
		/** Stops the server, drops open connections and cancels every pending webhook retry. */
		close() {
			closing ??= new Promise((resolve) => {
				deliverer.close();
				for (const provider of Object.values(providers)) provider.close?.();
				server.close(() => resolve());
				server.closeAllConnections();
			});
			return closing;
		},
	};
}

/**
 * What the request log keeps of a body.
 * @param {Buffer} raw
 * @param {string | undefined} contentType
 */
function logBody(raw, contentType) {
	if (raw.length === 0) return null;
	const text = raw.toString('utf8');
	if (/json/i.test(contentType ?? '')) {
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	return /^(text\/|application\/x-www-form-urlencoded)/i.test(contentType ?? '') || !contentType
		? text
		: `[${raw.length} bytes ${contentType}]`;
}

module.exports = { startEmulator, PROVIDERS };
