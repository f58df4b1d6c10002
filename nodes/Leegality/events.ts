import type { IDataObject } from 'n8n-workflow';

import { binaryPropertyNames } from '../shared/enrichment';
import type { EsignEventName } from '../shared/events';
import { type EsignEventDraft, type EsignEventFile, hashedEventId } from '../shared/item';
import { isObject, isTrue, objectAt, objectsAt, sameText, text } from '../shared/readers';

/** The invitee block of a v2.5 webhook. Every field is optional on the wire. */
export interface LeegalityWebhookRequest {
	inviteeType?: string | null;
	name?: string | null;
	email?: string | null;
	phone?: string | null;
	invitationUrl?: string | null;
	active?: boolean | null;
	action?: string | null;
	error?: string | null;
	expired?: boolean | null;
	expiryDate?: string | null;
	rejectionMessage?: string | null;
	signType?: string | null;
}

/** Certificate checks; `smartName` is a 0–100 name-match score. */
export interface LeegalityWebhookVerification {
	smartName?: number | null;
	name?: boolean | null;
	pincode?: boolean | null;
	state?: boolean | null;
	title?: boolean | null;
	yob?: boolean | null;
	gender?: boolean | null;
}

/** Leegality webhook body, version 2.5 ("webhook lite"). */
export interface LeegalityWebhookPayload {
	webhookType?: string | null;
	documentId?: string | null;
	documentStatus?: string | null;
	irn?: string | null;
	mac?: string | null;
	messages?: Array<{ code?: string | null; message?: string | null }> | null;
	request?: LeegalityWebhookRequest | null;
	verification?: LeegalityWebhookVerification | null;
}

/** The invitee block of a v2.1–2.3 webhook: state as booleans, the invitee's URL as `signUrl`. */
export interface LeegalityLegacyWebhookRequest {
	name?: string | null;
	email?: string | null;
	phone?: string | null;
	signUrl?: string | null;
	active?: boolean | null;
	signed?: boolean | null;
	rejected?: boolean | null;
	expired?: boolean | null;
	expiryDate?: string | null;
	signType?: string | null;
	error?: string | null;
}

/**
 * Leegality webhook body, versions 2.1–2.3 (separate success and error shapes; no webhookType,
 * documentStatus or action). Success bodies embed the document (`files`) and, once the document
 * is complete, the audit trail as base64.
 */
export interface LeegalityLegacyWebhookPayload {
	documentId?: string | null;
	mac?: string | null;
	folderId?: string | null;
	irn?: string | null;
	files?: string[] | null;
	auditTrail?: string | null;
	signer?: IDataObject | null;
	request?: LeegalityLegacyWebhookRequest | null;
	verification?: LeegalityWebhookVerification | null;
	messages?: Array<{ code?: string | null; message?: string | null }> | null;
}

/** Coordinate Picker webhook: signature positions were placed, the invitees' sign URLs work. */
export interface LeegalityCoordinatePickerPayload {
	documentId?: string | null;
	irn?: string | null;
	mac?: string | null;
	invitations?: Array<{
		name?: string | null;
		email?: string | null;
		phone?: string | null;
		signUrl?: string | null;
		active?: boolean | null;
		expiryDate?: string | null;
	}> | null;
}

/** Leegality's own names for its webhook events (its bodies have no event field; see classify()). */
export const LEEGALITY_EVENTS = {
	'signer.signed': { name: 'Signer Signed', event: 'recipient.signed' },
	'reviewer.approved': { name: 'Reviewer Approved', event: 'recipient.approved' },
	'signer.rejected': { name: 'Signer Rejected', event: 'recipient.rejected' },
	'reviewer.rejected': { name: 'Reviewer Rejected', event: 'recipient.rejected' },
	'certificate.verificationFailed': {
		name: 'Certificate Verification Failed',
		event: 'recipient.verificationFailed',
	},
	'invitation.failed': {
		name: 'Invitation Failed (Other Error)',
		event: 'recipient.verificationFailed',
	},
	'invitation.expired': { name: 'Invitation Expired', event: 'recipient.expired' },
	'coordinates.placed': { name: 'Coordinates Placed (Coordinate Picker)', event: 'document.ready' },
	unknown: { name: 'Unrecognized Delivery', event: 'unknown' },
} as const satisfies Record<string, { name: string; event: EsignEventName }>;

export type LeegalityEvent = keyof typeof LEEGALITY_EVENTS;

/** Which documented body an item came from: `2.5`, `2.1-2.3`, or null when the body does not say. */
export type LeegalityWebhookVersion = '2.5' | '2.1-2.3' | null;

