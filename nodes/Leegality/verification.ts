import { type Delivery, DeliveryRejection, jsonBody } from '../shared/delivery';
import type { EsignVerification } from '../shared/item';
import { text } from '../shared/readers';
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

/**
 * Checks that need no secret: a JSON object body with a `documentId` and a plausibly shaped
 * `mac`. Refuses what cannot be a signed v2.x delivery (e.g. v4 "packs" bodies, whose id is nested).
 */
export function screenLeegalityDelivery(delivery: Delivery): void {
	const body = jsonBody(delivery);
	if (text(body, 'documentId') === null) {
		throw new DeliveryRejection(
			401,
			'Missing top-level documentId: not a Leegality v2.x webhook (set Webhook Version to v2.5)',
		);
	}
	const mac = typeof body.mac === 'string' ? body.mac.trim() : '';
	if (!mac) throw new DeliveryRejection(401, 'Missing mac');
	if (!MAC_SHAPE.test(mac)) throw new DeliveryRejection(401, 'Invalid mac');
}

/**
 * Fail-closed check of a delivery: `mac` must be HMAC-SHA1(documentId, Private Salt) in hex (any
 * case) or base64, and the custom header must match when the credential names one.
 */
export function verifyLeegalityDelivery(
	delivery: Delivery,
	secrets: LeegalitySecrets,
): EsignVerification {
	screenLeegalityDelivery(delivery);
	if (!secrets.privateSalt) {
		throw new DeliveryRejection(401, 'Webhook verification is not configured (no Private Salt)');
	}
	const body = jsonBody(delivery);
	const encoding = verifyHmac({
		algorithm: 'sha1',
		key: secrets.privateSalt,
		message: text(body, 'documentId') ?? '',
		received: String(body.mac),
		encodings: ['hex', 'base64'],
	});
	if (!encoding) throw new DeliveryRejection(401, 'Invalid mac');
	if (secrets.headerName) {
		if (!safeEqual(delivery.header(secrets.headerName) ?? '', secrets.headerSecret)) {
			throw new DeliveryRejection(401, 'Missing or invalid custom webhook header');
		}
	}
	return {
		method: 'hmac-sha1-document-id',
		verified: true,
		detail: secrets.headerName ? `mac (${encoding}) + custom header` : `mac (${encoding})`,
	};
}
