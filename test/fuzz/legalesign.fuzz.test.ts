import { legalesignLegacySetup, legalesignRealtimeSetup } from '../support/triggers';
import { fuzzTrigger } from './fuzzTrigger';

// Realtime (URL token + X-Hmac-Sha256) and both legacy callbacks (RSA-SHA1, form-encoded).
fuzzTrigger('Legalesign', [
	legalesignRealtimeSetup(),
	legalesignLegacySetup('batch'),
	legalesignLegacySetup('event'),
]);
