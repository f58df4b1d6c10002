import {
	createHmac,
	timingSafeEqual,
	verify as verifySignature,
	X509Certificate,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/**
 * Constant-time comparison of two secrets. Unequal lengths and empty values are rejected before
 * `timingSafeEqual`, which throws on a length mismatch and would accept two empty buffers.
 */
export function safeEqual(received: string | Buffer, expected: string | Buffer): boolean {
	const left = typeof received === 'string' ? Buffer.from(received, 'utf8') : received;
	const right = typeof expected === 'string' ? Buffer.from(expected, 'utf8') : expected;
	if (left.length === 0 || right.length === 0 || left.length !== right.length) return false;
	return timingSafeEqual(left, right);
}

export type HmacAlgorithm = 'sha1' | 'sha256';
export type DigestEncoding = 'hex' | 'base64';

export interface HmacCheck {
	algorithm: HmacAlgorithm;
	key: string | Buffer;
	/** The exact signed bytes (the raw request body, or the field a provider signs). */
	message: string | Buffer;
	/** The MAC as received; hex is compared case-insensitively, base64 exactly. */
	received: string | undefined;
	encodings: readonly DigestEncoding[];
}

/**
 * Whether `received` is `digest` in hex, either case. Decoding stops at the first character that
 * is not hex, so anything but exactly 2 hex characters per byte decodes to fewer bytes.
 */
function sameHexDigest(received: string, digest: Buffer): boolean {
	if (received.length !== digest.length * 2) return false;
	return safeEqual(Buffer.from(received, 'hex'), digest);
}

/** The encoding that matched, or `undefined` when nothing matched. Never throws. */
export function verifyHmac(check: HmacCheck): DigestEncoding | undefined {
	const { algorithm, key, message, received, encodings } = check;
	if (typeof received !== 'string' || received.length === 0) return undefined;
	if (key.length === 0) return undefined;
	const digest = createHmac(algorithm, key).update(message).digest();
	const candidate = received.trim();
	for (const encoding of encodings) {
		if (
			encoding === 'hex'
				? sameHexDigest(candidate, digest)
				: safeEqual(candidate, digest.toString(encoding))
		)
			return encoding;
	}
	return undefined;
}

const publicKeys = new Map<string, KeyObject>();

/** Public key of a PEM certificate, parsed once per distinct certificate. Throws on bad PEM. */
function certificateKey(certificatePem: string): KeyObject {
	let key = publicKeys.get(certificatePem);
	if (!key) {
		key = new X509Certificate(certificatePem).publicKey;
		if (publicKeys.size > 16) publicKeys.clear();
		publicKeys.set(certificatePem, key);
	}
	return key;
}

export interface RsaCheck {
	algorithm: 'sha1' | 'sha256';
	certificatePem: string;
	message: string | Buffer;
	/** Base64 signature as received. */
	signature: string | undefined;
}

/** RSA PKCS#1 v1.5 signature check against an X.509 certificate. Never throws. */
export function verifyRsaSignature(check: RsaCheck): boolean {
	const { algorithm, certificatePem, message, signature } = check;
	if (typeof signature !== 'string' || signature.trim().length === 0) return false;
	if (!certificatePem || certificatePem.trim().length === 0) return false;
	try {
		const data = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
		return verifySignature(
			algorithm,
			data,
			certificateKey(certificatePem),
			Buffer.from(signature.trim(), 'base64'),
		);
	} catch {
		return false;
	}
}

/** Whether a PEM string parses as an X.509 certificate (for clear configuration errors). */
export function isValidCertificate(certificatePem: string): boolean {
	try {
		certificateKey(certificatePem);
		return true;
	} catch {
		return false;
	}
}
