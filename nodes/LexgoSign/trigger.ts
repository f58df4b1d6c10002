import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { type Delivery, DeliveryRejection, parseJsonObject } from '../shared/delivery';
import { type EsignEventItem, type EsignVerification, isObject, text } from '../shared/item';
import { type Enrichment, EnrichmentBuilder, type TriggerProvider } from '../shared/trigger';
import { safeEqual } from '../shared/verification';
import { LEXGOSIGN_CREDENTIAL } from './api';
import {
	documentFileName,
	downloadableDocuments,
	downloadFile,
	getEnvelope,
	getEvidenceUrl,
} from './requests';
import { isManaged, storedLexgoSignSubscription } from './subscription';
import { toEventDraft } from './webhook';

/**
 * The Authorization value deliveries must carry: the one this trigger registered (managed), or
 * the credential's Webhook Secret (manual). Undefined when none is configured.
 */
async function expectedAuthorization(ctx: IWebhookFunctions): Promise<string | undefined> {
	if (isManaged(ctx)) {
		return storedLexgoSignSubscription(ctx.getWorkflowStaticData('node'))?.authorization;
	}
	const credentials = await ctx.getCredentials(LEXGOSIGN_CREDENTIAL);
	const secret = credentials.webhookSecret;
	return typeof secret === 'string' && secret !== '' ? secret : undefined;
}

/** Fail closed: the Authorization header must equal the expected value exactly. */
export async function verifyLexgoSignDelivery(
	ctx: IWebhookFunctions,
	delivery: Delivery,
): Promise<EsignVerification> {
	const expected = await expectedAuthorization(ctx);
	if (!expected) throw new DeliveryRejection(401, 'Webhook verification is not configured');
	const received = delivery.header('authorization');
	if (!received) throw new DeliveryRejection(401, 'Missing Authorization header');
	if (!safeEqual(received, expected)) {
		throw new DeliveryRejection(401, 'Invalid Authorization header');
	}
	return {
		method: 'authorization-header',
		verified: true,
		detail: isManaged(ctx) ? 'registered webhook secret' : 'credential webhook secret',
	};
}

const DOCUMENT_EVENTS = new Set(['envelope.success', 'envelope.evidence_generated']);

/**
 * Optional per-event work after LexgoSign has been answered: fetch the envelope, download the
 * signed documents (`document_0`, `document_1`, …) and the evidence sheet (`evidence`).
 */
async function enrich(
	ctx: IWebhookFunctions,
	item: EsignEventItem,
	options: IDataObject,
): Promise<Enrichment> {
	const enrichment = new EnrichmentBuilder(ctx);
	const envelopeId = item.documentId;
	if (!envelopeId) return enrichment.result();
	const data = isObject(item.payload.data) ? item.payload.data : {};

	if (options.includeEnvelope === true) {
		await enrichment.step('envelope', async () => {
			enrichment.document = await getEnvelope.call(ctx, envelopeId, true);
		});
	}
	if (options.downloadDocuments === true && DOCUMENT_EVENTS.has(item.providerEvent)) {
		// The fetched envelope has the freshest links; the payload's are as fresh as the attempt.
		const fetched = downloadableDocuments(enrichment.document);
		const documents = fetched.length > 0 ? fetched : downloadableDocuments(data);
		if (documents.length === 0)
			enrichment.fail('documents', 'the envelope lists no download links');
		for (const [index, document] of documents.entries()) {
			await enrichment.step(`document ${index}`, async () => {
				const name = documentFileName(envelopeId, document, index);
				await enrichment.attach(
					`document_${index}`,
					await downloadFile.call(ctx, String(document.url), name),
				);
			});
		}
	}
	if (options.downloadEvidence === true && item.providerEvent === 'envelope.evidence_generated') {
		await enrichment.step('evidence sheet', async () => {
			const url =
				text(data, 'evidence_document_url') ?? (await getEvidenceUrl.call(ctx, envelopeId));
			await enrichment.attach(
				'evidence',
				await downloadFile.call(ctx, url, `${envelopeId}-evidence.pdf`),
			);
		});
	}
	return enrichment.result();
}

export const lexgoSignTrigger: TriggerProvider = {
	label: 'LexgoSign Trigger',
	// The registration (secret) lives in static data; see dropRepeatedEvents.
	persistDuplicateMemory: false,
	async receive(ctx, delivery) {
		// Authenticate before reading the body: a forged delivery learns nothing about parsing.
		const verification = await verifyLexgoSignDelivery(ctx, delivery);
		const payload = parseJsonObject(delivery);
		return { events: [toEventDraft(payload, delivery.rawBody)], verification };
	},
	enrich,
	enrichmentOptions: ['includeEnvelope', 'downloadDocuments', 'downloadEvidence'],
};
