'use strict';
/**
 * LexgoSign module of the emulator: state + REST API + webhooks, mounted by server.js under
 * `/lexgosign`. Every choice the reference leaves open is in ./assumptions.js (ASSUMPTIONS);
 * emulator/README.md repeats the list and a test keeps the two in step.
 */
const { randomBytes } = require('node:crypto');
const { sendJson, sendBytes } = require('../http-util');
const { ShortLivedFiles, makePdf } = require('../files');
const { LexgoSignState } = require('./state');
const { createApi } = require('./api');
const { createFlows } = require('./flows');
const webhooks = require('./webhooks');
const { ASSUMPTIONS } = require('./assumptions');
const { serveControl } = require('./control');

/**
 * `emu.lexgosign`: the public API plus what server.js, the API and the control routes need.
 * @typedef {import('../types').LexgoSignEmulator & {
 *   state: LexgoSignState,
 *   handle(r: import('../server').ProviderRequest): Promise<unknown>,
 *   close(): void,
 * }} LexgoSignModule
 */

/**
 * @param {import('../server').ProviderEnv} env
 * @param {import('../types').LexgoSignOptions} [options] startEmulator({ lexgosign })
 * @returns {LexgoSignModule}
 */
function createLexgoSign(env, options = {}) {
	const state = new LexgoSignState({ now: env.now });
	const files = new ShortLivedFiles({ now: env.now, ttlMs: options.fileTtlMs ?? 600_000 });
	const deliverer = new webhooks.LexgoSignDeliverer({
		timeScale: env.timeScale,
		timeoutMs: options.receiverTimeoutMs ?? webhooks.RECEIVER_TIMEOUT_MS,
		log: env.deliverer.log,
		onAttempt: (attempt) => env.deliverer.onAttempt?.(attempt),
	});
	/** @type {Set<NodeJS.Timeout>} */
	const timers = new Set();
	/** @type {Set<Promise<unknown>>} */
	const transitions = new Set();
	let closed = false;

	/** Runs `fn` after `ms` x timeScale; tracked so idle() can wait and close() can cancel. */
	function later(/** @type {number} */ ms, /** @type {() => void} */ fn) {
		if (closed) return;
		const done = new Promise((resolve) => {
			const timer = setTimeout(
				() => {
					timers.delete(timer);
					try {
						if (!closed) fn();
					} finally {
						resolve(undefined);
					}
				},
				Math.max(0, ms * env.timeScale),
			);
			timer.unref();
			timers.add(timer);
		});
		transitions.add(done);
		void done.then(() => transitions.delete(done));
	}

	const fileUrl = (/** @type {Buffer} */ data) =>
		`${env.url()}/lexgosign/files/${files.add(data, 'application/pdf')}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=${Math.round(files.ttlMs / 1000)}`;

	const flows = createFlows({
		now: env.now,
		state,
		deliverer,
		fileUrl,
		later,
		settings: () => lexgo,
	});
	const api = createApi({ lexgo: () => lexgo, state, flows, now: env.now });

	/** S3-style pre-signed links: no credentials accepted, short-lived. */
	function serveFile(
		/** @type {import('../server').ProviderRequest} */ r,
		/** @type {string} */ token,
	) {
		const xml = (
			/** @type {number} */ status,
			/** @type {string} */ code,
			/** @type {string} */ text,
		) =>
			sendBytes(
				r.res,
				status,
				`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${text}</Message></Error>`,
				'application/xml',
			);
		if (r.headers.authorization)
			return xml(
				400,
				'InvalidArgument',
				'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter should be specified',
			);
		const entry = files.get(token);
		if (entry === 'expired') return xml(403, 'AccessDenied', 'Request has expired');
		if (!entry) return xml(404, 'NoSuchKey', 'The specified key does not exist.');
		return sendBytes(r.res, 200, entry.body, entry.contentType);
	}

	/** @type {LexgoSignModule} */
	const lexgo = {
		name: 'lexgosign',
		/** `${emu.url}/lexgosign/v1`: a credential's base URL (`/lexgosign/api/v1` works too). */
		get baseUrl() {
			return `${env.url()}/lexgosign/v1`;
		},
		apiKey: options.apiKey ?? randomBytes(24).toString('base64url'),
		keyDeactivated: false,
		environment: options.environment === 'live' ? 'live' : 'sandbox',
		enterpriseName: options.enterpriseName ?? 'Emulator Enterprise',
		sandboxAllowedEmails: options.sandboxAllowedEmails ?? null,
		recipientEnvelopeField: options.recipientEnvelopeField ?? 'none',
		rateLimit: options.rateLimit ?? null,
		sendDelayMs: options.sendDelayMs ?? 2_000,
		processDelayMs: options.processDelayMs ?? 3_000,
		evidenceDelayMs: options.evidenceDelayMs ?? 2_000,
		autoEvidence: options.autoEvidence !== false,
		evidenceFails: options.evidenceFails === true,
		/** API generation served: "current" (both prefixes, PUT …/send), "older" or "newer" (X-PATHS). */
		apiRoutes: /** @type {'current' | 'older' | 'newer'} */ (
			['older', 'newer'].includes(options.apiRoutes ?? '') ? options.apiRoutes : 'current'
		),
		/** The first N attempts of every event delivery count as failed (answer lost). Default 0. */
		lostResponses: options.lostResponses ?? 0,
		retryDelaysMs: webhooks.RETRY_DELAYS_MS,
		EVENT_NAMES: webhooks.EVENT_NAMES,
		ASSUMPTIONS,
		state,
		/** Every event emitted so far, with the deliveries it started. */
		emitted: flows.emitted,

		/** Registration state, including each `auth` secret (the API never returns it). */
		webhooks() {
			return [...state.webhooks.values()].map((hook) => ({
				...state.webhookView(hook),
				auth: hook.auth,
			}));
		},
		registerWebhook(spec) {
			const hook = state.createWebhook({
				url: spec.url,
				subscriptions: Array.isArray(spec.subscriptions)
					? spec.subscriptions.join(',')
					: spec.subscriptions,
				auth_type: spec.auth ? 'header' : undefined,
				auth: spec.auth ?? undefined,
			});
			return { ...state.webhookView(hook), auth: hook.auth };
		},
		seedEnvelope(spec = {}) {
			const people = spec.recipients ?? [{ name: 'Test Signer', email: 'signer@example.com' }];
			const names =
				typeof spec.documents === 'number'
					? Array.from({ length: spec.documents }, (_, i) => `document-${i + 1}.pdf`)
					: (spec.documents ?? ['contract.pdf']);
			/** @type {Record<string, any>} */
			const body = {
				name: spec.name,
				documents: {},
				recipients: {},
				placements: {},
				settings: { ...(spec.settings ?? {}) },
			};
			if (spec.signatureOrder)
				body.settings.signature_flow = {
					...(body.settings.signature_flow ?? {}),
					signature_order: spec.signatureOrder,
				};
			names.forEach((name, d) => {
				body.documents[String(d)] = {
					name,
					base64: makePdf([`Original ${name}`]).toString('base64'),
					order: d,
				};
				people.forEach((_person, i) => {
					const key = String(d * people.length + i);
					body.placements[key] = { document_key: String(d), recipient_key: String(i) };
				});
			});
			people.forEach((person, i) => {
				body.recipients[String(i)] = { name: person.name, email: person.email, order: i };
			});
			const envelope = state.createEnvelope(body, flows.decodePdf);
			const status = spec.status ?? 'CREATED';
			if (status === 'IN_PROGRESS' || status === 'SUCCESS') {
				envelope.status = 'IN_PROGRESS';
				envelope.sentMs = env.now();
				for (const r of envelope.recipients) r.status = 'IN_PROGRESS';
			}
			if (status === 'SUCCESS') {
				for (const r of envelope.recipients) r.status = 'SIGNED_ALL';
				for (const doc of envelope.documents) doc.status = 'SIGNED';
				envelope.status = 'SUCCESS';
				envelope.completedMs = env.now();
			}
			return flows.view(envelope);
		},
		getEnvelope(id) {
			const envelope = state.envelopes.get(id);
			return envelope ? flows.view(envelope) : undefined;
		},
		listEnvelopes() {
			return [...state.envelopes.values()].map(flows.view);
		},
		send(id) {
			flows.send(state.envelope(id));
		},
		act(request) {
			return flows.act(request);
		},
		/** Sends one delivery (a built body, or `rawBody`) to any URL with the retry rule. */
		deliver(request) {
			const built =
				request.rawBody === undefined ? lexgo.buildWebhookBody(request.event, request) : undefined;
			const body = request.rawBody ?? JSON.stringify(built);
			return deliverer.deliverEvent({
				id: request.id ?? built?.id,
				url: request.to,
				event: request.event ?? null,
				auth: request.auth ?? null,
				headers: request.headers,
				lostResponses: request.lostResponses,
				body: () => body,
			});
		},
		buildWebhookBody(event, opts = {}) {
			return webhooks.buildWebhookBody(event, {
				now: env.now(),
				fileBaseUrl: `${env.url()}/lexgosign/files`,
				...opts,
			});
		},
		/** Resolves once no send/upload/evidence step is pending and every delivery has finished. */
		async idle() {
			while (transitions.size > 0 || deliverer.running.size > 0) {
				await Promise.all([...transitions]);
				await deliverer.idle();
			}
		},
		async handle(r) {
			const version = /^\/(api\/)?v1(\/.*)$/.exec(r.path);
			if (version) return api.handle(r, version[2], version[1] ? 'older' : 'newer');
			const file = /^\/files\/([0-9a-f]+)$/.exec(r.path);
			if (file) return serveFile(r, file[1]);
			if (r.path.startsWith('/_control/'))
				return serveControl(r, r.path.slice('/_control'.length), lexgo);
			return sendJson(r.res, 404, { error: 'Not found' });
		},
		close() {
			closed = true;
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			transitions.clear();
			deliverer.close();
			files.entries.clear();
		},
	};
	return lexgo;
}

module.exports = {
	createLexgoSign,
	ASSUMPTIONS,
	RETRY_DELAYS_MS: webhooks.RETRY_DELAYS_MS,
	RECEIVER_TIMEOUT_MS: webhooks.RECEIVER_TIMEOUT_MS,
	EVENT_NAMES: webhooks.EVENT_NAMES,
	buildWebhookBody: webhooks.buildWebhookBody,
	LexgoSignDeliverer: webhooks.LexgoSignDeliverer,
};
