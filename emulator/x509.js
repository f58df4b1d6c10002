'use strict';
// Minimal self-signed X.509 (v1) certificates, DER-encoded by hand with node:crypto only, so tests
// and the emulator can sign like Legalesign's legacy callbacks without committing a private key.
const { createSign, generateKeyPairSync } = require('node:crypto');

/** @param {number} length */
function encodeLength(length) {
	if (length < 0x80) return Buffer.from([length]);
	const bytes = [];
	for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
	return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** @type {(tag: number, content: Buffer) => Buffer} */
const tlv = (tag, content) =>
	Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
/** @type {(...parts: Buffer[]) => Buffer} */
const sequence = (...parts) => tlv(0x30, Buffer.concat(parts));
/** @type {(...parts: Buffer[]) => Buffer} */
const set = (...parts) => tlv(0x31, Buffer.concat(parts));
const nullValue = () => Buffer.from([0x05, 0x00]);

/** @param {bigint} value */
function integer(value) {
	let bytes = Buffer.from(
		value
			.toString(16)
			.padStart(2, '0')
			.replace(/^(.(..)*)$/, '0$1'),
		'hex',
	);
	if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
	return tlv(0x02, bytes);
}

/** @param {string} dotted */
function oid(dotted) {
	const [first, second, ...rest] = dotted.split('.').map(Number);
	const bytes = [first * 40 + second];
	for (const part of rest) {
		const chunk = [part & 0x7f];
		for (let n = part >> 7; n > 0; n >>= 7) chunk.unshift((n & 0x7f) | 0x80);
		bytes.push(...chunk);
	}
	return tlv(0x06, Buffer.from(bytes));
}

/** @param {Date} date */
function utcTime(date) {
	const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
	const text = `${pad(date.getUTCFullYear() % 100)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
	return tlv(0x17, Buffer.from(text, 'ascii'));
}

const ALGORITHMS = {
	sha1: { oid: '1.2.840.113549.1.1.5', hash: 'RSA-SHA1' },
	sha256: { oid: '1.2.840.113549.1.1.11', hash: 'RSA-SHA256' },
};

/**
 * @typedef {object} SelfSignedCertificate
 * @property {string} certificatePem
 * @property {string} privateKeyPem
 * @property {import('node:crypto').KeyObject} privateKey
 */

/**
 * @param {{ commonName?: string, organization?: string, days?: number, algorithm?: 'sha1'|'sha256', modulusLength?: number }} [options]
 * @returns {SelfSignedCertificate}
 */
function createSelfSignedCertificate(options = {}) {
	const {
		commonName = 'emulator.legalesign.test',
		organization = 'Emulator',
		days = 3650,
		algorithm = 'sha1',
		modulusLength = 2048,
	} = options;
	const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength });
	const name = sequence(
		set(sequence(oid('2.5.4.10'), tlv(0x0c, Buffer.from(organization, 'utf8')))),
		set(sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))),
	);
	const signatureAlgorithm = sequence(oid(ALGORITHMS[algorithm].oid), nullValue());
	const notBefore = new Date(Date.now() - 60_000);
	const notAfter = new Date(notBefore.getTime() + days * 86_400_000);
	const tbs = sequence(
		integer(BigInt(Date.now())),
		signatureAlgorithm,
		name,
		sequence(utcTime(notBefore), utcTime(notAfter)),
		name,
		publicKey.export({ type: 'spki', format: 'der' }),
	);
	const signature = createSign(ALGORITHMS[algorithm].hash).update(tbs).sign(privateKey);
	const der = sequence(
		tbs,
		signatureAlgorithm,
		tlv(0x03, Buffer.concat([Buffer.from([0]), signature])),
	);
	const base64 = der
		.toString('base64')
		.replace(/(.{64})/g, '$1\n')
		.trim();
	return {
		certificatePem: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`,
		privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
		privateKey,
	};
}

module.exports = { createSelfSignedCertificate };
