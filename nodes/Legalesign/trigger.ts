import type { IWebhookFunctions } from 'n8n-workflow';

import { formBody, jsonBody, parseJsonText, DeliveryRejection } from '../shared/delivery';
import { EnrichmentBuilder, type Enrichment } from '../shared/enrichment';
import type { EsignEventItem } from '../shared/item';
import { isObject } from '../shared/readers';
import { storedRegistration } from '../shared/registration';
import { credentialSecrets, whenReady } from '../shared/secrets';
import {
	triggerOptions,
	type TriggerProvider,
	type TriggerSecrets,
	type TriggerSettings,
} from '../shared/trigger';
import { LEGALESIGN_CREDENTIAL, idFromUri } from './api';
import { batchEventDraft, field, perEventDraft, realtimeEventDraft } from './events';
import {
	type RegistrationSettings,
	registrationSettings,
	type StoredRegistration,
} from './registration';
import { downloadAuditLog, downloadSignedPdf, getResource } from './requests';
import {
	checkUrlToken,
	type LegalesignSecrets,
	normalizeCertificate,
	verifyLegacyDelivery,
	verifyRealtimeDelivery,
} from './verification';

interface LegalesignSettings extends TriggerSettings {
	registration: RegistrationSettings;
	/** The token stored by `create` ('' when nothing is registered). */
	urlToken: string;
}

type Secrets = LegalesignSecrets & TriggerSecrets;

function readSettings(this: IWebhookFunctions): LegalesignSettings {
	const registration = registrationSettings.call(this);
	const stored = storedRegistration<StoredRegistration>(this.getWorkflowStaticData('node'));
	// Per-event legacy webhooks carry one kind of event: the one registered.
	const events =
		registration.webhookType === 'legacy' && registration.legacyNotify !== 'all'
			? [registration.legacyNotify, 'unknown']
			: registration.events;
	return {
		events,
		options: triggerOptions.call(this),
		registration,
		urlToken: typeof stored?.token === 'string' ? stored.token : '',
	};
}

/** The document of an item: its own id, or (legacy signer records) the signer's document. */
async function documentOf(this: IWebhookFunctions, item: EsignEventItem) {
	if (item.documentId) return await getResource.call(this, 'document', item.documentId);
	const signerId = item.recipient?.id;
	if (!signerId) return undefined;
	const signer = await getResource.call(this, 'signer', signerId);
	const reference = field(signer, 'document');
	return reference ? await getResource.call(this, 'document', idFromUri(reference)) : undefined;
}

async function enrich(
	this: IWebhookFunctions,
	item: EsignEventItem,
	settings: LegalesignSettings,
): Promise<Enrichment> {
	const enrichment = new EnrichmentBuilder();
	const { options } = settings;
	if (options.includeDocumentDetails === true) {
		await enrichment.step('document details', async () => {
			enrichment.document = await documentOf.call(this, item);
		});
	}
	const documentId = item.documentId;
	if (item.documentCompleted === true && documentId) {
		if (options.downloadSignedDocuments === true) {
			await enrichment.step('signed PDF', async () => {
				enrichment.attach({
					kind: 'document',
					...(await downloadSignedPdf.call(this, documentId)),
				});
			});
		}
		if (options.downloadAuditTrail === true) {
			await enrichment.step('audit log', async () => {
				enrichment.attach({
					kind: 'auditTrail',
					...(await downloadAuditLog.call(this, documentId)),
				});
			});
		}
	}
	return enrichment.result();
}

const REALTIME_SECRET_FIELDS = ['webhookHmacSecret'] as const;
const LEGACY_SECRET_FIELDS = ['legacyPublicCertificate'] as const;

export const legalesignTrigger: TriggerProvider<LegalesignSettings, Secrets> = {
	label: 'Legalesign Trigger',
	readSettings,
	screen(delivery, settings) {
		// The URL token needs no credential: most forgeries stop here.
		if (settings.registration.registers) checkUrlToken(delivery, settings.urlToken);
	},
	secrets(settings, refresh) {
		const realtime = settings.registration.webhookType === 'realtime';
		const fields = realtime ? REALTIME_SECRET_FIELDS : LEGACY_SECRET_FIELDS;
		return whenReady(
			credentialSecrets.call(this, LEGALESIGN_CREDENTIAL, fields, refresh),
			({ values, refreshable }) => ({
				urlToken: settings.urlToken,
				hmacSecret: realtime ? values.webhookHmacSecret : '',
				certificate: realtime ? '' : normalizeCertificate(values.legacyPublicCertificate),
				refreshable,
			}),
		);
	},
	verify(delivery, secrets, settings) {
		return settings.registration.webhookType === 'realtime'
			? verifyRealtimeDelivery(delivery, secrets)
			: verifyLegacyDelivery(delivery, secrets, settings.registration.registers);
	},
	toEvents(delivery, settings) {
		if (settings.registration.webhookType === 'realtime') {
			return [realtimeEventDraft(jsonBody(delivery), delivery.rawBody)];
		}
		const form = formBody(delivery);
		if (form.data !== undefined) {
			const records = parseJsonText(form.data, 'the data field');
			if (!Array.isArray(records)) throw new DeliveryRejection(400, 'data is not a JSON array');
			return records.filter(isObject).map(batchEventDraft);
		}
		const signed = parseJsonText(form.json_signed ?? '', 'the json_signed field');
		if (!isObject(signed)) throw new DeliveryRejection(400, 'json_signed is not a JSON object');
		const plain = { ...form };
		delete plain.json_signed;
		return [perEventDraft(signed, plain, settings.registration.legacyNotify)];
	},
	enrich,
};
