import {
	Expression,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import type { FakeResponse } from './contexts';

/** n8n's request options; `url` may be left out when `baseURL` is the whole address (credential tests). */
export type HttpOptions = Omit<IHttpRequestOptions, 'url'> & { url?: string };

export interface CredentialUnderTest {
	type: ICredentialType;
	data: ICredentialDataDecryptedObject;
}

/** Resolves a credential value the way n8n does: `={{ … }}` through n8n's expression engine. */
function resolve(value: unknown, data: ICredentialDataDecryptedObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return Expression.resolveWithoutWorkflow(value.slice(1), { $credentials: data });
}

/** Applies a credential's `authenticate` (generic headers/qs, or a function) to a request. */
async function authenticate(
	credential: CredentialUnderTest,
	options: HttpOptions,
): Promise<HttpOptions> {
	const auth = credential.type.authenticate;
	if (!auth) return options;
	if (typeof auth === 'function') {
		return await auth(credential.data, { ...options, url: options.url ?? '' });
	}
	const headers: IDataObject = { ...(options.headers ?? {}) };
	for (const [name, value] of Object.entries(auth.properties.headers ?? {})) {
		headers[name] = resolve(value, credential.data) as string;
	}
	const qs: IDataObject = { ...(options.qs ?? {}) };
	for (const [name, value] of Object.entries(auth.properties.qs ?? {})) {
		qs[name] = resolve(value, credential.data) as string;
	}
	return { ...options, headers, qs };
}

function requestUrl(options: HttpOptions): string {
	const base = options.baseURL ?? '';
	const path = options.url ?? '';
	const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(`${base}${path}`);
	for (const [key, value] of Object.entries(options.qs ?? {})) {
		if (value !== undefined && value !== null) url.searchParams.append(key, String(value));
	}
	return url.toString();
}

async function send(options: HttpOptions): Promise<FakeResponse> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(options.headers ?? {})) headers[name] = String(value);
	let body: string | Buffer | undefined;
	if (Buffer.isBuffer(options.body)) body = options.body;
	else if (typeof options.body === 'string') body = options.body;
	else if (options.body !== undefined && options.json !== false) {
		body = JSON.stringify(options.body);
		if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
			headers['Content-Type'] = 'application/json';
		}
	}
	const response = await fetch(requestUrl(options), {
		method: options.method ?? 'GET',
		headers,
		body,
		redirect: options.disableFollowRedirect ? 'manual' : 'follow',
	});
	const responseHeaders: IDataObject = {};
	response.headers.forEach((value, name) => (responseHeaders[name] = value));
	const bytes = Buffer.from(await response.arrayBuffer());
	let parsed: unknown = bytes;
	if (options.encoding !== 'arraybuffer') {
		const text = bytes.toString('utf8');
		parsed = text;
		if (options.json && text) {
			try {
				parsed = JSON.parse(text) as unknown;
			} catch {
				parsed = text;
			}
		}
	}
	if (!options.ignoreHttpStatusErrors && response.status >= 400) {
		throw new Error(`Request failed with status code ${response.status}`);
	}
	return { statusCode: response.status, headers: responseHeaders, body: parsed };
}

/**
 * A stand-in for n8n's `httpRequest` / `httpRequestWithAuthentication` over real HTTP with the
 * global `fetch`: it applies the credential's `authenticate` exactly as n8n resolves it (n8n's
 * expression engine for generic headers and query parameters, or the function).
 *
 * It does NOT model: axios specifics (proxies, timeouts, TLS options, gzip handling, response
 * `json: false` decoding beyond UTF-8), query array formats, form/multipart bodies, OAuth or
 * `preAuthentication` token refresh, n8n's stripping of auth headers on cross-host redirects,
 * and `returnFullResponse: false` (every answer is the full response).
 */
export function fetchHttp(
	credentials: Record<string, CredentialUnderTest>,
): (options: HttpOptions, credentialType?: string) => Promise<FakeResponse> {
	return async (options, credentialType) => {
		if (!credentialType) return await send(options);
		const credential = credentials[credentialType];
		if (!credential) throw new Error(`no credential "${credentialType}" in this test`);
		return await send(await authenticate(credential, options));
	};
}
