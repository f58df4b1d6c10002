import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	jsonParse,
	NodeOperationError,
} from 'n8n-workflow';

import { toItems, type OperationHandlers } from '../../shared/actions';
import { forOperation } from '../../shared/descriptions';
import { isObject } from '../../shared/readers';
import { apiRequest, responseHeader } from '../../shared/transport';
import { idFromUri, legalesignApi, resourceUri } from '../api';
import { groupProperty, templatePdfLocator } from '../descriptions';
import { idParameter, toLegalesignTime } from './common';

const create = forOperation('document', 'createAndSend');

export const documentCreateProperties: INodeProperties[] = [
	{
		displayName:
			'If Create and Send times out, look for the document with Get Many (Modified After) before running it again, or it may be sent twice',
		name: 'createNotice',
		type: 'notice',
		default: '',
		displayOptions: create,
	},
	groupProperty(create, { required: true, description: 'Group (team) that sends the document' }),
	templatePdfLocator(
		'templatePdf',
		create,
		"A sendable template PDF of the group, with its recipients' fields",
	),
	{
		displayName: 'Document Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: 'Up to 60 characters',
		displayOptions: create,
	},
	{
		displayName: 'Recipients',
		name: 'signers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Recipient',
		description: "In the order of the template's signer roles",
		displayOptions: create,
		options: [
			{
				displayName: 'Recipient',
				name: 'signer',
				values: [
					{
						displayName: 'Email',
						name: 'email',
						type: 'string',
						placeholder: 'name@email.com',
						default: '',
					},
					{
						displayName: 'Email Message',
						name: 'message',
						type: 'string',
						typeOptions: { rows: 3 },
						default: '',
						description: 'Empty = the group default; "#Name" uses a saved message template',
					},
					{
						displayName: 'Email Subject',
						name: 'subject',
						type: 'string',
						default: '',
						description: 'Up to 150 characters; empty = the group default',
					},
					{
						displayName: 'Expires',
						name: 'expires',
						type: 'dateTime',
						default: '',
					},
					{ displayName: 'First Name', name: 'firstname', type: 'string', default: '' },
					{ displayName: 'Last Name', name: 'lastname', type: 'string', default: '' },
					{
						displayName: 'Mobile (SMS)',
						name: 'sms',
						type: 'string',
						default: '',
						description: 'International format; required for witnesses and witnessed signers',
					},
				],
			},
		],
	},
	{
		displayName: 'Send Emails',
		name: 'sendEmails',
		type: 'boolean',
		default: true,
		description:
			'Whether Legalesign emails the recipients. Off suppresses every Legalesign email; share signing links yourself (Return Signer Links).',
		displayOptions: create,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: create,
		options: [
			{
				displayName: 'Auto Archive',
				name: 'autoArchive',
				type: 'boolean',
				default: true,
				description: 'Whether to archive the document once it is signed',
			},
			{
				displayName: 'CC Emails',
				name: 'ccEmails',
				type: 'string',
				default: '',
				description: 'Comma-separated addresses that receive the signed document',
			},
			{
				displayName: 'Extra Body (JSON)',
				name: 'extraBody',
				type: 'json',
				default: '{}',
				description:
					'Object merged into the request body for fields not offered here (reminders, append_pdf …)',
			},
			{
				displayName: 'Redirect URL',
				name: 'redirect',
				type: 'string',
				default: '',
				description: 'HTTPS page recipients see after signing',
			},
			{
				displayName: 'Return Signer Links',
				name: 'returnSignerLinks',
				type: 'boolean',
				default: false,
				description: 'Whether to return each recipient\'s signing link in "signerLinks"',
			},
			{
				displayName: 'Sender Fields (JSON)',
				name: 'pdfText',
				type: 'json',
				default: '{}',
				description:
					'Values for the template\'s sender fields (pdftext), as {"field label or uuid": "value"}',
			},
			{
				displayName: 'Signature Type',
				name: 'signatureType',
				type: 'options',
				default: 4,
				options: [
					{ name: 'Certified PDF (Recommended)', value: 4 },
					{ name: 'Standard (SHA-256)', value: 1 },
				],
			},
			{
				displayName: 'Signers in Order',
				name: 'signersInOrder',
				type: 'boolean',
				default: false,
				description: 'Whether each recipient is invited only after the previous one finished',
			},
			{ displayName: 'Tag', name: 'tag', type: 'string', default: '' },
			{ displayName: 'Tag 1', name: 'tag1', type: 'string', default: '' },
			{ displayName: 'Tag 2', name: 'tag2', type: 'string', default: '' },
		],
	},
];

