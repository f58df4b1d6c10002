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
		buildWebhookBody: leegality.buildWebhookBody,
		computeMac: leegality.computeMac,
	},
};
