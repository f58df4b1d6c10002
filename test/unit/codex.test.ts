import type { INodeType } from 'n8n-workflow';

import * as entry from '../../index';
import { readRepoFile } from '../support/repo';

interface Codex {
	node: string;
	categories: string[];
	resources: { primaryDocumentation: unknown[]; credentialDocumentation: unknown[] };
	alias: string[];
}

/** Categories n8n's node panel groups nodes by (the ones nodes-base uses for app nodes). */
const N8N_CATEGORIES = new Set([
	'Analytics',
	'Communication',
	'Data & Storage',
	'Development',
	'Finance & Accounting',
	'Marketing',
	'Miscellaneous',
	'Productivity',
	'Sales',
	'Utility',
]);

/** What a user types in the node panel; every node must come up for each. */
const SEARCH_TERMS = ['signature', 'esign', 'e-signature', 'sign', 'document', 'contract'];

const nodes = Object.values(entry)
	.filter((exported) => typeof exported === 'function')
	.map((exported) => new (exported as new () => Partial<INodeType>)())
	.filter((instance): instance is INodeType => instance.description !== undefined);

const providerOf = (node: INodeType) => node.description.displayName.replace(/ Trigger$/, '');
const codexOf = (node: INodeType) => {
	const folder = providerOf(node);
	const file = `${folder}${node.description.group.includes('trigger') ? 'Trigger' : ''}`;
	return JSON.parse(readRepoFile(`nodes/${folder}/${file}.node.json`)) as Codex;
};

describe('codex (*.node.json) as n8n reads it', () => {
	it('covers all six nodes', () => {
		expect(nodes.map((node) => node.description.name).sort()).toEqual([
			'leegality',
			'leegalityTrigger',
			'legalesign',
			'legalesignTrigger',
			'lexgoSign',
			'lexgoSignTrigger',
		]);
	});

	it.each(nodes.map((node) => [node.description.displayName, node] as const))(
		'%s: names its node, uses n8n categories and has the documentation links n8n reads',
		(_name, node) => {
			const codex = codexOf(node);
			expect(codex.node).toBe(`n8n-nodes-esign.${node.description.name}`);
			expect(codex.categories.length).toBeGreaterThan(0);
			for (const category of codex.categories) expect(N8N_CATEGORIES).toContain(category);
			expect(codex.resources.primaryDocumentation.length).toBeGreaterThan(0);
			expect(codex.resources.credentialDocumentation.length).toBeGreaterThan(0);
		},
	);

	it.each(SEARCH_TERMS)('searching "%s" finds every node by its aliases', (term) => {
		const found = nodes.filter((node) =>
			codexOf(node).alias.some((alias) => alias.toLowerCase() === term),
		);
		expect(found.map((node) => node.description.name).sort()).toEqual(
			nodes.map((node) => node.description.name).sort(),
		);
	});

	it("searching a provider name finds that provider's two nodes and no other", () => {
		for (const provider of ['Leegality', 'Legalesign', 'LexgoSign']) {
			const found = nodes.filter((node) =>
				codexOf(node).alias.some((alias) => alias.toLowerCase() === provider.toLowerCase()),
			);
			expect(found.map(providerOf)).toEqual([provider, provider]);
		}
	});
});
