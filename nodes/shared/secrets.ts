import type { IWebhookFunctions } from 'n8n-workflow';

/**
 * Credential fields a trigger verifies deliveries with, cached in the running n8n's memory.
 *
 * Why: every `getCredentials()` inside `webhook()` costs n8n an expression isolate (tens of ms of
 * CPU), which would make each delivery — and each forged one — several times dearer than n8n's
 * own Webhook node. Bounds: a cached value is used for at most `MAX_AGE_MS`, so a secret removed
 * from the credential stops verifying within that time; and a delivery that fails verification
 * with a cached value re-reads the credential once (at most every `REFRESH_INTERVAL_MS` per
 * credential), so a rotated secret verifies from the next delivery that carries it. Deliveries
 * arriving while a read is in flight wait for that read instead of starting their own, so a
 * burst (or a forged flood) costs one read, not one per concurrent delivery.
 */
export const MAX_AGE_MS = 30_000;
export const REFRESH_INTERVAL_MS = 5_000;
/** Entries (distinct credentials × field sets) kept in memory; the oldest is dropped first. */
export const CACHE_CAPACITY = 256;

export interface CredentialSecrets {
	/** The requested fields as trimmed strings ('' when unset or not a string). */
	values: Record<string, string>;
	/** True when the values came from the cache and may be re-read once if verification fails. */
	refreshable: boolean;
}

interface Entry {
	values: Record<string, string>;
	loadedAt: number;
}

const cache = new Map<string, Entry>();
/** Reads in flight per key: concurrent deliveries share one read (one isolate), not one each. */
const pending = new Map<string, Promise<Record<string, string>>>();

function cacheKey(this: IWebhookFunctions, type: string, fields: readonly string[]): string {
	const node = this.getNode();
	const credentialId = node.credentials?.[type]?.id;
	const owner = credentialId
		? `credential:${credentialId}`
		: `node:${this.getWorkflow().id ?? ''}:${node.id ?? node.name}`;
	return `${type}\u0000${owner}\u0000${fields.join(',')}`;
}

async function load(
	this: IWebhookFunctions,
	type: string,
	fields: readonly string[],
): Promise<Record<string, string>> {
	const credentials = await this.getCredentials(type);
	const values: Record<string, string> = {};
	for (const field of fields) {
		const value = credentials[field];
		values[field] = typeof value === 'string' ? value.trim() : '';
	}
	return values;
}

/**
 * The fields `fields` of the node's credential `type`: from the cache while younger than
 * `MAX_AGE_MS` (returned as is, so the common case takes no promise turn), else (or with
 * `refresh`) read from n8n and cached.
 */
export function credentialSecrets(
	this: IWebhookFunctions,
	type: string,
	fields: readonly string[],
	refresh = false,
	now = Date.now(),
): CredentialSecrets | Promise<CredentialSecrets> {
	const key = cacheKey.call(this, type, fields);
	const entry = cache.get(key);
	if (!refresh && entry && now - entry.loadedAt < MAX_AGE_MS) {
		return { values: entry.values, refreshable: now - entry.loadedAt >= REFRESH_INTERVAL_MS };
	}
	if (refresh && entry && now - entry.loadedAt < REFRESH_INTERVAL_MS) {
		return { values: entry.values, refreshable: false };
	}
	return loadShared
		.call(this, key, type, fields, now)
		.then((values) => ({ values, refreshable: false }));
}

/** `map(value)`, without a promise turn when `value` is already there. */
export function whenReady<T, R>(value: T | Promise<T>, map: (ready: T) => R): R | Promise<R> {
	return value instanceof Promise ? value.then(map) : map(value);
}

/** One read of the credential per key at a time; its result is cached for everyone waiting. */
function loadShared(
	this: IWebhookFunctions,
	key: string,
	type: string,
	fields: readonly string[],
	now: number,
): Promise<Record<string, string>> {
	const inFlight = pending.get(key);
	if (inFlight) return inFlight;
	const loading = load
		.call(this, type, fields)
		.then((values) => {
			cache.delete(key);
			cache.set(key, { values, loadedAt: now });
			if (cache.size > CACHE_CAPACITY) cache.delete(cache.keys().next().value as string);
			return values;
		})
		.finally(() => pending.delete(key));
	pending.set(key, loading);
	return loading;
}

/** Empties the cache (tests; an instance that wants every delivery to re-read its credential). */
export function clearCredentialCache(): void {
	cache.clear();
	pending.clear();
}
