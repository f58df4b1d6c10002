import type { INodeType } from 'n8n-workflow';

import * as entry from '../../index';
import { listRepoFiles, readRepoFile } from '../support/repo';

interface ExampleNode {
	name: string;
	type: string;
	webhookId?: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}
interface Example {
	id: string;
	name: string;
	nodes: ExampleNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

const files = listRepoFiles('examples').filter((file) => file.endsWith('.json'));
const examples = files.map(
	(file) => [file, JSON.parse(readRepoFile(`examples/${file}`)) as Example] as const,
);
const nodeTypes = new Map<string, INodeType>();
const credentialTypes = new Set<string>();
for (const exported of Object.values(entry)) {
	if (typeof exported !== 'function') continue;
	const instance = new (exported as new () => unknown)() as {
		description?: INodeType['description'];
		name?: string;
		properties?: unknown;
	};
	if (instance.description?.name)
		nodeTypes.set(`n8n-nodes-esign.${instance.description.name}`, instance as INodeType);
	else if (typeof instance.name === 'string' && Array.isArray(instance.properties))
		credentialTypes.add(instance.name);
}

describe('examples/', () => {
	it.each(examples)(
		'%s uses only real node types, declared credentials and parameters',
		(_file, example) => {
			for (const node of example.nodes.filter((n) => n.type.startsWith('n8n-nodes-esign.'))) {
				const type = nodeTypes.get(node.type);
				expect(type).toBeDefined();
				const declared = new Set(type!.description.properties.map((p) => p.name));
				for (const parameter of Object.keys(node.parameters))
					expect({ node: node.name, parameter, known: declared.has(parameter) }).toMatchObject({
						known: true,
					});
				for (const credential of Object.keys(node.credentials ?? {}))
					expect(credentialTypes).toContain(credential);
				if (type!.description.group.includes('trigger'))
					expect(node.webhookId).toMatch(/^[0-9a-f-]{36}$/);
			}
			const names = new Set(example.nodes.map((n) => n.name));
			for (const [from, { main }] of Object.entries(example.connections)) {
				expect(names).toContain(from);
				for (const target of main.flat()) expect(names).toContain(target.node);
			}
		},
	);

	it('pins distinct webhook ids and workflow ids across examples', () => {
		const webhookIds = examples.flatMap(([, e]) => e.nodes.map((n) => n.webhookId).filter(Boolean));
		expect(new Set(webhookIds).size).toBe(webhookIds.length);
		const ids = examples.map(([, e]) => e.id);
		expect(new Set(ids).size).toBe(ids.length);
	});
});
