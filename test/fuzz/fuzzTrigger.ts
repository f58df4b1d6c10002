import fc from 'fast-check';

import {
	deliver,
	type DeliveryOutcome,
	leakedSecret,
	type RawDelivery,
	type TriggerSetup,
} from '../support/triggers';
import {
	contentType,
	headers as hostileHeaders,
	hostileJsonText,
	query as hostileQuery,
	rawBody,
	withHostileField,
	withOtherId,
	withPrototypeKeys,
	POLLUTION_MARKER,
} from './hostile';
import { type Expectation, type Mutation, mutationsFor } from './mutations';
import { collectedHeapBytes, type FuzzCounts, fuzzBudget, now, report } from './support/runtime';

/**
 * Property-based fuzzing of a trigger's real `webhook()` (issue 9). Every delivery, whatever it
 * is, must: not throw, be answered (a status written), never with a 5xx, start the workflow only
 * with a 200, echo no secret in items, answer or log lines (all bounded in size), leave
 * Object.prototype alone, and cost no API call unless it is authentic. On top, per kind of input:
 * a genuine delivery always starts the workflow, an equivalent mutation of it too, a mutation
 * that breaks its proof or signed content never does, nor does a forgery or a stranger's request.
 * Across the whole run the heap may grow by at most MAX_HEAP_GROWTH_MB.
 */

/**
 * What a run may leave on the heap: the duplicate memory at capacity (50,000 digests ≈ 6.4 MB,
 * `npm run bench`), the credential cache (256 entries), engine caches; with margin.
 */
export const MAX_HEAP_GROWTH_MB = 64;
/** Statuses a trigger answers with (README, "Security model"). */
const STATUSES = new Set([200, 400, 401, 403, 409, 413, 415, 422, 424]);
/** Answer bodies and log lines stay short, whatever the sender sent. */
const MAX_TEXT_LENGTH = 4096;
/** A run that awaits longer than this is a hang (not a speed target). */
const HANG_MS = 60_000;

/** How a run appears in a counterexample: the setup's name, the kind, the request in short. */
function describeRun(run: Omit<Run, typeof fc.toStringMethod>): string {
	const body = run.delivery.body.toString('utf8');
	const preview = body.length > 300 ? `${body.slice(0, 300)}… (${body.length} bytes)` : body;
	return `${run.setup.name}, ${run.kind}: headers ${JSON.stringify(run.delivery.headers).slice(0, 300)}, query ${JSON.stringify(run.delivery.query).slice(0, 200)}, body ${JSON.stringify(preview)}`;
}

function asRun(run: Omit<Run, typeof fc.toStringMethod>): Run {
	return { ...run, [fc.toStringMethod]: () => describeRun(run) };
}

interface Run {
	[fc.toStringMethod]: () => string;
	setup: TriggerSetup;
	delivery: RawDelivery;
	expect: Expectation;
	/** Authentic (may reach the provider's API when an option asks for it). */
	authentic: boolean;
	kind: string;
}

function prototypeNames(): string {
	return [Object.prototype, Array.prototype, Function.prototype, String.prototype]
		.map((prototype) => Object.getOwnPropertyNames(prototype).sort().join(','))
		.join('|');
}

const cache = new Map<string, RawDelivery>();

/** The genuine (or forged) sample delivery of a setup, signed once (RSA signing is slow). */
function sampleDelivery(setup: TriggerSetup, forged: boolean): RawDelivery {
	const key = `${setup.name}:${forged}`;
	let delivery = cache.get(key);
	if (!delivery) {
		delivery = forged ? setup.forge(setup.sample()) : setup.sign(setup.sample());
		cache.set(key, delivery);
	}
	return delivery;
}

function pairs(setups: TriggerSetup[]): Array<[TriggerSetup, Mutation]> {
	return setups.flatMap((setup) =>
		mutationsFor(setup).map((mutation) => [setup, mutation] as [TriggerSetup, Mutation]),
	);
}

