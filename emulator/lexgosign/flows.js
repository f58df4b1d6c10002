'use strict';
/**
 * LexgoSign state transitions that produce webhook events: sending (SENDING → IN_PROGRESS or
 * ERROR), recipients' actions, completion and evidence, voiding, upload processing. Events go to
 * every registration subscribed to them; their `data` is serialised at each attempt.
 */
const { randomUUID } = require('node:crypto');
const { makePdf } = require('../files');
const { RequestError, chileTime } = require('./state');
const { MAX_FILE_NAME, MAX_UPLOAD_BYTES } = require('./api');

/**
 * @typedef {import('./state').LexgoSignEnvelope} LexgoSignEnvelope
 * @typedef {import('./state').LexgoSignDocument} LexgoSignDocument
 * @typedef {import('./state').LexgoSignRecipient} LexgoSignRecipient
 * @typedef {import('./state').LexgoSignUpload} LexgoSignUpload
 * @typedef {import('../types').DeliveryHandle} DeliveryHandle
 */

const UPLOAD_TTL_MS = 3_600_000;
const ACTIVE_UPLOADS = ['PENDING', 'UPLOADED', 'PROCESSING'];

/**
 * Emulator actions that only emit a recipient event (no state change besides `updated_at`).
 * @type {Readonly<Partial<Record<import('../types').LexgoSignAction, import('../types').LexgoSignEvent>>>}
 */
const RECIPIENT_ACTIONS = Object.freeze({
	emailReceived: 'recipient.email_received',
	emailOpened: 'recipient.email_opened',
	emailClicked: 'recipient.email_clicked',
	emailBounced: 'recipient.email_bounced',
	linkGenerated: 'recipient.link_generated',
	codeGenerated: 'recipient.validation_code_generated',
	codeSent: 'recipient.validation_code_sent',
	codeSuccess: 'recipient.validation_code_success',
	codeFailed: 'recipient.validation_code_failed',
	codeExpired: 'recipient.validation_code_expired',
	maxAttempts: 'recipient.validation_max_attempts',
});

/** @param {string} base64 */
function decodePdf(base64) {
	if (typeof base64 !== 'string' || /^data:/.test(base64)) return null;
	const data = Buffer.from(base64, 'base64');
	return data.subarray(0, 5).toString('latin1') === '%PDF-' ? data : null;
}

/**
 * @param {object} ctx
 * @param {() => number} ctx.now
 * @param {import('./state').LexgoSignState} ctx.state
 * @param {import('./webhooks').LexgoSignDeliverer} ctx.deliverer
 * @param {(data: Buffer) => string} ctx.fileUrl mints a short-lived link
 * @param {(ms: number, fn: () => void) => void} ctx.later runs fn after ms x timeScale
 * @param {() => import('./index').LexgoSignModule} ctx.settings the module's live options (environment, delays, …)
 */
