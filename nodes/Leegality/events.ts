import type { IDataObject } from 'n8n-workflow';

import type { EsignEventName } from '../shared/events';
import { type EsignEventDraft, hashedEventId } from '../shared/item';
import { isObject, isTrue, objectAt, sameText, text } from '../shared/readers';

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

/** Leegality's own names for its six webhook events (v2.5 has no event field; see classify()). */
export const LEEGALITY_EVENTS = {
	'signer.signed': { name: 'Signer Signed', event: 'recipient.signed' },
	'reviewer.approved': { name: 'Reviewer Approved', event: 'recipient.approved' },
	'signer.rejected': { name: 'Signer Rejected', event: 'recipient.rejected' },
	'reviewer.rejected': { name: 'Reviewer Rejected', event: 'recipient.rejected' },
	'certificate.verificationFailed': {
		name: 'Certificate Verification Failed',
		event: 'recipient.verificationFailed',
	},
	'invitation.expired': { name: 'Invitation Expired', event: 'recipient.expired' },
	unknown: { name: 'Unrecognized Delivery', event: 'unknown' },
} as const satisfies Record<string, { name: string; event: EsignEventName }>;

export type LeegalityEvent = keyof typeof LEEGALITY_EVENTS;

const CERTIFICATE_CHECKS = ['name', 'pincode', 'state', 'title', 'yob', 'gender'] as const;

function failedCertificateChecks(verification: unknown): string[] {
	if (!isObject(verification)) return [];
	return CERTIFICATE_CHECKS.filter((check) => verification[check] === false);
}

/**
 * Derives the event from the v2.5 fields, most specific first. Enum strings are compared
 * case-insensitively ("Signer" and "signer" both occur).
 */
export function classify(payload: IDataObject): LeegalityEvent {
	const request = objectAt(payload, 'request');
	const action = text(request, 'action');
	if (isTrue(request.expired)) return 'invitation.expired';
	if (
		sameText(text(payload, 'webhookType'), 'Error') &&
		failedCertificateChecks(payload.verification).length > 0
	) {
		return 'certificate.verificationFailed';
	}
	if (sameText(action, 'Signed')) return 'signer.signed';
	if (sameText(action, 'Approved')) return 'reviewer.approved';
	if (sameText(action, 'Rejected')) {
		return sameText(text(request, 'inviteeType'), 'Reviewer')
			? 'reviewer.rejected'
			: 'signer.rejected';
	}
	return 'unknown';
}

/** A certificate check as a flat value (true, false or null): never a nested structure. */
function flag(value: unknown): boolean | null {
	return typeof value === 'boolean' ? value : null;
}

const RECIPIENT_STATUS: Partial<Record<LeegalityEvent, string>> = {
	'invitation.expired': 'Expired',
	'certificate.verificationFailed': 'VerificationFailed',
};

/**
 * v2.5 bodies carry no event or delivery id. The id hashes what identifies the event (document,
 * invitee, what happened, and the invitation's expiry, which changes on reactivation) and leaves
 * out what may change between retries of the same event (`documentStatus`, `active`).
 */
export function leegalityEventId(payload: IDataObject, providerEvent: LeegalityEvent): string {
	const request = objectAt(payload, 'request');
	const verification = objectAt(payload, 'verification');
	const invitee =
		text(request, 'invitationUrl') ??
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

/** One normalized event from a verified v2.5 body (the body itself is kept unchanged in `payload`). */
export function toEventDraft(payload: IDataObject): EsignEventDraft {
	const providerEvent = classify(payload);
	const request = isObject(payload.request) ? payload.request : undefined;
	const documentStatus = text(payload, 'documentStatus');
	const inviteeType = text(request, 'inviteeType');
	return {
		provider: 'leegality',
		event: LEEGALITY_EVENTS[providerEvent].event,
		providerEvent,
		eventId: leegalityEventId(payload, providerEvent),
		documentId: text(payload, 'documentId'),
		documentStatus,
		// Production bodies may lack documentStatus: then completion is unknown, not false.
		documentCompleted: documentStatus === null ? null : sameText(documentStatus, 'Completed'),
		recipient: request
			? {
					id: null,
					name: text(request, 'name'),
					email: text(request, 'email'),
					phone: text(request, 'phone'),
					role: inviteeType ? inviteeType.toLowerCase() : null,
					status: text(request, 'action') ?? RECIPIENT_STATUS[providerEvent] ?? null,
					signingUrl: text(request, 'invitationUrl'),
				}
			: null,
		occurredAt: null,
		attributes: {
			webhookType: text(payload, 'webhookType'),
			irn: text(payload, 'irn'),
			signType: text(request, 'signType'),
			error: text(request, 'error'),
			rejectionMessage: text(request, 'rejectionMessage'),
			expiryDate: text(request, 'expiryDate'),
			failedChecks: failedCertificateChecks(payload.verification),
		},
		payload,
	};
}
