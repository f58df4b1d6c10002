import type { INodeProperties, INodeType } from 'n8n-workflow';

import { LeegalityTrigger } from '../../nodes/Leegality/LeegalityTrigger.node';
import { LegalesignTrigger } from '../../nodes/Legalesign/LegalesignTrigger.node';
import { LexgoSignTrigger } from '../../nodes/LexgoSign/LexgoSignTrigger.node';
import { Leegality } from '../../nodes/Leegality/Leegality.node';
import { Legalesign } from '../../nodes/Legalesign/Legalesign.node';
import { LexgoSign } from '../../nodes/LexgoSign/LexgoSign.node';

const triggers: Array<[string, INodeType]> = [
	['Leegality', new LeegalityTrigger()],
	['Legalesign', new LegalesignTrigger()],
	['LexgoSign', new LexgoSignTrigger()],
];

/** The same settings carry the same names and values in all three triggers. */
describe.each(triggers)('%s Trigger shares the package conventions', (_name, node) => {
	const properties = node.description.properties;
	const options = properties.find((p) => p.name === 'options');
	const optionNames = ((options?.options ?? []) as INodeProperties[]).map((o) => o.name);

	it('offers the shared Options, sorted by display name', () => {
		expect([...optionNames].sort()).toEqual([
			'binaryPropertyName',
			'downloadAuditTrail',
			'downloadSignedDocuments',
			'includeDocumentDetails',
			'suppressDuplicates',
		]);
		const displayNames = ((options?.options ?? []) as INodeProperties[]).map((o) => o.displayName);
		expect(displayNames).toEqual([...displayNames].sort((a, b) => a.localeCompare(b)));
	});

	it('selects events with a required multi-select whose default is "Unrecognized Event"', () => {
		const events = properties.filter((p) => p.name === 'events');
		expect(events.length).toBeGreaterThan(0);
		for (const property of events) {
			expect(property).toMatchObject({
				type: 'multiOptions',
				required: true,
				default: ['unknown'],
			});
			const values = (property.options as Array<{ value: string }>).map((o) => o.value);
			expect(values[values.length - 1]).toBe('unknown');
			expect(new Set(values).size).toBe(values.length);
		}
	});

	it('uses "automatic" / "manual" for registration wherever it offers a choice', () => {
		for (const property of properties.filter((p) => p.name === 'registration')) {
			expect((property.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual([
				'automatic',
				'manual',
			]);
			expect(property.default).toBe('automatic');
		}
	});

	it('is version 1.1 by default and still loads version 1 workflows', () => {
		expect(node.description.version).toEqual([1, 1.1]);
		expect(node.description.defaultVersion).toBe(1.1);
	});

	it('answers on one POST webhook and keeps notices short', () => {
		// responseData '' makes n8n answer with our acknowledgement once the execution is stored.
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
		for (const notice of properties.filter((p) => p.type === 'notice')) {
			expect(notice.displayName.length).toBeLessThanOrEqual(260);
		}
	});
});

describe.each([
	['Leegality', new Leegality()],
	['Legalesign', new Legalesign()],
	['LexgoSign', new LexgoSign()],
] as Array<[string, INodeType]>)('%s action node shares the package conventions', (_name, node) => {
	it('calls every list operation "getAll" and names it "Get Many …"', () => {
		const operations = node.description.properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => p.options as Array<{ name: string; value: string }>);
		for (const operation of operations) {
			expect(operation.value).not.toMatch(/^getMany/);
			if (operation.value.startsWith('getAll')) expect(operation.name).toMatch(/^Get Many/);
		}
	});

	it('names the binary field of every file it writes "binaryPropertyName"', () => {
		const fileFields = node.description.properties.filter(
			(p) => /Field$/.test(p.displayName) && p.type === 'string' && /file/i.test(p.displayName),
		);
		for (const field of fileFields) expect(field.name).toBe('binaryPropertyName');
	});
});
