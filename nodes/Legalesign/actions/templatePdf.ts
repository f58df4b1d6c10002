import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	collectPages,
	listItems,
	pagingParameters,
	toItems,
	type OperationHandlers,
} from '../../shared/actions';
import { forOperation, operationsProperty, returnAllOrLimit } from '../../shared/descriptions';
import { groupProperty } from '../descriptions';
import { getResource, listPage } from '../requests';
import { idParameter, idProperty } from './common';

const PAGE_SIZE = 100;

export const templatePdfOperations = operationsProperty(
	'templatePdf',
	[
		{ name: 'Get', value: 'get', action: 'Get a template PDF' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many template PDFs' },
	],
	'getAll',
);

export const templatePdfProperties: INodeProperties[] = [
	idProperty('templatePdf', ['get'], {
		name: 'templatePdfId',
		displayName: 'Template PDF ID',
		placeholder: 'e.g. 0f1d4c6e-0000-4000-8000-000000000000',
	}),
	groupProperty(forOperation('templatePdf', 'getAll'), {
		required: false,
		description: 'Only templates of this group (team)',
	}),
	{
		displayName: 'Archived',
		name: 'archived',
		type: 'boolean',
		default: false,
		description: 'Whether to list archived templates instead of current ones',
		displayOptions: forOperation('templatePdf', 'getAll'),
	},
	...returnAllOrLimit(forOperation('templatePdf', 'getAll')),
];

export const templatePdfHandlers: OperationHandlers = {
	async 'templatePdf.get'(itemIndex) {
		const id = idParameter.call(this, 'templatePdfId', itemIndex);
		return toItems(await getResource.call(this, 'templatepdf', id));
	},
	async 'templatePdf.getAll'(itemIndex) {
		const group = String(this.getNodeParameter('group', itemIndex, '')).trim();
		const qs: IDataObject = {};
		if (group) qs.group = group;
		if (this.getNodeParameter('archived', itemIndex, false) === true) qs.archive = 'true';
		const templates = await collectPages(
			async (offset, limit) => await listPage.call(this, '/templatepdf/', qs, offset, limit),
			{ ...pagingParameters.call(this, itemIndex), pageSize: PAGE_SIZE },
		);
		return listItems(templates);
	},
};
