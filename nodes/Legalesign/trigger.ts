import type { ICredentialDataDecryptedObject, IDataObject, IWebhookFunctions } from 'n8n-workflow';

import {
	type Delivery,
	DeliveryRejection,
	parseForm,
	parseJsonObject,
	tryParseJson,
} from '../shared/delivery';
import {
	type EsignEventDraft,
	type EsignEventItem,
	type EsignVerification,
	isObject,
} from '../shared/item';
import { storedSubscription } from '../shared/subscription';
import {
	type AcceptedDelivery,
	type Enrichment,
	EnrichmentBuilder,
	signedPdfProperty,
	type TriggerProvider,
} from '../shared/trigger';
import { safeEqual, verifyHmac, verifyRsaSignature } from '../shared/verification';
import { LEGALESIGN_CREDENTIAL, idFromUri } from './api';
import { normalizeCertificate } from './certificate';
import { URL_TOKEN_PARAMETER, type StoredRegistration, triggerSettings } from './registration';
import { downloadSignedPdf, getResource } from './requests';
import { batchEventDraft, field, perEventDraft, realtimeEventDraft } from './webhook';

/** The URL token this trigger registered; every delivery must carry it (timing-safe compare). */
function checkUrlToken(ctx: IWebhookFunctions, delivery: Delivery): void {
	const stored = storedSubscription<StoredRegistration>(ctx.getWorkflowStaticData('node'));
	const expected = typeof stored?.token === 'string' ? stored.token : '';
	if (!expected) {
		throw new DeliveryRejection(401, 'No registration is stored for this trigger (re-activate it)');
	}
	const received = delivery.query[URL_TOKEN_PARAMETER];
	if (typeof received !== 'string' || !received)
		throw new DeliveryRejection(401, 'Missing URL token');
	if (!safeEqual(received, expected)) throw new DeliveryRejection(401, 'Invalid URL token');
}

function secretOf(credentials: ICredentialDataDecryptedObject, name: string): string {
	const value = credentials[name];
	return typeof value === 'string' ? value.trim() : '';
}

async function receiveRealtime(
	ctx: IWebhookFunctions,
	delivery: Delivery,
): Promise<AcceptedDelivery> {
	checkUrlToken(ctx, delivery);
	const payload = parseJsonObject(delivery);
	const credentials = await ctx.getCredentials(LEGALESIGN_CREDENTIAL);
	const hmacSecret = secretOf(credentials, 'webhookHmacSecret');
	let verification: EsignVerification = {
		method: 'url-token',
		verified: true,
		detail: 'url token',
	};
	if (hmacSecret) {
		const signature = delivery.header('x-hmac-sha256');
		if (!signature) throw new DeliveryRejection(401, 'Missing X-Hmac-Sha256 header');
		const encoding = verifyHmac({
			algorithm: 'sha256',
			key: hmacSecret,
			message: delivery.rawBody,
			received: signature,
			encodings: ['hex', 'base64'],
		});
		if (!encoding) throw new DeliveryRejection(401, 'Invalid X-Hmac-Sha256 signature');
		verification = {
			method: 'url-token+hmac-sha256',
			verified: true,
			detail: `url token + X-Hmac-Sha256 (${encoding})`,
		};
	}
	return { events: [realtimeEventDraft(payload, delivery.rawBody)], verification };
}

function checkRsa(
	certificatePem: string,
	message: string | undefined,
	signature: string | undefined,
	what: string,
): void {
	if (message === undefined) throw new DeliveryRejection(400, `Missing ${what}`);
	if (!signature) throw new DeliveryRejection(401, `Missing signature of ${what}`);
	if (!verifyRsaSignature({ algorithm: 'sha1', certificatePem, message, signature })) {
		throw new DeliveryRejection(401, `Invalid signature of ${what}`);
	}
}

