import {
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	NodeConnectionTypes,
} from 'n8n-workflow';

import {
	TRIGGER_WEBHOOK,
	handleWebhook,
	signedPdfPropertyOption,
	suppressDuplicatesOption,
} from '../shared/trigger';
import { leegalityTrigger } from './trigger';
import { LEEGALITY_EVENTS } from './webhook';

const SETUP_NOTICE =
	"Leegality has no API to register webhooks, so nothing is registered for you. In the Leegality dashboard open the workflow, and for <b>every invitee</b> that should report: More Options → Add custom URLs and webhooks → paste this node's Production URL into both <b>Webhook URL</b> and <b>Error Webhook URL</b>, set <b>Webhook Version</b> to <b>v2.5</b>, save the workflow. Documents already sent keep their old URLs. Every delivery is verified with the Private Salt of the credential.";

export class LeegalityTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Leegality Trigger',
		name: 'leegalityTrigger',
		icon: { light: 'file:../../icons/leegality.svg', dark: 'file:../../icons/leegality.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ ($parameter["events"] || []).length > 2 ? ($parameter["events"] || []).length + " events" : ($parameter["events"] || []).join(", ") }}',
		description:
			'Starts the workflow when a Leegality invitee signs, approves, rejects, fails verification or expires',
		defaults: { name: 'Leegality Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'leegalityApi', required: true }],
		webhooks: [TRIGGER_WEBHOOK],
		properties: [
			{ displayName: SETUP_NOTICE, name: 'setupNotice', type: 'notice', default: '' },
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: Object.entries(LEEGALITY_EVENTS).map(([value, { name, event }]) => ({
					name,
					value,
					description: `Emitted as "${event}"`,
				})),
				default: [...Object.keys(LEEGALITY_EVENTS)],
				description:
					'Events that start the workflow. Other verified deliveries are answered with 200 and start nothing.',
			},
			{
				displayName: 'Skip Verification (Testing Only)',
				name: 'skipVerification',
				type: 'boolean',
				default: false,
				description:
					'Whether to accept deliveries without checking their mac. Anyone who knows the URL can then start this workflow.',
			},
			{
				displayName:
					'Verification is OFF: any request to this URL starts the workflow. Use only for testing and switch it back on before going live.',
				name: 'skipVerificationWarning',
				type: 'notice',
				default: '',
				displayOptions: { show: { skipVerification: [true] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					signedPdfPropertyOption,
					{
						displayName: 'Download Signed Document',
						name: 'downloadSignedDocument',
						type: 'boolean',
						default: false,
						description:
							'Whether to attach the signed PDF as binary data when the event shows the document is completed',
					},
					{
						displayName: 'Include Document Details',
						name: 'includeDocumentDetails',
						type: 'boolean',
						default: false,
						description:
							'Whether to fetch the document (details API, one call per event) into the "document" field',
					},
					suppressDuplicatesOption,
				],
			},
		],
	};

	webhookMethods = {
		default: {
			// Leegality webhooks are configured per invitee in its dashboard; there is nothing to
			// register, look up or remove, so the lifecycle methods only report success.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleWebhook(this, leegalityTrigger);
	}
}
