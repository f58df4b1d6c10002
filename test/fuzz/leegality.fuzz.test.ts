import { leegalitySetup } from '../support/triggers';
import { fuzzTrigger } from './fuzzTrigger';

// Plain, with Leegality's custom webhook header, and with "Confirm Events With Leegality"
// (its Details API answers the sample's document and misbehaves for every other one).
fuzzTrigger('Leegality', [
	leegalitySetup(),
	leegalitySetup({ customHeader: true }),
	leegalitySetup({ confirm: true }),
]);
