import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { isObject, stringsAt, text } from '../shared/readers';
import type { ProviderApi, ProviderError } from '../shared/transport';

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

const HINTS: Record<number, string> = {
	401: 'Check the API key (app.lexgo.cl → Settings → API Keys; it is shown only once and deactivation takes effect at once). It is sent as the raw Authorization value, without "Bearer".',
	403: 'Upload URLs expire after one hour, work once and accept only Content-Type application/pdf.',
	404: 'Check the ID, and that the credential base URL is right (https://api.lexgo.cl/v1; older accounts used /api/v1).',
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
};
