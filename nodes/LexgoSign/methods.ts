import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { matchesFilter, searchResult } from '../shared/listSearch';
import { locatorValue, objectsAt, text } from '../shared/readers';
import { apiRequest } from '../shared/transport';
import { lexgoSignApi } from './api';
import { parseSubscriptions } from './events';
import { listWebhooks } from './requests';

const SHOWN_EVENTS = 2;

function eventsLabel(subscriptions: unknown): string {
	const events = parseSubscriptions(subscriptions);
	if (events.length <= SHOWN_EVENTS) return events.join(', ') || 'no events';
	return `${events.slice(0, SHOWN_EVENTS).join(', ')}, +${events.length - SHOWN_EVENTS} more`;
}

/** "From List" sources of the resource locators (LexgoSign lists have no pages). */
export const listSearch = {
	/** Webhook subscriptions by URL and events; their Authorization secret is never shown. */
	async searchWebhooks(
		this: ILoadOptionsFunctions,
		filter?: string,
	): Promise<INodeListSearchResult> {
		const { webhooks } = await listWebhooks.call(this);
		return searchResult(
			webhooks
				.filter((webhook) =>
					matchesFilter(
						filter,
						text(webhook, 'url'),
						text(webhook, 'id'),
						text(webhook, 'subscriptions'),
					),
				)
				.map((webhook) => ({
					name: `${text(webhook, 'url') ?? text(webhook, 'id')} (${eventsLabel(webhook.subscriptions)})`,
					value: text(webhook, 'id') ?? '',
				})),
			undefined,
		);
	},

	/** The uploads of the envelope given above, by file name and status. */
	async searchUploads(
		this: ILoadOptionsFunctions,
		filter?: string,
	): Promise<INodeListSearchResult> {
		const envelopeId = locatorValue(this.getCurrentNodeParameter('envelopeId'));
		if (!envelopeId || envelopeId.startsWith('=')) {
			throw new NodeOperationError(this.getNode(), 'Enter the Envelope ID first', {
				description: 'Uploads are listed per envelope.',
			});
		}
		const { body } = await apiRequest.call(this, lexgoSignApi, {
			method: 'GET',
			path: `/envelopes/${encodeURIComponent(envelopeId)}/uploads`,
		});
		return searchResult(
			objectsAt(body, 'uploads')
				.filter((upload) => matchesFilter(filter, text(upload, 'file_name'), text(upload, 'id')))
				.map((upload) => {
					const name = text(upload, 'file_name') ?? text(upload, 'id') ?? '';
					const status = text(upload, 'status');
					return {
						name: status ? `${name} (${status.toLowerCase()})` : name,
						value: text(upload, 'id') ?? '',
					};
				}),
			undefined,
		);
	},
};
