'use strict';
// Free ports and a bounded HTTP client for the e2e harness.

const net = require('node:net');

/**
 * Finds `count` distinct free TCP ports on 127.0.0.1 (binds port 0, reads the port, closes).
 * All sockets are held open until every port is known, so the ports differ from each other.
 * @param {number} [count]
 * @returns {Promise<number[]>}
 */
async function freePorts(count = 1) {
	/** @type {import('node:net').Server[]} */
	const servers = [];
	try {
		const ports = [];
		for (let i = 0; i < count; i++) {
			const server = net.createServer();
			servers.push(server);
			await new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(0, '127.0.0.1', () => resolve(undefined));
			});
			const address = server.address();
			if (!address || typeof address === 'string') throw new Error('could not read a free port');
			ports.push(address.port);
		}
		return ports;
	} finally {
		await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
	}
}

/** @returns {Promise<number>} */
async function freePort() {
	return (await freePorts(1))[0];
}

/**
 * Whether something accepts TCP connections on 127.0.0.1:port.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function portInUse(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ port, host: '127.0.0.1' });
		socket.setTimeout(1000);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('error', () => resolve(false));
	});
}

/**
 * Bounded HTTP request (global fetch, Node >= 20). Never throws on HTTP error statuses.
 * `body` objects are sent as JSON unless a string/Buffer is given; `timeoutMs` defaults to 30 s.
 * @param {string} url
 * @param {import('./index').HttpRequestOptions} [options]
 * @returns {Promise<import('./index').HttpResponse>}
 */
async function httpRequest(url, options = {}) {
	const { method = 'GET', timeoutMs = 30000 } = options;
	const headers = { ...(options.headers || {}) };
	/** @type {string | NodeJS.ArrayBufferView | undefined} */
	let body;
	if (options.body !== undefined) {
		if (typeof options.body === 'string') {
			body = options.body;
		} else if (ArrayBuffer.isView(options.body)) {
			body = /** @type {NodeJS.ArrayBufferView} */ (options.body);
		} else {
			body = JSON.stringify(options.body);
			if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
				headers['content-type'] = 'application/json';
			}
		}
	}
	const started = Date.now();
	let response;
	try {
		response = await fetch(url, {
			method,
			headers,
			body,
			signal: AbortSignal.timeout(timeoutMs),
			redirect: 'manual',
		});
	} catch (error) {
		const reason =
			error && error.name === 'TimeoutError' ? `no response within ${timeoutMs} ms` : error.message;
		throw new Error(
			`${method} ${url} failed: ${reason}${error.cause ? ` (${error.cause.message || error.cause})` : ''}`,
		);
	}
	const text = await response.text();
	/** @type {Record<string, string>} */
	const headerObject = {};
	response.headers.forEach((value, key) => {
		headerObject[key] = value;
	});
	const setCookies =
		typeof response.headers.getSetCookie === 'function' ? response.headers.getSetCookie() : [];
	return {
		status: response.status,
		headers: headerObject,
		setCookies,
		text,
		json: () => JSON.parse(text),
		ms: Date.now() - started,
	};
}

module.exports = { freePorts, freePort, portInUse, httpRequest };
