import { hash } from 'node:crypto';

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
	/** The provider's own name for the event, in one normalized spelling per event. */
	providerEvent: string;
	/** Identical for retries of one delivery, different for different events. */
	eventId: string;
	documentId: string | null;
	documentStatus: string | null;
	/** Whether the document is complete: null when the delivery does not say. */
	documentCompleted: boolean | null;
	recipient: EsignRecipient | null;
	/** When the provider says the event happened (ISO 8601), if the payload says. */
	occurredAt: string | null;
	/** When this n8n received the delivery (ISO 8601). */
	receivedAt: string;
	verification: EsignVerification;
	/** Provider-specific fields worth having without digging into `payload`. */
	attributes: IDataObject;
	/** The provider's body (or batch record); embedded files are replaced by a short note. */
	payload: IDataObject;
	/** Present when the trigger was asked to fetch the document. */
	document?: IDataObject;
	/** Present when an optional enrichment (fetch, download) failed; the event is still emitted. */
	enrichmentError?: string;
}

/** A file that travels with an event as n8n binary data (embedded in the body, or downloaded). */
export interface EsignEventFile {
	kind: 'document' | 'auditTrail';
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/** Everything a provider parser knows about one event; the shared pipeline adds the rest. */
export type EsignEventDraft = Omit<EsignEventItem, 'receivedAt' | 'verification'> & {
	/** Files the delivery itself carried (e.g. Leegality 2.3 base64 PDFs). */
	files?: EsignEventFile[];
};

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

/** A scalar (string, number, boolean or null) or null for anything else: keeps ids flat. */
type IdentityPart = string | number | boolean | null;

/**
 * A deterministic event id for deliveries that carry none: `<provider>:` and 40 hex characters of
 * SHA-256 over what identifies the event (flat values, or the exact body). Never recurses.
 */
export function hashedEventId(
	provider: EsignProvider,
	identity: IdentityPart[] | Buffer | string,
): string {
	// JSON text of flat scalars is unambiguous (1 ≠ "1", null ≠ "null", ["ab","c"] ≠ ["a","bc"])
	// and native, so building it costs less than hashing it.
	const input = Array.isArray(identity) ? JSON.stringify(identity) : identity;
	return `${provider}:${hash('sha256', input, 'hex').slice(0, 40)}`;
}
