#!/usr/bin/env node
'use strict';
/**
 * npm run bench:n8n — what a delivery costs inside a real n8n 2.41.1, next to n8n's bare Webhook
 * node, the no-code Webhook → Crypto → IF check and a community trigger that does nothing (the
 * floor n8n sets for any community trigger), on n8n's defaults and with lazy isolate
 * acquisition. One n8n (restarted between modes), the packed package installed as a community
 * package, the emulator standing in for the providers' registration APIs.
 *
 * For each workflow: executions finished per second, n8n CPU (process + task runner, /proc) per
 * delivery, p50/p99 response latency, expression isolates acquired per delivery (n8n's
 * `expression.pool.acquired` counter, N8N_METRICS=true), the cost of a forged delivery, and the
 * ratios to the bare Webhook (and, for our triggers, to the floor). Afterwards n8n's execution records are checked (nothing lost,
 * nothing doubled). Absolute numbers are this machine's; read the ratios.
 * `npm run bench:n8n -- --help` lists the settings. Results also go to bench/results/.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const { startEmulator } = require('../emulator');
const { N8nInstance, ensureN8nInstalled, packPackage } = require('../test/e2e/support');
const { TARGETS, FLOOR, CHECK_NODE, benchCredentials, benchWorkflows } = require('./n8n/workflows');
const { MARKER_PATTERN, deliveryMakers } = require('./n8n/deliveries');
const { MODES, readSettings, describeSettings } = require('./n8n/settings');
const { DbClient } = require('./n8n/db-client');
const { runMode } = require('./n8n/run-mode');
const {
	summarize,
	modeTable,
	sitesTable,
	siteOf,
	batchProblems,
	checkRecords,
	fixed,
	hasFloor,
	floorRatios,
} = require('./n8n/report');
const { packNullTriggerPackage } = require('./n8n/null-trigger');

/**
 * @typedef {import('./n8n/types').Target} Target
 * @typedef {import('./n8n/types').Settings} Settings
 * @typedef {import('./n8n/types').Batch} Batch
 * @typedef {import('./n8n/types').CompactBatch} CompactBatch
 * @typedef {import('./n8n/types').ModeSummary} ModeSummary
 * @typedef {import('./n8n/types').BenchResults} BenchResults
 * @typedef {import('./n8n/types').SentMarkers} SentMarkers
 * @typedef {import('../emulator').Emulator} Emulator
 */

const log = (/** @type {string} */ message) => {
	process.stdout.write(`${message}\n`);
};
const load = () =>
	`load average ${os
		.loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')} (${os.cpus().length} cores)`;

/**
 * n8n's environment for a mode: its defaults plus what the benchmark needs to read.
 * @param {string} mode
 * @param {string | null} traceFile
 * @returns {Record<string, string>}
 */
function modeEnv(mode, traceFile) {
	return {
		N8N_METRICS: 'true',
		N8N_METRICS_INCLUDE_DEFAULT_METRICS: 'false',
		N8N_WORKFLOW_PUBLICATION_RECONCILE_INTERVAL_SECONDS: '10', // n8n's default (the harness sets 2)
		...(traceFile
			? {
					NODE_OPTIONS: `--require ${path.join(__dirname, 'n8n', 'isolate-trace.js')}`,
					BENCH_ISOLATE_TRACE_FILE: traceFile,
				}
			: {}),
		...MODES[mode].env,
	};
}

/**
 * The secrets our triggers registered at the emulator when n8n published them.
 * @param {Emulator} emu
 * @param {N8nInstance} n8n
 */
function registrations(emu, n8n) {
	// Our triggers (the targets passed here) have a webhookId.
	const url = (/** @type {Target} */ target) =>
		n8n.webhookUrl(/** @type {string} */ (target.webhookId), 'webhook');
	// Both are in TARGETS.
	const legalesign = /** @type {Target} */ (TARGETS.find((t) => t.key === 'legalesign'));
	const lexgosign = /** @type {Target} */ (TARGETS.find((t) => t.key === 'lexgosign'));
	const subscription = emu.legalesign
		.listSubscriptions()
		.find((s) => s.url.split('?')[0] === url(legalesign));
	const hook = emu.lexgosign.webhooks().find((h) => h.url === url(lexgosign));
	return {
		legalesignToken: subscription ? new URL(subscription.url).searchParams.get('token') : '',
		lexgosignAuthorization: hook ? String(hook.auth) : '',
	};
}

