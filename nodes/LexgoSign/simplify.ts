import type { IDataObject } from 'n8n-workflow';

import { objectsAt, stringsAt, text } from '../shared/readers';

/**
 * The Simplify output of an envelope (Get, Create, Update): its state, what is wrong with it,
 * its dates, and one flat entry per document and recipient (documented in the README). Placements,
 * settings and the short-lived document links are left out.
 */
export function simplifyEnvelope(envelope: IDataObject): IDataObject {
	return {
		envelopeId: text(envelope, 'id'),
		name: text(envelope, 'name'),
		status: text(envelope, 'status'),
		errors: stringsAt(envelope, 'errors'),
		warnings: stringsAt(envelope, 'warnings'),
		createdAt: text(envelope, 'created_at'),
		sentAt: text(envelope, 'sent_at'),
		completedAt: text(envelope, 'completed_at'),
		documents: objectsAt(envelope, 'documents').map((document) => ({
			documentId: text(document, 'id'),
			customKey: text(document, 'custom_key'),
			fileName: text(document, 'file_name'),
			fileType: text(document, 'file_type'),
			status: text(document, 'status'),
		})),
		recipients: objectsAt(envelope, 'recipients').map((recipient) => ({
			recipientId: text(recipient, 'id'),
			customKey: text(recipient, 'custom_key'),
			name: text(recipient, 'name'),
			email: text(recipient, 'email'),
			status: text(recipient, 'status'),
		})),
	};
}
