import {
	DUPLICATE_WINDOW_MS,
	RecentIds,
	STATIC_DATA_CAPACITY,
	dropRepeatedEvents,
} from '../../../nodes/shared/duplicates';
import { webhookContext } from '../../support/contexts';

const events = (...ids: string[]) => ids.map((eventId) => ({ eventId }));
const at = (now: number) => ({ persist: true, now });
let scope = 0;
/** Each test gets its own workflow id, because the memory is process-wide by design. */
const context = (overrides: Parameters<typeof webhookContext>[0] = {}) =>
	webhookContext({ workflowId: `wf-dup-${++scope}`, ...overrides });

describe('RecentIds', () => {
	it('remembers ids within the window and forgets them after it', () => {
		const ids = new RecentIds(10, 1000);
		expect(ids.seenBefore('a', 0)).toBe(false);
		expect(ids.seenBefore('a', 999)).toBe(true);
		expect(ids.seenBefore('a', 1000)).toBe(false);
		expect(ids.seenBefore('a', 1500)).toBe(true);
	});

	it('never holds more than its capacity, evicting the oldest first', () => {
		const ids = new RecentIds(3, 10_000);
		for (const [t, id] of ['a', 'b', 'c', 'd'].entries()) ids.seenBefore(id, t);
		expect(ids.size).toBe(3);
		expect(ids.seenBefore('d', 5)).toBe(true);
		expect(ids.seenBefore('a', 5)).toBe(false);
	});

	it('drops expired entries as new ones arrive', () => {
		const ids = new RecentIds(100, 10);
		for (let t = 0; t < 50; t++) ids.seenBefore(`id-${t}`, t);
		expect(ids.size).toBeLessThanOrEqual(11);
	});
});

describe('dropRepeatedEvents', () => {
	it('passes first deliveries and drops retries, also when others arrive in between', () => {
		const { ctx } = context();
		expect(dropRepeatedEvents(ctx, events('e1'), at(0)).fresh).toHaveLength(1);
		expect(dropRepeatedEvents(ctx, events('e2'), at(1)).fresh).toHaveLength(1);
		expect(dropRepeatedEvents(ctx, events('e1'), at(2)).repeated).toEqual(events('e1'));
		expect(dropRepeatedEvents(ctx, events('e1'), at(DUPLICATE_WINDOW_MS - 1)).fresh).toHaveLength(
			0,
		);
	});

	it('drops a repeat inside one batch', () => {
		const { ctx } = context();
		const { fresh, repeated } = dropRepeatedEvents(ctx, events('x', 'y', 'x'), at(0));
		expect(fresh).toEqual(events('x', 'y'));
		expect(repeated).toEqual(events('x'));
	});

	it('keeps workflows, nodes and test/production mode apart', () => {
		const id = `wf-shared-${Date.now()}`;
		expect(
			dropRepeatedEvents(webhookContext({ workflowId: id }).ctx, events('same'), at(0)).fresh,
		).toHaveLength(1);
		expect(
			dropRepeatedEvents(webhookContext({ workflowId: `${id}-b` }).ctx, events('same'), at(0))
				.fresh,
		).toHaveLength(1);
		expect(
			dropRepeatedEvents(
				webhookContext({ workflowId: id, nodeId: 'other' }).ctx,
				events('same'),
				at(0),
			).fresh,
		).toHaveLength(1);
		expect(
			dropRepeatedEvents(
				webhookContext({ workflowId: id, mode: 'manual' }).ctx,
				events('same'),
				at(0),
			).fresh,
		).toHaveLength(1);
		expect(
			dropRepeatedEvents(webhookContext({ workflowId: id }).ctx, events('same'), at(0)).fresh,
		).toHaveLength(0);
	});

	it('records production events in static data so a restarted process still knows them', () => {
		const staticData = {};
		dropRepeatedEvents(context({ staticData }).ctx, events('persisted'), at(1000));
		expect(staticData).toEqual({ recentEventIds: { persisted: 1000 + DUPLICATE_WINDOW_MS } });
		// A new process (fresh memory, new scope) that loaded this static data:
		const restarted = context({ staticData });
		expect(dropRepeatedEvents(restarted.ctx, events('persisted'), at(2000)).fresh).toHaveLength(0);
		// The restarted process now remembers it from its own first sighting (t = 2000).
		expect(
			dropRepeatedEvents(restarted.ctx, events('persisted'), at(2000 + DUPLICATE_WINDOW_MS)).fresh,
		).toHaveLength(1);
	});

	it('keeps static data untouched when told not to persist (triggers that store a registration)', () => {
		const staticData = { subscription: { token: 'current' } };
		const { ctx } = context({ staticData });
		expect(dropRepeatedEvents(ctx, events('p'), { persist: false, now: 0 }).fresh).toHaveLength(1);
		expect(dropRepeatedEvents(ctx, events('p'), { persist: false, now: 1 }).repeated).toHaveLength(
			1,
		);
		expect(staticData).toEqual({ subscription: { token: 'current' } });
	});

	it('does not write static data in test (manual) mode, where n8n never saves it', () => {
		const staticData = {};
		dropRepeatedEvents(context({ staticData, mode: 'manual' }).ctx, events('t'), at(0));
		expect(staticData).toEqual({});
	});

	it('bounds the static copy, trimming expired entries and then the oldest', () => {
		const staticData: { recentEventIds?: Record<string, number> } = {};
		const { ctx } = context({ staticData });
		for (let i = 0; i <= STATIC_DATA_CAPACITY; i++)
			dropRepeatedEvents(ctx, events(`id-${i}`), at(i));
		const kept = Object.keys(staticData.recentEventIds ?? {});
		expect(kept).toHaveLength(Math.floor(STATIC_DATA_CAPACITY * 0.8));
		expect(kept).not.toContain('id-0');
		expect(kept).toContain(`id-${STATIC_DATA_CAPACITY}`);
		for (let i = 0; i < 3 * STATIC_DATA_CAPACITY; i++)
			dropRepeatedEvents(ctx, events(`more-${i}`), at(1000 + i));
		expect(Object.keys(staticData.recentEventIds ?? {}).length).toBeLessThanOrEqual(
			STATIC_DATA_CAPACITY,
		);
		// Entries past their window go first, whatever their number.
		const later = DUPLICATE_WINDOW_MS + 10_000;
		for (let i = 0; i <= STATIC_DATA_CAPACITY; i++)
			dropRepeatedEvents(ctx, events(`late-${i}`), at(later + i));
		expect(Object.keys(staticData.recentEventIds ?? {}).every((id) => id.startsWith('late-'))).toBe(
			true,
		);
	});

	it('repairs a corrupted static copy instead of failing', () => {
		const staticData = { recentEventIds: 'garbage' };
		expect(dropRepeatedEvents(context({ staticData }).ctx, events('ok'), at(0)).fresh).toHaveLength(
			1,
		);
		expect(staticData.recentEventIds).toEqual({ ok: DUPLICATE_WINDOW_MS });
	});
});
