// Public entry point: every node and credential class, and the types of every item the package
// emits and every provider payload it parses.
export { LeegalityApi } from './credentials/LeegalityApi.credentials';
export { Leegality } from './nodes/Leegality/Leegality.node';
export { LeegalityTrigger } from './nodes/Leegality/LeegalityTrigger.node';

export { ESIGN_EVENTS } from './nodes/shared/events';
export type { EsignEventName, EsignProvider } from './nodes/shared/events';
export type {
	EsignEventFile,
	EsignEventItem,
	EsignRecipient,
	EsignVerification,
	VerificationMethod,
} from './nodes/shared/item';

export { LEEGALITY_EVENTS } from './nodes/Leegality/events';
export type {
	LeegalityCoordinatePickerPayload,
	LeegalityEvent,
	LeegalityLegacyWebhookPayload,
	LeegalityLegacyWebhookRequest,
	LeegalityWebhookPayload,
	LeegalityWebhookRequest,
	LeegalityWebhookVerification,
	LeegalityWebhookVersion,
} from './nodes/Leegality/events';

export { LegalesignApi } from './credentials/LegalesignApi.credentials';
export { Legalesign } from './nodes/Legalesign/Legalesign.node';
export { LegalesignTrigger } from './nodes/Legalesign/LegalesignTrigger.node';
export { LEGALESIGN_LEGACY_EVENTS, LEGALESIGN_REALTIME_EVENTS } from './nodes/Legalesign/events';
export type {
	LegacyNotify as LegalesignLegacyNotify,
	LegalesignBatchRecord,
	LegalesignLegacyEventPayload,
	LegalesignRealtimeDocument,
	LegalesignRealtimePayload,
	LegalesignRealtimeRecipient,
	LegalesignRealtimeRecipientSummary,
} from './nodes/Legalesign/events';

export { LexgoSignApi } from './credentials/LexgoSignApi.credentials';
export { LexgoSign } from './nodes/LexgoSign/LexgoSign.node';
export { LexgoSignTrigger } from './nodes/LexgoSign/LexgoSignTrigger.node';
export { LEXGOSIGN_EVENTS } from './nodes/LexgoSign/events';
export type {
	LexgoSignDocument,
	LexgoSignEnvelope,
	LexgoSignEvent,
	LexgoSignFileUploaded,
	LexgoSignRecipient,
	LexgoSignWebhookPayload,
} from './nodes/LexgoSign/events';
