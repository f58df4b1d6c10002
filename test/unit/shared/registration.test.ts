import type { IDataObject } from 'n8n-workflow';

import {
	forgetRegistration,
	newWebhookSecret,
	requireKnownEvents,
	storeRegistration,
	storedRegistration,
} from '../../../nodes/shared/registration';
import { hookContext } from '../../support/contexts';

describe('registration static data', () => {
	it('generates distinct 256-bit hex secrets', () => {
		const a = newWebhookSecret();
		expect(a).toMatch(/^[0-9a-f]{64}$/);
		expect(newWebhookSecret()).not.toBe(a);
	});

	it('stores, reads and forgets a registration together with everything tied to it', () => {
		const staticData: IDataObject = {};
		expect(storedRegistration(staticData)).toBeUndefined();
		storeRegistration(staticData, { id: 'w1', secret: 's' });
		staticData.other = { e: 1 };
		expect(storedRegistration(staticData)).toEqual({ id: 'w1', secret: 's' });
		forgetRegistration(staticData);
		expect(staticData).toEqual({});
		staticData.subscription = 'corrupt';
		expect(storedRegistration(staticData)).toBeUndefined();
	});
});

describe('requireKnownEvents', () => {
	const known = ['a.one', 'a.two'];

	it('answers the selected known events in the provider order', () => {
		const { ctx } = hookContext({ parameters: { events: ['unknown', 'a.two', 'a.one'] } });
		expect(requireKnownEvents.call(ctx, known)).toEqual(['a.one', 'a.two']);
	});

	it('stops activation when only "Unrecognized Event" (or nothing) is selected', () => {
		for (const events of [['unknown'], [], undefined]) {
			const { ctx } = hookContext({ parameters: events ? { events } : {} });
			expect(() => requireKnownEvents.call(ctx, known)).toThrow('Select at least one event');
		}
	});
});
