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
import { EVENT_FILTER_OPTIONS, groupProperty } from './descriptions';
import { loadOptions } from './methods';
import { createRegistration, deleteRegistration, registrationExists } from './registration';
import { legalesignTrigger } from './trigger';
import { LEGALESIGN_LEGACY_EVENTS } from './webhook';

const REALTIME_NOTICE =
	"Publishing the workflow registers this node's URL at Legalesign for you (realtime webhook) with a random secret token in the URL; unpublishing removes it. Every delivery must carry that token. If the credential has a <b>Webhook HMAC Secret</b>, the <b>X-Hmac-Sha256</b> header must also match: this node assumes it is the HMAC-SHA256 of the raw request body, hex or base64 (Legalesign does not document the recipe). Legalesign can only reach a public URL.";

const LEGACY_AUTOMATIC_NOTICE =
	"Publishing registers this node's URL at Legalesign for the chosen legacy webhook (with a secret token in the URL) and unpublishing removes it. Every callback is checked twice: the URL token, and Legalesign's RSA-SHA1 signature against the <b>Legacy Callback Certificate</b> of the credential (without it every callback is refused).";

const LEGACY_MANUAL_NOTICE =
	"Nothing is registered for you: paste this node's <b>Production URL</b> into the webhooks section of the Legalesign API dashboard (Config) with the chosen legacy type. Every callback is verified with Legalesign's RSA-SHA1 signature against the <b>Legacy Callback Certificate</b> of the credential; without it every callback is refused.";

const batchEventOptions = [
	...Object.entries(LEGALESIGN_LEGACY_EVENTS)
		.filter(([value]) => value.includes('.'))
		.map(([value, { name, event }]) => ({ name, value, description: `Emitted as "${event}"` })),
	{ name: 'Unrecognised Record', value: 'unknown', description: 'Emitted as "unknown"' },
];
const BATCH_EVENT_VALUES = batchEventOptions.map((option) => option.value);

export class LegalesignTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Legalesign Trigger',
		name: 'legalesignTrigger',
		icon: {
			light: 'file:../../icons/legalesign.svg',
			dark: 'file:../../icons/legalesign.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ $parameter["webhookType"] === "legacy" ? "legacy: " + $parameter["legacyNotify"] : ($parameter["eventFilter"] || "all events") }}',
		description:
			'Starts the workflow when a Legalesign document or recipient changes (realtime or legacy webhooks)',
		defaults: { name: 'Legalesign Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'legalesignApi', required: true }],
		webhooks: [TRIGGER_WEBHOOK],
		properties: [
			{
				displayName: 'Webhook Type',
				name: 'webhookType',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Realtime (Recommended)',
						value: 'realtime',
						description: 'JSON events as they happen, registered automatically',
					},
					{
						name: 'Legacy',
						value: 'legacy',
						description: 'Older form-encoded callbacks (6-minute batches or per event)',
					},
				],
				default: 'realtime',
			},
			{
				displayName: REALTIME_NOTICE,
				name: 'realtimeNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { webhookType: ['realtime'] } },
			},
			{
				displayName: 'Event Filter',
				name: 'eventFilter',
				type: 'options',
				options: EVENT_FILTER_OPTIONS,
				default: '',
				description:
					'Legalesign allows one filter per webhook and applies it itself; deliveries that still do not match are answered with 200 and start nothing',
				displayOptions: { show: { webhookType: ['realtime'] } },
			},
			groupProperty(
				{ show: { webhookType: ['realtime'] } },
				{
					required: false,
					description:
						'Only events of this group (team); by default the API user hears every group it administers, dev and prod alike',
				},
			),
			{
				displayName: 'Legacy Webhook',
				name: 'legacyNotify',
				type: 'options',
				options: [
					{
						name: 'All Events Every 6 Minutes',
						value: 'all',
						description: 'A batch of status changes; one item per change',
					},
					{
						name: 'Upon Signing',
						value: 'signed',
						description: 'Sent once the final signed PDF exists; emitted as "document.completed"',
					},
					{
						name: 'Upon Sending',
						value: 'sent',
						description: 'Emitted as "document.sent"',
					},
					{
						name: 'Upon Rejection',
						value: 'rejected',
						description: 'Emitted as "document.rejected"',
					},
				],
				default: 'all',
				displayOptions: { show: { webhookType: ['legacy'] } },
			},
			{
				displayName: 'Registration',
				name: 'registration',
				type: 'options',
				options: [
					{
						name: 'Automatic',
						value: 'automatic',
						description: 'This node registers and removes its URL at Legalesign',
					},
					{
						name: 'Manual',
						value: 'manual',
						description: 'You paste the URL into the Legalesign dashboard yourself',
					},
				],
				default: 'automatic',
				displayOptions: { show: { webhookType: ['legacy'] } },
			},
			{
				displayName: LEGACY_AUTOMATIC_NOTICE,
				name: 'legacyAutomaticNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { webhookType: ['legacy'], registration: ['automatic'] } },
			},
			{
				displayName: LEGACY_MANUAL_NOTICE,
				name: 'legacyManualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { webhookType: ['legacy'], registration: ['manual'] } },
			},
			{
				displayName: 'Batch Records',
				name: 'batchEvents',
				type: 'multiOptions',
				options: batchEventOptions,
				default: [...BATCH_EVENT_VALUES],
				description:
					'Status changes of a batch that start the workflow (one item each, in order); the others are skipped',
				displayOptions: { show: { webhookType: ['legacy'], legacyNotify: ['all'] } },
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
						displayName: 'Download Signed PDF',
						name: 'downloadSignedPdf',
						type: 'boolean',
						default: false,
						description:
							'Whether to attach the signed PDF as binary data to events that say it is ready (realtime Document Final PDF Created, legacy status 100 and Upon Signing)',
					},
					{
						displayName: 'Include Document Details',
						name: 'includeDocumentDetails',
						type: 'boolean',
						default: false,
						description:
							'Whether to fetch the document (GET /document/{ID}/) into the "document" field; for legacy signer records the signer is looked up first',
					},
					suppressDuplicatesOption,
				],
			},
		],
	};

	methods = { loadOptions: { getGroupsOrAll: loadOptions.getGroupsOrAll } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await registrationExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createRegistration.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteRegistration.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleWebhook(this, legalesignTrigger);
	}
}
