#!/usr/bin/env node
'use strict';
/**
 * npm run bench — speed and memory of the webhook hot path, as ratios measured side by side in one
 * run (these machines are noisy; absolute numbers are printed for context only).
 *
 * - pipeline / floor: a full Leegality delivery through handleWebhook() (verify, parse, filter,
 *   duplicate check, item) against the work no implementation can skip (JSON.parse of the body and
 *   one HMAC-SHA1); beside it a reference that adds only this package's guarantees to the floor
 *   (event id, duplicate memory, item), so the pipeline's own overhead reads off directly.
 * - timing safety: MAC check time for a wrong first byte vs a wrong last byte (≈ 1.0 = no early exit).
 * - duplicate memory: bytes per remembered id at full capacity, and the full memory in MB.
 * - oversized event ids (issue 9): heap kept after 100 authenticated deliveries with 4 MiB ids,
 *   next to the same ids kept at full size (the memory now keeps ids over 64 characters as
 *   16-byte digests).
 * Run `npm run build` first; this measures dist/.
 */
const { createHmac, randomBytes } = require('node:crypto');
const path = require('node:path');

/**
 * @typedef {import('n8n-workflow').IWebhookFunctions} IWebhookFunctions
 * @typedef {import('n8n-workflow').INodeProperties} INodeProperties
 * @typedef {import('n8n-workflow').INodePropertyOptions} INodePropertyOptions
 * @typedef {{ rawBody: Buffer, headers: Record<string, string>, query: Record<string, string> }} FakeRequest
 * @typedef {{ headersSent: boolean, status(): FakeResponse, json(): FakeResponse }} FakeResponse
 * @typedef {(message: string) => void} LogMethod
 */
/**
 * The part of IWebhookFunctions the pipeline calls, as this bench fakes it; cast to
 * IWebhookFunctions for handleWebhook() (as the unit tests cast their fakes).
 * @typedef {object} FakeWebhookContext
 * @property {() => FakeRequest} getRequestObject
 * @property {() => FakeResponse} getResponseObject
 * @property {(name: string, fallback?: unknown) => unknown} getNodeParameter
 * @property {(type: string) => Promise<Record<string, string> | undefined>} getCredentials
 * @property {() => Record<string, unknown>} getWorkflowStaticData
 * @property {() => string} getMode
 * @property {() => { id: string }} getWorkflow
 * @property {() => { id: string, name: string }} getNode
 * @property {{ debug: LogMethod, info: LogMethod, warn: LogMethod, error: LogMethod }} logger
 * @property {{}} helpers
 */

// dist/ is the build of nodes/: its modules are typed by their sources.
const dist = path.join(__dirname, '..', 'dist', 'nodes');
const { handleWebhook } = /** @type {typeof import('../nodes/shared/trigger')} */ (
	require(path.join(dist, 'shared', 'trigger'))
);
const { leegalityTrigger } = /** @type {typeof import('../nodes/Leegality/trigger')} */ (
	require(path.join(dist, 'Leegality', 'trigger'))
);
const { LEEGALITY_EVENTS } = /** @type {typeof import('../nodes/Leegality/events')} */ (
	require(path.join(dist, 'Leegality', 'events'))
);
const { verifyHmac } = /** @type {typeof import('../nodes/shared/verification')} */ (
	require(path.join(dist, 'shared', 'verification'))
);
const { hashedEventId } = /** @type {typeof import('../nodes/shared/item')} */ (
	require(path.join(dist, 'shared', 'item'))
);
const { RecentIds, MEMORY_CAPACITY, DUPLICATE_WINDOW_MS, memoryKey } =
	/** @type {typeof import('../nodes/shared/duplicates')} */ (
		require(path.join(dist, 'shared', 'duplicates'))
	);

