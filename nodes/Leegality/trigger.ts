import type { ICredentialDataDecryptedObject, IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { type Delivery, DeliveryRejection, parseJsonObject } from '../shared/delivery';
import type { EsignEventItem, EsignVerification } from '../shared/item';
import {
	type Enrichment,
	EnrichmentBuilder,
	signedPdfProperty,
	type TriggerProvider,
} from '../shared/trigger';
import { safeEqual, verifyHmac } from '../shared/verification';
import { LEEGALITY_CREDENTIAL } from './api';
import { fetchDocumentFile, getDocumentDetails } from './requests';
import { toEventDraft } from './webhook';

/**
 * Fail-closed check of a v2.5 delivery: `mac` must be HMAC-SHA1(documentId, private salt), hex
 * (any case) or base64; and the static custom header must match when the credential names one.
 */
export function verifyLeegalityDelivery(
	payload: IDataObject,
	delivery: Delivery,
	credentials: ICredentialDataDecryptedObject,
): EsignVerification {
	const salt =
		typeof credentials.privateSaltSecret === 'string' ? credentials.privateSaltSecret : '';
	if (!salt) throw new DeliveryRejection(401, 'Webhook verification is not configured');
	const documentId = payload.documentId;
	if (typeof documentId !== 'string' || documentId.length === 0) {
		throw new DeliveryRejection(401, 'Missing documentId');
	}
	const mac = typeof payload.mac === 'string' ? payload.mac : undefined;
	if (!mac) throw new DeliveryRejection(401, 'Missing mac');
	const encoding = verifyHmac({
		algorithm: 'sha1',
		key: salt,
		message: documentId,
		received: mac,
		encodings: ['hex', 'base64'],
	});
	if (!encoding) throw new DeliveryRejection(401, 'Invalid mac');

	const headerName =
		typeof credentials.webhookHeaderName === 'string' ? credentials.webhookHeaderName.trim() : '';
	if (headerName) {
		const expected =
			typeof credentials.webhookHeaderSecret === 'string' ? credentials.webhookHeaderSecret : '';
		if (!safeEqual(delivery.header(headerName) ?? '', expected)) {
			throw new DeliveryRejection(401, 'Missing or invalid custom webhook header');
		}
	}
	return {
		method: 'hmac-sha1-document-id',
		verified: true,
		detail: headerName ? `mac (${encoding}) + custom header` : `mac (${encoding})`,
	};
}

async function enrich(
	ctx: IWebhookFunctions,
	item: EsignEventItem,
	options: IDataObject,
): Promise<Enrichment> {
	const enrichment = new EnrichmentBuilder(ctx);
	const documentId = item.documentId;
	if (!documentId) return enrichment.result();
	if (options.includeDocumentDetails === true) {
		await enrichment.step('document details', async () => {
			enrichment.document = await getDocumentDetails.call(ctx, documentId);
		});
	}
	if (options.downloadSignedDocument === true && item.documentCompleted) {
		await enrichment.step('signed document', async () => {
			const file = await fetchDocumentFile.call(ctx, { documentId, type: 'DOCUMENT' });
			await enrichment.attach(signedPdfProperty(options), file);
		});
	}
	return enrichment.result();
}

export const leegalityTrigger: TriggerProvider = {
	label: 'Leegality Trigger',
	// Nothing else lives in this trigger's static data, so the copy can persist.
	persistDuplicateMemory: true,
	async receive(ctx, delivery) {
		const payload = parseJsonObject(delivery);
		let verification: EsignVerification;
		if (ctx.getNodeParameter('skipVerification', false) === true) {
			ctx.logger.warn(
				'Leegality Trigger: verification is switched off; accepting an unverified delivery',
			);
			verification = { method: 'skipped', verified: false, detail: null };
		} else {
			const credentials = await ctx.getCredentials(LEEGALITY_CREDENTIAL);
			verification = verifyLeegalityDelivery(payload, delivery, credentials);
		}
		return { events: [toEventDraft(payload)], verification };
	},
	enrich,
	enrichmentOptions: ['includeDocumentDetails', 'downloadSignedDocument'],
};
