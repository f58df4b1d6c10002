import { createHmac, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeType,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { LeegalityTrigger } from '../../nodes/Leegality/LeegalityTrigger.node';
import { LEEGALITY_EVENTS } from '../../nodes/Leegality/events';
import { LegalesignTrigger } from '../../nodes/Legalesign/LegalesignTrigger.node';
import {
	LEGALESIGN_LEGACY_EVENTS,
	LEGALESIGN_REALTIME_EVENTS,
} from '../../nodes/Legalesign/events';
import { LexgoSignTrigger } from '../../nodes/LexgoSign/LexgoSignTrigger.node';
import { LEXGOSIGN_EVENTS } from '../../nodes/LexgoSign/events';
import { leegalityOtherShapes, leegalityPayloads } from '../fixtures/leegality';
import { perEventCallback, realtimePayload, seedPageBatch } from '../fixtures/legalesign';
import { delivery as lexgoSignDelivery } from '../fixtures/lexgosign';
import { selfSignedCertificate } from './certificates';
import { type FakeResponse, type HttpHandler, type LogLine, webhookContext } from './contexts';

/**
 * Each trigger configuration as a hostile sender meets it: how a genuine delivery is signed, how a
 * forger (who lacks the secrets) signs one, and every secret that must never be echoed back.
 * Shared by the issue-9 regression tests and the fuzz suite.
 */

export type Headers = Record<string, string | string[]>;

/** An HTTP request as n8n hands it to `webhook()`: exact bytes, headers (lower case), query. */
export interface RawDelivery {
	body: Buffer;
	headers: Headers;
	query: IDataObject;
}

export interface TriggerSetup {
	name: string;
	node: INodeType;
	parameters: IDataObject;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	staticData(): IDataObject;
	/** Every secret of this setup (salt, token, HMAC secret, Authorization value, API key). */
	secrets: string[];
	/** The JSON value the genuine sample delivery carries (the signed part). */
	sample(): unknown;
	/** A correctly signed delivery of `content` (the JSON value the signature covers). */
	sign(content: unknown): RawDelivery;
	/** A correctly signed delivery whose signed text is `text` verbatim (may be malformed). */
	signText?(text: string): RawDelivery;
	/** The same, signed by someone without the secrets. */
	forge(content: unknown): RawDelivery;
	/** Mock HTTP for API calls the setup makes (none unless an option asks for them). */
	http?: HttpHandler;
	/** Where a genuine delivery carries its proofs of authenticity. */
	proofs: Proof[];
	/** The body format the trigger reads. */
	format: 'json' | 'form';
	/** Changes what the signature covers, proofs untouched (undefined: nothing is signed). */
	alterSigned?(delivery: RawDelivery): RawDelivery;
	/** Changes what no proof covers: the trigger must still accept the delivery. */
	alterUnsigned(delivery: RawDelivery): RawDelivery;
	/** Changes the event a delivery claims, proofs intact; `refused` when the setup notices. */
	alterClaim?: { apply(delivery: RawDelivery): RawDelivery; refused: boolean };
}

/** Where a proof of authenticity travels, and how the trigger compares it. */
export interface Proof {
	in: 'header' | 'query' | 'json' | 'form';
	name: string;
	/**
	 * `exact`: equal bytes; `hmac`: hex in any case or base64, trimmed; `rsa`: a base64 RSA
	 * signature, trimmed and decoded leniently (so some re-encodings are equivalent).
	 */
	compare: 'exact' | 'hmac' | 'rsa';
}

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

function secret(): string {
	return randomBytes(24).toString('hex');
}

function json(content: unknown): Buffer {
	return Buffer.from(JSON.stringify(content) ?? 'null', 'utf8');
}

function hmac(algorithm: 'sha1' | 'sha256', key: string, message: string | Buffer): string {
	return createHmac(algorithm, key).update(message).digest('hex');
}

/** The JSON body edited by `edit` (serialised compactly, as the providers do). */
export function editJson(delivery: RawDelivery, edit: (body: IDataObject) => void): RawDelivery {
	const body = JSON.parse(delivery.body.toString('utf8')) as IDataObject;
	edit(body);
	return { ...delivery, body: json(body) };
}

/** The form body edited by `edit` (re-encoded as URLSearchParams does). */
export function editForm(
	delivery: RawDelivery,
	edit: (form: URLSearchParams) => void,
): RawDelivery {
	const form = new URLSearchParams(delivery.body.toString('utf8'));
	edit(form);
	return { ...delivery, body: Buffer.from(form.toString(), 'utf8') };
}

/**
 * The genuine Leegality bodies a setup may start from, one per documented shape: v2.5 (Signer
 * Signed), the 2.1–2.3 success bodies (embedded base64 files, `signUrl`, `signed` boolean) and the
 * Coordinate Picker webhook (no `request`). All carry the same kind of `mac`.
 */
const LEEGALITY_SHAPES = {
	'v2.5': leegalityPayloads.signerSigned,
	'v2.3': () => leegalityOtherShapes.v23Success(),
	'v2.1': leegalityOtherShapes.v21Success,
	coordinatePicker: leegalityOtherShapes.coordinatePicker,
} as const;

export type LeegalityShape = keyof typeof LEEGALITY_SHAPES;

/** Leegality: `mac` = HMAC-SHA1(documentId, salt) inside the body, optional static header. */
export function leegalitySetup(
	options: { customHeader?: boolean; confirm?: boolean; shape?: LeegalityShape } = {},
): TriggerSetup {
	const shape = options.shape ?? 'v2.5';
	const sampleOf = LEEGALITY_SHAPES[shape];
	const salt = secret();
	const authToken = secret();
	const headerSecret = secret();
	const headerName = 'x-leegality-auth';
	const withMac = (content: unknown, key: string): Buffer => {
		if (typeof content !== 'object' || content === null || Array.isArray(content)) {
			return json(content);
		}
		const body = content as IDataObject;
		const documentId = typeof body.documentId === 'string' ? body.documentId : '';
		return json({ ...body, mac: hmac('sha1', key, documentId) });
	};
	const headers = (value: string): Headers =>
		options.customHeader
			? { 'content-type': JSON_TYPE, [headerName]: value }
			: { 'content-type': JSON_TYPE };
	const sample = sampleOf();
	return {
		name: `leegality${shape === 'v2.5' ? '' : `@${shape}`}${options.customHeader ? '+header' : ''}${options.confirm ? '+confirm' : ''}`,
		node: new LeegalityTrigger(),
		parameters: {
			events: Object.keys(LEEGALITY_EVENTS),
			skipVerification: false,
			confirmEvents: options.confirm === true,
			options: {},
		},
		credentials: {
			leegalityApi: {
				environment: 'custom',
				baseUrl: 'https://leegality.test/api',
				authToken,
				privateSaltSecret: salt,
				...(options.customHeader
					? { webhookHeaderName: headerName, webhookHeaderSecret: headerSecret }
					: {}),
			},
		},
		staticData: () => ({}),
		secrets: [salt, authToken, ...(options.customHeader ? [headerSecret] : [])],
		sample: () => sampleOf(),
		sign: (content) => ({
			body: withMac(content, salt),
			headers: headers(headerSecret),
			query: {},
		}),
		signText: (text) => ({
			body: Buffer.from(withMacText(text, salt), 'utf8'),
			headers: headers(headerSecret),
			query: {},
		}),
		forge: (content) => ({
			body: withMac(content, secret()),
			headers: headers(secret()),
			query: {},
		}),
		http: options.confirm ? leegalityDetailsApi(sample) : undefined,
		proofs: [
			{ in: 'json', name: 'mac', compare: 'hmac' },
			...(options.customHeader
				? [{ in: 'header', name: headerName, compare: 'exact' } as const]
				: []),
		],
		format: 'json',
		alterSigned: (delivery) =>
			editJson(delivery, (body) => {
				body.documentId = `${String(body.documentId)}X`;
			}),
		alterUnsigned: (delivery) =>
			editJson(delivery, (body) => {
				body.irn = 'ALTERED-IRN';
			}),
		alterClaim: {
			apply: (delivery) =>
				editJson(delivery, (body) => {
					const request = (body.request ?? {}) as IDataObject;
					body.webhookType = 'Error';
					body.request = { ...request, action: 'Rejected' };
					// 2.1–2.3 bodies say "signed" with a boolean, which wins over an action.
					if (typeof request.signed === 'boolean') {
						Object.assign(body.request, { signed: false, rejected: true });
					}
				}),
			refused: options.confirm === true,
		},
	};
}

/** JSON text with a correct `mac` put first, for the documentId the text holds (if any). */
function withMacText(text: string, salt: string): string {
	let documentId = '';
	try {
		const parsed = JSON.parse(text) as unknown;
		const value = (parsed as IDataObject | null)?.documentId;
		if (typeof value === 'string') documentId = value;
	} catch {
		return text;
	}
	const trimmed = text.trimStart();
	if (!trimmed.startsWith('{')) return text;
	const rest = trimmed.slice(1);
	const mac = JSON.stringify(hmac('sha1', salt, documentId));
	return `{"mac":${mac}${rest.trimStart().startsWith('}') ? '' : ','}${rest}`;
}

/**
 * Leegality's Details API as the confirm step meets it: the sample's document confirms the sample
 * (a signature, or a Coordinate Picker delivery that names no invitee); any other document gets
 * one of the answers a hostile or broken API could give.
 */
function leegalityDetailsApi(sample: IDataObject): HttpHandler {
	const confirmedDocumentId = String(sample.documentId);
	const request = (sample.request ?? {}) as IDataObject;
	const confirming = {
		status: 1,
		messages: [],
		data: {
			document: { id: confirmedDocumentId, status: 'SENT', deleted: false },
			invitations: [
				{
					name: request.name ?? 'Asha Rao',
					email: request.email ?? null,
					invitationUrl: request.invitationUrl ?? request.signUrl ?? null,
					invitationStatus: { signed: true, signDate: null },
				},
			],
		},
	};
	let deep: unknown = 'bottom';
	for (let level = 0; level < 5000; level++) deep = { data: deep };
	const hostile: Array<() => FakeResponse> = [
		() => ({ statusCode: 200, body: { status: 0, messages: [{ code: 'no.document.found' }] } }),
		() => ({ statusCode: 200, body: { status: 0, messages: 'Access Denied' } }),
		() => ({ statusCode: 500, body: '<html>Internal Server Error</html>' }),
		() => ({ statusCode: 429, headers: { 'retry-after': '3600' }, body: '' }),
		() => {
			throw new Error('socket hang up');
		},
		() => ({ statusCode: 200, body: deep }),
		() => ({ statusCode: 200, body: { status: 1, data: { document: [], invitations: 'x' } } }),
		() => ({ statusCode: 200, body: Buffer.from('\u0000\u00ff not json') }),
		() => ({
			statusCode: 200,
			body: { status: 1, data: { ...confirming.data, invitations: [{}] } },
		}),
	];
	let call = 0;
	return (options) => {
		const documentId = (options.qs as IDataObject | undefined)?.documentId;
		if (documentId === confirmedDocumentId) {
			return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: confirming };
		}
		return hostile[call++ % hostile.length]();
	};
}