const TARGETS = {
	pipelineOverFloor: 2, // issue 11: the pipeline may cost at most 2× the irreducible parse + MAC
	batchOverFloor: 8, // a 500-record batch: at most 8× form parse + RSA verify + JSON.parse
	timingRatioLow: 0.8,
	timingRatioHigh: 1.25,
	bytesPerId: 250,
	memoryMb: 16,
	oversizedRetainedMb: 2, // 100 deliveries with 4 MiB ids may leave at most this much behind
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
/** Distinct events for one workflow (as in production): each its own documentId and mac. */
const DISTINCT_BODIES = 4096;
const bodies = Array.from({ length: DISTINCT_BODIES }, (_, i) => {
	const id = `${documentId.slice(0, -6)}${String(i).padStart(6, '0')}`;
	const mac = createHmac('sha1', salt).update(id).digest('hex');
	return Buffer.from(JSON.stringify({ ...payload, documentId: id, mac }), 'utf8');
});
/** @type {Record<string, Record<string, string>>} */
const credentials = { leegalityApi: { privateSaltSecret: salt } };
/** @type {Record<string, unknown>} */
const parameters = { events: Object.keys(LEEGALITY_EVENTS), skipVerification: false, options: {} };
const silent = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * A minimal IWebhookFunctions: what n8n hands the node, without n8n's own overhead.
 * @param {string} workflowId
 * @param {Buffer} [body]
 * @returns {FakeWebhookContext}
 */
function context(workflowId, body = rawBody) {
	/** @type {FakeResponse} */
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
			rawBody: body,
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

/**
 * Mean ns per call of `fn`, awaited one after the other.
 * @param {number} iterations
 * @param {(i: number) => Promise<unknown>} fn
 */
async function timeAsync(iterations, fn) {
	const start = process.hrtime.bigint();
	for (let i = 0; i < iterations; i++) await fn(i);
	return Number(process.hrtime.bigint() - start) / iterations;
}

/**
 * Mean ns per call of `fn`.
 * @param {number} iterations
 * @param {(i: number) => unknown} fn
 */
function timeSync(iterations, fn) {
	const start = process.hrtime.bigint();
	for (let i = 0; i < iterations; i++) fn(i);
	return Number(process.hrtime.bigint() - start) / iterations;
}

const median = (/** @type {number[]} */ values) =>
	[...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

/**
 * Many short rounds, interleaved after a warm-up, so machine noise hits every side alike. Returns
 * each side's median time and, per side after the first, the median of the per-round ratios to
 * the first (steadier on a busy machine than the ratio of two medians).
 * @param {number} rounds
 * @param {...() => number | Promise<number>} measures each returns one round's time
 * @returns {Promise<{ times: number[], ratios: number[] }>}
 */
async function sideBySide(rounds, ...measures) {
	for (const measure of measures) await measure();
	/** @type {number[][]} */
	const times = measures.map(() => []);
	for (let round = 0; round < rounds; round++) {
		for (const [index, measure] of measures.entries()) times[index].push(await measure());
	}
	const ratios = times.map((side) => median(side.map((time, round) => time / times[0][round])));
	return { times: times.map(median), ratios };
}

/**
 * @param {string} label
 * @param {string} value
 * @param {string} verdict
 */
function line(label, value, verdict) {
	process.stdout.write(`${label.padEnd(56)} ${String(value).padStart(12)}  ${verdict}\n`);
}

async function main() {
	const iterations = 500;
	let counter = 0;
	const reference = minimalPipeline();
	// One workflow per round receiving distinct events (as in production: no event repeats, so
	// the duplicate check never short-circuits); every side reads the same bodies.
	const { times, ratios } = await sideBySide(
		41,
		() =>
			timeSync(iterations, (i) => {
				const parsed = /** @type {typeof payload} */ (
					JSON.parse(bodies[i % DISTINCT_BODIES].toString('utf8'))
				);
				return createHmac('sha1', salt).update(parsed.documentId).digest('hex') === parsed.mac;
			}),
		() => {
			const workflowId = `wf-${counter++}`;
			return timeAsync(iterations, (i) =>
				handleWebhook.call(
					/** @type {IWebhookFunctions} */ (
						/** @type {unknown} */ (context(workflowId, bodies[i % DISTINCT_BODIES]))
					),
					leegalityTrigger,
				),
			);
		},
		() => timeAsync(iterations, (i) => reference(bodies[i % DISTINCT_BODIES], counter)),
	);
	const [floorNs, pipelineNs, referenceNs] = times;
	const [, pipelineRatio, referenceRatio] = ratios;
	process.stdout.write(`\nWebhook hot path (Leegality delivery, ${rawBody.length} bytes)\n`);
	line('  floor: JSON.parse + HMAC-SHA1 (µs)', (floorNs / 1000).toFixed(1), '');
	line('  pipeline per delivery (µs)', (pipelineNs / 1000).toFixed(1), '');
	line(
		'  ratio pipeline / floor',
		pipelineRatio.toFixed(2),
		verdict(pipelineRatio <= TARGETS.pipelineOverFloor, `target ≤ ${TARGETS.pipelineOverFloor}`),
	);
	line('  reference: floor + event id + memory + item (µs)', (referenceNs / 1000).toFixed(1), '');
	line('  ratio reference / floor', referenceRatio.toFixed(2), '');
	line('  ratio pipeline / reference', (pipelineRatio / referenceRatio).toFixed(2), '');

	const good = payload.mac;
	const wrongFirst = (good[0] === 'a' ? 'b' : 'a') + good.slice(1);
	const wrongLast = good.slice(0, -1) + (good.endsWith('a') ? 'b' : 'a');
	const check = (/** @type {string} */ received) => () =>
		verifyHmac({ algorithm: 'sha1', key: salt, message: documentId, received, encodings: ['hex'] });
	const {
		ratios: [, timingRatio],
	} = await sideBySide(
		15,
		() => timeSync(20000, check(wrongLast)),
		() => timeSync(20000, check(wrongFirst)),
	);
	process.stdout.write('\nMAC comparison (constant time)\n');
	line(
		'  wrong first byte / wrong last byte',
		timingRatio.toFixed(3),
		verdict(
			timingRatio >= TARGETS.timingRatioLow && timingRatio <= TARGETS.timingRatioHigh,
			`target ${TARGETS.timingRatioLow}–${TARGETS.timingRatioHigh}`,
		),
	);

	await legacyBatch();
	await largeBody();

	global.gc?.();
	const before = process.memoryUsage().heapUsed;
	const memory = new RecentIds(MEMORY_CAPACITY, DUPLICATE_WINDOW_MS);
	const scope = 'workflow-id\u0000node-id\u0000webhook\u0000';
	for (let i = 0; i < MEMORY_CAPACITY; i++)
		memory.seenBefore(
			memoryKey(scope, `leegality:${createHmac('sha1', 'k').update(String(i)).digest('hex')}`),
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
		memory.seenBefore(memoryKey(scope, `probe-${i % 1000}`), MEMORY_CAPACITY + i),
	);
	line('  check-and-record at capacity (ns)', lookupNs.toFixed(0), '');

	await oversizedIds();
	process.stdout.write('\n');
	if (process.exitCode) process.stdout.write('Some targets were missed.\n');
}

/**
 * The least any trigger with this package's guarantees must do per delivery, written inline
 * with the package's own building blocks and nothing else: parse, check the MAC, hash the event
 * id, check-and-record it in the duplicate memory, build the item. No settings, no credential
 * cache, no classification, no screening: the pipeline's distance to it is its own overhead.
 * @returns {(body: Buffer, workflow: number) => Promise<object>}
 */
function minimalPipeline() {
	const memory = new RecentIds(MEMORY_CAPACITY, DUPLICATE_WINDOW_MS);
	return async (body, workflow) => {
		const parsed = /** @type {typeof payload} */ (JSON.parse(body.toString('utf8')));
		const encoding = verifyHmac({
			algorithm: 'sha1',
			key: salt,
			message: parsed.documentId,
			received: parsed.mac,
			encodings: ['hex'],
		});
		if (!encoding) throw new Error('not authentic');
		const request = parsed.request;
		const eventId = hashedEventId('leegality', [
			parsed.documentId,
			request.invitationUrl,
			'signer.signed',
			request.action,
			request.expiryDate,
		]);
		if (memory.seenBefore(memoryKey(`wf-${workflow}\u0000bench\u0000manual`, eventId), Date.now()))
			return { noWebhookResponse: true };
		const json = {
			provider: 'leegality',
			event: 'recipient.signed',
			eventId,
			documentId: parsed.documentId,
			recipient: { name: request.name, email: request.email },
			receivedAt: new Date().toISOString(),
			payload: parsed,
		};
		return { webhookResponse: { received: true, events: 1 }, workflowData: [[{ json }]] };
	};
}

/**
 * A Legalesign 6-minute batch of 500 status changes (RSA-SHA1 signed form body) through the whole
 * pipeline, against the floor: one form parse, one RSA verification, one JSON.parse of `data`.
 */
async function legacyBatch() {
	const { createSign } = require('node:crypto');
	const { createSelfSignedCertificate } = /** @type {typeof import('../emulator/x509')} */ (
		require(path.join(__dirname, '..', 'emulator', 'x509'))
	);
	const { legalesignTrigger } = /** @type {typeof import('../nodes/Legalesign/trigger')} */ (
		require(path.join(dist, 'Legalesign', 'trigger'))
	);
	const { LegalesignTrigger } =
		/** @type {typeof import('../nodes/Legalesign/LegalesignTrigger.node')} */ (
			require(path.join(dist, 'Legalesign', 'LegalesignTrigger.node'))
		);
	const { certificatePem, privateKey } = createSelfSignedCertificate();
	const records = Array.from({ length: 500 }, (_, i) => ({
		timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString().slice(0, 19),
		name: 'status',
		value: String([5, 10, 20, 30, 40][i % 5]),
		resource_uri: `/api/v1/signer/${String(i).padStart(8, '0')}-0000-4000-8000-000000000000/`,
	}));
	const data = JSON.stringify(records);
	const signed = createSign('RSA-SHA1').update(data).sign(privateKey).toString('base64');
	const body = Buffer.from(new URLSearchParams({ data, signed }).toString(), 'utf8');
	// The node's `events` property exists and lists options (the batch's events).
	const batchEvents = /** @type {INodePropertyOptions[]} */ (
		/** @type {INodeProperties} */ (
			new LegalesignTrigger().description.properties.filter((p) => p.name === 'events').pop()
		).options
	).map((o) => o.value);
	/** @type {Record<string, unknown>} */
	const legacyParameters = {
		webhookType: 'legacy',
		legacyNotify: 'all',
		registration: 'manual',
		events: batchEvents,
		options: {},
	};
	/** @type {Record<string, Record<string, string>>} */
	const legacyCredentials = { legalesignApi: { legacyPublicCertificate: certificatePem } };
	let counter = 0;
	/** @returns {FakeWebhookContext} */
	const legacyContext = () => {
		/** @type {FakeResponse} */
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
			...context(`wf-batch-${counter++}`),
			getRequestObject: () => ({
				rawBody: body,
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				query: {},
			}),
			getResponseObject: () => response,
			getNodeParameter: (name, fallback) =>
				legacyParameters[name] !== undefined ? legacyParameters[name] : fallback,
			getCredentials: async (type) => legacyCredentials[type],
		};
	};
	const sample = await handleWebhook.call(
		/** @type {IWebhookFunctions} */ (/** @type {unknown} */ (legacyContext())),
		legalesignTrigger,
	);
	const items = sample.workflowData?.[0]?.length ?? 0;
	const { verify, X509Certificate } = require('node:crypto');
	const key = new X509Certificate(certificatePem).publicKey;
	const {
		times: [floorNs, pipelineNs],
		ratios: [, ratio],
	} = await sideBySide(
		9,
		() =>
			timeSync(40, () => {
				const form = new URLSearchParams(body.toString('utf8'));
				// The form built above has both fields.
				const text = /** @type {string} */ (form.get('data'));
				verify(
					'sha1',
					Buffer.from(text),
					key,
					Buffer.from(/** @type {string} */ (form.get('signed')), 'base64'),
				);
				return /** @type {unknown[]} */ (JSON.parse(text)).length;
			}),
		() =>
			timeAsync(40, () =>
				handleWebhook.call(
					/** @type {IWebhookFunctions} */ (/** @type {unknown} */ (legacyContext())),
					legalesignTrigger,
				),
			),
	);
	process.stdout.write(
		`\nLegalesign legacy batch (${records.length} records, ${body.length} bytes → ${items} items)\n`,
	);
	line('  pipeline per batch (ms)', (pipelineNs / 1e6).toFixed(2), '');
	line('  floor: form parse + RSA verify + JSON.parse (ms)', (floorNs / 1e6).toFixed(2), '');
	line(
		'  ratio pipeline / floor',
		ratio.toFixed(1),
		verdict(
			ratio <= TARGETS.batchOverFloor && items === records.length,
			`target ≤ ${TARGETS.batchOverFloor}, one item per record`,
		),
	);
}

/**
 * A 5 MB Leegality v2.3 success body (base64 PDF embedded): n8n parses every `application/json`
 * body into `req.body` before `webhook()` runs, and the pipeline adopts that parse. Side by side:
 * the pipeline given n8n's parse, the pipeline left to parse the raw bytes itself (what it did
 * before), and n8n's own parse for scale. Distinct documents, so no delivery is a repeat.
 */
async function largeBody() {
	const DELIVERIES = 4;
	const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(3_700_000)]);
	const bodies = Array.from({ length: DELIVERIES }, (_, i) => {
		const id = `01KN23SUCCESS${String(i).padStart(13, '0')}`;
		const body = {
			documentId: id,
			mac: createHmac('sha1', salt).update(id).digest('hex'),
			irn: 'ORDER-2301',
			files: [pdf.toString('base64')],
			auditTrail: randomBytes(100_000).toString('base64'),
			request: { name: 'Asha Rao', email: 'asha@example.com', signed: true, active: true },
		};
		return Buffer.from(JSON.stringify(body), 'utf8');
	});
	/** What n8n does with the body before `webhook()` (body-parser.ts `parseBody`). */
	const n8nParse = (/** @type {Buffer} */ raw) =>
		/** @type {object} */ (JSON.parse(raw.toString('utf8')));
	let round = 0;
	/**
	 * @param {boolean} adopt hand the pipeline n8n's parse (made outside the timed part)
	 * @returns {Promise<number>} ns per delivery
	 */
	const deliverAll = async (adopt) => {
		const workflowId = `wf-large-${round++}`;
		const parsed = bodies.map((raw) => (adopt ? n8nParse(raw) : undefined));
		const start = process.hrtime.bigint();
		for (const [i, raw] of bodies.entries()) {
			const result = await handleWebhook.call(
				/** @type {IWebhookFunctions} */ (
					/** @type {unknown} */ ({
						...context(workflowId, raw),
						getRequestObject: () => ({
							rawBody: raw,
							// What n8n sets before webhook(): its reading of the header, and its parse.
							contentType: 'application/json',
							encoding: 'utf-8',
							body: parsed[i],
							headers: { 'content-type': 'application/json' },
							query: {},
						}),
						helpers: {
							prepareBinaryData: async (
								/** @type {Buffer} */ data,
								/** @type {string} */ fileName,
								/** @type {string} */ mimeType,
							) => ({ data: '', fileName, mimeType, fileSize: String(data.length) }),
						},
					})
				),
				leegalityTrigger,
			);
			if (!result.workflowData?.[0]?.[0]?.binary)
				throw new Error('large body: no item with its file');
		}
		return Number(process.hrtime.bigint() - start) / DELIVERIES;
	};
	const {
		times: [reparseNs, adoptNs, parseNs],
		ratios: [, adoptRatio],
	} = await sideBySide(
		7,
		() => deliverAll(false),
		() => deliverAll(true),
		() => timeSync(DELIVERIES, (i) => n8nParse(bodies[i])),
	);
	process.stdout.write(
		`\nLarge delivery (Leegality v2.3, ${(bodies[0].length / 1024 / 1024).toFixed(1)} MB, PDF embedded)\n`,
	);
	line("  n8n's own parse before webhook() (ms)", (parseNs / 1e6).toFixed(1), '');
	line('  pipeline parsing the bytes again (ms)', (reparseNs / 1e6).toFixed(1), '');
	line("  pipeline adopting n8n's parse (ms)", (adoptNs / 1e6).toFixed(1), '');
	line('  ratio adopting / parsing again', adoptRatio.toFixed(2), '');
}

