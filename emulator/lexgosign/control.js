'use strict';
/**
 * JSON control API for out-of-process tests (`/lexgosign/_control/...`):
 *   GET  /state       registrations (with their auth values), envelopes, uploads, emitted events
 *   POST /envelopes   seed an envelope (body: seedEnvelope options)
 *   POST /act         { envelopeId, recipient?, action } → the deliveries started
 *   POST /deliver     { event, to, auth?, id?, data?, rawBody? } → the delivery started
 *   POST /webhooks    { url, subscriptions, auth? } register directly
 *   POST /options     change live options (environment, rateLimit, sandboxAllowedEmails, …)
 */
const { sendJson } = require('../http-util');

/** @type {ReadonlyArray<keyof import('../types').LexgoSignEmulator>} */
const LIVE_OPTIONS = [
	'environment',
	'enterpriseName',
	'sandboxAllowedEmails',
	'recipientEnvelopeField',
	'rateLimit',
	'sendDelayMs',
	'processDelayMs',
	'evidenceDelayMs',
	'autoEvidence',
	'evidenceFails',
	'lostResponses',
	'keyDeactivated',
	'apiRoutes',
];

/** @param {import('../types').DeliveryHandle} handle */
const summary = (handle) => ({ deliveryId: handle.id, event: handle.event, url: handle.url });

/**
 * @param {import('../server').ProviderRequest} r
 * @param {string} sub path below /_control
 * @param {import('./index').LexgoSignModule} lexgo the module object
 */
function serveControl(r, sub, lexgo) {
	/** @type {any} untrusted JSON, passed on as the options of the public methods */
	let body = {};
	try {
		body = r.rawBody.length ? JSON.parse(r.rawBody.toString('utf8')) : {};
	} catch {
		return sendJson(r.res, 400, { error: 'invalid JSON' });
	}
	try {
		const key = `${r.method} ${sub}`;
		if (key === 'GET /state') {
			return sendJson(r.res, 200, {
				webhooks: lexgo.webhooks(),
				envelopes: lexgo.listEnvelopes(),
				uploads: [...lexgo.state.uploads.values()].map((u) => lexgo.state.uploadView(u)),
				emitted: lexgo.emitted.map((e) => ({
					event: e.event,
					envelopeId: e.envelopeId,
					deliveries: e.deliveries.map(summary),
				})),
			});
		}
		if (key === 'POST /envelopes') return sendJson(r.res, 201, lexgo.seedEnvelope(body));
		if (key === 'POST /act')
			return sendJson(r.res, 200, { deliveries: lexgo.act(body).map(summary) });
		if (key === 'POST /deliver') return sendJson(r.res, 200, summary(lexgo.deliver(body)));
		if (key === 'POST /webhooks') return sendJson(r.res, 201, lexgo.registerWebhook(body));
		if (key === 'POST /options') {
			for (const name of LIVE_OPTIONS)
				if (name in body) Object.assign(lexgo, { [name]: body[name] });
			return sendJson(r.res, 200, Object.fromEntries(LIVE_OPTIONS.map((n) => [n, lexgo[n]])));
		}
		return sendJson(r.res, 404, { error: `unknown control route ${key}` });
	} catch (error) {
		return sendJson(r.res, 400, { error: /** @type {Error} */ (error).message });
	}
}

module.exports = { serveControl };
