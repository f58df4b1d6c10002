import type { IDataObject } from 'n8n-workflow';

import { asBuffer, extensionOf, type FileData, mimeTypeOf } from '../shared/files';
import { objectAt } from '../shared/readers';
import { type ApiContext, apiRequest, responseHeader } from '../shared/transport';
import { leegalityApi } from './api';

export type LeegalityDownloadType =
	| 'DOCUMENT'
	| 'AUDIT_TRAIL'
	| 'ATTACHMENT'
	| 'SUPPORTING_DOCUMENT';

/** `GET /v3.3/document/details`: `flags` are Leegality's opt-in field groups (sent as `true`). */
export async function getDocumentDetails(
	this: ApiContext,
	documentId: string,
	flags: string[] = [],
): Promise<IDataObject> {
	const qs: IDataObject = { documentId };
	for (const flag of flags) qs[flag] = true;
	const { body } = await apiRequest.call(this, leegalityApi, {
		method: 'GET',
		path: '/v3.3/document/details',
		qs,
	});
	return objectAt(body, 'data');
}

/**
 * `GET /v3.1/document/fetchDocument`: the file itself (v3.3 only hands out a URL that expires in
 * seconds). Errors come back as JSON and become `NodeApiError`s in the transport.
 */
export async function fetchDocumentFile(
	this: ApiContext,
	request: {
		documentId: string;
		type: LeegalityDownloadType;
		supportDocumentUrl?: string;
		index?: number;
	},
): Promise<FileData> {
	const qs: IDataObject = {
		documentId: request.documentId,
		documentDownloadType: request.type,
	};
	if (request.supportDocumentUrl) qs.supportDocumentUrl = request.supportDocumentUrl;
	if (request.index !== undefined) qs.index = request.index;
	const { body, headers } = await apiRequest.call(this, leegalityApi, {
		method: 'GET',
		path: '/v3.1/document/fetchDocument',
		qs,
		binary: true,
	});
	const mimeType = mimeTypeOf(responseHeader(headers, 'content-type'));
	const suffix =
		request.type === 'DOCUMENT' ? '' : `-${request.type.toLowerCase().replace(/_/g, '-')}`;
	return {
		data: asBuffer(body),
		mimeType,
		fileName: `${request.documentId}${suffix}.${extensionOf(mimeType)}`,
	};
}
