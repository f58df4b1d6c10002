import {
	type LeegalitySecrets,
	PACKS_NOT_SUPPORTED,
	screenLeegalityDelivery,
	verifyLeegalityDelivery,
} from '../../../nodes/Leegality/verification';
import {
	leegalityMac,
	leegalityPayloads,
	newSalt,
	packsBody,
	signedBody,
} from '../../fixtures/leegality';
import { rejectionOf, testDelivery } from '../../support/delivery';

const salt = newSalt();
const secrets = (extra: Partial<LeegalitySecrets> = {}): LeegalitySecrets => ({
	privateSalt: salt,
	headerName: '',
	headerSecret: '',
	...extra,
});
const payload = leegalityPayloads.signerSigned();
const documentId = String(payload.documentId);
const json = (body: object) => testDelivery({ body: JSON.stringify(body) });

describe('verifyLeegalityDelivery (pure: delivery + secrets → verification or rejection)', () => {
	it('accepts the mac as HMAC-SHA1(key = salt, message = documentId), hex in any case or base64', () => {
		const hex = leegalityMac(documentId, salt);
		const base64 = Buffer.from(hex, 'hex').toString('base64');
		for (const [mac, detail] of [
			[hex, 'mac (hex)'],
			[hex.toUpperCase(), 'mac (hex)'],
			[base64, 'mac (base64)'],
		]) {
			expect(verifyLeegalityDelivery(json({ ...payload, mac }), secrets())).toEqual({
				method: 'hmac-sha1-document-id',
				verified: true,
				detail,
			});
		}
	});

	it.each([
		['another salt', () => json({ ...payload, mac: leegalityMac(documentId, newSalt()) })],
		['key and message swapped', () => json({ ...payload, mac: leegalityMac(salt, documentId) })],
		[
			'another document',
			() => json({ ...payload, documentId: '01OTHER', mac: leegalityMac(documentId, salt) }),
		],
		[
			'a truncated mac',
			() => json({ ...payload, mac: leegalityMac(documentId, salt).slice(0, 39) }),
		],
		['a mac of the wrong shape', () => json({ ...payload, mac: 'not-a-mac' })],
		['no mac', () => json({ ...payload, mac: undefined })],
		['a numeric mac', () => json({ ...payload, mac: 12 })],
	])('refuses %s with 401', (_label, delivery) => {
		expect(rejectionOf(() => verifyLeegalityDelivery(delivery(), secrets()))?.status).toBe(401);
	});

	it('fails closed without a salt, and requires the custom header when one is configured', () => {
		const signed = testDelivery({ body: signedBody(payload, salt) });
		expect(
			rejectionOf(() => verifyLeegalityDelivery(signed, secrets({ privateSalt: '' }))),
		).toEqual({
			status: 401,
			reason: 'Webhook verification is not configured (no Private Salt)',
		});
		const header = { headerName: 'X-Hook-Key', headerSecret: 'k'.repeat(20) };
		expect(rejectionOf(() => verifyLeegalityDelivery(signed, secrets(header)))?.reason).toBe(
			'Missing or invalid custom webhook header',
		);
		const withHeader = testDelivery({
			body: signedBody(payload, salt),
			headers: { 'x-hook-key': header.headerSecret },
		});
		expect(verifyLeegalityDelivery(withHeader, secrets(header)).detail).toBe(
			'mac (hex) + custom header',
		);
	});

	it('screens without any secret: no documentId at all or no mac is refused', () => {
		const none = json({ eventType: 'SIGNED', document: {}, mac: leegalityMac(documentId, salt) });
		expect(rejectionOf(() => screenLeegalityDelivery(none))?.reason).toMatch(
			/^Missing top-level documentId: not a Leegality v2\.x webhook/,
		);
		expect(rejectionOf(() => screenLeegalityDelivery(json({ documentId })))?.reason).toBe(
			'Missing mac',
		);
		expect(
			rejectionOf(() => screenLeegalityDelivery(testDelivery({ body: signedBody(payload, salt) }))),
		).toBeUndefined();
	});

	it('tells an authentic v4 "packs" body (422) from a forged one (401)', () => {
		const authentic = testDelivery({ body: packsBody(salt) });
		expect(rejectionOf(() => screenLeegalityDelivery(authentic))).toBeUndefined();
		expect(rejectionOf(() => verifyLeegalityDelivery(authentic, secrets()))).toEqual({
			status: 422,
			reason: PACKS_NOT_SUPPORTED,
		});
		const forged = testDelivery({ body: packsBody(newSalt()) });
		expect(rejectionOf(() => verifyLeegalityDelivery(forged, secrets()))?.status).toBe(401);
		// Authenticity first: a packs body without the required custom header is a 401.
		const header = { headerName: 'X-Hook-Key', headerSecret: 'k'.repeat(20) };
		expect(rejectionOf(() => verifyLeegalityDelivery(authentic, secrets(header)))?.status).toBe(
			401,
		);
	});
});
