import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toItems, type OperationHandlers } from '../../shared/actions';
import { forOperation } from '../../shared/descriptions';
import { objectAt, objectsAt, text } from '../../shared/readers';
import { apiRequest, providerApiError } from '../../shared/transport';
import { envelopeErrors, lexgoSignApi } from '../api';
import { getEnvelope } from '../requests';
import {
	automaticPlacements,
	buildDocuments,
	buildRecipients,
	buildSettings,
	manualPlacements,
} from './envelopeBody';
import { envelopeBodyProperties, placementProperties, settingsProperty } from './envelopeFields';
import { envelopeFileHandlers, envelopeFileProperties } from './envelopeFiles';

export const envelopeOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['envelope'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create an envelope',
			description: 'Create an envelope from PDFs, recipients and placements (not sent yet)',
		},
		{
			name: 'Download Documents',
			value: 'downloadDocuments',
			action: 'Download the documents of an envelope',
			description: 'The (signed) PDFs as binary data',
		},
		{ name: 'Get', value: 'get', action: 'Get an envelope' },
		{
			name: 'Get Evidence',
			value: 'getEvidence',
			action: 'Get the evidence sheet of an envelope',
			description: 'Evidence sheet URL (completed envelopes), optionally downloaded',
		},
		{
			name: 'Send',
			value: 'send',
			action: 'Send an envelope',
			description: 'Send a CREATED envelope to its recipients (asynchronous)',
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update an envelope',
			description: 'Change an envelope in status CREATED or ERROR',
		},
		{
			name: 'Void',
			value: 'void',
			action: 'Void an envelope',
			description: "Cancel an envelope and revoke the recipients' access (irreversible)",
		},
	],
	default: 'get',
};

const envelopeId = (operations: string[]): INodeProperties => ({
	displayName: 'Envelope ID',
	name: 'envelopeId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 51f8ad72-0b51-4bf4-ab7f-6575e4f68ad5',
	displayOptions: forOperation('envelope', operations),
});

const allowErrors = (operations: string[]): INodeProperties => ({
	displayName: 'Return Envelopes With Errors',
	name: 'allowErrors',
	type: 'boolean',
	default: false,
	description:
		'Whether to output an envelope in status ERROR (with its "errors") instead of failing. LexgoSign answers such envelopes with HTTP 200.',
	displayOptions: forOperation('envelope', operations),
});

export const envelopeProperties: INodeProperties[] = [
	{
		displayName:
			'LexgoSign has no idempotency key, so Create is never retried automatically. An envelope that fails validation (HTTP 422) is still created: it is returned with status ERROR and its "errors" — fix it with Update instead of creating it again.',
		name: 'createNotice',
		type: 'notice',
		default: '',
		displayOptions: forOperation('envelope', 'create'),
	},
	envelopeId(['get', 'update', 'send', 'void', 'getEvidence', 'downloadDocuments']),
	{
		displayName:
			'Documents, recipients and placements you send replace ALL existing ones (omitted ones are deleted); leave a list empty to keep it. Settings are merged.',
		name: 'updateNotice',
		type: 'notice',
		default: '',
		displayOptions: forOperation('envelope', 'update'),
	},
	{
		displayName: 'Envelope Name',
		name: 'name',
		type: 'string',
		default: '',
		description: "Defaults to the first document's name",
		displayOptions: forOperation('envelope', ['create', 'update']),
	},
	...envelopeBodyProperties(forOperation('envelope', ['create', 'update'])),
	{
		displayName: 'Placements',
		name: 'placementMode',
		type: 'options',
		default: 'auto',
		options: [
			{
				name: 'Automatic',
				value: 'auto',
				description:
					'One signature per recipient on each signable document, on a page LexgoSign adds',
			},
			{ name: 'Define Below', value: 'manual' },
		],
		displayOptions: forOperation('envelope', 'create'),
	},
	{
		displayName: 'Placements',
		name: 'placementMode',
		type: 'options',
		default: 'unchanged',
		options: [
			{ name: 'Keep Current', value: 'unchanged' },
			{
				name: 'Automatic',
				value: 'auto',
				description:
					'Replace them: one signature per recipient on each signable document (current ones unless given above), e.g. after an upload',
			},
			{ name: 'Define Below (Replace)', value: 'manual' },
		],
		displayOptions: forOperation('envelope', 'update'),
	},
	...placementProperties(forOperation('envelope', ['create', 'update'])),
	settingsProperty(forOperation('envelope', ['create', 'update'])),
	{
		displayName: 'Fail on Validation Errors',
		name: 'failOnValidationErrors',
		type: 'boolean',
		default: false,
		description:
			'Whether an envelope created with validation errors (status ERROR) fails the item. The error names the envelope ID, which still exists.',
		displayOptions: forOperation('envelope', 'create'),
	},
	allowErrors(['get', 'update']),
	...envelopeFileProperties,
];

