import {
	checkUrlToken,
	type LegalesignSecrets,
	verifyLegacyDelivery,
	verifyRealtimeDelivery,
} from '../../../nodes/Legalesign/verification';
import {
	batchBody,
	hmacOf,
	newSecret,
	perEventCallback,
	realtimePayload,
	rsaSha1,
	seedPageBatch,
} from '../../fixtures/legalesign';
import { selfSignedCertificate } from '../../support/certificates';
import { createSelfSignedCertificate } from '../../../emulator/x509';
import { rejectionOf, testDelivery } from '../../support/delivery';

const token = newSecret();
const hmacSecret = newSecret();
const certificate = selfSignedCertificate().certificatePem;
const secrets = (extra: Partial<LegalesignSecrets> = {}): LegalesignSecrets => ({
	urlToken: token,
	hmacSecret,
	certificate,
	...extra,
});
const FORM = 'application/x-www-form-urlencoded';

describe('Legalesign realtime verification (pure)', () => {
	const body = JSON.stringify(realtimePayload('document.created'));
	const delivery = (headers: Record<string, string>, query: Record<string, string> = { token }) =>
		testDelivery({ body, headers, query });

	it('checks the URL token, then X-Hmac-Sha256 over the exact bytes (hex or base64)', () => {
		expect(
			verifyRealtimeDelivery(delivery({ 'x-hmac-sha256': hmacOf(body, hmacSecret) }), secrets()),
		).toEqual({
			method: 'url-token+hmac-sha256',
			verified: true,
			detail: 'url token + X-Hmac-Sha256 (hex)',
		});
		expect(
			verifyRealtimeDelivery(
				delivery({ 'x-hmac-sha256': hmacOf(body, hmacSecret, 'base64') }),
				secrets(),
			).detail,
		).toBe('url token + X-Hmac-Sha256 (base64)');
		expect(verifyRealtimeDelivery(delivery({}), secrets({ hmacSecret: '' }))).toEqual({
			method: 'url-token',
			verified: true,
			detail: 'url token',
		});
	});

	it.each([
		['no token', {}, { 'x-hmac-sha256': 'x' }, 'Missing URL token'],
		['a wrong token', { token: newSecret() }, {}, 'Invalid URL token'],
		['no HMAC header', { token }, {}, 'Missing X-Hmac-Sha256 header'],
		[
			'an HMAC of other bytes',
			{ token },
			{ 'x-hmac-sha256': hmacOf(`${body} `, 'k') },
			'Invalid X-Hmac-Sha256 signature',
		],
	])('refuses %s with 401', (_label, query, headers, reason) => {
		expect(rejectionOf(() => verifyRealtimeDelivery(delivery(headers, query), secrets()))).toEqual({
			status: 401,
			reason,
		});
	});

	it('refuses everything while no registration (token) is stored', () => {
		expect(rejectionOf(() => checkUrlToken(delivery({}), ''))?.reason).toMatch(/No registration/);
	});
});

describe('Legalesign legacy verification (pure)', () => {
	it('verifies a 6-minute batch: RSA-SHA1 of the data field against the certificate', () => {
		const batch = testDelivery({
			body: batchBody(seedPageBatch()),
			contentType: FORM,
			query: { token },
		});
		expect(verifyLegacyDelivery(batch, secrets(), true)).toEqual({
			method: 'url-token+rsa-sha1',
			verified: true,
			detail: 'url token + signed (batch)',
		});
		const manual = testDelivery({ body: batchBody(seedPageBatch()), contentType: FORM });
		expect(verifyLegacyDelivery(manual, secrets(), false).method).toBe('rsa-sha1');
	});

	it('verifies a per-event callback: RSA-SHA1 of json_signed, signature in X-Signed', () => {
		const callback = perEventCallback('signed');
		const delivery = testDelivery({
			body: callback.body,
			contentType: FORM,
			headers: { 'x-signed': callback.signature },
		});
		expect(verifyLegacyDelivery(delivery, secrets(), false).detail).toBe('X-Signed');
	});

	it('refuses other keys, tampering, missing signatures and a missing certificate', () => {
		const other = createSelfSignedCertificate({ commonName: 'attacker.test' });
		const records = seedPageBatch();
		const forged = batchBody(records, rsaSha1(JSON.stringify(records), other.privateKey));
		const cases: Array<[string, Partial<LegalesignSecrets>, number, string]> = [
			[forged, {}, 401, 'Invalid signature of data'],
			[batchBody(records).replace('status', 'statuX'), {}, 401, 'Invalid signature of data'],
			[
				new URLSearchParams({ data: JSON.stringify(records) }).toString(),
				{},
				401,
				'Missing signature of data',
			],
			[
				batchBody(records),
				{ certificate: '' },
				401,
				'Legacy callbacks cannot be verified: the credential has no valid Legalesign certificate',
			],
			['name=x', {}, 400, 'Neither a data (batch) nor a json_signed (event) field'],
		];
		for (const [body, extra, status, reason] of cases) {
			const delivery = testDelivery({ body, contentType: FORM });
			expect(rejectionOf(() => verifyLegacyDelivery(delivery, secrets(extra), false))).toEqual({
				status,
				reason,
			});
		}
	});
});
