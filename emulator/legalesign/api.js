'use strict';
/**
 * Legalesign REST API v1 (`/legalesign/api/v1/...`): ApiKey auth, trailing-slash paths,
 * Tastypie-style `meta`/`objects` lists and field-keyed 400 bodies.
 */
const { timingSafeEqual } = require('node:crypto');
const { sendJson, sendBytes } = require('../http-util');
const { makePdf } = require('../files');
const { EVENT_FILTERS, NOTIFY_WHEN, restTime, lastSegment } = require('./state');

const required = () => ['This field is required.'];

/**
 * @typedef {import('../server').ProviderRequest} ProviderRequest
 * @typedef {import('./state').LegalesignDocument} LegalesignDocument
 * @typedef {import('./state').LegalesignSigner} LegalesignSigner
 * @typedef {import('./state').LegalesignGroup} LegalesignGroup
 * @typedef {import('./state').LegalesignTemplate} LegalesignTemplate
 */

/**
 * @param {object} ctx
 * @param {import('./state').LegalesignState} ctx.state
 * @param {() => string} ctx.authorization expected Authorization value
 * @param {() => string} ctx.apiBase absolute API base URL (for Location headers)
 * @param {() => string} [ctx.notificationsFormat] "array" (documented) or "wrapped" ({meta, objects})
 * @param {() => string} ctx.emulatorUrl emulator root (sign pages, file links)
 * @param {(body: Buffer, type: string) => string} ctx.addFile short-lived link token
 * @param {import('./index').DocumentEvents} ctx.events document transitions that emit webhooks
 * @param {(method: string, path: string) => { status: number, body: unknown } | undefined} ctx.takeFailure
 *   an injected failure for this request, if any
 */
