import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	binaryItem,
	collectPages,
	forOperation,
	pagingParameters,
	returnAllOrLimit,
	toItems,
	type OperationHandlers,
} from '../../shared/actions';
import { isObject } from '../../shared/item';
import { apiRequest } from '../../shared/transport';
import { leegalityApi } from '../api';
import { fetchDocumentFile, getDocumentDetails, type LeegalityDownloadType } from '../requests';
import { DETAIL_FLAGS, flagLabel, withParentFlags } from './detailFlags';

/** Leegality caps `max` at 40 (larger values silently become 20). */
const PAGE_SIZE = 40;

const documentId = (operation: string[]): INodeProperties => ({
	displayName: 'Document ID',
	name: 'documentId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 01KMFEE9T8WPY0WPWXQHQ7DTJ2',
	displayOptions: forOperation('document', operation),
});

export const documentReadProperties: INodeProperties[] = [
	documentId(['getDetails', 'getStatus', 'download']),
	{
		displayName: 'Field Groups',
		name: 'fieldGroups',
		type: 'multiOptions',
		default: [],
		options: DETAIL_FLAGS.map((flag) => ({ name: flagLabel(flag), value: flag })),
		description:
			'Optional parts of the details to return; parents of a chosen group are added automatically. File and Audit Trail are links that expire within seconds — use Download for the files.',
		displayOptions: forOperation('document', 'getDetails'),
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
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Name of the binary property to write the file to',
		displayOptions: forOperation('document', 'download'),
	},
	{
		displayName: 'Search',
		name: 'query',
		type: 'string',
		default: '',
		description: 'Exact document name, document ID or IRN (case-insensitive, whole value only)',
		displayOptions: forOperation('document', 'getMany'),
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
		displayOptions: forOperation('document', 'getMany'),
	},
	...returnAllOrLimit(forOperation('document', ['getMany', 'getManyCompleted'])),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: forOperation('document', 'getManyCompleted'),
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
];

/** Leegality dates are `dd-MM-yyyy`. */
export function toLeegalityDate(value: string): string {
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) return value;
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${pad(date.getUTCDate())}-${pad(date.getUTCMonth() + 1)}-${date.getUTCFullYear()}`;
}

function dataOf(body: unknown): IDataObject {
	return isObject(body) && isObject(body.data) ? body.data : {};
}

function objects(value: unknown): IDataObject[] {
	return Array.isArray(value) ? value.filter(isObject) : [];
}

function total(value: unknown): number | undefined {
	return typeof value === 'number' ? value : undefined;
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
			const data = dataOf(body);
			return { items: objects(data.documents), total: total(data.total) };
		},
		{ ...pagingParameters(this, itemIndex), pageSize: PAGE_SIZE },
	);
	return toItemsOrNone(documents);
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
			const data = dataOf(body);
			return { items: objects(data.documents), total: total(data.totalCount ?? data.total) };
		},
		{ ...pagingParameters(this, itemIndex), pageSize: PAGE_SIZE },
	);
	return toItemsOrNone(documents);
}

/** A list operation with no results outputs nothing rather than an empty placeholder item. */
function toItemsOrNone(records: IDataObject[]) {
	return records.length === 0 ? [] : toItems(records);
}

export const documentReadHandlers: OperationHandlers = {
	async 'document.getDetails'(itemIndex) {
		const id = this.getNodeParameter('documentId', itemIndex) as string;
		const groups = this.getNodeParameter('fieldGroups', itemIndex, []) as string[];
		return toItems(await getDocumentDetails.call(this, id.trim(), withParentFlags(groups)));
	},
	async 'document.getStatus'(itemIndex) {
		const id = (this.getNodeParameter('documentId', itemIndex) as string).trim();
		const { body } = await apiRequest.call(this, leegalityApi, {
			method: 'GET',
			path: '/v3.2/sign/request',
			qs: { documentId: id },
		});
		return toItems(dataOf(body));
	},
	async 'document.download'(itemIndex) {
		const id = (this.getNodeParameter('documentId', itemIndex) as string).trim();
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
	'document.getMany': listDocuments,
	'document.getManyCompleted': listCompleted,
};
