import type { INodeProperties } from 'n8n-workflow';

import {
	collectPages,
	listItems,
	pagingParameters,
	type OperationHandlers,
} from '../../shared/actions';
import { forOperation, operationsProperty, returnAllOrLimit } from '../../shared/descriptions';
import { listPage } from '../requests';

const PAGE_SIZE = 100;

export const groupOperations = operationsProperty(
	'group',
	[{ name: 'Get Many', value: 'getAll', action: 'Get many groups' }],
	'getAll',
);

export const groupProperties: INodeProperties[] = [
	...returnAllOrLimit(forOperation('group', 'getAll')),
];

export const groupHandlers: OperationHandlers = {
	async 'group.getAll'(itemIndex) {
		const groups = await collectPages(
			async (offset, limit) => await listPage.call(this, '/group/', {}, offset, limit),
			{ ...pagingParameters.call(this, itemIndex), pageSize: PAGE_SIZE },
		);
		return listItems(groups);
	},
};