function genuineRuns(setups: TriggerSetup[]): fc.Arbitrary<Run> {
	return fc.constantFrom(...setups).map((setup) =>
		asRun({
			setup,
			delivery: sampleDelivery(setup, false),
			expect: 'accept',
			authentic: true,
			kind: 'genuine',
		}),
	);
}

function mutatedRuns(setups: TriggerSetup[]): fc.Arbitrary<Run> {
	return fc.tuple(fc.constantFrom(...pairs(setups)), fc.nat()).map(([[setup, mutation], n]) => {
		const { delivery, expect } = mutation.apply(sampleDelivery(setup, false), n);
		return asRun({
			setup,
			delivery,
			expect,
			authentic: expect !== 'refuse' || mutation.authentic === true,
			kind: `mutated (${mutation.name})`,
		});
	});
}

function forgedRuns(setups: TriggerSetup[]): fc.Arbitrary<Run> {
	return fc
		.tuple(fc.constantFrom(...pairs(setups)), fc.nat(), fc.boolean())
		.map(([[setup, mutation], n, mutate]) =>
			asRun({
				setup,
				delivery: mutate
					? mutation.apply(sampleDelivery(setup, true), n).delivery
					: sampleDelivery(setup, true),
				expect: 'refuse',
				authentic: false,
				kind: `forged${mutate ? ` (${mutation.name})` : ''}`,
			}),
		);
}

function strangerRuns(setups: TriggerSetup[]): fc.Arbitrary<Run> {
	return fc
		.record({
			setup: fc.constantFrom(...setups),
			body: rawBody,
			headers: hostileHeaders,
			query: hostileQuery,
			contentType: fc.option(contentType),
		})
		.map(({ setup, body, headers, query, contentType: type }) =>
			asRun({
				setup,
				delivery: {
					body,
					headers: type === null ? headers : { ...headers, 'content-type': type },
					query,
				},
				expect: 'refuse',
				authentic: false,
				kind: 'stranger',
			}),
		);
}

/** Correctly signed deliveries whose content a sender chose: any shape, depth, key or size. */
function hostileContentRuns(setups: TriggerSetup[]): fc.Arbitrary<Run> {
	const signers = setups.flatMap((setup) =>
		setup.signText ? [{ setup, signText: setup.signText }] : [],
	);
	return fc.constantFrom(...signers).chain(({ setup, signText }) =>
		fc
			.record({
				text: fc.oneof(
					hostileJsonText,
					withHostileField(setup.sample()),
					withOtherId(setup.sample()),
					fc.constant(withPrototypeKeys(setup.sample())),
				),
				contentType: fc.option(contentType, { freq: 4 }),
				extraHeaders: fc.option(hostileHeaders, { freq: 2 }),
			})
			.map(({ text, contentType: type, extraHeaders }) => {
				const signed = signText(text);
				const headers = { ...(extraHeaders ?? {}), ...signed.headers };
				if (type !== null) headers['content-type'] = type;
				return asRun({
					setup,
					delivery: { ...signed, headers },
					expect: 'any',
					authentic: true,
					kind: 'hostile content',
				});
			}),
	);
}

function isOutcome(value: unknown): value is DeliveryOutcome {
	return typeof value === 'object' && value !== null && 'items' in value && 'logs' in value;
}

function longest(texts: string[]): number {
	return texts.reduce((max, text) => Math.max(max, text.length), 0);
}

