import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import {
	forOperation,
	pagingParameters,
	returnAllOrLimit,
	toItems,
	type OperationHandlers,
} from '../../shared/actions';
import { text } from '../../shared/item';
import { apiRequest } from '../../shared/transport';
import { lexgoSignApi } from '../api';
import { listWebhooks, updateWebhook, webhookOf } from '../requests';
import { LEXGOSIGN_EVENTS, parseSubscriptions, toSubscriptions } from '../webhook';

export const webhookOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['webhook'] } },
	options: [
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
	default: 'getAll',
};

const eventOptions = Object.entries(LEXGOSIGN_EVENTS).map(([value, { name }]) => ({
	name,
	value,
	description: value,
}));

const authorizationHeader = (description: string): INodeProperties => ({
	displayName: 'Authorization Header Value',
	name: 'authorizationHeader',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	placeholder: 'e.g. Bearer my-shared-secret',
	description,
});

const AUTH_DESCRIPTION =
	'Sent by LexgoSign as the Authorization header of every delivery (auth_type "header"); LexgoSign never shows it again. For a LexgoSign Trigger in Manual mode, put the same value in the credential\'s Webhook Secret.';

export const webhookProperties: INodeProperties[] = [
	{
		displayName:
			'A LexgoSign Trigger with Automatic registration manages its own subscription; use these operations for subscriptions you manage yourself.',
		name: 'webhookNotice',
		type: 'notice',
		default: '',
		displayOptions: forOperation('webhook', ['create', 'update', 'delete']),
	},
	{
		displayName: 'Webhook ID',
		name: 'webhookId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: forOperation('webhook', ['get', 'update', 'delete']),
	},
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
		options: [authorizationHeader(AUTH_DESCRIPTION)],
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: forOperation('webhook', 'update'),
		options: [
			authorizationHeader(AUTH_DESCRIPTION),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				default: [],
				options: eventOptions,
				description: 'Replaces the subscribed events',
			},
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
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

function webhookId(ctx: IExecuteFunctions, itemIndex: number): string {
	return (ctx.getNodeParameter('webhookId', itemIndex) as string).trim();
}

function subscriptionsOf(ctx: IExecuteFunctions, itemIndex: number, events: unknown): string {
	const subscriptions = toSubscriptions(Array.isArray(events) ? events.map(String) : []);
	if (!subscriptions) {
		throw new NodeOperationError(ctx.getNode(), 'Select at least one event', { itemIndex });
	}
	return subscriptions;
}

function withAuthorization(body: IDataObject, value: unknown): IDataObject {
	if (typeof value === 'string' && value.trim() !== '') {
		body.auth_type = 'header';
		body.auth = value.trim();
	}
	return body;
}

export const webhookHandlers: OperationHandlers = {
	async 'webhook.create'(itemIndex) {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const body = withAuthorization(
			{
				url: (this.getNodeParameter('url', itemIndex) as string).trim(),
				subscriptions: subscriptionsOf(this, itemIndex, this.getNodeParameter('events', itemIndex)),
			},
			options.authorizationHeader,
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
		const { returnAll, limit } = pagingParameters(this, itemIndex);
		const selected = returnAll ? webhooks : webhooks.slice(0, limit);
		return selected.length === 0 ? [] : toItems(selected.map(withEvents));
	},
	async 'webhook.get'(itemIndex) {
		const { body } = await apiRequest.call(this, lexgoSignApi, {
			method: 'GET',
			path: `/webhooks/${encodeURIComponent(webhookId(this, itemIndex))}`,
		});
		return toItems(withEvents(webhookOf(body)));
	},
	async 'webhook.update'(itemIndex) {
		const id = webhookId(this, itemIndex);
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const changes: IDataObject = {};
		if (text(fields, 'url')) changes.url = String(fields.url).trim();
		if (Array.isArray(fields.events) && fields.events.length > 0) {
			changes.subscriptions = subscriptionsOf(this, itemIndex, fields.events);
		}
		withAuthorization(changes, fields.authorizationHeader);
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
		const id = webhookId(this, itemIndex);
		const { body } = await apiRequest.call(this, lexgoSignApi, {
			method: 'DELETE',
			path: `/webhooks/${encodeURIComponent(id)}`,
		});
		return toItems({ deleted: true, webhookId: id, requestId: text(body, 'request_id') });
	},
};
