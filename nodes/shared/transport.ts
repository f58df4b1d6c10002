import {
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IWebhookFunctions,
	type JsonObject,
	NodeApiError,
	sleep,
} from 'n8n-workflow';

import { asBuffer, type FileData, mimeTypeOf } from './files';
import { trimTrailingSlashes } from './readers';

export type ApiContext =
	| IExecuteFunctions
	| IHookFunctions
	| IWebhookFunctions
	| ILoadOptionsFunctions;

/** A provider's error, as the provider put it. */
export interface ProviderError {
	message: string;
	/** Replaces the generated description (used for network failures). */
	description?: string;
	/** Provider error code and request id, shown in the description. */
	code?: string | null;
	requestId?: string | null;
	/** Appended to the description (e.g. which routes were tried). */
	context?: string;
}

/** How one provider's REST API is reached and how it reports errors. */
export interface ProviderApi {
	/** "Leegality", used in messages. */
	name: string;
	credentialType: string;
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	/** The provider's own message in an error body (any status). */
	errorFromBody(body: unknown, statusCode: number): ProviderError | undefined;
	/** An error hidden in a successful (2xx) body, e.g. Leegality's HTTP 200 with `status: 0`. */
	errorInSuccessBody?(body: unknown): ProviderError | undefined;
	/** Extra explanation for a status, e.g. the usual causes of a 401. */
	hintForStatus?(statusCode: number): string | undefined;
	/** Milliseconds to wait before retrying a 429, from the response headers. */
	rateLimitDelay?(headers: IDataObject, attempt: number): number;
	/**
	 * Other places the same call may live (another generation of the provider's API), tried in
	 * order only while the answer says the route itself does not exist (`isMissingRoute`) — a
	 * missing route did nothing, so trying the next one can never do anything twice.
	 */
	alternativeRoutes?(route: ApiRoute): ApiRoute[];
	/** Whether an answer means "no such route on this server", not "no such resource". */
	isMissingRoute?(statusCode: number, body: unknown): boolean;
}

/** Where one call is sent: a base URL and the request below it. */
export interface ApiRoute {
	baseUrl: string;
	request: ApiRequest;
}

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the credential's base URL, e.g. `/v3.3/document/details`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[] | Buffer;
	headers?: IDataObject;
	/** Return the body as a Buffer (files). */
	binary?: boolean;
	/** Hand 3xx answers back instead of following them (for pre-signed download links). */
	noRedirects?: boolean;
	/**
	 * Whether a 429 may be retried. Defaults to true for GET only: creates and sends are never
	 * repeated automatically.
	 */
	retryOnRateLimit?: boolean;
	/** Error statuses the caller handles itself (e.g. a 422 whose body still holds the record). */
	acceptStatuses?: number[];
	/** Skip `errorInSuccessBody` for this call (the user opted to receive such bodies). */
	allowErrorInBody?: boolean;
}

export interface ApiResponse<T = unknown> {
	statusCode: number;
	headers: IDataObject;
	body: T;
}

const MAX_RATE_LIMIT_RETRIES = 3;
const MAX_RATE_LIMIT_DELAY_MS = 60_000;

function defaultRateLimitDelay(_headers: IDataObject, attempt: number): number {
	return 1000 * 2 ** attempt;
}

/** A response header (any case; the first value of a repeated one), or undefined. */
export function responseHeader(headers: IDataObject, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' && first.trim() ? first.trim() : undefined;
}

function isJsonResponse(headers: IDataObject): boolean {
	return /[/+]json\b/i.test(responseHeader(headers, 'content-type') ?? '');
}

function tryParseJson(source: string): unknown {
	try {
		return JSON.parse(source) as unknown;
	} catch {
		return undefined;
	}
}

/** Buffer bodies that are really JSON (error answers of file endpoints) are decoded. */
function decodeBody(body: unknown, headers: IDataObject, binary: boolean): unknown {
	if (!Buffer.isBuffer(body)) return body;
	if (binary && !isJsonResponse(headers)) return body;
	const source = body.toString('utf8');
	return tryParseJson(source) ?? source;
}

