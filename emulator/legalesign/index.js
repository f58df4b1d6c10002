'use strict';
/**
 * Legalesign module of the emulator: REST API v1, webhook registrations, realtime deliveries,
 * legacy per-event callbacks and 6-minute batches. Mounted by server.js under `/legalesign`.
 * ASSUMPTIONS is the one place where every choice the reference leaves open is written down
 * (emulator/README.md repeats it; a test keeps them in sync).
 */
const { randomBytes } = require('node:crypto');
const { sendJson, sendBytes, escapeHtml } = require('../http-util');
const { ShortLivedFiles } = require('../files');
const { createSelfSignedCertificate } = require('../x509');
const { LegalesignState, DOCUMENT_STATUS_TEXT, SIGNER_STATUS_TEXT } = require('./state');
const { createApi } = require('./api');
const webhooks = require('./webhooks');

/**
 * @typedef {import('../types').LegalesignEmulator} LegalesignEmulator
 * @typedef {import('../types').DeliveryHandle} DeliveryHandle
 * @typedef {import('./state').LegalesignDocument} LegalesignDocument
 * @typedef {import('./state').LegalesignSigner} LegalesignSigner
 * @typedef {import('./state').LegalesignSubscription} LegalesignSubscription
 */

/**
 * `emu.legalesign`: the public API plus what server.js needs.
 * @typedef {LegalesignEmulator & {
 *   state: LegalesignState,
 *   groups: LegalesignState['groups'],
 *   templates: LegalesignState['templates'],
 *   handle(r: import('../server').ProviderRequest): Promise<unknown>,
 *   close(): void,
 * }} LegalesignModule
 */

/**
 * Document transitions the API triggers; each records the change and starts the webhooks.
 * @typedef {object} DocumentEvents
 * @property {(spec: import('./state').CreateDocumentSpec) => LegalesignDocument} create
 * @property {(doc: LegalesignDocument, opts: { notify?: boolean }) => DeliveryHandle[]} void
 */

