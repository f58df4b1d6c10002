import type { IWebhookFunctions } from 'n8n-workflow';

import { EnrichmentBuilder, type Enrichment } from '../shared/enrichment';
import type { EsignEventItem } from '../shared/item';
import { credentialSecrets } from '../shared/secrets';
import {
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
	screenLeegalityDelivery,
	verifyLeegalityDelivery,
} from './verification';

interface LeegalitySettings extends TriggerSettings {
	skipVerification: boolean;
	/** "Confirm Events With Leegality": one Details call per event before the answer. */
	confirmEvents: boolean;
}

type Secrets = LeegalitySecrets & TriggerSecrets;

const SECRET_FIELDS = ['privateSaltSecret', 'webhookHeaderName', 'webhookHeaderSecret'] as const;

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
	if (item.documentCompleted === true) {
		if (options.downloadSignedDocuments === true) {
			await enrichment.step('signed document', async () => {
				const file = await fetchDocumentFile.call(this, { documentId, type: 'DOCUMENT' });
				enrichment.attach({ kind: 'document', ...file });
			});
		}
		if (options.downloadAuditTrail === true) {
			await enrichment.step('audit trail', async () => {
				const file = await fetchDocumentFile.call(this, { documentId, type: 'AUDIT_TRAIL' });
				enrichment.attach({ kind: 'auditTrail', ...file });
			});
		}
	}
	return enrichment.result();
}

export const leegalityTrigger: TriggerProvider<LeegalitySettings, Secrets> = {
	label: 'Leegality Trigger',
	readSettings() {
		return {
			events: selectedEvents.call(this),
			options: triggerOptions.call(this),
			skipVerification: this.getNodeParameter('skipVerification', false) === true,
			confirmEvents: this.getNodeParameter('confirmEvents', false) === true,
		};
	},
	screen(delivery, settings) {
		if (settings.skipVerification) jsonBody(delivery);
		else screenLeegalityDelivery(delivery);
	},
	async secrets(settings, refresh) {
		if (settings.skipVerification) {
			return { privateSalt: '', headerName: '', headerSecret: '', refreshable: false };
		}
		const { values, refreshable } = await credentialSecrets.call(
			this,
			LEEGALITY_CREDENTIAL,
			SECRET_FIELDS,
			refresh,
		);
		return {
			privateSalt: values.privateSaltSecret,
			headerName: values.webhookHeaderName,
			headerSecret: values.webhookHeaderSecret,
			refreshable,
		};
	},
	verify(delivery, secrets, settings) {
		if (settings.skipVerification) return { method: 'skipped', verified: false, detail: null };
		return verifyLeegalityDelivery(delivery, secrets);
	},
	toEvents(delivery) {
		return [toEventDraft(jsonBody(delivery))];
	},
	async confirm(events, settings) {
		return settings.confirmEvents ? await confirmWithLeegality.call(this, events) : undefined;
	},
	enrich,
};
