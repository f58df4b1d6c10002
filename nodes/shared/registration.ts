import { randomBytes } from 'node:crypto';

import { type IDataObject, type IHookFunctions, NodeOperationError } from 'n8n-workflow';

/** A fresh secret for a webhook registration (URL token, Authorization value): 256 bits, hex. */
export function newWebhookSecret(): string {
	return randomBytes(32).toString('hex');
}

const REGISTRATION_KEY = 'subscription';

/** What a trigger remembers about its registration at the provider (in the node's static data). */
export function storedRegistration<T extends IDataObject>(staticData: IDataObject): T | undefined {
	const value = staticData[REGISTRATION_KEY];
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as T)
		: undefined;
}

export function storeRegistration(staticData: IDataObject, registration: IDataObject): void {
	staticData[REGISTRATION_KEY] = registration;
}

/** Forgets the registration and everything tied to it, its secret included. */
export function forgetRegistration(staticData: IDataObject): void {
	for (const key of Object.keys(staticData)) delete staticData[key];
}

/**
 * The events selected in the trigger's `events` parameter that the provider knows, or an error
 * that stops activation: "Unrecognized Event" alone would start the workflow for nothing.
 */
export function requireKnownEvents(this: IHookFunctions, known: readonly string[]): string[] {
	const selected = this.getNodeParameter('events', []) as unknown;
	const names = Array.isArray(selected) ? selected.map(String) : [];
	const chosen = known.filter((name) => names.includes(name));
	if (chosen.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Select at least one event in "Events"', {
			description: '"Unrecognized Event" alone cannot start the workflow.',
		});
	}
	return chosen;
}