/**
 * A batch for the results file: isolate call sites counted instead of every stack.
 * @param {Batch} batch
 * @returns {CompactBatch}
 */
function compactBatch(batch) {
	/** @type {Record<string, number>} */
	const sites = {};
	for (const stack of batch.trace) sites[siteOf(stack)] = (sites[siteOf(stack)] || 0) + 1;
	return { ...batch, trace: undefined, sites };
}

/**
 * Every mode's ratios side by side, one row per workflow.
 * @param {Settings} settings
 * @param {Record<string, ModeSummary>} summaries by mode
 */
function comparisonTable(settings, summaries) {
	const modes = Object.keys(summaries);
	const withFloor = modes.every((mode) => hasFloor(summaries[mode]));
	const headers = ['workflow'];
	for (const mode of modes)
		headers.push(
			`${mode}: ×bare exec/s`,
			...(withFloor ? ['×floor exec/s'] : []),
			'isolates',
			'forged CPU ×bare',
			'f.isolates',
		);
	const rows = settings.targets.map((target) => {
		const row = [target.label];
		for (const mode of modes) {
			const s = summaries[mode];
			const { valid, forged } = s[target.key];
			row.push(
				fixed(valid.execPerSec / s.webhook.valid.execPerSec, 2),
				...(withFloor ? [floorRatios(s, target.key).execPerSec] : []),
				fixed(valid.isolates, 2),
				forged ? fixed(forged.cpuPerDelivery / s.webhook.valid.cpuPerDelivery, 2) : '–',
				forged ? fixed(forged.isolates, 2) : '–',
			);
		}
		return row;
	});
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
	const fmt = (/** @type {string[]} */ cells) =>
		cells
			.map((c, i) => (i ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i])))
			.join('  ');
	return [fmt(headers), ...rows.map(fmt)].join('\n');
}

