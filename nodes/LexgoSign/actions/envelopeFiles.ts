import {
	type IBinaryKeyData,
	type IDataObject,
	type INodeExecutionData,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import { binaryItem, type OperationHandlers } from '../../shared/actions';
import { forOperation, outputBinaryProperty } from '../../shared/descriptions';
import { binaryPropertyNames } from '../../shared/enrichment';
import { text } from '../../shared/readers';
import {
	documentFileName,
	downloadableDocuments,
	downloadFile,
	getEnvelope,
	getEvidenceUrl,
} from '../requests';

export const envelopeFileProperties: INodeProperties[] = [
	{
		displayName: 'Download',
		name: 'download',
		type: 'boolean',
		default: false,
		description:
			'Whether to download the evidence sheet PDF as binary data (the URL expires; download it rather than storing it)',
		displayOptions: forOperation('envelope', 'getEvidence'),
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'itemPerDocument',
		options: [
			{
				name: 'One Item per Document',
				value: 'itemPerDocument',
				description: 'Each PDF in the same binary field; easiest to pass on to storage nodes',
			},
			{
				name: 'One Item With All Documents',
				value: 'singleItem',
				description: 'Binary fields data, data_1, data_2, … (with field "data") on one item',
			},
		],
		displayOptions: forOperation('envelope', 'downloadDocuments'),
	},
	outputBinaryProperty(forOperation('envelope', 'downloadDocuments')),
	outputBinaryProperty({
		show: { resource: ['envelope'], operation: ['getEvidence'], download: [true] },
	}),
];

export const envelopeFileHandlers: OperationHandlers = {
	async 'envelope.getEvidence'(itemIndex) {
		const id = (this.getNodeParameter('envelopeId', itemIndex) as string).trim();
		const evidenceUrl = await getEvidenceUrl.call(this, id);
		const json: IDataObject = { envelopeId: id, evidenceUrl };
		if (this.getNodeParameter('download', itemIndex, false) !== true) return [{ json }];
		const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const file = await downloadFile.call(this, evidenceUrl, `${id}-evidence.pdf`);
		return await binaryItem.call(this, file, property, json);
	},
	async 'envelope.downloadDocuments'(itemIndex) {
		const id = (this.getNodeParameter('envelopeId', itemIndex) as string).trim();
		const envelope = await getEnvelope.call(this, id, true);
		const documents = downloadableDocuments(envelope);
		if (documents.length === 0) {
			throw new NodeOperationError(
				this.getNode(),
				'The envelope lists no document download links',
				{
					itemIndex,
					description: `Envelope status: ${text(envelope, 'status') ?? 'unknown'}`,
				},
			);
		}
		const property = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const perDocument =
			this.getNodeParameter('output', itemIndex, 'itemPerDocument') !== 'singleItem';
		const envelopeStatus = text(envelope, 'status');
		const results: INodeExecutionData[] = [];
		const all: IBinaryKeyData = {};
		const summaries: IDataObject[] = [];
		const names = binaryPropertyNames(
			property,
			documents.map(() => ({ kind: 'document', data: Buffer.alloc(0), fileName: '', mimeType: '' })),
		);
		for (const [index, document] of documents.entries()) {
			const file = await downloadFile.call(
				this,
				String(document.url),
				documentFileName(id, document, index),
			);
			const binary = await this.helpers.prepareBinaryData(file.data, file.fileName, file.mimeType);
			const summary: IDataObject = {
				envelopeId: id,
				envelopeStatus,
				documentId: text(document, 'id'),
				customKey: text(document, 'custom_key'),
				fileType: text(document, 'file_type'),
				documentStatus: text(document, 'status'),
				fileName: file.fileName,
				mimeType: file.mimeType,
				fileSize: file.data.length,
			};
			if (perDocument) {
				results.push({ json: summary, binary: { [property]: binary } });
			} else {
				all[names[index]] = binary;
				summaries.push({ ...summary, binaryProperty: names[index] });
			}
		}
		if (perDocument) return results;
		return [{ json: { envelopeId: id, envelopeStatus, documents: summaries }, binary: all }];
	},
};
