import type { INodeProperties, INodeType } from 'n8n-workflow';

import * as entry from '../../index';
import { listRepoFiles, readRepoFile } from '../support/repo';

interface ExampleNode {
	name: string;
	type: string;
	typeVersion: number;
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

/** The values a property allows, or undefined when any value goes (strings, numbers, …). */
function allowedValues(properties: INodeProperties[], name: string): Set<unknown> | undefined {
	const candidates = properties.filter((p) => p.name === name);
	if (!candidates.every((p) => p.type === 'options' || p.type === 'multiOptions')) return undefined;
	if (candidates.some((p) => p.typeOptions?.loadOptionsMethod)) return undefined;
	return new Set(
		candidates.flatMap((p) => (p.options as Array<{ value: unknown }>).map((o) => o.value)),
	);
}

/** A resource locator value must be stored as the editor stores it, in one of its modes. */
function locatorProblems(locator: INodeProperties, name: string, value: unknown): string[] {
	const stored = value as { __rl?: unknown; mode?: unknown; value?: unknown } | null;
	if (typeof stored !== 'object' || stored === null || stored.__rl !== true)
		return [`"${name}" is not stored as a resource locator ({ __rl, mode, value })`];
	const modes = (locator.modes ?? []).map((mode) => mode.name);
	const problems: string[] = [];
	if (!modes.includes(String(stored.mode))) problems.push(`"${name}" has no mode "${stored.mode}"`);
	if (typeof stored.value !== 'string' || stored.value === '')
		problems.push(`"${name}" has no value`);
	return problems;
}

/** Problems with one node's parameters: unknown names, values no option offers, stray options. */
function parameterProblems(type: INodeType, parameters: Record<string, unknown>): string[] {
	const properties = type.description.properties;
	const problems: string[] = [];
	for (const [name, value] of Object.entries(parameters)) {
		if (!properties.some((p) => p.name === name)) {
			problems.push(`unknown parameter "${name}"`);
			continue;
		}
		const isExpression = typeof value === 'string' && value.startsWith('=');
		const allowed = allowedValues(properties, name);
		if (allowed && !isExpression) {
			for (const v of Array.isArray(value) ? value : [value])
				if (!allowed.has(v)) problems.push(`"${name}" has no option ${JSON.stringify(v)}`);
		}
		const locator = properties.find((p) => p.name === name && p.type === 'resourceLocator');
		if (locator) problems.push(...locatorProblems(locator, name, value));
		const collection = properties.find((p) => p.name === name && p.type === 'collection');
		if (collection && typeof value === 'object' && value !== null) {
			const names = new Set((collection.options as INodeProperties[]).map((o) => o.name));
			for (const key of Object.keys(value))
				if (!names.has(key)) problems.push(`"${name}" has no option "${key}"`);
		}
	}
	return problems;
}

describe('examples/', () => {
	it.each(examples)(
		'%s uses only real node types, declared credentials and parameters',
		(_file, example) => {
			for (const node of example.nodes.filter((n) => n.type.startsWith('n8n-nodes-esign.'))) {
				const type = nodeTypes.get(node.type);
				expect(type).toBeDefined();
				expect({ node: node.name, problems: parameterProblems(type!, node.parameters) }).toEqual({
					node: node.name,
					problems: [],
				});
				const versions = [type!.description.version].flat();
				expect(versions).toContain(node.typeVersion);
				if (type!.description.defaultVersion !== undefined)
					expect(node.typeVersion).toBe(type!.description.defaultVersion);
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
