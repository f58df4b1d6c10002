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

export { LegalesignApi } from './credentials/LegalesignApi.credentials';
export { Legalesign } from './nodes/Legalesign/Legalesign.node';
export { LegalesignTrigger } from './nodes/Legalesign/LegalesignTrigger.node';
export { LEGALESIGN_LEGACY_EVENTS, LEGALESIGN_REALTIME_EVENTS } from './nodes/Legalesign/webhook';
export type {
	LegacyNotify as LegalesignLegacyNotify,
	LegalesignBatchRecord,
	LegalesignLegacyEventPayload,
	LegalesignRealtimeDocument,
	LegalesignRealtimePayload,
	LegalesignRealtimeRecipient,
	LegalesignRealtimeRecipientSummary,
} from './nodes/Legalesign/webhook';

export { LexgoSignApi } from './credentials/LexgoSignApi.credentials';
export { LexgoSign } from './nodes/LexgoSign/LexgoSign.node';
export { LexgoSignTrigger } from './nodes/LexgoSign/LexgoSignTrigger.node';
export { LEXGOSIGN_EVENTS } from './nodes/LexgoSign/webhook';
export type {
	LexgoSignDocument,
	LexgoSignEnvelope,
	LexgoSignEvent,
	LexgoSignFileUploaded,
	LexgoSignRecipient,
	LexgoSignWebhookPayload,
} from './nodes/LexgoSign/webhook';
