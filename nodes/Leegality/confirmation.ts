import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { DeliveryRejection } from '../shared/delivery';
import type { EsignEventDraft, EsignRecipient } from '../shared/item';
import { isObject, objectAt, objectsAt, sameText, text } from '../shared/readers';
import { apiRequest } from '../shared/transport';
import { leegalityApi } from './api';
import type { LeegalityEvent } from './events';

/**
 * "Confirm Events With Leegality": Leegality's `mac` signs only the documentId and never expires,
 * so a captured delivery can be replayed, and everything but the documentId can be altered. This
 * re-reads the document with the Details API before the workflow starts and refuses what
 * Leegality's own records contradict.
 */

/**
 * Leegality gives up ~4 h after an event (attempts at once, +1 h, +3 h). An action Details dates
 * more than a day back is a replayed capture, not a retry; the margin covers the undocumented time
 * zone of Details dates (read as IST) and clock skew.
 */
export const MAX_EVENT_AGE_MS = 24 * 60 * 60 * 1000;

/** Details dates are `DD-MM-YYYY HH:MM:SS`; Leegality is an Indian service, so IST is assumed. */
const IST_OFFSET_MS = (5 * 60 + 30) * 60 * 1000;

/** A Details date (`DD-MM-YYYY HH:MM:SS` in IST, or ISO 8601) as epoch ms, else null. */
export function detailsDate(value: unknown): number | null {
	if (typeof value !== 'string') return null;
	const match = /^(\d{2})-(\d{2})-(\d{4})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
	if (match) {
		const [day, month, year, hour, minute, second] = match.slice(1).map(Number);
		const utc = Date.UTC(year, month - 1, day, hour, minute, second || 0);
		return Number.isFinite(utc) ? utc - IST_OFFSET_MS : null;
	}
	const iso = /^\d{4}-\d{2}-\d{2}T/.test(value.trim()) ? Date.parse(value) : NaN;
	return Number.isFinite(iso) ? iso : null;
}

/** What `invitationStatus` must say for each claimed event, and which date dates the action. */
const EXPECTED_STATE: Partial<
	Record<LeegalityEvent, { holds: (status: IDataObject) => boolean; claim: string; date?: string }>
> = {
	'signer.signed': { holds: (s) => s.signed === true, claim: 'signed', date: 'signDate' },
	'reviewer.approved': { holds: (s) => s.approved === true, claim: 'approved' },
	'signer.rejected': { holds: (s) => s.rejected === true, claim: 'rejected' },
	'reviewer.rejected': { holds: (s) => s.rejected === true, claim: 'rejected' },
	'invitation.expired': { holds: (s) => s.expired === true, claim: 'expired', date: 'expiryDate' },
	'certificate.verificationFailed': { holds: (s) => s.signed !== true, claim: 'not signed' },
	// Any other failure (e.g. the eSign provider gave up): the invitee cannot have signed.
	'invitation.failed': { holds: (s) => s.signed !== true, claim: 'not signed' },
};

/** Sender- or API-chosen text in a refusal reason (which is also logged), at most 200 chars. */
function short(value: string): string {
	return value.length > 200 ? `${value.slice(0, 200)}…` : value;
}

function digits(value: string): string {
	return value.replace(/\D/g, '').slice(-10);
}

function sameUrl(a: string, b: string): boolean {
	return a.trim().replace(/\/+$/, '').toLowerCase() === b.trim().replace(/\/+$/, '').toLowerCase();
}

/**
 * The invitations of `details` that are the delivery's invitee: by invitation (sign) URL, else
 * email, else phone, else name. Undefined when the delivery names no invitee at all.
 */
export function matchingInvitations(
	recipient: EsignRecipient | null,
	invitations: IDataObject[],
): IDataObject[] | undefined {
	if (!recipient) return undefined;
	const { signingUrl, email, phone, name } = recipient;
	// By URL unless Details lists none (then the contact details decide).
	if (signingUrl && invitations.some((i) => text(i, 'invitationUrl'))) {
		return invitations.filter((i) => sameUrl(text(i, 'invitationUrl') ?? '', signingUrl));
	}
	if (email) return invitations.filter((i) => sameText(text(i, 'email'), email.trim()));
	if (phone && digits(phone)) {
		return invitations.filter((i) => digits(text(i, 'phone') ?? '') === digits(phone));
	}
	if (name) return invitations.filter((i) => sameText(text(i, 'name'), name.trim()));
	return undefined;
}

