import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../shared/item';
import { type ApiContext, apiRequest } from '../shared/transport';
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
	return isObject(body) && isObject(body.data) ? body.data : {};
}

export interface LeegalityFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
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
): Promise<LeegalityFile> {
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
	const data = Buffer.isBuffer(body) ? body : Buffer.from(String(body ?? ''), 'utf8');
	const contentType = typeof headers['content-type'] === 'string' ? headers['content-type'] : '';
	const mimeType = contentType.split(';')[0].trim() || 'application/pdf';
	const suffix =
		request.type === 'DOCUMENT' ? '' : `-${request.type.toLowerCase().replace(/_/g, '-')}`;
	const extension = mimeType === 'application/pdf' ? 'pdf' : mimeType.split('/')[1] || 'bin';
	return { data, mimeType, fileName: `${request.documentId}${suffix}.${extension}` };
}
