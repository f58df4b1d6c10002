#!/usr/bin/env node
'use strict';
/**
 * npm run bench — speed and memory of the webhook hot path, as ratios measured side by side in one
 * run (these machines are noisy; absolute numbers are printed for context only).
 *
 * - pipeline / floor: a full Leegality delivery through handleWebhook() (verify, parse, filter,
 *   duplicate check, item) against the work no implementation can skip (JSON.parse of the body and
 *   one HMAC-SHA1).
 * - timing safety: MAC check time for a wrong first byte vs a wrong last byte (≈ 1.0 = no early exit).
 * - duplicate memory: bytes per remembered id at full capacity, and the full memory in MB.
 * Run `npm run build` first; this measures dist/.
 */
const { createHmac, randomBytes } = require('node:crypto');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist', 'nodes');
const { handleWebhook } = require(path.join(dist, 'shared', 'trigger'));
const { leegalityTrigger } = require(path.join(dist, 'Leegality', 'trigger'));
const { LEEGALITY_EVENTS } = require(path.join(dist, 'Leegality', 'webhook'));
const { verifyHmac } = require(path.join(dist, 'shared', 'verification'));
const { RecentIds, MEMORY_CAPACITY, DUPLICATE_WINDOW_MS } = require(
	path.join(dist, 'shared', 'duplicates'),
);

const TARGETS = {
	pipelineOverFloor: 8, // the pipeline may cost at most 8× the irreducible parse + MAC
	timingRatioLow: 0.8,
	timingRatioHigh: 1.25,
	bytesPerId: 250,
	memoryMb: 16,
};

const salt = randomBytes(16).toString('hex');
const documentId = '01KMFEE9T8WPY0WPWXQHQ7DTJ2';
const payload = {
	webhookType: 'Success',
	documentId,
	documentStatus: 'Sent',
	irn: 'ORDER-1042',
	mac: createHmac('sha1', salt).update(documentId).digest('hex'),
	messages: [],
	request: {
		inviteeType: 'Signer',
		name: 'Asha Rao',
		email: 'asha@example.com',
		phone: '9800000000',
		invitationUrl: 'https://sandbox.leegality.com/sign/2bdcc3ef-0000-0000-0000-000000000000',
		active: true,
		action: 'Signed',
		error: null,
		expired: false,
		expiryDate: '12-03-2026 23:59:59',
		rejectionMessage: null,
		signType: 'AADHAAR',
	},
	verification: {
		smartName: 92,
		name: true,
		pincode: null,
		state: null,
		title: true,
		yob: null,
		gender: null,
	},
};
const rawBody = Buffer.from(JSON.stringify(payload), 'utf8');
const credentials = { leegalityApi: { privateSaltSecret: salt } };
const parameters = { events: Object.keys(LEEGALITY_EVENTS), skipVerification: false, options: {} };
const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** A minimal IWebhookFunctions: what n8n hands the node, without n8n's own overhead. */
function context(workflowId) {
	const response = {
		headersSent: false,
		status() {
			return this;
		},
		json() {
			this.headersSent = true;
			return this;
		},
	};
	return {
		getRequestObject: () => ({
			rawBody,
			headers: { 'content-type': 'application/json' },
			query: {},
		}),
		getResponseObject: () => response,
		getNodeParameter: (name, fallback) =>
			parameters[name] !== undefined ? parameters[name] : fallback,
		getCredentials: async (type) => credentials[type],
		getWorkflowStaticData: () => ({}),
		getMode: () => 'manual',
		getWorkflow: () => ({ id: workflowId }),
		getNode: () => ({ id: 'bench', name: 'Bench' }),
		logger: silent,
		helpers: {},
	};
}

async function timeAsync(iterations, fn) {
	const start = process.hrtime.bigint();
	for (let i = 0; i < iterations; i++) await fn(i);
	return Number(process.hrtime.bigint() - start) / iterations;
}

function timeSync(iterations, fn) {
	const start = process.hrtime.bigint();
	for (let i = 0; i < iterations; i++) fn(i);
	return Number(process.hrtime.bigint() - start) / iterations;
}

/** Median of several interleaved rounds, so machine noise hits both sides alike. */
async function sideBySide(rounds, measureA, measureB) {
	const a = [];
	const b = [];
	for (let round = 0; round < rounds; round++) {
		a.push(await measureA());
		b.push(await measureB());
	}
	const median = (values) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)];
	return [median(a), median(b)];
}

