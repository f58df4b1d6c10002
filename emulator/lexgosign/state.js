'use strict';
/**
 * LexgoSign in-memory state: envelopes (documents, recipients, placements, settings), uploads and
 * webhook registrations, and their validation (serializations: ./views.js). No HTTP, no timers.
 */
const { randomUUID } = require('node:crypto');
const views = require('./views');

const { chileTime } = views;

/**
 * @typedef {import('../types').LexgoSignEnvelopeView['status']} EnvelopeStatus
 */

/**
 * @typedef {object} LexgoSignEnvelope internal, mutable
 * @property {string} id
 * @property {string | null} name
 * @property {EnvelopeStatus} status
 * @property {string[]} errors
 * @property {string[]} warnings
 * @property {number} createdMs
 * @property {number} updatedMs
 * @property {number | null} sentMs
 * @property {number | null} completedMs
 * @property {number | null} voidedMs
 * @property {number | null} evidenceMs
 * @property {LexgoSignDocument[]} documents
 * @property {LexgoSignRecipient[]} recipients
 * @property {LexgoSignPlacement[]} placements
 * @property {Record<string, any>} settings free-form JSON, merged over the API key's defaults
 */

/**
 * @typedef {object} LexgoSignDocument
 * @property {string} id
 * @property {string} key the client's own id (custom_key)
 * @property {string} fileName
 * @property {'SIGNABLE' | 'ATTACHMENT'} type
 * @property {number} order
 * @property {Buffer} data the original PDF
 * @property {string} status READY, SIGNED once the envelope completed
 * @property {number} createdMs
 * @property {number} updatedMs
 */

/**
 * @typedef {object} LexgoSignRecipient
 * @property {string} id
 * @property {string} key the client's own id (custom_key)
 * @property {number} order
 * @property {string | null} name
 * @property {string | null} email
 * @property {string | null} phone as the client sent it
 * @property {string | null} taxId as the client sent it
 * @property {string | null} taxLabel as the client sent it
 * @property {string} status CREATED, IN_PROGRESS, SIGNED_ALL, REJECTED
 * @property {boolean} validated passed the email validation (action codeSuccess)
 * @property {number} createdMs
 * @property {number} updatedMs
 */

/**
 * @typedef {object} LexgoSignPlacement
 * @property {string} id
 * @property {string} key the client's own id (custom_key)
 * @property {Record<string, any>} spec the client's JSON (type, document_key, recipient_key, coordinates, token)
 * @property {number} order
 * @property {number} createdMs
 */

/**
 * @typedef {object} LexgoSignUpload a presigned upload
 * @property {string} id
 * @property {string} envelopeId
 * @property {string} fileName
 * @property {number} order
 * @property {string | null} customKey
 * @property {'PENDING' | 'UPLOADED' | 'PROCESSING' | 'COMPLETED' | 'FAILED' | 'EXPIRED'} status
 * @property {number} expiresMs
 * @property {number | null} uploadedMs
 * @property {number | null} processedMs
 * @property {string | null} fileId
 * @property {string | null} errorMessage
 * @property {Buffer | null} data
 */

/**
 * @typedef {object} LexgoSignHook a webhook registration
 * @property {string} id
 * @property {string} url
 * @property {string} subscriptions comma-separated event names
 * @property {'HEADER' | null} authType
 * @property {string | null} auth the Authorization value sent with each delivery
 * @property {number} createdMs
 * @property {number} updatedMs
 */

/**
 * Every documented webhook event, in the docs' order.
 * @type {readonly import('../types').LexgoSignEvent[]}
 */
const EVENT_NAMES = Object.freeze([
	'envelope.sending_failed',
	'envelope.in_progress',
	'envelope.success',
	'envelope.voided',
	'envelope.evidence_generated',
	'envelope.file_uploaded',
	'recipient.email_sent',
	'recipient.email_received',
	'recipient.email_opened',
	'recipient.email_clicked',
	'recipient.email_bounced',
	'recipient.link_generated',
	'recipient.in_progress',
	'recipient.signed_all',
	'recipient.rejected',
	'recipient.validation_code_generated',
	'recipient.validation_code_sent',
	'recipient.validation_code_success',
	'recipient.validation_code_failed',
	'recipient.validation_code_expired',
	'recipient.validation_max_attempts',
]);

