import { lexgoSignSetup } from '../support/triggers';
import { fuzzTrigger } from './fuzzTrigger';

// The Authorization value stored by automatic registration, and the credential's (manual).
fuzzTrigger('LexgoSign', [lexgoSignSetup('automatic'), lexgoSignSetup('manual')]);
