'use strict';
/**
 * Local eSignature provider emulator. See README.md; the public types are in types.d.ts.
 *
 *   const { startEmulator } = require('./emulator');
 *   const emu = await startEmulator({ port: 0, timeScale: 0.001 });
 */
const { startEmulator } = require('./server');
const { startReceiver } = require('./testReceiver');
const leegality = require('./leegality');
const legalesign = require('./legalesign');
const lexgosign = require('./lexgosign');
const { assumptionsMissingFromReadme } = require('./docs');

/**
 * The public types (types.d.ts), re-exported so TypeScript imports them from here.
 * @typedef {import('./types').Headers} Headers
 * @typedef {import('./types').EmulatorOptions} EmulatorOptions
 * @typedef {import('./types').RequestLogEntry} RequestLogEntry
 * @typedef {import('./types').DeliveryAttempt} DeliveryAttempt
 * @typedef {import('./types').DeliveryResult} DeliveryResult
 * @typedef {import('./types').DeliveryHandle} DeliveryHandle
 * @typedef {import('./types').Emulator} Emulator
 * @typedef {import('./types').LeegalityEvent} LeegalityEvent
 * @typedef {import('./types').LeegalityAction} LeegalityAction
 * @typedef {import('./types').LeegalityInviteeType} LeegalityInviteeType
 * @typedef {import('./types').LeegalityDocumentStatus} LeegalityDocumentStatus
 * @typedef {import('./types').LeegalityOptions} LeegalityOptions
 * @typedef {import('./types').LeegalityProfileSlot} LeegalityProfileSlot
 * @typedef {import('./types').LeegalityFixedInvitee} LeegalityFixedInvitee
 * @typedef {import('./types').LeegalityProfile} LeegalityProfile
 * @typedef {import('./types').SeedInvitee} SeedInvitee
 * @typedef {import('./types').SeedDocumentOptions} SeedDocumentOptions
 * @typedef {import('./types').LeegalityInviteeSnapshot} LeegalityInviteeSnapshot
 * @typedef {import('./types').LeegalityDocumentSnapshot} LeegalityDocumentSnapshot
 * @typedef {import('./types').VerificationResult} VerificationResult
 * @typedef {import('./types').ActOptions} ActOptions
 * @typedef {import('./types').LeegalityWebhookRequest} LeegalityWebhookRequest
 * @typedef {import('./types').LeegalityWebhookBody} LeegalityWebhookBody
 * @typedef {import('./types').BuildWebhookOptions} BuildWebhookOptions
 * @typedef {import('./types').DeliverOptions} DeliverOptions
 * @typedef {import('./types').LeegalityEmulator} LeegalityEmulator
 * @typedef {import('./types').LeegalityHelpers} LeegalityHelpers
 * @typedef {import('./types').LegalesignRealtimeEvent} LegalesignRealtimeEvent
 * @typedef {import('./types').LegalesignLegacyKind} LegalesignLegacyKind
 * @typedef {import('./types').LegalesignNotify} LegalesignNotify
 * @typedef {import('./types').LegalesignPdfMode} LegalesignPdfMode
 * @typedef {import('./types').LegalesignAction} LegalesignAction
 * @typedef {import('./types').LegalesignKeys} LegalesignKeys
 * @typedef {import('./types').LegalesignOptions} LegalesignOptions
 * @typedef {import('./types').LegalesignSignerSnapshot} LegalesignSignerSnapshot
 * @typedef {import('./types').LegalesignDocumentSnapshot} LegalesignDocumentSnapshot
 * @typedef {import('./types').LegalesignSubscriptionSnapshot} LegalesignSubscriptionSnapshot
 * @typedef {import('./types').LegalesignChangeRecord} LegalesignChangeRecord
 * @typedef {import('./types').LegalesignSeedOptions} LegalesignSeedOptions
 * @typedef {import('./types').LegalesignActOptions} LegalesignActOptions
 * @typedef {import('./types').DeliverRealtimeOptions} DeliverRealtimeOptions
 * @typedef {import('./types').DeliverLegacyOptions} DeliverLegacyOptions
 * @typedef {import('./types').DeliverBatchOptions} DeliverBatchOptions
 * @typedef {import('./types').LegalesignEmulator} LegalesignEmulator
 * @typedef {import('./types').LegalesignHelpers} LegalesignHelpers
 * @typedef {import('./types').LexgoSignEvent} LexgoSignEvent
 * @typedef {import('./types').LexgoSignAction} LexgoSignAction
 * @typedef {import('./types').LexgoSignRecipientEnvelopeField} LexgoSignRecipientEnvelopeField
 * @typedef {import('./types').LexgoSignOptions} LexgoSignOptions
 * @typedef {import('./types').LexgoSignWebhookSnapshot} LexgoSignWebhookSnapshot
 * @typedef {import('./types').LexgoSignRecipientView} LexgoSignRecipientView
 * @typedef {import('./types').LexgoSignDocumentView} LexgoSignDocumentView
 * @typedef {import('./types').LexgoSignEnvelopeView} LexgoSignEnvelopeView
 * @typedef {import('./types').LexgoSignSeedEnvelope} LexgoSignSeedEnvelope
 * @typedef {import('./types').LexgoSignWebhookBody} LexgoSignWebhookBody
 * @typedef {import('./types').LexgoSignBuildOptions} LexgoSignBuildOptions
 * @typedef {import('./types').LexgoSignDeliverOptions} LexgoSignDeliverOptions
 * @typedef {import('./types').LexgoSignEmulator} LexgoSignEmulator
 * @typedef {import('./types').LexgoSignHelpers} LexgoSignHelpers
 * @typedef {import('./types').ReceivedRequest} ReceivedRequest
 * @typedef {import('./types').ReceiverAnswer} ReceiverAnswer
 * @typedef {import('./types').ReceiverOptions} ReceiverOptions
 * @typedef {import('./types').Receiver} Receiver
 */