/** Per-API-key defaults, as in the docs' webhook example. */
function defaultSettings() {
	return {
		emails: {
			envelope_invitation: 'TRUE',
			envelope_voided: 'TRUE',
			envelope_rejected: 'TRUE',
			envelope_signed: 'TRUE',
		},
		documents: {
			include_page_id: 'TRUE',
			custom_page_id: 'CVE:',
			signatures_per_page: 4,
			signatures_per_row: 1,
		},
		signature_flow: {
			language: 'ES',
			signature_order: 'PARALLEL',
			signature_types: 'DRAWN, UPLOADED',
			signature_color: '#290088',
			sender_name: 'Emulator Enterprise',
			sender_enterprise: null,
		},
		signature: {
			style: 'SIMPLE',
			type: 'INTERNATIONAL',
			image: 'DEFAULT',
			text: 'DEFAULT',
			bg_image: 'DEFAULT',
		},
		validations: {
			email: { order: 0, enabled: 'FALSE' },
			phone: { order: 1, enabled: 'FALSE', methods: 'SMS' },
			id_check: { order: 2, enabled: 'FALSE' },
			biometric: { order: 3, enabled: 'FALSE' },
		},
	};
}

/**
 * @param {Record<string, any>} target
 * @param {Record<string, any>} source
 */
function deepMerge(target, source) {
	for (const [key, value] of Object.entries(source ?? {})) {
		const both = isPlain(value) && isPlain(target[key]);
		target[key] = both ? deepMerge({ ...target[key] }, value) : value;
	}
	return target;
}

