import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	collectPages,
	listItems,
	pagingParameters,
	toItems,
	type OperationHandlers,
	wantsSimplified,
} from '../../shared/actions';
import {
	forOperation,
	operationsProperty,
	returnAllOrLimit,
	simplifyProperty,
} from '../../shared/descriptions';
import { locatorValue } from '../../shared/readers';
import { groupProperty, templatePdfLocator } from '../descriptions';
import { getResource, listPage } from '../requests';
import { simplifyTemplatePdf } from '../simplify';
import { idParameter } from './common';

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
	templatePdfLocator('templatePdfId', forOperation('templatePdf', 'get')),
	simplifyProperty(forOperation('templatePdf', 'get')),
	groupProperty(forOperation('templatePdf', 'getAll'), {
		required: false,
		name: 'groupFilter',
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
		const id = idParameter.call(this, 'templatePdfId', itemIndex, 'template PDF');
		const template = await getResource.call(this, 'templatepdf', id);
		return toItems(
			wantsSimplified.call(this, itemIndex) ? simplifyTemplatePdf(template) : template,
		);
	},
	async 'templatePdf.getAll'(itemIndex) {
		const group = locatorValue(this.getNodeParameter('groupFilter', itemIndex, ''));
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
