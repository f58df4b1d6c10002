'use strict';
/**
 * Leegality webhook v2.5 bodies (pure) and the delivery schedule.
 * Usable without a server: `buildWebhookBody(event, { salt })`.
 */
const { createHmac, randomUUID } = require('node:crypto');
const { makePdf } = require('../files');
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
 * The `verification` a body carries: the caller's, else a failed name check for
 * verificationFailed (what Leegality sends when the certificate name does not match), else null.
 * @template T
 * @param {string} event
 * @param {T | undefined} given
 * @returns {T | VerificationResult | null}
 */
function defaultVerification(event, given) {
	if (given !== undefined) return given;
	if (event !== 'verificationFailed') return null;
	return {
		smartName: null,
		name: false,
		pincode: null,
		state: null,
		title: true,
		yob: null,
		gender: null,
	};
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
	const verification = defaultVerification(event, opts.verification);
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
 * @param {LeegalityWebhookBody | Record<string, unknown>} body
 */
function serializeWebhookBody(body) {
	return JSON.stringify(body);
}

/** @param {string} event */
function isErrorEvent(event) {
	if (event === COORDINATES_EVENT) return false;
	return eventSpec(event).errorUrl;
}

/** Webhook versions an invitee can be set to: v2.5 (default) and the older 2.1–2.3. */
/** @type {readonly import('../types').LeegalityWebhookVersion[]} */
const WEBHOOK_VERSIONS = Object.freeze(['2.5', '2.3', '2.2', '2.1']);

/** The Coordinate Picker webhook's event name in this emulator (Leegality's body has none). */
const COORDINATES_EVENT = 'coordinatesPlaced';

/**
 * A generated PDF, padded with a PDF comment to about `bytes` (to build large bodies).
 * @param {string[]} lines
 * @param {number} [bytes]
 */
function samplePdf(lines, bytes = 0) {
	const pdf = makePdf(lines, lines[0]);
	if (bytes <= pdf.length) return pdf;
	return Buffer.concat([pdf, Buffer.from(`%${'x'.repeat(bytes - pdf.length - 2)}\n`, 'latin1')]);
}

/**
 * A v2.1 / 2.2 / 2.3 body (reference §2.8.1): separate success and error shapes, the invitee's
 * state as booleans `signed` / `rejected` / `expired`, its link as `signUrl`; no webhookType,
 * documentStatus, action, inviteeType or invitationUrl. Success bodies embed the document as
 * base64 `files[]` and, when the document is complete, the audit trail; 2.3 adds `verification`
 * (and `messages` on errors); 2.1/2.2 error bodies give the reason only in `request.error`.
 * @param {string} event signed | approved | signerRejected | reviewerRejected | verificationFailed | expired
 * @param {object} opts
 * @param {'2.1' | '2.2' | '2.3'} opts.version
 * @param {string} opts.salt
 * @param {string} [opts.documentId]
 * @param {string | null} [opts.irn]
 * @param {string} [opts.folderId]
 * @param {boolean} [opts.completed] the document is complete: an audit trail is embedded
 * @param {Buffer[]} [opts.files] the document's PDFs (default: one generated)
 * @param {Buffer | null} [opts.auditTrail] default: generated when completed
 * @param {number} [opts.fileBytes] pad each generated PDF to about this many bytes
 * @param {string} [opts.mac] force a (wrong) mac
 * @param {object | null} [opts.verification]
 * @param {Record<string, unknown>} [opts.request] fields merged over the invitee defaults
 * @param {string} [opts.signBaseUrl] base of the default signUrl
 * @param {number} [opts.now] ms, for the default expiryDate
 * @returns {Record<string, unknown>}
 */
function buildLegacyWebhookBody(event, opts) {
	const spec = eventSpec(event);
	if (!['2.1', '2.2', '2.3'].includes(opts?.version))
		throw new Error('buildLegacyWebhookBody: opts.version must be 2.1, 2.2 or 2.3');
	if (typeof opts.salt !== 'string' || opts.salt.length === 0)
		throw new Error('buildLegacyWebhookBody: opts.salt is required');
	const now = opts.now ?? Date.now();
	const documentId = opts.documentId ?? ulid(now);
	const success = !spec.errorUrl;
	const isSigner = spec.inviteeType === 'Signer';
	/** @type {Record<string, unknown>} */
	const request = {
		name: isSigner ? 'Test Signer' : 'Test Reviewer',
		email: isSigner ? 'signer@example.com' : 'reviewer@example.com',
		phone: '9800000000',
		signUrl: `${opts.signBaseUrl ?? DEFAULT_SIGN_BASE}/${randomUUID()}`,
		active: spec.active,
		signed: event === 'signed',
		rejected: event === 'signerRejected' || event === 'reviewerRejected',
		expired: spec.expired,
		expiryDate: formatDate(endOfIstDay(now, 10)),
		...(success ? { signType: event === 'signed' ? 'AADHAAR' : null } : {}),
		...(success ? {} : { error: spec.error }),
		...(opts.request ?? {}),
	};
	const verification = defaultVerification(event, opts.verification);
	const signer = {
		name: request.name,
		pincode: '560001',
		state: 'Karnataka',
		title: '1234',
		yob: '1990',
		gender: 'F',
		photoHash: 'emulator-photo-hash',
		uid: 'xxxxxxxx1234',
		...(opts.version === '2.1' ? {} : { serialNumber: '7A3F0001' }),
	};
	/** @type {Record<string, unknown>} */
	const body = {
		documentId,
		mac: opts.mac ?? computeMac(documentId, opts.salt),
		folderId: opts.folderId ?? 'fld-api',
		irn: opts.irn ?? null,
	};
	if (success) {
		const files = opts.files ?? [
			samplePdf([`Emulator document ${documentId}`, `signed by ${request.name}`], opts.fileBytes),
		];
		const auditTrail =
			opts.auditTrail !== undefined
				? opts.auditTrail
				: opts.completed
					? samplePdf([`Audit trail ${documentId}`], opts.fileBytes)
					: null;
		body.files = files.map((file) => file.toString('base64'));
		body.auditTrail = auditTrail ? auditTrail.toString('base64') : null;
		if (isSigner) body.signer = signer;
		body.request = request;
		if (opts.version === '2.3') body.verification = verification;
		return body;
	}
	if (opts.version === '2.3') {
		if (isSigner) body.signer = signer;
		body.request = request;
		body.verification = verification;
		body.messages = event === 'verificationFailed' ? verificationMessages(verification) : [];
		return body;
	}
	body.request = {
		...request,
		error:
			event === 'verificationFailed'
				? verificationMessages(verification)
						.map((m) => m.message)
						.join(' ') || spec.error
				: request.error,
	};
	return body;
}

/**
 * The Coordinate Picker webhook (reference §2.8.2): the invitees' sign URLs, now usable.
 * @param {object} opts
 * @param {string} opts.salt
 * @param {string} [opts.documentId]
 * @param {string | null} [opts.irn]
 * @param {string} [opts.mac]
 * @param {Array<{ name?: string | null, email?: string | null, phone?: string | null, signUrl?: string, active?: boolean, expiryDate?: string }>} [opts.invitations]
 * @param {string} [opts.signBaseUrl]
 * @param {number} [opts.now]
 * @returns {Record<string, unknown>}
 */
function buildCoordinatePickerBody(opts) {
	if (!opts || typeof opts.salt !== 'string' || opts.salt.length === 0)
		throw new Error('buildCoordinatePickerBody: opts.salt is required');
	const now = opts.now ?? Date.now();
	const documentId = opts.documentId ?? ulid(now);
	const invitations = opts.invitations ?? [
		{ name: 'Test Signer', email: 'signer@example.com', phone: '9800000000', active: true },
	];
	return {
		documentId,
		irn: opts.irn ?? null,
		mac: opts.mac ?? computeMac(documentId, opts.salt),
		invitations: invitations.map((inv) => ({
			name: inv.name ?? null,
			email: inv.email ?? null,
			phone: inv.phone ?? null,
			signUrl: inv.signUrl ?? `${opts.signBaseUrl ?? DEFAULT_SIGN_BASE}/${randomUUID()}`,
			active: inv.active ?? true,
			expiryDate: inv.expiryDate ?? formatDate(endOfIstDay(now, 10)),
		})),
	};
}

module.exports = {
	EVENTS,
	EVENT_NAMES,
	WEBHOOK_VERSIONS,
	COORDINATES_EVENT,
	buildLegacyWebhookBody,
	buildCoordinatePickerBody,
	samplePdf,
	RETRY_DELAYS_MS,
	DEFAULT_SIGN_BASE,
	computeMac,
	buildWebhookBody,
	serializeWebhookBody,
	verificationMessages,
	isErrorEvent,
};