const CERTIFICATE_CHECKS = ['name', 'pincode', 'state', 'title', 'yob', 'gender'] as const;

function failedCertificateChecks(verification: unknown): string[] {
	if (!isObject(verification)) return [];
	return CERTIFICATE_CHECKS.filter((check) => verification[check] === false);
}

function hasMessages(payload: IDataObject): boolean {
	return objectsAt(payload, 'messages').some((message) => text(message, 'message') !== null);
}

/**
 * Derives the event from whichever body arrived, most specific first: v2.5 (`action`,
 * `webhookType`), v2.1–2.3 (`signed` / `rejected` / `expired` booleans) or Coordinate Picker
 * (`invitations[]`, no `request`). Every field may be missing (production bodies without
 * `webhookType` exist), and enum strings are compared case-insensitively.
 */
export function classify(payload: IDataObject): LeegalityEvent {
	if (!isObject(payload.request) && Array.isArray(payload.invitations)) return 'coordinates.placed';
	const request = objectAt(payload, 'request');
	const action = text(request, 'action');
	const webhookType = text(payload, 'webhookType');
	const signed = sameText(action, 'Signed') || isTrue(request.signed);
	const approved = sameText(action, 'Approved');
	if (isTrue(request.expired)) return 'invitation.expired';
	// A failed check on an error body, or on a body that says nothing else (no webhookType).
	if (
		failedCertificateChecks(payload.verification).length > 0 &&
		(sameText(webhookType, 'Error') || (!sameText(webhookType, 'Success') && !signed && !approved))
	) {
		return 'certificate.verificationFailed';
	}
	if (signed) return 'signer.signed';
	if (approved) return 'reviewer.approved';
	if (sameText(action, 'Rejected') || isTrue(request.rejected)) {
		return sameText(text(request, 'inviteeType'), 'Reviewer')
			? 'reviewer.rejected'
			: 'signer.rejected';
	}
	const error = text(request, 'error');
	// v2.1/2.2 error bodies give their reason only as text ("Transaction timed out.", …).
	if (error !== null && /timed out/i.test(error)) return 'invitation.expired';
	if (!sameText(webhookType, 'Success') && (error !== null || hasMessages(payload))) {
		return 'invitation.failed';
	}
	return 'unknown';
}

/** Which documented version a body has the shape of (v2.5 wins: its fields are unique to it). */
export function webhookVersion(payload: IDataObject): LeegalityWebhookVersion {
	const request = objectAt(payload, 'request');
	const v25Fields: Array<[IDataObject, string]> = [
		[payload, 'webhookType'],
		[payload, 'documentStatus'],
		[request, 'action'],
		[request, 'invitationUrl'],
		[request, 'inviteeType'],
	];
	if (v25Fields.some(([obj, key]) => text(obj, key) !== null)) return '2.5';
	const legacy =
		text(request, 'signUrl') !== null ||
		['signed', 'rejected'].some((key) => typeof request[key] === 'boolean') ||
		isObject(payload.signer) ||
		payload.files !== undefined ||
		payload.auditTrail !== undefined ||
		payload.folderId !== undefined;
	return legacy ? '2.1-2.3' : null;
}

/** A certificate check as a flat value (true, false or null): never a nested structure. */
function flag(value: unknown): boolean | null {
	return typeof value === 'boolean' ? value : null;
}

const RECIPIENT_STATUS: Partial<Record<LeegalityEvent, string>> = {
	'signer.signed': 'Signed',
	'reviewer.approved': 'Approved',
	'signer.rejected': 'Rejected',
	'reviewer.rejected': 'Rejected',
	'invitation.expired': 'Expired',
	'certificate.verificationFailed': 'VerificationFailed',
	'invitation.failed': 'Failed',
};

/** The invitee's URL: `invitationUrl` (v2.5) or `signUrl` (v2.1–2.3, Coordinate Picker). */
function inviteeUrl(request: IDataObject): string | null {
	return text(request, 'invitationUrl') ?? text(request, 'signUrl');
}

/**
 * Leegality bodies carry no event or delivery id. The id hashes what identifies the event
 * (document, invitee, what happened, and the invitation's expiry, which changes on reactivation)
 * and leaves out what may change between retries of the same event (`documentStatus`, `active`).
 */
export function leegalityEventId(payload: IDataObject, providerEvent: LeegalityEvent): string {
	const request = objectAt(payload, 'request');
	const verification = objectAt(payload, 'verification');
	const invitee =
		inviteeUrl(request) ??
		text(request, 'email') ??
		text(request, 'phone') ??
		text(request, 'name');
	const identity = [
		text(payload, 'documentId'),
		invitee,
		providerEvent,
		text(request, 'action'),
		isTrue(request.expired),
		text(request, 'error'),
		text(request, 'rejectionMessage'),
		text(request, 'expiryDate'),
		text(verification, 'smartName'),
		...CERTIFICATE_CHECKS.map((check) => flag(verification[check])),
	];
	return hashedEventId('leegality', identity);
}