/** @type {import('./types').LeegalityHelpers} */
const leegalityHelpers = {
	ASSUMPTIONS: leegality.ASSUMPTIONS,
	EVENTS: leegality.EVENTS,
	EVENT_NAMES: leegality.EVENT_NAMES,
	RETRY_DELAYS_MS: leegality.RETRY_DELAYS_MS,
	WEBHOOK_VERSIONS: leegality.WEBHOOK_VERSIONS,
	COORDINATES_EVENT: leegality.COORDINATES_EVENT,
	buildWebhookBody: leegality.buildWebhookBody,
	buildLegacyWebhookBody: leegality.buildLegacyWebhookBody,
	buildCoordinatePickerBody: leegality.buildCoordinatePickerBody,
	samplePdf: leegality.samplePdf,
	computeMac: leegality.computeMac,
};

/** @type {import('./types').LegalesignHelpers} */
const legalesignHelpers = {
	ASSUMPTIONS: legalesign.ASSUMPTIONS,
	REALTIME_EVENTS: legalesign.REALTIME_EVENTS,
	LEGACY_KINDS: legalesign.LEGACY_KINDS,
	RETRY_DELAYS_MS: legalesign.RETRY_DELAYS_MS,
	BATCH_INTERVAL_MS: legalesign.BATCH_INTERVAL_MS,
	buildRealtimeBody: legalesign.buildRealtimeBody,
	buildLegacyEvent: legalesign.buildLegacyEvent,
	buildBatch: legalesign.buildBatch,
	changeRecord: legalesign.changeRecord,
	hmacSignature: legalesign.hmacSignature,
	rsaSignature: legalesign.rsaSignature,
	sampleDocument: legalesign.sampleDocument,
	SPELLING_NAMES: legalesign.SPELLING_NAMES,
	spellEvent: legalesign.spellEvent,
};

/** @type {import('./types').LexgoSignHelpers} */
const lexgosignHelpers = {
	ASSUMPTIONS: lexgosign.ASSUMPTIONS,
	EVENT_NAMES: lexgosign.EVENT_NAMES,
	RETRY_DELAYS_MS: lexgosign.RETRY_DELAYS_MS,
	RECEIVER_TIMEOUT_MS: lexgosign.RECEIVER_TIMEOUT_MS,
	buildWebhookBody: lexgosign.buildWebhookBody,
};

module.exports = {
	startEmulator,
	startReceiver,
	assumptionsMissingFromReadme,
	leegality: leegalityHelpers,
	legalesign: legalesignHelpers,
	lexgosign: lexgosignHelpers,
};
