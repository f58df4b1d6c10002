import type {
	IBinaryKeyData,
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { dropRepeatedEvents } from './duplicates';
import { type Delivery, DeliveryRejection, MAX_DELIVERY_BYTES, readDelivery } from './delivery';
import type { EsignEventDraft, EsignEventItem, EsignVerification } from './item';

/** What a provider's parser concludes about an authenticated delivery. */
export interface AcceptedDelivery {
	events: EsignEventDraft[];
	verification: EsignVerification;
}

/** Extra data an optional enrichment step adds to an item (never throws; errors go in `error`). */
export interface Enrichment {
	document?: IDataObject;
	binary?: IBinaryKeyData;
	error?: string;
}

/**
 * Collects an item's optional enrichment step by step. A step that fails is reported as
 * "<label>: <message>" in `enrichmentError` and never stops the other steps or the event.
 */
export class EnrichmentBuilder {
	document: IDataObject | undefined;
	private readonly binary: IBinaryKeyData = {};
	private readonly errors: string[] = [];

	constructor(private readonly ctx: IWebhookFunctions) {}

	async step(label: string, run: () => Promise<void>): Promise<void> {
		try {
			await run();
		} catch (error) {
			this.fail(label, (error as Error).message);
		}
	}

	fail(label: string, message: string): void {
		this.errors.push(`${label}: ${message}`);
	}

	/** Adds a downloaded file as binary property `property`. */
	async attach(
		property: string,
		file: { data: Buffer; fileName: string; mimeType: string },
	): Promise<void> {
		this.binary[property] = await this.ctx.helpers.prepareBinaryData(
			file.data,
			file.fileName,
			file.mimeType,
		);
	}

	result(): Enrichment {
		const result: Enrichment = {};
		if (this.document) result.document = this.document;
		if (Object.keys(this.binary).length > 0) result.binary = this.binary;
		if (this.errors.length > 0) result.error = this.errors.join('; ');
		return result;
	}
}

/** The provider-specific half of a trigger; the shared pipeline below does everything else. */
export interface TriggerProvider {
	/** Shown in log lines, e.g. "Leegality Trigger". */
	label: string;
	/**
	 * Authenticates, then parses. Throws `DeliveryRejection` to refuse (401 for anything that fails
	 * verification). Reads secrets itself and never puts them in a rejection reason.
	 */
	receive(ctx: IWebhookFunctions, delivery: Delivery): Promise<AcceptedDelivery>;
	/** Keeps the events the user selected; defaults to the `events` multi-select on `providerEvent`. */
	select?(ctx: IWebhookFunctions, events: EsignEventDraft[]): EsignEventDraft[];
	/**
	 * Whether the duplicate memory may also be written to static data (survives restarts). Must be
	 * false when the trigger keeps its registration there: see `dropRepeatedEvents`.
	 */
	persistDuplicateMemory: boolean;
	/**
	 * Optional per-event enrichment, run after the provider has been answered — only when one of
	 * `enrichmentOptions` (boolean entries of the node's Options collection) is on.
	 */
	enrich?(ctx: IWebhookFunctions, item: EsignEventItem, options: IDataObject): Promise<Enrichment>;
	enrichmentOptions?: string[];
}

const ENRICH_CONCURRENCY = 4;

/** Writes a JSON answer unless one was already written. */
export function respond(ctx: IWebhookFunctions, status: number, body: IDataObject): void {
	const res = ctx.getResponseObject();
	if (res.headersSent) return;
	res.status(status).json(body);
}

/** Answers a refused delivery with a real HTTP status and starts no execution. */
export function rejectDelivery(
	ctx: IWebhookFunctions,
	status: number,
	reason: string,
): IWebhookResponseData {
	respond(ctx, status, { error: reason });
	return { noWebhookResponse: true };
}

/**
 * Default event filter: the `events` multi-select, matched against `providerEvent`; events this
 * package does not recognise answer to the option `unknown`.
 */
export function selectByEventsParameter(
	ctx: IWebhookFunctions,
	events: EsignEventDraft[],
): EsignEventDraft[] {
	const value = ctx.getNodeParameter('events', []) as unknown;
	const selected = new Set(Array.isArray(value) ? value.map(String) : []);
	return events.filter((event) =>
		selected.has(event.event === 'unknown' ? 'unknown' : event.providerEvent),
	);
}

async function mapWithConcurrency<T, R>(
	values: T[],
	limit: number,
	fn: (value: T) => Promise<R>,
): Promise<R[]> {
	const results: R[] = new Array(values.length);
	let next = 0;
	const worker = async () => {
		while (next < values.length) {
			const index = next++;
			results[index] = await fn(values[index]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, values.length) }, worker));
	return results;
}

async function enrichedItem(
	ctx: IWebhookFunctions,
	provider: TriggerProvider,
	item: EsignEventItem,
	options: IDataObject,
): Promise<INodeExecutionData> {
	const enrichment = await provider.enrich!(ctx, item, options).catch(
		(error: Error): Enrichment => ({ error: error.message }),
	);
	const json: EsignEventItem = { ...item };
	if (enrichment.document) json.document = enrichment.document;
	if (enrichment.error) {
		json.enrichmentError = enrichment.error;
		ctx.logger.warn(
			`${provider.label}: enrichment failed for event ${item.eventId}: ${enrichment.error}`,
		);
	}
	const result: INodeExecutionData = { json: json as unknown as IDataObject };
	if (enrichment.binary && Object.keys(enrichment.binary).length > 0)
		result.binary = enrichment.binary;
	return result;
}

