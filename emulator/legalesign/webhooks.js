'use strict';
/**
 * Legalesign webhook bodies (pure): realtime JSON events, legacy per-event callbacks and 6-minute
 * batches, with their signatures. Usable without a server (the CLI does).
 */
const { createHmac, randomUUID, sign } = require('node:crypto');
const { DOCUMENT_STATUS_TEXT, SIGNER_STATUS_TEXT } = require('./state');

/**
 * @typedef {import('../types').LegalesignBodyDocument} BodyDocument
 * @typedef {import('../types').LegalesignBodySigner} BodySigner
 * @typedef {import('../types').LegalesignChangeRecord} ChangeRecord
 * @typedef {import('node:crypto').KeyObject | string} PrivateKey
 */

/** Waits before retries 1..4 of a failed delivery, from the end of the previous attempt (unscaled). */
const RETRY_DELAYS_MS = Object.freeze([60_000, 300_000, 1_800_000, 7_200_000]);
/** Interval of the legacy "all events" batch (unscaled). */
const BATCH_INTERVAL_MS = 360_000;

/** @type {readonly import('../types').LegalesignRealtimeEvent[]} */
const REALTIME_EVENTS = Object.freeze([
	'document.created',
	'document.rejected',
	'document.finalPdfCreated',
	'recipient.completed',
	'recipient.rejected',
	'recipient.emailOpened',
	'recipient.visiting',
	'recipient.bounced',
]);
/** @type {readonly import('../types').LegalesignLegacyKind[]} */
const LEGACY_KINDS = Object.freeze(['signed', 'sent', 'rejected']);

/**
 * How a realtime delivery spells its event (reference §2.3): `rest` = the filter values
 * (`object` + `finalPdfCreated`), `feed` = the subscription feed (`documentFinalPdfCreated`),
 * `enum` = the GraphQL webhook enum (`DOCUMENTS_COMPLETED`; `emailOpened` has none and stays REST).
 * @type {Readonly<Record<string, Readonly<Record<string, string>>>>}
 */
const SPELLINGS = Object.freeze({
	feed: Object.freeze({
		'document.created': 'documentCreated',
		'document.rejected': 'documentRejected',
		'document.finalPdfCreated': 'documentFinalPdfCreated',
		'recipient.completed': 'recipientCompleted',
		'recipient.rejected': 'recipientRejected',
		'recipient.emailOpened': 'recipientEmailOpened',
		'recipient.visiting': 'recipientVisiting',
		'recipient.bounced': 'recipientEmailBounced',
	}),
	enum: Object.freeze({
		'document.created': 'DOCUMENTS_CREATED',
		'document.rejected': 'DOCUMENTS_REJECTED',
		'document.finalPdfCreated': 'DOCUMENTS_COMPLETED',
		'recipient.completed': 'RECIPIENTS_COMPLETED',
		'recipient.rejected': 'RECIPIENTS_REJECTED',
		'recipient.visiting': 'RECIPIENTS_VISITING',
		'recipient.bounced': 'RECIPIENTS_EMAILBOUNCED',
	}),
});
/** @type {readonly import('../types').LegalesignSpelling[]} */
const SPELLING_NAMES = Object.freeze(['rest', 'feed', 'enum']);

/**
 * The `event` field for `event` (`object.event`) in a spelling.
 * @param {string} event
 * @param {string} [spelling] rest (default) | feed | enum
 */
function spellEvent(event, spelling = 'rest') {
	if (!SPELLING_NAMES.some((name) => name === spelling))
		throw new Error(`spelling must be one of ${SPELLING_NAMES.join(', ')}`);
	const name = event.split('.')[1];
	return spelling === 'rest' ? name : (SPELLINGS[spelling][event] ?? name);
}

/** @param {string} slug */
const groupUri = (slug) => `/api/v1/group/${slug}/`;

/** @param {BodySigner} signer */
function recipientSummary(signer) {
	return {
		uuid: signer.uuid,
		email: signer.email,
		firstname: signer.firstname,
		lastname: signer.lastname,
		order: signer.order,
		status: signer.status,
		statusText:
			SIGNER_STATUS_TEXT[/** @type {keyof typeof SIGNER_STATUS_TEXT} */ (signer.status)] ?? '',
		roleText:
			signer.role === 'witness' ? 'Witness' : signer.role === 'approver' ? 'Approver' : 'Signer',
		resourceUri: `/api/v1/signer/${signer.uuid}/`,
		rejectReason: signer.rejectReason ?? null,
	};
}

/** `data` of a document event (camelCase, as Legalesign's connector schema). @param {BodyDocument} doc */
function documentData(doc) {
	return {
		uuid: doc.uuid,
		name: doc.name,
		status: doc.status,
		statusText:
			DOCUMENT_STATUS_TEXT[/** @type {keyof typeof DOCUMENT_STATUS_TEXT} */ (doc.status)] ?? '',
		resourceUri: `/api/v1/document/${doc.uuid}/`,
		group: doc.group,
		groupResourceUri: groupUri(doc.group),
		tag: doc.tag ?? '',
		tag1: doc.tag1 ?? '',
		tag2: doc.tag2 ?? '',
		recipients: doc.signers.map(recipientSummary),
	};
}

/**
 * `data` of a recipient event.
 * @param {BodySigner} signer
 * @param {{ emailBounce?: number, emailBounceMessage?: string }} [bounce]
 */
