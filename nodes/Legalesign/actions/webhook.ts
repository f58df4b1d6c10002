import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	limitRecords,
	locatorParameter,
	toItems,
	type OperationHandlers,
} from '../../shared/actions';
import { forOperation, operationsProperty, returnAllOrLimit } from '../../shared/descriptions';
import { apiRequest, responseHeader } from '../../shared/transport';
import { locatorValue } from '../../shared/readers';
import { legalesignApi } from '../api';
import { EVENT_FILTER_OPTIONS, groupProperty } from '../descriptions';
import { NOTIFY_WHEN } from '../events';
import { redactedUrl, withoutQuery } from '../registration';
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
		description: 'Where Legalesign posts the events',
		displayOptions: forOperation('webhook', 'create'),
	},
	{
		displayName: 'Webhook',
		name: 'webhookUrl',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'The registered URL; its query string (a secret token) is not needed. Every registration of this URL is removed.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a webhook...',
				typeOptions: { searchListMethod: 'searchWebhooks', searchable: true },
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://n8n.example.com/webhook/abc/webhook',
				validation: [
					{
						type: 'regex',
						properties: { regex: 'https?://.+', errorMessage: 'Not an http(s) URL' },
					},
				],
			},
		],
		displayOptions: forOperation('webhook', 'delete'),
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
		name: 'groupFilter',
		description: 'Only events of this group (team)',
	}),
	{
		displayName: 'Event Filter',
		name: 'eventFilter',
		type: 'options',
		options: EVENT_FILTER_OPTIONS,
		default: '',
		description: 'Only registrations with this filter ([All]: whatever their filter)',
		displayOptions: forOperation('webhook', 'delete'),
	},
	groupProperty(forOperation('webhook', 'delete'), {
		required: false,
		name: 'groupFilter',
		description: 'The group the webhook was registered with',
	}),
];

function filterAndGroup(eventFilter: string, group: string): IDataObject {
	const body: IDataObject = {};
	if (eventFilter) body.eventFilter = eventFilter;
	if (group) body.group = group;
	return body;
}

/** A registration as listed by `GET /notifications/`, its URL's query values redacted. */
function visibleWebhook(webhook: IDataObject): IDataObject {
	const url = typeof webhook.url === 'string' ? redactedUrl(webhook.url) : webhook.url;
	return { ...webhook, url, notify: NOTIFY_NAMES[Number(webhook.notify_when)] ?? null };
}

export const webhookHandlers: OperationHandlers = {
	async 'webhook.getAll'(itemIndex) {
		const webhooks = limitRecords.call(this, itemIndex, await listNotifications.call(this));
		return webhooks.map((webhook) => ({ json: visibleWebhook(webhook) }));
	},
	async 'webhook.create'(itemIndex) {
		const url = String(this.getNodeParameter('url', itemIndex)).trim();
		const notify = this.getNodeParameter('notify', itemIndex) as string;
		const realtime = notify === 'realtime';
		const extra = realtime
			? filterAndGroup(
					this.getNodeParameter('eventFilter', itemIndex, '') as string,
					locatorValue(this.getNodeParameter('groupFilter', itemIndex, '')),
				)
			: {};
		const response = await apiRequest.call(this, legalesignApi, {
			method: 'POST',
			path: '/subscribe/',
			body: { url, notify, ...extra },
			retryOnRateLimit: false,
		});
		return toItems({
			url: redactedUrl(url),
			notify,
			...extra,
			location: responseHeader(response.headers, 'location') ?? null,
		});
	},
	/**
	 * Unsubscribing needs the exact registered URL, secret token included. So the URL is matched
	 * without its query against `GET /notifications/`, and each match is removed with its own URL.
	 */
	async 'webhook.delete'(itemIndex) {
		const url = locatorParameter.call(this, 'webhookUrl', itemIndex, 'webhook');
		const eventFilter = this.getNodeParameter('eventFilter', itemIndex, '') as string;
		const group = locatorValue(this.getNodeParameter('groupFilter', itemIndex, ''));
		const target = withoutQuery(url);
		const matches = (await listNotifications.call(this)).filter(
			(webhook) =>
				typeof webhook.url === 'string' &&
				withoutQuery(webhook.url) === target &&
				(!eventFilter || String(webhook.event_filter ?? '') === eventFilter),
		);
		for (const webhook of matches) {
			await apiRequest.call(this, legalesignApi, {
				method: 'POST',
				path: '/unsubscribe/',
				body: {
					url: String(webhook.url),
					...filterAndGroup(String(webhook.event_filter ?? ''), group),
				},
				retryOnRateLimit: true,
			});
		}
		return toItems({
			url: redactedUrl(url),
			...filterAndGroup(eventFilter, group),
			unsubscribed: matches.length > 0,
			removed: matches.map(visibleWebhook),
		});
	},
};
