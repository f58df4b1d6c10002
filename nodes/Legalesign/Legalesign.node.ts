import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { executeOperations } from '../shared/actions';
import { documentHandlers, documentProperties } from './actions/document';
import { documentCreateHandlers, documentCreateProperties } from './actions/documentCreate';
import { signerHandlers, signerProperties } from './actions/signer';
import { templateAndGroupHandlers, templateAndGroupProperties } from './actions/templatesAndGroups';
import { webhookHandlers, webhookProperties } from './actions/webhook';
import { loadOptions } from './methods';

function operations(
	resource: string,
	options: INodeProperties['options'],
	fallback: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: fallback,
	};
}

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
			operations(
				'document',
				[
					{
						name: 'Create and Send',
						value: 'createAndSend',
						action: 'Create and send a document',
						description: 'Send a template PDF to recipients for signing',
					},
					{
						name: 'Download Audit Log',
						value: 'downloadAuditLog',
						action: 'Download the audit log of a document',
						description: 'The audit trail as a PDF',
					},
					{
						name: 'Download Signed PDF',
						value: 'downloadSignedPdf',
						action: 'Download the signed PDF of a document',
						description: 'The final signed PDF as binary data',
					},
					{
						name: 'Get',
						value: 'get',
						action: 'Get a document',
					},
					{
						name: 'Get Fields',
						value: 'getFields',
						action: 'Get the fields of a document',
						description: 'One item per field, with its value',
					},
					{
						name: 'Get Many',
						value: 'getMany',
						action: 'Get many documents',
						description: 'List the documents of a group',
					},
					{
						name: 'Void',
						value: 'void',
						action: 'Void a document',
						description: 'Withdraw it before signing (status 40) and archive it',
					},
				],
				'get',
			),
			operations(
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
					{
						name: 'Send Reminder',
						value: 'sendReminder',
						action: 'Send a reminder to a signer',
					},
				],
				'get',
			),
			operations(
				'templatePdf',
				[
					{ name: 'Get', value: 'get', action: 'Get a template PDF' },
					{ name: 'Get Many', value: 'getMany', action: 'Get many template PDFs' },
				],
				'getMany',
			),
			operations(
				'group',
				[{ name: 'Get Many', value: 'getMany', action: 'Get many groups' }],
				'getMany',
			),
			operations(
				'webhook',
				[
					{
						name: 'Create',
						value: 'create',
						action: 'Create a webhook',
						description: 'Register a URL for realtime or legacy events',
					},
					{
						name: 'Delete',
						value: 'delete',
						action: 'Delete a webhook',
						description: 'Unregister a URL (by URL, event filter and group)',
					},
					{
						name: 'Get Many',
						value: 'getMany',
						action: 'Get many webhooks',
						description: 'The webhooks registered for the API user',
					},
				],
				'getMany',
			),
			...documentProperties,
			...documentCreateProperties,
			...signerProperties,
			...templateAndGroupProperties,
			...webhookProperties,
		],
	};

	methods = {
		loadOptions: {
			getGroups: loadOptions.getGroups,
			getGroupsOrAll: loadOptions.getGroupsOrAll,
			getTemplatePdfs: loadOptions.getTemplatePdfs,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(this, {
			...documentHandlers,
			...documentCreateHandlers,
			...signerHandlers,
			...templateAndGroupHandlers,
			...webhookHandlers,
		});
	}
}