function line(label, value, verdict) {
	process.stdout.write(`${label.padEnd(56)} ${String(value).padStart(12)}  ${verdict}\n`);
}

async function main() {
	const iterations = 3000;
	let counter = 0;
	// Every delivery is a distinct workflow, so the duplicate check never short-circuits.
	const [pipelineNs, floorNs] = await sideBySide(
		7,
		() => timeAsync(iterations, () => handleWebhook(context(`wf-${counter++}`), leegalityTrigger)),
		() =>
			timeSync(iterations, () => {
				const parsed = JSON.parse(rawBody.toString('utf8'));
				return createHmac('sha1', salt).update(parsed.documentId).digest('hex') === parsed.mac;
			}),
	);
	const pipelineRatio = pipelineNs / floorNs;
	process.stdout.write(`\nWebhook hot path (Leegality delivery, ${rawBody.length} bytes)\n`);
	line('  pipeline per delivery (µs)', (pipelineNs / 1000).toFixed(1), '');
	line('  floor: JSON.parse + HMAC-SHA1 (µs)', (floorNs / 1000).toFixed(1), '');
	line(
		'  ratio pipeline / floor',
		pipelineRatio.toFixed(1),
		verdict(pipelineRatio <= TARGETS.pipelineOverFloor, `target ≤ ${TARGETS.pipelineOverFloor}`),
	);

	const good = payload.mac;
	const wrongFirst = (good[0] === 'a' ? 'b' : 'a') + good.slice(1);
	const wrongLast = good.slice(0, -1) + (good.endsWith('a') ? 'b' : 'a');
	const check = (received) => () =>
		verifyHmac({ algorithm: 'sha1', key: salt, message: documentId, received, encodings: ['hex'] });
	const [firstNs, lastNs] = await sideBySide(
		9,
		() => timeSync(20000, check(wrongFirst)),
		() => timeSync(20000, check(wrongLast)),
	);
	const timingRatio = firstNs / lastNs;
	process.stdout.write('\nMAC comparison (constant time)\n');
	line(
		'  wrong first byte / wrong last byte',
		timingRatio.toFixed(3),
		verdict(
			timingRatio >= TARGETS.timingRatioLow && timingRatio <= TARGETS.timingRatioHigh,
			`target ${TARGETS.timingRatioLow}–${TARGETS.timingRatioHigh}`,
		),
	);

	global.gc?.();
	const before = process.memoryUsage().heapUsed;
	const memory = new RecentIds(MEMORY_CAPACITY, DUPLICATE_WINDOW_MS);
	const scope = 'workflow-id\u0000node-id\u0000webhook\u0000';
	for (let i = 0; i < MEMORY_CAPACITY; i++)
		memory.seenBefore(
			`${scope}leegality:${createHmac('sha1', 'k').update(String(i)).digest('hex')}`,
			i,
		);
	global.gc?.();
	const bytes = process.memoryUsage().heapUsed - before;
	const perId = bytes / memory.size;
	process.stdout.write(
		`\nDuplicate memory at capacity (${memory.size} ids)${global.gc ? '' : ' — run with --expose-gc for exact numbers'}\n`,
	);
	line(
		'  bytes per id',
		perId.toFixed(0),
		verdict(perId <= TARGETS.bytesPerId, `target ≤ ${TARGETS.bytesPerId}`),
	);
	line(
		'  whole memory (MB)',
		(bytes / 1024 / 1024).toFixed(1),
		verdict(bytes / 1024 / 1024 <= TARGETS.memoryMb, `target ≤ ${TARGETS.memoryMb}`),
	);
	const lookupNs = timeSync(200000, (i) =>
		memory.seenBefore(`${scope}probe-${i % 1000}`, MEMORY_CAPACITY + i),
	);
	line('  check-and-record at capacity (ns)', lookupNs.toFixed(0), '');
	process.stdout.write('\n');
	if (process.exitCode) process.stdout.write('Some targets were missed.\n');
}

function verdict(ok, target) {
	if (!ok) process.exitCode = 1;
	return `${ok ? 'ok  ' : 'MISS'} (${target})`;
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
