'use strict';
/**
 * Leegality webhook v2.5 bodies (pure) and the delivery schedule.
 * Usable without a server: `buildWebhookBody(event, { salt })`.
 */
const { createHmac, randomUUID } = require('node:crypto');
const { formatDate, endOfIstDay, ulid } = require('./state');

/**
 * @typedef {import('../types').LeegalityEvent} LeegalityEvent
 * @typedef {import('../types').LeegalityHelpers['EVENTS'][LeegalityEvent]} EventSpec
 * @typedef {import('../types').LeegalityWebhookBody} LeegalityWebhookBody
 * @typedef {import('../types').VerificationResult} VerificationResult
 */

/** Waits before the 1st, 2nd and 3rd retry, counted from the end of the previous attempt (unscaled). */
const RETRY_DELAYS_MS = Object.freeze([0, 3_600_000, 10_800_000]);

/** Where a standalone body points its invitationUrl when no emulator URL is known. */
const DEFAULT_SIGN_BASE = 'https://sandbox.leegality.com/sign';

/**
 * The six v2.5 events. `errorUrl` = delivered to the invitee's Error Webhook URL.
 * @type {Readonly<Record<LeegalityEvent, EventSpec>>}
 */
const EVENTS = Object.freeze({
	signed: {
		webhookType: 'Success',
		inviteeType: 'Signer',
		action: 'Signed',
		error: null,
		expired: false,
		active: true,
		errorUrl: false,
	},
	approved: {
		webhookType: 'Success',
		inviteeType: 'Reviewer',
		action: 'Approved',
		error: null,
		expired: false,
		active: true,
		errorUrl: false,
	},
	signerRejected: {
		webhookType: 'Error',
		inviteeType: 'Signer',
		action: 'Rejected',
		error: 'Invitation rejected by the signer.',
		expired: false,
		active: true,
		errorUrl: true,
	},
	reviewerRejected: {
		webhookType: 'Error',
		inviteeType: 'Reviewer',
		action: 'Rejected',
		error: 'Invitation rejected by the reviewer.',
		expired: false,
		active: true,
		errorUrl: true,
	},
	verificationFailed: {
		webhookType: 'Error',
		inviteeType: 'Signer',
		action: null,
		error: 'Certificate verification failed.',
		expired: false,
		active: false,
		errorUrl: true,
	},
	expired: {
		webhookType: 'Error',
		inviteeType: 'Signer',
		action: null,
		error: 'Transaction timed out.',
		expired: true,
		active: false,
		errorUrl: true,
	},
});
const EVENT_NAMES = /** @type {readonly LeegalityEvent[]} */ (Object.freeze(Object.keys(EVENTS)));

const VERIFICATION_LABELS = {
	smartName: 'Smart name',
	name: 'Name',
	pincode: 'Pincode',
	state: 'State',
	title: 'Title (last 4 digits of Aadhaar)',
	yob: 'Year of birth',
	gender: 'Gender',
};

/**
 * HMAC-SHA1 of the documentId keyed with the Private Salt, lowercase hex.
 * @param {string} documentId
 * @param {string} salt
 */
function computeMac(documentId, salt) {
	return createHmac('sha1', salt).update(String(documentId), 'utf8').digest('hex');
}

/** @param {string} event */
function eventSpec(event) {
	const spec = /** @type {Record<string, EventSpec | undefined>} */ (EVENTS)[event];
	if (!spec)
		throw new Error(`unknown Leegality event "${event}"; one of: ${EVENT_NAMES.join(', ')}`);
	return spec;
}

/**
 * The exact v2.5 JSON object for an event. Key order follows the reference.
 * @param {string} event signed | approved | signerRejected | reviewerRejected | verificationFailed | expired
 * @param {import('../types').BuildWebhookOptions & { salt: string }} opts `salt`: the Private Salt for `mac`
 * @returns {LeegalityWebhookBody} (fields listed in `opts.omit` removed)
 */
function buildWebhookBody(event, opts) {
	const spec = eventSpec(event);
	if (!opts || typeof opts.salt !== 'string' || opts.salt.length === 0)
		throw new Error('buildWebhookBody: opts.salt is required');
	const now = opts.now ?? Date.now();
	const documentId = opts.documentId ?? ulid(now);
	const inviteeType = opts.request?.inviteeType ?? spec.inviteeType;
	const isSigner = String(inviteeType).toLowerCase() === 'signer';
	/** @type {VerificationResult | null} */
	const verification =
		opts.verification !== undefined
			? opts.verification
			: event === 'verificationFailed'
				? {
						smartName: null,
						name: false,
						pincode: null,
						state: null,
						title: true,
						yob: null,
						gender: null,
					}
				: null;
	const request = {
		inviteeType,
		name: isSigner ? 'Test Signer' : 'Test Reviewer',
		email: isSigner ? 'signer@example.com' : 'reviewer@example.com',
		phone: '9800000000',
		invitationUrl: `${opts.signBaseUrl ?? DEFAULT_SIGN_BASE}/${randomUUID()}`,
		active: spec.active,
		action: spec.action,
		error: spec.error,
		expired: spec.expired,
		expiryDate: formatDate(endOfIstDay(now, 10)),
		rejectionMessage:
			event === 'reviewerRejected' ? (opts.rejectionMessage ?? 'Rejected by the reviewer.') : null,
		signType: isSigner && (event === 'signed' || event === 'verificationFailed') ? 'AADHAAR' : null,
		...(opts.request ?? {}),
	};
	/** @type {LeegalityWebhookBody & Record<string, unknown>} */
	const body = {
		webhookType: spec.webhookType,
		documentId,
		documentStatus: opts.documentStatus ?? 'Sent',
		irn: opts.irn ?? null,
		mac: opts.mac ?? computeMac(documentId, opts.salt),
		messages:
			opts.messages ?? (event === 'verificationFailed' ? verificationMessages(verification) : []),
		request,
		verification,
	};
	for (const path of opts.omit ?? []) {
		const [head, tail] = path.split('.');
		if (tail === undefined) delete body[head];
		else if (body[head] && typeof body[head] === 'object')
			delete (/** @type {Record<string, unknown>} */ (body[head])[tail]);
	}
	return body;
}

/**
 * One message per failed check, e.g. "Name verification failed."
 * @param {VerificationResult | null} verification
 */
function verificationMessages(verification) {
	if (!verification) return [];
	return Object.entries(verification)
		.filter(([, v]) => v === false)
		.map(([k]) => ({
			code: null,
			message: `${VERIFICATION_LABELS[/** @type {keyof typeof VERIFICATION_LABELS} */ (k)] ?? k} verification failed.`,
		}));
}

/**
 * Serialises exactly once: every retry re-sends these bytes.
 * @param {LeegalityWebhookBody} body
 */
function serializeWebhookBody(body) {
	return JSON.stringify(body);
}

/** @param {string} event */
function isErrorEvent(event) {
	return eventSpec(event).errorUrl;
}

module.exports = {
	EVENTS,
	EVENT_NAMES,
	RETRY_DELAYS_MS,
	DEFAULT_SIGN_BASE,
	computeMac,
	buildWebhookBody,
	serializeWebhookBody,
	verificationMessages,
	isErrorEvent,
};
