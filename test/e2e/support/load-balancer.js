// @ts-check
'use strict';
// A round-robin HTTP load balancer in front of n8n's webhook processes, behaving like nginx's
// defaults for POST: an upstream that refuses the connection is skipped (the request never
// reached it, so trying the next one is safe); an upstream that fails after the request was sent
// gives the client 502 (a POST is not replayed), and the provider's own retry takes over.
// Every forwarded request is logged with the upstream that answered.

const http = require('node:http');

/**
 * @typedef {{ name: string, port: number }} Upstream
 * @typedef {import('./queue-types').BalancerLogEntry} BalancerLogEntry
 * @typedef {import('./queue-types').UpstreamStats} UpstreamStats
 * @typedef {import('./queue-types').LoadBalancer} LoadBalancer
 */

/**
 * @param {{ upstreams: Upstream[], keyOf?: (body: Buffer, path: string) => string | null, upstreamTimeoutMs?: number }} options
 * @returns {Promise<LoadBalancer>}
 */
async function startLoadBalancer(options) {
	const upstreams = options.upstreams;
	const timeoutMs = options.upstreamTimeoutMs || 60000;
	let next = 0;
	/** @type {BalancerLogEntry[]} */
	const log = [];

	/**
	 * @param {Upstream} upstream
	 * @param {http.IncomingMessage} req
	 * @param {Buffer} body
	 * @returns {Promise<{ status: number, headers: http.IncomingHttpHeaders, body: Buffer } | { refused: true, error: string } | { failed: true, error: string }>}
	 */
	const forward = (upstream, req, body) =>
		new Promise((resolve) => {
			let sent = false;
			const headers = { ...req.headers, host: `127.0.0.1:${upstream.port}` };
			headers['content-length'] = String(body.length);
			delete headers.connection;
			const request = http.request(
				{
					host: '127.0.0.1',
					port: upstream.port,
					method: req.method,
					path: req.url,
					headers,
					agent: false,
					timeout: timeoutMs,
				},
				(response) => {
					/** @type {Buffer[]} */
					const chunks = [];
					response.on('data', (chunk) => chunks.push(chunk));
					response.on('end', () =>
						resolve({
							status: response.statusCode || 502,
							headers: response.headers,
							body: Buffer.concat(chunks),
						}),
					);
					response.on('error', (error) => resolve({ failed: true, error: error.message }));
				},
			);
			request.on('socket', (socket) => socket.once('connect', () => (sent = true)));
			request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
			request.on('error', (error) => {
				const code = /** @type {NodeJS.ErrnoException} */ (error).code;
				if (!sent && code === 'ECONNREFUSED') resolve({ refused: true, error: error.message });
				else resolve({ failed: true, error: `${code || ''} ${error.message}`.trim() });
			});
			request.end(body);
		});

	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', async () => {
			const started = Date.now();
			const body = Buffer.concat(chunks);
			let key = null;
			try {
				key = options.keyOf ? options.keyOf(body, req.url || '') : null;
			} catch {
				key = null;
			}
			const first = next++ % upstreams.length;
			/** @type {string[]} */
			const tried = [];
			/** @type {BalancerLogEntry} */
			const entry = {
				at: started,
				upstream: null,
				tried,
				status: 502,
				upstreamStatus: null,
				error: null,
				key,
				path: req.url || '',
				ms: 0,
			};
			for (let i = 0; i < upstreams.length; i++) {
				const upstream = upstreams[(first + i) % upstreams.length];
				tried.push(upstream.name);
				const result = await forward(upstream, req, body);
				if ('refused' in result) {
					entry.error = result.error;
					continue;
				}
				entry.upstream = upstream.name;
				if ('failed' in result) {
					entry.error = result.error;
					break;
				}
				entry.status = result.status;
				entry.upstreamStatus = result.status;
				entry.error = null;
				const headers = { ...result.headers, 'x-upstream': upstream.name };
				delete headers['transfer-encoding'];
				delete headers.connection;
				headers['content-length'] = String(result.body.length);
				entry.ms = Date.now() - started;
				log.push(entry);
				res.writeHead(result.status, headers);
				res.end(result.body);
				return;
			}
			entry.ms = Date.now() - started;
			log.push(entry);
			res.writeHead(502, { 'content-type': 'text/plain', 'x-upstream': entry.upstream || 'none' });
			res.end('Bad Gateway');
		});
	});
	server.keepAliveTimeout = 1000;
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve(undefined));
	});
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('load balancer: no port');
	return {
		port: address.port,
		url: `http://127.0.0.1:${address.port}`,
		log,
		/** Counts per upstream: forwarded requests and answers by class (`none` = no answer). */
		stats() {
			/** @type {Record<string, UpstreamStats>} */
			const stats = {};
			for (const upstream of upstreams)
				stats[upstream.name] = { requests: 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, none: 0 };
			for (const entry of log) {
				if (!entry.upstream) continue;
				const row = stats[entry.upstream];
				row.requests++;
				if (entry.upstreamStatus === null) row.none++;
				else
					row[
						/** @type {'2xx' | '3xx' | '4xx' | '5xx'} */ (
							`${Math.floor(entry.upstreamStatus / 100)}xx`
						)
					]++;
			}
			return stats;
		},
		close() {
			return new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve(undefined));
			});
		},
	};
}

module.exports = { startLoadBalancer };
