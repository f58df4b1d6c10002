import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	collectPages,
	forOperation,
	pagingParameters,
	returnAllOrLimit,
	toItems,
	type OperationHandlers,
} from '../../shared/actions';
import { groupProperty } from '../descriptions';
import { getResource, listPage } from '../requests';
import { idParameter, idProperty } from './common';

const PAGE_SIZE = 100;

export const templateAndGroupProperties: INodeProperties[] = [
	idProperty('templatePdf', ['get'], {
		name: 'templatePdfId',
		displayName: 'Template PDF ID',
		placeholder: 'e.g. 0f1d4c6e-0000-4000-8000-000000000000',
	}),
	groupProperty(forOperation('templatePdf', 'getMany'), {
		required: false,
		description: 'Only templates of this group (team)',
	}),
	{
		displayName: 'Archived',
		name: 'archived',
		type: 'boolean',
		default: false,
		description: 'Whether to list archived templates instead of current ones',
		displayOptions: forOperation('templatePdf', 'getMany'),
	},
	...returnAllOrLimit(forOperation('templatePdf', 'getMany')),
	...returnAllOrLimit(forOperation('group', 'getMany')),
];

export const templateAndGroupHandlers: OperationHandlers = {
	async 'templatePdf.get'(itemIndex) {
		const id = idParameter(this, 'templatePdfId', itemIndex);
		return toItems(await getResource.call(this, 'templatepdf', id));
	},
	async 'templatePdf.getMany'(itemIndex) {
		const group = String(this.getNodeParameter('group', itemIndex, '')).trim();
		const qs: IDataObject = {};
		if (group) qs.group = group;
		if (this.getNodeParameter('archived', itemIndex, false) === true) qs.archive = 'true';
		const templates = await collectPages(
			async (offset, limit) => await listPage.call(this, '/templatepdf/', qs, offset, limit),
			{ ...pagingParameters(this, itemIndex), pageSize: PAGE_SIZE },
		);
		return templates.map((json) => ({ json }));
	},
	async 'group.getMany'(itemIndex) {
		const groups = await collectPages(
			async (offset, limit) => await listPage.call(this, '/group/', {}, offset, limit),
			{ ...pagingParameters(this, itemIndex), pageSize: PAGE_SIZE },
		);
		return groups.map((json) => ({ json }));
	},
};
