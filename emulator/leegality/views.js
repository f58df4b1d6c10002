'use strict';
/**
 * Read-side views of a Leegality document: v3.3 Details (opt-in flag groups), v3.2 status
 * summary, and the PDFs behind download types.
 */
const { createHash } = require('node:crypto');
const { makePdf } = require('../files');
const { formatDate, isDone, describe } = require('./state');

/**
 * @typedef {import('./state').LeegalityDocument} LeegalityDocument
 * @typedef {import('./state').Invitation} Invitation
 * @typedef {{ inv?: Invitation, index?: number }} FileOptions which attachment or supporting document
 * @typedef {(doc: LeegalityDocument, type: string, opts?: FileOptions) => string} FileUrl
 *   a fresh short-lived URL for one download type
 */

/** Flag prefixes that are always "on" (their groups are always returned). */
const IMPLICIT_PARENTS = new Set(['document', 'invitations', 'invitations_invitationStatus']);
const TRUE_VALUES = new Set(['true', '1', 'yes', 'on']);
const DOWNLOAD_TYPES = ['DOCUMENT', 'AUDIT_TRAIL', 'ATTACHMENT', 'SUPPORTING_DOCUMENT'];

/**
 * Flag reader for Details: a flag counts only when it and every ancestor (`a_b_c` → `a_b` → `a`)
 * is true; `document`, `invitations` and `invitations_invitationStatus` are implicit ancestors.
 * @param {URLSearchParams} params
 * @returns {(name: string) => boolean}
 */
function flagReader(params) {
	const raw = (/** @type {string} */ name) =>
		TRUE_VALUES.has(
			String(params.get(name) ?? '')
				.trim()
				.toLowerCase(),
		);
	/** @type {(name: string) => boolean} */
	const flag = (name) => {
		if (IMPLICIT_PARENTS.has(name)) return true;
		if (!raw(name)) return false;
		const cut = name.lastIndexOf('_');
		return cut < 0 ? true : flag(name.slice(0, cut));
	};
	return flag;
}

/**
 * Picks `fields` from `source` whose flag `${prefix}_${field}` is on.
 * @param {Record<string, unknown>} target
 * @param {Record<string, unknown>} source
 * @param {string} prefix
 * @param {string[]} fields
 * @param {(name: string) => boolean} flag
 */
function addChildren(target, source, prefix, fields, flag) {
	for (const field of fields) if (flag(`${prefix}_${field}`)) target[field] = source[field] ?? null;
	return target;
}

/**
 * `data` of GET /v3.3/document/details.
 * @param {LeegalityDocument} doc
 * @param {(name: string) => boolean} flag
 * @param {FileUrl} fileUrl short-lived URL for a download type
 */
function detailsView(doc, flag, fileUrl) {
	const completed = doc.status === 'COMPLETED';
	/** @type {Record<string, unknown>} */
	const data = {};
	if (flag('file')) data.file = fileUrl(doc, 'DOCUMENT');
	if (flag('auditTrail')) data.auditTrail = completed ? fileUrl(doc, 'AUDIT_TRAIL') : null;
	const documentSource = {
		scheduledDeletionDate: null,
		customMessage: doc.customMessage,
		deleteOnComplete: false,
		requestSigningOrder: doc.signingOrder,
		requireSigningOrder: doc.signingOrder,
	};
	data.document = addChildren(
		{
			id: doc.id,
			name: doc.name,
			irn: doc.irn,
			status: doc.status,
			deleted: false,
			creationDate: formatDate(doc.creationMs),
			completionDate: formatDate(doc.completionMs),
		},
		documentSource,
		'document',
		Object.keys(documentSource),
		flag,
	);
	if (flag('sftp')) data.sftp = { sftpEnabled: false, profileId: null };
	if (flag('workflow'))
		data.workflow = addChildren(
			{ id: doc.workflow.id },
			doc.workflow,
			'workflow',
			['name', 'type', 'subType'],
			flag,
		);
	if (flag('template'))
		data.template = doc.template
			? addChildren({ id: doc.template.id }, doc.template, 'template', ['name'], flag)
			: null;
	if (flag('account'))
		data.account = addChildren(
			{ id: doc.account.id },
			doc.account,
			'account',
			['name', 'label', 'brandName'],
			flag,
		);
	if (flag('sender'))
		data.sender = addChildren(
			{ username: doc.sender.username },
			doc.sender,
			'sender',
			['name'],
			flag,
		);
	if (flag('folder'))
		data.folders = [addChildren({ id: doc.folder.id }, doc.folder, 'folder', ['name'], flag)];
	if (flag('cc'))
		data.cc = doc.cc.map((c) => ({
			id: c.id,
			name: c.name,
			email: c.email,
			invitationNotification: false,
			signingNotification: false,
			completionNotification: true,
			failureNotification: false,
			sendInvitationUrl: false,
			shareDocAuditTrail: true,
			enforceOneFactorAuthentication: false,
			recordAuditTrail: false,
		}));
	if (flag('referenceAttachments'))
		data.referenceAttachments = doc.attachments.map(
			(/** @type {{ name: string }} */ a, /** @type {number} */ index) => ({
				file: fileUrl(doc, 'ATTACHMENT', { index }),
				name: a.name,
				type: 'application/pdf',
			}),
		);
	data.invitations = doc.invitations
		.filter((inv) => !inv.deleted)
		.map((inv) => invitationView(doc, inv, flag, fileUrl));
	return data;
}

/**
 * @param {LeegalityDocument} doc
 * @param {Invitation} inv
 * @param {(name: string) => boolean} flag
 * @param {FileUrl} fileUrl
 */
