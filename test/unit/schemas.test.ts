/**
 * Each trigger ships the shared event-item schema as its output schema, committed beside the node
 * (n8n-node build copies `**\/__schema__/**\/*.json` into dist/). n8n 2.41 looks a schema up as
 * `__schema__/v<major.minor.patch>.json`, then `__schema__/v<...>/output.json`, for the node's
 * typeVersion: every declared version needs both, and every copy must equal the source.
 */
import type { INodeType } from 'n8n-workflow';

import { LeegalityTrigger } from '../../nodes/Leegality/LeegalityTrigger.node';
import { LegalesignTrigger } from '../../nodes/Legalesign/LegalesignTrigger.node';
import { LexgoSignTrigger } from '../../nodes/LexgoSign/LexgoSignTrigger.node';
import { listRepoFiles, readRepoFile } from '../support/repo';

const SOURCE = 'schemas/event-item.schema.json';
const source = readRepoFile(SOURCE);

const triggers: Array<[string, INodeType]> = [
	['Leegality', new LeegalityTrigger()],
	['Legalesign', new LegalesignTrigger()],
	['LexgoSign', new LexgoSignTrigger()],
];

/** n8n's padVersion: 1 → 1.0.0, 1.1 → 1.1.0. */
const padVersion = (version: number) =>
	String(version).split('.').concat(['0', '0']).slice(0, 3).join('.');

/** Every JSON file below nodes/<dir>/__schema__ (one level of version folders). */
function schemaFiles(dir: string): string[] {
	const base = `nodes/${dir}/__schema__`;
	return listRepoFiles(base).flatMap((entry) =>
		entry.endsWith('.json')
			? [`${base}/${entry}`]
			: listRepoFiles(`${base}/${entry}`).map((file) => `${base}/${entry}/${file}`),
	);
}

describe.each(triggers)('%s Trigger output schema', (dir, node) => {
	const versions = ([] as number[]).concat(node.description.version);

	it.each(versions.map((version) => [padVersion(version), padVersion(version)]))(
		'has v%s.json and v%s/output.json (a declared version)',
		(padded) => {
			const files = schemaFiles(dir);
			expect(files).toContain(`nodes/${dir}/__schema__/v${padded}.json`);
			expect(files).toContain(`nodes/${dir}/__schema__/v${padded}/output.json`);
		},
	);

	it(`ships only exact copies of ${SOURCE}`, () => {
		const files = schemaFiles(dir);
		expect(files.length).toBeGreaterThanOrEqual(2 * versions.length);
		for (const file of files)
			expect({ file, text: readRepoFile(file) }).toEqual({ file, text: source });
	});
});

it('the shared schema parses and describes the event item', () => {
	const schema = JSON.parse(source) as { type: string; properties: Record<string, unknown> };
	expect(schema.type).toBe('object');
	expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['event', 'provider']));
});
