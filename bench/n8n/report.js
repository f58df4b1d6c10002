'use strict';
/** Turns measured batches into the benchmark's tables (ratios to the bare Webhook side by side). */
const { quantile } = require('./measure');
const { refusesForgeries, hasForgeries } = require('./deliveries');
const { OUR_TRIGGERS, FLOOR } = require('./workflows');

/**
 * @typedef {import('./types').Settings} Settings
 * @typedef {import('./types').TargetKey} TargetKey
 * @typedef {import('./types').Batch} Batch
 * @typedef {import('./types').Aggregate} Aggregate
 * @typedef {import('./types').TargetSummary} TargetSummary
 * @typedef {import('./types').ModeSummary} ModeSummary
 * @typedef {import('./types').SentMarkers} SentMarkers
 * @typedef {import('./types').ExecutionRecord} ExecutionRecord
 * @typedef {import('./types').RecordsCheck} RecordsCheck
 */

const sum = (/** @type {number[]} */ values) => values.reduce((a, b) => a + b, 0);
/** `value` with `digits` decimals; '–' when it is not a finite number (e.g. 0/0). */
const fixed = (/** @type {number} */ value, /** @type {number} */ digits) =>
	Number.isFinite(value) ? value.toFixed(digits) : '–';

/**
 * Totals of one workflow's valid or forged batches in one mode.
 * @param {Batch[]} batches
 * @returns {Aggregate | undefined}
 */
function aggregate(batches) {
	if (batches.length === 0) return undefined;
	const count = sum(batches.map((b) => b.count));
	const latencies = batches.flatMap((b) => b.latenciesMs);
	/** @type {Record<string, number>} */
	const statuses = {};
	for (const batch of batches)
		for (const [status, n] of Object.entries(batch.statuses))
			statuses[status] = (statuses[status] || 0) + n;
	return {
		count,
		execPerSec: count / (sum(batches.map((b) => b.wallMs)) / 1000),
		cpuPerDelivery: sum(batches.map((b) => b.cpuMs)) / count,
		p50: quantile(latencies, 0.5),
		p99: quantile(latencies, 0.99),
		isolates: sum(batches.map((b) => b.isolates)) / count,
		traced: sum(batches.map((b) => b.trace.length)) / count,
		evaluations: sum(batches.map((b) => b.evaluations)) / count,
		statuses,
		executions: sum(batches.map((b) => b.executions)),
		perRound: batches.map((b) => ({ round: b.round, execPerSec: b.count / (b.wallMs / 1000) })),
	};
}

/**
 * { [workflow]: { valid, forged, roundRatios } } for one mode.
 * @param {Settings} settings
 * @param {Batch[]} batches
 * @returns {ModeSummary}
 */
function summarize(settings, batches) {
	/** @type {ModeSummary} */
	const result = {};
	for (const target of settings.targets) {
		const of = (/** @type {boolean} */ forged) =>
			batches.filter((b) => b.workflow === target.key && b.forged === forged);
		// Every round measures every workflow's valid deliveries; roundRatios follow below.
		result[target.key] = /** @type {TargetSummary} */ ({
			valid: aggregate(of(false)),
			forged: aggregate(of(true)),
		});
	}
	const bare = result.webhook.valid;
	for (const target of settings.targets) {
		const valid = result[target.key].valid;
		result[target.key].roundRatios = valid.perRound.map((r) => {
			// The bare Webhook runs in every round too.
			const reference = /** @type {{ execPerSec: number }} */ (
				bare.perRound.find((b) => b.round === r.round)
			);
			return r.execPerSec / reference.execPerSec;
		});
	}
	return result;
}

const statusText = (/** @type {Record<string, number>} */ statuses) =>
	Object.entries(statuses)
		.map(([status, n]) => `${n}×${status}`)
		.join(' ');

/**
 * Columns padded to their widest cell (the first left-aligned), under a rule.
 * @param {string[]} headers
 * @param {string[][]} rows
 */
function table(headers, rows) {
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
	const line = (/** @type {string[]} */ cells) =>
		cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])));
	return [line(headers).join('  '), widths.map((w) => '-'.repeat(w)).join('  ')]
		.concat(rows.map((r) => line(r).join('  ')))
		.join('\n');
}

/** Whether the floor ran in this mode (then our triggers get ×floor columns). */
const hasFloor = (/** @type {ModeSummary} */ summary) => Boolean(summary[FLOOR]);

/**
 * One of our triggers against the floor (exec/s and CPU per delivery); '–' for every other row.
 * @param {ModeSummary} summary
 * @param {TargetKey} key
 * @returns {{ execPerSec: string, cpu: string }}
 */
