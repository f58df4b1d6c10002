'use strict';
/**
 * Leegality module of the emulator: state + REST API + v2.5 webhooks. Mounted by server.js
 * under `/leegality`. ASSUMPTIONS below is the one place where every choice the reference
 * leaves open is written down (emulator/README.md repeats it; a test keeps them in sync).
 */
const { randomBytes } = require('node:crypto');
const { sendJson } = require('../http-util');
const { ShortLivedFiles } = require('../files');
const { LeegalityState, formatDate, toMs, isDone, isPending, defaultProfiles } = require('./state');
const { createApi } = require('./api');
const { renderFile } = require('./views');
const { serveCdn, serveSignPage, serveControl } = require('./pages');
const webhooks = require('./webhooks');

/**
 * @typedef {import('../types').LeegalityEmulator} LeegalityEmulator
 * @typedef {import('../types').LeegalityWebhookBody} LeegalityWebhookBody
 * @typedef {import('./state').LeegalityDocument} LeegalityDocument
 * @typedef {import('./state').Invitation} Invitation
 */

/**
 * `emu.leegality`: the public API plus what server.js and the pages need.
 * @typedef {LeegalityEmulator & {
 *   state: LeegalityState,
 *   handle(r: import('../server').ProviderRequest): Promise<unknown>,
 *   close(): void,
 * }} LeegalityModule
 */

/**
 * Every behaviour the reference leaves open, as decided here. `id`s are stable; README.md lists them.
 * @type {ReadonlyArray<{ id: string, text: string }>}
 */
