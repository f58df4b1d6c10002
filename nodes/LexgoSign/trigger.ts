import type { IBinaryKeyData, IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { type Delivery, DeliveryRejection, parseJsonObject } from '../shared/delivery';
import { type EsignEventItem, type EsignVerification, isObject, text } from '../shared/item';
import type { Enrichment, TriggerProvider } from '../shared/trigger';
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

async function attach(
	ctx: IWebhookFunctions,
	binary: IBinaryKeyData,
	property: string,
	url: string,
	fileName: string,
) {
	const file = await downloadFile.call(ctx, url, fileName);
	binary[property] = await ctx.helpers.prepareBinaryData(file.data, file.fileName, file.mimeType);
}

/**
 * Optional per-event work after LexgoSign has been answered: fetch the envelope, download the
 * signed documents (`document_0`, `document_1`, …) and the evidence sheet (`evidence`).
 */
async function enrich(ctx: IWebhookFunctions, item: EsignEventItem): Promise<Enrichment> {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const result: Enrichment = {};
	const errors: string[] = [];
	const envelopeId = item.documentId;
	if (!envelopeId) return result;
	const data = isObject(item.payload.data) ? item.payload.data : {};

	if (options.includeEnvelope === true) {
		try {
			result.document = await getEnvelope.call(ctx, envelopeId, true);
		} catch (error) {
			errors.push(`envelope: ${(error as Error).message}`);
		}
	}

	const binary: IBinaryKeyData = {};
	if (options.downloadDocuments === true && DOCUMENT_EVENTS.has(item.providerEvent)) {
		// The fetched envelope has the freshest links; the payload's are as fresh as the attempt.
		const fetched = downloadableDocuments(result.document);
		const documents = fetched.length > 0 ? fetched : downloadableDocuments(data);
		if (documents.length === 0) errors.push('documents: the envelope lists no download links');
		for (const [index, document] of documents.entries()) {
			try {
				const name = documentFileName(envelopeId, document, index);
				await attach(ctx, binary, `document_${index}`, String(document.url), name);
			} catch (error) {
				errors.push(`document ${index}: ${(error as Error).message}`);
			}
		}
	}
	if (options.downloadEvidence === true && item.providerEvent === 'envelope.evidence_generated') {
		try {
			const url =
				text(data, 'evidence_document_url') ?? (await getEvidenceUrl.call(ctx, envelopeId));
			await attach(ctx, binary, 'evidence', url, `${envelopeId}-evidence.pdf`);
		} catch (error) {
			errors.push(`evidence sheet: ${(error as Error).message}`);
		}
	}
	if (Object.keys(binary).length > 0) result.binary = binary;
	if (errors.length > 0) result.error = errors.join('; ');
	return result;
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
};
