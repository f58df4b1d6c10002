import type { IDataObject } from 'n8n-workflow';

import { LeegalityTrigger } from '../../../nodes/Leegality/LeegalityTrigger.node';
import { LEEGALITY_EVENTS } from '../../../nodes/Leegality/events';
import schema from '../../../schemas/event-item.schema.json';
import { leegalityPayloads, newSalt, signedBody } from '../../fixtures/leegality';
import { webhookContext } from '../../support/contexts';

/** A real item, produced by a trigger, to hold the shipped schema against. */
async function emittedItem(): Promise<IDataObject> {
	const salt = newSalt();
	const { ctx } = webhookContext({
		workflowId: 'wf-schema',
		rawBody: signedBody(leegalityPayloads.signerSigned(), salt),
		headers: { 'content-type': 'application/json' },
		parameters: { events: Object.keys(LEEGALITY_EVENTS), options: {} },
		credentials: { leegalityApi: { privateSaltSecret: salt } },
	});
	const result = await new LeegalityTrigger().webhook.call(ctx);
	return result.workflowData![0][0].json;
}

describe('shipped output schema (schemas/event-item.schema.json)', () => {
	it('describes exactly the fields an item has, and requires the always-present ones', async () => {
		const item = await emittedItem();
		const optional = ['document', 'enrichmentError'];
		expect(Object.keys(schema.properties).sort()).toEqual(
			[...Object.keys(item), ...optional].sort(),
		);
		expect([...schema.required].sort()).toEqual(Object.keys(item).sort());
		expect(Object.keys(schema.properties.recipient.properties).sort()).toEqual(
			Object.keys(item.recipient as IDataObject).sort(),
		);
		expect(Object.keys(schema.properties.verification.properties).sort()).toEqual(
			Object.keys(item.verification as IDataObject).sort(),
		);
	});
});