/** A `NodeApiError` built from sanitized parts only, so no request option (or secret) leaks. */
export function providerApiError(
	this: ApiContext,
	api: ProviderApi,
	statusCode: number | undefined,
	error: ProviderError,
): NodeApiError {
	const details = [
		statusCode ? `HTTP ${statusCode}` : undefined,
		error.code ? `code ${error.code}` : undefined,
		error.requestId ? `request id ${error.requestId}` : undefined,
	].filter(Boolean);
	const hint = statusCode ? api.hintForStatus?.(statusCode) : undefined;
	const description = [
		error.description ??
			[details.length ? `${api.name} answered ${details.join(', ')}.` : '', hint ?? '']
				.filter(Boolean)
				.join(' '),
		error.context ?? '',
	]
		.filter(Boolean)
		.join(' ');
	const errorObject: JsonObject = {
		message: error.message,
		code: error.code ?? null,
		requestId: error.requestId ?? null,
		httpCode: statusCode ? String(statusCode) : null,
	};
	return new NodeApiError(this.getNode(), errorObject, {
		message: `${api.name}: ${error.message}`,
		description: description || undefined,
		httpCode: statusCode ? String(statusCode) : undefined,
	});
}

/**
 * Each context reads a credential once, however many requests it makes: in a webhook, every
 * `getCredentials()` costs n8n an expression isolate (tens of ms of CPU on its defaults).
 */
const credentialsByContext = new WeakMap<
	object,
	Map<string, Promise<ICredentialDataDecryptedObject>>
>();

function credentialsOnce(this: ApiContext, type: string): Promise<ICredentialDataDecryptedObject> {
	let byType = credentialsByContext.get(this);
	if (!byType) credentialsByContext.set(this, (byType = new Map()));
	let credentials = byType.get(type);
	if (!credentials) {
		credentials = this.getCredentials(type);
		byType.set(type, credentials);
		credentials.catch(() => byType.delete(type));
	}
	return credentials;
}

function decrypted(
	this: ApiContext,
	type: string,
	data: ICredentialDataDecryptedObject,
): ICredentialsDecrypted {
	const reference = this.getNode().credentials?.[type];
	return { id: reference?.id ?? '', name: reference?.name ?? type, type, data };
}

type RawResponse = { statusCode: number; headers: IDataObject; body: unknown };

/** One route, retrying 429 answers to retry-safe requests with the provider's back-off. */
async function callRoute(
	this: ApiContext,
	api: ProviderApi,
	route: ApiRoute,
	credentials: ICredentialDataDecryptedObject,
): Promise<RawResponse> {
	const { request } = route;
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL: route.baseUrl,
		url: request.path,
		qs: request.qs,
		headers: request.headers,
		body: request.body,
		json: !request.binary,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	if (request.binary) options.encoding = 'arraybuffer';
	if (request.noRedirects) options.disableFollowRedirect = true;
	const retryable = request.retryOnRateLimit ?? request.method === 'GET';

	for (let attempt = 0; ; attempt++) {
		let response: RawResponse;
		try {
			// The decrypted credential is handed over, so n8n does not read it a second time.
			response = await this.helpers.httpRequestWithAuthentication.call(
				this,
				api.credentialType,
				options,
				{ credentialsDecrypted: decrypted.call(this, api.credentialType, credentials) },
			);
		} catch (error) {
			const reason = (error as Error).message;
			throw providerApiError.call(this, api, undefined, {
				message: 'the request did not get an answer',
				description: `No answer from the credential's base URL: ${reason}`,
			});
		}
		const headers = response.headers ?? {};
		const body = decodeBody(response.body, headers, request.binary === true);
		if (response.statusCode === 429 && retryable && attempt < MAX_RATE_LIMIT_RETRIES) {
			const delay = (api.rateLimitDelay ?? defaultRateLimitDelay)(headers, attempt);
			await sleep(Math.min(Math.max(delay, 0), MAX_RATE_LIMIT_DELAY_MS));
			continue;
		}
		return { statusCode: response.statusCode, headers, body };
	}
}

/** The base URL that answered for a configured one last time (per provider; few entries). */
const answeringBase = new Map<string, string>();
const MAX_REMEMBERED_BASES = 64;

