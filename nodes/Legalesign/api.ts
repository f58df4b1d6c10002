import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { isObject, text, trimTrailingSlashes } from '../shared/readers';
import type { ProviderApi, ProviderError } from '../shared/transport';
import { URL_TOKEN_PARAMETER } from './verification';

export const LEGALESIGN_CREDENTIAL = 'legalesignApi';

export const DEFAULT_BASE_URL = 'https://eu-api.legalesign.com/api/v1';

/** Mirrors the credential's base URL expression (credentials/LegalesignApi.credentials.ts). */
export function legalesignBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const configured = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	return trimTrailingSlashes(configured || DEFAULT_BASE_URL);
}

const MAX_MESSAGES = 10;
/** Error bodies nest resource → field → messages; deeper structures are not messages. */
const MAX_ERROR_DEPTH = 8;

/**
 * Tastypie/Django error bodies are keyed by resource and field:
 * `{"document": {"name": ["This field is required."]}}` → `document.name: This field is required.`
 * Arrays count as a level too, so no body (however nested) is read deeper than MAX_ERROR_DEPTH.
 */
export function fieldErrors(body: unknown, path: string[] = [], depth = 0): string[] {
	if (depth > MAX_ERROR_DEPTH) return [];
	if (typeof body === 'string') {
		const message = body.trim();
		return message ? [path.length ? `${path.join('.')}: ${message}` : message] : [];
	}
	if (Array.isArray(body)) return body.flatMap((entry) => fieldErrors(entry, path, depth + 1));
	if (!isObject(body)) return [];
	return Object.entries(body)
		.filter(([key]) => key !== 'traceback')
		.flatMap(([key, value]) => fieldErrors(value, [...path, key], depth + 1));
}

function fromBody(body: unknown): ProviderError | undefined {
	if (!isObject(body)) return undefined;
	// Tastypie's own error envelope; its traceback (server internals) is never shown.
	const single = text(body, 'error_message') ?? text(body, 'error') ?? text(body, 'detail');
	if (single) return { message: single };
	const messages = fieldErrors(body);
	if (messages.length === 0) return undefined;
	const shown = messages.slice(0, MAX_MESSAGES);
	if (messages.length > shown.length) shown.push(`… and ${messages.length - shown.length} more`);
	return { message: shown.join('; ') };
}

const HINTS: Record<number, string> = {
	401: 'Usual causes: Legalesign has not yet approved API access for this account (ask their support), two-factor authentication is not enabled on the account (required for API keys), or the username:secret pair is wrong or belongs to another environment.',
	403: 'The API user lacks permission for this group or object (you must be an admin of a group to use it through the API).',
	429: 'Legalesign throttled the requests (sandbox accounts allow 100 calls per minute).',
};

export const legalesignApi: ProviderApi = {
	name: 'Legalesign',
	credentialType: LEGALESIGN_CREDENTIAL,
	baseUrl: legalesignBaseUrl,
	errorFromBody(body, statusCode) {
		const found = fromBody(body);
		if (found) return found;
		if (statusCode === 401) return { message: 'the API key was refused' };
		if (statusCode === 404) return { message: 'not found (check the ID)' };
		if (statusCode === 429) return { message: 'too many requests' };
		return undefined;
	},
	hintForStatus(statusCode) {
		return HINTS[statusCode];
	},
	rateLimitDelay(headers: IDataObject, attempt: number) {
		const retryAfter = Number(headers['retry-after']);
		if (Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter * 1000;
		// No rate-limit headers are documented; the sandbox window is one minute.
		return 5000 * 2 ** attempt;
	},
};

/** The last path segment of a resource URI or URL (`/api/v1/document/<uuid>/` → `<uuid>`). */
export function idFromUri(value: string): string {
	const trimmed = value.trim();
	if (!trimmed.includes('/')) return trimmed;
	const segments = trimmed.split(/[?#]/)[0].split('/').filter(Boolean);
	return segments[segments.length - 1] ?? '';
}

/** The resource type of a URI (`/api/v1/signer/<id>/` → `signer`), or null. */
export function resourceTypeOfUri(value: string | null): string | null {
	if (!value) return null;
	const match = /\/api\/v\d+\/([a-z_]+)\/[^/]+\/?$/i.exec(value.split(/[?#]/)[0]);
	return match ? match[1].toLowerCase() : null;
}

/** `/api/v1/<resource>/<id>/`, the form Legalesign wants in request bodies. */
export function resourceUri(resource: string, idOrUri: string): string {
	return `/api/v1/${resource}/${encodeURIComponent(idFromUri(idOrUri))}/`;
}

/** A path segment for `/<resource>/<id>/` that cannot escape its position. */
export function pathId(idOrUri: string): string {
	return encodeURIComponent(idFromUri(idOrUri));
}

/**
 * A webhook URL as it may be shown or stored in a parameter: without the secret `token` query
 * parameter a Legalesign Trigger registers. Anything that does not parse loses its whole query.
 */
export function withoutUrlToken(url: string): string {
	try {
		const parsed = new URL(url.trim());
		if (!parsed.searchParams.has(URL_TOKEN_PARAMETER)) return parsed.toString();
		parsed.searchParams.delete(URL_TOKEN_PARAMETER);
		return parsed.toString();
	} catch {
		return url.trim().replace(/[?#].*$/s, '');
	}
}