/** @type {ReadonlyArray<{ id: string, text: string }>} */
const ASSUMPTIONS = Object.freeze([
	{
		id: 'LS-AUTH',
		text: 'Every API request needs exactly `Authorization: ApiKey <username>:<secret>` (compared as a whole); anything else is HTTP 401 with an empty body, checked before routing.',
	},
	{
		id: 'LS-SLASH',
		text: 'API paths without the trailing slash answer 404 {"error": "Paths end with a slash: …"} (no redirect); an unknown path 404, a known path with another method 405.',
	},
	{
		id: 'LS-ERRORS',
		text: 'Validation failures are HTTP 400 with field-keyed bodies: POST /document/ reports every problem at once under "document" (e.g. {"document": {"name": ["This field is required."]}}; per-signer problems under document.signers.<position>), subscribe/unsubscribe under the field name ({"url": ["Enter a valid URL."]}). A body that is not a JSON object: 400 {"error": "…"}. Missing objects: 404 {"error": "… not found."}.',
	},
	{
		id: 'LS-LISTS',
		text: 'Lists are {meta: {limit, next, offset, previous, total_count}, objects}; limit defaults to 20 (0 or invalid = 20, at most 1000), next/previous are /api/v1 URIs or null. Documents are newest first; GET /document/ without group: 400 {"document": {"group": ["This field is required."]}}. archived defaults to false (true / all); created_gt / modified_gt compare YYYY-mm-ddTHH:MM:SS UTC strings.',
	},
	{
		id: 'LS-SEED',
		text: 'Seeded groups: main-team (group_id 1) and sales (2). Seeded template PDFs (valid): 1b7d3c44-5f20-4a1e-9c1d-000000000001 "NDA (one signer)" and …0002 "Contract (two signers)" in main-team, …0003 "Sales order" in sales. Timestamps are UTC.',
	},
	{
		id: 'LS-CREATE',
		text: 'POST /document/ needs group (slug or URI), name (<= 60), templatepdf (uuid or URI, same group) and a non-empty signers list (email, firstname, lastname each); the number of signers is not checked against the template. 201 with Location = absolute document URL; body {"signer_1": "<sign URL>", …} with return_signer_links, else empty. No idempotency.',
	},
	{
		id: 'LS-STATES',
		text: 'A new document is status 10; its signers are 10 (with signers_in_order only the first, the others 4 until their turn). act(): open → signer 15, visit → 20, sign → 30 then 40 (when every signer is 40: document 20, 30, then the final PDF: download_final true and legacy record 100), reject → signer 60 and document 50, bounce → no status change. DELETE /document/{id}/ → status 40 and archived.',
	},
	{
		id: 'LS-REALTIME',
		text: 'Realtime bodies are {version: "1.0", id: <uuid, identical for retries>, object: "document"|"recipient", event: "created"|"rejected"|"finalPdfCreated"|"completed"|"emailOpened"|"visiting"|"bounced", created: <epoch seconds>, data} with camelCase data as the connector schema (document: uuid, name, status, statusText, resourceUri, group (slug), groupResourceUri, tags, recipients[]; recipient: uuid, names, email, order, status, statusText, roleText, rejectReason, emailBounce, emailBounceMessage, resourceUri, document (uuid), documentName, documentResourceUri, group, tags).',
	},
	{
		id: 'LS-REALTIME-EVENTS',
		text: 'Realtime events per transition: create → document.created; sign → recipient.completed (and document.finalPdfCreated once all signed); reject → recipient.rejected then document.rejected; open → recipient.emailOpened; visit → recipient.visiting; bounce → recipient.bounced; void sends no realtime event.',
	},
	{
		id: 'LS-SPELLING',
		text: 'Option realtimeSpelling (live property, control POST /options, deliverRealtime({spelling}), CLI --spelling) picks how the event field is spelled: "rest" (default: the filter value, e.g. finalPdfCreated), "feed" (the subscription feed: documentFinalPdfCreated, recipientCompleted, recipientEmailBounced, …) or "enum" (the GraphQL webhook enum: DOCUMENTS_CREATED, DOCUMENTS_COMPLETED for finalPdfCreated, RECIPIENTS_EMAILBOUNCED, …; emailOpened has no enum name and stays "emailOpened"). object stays "document"/"recipient"; subscription filters always use the REST names.',
	},
	{
		id: 'LS-HMAC',
		text: 'Realtime deliveries carry X-Hmac-Sha256 = HMAC-SHA256 of the exact body keyed with the HMAC secret, lowercase hex (option hmacEncoding "base64"), when an HMAC secret is configured (random by default; hmacSecret: null disables it), and X-Signed-Sha256 = base64 RSA-SHA256 of the body with the test key.',
	},
	{
		id: 'LS-LEGACY-EVENT',
		text: 'Legacy per-event callbacks (notify signed|sent|rejected) are application/x-www-form-urlencoded with fields name, event (signed|sent|rejected), resource_uri, uuid, tag, tag1, tag2 and json_signed = the JSON of those fields plus group and timestamp; header X-Signed = base64 RSA-SHA1 of json_signed. "sent" on create, "signed" when the final PDF exists, "rejected" on rejection.',
	},
	{
		id: 'LS-BATCH',
		text: 'Every status change is queued as {value (string), timestamp (ISO with +00:00), resource_uri, name: "status"}; every 6 minutes (x timeScale; never when timeScale is 0; flushBatch() sends at once) the queue is posted to every notify=all subscription as form fields data (the JSON array, in order) and signed (base64 RSA-SHA1 of data), then emptied. An empty queue sends nothing.',
	},
	{
		id: 'LS-TARGETS',
		text: 'Deliveries go to every active subscription of the right notify type; realtime ones only when the event filter matches ("" all, "document.*", exact) and the group is unset or the document\'s group. Repeated subscriptions of one URL each get their own delivery.',
	},
	{
		id: 'LS-RETRY',
		text: 'A delivery counts as delivered on any 2XX; otherwise (including 3XX, timeouts after 10 s and connection errors) it is retried 1 min, 5 min, 30 min and 2 h after the previous attempt ended (x timeScale), 5 attempts in all, with byte-identical bodies and signatures. lostResponses N (option, property, or per deliver*() request) makes the first N attempts of each delivery count as failed although the receiver got them (a lost answer), so retries reach a healthy receiver.',
	},
	{
		id: 'LS-SUBSCRIBE',
		text: 'POST /subscribe/ validates url (^(http|https)://), notify (all|signed|sent|rejected|realtime), eventFilter (the 11 documented values) and group (slug, URI or id); 201 with an empty body and Location = <api>/unsubscribe/<id>/ (ids start at a random offset, so a restarted emulator does not reuse the ids of an earlier run). The same URL may be subscribed any number of times. GET /notifications/ is a bare array of {url, notify_when, event_filter, group_id, active}, or with option notificationsFormat "wrapped" (live property, control POST /options) a {meta: {limit, next: null, offset: 0, previous: null, total_count}, objects} list like every other list.',
	},
	{
		id: 'LS-UNSUBSCRIBE',
		text: 'DELETE /unsubscribe/<id>/ answers 200 {"message": "Webhook removed"} or 404. POST /unsubscribe/ removes every subscription with exactly that url (and eventFilter / group when given) and answers 200 {} whether or not one existed; 400 for a missing or invalid url.',
	},
	{
		id: 'LS-PDF',
		text: 'GET /pdf/{id}/ answers per document pdfMode: "redirect" (default) 302 to <emulator>/legalesign/files/<token>, a link that lives 60 s of the emulator clock and refuses requests carrying an Authorization header (400); "direct" 200 application/pdf; "restoring" 201 with a JSON message. The PDF is generated and names the document; unsigned documents get a PDF too.',
	},
	{
		id: 'LS-SIGNER',
		text: 'Send Reminder and New Link on a finished signer (status >= 40): 400 {"signer": {"status": [...]}}; new-link answers 201 with the one-use link in Location; rejection answers {status, reason} (reason null unless rejected).',
	},
	{
		id: 'LS-FAIL',
		text: 'failNext({status, body, times, method, path}) makes the next matching authenticated API requests answer that status (e.g. 429 with an empty body) before routing; used to test retries.',
	},
]);

