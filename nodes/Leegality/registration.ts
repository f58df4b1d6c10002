import type { IHookFunctions } from 'n8n-workflow';

import { requireKnownEvents } from '../shared/registration';
import { LEEGALITY_EVENTS } from './events';

/**
 * Leegality has no API to register webhooks (they are set per invitee in its dashboard), so the
 * lifecycle only checks the selection: "exists" is always true and nothing is created or removed.
 */
export function registrationExists(this: IHookFunctions): boolean {
	requireKnownEvents.call(
		this,
		Object.keys(LEEGALITY_EVENTS).filter((name) => name !== 'unknown'),
	);
	return true;
}
