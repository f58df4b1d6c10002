'use strict';
/**
 * Local eSignature provider emulator (Leegality first). See README.md and index.d.ts.
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

module.exports = {
	startEmulator,
	startReceiver,
	assumptionsMissingFromReadme,
	leegality: {
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
	},
	legalesign: {
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
	},
	lexgosign: {
		ASSUMPTIONS: lexgosign.ASSUMPTIONS,
		EVENT_NAMES: lexgosign.EVENT_NAMES,
		RETRY_DELAYS_MS: lexgosign.RETRY_DELAYS_MS,
		RECEIVER_TIMEOUT_MS: lexgosign.RECEIVER_TIMEOUT_MS,
		buildWebhookBody: lexgosign.buildWebhookBody,
	},
};
