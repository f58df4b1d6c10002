import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { isObject, stringsAt, text } from '../shared/readers';
import type { ApiRequest, ApiRoute, ProviderApi, ProviderError } from '../shared/transport';

export const LEXGOSIGN_CREDENTIAL = 'lexgoSignApi';

export const LEXGOSIGN_DEFAULT_BASE_URL = 'https://api.lexgo.cl/v1';

export function lexgoSignBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const configured = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	return configured || LEXGOSIGN_DEFAULT_BASE_URL;
}

/** `envelope.errors[]` of a body, when it holds an envelope in status ERROR. */
export function envelopeErrors(body: unknown): string[] | undefined {
	const envelope = isObject(body) && isObject(body.envelope) ? body.envelope : undefined;
	if (!envelope || text(envelope, 'status')?.toUpperCase() !== 'ERROR') return undefined;
	return stringsAt(envelope, 'errors');
}

/** `{error, message?, request_id}`; 401 bodies carry no request id. */
function fromErrorBody(body: unknown): ProviderError | undefined {
	if (!isObject(body)) return undefined;
	const error = text(body, 'error');
	const message = text(body, 'message');
	const summary =
		error && message && message !== error ? `${error}: ${message}` : (error ?? message);
	if (!summary) return undefined;
	return { message: summary, requestId: text(body, 'request_id') };
}

function fromEnvelopeErrors(body: unknown): ProviderError | undefined {
	const errors = envelopeErrors(body);
	if (errors === undefined) return undefined;
	const id = text((body as IDataObject).envelope, 'id');
	return {
		message: `${id ? `envelope ${id}` : 'the envelope'} has validation errors: ${errors.join('; ') || '(none listed)'}`,
		requestId: text(body, 'request_id'),
	};
}

/**
 * LexgoSign's published docs still show the older API (`/api/v1`, `POST /envelopes/:id/send_invitation`);
 * the newer docs `/v1` and `PUT /envelopes/:id/send`. A call whose route is missing is tried at the
 * other base, and a send also on the other send route: the configured route first.
 */
export function otherBaseUrl(baseUrl: string): string | undefined {
	if (/\/api\/v1$/.test(baseUrl)) return baseUrl.replace(/\/api\/v1$/, '/v1');
	if (/\/v1$/.test(baseUrl)) return baseUrl.replace(/\/v1$/, '/api/v1');
	return undefined;
}

const SEND_PATH = /^\/envelopes\/([^/]+)\/send$/;

function sameCallElsewhere(request: ApiRequest): ApiRequest[] {
	const send = SEND_PATH.exec(request.path);
	if (request.method !== 'PUT' || !send) return [request];
	return [request, { ...request, method: 'POST', path: `/envelopes/${send[1]}/send_invitation` }];
}

export function lexgoSignAlternativeRoutes(route: ApiRoute): ApiRoute[] {
	const other = otherBaseUrl(route.baseUrl);
	const bases = other ? [route.baseUrl, other] : [route.baseUrl];
	const requests = sameCallElsewhere(route.request);
	return bases.flatMap((baseUrl) => requests.map((request) => ({ baseUrl, request }))).slice(1);
}

/** 404 texts that name no resource: a router's or gateway's "no such path". */
const GENERIC_NOT_FOUND =
	/^(?:not found|route not found|no route matches\b.*|resource not found)\.?$/i;

/**
 * A 404 whose body does not name a missing resource. LexgoSign answers an unknown envelope with
 * `{error: "Envelope not found", request_id}`: that is a real answer and is never retried
 * elsewhere; a generic "Not found", an HTML page or an empty body means the route is missing.
 */
export function isMissingLexgoSignRoute(statusCode: number, body: unknown): boolean {
	if (statusCode !== 404) return false;
	const error = isObject(body) ? (text(body, 'error') ?? text(body, 'message')) : null;
	return error === null || GENERIC_NOT_FOUND.test(error.trim());
}

const HINTS: Record<number, string> = {
	401: 'Check the API key (app.lexgo.cl → Settings → API Keys; it is shown only once and deactivation takes effect at once). It is sent as the raw Authorization value, without "Bearer".',
	403: 'Upload URLs expire after one hour, work once and accept only Content-Type application/pdf.',
	404: 'Check the ID. A missing route is also tried on the other API generation (/v1 and /api/v1; for Send also POST …/send_invitation).',
	405: "The envelope's status does not allow this: update only in CREATED or ERROR, send only in CREATED without errors, void not after SUCCESS, evidence only in SUCCESS.",
	429: 'LexgoSign rate limit reached (limits depend on the plan; envelope creation is limited per hour and per day).',
};

/** Milliseconds until `X-RateLimit-Reset` (epoch seconds), or exponential back-off without it. */
export function lexgoSignRateLimitDelay(headers: IDataObject, attempt: number): number {
	const raw = headers['x-ratelimit-reset'] ?? headers['X-RateLimit-Reset'];
	const reset = Number(Array.isArray(raw) ? raw[0] : raw);
	if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - Date.now()) + 250;
	return 1000 * 2 ** attempt;
}

export const lexgoSignApi: ProviderApi = {
	name: 'LexgoSign',
	credentialType: LEXGOSIGN_CREDENTIAL,
	baseUrl: lexgoSignBaseUrl,
	errorFromBody(body, statusCode) {
		const found = fromErrorBody(body) ?? fromEnvelopeErrors(body);
		if (found) return found;
		if (statusCode === 401) return { message: 'the API key was refused' };
		return undefined;
	},
	errorInSuccessBody(body) {
		const invalid = fromEnvelopeErrors(body);
		if (invalid) return invalid;
		if (isObject(body) && body.success === false) {
			return (
				fromErrorBody(body) ?? {
					message: 'the request did not succeed (success: false)',
					requestId: text(body, 'request_id'),
				}
			);
		}
		return undefined;
	},
	hintForStatus: (statusCode) => HINTS[statusCode],
	rateLimitDelay: lexgoSignRateLimitDelay,
	alternativeRoutes: lexgoSignAlternativeRoutes,
	isMissingRoute: isMissingLexgoSignRoute,
};
