import { type IDataObject, jsonParse } from 'n8n-workflow';

import { isTrue, numberAt, objectsAt, text } from '../shared/readers';
import { idFromUri } from './api';
import { DOCUMENT_STATUSES, SIGNER_STATUSES } from './events';

/**
 * The Simplify outputs of Get (document, template PDF): IDs instead of resource URIs, statuses
 * with their meaning, one flat entry per recipient (documented in the README).
 */

const idOf = (obj: IDataObject, idField: string) =>
	text(obj, idField) ?? (idFromUri(text(obj, 'resource_uri') ?? '') || null);

const statusOf = (obj: IDataObject, labels: Record<string, { label: string }>) => {
	const status = numberAt(obj, 'status');
	return { status, statusText: status === null ? null : (labels[String(status)]?.label ?? null) };
};

/** `signer_objects` (newer API) or the positional `signers` arrays of a document. */
function recipientsOf(document: IDataObject): IDataObject[] {
	const objects = objectsAt(document, 'signer_objects');
	if (objects.length > 0) {
		return objects.map((signer) => ({
			recipientId: idOf(signer, 'uuid'),
			firstName: text(signer, 'firstname'),
			lastName: text(signer, 'lastname'),
			email: text(signer, 'email'),
			role: text(signer, 'role'),
			...statusOf(signer, SIGNER_STATUSES),
			order: numberAt(signer, 'order'),
		}));
	}
	const rows = Array.isArray(document.signers) ? document.signers.filter(Array.isArray) : [];
	return rows.map((row: unknown[]) => {
		// [signer URI, first name, last name, email, sms, has fields, status, order]
		const [uri, firstName, lastName, email, , , status, order] = row;
		const signer: IDataObject = { resource_uri: uri as string, status: status as number };
		return {
			recipientId: idOf(signer, 'uuid'),
			firstName: typeof firstName === 'string' ? firstName : null,
			lastName: typeof lastName === 'string' ? lastName : null,
			email: typeof email === 'string' ? email : null,
			role: null,
			...statusOf(signer, SIGNER_STATUSES),
			order: typeof order === 'number' ? order : null,
		};
	});
}

export function simplifyDocument(document: IDataObject): IDataObject {
	return {
		documentId: idOf(document, 'uuid'),
		name: text(document, 'name'),
		...statusOf(document, DOCUMENT_STATUSES),
		group: idFromUri(text(document, 'group') ?? '') || null,
		signedPdfReady: isTrue(document.download_final),
		archived: isTrue(document.archived),
		created: text(document, 'created'),
		modified: text(document, 'modified'),
		recipients: recipientsOf(document),
	};
}

/** `parties` is a JSON string holding the role names. */
function partiesOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.filter((party) => typeof party === 'string');
	if (typeof value !== 'string') return [];
	try {
		const parsed = jsonParse<unknown>(value);
		return Array.isArray(parsed) ? parsed.filter((party) => typeof party === 'string') : [];
	} catch {
		return [];
	}
}

export function simplifyTemplatePdf(template: IDataObject): IDataObject {
	return {
		templatePdfId: idOf(template, 'uuid'),
		title: text(template, 'title'),
		group: idFromUri(text(template, 'group') ?? '') || null,
		sendable: template.valid !== false,
		parties: partiesOf(template.parties),
		signerCount: numberAt(template, 'signer_count'),
		pageCount: numberAt(template, 'page_count'),
		created: text(template, 'created'),
		modified: text(template, 'modified'),
	};
}
