#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Copies schemas/event-item.schema.json into every trigger's __schema__ folder, for each version
 * the trigger declares (n8n looks up __schema__/v<x.y.z>.json, then v<x.y.z>/output.json).
 * Run after editing the source schema: `npm run schemas`; test/unit/schemas.test.ts checks it.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const source = fs.readFileSync(path.join(root, 'schemas', 'event-item.schema.json'));
for (const dir of ['Leegality', 'Legalesign', 'LexgoSign']) {
	const base = path.join(root, 'nodes', dir, '__schema__');
	for (const version of fs.readdirSync(base).filter((entry) => !entry.endsWith('.json'))) {
		fs.writeFileSync(path.join(base, `${version}.json`), source);
		fs.writeFileSync(path.join(base, version, 'output.json'), source);
	}
}
process.stdout.write('schemas copied\n');