/** Declares the fuzz suite of one trigger (one jest `describe`). */
export function fuzzTrigger(trigger: string, setups: TriggerSetup[]): void {
	const budget = fuzzBudget();
	const counts: FuzzCounts = {
		deliveries: 0,
		accepted: 0,
		byStatus: {},
		ms: 0,
		slowestMs: 0,
		heapGrowthMb: 0,
		setups: {},
	};
	const prototypes = prototypeNames();

	async function check(run: Run): Promise<void> {
		const started = now();
		const outcome = await deliver(run.setup, run.delivery).catch((error: unknown) => error);
		if (!isOutcome(outcome)) {
			throw new Error(`${run.setup.name}, ${run.kind}: webhook() threw ${String(outcome)}`);
		}
		counts.slowestMs = Math.max(counts.slowestMs, now() - started);
		const status = outcome.status;
		const startedWorkflow = outcome.items.length > 0;
		counts.deliveries++;
		counts.setups[run.setup.name] = (counts.setups[run.setup.name] ?? 0) + 1;
		counts.byStatus[String(status)] = (counts.byStatus[String(status)] ?? 0) + 1;
		if (startedWorkflow) counts.accepted++;

		const broken = violations(run, outcome, startedWorkflow);
		if (broken.length > 0) {
			throw new Error(
				`${run.setup.name}, ${run.kind}: ${broken.join('; ')} (answered ${status}: ${JSON.stringify(outcome.body)})`,
			);
		}
	}

	/** The invariants a delivery's outcome breaks (plain checks: this runs 100,000 times). */
	function violations(run: Run, outcome: DeliveryOutcome, startedWorkflow: boolean): string[] {
		const { status } = outcome;
		const broken: string[] = [];
		if (typeof status !== 'number') return ['nothing was answered'];
		if (!STATUSES.has(status)) broken.push(`status ${status} is not one a trigger answers`);
		if (startedWorkflow && status !== 200) broken.push('started the workflow without a 200');
		if (run.expect === 'accept' && !(status === 200 && startedWorkflow)) {
			broken.push('an equivalent of a genuine delivery did not start the workflow');
		}
		if (run.expect === 'refuse' && (status < 400 || startedWorkflow)) {
			broken.push('a delivery with a broken proof or content was not refused with a 4xx');
		}
		if (!run.authentic && outcome.apiCalls > 0) {
			broken.push(`a delivery that is not authentic cost ${outcome.apiCalls} API call(s)`);
		}
		const leaked = leakedSecret(run.setup, outcome);
		if (leaked) broken.push('a secret appears in an item, the answer or a log line');
		const texts = [JSON.stringify(outcome.body ?? null), ...outcome.logs.map((l) => l.message)];
		if (longest(texts) > MAX_TEXT_LENGTH) broken.push('an answer or log line is unbounded');
		if (POLLUTION_MARKER in {} || prototypeNames() !== prototypes) {
			broken.push('a prototype was modified');
		}
		return broken;
	}

	const properties: Array<[string, number, fc.Arbitrary<Run>]> = [
		['a genuine delivery always starts the workflow', 0.04, genuineRuns(setups)],
		[
			'a mutated genuine delivery: equivalents start it, broken proofs or content get a 4xx',
			0.36,
			mutatedRuns(setups),
		],
		['a forgery (wrong secrets), mutated or not, gets a 4xx', 0.15, forgedRuns(setups)],
		["a stranger's bytes, headers, content types and query get a 4xx", 0.2, strangerRuns(setups)],
		[
			'authentic deliveries with hostile content are answered 2xx or 4xx',
			0.25,
			hostileContentRuns(setups),
		],
	];

	describe(`${trigger} trigger: fuzzing webhook()`, () => {
		let heapBefore = 0;
		let startedAt = 0;

		beforeAll(() => {
			heapBefore = collectedHeapBytes();
			startedAt = now();
		});

		properties.forEach(([name, share, runs], index) => {
			const numRuns = Math.max(20, Math.round(budget.deliveries * share));
			it(
				name,
				async () => {
					await fc.assert(fc.asyncProperty(runs, check), {
						numRuns,
						seed: budget.seed + index,
						plugins: [fc.timeout(HANG_MS)],
					});
				},
				120_000 + numRuns * 50,
			);
		});

		it(`keeps the heap growth under ${MAX_HEAP_GROWTH_MB} MB and reports the counts`, () => {
			counts.ms = now() - startedAt;
			counts.heapGrowthMb = (collectedHeapBytes() - heapBefore) / 1024 / 1024;
			report(trigger, counts);
			expect(counts.deliveries).toBeGreaterThanOrEqual(budget.deliveries * 0.99);
			expect(counts.heapGrowthMb).toBeLessThan(MAX_HEAP_GROWTH_MB);
		});
	});
}