function rememberAnsweringBase(api: ProviderApi, configured: string, used: string): void {
	const key = `${api.name}\u0000${configured}`;
	if (used === configured) {
		answeringBase.delete(key);
		return;
	}
	if (answeringBase.size >= MAX_REMEMBERED_BASES) answeringBase.clear();
	answeringBase.set(key, used);
}

/** The configured route and its alternatives, the base that answered last time first. */
function routesFor(api: ProviderApi, configured: ApiRoute): ApiRoute[] {
	const routes = [configured, ...(api.alternativeRoutes?.(configured) ?? [])];
	const preferred = answeringBase.get(`${api.name}\u0000${configured.baseUrl}`);
	if (!preferred) return routes;
	return [
		...routes.filter((route) => route.baseUrl === preferred),
		...routes.filter((route) => route.baseUrl !== preferred),
	];
}

const describeRoute = (route: ApiRoute) =>
	`${route.request.method} ${route.baseUrl}${route.request.path}`;

/**
 * One authenticated call to a provider. Maps every failure (HTTP status, error hidden in a 200
 * body, network error) to a `NodeApiError` carrying the provider's own message. 429 answers to
 * retry-safe requests are retried with the provider's back-off. Where the provider has other
 * routes for the call, they are tried while the route is missing, and the error says which.
 */
export async function apiRequest<T = unknown>(
	this: ApiContext,
	api: ProviderApi,
	request: ApiRequest,
): Promise<ApiResponse<T>> {
	const credentials = await credentialsOnce.call(this, api.credentialType);
	const configured: ApiRoute = { baseUrl: trimTrailingSlashes(api.baseUrl(credentials)), request };
	const routes = routesFor(api, configured);
	const tried: string[] = [];
	let response: RawResponse | undefined;
	let used = configured;
	for (const route of routes) {
		const answer = await callRoute.call(this, api, route, credentials);
		const missing = api.isMissingRoute?.(answer.statusCode, answer.body) === true;
		tried.push(missing ? `${describeRoute(route)} (no such route)` : describeRoute(route));
		// Every route missing: report the configured route's answer.
		response ??= answer;
		if (!missing) {
			response = answer;
			used = route;
			rememberAnsweringBase(api, configured.baseUrl, route.baseUrl);
			break;
		}
	}
	const { statusCode, headers, body } = response as RawResponse;
	const context =
		tried.length > 1 || (routes.length > 1 && statusCode === 404)
			? `Tried: ${tried.join(', ')}.`
			: undefined;

	const accepted = used.request.acceptStatuses?.includes(statusCode) === true;
	if (statusCode >= 400 && !accepted) {
		const error = api.errorFromBody(body, statusCode) ?? {
			message:
				typeof body === 'string' && body.trim() ? body.trim().slice(0, 300) : `HTTP ${statusCode}`,
		};
		throw providerApiError.call(this, api, statusCode, { ...error, context });
	}
	const hidden =
		used.request.allowErrorInBody || accepted ? undefined : api.errorInSuccessBody?.(body);
	if (hidden) throw providerApiError.call(this, api, statusCode, { ...hidden, context });
	return { statusCode, headers, body: body as T };
}

/**
 * Downloads a short-lived pre-signed URL (S3, CDN) without the provider's credentials, which
 * such links refuse and must never receive.
 */
export async function downloadPresignedUrl(
	this: ApiContext,
	api: ProviderApi,
	url: string,
	fileName: string,
): Promise<FileData> {
	let response: { statusCode: number; headers: IDataObject; body: unknown };
	try {
		response = await this.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'arraybuffer',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		});
	} catch (error) {
		throw providerApiError.call(this, api, undefined, {
			message: `could not download the file (${(error as Error).message})`,
		});
	}
	if (response.statusCode >= 400) {
		throw providerApiError.call(this, api, response.statusCode, {
			message: 'the download link was refused (pre-signed links expire within seconds to minutes)',
		});
	}
	return {
		data: asBuffer(response.body),
		fileName,
		mimeType: mimeTypeOf(responseHeader(response.headers ?? {}, 'content-type')),
	};
}
