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
import { leegalityPayloads } from '../fixtures/leegality';
import { perEventCallback, realtimePayload, seedPageBatch } from '../fixtures/legalesign';
import { delivery as lexgoSignDelivery } from '../fixtures/lexgosign';
import { selfSignedCertificate } from './certificates';
import { type HttpHandler, type LogLine, webhookContext } from './contexts';

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

/** Leegality v2.5: `mac` = HMAC-SHA1(documentId, salt) inside the body, optional static header. */
export function leegalitySetup(options: { customHeader?: boolean } = {}): TriggerSetup {
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
	return {
		name: options.customHeader ? 'leegality+header' : 'leegality',
		node: new LeegalityTrigger(),
		parameters: { events: Object.keys(LEEGALITY_EVENTS), skipVerification: false, options: {} },
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
		sample: () => leegalityPayloads.signerSigned(),
		sign: (content) => ({
			body: withMac(content, salt),
			headers: headers(headerSecret),
			query: {},
		}),
		forge: (content) => ({
			body: withMac(content, secret()),
			headers: headers(secret()),
			query: {},
		}),
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
	};
}

/** Every trigger configuration the hostile tests and the fuzz suite cover. */
export function allSetups(): TriggerSetup[] {
	return [
		leegalitySetup(),
		leegalitySetup({ customHeader: true }),
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