/**
 * Pure: why Leegality's Details `data` contradicts the event, or null when it confirms it.
 * The document must exist (not deleted) under the delivery's id; the invitee must be one of its
 * invitations, in the state the event claims; a dated action must be younger than MAX_EVENT_AGE_MS.
 */
export function contradiction(
	event: EsignEventDraft,
	data: IDataObject,
	now: number,
): string | null {
	const document = objectAt(data, 'document');
	const documentId = text(document, 'id');
	if (!documentId || document.deleted === true) {
		return `Leegality has no document ${short(event.documentId ?? '')}`.trim();
	}
	if (event.documentId && documentId !== event.documentId) {
		return `Leegality answered for another document (${short(documentId)})`;
	}
	const matches = matchingInvitations(event.recipient, objectsAt(data, 'invitations'));
	const expected = EXPECTED_STATE[event.providerEvent as LeegalityEvent];
	if (matches === undefined) {
		return expected ? 'the delivery names no invitee to check with Leegality' : null;
	}
	if (matches.length === 0) return 'the invitee is not an invitee of this document at Leegality';
	if (!expected) return null;
	const inState = matches.filter((i) => expected.holds(objectAt(i, 'invitationStatus')));
	if (inState.length === 0) return `Leegality does not show the invitee as ${expected.claim}`;
	const dateField = expected.date;
	if (!dateField) return null;
	const dates = inState.map((i) => detailsDate(objectAt(i, 'invitationStatus')[dateField]));
	const recent = dates.some((date) => date === null || now - date <= MAX_EVENT_AGE_MS);
	return recent
		? null
		: `the invitee was ${expected.claim} more than ${MAX_EVENT_AGE_MS / 3_600_000} h ago (a replayed delivery?)`;
}

/** Leegality's error codes for a documentId it does not know (HTTP 200, `status: 0`). */
function isMissingDocument(body: unknown): boolean {
	const messages = isObject(body) ? objectsAt(body, 'messages') : [];
	return messages.some((m) => /no\.document|document\.not\.found/i.test(text(m, 'code') ?? ''));
}

/** `GET /v3.3/document/details`, never retried here (the sender waits for the answer). */
async function fetchDetails(
	this: IWebhookFunctions,
	documentId: string,
): Promise<{ body: unknown } | { error: Error }> {
	try {
		const { body } = await apiRequest.call(this, leegalityApi, {
			method: 'GET',
			path: '/v3.3/document/details',
			qs: { documentId },
			retryOnRateLimit: false,
			allowErrorInBody: true,
		});
		return { body };
	} catch (error) {
		return { error: error as Error };
	}
}

function unconfirmable(message: string): DeliveryRejection {
	return new DeliveryRejection(
		424,
		`Could not confirm the event with Leegality: ${short(message)}`,
	);
}

/**
 * The Details `data` of the event's document, or a refusal: 409 when Leegality has no such
 * document; 424 when the call fails. Leegality retries any non-2xx (at once, +1 h, +3 h), so after
 * a 424 the event comes again when the API may answer; 5xx is kept for failures of n8n itself.
 */
async function documentDetails(this: IWebhookFunctions, documentId: string): Promise<IDataObject> {
	const answer = await fetchDetails.call(this, documentId);
	if ('error' in answer) throw unconfirmable(answer.error.message);
	if (isMissingDocument(answer.body)) {
		throw new DeliveryRejection(409, `Leegality has no document ${short(documentId)}`);
	}
	const failure = leegalityApi.errorInSuccessBody?.(answer.body);
	if (failure) throw unconfirmable(failure.message);
	return objectAt(answer.body, 'data');
}

/** The TriggerProvider `confirm` step: one Details call per event; throws to refuse. */
export async function confirmWithLeegality(
	this: IWebhookFunctions,
	events: EsignEventDraft[],
	now = Date.now(),
): Promise<string> {
	for (const event of events) {
		if (!event.documentId) throw new DeliveryRejection(409, 'The delivery names no document');
		const data = await documentDetails.call(this, event.documentId);
		const reason = contradiction(event, data, now);
		if (reason) throw new DeliveryRejection(409, `Not confirmed by Leegality: ${reason}`);
	}
	return 'confirmed with Leegality (Details API)';
}
