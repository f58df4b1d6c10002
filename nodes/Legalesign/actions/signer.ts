import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { toItems, type OperationHandlers } from '../../shared/actions';
import { forOperation, operationsProperty } from '../../shared/descriptions';
import { isObject } from '../../shared/readers';
import { apiRequest, responseHeader } from '../../shared/transport';
import { legalesignApi, pathId } from '../api';
import { getResource } from '../requests';
import { getJson, idParameter, idProperty } from './common';

export const signerOperations = operationsProperty(
	'signer',
	[
		{ name: 'Get', value: 'get', action: 'Get a signer' },
		{
			name: 'Get New Signing Link',
			value: 'getSigningLink',
			action: 'Get a new signing link for a signer',
			description: 'A one-use link to the signing page',
		},
		{
			name: 'Get Rejection Reason',
			value: 'getRejectionReason',
			action: 'Get the rejection reason of a signer',
		},
		{ name: 'Send Reminder', value: 'sendReminder', action: 'Send a reminder to a signer' },
	],
	'get',
);

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
			await getResource.call(
				this,
				'signer',
				idParameter.call(this, 'signerId', itemIndex, 'signer'),
			),
		);
	},
	async 'signer.sendReminder'(itemIndex) {
		const id = idParameter.call(this, 'signerId', itemIndex, 'signer');
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
		const id = idParameter.call(this, 'signerId', itemIndex, 'signer');
		const response = await apiRequest.call(this, legalesignApi, {
			method: 'GET',
			path: `/signer/${pathId(id)}/new-link/`,
		});
		return toItems({
			signerId: id,
			signingUrl: responseHeader(response.headers, 'location') ?? null,
		});
	},
	async 'signer.getRejectionReason'(itemIndex) {
		const id = idParameter.call(this, 'signerId', itemIndex, 'signer');
		const body = await getJson.call(this, `/signer/${pathId(id)}/rejection/`);
		return toItems({ signerId: id, ...(isObject(body) ? body : {}) });
	},
};