/** Whether any enrichment the provider offers is switched on (read once per delivery). */
function wantsEnrichment(provider: TriggerProvider, options: IDataObject): boolean {
	return (
		provider.enrich !== undefined &&
		(provider.enrichmentOptions ?? []).some((name) => options[name] === true)
	);
}

/**
 * The whole webhook pipeline shared by every trigger: read the exact bytes → size check →
 * provider verification and parsing → event filter → duplicate suppression → answer 200 →
 * optional enrichment → one item per event. Never throws and never leaves the caller hanging.
 */
export async function handleWebhook(
	ctx: IWebhookFunctions,
	provider: TriggerProvider,
): Promise<IWebhookResponseData> {
	try {
		const delivery = await readDelivery(ctx);
		if (delivery.rawBody.length > MAX_DELIVERY_BYTES) {
			throw new DeliveryRejection(413, `Body larger than ${MAX_DELIVERY_BYTES} bytes`);
		}
		const accepted = await provider.receive(ctx, delivery);
		const receivedAt = new Date().toISOString();

		const options = ctx.getNodeParameter('options', {}) as IDataObject;
		let events = (provider.select ?? selectByEventsParameter)(ctx, accepted.events);
		if (options.suppressDuplicates !== false) {
			const { fresh, repeated } = dropRepeatedEvents(ctx, events, {
				persist: provider.persistDuplicateMemory,
			});
			if (repeated.length > 0) {
				ctx.logger.info(
					`${provider.label}: suppressed ${repeated.length} repeated event(s): ${repeated.map((e) => e.eventId).join(', ')}`,
				);
			}
			events = fresh;
		}

		const acknowledgement: IDataObject = { received: true, events: events.length };
		if (events.length === 0) {
			respond(ctx, 200, acknowledgement);
			return { noWebhookResponse: true };
		}

		const items = events.map(
			(event): EsignEventItem => ({
				...event,
				receivedAt,
				verification: accepted.verification,
			}),
		);
		if (wantsEnrichment(provider, options) || provider.persistDuplicateMemory) {
			// Downloads can take longer than a provider waits for its answer: answer first. So does a
			// trigger that writes static data here: n8n saves it in its answer callback, and answering
			// after the execution was stored let a repeat after a restart run again (measured, 2.41.1).
			respond(ctx, 200, acknowledgement);
			const executionItems = wantsEnrichment(provider, options)
				? await mapWithConcurrency(items, ENRICH_CONCURRENCY, (item) =>
						enrichedItem(ctx, provider, item, options),
					)
				: items.map((item): INodeExecutionData => ({ json: item as unknown as IDataObject }));
			return { noWebhookResponse: true, workflowData: [executionItems] };
		}
		// n8n sends `webhookResponse` once the execution is stored (in queue mode: queued). A process
		// that dies, or loses its database, before that answers no 2xx, so the provider retries,
		// instead of a 200 for an event that never runs.
		return {
			webhookResponse: acknowledgement,
			workflowData: [
				items.map((item): INodeExecutionData => ({ json: item as unknown as IDataObject })),
			],
		};
	} catch (error) {
		if (error instanceof DeliveryRejection) {
			ctx.logger.warn(
				`${provider.label} rejected a delivery (HTTP ${error.status}): ${error.reason}`,
			);
			return rejectDelivery(ctx, error.status, error.reason);
		}
		ctx.logger.error(`${provider.label} could not process a delivery: ${(error as Error).message}`);
		return rejectDelivery(ctx, 500, 'The delivery could not be processed');
	}
}

/**
 * The webhook of every trigger. `responseData: ''` makes n8n answer with the `webhookResponse`
 * that handleWebhook returns (without it n8n 2.41 falls back to 'firstEntryJson' as the body).
 */
export const TRIGGER_WEBHOOK: IWebhookDescription = {
	name: 'default',
	httpMethod: 'POST',
	responseMode: 'onReceived',
	responseData: '',
	path: 'webhook',
};

/** The "Suppress Duplicate Deliveries" option every trigger offers. */
export const suppressDuplicatesOption: INodeProperties = {
	displayName: 'Suppress Duplicate Deliveries',
	name: 'suppressDuplicates',
	type: 'boolean',
	default: true,
	description:
		'Whether to drop deliveries whose event ID was already seen in the last 24 hours (provider retries). The memory lives in the n8n process; see the README for what survives a restart.',
};

/** The "Binary Property" option of triggers that can attach the signed PDF. */
export const signedPdfPropertyOption: INodeProperties = {
	displayName: 'Binary Property',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	description: 'Name of the binary property that receives the signed PDF',
};

/** The binary property chosen with `signedPdfPropertyOption`. */
export function signedPdfProperty(options: IDataObject): string {
	return String(options.binaryPropertyName || 'data');
}
