import {
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	NodeConnectionTypes,
} from 'n8n-workflow';

import {
	binaryPropertyOption,
	downloadAuditTrailOption,
	downloadSignedDocumentsOption,
	eventOptions,
	eventsProperty,
	includeDocumentDetailsOption,
	triggerOptionsProperty,
} from '../shared/descriptions';
import { handleWebhook, TRIGGER_WEBHOOK } from '../shared/trigger';
import { groupProperty } from './descriptions';
import { LEGALESIGN_LEGACY_EVENTS, LEGALESIGN_REALTIME_EVENTS } from './events';
import { loadOptions } from './methods';
import { createRegistration, deleteRegistration, registrationExists } from './registration';
import { legalesignTrigger } from './trigger';

const REALTIME_NOTICE =
	"Publishing registers this node's URL at Legalesign and unpublishing removes it. n8n must be reachable from the internet.";

const LEGACY_MANUAL_NOTICE =
	"Paste this node's Production URL into the Legalesign API dashboard (Config → webhooks) with the chosen legacy type. Callbacks are verified with the credential's Legacy Callback Certificate.";

const BATCH_EVENTS = Object.fromEntries(
	Object.entries(LEGALESIGN_LEGACY_EVENTS).filter(([value]) => value.includes('.')),
);

export class LegalesignTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Legalesign Trigger',
		name: 'legalesignTrigger',
		icon: {
			light: 'file:../../icons/legalesign.svg',
			dark: 'file:../../icons/legalesign.dark.svg',
		},
		group: ['trigger'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle:
			'={{ $parameter["webhookType"] === "legacy" && $parameter["legacyNotify"] !== "all" ? "legacy: " + $parameter["legacyNotify"] : (($parameter["events"] || []).length > 2 ? ($parameter["events"] || []).length + " events" : ($parameter["events"] || []).join(", ")) }}',
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
			eventsProperty(eventOptions(LEGALESIGN_REALTIME_EVENTS), {
				description:
					'Events that start the workflow. The narrowest Legalesign filter that covers them is registered; other verified deliveries are answered with 200 and start nothing.',
				displayOptions: { show: { webhookType: ['realtime'] } },
			}),
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
				displayName: LEGACY_MANUAL_NOTICE,
				name: 'legacyManualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { webhookType: ['legacy'], registration: ['manual'] } },
			},
			eventsProperty(eventOptions(BATCH_EVENTS), {
				description:
					'Status changes of a batch that start the workflow (one item each, in order); the others are skipped',
				displayOptions: { show: { webhookType: ['legacy'], legacyNotify: ['all'] } },
			}),
			triggerOptionsProperty([
				binaryPropertyOption,
				downloadAuditTrailOption(
					'Whether to attach the audit log PDF to events that say the final PDF is ready',
				),
				downloadSignedDocumentsOption(
					'Whether to attach the signed PDF to events that say it is ready (Document Final PDF Created, legacy status 100 and Upon Signing)',
				),
				includeDocumentDetailsOption(
					'Whether to fetch the document (one API call per event) into the "document" field',
				),
			]),
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
		return await handleWebhook.call(this, legalesignTrigger);
	}
}
