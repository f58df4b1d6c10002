import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { executeOperations } from '../shared/actions';
import { envelopeHandlers, envelopeOperations, envelopeProperties } from './actions/envelope';
import { uploadHandlers, uploadOperations, uploadProperties } from './actions/upload';
import { webhookHandlers, webhookOperations, webhookProperties } from './actions/webhook';
import { listSearch } from './methods';

const SANDBOX_NOTICE =
	'With a sandbox API key, add every recipient to your LexgoSign team first, under Equipos → Crear miembro (Teams → Create member). Sandbox documents are not legally binding.';

export class LexgoSign implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LexgoSign',
		name: 'lexgoSign',
		icon: { light: 'file:../../icons/lexgosign.svg', dark: 'file:../../icons/lexgosign.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create and send LexgoSign envelopes, download signed documents and evidence, and manage webhook subscriptions',
		defaults: { name: 'LexgoSign' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'lexgoSignApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Envelope', value: 'envelope' },
					{ name: 'Upload', value: 'upload', description: 'Large PDFs for an envelope' },
					{ name: 'Webhook Subscription', value: 'webhook' },
				],
				default: 'envelope',
			},
			envelopeOperations,
			uploadOperations,
			webhookOperations,
			{
				displayName: SANDBOX_NOTICE,
				name: 'sandboxNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { resource: ['envelope'], operation: ['create', 'send'] } },
			},
			...envelopeProperties,
			...uploadProperties,
			...webhookProperties,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperations.call(this, {
			...envelopeHandlers,
			...uploadHandlers,
			...webhookHandlers,
		});
	}
}
