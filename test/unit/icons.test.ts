import type { ICredentialType, INodeType } from 'n8n-workflow';

import * as entry from '../../index';
import { listRepoFiles, readRepoFile } from '../support/repo';

const icons = listRepoFiles('icons').filter((file) => file.endsWith('.svg'));
const instances = Object.values(entry)
	.filter((exported) => typeof exported === 'function')
	.map((exported) => new (exported as new () => Partial<INodeType & ICredentialType>)());

/** `file:../../icons/x.svg` (nodes) or `file:../icons/x.svg` (credentials) → `x.svg`. */
const iconFile = (reference: string) => reference.replace(/^file:(\.\.\/)+icons\//, '');

describe('icons', () => {
	it.each(icons)('%s is a square SVG drawn with paths only: no text, fonts or links', (file) => {
		const svg = readRepoFile(`icons/${file}`);
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*viewBox="0 0 60 60"/);
		expect(svg).not.toMatch(/<text|font-|<image|href=|<style|<script/i);
	});

	it('every node and credential has a light and a dark icon, both present', () => {
		const used = instances.map((instance) => {
			const icon = (instance.description?.icon ?? instance.icon) as { light: string; dark: string };
			return [iconFile(icon.light), iconFile(icon.dark)];
		});
		expect(used).toHaveLength(9);
		for (const [light, dark] of used) {
			expect(dark).toBe(light.replace(/\.svg$/, '.dark.svg'));
			expect(icons).toEqual(expect.arrayContaining([light, dark]));
		}
	});

	it('each provider has its own color', () => {
		const tile = (file: string) =>
			/<rect [^>]*fill="(#[0-9A-F]{6})"/i.exec(readRepoFile(`icons/${file}`))?.[1];
		const colors = icons.map(tile);
		expect(new Set(colors).size).toBe(icons.length);
	});
});
