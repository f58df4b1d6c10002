import { fieldErrors } from '../../../nodes/Legalesign/api';
import { MAX_JSON_DEPTH } from '../../../nodes/shared/delivery';
import { leegalityPayloads } from '../../fixtures/leegality';
import {
	allSetups,
	deliver,
	leegalitySetup,
	legalesignRealtimeSetup,
	type RawDelivery,
	type TriggerSetup,
} from '../../support/triggers';

/**
 * Issue 9, fault 1: a correctly signed delivery with a deeply nested value was answered 500 (the
 * event id recursed over the body and overflowed the stack); Leegality retries a 500, and its `mac`
 * never expires. Nothing on the webhook path may recurse over a depth the sender chooses.
 */

const LEVELS = 5000;
const PLACEHOLDER = '"__deep__"';

function nestedObjects(levels: number): string {
	return '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
}

function nestedArrays(levels: number): string {
	return '['.repeat(levels) + '1' + ']'.repeat(levels);
}

/** A genuine delivery of the setup's sample whose signed content carries `deep` in one field. */
function signedWithDeepValue(setup: TriggerSetup, deep: string): RawDelivery {
	const sample = setup.sample();
	if (!setup.signText) {
		// Leegality: the mac covers only documentId, so the body is edited after signing.
		const genuine = setup.sign({ ...(sample as object), verification: '__deep__' });
		return { ...genuine, body: Buffer.from(genuine.body.toString().replace(PLACEHOLDER, deep)) };
	}
	const text = Array.isArray(sample)
		? JSON.stringify([{ ...sample[0], extra: '__deep__' }, ...sample.slice(1)])
		: JSON.stringify({ ...(sample as object), extra: '__deep__' });
	return setup.signText(text.replace(PLACEHOLDER, deep));
}

describe('a correctly signed delivery nested 5,000 levels deep', () => {
	it('Leegality: a ~30 KB `verification` object is refused with 400 and a reason, never 500', async () => {
		const setup = leegalitySetup();
		const delivery = signedWithDeepValue(setup, nestedObjects(LEVELS));
		expect(delivery.body.length).toBeGreaterThan(29_000);
		expect(delivery.body.length).toBeLessThan(32_000);
		const outcome = await deliver(setup, delivery);
		expect(outcome.status).toBe(400);
		expect(outcome.body).toEqual({
			error: `the body nests deeper than ${MAX_JSON_DEPTH} levels`,
		});
		expect(outcome.result.workflowData).toBeUndefined();
		expect(outcome.logs).toContainEqual({
			level: 'warn',
			message: expect.stringContaining('HTTP 400'),
		});
	});

	it('the same delivery nested just within the limit is accepted (the limit is not too tight)', async () => {
		const setup = leegalitySetup();
		const outcome = await deliver(setup, signedWithDeepValue(setup, nestedObjects(60)));
		expect(outcome.status).toBe(200);
		expect(outcome.items).toHaveLength(1);
	});

	describe.each(allSetups().map((setup) => [setup.name, setup] as const))('%s', (_name, setup) => {
		it.each([
			['objects', nestedObjects(LEVELS)],
			['arrays', nestedArrays(LEVELS)],
		])('deep %s: 400 with a reason, no execution', async (_kind, deep) => {
			const outcome = await deliver(setup, signedWithDeepValue(setup, deep));
			expect(outcome.status).toBe(400);
			expect(outcome.body).toEqual({ error: expect.stringMatching(/nests deeper than 64 levels/) });
			expect(outcome.items).toHaveLength(0);
		});
	});

	it('the Leegality fixture really is a signed delivery (control)', async () => {
		const setup = leegalitySetup();
		const outcome = await deliver(setup, setup.sign(leegalityPayloads.signerSigned()));
		expect(outcome.status).toBe(200);
	});
});

describe('error bodies of provider APIs are read to a fixed depth', () => {
	it('Legalesign field errors: 5,000 nested arrays give no message instead of a stack overflow', () => {
		const deep = JSON.parse(nestedArrays(LEVELS)) as unknown;
		expect(() => fieldErrors(deep)).not.toThrow();
		expect(fieldErrors(deep)).toEqual([]);
		expect(fieldErrors([[['kept']]])).toEqual(['kept']);
	});

	it('a Legalesign trigger whose details call fails with a deep body still emits the event', async () => {
		const setup = legalesignRealtimeSetup();
		const outcome = await deliver(setup, setup.sign(setup.sample()), {
			parameters: { options: { includeDocumentDetails: true } },
			http: () => ({
				statusCode: 400,
				headers: { 'content-type': 'application/json' },
				body: JSON.parse(`{"document":${nestedArrays(LEVELS)}}`) as unknown,
			}),
		});
		expect(outcome.status).toBe(200);
		expect(outcome.items).toHaveLength(1);
		expect(outcome.items[0].enrichmentError).toMatch(/^document details: Legalesign: /);
		expect(outcome.items[0].enrichmentError).not.toMatch(/call stack/i);
	});
});
