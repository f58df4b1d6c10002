import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	jsonParse,
	NodeOperationError,
} from 'n8n-workflow';

import { inputFile, toItems, type OperationHandlers } from '../../shared/actions';
import { forOperation } from '../../shared/descriptions';
import { isObject, objectAt } from '../../shared/readers';
import { apiRequest } from '../../shared/transport';
import { leegalityApi } from '../api';

/** Document → Create: send a PDF or template fields for eSigning (`POST /v3.0/sign/request`). */
export const documentCreateProperties: INodeProperties[] = [
	{
		displayName:
			'If Create times out, search for its IRN with Get Many before running it again, or the document may be sent twice',
		name: 'createNotice',
		type: 'notice',
		default: '',
		displayOptions: forOperation('document', 'create'),
	},
	{
		displayName: 'Workflow ID',
		name: 'profileId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 7WMVrYf',
		description:
			'ID of a published Leegality workflow ("profileId"); its "Download API Payload" shows it',
		displayOptions: forOperation('document', 'create'),
	},
	{
		displayName: 'Document Source',
		name: 'documentSource',
		type: 'options',
		default: 'binary',
		options: [
			{ name: 'PDF From Binary Data', value: 'binary', description: 'For PDF workflows' },
			{ name: 'Template Fields', value: 'template', description: 'For template workflows' },
		],
		displayOptions: forOperation('document', 'create'),
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Binary property holding the PDF (at most 15 MB)',
		displayOptions: {
			show: { resource: ['document'], operation: ['create'], documentSource: ['binary'] },
		},
	},
	{
		displayName: 'Template Fields',
		name: 'templateFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Field',
		displayOptions: {
			show: { resource: ['document'], operation: ['create'], documentSource: ['template'] },
		},
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Invitees',
		name: 'invitees',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Invitee',
		description: "Filled into the workflow's invitee slots in order",
		displayOptions: forOperation('document', 'create'),
		options: [
			{
				displayName: 'Invitee',
				name: 'invitee',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true },
					{
						displayName: 'Email',
						name: 'email',
						type: 'string',
						placeholder: 'name@email.com',
						default: '',
					},
					{
						displayName: 'Phone',
						name: 'phone',
						type: 'string',
						default: '',
						description: '10-digit Indian mobile number',
					},
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: forOperation('document', 'create'),
		options: [
			{
				displayName: 'CC (JSON)',
				name: 'cc',
				type: 'json',
				default: '[]',
				description: 'Array of {"name", "email"} to copy',
			},
			{
				displayName: 'Document Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Defaults to the binary file name',
			},
			{
				displayName: 'Extra Body (JSON)',
				name: 'extraBody',
				type: 'json',
				default: '{}',
				description:
					'Object merged into the request body for fields not offered here (stamp series, aadhaarConfig per invitee, …)',
			},
			{
				displayName: 'IRN',
				name: 'irn',
				type: 'string',
				default: '',
				description: 'Your Internal Reference Number; searchable with Get Many',
			},
		],
	},
];

function parseJsonParameter(value: unknown, name: string): unknown {
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	return jsonParse(value, {
		errorMessage: `"${name}" is not valid JSON`,
	});
}

async function buildCreateBody(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const source = this.getNodeParameter('documentSource', itemIndex) as string;
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const invitees = ((this.getNodeParameter('invitees', itemIndex, {}) as IDataObject).invitee ??
		[]) as IDataObject[];
	const cleaned = invitees.map((invitee, position) => {
		const entry: IDataObject = { name: String(invitee.name ?? '').trim() };
		if (invitee.email) entry.email = String(invitee.email).trim();
		if (invitee.phone) entry.phone = String(invitee.phone).trim();
		if (!entry.name || (!entry.email && !entry.phone)) {
			throw new NodeOperationError(
				node,
				`Invitee ${position + 1} needs a name and an email or phone`,
				{ itemIndex },
			);
		}
		return entry;
	});

	const file: IDataObject = {};
	if (source === 'binary') {
		const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const pdf = await inputFile.call(this, itemIndex, property);
		file.name = extra.name || pdf.fileName.replace(/\.pdf$/i, '');
		file.file = pdf.data.toString('base64');
	} else {
		const fields = ((this.getNodeParameter('templateFields', itemIndex, {}) as IDataObject).field ??
			[]) as IDataObject[];
		file.name = extra.name || 'Document';
		file.fields = Object.fromEntries(fields.map((f) => [String(f.name), f.value]));
	}

	const body: IDataObject = {
		profileId: (this.getNodeParameter('profileId', itemIndex) as string).trim(),
		file,
	};
	if (cleaned.length > 0) body.invitees = cleaned;
	if (extra.irn) body.irn = extra.irn;
	try {
		const cc = parseJsonParameter(extra.cc, 'CC');
		if (Array.isArray(cc) && cc.length > 0) body.cc = cc as IDataObject[];
		const extraBody = parseJsonParameter(extra.extraBody, 'Extra Body');
		if (isObject(extraBody)) Object.assign(body, extraBody);
	} catch (error) {
		throw new NodeOperationError(node, error as Error, { itemIndex });
	}
	return body;
}

export const documentCreateHandlers: OperationHandlers = {
	async 'document.create'(itemIndex) {
		const body = await buildCreateBody.call(this, itemIndex);
		const response = await apiRequest.call(this, leegalityApi, {
			method: 'POST',
			path: '/v3.0/sign/request',
			body,
			retryOnRateLimit: false,
		});
		const messages = isObject(response.body) ? response.body.messages : undefined;
		const result = objectAt(response.body, 'data');
		return toItems(
			Array.isArray(messages) && messages.length > 0 ? { ...result, warnings: messages } : result,
		);
	},
};
