import { hash } from 'node:crypto';

import type { IWebhookFunctions } from 'n8n-workflow';

import type { EsignEventDraft } from './item';

/**
 * How long an event id is remembered. Leegality retries up to ~4 hours after the first attempt,
 * LexgoSign within a minute, Legalesign does not say; a day covers all three with margin.
 */
export const DUPLICATE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Upper bound of the memory, shared by all workflows of one running n8n. */
export const MEMORY_CAPACITY = 50_000;

/**
 * Ids up to this many characters are remembered as they are (every hashed id of this package, and
 * the providers' UUIDs); a longer id as 16 bytes of its SHA-256, so no entry is larger.
 */
export const MAX_KEPT_ID_LENGTH = 64;
const DIGEST_BYTES = 16;

/** Distinct scopes (workflow × node × mode) given a short tag before the tags start afresh. */
const MAX_SCOPES = 4096;

/**
 * Fixed-size digests seen within a time window, bounded in count (and so in bytes). Every entry
 * has the same lifetime, so insertion order is expiry order: two parallel queues hold the keys and
 * expiries in that order and a map answers lookups; eviction pops the queue's head, O(1)
 * amortised. (Iterating a Map from its front would crawl over the holes deletions leave.)
 */
export class RecentIds {
	private readonly expiries = new Map<string, number>();
	private keys: string[] = [];
	private times: number[] = [];
	private head = 0;

	constructor(
		private readonly capacity: number,
		private readonly windowMs: number,
	) {}

	get size(): number {
		return this.expiries.size;
	}

	/** True when `key` was recorded within the window (records nothing). */
	has(key: string, now: number): boolean {
		const expiresAt = this.expiries.get(key);
		return expiresAt !== undefined && expiresAt > now;
	}

	/** True when `key` was recorded within the window; records it either way. */
	seenBefore(key: string, now: number): boolean {
		const expiresAt = this.expiries.get(key);
		if (expiresAt !== undefined && expiresAt > now) return true;
		const expiry = now + this.windowMs;
		this.expiries.set(key, expiry);
		this.keys.push(key);
		this.times.push(expiry);
		this.evict(now);
		return false;
	}

	/** Forgets `key` (its queue record turns stale and is skipped when evicted). */
	forget(key: string): void {
		this.expiries.delete(key);
	}

	private evict(now: number): void {
		while (this.head < this.keys.length) {
			const key = this.keys[this.head];
			const expiry = this.times[this.head];
			if (this.expiries.size <= this.capacity && expiry > now) break;
			// A queue record is stale when the key was recorded again later; only the latest counts.
			if (this.expiries.get(key) === expiry) this.expiries.delete(key);
			this.head++;
		}
		if (this.head > 1024 && this.head * 2 > this.keys.length) {
			this.keys = this.keys.slice(this.head);
			this.times = this.times.slice(this.head);
			this.head = 0;
		}
	}
}

/**
 * Module scope: one memory per running n8n, shared by every trigger of this package. It lives
 * only in memory: n8n saves static data written by concurrent webhook calls last-writer-wins,
 * so a persisted copy would lose ids under load. Across restarts and between queue mode's
 * webhook instances, a claim step on `eventId` right after the trigger does it (see the README).
 */
const memory = new RecentIds(MEMORY_CAPACITY, DUPLICATE_WINDOW_MS);

const scopeTags = new Map<string, string>();
let nextScopeTag = 0;

/**
 * A short tag per scope. Tags are never reused: when the table is full it starts afresh with new
 * tags, and what was remembered under the old ones just expires.
 */
function scopeTag(scope: string): string {
	let tag = scopeTags.get(scope);
	if (tag === undefined) {
		if (scopeTags.size >= MAX_SCOPES) scopeTags.clear();
		tag = (nextScopeTag++).toString(36);
		scopeTags.set(scope, tag);
	}
	return tag;
}

/**
 * The scope's tag and the event id (or 16 bytes of its SHA-256 when longer than
 * `MAX_KEPT_ID_LENGTH`): bounded in size, and no hashing for ids that are digests already.
 */
export function memoryKey(scope: string, eventId: string): string {
	const tag = scopeTag(scope);
	return eventId.length <= MAX_KEPT_ID_LENGTH
		? `${tag}\u0000${eventId}`
		: `${tag}\u0001${hash('sha256', eventId, 'binary').slice(0, DIGEST_BYTES)}`;
}

function scopeOf(this: IWebhookFunctions): string {
	const node = this.getNode();
	return `${this.getWorkflow().id ?? 'unsaved'}\u0000${node.id ?? node.name}\u0000${this.getMode()}`;
}

/** The memory key of each event for this node and mode, computed once per delivery. */
export function eventKeys(this: IWebhookFunctions, events: EsignEventDraft[]): string[] {
	const scope = scopeOf.call(this);
	return events.map((event) => memoryKey(scope, event.eventId));
}

/**
 * Splits events into those seen for the first time and repeats of earlier deliveries (provider
 * retries, or the same event twice in one batch), and records the fresh ones unless `record` is
 * false (a look before a check that may still refuse the delivery). `keys` are the events' keys
 * (`eventKeys`), so a delivery looked at twice is hashed once; `freshKeys` are the fresh ones'.
 */
export function dropRepeatedEvents(
	this: IWebhookFunctions,
	events: EsignEventDraft[],
	now = Date.now(),
	record = true,
	keys: string[] = eventKeys.call(this, events),
): { fresh: EsignEventDraft[]; repeated: EsignEventDraft[]; freshKeys: string[] } {
	const fresh: EsignEventDraft[] = [];
	const freshKeys: string[] = [];
	const repeated: EsignEventDraft[] = [];
	for (const [index, event] of events.entries()) {
		const key = keys[index];
		const seen = record ? memory.seenBefore(key, now) : memory.has(key, now);
		if (seen) {
			repeated.push(event);
		} else {
			fresh.push(event);
			freshKeys.push(key);
		}
	}
	return { fresh, repeated, freshKeys };
}

/**
 * Forgets events (by their `eventKeys`) recorded by `dropRepeatedEvents`: for deliveries n8n could
 * not start (it answered the provider with an error), so the provider's retry is not taken for a
 * repeat.
 */
export function forgetEvents(keys: string[]): void {
	for (const key of keys) memory.forget(key);
}