const ASSUMPTIONS = Object.freeze([
	// Auth and transport
	{
		id: 'L-AUTH-MISSING',
		text: 'Missing or empty X-Auth-Token: HTTP 401, body {"status":0,"messages":[{"code":null,"message":"Access Denied"}],"data":null}. Checked before routing, so unknown paths answer 401 too.',
	},
	{
		id: 'L-AUTH-WRONG',
		text: 'Wrong X-Auth-Token, or any Authorization header sent along with it ("both headers break the call"): HTTP 403, body {"status":0,"messages":[{"code":"","message":""}],"data":null}.',
	},
	{
		id: 'L-QUIRK-CT',
		text: 'A GET or DELETE with a Content-Type header and an empty body has its whole query string ignored, so endpoints needing documentId answer {"status":0,"messages":[{"code":null,"message":"Property documentId cannot be null"}],"data":null} (and list endpoints silently use their defaults).',
	},
	{
		id: 'L-ENVELOPE',
		text: 'Every business answer is HTTP 200 {status, messages, data}; failures have status 0, one message and data null. Success messages are [] unless a code is documented (document.delete.success, invitation.deleted.success, workflow.stamp.warning).',
	},
	{
		id: 'L-SPRING-ERRORS',
		text: 'Unknown path: HTTP 404, known path with wrong method: 405, POST/PUT body not JSON content type: 415, malformed or empty JSON: 400, all with a Spring Boot style body {timestamp, status, error, path} (not the envelope).',
	},
	{
		id: 'L-MESSAGES',
		text: 'Message texts are invented (the reference gives codes, not texts): e.g. no.document.found = "No document found.". Codes not in the reference and invented here: file.invalid, file.size.exceeded, invitee.email.or.phone.required, invitee.email.invalid, invitee.phone.invalid; other failures use code null. Match on documented codes only.',
	},
	{
		id: 'L-DATES',
		text: 'All timestamps are dd-MM-yyyy HH:mm:ss in IST (UTC+05:30); null when not applicable. startDate/endDate filters are IST calendar days, inclusive.',
	},
	{
		id: 'L-IDS',
		text: 'documentId is a 26-char ULID-like Crockford base32 string; sign URLs are <emulator>/leegality/sign/<lowercase uuid v4>; wherever a signUrl is accepted, the bare UUID works too.',
	},
	// State model
	{
		id: 'L-PROFILES',
		text: 'Seeded workflows (profileId): pdfSign (PDF, any number of signers, Aadhaar), revSign (PDF, slot 1 Reviewer then slot 2 Signer, signing order), tmplSgn (Template "Offer letter"), fixedSg (PDF with a fixed signatory defined in the workflow, so the payload may omit invitees). Payload invitees map by position onto slots; fixed workflow invitees come first in the document.',
	},
	{
		id: 'L-WEBHOOK-CONFIG',
		text: 'Webhook URLs are per invitee, taken from the workflow (or seedDocument) when the document is created and frozen on it; configureWebhooks() changes only later documents.',
	},
	{
		id: 'L-ACTIVE',
		text: 'Without signing order every invitation is active from the start; with signing order only the first unfinished one is, and the next activates after a sign/approve (not after a reject, expiry or failed verification). active stays true after signing, approving or rejecting; expiry, failed verification and deletion set it false.',
	},
	{
		id: 'L-COMPLETION',
		text: 'A document becomes COMPLETED (completionDate = now) when every non-deleted invitation is signed (Signer) or approved (Reviewer). Rejection, expiry and failed verification leave it SENT. Deleting the last pending invitation does not complete it (use POST /v3.0/sign/request/complete).',
	},
	{
		id: 'L-EXPIRY',
		text: 'Invitations expire on 23:59:59 IST of creation day + 10 (workflow default); nothing expires by itself: use act({action:"expire"}).',
	},
	{
		id: 'L-DELETE',
		text: 'DELETE /v3.0/sign/request removes the document from every endpoint (later calls: no.document.found), at any status. DELETE .../invitation refuses signed/approved invitations (code null); a deleted invitation disappears from every view.',
	},
	// Read endpoints
	{
		id: 'L-DETAILS-FLAGS',
		text: 'Details flags are true when the value is true/1/yes/on (case-insensitive). A flag counts only if every ancestor (name cut at "_") is true; document_*, invitations_* and invitations_invitationStatus_* have implicit parents. Parent groups alone return their id (workflow{id}, template{id}, account{id}, sender{username}, folders[{id}]); children add fields. Unknown flags are ignored.',
	},
	{
		id: 'L-DETAILS-BASE',
		text: 'Always returned: data.document{id,name,irn,status (DRAFT|SENT|COMPLETED upper case),deleted,creationDate,completionDate} and data.invitations[]{name,email,phone,inviteeType,invitationUrl,invitationStatus{active,signed,reviewed,approved,rejected,expired,creationDate,expiryDate,signDate}}. failureReason, rejectionMessage and signRejectionMessage appear only with their invitations_invitationStatus_* flags; data.folders (plural) answers the folder flag.',
	},
	{
		id: 'L-CDN',
		text: 'file/auditTrail/files/attachment URLs are <emulator>/leegality/cdn/<random>, need no auth, and live 15 s of the emulator clock (option leegality.cdnTtlMs; NOT scaled by timeScale). Expired: HTTP 403 XML AccessDenied (404 NoSuchKey once expired for over a minute); unknown: 404 XML NoSuchKey; a request with an Authorization header: 400 XML InvalidArgument (S3 style). Every Details/Status/Fetch call mints fresh URLs.',
	},
	{
		id: 'L-STATUS',
		text: 'GET /v3.2/sign/request: data{documentId, irn, folderId, requests[], files[], auditTrail, signers[]}; files is [url] and auditTrail a URL only when COMPLETED, else [] and null.',
	},
	{
		id: 'L-FETCH',
		text: 'fetchDocument needs exactly one documentDownloadType (missing, unknown, repeated or comma-separated: document.download.type). AUDIT_TRAIL on a non-completed document, an attachment/supporting-document index out of range: no.document.found. v3.1 answers application/pdf bytes (no Content-Disposition), v3.3 data{file: url} and only for COMPLETED documents. The PDF is generated: its text names documentId and download type.',
	},
	{
		id: 'L-LIST',
		text: 'List: newest first by creation; q = case-insensitive exact match on name, documentId or irn; max outside 1..40 or not an integer becomes 20; negative/invalid offset becomes 0; status must be one of DRAFT, SENT, RECEIVED, SIGNED, COMPLETED, EXPIRED (exact case, else status 0); RECEIVED matches nothing, SIGNED = SENT with at least one signature, EXPIRED = SENT with an expired invitation.',
	},
	{
		id: 'L-COMPLETED',
		text: 'Completed list: oldest completion first; name = case-insensitive substring; irn exact; invalid dd-MM-yyyy date: status 0; total key is data.totalCount.',
	},
	// Write endpoints
	{
		id: 'L-CREATE',
		text: 'Create checks in order: profileId (Property profileId cannot be null), file object (Property file cannot be null), known profileId and matching content (PDF workflow needs file.file, Template workflow needs a non-empty file.fields object; else workflow.api.fields.or.file.required), base64 PDF ("%PDF-" magic, no data: prefix), 15 MB total, irn <= 255 chars (irn.length.invalid), invitees (simpleWorkFlow.no.payload.invitee when none in payload or workflow), each invitee: name, email or phone, email shape, phone = 10-digit Indian mobile, cc emails.',
	},
	{
		id: 'L-CREATE-RESPONSE',
		text: 'Create answers data{documentId, irn, invitees[]{name,email,phone,signUrl,active,expiryDate}} (key configurable: leegality.createResponseKey "invitations"); stampSeries/multipleStampSeries/seriesGroup on a workflow without stamps add a workflow.stamp.warning message to a status 1 answer. Unknown body fields are ignored. No idempotency: every create makes a new document.',
	},
	{
		id: 'L-RESEND',
		text: 'Resend: 1..15 signUrls (else status 0); each result {status,name,email,phone,signUrl,message}: unknown -> 0 "Invitation does not exist.", inactive or finished -> 0, more than 4 resends -> 0, else 1.',
	},
	{
		id: 'L-EXTRA-ENDPOINTS',
		text: 'Also implemented, minimally: POST /v3.0/sign/request/reactivate (expiryDays -1..365 or expiryTime; answers like the status API), POST /v3.0/sign/request/complete, PUT /v3.1/invitation/activate?signUrl=, GET /v3.0/wallet/balance/details.',
	},
	// Webhooks
	{
		id: 'L-WH-FIELDS',
		text: 'Every v2.5 body has all fields, in this order: webhookType, documentId, documentStatus, irn, mac, messages, request{inviteeType, name, email, phone, invitationUrl, active, action, error, expired, expiryDate, rejectionMessage, signType}, verification; null where not applicable. inviteeType is "Signer"/"Reviewer". Real deliveries may be sparser (use deliver({omit}) to test that).',
	},
	{
		id: 'L-WH-EVENTS',
		text: 'signed: Success/Signed/signType set. approved: Success/Reviewer/Approved. signerRejected: Error/Rejected/error "Invitation rejected by the signer."/rejectionMessage null (the signer\'s text only in Details signRejectionMessage). reviewerRejected: Error/Reviewer/Rejected/error "Invitation rejected by the reviewer."/rejectionMessage = reviewer text. verificationFailed: Error/action null/error "Certificate verification failed."/active false/verification with a false/messages [{code:null,message:"<Check> verification failed."}] per false check. expired: Error/action null/expired true/active false/error "Transaction timed out.".',
	},
	{
		id: 'L-WH-STATUS',
		text: 'documentStatus is "Sent", or "Completed" on the event that completed the document; never "Expired" or "Draft".',
	},
	{
		id: 'L-WH-URLS',
		text: "signed/approved go to the invitee's Webhook URL; rejected/verificationFailed/expired to its Error Webhook URL, falling back to the Webhook URL; no URL: nothing is sent (handle.url null, done resolves {skipped:true}).",
	},
	{
		id: 'L-WH-VERSIONS',
		text: 'Webhook version per invitee: seedDocument({webhookVersion}) or per invitee, else the module option webhookVersion ("2.5" default; "2.3", "2.2", "2.1"; live property, control POST /options, CLI --version). 2.1-2.3 bodies follow reference 2.8.1: success (signed, approved) {documentId, mac, folderId, irn, files[] (base64 PDF of the document), auditTrail (base64, only when the document is COMPLETED, else null), signer{certificate data; 2.1 without serialNumber; only for signers}, request{name, email, phone, signUrl, active, signed, rejected, expired, expiryDate, signType}, verification (2.3 only)}; error (rejected, verificationFailed, expired) 2.3: {documentId, mac, folderId, irn, signer, request{… without signType, with error}, verification, messages}; 2.1/2.2: {documentId, mac, folderId, irn, request{…, error}} with the failed checks as text in error. An approval sets no flag (all false). Same mac, URLs and retries as v2.5; deliver({fileBytes}) pads the generated PDFs (large bodies).',
	},
	{
		id: 'L-WH-COORDINATES',
		text: 'Coordinate Picker webhook: deliver({event: "coordinatesPlaced", to}) posts {documentId, irn, mac, invitations[]{name, email, phone, signUrl, active, expiryDate}} (reference 2.8.2; the invitees of a seeded document when documentId names one) to the given URL, with the same mac, HTTP behaviour and retries.',
	},
	{
		id: 'L-WH-MAC',
		text: 'mac = lowercase hex HMAC-SHA1 of the documentId string (UTF-8) keyed with the Private Salt.',
	},
	{
		id: 'L-WH-HTTP',
		text: 'POST with Content-Type: application/json, Content-Length, no User-Agent or auth header (plus static custom headers if configured via webhookHeaders), a new connection per attempt. Any 200-299 answer counts as delivered; 3xx is not followed and counts as a failure.',
	},
	{
		id: 'L-WH-RETRY',
		text: 'Initial attempt at once; after a failure: 1st retry immediately, 2nd retry 1 h after the 1st retry ended, 3rd retry 3 h after the 2nd ended, then give up (4 attempts max). Each wait is multiplied by timeScale.',
	},
	{
		id: 'L-WH-TIMEOUT',
		text: 'A receiver that has not answered within 10 s (option webhookTimeoutMs, real time, not scaled) counts as failed (status null, error "timeout ..."), as does a connection error.',
	},
	{
		id: 'L-WH-IDENTICAL',
		text: 'Retries re-send byte-identical bodies: the JSON is serialised once per event (same mac, same expiryDate, same active flag even if state changed since).',
	},
	{
		id: 'L-WH-CLOSE',
		text: 'close() cancels pending retries and aborts in-flight attempts; their done resolves {cancelled:true}; nothing is logged for an aborted attempt. Retry timers never keep the process alive.',
	},
]);