async function main() {
	const settings = readSettings(process.argv.slice(2));
	if (settings.help !== undefined) return log(settings.help);
	const startedAt = Date.now();
	log(`bench:n8n — ${describeSettings(settings)}`);
	log(`start: ${load()}`);

	const install = await ensureN8nInstalled();
	const emu = await startEmulator({ port: 0 });
	const n8n = await N8nInstance.create({
		install,
		tarballs: [
			await packPackage({ packageDir: settings.packageDir }),
			...(settings.targets.some((t) => t.key === FLOOR) ? [await packNullTriggerPackage()] : []),
		],
	});
	/** @type {import('./n8n/db-client').DbClient | undefined} */
	let db;
	/** @type {BenchResults} */
	const results = { settings: { ...settings, targets: settings.targets.map((t) => t.key) } };
	try {
		await n8n.installPackage();
		const secrets = {
			leegalitySalt: randomBytes(24).toString('base64url'),
			legalesignHmac: settings.legalesignHmac,
		};
		await n8n.importCredentials(benchCredentials(emu, secrets));
		const workflows = benchWorkflows(settings.targets, settings);
		await n8n.importWorkflows(workflows);
		for (const workflow of workflows) await n8n.publish(workflow.id);

		/** @type {Record<string, SentMarkers>} */
		const sent = Object.fromEntries(
			settings.targets.map((t) => [t.key, { valid: [], forged: [] }]),
		);
		/** @type {Record<string, ModeSummary>} */
		const summaries = {};
		results.modes = {};
		for (const mode of settings.modes) {
			const traceFile = settings.trace ? path.join(n8n.userFolder, `isolates-${mode}.jsonl`) : null;
			n8n.extraEnv = { ...n8n.extraEnv, ...modeEnv(mode, traceFile) };
			if (!settings.trace) delete n8n.extraEnv.NODE_OPTIONS;
			log(`\n== ${MODES[mode].label} ==`);
			const started = await n8n.start();
			const failed = started.activation.filter((a) => a.state !== 'active');
			if (failed.length) throw new Error(`not activated: ${JSON.stringify(failed)}`);
			db ??= new DbClient({ node24: install.node24, dbPath: n8n.dbPath, n8nDir: install.n8nDir });
			const secretsNow = registrations(emu, n8n);
			for (const key of ['legalesign', 'lexgosign']) {
				const missing =
					key === 'legalesign' ? !secretsNow.legalesignToken : !secretsNow.lexgosignAuthorization;
				if (settings.targets.some((t) => t.key === key) && missing)
					throw new Error(`${key}: no registration at the emulator after publishing`);
			}
			const make = deliveryMakers({
				runId: randomBytes(4).toString('hex'), // markers unique across modes too
				urlOf: (target) =>
					target.path
						? n8n.webhookPathUrl(target.path)
						: n8n.webhookUrl(/** @type {string} */ (target.webhookId), 'webhook'),
				leegalitySalt: secrets.leegalitySalt,
				legalesignHmacSecret: settings.legalesignHmac ? emu.legalesign.hmacSecret : null,
				fileKb: settings.fileKb,
				...secretsNow,
			});
			log(`  n8n ready in ${started.ms} ms; ${load()}`);
			const modeStarted = Date.now();
			const { idlePerMs, batches } = await runMode({
				n8n,
				db,
				make,
				settings,
				sent,
				trace: traceFile ? { file: traceFile, offset: 0 } : null,
				log,
			});
			const summary = summarize(settings, batches);
			summaries[mode] = summary;
			results.modes[mode] = { idlePerMs, batches: batches.map(compactBatch), summary };
			log(`\n${modeTable(settings, summary)}`);
			for (const problem of batchProblems(settings, batches)) log(`  ! ${problem}`);
			if (settings.trace)
				log(
					`\nIsolate acquisitions by call site (${MODES[mode].label}):\n${sitesTable(settings, batches)}`,
				);
			log(`\n  mode took ${Math.round((Date.now() - modeStarted) / 1000)} s; end: ${load()}`);
			await n8n.stop();
		}

		// Set by the first mode (readSettings does not refuse an empty --modes; this then throws).
		const executions = await /** @type {import('./n8n/db-client').DbClient} */ (db).executions(
			settings.targets.map((t) => t.workflowId),
			MARKER_PATTERN,
			CHECK_NODE,
		);
		const records = checkRecords(settings, sent, executions, ['crypto-if']);
		results.records = records;
		log(`\nExecution records (all modes): ${records.ok ? 'OK' : 'PROBLEMS'}`);
		for (const line of [...records.lines, ...records.problems]) log(`  ${line}`);
		if (settings.modes.length > 1) log(`\nSide by side:\n${comparisonTable(settings, summaries)}`);
		if (summaries.default && summaries.lazy) {
			const [eager, lazy] = [summaries.default.webhook.valid, summaries.lazy.webhook.valid];
			const perIsolate =
				(eager.cpuPerDelivery - lazy.cpuPerDelivery) / (eager.isolates - lazy.isolates);
			log(`\nOne isolate ≈ ${fixed(perIsolate, 1)} ms CPU here (bare Webhook, defaults − lazy).`);
		}
		log(
			'\nColumns: exec/s = executions finished per second (first request → last execution stopped);' +
				' CPU ms = n8n + task runner CPU per delivery, idle rate subtracted, until n8n is quiet again;' +
				' p50/p99 = HTTP response time; isolates = expression.pool.acquired per delivery;' +
				' ×bare/round = range of the per-round ratio; ×floor = our trigger ÷ the community trigger that does nothing' +
				' (what n8n charges any community trigger is in the floor; the rest is ours);' +
				' forged = deliveries without the secret (none for the bare Webhook and the floor: they check nothing).',
		);
		if (!records.ok) process.exitCode = 1;
	} finally {
		db?.close();
		await n8n.dispose().catch(() => undefined);
		await emu.close();
		const dir = path.join(__dirname, 'results');
		fs.mkdirSync(dir, { recursive: true });
		const file = path.join(dir, `n8n-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
		fs.writeFileSync(
			file,
			JSON.stringify({ ...results, totalMs: Date.now() - startedAt }, null, 1),
		);
		log(
			`\ntotal ${Math.round((Date.now() - startedAt) / 1000)} s; results: ${path.relative(process.cwd(), file)}`,
		);
	}
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exitCode = 1;
});
