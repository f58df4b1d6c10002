'use strict';
/**
 * Legalesign in-memory state: groups, template PDFs, documents with their signers, and webhook
 * subscriptions. Pure data + transitions; the API and webhook modules render and deliver it.
 */
const { randomInt, randomUUID } = require('node:crypto');

const DOCUMENT_STATUS_TEXT = {
	10: 'Sent',
	20: 'Fields completed',
	30: 'Signed',
	40: 'Removed before signing',
	50: 'Rejected',
};
const SIGNER_STATUS_TEXT = {
	4: 'Unsent',
	5: 'Scheduled to send',
	10: 'Sent',
	15: 'Email opened',
	20: 'Visited',
	30: 'Fields complete',
	35: 'Fields complete except signature',
	39: 'Waiting for witness',
	40: 'Signed',
	50: 'Downloaded',
	60: 'Rejected',
};
const NOTIFY_WHEN = { all: 1, signed: 2, sent: 3, rejected: 4, realtime: 10 };
const EVENT_FILTERS = [
	'',
	'document.*',
	'document.created',
	'document.rejected',
	'document.finalPdfCreated',
	'recipient.*',
	'recipient.completed',
	'recipient.rejected',
	'recipient.emailOpened',
	'recipient.visiting',
	'recipient.bounced',
];

/**
 * @typedef {object} LegalesignGroup
 * @property {number} id
 * @property {string} slug
 * @property {string} name
 * @property {string} publicName
 */

/**
 * @typedef {object} LegalesignTemplate a template PDF
 * @property {string} uuid
 * @property {string} title
 * @property {string} group slug
 * @property {string[]} parties
 * @property {number} pageCount
 * @property {boolean} valid
 * @property {boolean} archived
 * @property {number} createdMs
 * @property {number} modifiedMs
 */

/**
 * @typedef {object} LegalesignDocument internal, mutable
 * @property {string} uuid
 * @property {string} name
 * @property {string} group slug
 * @property {string | null} templatepdf uuid
 * @property {number} status 10 sent, 20 fields completed, 30 signed, 40 removed, 50 rejected
 * @property {boolean} archived
 * @property {boolean} autoArchive
 * @property {boolean} doEmail
 * @property {boolean} downloadFinal
 * @property {boolean} signersInOrder
 * @property {boolean} returnSignerLinks
 * @property {string} ccEmails
 * @property {string} redirect
 * @property {string} tag
 * @property {string} tag1
 * @property {string} tag2
 * @property {unknown} pdftext
 * @property {number} signatureType
 * @property {import('../types').LegalesignPdfMode} pdfMode
 * @property {number} createdMs
 * @property {number} modifiedMs
 * @property {number | null} signTimeMs
 * @property {LegalesignSigner[]} signers
 */

/**
 * @typedef {object} LegalesignSigner internal, mutable
 * @property {string} uuid
 * @property {LegalesignDocument} document
 * @property {string} firstname
 * @property {string} lastname
 * @property {string} email
 * @property {string} sms
 * @property {string} role signer | witness | approver
 * @property {number} order
 * @property {number} status
 * @property {string | null} rejectReason
 */

/**
 * @typedef {object} LegalesignSubscription a webhook registration
 * @property {number} id
 * @property {string} url
 * @property {import('../types').LegalesignNotify} notify
 * @property {number | undefined} notify_when
 * @property {string} event_filter
 * @property {LegalesignGroup | null} group
 * @property {boolean} active
 * @property {number} createdMs
 */

/**
 * A validated DocumentPost (snake_case, as the API takes it) plus the emulator's pdfMode.
 * @typedef {object} CreateDocumentSpec
 * @property {string} name
 * @property {string} group slug
 * @property {string | null} [templatepdf]
 * @property {string} [uuid]
 * @property {Array<{ firstname: string, lastname: string, email: string, sms?: string, role?: string }>} [signers]
 * @property {boolean} [auto_archive]
 * @property {boolean} [do_email]
 * @property {boolean} [signers_in_order]
 * @property {boolean} [return_signer_links]
 * @property {string} [cc_emails]
 * @property {string} [redirect]
 * @property {string} [tag]
 * @property {string} [tag1]
 * @property {string} [tag2]
 * @property {unknown} [pdftext]
 * @property {number} [signature_type]
 * @property {import('../types').LegalesignPdfMode} [pdfMode]
 */

/**
 * `YYYY-mm-ddTHH:MM:SS` in UTC, the REST timestamp format (no zone).
 * @param {number} ms
 */
function restTime(ms) {
	return new Date(ms).toISOString().slice(0, 19);
}