/** Legalesign realtime: the registered URL token, and X-Hmac-Sha256 over the raw body. */
export function legalesignRealtimeSetup(): TriggerSetup {
	const token = secret();
	const hmacSecret = secret();
	const apiSecret = secret();
	const signed = (body: Buffer, key: string, urlToken: string): RawDelivery => ({
		body,
		headers: { 'content-type': JSON_TYPE, 'x-hmac-sha256': hmac('sha256', key, body) },
		query: { token: urlToken },
	});
	return {
		name: 'legalesign-realtime',
		node: new LegalesignTrigger(),
		parameters: {
			webhookType: 'realtime',
			events: [...Object.keys(LEGALESIGN_REALTIME_EVENTS), 'unknown'],
			group: '',
			options: {},
		},
		credentials: {
			legalesignApi: {
				username: 'api-user',
				secret: apiSecret,
				baseUrl: 'https://legalesign.test/api/v1',
				webhookHmacSecret: hmacSecret,
			},
		},
		staticData: () => ({
			subscription: {
				url: `https://n8n.example.com/webhook/abc/webhook?token=${token}`,
				token,
				notify: 'realtime',
				eventFilter: '',
				group: '',
			},
		}),
		secrets: [token, hmacSecret, apiSecret],
		sample: () => realtimePayload('document.finalPdfCreated'),
		sign: (content) => signed(json(content), hmacSecret, token),
		signText: (text) => signed(Buffer.from(text, 'utf8'), hmacSecret, token),
		forge: (content) => signed(json(content), secret(), secret()),
		proofs: [
			{ in: 'query', name: 'token', compare: 'exact' },
			{ in: 'header', name: 'x-hmac-sha256', compare: 'hmac' },
		],
		format: 'json',
		alterSigned: (delivery) =>
			editJson(delivery, (body) => {
				body.data = { ...(body.data as IDataObject), name: 'Altered' };
			}),
		alterUnsigned: (delivery) => ({
			...delivery,
			headers: { ...delivery.headers, 'x-forwarded-for': '203.0.113.7' },
			query: { ...delivery.query, utm_source: 'fuzz' },
		}),
	};
}

