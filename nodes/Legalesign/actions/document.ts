import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	binaryItem,
	collectPages,
	listItems,
	pagingParameters,
	toItems,
	type OperationHandlers,
	wantsSimplified,
} from '../../shared/actions';
import {
	forOperation,
	operationsProperty,
	outputBinaryProperty,
	returnAllOrLimit,
	simplifyProperty,
} from '../../shared/descriptions';
import { objectsOf } from '../../shared/readers';
import { apiRequest } from '../../shared/transport';
import { legalesignApi, pathId } from '../api';
import { documentLocator, groupProperty } from '../descriptions';
import { downloadAuditLog, downloadSignedPdf, getResource, listPage } from '../requests';
import { simplifyDocument } from '../simplify';
import { getJson, idParameter, toLegalesignTime } from './common';

const PAGE_SIZE = 100;

export const documentOperations = operationsProperty(
	'document',
	[
		{
			name: 'Create and Send',
			value: 'createAndSend',
			action: 'Create and send a document',
			description: 'Send a template PDF to recipients for signing',
		},
		{
			name: 'Download Audit Log',
			value: 'downloadAuditLog',
			action: 'Download the audit log of a document',
			description: 'The audit trail as a PDF',
		},
		{
			name: 'Download Signed PDF',
			value: 'downloadSignedPdf',
			action: 'Download the signed PDF of a document',
			description: 'The final signed PDF as binary data',
		},
		{ name: 'Get', value: 'get', action: 'Get a document' },
		{
			name: 'Get Fields',
			value: 'getFields',
			action: 'Get the fields of a document',
			description: 'One item per field, with its value',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many documents',
			description: 'List the documents of a group',
		},
		{
			name: 'Void',
			value: 'void',
			action: 'Void a document',
			description: 'Withdraw it before signing (status 40) and archive it',
		},
	],
	'get',
);

export const documentProperties: INodeProperties[] = [
	documentLocator(
		forOperation('document', ['get', 'void', 'downloadSignedPdf', 'downloadAuditLog', 'getFields']),
	),
	simplifyProperty(forOperation('document', 'get')),
	{
		displayName: 'Notify Recipients',
		name: 'notifyRecipients',
		type: 'boolean',
		default: false,
		description: 'Whether Legalesign emails the recipients that the document was voided',
		displayOptions: forOperation('document', 'void'),
	},
	outputBinaryProperty(forOperation('document', ['downloadSignedPdf', 'downloadAuditLog'])),
	groupProperty(forOperation('document', 'getAll'), {
		required: true,
		description: 'Legalesign lists documents one group (team) at a time',
	}),
	...returnAllOrLimit(forOperation('document', 'getAll')),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: forOperation('document', 'getAll'),
		options: [
			{
				displayName: 'Archived',
				name: 'archived',
				type: 'options',
				default: 'false',
				options: [
					{ name: 'Not Archived', value: 'false' },
					{ name: 'Archived Only', value: 'true' },
					{ name: 'All', value: 'all' },
				],
			},
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Modified After',
				name: 'modifiedAfter',
				type: 'dateTime',
				default: '',
				description: 'Only documents changed since then (handy for polling)',
			},
			{
				displayName: 'Recipient Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 10,
				options: [
					{ name: 'Sent (10)', value: 10 },
					{ name: 'Fields Completed (20)', value: 20 },
					{ name: 'Signed (30)', value: 30 },
					{ name: 'Removed Before Signing (40)', value: 40 },
					{ name: 'Rejected (50)', value: 50 },
				],
			},
			{
				displayName: 'Without Recipients',
				name: 'noSigners',
				type: 'boolean',
				default: false,
				description: 'Whether to leave out the recipient arrays (faster for large lists)',
			},
		],
	},
];

function filtersToQuery(filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	if (filters.archived !== undefined && filters.archived !== '') qs.archived = filters.archived;
	if (filters.status !== undefined && filters.status !== '') qs.status = filters.status;
	if (filters.modifiedAfter) qs.modified_gt = toLegalesignTime(filters.modifiedAfter);
	if (filters.createdAfter) qs.created_gt = toLegalesignTime(filters.createdAfter);
	if (filters.email) qs.email = String(filters.email).trim();
	if (filters.noSigners === true) qs.nosigners = 1;
	return qs;
}

function documentIdParameter(this: IExecuteFunctions, itemIndex: number): string {
	return idParameter.call(this, 'documentId', itemIndex, 'document');
}

export const documentHandlers: OperationHandlers = {
	async 'document.get'(itemIndex) {
		const document = await getResource.call(
			this,
			'document',
			documentIdParameter.call(this, itemIndex),
		);
		return toItems(wantsSimplified.call(this, itemIndex) ? simplifyDocument(document) : document);
	},
	async 'document.getAll'(itemIndex) {
		const group = idParameter.call(this, 'group', itemIndex, 'group');
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const qs = { group, ...filtersToQuery(filters) };
		const documents = await collectPages(
			async (offset, limit) => await listPage.call(this, '/document/', qs, offset, limit),
			{ ...pagingParameters.call(this, itemIndex), pageSize: PAGE_SIZE },
		);
		return listItems(documents);
	},
	async 'document.void'(itemIndex) {
		const id = documentIdParameter.call(this, itemIndex);
		const notify = this.getNodeParameter('notifyRecipients', itemIndex, false) as boolean;
		await apiRequest.call(this, legalesignApi, {
			method: 'DELETE',
			path: `/document/${pathId(id)}/`,
			qs: notify ? { email: 'true' } : undefined,
			retryOnRateLimit: !notify,
		});
		return toItems({ documentId: id, voided: true, recipientsNotified: notify });
	},
	async 'document.downloadSignedPdf'(itemIndex) {
		const id = documentIdParameter.call(this, itemIndex);
		const file = await downloadSignedPdf.call(this, id);
		const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
		return await binaryItem.call(this, file, property, { documentId: id });
	},
	async 'document.downloadAuditLog'(itemIndex) {
		const id = documentIdParameter.call(this, itemIndex);
		const file = await downloadAuditLog.call(this, id);
		const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
		return await binaryItem.call(this, file, property, { documentId: id });
	},
	async 'document.getFields'(itemIndex) {
		const id = documentIdParameter.call(this, itemIndex);
		const body = await getJson.call(this, `/document/${pathId(id)}/fields/`);
		const fields = objectsOf(body) ?? [];
		return fields.map((json) => ({ json: { documentId: id, ...json } }));
	},
};
