#!/usr/bin/env node
'use strict';
/**
 * npm run emulator -- serve [--port 4010] [--host 127.0.0.1] [--time-scale 1] [--token T] [--salt S]
 *                          [--webhook-url URL] [--error-webhook-url URL] [--seed] [--quiet]
 * npm run emulator -- leegality <event> --to <url> [--error-to <url>] [--salt S] [--document-id ID]
 *                          [--irn X] [--document-status Sent|Completed] [--version 2.5|2.3|2.2|2.1]
 *                          [--completed] [--file-bytes N] [--time-scale 0.001] [--timeout-ms 10000]
 * npm run emulator -- help
 */
const { startEmulator } = require('./server');
const { Deliverer } = require('./delivery');
const { randomBytes } = require('node:crypto');
const leegality = require('./leegality');
const legalesign = require('./legalesign');
const { sendLegalesign } = require('./legalesign/cli');
const lexgoCli = require('./lexgosign/cli');

const USAGE = `Usage:
  npm run emulator -- serve [--port 4010] [--host 127.0.0.1] [--time-scale 1]
                            [--token <auth token>] [--salt <private salt>]
                            [--webhook-url <url>] [--error-webhook-url <url>] [--seed] [--quiet]
                            [--webhook-version 2.5|2.3|2.2|2.1]
                            [--legalesign-spelling rest|feed|enum] [--legalesign-notifications array|wrapped]
                            [--lexgosign-routes current|older|newer]
      Starts the emulator; prints base URLs, auth token and private salt. Ctrl+C stops it.
      --webhook-url / --error-webhook-url become every workflow's invitee webhook URLs,
      --seed creates a sample document (two signers) and prints its sign URLs.
      --webhook-version: the Leegality webhook version invitees use (default 2.5);
      --legalesign-spelling / --legalesign-notifications: how realtime event names are spelled and
      how GET /notifications/ lists webhooks; --lexgosign-routes older: only /api/v1 and
      POST …/send_invitation (see emulator/README.md).

  npm run emulator -- leegality <event> --to <url> [--error-to <url>] [--salt <salt>]
                            [--document-id <id>] [--irn <irn>] [--document-status Sent|Completed]
                            [--version 2.5|2.3|2.2|2.1] [--completed] [--file-bytes <n>]
                            [--time-scale 1] [--timeout-ms 10000]
      Sends one Leegality webhook (v2.5 unless --version) with the real retry schedule and prints
      each attempt. 2.1-2.3 success bodies embed base64 PDFs (--file-bytes pads them; --completed
      adds the audit trail).
      <event>: ${[...leegality.EVENT_NAMES, leegality.COORDINATES_EVENT].join(' | ')}
      Success events and coordinatesPlaced go to --to, error events to --error-to (default: --to).
      Exit code 0 when delivered, 1 when every attempt failed.

  npm run emulator -- legalesign <event> --to <url> [--hmac-secret <s>] [--hmac-encoding hex|base64]
                            [--spelling rest|feed|enum] [--keys <file.json>] [--time-scale 1] [--timeout-ms 10000]
      Sends one Legalesign webhook with the emulator's retry schedule and prints each attempt.
      <event>: ${legalesign.REALTIME_EVENTS.join(' | ')}
               | legacy.signed | legacy.sent | legacy.rejected | legacy.batch
      Realtime events are JSON (X-Hmac-Sha256 when --hmac-secret is given; --spelling feed or enum
      spells the event as Legalesign's subscription feed or GraphQL enum does); legacy ones are
      form-encoded and RSA-SHA1 signed with the key in --keys (created there if missing), whose
      certificate is printed for the credential. --to must be the full registered URL, token included.

${lexgoCli.USAGE}

  npm run emulator -- assumptions
      Prints the Leegality ASSUMPTIONS as the markdown list used in emulator/README.md.`;

/**
 * `--key value`, `--key=value` and bare `--flag`.
 * @param {string[]} argv
 */
