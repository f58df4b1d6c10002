import type { IDataObject } from 'n8n-workflow';

import type { Page } from '../shared/actions';
import { asBuffer, type FileData, mimeTypeOf } from '../shared/files';
import { isObject, numberAt, objectAt, objectsAt, objectsOf } from '../shared/readers';
import {
	type ApiContext,
	apiRequest,
	downloadPresignedUrl,
	providerApiError,
	responseHeader,
} from '../shared/transport';
import { LEGALESIGN_CREDENTIAL, legalesignApi, legalesignBaseUrl, pathId } from './api';

/**
 * Fields of Legalesign objects that hold a secret (the password a certified PDF is locked with).
 * They are replaced before an object becomes an item: n8n stores items in execution records.
 */
const SECRET_FIELDS = ['pdf_password'];

/** `object` with every secret field that has a value replaced by "[redacted]". */
export function withoutSecrets(object: IDataObject): IDataObject {
	if (!SECRET_FIELDS.some((field) => object[field])) return object;
	const visible = { ...object };
	for (const field of SECRET_FIELDS) if (visible[field]) visible[field] = '[redacted]';
	return visible;
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
	const total = numberAt(objectAt(body, 'meta'), 'total_count');
	return { items: objectsAt(body, 'objects').map(withoutSecrets), total: total ?? undefined };
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
	return isObject(body) ? withoutSecrets(body) : {};
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

/**
 * The webhooks of `GET /notifications/`: documented as a bare array, but every other list of the
 * API is wrapped as `{meta, objects}`, so both are read (missing one would register a second
 * webhook on every publish).
 */
export function notificationsOf(body: unknown): IDataObject[] {
	return objectsOf(body) ?? (isObject(body) ? objectsAt(body, 'objects') : []);
}

/** `GET /notifications/`: the API user's webhooks (no webhook id in the documented shape). */
export async function listNotifications(this: ApiContext): Promise<IDataObject[]> {
	const { body } = await apiRequest.call(this, legalesignApi, {
		method: 'GET',
		path: '/notifications/',
	});
	return notificationsOf(body);
}

/**
 * `GET /pdf/{id}/`: 200 is the PDF itself; a 3xx points to a short-lived link that must be
 * fetched WITHOUT Legalesign's Authorization header; 201 means the file is being restored from
 * the archive.
 */
export async function downloadSignedPdf(
	this: ApiContext,
	documentId: string,
): Promise<FileData> {
	const response = await apiRequest.call(this, legalesignApi, {
		method: 'GET',
		path: `/pdf/${pathId(documentId)}/`,
		binary: true,
		noRedirects: true,
	});
	const fileName = `${pathId(documentId)}.pdf`;
	if (response.statusCode === 201) {
		throw providerApiError.call(this, legalesignApi, 201, {
			message:
				'the signed PDF is being restored from the archive and is not available yet; try again in about 4 hours',
		});
	}
	if (response.statusCode >= 300 && response.statusCode < 400) {
		const location = responseHeader(response.headers, 'location');
		if (!location) {
			throw providerApiError.call(this, legalesignApi, response.statusCode, {
				message: 'the PDF redirect had no Location',
			});
		}
		const credentials = await this.getCredentials(LEGALESIGN_CREDENTIAL);
		const url = new URL(location, `${legalesignBaseUrl(credentials)}/`).toString();
		return await downloadPresignedUrl.call(this, legalesignApi, url, fileName);
	}
	return {
		data: asBuffer(response.body),
		fileName,
		mimeType: mimeTypeOf(responseHeader(response.headers, 'content-type')),
	};
}

/** `GET /document/{id}/auditlog/`: the audit trail as a PDF. */
export async function downloadAuditLog(
	this: ApiContext,
	documentId: string,
): Promise<FileData> {
	const response = await apiRequest.call(this, legalesignApi, {
		method: 'GET',
		path: `/document/${pathId(documentId)}/auditlog/`,
		binary: true,
	});
	return {
		data: asBuffer(response.body),
		fileName: `${pathId(documentId)}-audit-log.pdf`,
		mimeType: mimeTypeOf(responseHeader(response.headers, 'content-type')),
	};
}
