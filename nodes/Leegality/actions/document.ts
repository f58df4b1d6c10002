import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import {
	binaryItem,
	collectPages,
	listItems,
	locatorParameter,
	pagingParameters,
	toItems,
	type OperationHandlers,
	wantsSimplified,
} from '../../shared/actions';
import {
	forOperation,
	operationsProperty,
	outputBinaryProperty,
	resourceLocatorProperty,
	returnAllOrLimit,
	simplifyProperty,
} from '../../shared/descriptions';
import { numberAt, objectAt, objectsAt, text } from '../../shared/readers';
import { apiRequest, providerApiError } from '../../shared/transport';
import { leegalityApi } from '../api';
import { fetchDocumentFile, getDocumentDetails, type LeegalityDownloadType } from '../requests';
import { simplifyDetails } from '../simplify';
import { DETAIL_FLAGS, flagLabel, withParentFlags } from './detailFlags';

const MAX_RESEND_URLS = 15;

/** Leegality caps `max` at 40 (larger values silently become 20). */
const PAGE_SIZE = 40;

const documentId = (operation: string[], description?: string): INodeProperties =>
	resourceLocatorProperty({
		displayName: 'Document',
		name: 'documentId',
		searchListMethod: 'searchDocuments',
		noun: 'document',
		idPlaceholder: 'e.g. 01KMFEE9T8WPY0WPWXQHQ7DTJ2',
		description,
		displayOptions: forOperation('document', operation),
	});

export const documentOperations = operationsProperty(
	'document',
	[
		{
			name: 'Create',
			value: 'create',
			action: 'Create a signing request',
			description: 'Send a document for eSigning',
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a document',
			description: 'Permanently delete a document',
		},
		{
			name: 'Download',
			value: 'download',
			action: 'Download a file of a document',
			description: 'Signed document, audit trail, attachment or supporting document as binary data',
		},
		{
			name: 'Get Details',
			value: 'getDetails',
			action: 'Get document details',
			description: 'Full document state',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many documents',
			description: 'List or search documents',
		},
		{
			name: 'Get Many Completed',
			value: 'getAllCompleted',
			action: 'Get many completed documents',
			description: 'Completed documents, oldest first',
		},
		{
			name: 'Get Status',
			value: 'getStatus',
			action: 'Get document status',
			description: 'Lightweight signing status',
		},
		{
			name: 'Resend Notification',
			value: 'resend',
			action: 'Resend a signing notification',
			description: 'Remind invitees by their signing URLs',
		},
	],
	'getDetails',
);

