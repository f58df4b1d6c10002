'use strict';
/**
 * Unique deliveries for each benchmark target: valid ones (signed the way the provider signs) and
 * forged ones (what a sender without the secrets can send). Every delivery carries a marker that
 * ends up in the execution's data, so the records can be checked for lost or doubled runs.
 */
const { createHmac, randomBytes, randomUUID } = require('node:crypto');
const { leegality, lexgosign } = require('../../emulator');
const { OUR_TRIGGERS, FLOOR } = require('./workflows');

/**
 * @typedef {import('./types').Target} Target
 * @typedef {import('./types').TargetKey} TargetKey
 * @typedef {import('./types').DeliveryMaker} DeliveryMaker
 * @typedef {{ body: string, headers?: Record<string, string>, query?: string }} MadeDelivery
 */

/** Markers look like `bench<run>x<seq>`; db-server.js finds them with MARKER_PATTERN's source. */
const MARKER_PATTERN = /bench[0-9a-f]{8}x\d+/g;

const json = { 'content-type': 'application/json' };
const wrongHex = (/** @type {number} */ bytes) => randomBytes(bytes).toString('hex');

/**
 * A Leegality body for a unique documentId, with the right or a wrong mac (the emulator's
 * builders): v2.5 (invitee signed), or with `filePdf` a v2.3 success body that embeds it as
 * base64, as Leegality sends the signed document.
 * @param {string} marker
 * @param {string} salt
 * @param {boolean} forged
 * @param {Buffer | null} filePdf the PDF to embed (null: a v2.5 body)
 */
function leegalityBody(marker, salt, forged, filePdf) {
	const common = { salt, documentId: marker, irn: marker, mac: forged ? wrongHex(20) : undefined };
	const body = filePdf
		? leegality.buildLegacyWebhookBody('signed', { ...common, version: '2.3', files: [filePdf] })
		: leegality.buildWebhookBody('signed', { ...common, now: Date.now() });
	return JSON.stringify(body);
}

/**
 * A Legalesign realtime event as Legalesign sends it; `id` is the delivery id.
 * @param {string} marker
 */
function legalesignBody(marker) {
	return JSON.stringify({
		version: '1.0',
		id: marker,
		object: 'recipient',
		event: 'completed',
		created: Math.floor(Date.now() / 1000),
		data: {
			uuid: randomUUID(),
			email: 'signer@example.com',
			status: 40,
			statusText: 'Signed',
			roleText: 'Signer',
			document: randomUUID(),
			documentName: marker,
			group: 'main-team',
		},
	});
}

/**
 * Builds the delivery makers for every target.
 * @param {object} context
 * @param {string} context.runId 8 hex chars, unique per benchmark run
 * @param {(target: Target) => string} context.urlOf production URL of a target (without query)
 * @param {string} context.leegalitySalt
 * @param {string | null} context.legalesignToken the URL token the trigger registered (null: none)
 * @param {string | null} context.legalesignHmacSecret null: deliveries carry no X-Hmac-Sha256
 * @param {string} context.lexgosignAuthorization the Authorization value the trigger registered
 * @param {number} context.fileKb Leegality-shaped bodies embed a PDF this large (0: v2.5 bodies)
 * @returns {DeliveryMaker}
 */
function deliveryMakers(context) {
	let sequence = 0;
	const pdf = context.fileKb > 0 ? leegality.samplePdf(['bench'], context.fileKb * 1024) : null;
	const leegalityShaped = (/** @type {boolean} */ forged) =>
		leegalityBody(nextMarker(), context.leegalitySalt, forged, pdf);
	const nextMarker = () => `bench${context.runId}x${++sequence}`;
	/** @type {Record<TargetKey, (forged: boolean) => MadeDelivery>} */
	const makers = {
		webhook: () => ({ body: leegalityShaped(false) }),
		// The same bodies as the bare Webhook: the two differ only in the node.
		'null-trigger': () => ({ body: leegalityShaped(false) }),
		'crypto-if': (forged) => ({ body: leegalityShaped(forged) }),
		leegality: (forged) => ({ body: leegalityShaped(forged) }),
		legalesign: (forged) => {
			const body = legalesignBody(nextMarker());
			/** @type {Record<string, string>} */
			const headers = {};
			// A forger has neither secret: the signature is as wrong as the token.
			if (context.legalesignHmacSecret)
				headers['x-hmac-sha256'] = forged
					? wrongHex(32)
					: createHmac('sha256', context.legalesignHmacSecret).update(body).digest('hex');
			const token = forged ? wrongHex(32) : context.legalesignToken;
			return { body, headers, query: `?token=${token}` };
		},
		lexgosign: (forged) => {
			const body = JSON.stringify(
				lexgosign.buildWebhookBody('envelope.success', { id: nextMarker() }),
			);
			const authorization = forged ? `Bearer ${wrongHex(32)}` : context.lexgosignAuthorization;
			return { body, headers: { authorization } };
		},
	};
	return (target, forged) => {
		const made = makers[target.key](forged);
		// Every body carries its marker.
		const marker = /** @type {RegExpMatchArray} */ (made.body.match(MARKER_PATTERN))[0];
		return {
			url: `${context.urlOf(target)}${made.query || ''}`,
			body: made.body,
			headers: { ...json, ...(made.headers || {}) },
			marker,
		};
	};
}

/** Whether a target refuses forgeries itself (401) instead of running an execution: ours do. */
const refusesForgeries = (/** @type {Target} */ target) => OUR_TRIGGERS.includes(target.key);
/** The bare Webhook and the floor check nothing: there is no forgery to send them. */
const hasForgeries = (/** @type {Target} */ target) => !['webhook', FLOOR].includes(target.key);

module.exports = { MARKER_PATTERN, deliveryMakers, refusesForgeries, hasForgeries };
