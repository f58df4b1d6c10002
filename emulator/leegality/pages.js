'use strict';
/**
 * Non-API routes of the Leegality module: the invitee's signing page (`/leegality/sign/<uuid>`,
 * lets a human sign/approve/reject from a browser), the CDN for short-lived file links
 * (`/leegality/cdn/<token>`), and an unauthenticated JSON control API for out-of-process tests
 * (`/leegality/_control/...`).
 */
const { sendJson, sendBytes, escapeHtml } = require('../http-util');
const { describe, isPending } = require('./state');

/** @typedef {import('../server').ProviderRequest} ProviderRequest */

/**
 * @param {ProviderRequest} r provider request
 * @param {import('../files').ShortLivedFiles} files
 * @param {string} token
 */
function serveCdn(r, files, token) {
	const xml = (
		/** @type {number} */ status,
		/** @type {string} */ code,
		/** @type {string} */ message,
	) =>
		sendBytes(
			r.res,
			status,
			`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
			'application/xml',
		);
	if (r.method !== 'GET' && r.method !== 'HEAD')
		return xml(
			405,
			'MethodNotAllowed',
			'The specified method is not allowed against this resource.',
		);
	if (r.headers.authorization !== undefined)
		return xml(400, 'InvalidArgument', 'Only one auth mechanism allowed.');
	const entry = files.get(token);
	if (entry === undefined) return xml(404, 'NoSuchKey', 'The specified key does not exist.');
	if (entry === 'expired') return xml(403, 'AccessDenied', 'Request has expired');
	return sendBytes(r.res, 200, entry.body, entry.contentType);
}

/**
 * GET shows the invitation; POST (form field `action`) acts on it and fires the webhook.
 * @param {ProviderRequest} r
 * @param {string} uuid
 * @param {import('./index').LeegalityModule} leegality the module object (emu.leegality)
 */
function serveSignPage(r, uuid, leegality) {
	const hit = leegality.state.findInvitation(uuid);
	if (!hit)
		return page(
			r,
			404,
			'Invitation not found',
			'<p>This invitation does not exist or was deleted.</p>',
		);
	let notice = '';
	if (r.method === 'POST') {
		const form = new URLSearchParams(r.rawBody.toString('utf8'));
		try {
			const handle = leegality.act({
				documentId: hit.doc.id,
				invitee: hit.inv.uuid,
				// unchecked here: act() refuses an unknown action
				action: /** @type {import('../types').LeegalityAction} */ (form.get('action')),
				rejectionMessage: form.get('rejectionMessage') || undefined,
			});
			notice = `<p class="ok">Done: ${escapeHtml(handle.event)}. ${handle.url ? `Webhook sent to ${escapeHtml(handle.url)}.` : 'No webhook URL configured for this invitee.'}</p>`;
		} catch (error) {
			notice = `<p class="err">${escapeHtml(/** @type {Error} */ (error).message)}</p>`;
		}
	} else if (r.method !== 'GET') {
		return page(r, 405, 'Method not allowed', '');
	}
	const { doc, inv } = hit;
	const actions =
		inv.inviteeType === 'Reviewer' ? ['approve', 'reject'] : ['sign', 'reject', 'failVerification'];
	const buttons =
		doc.status === 'SENT' && isPending(inv)
			? `<form method="post">${actions.map((a) => `<button name="action" value="${a}">${a}</button>`).join(' ')}
<p><label>Rejection message <input name="rejectionMessage"></label></p></form>
<form method="post"><button name="action" value="expire">let it expire</button></form>`
			: '';
	const body = `${notice}
<p>Document <b>${escapeHtml(doc.name)}</b> (${escapeHtml(doc.id)}), status ${escapeHtml(doc.status)}</p>
<p>${escapeHtml(inv.inviteeType)} <b>${escapeHtml(inv.name)}</b> ${escapeHtml(inv.email ?? '')} ${escapeHtml(inv.phone ?? '')}: ${escapeHtml(describe(inv))}${inv.active ? ' (active)' : ''}</p>
${buttons}`;
	return page(r, 200, 'Leegality emulator: sign', body);
}

/**
 * @param {ProviderRequest} r
 * @param {number} status
 * @param {string} title
 * @param {string} body
 */
function page(r, status, title, body) {
	const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;max-width:40em;margin:2em auto}.ok{color:green}.err{color:#b00}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
	sendBytes(r.res, status, html, 'text/html; charset=utf-8');
}

/**
 * JSON control API: GET state, POST documents (seed), POST act, POST deliver, POST webhooks,
 * POST options ({webhookVersion}).
 * @param {ProviderRequest} r
 * @param {string} sub path below /_control
 * @param {import('./index').LeegalityModule} leegality
 */
function serveControl(r, sub, leegality) {
	/** @type {any} untrusted JSON, passed on as the options of the public methods */
	let body = {};
	try {
		body = r.rawBody.length ? JSON.parse(r.rawBody.toString('utf8')) : {};
	} catch {
		return sendJson(r.res, 400, { error: 'invalid JSON' });
	}
	const summary = (/** @type {import('../types').DeliveryHandle} */ h) => ({
		deliveryId: h.id,
		event: h.event,
		url: h.url,
	});
	try {
		const key = `${r.method} ${sub}`;
		if (key === 'GET /state')
			return sendJson(r.res, 200, {
				profiles: leegality.profiles,
				documents: leegality.listDocuments(),
			});
		if (key === 'POST /documents') return sendJson(r.res, 201, leegality.seedDocument(body));
		if (key === 'POST /act') return sendJson(r.res, 200, summary(leegality.act(body)));
		if (key === 'POST /deliver') return sendJson(r.res, 200, summary(leegality.deliver(body)));
		if (key === 'POST /options') return sendJson(r.res, 200, leegality.setOptions(body));
		if (key === 'POST /webhooks') {
			leegality.configureWebhooks(body);
			return sendJson(r.res, 200, { profiles: leegality.profiles });
		}
		return sendJson(r.res, 404, { error: `unknown control route ${key}` });
	} catch (error) {
		return sendJson(r.res, 400, { error: /** @type {Error} */ (error).message });
	}
}

module.exports = { serveCdn, serveSignPage, serveControl };
