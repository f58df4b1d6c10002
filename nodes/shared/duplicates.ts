import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

/**
 * How long an event id is remembered. Leegality retries up to ~4 hours after the first attempt,
 * LexgoSign within a minute, Legalesign does not say; a day covers all three with margin.
 */
export const DUPLICATE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Upper bound of the in-process memory, shared by all workflows of one n8n instance. */
export const MEMORY_CAPACITY = 50_000;

/** Upper bound of the copy kept in each trigger's static data (persisted with the workflow). */
export const STATIC_DATA_CAPACITY = 500;

const STATIC_DATA_KEY = 'recentEventIds';

/**
 * Ids seen within a time window, bounded in size. Every entry has the same lifetime, so insertion
 * order is expiry order: a queue of (id, expiry) records that order and the map answers lookups.
 * Eviction pops the queue's head — O(1) amortised. (Iterating the Map from its front instead
 * would crawl over the holes that earlier deletions leave there, and slow down as it fills.)
 */
export class RecentIds {
	private readonly expiries = new Map<string, number>();
	private queue: Array<[string, number]> = [];
	private head = 0;

	constructor(
		private readonly capacity: number,
		private readonly windowMs: number,
	) {}

	get size(): number {
		return this.expiries.size;
	}

	/** True when `id` was recorded within the window; records it either way. */
	seenBefore(id: string, now: number): boolean {
		const expiresAt = this.expiries.get(id);
		if (expiresAt !== undefined && expiresAt > now) return true;
		const expiry = now + this.windowMs;
		this.expiries.set(id, expiry);
		this.queue.push([id, expiry]);
		this.evict(now);
		return false;
	}

	private evict(now: number): void {
		while (this.head < this.queue.length) {
			const [id, expiry] = this.queue[this.head];
			if (this.expiries.size <= this.capacity && expiry > now) break;
			// A record is stale when the id was recorded again later; only the latest one counts.
			if (this.expiries.get(id) === expiry) this.expiries.delete(id);
			this.head++;
		}
		if (this.head > 1024 && this.head * 2 > this.queue.length) {
			this.queue = this.queue.slice(this.head);
			this.head = 0;
		}
	}
}

/**
 * Module scope: one memory per n8n process, shared by every trigger of this package and keyed by
 * workflow, node and mode. It is the layer that works reliably, because n8n does not always save
 * static data written inside `webhook()`; see the README ("What survives a restart").
 */
const memory = new RecentIds(MEMORY_CAPACITY, DUPLICATE_WINDOW_MS);

function scopeOf(ctx: IWebhookFunctions): string {
	const workflowId = ctx.getWorkflow().id ?? 'unsaved';
	const nodeId = ctx.getNode().id ?? ctx.getNode().name;
	return `${workflowId}\u0000${nodeId}\u0000${ctx.getMode()}`;
}

/** Best-effort second layer: a small id → expiry map in the node's static data. */
function staticLayer(ctx: IWebhookFunctions, persist: boolean): IDataObject | undefined {
	if (!persist || ctx.getMode() !== 'webhook') return undefined; // only production runs are saved
	const staticData = ctx.getWorkflowStaticData('node');
	const current = staticData[STATIC_DATA_KEY];
	if (current === null || typeof current !== 'object' || Array.isArray(current)) {
		staticData[STATIC_DATA_KEY] = {};
	}
	return staticData[STATIC_DATA_KEY] as IDataObject;
}

/**
 * Runs only once the copy outgrows its capacity, and then trims it to 80 % (expired entries
 * first, then the oldest), so the cost is amortised over many deliveries.
 */
function pruneStaticLayer(layer: IDataObject, now: number): void {
	const entries = Object.entries(layer);
	if (entries.length <= STATIC_DATA_CAPACITY) return;
	const live = entries.filter(
		(entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > now,
	);
	live.sort((a, b) => a[1] - b[1]);
	const keep = new Set(live.slice(-Math.floor(STATIC_DATA_CAPACITY * 0.8)).map(([id]) => id));
	for (const [id] of entries) if (!keep.has(id)) delete layer[id];
}

/**
 * Splits events into those seen for the first time and repeats of earlier deliveries (provider
 * retries, or the same event twice in one batch). Records the fresh ones in the process memory
 * and, with `persist`, in static data as well.
 *
 * `persist` must stay off for triggers that keep their registration in static data: n8n saves the
 * whole static data of the webhook call's own copy, so a write here during a re-publish would
 * put the old registration (and secret) back over the new one.
 */
export function dropRepeatedEvents<T extends { eventId: string }>(
	ctx: IWebhookFunctions,
	events: T[],
	options: { persist: boolean; now?: number } = { persist: true },
): { fresh: T[]; repeated: T[] } {
	const now = options.now ?? Date.now();
	const scope = scopeOf(ctx);
	const layer = staticLayer(ctx, options.persist);
	const fresh: T[] = [];
	const repeated: T[] = [];
	for (const event of events) {
		const persisted = layer?.[event.eventId];
		const seenInStaticData = typeof persisted === 'number' && persisted > now;
		const seenInMemory = memory.seenBefore(`${scope}\u0000${event.eventId}`, now);
		if (seenInMemory || seenInStaticData) {
			repeated.push(event);
			continue;
		}
		fresh.push(event);
		if (layer) layer[event.eventId] = now + DUPLICATE_WINDOW_MS;
	}
	if (layer && fresh.length > 0) pruneStaticLayer(layer, now);
	return { fresh, repeated };
}