function rsa(text: string, privateKey: string | KeyObject): string {
	return sign('sha1', Buffer.from(text, 'utf8'), privateKey).toString('base64');
}

let forgerKey: KeyObject | undefined;

/** A second RSA key, so a forged legacy signature is a real signature by the wrong key. */
function wrongKey(): KeyObject {
	forgerKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
	return forgerKey;
}

/** Legalesign legacy callbacks: RSA-SHA1 by Legalesign's key (batch `signed`, event `X-Signed`). */
export function legalesignLegacySetup(kind: 'batch' | 'event'): TriggerSetup {
	const certificate = selfSignedCertificate();
	const token = secret();
	const apiSecret = secret();
	const batch = kind === 'batch';
	const signedText = (text: string, key: string | KeyObject, urlToken = token) =>
		batch
			? {
					body: Buffer.from(new URLSearchParams({ data: text, signed: rsa(text, key) }).toString()),
					headers: { 'content-type': FORM_TYPE } as Headers,
					query: { token: urlToken },
				}
			: {
					body: Buffer.from(
						new URLSearchParams({ event: 'signed', json_signed: text }).toString(),
						'utf8',
					),
					headers: { 'content-type': FORM_TYPE, 'x-signed': rsa(text, key) } as Headers,
					query: { token: urlToken },
				};
	return {
		name: `legalesign-legacy-${kind}`,
		node: new LegalesignTrigger(),
		parameters: {
			webhookType: 'legacy',
			legacyNotify: batch ? 'all' : 'signed',
			registration: 'automatic',
			events: batch ? [...Object.keys(LEGALESIGN_LEGACY_EVENTS), 'unknown'] : ['signed', 'unknown'],
			options: {},
		},
		credentials: {
			legalesignApi: {
				username: 'api-user',
				secret: apiSecret,
				baseUrl: 'https://legalesign.test/api/v1',
				legacyPublicCertificate: certificate.certificatePem,
			},
		},
		staticData: () => ({
			subscription: {
				url: `https://n8n.example.com/webhook/abc/webhook?token=${token}`,
				token,
				notify: batch ? 'all' : 'signed',
				eventFilter: '',
				group: '',
			},
		}),
		secrets: [token, apiSecret],
		sample: () => (batch ? seedPageBatch() : JSON.parse(perEventCallback('signed').jsonSigned)),
		sign: (content) => signedText(JSON.stringify(content) ?? 'null', certificate.privateKey),
		signText: (text) => signedText(text, certificate.privateKey),
		forge: (content) => signedText(JSON.stringify(content) ?? 'null', wrongKey(), secret()),
		proofs: [
			{ in: 'query', name: 'token', compare: 'exact' },
			batch
				? { in: 'form', name: 'signed', compare: 'rsa' }
				: { in: 'header', name: 'x-signed', compare: 'rsa' },
		],
		format: 'form',
		alterSigned: (delivery) =>
			editForm(delivery, (form) => {
				const field = batch ? 'data' : 'json_signed';
				form.set(field, `${form.get(field) ?? ''} `);
			}),
		alterUnsigned: (delivery) =>
			editForm(delivery, (form) => {
				form.append('extra', 'unsigned');
			}),
	};
}