/**
 * @param {import('../server').ProviderEnv} env
 * @param {import('../types').LeegalityOptions} [opts] startEmulator({ leegality })
 * @returns {LeegalityModule}
 */
function createLeegality(env, opts = {}) {
	/** @type {{ createResponseKey: 'invitees' | 'invitations' }} */
	const settings = {
		createResponseKey: opts.createResponseKey === 'invitations' ? 'invitations' : 'invitees',
	};
	/** @type {(version: unknown) => import('../types').LeegalityWebhookVersion} */
	const versionOf = (version) => {
		const value = webhooks.WEBHOOK_VERSIONS.find((v) => v === String(version ?? '2.5'));
		if (!value)
			throw new Error(`webhookVersion must be one of ${webhooks.WEBHOOK_VERSIONS.join(', ')}`);
		return value;
	};
	const state = new LeegalityState({
		now: env.now,
		signBaseUrl: () => `${env.url()}/leegality/sign`,
	});
	const files = new ShortLivedFiles({ now: env.now, ttlMs: opts.cdnTtlMs ?? 15_000 });
	/** @type {import('./views').FileUrl} */
	const fileUrl = (doc, type, fileOpts) =>
		`${env.url()}/leegality/cdn/${files.add(renderFile(doc, type, fileOpts), 'application/pdf')}`;

	/**
	 * Delivers a webhook body to the right URL of an invitee.
	 * @param {{ webhookUrl: string | null, errorWebhookUrl: string | null, webhookHeaders?: Record<string, string> }} target
	 * @param {string} event
	 * @param {LeegalityWebhookBody | Record<string, unknown> | string} body
	 * @param {number} [lostResponses] see Deliverer
	 */
	function send(target, event, body, lostResponses) {
		const url = webhooks.isErrorEvent(event)
			? (target.errorWebhookUrl ?? target.webhookUrl)
			: target.webhookUrl;
		return env.deliverer.deliver({
			provider: 'leegality',
			event,
			url,
			body: typeof body === 'string' ? body : webhooks.serializeWebhookBody(body),
			headers: target.webhookHeaders ?? {},
			retryDelaysMs: [...webhooks.RETRY_DELAYS_MS],
			lostResponses,
		});
	}

	/** @type {LeegalityModule} */
	const leegality = {
		name: 'leegality',
		get baseUrl() {
			return `${env.url()}/leegality/api`;
		},
		authToken: opts.authToken ?? randomBytes(24).toString('base64url'),
		privateSalt: opts.privateSalt ?? randomBytes(16).toString('hex'),
		profiles: state.profiles,
		/** Version of the bodies sent for invitees without their own ("2.5", "2.3", "2.2", "2.1"). */
		webhookVersion: versionOf(opts.webhookVersion),
		retryDelaysMs: webhooks.RETRY_DELAYS_MS,
		ASSUMPTIONS,
		state,

		seedDocument(spec = {}) {
			const profile = state.profile(spec.profileId ?? 'pdfSign');
			if (!profile) throw new Error(`unknown profileId ${spec.profileId}`);
			const specInvitees = spec.invitees ?? [{ name: 'Test Signer', email: 'signer@example.com' }];
			/** @type {import('../types').SeedInvitee[]} */
			const invitees = specInvitees.map((inv) => ({
				...inv,
				inviteeType: inv.inviteeType === 'Reviewer' ? 'Reviewer' : 'Signer',
				webhookUrl: inv.webhookUrl ?? spec.webhookUrl ?? profile.webhookUrl ?? null,
				errorWebhookUrl:
					inv.errorWebhookUrl ?? spec.errorWebhookUrl ?? profile.errorWebhookUrl ?? null,
				webhookHeaders: inv.webhookHeaders ?? spec.webhookHeaders,
				webhookVersion:
					inv.webhookVersion !== undefined || spec.webhookVersion !== undefined
						? versionOf(inv.webhookVersion ?? spec.webhookVersion)
						: null,
			}));
			const wanted = spec.completed ? 'COMPLETED' : (spec.status ?? 'SENT');
			if (!['DRAFT', 'SENT', 'COMPLETED'].includes(wanted))
				throw new Error(`invalid status ${wanted}`);
			const doc = state.createDocument({
				...spec,
				profile,
				invitees,
				status: wanted === 'DRAFT' ? 'DRAFT' : 'SENT',
			});
			const now = env.now();
			doc.invitations.forEach((inv, i) => {
				const s = wanted === 'COMPLETED' ? 'done' : (specInvitees[i].status ?? 'pending');
				if (s === 'signed' || s === 'approved' || s === 'done') {
					if (inv.inviteeType === 'Reviewer') inv.reviewed = inv.approved = true;
					else inv.signed = true;
					inv.active = true;
					inv.signMs = wanted === 'COMPLETED' ? toMs(spec.completedAt, now) : now;
				} else if (s === 'rejected') {
					inv.rejected = true;
					inv.active = true;
					if (inv.inviteeType === 'Reviewer') {
						inv.reviewed = true;
						inv.rejectionMessage = specInvitees[i].rejectionMessage ?? 'Rejected by the reviewer.';
					} else inv.signRejectionMessage = specInvitees[i].rejectionMessage ?? null;
				} else if (s === 'expired') {
					inv.expired = true;
					inv.failureReason = 'Transaction timed out.';
				} else if (s !== 'pending') throw new Error(`invalid invitee status ${s}`);
			});
			if (wanted !== 'DRAFT') {
				state.checkCompletion(doc);
				if (doc.status === 'COMPLETED') doc.completionMs = toMs(spec.completedAt, now);
				state.refreshActive(doc);
			}
			return snapshot(doc);
		},

		act(request) {
			const doc = state.find(request.documentId);
			if (!doc) throw new Error(`unknown documentId ${request.documentId}`);
			const inv = resolveInvitee(doc, request.invitee);
			const event = state.act(doc, inv, request.action, request);
			const version = inv.webhookVersion ?? leegality.webhookVersion;
			if (version !== '2.5') {
				const completed = doc.status === 'COMPLETED';
				const body = webhooks.buildLegacyWebhookBody(event, {
					version,
					salt: leegality.privateSalt,
					now: env.now(),
					documentId: doc.id,
					irn: doc.irn,
					folderId: doc.folder?.id,
					completed,
					files: [renderFile(doc, 'DOCUMENT')],
					auditTrail: completed ? renderFile(doc, 'AUDIT_TRAIL') : null,
					verification: request.verification,
					request: {
						name: inv.name,
						email: inv.email,
						phone: inv.phone,
						signUrl: inv.signUrl,
						active: inv.active,
						expiryDate: formatDate(inv.expiryMs),
						...(webhooks.isErrorEvent(event)
							? {}
							: { signType: event === 'signed' ? inv.signType : null }),
					},
				});
				return send(inv, event, body);
			}
			const body = webhooks.buildWebhookBody(event, {
				salt: leegality.privateSalt,
				now: env.now(),
				documentId: doc.id,
				documentStatus: doc.status === 'COMPLETED' ? 'Completed' : 'Sent',
				irn: doc.irn,
				verification: request.verification ?? (event === 'verificationFailed' ? undefined : null),
				request: {
					inviteeType: inv.inviteeType,
					name: inv.name,
					email: inv.email,
					phone: inv.phone,
					invitationUrl: inv.signUrl,
					active: inv.active,
					expiryDate: formatDate(inv.expiryMs),
					rejectionMessage: event === 'reviewerRejected' ? inv.rejectionMessage : null,
					signType: event === 'signed' || event === 'verificationFailed' ? inv.signType : null,
				},
			});
			return send(inv, event, body);
		},

		deliver(request) {
			const { event, to, errorTo, headers, rawBody, lostResponses, ...buildOpts } = request;
			const body = rawBody ?? leegality.buildWebhookBody(event, buildOpts);
			return send(
				{ webhookUrl: to ?? null, errorWebhookUrl: errorTo ?? null, webhookHeaders: headers },
				event,
				body,
				lostResponses,
			);
		},

		/**
		 * The body of `event` in `buildOpts.version` (default: the module's webhookVersion), or the
		 * Coordinate Picker body for "coordinatesPlaced".
		 * @type {any}
		 */
		buildWebhookBody(/** @type {string} */ event, /** @type {any} */ buildOpts = {}) {
			const { version: wanted, ...rest } = buildOpts;
			const common = {
				salt: leegality.privateSalt,
				signBaseUrl: `${env.url()}/leegality/sign`,
				now: env.now(),
			};
			if (event === webhooks.COORDINATES_EVENT) {
				const doc = rest.documentId ? state.find(rest.documentId) : undefined;
				const invitations = doc?.invitations
					.filter((/** @type {any} */ inv) => !inv.deleted)
					.map((/** @type {any} */ inv) => ({
						name: inv.name,
						email: inv.email,
						phone: inv.phone,
						signUrl: inv.signUrl,
						active: inv.active,
						expiryDate: formatDate(inv.expiryMs),
					}));
				return webhooks.buildCoordinatePickerBody({
					...common,
					irn: doc?.irn,
					invitations,
					...rest,
				});
			}
			const version = versionOf(wanted ?? leegality.webhookVersion);
			if (version === '2.5') return webhooks.buildWebhookBody(event, { ...common, ...rest });
			return webhooks.buildLegacyWebhookBody(event, { ...common, ...rest, version });
		},

		computeMac(documentId, salt) {
			return webhooks.computeMac(documentId, salt ?? leegality.privateSalt);
		},

		getDocument(documentId) {
			const doc = state.find(documentId);
			return doc ? snapshot(doc) : undefined;
		},

		listDocuments() {
			return [...state.documents.values()].map(snapshot);
		},

		configureWebhooks(config) {
			const targets = config.profileId ? [state.profile(config.profileId)] : state.profiles;
			if (targets.some((p) => !p)) throw new Error(`unknown profileId ${config.profileId}`);
			for (const p of /** @type {import('../types').LeegalityProfile[]} */ (targets)) {
				if (config.webhookUrl !== undefined) p.webhookUrl = config.webhookUrl;
				if (config.errorWebhookUrl !== undefined) p.errorWebhookUrl = config.errorWebhookUrl;
			}
		},

		/** @param {{ webhookVersion?: string }} changes live options (control POST /options) */
		setOptions(changes) {
			if (changes.webhookVersion !== undefined)
				leegality.webhookVersion = versionOf(changes.webhookVersion);
			return { webhookVersion: leegality.webhookVersion };
		},

		/** @param {any} profile */
		addProfile(profile) {
			if (!profile?.id || state.profile(profile.id))
				throw new Error('addProfile: a new unique id is required');
			const base = defaultProfiles()[0];
			const full = { ...base, name: profile.id, invitees: [], fixedInvitees: [], ...profile };
			state.profiles.push(full);
			return full;
		},

		async handle(r) {
			const sub = r.path;
			if (sub.startsWith('/api/')) return api.handle(r, sub.slice(4));
			const cdn = /^\/cdn\/([0-9a-f]+)$/.exec(sub);
			if (cdn) return serveCdn(r, files, cdn[1]);
			const sign = /^\/sign\/([0-9a-fA-F-]{36})$/.exec(sub);
			if (sign) return serveSignPage(r, sign[1], leegality);
			if (sub.startsWith('/_control/'))
				return serveControl(r, sub.slice('/_control'.length), leegality);
			return sendJson(r.res, 404, {
				timestamp: new Date().toISOString(),
				status: 404,
				error: 'Not Found',
				path: r.fullPath,
			});
		},

		close() {
			files.entries.clear();
		},
	};
	if (opts.webhookUrl !== undefined || opts.errorWebhookUrl !== undefined)
		leegality.configureWebhooks({
			webhookUrl: opts.webhookUrl,
			errorWebhookUrl: opts.errorWebhookUrl,
		});

	const api = createApi({
		state,
		authToken: () => leegality.authToken,
		fileUrl,
		now: env.now,
		options: settings,
	});

	/**
	 * @param {LeegalityDocument} doc
	 * @param {number | string | undefined} invitee index, signUrl or UUID; default: first active pending one
	 */
	function resolveInvitee(doc, invitee) {
		let inv;
		if (typeof invitee === 'number') inv = doc.invitations[invitee];
		else if (typeof invitee === 'string') inv = state.findInvitation(invitee)?.inv;
		else inv = doc.invitations.find((i) => i.active && isPending(i));
		if (!inv || !doc.invitations.includes(inv))
			throw new Error(`no such invitee ${invitee ?? '(first active pending)'} in ${doc.id}`);
		return inv;
	}

	return leegality;
}

/**
 * Public copy of a document.
 * @param {LeegalityDocument} doc
 * @returns {import('../types').LeegalityDocumentSnapshot}
 */
function snapshot(doc) {
	return {
		documentId: doc.id,
		name: doc.name,
		irn: doc.irn,
		status: doc.status,
		profileId: doc.profileId,
		folder: { ...doc.folder },
		signingOrder: doc.signingOrder,
		creationDate: formatDate(doc.creationMs),
		completionDate: formatDate(doc.completionMs),
		invitees: doc.invitations.map((inv) => ({
			index: inv.index,
			name: inv.name,
			email: inv.email,
			phone: inv.phone,
			inviteeType: inv.inviteeType,
			signType: inv.signType,
			signUrl: inv.signUrl,
			active: inv.active,
			signed: inv.signed,
			approved: inv.approved,
			rejected: inv.rejected,
			expired: inv.expired,
			verificationFailed: inv.terminated,
			deleted: inv.deleted,
			done: isDone(inv),
			expiryDate: formatDate(inv.expiryMs),
			webhookUrl: inv.webhookUrl,
			errorWebhookUrl: inv.errorWebhookUrl,
		})),
	};
}

module.exports = { createLeegality, ASSUMPTIONS, ...webhooks };