function invitationView(doc, inv, flag, fileUrl) {
	const status = addChildren(
		{
			active: inv.active,
			signed: inv.signed,
			reviewed: inv.reviewed,
			approved: inv.approved,
			rejected: inv.rejected,
			expired: inv.expired,
			creationDate: formatDate(inv.creationMs),
			expiryDate: formatDate(inv.expiryMs),
			signDate: formatDate(inv.signMs),
		},
		inv,
		'invitations_invitationStatus',
		['failureReason', 'rejectionMessage', 'signRejectionMessage'],
		flag,
	);
	/** @type {Record<string, unknown>} */
	const view = {
		name: inv.name,
		email: inv.email,
		phone: inv.phone,
		inviteeType: inv.inviteeType,
		invitationUrl: inv.signUrl,
		invitationStatus: status,
	};
	if (flag('invitations_inviteeConfigs')) {
		const configs = {
			retry: 3,
			fixedName: false,
			noName: false,
			supportingDocument: inv.supportingDocuments.length > 0,
			organizationConfig: null,
			security: {
				enforceAuthentication: false,
				twoFactorAuthentication: false,
				sendDocumentRawUrl: false,
				captureLocation: false,
				capturePhoto: false,
				userLiveliness: false,
			},
			customURL: {
				webhookURL: inv.webhookUrl,
				redirectURL: inv.redirectUrl,
				errorWebhookURL: inv.errorWebhookUrl,
				baseURL: inv.baseUrl,
				webhookVersion: 'v2.5',
			},
			customConsent: null,
			enableRejectDocument: true,
			enableRejectMessage: true,
		};
		view.inviteeConfigs = addChildren(
			{ emailNotification: inv.email !== null, phoneNotification: inv.phone !== null },
			configs,
			'invitations_inviteeConfigs',
			Object.keys(configs),
			flag,
		);
	}
	if (flag('invitations_certificateData'))
		view.certificateData = inv.signed ? certificateData(inv) : null;
	if (flag('invitations_verificationResponse'))
		view.verificationResponse = inv.verificationResponse;
	if (flag('invitations_supportingDocuments'))
		view.supportingDocuments = inv.supportingDocuments.map(
			(/** @type {{ name: string }} */ s, /** @type {number} */ index) => ({
				file: fileUrl(doc, 'SUPPORTING_DOCUMENT', { inv, index }),
				name: s.name,
				type: 'application/pdf',
			}),
		);
	return view;
}

/** @param {Invitation} inv */
function certificateData(inv) {
	return {
		name: inv.name.toUpperCase(),
		yob: null,
		gender: null,
		pincode: null,
		title: null,
		state: null,
	};
}

/**
 * `data` of GET /v3.2/sign/request.
 * @param {LeegalityDocument} doc
 * @param {FileUrl} fileUrl
 */
function statusView(doc, fileUrl) {
	const completed = doc.status === 'COMPLETED';
	const live = doc.invitations.filter((inv) => !inv.deleted);
	return {
		documentId: doc.id,
		irn: doc.irn,
		folderId: doc.folder.id,
		requests: live.map((inv) => ({
			name: inv.name,
			email: inv.email,
			phone: inv.phone,
			signUrl: inv.signUrl,
			active: inv.active,
			signed: inv.signed,
			rejected: inv.rejected,
			expired: inv.expired,
			expiryDate: formatDate(inv.expiryMs),
			signType: inv.signType,
		})),
		files: completed ? [fileUrl(doc, 'DOCUMENT')] : [],
		auditTrail: completed ? fileUrl(doc, 'AUDIT_TRAIL') : null,
		signers: live.filter((inv) => inv.signed).map(certificateData),
	};
}

/**
 * The PDF bytes for one download type. Each PDF names the documentId and the type.
 * @param {LeegalityDocument} doc
 * @param {string} type
 * @param {FileOptions} [opts]
 * @returns {Buffer}
 */
function renderFile(doc, type, opts = {}) {
	const head = [
		'Leegality emulator',
		`documentId: ${doc.id}`,
		`documentDownloadType: ${type}`,
		`name: ${doc.name}`,
	];
	if (type === 'DOCUMENT') {
		const source = doc.sourceFile
			? createHash('sha256').update(doc.sourceFile).digest('hex')
			: 'template';
		const signedBy = doc.invitations.filter((i) => !i.deleted && isDone(i)).map((i) => i.name);
		return makePdf(
			[
				...head,
				`status: ${doc.status}`,
				`source sha256: ${source}`,
				`signed by: ${signedBy.join(', ') || '-'}`,
			],
			doc.name,
		);
	}
	if (type === 'AUDIT_TRAIL') {
		const lines = doc.invitations.map(
			(i) =>
				`${i.inviteeType} ${i.name}: ${i.deleted ? 'deleted' : describe(i)} ${formatDate(i.signMs) ?? ''}`,
		);
		return makePdf(
			[...head, `completionDate: ${formatDate(doc.completionMs)}`, ...lines],
			`Audit trail ${doc.id}`,
		);
	}
	if (type === 'ATTACHMENT') {
		const attachment = doc.attachments[opts.index ?? 0];
		return makePdf(
			[...head, `index: ${opts.index ?? 0}`, `attachment: ${attachment?.name}`],
			attachment?.name,
		);
	}
	const file = opts.inv?.supportingDocuments[opts.index ?? 0];
	return makePdf(
		[
			...head,
			`invitee: ${opts.inv?.name}`,
			`index: ${opts.index ?? 0}`,
			`supportingDocument: ${file?.name}`,
		],
		file?.name,
	);
}

module.exports = { flagReader, detailsView, statusView, renderFile, DOWNLOAD_TYPES, TRUE_VALUES };
