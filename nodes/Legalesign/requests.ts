import type { IDataObject } from 'n8n-workflow';

import type { Page } from '../shared/actions';
import { isObject } from '../shared/item';
import {
	type ApiContext,
	apiRequest,
	downloadPresignedUrl,
	providerApiError,
} from '../shared/transport';
import { LEGALESIGN_CREDENTIAL, legalesignApi, legalesignBaseUrl, pathId } from './api';

export interface LegalesignFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/** One Tastypie page: `{meta: {total_count, …}, objects: […]}`. */
export async function listPage(
	this: ApiContext,
	path: string,
	qs: IDataObject,
	offset: number,
	limit: number,
): Promise<Page<IDataObject>> {
	const { body } = await apiRequest.call(this, legalesignApi, {
		method: 'GET',
		path,
		qs: { ...qs, limit, offset },
	});
	const objects =
		isObject(body) && Array.isArray(body.objects) ? body.objects.filter(isObject) : [];
	const meta = isObject(body) && isObject(body.meta) ? body.meta : {};
	const total = typeof meta.total_count === 'number' ? meta.total_count : undefined;
	return { items: objects, total };
}

export async function getResource(
	this: ApiContext,
	resource: string,
	id: string,
): Promise<IDataObject> {
	const { body } = await apiRequest.call(this, legalesignApi, {
		method: 'GET',
		path: `/${resource}/${pathId(id)}/`,
	});
	return isObject(body) ? body : {};
}

/** Every object of a list endpoint, up to `cap` (for dropdowns). */
export async function listAllObjects(
	this: ApiContext,
	path: string,
	qs: IDataObject = {},
	cap = 1000,
): Promise<IDataObject[]> {
	const objects: IDataObject[] = [];
	while (objects.length < cap) {
		const page = await listPage.call(this, path, qs, objects.length, 100);
		objects.push(...page.items);
		const done =
			page.items.length < 100 || (page.total !== undefined && objects.length >= page.total);
		if (done) break;
	}
	return objects.slice(0, cap);
}

/** `GET /notifications/`: a bare array (no meta/objects, no webhook id). */
export async function listNotifications(this: ApiContext): Promise<IDataObject[]> {
	const { body } = await apiRequest.call(this, legalesignApi, {
		method: 'GET',
		path: '/notifications/',
	});
	return Array.isArray(body) ? body.filter(isObject) : [];
}

function headerValue(headers: IDataObject, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** The `Location` header of a response, if any. */
export function locationOf(headers: IDataObject): string | undefined {
	return headerValue(headers, 'location');
}

/**
 * `GET /pdf/{id}/`: 200 is the PDF itself; a 3xx points to a short-lived link that must be
 * fetched WITHOUT Legalesign's Authorization header; 201 means the file is being restored from
 * the archive.
 */
export async function downloadSignedPdf(
	this: ApiContext,
	documentId: string,
): Promise<LegalesignFile> {
	const response = await apiRequest.call(this, legalesignApi, {
		method: 'GET',
		path: `/pdf/${pathId(documentId)}/`,
		binary: true,
		noRedirects: true,
	});
	const fileName = `${pathId(documentId)}.pdf`;
	if (response.statusCode === 201) {
		throw providerApiError(this, legalesignApi, 201, {
			message:
				'the signed PDF is being restored from the archive and is not available yet; try again in about 4 hours',
		});
	}
	if (response.statusCode >= 300 && response.statusCode < 400) {
		const location = locationOf(response.headers);
		if (!location) {
			throw providerApiError(this, legalesignApi, response.statusCode, {
				message: 'the PDF redirect had no Location',
			});
		}
		const credentials = await this.getCredentials(LEGALESIGN_CREDENTIAL);
		const url = new URL(location, `${legalesignBaseUrl(credentials)}/`).toString();
		const file = await downloadPresignedUrl.call(this, legalesignApi, url);
		return { data: file.data, fileName, mimeType: pdfMimeType(file.contentType) };
	}
	return {
		data: asBuffer(response.body),
		fileName,
		mimeType: pdfMimeType(headerValue(response.headers, 'content-type')),
	};
}

/** `GET /document/{id}/auditlog/`: the audit trail as a PDF. */
export async function downloadAuditLog(
	this: ApiContext,
	documentId: string,
): Promise<LegalesignFile> {
	const response = await apiRequest.call(this, legalesignApi, {
		method: 'GET',
		path: `/document/${pathId(documentId)}/auditlog/`,
		binary: true,
	});
	return {
		data: asBuffer(response.body),
		fileName: `${pathId(documentId)}-audit-log.pdf`,
		mimeType: pdfMimeType(headerValue(response.headers, 'content-type')),
	};
}

function asBuffer(body: unknown): Buffer {
	return Buffer.isBuffer(body) ? body : Buffer.from(String(body ?? ''), 'utf8');
}

function pdfMimeType(contentType: string | undefined): string {
	const type = (contentType ?? '').split(';')[0].trim();
	return type && type !== 'application/octet-stream' ? type : 'application/pdf';
}
