'use strict';
/**
 * Leegality REST API (`/leegality/api/...`): auth, the Content-Type quirk, routing, and the
 * endpoint handlers. Business errors are HTTP 200 with `status: 0`.
 */
const { timingSafeEqual } = require('node:crypto');
const { sendJson, sendBytes } = require('../http-util');
const { formatDate, parseDay, endOfIstDay, isPending, isDone, DAY_MS } = require('./state');
const { flagReader, detailsView, statusView, renderFile, DOWNLOAD_TYPES } = require('./views');

/** @typedef {import('../server').ProviderRequest} ProviderRequest */

const ok = (
	/** @type {unknown} */ data,
	/** @type {{ code: string | null, message: string }[]} */ messages = [],
) => ({ status: 1, messages, data });
const fail = (/** @type {string | null} */ code, /** @type {string} */ message) => ({
	status: 0,
	messages: [{ code, message }],
	data: null,
});

const ACCESS_DENIED = fail(null, 'Access Denied');
const INVALID_TOKEN = fail('', '');
const NO_DOCUMENT = () => fail('no.document.found', 'No document found.');
const NULL_PROPERTY = (/** @type {string} */ name) => fail(null, `Property ${name} cannot be null`);
const LIST_STATUSES = ['DRAFT', 'SENT', 'RECEIVED', 'SIGNED', 'COMPLETED', 'EXPIRED'];
const MAX_FILE_BYTES = 15 * 1024 * 1024;

/**
 * @param {object} ctx
 * @param {import('./state').LeegalityState} ctx.state
 * @param {() => string} ctx.authToken
 * @param {import('./views').FileUrl} ctx.fileUrl
 * @param {() => number} ctx.now
 * @param {{ createResponseKey: 'invitees' | 'invitations' }} ctx.options
 */
