import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type { EsignEventName, EsignProvider } from './events';

export interface EsignRecipient {
	/** The provider's id for the recipient or invitation, when it has one. */
	id: string | null;
	name: string | null;
	email: string | null;
	phone: string | null;
	/** `signer`, `reviewer`, `approver`, `witness`, … as the provider names it (lower case). */
	role: string | null;
	status: string | null;
	signingUrl: string | null;
}

export type VerificationMethod =
	| 'hmac-sha1-document-id'
	| 'url-token'
	| 'url-token+hmac-sha256'
	| 'rsa-sha1'
	| 'url-token+rsa-sha1'
	| 'authorization-header'
	| 'skipped';

export interface EsignVerification {
	method: VerificationMethod;
	/** False only when the user switched verification off for testing. */
	verified: boolean;
	/** Which encoding or header matched, for audit (never a secret). */
	detail: string | null;
}

/** The item every trigger of this package emits, one per provider event. */
export interface EsignEventItem {
	provider: EsignProvider;
	event: EsignEventName;
	providerEvent: string;
	/** Identical for retries of one delivery, different for different events. */
	eventId: string;
	documentId: string | null;
	documentStatus: string | null;
	/** True when this event shows the whole document is complete. */
	documentCompleted: boolean;
	recipient: EsignRecipient | null;
	/** When the provider says the event happened (ISO 8601), if the payload says. */
	occurredAt: string | null;
	/** When this n8n received the delivery (ISO 8601). */
	receivedAt: string;
	verification: EsignVerification;
	/** Provider-specific fields worth having without digging into `payload`. */
	attributes: IDataObject;
	/** The provider's body (or batch record), unchanged. */
	payload: IDataObject;
	/** Present when the trigger was asked to fetch the document. */
	document?: IDataObject;
	/** Present when an optional enrichment (fetch, download) failed; the event is still emitted. */
	enrichmentError?: string;
}

/** Everything a provider parser knows about one event; the shared pipeline adds the rest. */
export type EsignEventDraft = Omit<EsignEventItem, 'receivedAt' | 'verification'>;

export function emptyRecipient(): EsignRecipient {
	return {
		id: null,
		name: null,
		email: null,
		phone: null,
		role: null,
		status: null,
		signingUrl: null,
	};
}

/** Reads `obj[key]` as a trimmed non-empty string; numbers are stringified; anything else is null. */
export function text(obj: unknown, key: string): string | null {
	if (!isObject(obj)) return null;
	const value = obj[key];
	if (typeof value === 'string') return value.trim() === '' ? null : value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Case-insensitive equality for provider enum strings ("Signer" vs "signer"). */
export function sameText(value: string | null, expected: string): boolean {
	return value !== null && value.toLowerCase() === expected.toLowerCase();
}

/**
 * A deterministic event id for deliveries that carry none: `<provider>:` and 40 hex characters of
 * SHA-256 over what identifies the event (a list of values, or the exact body).
 */
export function hashedEventId(
	provider: EsignProvider,
	identity: unknown[] | Buffer | string,
): string {
	const input = Array.isArray(identity) ? JSON.stringify(identity) : identity;
	return `${provider}:${createHash('sha256').update(input).digest('hex').slice(0, 40)}`;
}