export function envelopeIdParameter(this: IExecuteFunctions, itemIndex: number): string {
	return (this.getNodeParameter('envelopeId', itemIndex) as string).trim();
}

function envelopeOf(body: unknown): IDataObject {
	return objectAt(body, 'envelope');
}

function keysWhere(envelope: IDataObject, key: string, keep: (entry: IDataObject) => boolean) {
	return objectsAt(envelope, key)
		.filter(keep)
		.map((entry) => text(entry, 'custom_key'))
		.filter((key): key is string => key !== null);
}

/** The fields shared by Create and Update; `current` answers the keys not given in this call. */
async function buildBody(
	this: IExecuteFunctions,
	itemIndex: number,
	mode: string,
	current?: () => Promise<IDataObject>,
): Promise<IDataObject> {
	const body: IDataObject = {};
	const name = (this.getNodeParameter('name', itemIndex, '') as string).trim();
	if (name) body.name = name;
	const documents = await buildDocuments.call(this, itemIndex);
	if (documents) body.documents = documents.documents;
	const recipients = buildRecipients.call(this, itemIndex);
	if (recipients) body.recipients = recipients.recipients;
	if (mode === 'manual') {
		body.placements = manualPlacements.call(this, itemIndex);
	} else if (mode === 'auto') {
		let recipientKeys = recipients?.keys;
		let documentKeys = documents?.signable;
		if ((!recipientKeys || !documentKeys) && current) {
			const envelope = await current();
			recipientKeys ??= keysWhere(envelope, 'recipients', () => true);
			documentKeys ??= keysWhere(
				envelope,
				'documents',
				(d) => text(d, 'file_type') !== 'ATTACHMENT',
			);
		}
		const placements = automaticPlacements(recipientKeys ?? [], documentKeys ?? []);
		if (Object.keys(placements).length > 0) body.placements = placements;
	}
	const settings = buildSettings.call(this, itemIndex);
	if (settings) body.settings = settings;
	return body;
}

export const envelopeHandlers: OperationHandlers = {
	async 'envelope.create'(itemIndex) {
		const mode = this.getNodeParameter('placementMode', itemIndex, 'auto') as string;
		const body = await buildBody.call(this, itemIndex, mode);
		const response = await apiRequest.call(this, lexgoSignApi, {
			method: 'POST',
			path: '/envelopes',
			body,
			retryOnRateLimit: false,
			acceptStatuses: [422],
			allowErrorInBody: true,
		});
		const envelope = envelopeOf(response.body);
		const errors = envelopeErrors(response.body);
		const error = () =>
			providerApiError.call(
				this,
				lexgoSignApi,
				response.statusCode,
				lexgoSignApi.errorFromBody(response.body, response.statusCode) ?? {
					message: `HTTP ${response.statusCode}`,
				},
			);
		// A 422 without an envelope persisted nothing: a plain error.
		if (response.statusCode === 422 && (errors === undefined || !text(envelope, 'id'))) {
			throw error();
		}
		if (errors !== undefined && this.getNodeParameter('failOnValidationErrors', itemIndex, false)) {
			throw error();
		}
		return toItems(envelope);
	},
	async 'envelope.get'(itemIndex) {
		const allow = this.getNodeParameter('allowErrors', itemIndex, false) as boolean;
		return toItems(await getEnvelope.call(this, envelopeIdParameter.call(this, itemIndex), allow));
	},
	async 'envelope.update'(itemIndex) {
		const id = envelopeIdParameter.call(this, itemIndex);
		const mode = this.getNodeParameter('placementMode', itemIndex, 'unchanged') as string;
		const body = await buildBody.call(this, itemIndex, mode, async () =>
			getEnvelope.call(this, id, true),
		);
		const response = await apiRequest.call(this, lexgoSignApi, {
			method: 'PUT',
			path: `/envelopes/${encodeURIComponent(id)}`,
			body,
			allowErrorInBody: this.getNodeParameter('allowErrors', itemIndex, false) as boolean,
		});
		return toItems(envelopeOf(response.body));
	},
	async 'envelope.send'(itemIndex) {
		const id = envelopeIdParameter.call(this, itemIndex);
		// On an account with the older API the transport falls back to POST …/send_invitation.
		const { body } = await apiRequest.call(this, lexgoSignApi, {
			method: 'PUT',
			path: `/envelopes/${encodeURIComponent(id)}/send`,
			retryOnRateLimit: false,
		});
		const message = text(body, 'message');
		const envelope = envelopeOf(body);
		// The older route answers only {success, request_id}.
		const sent = Object.keys(envelope).length > 0 ? envelope : { id, sent: true };
		return toItems(message ? { ...sent, message } : sent);
	},
	async 'envelope.void'(itemIndex) {
		const { body } = await apiRequest.call(this, lexgoSignApi, {
			method: 'PUT',
			path: `/envelopes/${encodeURIComponent(envelopeIdParameter.call(this, itemIndex))}/void`,
		});
		return toItems(envelopeOf(body));
	},
	...envelopeFileHandlers,
};
