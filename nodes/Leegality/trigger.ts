import type { IWebhookFunctions } from 'n8n-workflow';

import { EnrichmentBuilder, type Enrichment } from '../shared/enrichment';
import type { EsignEventItem } from '../shared/item';
import { objectAt, sameText, text } from '../shared/readers';
import { credentialSecrets, whenReady } from '../shared/secrets';
import {
	DEFAULT_BINARY_PROPERTY,
	selectedEvents,
	triggerOptions,
	type TriggerProvider,
	type TriggerSecrets,
	type TriggerSettings,
} from '../shared/trigger';
import { jsonBody } from '../shared/delivery';
import { LEEGALITY_CREDENTIAL } from './api';
import { confirmWithLeegality } from './confirmation';
import { toEventDraft } from './events';
import { fetchDocumentFile, getDocumentDetails } from './requests';
import {
	type LeegalitySecrets,
	refuseOtherProducts,
	screenLeegalityDelivery,
	verifyLeegalityDelivery,
} from './verification';

interface LeegalitySettings extends TriggerSettings {
	skipVerification: boolean;
}

type Secrets = LeegalitySecrets & TriggerSecrets;

const SECRET_FIELDS = ['privateSaltSecret', 'webhookHeaderName', 'webhookHeaderSecret'] as const;

/** What the body itself carried (v2.1–2.3 embed files): never downloaded a second time. */
function embeddedKinds(item: EsignEventItem): { document: boolean; auditTrail: boolean } {
	const embedded = objectAt(item.attributes, 'embeddedFiles');
	return {
		document: Number(embedded.documents) > 0,
		auditTrail: embedded.auditTrail === true,
	};
}

/**
 * Whether the document is complete: as the event says, or — when the body does not say (no
 * `documentStatus`) — as the Details API says (`document.status`, any case). Not complete is
 * not an error: the downloads are just skipped.
 */
async function isCompleted(
	this: IWebhookFunctions,
	item: EsignEventItem,
	documentId: string,
	enrichment: EnrichmentBuilder,
): Promise<boolean> {
	if (item.documentCompleted !== null) return item.documentCompleted;
	let completed = false;
	await enrichment.step('completion check', async () => {
		const details = enrichment.document ?? (await getDocumentDetails.call(this, documentId));
		completed = sameText(text(objectAt(details, 'document'), 'status'), 'COMPLETED');
	});
	return completed;
}

async function enrich(
	this: IWebhookFunctions,
	item: EsignEventItem,
	settings: LeegalitySettings,
): Promise<Enrichment> {
	const enrichment = new EnrichmentBuilder();
	const documentId = item.documentId;
	if (!documentId) return enrichment.result();
	const { options } = settings;
	if (options.includeDocumentDetails === true) {
		await enrichment.step('document details', async () => {
			enrichment.document = await getDocumentDetails.call(this, documentId);
		});
	}
	const embedded = embeddedKinds(item);
	const wantDocument = options.downloadSignedDocuments === true && !embedded.document;
	const wantAuditTrail = options.downloadAuditTrail === true && !embedded.auditTrail;
	if (!wantDocument && !wantAuditTrail) return enrichment.result();
	if (!(await isCompleted.call(this, item, documentId, enrichment))) return enrichment.result();
	if (wantDocument) {
		await enrichment.step('signed document', async () => {
			const file = await fetchDocumentFile.call(this, { documentId, type: 'DOCUMENT' });
			enrichment.attach({ kind: 'document', ...file });
		});
	}
	if (wantAuditTrail) {
		await enrichment.step('audit trail', async () => {
			const file = await fetchDocumentFile.call(this, { documentId, type: 'AUDIT_TRAIL' });
			enrichment.attach({ kind: 'auditTrail', ...file });
		});
	}
	return enrichment.result();
}

/**
 * v2.1–2.3 success bodies embed base64 PDFs, so they may be far larger than v2.5 bodies: up to
 * n8n's own default request limit (16 MiB, N8N_PAYLOAD_SIZE_MAX) is accepted. A refused body
 * would be retried three times and then lost.
 */
export const LEEGALITY_MAX_DELIVERY_BYTES = 16 * 1024 * 1024;

export const leegalityTrigger: TriggerProvider<LeegalitySettings, Secrets> = {
	label: 'Leegality Trigger',
	maxDeliveryBytes: LEEGALITY_MAX_DELIVERY_BYTES,
	readSettings() {
		return {
			events: selectedEvents.call(this),
			options: triggerOptions.call(this),
			skipVerification: this.getNodeParameter('skipVerification', false) === true,
			// "Confirm Events With Leegality": one Details call per event before the answer.
			confirmEvents: this.getNodeParameter('confirmEvents', false) === true,
		};
	},
	screen(delivery, settings) {
		if (settings.skipVerification) jsonBody(delivery);
		else screenLeegalityDelivery(delivery);
	},
	secrets(settings, refresh) {
		if (settings.skipVerification) {
			return { privateSalt: '', headerName: '', headerSecret: '', refreshable: false };
		}
		return whenReady(
			credentialSecrets.call(this, LEEGALITY_CREDENTIAL, SECRET_FIELDS, refresh),
			({ values, refreshable }) => ({
				privateSalt: values.privateSaltSecret,
				headerName: values.webhookHeaderName,
				headerSecret: values.webhookHeaderSecret,
				refreshable,
			}),
		);
	},
	verify(delivery, secrets, settings) {
		if (settings.skipVerification) return { method: 'skipped', verified: false, detail: null };
		return verifyLeegalityDelivery(delivery, secrets);
	},
	toEvents(delivery, settings) {
		const body = jsonBody(delivery);
		// Reached with verification skipped: the shape alone says it is another product's webhook.
		refuseOtherProducts(body);
		return [toEventDraft(body, settings.options.binaryPropertyName || DEFAULT_BINARY_PROPERTY)];
	},
	async confirm(events) {
		return await confirmWithLeegality.call(this, events);
	},
	enrich,
};