/** LexgoSign: the exact Authorization value (stored by automatic registration, or the credential's). */
export function lexgoSignSetup(registration: 'automatic' | 'manual'): TriggerSetup {
	const authorization = `Bearer ${secret()}`;
	const apiKey = secret();
	const automatic = registration === 'automatic';
	const signed = (body: Buffer, value: string): RawDelivery => ({
		body,
		headers: { 'content-type': JSON_TYPE, authorization: value },
		query: {},
	});
	return {
		name: `lexgosign-${registration}`,
		node: new LexgoSignTrigger(),
		parameters: {
			registration,
			events: [...Object.keys(LEXGOSIGN_EVENTS), 'unknown'],
			options: {},
		},
		credentials: {
			lexgoSignApi: {
				apiKey,
				baseUrl: 'https://lexgo.test/v1',
				...(automatic ? {} : { webhookSecret: authorization }),
			},
		},
		staticData: () =>
			automatic
				? {
						subscription: {
							webhookId: 'wh-1',
							authorization,
							events: Object.keys(LEXGOSIGN_EVENTS).join(','),
							url: 'https://n8n.example.com/webhook/abc/webhook',
						},
					}
				: {},
		secrets: [authorization, authorization.slice('Bearer '.length), apiKey],
		sample: () => lexgoSignDelivery('envelope.success'),
		sign: (content) => signed(json(content), authorization),
		signText: (text) => signed(Buffer.from(text, 'utf8'), authorization),
		forge: (content) => signed(json(content), `Bearer ${secret()}`),
		// LexgoSign signs nothing: only the Authorization value proves the sender.
		proofs: [{ in: 'header', name: 'authorization', compare: 'exact' }],
		format: 'json',
		alterUnsigned: (delivery) =>
			editJson(delivery, (body) => {
				body.data = { ...(body.data as IDataObject), name: 'Altered' };
			}),
	};
}