/** Heap in use after a full collection (bytes); approximate without --expose-gc. */
function settledHeap() {
	global.gc?.();
	global.gc?.();
	return process.memoryUsage().heapUsed;
}

/**
 * Issue 9, fault 2: authenticated senders choose the event id. 100 deliveries with 4 MiB ids
 * through handleWebhook() for LexgoSign (automatic registration) and Legalesign realtime; what
 * stays on the heap afterwards is the duplicate memory's share. Side by side: the same ids kept
 * at full size in a RecentIds, which is what the memory did before it remembered digests.
 */
async function oversizedIds() {
	const { lexgoSignTrigger } = /** @type {typeof import('../nodes/LexgoSign/trigger')} */ (
		require(path.join(dist, 'LexgoSign', 'trigger'))
	);
	const { legalesignTrigger } = /** @type {typeof import('../nodes/Legalesign/trigger')} */ (
		require(path.join(dist, 'Legalesign', 'trigger'))
	);
	const COUNT = 100;
	const SIZE = 4 * 1024 * 1024;
	const idOf = (/** @type {number} */ i) => `${'x'.repeat(SIZE - 8)}${String(i).padStart(8, '0')}`;
	const authorization = `Bearer ${randomBytes(24).toString('hex')}`;
	const token = randomBytes(32).toString('hex');
	const hmacSecret = randomBytes(24).toString('hex');
	/**
	 * @type {Array<{
	 *   label: string,
	 *   trigger: import('../nodes/shared/trigger').TriggerProvider,
	 *   parameters: Record<string, unknown>,
	 *   staticData: Record<string, unknown>,
	 *   credentials: Record<string, Record<string, string>>,
	 *   body: (id: string) => object,
	 *   headers: (raw: Buffer) => Record<string, string>,
	 *   query: Record<string, string>,
	 * }>}
	 */
	const providers = [
		{
			label: 'LexgoSign',
			trigger: lexgoSignTrigger,
			parameters: { registration: 'automatic', events: ['envelope.success'], options: {} },
			staticData: { subscription: { webhookId: 'wh', authorization, events: '', url: '' } },
			credentials: { lexgoSignApi: {} },
			body: (id) => ({
				id,
				event_type: 'envelope.success',
				data: { id: 'env-1', status: 'SUCCESS' },
			}),
			headers: () => ({ 'content-type': 'application/json', authorization }),
			query: {},
		},
		{
			label: 'Legalesign realtime',
			trigger: legalesignTrigger,
			parameters: { webhookType: 'realtime', events: ['document.finalPdfCreated'], options: {} },
			staticData: {
				subscription: { url: '', token, notify: 'realtime', eventFilter: '', group: '' },
			},
			credentials: { legalesignApi: { webhookHmacSecret: hmacSecret } },
			body: (id) => ({ id, object: 'document', event: 'finalPdfCreated', data: { uuid: 'doc-1' } }),
			headers: (raw) => ({
				'content-type': 'application/json',
				'x-hmac-sha256': createHmac('sha256', hmacSecret).update(raw).digest('hex'),
			}),
			query: { token },
		},
	];
	process.stdout.write(
		`\nOversized event ids: ${COUNT} authenticated deliveries with ${SIZE / 1024 / 1024} MiB ids, heap kept afterwards${global.gc ? '' : ' (run with --expose-gc for exact numbers)'}\n`,
	);
	/**
	 * @param {typeof providers[number]} provider
	 * @param {string} id
	 */
	const deliver = async (provider, id) => {
		const rawBody = Buffer.from(JSON.stringify(provider.body(id)), 'utf8');
		/** @type {FakeWebhookContext} */
		const ctx = {
			...context(`wf-oversized-${provider.label}`),
			getRequestObject: () => ({
				rawBody,
				headers: provider.headers(rawBody),
				query: provider.query,
			}),
			getNodeParameter: (name, fallback) => provider.parameters[name] ?? fallback,
			getCredentials: async (type) => provider.credentials[type],
			getWorkflowStaticData: () => provider.staticData,
		};
		const result = await handleWebhook.call(
			/** @type {IWebhookFunctions} */ (/** @type {unknown} */ (ctx)),
			provider.trigger,
		);
		return result.workflowData?.[0]?.length ?? 0;
	};
	for (const provider of providers) {
		// Warm-up with short ids: compiled code and caches are not what is measured.
		for (let i = 0; i < 200; i++) await deliver(provider, `warm-up-${i}`);
		const before = settledHeap();
		let emitted = 0;
		for (let i = 0; i < COUNT; i++) emitted += await deliver(provider, idOf(i));
		const kept = (settledHeap() - before) / 1024 / 1024;
		line(
			`  ${provider.label}: kept (MB), ${emitted} items emitted`,
			kept.toFixed(2),
			verdict(
				kept <= TARGETS.oversizedRetainedMb && emitted === COUNT,
				`target ≤ ${TARGETS.oversizedRetainedMb}`,
			),
		);
	}
	const before = settledHeap();
	const fullSize = new RecentIds(MEMORY_CAPACITY, DUPLICATE_WINDOW_MS);
	for (let i = 0; i < COUNT; i++) fullSize.seenBefore(idOf(i), i);
	const keptFullSize = (settledHeap() - before) / 1024 / 1024;
	line(
		`  ids kept at full size (before the fix) (MB), ${fullSize.size} ids`,
		keptFullSize.toFixed(0),
		'',
	);
}

/**
 * `ok` or `MISS` (which makes the run exit 1), with the target.
 * @param {boolean} ok
 * @param {string} target
 */
function verdict(ok, target) {
	if (!ok) process.exitCode = 1;
	return `${ok ? 'ok  ' : 'MISS'} (${target})`;
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