/** At most this many embedded documents become binary data; more are listed as not attached. */
export const MAX_EMBEDDED_DOCUMENTS = 10;

const NOT_BASE64 = /[^A-Za-z0-9+/=]/;
const DATA_URL_PREFIX = /^data:[^,]{0,100};base64,/i;

/** Whole quads of the base64 alphabet, `=` only as the last one or two: linear, no backtracking. */
function isStrictBase64(value: string): boolean {
	if (value.length % 4 !== 0 || NOT_BASE64.test(value)) return false;
	const padding = value.indexOf('=');
	return padding === -1 || (padding >= value.length - 2 && /^=+$/.test(value.slice(padding)));
}

/** Strict base64 (MIME line breaks and a `data:` prefix tolerated): the bytes, or why not. */
export function decodeBase64(value: unknown): Buffer | string {
	if (typeof value !== 'string') return 'not a base64 string';
	// The usual file: one unbroken canonical string. Encoding the bytes back proves it at native
	// speed, where the checks below scan megabytes with regular expressions (13 of 30 ms at 5 MB).
	const unprefixed = value.replace(DATA_URL_PREFIX, '');
	if (unprefixed.length > 0) {
		const decoded = Buffer.from(unprefixed, 'base64');
		if (decoded.toString('base64') === unprefixed) return decoded;
	}
	let compact = /\s/.test(value) ? value.replace(/\s+/g, '') : value;
	compact = compact.replace(DATA_URL_PREFIX, '');
	if (compact.length === 0) return 'empty';
	if (!isStrictBase64(compact)) return 'not valid base64';
	return Buffer.from(compact, 'base64');
}

function pdfOrBinary(data: Buffer): { mimeType: string; extension: string } {
	return data.subarray(0, 5).toString('latin1') === '%PDF-'
		? { mimeType: 'application/pdf', extension: 'pdf' }
		: { mimeType: 'application/octet-stream', extension: 'bin' };
}

interface EmbeddedFiles {
	files: EsignEventFile[];
	/** The body with each base64 string replaced by a short note (never carried twice). */
	payload: IDataObject;
	/** What was embedded: the enrichment does not download it again. */
	summary: { documents: number; auditTrail: boolean; errors: string[] } | null;
}

/**
 * v2.1–2.3 success bodies embed the document (`files[]`) and the audit trail as base64: they
 * become binary data named as the pipeline names them (`data`, `data_1`, …, `data_audit`), and
 * the item's `payload` keeps a note instead of megabytes of base64. Invalid base64 is skipped
 * with a reason in `errors`, never an exception.
 */
export function embeddedFiles(payload: IDataObject, binaryPropertyName: string): EmbeddedFiles {
	const rawFiles = payload.files;
	const list = Array.isArray(rawFiles) ? rawFiles : typeof rawFiles === 'string' ? [rawFiles] : [];
	const hasAudit = typeof payload.auditTrail === 'string';
	if (list.length === 0 && !hasAudit) return { files: [], payload, summary: null };

	const documentId = text(payload, 'documentId') ?? 'document';
	const errors: string[] = [];
	const files: EsignEventFile[] = [];
	const slots: Array<number | string> = [];
	for (const [index, value] of list.slice(0, MAX_EMBEDDED_DOCUMENTS).entries()) {
		const decoded = decodeBase64(value);
		if (typeof decoded === 'string') {
			errors.push(`files[${index}]: ${decoded}; not attached`);
			slots.push(`[not attached: ${decoded}]`);
			continue;
		}
		const { mimeType, extension } = pdfOrBinary(decoded);
		const suffix = files.length === 0 ? '' : `-${files.length + 1}`;
		slots.push(files.length);
		files.push({
			kind: 'document',
			data: decoded,
			fileName: `${documentId}${suffix}.${extension}`,
			mimeType,
		});
	}
	if (list.length > MAX_EMBEDDED_DOCUMENTS) {
		const extra = list.length - MAX_EMBEDDED_DOCUMENTS;
		errors.push(`files: ${extra} more than ${MAX_EMBEDDED_DOCUMENTS}; not attached`);
		slots.push(`[${extra} more not attached]`);
	}
	let auditSlot: number | string | undefined;
	if (hasAudit) {
		const decoded = decodeBase64(payload.auditTrail);
		if (typeof decoded === 'string') {
			errors.push(`auditTrail: ${decoded}; not attached`);
			auditSlot = `[not attached: ${decoded}]`;
		} else {
			const { mimeType, extension } = pdfOrBinary(decoded);
			auditSlot = files.length;
			files.push({
				kind: 'auditTrail',
				data: decoded,
				fileName: `${documentId}-audit-trail.${extension}`,
				mimeType,
			});
		}
	}
	const names = binaryPropertyNames(binaryPropertyName, files);
	const note = (slot: number | string) =>
		typeof slot === 'number' ? `[binary: ${names[slot]}]` : slot;
	const slim: IDataObject = { ...payload };
	if (rawFiles !== undefined)
		slim.files = Array.isArray(rawFiles) ? slots.map(note) : note(slots[0]);
	if (auditSlot !== undefined) slim.auditTrail = note(auditSlot);
	return {
		files,
		payload: slim,
		summary: {
			documents: files.filter((file) => file.kind === 'document').length,
			auditTrail: files.some((file) => file.kind === 'auditTrail'),
			errors,
		},
	};
}

