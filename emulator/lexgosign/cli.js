'use strict';
/**
 * `npm run emulator -- lexgosign <event> --to <url> --auth <value> …`: one LexgoSign delivery to
 * any URL, with LexgoSign's retry rule (3 retries about 5, 10 and 20 s apart, same id).
 */
const webhooks = require('./webhooks');

const USAGE = `  npm run emulator -- lexgosign <event> --to <url> [--auth <Authorization value>] [--id <delivery id>]
                            [--envelope-id <id>] [--recipient-envelope none|envelope|envelope_id]
                            [--time-scale 1] [--timeout-ms 5000]
      Sends one LexgoSign webhook {id, event_type, data} with Authorization = --auth (omit it to
      send none) and LexgoSign's retry rule (5 s, 10 s, 20 s; same id), printing each attempt.
      <event>: ${webhooks.EVENT_NAMES.join(' | ')}
      Exit code 0 when delivered, 1 when every attempt failed.`;

/**
 * @param {string | undefined} event
 * @param {Record<string, string | true>} flags
 * @param {{ str: (f: Record<string, string | true>, n: string) => string | undefined, num: (f: Record<string, string | true>, n: string, d: number) => number }} parse
 */
async function sendLexgoSign(event, flags, parse) {
	const { str, num } = parse;
	if (!event || !(/** @type {readonly string[]} */ (webhooks.EVENT_NAMES).includes(event)))
		throw new Error(`event must be one of: ${webhooks.EVENT_NAMES.join(', ')}`);
	const to = str(flags, 'to');
	if (!to) throw new Error('--to <url> is required');
	const timeScale = num(flags, 'time-scale', 1);
	const field = str(flags, 'recipient-envelope');
	const body = webhooks.buildWebhookBody(event, {
		id: str(flags, 'id'),
		envelopeId: str(flags, 'envelope-id'),
		recipientEnvelopeField: field === 'envelope' || field === 'envelope_id' ? field : 'none',
	});
	const deliverer = new webhooks.LexgoSignDeliverer({
		timeScale,
		timeoutMs: num(flags, 'timeout-ms', webhooks.RECEIVER_TIMEOUT_MS),
		keepAlive: true,
		onAttempt: (a) => {
			console.log(
				`attempt ${a.attempt} -> ${a.url}: ${a.status === null ? `no response (${a.error})` : `HTTP ${a.status}`}`,
			);
			if (!a.ok && a.attempt <= webhooks.RETRY_DELAYS_MS.length) {
				const wait = webhooks.RETRY_DELAYS_MS[a.attempt - 1] * timeScale;
				console.log(`  retry ${a.attempt} in ${(wait / 1000).toFixed(wait >= 1000 ? 1 : 3)} s`);
			}
		},
	});
	const auth = str(flags, 'auth');
	console.log(
		`Sending LexgoSign "${event}" (id ${body.id}), Authorization ${auth ? 'set' : 'none'}, timeScale ${timeScale}`,
	);
	console.log(JSON.stringify(body, null, 2));
	const text = JSON.stringify(body);
	const handle = deliverer.deliverEvent({
		id: body.id,
		url: to,
		event,
		auth: auth ?? null,
		body: () => text,
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

module.exports = { sendLexgoSign, USAGE };
