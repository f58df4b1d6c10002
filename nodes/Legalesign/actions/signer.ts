import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { forOperation, toItems, type OperationHandlers } from '../../shared/actions';
import { isObject } from '../../shared/item';
import { apiRequest } from '../../shared/transport';
import { legalesignApi, pathId } from '../api';
import { getResource, locationOf } from '../requests';
import { getJson, idParameter, idProperty } from './common';

export const signerProperties: INodeProperties[] = [
	idProperty('signer', ['get', 'sendReminder', 'getSigningLink', 'getRejectionReason'], {
		name: 'signerId',
		displayName: 'Signer ID',
		placeholder: 'e.g. 656926a1-a9e9-434b-91cc-9f9769254e99',
	}),
	{
		displayName: 'Message',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'Optional text added to the reminder email (HTML is stripped)',
		displayOptions: forOperation('signer', 'sendReminder'),
	},
];

export const signerHandlers: OperationHandlers = {
	async 'signer.get'(itemIndex) {
		return toItems(
			await getResource.call(this, 'signer', idParameter(this, 'signerId', itemIndex)),
		);
	},
	async 'signer.sendReminder'(itemIndex) {
		const id = idParameter(this, 'signerId', itemIndex);
		const text = String(this.getNodeParameter('text', itemIndex, '')).trim();
		const body: IDataObject = text ? { text } : {};
		await apiRequest.call(this, legalesignApi, {
			method: 'POST',
			path: `/signer/${pathId(id)}/send-reminder/`,
			body,
			retryOnRateLimit: false,
		});
		return toItems({ signerId: id, reminderSent: true });
	},
	async 'signer.getSigningLink'(itemIndex) {
		const id = idParameter(this, 'signerId', itemIndex);
		const response = await apiRequest.call(this, legalesignApi, {
			method: 'GET',
			path: `/signer/${pathId(id)}/new-link/`,
		});
		return toItems({ signerId: id, signingUrl: locationOf(response.headers) ?? null });
	},
	async 'signer.getRejectionReason'(itemIndex) {
		const id = idParameter(this, 'signerId', itemIndex);
		const body = await getJson.call(this, `/signer/${pathId(id)}/rejection/`);
		return toItems({ signerId: id, ...(isObject(body) ? body : {}) });
	},
};