async function receiveLegacy(
	ctx: IWebhookFunctions,
	delivery: Delivery,
): Promise<AcceptedDelivery> {
	const settings = triggerSettings(ctx);
	const withToken = settings.registration === 'automatic';
	if (withToken) checkUrlToken(ctx, delivery);
	const form = parseForm(delivery);
	const credentials = await ctx.getCredentials(LEGALESIGN_CREDENTIAL);
	const certificate = normalizeCertificate(secretOf(credentials, 'legacyPublicCertificate'));
	if (!certificate) {
		throw new DeliveryRejection(
			401,
			'Legacy callbacks cannot be verified: the credential has no valid Legalesign certificate',
		);
	}
	const verification: EsignVerification = {
		method: withToken ? 'url-token+rsa-sha1' : 'rsa-sha1',
		verified: true,
		detail: null,
	};
	if (form.data !== undefined) {
		checkRsa(certificate, form.data, form.signed, 'data');
		const records = tryParseJson(form.data);
		if (!Array.isArray(records)) throw new DeliveryRejection(400, 'data is not a JSON array');
		verification.detail = withToken ? 'url token + signed (batch)' : 'signed (batch)';
		return { events: records.filter(isObject).map(batchEventDraft), verification };
	}
	if (form.json_signed !== undefined) {
		checkRsa(certificate, form.json_signed, delivery.header('x-signed'), 'json_signed');
		const signed = tryParseJson(form.json_signed);
		if (!isObject(signed)) throw new DeliveryRejection(400, 'json_signed is not a JSON object');
		verification.detail = withToken ? 'url token + X-Signed' : 'X-Signed';
		const plain = { ...form };
		delete plain.json_signed;
		return { events: [perEventDraft(signed, plain, settings.legacyNotify)], verification };
	}
	throw new DeliveryRejection(400, 'Neither a data (batch) nor a json_signed (event) field');
}

/** Whether a realtime event matches a Legalesign filter value ('', `document.*`, exact). */
export function matchesEventFilter(providerEvent: string, filter: string): boolean {
	if (!filter) return true;
	if (filter.endsWith('.*')) return providerEvent.startsWith(filter.slice(0, -1));
	return providerEvent === filter;
}

function select(ctx: IWebhookFunctions, events: EsignEventDraft[]): EsignEventDraft[] {
	const settings = triggerSettings(ctx);
	if (settings.webhookType === 'realtime') {
		// The filter is applied by Legalesign; deliveries that still do not match are dropped.
		return events.filter((e) => matchesEventFilter(e.providerEvent, settings.eventFilter));
	}
	if (settings.legacyNotify !== 'all')
		return events.filter((e) => e.providerEvent === settings.legacyNotify);
	const wanted = new Set(settings.batchEvents);
	return events.filter((e) => wanted.has(e.event === 'unknown' ? 'unknown' : e.providerEvent));
}

/** The document of an item: its own id, or (legacy signer records) the signer's document. */
async function documentOf(
	ctx: IWebhookFunctions,
	item: EsignEventItem,
): Promise<IDataObject | undefined> {
	if (item.documentId) return await getResource.call(ctx, 'document', item.documentId);
	const signerId = item.recipient?.id;
	if (!signerId) return undefined;
	const signer = await getResource.call(ctx, 'signer', signerId);
	const reference = field(signer, 'document');
	return reference ? await getResource.call(ctx, 'document', idFromUri(reference)) : undefined;
}

async function enrich(
	ctx: IWebhookFunctions,
	item: EsignEventItem,
	options: IDataObject,
): Promise<Enrichment> {
	const enrichment = new EnrichmentBuilder(ctx);
	if (options.includeDocumentDetails === true) {
		await enrichment.step('document details', async () => {
			enrichment.document = await documentOf(ctx, item);
		});
	}
	const documentId = item.documentId;
	if (options.downloadSignedPdf === true && item.documentCompleted && documentId) {
		await enrichment.step('signed PDF', async () => {
			const file = await downloadSignedPdf.call(ctx, documentId);
			await enrichment.attach(signedPdfProperty(options), file);
		});
	}
	return enrichment.result();
}

export const legalesignTrigger: TriggerProvider = {
	label: 'Legalesign Trigger',
	// The registration (URL token) lives in static data; see dropRepeatedEvents.
	persistDuplicateMemory: false,
	async receive(ctx, delivery) {
		return triggerSettings(ctx).webhookType === 'realtime'
			? await receiveRealtime(ctx, delivery)
			: await receiveLegacy(ctx, delivery);
	},
	select,
	enrich,
	enrichmentOptions: ['includeDocumentDetails', 'downloadSignedPdf'],
};
