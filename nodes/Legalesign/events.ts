import type { IDataObject } from 'n8n-workflow';

import type { EsignEventName } from '../shared/events';
import {
	emptyRecipient,
	type EsignEventDraft,
	type EsignRecipient,
	hashedEventId,
} from '../shared/item';
import { objectAt, objectsAt, text } from '../shared/readers';
import { idFromUri, resourceTypeOfUri } from './api';

/** Realtime delivery envelope (Legalesign's connector schema); every field optional on the wire. */
export interface LegalesignRealtimePayload {
	version?: string;
	/** Delivery id: identical for retries of one event. */
	id?: string;
	/** `document` or `recipient`. */
	object?: string;
	/** e.g. `finalPdfCreated`, `created`, `completed`. */
	event?: string;
	/** Epoch seconds (milliseconds also accepted). */
	created?: number;
	data?: LegalesignRealtimeDocument | LegalesignRealtimeRecipient;
}

export interface LegalesignRealtimeRecipientSummary {
	uuid?: string;
	email?: string;
	firstname?: string;
	lastname?: string;
	order?: number;
	status?: number;
	statusText?: string;
	roleText?: string;
	resourceUri?: string;
	rejectReason?: string | null;
}

export interface LegalesignRealtimeDocument {
	uuid?: string;
	name?: string;
	status?: number;
	statusText?: string;
	resourceUri?: string;
	group?: string;
	groupResourceUri?: string;
	tag?: string;
	tag1?: string;
	tag2?: string;
	recipients?: LegalesignRealtimeRecipientSummary[];
}

export interface LegalesignRealtimeRecipient extends LegalesignRealtimeRecipientSummary {
	emailBounce?: number;
	emailBounceMessage?: string;
	document?: string;
	documentName?: string;
	documentResourceUri?: string;
	group?: string;
	groupResourceUri?: string;
	tag?: string;
	tag1?: string;
	tag2?: string;
}

/** One change record of the legacy 6-minute batch (`data` field, a JSON array of these). */
export interface LegalesignBatchRecord {
	timestamp?: string;
	name?: string;
	/** The new value as a string, e.g. "40". */
	value?: string;
	resource_uri?: string;
}

/** The signed JSON of a legacy per-event callback (`json_signed`); field names are inferred. */
export interface LegalesignLegacyEventPayload {
	name?: string;
	event?: string;
	resource_uri?: string;
	uuid?: string;
	tag?: string;
	tag1?: string;
	tag2?: string;
}

type EventInfo = { name: string; event: EsignEventName };

/** Realtime events (`object.event`, Legalesign's filter values) and their vocabulary names. */
export const LEGALESIGN_REALTIME_EVENTS = {
	'document.created': { name: 'Document Created (Sent)', event: 'document.sent' },
	'document.rejected': { name: 'Document Rejected', event: 'document.rejected' },
	'document.finalPdfCreated': { name: 'Document Final PDF Created', event: 'document.completed' },
	'recipient.completed': { name: 'Recipient Completed', event: 'recipient.signed' },
	'recipient.rejected': { name: 'Recipient Rejected', event: 'recipient.rejected' },
	'recipient.emailOpened': { name: 'Recipient Email Opened', event: 'recipient.emailOpened' },
	'recipient.visiting': { name: 'Recipient Visiting', event: 'recipient.viewed' },
	'recipient.bounced': { name: 'Recipient Email Bounced', event: 'recipient.emailBounced' },
} as const satisfies Record<string, EventInfo>;

/** Document status codes (REST, legacy batches); 100 is the legacy "final PDF ready" pseudo-status. */
export const DOCUMENT_STATUSES: Record<string, EventInfo & { label: string }> = {
	'10': { label: 'Sent', name: 'Document 10: Sent', event: 'document.sent' },
	'20': {
		label: 'Fields Completed',
		name: 'Document 20: Fields Completed',
		event: 'document.fieldsCompleted',
	},
	'30': { label: 'Signed', name: 'Document 30: Signed', event: 'document.signed' },
	'40': {
		label: 'Removed Before Signing',
		name: 'Document 40: Removed (Voided)',
		event: 'document.voided',
	},
	'50': { label: 'Rejected', name: 'Document 50: Rejected', event: 'document.rejected' },
	'100': {
		label: 'Final PDF Ready',
		name: 'Document 100: Final PDF Ready',
		event: 'document.completed',
	},
};

