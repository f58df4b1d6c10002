import type { INodeProperties, INodeType } from 'n8n-workflow';

import { leegalityTrigger } from '../../nodes/Leegality/trigger';
import { LeegalityTrigger } from '../../nodes/Leegality/LeegalityTrigger.node';
import { legalesignTrigger } from '../../nodes/Legalesign/trigger';
import { LegalesignTrigger } from '../../nodes/Legalesign/LegalesignTrigger.node';
import { lexgoSignTrigger } from '../../nodes/LexgoSign/trigger';
import { LexgoSignTrigger } from '../../nodes/LexgoSign/LexgoSignTrigger.node';
import type { TriggerProvider } from '../../nodes/shared/trigger';

const triggers: Array<[string, INodeType, TriggerProvider]> = [
	['Leegality', new LeegalityTrigger(), leegalityTrigger],
	['Legalesign', new LegalesignTrigger(), legalesignTrigger],
	['LexgoSign', new LexgoSignTrigger(), lexgoSignTrigger],
];

describe.each(triggers)('%s Trigger wiring', (_name, node, provider) => {
	const options = node.description.properties.find((p) => p.name === 'options');
	const booleanOptions = ((options?.options ?? []) as INodeProperties[])
		.filter((option) => option.type === 'boolean')
		.map((option) => option.name);

	it('enriches on exactly the boolean options its Options collection offers', () => {
		expect(provider.enrichmentOptions?.length).toBeGreaterThan(0);
		for (const name of provider.enrichmentOptions ?? []) expect(booleanOptions).toContain(name);
	});

	it('offers duplicate suppression and answers on one POST webhook', () => {
		expect(booleanOptions).toContain('suppressDuplicates');
		// responseData '' makes n8n answer with the trigger's webhookResponse (see TRIGGER_WEBHOOK).
		expect(node.description.webhooks).toEqual([
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: 'webhook',
			},
		]);
		expect(node.description.group).toEqual(['trigger']);
	});
});
