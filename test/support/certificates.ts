import { createSelfSignedCertificate, type SelfSignedCertificate } from '../../emulator/x509';

let cached: SelfSignedCertificate | undefined;

/** One self-signed RSA certificate (and its key) per test file; generated, never committed. */
export function selfSignedCertificate(): SelfSignedCertificate {
	cached ??= createSelfSignedCertificate({ commonName: 'legalesign.test' });
	return cached;
}