function floorRatios(summary, key) {
	if (!hasFloor(summary) || !OUR_TRIGGERS.includes(key)) return { execPerSec: '–', cpu: '–' };
	const [mine, floor] = [summary[key].valid, summary[FLOOR].valid];
	return {
		execPerSec: fixed(mine.execPerSec / floor.execPerSec, 2),
		cpu: fixed(mine.cpuPerDelivery / floor.cpuPerDelivery, 2),
	};
}

/**
 * The main table of one mode.
 * @param {Settings} settings
 * @param {ModeSummary} summary
 */
function modeTable(settings, summary) {
	const bare = summary.webhook.valid;
	const withFloor = hasFloor(summary);
	const rows = settings.targets.map((target) => {
		const { valid, forged, roundRatios } = summary[target.key];
		const range = `${fixed(Math.min(...roundRatios), 2)}–${fixed(Math.max(...roundRatios), 2)}`;
		const floor = floorRatios(summary, target.key);
		return [
			target.label,
			fixed(valid.execPerSec, 1),
			fixed(valid.execPerSec / bare.execPerSec, 2),
			range,
			...(withFloor ? [floor.execPerSec] : []),
			fixed(valid.cpuPerDelivery, 1),
			fixed(valid.cpuPerDelivery / bare.cpuPerDelivery, 2),
			...(withFloor ? [floor.cpu] : []),
			fixed(valid.p50, 0),
			fixed(valid.p99, 0),
			fixed(valid.isolates, 2),
			forged ? fixed(forged.cpuPerDelivery, 1) : '–',
			forged ? fixed(forged.cpuPerDelivery / bare.cpuPerDelivery, 2) : '–',
			forged ? fixed(forged.isolates, 2) : '–',
			forged ? statusText(forged.statuses) : '–',
		];
	});
	return table(
		[
			'workflow',
			'exec/s',
			'×bare',
			'×bare/round',
			...(withFloor ? ['×floor'] : []),
			'CPU ms',
			'×bare',
			...(withFloor ? ['×floor'] : []),
			'p50 ms',
			'p99 ms',
			'isolates',
			'forged CPU ms',
			'×bare',
			'f.isolates',
			'forged answers',
		],
		rows,
	);
}

/**
 * Short name of a stack frame (`async fn (pkg/src/dir/file.ts:line:col)`) → `pkg:file.ts:line fn`.
 * n8n runs with source maps, so its frames name the TypeScript sources.
 * @param {string} frame
 */
function frameName(frame) {
	const match = /^(?:async )?(?:(.*?) \()?([^()\s]+?):(\d+)(?::\d+)?\)?$/.exec(frame);
	if (!match) return frame;
	const file = match[2].startsWith('n8n-nodes-esign/')
		? match[2].replace('/', ':')
		: match[2].replace(/^(@?[^/]+)\/(?:.*\/)?([^/]+)$/, '$1:$2');
	return `${file}:${match[3]}${match[1] ? ` ${match[1]}` : ''}`;
}

/**
 * Batches that did not go as expected: unexpected answers, or executions that never finished.
 * @param {Settings} settings
 * @param {Batch[]} batches
 */
function batchProblems(settings, batches) {
	const labels = Object.fromEntries(settings.targets.map((t) => [t.key, t.label]));
	return batches
		.filter((b) => b.stalled || b.sampleError !== undefined)
		.map(
			(b) =>
				`${labels[b.workflow]} round ${b.round + 1}${b.forged ? ' (forged)' : ''}: answers ${statusText(b.statuses)}` +
				`${b.stalled ? `, only ${b.finished}/${b.count} executions finished` : ''}` +
				`${b.sampleError !== undefined ? `; e.g. ${String(b.sampleError).slice(0, 160)}` : ''}`,
		);
}

/** Node code (n8n-nodes-base, this package or the floor's) in a frame. */
const NODE_CODE = /^(n8n-nodes-base|n8n-nodes-esign|n8n-nodes-benchfloor):/;

/**
 * Where an acquisition came from: the first frame outside the isolate machinery, and the node.
 * @param {string[]} stack
 */
function siteOf(stack) {
	const frames = stack.map(frameName);
	const node = frames.find((f) => NODE_CODE.test(f));
	return node && node !== frames[0] ? `${frames[0]}  ← ${node}` : frames[0] || '(no stack)';
}

/**
 * Isolate acquisitions per delivery by call site, for one mode.
 * @param {Settings} settings
 * @param {Batch[]} batches
 */
