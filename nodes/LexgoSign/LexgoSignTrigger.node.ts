import {
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { TRIGGER_WEBHOOK, handleWebhook, suppressDuplicatesOption } from '../shared/trigger';
import { checkExists, create, remove } from './subscription';
import { lexgoSignTrigger } from './trigger';
import { LEXGOSIGN_EVENTS } from './webhook';

const MANAGED_NOTICE =
	'On publish this node registers its URL at LexgoSign (POST /webhooks) for the selected events, with a random secret LexgoSign must send as the Authorization header; publishing a changed workflow replaces that registration (never a second one) and unpublishing deletes it. Deliveries without the secret get HTTP 401. The URL must be reachable from the internet (HTTPS).';

const MANUAL_NOTICE =
	"Register this node's Production URL yourself (LexgoSign node → Webhook Subscription → Create, or the API) with an Authorization header value, and put exactly that value (e.g. Bearer …) in the credential's Webhook Secret. Without it every delivery is rejected with HTTP 401.";

const SANDBOX_NOTICE =
	"Sandbox API keys: recipients must be members of your LexgoSign team and documents are watermarked NON-BINDING. Whether a sandbox key's webhook also sees live events is not documented.";

export class LexgoSignTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LexgoSign Trigger',
		name: 'lexgoSignTrigger',
		icon: { light: 'file:../../icons/lexgosign.svg', dark: 'file:../../icons/lexgosign.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).length + " event(s)" }}',
		description:
			'Starts the workflow when a LexgoSign envelope, recipient or validation event happens',
		defaults: { name: 'LexgoSign Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'lexgoSignApi', required: true }],
		webhooks: [TRIGGER_WEBHOOK],
		properties: [
			{
				displayName: 'Registration',
				name: 'registration',
				type: 'options',
				options: [
					{
						name: 'Automatic',
						value: 'managed',
						description: 'This node registers, updates and deletes the webhook at LexgoSign',
					},
					{
						name: 'Manual',
						value: 'manual',
						description:
							"You registered the webhook; deliveries are checked against the credential's Webhook Secret",
					},
				],
				default: 'managed',
			},
			{
				displayName: MANAGED_NOTICE,
				name: 'managedNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['managed'] } },
			},
			{
				displayName: MANUAL_NOTICE,
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['manual'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					...Object.entries(LEXGOSIGN_EVENTS).map(([value, { name, event }]) => ({
						name,
						value,
						description: `"${value}", emitted as "${event}"`,
					})),
					{
						name: 'Unrecognised Event',
						value: 'unknown',
						description:
							'A verified delivery with an event type this node does not know (never subscribed to at LexgoSign)',
					},
				],
				default: [...Object.keys(LEXGOSIGN_EVENTS), 'unknown'],
				description:
					'Events that start the workflow. With automatic registration only these are subscribed to; other verified deliveries are answered with 200 and start nothing.',
			},
			{ displayName: SANDBOX_NOTICE, name: 'sandboxNotice', type: 'notice', default: '' },
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Download Evidence Sheet',
						name: 'downloadEvidence',
						type: 'boolean',
						default: false,
						description:
							'Whether to attach the evidence sheet PDF as binary property "evidence" on "envelope.evidence_generated" events',
					},
					{
						displayName: 'Download Signed Documents',
						name: 'downloadDocuments',
						type: 'boolean',
						default: false,
						description:
							'Whether to attach the documents as binary properties "document_0", "document_1", … on "envelope.success" and "envelope.evidence_generated" events (their links expire quickly)',
					},
					{
						displayName: 'Include Envelope',
						name: 'includeEnvelope',
						type: 'boolean',
						default: false,
						description:
							'Whether to fetch the current envelope (one API call per event) into the "document" field. Skipped when the event names no envelope.',
					},
					suppressDuplicatesOption,
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleWebhook(this, lexgoSignTrigger);
	}
}