/** Signer (recipient) status codes. */
export const SIGNER_STATUSES: Record<string, EventInfo & { label: string }> = {
	'4': { label: 'Unsent', name: 'Signer 4: Unsent', event: 'recipient.created' },
	'5': { label: 'Scheduled', name: 'Signer 5: Scheduled', event: 'recipient.scheduled' },
	'10': { label: 'Sent', name: 'Signer 10: Sent', event: 'recipient.sent' },
	'15': { label: 'Email Opened', name: 'Signer 15: Email Opened', event: 'recipient.emailOpened' },
	'20': { label: 'Visited', name: 'Signer 20: Visited', event: 'recipient.viewed' },
	'30': {
		label: 'Fields Completed',
		name: 'Signer 30: Fields Completed',
		event: 'recipient.fieldsCompleted',
	},
	'35': {
		label: 'Fields Completed Except Signature',
		name: 'Signer 35: Fields Completed Except Signature',
		event: 'recipient.fieldsCompleted',
	},
	'39': {
		label: 'Waiting for Witness',
		name: 'Signer 39: Waiting for Witness',
		event: 'recipient.waitingForWitness',
	},
	'40': { label: 'Signed', name: 'Signer 40: Signed', event: 'recipient.signed' },
	'50': { label: 'Downloaded', name: 'Signer 50: Downloaded', event: 'recipient.downloaded' },
	'60': { label: 'Rejected', name: 'Signer 60: Rejected', event: 'recipient.rejected' },
};

/** Legacy events: batch records (`document.<code>`, `signer.<code>`) and per-event callbacks. */
export const LEGALESIGN_LEGACY_EVENTS: Record<string, EventInfo> = {
	...Object.fromEntries(
		Object.entries(DOCUMENT_STATUSES).map(([code, info]) => [`document.${code}`, info]),
	),
	...Object.fromEntries(
		Object.entries(SIGNER_STATUSES).map(([code, info]) => [`signer.${code}`, info]),
	),
	signed: { name: 'Upon Signing (Final PDF Ready)', event: 'document.completed' },
	sent: { name: 'Upon Sending', event: 'document.sent' },
	rejected: { name: 'Upon Rejection', event: 'document.rejected' },
};

export type LegacyNotify = 'all' | 'signed' | 'sent' | 'rejected';

/** `notify_when` codes of `GET /notifications/`. */
export const NOTIFY_WHEN: Record<LegacyNotify | 'realtime', number> = {
	all: 1,
	signed: 2,
	sent: 3,
	rejected: 4,
	realtime: 10,
};

/** Reads a field in either spelling: realtime payloads are camelCase, REST and legacy snake_case. */
export function field(obj: unknown, camelCaseName: string): string | null {
	const snake = camelCaseName.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
	return text(obj, camelCaseName) ?? text(obj, snake);
}