function sitesTable(settings, batches) {
	/** @type {string[]} */
	const lines = [];
	for (const target of settings.targets) {
		for (const forged of [false, true]) {
			if (forged && !hasForgeries(target)) continue;
			const mine = batches.filter((b) => b.workflow === target.key && b.forged === forged);
			const count = sum(mine.map((b) => b.count));
			if (count === 0) continue;
			/** @type {Map<string, number>} */
			const sites = new Map();
			for (const stack of mine.flatMap((b) => b.trace)) {
				const site = siteOf(stack);
				sites.set(site, (sites.get(site) || 0) + 1);
			}
			const total = sum([...sites.values()]);
			lines.push(
				`${target.label}, ${forged ? 'forged' : 'valid'}: ${fixed(total / count, 2)} per delivery`,
			);
			for (const [site, n] of [...sites].sort((a, b) => b[1] - a[1]))
				lines.push(`    ${fixed(n / count, 2).padStart(5)}  ${site}`);
		}
	}
	return lines.join('\n');
}

/**
 * Checks n8n's execution records against what was sent: every valid delivery ran exactly once
 * (every target, the floor included), forged ones never (our triggers) or once with the IF's
 * false branch (Crypto → IF), every run succeeded, and no run carries a marker that was not sent.
 * @param {Settings} settings
 * @param {Record<string, SentMarkers>} sent by target key
 * @param {Record<string, ExecutionRecord[]>} executionsByWorkflow by workflow id
 * @param {TargetKey[]} checkNodeTargets the targets whose runs end in the IF check node
 * @returns {RecordsCheck}
 */
function checkRecords(settings, sent, executionsByWorkflow, checkNodeTargets) {
	/** @type {string[]} */
	const problems = [];
	/** @type {string[]} */
	const lines = [];
	for (const target of settings.targets) {
		const executions = executionsByWorkflow[target.workflowId] || [];
		/** @type {Map<string, ExecutionRecord[]>} */
		const runsOf = new Map();
		let unmarked = 0;
		for (const execution of executions) {
			if (execution.markers.length !== 1) unmarked++;
			for (const marker of execution.markers) {
				const list = runsOf.get(marker) || [];
				list.push(execution);
				runsOf.set(marker, list);
			}
			if (execution.status !== 'success' || !execution.stopped || execution.mode !== 'webhook')
				problems.push(
					`${target.label}: execution ${execution.id} is ${execution.status}/${execution.mode}`,
				);
		}
		const { valid, forged } = sent[target.key];
		const lost = valid.filter((m) => !runsOf.has(m)).length;
		const doubled = valid.filter((m) => (runsOf.get(m) || []).length > 1).length;
		const known = new Set([...valid, ...forged]);
		const unknown = [...runsOf.keys()].filter((m) => !known.has(m)).length;
		const forgedRuns = forged.filter((m) => runsOf.has(m)).length;
		const checked = checkNodeTargets.includes(target.key);
		const wrongVerdicts = checked
			? valid.filter((m) => (runsOf.get(m) || []).some((e) => e.verdict !== 'true')).length +
				forged.filter((m) => (runsOf.get(m) || []).some((e) => e.verdict !== 'false')).length
			: 0;
		const forgedExpected = refusesForgeries(target) ? 0 : forged.length;
		if (lost) problems.push(`${target.label}: ${lost} valid deliveries never ran`);
		if (doubled) problems.push(`${target.label}: ${doubled} valid deliveries ran more than once`);
		if (unknown || unmarked)
			problems.push(`${target.label}: ${unknown + unmarked} runs of no (or several) deliveries`);
		if (forgedRuns !== forgedExpected)
			problems.push(
				`${target.label}: ${forgedRuns} forged deliveries ran (${forgedExpected} expected)`,
			);
		if (wrongVerdicts)
			problems.push(`${target.label}: ${wrongVerdicts} runs took the wrong IF branch`);
		const forgedText = hasForgeries(target)
			? `forged ${forged.length} sent, ${forgedRuns} ran${checked ? ' (IF false branch)' : ''}`
			: 'no forgeries (it checks nothing)';
		lines.push(
			`${target.label}: ${executions.length} executions; valid ${valid.length} sent, ${valid.length - lost - doubled} ran once, ${lost} lost, ${doubled} doubled; ${forgedText}`,
		);
	}
	return { ok: problems.length === 0, problems, lines };
}

module.exports = {
	summarize,
	modeTable,
	sitesTable,
	siteOf,
	batchProblems,
	checkRecords,
	fixed,
	hasFloor,
	floorRatios,
};