export const documentProperties: INodeProperties[] = [
	documentId(['getDetails', 'getStatus', 'download']),
	simplifyProperty(forOperation('document', 'getDetails')),
	{
		displayName: 'Field Groups',
		name: 'fieldGroups',
		type: 'multiOptions',
		default: [],
		options: DETAIL_FLAGS.map((flag) => ({ name: flagLabel(flag), value: flag })),
		description:
			'Optional parts of the details to return; parents of a chosen group are added automatically. For the files themselves, use Download.',
		displayOptions: {
			show: { resource: ['document'], operation: ['getDetails'], simplify: [false] },
		},
	},
	{
		displayName: 'File',
		name: 'downloadType',
		type: 'options',
		default: 'DOCUMENT',
		options: [
			{
				name: 'Attachment',
				value: 'ATTACHMENT',
				description: "One of the sender's reference attachments",
			},
			{ name: 'Audit Trail', value: 'AUDIT_TRAIL', description: 'Completed documents only' },
			{ name: 'Document', value: 'DOCUMENT', description: 'The (signed) document' },
			{
				name: 'Supporting Document',
				value: 'SUPPORTING_DOCUMENT',
				description: 'A file an invitee uploaded',
			},
		],
		displayOptions: forOperation('document', 'download'),
	},
	{
		displayName: 'Invitee Signing URL',
		name: 'supportDocumentUrl',
		type: 'string',
		default: '',
		required: true,
		description: 'Invitation URL of the invitee who uploaded the supporting document',
		displayOptions: {
			show: {
				resource: ['document'],
				operation: ['download'],
				downloadType: ['SUPPORTING_DOCUMENT'],
			},
		},
	},
	{
		displayName: 'Index',
		name: 'index',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description: 'Zero-based position of the file when there are several',
		displayOptions: {
			show: {
				resource: ['document'],
				operation: ['download'],
				downloadType: ['ATTACHMENT', 'SUPPORTING_DOCUMENT'],
			},
		},
	},
	outputBinaryProperty(forOperation('document', 'download')),
	{
		displayName: 'Search',
		name: 'query',
		type: 'string',
		default: '',
		description: 'Exact document name, document ID or IRN (case-insensitive, whole value only)',
		displayOptions: forOperation('document', 'getAll'),
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: '',
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Completed', value: 'COMPLETED' },
			{ name: 'Draft', value: 'DRAFT' },
			{ name: 'Expired', value: 'EXPIRED' },
			{ name: 'Received', value: 'RECEIVED' },
			{ name: 'Sent', value: 'SENT' },
			{ name: 'Signed', value: 'SIGNED' },
		],
		displayOptions: forOperation('document', 'getAll'),
	},
	...returnAllOrLimit(forOperation('document', ['getAll', 'getAllCompleted'])),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: forOperation('document', 'getAllCompleted'),
		options: [
			{ displayName: 'Completed After', name: 'startDate', type: 'dateTime', default: '' },
			{ displayName: 'Completed Before', name: 'endDate', type: 'dateTime', default: '' },
			{
				displayName: 'IRN',
				name: 'irn',
				type: 'string',
				default: '',
				description: 'Exact Internal Reference Number',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Document name pattern',
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
	documentId(['delete'], 'Deleting is permanent: unsigned invitations are revoked'),
];

function documentIdParameter(this: IExecuteFunctions, itemIndex: number): string {
	return locatorParameter.call(this, 'documentId', itemIndex, 'document');
}

/** Leegality dates are `dd-MM-yyyy`. */
export function toLeegalityDate(value: string): string {
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) return value;
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${pad(date.getUTCDate())}-${pad(date.getUTCMonth() + 1)}-${date.getUTCFullYear()}`;
}

async function listDocuments(this: IExecuteFunctions, itemIndex: number) {
	const q = this.getNodeParameter('query', itemIndex, '') as string;
	const status = this.getNodeParameter('status', itemIndex, '') as string;
	const documents = await collectPages(
		async (offset, max) => {
			const qs: IDataObject = { max, offset };
			if (q) qs.q = q;
			if (status) qs.status = status;
			const { body } = await apiRequest.call(this, leegalityApi, {
				method: 'GET',
				path: '/v3.0/sign/request/list',
				qs,
			});
			const data = objectAt(body, 'data');
			return { items: objectsAt(data, 'documents'), total: numberAt(data, 'total') ?? undefined };
		},
		{ ...pagingParameters.call(this, itemIndex), pageSize: PAGE_SIZE },
	);
	return listItems(documents);
}

async function listCompleted(this: IExecuteFunctions, itemIndex: number) {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const documents = await collectPages(
		async (offset, max) => {
			const qs: IDataObject = { max, offset };
			if (filters.startDate) qs.startDate = toLeegalityDate(String(filters.startDate));
			if (filters.endDate) qs.endDate = toLeegalityDate(String(filters.endDate));
			if (filters.name) qs.name = filters.name;
			if (filters.irn) qs.irn = filters.irn;
			const { body } = await apiRequest.call(this, leegalityApi, {
				method: 'GET',
				path: '/v3.0/document/completed',
				qs,
			});
			const data = objectAt(body, 'data');
			const total = numberAt(data, 'totalCount') ?? numberAt(data, 'total');
			return { items: objectsAt(data, 'documents'), total: total ?? undefined };
		},
		{ ...pagingParameters.call(this, itemIndex), pageSize: PAGE_SIZE },
	);
	return listItems(documents);
}

function splitUrls(value: string): string[] {
	return value
		.split(/[\s,]+/)
		.map((url) => url.trim())
		.filter(Boolean);
}

/** The first `{code, message}` of a Leegality answer (success codes included). */
export function firstMessage(body: unknown): IDataObject {
	const messages = objectsAt(body, 'messages');
	return { code: text(messages[0], 'code'), message: text(messages[0], 'message') };
}

export const documentHandlers: OperationHandlers = {
	async 'document.getDetails'(itemIndex) {
		const id = documentIdParameter.call(this, itemIndex);
		if (wantsSimplified.call(this, itemIndex)) {
			return toItems(simplifyDetails(await getDocumentDetails.call(this, id)));
		}
		const groups = this.getNodeParameter('fieldGroups', itemIndex, []) as string[];
		return toItems(await getDocumentDetails.call(this, id, withParentFlags(groups)));
	},
	async 'document.getStatus'(itemIndex) {
		const id = documentIdParameter.call(this, itemIndex);
		const { body } = await apiRequest.call(this, leegalityApi, {
			method: 'GET',
			path: '/v3.2/sign/request',
			qs: { documentId: id },
		});
		return toItems(objectAt(body, 'data'));
	},
	async 'document.download'(itemIndex) {
		const id = documentIdParameter.call(this, itemIndex);
		const type = this.getNodeParameter('downloadType', itemIndex) as LeegalityDownloadType;
		const withIndex = type === 'ATTACHMENT' || type === 'SUPPORTING_DOCUMENT';
		const file = await fetchDocumentFile.call(this, {
			documentId: id,
			type,
			supportDocumentUrl:
				type === 'SUPPORTING_DOCUMENT'
					? (this.getNodeParameter('supportDocumentUrl', itemIndex) as string)
					: undefined,
			index: withIndex ? (this.getNodeParameter('index', itemIndex, 0) as number) : undefined,
		});
		const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
		return await binaryItem.call(this, file, property, { documentId: id, downloadType: type });
	},
	'document.getAll': listDocuments,
	'document.getAllCompleted': listCompleted,
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
		const invitations = objectsAt(objectAt(body, 'data'), 'invitations');
		const failed = invitations.filter(
			(invitation) => invitation.status === 0 || invitation.status === '0',
		);
		if (invitations.length > 0 && failed.length === invitations.length) {
			throw providerApiError.call(this, leegalityApi, 200, {
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
		const id = documentIdParameter.call(this, itemIndex);
		const { body } = await apiRequest.call(this, leegalityApi, {
			method: 'DELETE',
			path: '/v3.0/sign/request',
			qs: { documentId: id },
			retryOnRateLimit: false,
		});
		return toItems({ deleted: true, documentId: id, ...firstMessage(body) });
	},
};