/**
 * @param {unknown} value
 * @returns {import('../types').LegalesignSpelling}
 */
function spellingOf(value) {
	const spelling = webhooks.SPELLING_NAMES.find((name) => name === String(value ?? 'rest'));
	if (!spelling)
		throw new Error(`realtimeSpelling must be one of ${webhooks.SPELLING_NAMES.join(', ')}`);
	return spelling;
}

/**
 * @param {unknown} value
 * @returns {import('../types').LegalesignNotificationsFormat}
 */
function notificationsFormatOf(value) {
	const format = String(value ?? 'array');
	if (format !== 'array' && format !== 'wrapped')
		throw new Error('notificationsFormat must be "array" or "wrapped"');
	return format;
}

/**
 * @param {import('../server').ProviderEnv} env
 * @param {import('../types').LegalesignOptions} [options] startEmulator({ legalesign })
 * @returns {LegalesignModule}
 */
function createLegalesign(env, options = {}) {
	const state = new LegalesignState({ now: env.now });
	const files = new ShortLivedFiles({ now: env.now, ttlMs: options.linkTtlMs ?? 60_000 });
	/** @type {import('../types').LegalesignKeys | undefined} */
	let testKeys = options.keys;
	/** The signing key is made on first use (RSA key generation is slow). */
	const keys = () =>
		(testKeys ??= createSelfSignedCertificate({ commonName: 'legalesign.com/emulator' }));
	/** @type {import('../types').LegalesignChangeRecord[]} */
	let pendingRecords = [];
	/** @type {Array<{ status: number, body?: unknown, times: number, method?: string, path?: string }>} */
	const failures = [];
	const timeScale = env.timeScale;
	/** @type {NodeJS.Timeout | undefined} */
	let batchTimer;
	if (timeScale > 0) {
		batchTimer = setInterval(() => legalesign.flushBatch(), webhooks.BATCH_INTERVAL_MS * timeScale);
		batchTimer.unref();
	}

	/**
	 * @param {{ event: string, url: string, body: string, headers: Record<string, string>, lostResponses?: number }} d
	 */
	function send(d) {
		return env.deliverer.deliver({
			provider: 'legalesign',
			event: d.event,
			url: d.url,
			body: d.body,
			headers: d.headers,
			retryDelaysMs: [...webhooks.RETRY_DELAYS_MS],
			lostResponses: d.lostResponses ?? legalesign.lostResponses,
		});
	}

	/**
	 * Realtime headers for an exact body.
	 * @param {string} body
	 * @param {{ hmacSecret?: string | null, hmacEncoding?: 'hex' | 'base64', headers?: Record<string, string> }} [opts]
	 */
	function realtimeHeaders(body, opts = {}) {
		/** @type {Record<string, string>} */
		const headers = { 'Content-Type': 'application/json' };
		const secret = opts.hmacSecret !== undefined ? opts.hmacSecret : legalesign.hmacSecret;
		if (secret)
			headers['X-Hmac-Sha256'] = webhooks.hmacSignature(
				body,
				secret,
				opts.hmacEncoding ?? legalesign.hmacEncoding,
			);
		headers['X-Signed-Sha256'] = webhooks.rsaSignature(body, keys().privateKey, 'sha256');
		return { ...headers, ...(opts.headers ?? {}) };
	}

	/**
	 * @param {string} event
	 * @param {LegalesignDocument} doc
	 * @param {LegalesignSigner} [signer]
	 * @param {{ emailBounce?: number, emailBounceMessage?: string }} [bounce]
	 */
	function emitRealtime(event, doc, signer, bounce) {
		const targets = state.subscriptions.filter(
			(s) =>
				s.active &&
				s.notify === 'realtime' &&
				webhooks.matchesFilter(s.event_filter, event) &&
				(!s.group || s.group.slug === doc.group),
		);
		return targets.map((s) => {
			const body = JSON.stringify(
				webhooks.buildRealtimeBody(event, {
					document: doc,
					signer,
					bounce,
					nowMs: env.now(),
					spelling: legalesign.realtimeSpelling,
				}),
			);
			return send({ event, url: s.url, body, headers: realtimeHeaders(body) });
		});
	}

	/** @param {import('../types').LegalesignLegacyKind} kind @param {LegalesignDocument} doc */
	function emitLegacy(kind, doc) {
		return state.subscriptions
			.filter((s) => s.active && s.notify === kind)
			.map((s) => {
				const built = webhooks.buildLegacyEvent(kind, doc, {
					privateKey: keys().privateKey,
					nowMs: env.now(),
				});
				return send({
					event: `legacy.${kind}`,
					url: s.url,
					body: built.body,
					headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...built.headers },
				});
			});
	}

	/**
	 * @param {'document' | 'signer'} type
	 * @param {LegalesignDocument | LegalesignSigner} object
	 * @param {number} value
	 */
	function record(type, object, value) {
		object.status = value === 100 ? object.status : value;
		pendingRecords.push(webhooks.changeRecord(type, object.uuid, value, env.now()));
	}

	/** @type {DocumentEvents} */
	const events = {
		create(spec) {
			const doc = state.createDocument(spec);
			for (const s of doc.signers) {
				if (s.status === 10)
					pendingRecords.push(webhooks.changeRecord('signer', s.uuid, 5, env.now()));
				pendingRecords.push(webhooks.changeRecord('signer', s.uuid, s.status, env.now()));
			}
			pendingRecords.push(webhooks.changeRecord('document', doc.uuid, 10, env.now()));
			emitRealtime('document.created', doc);
			emitLegacy('sent', doc);
			return doc;
		},
		void(doc, _opts) {
			record('document', doc, 40);
			doc.archived = true;
			state.touch(doc);
			return [];
		},
	};

	/**
	 * @param {LegalesignDocument} doc
	 * @param {LegalesignSigner} signer
	 * @param {string} action open | visit | sign | reject | bounce (checked here)
	 * @param {{ reason?: string, message?: string }} opts
	 */
	function actOn(doc, signer, action, opts) {
		const finished = signer.status >= 40;
		if (doc.status === 40 || doc.status === 50 || doc.status === 30)
			throw new Error(`document ${doc.uuid} is finished (status ${doc.status})`);
		if (action !== 'bounce' && finished)
			throw new Error(`signer ${signer.uuid} already finished (status ${signer.status})`);
		if (signer.status === 4)
			throw new Error(`signer ${signer.uuid} has not been sent the document yet`);
		state.touch(doc);
		if (action === 'open') {
			record('signer', signer, 15);
			return emitRealtime('recipient.emailOpened', doc, signer);
		}
		if (action === 'visit') {
			record('signer', signer, 20);
			return emitRealtime('recipient.visiting', doc, signer);
		}
		if (action === 'bounce') {
			return emitRealtime('recipient.bounced', doc, signer, {
				emailBounce: 1,
				emailBounceMessage: opts.message ?? '550 5.1.1 The email account does not exist',
			});
		}
		if (action === 'reject') {
			signer.rejectReason = opts.reason ?? 'I do not agree with the terms.';
			record('signer', signer, 60);
			record('document', doc, 50);
			return [
				...emitRealtime('recipient.rejected', doc, signer),
				...emitRealtime('document.rejected', doc),
				...emitLegacy('rejected', doc),
			];
		}
		if (action === 'sign') {
			record('signer', signer, 30);
			record('signer', signer, 40);
			const handles = emitRealtime('recipient.completed', doc, signer);
			const next = doc.signers.find((s) => s.status === 4);
			if (next) record('signer', next, 10);
			if (doc.signers.every((s) => s.status === 40)) {
				record('document', doc, 20);
				record('document', doc, 30);
				doc.signTimeMs = env.now();
				doc.downloadFinal = true;
				if (doc.autoArchive) doc.archived = true;
				record('document', doc, 100);
				handles.push(
					...emitRealtime('document.finalPdfCreated', doc),
					...emitLegacy('signed', doc),
				);
			}
			return handles;
		}
		throw new Error(`unknown action ${action}; use open, visit, sign, reject or bounce`);
	}

	/**
	 * @param {LegalesignDocument} doc
	 * @returns {import('../types').LegalesignDocumentSnapshot}
	 */
	function snapshot(doc) {
		return {
			documentId: doc.uuid,
			name: doc.name,
			group: doc.group,
			templatePdf: doc.templatepdf,
			status: doc.status,
			statusText:
				DOCUMENT_STATUS_TEXT[/** @type {keyof typeof DOCUMENT_STATUS_TEXT} */ (doc.status)] ?? '',
			archived: doc.archived,
			downloadFinal: doc.downloadFinal,
			pdfMode: doc.pdfMode,
			signers: doc.signers.map((s) => ({
				signerId: s.uuid,
				email: s.email,
				firstname: s.firstname,
				lastname: s.lastname,
				order: s.order,
				status: s.status,
				statusText:
					SIGNER_STATUS_TEXT[/** @type {keyof typeof SIGNER_STATUS_TEXT} */ (s.status)] ?? '',
				rejectReason: s.rejectReason,
			})),
		};
	}

	/**
	 * @param {LegalesignSubscription} s
	 * @returns {import('../types').LegalesignSubscriptionSnapshot}
	 */
	function subscriptionSnapshot(s) {
		return {
			id: s.id,
			url: s.url,
			notify: s.notify,
			eventFilter: s.event_filter,
			group: s.group ? s.group.slug : null,
			active: s.active,
		};
	}

	/** @type {LegalesignModule} */
	const legalesign = {
		name: 'legalesign',
		get baseUrl() {
			return `${env.url()}/legalesign/api/v1`;
		},
		username: options.username ?? `emu-${randomBytes(8).toString('hex')}`,
		secret: options.secret ?? randomBytes(20).toString('hex'),
		get authorization() {
			return `ApiKey ${legalesign.username}:${legalesign.secret}`;
		},
		hmacSecret:
			options.hmacSecret === undefined ? randomBytes(24).toString('base64url') : options.hmacSecret,
		hmacEncoding: options.hmacEncoding === 'base64' ? 'base64' : 'hex',
		get certificatePem() {
			return keys().certificatePem;
		},
		get privateKey() {
			return keys().privateKey;
		},
		/** The first N attempts of every delivery count as failed (lost answers); 0 by default. */
		lostResponses: options.lostResponses ?? 0,
		/** How realtime deliveries spell their event: "rest" (default), "feed" or "enum". */
		realtimeSpelling: spellingOf(options.realtimeSpelling),
		/** How GET /notifications/ lists webhooks: "array" (documented) or "wrapped". */
		notificationsFormat: notificationsFormatOf(options.notificationsFormat),
		retryDelaysMs: webhooks.RETRY_DELAYS_MS,
		batchIntervalMs: webhooks.BATCH_INTERVAL_MS,
		ASSUMPTIONS,
		state,
		groups: state.groups,
		templates: state.templates,

		listSubscriptions() {
			return state.subscriptions.map(subscriptionSnapshot);
		},

		/** Registers a webhook directly (as the dashboard would), without validation. */
		subscribe(spec) {
			const group = spec.group ? state.group(spec.group) : null;
			if (spec.group && !group) throw new Error(`unknown group ${spec.group}`);
			return subscriptionSnapshot(
				state.subscribe({
					url: spec.url,
					notify: spec.notify,
					eventFilter: spec.eventFilter ?? '',
					group,
				}),
			);
		},

		/** Removes every registration. */
		clearSubscriptions() {
			state.subscriptions.length = 0;
		},
		get pendingBatchRecords() {
			return pendingRecords.map((r) => ({ ...r }));
		},

		seedDocument(spec = {}) {
			const group = state.group(spec.group ?? 'main-team');
			if (!group) throw new Error(`unknown group ${spec.group}`);
			const template =
				state.template(spec.templatePdf) ?? state.templates.find((t) => t.group === group.slug);
			const doc = events.create({
				name: spec.name ?? 'Emulator document',
				group: group.slug,
				templatepdf: template?.uuid ?? null,
				signers: spec.signers ?? [
					{ firstname: 'Test', lastname: 'Signer', email: 'signer@example.com' },
				],
				signers_in_order: spec.signersInOrder,
				do_email: true,
				tag: spec.tag,
				pdfMode: spec.pdfMode ?? options.pdfMode,
				auto_archive: spec.autoArchive,
			});
			if (spec.signed) for (const s of doc.signers) actOn(doc, s, 'sign', {});
			return snapshot(doc);
		},

		act(request) {
			const doc = state.document(request.documentId);
			if (!doc) throw new Error(`unknown documentId ${request.documentId}`);
			const signer =
				typeof request.signer === 'string'
					? doc.signers.find((s) => s.uuid === request.signer)
					: typeof request.signer === 'number'
						? doc.signers[request.signer]
						: doc.signers.find((s) => s.status < 40 && s.status !== 4);
			if (!signer)
				throw new Error(`no such signer ${request.signer ?? '(next pending)'} in ${doc.uuid}`);
			return actOn(doc, signer, request.action, request);
		},

		setPdfMode(documentId, mode) {
			const doc = state.document(documentId);
			if (!doc) throw new Error(`unknown documentId ${documentId}`);
			doc.pdfMode = mode;
		},

		getDocument(documentId) {
			const doc = state.document(documentId);
			return doc ? snapshot(doc) : undefined;
		},
		listDocuments() {
			return [...state.documents.values()].map(snapshot);
		},

		/** Posts the queued change records to every notify=all subscription now. */
		flushBatch() {
			const targets = state.subscriptions.filter((s) => s.active && s.notify === 'all');
			if (pendingRecords.length === 0 || targets.length === 0) return [];
			const batch = webhooks.buildBatch(pendingRecords, { privateKey: keys().privateKey });
			pendingRecords = [];
			return targets.map((s) =>
				send({
					event: 'legacy.all',
					url: s.url,
					body: batch.body,
					headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				}),
			);
		},

		/** Realtime event to any URL (default: a fresh sample document). */
		deliverRealtime(request) {
			const doc = request.documentId
				? state.document(request.documentId)
				: webhooks.sampleDocument();
			if (!doc) throw new Error(`unknown documentId ${request.documentId}`);
			const body =
				request.rawBody ??
				JSON.stringify({
					...webhooks.buildRealtimeBody(request.event, {
						document: doc,
						nowMs: env.now(),
						id: request.id,
						spelling: request.spelling ?? legalesign.realtimeSpelling,
					}),
					...(request.override ?? {}),
				});
			return send({
				event: request.event,
				url: request.to,
				body,
				headers: realtimeHeaders(body, request),
				lostResponses: request.lostResponses,
			});
		},

		deliverLegacyEvent(request) {
			const doc = request.documentId
				? state.document(request.documentId)
				: webhooks.sampleDocument();
			if (!doc) throw new Error(`unknown documentId ${request.documentId}`);
			const built = webhooks.buildLegacyEvent(request.kind, doc, {
				privateKey: request.privateKey ?? keys().privateKey,
				nowMs: env.now(),
			});
			return send({
				event: `legacy.${request.kind}`,
				url: request.to,
				body: built.body,
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					...built.headers,
					...(request.headers ?? {}),
				},
				lostResponses: request.lostResponses,
			});
		},

		deliverBatch(request) {
			const records = request.records ?? pendingRecords;
			const batch = webhooks.buildBatch(records, {
				privateKey: request.privateKey ?? keys().privateKey,
			});
			return send({
				event: 'legacy.all',
				url: request.to,
				body: batch.body,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				lostResponses: request.lostResponses,
			});
		},

		/**
		 * Live options (control POST /options).
		 * @param {{ realtimeSpelling?: string, notificationsFormat?: string, lostResponses?: number }} changes
		 */
		setOptions(changes) {
			if (changes.realtimeSpelling !== undefined)
				legalesign.realtimeSpelling = spellingOf(changes.realtimeSpelling);
			if (changes.notificationsFormat !== undefined)
				legalesign.notificationsFormat = notificationsFormatOf(changes.notificationsFormat);
			if (changes.lostResponses !== undefined) legalesign.lostResponses = changes.lostResponses;
			return {
				realtimeSpelling: legalesign.realtimeSpelling,
				notificationsFormat: legalesign.notificationsFormat,
				lostResponses: legalesign.lostResponses,
			};
		},

		/** @param {{ status: number, body?: unknown, times?: number, method?: string, path?: string }} failure */
		failNext(failure) {
			failures.push({ ...failure, times: failure.times ?? 1 });
		},

		async handle(r) {
			const sub = r.path;
			if (sub.startsWith('/api/v1/')) return api.handle(r, sub.slice('/api/v1'.length));
			const file = /^\/files\/([0-9a-f]+)$/.exec(sub);
			if (file) return serveFile(r, file[1]);
			const sign = /^\/sign\/([0-9a-fA-F-]{36})\/?$/.exec(sub);
			if (sign) return serveSignPage(r, sign[1]);
			if (sub.startsWith('/_control/')) return serveControl(r, sub.slice('/_control'.length));
			return sendJson(r.res, 404, { error: 'Not found' });
		},

		close() {
			if (batchTimer) clearInterval(batchTimer);
			files.entries.clear();
		},
	};

	const api = createApi({
		state,
		authorization: () => legalesign.authorization,
		apiBase: () => legalesign.baseUrl,
		notificationsFormat: () => legalesign.notificationsFormat,
		emulatorUrl: env.url,
		addFile: (body, type) => files.add(body, type),
		events,
		takeFailure(method, path) {
			const index = failures.findIndex(
				(f) => (!f.method || f.method === method) && (!f.path || path.startsWith(f.path)),
			);
			if (index < 0) return undefined;
			const failure = failures[index];
			if (--failure.times <= 0) failures.splice(index, 1);
			return { status: failure.status, body: failure.body };
		},
	});

	/** Short-lived links: no Authorization allowed (like a pre-signed URL). @param {import('../server').ProviderRequest} r @param {string} token */
	function serveFile(r, token) {
		if (r.headers.authorization !== undefined)
			return sendBytes(
				r.res,
				400,
				'Authorization is not allowed on pre-signed links',
				'text/plain',
			);
		const entry = files.get(token);
		if (entry === 'expired') return sendBytes(r.res, 403, 'Link expired', 'text/plain');
		if (!entry) return sendBytes(r.res, 404, 'No such link', 'text/plain');
		return sendBytes(r.res, 200, entry.body, entry.contentType);
	}

	/** A minimal signing page: buttons that call act(). @param {import('../server').ProviderRequest} r @param {string} signerId */
	function serveSignPage(r, signerId) {
		const signer = state.signer(signerId);
		if (!signer) return sendBytes(r.res, 404, 'Unknown signer', 'text/plain');
		let notice = '';
		if (r.method === 'POST') {
			const action = new URLSearchParams(r.rawBody.toString('utf8')).get('action') ?? '';
			try {
				const handles = actOn(signer.document, signer, action, {});
				notice = `<p>Done: ${escapeHtml(action)} (${handles.length} webhook deliveries started)</p>`;
			} catch (error) {
				notice = `<p>${escapeHtml(/** @type {Error} */ (error).message)}</p>`;
			}
		}
		const buttons = ['open', 'visit', 'sign', 'reject', 'bounce']
			.map((a) => `<button name="action" value="${a}">${a}</button>`)
			.join(' ');
		const html = `<!doctype html><html><head><meta charset="utf-8"><title>Legalesign emulator: sign</title></head><body>
<h1>${escapeHtml(signer.document.name)}</h1>${notice}
<p>${escapeHtml(signer.firstname)} ${escapeHtml(signer.lastname)} &lt;${escapeHtml(signer.email)}&gt;: status ${signer.status}</p>
<form method="post">${buttons}</form></body></html>`;
		return sendBytes(r.res, 200, html, 'text/html; charset=utf-8');
	}

	/** JSON control API for out-of-process tests. @param {import('../server').ProviderRequest} r @param {string} sub */
	function serveControl(r, sub) {
		/** @type {any} untrusted JSON, passed on as the options of the public methods */
		let body = {};
		try {
			body = r.rawBody.length ? JSON.parse(r.rawBody.toString('utf8')) : {};
		} catch {
			return sendJson(r.res, 400, { error: 'invalid JSON' });
		}
		const summary = (/** @type {DeliveryHandle[]} */ handles) =>
			handles.map((h) => ({ deliveryId: h.id, event: h.event, url: h.url }));
		try {
			const key = `${r.method} ${sub}`;
			if (key === 'GET /state')
				return sendJson(r.res, 200, {
					subscriptions: legalesign.listSubscriptions(),
					documents: legalesign.listDocuments(),
					pendingBatchRecords: legalesign.pendingBatchRecords,
					certificatePem: legalesign.certificatePem,
				});
			if (key === 'GET /subscriptions') return sendJson(r.res, 200, legalesign.listSubscriptions());
			if (key === 'POST /documents') return sendJson(r.res, 201, legalesign.seedDocument(body));
			if (key === 'POST /act') return sendJson(r.res, 200, summary(legalesign.act(body)));
			if (key === 'POST /flush') return sendJson(r.res, 200, summary(legalesign.flushBatch()));
			if (key === 'POST /deliver') {
				const handle =
					body.kind === 'batch'
						? legalesign.deliverBatch(body)
						: body.kind
							? legalesign.deliverLegacyEvent(body)
							: legalesign.deliverRealtime(body);
				return sendJson(r.res, 200, summary([handle]));
			}
			if (key === 'POST /options') return sendJson(r.res, 200, legalesign.setOptions(body));
			if (key === 'POST /fail-next') {
				legalesign.failNext(body);
				return sendJson(r.res, 200, { ok: true });
			}
			return sendJson(r.res, 404, { error: `unknown control route ${key}` });
		} catch (error) {
			return sendJson(r.res, 400, { error: /** @type {Error} */ (error).message });
		}
	}

	return legalesign;
}

module.exports = { createLegalesign, ASSUMPTIONS, ...webhooks };
