import type { IDataObject } from 'n8n-workflow';

import type { EsignEventName } from '../shared/events';
import { type EsignEventDraft, type EsignRecipient, hashedEventId } from '../shared/item';
import { objectAt, objectsAt, sameText, text } from '../shared/readers';

/** A recipient as LexgoSign serializes it (recipient events' `data`, envelope `recipients[]`). */
export interface LexgoSignRecipient {
	id?: string;
	custom_key?: string;
	order?: number;
	status?: string;
	created_at?: string;
	updated_at?: string;
	name?: string;
	name_label?: string;
	email?: string;
	email_label?: string;
	phone?: string | null;
	/** Present only in some payloads (the earliest docs nested the parent envelope). */
	envelope?: { id?: string; name?: string; status?: string } | null;
	envelope_id?: string | null;
}

export interface LexgoSignDocument {
	id?: string;
	custom_key?: string;
	file_type?: 'SIGNABLE' | 'ATTACHMENT' | string;
	order?: number;
	status?: string;
	file_name?: string;
	content_type?: string;
	file_size?: number;
	page_count?: number;
	/** Pre-signed S3 link: short-lived. */
	url?: string;
}

/** The envelope serialization of envelope events and `GET /envelopes/:id`. */
export interface LexgoSignEnvelope {
	id?: string;
	name?: string;
	status?: 'CREATED' | 'SENDING' | 'IN_PROGRESS' | 'SUCCESS' | 'ERROR' | 'VOIDED' | string;
	errors?: string[];
	warnings?: string[];
	created_at?: string;
	updated_at?: string;
	sent_at?: string | null;
	completed_at?: string | null;
	documents?: LexgoSignDocument[];
	recipients?: LexgoSignRecipient[];
	placements?: IDataObject[];
	settings?: IDataObject;
	/** `envelope.evidence_generated` only. */
	evidence_document_url?: string;
	evidence_generated_at?: string;
}

/** `data` of `envelope.file_uploaded`. */
export interface LexgoSignFileUploaded {
	envelope_id?: string;
	/** The documented key; newer deliveries may call it `upload_id`. */
	presigned_upload_id?: string;
	upload_id?: string;
	file_id?: string;
	order?: number;
	file_name?: string;
	custom_key?: string;
	status?: string;
	uploaded_at?: string;
	processed_at?: string;
}

/** One webhook delivery. `id` is the same for every retry of the delivery. */
export interface LexgoSignWebhookPayload {
	id?: string;
	event_type?: string;
	data?: LexgoSignEnvelope | LexgoSignRecipient | LexgoSignFileUploaded;
}

/** The 21 documented events, in LexgoSign's order, with the vocabulary name each maps to. */
export const LEXGOSIGN_EVENTS = {
	'envelope.sending_failed': { name: 'Envelope Sending Failed', event: 'document.sendingFailed' },
	'envelope.in_progress': { name: 'Envelope Sent (In Progress)', event: 'document.sent' },
	'envelope.success': { name: 'Envelope Completed (Success)', event: 'document.completed' },
	'envelope.voided': { name: 'Envelope Voided', event: 'document.voided' },
	'envelope.evidence_generated': {
		name: 'Envelope Evidence Generated',
		event: 'document.evidenceReady',
	},
	'envelope.file_uploaded': { name: 'Envelope File Uploaded', event: 'document.fileUploaded' },
	'recipient.email_sent': { name: 'Recipient Email Sent', event: 'recipient.sent' },
	'recipient.email_received': {
		name: 'Recipient Email Received',
		event: 'recipient.emailDelivered',
	},
	'recipient.email_opened': { name: 'Recipient Email Opened', event: 'recipient.emailOpened' },
	'recipient.email_clicked': { name: 'Recipient Email Clicked', event: 'recipient.linkClicked' },
	'recipient.email_bounced': { name: 'Recipient Email Bounced', event: 'recipient.emailBounced' },
	'recipient.link_generated': {
		name: 'Recipient Link Generated',
		event: 'recipient.linkGenerated',
	},
	'recipient.in_progress': { name: 'Recipient Can Sign (In Progress)', event: 'recipient.ready' },
	'recipient.signed_all': { name: 'Recipient Signed', event: 'recipient.signed' },
	'recipient.rejected': { name: 'Recipient Rejected', event: 'recipient.rejected' },
	'recipient.validation_code_generated': {
		name: 'Validation Code Generated',
		event: 'recipient.verificationCodeCreated',
	},
	'recipient.validation_code_sent': {
		name: 'Validation Code Sent',
		event: 'recipient.verificationCodeSent',
	},
	'recipient.validation_code_success': {
		name: 'Validation Code Success',
		event: 'recipient.verified',
	},
	'recipient.validation_code_failed': {
		name: 'Validation Code Failed',
		event: 'recipient.verificationFailed',
	},
	'recipient.validation_code_expired': {
		name: 'Validation Code Expired',
		event: 'recipient.verificationCodeExpired',
	},
	'recipient.validation_max_attempts': {
		name: 'Validation Max Attempts Reached',
		event: 'recipient.verificationLocked',
	},
} as const satisfies Record<string, { name: string; event: EsignEventName }>;

