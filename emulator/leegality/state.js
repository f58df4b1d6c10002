'use strict';
/**
 * Leegality in-memory state: workflows ("profiles"), documents, invitations, and the state
 * transitions an invitee's action causes. No HTTP here.
 */
const { randomBytes, randomUUID } = require('node:crypto');

const IST_OFFSET_MS = (5 * 60 + 30) * 60_000;
const DAY_MS = 86_400_000;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * @typedef {import('../types').LeegalityProfile} LeegalityProfile
 * @typedef {import('../types').LeegalityEvent} LeegalityEvent
 * @typedef {import('../types').LeegalityAction} LeegalityAction
 * @typedef {import('../types').VerificationResult} VerificationResult
 */

/**
 * `dd-MM-yyyy HH:mm:ss` in IST (UTC+05:30), Leegality's timestamp format.
 * @overload
 * @param {number} ms
 * @returns {string}
 */
/**
 * @overload
 * @param {number | null | undefined} ms
 * @returns {string | null}
 */
/**
 * @param {number | null | undefined} ms
 * @returns {string | null}
 */
function formatDate(ms) {
	if (ms === null || ms === undefined) return null;
	const d = new Date(ms + IST_OFFSET_MS);
	const p = (/** @type {number} */ n) => String(n).padStart(2, '0');
	return `${p(d.getUTCDate())}-${p(d.getUTCMonth() + 1)}-${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/**
 * Parses `dd-MM-yyyy` as an IST calendar day.
 * @param {string} text
 * @returns {{ start: number, end: number } | null} ms range [start, end]
 */
function parseDay(text) {
	const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(text);
	if (!m) return null;
	const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const start = Date.UTC(year, month - 1, day) - IST_OFFSET_MS;
	const check = new Date(start + IST_OFFSET_MS);
	if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
	return { start, end: start + DAY_MS - 1 };
}

/**
 * 23:59:59 IST of the day `days` after `ms`.
 * @param {number} ms
 * @param {number} days
 */
function endOfIstDay(ms, days) {
	const ist = new Date(ms + IST_OFFSET_MS);
	return (
		Date.UTC(ist.getUTCFullYear(), ist.getUTCMonth(), ist.getUTCDate() + days, 23, 59, 59) -
		IST_OFFSET_MS
	);
}

/**
 * 26-character ULID-like id (Crockford base32: 10 time chars + 16 random chars).
 * @param {number} ms
 */
function ulid(ms) {
	let time = '';
	let t = Math.floor(ms);
	for (let i = 0; i < 10; i++) {
		time = CROCKFORD[t % 32] + time;
		t = Math.floor(t / 32);
	}
	const bytes = randomBytes(16);
	let rand = '';
	for (let i = 0; i < 16; i++) rand += CROCKFORD[bytes[i] % 32];
	return time + rand;
}

/**
 * Any date-ish input to ms.
 * @param {Date | number | string | undefined | null} value
 * @param {number} fallback
 */
function toMs(value, fallback) {
	if (value === undefined || value === null) return fallback;
	if (value instanceof Date) return value.getTime();
	if (typeof value === 'number') return value;
	const ms = Date.parse(value);
	if (Number.isNaN(ms)) throw new Error(`invalid date: ${value}`);
	return ms;
}

/**
 * Workflows every emulator starts with (exposed as `emu.leegality.profiles`).
 * @returns {LeegalityProfile[]}
 */
function defaultProfiles() {
	const folder = { id: 'fld-api', name: 'API Documents' };
	return [
		{
			id: 'pdfSign',
			name: 'PDF - any number of signers',
			type: 'PDF',
			subType: null,
			template: null,
			signingOrder: false,
			expiryDays: 10,
			folder,
			invitees: [],
			defaultInvitee: { inviteeType: 'Signer', signType: 'AADHAAR' },
			fixedInvitees: [],
			webhookUrl: null,
			errorWebhookUrl: null,
		},
		{
			id: 'revSign',
			name: 'PDF - reviewer then signer (signing order)',
			type: 'PDF',
			subType: null,
			template: null,
			signingOrder: true,
			expiryDays: 10,
			folder,
			invitees: [{ inviteeType: 'Reviewer' }, { inviteeType: 'Signer', signType: 'AADHAAR' }],
			defaultInvitee: { inviteeType: 'Signer', signType: 'VIRTUAL_SIGN' },
			fixedInvitees: [],
			webhookUrl: null,
			errorWebhookUrl: null,
		},
		{
			id: 'tmplSgn',
			name: 'Template - offer letter',
			type: 'Template',
			subType: null,
			template: { id: 'tpl-offer', name: 'Offer letter', fields: ['candidateName', 'joiningDate'] },
			signingOrder: false,
			expiryDays: 10,
			folder: { id: 'fld-hr', name: 'HR' },
			invitees: [],
			defaultInvitee: { inviteeType: 'Signer', signType: 'VIRTUAL_SIGN' },
			fixedInvitees: [],
			webhookUrl: null,
			errorWebhookUrl: null,
		},
		{
			id: 'fixedSg',
			name: 'PDF - fixed company signatory in the workflow',
			type: 'PDF',
			subType: null,
			template: null,
			signingOrder: false,
			expiryDays: 10,
			folder,
			invitees: [],
			defaultInvitee: { inviteeType: 'Signer', signType: 'AADHAAR' },
			fixedInvitees: [
				{
					name: 'Company Signatory',
					email: 'signatory@example.com',
					inviteeType: 'Signer',
					signType: 'DSC',
				},
			],
			webhookUrl: null,
			errorWebhookUrl: null,
		},
	];
}

/**
 * @typedef {object} Invitation internal, mutable
 * @property {string} uuid
 * @property {string} signUrl
 * @property {number} index position in the document (stable, deleted ones keep their slot)
 * @property {string} name
 * @property {string | null} email
 * @property {string | null} phone
 * @property {'Signer' | 'Reviewer'} inviteeType
 * @property {string | null} signType
 * @property {boolean} active
 * @property {boolean} signed
 * @property {boolean} reviewed
 * @property {boolean} approved
 * @property {boolean} rejected
 * @property {boolean} expired
 * @property {boolean} terminated certificate verification failed
 * @property {boolean} deleted
 * @property {number} creationMs
 * @property {number} expiryMs
 * @property {number | null} signMs
 * @property {string | null} rejectionMessage
 * @property {string | null} signRejectionMessage
 * @property {string | null} failureReason
 * @property {string | null} webhookUrl
 * @property {string | null} errorWebhookUrl
 * @property {string | null} redirectUrl
 * @property {string | null} baseUrl
 * @property {Record<string, string>} webhookHeaders
 * @property {import('../types').LeegalityWebhookVersion | null} webhookVersion "2.5", "2.3", "2.2", "2.1"; null: the module's default
 * @property {number} resendCount
 * @property {{ name: string }[]} supportingDocuments
 * @property {Record<string, unknown> | null} verificationResponse
 */

/**
 * @typedef {object} LeegalityDocument internal, mutable
 * @property {string} id
 * @property {string | undefined} name undefined only when seeded without a name
 * @property {string | null} irn
 * @property {import('../types').LeegalityDocumentStatus} status
 * @property {string} profileId
 * @property {{ id: string, name: string, type: LeegalityProfile['type'], subType: string | null }} workflow
 * @property {{ id: string, name: string } | null} template
 * @property {{ id: string, name: string }} folder
 * @property {{ name: string, username: string }} sender
 * @property {{ id: string, name: string, label: string, brandName: string }} account
 * @property {{ id: string, name: string | null, email: string }[]} cc
 * @property {boolean} signingOrder
 * @property {number} creationMs
 * @property {number | null} completionMs
 * @property {string | null} customMessage
 * @property {Buffer | null} sourceFile
 * @property {number} additionalFiles
 * @property {Record<string, unknown> | null} fields
 * @property {{ name: string }[]} attachments
 * @property {Invitation[]} invitations
 */

/**
 * What createDocument needs: seedDocument options or a validated create request, with the
 * workflow resolved and the invitees merged with their workflow slots.
 * @typedef {object} CreateDocumentSpec
 * @property {LeegalityProfile} profile
 * @property {import('../types').SeedInvitee[]} invitees
 * @property {string} [name]
 * @property {string | null} [irn]
 * @property {'DRAFT' | 'SENT'} [status]
 * @property {Date | number | string} [createdAt]
 * @property {{ id: string, name: string }} [folder]
 * @property {{ name?: string | null, email: string }[]} [cc]
 * @property {boolean} [signingOrder]
 * @property {string} [customMessage]
 * @property {Buffer | null} [sourceFile]
 * @property {number} [additionalFiles]
 * @property {Record<string, unknown> | null} [fields]
 * @property {{ name: string }[]} [attachments]
 * @property {number} [expiryDays]
 */

/** @typedef {{ doc: LeegalityDocument, inv: Invitation }} InvitationHit */

class LeegalityState {
	/**
	 * @param {object} options
	 * @param {() => number} options.now
	 * @param {() => string} options.signBaseUrl e.g. http://127.0.0.1:4010/leegality/sign
	 */
	constructor(options) {
		this.now = options.now;
		this.signBaseUrl = options.signBaseUrl;
		this.profiles = defaultProfiles();
		/** @type {Map<string, LeegalityDocument>} documentId -> document */
		this.documents = new Map();
		/** @type {Map<string, InvitationHit>} uuid -> invitation */
		this.invitationsByUuid = new Map();
	}

	/** @param {string | undefined} id */
	profile(id) {
		return this.profiles.find((p) => p.id === id);
	}

	/**
	 * Creates a document in SENT (or the given) state. `spec.invitees` are the resolved invitees.
	 * @param {CreateDocumentSpec} spec
	 * @returns {LeegalityDocument}
	 */
	createDocument(spec) {
		const now = this.now();
		const profile = spec.profile;
		const creationMs = toMs(spec.createdAt, now);
		/** @type {LeegalityDocument} */
		const doc = {
			id: ulid(creationMs),
			name: spec.name,
			irn: spec.irn ?? null,
			status: spec.status ?? 'SENT',
			profileId: profile.id,
			workflow: {
				id: profile.id,
				name: profile.name,
				type: profile.type,
				subType: profile.subType ?? null,
			},
			template: profile.template ? { id: profile.template.id, name: profile.template.name } : null,
			folder: spec.folder ?? profile.folder,
			sender: { name: 'Emulator Sender', username: 'sender@example.com' },
			account: {
				id: 'acc-emulator',
				name: 'Emulator Account',
				label: 'Emulator',
				brandName: 'Emulator Brand',
			},
			cc: (spec.cc ?? []).map((c, i) => ({
				id: `cc-${i + 1}`,
				name: c.name ?? null,
				email: c.email,
			})),
			signingOrder: spec.signingOrder ?? profile.signingOrder,
			creationMs,
			completionMs: null,
			customMessage: spec.customMessage ?? null,
			sourceFile: spec.sourceFile ?? null,
			additionalFiles: spec.additionalFiles ?? 0,
			fields: spec.fields ?? null,
			attachments: spec.attachments ?? [],
			invitations: [],
		};
		const expiryDays = spec.expiryDays ?? profile.expiryDays ?? 10;
		doc.invitations = spec.invitees.map((inv, index) => {
			const uuid = randomUUID();
			/** @type {Invitation} */
			const invitation = {
				uuid,
				signUrl: `${this.signBaseUrl()}/${uuid}`,
				index,
				name: inv.name,
				email: inv.email ?? null,
				phone: inv.phone ?? null,
				inviteeType: inv.inviteeType === 'Reviewer' ? 'Reviewer' : 'Signer',
				signType: inv.inviteeType === 'Reviewer' ? null : (inv.signType ?? 'AADHAAR'),
				active: false,
				signed: false,
				reviewed: false,
				approved: false,
				rejected: false,
				expired: false,
				terminated: false,
				deleted: false,
				creationMs,
				expiryMs: toMs(inv.expiryDate, endOfIstDay(creationMs, expiryDays)),
				signMs: null,
				rejectionMessage: null,
				signRejectionMessage: null,
				failureReason: null,
				webhookUrl: inv.webhookUrl ?? null,
				errorWebhookUrl: inv.errorWebhookUrl ?? null,
				redirectUrl: inv.redirectUrl ?? null,
				baseUrl: inv.baseUrl ?? null,
				webhookHeaders: inv.webhookHeaders ?? {},
				webhookVersion: inv.webhookVersion ?? null,
				resendCount: 0,
				supportingDocuments: inv.supportingDocuments ?? [],
				verificationResponse: null,
			};
			this.invitationsByUuid.set(uuid, { doc, inv: invitation });
			return invitation;
		});
		this.documents.set(doc.id, doc);
		return doc;
	}

	/** @param {string | undefined} id */
	find(id) {
		return id ? this.documents.get(id) : undefined;
	}

	/**
	 * Invitation by full sign URL or bare UUID (deleted ones are not found).
	 * @param {string | undefined} signUrlOrUuid
	 */
	findInvitation(signUrlOrUuid) {
		if (!signUrlOrUuid) return undefined;
		const uuid = String(signUrlOrUuid)
			.trim()
			.replace(/[?#].*$/, '')
			.replace(/\/+$/, '')
			.split('/')
			.pop();
		const hit = uuid ? this.invitationsByUuid.get(uuid.toLowerCase()) : undefined;
		if (!hit || hit.inv.deleted || !this.documents.has(hit.doc.id)) return undefined;
		return hit;
	}

	/** @param {LeegalityDocument} doc */
	deleteDocument(doc) {
		this.documents.delete(doc.id);
		for (const inv of doc.invitations) this.invitationsByUuid.delete(inv.uuid);
	}

	/**
	 * Sets `active` flags for a SENT document: all pending invitations, or only the first one
	 * not yet done when the document has a signing order.
	 * @param {LeegalityDocument} doc
	 */
	refreshActive(doc) {
		if (doc.status !== 'SENT') return;
		const live = doc.invitations.filter((i) => !i.deleted);
		if (!doc.signingOrder) {
			for (const inv of live) if (isPending(inv)) inv.active = true;
			return;
		}
		const next = live.find((i) => !isDone(i));
		if (next && isPending(next)) next.active = true;
	}

	/**
	 * Completes the document when every remaining invitation has signed/approved.
	 * @param {LeegalityDocument} doc
	 */
	checkCompletion(doc) {
		const live = doc.invitations.filter((i) => !i.deleted);
		if (doc.status === 'SENT' && live.length > 0 && live.every(isDone)) {
			doc.status = 'COMPLETED';
			doc.completionMs = this.now();
		}
	}

	/**
	 * Applies an invitee action like the product does. Throws on an impossible action.
	 * @param {LeegalityDocument} doc
	 * @param {Invitation} inv
	 * @param {LeegalityAction} action
	 * @param {{ rejectionMessage?: string | null, verification?: VerificationResult | null }} [opts]
	 * @returns {LeegalityEvent} the webhook event name
	 */
	act(doc, inv, action, opts = {}) {
		if (doc.status !== 'SENT') throw new Error(`document ${doc.id} is ${doc.status}, not SENT`);
		if (inv.deleted) throw new Error('invitation was deleted');
		if (!isPending(inv))
			throw new Error(`invitation of ${inv.name} already finished (${describe(inv)})`);
		const now = this.now();
		if (action === 'expire') {
			inv.expired = true;
			inv.active = false;
			inv.expiryMs = Math.min(inv.expiryMs, now);
			inv.failureReason = 'Transaction timed out.';
			return 'expired';
		}
		if (!inv.active) throw new Error(`invitation of ${inv.name} is not active (signing order)`);
		const needType =
			action === 'approve' ? 'Reviewer' : action === 'reject' ? inv.inviteeType : 'Signer';
		if (inv.inviteeType !== needType) throw new Error(`a ${inv.inviteeType} cannot ${action}`);
		switch (action) {
			case 'sign':
				inv.signed = true;
				inv.signMs = now;
				if (opts.verification) inv.verificationResponse = verificationResponse(opts.verification);
				break;
			case 'approve':
				inv.reviewed = true;
				inv.approved = true;
				inv.signMs = now;
				break;
			case 'reject':
				inv.rejected = true;
				if (inv.inviteeType === 'Reviewer') {
					inv.reviewed = true;
					inv.rejectionMessage = opts.rejectionMessage ?? 'Rejected by the reviewer.';
				} else {
					inv.signRejectionMessage = opts.rejectionMessage ?? null;
				}
				break;
			case 'failVerification':
				inv.terminated = true;
				inv.active = false;
				inv.failureReason = 'Certificate verification failed.';
				inv.verificationResponse = verificationResponse(
					opts.verification ?? DEFAULT_FAILED_VERIFICATION,
				);
				break;
			default:
				throw new Error(`unknown action ${action}`);
		}
		this.checkCompletion(doc);
		this.refreshActive(doc);
		if (action === 'sign') return 'signed';
		if (action === 'approve') return 'approved';
		if (action === 'reject')
			return inv.inviteeType === 'Reviewer' ? 'reviewerRejected' : 'signerRejected';
		return 'verificationFailed';
	}
}

/** @type {VerificationResult} */
const DEFAULT_FAILED_VERIFICATION = {
	smartName: null,
	name: false,
	pincode: null,
	state: null,
	title: true,
	yob: null,
	gender: null,
};

/** @param {VerificationResult} v webhook-style verification → Details-style verificationResponse */
function verificationResponse(v) {
	return {
		smartNamePercentage: v.smartName ?? null,
		signatureVerification: true,
		nameVerification: v.name ?? null,
		pincodeVerification: v.pincode ?? null,
		stateVerification: v.state ?? null,
		titleVerification: v.title ?? null,
		yobVerification: v.yob ?? null,
		genderVerification: v.gender ?? null,
	};
}

/** @param {Invitation} inv */
function isDone(inv) {
	return inv.signed || inv.approved;
}
/** @param {Invitation} inv */
function isPending(inv) {
	return !inv.deleted && !isDone(inv) && !inv.rejected && !inv.expired && !inv.terminated;
}
/** @param {Invitation} inv */
function describe(inv) {
	if (inv.signed) return 'signed';
	if (inv.approved) return 'approved';
	if (inv.rejected) return 'rejected';
	if (inv.expired) return 'expired';
	if (inv.terminated) return 'verification failed';
	return 'pending';
}

module.exports = {
	LeegalityState,
	formatDate,
	parseDay,
	endOfIstDay,
	ulid,
	toMs,
	isDone,
	isPending,
	describe,
	defaultProfiles,
	DEFAULT_FAILED_VERIFICATION,
	IST_OFFSET_MS,
	DAY_MS,
};