/** Every trigger configuration the hostile tests and the fuzz suite cover. */
export function allSetups(): TriggerSetup[] {
	return [
		leegalitySetup(),
		leegalitySetup({ customHeader: true }),
		leegalitySetup({ shape: 'v2.3' }),
		leegalitySetup({ shape: 'coordinatePicker' }),
		legalesignRealtimeSetup(),
		legalesignLegacySetup('batch'),
		legalesignLegacySetup('event'),
		lexgoSignSetup('automatic'),
		lexgoSignSetup('manual'),
	];
}

export interface DeliveryOutcome {
	/** The status written to the response (undefined: nothing was written). */
	status: number | undefined;
	body: unknown;
	result: IWebhookResponseData;
	items: IDataObject[];
	logs: LogLine[];
	/** API calls the trigger made (with credentials, and without). */
	apiCalls: number;
	/** The node's static data after the call (n8n persists it with the workflow). */
	staticData: IDataObject;
}

let workflowCounter = 0;

/**
 * Hands `delivery` to the trigger's real `webhook()` in a fresh workflow (so the duplicate memory
 * of earlier runs does not interfere unless `workflowId` is pinned).
 */
export async function deliver(
	setup: TriggerSetup,
	delivery: RawDelivery,
	overrides: {
		parameters?: IDataObject;
		workflowId?: string;
		http?: HttpHandler;
		mode?: 'webhook' | 'manual';
	} = {},
): Promise<DeliveryOutcome> {
	const context = webhookContext({
		workflowId: overrides.workflowId ?? `wf-${setup.name}-${++workflowCounter}`,
		rawBody: delivery.body,
		headers: delivery.headers,
		query: delivery.query,
		parameters: { ...setup.parameters, ...overrides.parameters },
		credentials: setup.credentials,
		staticData: setup.staticData(),
		http: overrides.http ?? setup.http,
		mode: overrides.mode,
	});
	const webhook = setup.node.webhook as (this: IWebhookFunctions) => Promise<IWebhookResponseData>;
	const result = await webhook.call(context.ctx);
	// n8n answers with `webhookResponse` itself (200, once the execution is stored).
	if (!context.response.headersSent && result.webhookResponse !== undefined) {
		context.response.finish(200, result.webhookResponse);
	}
	const helpers = context.ctx.helpers as unknown as {
		httpRequest: jest.Mock;
		httpRequestWithAuthentication: jest.Mock;
	};
	return {
		status: context.response.statusCode,
		body: context.response.body,
		result,
		items: (result.workflowData?.[0] ?? []).map((item) => item.json),
		logs: context.logs,
		apiCalls:
			helpers.httpRequest.mock.calls.length +
			helpers.httpRequestWithAuthentication.mock.calls.length,
		staticData: context.staticData,
	};
}

/** The first registered secret found in the items, the answer or a log line (undefined if none). */
export function leakedSecret(setup: TriggerSetup, outcome: DeliveryOutcome): string | undefined {
	const seen = [
		JSON.stringify(outcome.items),
		JSON.stringify(outcome.body ?? null),
		...outcome.logs.map((line) => line.message),
	].join('\n');
	return setup.secrets.find((value) => value.length > 0 && seen.includes(value));
}