export type LexgoSignEvent = keyof typeof LEXGOSIGN_EVENTS;

/** Every name LexgoSign accepts in `subscriptions`. */
export const LEXGOSIGN_EVENT_NAMES = Object.keys(LEXGOSIGN_EVENTS) as LexgoSignEvent[];

export function isLexgoSignEvent(value: string): value is LexgoSignEvent {
	return Object.prototype.hasOwnProperty.call(LEXGOSIGN_EVENTS, value);
}

/** The selected events as LexgoSign's one comma-separated `subscriptions` string. */
export function toSubscriptions(events: readonly string[]): string {
	return LEXGOSIGN_EVENT_NAMES.filter((name) => events.includes(name)).join(',');
}

/** `"a, b,a"` → `['a', 'b']`: the set of events a `subscriptions` string names. */
export function parseSubscriptions(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	return [
		...new Set(
			value
				.split(',')
				.map((name) => name.trim())
				.filter(Boolean),
		),
	];
}

export function sameSubscriptions(a: unknown, b: unknown): boolean {
	const left = parseSubscriptions(a).sort();
	const right = parseSubscriptions(b).sort();
	return left.length === right.length && left.every((name, index) => name === right[index]);
}

function family(providerEvent: string): 'envelope' | 'upload' | 'recipient' | 'other' {
	if (!isLexgoSignEvent(providerEvent)) return 'other';
	if (providerEvent === 'envelope.file_uploaded') return 'upload';
	if (providerEvent.startsWith('envelope.')) return 'envelope';
	if (providerEvent.startsWith('recipient.')) return 'recipient';
	return 'other';
}

/**
 * The parent envelope of a recipient or unknown event, when the payload names it. The current
 * docs show recipient payloads without one; the earliest nested `data.envelope`.
 */
export function envelopeIdOf(data: IDataObject): string | null {
	return (
		text(data.envelope, 'id') ??
		text(data, 'envelope_id') ??
		text(data, 'envelopeId') ??
		text(data, 'envelope_uuid')
	);
}

export function toRecipient(value: unknown): EsignRecipient {
	return {
		id: text(value, 'id'),
		name: text(value, 'name'),
		email: text(value, 'email'),
		phone: text(value, 'phone'),
		role: null,
		status: text(value, 'status'),
		signingUrl: text(value, 'signing_url') ?? text(value, 'url'),
	};
}

function documentSummaries(data: IDataObject): IDataObject[] {
	return objectsAt(data, 'documents').map((document) => ({
		id: text(document, 'id'),
		customKey: text(document, 'custom_key'),
		fileName: text(document, 'file_name'),
		fileType: text(document, 'file_type'),
		status: text(document, 'status'),
	}));
}

