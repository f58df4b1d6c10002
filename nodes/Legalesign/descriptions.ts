import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

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

const DYNAMIC_HINT =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** A group (team) dropdown; the value is the group slug. */
export function groupProperty(
	displayOptions: IDisplayOptions,
	options: { required: boolean; name?: string; description: string },
): INodeProperties {
	const property: INodeProperties = {
		displayName: 'Group Name or ID',
		name: options.name ?? 'group',
		type: 'options',
		typeOptions: { loadOptionsMethod: options.required ? 'getGroups' : 'getGroupsOrAll' },
		default: '',
		description: `${options.description}. ${DYNAMIC_HINT}.`,
		displayOptions,
	};
	if (options.required) property.required = true;
	return property;
}
