import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { limitRecords, toItems, type OperationHandlers } from '../../shared/actions';
import { forOperation, operationsProperty, returnAllOrLimit } from '../../shared/descriptions';
import { apiRequest, responseHeader } from '../../shared/transport';
import { legalesignApi } from '../api';
import { EVENT_FILTER_OPTIONS, groupProperty } from '../descriptions';
import { NOTIFY_WHEN } from '../events';
import { listNotifications } from '../requests';

const NOTIFY_NAMES = Object.fromEntries(
	Object.entries(NOTIFY_WHEN).map(([name, code]) => [code, name]),
) as Record<number, string>;

const realtimeOnly = (operation: string) => ({
	show: { resource: ['webhook'], operation: [operation], notify: ['realtime'] },
});

export const webhookOperations = operationsProperty(
	'webhook',
	[
		{
			name: 'Create',
			value: 'create',
			action: 'Create a webhook',
			description: 'Register a URL for realtime or legacy events',
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a webhook',
			description: 'Unregister a URL (by URL, event filter and group)',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many webhooks',
			description: 'The webhooks registered for the API user',
		},
	],
	'getAll',
);

export const webhookProperties: INodeProperties[] = [
	...returnAllOrLimit(forOperation('webhook', 'getAll')),
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/webhook',
		description:
			'Where Legalesign posts the events. For Delete it must match the registered URL exactly, query string included.',
		displayOptions: forOperation('webhook', ['create', 'delete']),
	},
	{
		displayName: 'Type',
		name: 'notify',
		type: 'options',
		default: 'realtime',
		options: [
			{ name: 'Legacy: All Events Every 6 Minutes', value: 'all' },
			{ name: 'Legacy: Upon Rejection', value: 'rejected' },
			{ name: 'Legacy: Upon Sending', value: 'sent' },
			{ name: 'Legacy: Upon Signing', value: 'signed' },
			{ name: 'Realtime', value: 'realtime', description: 'JSON events as they happen' },
		],
		displayOptions: forOperation('webhook', 'create'),
	},
	{
		displayName: 'Event Filter',
		name: 'eventFilter',
		type: 'options',
		options: EVENT_FILTER_OPTIONS,
		default: '',
		displayOptions: realtimeOnly('create'),
	},
	groupProperty(realtimeOnly('create'), {
		required: false,
		description: 'Only events of this group (team)',
	}),
	{
		displayName: 'Event Filter',
		name: 'eventFilter',
		type: 'options',
		options: EVENT_FILTER_OPTIONS,
		default: '',
		description: 'The filter the webhook was registered with',
		displayOptions: forOperation('webhook', 'delete'),
	},
	groupProperty(forOperation('webhook', 'delete'), {
		required: false,
		description: 'The group the webhook was registered with',
	}),
];

function filterAndGroup(eventFilter: string, group: string): IDataObject {
	const body: IDataObject = {};
	if (eventFilter) body.eventFilter = eventFilter;
	if (group) body.group = group;
	return body;
}

export const webhookHandlers: OperationHandlers = {
	async 'webhook.getAll'(itemIndex) {
		const webhooks = limitRecords.call(this, itemIndex, await listNotifications.call(this));
		return webhooks.map((webhook) => ({
			json: { ...webhook, notify: NOTIFY_NAMES[Number(webhook.notify_when)] ?? null },
		}));
	},
	async 'webhook.create'(itemIndex) {
		const url = String(this.getNodeParameter('url', itemIndex)).trim();
		const notify = this.getNodeParameter('notify', itemIndex) as string;
		const realtime = notify === 'realtime';
		const extra = realtime
			? filterAndGroup(
					this.getNodeParameter('eventFilter', itemIndex, '') as string,
					String(this.getNodeParameter('group', itemIndex, '')).trim(),
				)
			: {};
		const response = await apiRequest.call(this, legalesignApi, {
			method: 'POST',
			path: '/subscribe/',
			body: { url, notify, ...extra },
			retryOnRateLimit: false,
		});
		return toItems({ url, notify, ...extra, location: responseHeader(response.headers, 'location') ?? null });
	},
	async 'webhook.delete'(itemIndex) {
		const url = String(this.getNodeParameter('url', itemIndex)).trim();
		const extra = filterAndGroup(
			this.getNodeParameter('eventFilter', itemIndex, '') as string,
			String(this.getNodeParameter('group', itemIndex, '')).trim(),
		);
		await apiRequest.call(this, legalesignApi, {
			method: 'POST',
			path: '/unsubscribe/',
			body: { url, ...extra },
			retryOnRateLimit: true,
		});
		// Legalesign answers 200 whether or not the URL was subscribed.
		return toItems({ url, ...extra, unsubscribed: true });
	},
};