/**
 * The payload timestamp that says when the event happened. `data` is the resource as it is when
 * the attempt is sent, so `updated_at` is not used: it can be later than the event.
 */
const OCCURRED_AT: Partial<Record<string, string>> = {
	'envelope.in_progress': 'sent_at',
	'envelope.success': 'completed_at',
	'envelope.evidence_generated': 'evidence_generated_at',
	'envelope.file_uploaded': 'processed_at',
};

function occurredAt(providerEvent: string, data: IDataObject): string | null {
	const key = OCCURRED_AT[providerEvent];
	return key ? text(data, key) : null;
}

/**
 * The delivery `id`: LexgoSign keeps it across retries of one delivery. Without one (not seen in
 * any documented payload), a hash of the exact body: retries then match only if `data` is unchanged.
 */
export function lexgoSignEventId(payload: IDataObject, rawBody: Buffer | string): string {
	const id = text(payload, 'id');
	if (id) return id;
	return hashedEventId('lexgosign', rawBody);
}

/** One normalized event from a verified delivery (the body itself is kept unchanged in `payload`). */
export function toEventDraft(payload: IDataObject, rawBody: Buffer | string): EsignEventDraft {
	const providerEvent = text(payload, 'event_type') ?? 'unknown';
	const event = isLexgoSignEvent(providerEvent) ? LEXGOSIGN_EVENTS[providerEvent].event : 'unknown';
	const data = objectAt(payload, 'data');
	const draft: EsignEventDraft = {
		provider: 'lexgosign',
		event,
		providerEvent,
		eventId: lexgoSignEventId(payload, rawBody),
		documentId: null,
		documentStatus: null,
		documentCompleted: null,
		recipient: null,
		occurredAt: occurredAt(providerEvent, data),
		attributes: {},
		payload,
	};
	switch (family(providerEvent)) {
		case 'envelope': {
			const status = text(data, 'status');
			draft.documentId = text(data, 'id');
			draft.documentStatus = status;
			draft.documentCompleted =
				providerEvent === 'envelope.success' ||
				(status === null ? null : sameText(status, 'SUCCESS'));
			draft.attributes = {
				envelopeName: text(data, 'name'),
				recipients: objectsAt(data, 'recipients').map(toRecipient),
				documents: documentSummaries(data),
				errors: Array.isArray(data.errors) ? data.errors : [],
				warnings: Array.isArray(data.warnings) ? data.warnings : [],
			};
			if (providerEvent === 'envelope.evidence_generated') {
				draft.attributes.evidenceUrl = text(data, 'evidence_document_url');
				draft.attributes.evidenceGeneratedAt = text(data, 'evidence_generated_at');
			}
			break;
		}
		case 'upload':
			draft.documentId = text(data, 'envelope_id');
			draft.documentCompleted = false;
			draft.attributes = {
				uploadId: text(data, 'upload_id') ?? text(data, 'presigned_upload_id'),
				fileId: text(data, 'file_id'),
				fileName: text(data, 'file_name'),
				order: typeof data.order === 'number' ? data.order : null,
				customKey: text(data, 'custom_key'),
				uploadStatus: text(data, 'status'),
				uploadedAt: text(data, 'uploaded_at'),
				processedAt: text(data, 'processed_at'),
			};
			break;
		case 'recipient': {
			draft.documentId = envelopeIdOf(data);
			const envelopeStatus = text(data.envelope, 'status');
			draft.documentStatus = envelopeStatus;
			draft.documentCompleted = envelopeStatus === null ? null : sameText(envelopeStatus, 'SUCCESS');
			draft.recipient = toRecipient(data);
			draft.attributes = {
				customKey: text(data, 'custom_key'),
				order: typeof data.order === 'number' ? data.order : null,
				envelopeName: text(data.envelope, 'name'),
			};
			break;
		}
		default:
			// Unrecognized: an envelope-looking event most likely carries the envelope itself.
			draft.documentId =
				envelopeIdOf(data) ?? (providerEvent.startsWith('envelope.') ? text(data, 'id') : null);
	}
	return draft;
}
