import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { executeOperations } from '../shared/actions';
import { documentHandlers, documentOperations, documentProperties } from './actions/document';
import { documentCreateHandlers, documentCreateProperties } from './actions/documentCreate';
import {
	invitationHandlers,
	invitationOperations,
	invitationProperties,
} from './actions/invitation';
import { listSearch } from './methods';

export class Leegality implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Leegality',
		name: 'leegality',
		icon: { light: 'file:../../icons/leegality.svg', dark: 'file:../../icons/leegality.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send documents for eSigning with Leegality, track them and download the signed files',
		defaults: { name: 'Leegality' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'leegalityApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Document', value: 'document' },
					{ name: 'Invitation', value: 'invitation' },
				],
				default: 'document',
			},
			documentOperations,
			invitationOperations,
			...documentProperties,
			...documentCreateProperties,
			...invitationProperties,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(this, {
			...documentHandlers,
			...documentCreateHandlers,
			...invitationHandlers,
		});
	}
}
