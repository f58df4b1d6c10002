import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { resourceLocatorProperty } from '../shared/descriptions';

/** Legalesign's realtime filter values; wildcards are named "[All]" (no "*" in option names). */
export const EVENT_FILTER_OPTIONS: INodePropertyOptions[] = [
	{ name: '[All]', value: '', description: 'Every realtime event' },
	{ name: 'Document [All]', value: 'document.*' },
	{
		name: 'Document Created (Sent)',
		value: 'document.created',
		description: 'Emitted as "document.sent"',
	},
	{
		name: 'Document Final PDF Created',
		value: 'document.finalPdfCreated',
		description: 'Emitted as "document.completed"; the signed PDF can be downloaded',
	},
	{
		name: 'Document Rejected',
		value: 'document.rejected',
		description: 'Emitted as "document.rejected"',
	},
	{ name: 'Recipient [All]', value: 'recipient.*' },
	{
		name: 'Recipient Completed',
		value: 'recipient.completed',
		description: 'Emitted as "recipient.signed" (signed, approved or witnessed)',
	},
	{
		name: 'Recipient Email Bounced',
		value: 'recipient.bounced',
		description: 'Emitted as "recipient.emailBounced"',
	},
	{
		name: 'Recipient Email Opened',
		value: 'recipient.emailOpened',
		description: 'Emitted as "recipient.emailOpened"',
	},
	{
		name: 'Recipient Rejected',
		value: 'recipient.rejected',
		description: 'Emitted as "recipient.rejected"',
	},
	{
		name: 'Recipient Visiting',
		value: 'recipient.visiting',
		description: 'Emitted as "recipient.viewed"',
	},
];

/**
 * A group (team); the value is the group slug. A required group is a resource locator; an
 * optional one (a filter) a dropdown whose first choice is "All Groups".
 */
export function groupProperty(
	displayOptions: IDisplayOptions,
	options: { required: boolean; name?: string; description: string },
): INodeProperties {
	if (options.required) {
		return resourceLocatorProperty({
			displayName: 'Group',
			name: options.name ?? 'group',
			searchListMethod: 'searchGroups',
			noun: 'group',
			idPlaceholder: 'e.g. main-team',
			description: `${options.description} (a team in the Legalesign app)`,
			displayOptions,
		});
	}
	const property: INodeProperties = {
		displayName: 'Group Name or ID',
		name: options.name ?? 'group',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getGroupsOrAll' },
		default: '',
		description: `${options.description}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		displayOptions,
	};
	return property;
}

/** Legalesign's API URL of an object (its `resource_uri`, or the `Location` of a create). */
function apiUrlMode(resource: string) {
	return {
		placeholder: `e.g. https://eu-api.legalesign.com/api/v1/${resource}/6619179c-95da-4d5c-b7be-7bac0bac4088/`,
		regex: `(https?://[^/]+)?/api/v[0-9]+/${resource}/[^/?#]+/?`,
		errorMessage: `Not a Legalesign ${resource} URL (…/api/v1/${resource}/<ID>/)`,
	};
}

export function documentLocator(displayOptions: IDisplayOptions): INodeProperties {
	return resourceLocatorProperty({
		displayName: 'Document',
		name: 'documentId',
		searchListMethod: 'searchDocuments',
		noun: 'document',
		idPlaceholder: 'e.g. 6619179c-95da-4d5c-b7be-7bac0bac4088',
		url: apiUrlMode('document'),
		displayOptions,
	});
}

export function templatePdfLocator(
	name: string,
	displayOptions: IDisplayOptions,
	description?: string,
): INodeProperties {
	return resourceLocatorProperty({
		displayName: 'Template PDF',
		name,
		searchListMethod: 'searchTemplatePdfs',
		noun: 'template PDF',
		idPlaceholder: 'e.g. 0f1d4c6e-0000-4000-8000-000000000000',
		url: apiUrlMode('templatepdf'),
		description,
		displayOptions,
	});
}
