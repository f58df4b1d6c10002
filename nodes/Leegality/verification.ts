import type { IDataObject } from 'n8n-workflow';

import { type Delivery, DeliveryRejection, jsonBody } from '../shared/delivery';
import type { EsignVerification } from '../shared/item';
import { objectAt, text } from '../shared/readers';
import { safeEqual, verifyHmac } from '../shared/verification';

/** What a Leegality delivery is verified with (the credential's fields). */
export interface LeegalitySecrets {
	/** Private Salt: `mac` = HMAC-SHA1(key = salt, message = documentId). */
	privateSalt: string;
	/** Optional static custom webhook header set up by Leegality support. */
	headerName: string;
	headerSecret: string;
}

/** A `mac` that could be HMAC-SHA1 output: 40 hex characters, or 28 base64 characters. */
const MAC_SHAPE = /^(?:[0-9a-fA-F]{40}|[A-Za-z0-9+/]{27}=)$/;

/** The id a v4 "packs" body nests in `document` (its mac is made over it with the same salt). */
function nestedDocumentId(body: IDataObject): string | null {
	return text(objectAt(body, 'document'), 'documentId');
}

const NOT_V2 =
	'Missing top-level documentId: not a Leegality v2.x webhook (set Webhook Version to v2.5)';

/** Refusal of an authentic v4 "packs" delivery: a different product's webhook, not a forgery. */
export const PACKS_NOT_SUPPORTED =
	'Leegality v4 "packs" webhooks are not supported: this trigger receives Document Execution webhooks v2.x (set Webhook Version to v2.5)';

/**
 * Checks that need no secret: a JSON object body with a documentId (top-level, or nested as in
 * v4 "packs" bodies, which `verify` then refuses with 422) and a plausibly shaped `mac`.
 */
export function screenLeegalityDelivery(delivery: Delivery): void {
	if (!MAC_SHAPE.test(signedParts(jsonBody(delivery)).mac)) {
		throw new DeliveryRejection(401, 'Invalid mac');
	}
}

/** The body's `mac` (trimmed) and its top-level documentId; refuses a body without either. */
function signedParts(body: IDataObject): { mac: string; documentId: string | null } {
	const documentId = text(body, 'documentId');
	if (documentId === null && nestedDocumentId(body) === null) {
		throw new DeliveryRejection(401, NOT_V2);
	}
	const mac = typeof body.mac === 'string' ? body.mac.trim() : '';
	if (!mac) throw new DeliveryRejection(401, 'Missing mac');
	return { mac, documentId };
}

/** A verified delivery that is not a v2.x webhook (only v4 "packs" bodies are recognised). */
export function refuseOtherProducts(body: IDataObject): void {
	if (text(body, 'documentId') === null && nestedDocumentId(body) !== null) {
		throw new DeliveryRejection(422, PACKS_NOT_SUPPORTED);
	}
}

/**
 * Fail-closed check of a delivery: `mac` must be HMAC-SHA1(documentId, Private Salt) in hex (any
 * case) or base64, and the custom header must match when the credential names one. An authentic
 * v4 "packs" body (mac over its nested `document.documentId`) is refused with 422, not 401.
 */
export function verifyLeegalityDelivery(
	delivery: Delivery,
	secrets: LeegalitySecrets,
): EsignVerification {
	const body = jsonBody(delivery);
	// The shape check of `screenLeegalityDelivery` is left to the MAC comparison itself.
	const { mac, documentId: topLevel } = signedParts(body);
	if (!secrets.privateSalt) {
		throw new DeliveryRejection(401, 'Webhook verification is not configured (no Private Salt)');
	}
	const encoding = verifyHmac({
		algorithm: 'sha1',
		key: secrets.privateSalt,
		message: topLevel ?? nestedDocumentId(body) ?? '',
		received: mac,
		encodings: ['hex', 'base64'],
	});
	if (!encoding) throw new DeliveryRejection(401, topLevel === null ? NOT_V2 : 'Invalid mac');
	if (secrets.headerName) {
		if (!safeEqual(delivery.header(secrets.headerName) ?? '', secrets.headerSecret)) {
			throw new DeliveryRejection(401, 'Missing or invalid custom webhook header');
		}
	}
	refuseOtherProducts(body);
	return {
		method: 'hmac-sha1-document-id',
		verified: true,
		detail: secrets.headerName ? `mac (${encoding}) + custom header` : `mac (${encoding})`,
	};
}
