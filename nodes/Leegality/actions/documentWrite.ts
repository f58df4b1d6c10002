import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	jsonParse,
	NodeOperationError,
} from 'n8n-workflow';

import { forOperation, inputFile, toItems, type OperationHandlers } from '../../shared/actions';
import { isObject, text } from '../../shared/item';
import { apiRequest, providerApiError } from '../../shared/transport';
import { leegalityApi } from '../api';

const MAX_RESEND_URLS = 15;

export const documentWriteProperties: INodeProperties[] = [
	{
		displayName:
			'Leegality has no idempotency key: if a Create times out, check Get Many with the IRN before retrying, or a second document (and signing link) may be sent.',
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
	{
		displayName: 'Signing URLs',
		name: 'signUrls',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://app1.leegality.com/sign/…',
		description: 'Invitation URLs (or their UUIDs), separated by commas or new lines; at most 15',
		displayOptions: forOperation('document', 'resend'),
	},
	{
		displayName: 'Document ID',
		name: 'documentId',
		type: 'string',
		required: true,
		default: '',
		description: 'Deleting is permanent: unsigned invitations are revoked',
		displayOptions: forOperation('document', 'delete'),
	},
	{
		displayName: 'Signing URL',
		name: 'signUrl',
		type: 'string',
		required: true,
		default: '',
		description:
			'Invitation URL (or its UUID) of an unsigned invitation; the invitee is not notified',
		displayOptions: forOperation('invitation', 'delete'),
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

function splitUrls(value: string): string[] {
	return value
		.split(/[\s,]+/)
		.map((url) => url.trim())
		.filter(Boolean);
}

function dataOf(body: unknown): IDataObject {
	return isObject(body) && isObject(body.data) ? body.data : {};
}

function firstMessage(body: unknown): IDataObject {
	const messages =
		isObject(body) && Array.isArray(body.messages) ? body.messages.filter(isObject) : [];
	return { code: text(messages[0], 'code'), message: text(messages[0], 'message') };
}

export const documentWriteHandlers: OperationHandlers = {
	async 'document.create'(itemIndex) {
		const body = await buildCreateBody.call(this, itemIndex);
		const response = await apiRequest.call(this, leegalityApi, {
			method: 'POST',
			path: '/v3.0/sign/request',
			body,
			retryOnRateLimit: false,
		});
		const messages = isObject(response.body) ? response.body.messages : undefined;
		const result = dataOf(response.body);
		return toItems(
			Array.isArray(messages) && messages.length > 0 ? { ...result, warnings: messages } : result,
		);
	},
	async 'document.resend'(itemIndex) {
		const signUrls = splitUrls(this.getNodeParameter('signUrls', itemIndex) as string);
		if (signUrls.length === 0 || signUrls.length > MAX_RESEND_URLS) {
			throw new NodeOperationError(
				this.getNode(),
				`Give between 1 and ${MAX_RESEND_URLS} signing URLs`,
				{
					itemIndex,
				},
			);
		}
		const { body } = await apiRequest.call(this, leegalityApi, {
			method: 'POST',
			path: '/v3.0/sign/request/resend',
			body: { signUrls },
			retryOnRateLimit: false,
		});
		const invitations = (
			Array.isArray(dataOf(body).invitations) ? dataOf(body).invitations : []
		) as IDataObject[];
		const failed = invitations.filter(
			(invitation) => invitation.status === 0 || invitation.status === '0',
		);
		if (invitations.length > 0 && failed.length === invitations.length) {
			throw providerApiError(this, leegalityApi, 200, {
				message: failed
					.map(
						(f) => `${text(f, 'signUrl') ?? 'invitation'}: ${text(f, 'message') ?? 'not resent'}`,
					)
					.join('; '),
			});
		}
		return toItems({
			resent: invitations.length - failed.length,
			failed: failed.length,
			invitations,
		});
	},
	async 'document.delete'(itemIndex) {
		const id = (this.getNodeParameter('documentId', itemIndex) as string).trim();
		const { body } = await apiRequest.call(this, leegalityApi, {
			method: 'DELETE',
			path: '/v3.0/sign/request',
			qs: { documentId: id },
			retryOnRateLimit: false,
		});
		return toItems({ deleted: true, documentId: id, ...firstMessage(body) });
	},
	async 'invitation.delete'(itemIndex) {
		const signUrl = (this.getNodeParameter('signUrl', itemIndex) as string).trim();
		const { body } = await apiRequest.call(this, leegalityApi, {
			method: 'DELETE',
			path: '/v3.0/sign/request/invitation',
			qs: { signUrl },
			retryOnRateLimit: false,
		});
		return toItems({ deleted: true, signUrl, ...firstMessage(body) });
	},
};
