import { leegalitySetup } from '../support/triggers';
import { fuzzTrigger } from './fuzzTrigger';

// Every documented body shape (v2.5, 2.1–2.3 with embedded files, Coordinate Picker), plain, with
// Leegality's custom webhook header, and with "Confirm Events With Leegality" (its Details API
// answers the sample's document and misbehaves for every other one).
fuzzTrigger('Leegality', [
	leegalitySetup(),
	leegalitySetup({ customHeader: true }),
	leegalitySetup({ confirm: true }),
	leegalitySetup({ shape: 'v2.3' }),
	leegalitySetup({ shape: 'v2.1', customHeader: true }),
	leegalitySetup({ shape: 'v2.3', confirm: true }),
	leegalitySetup({ shape: 'coordinatePicker', confirm: true }),
]);
