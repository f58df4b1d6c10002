import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import {
	inputFile,
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
import { isObject, objectAt, objectsAt } from '../../shared/readers';
import { apiRequest } from '../../shared/transport';
import { LEXGOSIGN_CREDENTIAL, lexgoSignApi, lexgoSignBaseUrl } from '../api';

export const uploadOperations = operationsProperty(
	'upload',
	[
		{
			name: 'Create',
			value: 'create',
			action: 'Create an upload',
			description: 'Reserve an upload URL for a PDF of an envelope (valid one hour, once)',
		},
		{ name: 'Get', value: 'get', action: 'Get an upload', description: 'Upload status' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many uploads' },
		{
			name: 'Upload File',
			value: 'uploadFile',
			action: 'Upload a file',
			description: 'Send the PDF bytes to the upload URL',
		},
	],
	'create',
);

const UPLOAD_STATUSES = ['pending', 'uploaded', 'processing', 'completed', 'failed', 'expired'];

export const uploadProperties: INodeProperties[] = [
	{
		displayName:
			'For PDFs over about 1 MB: create the envelope without documents, then Create and Upload File for each PDF. Once each upload is completed, update the envelope with Placements: Automatic and send it.',
		name: 'uploadNotice',
		type: 'notice',
		default: '',
		displayOptions: forOperation('upload', 'create'),
	},
	{
		displayName: 'Envelope ID',
		name: 'envelopeId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: forOperation('upload', ['create', 'get', 'getAll']),
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. contract.pdf',
		description: 'At most 100 characters',
		displayOptions: forOperation('upload', 'create'),
	},
	{
		displayName: 'Order',
		name: 'order',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0 },
		description:
			'Position of the document in the envelope (0, 1, …); placements refer to it by this number as a string',
		displayOptions: forOperation('upload', 'create'),
	},
	{
		displayName: 'Custom Key',
		name: 'customKey',
		type: 'string',
		default: '',
		description: 'Optional key of your own for this upload',
		displayOptions: forOperation('upload', 'create'),
	},
	resourceLocatorProperty({
		displayName: 'Upload',
		name: 'uploadId',
		searchListMethod: 'searchUploads',
		noun: 'upload',
		idPlaceholder: 'e.g. 3c1f0a2b-5d6e-4f70-8a9b-0c1d2e3f4a5b',
		displayOptions: forOperation('upload', 'get'),
	}),
	{
		displayName: 'Upload URL',
		name: 'uploadUrl',
		type: 'string',
		required: true,
		default: '={{ $json.upload_url }}',
		description: 'The "upload_url" that Create returned, on the API host of the credential',
		displayOptions: forOperation('upload', 'uploadFile'),
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		description: 'Binary property holding the PDF (at most 50 MB)',
		displayOptions: forOperation('upload', 'uploadFile'),
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: '',
		options: [
			{ name: 'Any', value: '' },
			...UPLOAD_STATUSES.map((status) => ({
				name: status.charAt(0).toUpperCase() + status.slice(1),
				value: status,
			})),
		],
		displayOptions: forOperation('upload', 'getAll'),
	},
	...returnAllOrLimit(forOperation('upload', 'getAll')),
];

function parameter(this: IExecuteFunctions, name: string, itemIndex: number): string {
	return String(this.getNodeParameter(name, itemIndex)).trim();
}

function uploadsPath(this: IExecuteFunctions, itemIndex: number): string {
	const envelopeId = parameter.call(this, 'envelopeId', itemIndex);
	return `/envelopes/${encodeURIComponent(envelopeId)}/uploads`;
}

/**
 * The upload URL, refused unless it is on the credential's API host: the API key goes with it.
 */
async function checkedUploadUrl(this: IExecuteFunctions, itemIndex: number): Promise<string> {
	const value = parameter.call(this, 'uploadUrl', itemIndex);
	const credentials = await this.getCredentials(LEXGOSIGN_CREDENTIAL);
	let target: URL;
	let api: URL;
	try {
		target = new URL(value);
		api = new URL(lexgoSignBaseUrl(credentials));
	} catch {
		throw new NodeOperationError(this.getNode(), `"${value}" is not a valid upload URL`, {
			itemIndex,
		});
	}
	if (target.origin !== api.origin) {
		throw new NodeOperationError(
			this.getNode(),
			`The upload URL is not on ${api.origin}; the API key is sent only to the credential's host`,
			{ itemIndex },
		);
	}
	return target.toString();
}

export const uploadHandlers: OperationHandlers = {
	async 'upload.create'(itemIndex) {
		const body: IDataObject = {
			file_name: parameter.call(this, 'fileName', itemIndex),
			order: this.getNodeParameter('order', itemIndex) as number,
			content_type: 'application/pdf',
		};
		const customKey = (this.getNodeParameter('customKey', itemIndex, '') as string).trim();
		if (customKey) body.custom_key = customKey;
		const response = await apiRequest.call(this, lexgoSignApi, {
			method: 'POST',
			path: uploadsPath.call(this, itemIndex),
			body,
			retryOnRateLimit: false,
		});
		return toItems(objectAt(response.body, 'upload'));
	},
	async 'upload.uploadFile'(itemIndex) {
		const url = await checkedUploadUrl.call(this, itemIndex);
		const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const file = await inputFile.call(this, itemIndex, property);
		// An absolute URL: the HTTP layer ignores the credential's base URL for it.
		const { body } = await apiRequest.call(this, lexgoSignApi, {
			method: 'PUT',
			path: url,
			body: file.data,
			headers: { 'Content-Type': 'application/pdf' },
			retryOnRateLimit: false,
		});
		const result = isObject(body) ? body : {};
		return toItems({ ...result, fileName: file.fileName, fileSize: file.data.length });
	},
	async 'upload.get'(itemIndex) {
		const { body } = await apiRequest.call(this, lexgoSignApi, {
			method: 'GET',
			path: `${uploadsPath.call(this, itemIndex)}/${encodeURIComponent(locatorParameter.call(this, 'uploadId', itemIndex, 'upload'))}`,
		});
		return toItems(objectAt(body, 'upload'));
	},
	async 'upload.getAll'(itemIndex) {
		const status = this.getNodeParameter('status', itemIndex, '') as string;
		const { body } = await apiRequest.call(this, lexgoSignApi, {
			method: 'GET',
			path: uploadsPath.call(this, itemIndex),
			qs: status ? { status } : undefined,
		});
		return listItems(limitRecords.call(this, itemIndex, objectsAt(body, 'uploads')));
	},
};
