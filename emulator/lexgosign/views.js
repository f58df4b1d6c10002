'use strict';
/**
 * LexgoSign JSON serializations: webhook registrations, recipients, envelopes (the shape of
 * envelope webhook `data` and GET /envelopes/:id) and uploads. Timestamps in Chile's -03:00.
 */

const CHILE_OFFSET_MS = -3 * 3_600_000;

/**
 * @typedef {import('./state').LexgoSignEnvelope} LexgoSignEnvelope
 * @typedef {import('./state').LexgoSignDocument} LexgoSignDocument
 * @typedef {import('./state').LexgoSignRecipient} LexgoSignRecipient
 */

/**
 * ISO 8601 with milliseconds in Chile's -03:00 offset, as LexgoSign writes timestamps.
 * @overload
 * @param {number} ms
 * @returns {string}
 */
/**
 * @overload
 * @param {number | null | undefined} ms
 * @returns {string | null}
 */
/**
 * @param {number | null | undefined} ms
 * @returns {string | null}
 */
function chileTime(ms) {
	if (ms === null || ms === undefined) return null;
	return new Date(ms + CHILE_OFFSET_MS).toISOString().replace('Z', '-03:00');
}

/**
 * Public shape; the `auth` secret is never returned by the API.
 * @param {import('./state').LexgoSignHook} hook
 * @returns {Omit<import('../types').LexgoSignWebhookSnapshot, 'auth'>}
 */
function webhookView(hook) {
	return {
		id: hook.id,
		url: hook.url,
		subscriptions: hook.subscriptions,
		auth_type: hook.authType,
		created_at: chileTime(hook.createdMs),
		updated_at: chileTime(hook.updatedMs),
	};
}

/**
 * @param {LexgoSignRecipient} r
 * @param {import('../types').LexgoSignRecipientEnvelopeField} [envelopeField]
 * @param {LexgoSignEnvelope} [envelope]
 * @returns {import('../types').LexgoSignRecipientView}
 */
function recipientView(r, envelopeField = 'none', envelope) {
	/** @type {import('../types').LexgoSignRecipientView} */
	const view = {
		id: r.id,
		custom_key: r.key,
		order: r.order,
		status: r.status,
		created_at: chileTime(r.createdMs),
		updated_at: chileTime(r.updatedMs),
		name: r.name,
		name_label: 'Name:',
		email: r.email,
		email_label: 'Email:',
	};
	if (r.phone) view.phone = r.phone;
	if (r.taxId) view.tax_id = r.taxId;
	if (envelope && envelopeField === 'envelope')
		view.envelope = { id: envelope.id, name: envelope.name, status: envelope.status };
	if (envelope && envelopeField === 'envelope_id') view.envelope_id = envelope.id;
	return view;
}

/**
 * The full envelope serialization (webhook `data` and GET). `fileUrl` mints a fresh link.
 * @param {LexgoSignEnvelope} envelope
 * @param {(doc: LexgoSignDocument) => string} fileUrl
 * @returns {import('../types').LexgoSignEnvelopeView}
 */
function envelopeView(envelope, fileUrl) {
	const docsById = new Map(envelope.documents.map((d) => [d.key, d]));
	const recipientsByKey = new Map(envelope.recipients.map((r) => [r.key, r]));
	return {
		id: envelope.id,
		name: envelope.name,
		status: envelope.status,
		errors: [...envelope.errors],
		warnings: [...envelope.warnings],
		created_at: chileTime(envelope.createdMs),
		updated_at: chileTime(envelope.updatedMs),
		sent_at: chileTime(envelope.sentMs),
		completed_at: chileTime(envelope.completedMs),
		documents: envelope.documents.map((d) => ({
			id: d.id,
			custom_key: d.key,
			file_type: d.type,
			order: d.order,
			status: d.status,
			created_at: chileTime(d.createdMs),
			updated_at: chileTime(d.updatedMs),
			file_name: d.fileName,
			content_type: 'application/pdf',
			file_size: d.data.length,
			page_count: 1,
			url: fileUrl(d),
		})),
		recipients: envelope.recipients.map((r) => recipientView(r)),
		placements: envelope.placements.map((p, i) => {
			const c = p.spec.coordinates;
			return {
				id: p.id,
				custom_key: p.key,
				placement_type: p.spec.type ?? 'SIGNATURE',
				created_at: chileTime(p.createdMs),
				updated_at: chileTime(p.createdMs),
				recipient_id: recipientsByKey.get(String(p.spec.recipient_key))?.id ?? null,
				recipient_key: String(p.spec.recipient_key),
				document_id: docsById.get(String(p.spec.document_key))?.id ?? null,
				document_key: String(p.spec.document_key),
				order: p.order,
				coordinates: isPlain(c)
					? {
							id: `Lexgo-Sign-${i}`,
							top: String(c.top),
							left: String(c.left),
							page: String(c.page),
						}
					: null,
				token: p.spec.token ?? null,
			};
		}),
		settings: JSON.parse(JSON.stringify(envelope.settings)),
	};
}

/** @param {import('./state').LexgoSignUpload} upload */
function uploadView(upload) {
	/** @type {Record<string, unknown>} */
	const view = {
		id: upload.id,
		envelope_id: upload.envelopeId,
		status: upload.status,
		file_id: upload.fileId,
		order: upload.order,
		file_name: upload.fileName,
		custom_key: upload.customKey,
		uploaded_at: chileTime(upload.uploadedMs),
		processed_at: chileTime(upload.processedMs),
	};
	if (upload.errorMessage) view.error_message = upload.errorMessage;
	return view;
}

/** @param {unknown} value */
function isPlain(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

module.exports = { chileTime, webhookView, recipientView, envelopeView, uploadView };
