import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { text } from '../shared/readers';
import { idFromUri } from './api';
import { listAllObjects } from './requests';

function groupOptions(groups: IDataObject[]): INodePropertyOptions[] {
	return groups
		.map((group) => ({
			name: text(group, 'name') ?? text(group, 'slug') ?? '',
			value: text(group, 'slug') ?? idFromUri(text(group, 'resource_uri') ?? ''),
		}))
		.filter((option) => option.value)
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Dropdown sources shared by the trigger and the action node. */
export const loadOptions = {
	async getGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return groupOptions(await listAllObjects.call(this, '/group/'));
	},

	async getGroupsOrAll(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return [
			{ name: 'All Groups', value: '' },
			...groupOptions(await listAllObjects.call(this, '/group/')),
		];
	},

	/** Sendable template PDFs of the group chosen in the `group` parameter. */
	async getTemplatePdfs(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const group = String(this.getCurrentNodeParameter('group') ?? '').trim();
		const qs: IDataObject = group ? { group } : {};
		const templates = await listAllObjects.call(this, '/templatepdf/', qs);
		return templates
			.filter((template) => template.valid !== false)
			.map((template) => ({
				name: text(template, 'title') ?? text(template, 'uuid') ?? '',
				value: text(template, 'uuid') ?? idFromUri(text(template, 'resource_uri') ?? ''),
			}))
			.filter((option) => option.value);
	},
};