function jsonObject(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): IDataObject {
	if (isObject(value)) return value;
	if (typeof value !== 'string' || value.trim() === '') return {};
	try {
		const parsed = jsonParse<unknown>(value, { errorMessage: `"${label}" is not valid JSON` });
		if (isObject(parsed)) return parsed;
	} catch (error) {
		throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
	}
	throw new NodeOperationError(this.getNode(), `"${label}" must be a JSON object`, { itemIndex });
}

function buildSigners(this: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const entries = ((this.getNodeParameter('signers', itemIndex, {}) as IDataObject).signer ??
		[]) as IDataObject[];
	if (entries.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Add at least one recipient', { itemIndex });
	}
	return entries.map((entry, position) => {
		const signer: IDataObject = {
			firstname: String(entry.firstname ?? '').trim(),
			lastname: String(entry.lastname ?? '').trim(),
			email: String(entry.email ?? '').trim(),
		};
		if (!signer.firstname || !signer.lastname || !signer.email) {
			throw new NodeOperationError(
				this.getNode(),
				`Recipient ${position + 1} needs a first name, a last name and an email`,
				{ itemIndex },
			);
		}
		for (const key of ['sms', 'subject', 'message'] as const) {
			if (String(entry[key] ?? '').trim()) signer[key] = String(entry[key]).trim();
		}
		if (entry.expires) signer.expires = toLegalesignTime(entry.expires);
		return signer;
	});
}

/** The `POST /document/` body (DocumentPost). */
export function buildDocumentBody(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		group: resourceUri('group', idParameter.call(this, 'group', itemIndex, 'group')),
		name: String(this.getNodeParameter('name', itemIndex)).trim(),
		templatepdf: resourceUri(
			'templatepdf',
			idParameter.call(this, 'templatePdf', itemIndex, 'template PDF'),
		),
		signers: buildSigners.call(this, itemIndex),
		do_email: this.getNodeParameter('sendEmails', itemIndex, true) as boolean,
	};
	const optional: Record<string, string> = {
		autoArchive: 'auto_archive',
		ccEmails: 'cc_emails',
		redirect: 'redirect',
		returnSignerLinks: 'return_signer_links',
		signatureType: 'signature_type',
		signersInOrder: 'signers_in_order',
		tag: 'tag',
		tag1: 'tag1',
		tag2: 'tag2',
	};
	for (const [parameter, key] of Object.entries(optional)) {
		const value = extra[parameter];
		if (value !== undefined && value !== '')
			body[key] = typeof value === 'string' ? value.trim() : value;
	}
	const pdfText = jsonObject.call(this, extra.pdfText, 'Sender Fields', itemIndex);
	if (Object.keys(pdfText).length > 0) body.pdftext = pdfText;
	Object.assign(body, jsonObject.call(this, extra.extraBody, 'Extra Body', itemIndex));
	return body;
}

export const documentCreateHandlers: OperationHandlers = {
	async 'document.createAndSend'(itemIndex) {
		const body = buildDocumentBody.call(this, itemIndex);
		const response = await apiRequest.call(this, legalesignApi, {
			method: 'POST',
			path: '/document/',
			body,
			retryOnRateLimit: false,
		});
		const location = responseHeader(response.headers, 'location');
		const result: IDataObject = {
			documentId: location ? idFromUri(location) : null,
			resourceUri: location ?? null,
			name: body.name,
			group: body.group,
			emailsSent: body.do_email,
		};
		if (isObject(response.body) && Object.keys(response.body).length > 0) {
			result.signerLinks = response.body;
		}
		return toItems(result);
	},
};
