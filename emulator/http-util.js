'use strict';
/**
 * Small HTTP helpers shared by every provider module of the emulator.
 * Node built-ins only.
 */

/** Header names whose values never reach the request log. */
const REDACTED_HEADERS = new Set([
	'x-auth-token',
	'authorization',
	'proxy-authorization',
	'cookie',
	'x-api-key',
	'x-lexgo-token',
]);
const REDACTED = '[redacted]';
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * Reads the whole request body.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Buffer>}
 */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new Error('request body too large'));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/**
 * Copy of the headers with credential values replaced by "[redacted]".
 * @param {Record<string, string | string[] | undefined>} headers
 * @returns {Record<string, string | string[] | undefined>}
 */
function redactHeaders(headers) {
	/** @type {Record<string, string | string[] | undefined>} */
	const out = {};
	for (const [name, value] of Object.entries(headers)) {
		out[name] = REDACTED_HEADERS.has(name.toLowerCase()) ? REDACTED : value;
	}
	return out;
}

/**
 * Query string as an object; a repeated key keeps all its values in an array.
 * @param {URLSearchParams} params
 * @returns {Record<string, string | string[]>}
 */
function queryObject(params) {
	/** @type {Record<string, string | string[]>} */
	const out = {};
	for (const [key, value] of params) {
		const prev = out[key];
		if (prev === undefined) out[key] = value;
		else if (Array.isArray(prev)) prev.push(value);
		else out[key] = [prev, value];
	}
	return out;
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} value
 * @param {Record<string, string>} [headers]
 */
function sendJson(res, status, value, headers = {}) {
	const body = Buffer.from(JSON.stringify(value), 'utf8');
	res.writeHead(status, {
		'Content-Type': 'application/json;charset=UTF-8',
		'Content-Length': String(body.length),
		...headers,
	});
	res.end(body);
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {Buffer | string} body
 * @param {string} contentType
 * @param {Record<string, string>} [headers]
 */
function sendBytes(res, status, body, contentType, headers = {}) {
	const buf = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
	res.writeHead(status, {
		'Content-Type': contentType,
		'Content-Length': String(buf.length),
		...headers,
	});
	res.end(buf);
}

/**
 * Escapes text for HTML.
 * @param {unknown} value
 * @returns {string}
 */
function escapeHtml(value) {
	return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

module.exports = {
	readBody,
	redactHeaders,
	queryObject,
	sendJson,
	sendBytes,
	escapeHtml,
	REDACTED,
};
