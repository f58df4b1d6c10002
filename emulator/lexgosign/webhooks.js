'use strict';
/**
 * LexgoSign webhook deliveries: `{id, event_type, data}` POSTed with the registration's
 * Authorization value, retried up to 3 times about 5, 10 and 20 s apart (each wait x timeScale).
 * `data` is rebuilt for every attempt (the shared Deliverer takes a body function): LexgoSign
 * sends the resource as it is when the attempt is made, under the same delivery `id`.
 */
const { randomUUID } = require('node:crypto');
const { Deliverer } = require('../delivery');
const { EVENT_NAMES, chileTime } = require('./state');

/** Waits before retries 1..3, counted from the end of the previous attempt (unscaled). */
const RETRY_DELAYS_MS = Object.freeze([5_000, 10_000, 20_000]);
/** LexgoSign's receiver timeout per attempt (real time, not scaled). */
const RECEIVER_TIMEOUT_MS = 5_000;

/** The shared Deliverer with LexgoSign's schedule, receiver timeout and Authorization header. */
class LexgoSignDeliverer extends Deliverer {
	/** @param {ConstructorParameters<typeof Deliverer>[0]} [options] */
	constructor(options = {}) {
		super({ timeoutMs: RECEIVER_TIMEOUT_MS, ...options });
	}

	/**
	 * One event delivery on LexgoSign's schedule (a new name, not an override of deliver(): the
	 * request shape differs).
	 * @param {object} request
	 * @param {string} request.url
	 * @param {string | null} request.event
	 * @param {string | null} [request.auth] Authorization header value
	 * @param {() => string} request.body serialises the body for one attempt
	 * @param {string} [request.id] delivery id (default: a new UUID)
	 * @param {Record<string, string>} [request.headers]
	 * @param {number} [request.lostResponses] the first N attempts count as failed whatever the
	 *   receiver answered (the answer was lost): the receiver gets the retries too
	 */
	deliverEvent(request) {
		const headers = { ...(request.headers ?? {}) };
		if (request.auth) headers.Authorization = request.auth;
		return super.deliver({
			provider: 'lexgosign',
			id: request.id,
			event: request.event,
			url: request.url,
			body: request.body,
			headers,
			retryDelaysMs: [...RETRY_DELAYS_MS],
			lostResponses: request.lostResponses,
		});
	}
}

const SAMPLE_ENVELOPE_ID = '51f8ad72-0b51-4bf4-ab7f-6575e4f68ad5';

/** Envelope status each envelope event implies in a standalone body. */
const EVENT_STATUS = {
	'envelope.sending_failed': 'ERROR',
	'envelope.in_progress': 'IN_PROGRESS',
	'envelope.success': 'SUCCESS',
	'envelope.voided': 'VOIDED',
	'envelope.evidence_generated': 'SUCCESS',
};

/**
 * A standalone body for `event`, shaped like the docs' examples (no server needed).
 * @param {string} event
 * @param {import('../types').LexgoSignBuildOptions & { fileBaseUrl?: string }} [opts]
 *   `fileBaseUrl`: base of the sample document/evidence URLs
 * @returns {import('../types').LexgoSignWebhookBody}
 */
function buildWebhookBody(event, opts = {}) {
	const now = opts.now ?? Date.now();
	const envelopeId = opts.envelopeId ?? SAMPLE_ENVELOPE_ID;
	const at = chileTime(now);
	const files = opts.fileBaseUrl ?? 'https://lexgo-secure.s3.us-east-2.amazonaws.com/emulator';
	const recipient = (/** @type {number} */ order, /** @type {string} */ status) => ({
		id: randomUUID(),
		custom_key: String(order),
		order,
		status,
		created_at: at,
		updated_at: at,
		name: order === 0 ? 'Jane Smith' : 'Robert Johnson',
		name_label: 'Name:',
		email: order === 0 ? 'jane.smith@company.com' : 'robert.johnson@company.com',
		email_label: 'Email:',
	});
	/** @type {Record<string, unknown>} */
	let data;
	if (event === 'envelope.file_uploaded') {
		data = {
			envelope_id: envelopeId,
			presigned_upload_id: randomUUID(),
			file_id: randomUUID(),
			order: 0,
			file_name: 'contract.pdf',
			custom_key: 'main_doc',
			status: 'COMPLETED',
			uploaded_at: at,
			processed_at: at,
		};
	} else if (event.startsWith('envelope.')) {
		const status = /** @type {Record<string, string>} */ (EVENT_STATUS)[event] ?? 'IN_PROGRESS';
		const signed = status === 'SUCCESS';
		data = {
			id: envelopeId,
			name: 'employment_agreement_2025',
			status,
			errors: status === 'ERROR' ? ['Sending failed: the recipient email bounced.'] : [],
			warnings: [],
			created_at: at,
			updated_at: at,
			documents: [
				{
					id: randomUUID(),
					custom_key: '0',
					file_type: 'SIGNABLE',
					order: 0,
					status: signed ? 'SIGNED' : 'READY',
					file_name: 'employment_agreement_2025.pdf',
					content_type: 'application/pdf',
					file_size: 1024,
					page_count: 1,
					url: `${files}/document.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256`,
				},
			],
			recipients: [recipient(0, signed ? 'SIGNED_ALL' : 'IN_PROGRESS')],
			placements: [],
			settings: {},
		};
		if (event === 'envelope.evidence_generated') {
			data.evidence_document_url = `${files}/evidence-sheets/evidence.pdf`;
			data.evidence_generated_at = at;
		}
	} else {
		data = recipient(0, event === 'recipient.signed_all' ? 'SIGNED_ALL' : 'IN_PROGRESS');
		if (opts.recipientEnvelopeField === 'envelope')
			data.envelope = { id: envelopeId, name: 'employment_agreement_2025', status: 'IN_PROGRESS' };
		if (opts.recipientEnvelopeField === 'envelope_id') data.envelope_id = envelopeId;
	}
	return { id: opts.id ?? randomUUID(), event_type: event, data: opts.data ?? data };
}

module.exports = {
	LexgoSignDeliverer,
	RETRY_DELAYS_MS,
	RECEIVER_TIMEOUT_MS,
	EVENT_NAMES,
	buildWebhookBody,
};
