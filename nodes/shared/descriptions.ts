import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * Property descriptions every node of this package shares, so the same setting has the same
 * name, values and wording in all three providers.
 */

/** The option value for verified deliveries whose event this package does not recognize. */
export const UNRECOGNISED_EVENT = 'unknown';

/**
 * A trigger's event selection: the provider's events plus "Unrecognized Event", which is on by
 * default so a verified delivery the package cannot classify is emitted as `unknown`, not lost.
 */
export function eventsProperty(
	options: INodePropertyOptions[],
	extra: { description?: string; displayOptions?: IDisplayOptions } = {},
): INodeProperties {
	const property: INodeProperties = {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: [
			...options,
			{
				name: 'Unrecognized Event',
				value: UNRECOGNISED_EVENT,
				description:
					'A verified delivery whose event this node does not recognize; emitted as "unknown"',
			},
		],
		default: [UNRECOGNISED_EVENT],
		description:
			extra.description ??
			'Events that start the workflow. Other verified deliveries are answered with 200 and start nothing.',
	};
	if (extra.displayOptions) property.displayOptions = extra.displayOptions;
	return property;
}

/** Event options from a provider's table of `{ name, event }` by provider event name. */
export function eventOptions(
	events: Record<string, { name: string; event: string }>,
): INodePropertyOptions[] {
	return Object.entries(events)
		.filter(([value]) => value !== UNRECOGNISED_EVENT)
		.map(([value, { name, event }]) => ({
			name,
			value,
			description: `"${value}", emitted as "${event}"`,
		}));
}

export const binaryPropertyOption: INodeProperties = {
	displayName: 'Put Files in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	description:
		'Binary field for the first file. More documents get a number (data_1, data_2, …), audit trails "_audit" (data_audit).',
};

export function downloadSignedDocumentsOption(description: string): INodeProperties {
	return {
		displayName: 'Download Signed Documents',
		name: 'downloadSignedDocuments',
		type: 'boolean',
		default: false,
		description,
	};
}

export function downloadAuditTrailOption(description: string): INodeProperties {
	return {
		displayName: 'Download Audit Trail',
		name: 'downloadAuditTrail',
		type: 'boolean',
		default: false,
		description,
	};
}

export function includeDocumentDetailsOption(description: string): INodeProperties {
	return {
		displayName: 'Include Document Details',
		name: 'includeDocumentDetails',
		type: 'boolean',
		default: false,
		description,
	};
}

export const suppressDuplicatesOption: INodeProperties = {
	displayName: 'Suppress Duplicate Deliveries',
	name: 'suppressDuplicates',
	type: 'boolean',
	default: true,
	description:
		'Whether to drop deliveries whose event ID this running n8n saw in the last 24 hours (provider retries). See the README for restarts and queue mode.',
};

/** The Options collection of a trigger. */
export function triggerOptionsProperty(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...options, suppressDuplicatesOption].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

/** Limits a property to one resource/operation of an action node. */
export function forOperation(resource: string, operation: string | string[]): IDisplayOptions {
	return {
		show: { resource: [resource], operation: Array.isArray(operation) ? operation : [operation] },
	};
}

/** Standard "Return All" / "Limit" pair for a Get Many operation. */
export function returnAllOrLimit(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: {
				...displayOptions,
				show: { ...(displayOptions.show ?? {}), returnAll: [false] },
			},
		},
	];
}

/** The Operation selector of one resource. */
export function operationsProperty(
	resource: string,
	options: INodePropertyOptions[],
	defaultOperation: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
}

/** "Binary property to write a downloaded file to" of a download operation. */
export function outputBinaryProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Name of the binary field to write the file to',
		displayOptions,
	};
}

/**
 * A resource locator: "From List" (searchable, the default, as n8n's UX guidelines ask), "By ID"
 * and, where the provider gives the object a URL, "By URL". Code reads it with `locatorValue`.
 */
export function resourceLocatorProperty(options: {
	displayName: string;
	name: string;
	/** The `listSearch` method of the node's `methods`. */
	searchListMethod: string;
	/** What the object is called in the list's placeholder ("Select a document..."). */
	noun: string;
	idPlaceholder: string;
	/** A pattern the ID must match (anchored), with the message shown when it does not. */
	idPattern?: { regex: string; errorMessage: string };
	url?: { placeholder: string; regex: string; errorMessage: string };
	description?: string;
	displayOptions: IDisplayOptions;
}): INodeProperties {
	const validation = (pattern: { regex: string; errorMessage: string } | undefined) =>
		pattern ? [{ type: 'regex', properties: pattern }] : undefined;
	const property: INodeProperties = {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${options.noun}...`,
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.idPlaceholder,
				validation: validation(options.idPattern),
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: options.url?.placeholder,
				validation: validation(options.url),
			},
		],
		displayOptions: options.displayOptions,
	};
	// Only objects the provider gives a URL get "By URL".
	if (!options.url) property.modes = property.modes?.filter((mode) => mode.name !== 'url');
	if (options.description) property.description = options.description;
	return property;
}

/** n8n's "Simplify" switch (UX guideline: outputs with more than ten fields). */
export function simplifyProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		displayOptions,
	};
}
