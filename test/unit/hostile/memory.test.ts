import { RecentIds } from '../../../nodes/shared/duplicates';
import {
	deliver,
	legalesignRealtimeSetup,
	lexgoSignSetup,
	type TriggerSetup,
} from '../../support/triggers';

/**
 * Issue 9, fault 2: the duplicate memory kept each event id at full size, and an id is whatever
 * an authenticated delivery says (100 LexgoSign deliveries with 4 MiB ids held ~400 MB for a day).
 * Every entry must have the same size whatever the id: what the memory records is observed here
 * (the heap growth itself is measured by `npm run bench`, "Oversized event ids").
 */

const MIB = 1024 * 1024;
const HUGE = 4 * MIB;

function hugeId(last: string): string {
	return `${'i'.repeat(HUGE - 1)}${last}`;
}

describe.each([
	['lexgosign-automatic', lexgoSignSetup('automatic'), 'id'],
	['legalesign-realtime', legalesignRealtimeSetup(), 'id'],
] as Array<[string, TriggerSetup, string]>)('%s with 4 MiB event ids', (_name, setup, idField) => {
	const withId = (id: string) => setup.sign({ ...(setup.sample() as object), [idField]: id });

	it('records one small key per event (a scope tag and a 16-byte digest), never the id', async () => {
		const recorded = jest.spyOn(RecentIds.prototype, 'seenBefore');
		try {
			const workflowId = `wf-memory-${setup.name}`;
			const first = await deliver(setup, withId(hugeId('a')), { workflowId });
			expect(first.status).toBe(200);
			expect(String(first.items[0].eventId)).toHaveLength(HUGE);
			expect(recorded).toHaveBeenCalledTimes(1);
			for (const [key] of recorded.mock.calls) expect(key.length).toBeLessThanOrEqual(24);
		} finally {
			recorded.mockRestore();
		}
	});

	it('still tells a repeat from a different id that differs only in its last byte', async () => {
		const workflowId = `wf-memory-identity-${setup.name}`;
		const first = await deliver(setup, withId(hugeId('a')), { workflowId });
		const repeat = await deliver(setup, withId(hugeId('a')), { workflowId });
		const other = await deliver(setup, withId(hugeId('b')), { workflowId });
		expect(first.items).toHaveLength(1);
		expect(repeat.status).toBe(200);
		expect(repeat.body).toMatchObject({ duplicates: 1, events: 0 });
		expect(repeat.items).toHaveLength(0);
		expect(other.items).toHaveLength(1);
	});
});
