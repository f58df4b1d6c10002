import { binaryPropertyNames, EnrichmentBuilder } from '../../../nodes/shared/enrichment';
import type { EsignEventFile } from '../../../nodes/shared/item';

const file = (kind: EsignEventFile['kind'], fileName: string): EsignEventFile => ({
	kind,
	data: Buffer.from('%PDF'),
	fileName,
	mimeType: 'application/pdf',
});

describe('EnrichmentBuilder', () => {
	it('collects the document and files, and reports failed steps without stopping the others', async () => {
		const enrichment = new EnrichmentBuilder();
		await enrichment.step('details', async () => {
			enrichment.document = { id: 'd1' };
		});
		await enrichment.step('first file', async () => {
			throw new Error('link expired');
		});
		await enrichment.step('second file', async () => {
			enrichment.attach(file('document', 'd1.pdf'));
		});
		enrichment.fail('evidence', 'not generated yet');
		expect(enrichment.result()).toEqual({
			document: { id: 'd1' },
			files: [file('document', 'd1.pdf')],
			error: 'first file: link expired; evidence: not generated yet',
		});
	});

	it('is empty when nothing was asked for', () => {
		expect(new EnrichmentBuilder().result()).toEqual({});
	});
});

describe('binaryPropertyNames', () => {
	it('names documents <base>, <base>_1, … and audit trails <base>_audit, … in order', () => {
		const files = [
			file('document', 'a'),
			file('auditTrail', 'b'),
			file('document', 'c'),
			file('document', 'd'),
			file('auditTrail', 'e'),
		];
		expect(binaryPropertyNames('pdf', files)).toEqual([
			'pdf',
			'pdf_audit',
			'pdf_1',
			'pdf_2',
			'pdf_audit_1',
		]);
	});
});