function parseArgs(argv) {
	/** @type {string[]} */
	const positional = [];
	/** @type {Record<string, string | true>} */
	const flags = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--')) {
			positional.push(arg);
			continue;
		}
		const eq = arg.indexOf('=');
		if (eq > 0) flags[arg.slice(2, eq)] = arg.slice(eq + 1);
		else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--'))
			flags[arg.slice(2)] = argv[++i];
		else flags[arg.slice(2)] = true;
	}
	return { positional, flags };
}

/**
 * @param {Record<string, string | true>} flags
 * @param {string} name
 */
function str(flags, name) {
	const v = flags[name];
	return typeof v === 'string' ? v : undefined;
}

/**
 * @param {Record<string, string | true>} flags
 * @param {string} name
 * @param {number} fallback
 */
function num(flags, name, fallback) {
	const v = str(flags, name);
	if (v === undefined) return fallback;
	const n = Number(v);
	if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number >= 0`);
	return n;
}

/** @param {Record<string, string | true>} flags */
async function serve(flags) {
	const quiet = flags.quiet === true;
	const emu = await startEmulator({
		port: num(flags, 'port', 4010),
		host: str(flags, 'host') ?? '127.0.0.1',
		timeScale: num(flags, 'time-scale', 1),
		leegality: {
			authToken: str(flags, 'token'),
			privateSalt: str(flags, 'salt'),
			webhookUrl: str(flags, 'webhook-url'),
			errorWebhookUrl: str(flags, 'error-webhook-url'),
			webhookVersion: /** @type {any} */ (str(flags, 'webhook-version')), // validated by the emulator
		},
		legalesign: {
			realtimeSpelling: /** @type {any} */ (str(flags, 'legalesign-spelling')), // validated by the emulator
			notificationsFormat: /** @type {any} */ (str(flags, 'legalesign-notifications')), // validated by the emulator
		},
		lexgosign: { apiRoutes: /** @type {any} */ (str(flags, 'lexgosign-routes')) },
		onRequest: quiet ? undefined : (e) => console.log(`<- ${e.method} ${e.path} ${e.status}`),
		onDelivery: quiet
			? undefined
			: (a) =>
					console.log(
						`-> webhook ${a.event} attempt ${a.attempt} to ${a.url}: ${a.status ?? a.error}`,
					),
	});
	const L = emu.leegality;
	console.log(`eSign provider emulator listening on ${emu.url} (timeScale ${emu.timeScale})`);
	console.log('');
	console.log('Leegality');
	console.log(`  API base URL : ${L.baseUrl}`);
	console.log(`  Auth Token   : ${L.authToken}`);
	console.log(`  Private Salt : ${L.privateSalt}`);
	console.log(
		`  Profiles     : ${L.profiles.map((/** @type {{ id: string, name: string }} */ p) => `${p.id} (${p.name})`).join('\n                 ')}`,
	);
	console.log(
		`  Webhook URLs : ${L.profiles[0].webhookUrl ?? '(none: pass --webhook-url)'} / ${L.profiles[0].errorWebhookUrl ?? '(error: same)'}`,
	);
	if (flags.seed === true) {
		const doc = L.seedDocument({
			name: 'Emulator sample',
			irn: 'SAMPLE-1',
			invitees: [
				{ name: 'Asha Rao', email: 'asha@example.com', phone: '9800000000' },
				{ name: 'Ravi Kumar', email: 'ravi@example.com' },
			],
		});
		console.log(`  Seeded       : ${doc.documentId}`);
		for (const inv of doc.invitees) console.log(`                 ${inv.name}: ${inv.signUrl}`);
	}
	const LS = emu.legalesign;
	console.log('');
	console.log('Legalesign');
	console.log(`  API base URL : ${LS.baseUrl}`);
	console.log(`  Username     : ${LS.username}`);
	console.log(`  Secret       : ${LS.secret}`);
	console.log(`  HMAC secret  : ${LS.hmacSecret ?? '(none)'}`);
	console.log('  Legacy certificate (paste into the credential):');
	console.log(LS.certificatePem.trim());
	console.log('');
	console.log('LexgoSign');
	console.log(`  API base URL : ${emu.lexgosign.baseUrl}`);
	console.log(`  API key      : ${emu.lexgosign.apiKey}`);
	console.log('  Registrations: GET /lexgosign/_control/state');
	console.log('');
	console.log('Logs: GET /_emulator/requests, /_emulator/deliveries. Ctrl+C to stop.');
	const stop = () => {
		void emu.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

/**
 * @param {string | undefined} event
 * @param {Record<string, string | true>} flags
 */
async function sendLeegality(event, flags) {
	const events = /** @type {readonly string[]} */ ([
		...leegality.EVENT_NAMES,
		leegality.COORDINATES_EVENT,
	]);
	if (!event || !events.includes(event))
		throw new Error(`event must be one of: ${events.join(', ')}`);
	const to = str(flags, 'to');
	if (!to) throw new Error('--to <url> is required');
	const salt = str(flags, 'salt') ?? randomBytes(16).toString('hex');
	if (!str(flags, 'salt')) console.log(`No --salt given; using ${salt}`);
	const timeScale = num(flags, 'time-scale', 1);
	const version = leegality.WEBHOOK_VERSIONS.find((v) => v === (str(flags, 'version') ?? '2.5'));
	if (!version)
		throw new Error(`--version must be one of: ${leegality.WEBHOOK_VERSIONS.join(', ')}`);
	const common = { salt, documentId: str(flags, 'document-id'), irn: str(flags, 'irn') };
	const body =
		event === leegality.COORDINATES_EVENT
			? leegality.buildCoordinatePickerBody(common)
			: version === '2.5'
				? leegality.buildWebhookBody(event, {
						...common,
						documentStatus: str(flags, 'document-status'),
					})
				: leegality.buildLegacyWebhookBody(event, {
						...common,
						version: /** @type {'2.1' | '2.2' | '2.3'} */ (version),
						completed: flags.completed === true,
						fileBytes: num(flags, 'file-bytes', 0),
					});
	const deliverer = new Deliverer({
		timeScale,
		timeoutMs: num(flags, 'timeout-ms', 10_000),
		keepAlive: true,
		onAttempt: (a) => {
			console.log(
				`attempt ${a.attempt} -> ${a.url}: ${a.status === null ? `no response (${a.error})` : `HTTP ${a.status}`}`,
			);
			if (!a.ok && a.attempt <= leegality.RETRY_DELAYS_MS.length) {
				const wait = leegality.RETRY_DELAYS_MS[a.attempt - 1] * timeScale;
				console.log(
					`  retry ${a.attempt} in ${wait >= 1000 ? `${(wait / 1000).toFixed(1)} s` : `${Math.round(wait)} ms`}`,
				);
			}
		},
	});
	console.log(
		`Sending Leegality "${event}"${event === leegality.COORDINATES_EVENT ? '' : ` (v${version})`} for document ${body.documentId} (mac ${body.mac}), timeScale ${timeScale}`,
	);
	const shown = JSON.stringify(body, null, 2);
	console.log(
		shown.length > 4000 ? `${shown.slice(0, 4000)}\n… (${shown.length} characters)` : shown,
	);
	const url = leegality.isErrorEvent(event) ? (str(flags, 'error-to') ?? to) : to;
	const handle = deliverer.deliver({
		provider: 'leegality',
		event,
		url,
		body: leegality.serializeWebhookBody(body),
		retryDelaysMs: [...leegality.RETRY_DELAYS_MS],
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

async function main() {
	const { positional, flags } = parseArgs(process.argv.slice(2));
	const [command, sub] = positional;
	if (!command || command === 'help' || flags.help) {
		console.log(USAGE);
		return;
	}
	if (command === 'serve') return serve(flags);
	if (command === 'assumptions') return console.log(require('./docs').assumptionsMarkdown());
	if (command === 'leegality') return sendLeegality(sub, flags);
	if (command === 'legalesign') return sendLegalesign(sub, flags, { str, num });
	if (command === 'lexgosign') return lexgoCli.sendLexgoSign(sub, flags, { str, num });
	throw new Error(`unknown command "${command}"`);
}

main().catch((error) => {
	console.error(`emulator: ${error.message}\n\n${USAGE}`);
	process.exit(2);
});