function createApi(ctx) {
	const { state } = ctx;

	/** @type {Record<string, (r: ProviderRequest, q: URLSearchParams) => unknown>} */
	const routes = {
		'GET /v3.3/document/details': (_r, q) =>
			withDocument(q, (doc) => ok(detailsView(doc, flagReader(q), ctx.fileUrl))),
		'GET /v3.2/sign/request': (_r, q) => withDocument(q, (doc) => ok(statusView(doc, ctx.fileUrl))),
		'GET /v3.1/document/fetchDocument': (r, q) => fetchDocument(r, q, true),
		'GET /v3.3/document/fetchDocument': (r, q) => fetchDocument(r, q, false),
		'GET /v3.0/sign/request/list': (_r, q) => listDocuments(q),
		'GET /v3.0/document/completed': (_r, q) => listCompleted(q),
		'POST /v3.0/sign/request': (r) => createRequest(r.json),
		'POST /v3.0/sign/request/resend': (r) => resend(r.json),
		'DELETE /v3.0/sign/request': (_r, q) =>
			withDocument(q, (doc) => {
				state.deleteDocument(doc);
				return ok({}, [
					{ code: 'document.delete.success', message: 'Document deleted successfully.' },
				]);
			}),
		'DELETE /v3.0/sign/request/invitation': (_r, q) => deleteInvitation(q.get('signUrl')),
		'POST /v3.0/sign/request/reactivate': (r) => reactivate(r.json),
		'POST /v3.0/sign/request/complete': (r) => markComplete(r.json),
		'PUT /v3.1/invitation/activate': (_r, q) => activateInvitation(q.get('signUrl')),
		'GET /v3.0/wallet/balance/details': () =>
			ok({
				expired: 0,
				reserved: 0,
				unused: 100,
				consumed: state.documents.size,
				total: 100 + state.documents.size,
			}),
	};
	const paths = new Set(Object.keys(routes).map((k) => k.slice(k.indexOf(' ') + 1)));
	const POST_LIKE = new Set(['POST', 'PUT']);

	/**
	 * @param {ProviderRequest} r provider request (see server.js)
	 * @param {string} apiPath path below /leegality/api
	 */
	async function handle(r, apiPath) {
		const token = header(r, 'x-auth-token');
		if (token === undefined || token === '') return sendJson(r.res, 401, ACCESS_DENIED);
		if (header(r, 'authorization') !== undefined || !sameSecret(token, ctx.authToken()))
			return sendJson(r.res, 403, INVALID_TOKEN);

		const route = routes[`${r.method} ${apiPath}`];
		if (!route) return springError(r, paths.has(apiPath) ? 405 : 404);

		// Quirk: a body-less GET/DELETE that carries Content-Type has its query string ignored.
		const ignoreQuery =
			(r.method === 'GET' || r.method === 'DELETE') &&
			header(r, 'content-type') !== undefined &&
			r.rawBody.length === 0;
		const query = ignoreQuery ? new URLSearchParams() : r.searchParams;

		if (POST_LIKE.has(r.method) && !apiPath.endsWith('/activate')) {
			if (!/^application\/([a-z.+-]*\+)?json\b/i.test(header(r, 'content-type') ?? ''))
				return springError(r, 415);
			try {
				r.json = r.rawBody.length ? JSON.parse(r.rawBody.toString('utf8')) : undefined;
			} catch {
				return springError(r, 400);
			}
			if (r.json === undefined) return springError(r, 400);
		}
		const result = await route(r, query);
		if (result === undefined) return; // handler answered itself (binary)
		sendJson(r.res, 200, result);
	}

	/**
	 * @param {URLSearchParams} q
	 * @param {(doc: import('./state').LeegalityDocument) => unknown} fn
	 */
	function withDocument(q, fn) {
		const id = q.get('documentId');
		if (!id) return NULL_PROPERTY('documentId');
		const doc = state.find(id);
		return doc ? fn(doc) : NO_DOCUMENT();
	}

	/**
	 * v3.1 answers raw bytes, v3.3 a JSON envelope with a short-lived URL (COMPLETED only).
	 * @param {ProviderRequest} r
	 * @param {URLSearchParams} q
	 * @param {boolean} binary
	 */
	function fetchDocument(r, q, binary) {
		return withDocument(q, (doc) => {
			if (!binary && doc.status !== 'COMPLETED') return NO_DOCUMENT();
			const types = q
				.getAll('documentDownloadType')
				.flatMap((v) => v.split(','))
				.map((v) => v.trim())
				.filter(Boolean);
			if (types.length !== 1 || !DOWNLOAD_TYPES.includes(types[0]))
				return fail(
					'document.download.type',
					`Exactly one documentDownloadType is required: ${DOWNLOAD_TYPES.join(', ')}.`,
				);
			const type = types[0];
			const index = Number(q.get('index') ?? 0);
			if (!Number.isInteger(index) || index < 0) return fail(null, 'Invalid index.');
			/** @type {import('./views').FileOptions} */
			const opts = { index };
			if (type === 'AUDIT_TRAIL' && doc.status !== 'COMPLETED') return NO_DOCUMENT();
			if (type === 'ATTACHMENT' && index >= doc.attachments.length) return NO_DOCUMENT();
			if (type === 'SUPPORTING_DOCUMENT') {
				const url = q.get('supportDocumentUrl');
				if (!url) return NULL_PROPERTY('supportDocumentUrl');
				const hit = state.findInvitation(url);
				if (!hit || hit.doc !== doc)
					return fail('invitation.not.exists', 'Invitation does not exist.');
				if (index >= hit.inv.supportingDocuments.length) return NO_DOCUMENT();
				opts.inv = hit.inv;
			}
			if (!binary) return ok({ file: ctx.fileUrl(doc, type, opts) });
			sendBytes(r.res, 200, renderFile(doc, type, opts), 'application/pdf');
			return undefined;
		});
	}

	/** @param {URLSearchParams} q */
	function paging(q) {
		const rawMax = Number(q.get('max') ?? 20);
		const max = Number.isInteger(rawMax) && rawMax >= 1 && rawMax <= 40 ? rawMax : 20;
		const rawOffset = Number(q.get('offset') ?? 0);
		const offset = Number.isInteger(rawOffset) && rawOffset > 0 ? rawOffset : 0;
		return { max, offset };
	}

	/** @param {URLSearchParams} q */
	function listDocuments(q) {
		const { max, offset } = paging(q);
		const status = q.get('status');
		if (status && !LIST_STATUSES.includes(status))
			return fail(null, `Invalid status ${status}. Allowed: ${LIST_STATUSES.join(', ')}.`);
		const needle = (q.get('q') ?? '').trim().toLowerCase();
		const docs = [...state.documents.values()]
			.filter(
				(d) =>
					!needle ||
					[d.name, d.id, d.irn].some((v) => v !== null && String(v).toLowerCase() === needle),
			)
			.filter((d) => !status || listStatusMatches(d, status))
			.sort((a, b) => b.creationMs - a.creationMs);
		return ok({
			total: docs.length,
			documents: docs.slice(offset, offset + max).map((d) => ({
				name: d.name,
				documentId: d.id,
				irn: d.irn,
				folderId: d.folder.id,
				folderName: d.folder.name,
				status: d.status,
			})),
		});
	}

	/**
	 * @param {import('./state').LeegalityDocument} doc
	 * @param {string} status
	 */
	function listStatusMatches(doc, status) {
		const live = doc.invitations.filter((i) => !i.deleted);
		if (status === 'RECEIVED') return false; // documents sent to this account by others: none
		if (status === 'SIGNED') return doc.status === 'SENT' && live.some(isDone);
		if (status === 'EXPIRED') return doc.status === 'SENT' && live.some((i) => i.expired);
		return doc.status === status;
	}

	/** @param {URLSearchParams} q */
	function listCompleted(q) {
		const { max, offset } = paging(q);
		const name = (q.get('name') ?? '').trim().toLowerCase();
		const irn = q.get('irn');
		const startText = q.get('startDate');
		const endText = q.get('endDate');
		const start = startText ? parseDay(startText) : null;
		const end = endText ? parseDay(endText) : null;
		if ((startText && !start) || (endText && !end))
			return fail(null, 'Invalid date format. Expected dd-MM-yyyy.');
		const docs = [...state.documents.values()]
			.filter((d) => d.status === 'COMPLETED')
			.filter((d) => !name || String(d.name).toLowerCase().includes(name))
			.filter((d) => !irn || d.irn === irn)
			.filter((d) => !start || (d.completionMs ?? 0) >= start.start)
			.filter((d) => !end || (d.completionMs ?? 0) <= end.end)
			.sort((a, b) => (a.completionMs ?? 0) - (b.completionMs ?? 0));
		return ok({
			documents: docs.slice(offset, offset + max).map((d) => ({
				documentId: d.id,
				documentName: d.name,
				irn: d.irn,
				folderId: d.folder.id,
				folderName: d.folder.name,
				dateCreated: formatDate(d.creationMs),
				completionDate: formatDate(d.completionMs),
			})),
			totalCount: docs.length,
		});
	}

	/** @param {any} body untrusted JSON */
	function createRequest(body) {
		if (!isObject(body)) return fail(null, 'Invalid request body.');
		if (!body.profileId) return NULL_PROPERTY('profileId');
		if (!isObject(body.file)) return NULL_PROPERTY('file');
		const FIELDS_OR_FILE = fail(
			'workflow.api.fields.or.file.required',
			'Either file or fields are required for the given workflow.',
		);
		const profile = state.profile(String(body.profileId));
		if (!profile) return FIELDS_OR_FILE;
		const file = body.file;
		const hasFile = typeof file.file === 'string' && file.file.length > 0;
		const hasFields = isObject(file.fields) && Object.keys(file.fields).length > 0;
		if (profile.type === 'PDF' ? !hasFile : !hasFields) return FIELDS_OR_FILE;
		/** @type {Buffer | null} */
		let sourceFile = null;
		let additionalFiles = 0;
		if (hasFile) {
			const all = [file.file, ...(Array.isArray(file.additionalFiles) ? file.additionalFiles : [])];
			let total = 0;
			for (const b64 of all) {
				const pdf = decodePdf(b64);
				if (!pdf)
					return fail(
						'file.invalid',
						'Invalid file. Send a base64-encoded PDF without a data: prefix.',
					);
				total += pdf.length;
				sourceFile = sourceFile ?? pdf;
			}
			if (total > MAX_FILE_BYTES)
				return fail('file.size.exceeded', 'Files must not exceed 15 MB in total.');
			additionalFiles = all.length - 1;
		}
		if (body.irn !== undefined && body.irn !== null && String(body.irn).length > 255)
			return fail('irn.length.invalid', 'IRN must not exceed 255 characters.');
		const payloadInvitees = Array.isArray(body.invitees) ? body.invitees : [];
		if (payloadInvitees.length === 0 && profile.fixedInvitees.length === 0)
			return fail(
				'simpleWorkFlow.no.payload.invitee',
				'No invitee found in the payload or in the workflow.',
			);
		for (const [i, inv] of payloadInvitees.entries()) {
			const problem = inviteeProblem(inv, i);
			if (problem) return problem;
		}
		const cc = Array.isArray(body.cc) ? body.cc : [];
		for (const c of cc)
			if (!isObject(c) || !isEmail(c.email)) return fail(null, 'Invalid cc email.');
		const slot = (/** @type {number} */ i) => ({
			webhookUrl: profile.webhookUrl,
			errorWebhookUrl: profile.errorWebhookUrl,
			...profile.defaultInvitee,
			...(profile.invitees[i] ?? {}),
		});
		const invitees = [
			...profile.fixedInvitees.map((f) => ({
				webhookUrl: profile.webhookUrl,
				errorWebhookUrl: profile.errorWebhookUrl,
				...f,
			})),
			...payloadInvitees.map((/** @type {any} */ inv, /** @type {number} */ i) => ({
				...slot(i),
				name: String(inv.name).trim(),
				email: inv.email || null,
				phone: inv.phone ? String(inv.phone) : null,
			})),
		];
		const doc = state.createDocument({
			profile,
			name:
				typeof file.name === 'string' && file.name.trim()
					? file.name.trim()
					: profile.type === 'PDF'
						? 'Document'
						: /** @type {{ name: string }} */ (profile.template).name,
			irn: body.irn ?? null,
			invitees,
			cc,
			sourceFile,
			additionalFiles,
			fields: hasFields ? file.fields : null,
		});
		state.refreshActive(doc);
		/** @type {{ code: string | null, message: string }[]} */
		const messages = [];
		if (body.stampSeries || body.multipleStampSeries || body.seriesGroup)
			messages.push({
				code: 'workflow.stamp.warning',
				message: 'Stamp paper settings were ignored: the workflow has no stamp configuration.',
			});
		const created = doc.invitations.map((inv) => ({
			name: inv.name,
			email: inv.email,
			phone: inv.phone,
			signUrl: inv.signUrl,
			active: inv.active,
			expiryDate: formatDate(inv.expiryMs),
		}));
		return ok(
			{ documentId: doc.id, irn: doc.irn, [ctx.options.createResponseKey]: created },
			messages,
		);
	}

	/**
	 * @param {any} inv untrusted JSON
	 * @param {number} i
	 */
	function inviteeProblem(inv, i) {
		if (!isObject(inv) || typeof inv.name !== 'string' || !inv.name.trim())
			return NULL_PROPERTY(`invitees[${i}].name`);
		if (!inv.email && !inv.phone)
			return fail(
				'invitee.email.or.phone.required',
				`Invitee ${i + 1}: email or phone is required.`,
			);
		if (inv.email && !isEmail(inv.email))
			return fail('invitee.email.invalid', `Invitee ${i + 1}: invalid email.`);
		if (inv.phone && !/^[6-9]\d{9}$/.test(String(inv.phone)))
			return fail(
				'invitee.phone.invalid',
				`Invitee ${i + 1}: phone must be a 10-digit Indian mobile number.`,
			);
		return undefined;
	}

	/** @param {any} body untrusted JSON */
	function resend(body) {
		const urls = isObject(body) ? body.signUrls : undefined;
		if (!Array.isArray(urls) || urls.length === 0) return NULL_PROPERTY('signUrls');
		if (urls.length > 15) return fail(null, 'A maximum of 15 signUrls is allowed per request.');
		const invitations = urls.map((url) => {
			const hit = state.findInvitation(typeof url === 'string' ? url : undefined);
			const base = {
				status: 0,
				name: null,
				email: null,
				phone: null,
				signUrl: url,
				message: 'Invitation does not exist.',
			};
			if (!hit) return base;
			const { doc, inv } = hit;
			const who = { name: inv.name, email: inv.email, phone: inv.phone, signUrl: inv.signUrl };
			if (doc.status !== 'SENT' || !inv.active || !isPending(inv))
				return { ...base, ...who, message: 'Invitation is not active.' };
			if (inv.resendCount >= 4)
				return { ...base, ...who, message: 'Maximum resend limit reached for this invitation.' };
			inv.resendCount++;
			return { ...base, ...who, status: 1, message: 'Invitation resent successfully.' };
		});
		return ok({ invitations });
	}

	/** @param {string | null} signUrl */
	function deleteInvitation(signUrl) {
		if (!signUrl) return NULL_PROPERTY('signUrl');
		const hit = state.findInvitation(signUrl);
		if (!hit) return fail('invitation.not.exists', 'Invitation does not exist.');
		if (isDone(hit.inv))
			return fail(null, 'Invitation cannot be deleted: it has already been signed.');
		hit.inv.deleted = true;
		hit.inv.active = false;
		state.refreshActive(hit.doc);
		return ok({}, [
			{ code: 'invitation.deleted.success', message: 'Invitation deleted successfully.' },
		]);
	}

	/** @param {any} body untrusted JSON */
	function reactivate(body) {
		if (!isObject(body) || !body.documentId) return NULL_PROPERTY('documentId');
		const doc = state.find(String(body.documentId));
		if (!doc) return NO_DOCUMENT();
		const expired = doc.invitations.filter((i) => !i.deleted && i.expired);
		if (doc.status !== 'SENT' || expired.length === 0)
			return fail(null, 'Document has no expired invitation to reactivate.');
		const now = ctx.now();
		let expiryMs = endOfIstDay(now, 10);
		if (body.expiryTime !== undefined && body.expiryTime !== null) {
			expiryMs = Number(body.expiryTime);
			if (!Number.isFinite(expiryMs) || expiryMs <= now || expiryMs > now + 365 * DAY_MS)
				return fail(null, 'Invalid expiryTime.');
		} else if (body.expiryDays !== undefined && body.expiryDays !== null) {
			const days = Number(body.expiryDays);
			if (!Number.isInteger(days) || days < -1 || days > 365)
				return fail(null, 'Invalid expiryDays.');
			expiryMs = days === -1 ? now + 45 * 60_000 : endOfIstDay(now, days);
		}
		for (const inv of expired) {
			inv.expired = false;
			inv.failureReason = null;
			inv.expiryMs = expiryMs;
		}
		state.refreshActive(doc);
		return ok(statusView(doc, ctx.fileUrl));
	}

	/** @param {any} body untrusted JSON */
	function markComplete(body) {
		if (!isObject(body) || !body.documentId) return NULL_PROPERTY('documentId');
		const doc = state.find(String(body.documentId));
		if (!doc) return NO_DOCUMENT();
		if (doc.status === 'COMPLETED') return fail(null, 'Document is already completed.');
		if (doc.invitations.some((i) => !i.deleted && i.active && isPending(i)))
			return fail(
				null,
				'Document has active invitations. Delete them before marking the document complete.',
			);
		doc.status = 'COMPLETED';
		doc.completionMs = ctx.now();
		return ok({});
	}

	/** @param {string | null} signUrl */
	function activateInvitation(signUrl) {
		if (!signUrl) return NULL_PROPERTY('signUrl');
		const hit = state.findInvitation(signUrl);
		if (!hit) return fail('invitation.not.exists', 'Invitation does not exist.');
		if (hit.doc.status !== 'SENT' || !isPending(hit.inv))
			return fail(null, 'Invitation cannot be activated.');
		hit.inv.active = true;
		return ok({});
	}

	return { handle };
}

