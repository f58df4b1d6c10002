'use strict';
/**
 * A tiny webhook receiver for tests (TS tests may not import node:http themselves).
 * Records every request; `respond` decides the answer per request.
 */
const http = require('node:http');
const { readBody } = require('./http-util');

/** @typedef {import('./types').ReceivedRequest} ReceivedRequest */

/**
 * @param {import('./types').ReceiverOptions} [options]
 * @returns {Promise<import('./types').Receiver>}
 */
async function startReceiver(options = {}) {
	/** @type {ReceivedRequest[]} */
	const requests = [];
	/** @type {Set<NodeJS.Timeout>} */
	const timers = new Set();
	/** @type {{ count: number, resolve: () => void }[]} */
	let waiters = [];

	const server = http.createServer(async (req, res) => {
		try {
			const raw = (await readBody(req)).toString('utf8');
			let json;
			try {
				json = JSON.parse(raw);
			} catch {
				json = undefined;
			}
			/** @type {ReceivedRequest} */
			const received = {
				index: requests.length,
				method: req.method ?? 'GET',
				path: req.url ?? '/',
				headers: req.headers,
				body: raw,
				json,
				at: Date.now(),
			};
			requests.push(received);
			waiters = waiters.filter((w) => (requests.length >= w.count ? (w.resolve(), false) : true));
			const answer = options.respond ? await options.respond(received) : 200;
			const spec = typeof answer === 'number' ? { status: answer } : answer;
			const send = () => {
				if (res.destroyed) return;
				const body =
					typeof spec.body === 'string'
						? spec.body
						: JSON.stringify(spec.body ?? { received: true });
				res.writeHead(spec.status ?? 200, { 'Content-Type': 'application/json' });
				res.end(body);
			};
			if (spec.delayMs) {
				const timer = setTimeout(() => {
					timers.delete(timer);
					send();
				}, spec.delayMs);
				timers.add(timer);
			} else send();
		} catch (error) {
			if (!res.headersSent) res.writeHead(500);
			res.end(String(error));
		}
	});
	await new Promise((resolve) =>
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve(undefined)),
	);
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

	return {
		url,
		requests,
		/** Resolves once `count` requests have arrived (rejects after timeoutMs, default 5000). */
		waitFor(count, timeoutMs = 5000) {
			if (requests.length >= count) return Promise.resolve(requests.slice());
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => {
					timers.delete(timer);
					reject(
						new Error(`receiver: ${requests.length} of ${count} requests after ${timeoutMs} ms`),
					);
				}, timeoutMs);
				timers.add(timer);
				waiters.push({
					count,
					resolve: () => {
						clearTimeout(timer);
						timers.delete(timer);
						resolve(requests.slice());
					},
				});
			});
		},
		close() {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			return new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}

module.exports = { startReceiver };
