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
import { LEXGOSIGN_EVENTS } from './events';
import { createRegistration, deleteRegistration, registrationExists } from './registration';
import { lexgoSignTrigger } from './trigger';

const AUTOMATIC_NOTICE =
	"Publishing registers this node's URL at LexgoSign for the selected events, with a secret only this node knows; unpublishing deletes it. n8n must be reachable from the internet.";

const MANUAL_NOTICE =
	"Register this node's Production URL yourself, with an Authorization value, and put exactly that value in the credential's <b>Webhook Secret</b>.";

export class LexgoSignTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LexgoSign Trigger',
		name: 'lexgoSignTrigger',
		icon: { light: 'file:../../icons/lexgosign.svg', dark: 'file:../../icons/lexgosign.dark.svg' },
		group: ['trigger'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle:
			'={{ ($parameter["events"] || []).length > 2 ? ($parameter["events"] || []).length + " events" : ($parameter["events"] || []).join(", ") }}',
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
						value: 'automatic',
						description: 'This node registers, updates and deletes the webhook at LexgoSign',
					},
					{
						name: 'Manual',
						value: 'manual',
						description:
							"You registered the webhook; deliveries are checked against the credential's Webhook Secret",
					},
				],
				default: 'automatic',
			},
			{
				displayName: AUTOMATIC_NOTICE,
				name: 'automaticNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['automatic'] } },
			},
			{
				displayName: MANUAL_NOTICE,
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['manual'] } },
			},
			eventsProperty(eventOptions(LEXGOSIGN_EVENTS), {
				description:
					'Events that start the workflow. With automatic registration only these are subscribed to; other verified deliveries are answered with 200 and start nothing.',
			}),
			triggerOptionsProperty([
				binaryPropertyOption,
				downloadAuditTrailOption(
					'Whether to attach the evidence sheet PDF on "envelope.evidence_generated" events',
				),
				downloadSignedDocumentsOption(
					'Whether to attach the documents on "envelope.success" and "envelope.evidence_generated" events (their links expire quickly)',
				),
				includeDocumentDetailsOption(
					'Whether to fetch the current envelope (one API call per event) into the "document" field; skipped when the event names no envelope',
				),
			]),
		],
	};

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
		return await handleWebhook.call(this, lexgoSignTrigger);
	}
}
