import type { IDataObject } from 'n8n-workflow';

import type { FileData } from '../shared/files';
import { isObject, objectAt, objectsAt, objectsOf, text } from '../shared/readers';
import {
	type ApiContext,
	apiRequest,
	downloadPresignedUrl,
	providerApiError,
} from '../shared/transport';
import { lexgoSignApi } from './api';

/** Calls shared by the trigger (registration lifecycle, enrichment) and the action node. */

const LIST_KEYS = ['webhooks', 'data', 'items', 'results', 'records'];

/**
 * Webhooks out of a `GET /webhooks` answer, whose shape is undocumented: a bare array,
 * `{webhooks: [...]}`, `{data: [...]}`, `{data: {webhooks: [...]}}`, or any single array of
 * objects. `recognized` is false when none of these matched (the list is then empty).
 */
export function parseWebhookList(body: unknown): { webhooks: IDataObject[]; recognized: boolean } {
	const direct = objectsOf(body);
	if (direct) return { webhooks: direct, recognized: true };
	if (!isObject(body)) return { webhooks: [], recognized: false };
	for (const key of LIST_KEYS) {
		const found = objectsOf(body[key]) ?? (isObject(body[key]) ? nestedList(body[key]) : undefined);
		if (found) return { webhooks: found, recognized: true };
	}
	const arrays = Object.values(body).filter(Array.isArray);
	if (arrays.length === 1) return { webhooks: arrays[0].filter(isObject), recognized: true };
	if (isObject(body.webhook)) return { webhooks: [body.webhook], recognized: true };
	return { webhooks: [], recognized: false };
}

function nestedList(value: IDataObject): IDataObject[] | undefined {
	for (const key of LIST_KEYS) {
		const found = objectsOf(value[key]);
		if (found) return found;
	}
	return undefined;
}

/** The webhook object of a create/get/update answer (`{webhook}`, `{data}` or the bare object). */
export function webhookOf(body: unknown): IDataObject {
	const wrapped = objectAt(body, 'webhook');
	if (Object.keys(wrapped).length > 0) return wrapped;
	const data = objectAt(body, 'data');
	if (Object.keys(data).length > 0) return isObject(data.webhook) ? data.webhook : data;
	return isObject(body) && text(body, 'id') ? body : {};
}

export async function listWebhooks(this: ApiContext) {
	const { body } = await apiRequest.call(this, lexgoSignApi, { method: 'GET', path: '/webhooks' });
	return parseWebhookList(body);
}

/** `PUT /webhooks/:id` with any subset of url, subscriptions, auth_type, auth. */
export async function updateWebhook(this: ApiContext, id: string, changes: IDataObject) {
	const { body } = await apiRequest.call(this, lexgoSignApi, {
		method: 'PUT',
		path: `/webhooks/${encodeURIComponent(id)}`,
		body: changes,
	});
	return body;
}

/** `DELETE /webhooks/:id`; false when LexgoSign no longer knows it (404). */
export async function deleteWebhook(this: ApiContext, id: string): Promise<boolean> {
	const { statusCode } = await apiRequest.call(this, lexgoSignApi, {
		method: 'DELETE',
		path: `/webhooks/${encodeURIComponent(id)}`,
		acceptStatuses: [404],
	});
	return statusCode !== 404;
}

/**
 * `GET /envelopes/:id` → the envelope. An envelope in status ERROR is a failure unless
 * `allowErrors` (HTTP 200 does not mean the envelope is valid).
 */
export async function getEnvelope(
	this: ApiContext,
	id: string,
	allowErrors = false,
): Promise<IDataObject> {
	const { body } = await apiRequest.call(this, lexgoSignApi, {
		method: 'GET',
		path: `/envelopes/${encodeURIComponent(id)}`,
		allowErrorInBody: allowErrors,
	});
	return objectAt(body, 'envelope');
}

/** `GET /envelopes/:id/evidence` → the (short-lived) evidence sheet URL. */
export async function getEvidenceUrl(this: ApiContext, id: string): Promise<string> {
	const { body } = await apiRequest.call(this, lexgoSignApi, {
		method: 'GET',
		path: `/envelopes/${encodeURIComponent(id)}/evidence`,
	});
	const url = text(body, 'evidence_document_url');
	if (!url) {
		throw providerApiError.call(this, lexgoSignApi, 200, {
			message: 'no evidence sheet URL was returned (it may still be generating; try again)',
			requestId: text(body, 'request_id'),
		});
	}
	return url;
}

/** Fetches a pre-signed S3 link (document or evidence sheet) without the API key. */
export async function downloadFile(
	this: ApiContext,
	url: string,
	fileName: string,
): Promise<FileData> {
	return await downloadPresignedUrl.call(this, lexgoSignApi, url, fileName);
}

/** `documents[]` of an envelope that have a download link. */
export function downloadableDocuments(envelope: unknown): IDataObject[] {
	return objectsAt(envelope, 'documents').filter((document) => text(document, 'url') !== null);
}

/** A file name for an envelope document: its own name, or `<envelope>-<order>.pdf`. */
export function documentFileName(envelopeId: string, document: IDataObject, index: number): string {
	const own = text(document, 'file_name');
	if (own) return own;
	const order = typeof document.order === 'number' ? document.order : index;
	return `${envelopeId}-${order}.pdf`;
}
