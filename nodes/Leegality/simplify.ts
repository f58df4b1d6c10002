import type { IDataObject } from 'n8n-workflow';

import { isTrue, objectAt, objectsAt, text } from '../shared/readers';

/**
 * The Simplify output of Get Details: the document's identity, state and dates, and per invitee
 * who they are, where they stand and their signing link (documented in the README).
 */
export function simplifyDetails(data: IDataObject): IDataObject {
	const document = objectAt(data, 'document');
	return {
		documentId: text(document, 'id'),
		name: text(document, 'name'),
		irn: text(document, 'irn'),
		status: text(document, 'status'),
		createdAt: text(document, 'creationDate'),
		completedAt: text(document, 'completionDate'),
		invitees: objectsAt(data, 'invitations').map(simplifyInvitation),
	};
}

function simplifyInvitation(invitation: IDataObject): IDataObject {
	const status = objectAt(invitation, 'invitationStatus');
	return {
		name: text(invitation, 'name'),
		email: text(invitation, 'email'),
		phone: text(invitation, 'phone'),
		type: text(invitation, 'inviteeType'),
		status: invitationState(status),
		signedAt: text(status, 'signDate'),
		signingUrl: text(invitation, 'invitationUrl'),
	};
}

/** One word for `invitationStatus`'s flags; the final states win over `active`. */
function invitationState(status: IDataObject): string {
	for (const state of ['rejected', 'expired', 'signed', 'approved', 'reviewed']) {
		if (isTrue(status[state])) return state;
	}
	return isTrue(status.active) ? 'pending' : 'inactive';
}
