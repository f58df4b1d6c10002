import { type Delivery, DeliveryRejection } from '../shared/delivery';
import type { EsignVerification } from '../shared/item';
import { safeEqual } from '../shared/verification';

/** What a LexgoSign delivery is verified with. */
export interface LexgoSignSecrets {
	/** The exact `Authorization` value registered with the webhook ('' = none configured). */
	authorization: string;
	/** Where it came from, for the audit detail: 'registered webhook secret' or 'credential…'. */
	source: string;
}

/**
 * LexgoSign signs nothing: it sends the `auth` value the webhook was registered with as the
 * `Authorization` header. Fail closed: that header must equal the expected value exactly.
 */
export function verifyLexgoSignDelivery(
	delivery: Delivery,
	secrets: LexgoSignSecrets,
): EsignVerification {
	if (!secrets.authorization) {
		throw new DeliveryRejection(401, 'Webhook verification is not configured');
	}
	const received = delivery.header('authorization');
	if (!received) throw new DeliveryRejection(401, 'Missing Authorization header');
	if (!safeEqual(received, secrets.authorization)) {
		throw new DeliveryRejection(401, 'Invalid Authorization header');
	}
	return { method: 'authorization-header', verified: true, detail: secrets.source };
}
