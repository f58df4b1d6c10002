import { type Delivery, DeliveryRejection, formBody } from '../shared/delivery';
import type { EsignVerification } from '../shared/item';
import {
	isValidCertificate,
	safeEqual,
	verifyHmac,
	verifyRsaSignature,
} from '../shared/verification';

/** Query parameter of the registered URL that carries the trigger's secret token. */
export const URL_TOKEN_PARAMETER = 'token';

/** What a Legalesign delivery is verified with. */
export interface LegalesignSecrets {
	/** The token this trigger registered in its URL ('' when it registers nothing). */
	urlToken: string;
	/** Optional `webhookHmacSecret` of the credential (realtime `X-Hmac-Sha256`). */
	hmacSecret: string;
	/** Legalesign's X.509 certificate (legacy RSA-SHA1 signatures), normalized PEM or ''. */
	certificate: string;
}

/**
 * The credential's certificate as a well-formed PEM, or '' when it is missing or not a
 * certificate. Pastes that lost their line breaks (single-line inputs do that) are re-wrapped.
 */
export function normalizeCertificate(value: string): string {
	const match = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(value);
	const body = (match ? match[1] : value).replace(/\s+/g, '');
	if (!body || !/^[A-Za-z0-9+/=]+$/.test(body)) return '';
	const lines = body.match(/.{1,64}/g) ?? [];
	const pem = `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
	return isValidCertificate(pem) ? pem : '';
}

/** The URL token the trigger registered must come back in the query (timing-safe compare). */
export function checkUrlToken(delivery: Delivery, expected: string): void {
	if (!expected) {
		throw new DeliveryRejection(401, 'No registration is stored for this trigger (publish it again)');
	}
	const received = delivery.query[URL_TOKEN_PARAMETER];
	if (typeof received !== 'string' || !received) {
		throw new DeliveryRejection(401, 'Missing URL token');
	}
	if (!safeEqual(received, expected)) throw new DeliveryRejection(401, 'Invalid URL token');
}

/**
 * Realtime delivery: the URL token, then — when the credential has an HMAC secret —
 * `X-Hmac-Sha256` as HMAC-SHA256 of the raw body (hex or base64; Legalesign does not document the
 * recipe). Both checks run before the body is parsed.
 */
export function verifyRealtimeDelivery(
	delivery: Delivery,
	secrets: LegalesignSecrets,
): EsignVerification {
	checkUrlToken(delivery, secrets.urlToken);
	if (!secrets.hmacSecret) return { method: 'url-token', verified: true, detail: 'url token' };
	const signature = delivery.header('x-hmac-sha256');
	if (!signature) throw new DeliveryRejection(401, 'Missing X-Hmac-Sha256 header');
	const encoding = verifyHmac({
		algorithm: 'sha256',
		key: secrets.hmacSecret,
		message: delivery.rawBody,
		received: signature,
		encodings: ['hex', 'base64'],
	});
	if (!encoding) throw new DeliveryRejection(401, 'Invalid X-Hmac-Sha256 signature');
	return {
		method: 'url-token+hmac-sha256',
		verified: true,
		detail: `url token + X-Hmac-Sha256 (${encoding})`,
	};
}

function checkRsa(
	certificate: string,
	message: string | undefined,
	signature: string | undefined,
	what: string,
): void {
	if (message === undefined) throw new DeliveryRejection(400, `Missing ${what}`);
	if (!signature) throw new DeliveryRejection(401, `Missing signature of ${what}`);
	if (!verifyRsaSignature({ algorithm: 'sha1', certificatePem: certificate, message, signature })) {
		throw new DeliveryRejection(401, `Invalid signature of ${what}`);
	}
}

/**
 * Legacy callback, form-encoded and signed by Legalesign with RSA-SHA1: a 6-minute batch signs
 * its `data` field (signature in `signed`), a per-event callback its `json_signed` field
 * (signature in the `X-Signed` header). With automatic registration the URL token is checked too.
 */
export function verifyLegacyDelivery(
	delivery: Delivery,
	secrets: LegalesignSecrets,
	withUrlToken: boolean,
): EsignVerification {
	if (withUrlToken) checkUrlToken(delivery, secrets.urlToken);
	const form = formBody(delivery);
	if (!secrets.certificate) {
		throw new DeliveryRejection(
			401,
			'Legacy callbacks cannot be verified: the credential has no valid Legalesign certificate',
		);
	}
	const method = withUrlToken ? 'url-token+rsa-sha1' : 'rsa-sha1';
	const prefix = withUrlToken ? 'url token + ' : '';
	if (form.data !== undefined) {
		checkRsa(secrets.certificate, form.data, form.signed, 'data');
		return { method, verified: true, detail: `${prefix}signed (batch)` };
	}
	if (form.json_signed !== undefined) {
		checkRsa(secrets.certificate, form.json_signed, delivery.header('x-signed'), 'json_signed');
		return { method, verified: true, detail: `${prefix}X-Signed` };
	}
	throw new DeliveryRejection(400, 'Neither a data (batch) nor a json_signed (event) field');
}
