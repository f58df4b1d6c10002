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
import { groupHandlers, groupOperations, groupProperties } from './actions/group';
import { signerHandlers, signerOperations, signerProperties } from './actions/signer';
import {
	templatePdfHandlers,
	templatePdfOperations,
	templatePdfProperties,
} from './actions/templatePdf';
import { webhookHandlers, webhookOperations, webhookProperties } from './actions/webhook';
import { listSearch, loadOptions } from './methods';

export class Legalesign implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Legalesign',
		name: 'legalesign',
		icon: {
			light: 'file:../../icons/legalesign.svg',
			dark: 'file:../../icons/legalesign.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send Legalesign documents for signing, track documents and recipients, download signed PDFs and manage webhooks',
		defaults: { name: 'Legalesign' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'legalesignApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Document', value: 'document' },
					{ name: 'Group', value: 'group' },
					{ name: 'Signer', value: 'signer' },
					{ name: 'Template PDF', value: 'templatePdf' },
					{ name: 'Webhook', value: 'webhook' },
				],
				default: 'document',
			},
			documentOperations,
			signerOperations,
			templatePdfOperations,
			groupOperations,
			webhookOperations,
			...documentProperties,
			...documentCreateProperties,
			...signerProperties,
			...templatePdfProperties,
			...groupProperties,
			...webhookProperties,
		],
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(this, {
			...documentHandlers,
			...documentCreateHandlers,
			...signerHandlers,
			...templatePdfHandlers,
			...groupHandlers,
			...webhookHandlers,
		});
	}
}
