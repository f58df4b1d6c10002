import type { IWebhookFunctions } from 'n8n-workflow';

import { jsonBody } from '../shared/delivery';
import { EnrichmentBuilder, type Enrichment } from '../shared/enrichment';
import type { EsignEventItem } from '../shared/item';
import { objectAt, text } from '../shared/readers';
import { credentialSecrets, whenReady } from '../shared/secrets';
import {
	selectedEvents,
	triggerOptions,
	type TriggerProvider,
	type TriggerSecrets,
	type TriggerSettings,
} from '../shared/trigger';
import { LEXGOSIGN_CREDENTIAL } from './api';
import { toEventDraft } from './events';
import { registersItself, storedLexgoSignSubscription } from './registration';
import {
	documentFileName,
	downloadableDocuments,
	downloadFile,
	getEnvelope,
	getEvidenceUrl,
} from './requests';
import { type LexgoSignSecrets, verifyLexgoSignDelivery } from './verification';

interface LexgoSignSettings extends TriggerSettings {
	registersItself: boolean;
	/** The Authorization value stored by `create` ('' when none is stored). */
	registeredAuthorization: string;
}

type Secrets = LexgoSignSecrets & TriggerSecrets;

const SECRET_FIELDS = ['webhookSecret'] as const;

/** Events whose envelope carries the signed documents (their links expire quickly). */
const DOCUMENT_EVENTS = new Set(['envelope.success', 'envelope.evidence_generated']);

/**
 * Optional work after LexgoSign has been answered: fetch the envelope, download the signed
 * documents and the evidence sheet (LexgoSign's audit trail).
 */
async function enrich(
	this: IWebhookFunctions,
	item: EsignEventItem,
	settings: LexgoSignSettings,
): Promise<Enrichment> {
	const enrichment = new EnrichmentBuilder();
	const envelopeId = item.documentId;
	if (!envelopeId) return enrichment.result();
	const { options } = settings;
	const data = objectAt(item.payload, 'data');

	if (options.includeDocumentDetails === true) {
		await enrichment.step('envelope', async () => {
			enrichment.document = await getEnvelope.call(this, envelopeId, true);
		});
	}
	if (options.downloadSignedDocuments === true && DOCUMENT_EVENTS.has(item.providerEvent)) {
		// The fetched envelope has the freshest links; the payload's are as fresh as the attempt.
		const fetched = downloadableDocuments(enrichment.document);
		const documents = fetched.length > 0 ? fetched : downloadableDocuments(data);
		if (documents.length === 0)
			enrichment.fail('documents', 'the envelope lists no download links');
		for (const [index, document] of documents.entries()) {
			await enrichment.step(`document ${index}`, async () => {
				const name = documentFileName(envelopeId, document, index);
				const file = await downloadFile.call(this, String(document.url), name);
				enrichment.attach({ kind: 'document', ...file });
			});
		}
	}
	if (options.downloadAuditTrail === true && item.providerEvent === 'envelope.evidence_generated') {
		await enrichment.step('evidence sheet', async () => {
			const url =
				text(data, 'evidence_document_url') ?? (await getEvidenceUrl.call(this, envelopeId));
			const file = await downloadFile.call(this, url, `${envelopeId}-evidence.pdf`);
			enrichment.attach({ kind: 'auditTrail', ...file });
		});
	}
	return enrichment.result();
}

export const lexgoSignTrigger: TriggerProvider<LexgoSignSettings, Secrets> = {
	label: 'LexgoSign Trigger',
	readSettings() {
		const stored = storedLexgoSignSubscription(this.getWorkflowStaticData('node'));
		return {
			events: selectedEvents.call(this),
			options: triggerOptions.call(this),
			registersItself: registersItself.call(this),
			registeredAuthorization: stored?.authorization ?? '',
		};
	},
	secrets(settings, refresh) {
		// Automatic registration keeps its secret in static data: no credential read at all.
		if (settings.registersItself) {
			return {
				authorization: settings.registeredAuthorization,
				source: 'registered webhook secret',
				refreshable: false,
			};
		}
		return whenReady(
			credentialSecrets.call(this, LEXGOSIGN_CREDENTIAL, SECRET_FIELDS, refresh),
			({ values, refreshable }) => ({
				authorization: values.webhookSecret,
				source: 'credential webhook secret',
				refreshable,
			}),
		);
	},
	verify: verifyLexgoSignDelivery,
	toEvents(delivery) {
		return [toEventDraft(jsonBody(delivery), delivery.rawBody)];
	},
	enrich,
};