/**
 * @param {ProviderRequest} r
 * @param {string} name lowercase
 * @returns {string | undefined}
 */
function header(r, name) {
	const value = r.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * @param {string} received
 * @param {string} expected
 */
function sameSecret(received, expected) {
	const a = Buffer.from(received, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Errors raised before Leegality's controllers run (Spring Boot default error body).
 * @param {ProviderRequest} r
 * @param {number} status
 */
function springError(r, status) {
	const error =
		{
			400: 'Bad Request',
			404: 'Not Found',
			405: 'Method Not Allowed',
			415: 'Unsupported Media Type',
		}[status] ?? 'Error';
	sendJson(r.res, status, { timestamp: new Date().toISOString(), status, error, path: r.fullPath });
}

/** @param {unknown} v */
function isObject(v) {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** @param {unknown} v */
function isEmail(v) {
	return typeof v === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
}

/**
 * Decodes a base64 PDF; null when it is not base64 or not a PDF.
 * @param {unknown} b64
 * @returns {Buffer | null}
 */
function decodePdf(b64) {
	if (typeof b64 !== 'string' || b64.startsWith('data:')) return null;
	const clean = b64.replace(/\s+/g, '');
	if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) return null;
	const buf = Buffer.from(clean, 'base64');
	return buf.subarray(0, 5).toString('latin1') === '%PDF-' ? buf : null;
}

module.exports = { createApi, decodePdf };
