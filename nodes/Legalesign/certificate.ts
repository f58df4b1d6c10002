import { isValidCertificate } from '../shared/verification';

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
