import type {
	IBinaryKeyData,
	IDataObject,
	INodeExecutionData,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { type Delivery, DeliveryRejection, MAX_DELIVERY_BYTES, readDelivery } from './delivery';
import { dropRepeatedEvents, eventKeys, forgetEvents } from './duplicates';
import { binaryPropertyNames, type Enrichment, mapWithConcurrency } from './enrichment';
import type { EsignEventDraft, EsignEventFile, EsignEventItem, EsignVerification } from './item';

/** The trigger Options every provider shares (see `./descriptions`). */
export interface TriggerOptions extends IDataObject {
	binaryPropertyName?: string;
	downloadSignedDocuments?: boolean;
	downloadAuditTrail?: boolean;
	includeDocumentDetails?: boolean;
	suppressDuplicates?: boolean;
}

/** What a trigger is configured with for one delivery: node parameters and its registration. */
export interface TriggerSettings {
	/** Normalized `providerEvent` names that start the workflow; `unknown` = unrecognized events. */
	events: readonly string[];
	options: TriggerOptions;
	/** The user asked to confirm each event with the provider first (providers with `confirm`). */
	confirmEvents?: boolean;
}

/** Secrets a provider verifies with; `refreshable` = from the cache, may be re-read once. */
export interface TriggerSecrets {
	refreshable: boolean;
}

/** The provider-specific half of a trigger; `handleWebhook` below does everything else. */
export interface TriggerProvider<
	S extends TriggerSettings = TriggerSettings,
	K extends TriggerSecrets = TriggerSecrets,
> {
	/** Shown in log lines, e.g. "Leegality Trigger". */
	label: string;
	/** Larger bodies are refused with 413 (default MAX_DELIVERY_BYTES). */
	maxDeliveryBytes?: number;
	/** Node parameters and stored registration, read once per delivery (no credential). */
	readSettings(this: IWebhookFunctions): S;
	/** Cheap checks that need no credential, so most forgeries cost nothing more (throws). */
	screen?(delivery: Delivery, settings: S): void;
	/**
	 * The secrets `verify` needs: from the settings and/or the cached credential (a value when
	 * they are at hand, a promise when the credential must be read).
	 */
	secrets(this: IWebhookFunctions, settings: S, refresh: boolean): K | Promise<K>;
	/** Pure: the verification result, or a thrown `DeliveryRejection` (401 when not authentic). */
	verify(delivery: Delivery, secrets: K, settings: S): EsignVerification;
	/** Pure: the events of an authenticated delivery (throws `DeliveryRejection` on bad shape). */
	toEvents(delivery: Delivery, settings: S): EsignEventDraft[];
	/**
	 * Optional check with the provider before the answer, while `settings.confirmEvents` is on,
	 * for the events that would start the workflow (selected, not repeats; never called without
	 * one). Throws `DeliveryRejection` to refuse the delivery; returns a note for
	 * `verification.detail`.
	 */
	confirm?(this: IWebhookFunctions, events: EsignEventDraft[], settings: S): Promise<string>;
	/** Optional work after the provider has been answered (fetch details, download files). */
	enrich?(this: IWebhookFunctions, item: EsignEventItem, settings: S): Promise<Enrichment>;
}

/**
 * The webhook of every trigger. With `responseData: ''` n8n answers with the `webhookResponse`
 * handleWebhook returns, once the execution is stored (queued, in queue mode); without it n8n
 * would send the first item as the body.
 */
export const TRIGGER_WEBHOOK: IWebhookDescription = {
	name: 'default',
	httpMethod: 'POST',
	responseMode: 'onReceived',
	responseData: '',
	path: 'webhook',
};

const ENRICH_CONCURRENCY = 4;

let lastNow = 0;
let lastIso = '';

/** The current time as ISO 8601, formatted once per millisecond (a burst shares it). */
function isoNow(): string {
	const now = Date.now();
	if (now !== lastNow) {
		lastNow = now;
		lastIso = new Date(now).toISOString();
	}
	return lastIso;
}

/** The binary property of the first file unless the "Put Files in Field" option names another. */
export const DEFAULT_BINARY_PROPERTY = 'data';

/** Writes a JSON answer unless one was already written. */
export function respond(this: IWebhookFunctions, status: number, body: IDataObject): void {
	const res = this.getResponseObject();
	if (res.headersSent) return;
	res.status(status).json(body);
}

/** The `events` multi-select (see `eventsProperty`): a short list, searched per event. */
export function selectedEvents(this: IWebhookFunctions, parameter = 'events'): string[] {
	const value = this.getNodeParameter(parameter, []) as unknown;
	return Array.isArray(value) ? value.map(String) : [];
}

/** The trigger's Options collection. */
export function triggerOptions(this: IWebhookFunctions): TriggerOptions {
	return this.getNodeParameter('options', {}) as TriggerOptions;
}

/** Log lines quote sender-chosen values (ids, event names) at most this long. */
const MAX_QUOTED_LENGTH = 200;

function clip(value: string): string {
	return value.length > MAX_QUOTED_LENGTH ? `${value.slice(0, MAX_QUOTED_LENGTH)}…` : value;
}

function selectionKey(event: EsignEventDraft): string {
	return event.event === 'unknown' ? 'unknown' : event.providerEvent;
}

function exclusionReason(event: EsignEventDraft): string {
	return event.event === 'unknown'
		? `unrecognized event "${event.providerEvent}" ("Unrecognized Event" is not selected)`
		: `event "${event.providerEvent}" is not selected`;
}

/** The verification result, or the error `verify` threw (kept, not rethrown here). */
function verifyOrError<S extends TriggerSettings, K extends TriggerSecrets>(
	provider: TriggerProvider<S, K>,
	delivery: Delivery,
	secrets: K,
	settings: S,
): EsignVerification | Error {
	try {
		return provider.verify(delivery, secrets, settings);
	} catch (error) {
		return error as Error;
	}
}

/**
 * The verification result with the secrets at hand, or undefined when they came from the cache and
 * failed (401): then the caller verifies once more with the credential read afresh.
 */
function firstVerification<S extends TriggerSettings, K extends TriggerSecrets>(
	provider: TriggerProvider<S, K>,
	delivery: Delivery,
	secrets: K,
	settings: S,
): EsignVerification | undefined {
	const result = verifyOrError(provider, delivery, secrets, settings);
	if (!(result instanceof Error)) return result;
	if (secrets.refreshable && result instanceof DeliveryRejection && result.status === 401) {
		return undefined;
	}
	throw result;
}

function toItem(
	draft: EsignEventDraft,
	receivedAt: string,
	verification: EsignVerification,
): EsignEventItem {
	return {
		provider: draft.provider,
		event: draft.event,
		providerEvent: draft.providerEvent,
		eventId: draft.eventId,
		documentId: draft.documentId,
		documentStatus: draft.documentStatus,
		documentCompleted: draft.documentCompleted,
		recipient: draft.recipient,
		occurredAt: draft.occurredAt,
		receivedAt,
		verification,
		attributes: draft.attributes,
		payload: draft.payload,
	};
}

function toExecutionItem(
	item: EsignEventItem,
	files: EsignEventFile[],
	enrichment: Enrichment | undefined,
): { executionItem: INodeExecutionData; files: EsignEventFile[] } {
	if (enrichment?.document) item.document = enrichment.document;
	if (enrichment?.error) item.enrichmentError = enrichment.error;
	const all = enrichment?.files ? [...files, ...enrichment.files] : files;
	return { executionItem: { json: item as unknown as IDataObject }, files: all };
}

/** The files of one item as n8n binary data, named `data`, `data_1`, …, `data_audit`. */
async function binaryData(
	this: IWebhookFunctions,
	files: EsignEventFile[],
	baseName: string,
): Promise<IBinaryKeyData> {
	const names = binaryPropertyNames(baseName, files);
	const binary: IBinaryKeyData = {};
	for (const [index, file] of files.entries()) {
		binary[names[index]] = await this.helpers.prepareBinaryData(
			file.data,
			file.fileName,
			file.mimeType,
		);
	}
	return binary;
}

/**
 * When n8n answers the provider with an error instead (it could not store the execution), the
 * events are forgotten again, so the provider's retry is not taken for a repeat.
 */
function forgetIfNotStarted(this: IWebhookFunctions, keys: string[] | undefined): void {
	if (!keys || keys.length === 0) return;
	const res = this.getResponseObject() as unknown as {
		statusCode?: number;
		once?: (event: 'finish', listener: () => void) => void;
	};
	if (typeof res.once !== 'function') return;
	res.once('finish', () => {
		if ((res.statusCode ?? 200) >= 300) forgetEvents(keys);
	});
}

function wantsEnrichment(options: TriggerOptions): boolean {
	return (
		options.includeDocumentDetails === true ||
		options.downloadSignedDocuments === true ||
		options.downloadAuditTrail === true
	);
}

/**
 * The webhook pipeline every trigger shares: read the exact bytes → size check → settings →
 * screen → verify (secrets from the settings or the cached credential) → events → selection →
 * duplicate suppression (→ optional confirmation with the provider) → answer 200 → optional
 * enrichment → one item per event.
 * Never throws and never leaves the caller hanging; every refusal is a real 4xx with a reason.
 */
export async function handleWebhook<S extends TriggerSettings, K extends TriggerSecrets>(
	this: IWebhookFunctions,
	provider: TriggerProvider<S, K>,
): Promise<IWebhookResponseData> {
	try {
		const reading = readDelivery.call(this);
		// Values at hand are used as they are: an await costs a promise turn even on a non-promise.
		const delivery = reading instanceof Promise ? await reading : reading;
		const maxBytes = provider.maxDeliveryBytes ?? MAX_DELIVERY_BYTES;
		if (delivery.rawBody.length > maxBytes) {
			throw new DeliveryRejection(413, `Body larger than ${maxBytes} bytes`);
		}
		const settings = provider.readSettings.call(this);
		provider.screen?.(delivery, settings);
		const cached = provider.secrets.call(this, settings, false);
		let verification =
			firstVerification(
				provider,
				delivery,
				cached instanceof Promise ? await cached : cached,
				settings,
			) ?? provider.verify(delivery, await provider.secrets.call(this, settings, true), settings);
		if (!verification.verified) {
			this.logger.warn(`${provider.label}: verification is switched off; accepting the delivery`);
		}
		const drafts = provider.toEvents(delivery, settings);
		const receivedAt = isoNow();

		let events: EsignEventDraft[] = [];
		for (const draft of drafts) {
			if (settings.events.includes(selectionKey(draft))) {
				events.push(draft);
			} else {
				this.logger.info(
					`${provider.label}: verified delivery started nothing: ${clip(exclusionReason(draft))}`,
				);
			}
		}
		let duplicates = 0;
		// Each event's memory key, computed once (a delivery may be looked at twice, see below).
		let keys: string[] | undefined;
		const dropRepeats = (record: boolean) => {
			if (settings.options.suppressDuplicates === false) return;
			keys ??= eventKeys.call(this, events);
			const { fresh, repeated, freshKeys } = dropRepeatedEvents.call(
				this,
				events,
				undefined,
				record,
				keys,
			);
			if (repeated.length > 0) {
				this.logger.info(
					`${provider.label}: suppressed ${repeated.length} repeated event(s): ${repeated.map((e) => clip(e.eventId)).join(', ')}`,
				);
			}
			duplicates += repeated.length;
			events = fresh;
			keys = freshKeys;
		};
		if (provider.confirm && settings.confirmEvents === true) {
			// Repeats are dropped first (they cost no API call) but recorded only once confirmed,
			// so a delivery refused now is not taken for a duplicate when the provider retries it.
			dropRepeats(false);
			const note =
				events.length > 0 ? await provider.confirm.call(this, events, settings) : undefined;
			if (note)
				verification = {
					...verification,
					detail: [verification.detail, note].filter(Boolean).join(' + '),
				};
		}
		dropRepeats(true);

		const answer: IDataObject = { received: true, events: events.length };
		if (drafts.length > events.length + duplicates)
			answer.ignored = drafts.length - events.length - duplicates;
		if (duplicates > 0) answer.duplicates = duplicates;
		if (events.length === 0) {
			respond.call(this, 200, answer);
			return { noWebhookResponse: true };
		}

		const items = events.map((draft) => toItem(draft, receivedAt, verification));
		const enrich = provider.enrich;
		const enriching = enrich !== undefined && wantsEnrichment(settings.options);
		// Downloads can outlast a provider's answer timeout: with enrichment, answer first.
		if (enriching) respond.call(this, 200, answer);
		else forgetIfNotStarted.call(this, keys);
		const enrichments = enriching
			? await mapWithConcurrency(items, ENRICH_CONCURRENCY, async (item) =>
					enrich
						.call(this, item, settings)
						.catch((error: Error): Enrichment => ({ error: error.message })),
				)
			: undefined;
		const baseName = settings.options.binaryPropertyName || DEFAULT_BINARY_PROPERTY;
		const executionItems: INodeExecutionData[] = [];
		for (const [index, item] of items.entries()) {
			const enrichment = enrichments?.[index];
			if (enrichment?.error) {
				this.logger.warn(
					`${provider.label}: enrichment failed for event ${clip(item.eventId)}: ${clip(enrichment.error)}`,
				);
			}
			const { executionItem, files } = toExecutionItem(item, events[index].files ?? [], enrichment);
			if (files.length > 0) executionItem.binary = await binaryData.call(this, files, baseName);
			executionItems.push(executionItem);
		}
		if (enriching) return { noWebhookResponse: true, workflowData: [executionItems] };
		// n8n answers with `answer` once the execution is stored: a crash or database failure
		// before that leaves the provider no 2xx, so it retries.
		return { webhookResponse: answer, workflowData: [executionItems] };
	} catch (error) {
		if (error instanceof DeliveryRejection) {
			this.logger.warn(
				`${provider.label} refused a delivery (HTTP ${error.status}): ${error.reason}`,
			);
			respond.call(this, error.status, { error: error.reason });
			return { noWebhookResponse: true };
		}
		this.logger.error(`${provider.label} could not handle a delivery: ${(error as Error).message}`);
		respond.call(this, 500, { error: 'The delivery could not be processed' });
		return { noWebhookResponse: true };
	}
}