class LegalesignState {
	/** @param {{ now: () => number }} options */
	constructor(options) {
		this.now = options.now;
		/** @type {LegalesignGroup[]} */
		this.groups = [
			{ id: 1, slug: 'main-team', name: 'Main team', publicName: 'Example Ltd' },
			{ id: 2, slug: 'sales', name: 'Sales', publicName: 'Example Ltd Sales' },
		];
		/** @type {LegalesignTemplate[]} */
		this.templates = [
			template('1b7d3c44-5f20-4a1e-9c1d-000000000001', 'NDA (one signer)', 'main-team', ['Signer']),
			template('1b7d3c44-5f20-4a1e-9c1d-000000000002', 'Contract (two signers)', 'main-team', [
				'Client',
				'Supplier',
			]),
			template('1b7d3c44-5f20-4a1e-9c1d-000000000003', 'Sales order', 'sales', ['Customer']),
		].map((t) => ({ ...t, createdMs: this.now(), modifiedMs: this.now() }));
		/** @type {Map<string, LegalesignDocument>} uuid -> document */
		this.documents = new Map();
		/** @type {Map<string, LegalesignSigner>} uuid -> signer (also reachable from its document) */
		this.signers = new Map();
		/** @type {LegalesignSubscription[]} */
		this.subscriptions = [];
		// A random start, so a restarted emulator never reuses the id of a registration a client may
		// still remember (and DELETE) from an earlier run, as a real server would not.
		this.nextSubscriptionId = 1 + randomInt(1_000_000) * 100;
	}

	/** @param {string | undefined | null} ref slug, resource URI or numeric id */
	group(ref) {
		if (ref === undefined || ref === null || ref === '') return undefined;
		const key = lastSegment(String(ref));
		return this.groups.find((g) => g.slug === key || String(g.id) === key);
	}

	/** @param {string | undefined | null} ref uuid or resource URI */
	template(ref) {
		if (!ref) return undefined;
		const key = lastSegment(String(ref));
		return this.templates.find((t) => t.uuid === key);
	}

	/** @param {string | undefined | null} ref */
	document(ref) {
		return ref ? this.documents.get(lastSegment(String(ref))) : undefined;
	}

	/** @param {string | undefined | null} ref */
	signer(ref) {
		return ref ? this.signers.get(lastSegment(String(ref))) : undefined;
	}

	/**
	 * Creates a document in status 10 with its signers (already validated).
	 * @param {CreateDocumentSpec} spec
	 * @returns {LegalesignDocument}
	 */
	createDocument(spec) {
		const now = this.now();
		/** @type {LegalesignDocument} */
		const doc = {
			uuid: spec.uuid ?? randomUUID(),
			name: spec.name,
			group: spec.group,
			templatepdf: spec.templatepdf ?? null,
			status: 10,
			archived: false,
			autoArchive: spec.auto_archive !== false,
			doEmail: spec.do_email === true,
			downloadFinal: false,
			signersInOrder: spec.signers_in_order === true,
			returnSignerLinks: spec.return_signer_links === true,
			ccEmails: spec.cc_emails ?? '',
			redirect: spec.redirect ?? '',
			tag: spec.tag ?? '',
			tag1: spec.tag1 ?? '',
			tag2: spec.tag2 ?? '',
			pdftext: spec.pdftext ?? {},
			signatureType: spec.signature_type ?? 1,
			pdfMode: spec.pdfMode ?? 'redirect',
			createdMs: now,
			modifiedMs: now,
			signTimeMs: null,
			signers: [],
		};
		doc.signers = (spec.signers ?? []).map((s, i) => {
			/** @type {LegalesignSigner} */
			const signer = {
				uuid: randomUUID(),
				document: doc,
				firstname: s.firstname,
				lastname: s.lastname,
				email: s.email,
				sms: s.sms ?? '',
				role: s.role ?? 'signer',
				order: i,
				status: doc.signersInOrder && i > 0 ? 4 : 10,
				rejectReason: null,
			};
			this.signers.set(signer.uuid, signer);
			return signer;
		});
		this.documents.set(doc.uuid, doc);
		return doc;
	}

	/** @param {LegalesignDocument} doc */
	touch(doc) {
		doc.modifiedMs = this.now();
	}

	/**
	 * Adds a subscription (no de-duplication: Legalesign's behaviour for repeats is unknown).
	 * @param {{ url: string, notify: import('../types').LegalesignNotify, eventFilter: string, group: LegalesignGroup | null | undefined }} spec
	 */
	subscribe(spec) {
		/** @type {LegalesignSubscription} */
		const subscription = {
			id: this.nextSubscriptionId++,
			url: spec.url,
			notify: spec.notify,
			notify_when: NOTIFY_WHEN[/** @type {keyof typeof NOTIFY_WHEN} */ (spec.notify)],
			event_filter: spec.eventFilter ?? '',
			group: spec.group ?? null,
			active: true,
			createdMs: this.now(),
		};
		this.subscriptions.push(subscription);
		return subscription;
	}

	/** Public shape of `GET /notifications/` for one subscription. @param {LegalesignSubscription} s */
	notificationView(s) {
		return {
			url: s.url,
			notify_when: s.notify_when,
			event_filter: s.event_filter,
			group_id: s.group ? s.group.id : null,
			active: s.active,
		};
	}
}

/**
 * @param {string} uuid
 * @param {string} title
 * @param {string} group
 * @param {string[]} parties
 */
function template(uuid, title, group, parties) {
	return { uuid, title, group, parties, pageCount: 1, valid: true, archived: false };
}

/** @param {string} value */
function lastSegment(value) {
	const segments = value.split(/[?#]/)[0].split('/').filter(Boolean);
	return segments[segments.length - 1] ?? '';
}

module.exports = {
	LegalesignState,
	DOCUMENT_STATUS_TEXT,
	SIGNER_STATUS_TEXT,
	NOTIFY_WHEN,
	EVENT_FILTERS,
	restTime,
	lastSegment,
};
