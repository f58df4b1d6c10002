import type { KeyObject } from 'node:crypto';

export interface SelfSignedCertificate {
	certificatePem: string;
	privateKeyPem: string;
	privateKey: KeyObject;
}

export function createSelfSignedCertificate(options?: {
	commonName?: string;
	organization?: string;
	days?: number;
	algorithm?: 'sha1' | 'sha256';
	modulusLength?: number;
}): SelfSignedCertificate;