function createFlows(ctx) {
	const { state } = ctx;
	/** @type {Array<{ event: string, envelopeId: string | null, deliveries: DeliveryHandle[] }>} */
	const emitted = [];
	const touch = (/** @type {{ updatedMs: number }} */ target) => (target.updatedMs = ctx.now());
	const setting = (
		/** @type {LexgoSignEnvelope} */ envelope,
		/** @type {string[]} */ path,
		/** @type {string} */ fallback,
	) => String(path.reduce((node, key) => node?.[key], envelope.settings) ?? fallback).toUpperCase();

	/** The bytes behind a document link: the original, or a signed rendition once completed. */
	function documentBytes(
		/** @type {LexgoSignEnvelope} */ envelope,
		/** @type {LexgoSignDocument} */ doc,
	) {
		if (doc.status !== 'SIGNED') return doc.data;
		return makePdf(
			[
				`SIGNED ${doc.fileName}`,
				`Envelope ${envelope.id} (${envelope.name})`,
				...envelope.recipients.map((r) => `Signed by ${r.name} <${r.email}>`),
			],
			`${doc.fileName} (signed)`,
		);
	}

	function evidenceUrl(/** @type {LexgoSignEnvelope} */ envelope) {
		const lines = [
			`Evidence sheet of envelope ${envelope.id}`,
			`Name: ${envelope.name}`,
			`Sent: ${chileTime(envelope.sentMs)}`,
			`Completed: ${chileTime(envelope.completedMs)}`,
			...envelope.recipients.map((r) => `${r.name} <${r.email}>: ${r.status}`),
		];
		return ctx.fileUrl(makePdf(lines, 'Evidence sheet'));
	}

	const view = (/** @type {LexgoSignEnvelope} */ envelope) =>
		state.envelopeView(envelope, (doc) => ctx.fileUrl(documentBytes(envelope, doc)));

	/**
	 * @param {string} event
	 * @param {string | null} envelopeId
	 * @param {() => object} data serialised again at each attempt
	 */
	function emit(event, envelopeId, data) {
		const deliveries = state.subscribersOf(event).map((hook) => {
			const id = randomUUID();
			return ctx.deliverer.deliverEvent({
				id,
				url: hook.url,
				event,
				auth: hook.authType === 'HEADER' ? hook.auth : null,
				body: () => JSON.stringify({ id, event_type: event, data: data() }),
				lostResponses: ctx.settings().lostResponses,
			});
		});
		emitted.push({ event, envelopeId, deliveries });
		return deliveries;
	}

	const envelopeEvent = (/** @type {string} */ event, /** @type {LexgoSignEnvelope} */ envelope) =>
		emit(event, envelope.id, () => {
			const data = view(envelope);
			if (event === 'envelope.evidence_generated') {
				data.evidence_document_url = evidenceUrl(envelope);
				// set by generateEvidence() before this event
				data.evidence_generated_at = /** @type {string} */ (chileTime(envelope.evidenceMs));
			}
			return data;
		});

	const recipientEvent = (
		/** @type {string} */ event,
		/** @type {LexgoSignEnvelope} */ envelope,
		/** @type {LexgoSignRecipient} */ r,
	) =>
		emit(event, envelope.id, () =>
			state.recipientView(r, ctx.settings().recipientEnvelopeField, envelope),
		);

	/** A recipient's turn: signing link, invitation email (unless disabled), can sign. */
	function activate(
		/** @type {LexgoSignEnvelope} */ envelope,
		/** @type {LexgoSignRecipient} */ r,
	) {
		r.status = 'IN_PROGRESS';
		touch(r);
		const handles = [...recipientEvent('recipient.link_generated', envelope, r)];
		if (setting(envelope, ['emails', 'envelope_invitation'], 'TRUE') !== 'FALSE')
			handles.push(...recipientEvent('recipient.email_sent', envelope, r));
		handles.push(...recipientEvent('recipient.in_progress', envelope, r));
		return handles;
	}

	const sequential = (/** @type {LexgoSignEnvelope} */ envelope) =>
		setting(envelope, ['signature_flow', 'signature_order'], 'PARALLEL') === 'SEQUENTIAL';
	const byOrder = (/** @type {LexgoSignEnvelope} */ envelope) =>
		[...envelope.recipients].sort((a, b) => a.order - b.order);

	function finishSending(/** @type {LexgoSignEnvelope} */ envelope) {
		if (envelope.status !== 'SENDING') return;
		const options = ctx.settings();
		const allowed = options.environment === 'sandbox' ? options.sandboxAllowedEmails : null;
		const refused = Array.isArray(allowed)
			? envelope.recipients.filter((r) => r.email === null || !allowed.includes(r.email))
			: [];
		touch(envelope);
		if (refused.length > 0) {
			envelope.status = 'ERROR';
			envelope.errors = refused.map(
				(r) => `The email of the recipient '${r.email}' is not in the sandbox allowed email list`,
			);
			envelopeEvent('envelope.sending_failed', envelope);
			return;
		}
		envelope.status = 'IN_PROGRESS';
		envelope.sentMs = ctx.now();
		envelopeEvent('envelope.in_progress', envelope);
		const ordered = byOrder(envelope);
		for (const r of sequential(envelope) ? ordered.slice(0, 1) : ordered) activate(envelope, r);
	}

	function complete(/** @type {LexgoSignEnvelope} */ envelope) {
		envelope.status = 'SUCCESS';
		envelope.completedMs = ctx.now();
		for (const doc of envelope.documents) {
			doc.status = 'SIGNED';
			touch(doc);
		}
		touch(envelope);
		const handles = envelopeEvent('envelope.success', envelope);
		const options = ctx.settings();
		if (options.autoEvidence) ctx.later(options.evidenceDelayMs, () => generateEvidence(envelope));
		return handles;
	}

	function generateEvidence(/** @type {LexgoSignEnvelope} */ envelope) {
		if (envelope.status !== 'SUCCESS')
			throw new Error(`envelope ${envelope.id} is ${envelope.status}, not SUCCESS`);
		envelope.evidenceMs = ctx.now();
		return envelopeEvent('envelope.evidence_generated', envelope);
	}

	/**
	 * @param {LexgoSignEnvelope} envelope
	 * @param {LexgoSignRecipient} r
	 * @param {boolean} force sign out of turn (complete)
	 * @returns {DeliveryHandle[]}
	 */
	function sign(envelope, r, force) {
		if (r.status !== 'IN_PROGRESS' && !(force && r.status === 'CREATED'))
			throw new Error(`recipient ${r.email} cannot sign (${r.status})`);
		if (
			!force &&
			setting(envelope, ['validations', 'email', 'enabled'], 'FALSE') === 'TRUE' &&
			!r.validated
		)
			throw new Error(
				`recipient ${r.email} must pass the email validation first (action codeSuccess)`,
			);
		r.status = 'SIGNED_ALL';
		touch(r);
		const handles = [...recipientEvent('recipient.signed_all', envelope, r)];
		const waiting = byOrder(envelope).find((x) => x.status === 'CREATED');
		if (waiting && sequential(envelope) && !force) handles.push(...activate(envelope, waiting));
		if (envelope.recipients.every((x) => x.status === 'SIGNED_ALL'))
			handles.push(...complete(envelope));
		return handles;
	}

	function expire(/** @type {LexgoSignUpload} */ upload) {
		if (upload.status === 'PENDING' && ctx.now() > upload.expiresMs) upload.status = 'EXPIRED';
	}

	function processUpload(/** @type {LexgoSignUpload} */ upload) {
		const envelope = state.envelopes.get(upload.envelopeId);
		// receiveUpload() stored the bytes before scheduling this
		const data = decodePdf(/** @type {Buffer} */ (upload.data).toString('base64'));
		upload.processedMs = ctx.now();
		if (!envelope || !data) {
			upload.status = 'FAILED';
			upload.errorMessage = envelope
				? 'The file is not a valid PDF'
				: 'The envelope no longer exists';
			return;
		}
		const key = String(upload.order);
		const doc = state.newDocument({
			key,
			name: upload.fileName,
			type: 'SIGNABLE',
			order: upload.order,
			data,
		});
		envelope.documents = [...envelope.documents.filter((d) => d.key !== key), doc];
		upload.fileId = doc.id;
		upload.status = 'COMPLETED';
		if (envelope.status === 'CREATED' || envelope.status === 'ERROR') state.validate(envelope);
		touch(envelope);
		emit('envelope.file_uploaded', envelope.id, () => ({
			envelope_id: envelope.id,
			presigned_upload_id: upload.id,
			file_id: upload.fileId,
			order: upload.order,
			file_name: upload.fileName,
			custom_key: upload.customKey,
			status: upload.status,
			uploaded_at: chileTime(upload.uploadedMs),
			processed_at: chileTime(upload.processedMs),
		}));
	}

	const uploadsOf = (/** @type {LexgoSignEnvelope} */ envelope) => {
		const list = [...state.uploads.values()].filter((u) => u.envelopeId === envelope.id);
		for (const u of list) expire(u);
		return list;
	};

	return {
		emitted,
		view,
		decodePdf,
		uploadsOf,
		/** @param {Record<string, any>} body untrusted JSON */
		createEnvelope(body) {
			const envelope = state.createEnvelope(body, decodePdf);
			if (envelope.status === 'ERROR') {
				const failed = {
					id: envelope.id,
					status: 'ERROR',
					errors: [...envelope.errors],
					warnings: [],
				};
				return [422, { envelope: failed }];
			}
			const created = {
				id: envelope.id,
				name: envelope.name,
				status: envelope.status,
				created_at: chileTime(envelope.createdMs),
				recipients: envelope.recipients.map((r) => state.recipientView(r)),
			};
			return [200, { envelope: created }];
		},
		/** @param {LexgoSignEnvelope} envelope @param {Record<string, any>} body untrusted JSON */
		updateEnvelope(envelope, body) {
			if (envelope.status !== 'CREATED' && envelope.status !== 'ERROR')
				throw new RequestError(405, `Envelope cannot be updated in ${envelope.status} status`);
			try {
				state.applyChanges(envelope, body, decodePdf, false);
			} catch (error) {
				if (!(error instanceof RequestError)) throw error;
				throw new RequestError(422, 'Update failed', {
					error: 'Update failed',
					message: error.message,
				});
			}
			return envelope;
		},
		/** @param {LexgoSignEnvelope} envelope */
		send(envelope) {
			if (envelope.status !== 'CREATED')
				throw new RequestError(405, 'Envelope not in CREATED status');
			envelope.status = 'SENDING';
			touch(envelope);
			ctx.later(ctx.settings().sendDelayMs, () => finishSending(envelope));
			return envelope;
		},
		/** @param {LexgoSignEnvelope} envelope */
		voidEnvelope(envelope) {
			if (envelope.status === 'SUCCESS')
				throw new RequestError(405, 'Cannot void completed envelope');
			if (envelope.status === 'VOIDED') throw new RequestError(405, 'Envelope already voided');
			envelope.status = 'VOIDED';
			touch(envelope);
			return envelopeEvent('envelope.voided', envelope);
		},
		/** @param {LexgoSignEnvelope} envelope */
		evidence(envelope) {
			if (envelope.status !== 'SUCCESS')
				throw new RequestError(405, 'Envelope not in SUCCESS status');
			if (ctx.settings().evidenceFails) return { success: false, evidence_document_url: null };
			if (envelope.evidenceMs === null) generateEvidence(envelope);
			return { success: true, evidence_document_url: evidenceUrl(envelope) };
		},
		/**
		 * @param {LexgoSignEnvelope} envelope
		 * @param {Record<string, any>} body untrusted JSON
		 * @param {string} baseUrl
		 */
		createUpload(envelope, body, baseUrl) {
			if (envelope.status !== 'CREATED' && envelope.status !== 'ERROR')
				throw new RequestError(405, 'Envelope not in CREATED status');
			const name = typeof body.file_name === 'string' ? body.file_name.trim() : '';
			if (!name || name.length > MAX_FILE_NAME)
				throw new RequestError(
					422,
					`Validation failed: File name is required (at most ${MAX_FILE_NAME} characters)`,
				);
			if (!Number.isInteger(body.order) || body.order < 0)
				throw new RequestError(422, 'Validation failed: Order must be an integer >= 0');
			if (body.content_type !== undefined && body.content_type !== 'application/pdf')
				throw new RequestError(422, 'Validation failed: Content type must be application/pdf');
			if (
				uploadsOf(envelope).some((u) => u.order === body.order && ACTIVE_UPLOADS.includes(u.status))
			)
				throw new RequestError(422, 'Validation failed: Order already has an active upload');
			const now = ctx.now();
			/** @type {LexgoSignUpload} */
			const upload = {
				id: randomUUID(),
				envelopeId: envelope.id,
				fileName: name,
				order: body.order,
				customKey: typeof body.custom_key === 'string' ? body.custom_key : null,
				status: 'PENDING',
				expiresMs: now + UPLOAD_TTL_MS,
				uploadedMs: null,
				processedMs: null,
				fileId: null,
				errorMessage: null,
				data: null,
			};
			state.uploads.set(upload.id, upload);
			return {
				id: upload.id,
				upload_url: `${baseUrl}/uploads/${upload.id}/stream`,
				file_name: upload.fileName,
				order: upload.order,
				custom_key: upload.customKey,
				expires_at: chileTime(upload.expiresMs),
				max_file_size: MAX_UPLOAD_BYTES,
				envelope_id: envelope.id,
				status: upload.status,
				instructions: {
					method: 'PUT',
					headers: { 'Content-Type': 'application/pdf' },
					note: 'Send the file bytes as the body, with your API key in the Authorization header.',
				},
			};
		},
		/** @param {LexgoSignEnvelope} envelope @param {string} id */
		upload(envelope, id) {
			const found = state.uploads.get(id);
			if (!found || found.envelopeId !== envelope.id)
				throw new RequestError(404, 'Upload not found');
			expire(found);
			return found;
		},
		/** @param {string} id @param {import('../server').ProviderRequest} r */
		receiveUpload(id, r) {
			const upload = state.uploads.get(id);
			if (!upload) throw new RequestError(404, 'Upload not found');
			expire(upload);
			if (upload.status === 'EXPIRED') throw new RequestError(403, 'Upload URL expired');
			if (upload.status !== 'PENDING') throw new RequestError(403, 'Upload URL already used');
			const type = String(r.headers['content-type'] ?? '')
				.split(';')[0]
				.trim()
				.toLowerCase();
			if (type !== 'application/pdf')
				throw new RequestError(403, 'Invalid content type; expected application/pdf');
			if (r.rawBody.length > MAX_UPLOAD_BYTES)
				throw new RequestError(403, 'File larger than 50 MB');
			upload.status = 'UPLOADED';
			upload.uploadedMs = ctx.now();
			upload.data = r.rawBody;
			ctx.later(ctx.settings().processDelayMs, () => processUpload(upload));
			return {
				success: true,
				upload_id: upload.id,
				status: 'UPLOADED',
				message: 'File uploaded; processing started',
			};
		},
		/**
		 * Emulator-only actions; returns the deliveries started.
		 * @param {{ envelopeId: string, recipient?: number | string, action: import('../types').LexgoSignAction }} request
		 * @returns {DeliveryHandle[]}
		 */
		act(request) {
			const envelope = state.envelope(request.envelopeId);
			if (request.action === 'generateEvidence') return generateEvidence(envelope);
			if (request.action === 'void') return this.voidEnvelope(envelope);
			if (envelope.status !== 'IN_PROGRESS')
				throw new Error(`envelope ${envelope.id} is ${envelope.status}, not IN_PROGRESS`);
			if (request.action === 'complete') {
				const pending = byOrder(envelope).filter((r) => r.status !== 'SIGNED_ALL');
				return pending.flatMap((r) => sign(envelope, r, true));
			}
			const r = state.recipient(envelope, request.recipient);
			if (request.action === 'sign') return sign(envelope, r, false);
			if (request.action === 'reject') {
				if (r.status !== 'IN_PROGRESS')
					throw new Error(`recipient ${r.email} cannot reject (${r.status})`);
				r.status = 'REJECTED';
				touch(r);
				return recipientEvent('recipient.rejected', envelope, r);
			}
			const event = RECIPIENT_ACTIONS[request.action];
			if (!event) throw new Error(`unknown action "${request.action}"`);
			if (request.action === 'codeSuccess') r.validated = true;
			touch(r);
			return recipientEvent(event, envelope, r);
		},
	};
}

module.exports = { createFlows, decodePdf, RECIPIENT_ACTIONS };
