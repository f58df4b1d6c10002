import type { INodeProperties } from 'n8n-workflow';

import { toItems, type OperationHandlers } from '../../shared/actions';
import { forOperation, operationsProperty } from '../../shared/descriptions';
import { apiRequest } from '../../shared/transport';
import { leegalityApi } from '../api';
import { firstMessage } from './document';

export const invitationOperations = operationsProperty(
	'invitation',
	[
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete an invitation',
			description: 'Remove an unsigned invitation',
		},
	],
	'delete',
);

export const invitationProperties: INodeProperties[] = [
	{
		displayName: 'Signing URL',
		name: 'signUrl',
		type: 'string',
		required: true,
		default: '',
		description:
			'Invitation URL (or its UUID) of an unsigned invitation; the invitee is not notified',
		displayOptions: forOperation('invitation', 'delete'),
	},
];

export const invitationHandlers: OperationHandlers = {
	async 'invitation.delete'(itemIndex) {
		const signUrl = (this.getNodeParameter('signUrl', itemIndex) as string).trim();
		const { body } = await apiRequest.call(this, leegalityApi, {
			method: 'DELETE',
			path: '/v3.0/sign/request/invitation',
			qs: { signUrl },
			retryOnRateLimit: false,
		});
		return toItems({ deleted: true, signUrl, ...firstMessage(body) });
	},
};
