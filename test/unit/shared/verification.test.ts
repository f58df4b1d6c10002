import { createHmac, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

import {
	isValidCertificate,
	safeEqual,
	verifyHmac,
	verifyRsaSignature,
} from '../../../nodes/shared/verification';
import { selfSignedCertificate } from '../../support/certificates';

describe('safeEqual', () => {
	it('accepts identical values and rejects any difference, length mismatch or empty value', () => {
		expect(safeEqual('abc', 'abc')).toBe(true);
		expect(safeEqual(Buffer.from('abc'), 'abc')).toBe(true);
		expect(safeEqual('abc', 'abd')).toBe(false);
		expect(safeEqual('abc', 'abcd')).toBe(false);
		expect(safeEqual('', '')).toBe(false);
		expect(safeEqual('a', '')).toBe(false);
	});
});

describe('verifyHmac known-answer vectors', () => {
	// RFC 2202 (HMAC-SHA1) and RFC 4231 (HMAC-SHA256), test cases 1 and 2.
	const vectors = [
		{
			algorithm: 'sha1' as const,
			key: Buffer.alloc(20, 0x0b),
			data: 'Hi There',
			mac: 'b617318655057264e28bc0b6fb378c8ef146be00',
		},
		{
			algorithm: 'sha1' as const,
			key: Buffer.from('Jefe'),
			data: 'what do ya want for nothing?',
			mac: 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79',
		},
		{
			algorithm: 'sha256' as const,
			key: Buffer.alloc(20, 0x0b),
			data: 'Hi There',
			mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
		},
		{
			algorithm: 'sha256' as const,
			key: Buffer.from('Jefe'),
			data: 'what do ya want for nothing?',
			mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
		},
	];

	it.each(vectors)(
		'$algorithm of "$data" matches the RFC digest',
		({ algorithm, key, data, mac }) => {
			expect(verifyHmac({ algorithm, key, message: data, received: mac, encodings: ['hex'] })).toBe(
				'hex',
			);
			expect(
				verifyHmac({
					algorithm,
					key,
					message: data,
					received: mac.toUpperCase(),
					encodings: ['hex'],
				}),
			).toBe('hex');
			const base64 = Buffer.from(mac, 'hex').toString('base64');
			expect(
				verifyHmac({
					algorithm,
					key,
					message: data,
					received: base64,
					encodings: ['hex', 'base64'],
				}),
			).toBe('base64');
			expect(
				verifyHmac({ algorithm, key, message: data, received: base64, encodings: ['hex'] }),
			).toBeUndefined();
		},
	);
});

describe('verifyHmac', () => {
	const key = randomBytes(32).toString('hex');
	const body = '{"name":"Zoë Ñandú","city":"Mumbai – मुंबई","emoji":"✍️"}';
	const mac = createHmac('sha256', key).update(Buffer.from(body, 'utf8')).digest('hex');
	const check = (received: string | undefined, message: string | Buffer = body) =>
		verifyHmac({ algorithm: 'sha256', key, message, received, encodings: ['hex', 'base64'] });

	it('verifies non-ASCII bodies given as string or as the raw Buffer', () => {
		expect(check(mac)).toBe('hex');
		expect(check(mac, Buffer.from(body, 'utf8'))).toBe('hex');
	});

	it('rejects a tampered body, and one re-encoded differently (bytes matter, not meaning)', () => {
		expect(check(mac, body.replace('Mumbai', 'Mumbay'))).toBeUndefined();
		expect(check(mac, JSON.stringify(JSON.parse(body), null, 1))).toBeUndefined();
		expect(check(mac, Buffer.from(body, 'latin1'))).toBeUndefined();
	});

	it('rejects missing, empty, short, long and garbage MACs', () => {
		expect(check(undefined)).toBeUndefined();
		expect(check('')).toBeUndefined();
		expect(check(mac.slice(0, -2))).toBeUndefined();
		expect(check(`${mac}00`)).toBeUndefined();
		expect(check(`${mac}zz`)).toBeUndefined();
		expect(check('not a mac')).toBeUndefined();
	});

	it('compares hex in either case, and refuses a MAC of the right length with a non-hex character', () => {
		expect(check(mac.toUpperCase())).toBe('hex');
		expect(check(` ${mac}\n`)).toBe('hex');
		for (const position of [0, 31, mac.length - 1]) {
			const spoiled = `${mac.slice(0, position)}g${mac.slice(position + 1)}`;
			expect(spoiled).toHaveLength(mac.length);
			expect(check(spoiled)).toBeUndefined();
		}
		const base64 = createHmac('sha256', key).update(body).digest('base64');
		expect(check(base64)).toBe('base64');
		expect(check(base64.toLowerCase())).toBeUndefined();
	});

	it('rejects everything when the key is empty (fail closed)', () => {
		const emptyKeyMac = createHmac('sha256', '').update(body).digest('hex');
		expect(
			verifyHmac({
				algorithm: 'sha256',
				key: '',
				message: body,
				received: emptyKeyMac,
				encodings: ['hex'],
			}),
		).toBeUndefined();
	});

	it('tolerates surrounding whitespace in a header value', () => {
		expect(check(` ${mac}\n`)).toBe('hex');
	});
});

describe('verifyRsaSignature', () => {
	const { privateKey, certificatePem } = selfSignedCertificate();
	const data = '[{"value":"40","resource_uri":"/api/v1/signer/abc/"}]';
	const signature = sign('sha1', Buffer.from(data, 'utf8'), privateKey).toString('base64');

	it('accepts a signature made with the certificate key over the exact text', () => {
		expect(
			verifyRsaSignature({ algorithm: 'sha1', certificatePem, message: data, signature }),
		).toBe(true);
	});

	it('rejects other text, other keys, garbage and missing input without throwing', () => {
		const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
		const foreign = sign('sha1', Buffer.from(data), other).toString('base64');
		expect(
			verifyRsaSignature({ algorithm: 'sha1', certificatePem, message: `${data} `, signature }),
		).toBe(false);
		expect(
			verifyRsaSignature({ algorithm: 'sha1', certificatePem, message: data, signature: foreign }),
		).toBe(false);
		expect(
			verifyRsaSignature({ algorithm: 'sha1', certificatePem, message: data, signature: '!!!' }),
		).toBe(false);
		expect(
			verifyRsaSignature({
				algorithm: 'sha1',
				certificatePem,
				message: data,
				signature: undefined,
			}),
		).toBe(false);
		expect(
			verifyRsaSignature({
				algorithm: 'sha1',
				certificatePem: 'not a certificate',
				message: data,
				signature,
			}),
		).toBe(false);
		expect(
			verifyRsaSignature({ algorithm: 'sha1', certificatePem: '', message: data, signature }),
		).toBe(false);
	});

	it('tells valid certificates from invalid PEM', () => {
		expect(isValidCertificate(certificatePem)).toBe(true);
		expect(isValidCertificate('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toBe(
			false,
		);
	});
});