/** Epoch seconds or milliseconds, or an ISO string (no zone = UTC), to ISO 8601; else null. */
export function toIsoTime(value: unknown): string | null {
	let date: Date | undefined;
	if (typeof value === 'number' && Number.isFinite(value)) {
		date = new Date(value > 1e11 ? value : value * 1000);
	} else if (typeof value === 'string' && value.trim()) {
		const trimmed = value.trim();
		if (/^\d+(\.\d+)?$/.test(trimmed)) return toIsoTime(Number(trimmed));
		const zoned = /[zZ]|[+-]\d\d:?\d\d$/.test(trimmed) ? trimmed : `${trimmed}Z`;
		date = new Date(zoned);
	}
	return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

function tags(obj: unknown): string[] {
	return ['tag', 'tag1', 'tag2'].map((key) => text(obj, key)).filter((t): t is string => !!t);
}

function fullName(obj: unknown): string | null {
	const first = field(obj, 'firstname') ?? field(obj, 'firstName');
	const last = field(obj, 'lastname') ?? field(obj, 'lastName');
	return [first, last].filter(Boolean).join(' ') || null;
}

function statusCode(obj: unknown): number | null {
	const value = field(obj, 'status');
	const code = value === null ? NaN : Number(value);
	return Number.isInteger(code) ? code : null;
}

function realtimeRecipient(obj: IDataObject): EsignRecipient {
	const code = statusCode(obj);
	const role = field(obj, 'roleText');
	return {
		...emptyRecipient(),
		id:
			field(obj, 'uuid') ??
			(field(obj, 'resourceUri') ? idFromUri(field(obj, 'resourceUri')!) : null),
		name: fullName(obj),
		email: field(obj, 'email'),
		role: role ? role.toLowerCase() : null,
		status:
			field(obj, 'statusText') ??
			(code === null ? null : (SIGNER_STATUSES[code]?.label ?? String(code))),
	};
}

/**
 * Legalesign's own material spells each realtime event several ways: filter values
 * (`document` + `finalPdfCreated`), the subscription feed (`documentFinalPdfCreated`), GraphQL
 * enums (`RECIPIENTS_EMAILBOUNCED`). Keys here are the action with case and separators removed.
 */
const REALTIME_ACTIONS: Record<'document' | 'recipient', Record<string, string>> = {
	document: {
		created: 'created',
		sent: 'created',
		rejected: 'rejected',
		finalpdfcreated: 'finalPdfCreated',
		finalpdf: 'finalPdfCreated',
	},
	recipient: {
		completed: 'completed',
		signed: 'completed',
		rejected: 'rejected',
		emailopened: 'emailOpened',
		opened: 'emailOpened',
		visiting: 'visiting',
		visited: 'visiting',
		bounced: 'bounced',
		emailbounced: 'bounced',
	},
};

/**
 * Spellings that need their object said explicitly: the GraphQL webhook enum's
 * `DOCUMENTS_COMPLETED` is, by elimination against the REST filter list, `finalPdfCreated`
 * (a bare `completed` stays the recipient event).
 */
const DOCUMENT_ONLY_ACTIONS: Record<string, string> = { completed: 'finalPdfCreated' };

const OBJECT_PREFIX = /^(documents?|recipients?)/;

function compact(value: string): string {
	return value.replace(/[^a-z0-9]/gi, '').toLowerCase();
}

/**
 * The normalized `object.event` of a realtime delivery (one spelling per event, Legalesign's
 * filter value), whichever spelling the delivery used. Unrecognized names are kept readable:
 * `object.event` as sent.
 */
export function realtimeProviderEvent(payload: IDataObject): string {
	const object = text(payload, 'object');
	const event = text(payload, 'event');
	if (event === null) return `${object ?? 'unknown'}.unknown`;
	let action = compact(event);
	let objectType = object === null ? null : compact(object).replace(/s$/, '');
	const prefix = OBJECT_PREFIX.exec(action);
	if (prefix && action.length > prefix[0].length) {
		objectType = prefix[0].replace(/s$/, '');
		action = action.slice(prefix[0].length);
	}
	if (objectType !== 'document' && objectType !== 'recipient') {
		// No (known) object: an action that belongs to one object only still identifies the event.
		const owners = (['document', 'recipient'] as const).filter((o) => REALTIME_ACTIONS[o][action]);
		objectType = owners.length === 1 ? owners[0] : objectType;
	}
	if (objectType === 'document' || objectType === 'recipient') {
		const normalized =
			REALTIME_ACTIONS[objectType][action] ??
			(objectType === 'document' ? DOCUMENT_ONLY_ACTIONS[action] : undefined);
		if (normalized) return `${objectType}.${normalized}`;
	}
	return event.includes('.') ? event : `${object ?? 'unknown'}.${event}`;
}

/** The document a recipient event belongs to: `document` may be an id or a URI. */
function recipientDocumentId(data: IDataObject): string | null {
	const reference = field(data, 'document') ?? field(data, 'documentResourceUri');
	return reference ? idFromUri(reference) : null;
}

/** One normalized event from a verified realtime delivery. */
export function realtimeEventDraft(payload: IDataObject, rawBody: Buffer): EsignEventDraft {
	const providerEvent = realtimeProviderEvent(payload);
	const known = (LEGALESIGN_REALTIME_EVENTS as Record<string, EventInfo>)[providerEvent];
	const data = objectAt(payload, 'data');
	const isRecipient = providerEvent.startsWith('recipient.');
	const code = statusCode(data);
	const recipients = objectsAt(data, 'recipients');
	// A rejected document names who rejected it.
	const rejecter =
		providerEvent === 'document.rejected'
			? recipients.find((r) => statusCode(r) === 60 || !!field(r, 'rejectReason'))
			: undefined;
	const statusLabel =
		field(data, 'statusText') ??
		(code === null
			? null
			: ((isRecipient ? SIGNER_STATUSES : DOCUMENT_STATUSES)[code]?.label ?? null));
	const deliveryId = text(payload, 'id');
	return {
		provider: 'legalesign',
		event: known?.event ?? 'unknown',
		providerEvent,
		// The delivery id is what Legalesign repeats on a retry; without one, the exact bytes.
		eventId: deliveryId ?? hashedEventId('legalesign', rawBody),
		documentId: isRecipient ? recipientDocumentId(data) : field(data, 'uuid'),
		documentStatus: !isRecipient && code !== null ? String(code) : null,
		// Document events say whether the final PDF exists; recipient events do not say.
		documentCompleted: isRecipient ? null : providerEvent === 'document.finalPdfCreated',
		recipient: isRecipient
			? realtimeRecipient(data)
			: rejecter
				? realtimeRecipient(rejecter)
				: null,
		occurredAt: toIsoTime(payload.created),
		attributes: {
			objectType: text(payload, 'object'),
			version: text(payload, 'version'),
			documentName: isRecipient ? field(data, 'documentName') : field(data, 'name'),
			group: field(data, 'group'),
			groupResourceUri: field(data, 'groupResourceUri'),
			tags: tags(data),
			statusCode: code,
			statusLabel,
			rejectReason: field(isRecipient ? data : rejecter, 'rejectReason'),
			emailBounceMessage: isRecipient ? field(data, 'emailBounceMessage') : null,
		},
		payload,
	};
}

/** The event a legacy batch record stands for (`document.30`, `signer.40`, …). */
export function batchProviderEvent(record: IDataObject): string {
	const type = resourceTypeOfUri(field(record, 'resourceUri'));
	const name = text(record, 'name');
	const value = text(record, 'value');
	if (name === 'status' && value !== null) return `${type ?? 'unknown'}.${value}`;
	return `${type ?? 'unknown'}.${name ?? 'unknown'}`;
}

/** One normalized event per batch record; the id is derived from the record itself. */
export function batchEventDraft(record: IDataObject): EsignEventDraft {
	const uri = field(record, 'resourceUri');
	const type = resourceTypeOfUri(uri);
	const providerEvent = batchProviderEvent(record);
	const known = LEGALESIGN_LEGACY_EVENTS[providerEvent];
	const value = text(record, 'value');
	const table = type === 'signer' ? SIGNER_STATUSES : type === 'document' ? DOCUMENT_STATUSES : {};
	const label =
		value !== null && text(record, 'name') === 'status' ? (table[value]?.label ?? null) : null;
	const id = uri ? idFromUri(uri) : null;
	return {
		provider: 'legalesign',
		event: known?.event ?? 'unknown',
		providerEvent,
		eventId: hashedEventId('legalesign', [
			uri,
			text(record, 'name'),
			value,
			text(record, 'timestamp'),
		]),
		documentId: type === 'document' ? id : null,
		documentStatus: type === 'document' ? value : null,
		documentCompleted: type === 'document' ? value === '100' : null,
		recipient: type === 'signer' ? { ...emptyRecipient(), id, status: label ?? value } : null,
		occurredAt: toIsoTime(record.timestamp),
		attributes: {
			objectType: type,
			resourceUri: uri,
			change: text(record, 'name'),
			statusCode: value !== null && /^\d+$/.test(value) ? Number(value) : null,
			statusLabel: label,
		},
		payload: record,
	};
}

const PER_EVENT_CODES: Record<string, Exclude<LegacyNotify, 'all'>> = {
	signed: 'signed',
	sent: 'sent',
	rejected: 'rejected',
	'2': 'signed',
	'3': 'sent',
	'4': 'rejected',
};

/**
 * One normalized event from a legacy per-event callback. Fields come from the signed JSON (also
 * in `attributes.signedData`); the plain form fields, which the signature does not cover, only
 * fill gaps. The kind is the payload's
 * `event` when it names one, else the kind this trigger was registered for.
 */
export function perEventDraft(
	signed: IDataObject,
	form: Record<string, string>,
	configured: LegacyNotify,
): EsignEventDraft {
	const pick = (name: string) => field(signed, name) ?? field(form, name);
	const eventCode = (pick('event') ?? '').toLowerCase();
	const kind = PER_EVENT_CODES[eventCode] ?? (configured === 'all' ? null : configured);
	const providerEvent = kind ?? 'unknown';
	const uri = pick('resourceUri');
	const documentId = pick('uuid') ?? (uri ? idFromUri(uri) : null);
	const timestamp = pick('timestamp') ?? pick('created') ?? pick('modified');
	return {
		provider: 'legalesign',
		event: kind ? LEGALESIGN_LEGACY_EVENTS[kind].event : 'unknown',
		providerEvent,
		eventId: hashedEventId('legalesign', [providerEvent, documentId, uri, timestamp]),
		documentId,
		documentStatus: null,
		documentCompleted: kind === 'signed',
		recipient: null,
		occurredAt: toIsoTime(timestamp),
		attributes: {
			objectType: 'document',
			resourceUri: uri,
			documentName: pick('name'),
			eventCode: pick('event'),
			tags: tags(signed).length > 0 ? tags(signed) : tags(form),
			signedData: signed,
		},
		payload: form,
	};
}