function recipientData(signer, bounce = {}) {
	const doc = signer.document;
	return {
		...recipientSummary(signer),
		emailBounce: bounce.emailBounce ?? 0,
		emailBounceMessage: bounce.emailBounceMessage ?? '',
		document: doc.uuid,
		documentName: doc.name,
		documentResourceUri: `/api/v1/document/${doc.uuid}/`,
		group: doc.group,
		groupResourceUri: groupUri(doc.group),
		tag: doc.tag ?? '',
		tag1: doc.tag1 ?? '',
		tag2: doc.tag2 ?? '',
	};
}

/**
 * The realtime envelope for `event` (`object.event`), its name in `opts.spelling`.
 * @param {string} event
 * @param {{ document: BodyDocument, signer?: BodySigner, id?: string, nowMs: number, bounce?: { emailBounce?: number, emailBounceMessage?: string }, spelling?: string }} opts
 */
function buildRealtimeBody(event, opts) {
	const [object] = event.split('.');
	const signer = opts.signer ?? opts.document.signers[0];
	return {
		version: '1.0',
		id: opts.id ?? randomUUID(),
		object,
		event: spellEvent(event, opts.spelling),
		created: Math.floor(opts.nowMs / 1000),
		data: object === 'recipient' ? recipientData(signer, opts.bounce) : documentData(opts.document),
	};
}

/**
 * @param {string} body exact bytes
 * @param {string} secret
 * @param {'hex' | 'base64'} encoding
 */
function hmacSignature(body, secret, encoding = 'hex') {
	return createHmac('sha256', secret).update(body, 'utf8').digest(encoding);
}

/**
 * Base64 RSA PKCS#1 v1.5 signature (SHA-1 for legacy callbacks, as Legalesign's sample code).
 * @param {string} text
 * @param {import('node:crypto').KeyObject | string} privateKey
 * @param {'sha1' | 'sha256'} [algorithm]
 */
function rsaSignature(text, privateKey, algorithm = 'sha1') {
	return sign(algorithm, Buffer.from(text, 'utf8'), privateKey).toString('base64');
}

/**
 * A legacy per-event callback: form fields + `json_signed` (the signed JSON) + header X-Signed.
 * @param {import('../types').LegalesignLegacyKind} kind
 * @param {BodyDocument} doc
 * @param {{ privateKey: PrivateKey, nowMs: number }} opts
 */
function buildLegacyEvent(kind, doc, opts) {
	const signed = {
		name: doc.name,
		event: kind,
		resource_uri: `/api/v1/document/${doc.uuid}/`,
		uuid: doc.uuid,
		group: doc.group,
		tag: doc.tag ?? '',
		tag1: doc.tag1 ?? '',
		tag2: doc.tag2 ?? '',
		timestamp: new Date(opts.nowMs).toISOString().replace(/\.\d{3}Z$/, '+00:00'),
	};
	const jsonSigned = JSON.stringify(signed);
	const fields = {
		name: signed.name,
		event: kind,
		resource_uri: signed.resource_uri,
		uuid: signed.uuid,
		tag: signed.tag,
		tag1: signed.tag1,
		tag2: signed.tag2,
		json_signed: jsonSigned,
	};
	return {
		body: new URLSearchParams(fields).toString(),
		headers: { 'X-Signed': rsaSignature(jsonSigned, opts.privateKey) },
		jsonSigned,
	};
}

/**
 * A 6-minute batch: form fields `data` (JSON array of change records) and `signed`.
 * @param {ChangeRecord[]} records
 * @param {{ privateKey: PrivateKey }} opts
 */
function buildBatch(records, opts) {
	const data = JSON.stringify(records);
	const signed = rsaSignature(data, opts.privateKey);
	return { body: new URLSearchParams({ data, signed }).toString(), data, signed };
}

/**
 * One change record. @param {'document' | 'signer'} type @param {string} uuid
 * @param {number} value @param {number} nowMs
 * @returns {ChangeRecord}
 */
function changeRecord(type, uuid, value, nowMs) {
	return {
		value: String(value),
		timestamp: new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, '+00:00'),
		resource_uri: `/api/v1/${type}/${uuid}/`,
		name: 'status',
	};
}

/**
 * Whether a realtime subscription's filter covers `event`.
 * @param {string} filter
 * @param {string} event
 */
function matchesFilter(filter, event) {
	if (!filter) return true;
	if (filter.endsWith('.*')) return event.startsWith(filter.slice(0, -1));
	return filter === event;
}

/**
 * A stand-alone document for bodies built without a server (CLI, tests).
 * @param {{ name?: string, group?: string, uuid?: string, status?: number }} [opts]
 * @returns {BodyDocument}
 */
function sampleDocument(opts = {}) {
	/** @type {BodyDocument} */
	const doc = {
		uuid: opts.uuid ?? randomUUID(),
		name: opts.name ?? 'Emulator sample',
		group: opts.group ?? 'main-team',
		status: opts.status ?? 10,
		tag: '',
		tag1: '',
		tag2: '',
		signers: [],
	};
	doc.signers.push({
		uuid: randomUUID(),
		document: doc,
		firstname: 'Test',
		lastname: 'Signer',
		email: 'signer@example.com',
		role: 'signer',
		order: 0,
		status: 10,
		rejectReason: null,
	});
	return doc;
}

module.exports = {
	RETRY_DELAYS_MS,
	BATCH_INTERVAL_MS,
	REALTIME_EVENTS,
	LEGACY_KINDS,
	SPELLING_NAMES,
	spellEvent,
	buildRealtimeBody,
	buildLegacyEvent,
	buildBatch,
	changeRecord,
	hmacSignature,
	rsaSignature,
	matchesFilter,
	sampleDocument,
	documentData,
	recipientData,
};
