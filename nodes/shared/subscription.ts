import { randomBytes } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

/** A fresh secret for a webhook registration (URL token, Authorization value): 256 bits, hex. */
export function newWebhookSecret(): string {
	return randomBytes(32).toString('hex');
}

const SUBSCRIPTION_KEY = 'subscription';

/** What a trigger remembers about its registration at the provider (in the node's static data). */
export function storedSubscription<T extends IDataObject>(staticData: IDataObject): T | undefined {
	const value = staticData[SUBSCRIPTION_KEY];
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as T)
		: undefined;
}

export function storeSubscription(staticData: IDataObject, subscription: IDataObject): void {
	staticData[SUBSCRIPTION_KEY] = subscription;
}

/** Forgets the registration and everything tied to it: its secret and the duplicate memory. */
export function forgetSubscription(staticData: IDataObject): void {
	for (const key of Object.keys(staticData)) delete staticData[key];
}
