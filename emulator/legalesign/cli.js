'use strict';
/**
 * `npm run emulator -- legalesign <event> --to <url> …`: one Legalesign webhook to any URL,
 * with the emulator's retry schedule.
 */
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { createPrivateKey } = require('node:crypto');
const { Deliverer } = require('../delivery');
const { createSelfSignedCertificate } = require('../x509');
const webhooks = require('./webhooks');

const LEGACY = ['legacy.signed', 'legacy.sent', 'legacy.rejected', 'legacy.batch'];

/**
 * Signing key + certificate: loaded from `file` when it exists, else created (and saved there).
 * @param {string | undefined} file
 */
function loadKeys(file) {
	if (file && existsSync(file)) {
		const saved = JSON.parse(readFileSync(file, 'utf8'));
		return {
			certificatePem: saved.certificatePem,
			privateKey: createPrivateKey(saved.privateKeyPem),
		};
	}
	const keys = createSelfSignedCertificate({ commonName: 'legalesign.com/emulator' });
	if (file) {
		writeFileSync(
			file,
			JSON.stringify(
				{ certificatePem: keys.certificatePem, privateKeyPem: keys.privateKeyPem },
				null,
				2,
			),
		);
	}
	return keys;
}

/**
 * The story of one signed document as batch records (the reference's example).
 * @param {import('../types').LegalesignBodyDocument} doc
 */
function sampleRecords(doc) {
	const now = Date.now();
	const signer = doc.signers[0].uuid;
	return [
		webhooks.changeRecord('signer', signer, 5, now),
		webhooks.changeRecord('signer', signer, 10, now),
		webhooks.changeRecord('signer', signer, 20, now),
		webhooks.changeRecord('document', doc.uuid, 20, now),
		webhooks.changeRecord('signer', signer, 30, now),
		webhooks.changeRecord('signer', signer, 40, now),
		webhooks.changeRecord('document', doc.uuid, 30, now),
		webhooks.changeRecord('document', doc.uuid, 100, now),
	];
}

/**
 * @param {string | undefined} event
 * @param {Record<string, string | true>} flags
 * @param {{ str: (f: Record<string, string | true>, n: string) => string | undefined, num: (f: Record<string, string | true>, n: string, d: number) => number }} read
 */
async function sendLegalesign(event, flags, read) {
	const realtimeEvents = /** @type {readonly string[]} */ (webhooks.REALTIME_EVENTS);
	if (!event || (!realtimeEvents.includes(event) && !LEGACY.includes(event)))
		throw new Error(`event must be one of: ${[...webhooks.REALTIME_EVENTS, ...LEGACY].join(', ')}`);
	const to = read.str(flags, 'to');
	if (!to) throw new Error('--to <url> is required');
	const timeScale = read.num(flags, 'time-scale', 1);
	const doc = webhooks.sampleDocument({ uuid: read.str(flags, 'document-id') });
	/** @type {Record<string, string>} */
	let headers;
	let body;
	if (event.startsWith('legacy.')) {
		const keys = loadKeys(read.str(flags, 'keys'));
		console.log('Legacy certificate (the credential\'s "Legacy Callback Certificate"):');
		console.log(keys.certificatePem.trim());
		if (event === 'legacy.batch') {
			body = webhooks.buildBatch(sampleRecords(doc), { privateKey: keys.privateKey }).body;
			headers = {};
		} else {
			const kind = /** @type {'signed' | 'sent' | 'rejected'} */ (event.slice('legacy.'.length));
			const built = webhooks.buildLegacyEvent(kind, doc, {
				privateKey: keys.privateKey,
				nowMs: Date.now(),
			});
			body = built.body;
			headers = built.headers;
		}
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
	} else {
		body = JSON.stringify(
			webhooks.buildRealtimeBody(event, {
				document: doc,
				nowMs: Date.now(),
				spelling: read.str(flags, 'spelling'),
			}),
		);
		headers = { 'Content-Type': 'application/json' };
		const secret = read.str(flags, 'hmac-secret');
		const encoding = read.str(flags, 'hmac-encoding') === 'base64' ? 'base64' : 'hex';
		if (secret) headers['X-Hmac-Sha256'] = webhooks.hmacSignature(body, secret, encoding);
	}
	const deliverer = new Deliverer({
		timeScale,
		timeoutMs: read.num(flags, 'timeout-ms', 10_000),
		keepAlive: true,
		onAttempt: (a) =>
			console.log(
				`attempt ${a.attempt} -> ${a.url}: ${a.status === null ? `no response (${a.error})` : `HTTP ${a.status}`}`,
			),
	});
	console.log(`Sending Legalesign "${event}" for document ${doc.uuid}, timeScale ${timeScale}`);
	console.log(body);
	const handle = deliverer.deliver({
		provider: 'legalesign',
		event,
		url: to,
		body,
		headers,
		retryDelaysMs: [...webhooks.RETRY_DELAYS_MS],
	});
	const stop = () => deliverer.close();
	process.once('SIGINT', stop);
	const result = await handle.done;
	process.off('SIGINT', stop);
	console.log(
		result.delivered
			? `Delivered after ${result.attempts.length} attempt(s).`
			: `Not delivered (${result.cancelled ? 'cancelled' : 'retries exhausted'}).`,
	);
	process.exitCode = result.delivered ? 0 : 1;
}

module.exports = { sendLegalesign, loadKeys };
