// Public entry point: every node and credential class, and the types of every item the package
// emits and every provider payload it parses.
export { LeegalityApi } from './credentials/LeegalityApi.credentials';
export { Leegality } from './nodes/Leegality/Leegality.node';
export { LeegalityTrigger } from './nodes/Leegality/LeegalityTrigger.node';

export { ESIGN_EVENTS } from './nodes/shared/events';
export type { EsignEventName, EsignProvider } from './nodes/shared/events';
export type {
	EsignEventItem,
	EsignRecipient,
	EsignVerification,
	VerificationMethod,
} from './nodes/shared/item';

export { LEEGALITY_EVENTS } from './nodes/Leegality/webhook';
export type {
	LeegalityEvent,
	LeegalityWebhookPayload,
	LeegalityWebhookRequest,
	LeegalityWebhookVerification,
} from './nodes/Leegality/webhook';

// Legalesign (nodes/Legalesign): exports added here.

// LexgoSign (nodes/LexgoSign): exports added here.
