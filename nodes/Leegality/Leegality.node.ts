import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { executeOperations } from '../shared/actions';
import { documentReadHandlers, documentReadProperties } from './actions/documentRead';
import { documentWriteHandlers, documentWriteProperties } from './actions/documentWrite';

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
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['document'] } },
				options: [
					{
						name: 'Create',
						value: 'create',
						action: 'Create a signing request',
						description: 'Send a document for eSigning (v3.0)',
					},
					{
						name: 'Delete',
						value: 'delete',
						action: 'Delete a document',
						description: 'Permanently delete a document',
					},
					{
						name: 'Download',
						value: 'download',
						action: 'Download a file of a document',
						description:
							'Signed document, audit trail, attachment or supporting document as binary data',
					},
					{
						name: 'Get Details',
						value: 'getDetails',
						action: 'Get document details',
						description: 'Full document state (v3.3 details)',
					},
					{
						name: 'Get Many',
						value: 'getMany',
						action: 'Get many documents',
						description: 'List or search documents',
					},
					{
						name: 'Get Many Completed',
						value: 'getManyCompleted',
						action: 'Get many completed documents',
						description: 'Completed documents, oldest first',
					},
					{
						name: 'Get Status',
						value: 'getStatus',
						action: 'Get document status',
						description: 'Lightweight signing status (v3.2)',
					},
					{
						name: 'Resend Notification',
						value: 'resend',
						action: 'Resend a signing notification',
						description: 'Remind invitees by their signing URLs',
					},
				],
				default: 'getDetails',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['invitation'] } },
				options: [
					{
						name: 'Delete',
						value: 'delete',
						action: 'Delete an invitation',
						description: 'Remove an unsigned invitation',
					},
				],
				default: 'delete',
			},
			...documentReadProperties,
			...documentWriteProperties,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(this, {
			...documentReadHandlers,
			...documentWriteHandlers,
		});
	}
}
