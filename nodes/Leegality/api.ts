import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { isObject, text } from '../shared/readers';
import type { ProviderApi, ProviderError } from '../shared/transport';

export const LEEGALITY_CREDENTIAL = 'leegalityApi';

const HOSTS: Record<string, string> = {
	sandbox: 'https://sandbox.leegality.com/api',
	production: 'https://app1.leegality.com/api',
};

export function leegalityBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'sandbox');
	if (environment === 'custom') return String(credentials.baseUrl ?? '');
	return HOSTS[environment] ?? HOSTS.sandbox;
}

/** `messages: [{code, message}]` → one readable line; codes may be null. */
function fromMessages(body: unknown): ProviderError | undefined {
	if (!isObject(body) || !Array.isArray(body.messages)) return undefined;
	const messages = body.messages.filter(isObject);
	const parts = messages.map((m) => text(m, 'message') ?? text(m, 'code')).filter(Boolean);
	if (parts.length === 0) return undefined;
	return { message: parts.join('; '), code: messages.map((m) => text(m, 'code')).find(Boolean) };
}

/** Leegality reports most failures as HTTP 200 with `status: 0`. */
function isFailureEnvelope(body: unknown): boolean {
	return isObject(body) && (body.status === 0 || body.status === '0');
}

export const leegalityApi: ProviderApi = {
	name: 'Leegality',
	credentialType: LEEGALITY_CREDENTIAL,
	baseUrl: leegalityBaseUrl,
	errorFromBody(body, statusCode) {
		const found = fromMessages(body);
		if (found) return found;
		if (statusCode === 401 || statusCode === 403) return { message: 'the Auth Token was refused' };
		return undefined;
	},
	errorInSuccessBody(body) {
		if (!isFailureEnvelope(body)) return undefined;
		return fromMessages(body) ?? { message: 'the request failed (status 0, no message)' };
	},
	hintForStatus(statusCode) {
		if (statusCode !== 401 && statusCode !== 403) return undefined;
		return 'Check the Auth Token and that the credential environment matches it (sandbox and production tokens differ), that the API is enabled under Settings → API, and that any IP whitelist includes this n8n.';
	},
};