/**
 * Completion as the body says it: `documentStatus` (v2.5), or an embedded audit trail (v2.1–2.3
 * generate it on completion). Otherwise null: a missing `documentStatus` means "unknown".
 */
function completion(payload: IDataObject, embedded: EmbeddedFiles): boolean | null {
	const documentStatus = text(payload, 'documentStatus');
	if (documentStatus !== null) return sameText(documentStatus, 'Completed');
	return embedded.summary?.auditTrail === true ? true : null;
}

/** The Coordinate Picker webhook: one document event listing every invitee's sign URL. */
function coordinatesPlacedDraft(payload: IDataObject): EsignEventDraft {
	const invitations = objectsAt(payload, 'invitations').map((invitation) => ({
		name: text(invitation, 'name'),
		email: text(invitation, 'email'),
		phone: text(invitation, 'phone'),
		signUrl: text(invitation, 'signUrl'),
		active: flag(invitation.active),
		expiryDate: text(invitation, 'expiryDate'),
	}));
	const documentId = text(payload, 'documentId');
	return {
		provider: 'leegality',
		event: LEEGALITY_EVENTS['coordinates.placed'].event,
		providerEvent: 'coordinates.placed',
		eventId: hashedEventId('leegality', [
			documentId,
			'coordinates.placed',
			...invitations.map((invitation) => invitation.signUrl),
		]),
		documentId,
		documentStatus: null,
		// Nobody can have signed before the signature positions were placed.
		documentCompleted: false,
		recipient: null,
		occurredAt: null,
		attributes: { webhookVersion: null, irn: text(payload, 'irn'), invitations },
		payload,
	};
}

/**
 * One normalized event from a verified body of any documented version. The body is kept in
 * `payload`, except that embedded base64 files become binary data (`files`) and a note.
 */
export function toEventDraft(payload: IDataObject, binaryPropertyName = 'data'): EsignEventDraft {
	const providerEvent = classify(payload);
	if (providerEvent === 'coordinates.placed') return coordinatesPlacedDraft(payload);
	const request = isObject(payload.request) ? payload.request : undefined;
	const inviteeType = text(request, 'inviteeType');
	const embedded = embeddedFiles(payload, binaryPropertyName);
	const draft: EsignEventDraft = {
		provider: 'leegality',
		event: LEEGALITY_EVENTS[providerEvent].event,
		providerEvent,
		eventId: leegalityEventId(payload, providerEvent),
		documentId: text(payload, 'documentId'),
		documentStatus: text(payload, 'documentStatus'),
		documentCompleted: completion(payload, embedded),
		recipient: request
			? {
					id: null,
					name: text(request, 'name'),
					email: text(request, 'email'),
					phone: text(request, 'phone'),
					role: inviteeType ? inviteeType.toLowerCase() : null,
					status: text(request, 'action') ?? RECIPIENT_STATUS[providerEvent] ?? null,
					signingUrl: inviteeUrl(request),
				}
			: null,
		occurredAt: null,
		attributes: {
			webhookVersion: webhookVersion(payload),
			webhookType: text(payload, 'webhookType'),
			irn: text(payload, 'irn'),
			signType: text(request, 'signType'),
			error: text(request, 'error'),
			rejectionMessage: text(request, 'rejectionMessage'),
			expiryDate: text(request, 'expiryDate'),
			failedChecks: failedCertificateChecks(payload.verification),
		},
		payload: embedded.payload,
	};
	if (embedded.summary) draft.attributes.embeddedFiles = embedded.summary;
	if (embedded.files.length > 0) draft.files = embedded.files;
	return draft;
}
