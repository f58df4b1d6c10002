'use strict';
/**
 * One benchmark mode on a running n8n: warm-up, idle baseline, then rounds that send every
 * workflow its valid and forged deliveries (workflows rotated per round). A batch is measured from
 * its first request until n8n is quiet again: the last execution finished and the CPU that n8n
 * spends after answering (e.g. rebuilding a released isolate) has been spent.
 */
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');
const { sleep } = require('../../test/e2e/support');
const { n8nCpuMs, scrapeMetrics, sendAll } = require('./measure');
const { refusesForgeries, hasForgeries } = require('./deliveries');

/**
 * @typedef {import('./types').Target} Target
 * @typedef {import('./types').RunOptions} RunOptions
 * @typedef {import('./types').RunContext} RunContext
 * @typedef {import('./types').TraceCursor} TraceCursor
 * @typedef {import('./types').TraceEntry} TraceEntry
 * @typedef {import('./types').Progress} Progress
 * @typedef {import('./types').BatchMeasurement} BatchMeasurement
 * @typedef {import('./types').Batch} Batch
 */

const QUIET_WINDOW_MS = 250;
/** A window counts as quiet when n8n used at most this much CPU beyond its idle rate (2 ticks). */
const QUIET_SLACK_MS = 20;

/**
 * Sum of the counters whose name ends with `suffix` (the prefix is n8n's, `n8n_` by default).
 * @param {Record<string, number>} metrics
 * @param {string} suffix
 */
function counter(metrics, suffix) {
	return Object.entries(metrics)
		.filter(([name]) => name.endsWith(suffix))
		.reduce((sum, [, value]) => sum + value, 0);
}

/** @param {Record<string, number>} metrics */
function expressionCounters(metrics) {
	return {
		acquired: counter(metrics, 'expression_pool_acquired_total'),
		coldStarts: counter(metrics, 'expression_pool_cold_start_sync_total'),
		evaluations: counter(metrics, 'expression_evaluation_duration_seconds_count'),
	};
}

/**
 * New lines of the isolate trace since the last call.
 * @param {TraceCursor | null} trace
 * @returns {TraceEntry[]}
 */
function readTrace(trace) {
	if (!trace || !fs.existsSync(trace.file)) return [];
	const size = fs.statSync(trace.file).size;
	if (size <= trace.offset) return [];
	const fd = fs.openSync(trace.file, 'r');
	const buffer = Buffer.alloc(size - trace.offset);
	fs.readSync(fd, buffer, 0, buffer.length, trace.offset);
	fs.closeSync(fd);
	const text = buffer.toString('utf8');
	const complete = text.lastIndexOf('\n') + 1;
	trace.offset += Buffer.byteLength(text.slice(0, complete));
	return text
		.slice(0, complete)
		.split('\n')
		.filter(Boolean)
		.map((line) => /** @type {TraceEntry} */ (JSON.parse(line)));
}

/**
 * Waits until n8n's CPU use is back at its idle rate; returns the CPU reading at that point.
 * @param {() => number} cpu n8n's CPU ms so far
 * @param {number} idlePerMs
 * @param {number} [timeoutMs]
 * @returns {Promise<{ cpuMs: number, at: number }>}
 */
async function waitQuiet(cpu, idlePerMs, timeoutMs = 20000) {
	const deadline = Date.now() + timeoutMs;
	let previous = { cpuMs: cpu(), at: Date.now() };
	for (;;) {
		await sleep(QUIET_WINDOW_MS);
		const current = { cpuMs: cpu(), at: Date.now() };
		const allowed = idlePerMs * (current.at - previous.at) + QUIET_SLACK_MS;
		if (current.cpuMs - previous.cpuMs <= allowed || current.at > deadline) return previous;
		previous = current;
	}
}

/** How long the benchmark waits for an execution while none finishes (a loaded machine is slow). */
const STALL_MS = 120000;

/**
 * Waits until `expected` executions of the workflow newer than `afterId` have finished, for as
 * long as they keep finishing; `stalled` is set when none finished for STALL_MS.
 * @param {RunContext} ctx
 * @param {Target} target
 * @param {number} afterId
 * @param {number} expected
 * @returns {Promise<Progress>}
 */
async function waitForExecutions(ctx, target, afterId, expected) {
	if (expected === 0) {
		await sleep(1500); // long enough for an execution that should not exist to show up
		return await ctx.db.progress(target.workflowId, afterId);
	}
	let lastFinished = -1;
	let lastChange = Date.now();
	for (;;) {
		const progress = await ctx.db.progress(target.workflowId, afterId);
		if (progress.finished >= expected) return progress;
		if (progress.finished !== lastFinished) {
			lastFinished = progress.finished;
			lastChange = Date.now();
		} else if (Date.now() - lastChange > STALL_MS) {
			ctx.log(
				`    ${target.label}: only ${progress.finished}/${expected} executions finished; none for ${STALL_MS / 1000} s`,
			);
			return { ...progress, stalled: true };
		}
		await sleep(100);
	}
}

/**
 * Sends `count` unique deliveries to one workflow and measures them.
 * @param {RunContext} ctx
 * @param {Target} target
 * @param {number} count
 * @param {boolean} forged
 * @returns {Promise<BatchMeasurement>} the batch's numbers (see report.js)
 */
