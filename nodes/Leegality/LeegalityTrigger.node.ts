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
import { LEEGALITY_EVENTS } from './events';
import { registrationExists } from './registration';
import { leegalityTrigger } from './trigger';

const SETUP_NOTICE =
	"In the Leegality dashboard, paste this node's Production URL into <b>Webhook URL</b> and <b>Error Webhook URL</b> of every invitee, with webhook version v2.5";

export class LeegalityTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Leegality Trigger',
		name: 'leegalityTrigger',
		icon: { light: 'file:../../icons/leegality.svg', dark: 'file:../../icons/leegality.dark.svg' },
		group: ['trigger'],
		version: [1, 1.1],
		defaultVersion: 1.1,
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
			eventsProperty(eventOptions(LEEGALITY_EVENTS)),
			{
				displayName: 'Confirm Events With Leegality',
				name: 'confirmEvents',
				type: 'boolean',
				default: false,
				description:
					"Whether to check each verified event with Leegality's Details API (one call per event) before the workflow starts: the document must exist and the invitee's state match, else the delivery is refused",
			},
			{
				displayName:
					"Leegality's signature never expires, so a captured delivery can be replayed. Turn on <b>Confirm Events With Leegality</b> before irreversible steps.",
				name: 'confirmEventsNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { confirmEvents: [false] } },
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
					'Anyone who knows this URL can start the workflow: turn verification back on before going live',
				name: 'skipVerificationWarning',
				type: 'notice',
				default: '',
				displayOptions: { show: { skipVerification: [true] } },
			},
			triggerOptionsProperty([
				binaryPropertyOption,
				downloadAuditTrailOption(
					'Whether to attach the audit trail PDF when the document is completed (asked from the Details API when the event does not say)',
				),
				downloadSignedDocumentsOption(
					'Whether to attach the signed PDF when the document is completed (asked from the Details API when the event does not say)',
				),
				includeDocumentDetailsOption(
					'Whether to fetch the document details (one API call per event) into the "document" field',
				),
			]),
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return registrationExists.call(this);
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
		return await handleWebhook.call(this, leegalityTrigger);
	}
}