function createApi(ctx) {
	const { state } = ctx;

	/** @type {Array<[string, RegExp, (r: ProviderRequest, m: RegExpExecArray, q: URLSearchParams) => any]>} */
	const routes = [
		['GET', /^\/group\/$/, (_r, _m, q) => list(q, state.groups.map(groupView), '/group/')],
		['GET', /^\/group\/([^/]+)\/$/, (_r, m) => withGroup(m[1], groupDetail)],
		['GET', /^\/templatepdf\/$/, (_r, _m, q) => listTemplates(q)],
		['GET', /^\/templatepdf\/([^/]+)\/$/, (_r, m) => withTemplate(m[1], templateView)],
		['GET', /^\/document\/$/, (_r, _m, q) => listDocuments(q)],
		['POST', /^\/document\/$/, (r) => createDocument(r)],
		['GET', /^\/document\/([^/]+)\/$/, (_r, m) => withDocument(m[1], (d) => documentView(d, true))],
		[
			'DELETE',
			/^\/document\/([^/]+)\/$/,
			(_r, m, q) => withDocument(m[1], (d) => voidDocument(d, q)),
		],
		['GET', /^\/document\/([^/]+)\/fields\/$/, (_r, m) => withDocument(m[1], fieldsView)],
		['GET', /^\/document\/([^/]+)\/auditlog\/$/, (_r, m) => withDocument(m[1], auditLog)],
		['GET', /^\/pdf\/([^/]+)\/$/, (_r, m) => withDocument(m[1], signedPdf)],
		['GET', /^\/signer\/([^/]+)\/$/, (_r, m) => withSigner(m[1], signerView)],
		['POST', /^\/signer\/([^/]+)\/send-reminder\/$/, (_r, m) => withSigner(m[1], remind)],
		['GET', /^\/signer\/([^/]+)\/new-link\/$/, (_r, m) => withSigner(m[1], newLink)],
		['GET', /^\/signer\/([^/]+)\/rejection\/$/, (_r, m) => withSigner(m[1], rejection)],
		['GET', /^\/notifications\/$/, () => listNotifications()],
		['POST', /^\/subscribe\/$/, (r) => subscribe(r)],
		['POST', /^\/unsubscribe\/$/, (r) => unsubscribeByUrl(r)],
		['DELETE', /^\/unsubscribe\/(\d+)\/$/, (_r, m) => unsubscribeById(Number(m[1]))],
	];

	/**
	 * @param {ProviderRequest} r provider request
	 * @param {string} apiPath path below /legalesign/api/v1
	 */
	async function handle(r, apiPath) {
		if (!authorized(r.headers.authorization)) {
			r.res.writeHead(401, { 'Content-Length': '0' });
			return r.res.end();
		}
		const failure = ctx.takeFailure(r.method, apiPath);
		if (failure) return answer(r, failure);
		if (!apiPath.endsWith('/')) {
			return answer(r, json(404, { error: `Paths end with a slash: ${apiPath}/` }));
		}
		const matching = routes.filter(([, pattern]) => pattern.test(apiPath));
		const route = matching.find(([method]) => method === r.method);
		if (!route) return answer(r, json(matching.length ? 405 : 404, { error: 'Not found' }));
		if (r.method === 'POST') {
			try {
				r.json = r.rawBody.length ? JSON.parse(r.rawBody.toString('utf8')) : {};
			} catch {
				return answer(r, json(400, { error: 'The request body is not valid JSON.' }));
			}
			if (typeof r.json !== 'object' || r.json === null || Array.isArray(r.json))
				return answer(r, json(400, { error: 'The request body must be a JSON object.' }));
		}
		const pattern = /** @type {RegExp} */ (route[1]);
		return answer(
			r,
			route[2](r, /** @type {RegExpExecArray} */ (pattern.exec(apiPath)), r.searchParams),
		);
	}

	/** GET /notifications/: a bare array as documented, or wrapped like every other list. */
	function listNotifications() {
		const views = state.subscriptions.map((s) => state.notificationView(s));
		if (ctx.notificationsFormat?.() !== 'wrapped') return json(200, views);
		return json(200, {
			meta: {
				limit: views.length,
				next: null,
				offset: 0,
				previous: null,
				total_count: views.length,
			},
			objects: views,
		});
	}

	/** @param {string | string[] | undefined} header */
	function authorized(header) {
		if (typeof header !== 'string') return false;
		const got = Buffer.from(header, 'utf8');
		const want = Buffer.from(ctx.authorization(), 'utf8');
		return got.length === want.length && timingSafeEqual(got, want);
	}

	/**
	 * @param {ProviderRequest} r
	 * @param {{ status: number, body?: unknown, bytes?: Buffer, type?: string, headers?: Record<string, string> }} result
	 */
	function answer(r, result) {
		if (result.bytes)
			return sendBytes(
				r.res,
				result.status,
				result.bytes,
				result.type ?? 'application/pdf',
				result.headers,
			);
		if (result.body === undefined) {
			r.res.writeHead(result.status, { 'Content-Length': '0', ...(result.headers ?? {}) });
			return r.res.end();
		}
		return sendJson(r.res, result.status, result.body, result.headers);
	}

	/** @param {number} status @param {unknown} [body] @param {Record<string, string>} [headers] */
	function json(status, body, headers) {
		return { status, body, headers };
	}

	/** Tastypie list envelope. @param {URLSearchParams} q @param {any[]} all */
	function list(q, all, path = '') {
		const limit = clampInt(q.get('limit'), 20, 0, 1000) || 20;
		const offset = clampInt(q.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER);
		const page = all.slice(offset, offset + limit);
		const link = (/** @type {number} */ at) => {
			const next = new URLSearchParams(q);
			next.set('limit', String(limit));
			next.set('offset', String(at));
			return `/api/v1${path}?${next.toString()}`;
		};
		return json(200, {
			meta: {
				limit,
				next: offset + limit < all.length ? link(offset + limit) : null,
				offset,
				previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
				total_count: all.length,
			},
			objects: page,
		});
	}

	/** @param {string} ref @param {(g: LegalesignGroup) => any} fn */
	function withGroup(ref, fn) {
		const group = state.group(ref);
		return group ? fn(group) : json(404, { error: 'Group not found.' });
	}
	/** @param {string} ref @param {(t: LegalesignTemplate) => any} fn */
	function withTemplate(ref, fn) {
		const template = state.template(ref);
		return template ? json(200, fn(template)) : json(404, { error: 'Template not found.' });
	}
	/** @param {string} ref @param {(d: LegalesignDocument) => any} fn */
	function withDocument(ref, fn) {
		const doc = state.document(ref);
		return doc ? fn(doc) : json(404, { error: 'Document not found.' });
	}
	/** @param {string} ref @param {(s: LegalesignSigner) => any} fn */
	function withSigner(ref, fn) {
		const signer = state.signer(ref);
		return signer ? fn(signer) : json(404, { error: 'Signer not found.' });
	}

	/** @param {LegalesignGroup} g */
	function groupView(g) {
		return {
			name: g.name,
			slug: g.slug,
			resource_uri: `/api/v1/group/${g.slug}/`,
			public_name: g.publicName,
			is_active: true,
			created: '2024-01-01T09:00:00',
			modified: '2024-01-01T09:00:00',
			user: '/api/v1/user/emulator-user/',
			xframe_allow: false,
			xframe_allow_pdf_edit: false,
		};
	}
	/** @param {LegalesignGroup} g */
	function groupDetail(g) {
		return json(200, { ...groupView(g), members: [], default_email: 'default', pagesize: 0 });
	}

	/** @param {LegalesignTemplate} t */
	function templateView(t) {
		return {
			uuid: t.uuid,
			resource_uri: `/api/v1/templatepdf/${t.uuid}/`,
			title: t.title,
			group: `/api/v1/group/${t.group}/`,
			user: '/api/v1/user/emulator-user/',
			created: restTime(t.createdMs),
			modified: restTime(t.modifiedMs),
			page_count: t.pageCount,
			signer_count: t.parties.length,
			parties: JSON.stringify(t.parties),
			valid: t.valid,
		};
	}

	/** @param {URLSearchParams} q */
	function listTemplates(q) {
		const group = q.get('group');
		const archived = q.get('archive') === 'true';
		const all = state.templates
			.filter((t) => (group ? t.group === state.group(group)?.slug : true))
			.filter((t) => t.archived === archived)
			.map(templateView);
		return list(q, all, '/templatepdf/');
	}

	/** @param {LegalesignDocument} doc @param {boolean} detail */
	function documentView(doc, detail) {
		const view = {
			uuid: doc.uuid,
			resource_uri: `/api/v1/document/${doc.uuid}/`,
			name: doc.name,
			group: `/api/v1/group/${doc.group}/`,
			user: '/api/v1/user/emulator-user/',
			status: doc.status,
			archived: doc.archived,
			auto_archive: doc.autoArchive,
			do_email: doc.doEmail,
			download_final: doc.downloadFinal,
			cc_emails: doc.ccEmails,
			created: restTime(doc.createdMs),
			modified: restTime(doc.modifiedMs),
			redirect: doc.redirect,
			return_signer_links: doc.returnSignerLinks,
			signers_in_order: doc.signersInOrder,
			tag: doc.tag,
			tag1: doc.tag1,
			tag2: doc.tag2,
			template: null,
			templatepdf: doc.templatepdf ? `/api/v1/templatepdf/${doc.templatepdf}/` : null,
			text: '',
			pdftext: doc.pdftext,
			signers: doc.signers.map((s) => [
				`/api/v1/signer/${s.uuid}/`,
				s.firstname,
				s.lastname,
				s.email,
				s.sms,
				true,
				s.status,
				s.order,
			]),
		};
		if (!detail) return view;
		return json(200, {
			...view,
			has_fields: true,
			hash_value: doc.downloadFinal ? `sha256-${doc.uuid}` : null,
			sign_time: doc.signTimeMs ? restTime(doc.signTimeMs) : null,
			signature_type: doc.signatureType,
			signer_objects: doc.signers.map((s) => ({
				firstname: s.firstname,
				lastname: s.lastname,
				email: s.email,
				order: s.order,
				role: s.role,
				tel: s.sms,
				status: s.status,
				uuid: s.uuid,
				resource_uri: `/api/v1/signer/${s.uuid}/`,
			})),
		});
	}

	/** @param {URLSearchParams} q */
	function listDocuments(q) {
		const groupRef = q.get('group');
		if (!groupRef) return json(400, { document: { group: required() } });
		const group = state.group(groupRef);
		if (!group)
			return json(400, { document: { group: ['Group not found or you are not a member.'] } });
		const archived = q.get('archived') ?? 'false';
		const status = q.get('status');
		const email = (q.get('email') ?? '').toLowerCase();
		const createdGt = q.get('created_gt');
		const modifiedGt = q.get('modified_gt');
		const all = [...state.documents.values()]
			.filter((d) => d.group === group.slug)
			.filter((d) => archived === 'all' || String(d.archived) === archived)
			.filter((d) => !status || String(d.status) === status)
			.filter((d) => !email || d.signers.some((s) => s.email.toLowerCase() === email))
			.filter((d) => !createdGt || restTime(d.createdMs) > createdGt)
			.filter((d) => !modifiedGt || restTime(d.modifiedMs) > modifiedGt)
			.sort((a, b) => b.createdMs - a.createdMs)
			.map((d) => {
				const view = /** @type {any} */ (documentView(d, false));
				if (q.get('nosigners')) delete view.signers;
				return view;
			});
		return list(q, all, '/document/');
	}

	/** Validates DocumentPost the way Tastypie reports it: every problem, keyed by field. @param {ProviderRequest} r */
	function createDocument(r) {
		const body = r.json;
		/** @type {Record<string, unknown>} */
		const errors = {};
		for (const name of ['group', 'name', 'templatepdf', 'signers'])
			if (body[name] === undefined || body[name] === null || body[name] === '')
				errors[name] = required();
		const group = body.group ? state.group(body.group) : undefined;
		if (body.group && !group) errors.group = ['Group not found or you are not a member.'];
		const template = body.templatepdf ? state.template(body.templatepdf) : undefined;
		if (body.templatepdf && !template) errors.templatepdf = ['Template PDF not found.'];
		else if (template && group && template.group !== group.slug)
			errors.templatepdf = ['Template PDF belongs to another group.'];
		if (typeof body.name === 'string' && body.name.length > 60)
			errors.name = ['Ensure this value has at most 60 characters.'];
		if (body.signers !== undefined && !Array.isArray(body.signers))
			errors.signers = ['signers must be a list.'];
		else if (Array.isArray(body.signers)) {
			if (body.signers.length === 0) errors.signers = ['At least one signer is required.'];
			/** @type {Record<string, unknown>} */
			const perSigner = {};
			body.signers.forEach((/** @type {any} */ s, /** @type {number} */ i) => {
				/** @type {Record<string, string[]>} */
				const problems = {};
				for (const name of ['email', 'firstname', 'lastname'])
					if (typeof s?.[name] !== 'string' || !s[name].trim()) problems[name] = required();
				if (typeof s?.email === 'string' && s.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s.email))
					problems.email = ['Enter a valid email address.'];
				if (Object.keys(problems).length) perSigner[String(i + 1)] = problems;
			});
			if (Object.keys(perSigner).length) errors.signers = perSigner;
		}
		if (Object.keys(errors).length || !group || !template) return json(400, { document: errors });
		const doc = ctx.events.create({ ...body, group: group.slug, templatepdf: template.uuid });
		const headers = { Location: `${ctx.apiBase()}/document/${doc.uuid}/` };
		if (doc.returnSignerLinks) {
			/** @type {Record<string, string>} */
			const links = {};
			doc.signers.forEach((s, i) => {
				links[`signer_${i + 1}`] = `${ctx.emulatorUrl()}/legalesign/sign/${s.uuid}/`;
			});
			return json(201, links, headers);
		}
		return json(201, undefined, headers);
	}

	/** @param {LegalesignDocument} doc @param {URLSearchParams} q */
	function voidDocument(doc, q) {
		ctx.events.void(doc, { notify: ['1', 'true'].includes(q.get('email') ?? '') });
		return json(204);
	}

	/** @param {LegalesignDocument} doc */
	function fieldsView(doc) {
		/** @type {Array<{ element_type: string, fieldorder: number, label: string, label_extra: string, signer: number | null, state: boolean, validation: null, value: string }>} */
		const fields = doc.signers.map((s, i) => ({
			element_type: 'signature',
			fieldorder: i,
			label: `Signature ${i + 1}`,
			label_extra: '',
			signer: i + 1,
			state: s.status >= 40 && s.status !== 60,
			validation: null,
			value: '',
		}));
		for (const [label, value] of Object.entries(doc.pdftext ?? {}))
			fields.push({
				element_type: 'admin',
				fieldorder: fields.length,
				label,
				label_extra: '',
				signer: null,
				state: true,
				validation: null,
				value: String(value),
			});
		return json(200, fields);
	}

	/** @param {LegalesignDocument} doc */
	function auditLog(doc) {
		const lines = [
			'Legalesign emulator audit log',
			`Document ${doc.uuid}`,
			`Name ${doc.name}`,
			`Status ${doc.status}`,
		];
		for (const s of doc.signers) lines.push(`Signer ${s.email}: status ${s.status}`);
		return { status: 200, bytes: makePdf(lines, `Audit log ${doc.uuid}`) };
	}

	/** `GET /pdf/{id}/`: 200 bytes, 302 to a short-lived unauthenticated link, or 201 while restoring. @param {LegalesignDocument} doc */
	function signedPdf(doc) {
		if (doc.pdfMode === 'restoring')
			return json(201, {
				message: 'The document is being de-archived and will be available in 4 hours.',
			});
		const bytes = makePdf(
			[
				'Legalesign emulator',
				`Document ${doc.uuid}`,
				`Name ${doc.name}`,
				doc.downloadFinal ? 'Signed PDF' : `Status ${doc.status} (not final)`,
			],
			doc.name,
		);
		if (doc.pdfMode === 'direct') return { status: 200, bytes };
		const token = ctx.addFile(bytes, 'application/pdf');
		return json(302, undefined, { Location: `${ctx.emulatorUrl()}/legalesign/files/${token}` });
	}

	/** @param {LegalesignSigner} s */
	function signerView(s) {
		return json(200, {
			document: `/api/v1/document/${s.document.uuid}/`,
			email: s.email,
			first_name: s.firstname,
			last_name: s.lastname,
			has_fields: true,
			order: s.order,
			resource_uri: `/api/v1/signer/${s.uuid}/`,
			status: s.status,
		});
	}

	/** @param {LegalesignSigner} s */
	function remind(s) {
		if (s.status >= 40)
			return json(400, { signer: { status: ['This recipient has already finished.'] } });
		return json(200, {});
	}

	/** @param {LegalesignSigner} s */
	function newLink(s) {
		if (s.status >= 40)
			return json(400, { signer: { status: ['This recipient has already finished.'] } });
		return json(201, undefined, {
			Location: `${ctx.emulatorUrl()}/legalesign/sign/${s.uuid}/?link=${Date.now().toString(36)}`,
		});
	}

	/** @param {LegalesignSigner} s */
	function rejection(s) {
		return json(200, { status: s.status, reason: s.status === 60 ? s.rejectReason : null });
	}

	/** @param {ProviderRequest} r */
	function subscribe(r) {
		const { url, notify, eventFilter, group } = r.json;
		/** @type {Record<string, string[]>} */
		const errors = {};
		if (typeof url !== 'string' || !/^(http|https):\/\//.test(url))
			errors.url = ['Enter a valid URL.'];
		if (!Object.prototype.hasOwnProperty.call(NOTIFY_WHEN, notify))
			errors.notify = ['Select a valid choice: all, signed, sent, rejected, realtime.'];
		if (eventFilter !== undefined && eventFilter !== null && !EVENT_FILTERS.includes(eventFilter))
			errors.eventFilter = [`"${eventFilter}" is not a valid event filter.`];
		const groupObject = group ? state.group(group) : null;
		if (group && !groupObject) errors.group = ['Group not found or you are not a member.'];
		if (Object.keys(errors).length) return json(400, errors);
		const subscription = state.subscribe({
			url,
			notify,
			eventFilter: eventFilter ?? '',
			group: groupObject,
		});
		return json(201, undefined, { Location: `${ctx.apiBase()}/unsubscribe/${subscription.id}/` });
	}

	/** @param {ProviderRequest} r */
	function unsubscribeByUrl(r) {
		const { url, eventFilter, group } = r.json;
		if (typeof url !== 'string' || !/^(http|https):\/\//.test(url))
			return json(400, { url: ['Enter a valid URL.'] });
		const groupObject = group ? state.group(group) : undefined;
		state.subscriptions = state.subscriptions.filter(
			(s) =>
				!(
					s.url === url &&
					(eventFilter === undefined || eventFilter === null || s.event_filter === eventFilter) &&
					(!group || (s.group && groupObject && s.group.id === groupObject.id))
				),
		);
		return json(200, {});
	}

	/** @param {number} id */
	function unsubscribeById(id) {
		const before = state.subscriptions.length;
		state.subscriptions = state.subscriptions.filter((s) => s.id !== id);
		return before === state.subscriptions.length
			? json(404, { error: 'Webhook not found.' })
			: json(200, { message: 'Webhook removed' });
	}

	return { handle };
}

/**
 * @param {string | null} value
 * @param {number} fallback
 * @param {number} min
 * @param {number} max
 */
function clampInt(value, fallback, min, max) {
	const n = Number(value ?? fallback);
	return Number.isInteger(n) ? Math.min(Math.max(n, min), max) : fallback;
}

module.exports = { createApi, lastSegment };