async function measureBatch(ctx, target, count, forged) {
	const requests = Array.from({ length: count }, () => ctx.make(target, forged));
	const sent = ctx.sent[target.key];
	for (const request of requests) (forged ? sent.forged : sent.valid).push(request.marker);
	const afterId = await ctx.db.maxId(target.workflowId);
	const metricsBefore = expressionCounters(await scrapeMetrics(ctx.n8n.baseUrl));
	readTrace(ctx.trace);
	const cpu = () => n8nCpuMs(ctx.n8n.processGroup);
	const cpuBefore = cpu();
	const startedAt = Date.now();
	const started = performance.now();
	const responses = await sendAll(requests, ctx.settings.concurrency);
	const answeredAt = Date.now();
	const expected = forged && refusesForgeries(target) ? 0 : count;
	const progress = await waitForExecutions(ctx, target, afterId, expected);
	const quiet = await waitQuiet(cpu, ctx.idlePerMs);
	const metricsAfter = expressionCounters(await scrapeMetrics(ctx.n8n.baseUrl));
	const traced = readTrace(ctx.trace);
	// lastStoppedMs is null only when a stalled batch finished nothing: then the batch lasted until
	// the wait gave up (it is reported as a problem, and its rate is not inflated).
	const finishedAt = expected > 0 ? (progress.lastStoppedMs ?? quiet.at) : answeredAt;
	/** @type {Record<string, number>} */
	const statuses = {};
	for (const response of responses)
		statuses[response.status] = (statuses[response.status] || 0) + 1;
	return {
		workflow: target.key,
		forged,
		count,
		statuses,
		latenciesMs: responses.map((r) => Math.round(r.ms * 10) / 10),
		sendMs: performance.now() - started,
		wallMs: Math.max(1, finishedAt - startedAt),
		cpuMs: quiet.cpuMs - cpuBefore - ctx.idlePerMs * (quiet.at - startedAt),
		rawCpuMs: quiet.cpuMs - cpuBefore,
		executions: progress.total,
		finished: progress.finished,
		stalled: progress.stalled === true,
		isolates: metricsAfter.acquired - metricsBefore.acquired,
		coldStarts: metricsAfter.coldStarts - metricsBefore.coldStarts,
		evaluations: metricsAfter.evaluations - metricsBefore.evaluations,
		trace: traced.map((entry) => entry.stack),
		sampleError: responses.find(
			(r) => r.status !== (forged && refusesForgeries(target) ? 401 : 200),
		)?.text,
	};
}

/**
 * Per-second CPU samples of an idle n8n; the median ignores a stray background task.
 * @param {RunContext} ctx
 * @param {number} [seconds]
 */
async function idleRate(ctx, seconds = 7) {
	const cpu = () => n8nCpuMs(ctx.n8n.processGroup);
	const rates = [];
	for (let i = 0; i < seconds; i++) {
		const before = cpu();
		const started = Date.now();
		await sleep(1000);
		rates.push((cpu() - before) / (Date.now() - started));
	}
	return rates.sort((a, b) => a - b)[Math.floor(rates.length / 2)];
}

/**
 * n8n runs background jobs for ~30 s after it is ready (measured: bursts of 200-400 ms CPU at
 * +5, +13 and +22 s); waits until five seconds in a row are quiet (at most 90 s).
 * @param {RunContext} ctx
 */
async function settleAfterStart(ctx) {
	const cpu = () => n8nCpuMs(ctx.n8n.processGroup);
	const deadline = Date.now() + 90000;
	let quietSeconds = 0;
	while (quietSeconds < 5 && Date.now() < deadline) {
		const before = cpu();
		await sleep(1000);
		quietSeconds = cpu() - before <= 30 ? quietSeconds + 1 : 0;
	}
}

/**
 * @template T
 * @param {T[]} list
 * @param {number} by
 */
const rotate = (list, by) => list.map((_, i) => list[(i + by) % list.length]);

/**
 * @param {RunOptions} options
 * @returns {Promise<{ idlePerMs: number, batches: Batch[] }>}
 */
async function runMode(options) {
	const ctx = /** @type {RunContext} */ (options); // idlePerMs is measured below
	const { settings, log } = ctx;
	ctx.idlePerMs = 0;
	await settleAfterStart(ctx);
	for (const target of settings.targets) {
		if (settings.warmup > 0) await measureBatch(ctx, target, settings.warmup, false);
		if (hasForgeries(target) && settings.warmup > 0)
			await measureBatch(ctx, target, Math.min(10, settings.warmup), true);
	}
	await waitQuiet(() => n8nCpuMs(ctx.n8n.processGroup), 0, 30000);
	ctx.idlePerMs = await idleRate(ctx);
	log(`  idle n8n CPU: ${(ctx.idlePerMs * 1000).toFixed(1)} ms/s (subtracted from batches)`);
	/** @type {Batch[]} */
	const batches = [];
	for (let round = 0; round < settings.rounds; round++) {
		const order = rotate(settings.targets, round);
		for (const target of order) {
			const batch = await measureBatch(ctx, target, settings.perRound, false);
			batches.push({ ...batch, round });
			log(`    ${target.label}: ${(batch.count / (batch.wallMs / 1000)).toFixed(1)} exec/s`);
		}
		for (const target of order.filter(hasForgeries)) {
			if (settings.forgedPerRound === 0) continue;
			const batch = await measureBatch(ctx, target, settings.forgedPerRound, true);
			batches.push({ ...batch, round });
		}
		log(`  round ${round + 1}/${settings.rounds} done`);
	}
	return { idlePerMs: ctx.idlePerMs, batches };
}

module.exports = { runMode };