/** @param {unknown} value */
function isPlain(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A request-level error (HTTP status + `{error}`), as opposed to envelope validation errors. */
class RequestError extends Error {
	/**
	 * @param {number} status
	 * @param {string} message
	 * @param {Record<string, unknown>} [body] the whole answer body (default: `{ error: message }`)
	 */
	constructor(status, message, body) {
		super(message);
		this.status = status;
		this.body = body;
	}
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PLACEMENT_TYPES = ['SIGNATURE', 'APPROVER', 'WITNESS'];
const NO_PLACEMENTS =
	'There are no signature placements that relate recipients to their respective documents.';

class LexgoSignState {
	/**
	 * @param {object} options
	 * @param {() => number} options.now
	 */
	constructor(options) {
		this.now = options.now;
		/** @type {Map<string, LexgoSignEnvelope>} */
		this.envelopes = new Map();
		/** @type {Map<string, LexgoSignUpload>} */
		this.uploads = new Map();
		/** @type {Map<string, LexgoSignHook>} */
		this.webhooks = new Map();
		this.settings = defaultSettings();
	}

	// ------------------------------------------------------------ webhooks

	/**
	 * Validates and normalises a create/update body; throws RequestError(422).
	 * @param {Record<string, any>} body untrusted JSON
	 * @param {boolean} creating
	 */
	webhookFields(body, creating) {
		/** @type {{ url?: string, subscriptions?: string, authType?: 'HEADER', auth?: string | null }} */
		const fields = {};
		if (creating || body.url !== undefined) {
			let ok = typeof body.url === 'string';
			try {
				ok = ok && /^https?:$/.test(new URL(body.url).protocol);
			} catch {
				ok = false;
			}
			if (!ok) throw new RequestError(422, 'Validation failed: Url is not a valid URL');
			fields.url = body.url;
		}
		if (creating || body.subscriptions !== undefined) {
			if (typeof body.subscriptions !== 'string')
				throw new RequestError(
					422,
					'Validation failed: Subscriptions must be a comma-separated string of event names',
				);
			const names = body.subscriptions
				.split(',')
				.map((/** @type {string} */ s) => s.trim())
				.filter(Boolean);
			const known = /** @type {readonly string[]} */ (EVENT_NAMES);
			const unknown = names.find((/** @type {string} */ n) => !known.includes(n));
			if (names.length === 0)
				throw new RequestError(422, "Validation failed: Subscriptions can't be blank");
			if (unknown)
				throw new RequestError(
					422,
					`Validation failed: Subscriptions has an unknown event "${unknown}"`,
				);
			fields.subscriptions = names.join(',');
		}
		if (body.auth_type !== undefined && body.auth_type !== null) {
			if (String(body.auth_type).toLowerCase() !== 'header')
				throw new RequestError(422, 'Validation failed: Auth type is not included in the list');
			fields.authType = 'HEADER';
		}
		if (body.auth !== undefined) fields.auth = body.auth === null ? null : String(body.auth);
		return fields;
	}

	/**
	 * @param {Record<string, any>} body untrusted JSON
	 * @returns {LexgoSignHook}
	 */
	createWebhook(body) {
		const fields = this.webhookFields(body, true);
		const authType = fields.authType ?? (fields.auth ? 'HEADER' : null);
		if (authType === 'HEADER' && !fields.auth)
			throw new RequestError(422, "Validation failed: Auth can't be blank");
		const now = this.now();
		/** @type {LexgoSignHook} */
		const hook = {
			id: randomUUID(),
			// both required when creating: webhookFields() threw otherwise
			url: /** @type {string} */ (fields.url),
			subscriptions: /** @type {string} */ (fields.subscriptions),
			authType,
			auth: authType ? (fields.auth ?? null) : null,
			createdMs: now,
			updatedMs: now,
		};
		this.webhooks.set(hook.id, hook);
		return hook;
	}

	/**
	 * @param {string} id
	 * @param {Record<string, any>} body untrusted JSON
	 */
	updateWebhook(id, body) {
		const hook = this.webhooks.get(id);
		if (!hook) throw new RequestError(404, 'Webhook not found');
		const fields = this.webhookFields(body, false);
		if (fields.url !== undefined) hook.url = fields.url;
		if (fields.subscriptions !== undefined) hook.subscriptions = fields.subscriptions;
		if (fields.authType !== undefined) hook.authType = fields.authType;
		if (fields.auth !== undefined) hook.auth = fields.auth;
		if (hook.auth && !hook.authType) hook.authType = 'HEADER';
		hook.updatedMs = this.now();
		return hook;
	}

	/** @param {LexgoSignHook} hook */
	webhookView(hook) {
		return views.webhookView(hook);
	}

	/**
	 * @param {LexgoSignRecipient} r
	 * @param {import('../types').LexgoSignRecipientEnvelopeField} [field]
	 * @param {LexgoSignEnvelope} [envelope]
	 */
	recipientView(r, field, envelope) {
		return views.recipientView(r, field, envelope);
	}

	/** @param {LexgoSignEnvelope} envelope @param {(doc: LexgoSignDocument) => string} fileUrl */
	envelopeView(envelope, fileUrl) {
		return views.envelopeView(envelope, fileUrl);
	}

	/** @param {LexgoSignUpload} upload */
	uploadView(upload) {
		return views.uploadView(upload);
	}

	/** @param {string} event */
	subscribersOf(event) {
		return [...this.webhooks.values()].filter((hook) =>
			hook.subscriptions.split(',').includes(event),
		);
	}

	// ------------------------------------------------------------ envelopes

	/**
	 * Creates an envelope from an API body. Request-shape problems throw RequestError(422);
	 * validation problems give an envelope in status ERROR (still persisted, like the product).
	 * @param {Record<string, any>} body untrusted JSON
	 * @param {(base64: string) => Buffer | null} decodePdf
	 * @returns {LexgoSignEnvelope}
	 */
	createEnvelope(body, decodePdf) {
		const now = this.now();
		/** @type {LexgoSignEnvelope} */
		const envelope = {
			id: randomUUID(),
			name: typeof body.name === 'string' && body.name.trim() ? body.name.trim() : null,
			status: 'CREATED',
			errors: [],
			warnings: [],
			createdMs: now,
			updatedMs: now,
			sentMs: null,
			completedMs: null,
			voidedMs: null,
			evidenceMs: null,
			documents: [],
			recipients: [],
			placements: [],
			settings: deepMerge(JSON.parse(JSON.stringify(this.settings)), {}),
		};
		this.applyChanges(envelope, body, decodePdf, true);
		this.envelopes.set(envelope.id, envelope);
		return envelope;
	}

	/**
	 * @param {LexgoSignEnvelope} envelope
	 * @param {Record<string, any>} body untrusted JSON
	 * @param {(base64: string) => Buffer | null} decodePdf
	 * @param {boolean} creating
	 */
	applyChanges(envelope, body, decodePdf, creating) {
		for (const key of ['documents', 'recipients', 'placements']) {
			if (body[key] !== undefined && !isPlain(body[key]))
				throw new RequestError(
					422,
					`${creating ? 'Create' : 'Update'} failed: ${key} must be an object keyed by your own ids`,
				);
		}
		if (body.settings !== undefined && !isPlain(body.settings))
			throw new RequestError(422, 'Settings must be an object');
		const now = this.now();
		/** @type {string[]} */
		const problems = [];
		if (typeof body.name === 'string' && body.name.trim()) envelope.name = body.name.trim();
		if (body.documents) {
			envelope.documents = Object.entries(body.documents).map(([key, spec], index) => {
				const data =
					isPlain(spec) && typeof spec.base64 === 'string' ? decodePdf(spec.base64) : null;
				if (!data) problems.push(`Document '${key}' must have a base64-encoded PDF.`);
				const type = isPlain(spec) && spec.type === 'ATTACHMENT' ? 'ATTACHMENT' : 'SIGNABLE';
				return this.newDocument({
					key,
					name: isPlain(spec) && spec.name ? String(spec.name) : `${key}.pdf`,
					type,
					order: isPlain(spec) && Number.isInteger(spec.order) ? spec.order : index,
					data: data ?? Buffer.alloc(0),
				});
			});
		}
		if (body.recipients) {
			envelope.recipients = Object.entries(body.recipients).map(([key, spec], index) => {
				const r = isPlain(spec) ? spec : {};
				if (!r.name) problems.push(`Recipient '${key}' must have a name.`);
				if (!r.email || !EMAIL.test(String(r.email)))
					problems.push(`Recipient '${key}' must have a valid email.`);
				return {
					id: randomUUID(),
					key,
					order: Number.isInteger(r.order) ? r.order : index,
					name: r.name ? String(r.name) : null,
					email: r.email ? String(r.email) : null,
					phone: r.phone ?? null,
					taxId: r.tax_id ?? null,
					taxLabel: r.tax_label ?? null,
					status: 'CREATED',
					validated: false,
					createdMs: now,
					updatedMs: now,
				};
			});
		}
		if (body.placements) {
			envelope.placements = Object.entries(body.placements).map(([key, spec], index) => ({
				id: randomUUID(),
				key,
				spec: isPlain(spec) ? spec : {},
				order: isPlain(spec) && Number.isInteger(spec.order) ? spec.order : index,
				createdMs: now,
			}));
		}
		if (body.settings) deepMerge(envelope.settings, body.settings);
		envelope.updatedMs = now;
		this.validate(envelope, problems);
	}

	/**
	 * @param {{ key: string, name: string, type: LexgoSignDocument['type'], order: number, data: Buffer }} spec
	 * @returns {LexgoSignDocument}
	 */
	newDocument(spec) {
		const now = this.now();
		return {
			id: randomUUID(),
			key: spec.key,
			fileName: /\.pdf$/i.test(spec.name) ? spec.name : `${spec.name}.pdf`,
			type: spec.type,
			order: spec.order,
			data: spec.data,
			status: 'READY',
			createdMs: now,
			updatedMs: now,
		};
	}

	/**
	 * Recomputes status and errors of an envelope in CREATED/ERROR (NEW rules: every recipient and
	 * every signable document needs a placement; approver/witness take no position).
	 * @param {LexgoSignEnvelope} envelope
	 * @param {string[]} [extra]
	 */
	validate(envelope, extra = []) {
		const problems = [...extra];
		const docKeys = new Map(envelope.documents.map((d) => [d.key, d]));
		const recipientKeys = new Set(envelope.recipients.map((r) => r.key));
		if (envelope.recipients.length === 0) problems.push('The envelope has no recipients.');
		if (envelope.documents.length === 0) problems.push('The envelope has no documents.');
		for (const p of envelope.placements) {
			const type = p.spec.type ?? 'SIGNATURE';
			const doc = docKeys.get(String(p.spec.document_key));
			if (!PLACEMENT_TYPES.includes(type))
				problems.push(`Placement '${p.key}' has an invalid type.`);
			if (!recipientKeys.has(String(p.spec.recipient_key)))
				problems.push(`Placement '${p.key}' refers to an unknown recipient.`);
			if (!doc) problems.push(`Placement '${p.key}' refers to an unknown document.`);
			if (type !== 'SIGNATURE' && (p.spec.coordinates || p.spec.token))
				problems.push(`Placement '${p.key}' of type ${type} cannot have coordinates or a token.`);
			if (doc && doc.type === 'ATTACHMENT' && type === 'SIGNATURE')
				problems.push(`Placement '${p.key}' puts a signature on an attachment.`);
		}
		const placed = (/** @type {(p: LexgoSignPlacement) => boolean} */ test) =>
			envelope.placements.some(test);
		const unplaced =
			envelope.recipients.some((r) => !placed((p) => String(p.spec.recipient_key) === r.key)) ||
			envelope.documents.some(
				(d) => d.type === 'SIGNABLE' && !placed((p) => String(p.spec.document_key) === d.key),
			);
		if (unplaced && !problems.includes(NO_PLACEMENTS)) problems.push(NO_PLACEMENTS);
		envelope.errors = [...new Set(problems)];
		envelope.status = envelope.errors.length > 0 ? 'ERROR' : 'CREATED';
		if (!envelope.name && envelope.documents[0])
			envelope.name = envelope.documents[0].fileName.replace(/\.pdf$/i, '');
	}

	/** @param {string} id */
	envelope(id) {
		const envelope = this.envelopes.get(id);
		if (!envelope) throw new RequestError(404, 'Envelope not found');
		return envelope;
	}

	/**
	 * Finds a recipient by index, id, key or email; default: the first one that can sign now.
	 * @param {LexgoSignEnvelope} envelope
	 * @param {number | string | undefined} which
	 */
	recipient(envelope, which) {
		const list = envelope.recipients;
		const found =
			which === undefined
				? list.find((r) => r.status === 'IN_PROGRESS')
				: typeof which === 'number'
					? list[which]
					: list.find((r) => r.id === which || r.key === which || r.email === which);
		if (!found)
			throw new Error(`no recipient ${which ?? '(in progress)'} in envelope ${envelope.id}`);
		return found;
	}
}

module.exports = {
	LexgoSignState,
	RequestError,
	EVENT_NAMES,
	NO_PLACEMENTS,
	chileTime,
	defaultSettings,
	deepMerge,
	isPlain,
};
