import {
	DUPLICATE_WINDOW_MS,
	RecentIds,
	dropRepeatedEvents,
	MAX_KEPT_ID_LENGTH,
	memoryKey,
} from '../../../nodes/shared/duplicates';
import type { EsignEventDraft } from '../../../nodes/shared/item';
import { webhookContext } from '../../support/contexts';

const events = (...ids: string[]) => ids.map((eventId) => ({ eventId }) as EsignEventDraft);
const ids = (list: EsignEventDraft[]) => list.map((event) => event.eventId);
let scope = 0;
/** Each test gets its own workflow id, because the memory is process-wide by design. */
const context = (overrides: Parameters<typeof webhookContext>[0] = {}) =>
	webhookContext({ workflowId: `wf-dup-${++scope}`, ...overrides });

describe('RecentIds', () => {
	it('remembers keys within the window and forgets them after it', () => {
		const recent = new RecentIds(10, 1000);
		expect(recent.seenBefore('a', 0)).toBe(false);
		expect(recent.seenBefore('a', 999)).toBe(true);
		expect(recent.seenBefore('a', 1000)).toBe(false);
		expect(recent.seenBefore('a', 1500)).toBe(true);
	});

	it('never holds more than its capacity, evicting the oldest first', () => {
		const recent = new RecentIds(3, 10_000);
		for (const [t, id] of ['a', 'b', 'c', 'd'].entries()) recent.seenBefore(id, t);
		expect(recent.size).toBe(3);
		expect(recent.seenBefore('d', 5)).toBe(true);
		expect(recent.seenBefore('a', 5)).toBe(false);
	});

	it('drops expired entries as new ones arrive', () => {
		const recent = new RecentIds(100, 10);
		for (let t = 0; t < 50; t++) recent.seenBefore(`id-${t}`, t);
		expect(recent.size).toBeLessThanOrEqual(11);
	});
});

describe('memoryKey', () => {
	it('is bounded whatever the size of the id, and differs per scope and id', () => {
		const huge = 'x'.repeat(4 * 1024 * 1024);
		const bound = MAX_KEPT_ID_LENGTH + 16;
		expect(memoryKey('scope', huge).length).toBeLessThan(bound);
		expect(memoryKey('scope', huge)).not.toBe(memoryKey('scope', `${huge}y`));
		const longest = 'y'.repeat(MAX_KEPT_ID_LENGTH);
		expect(memoryKey('scope', longest).length).toBeLessThan(bound);
		// An id kept as it is never meets a digest of a longer one.
		expect(memoryKey('scope', longest)).not.toBe(memoryKey('scope', `${longest}y`));
		expect(memoryKey('scope', 'a')).toBe(memoryKey('scope', 'a'));
		expect(memoryKey('scope', 'a')).not.toBe(memoryKey('scope', 'b'));
		expect(memoryKey('other', 'a')).not.toBe(memoryKey('scope', 'a'));
		// The separator keeps "ab" + "c" apart from "a" + "bc".
		expect(memoryKey('ab', 'c')).not.toBe(memoryKey('a', 'bc'));
	});
});

describe('dropRepeatedEvents', () => {
	it('passes first deliveries and drops retries, also when others arrive in between', () => {
		const { ctx } = context();
		expect(ids(dropRepeatedEvents.call(ctx, events('e1'), 0).fresh)).toEqual(['e1']);
		expect(ids(dropRepeatedEvents.call(ctx, events('e2'), 1).fresh)).toEqual(['e2']);
		expect(ids(dropRepeatedEvents.call(ctx, events('e1'), 2).repeated)).toEqual(['e1']);
		expect(dropRepeatedEvents.call(ctx, events('e1'), DUPLICATE_WINDOW_MS - 1).fresh).toEqual([]);
	});

	it('drops a repeat inside one batch', () => {
		const { ctx } = context();
		const { fresh, repeated } = dropRepeatedEvents.call(ctx, events('x', 'y', 'x'), 0);
		expect(ids(fresh)).toEqual(['x', 'y']);
		expect(ids(repeated)).toEqual(['x']);
	});

	it('keeps workflows, nodes and test/production mode apart', () => {
		const id = `wf-shared-${scope++}`;
		const fresh = (options: Parameters<typeof webhookContext>[0]) =>
			dropRepeatedEvents.call(webhookContext(options).ctx, events('same'), 0).fresh.length;
		expect(fresh({ workflowId: id })).toBe(1);
		expect(fresh({ workflowId: `${id}-b` })).toBe(1);
		expect(fresh({ workflowId: id, nodeId: 'other' })).toBe(1);
		expect(fresh({ workflowId: id, mode: 'manual' })).toBe(1);
		expect(fresh({ workflowId: id })).toBe(0);
	});

	it('never writes static data (n8n saves concurrent webhook writes last-writer-wins)', () => {
		const staticData = { subscription: { token: 'current' } };
		const { ctx } = context({ staticData });
		dropRepeatedEvents.call(ctx, events('p', 'q'), 0);
		dropRepeatedEvents.call(ctx, events('p'), 1);
		expect(staticData).toEqual({ subscription: { token: 'current' } });
	});

	it('tells oversized ids apart without keeping them', () => {
		const { ctx } = context();
		const big = (c: string) => c.repeat(1024 * 1024);
		expect(dropRepeatedEvents.call(ctx, events(big('a'), big('b')), 0).fresh).toHaveLength(2);
		expect(dropRepeatedEvents.call(ctx, events(big('a')), 1).repeated).toHaveLength(1);
	});
});
