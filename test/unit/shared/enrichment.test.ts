import { EnrichmentBuilder } from '../../../nodes/shared/trigger';
import { webhookContext } from '../../support/contexts';

describe('EnrichmentBuilder', () => {
	it('collects the document and files, and reports failed steps without stopping the others', async () => {
		const { ctx } = webhookContext();
		const enrichment = new EnrichmentBuilder(ctx);
		await enrichment.step('details', async () => {
			enrichment.document = { id: 'd1' };
		});
		await enrichment.step('first file', async () => {
			throw new Error('link expired');
		});
		await enrichment.step('second file', async () => {
			await enrichment.attach('pdf', {
				data: Buffer.from('%PDF'),
				fileName: 'd1.pdf',
				mimeType: 'application/pdf',
			});
		});
		enrichment.fail('evidence', 'not generated yet');
		expect(enrichment.result()).toEqual({
			document: { id: 'd1' },
			binary: { pdf: expect.objectContaining({ fileName: 'd1.pdf', mimeType: 'application/pdf' }) },
			error: 'first file: link expired; evidence: not generated yet',
		});
	});

	it('is empty when nothing was asked for', () => {
		expect(new EnrichmentBuilder(webhookContext().ctx).result()).toEqual({});
	});
});
