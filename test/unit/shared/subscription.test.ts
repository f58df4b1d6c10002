import type { IDataObject } from 'n8n-workflow';

import {
	forgetSubscription,
	newWebhookSecret,
	storeSubscription,
	storedSubscription,
} from '../../../nodes/shared/subscription';

describe('subscription static data', () => {
	it('generates distinct 256-bit hex secrets', () => {
		const a = newWebhookSecret();
		expect(a).toMatch(/^[0-9a-f]{64}$/);
		expect(newWebhookSecret()).not.toBe(a);
	});

	it('stores, reads and forgets a registration together with everything tied to it', () => {
		const staticData: IDataObject = {};
		expect(storedSubscription(staticData)).toBeUndefined();
		storeSubscription(staticData, { id: 'w1', secret: 's' });
		staticData.recentEventIds = { e: 1 };
		expect(storedSubscription(staticData)).toEqual({ id: 'w1', secret: 's' });
		forgetSubscription(staticData);
		expect(staticData).toEqual({});
		staticData.subscription = 'corrupt';
		expect(storedSubscription(staticData)).toBeUndefined();
	});
});
