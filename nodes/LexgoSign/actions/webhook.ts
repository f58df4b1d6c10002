import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import {
	limitRecords,
	listItems,
	locatorParameter,
	toItems,
	type OperationHandlers,
} from '../../shared/actions';
import {
	forOperation,
	operationsProperty,
	resourceLocatorProperty,
	returnAllOrLimit,
} from '../../shared/descriptions';
import { text } from '../../shared/readers';
import { apiRequest } from '../../shared/transport';
import { LEXGOSIGN_CREDENTIAL, lexgoSignApi } from '../api';
import { LEXGOSIGN_EVENTS, parseSubscriptions, toSubscriptions } from '../events';
import { listWebhooks, updateWebhook, webhookOf } from '../requests';

export const webhookOperations = operationsProperty(
	'webhook',
	[
		{
			name: 'Create',
			value: 'create',
			action: 'Create a webhook subscription',
			description: 'Subscribe a URL to LexgoSign events',
		},
		{ name: 'Delete', value: 'delete', action: 'Delete a webhook subscription' },
		{ name: 'Get', value: 'get', action: 'Get a webhook subscription' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many webhook subscriptions' },
		{
			name: 'Update',
			value: 'update',
			action: 'Update a webhook subscription',
			description: 'Change its URL, events or Authorization header',
		},
	],
	'getAll',
);

const eventOptions = Object.entries(LEXGOSIGN_EVENTS).map(([value, { name }]) => ({
	name,
	value,
	description: value,
}));

/** Secrets never go in parameters (n8n stores them in workflows and failed executions). */
const useWebhookSecret: INodeProperties = {
	displayName: "Use Credential's Webhook Secret",
	name: 'useWebhookSecret',
	type: 'boolean',
	default: true,
	description:
		"Whether deliveries carry the credential's Webhook Secret, as a LexgoSign Trigger with Manual registration expects",
};

export const webhookProperties: INodeProperties[] = [
	{
		displayName:
			'A LexgoSign Trigger with Automatic registration manages its own subscription: use these operations only for subscriptions you manage yourself',
		name: 'webhookNotice',
		type: 'notice',
		default: '',
		displayOptions: forOperation('webhook', ['create', 'update', 'delete']),
	},
	resourceLocatorProperty({
		displayName: 'Webhook Subscription',
		name: 'webhookId',
		searchListMethod: 'searchWebhooks',
		noun: 'webhook subscription',
		idPlaceholder: 'e.g. 9b2f6c1e-4f7a-4f1e-8d7b-2c6a1e0f3b5d',
		displayOptions: forOperation('webhook', ['get', 'update', 'delete']),
	}),
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://n8n.example.com/webhook/…/webhook',
		description: 'HTTPS endpoint that receives the deliveries',
		displayOptions: forOperation('webhook', 'create'),
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [],
		options: eventOptions,
		description: 'Sent to LexgoSign as one comma-separated "subscriptions" string',
		displayOptions: forOperation('webhook', 'create'),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: forOperation('webhook', 'create'),
		options: [useWebhookSecret],
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: forOperation('webhook', 'update'),
		options: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				default: [],
				options: eventOptions,
				description: 'Replaces the subscribed events',
			},
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			useWebhookSecret,
		],
	},
	...returnAllOrLimit(forOperation('webhook', 'getAll')),
];

/** The webhook as LexgoSign returns it, plus its events as an array; never the `auth` secret. */
function withEvents(webhook: IDataObject): IDataObject {
	const visible: IDataObject = { ...webhook, events: parseSubscriptions(webhook.subscriptions) };
	delete visible.auth;
	return visible;
}

function webhookId(this: IExecuteFunctions, itemIndex: number): string {
	return locatorParameter.call(this, 'webhookId', itemIndex, 'webhook subscription');
}

function subscriptionsOf(this: IExecuteFunctions, itemIndex: number, events: unknown): string {
	const subscriptions = toSubscriptions(Array.isArray(events) ? events.map(String) : []);
	if (!subscriptions) {
		throw new NodeOperationError(this.getNode(), 'Select at least one event', { itemIndex });
	}
	return subscriptions;
}

/** Adds `auth_type: header` with the credential's Webhook Secret when `use` is on. */
async function withWebhookSecret(
	this: IExecuteFunctions,
	itemIndex: number,
	body: IDataObject,
	use: unknown,
): Promise<IDataObject> {
	if (use !== true) return body;
	const credentials = await this.getCredentials(LEXGOSIGN_CREDENTIAL);
	const secret = typeof credentials.webhookSecret === 'string' ? credentials.webhookSecret : '';
	if (!secret.trim()) {
		throw new NodeOperationError(this.getNode(), 'The credential has no Webhook Secret', {
			itemIndex,
			description:
				'Set one in the LexgoSign credential (e.g. "Bearer " followed by a long random string), or turn off "Use Credential\'s Webhook Secret".',
		});
	}
	body.auth_type = 'header';
	body.auth = secret.trim();
	return body;
}

export const webhookHandlers: OperationHandlers = {
	async 'webhook.create'(itemIndex) {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const body = await withWebhookSecret.call(
			this,
			itemIndex,
			{
				url: (this.getNodeParameter('url', itemIndex) as string).trim(),
				subscriptions: subscriptionsOf.call(
					this,
					itemIndex,
					this.getNodeParameter('events', itemIndex),
				),
			},
			options.useWebhookSecret ?? true,
		);
		const response = await apiRequest.call(this, lexgoSignApi, {
			method: 'POST',
			path: '/webhooks',
			body,
			retryOnRateLimit: false,
		});
		return toItems(withEvents(webhookOf(response.body)));
	},
	async 'webhook.getAll'(itemIndex) {
		const { webhooks } = await listWebhooks.call(this);
		return listItems(limitRecords.call(this, itemIndex, webhooks).map(withEvents));
	},
	async 'webhook.get'(itemIndex) {
		const { body } = await apiRequest.call(this, lexgoSignApi, {
			method: 'GET',
			path: `/webhooks/${encodeURIComponent(webhookId.call(this, itemIndex))}`,
		});
		return toItems(withEvents(webhookOf(body)));
	},
	async 'webhook.update'(itemIndex) {
		const id = webhookId.call(this, itemIndex);
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const changes: IDataObject = {};
		if (text(fields, 'url')) changes.url = String(fields.url).trim();
		if (Array.isArray(fields.events) && fields.events.length > 0) {
			changes.subscriptions = subscriptionsOf.call(this, itemIndex, fields.events);
		}
		await withWebhookSecret.call(this, itemIndex, changes, fields.useWebhookSecret);
		if (Object.keys(changes).length === 0) {
			throw new NodeOperationError(this.getNode(), 'Add at least one field to update', {
				itemIndex,
			});
		}
		const body = await updateWebhook.call(this, id, changes);
		const webhook = webhookOf(body);
		return toItems(withEvents(Object.keys(webhook).length > 0 ? webhook : { id, ...changes }));
	},
	async 'webhook.delete'(itemIndex) {
		const id = webhookId.call(this, itemIndex);
		const { body } = await apiRequest.call(this, lexgoSignApi, {
			method: 'DELETE',
			path: `/webhooks/${encodeURIComponent(id)}`,
		});
		return toItems({ deleted: true, webhookId: id, requestId: text(body, 'request_id') });
	},
};
