import type {
	IBinaryData,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IHookFunctions,
	INodeExecutionData,
	IWebhookFunctions,
} from 'n8n-workflow';

/** A full HTTP answer as `httpRequestWithAuthentication(..., { returnFullResponse: true })` gives it. */
export interface FakeResponse {
	statusCode: number;
	headers?: IDataObject;
	body?: unknown;
}

export type HttpHandler = (
	options: IHttpRequestOptions,
	credentialType?: string,
) => FakeResponse | Promise<FakeResponse>;

/** Records what a node wrote to the Express response. */
export class RecordedResponse {
	statusCode: number | undefined;
	body: unknown;
	headersSent = false;
	private readonly finishListeners: Array<() => void> = [];

	once(event: string, listener: () => void): this {
		if (event === 'finish') this.finishListeners.push(listener);
		return this;
	}

	/** What n8n does when it answers for the node (`webhookResponse`): write, then 'finish'. */
	finish(status: number, body?: unknown): void {
		this.statusCode = status;
		this.body = body;
		this.headersSent = true;
		for (const listener of this.finishListeners.splice(0)) listener();
	}

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	json(body: unknown): this {
		this.body = body;
		this.headersSent = true;
		return this;
	}

	send(body: unknown): this {
		return this.json(body);
	}

	end(): this {
		this.headersSent = true;
		return this;
	}
}

export interface LogLine {
	level: 'debug' | 'info' | 'warn' | 'error';
	message: string;
}

function logger(lines: LogLine[]) {
	const at = (level: LogLine['level']) => (message: string) => lines.push({ level, message });
	return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function parameterReader(parameters: IDataObject) {
	return (name: string, fallback?: unknown) => {
		if (parameters[name] !== undefined) return parameters[name];
		if (fallback !== undefined) return fallback;
		throw new Error(`Could not get parameter "${name}"`);
	};
}

function credentialReader(credentials: Record<string, ICredentialDataDecryptedObject>) {
	return async (type: string) => {
		if (!credentials[type]) throw new Error(`Node does not have any credentials set for "${type}"`);
		return credentials[type];
	};
}

async function prepareBinaryData(
	data: Buffer,
	fileName?: string,
	mimeType?: string,
): Promise<IBinaryData> {
	return {
		data: data.toString('base64'),
		fileName,
		mimeType: mimeType ?? 'application/octet-stream',
		fileSize: String(data.length),
	};
}

let credentialCounter = 0;

/**
 * The node's credential references. Triggers cache credential fields per credential id for the
 * life of the process, so every context gets fresh ids unless a test pins one (`credentialId`).
 */
function credentialReferences(
	credentials: Record<string, ICredentialDataDecryptedObject> | undefined,
	credentialId: string | undefined,
) {
	if (!credentials) return undefined;
	const id = credentialId ?? `test-credential-${++credentialCounter}`;
	return Object.fromEntries(Object.keys(credentials).map((type) => [type, { id, name: type }]));
}

export interface WebhookContextOptions {
	parameters?: IDataObject;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Pins the credential id (the secrets cache key) across contexts; fresh per context otherwise. */
	credentialId?: string;
	/** Raw body as received; strings are UTF-8 encoded. `undefined` = no body read by n8n. */
	rawBody?: Buffer | string;
	/** Header values; an array is a header sent more than once (as Node.js keeps set-cookie). */
	headers?: Record<string, string | string[]>;
	query?: IDataObject;
	staticData?: IDataObject;
	mode?: 'webhook' | 'manual';
	workflowId?: string;
	nodeId?: string;
	http?: HttpHandler;
}

/**
 * What n8n 2.41.1 sets on the request before `webhook()`: `contentType` and `encoding` from the
 * Content-Type header (`@n8n/backend-network` `parseIncomingMessage`), and `body`, an
 * `application/json` body decoded with that charset, BOM stripped, JSON.parse
 * (`middlewares/body-parser.ts` `parseBody`). When that parse fails n8n answers 422 itself; here
 * the body stays unset, so the trigger's own parse is tested.
 */
function n8nParse(
	rawBody: Buffer | undefined,
	header: string | string[] | undefined,
): { contentType?: string; encoding?: string; body?: unknown } {
	const value = Array.isArray(header) ? header[0] : header;
	if (!value) return {};
	const [type, ...parameters] = value.split(';').map((part) => part.trim());
	const charset = parameters
		.map((parameter) => /^charset\s*=\s*"?([^"]+)"?$/i.exec(parameter)?.[1])
		.find(Boolean);
	const parsed = { contentType: type.toLowerCase(), encoding: (charset ?? 'utf-8').toLowerCase() };
	if (!rawBody?.length || parsed.contentType !== 'application/json') return parsed;
	if (!Buffer.isEncoding(parsed.encoding)) return parsed;
	const text = rawBody.toString(parsed.encoding);
	try {
		return { ...parsed, body: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
	} catch {
		return parsed;
	}
}

/** An `IWebhookFunctions` that behaves like n8n's for the calls our triggers make. */
export function webhookContext(options: WebhookContextOptions = {}) {
	const response = new RecordedResponse();
	const logs: LogLine[] = [];
	const staticData = options.staticData ?? {};
	const headers = Object.fromEntries(
		Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
	);
	const rawBody =
		typeof options.rawBody === 'string' ? Buffer.from(options.rawBody, 'utf8') : options.rawBody;
	const request = {
		rawBody,
		headers,
		query: options.query ?? {},
		...n8nParse(rawBody, headers['content-type']),
		header: (name: string) => headers[name.toLowerCase()],
	};
	const http = jest.fn(async (_type: string, requestOptions: IHttpRequestOptions) => {
		if (!options.http) throw new Error('unexpected HTTP request');
		return await options.http(requestOptions, _type);
	});
	const credentialRefs = credentialReferences(options.credentials, options.credentialId);
	const ctx = {
		getRequestObject: () => request,
		getResponseObject: () => response,
		getHeaderData: () => headers,
		getQueryData: () => request.query,
		getBodyData: () => (request as { body?: unknown }).body ?? {},
		getNodeParameter: parameterReader(options.parameters ?? {}),
		getCredentials: jest.fn(credentialReader(options.credentials ?? {})),
		getWorkflowStaticData: () => staticData,
		getMode: () => options.mode ?? 'webhook',
		getWorkflow: () => ({ id: options.workflowId ?? 'wf-1', name: 'Test workflow', active: true }),
		getNode: () => ({
			id: options.nodeId ?? 'node-1',
			name: 'Trigger',
			type: 'n8n-nodes-esign.test',
			typeVersion: 1,
			position: [0, 0],
			parameters: options.parameters ?? {},
			credentials: credentialRefs,
		}),
		getWebhookName: () => 'default',
		logger: logger(logs),
		helpers: {
			httpRequestWithAuthentication: http,
			httpRequest: jest.fn(async (requestOptions: IHttpRequestOptions) => {
				if (!options.http) throw new Error('unexpected HTTP request');
				return await options.http(requestOptions);
			}),
			prepareBinaryData: jest.fn(prepareBinaryData),
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
	};
	return { ctx: ctx as unknown as IWebhookFunctions, response, logs, staticData, http };
}

export interface ExecuteContextOptions {
	/** Parameters per input item (one object per item), or one object for every item. */
	parameters: IDataObject | IDataObject[];
	items?: INodeExecutionData[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	continueOnFail?: boolean;
	http?: HttpHandler;
}

/** An `IExecuteFunctions` for action nodes; HTTP goes to `options.http`. */
export function executeContext(options: ExecuteContextOptions) {
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	const perItem = (index: number): IDataObject =>
		Array.isArray(options.parameters) ? options.parameters[index] : options.parameters;
	const http = jest.fn(async (type: string, requestOptions: IHttpRequestOptions) => {
		if (!options.http) throw new Error('unexpected HTTP request');
		return await options.http(requestOptions, type);
	});
	const unauthenticatedHttp = jest.fn(async (requestOptions: IHttpRequestOptions) => {
		if (!options.http) throw new Error('unexpected HTTP request');
		return await options.http(requestOptions);
	});
	const ctx = {
		getInputData: () => items,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) =>
			parameterReader(perItem(itemIndex))(name, fallback),
		getCredentials: jest.fn(credentialReader(options.credentials ?? {})),
		continueOnFail: () => options.continueOnFail ?? false,
		getNode: () => ({
			id: 'node-1',
			name: 'Action',
			type: 'n8n-nodes-esign.test',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		}),
		logger: logger([]),
		helpers: {
			httpRequestWithAuthentication: http,
			httpRequest: unauthenticatedHttp,
			prepareBinaryData: jest.fn(prepareBinaryData),
			assertBinaryData: (itemIndex: number, property: string) => {
				const binary = items[itemIndex]?.binary?.[property];
				if (!binary) throw new Error(`Expected binary property "${property}" on item ${itemIndex}`);
				return binary;
			},
			getBinaryDataBuffer: async (itemIndex: number, property: string) =>
				Buffer.from(items[itemIndex].binary![property].data, 'base64'),
		},
	};
	return { ctx: ctx as unknown as IExecuteFunctions, http, unauthenticatedHttp };
}

export interface HookContextOptions {
	parameters?: IDataObject;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	staticData?: IDataObject;
	webhookUrl?: string;
	http?: HttpHandler;
}

/** An `IHookFunctions` for the webhook lifecycle methods (checkExists / create / delete). */
export function hookContext(options: HookContextOptions = {}) {
	const logs: LogLine[] = [];
	const staticData = options.staticData ?? {};
	const http = jest.fn(async (type: string, requestOptions: IHttpRequestOptions) => {
		if (!options.http) throw new Error('unexpected HTTP request');
		return await options.http(requestOptions, type);
	});
	const ctx = {
		getNodeParameter: parameterReader(options.parameters ?? {}),
		getCredentials: jest.fn(credentialReader(options.credentials ?? {})),
		getWorkflowStaticData: () => staticData,
		getNodeWebhookUrl: () => options.webhookUrl ?? 'https://n8n.example.com/webhook/abc/webhook',
		getMode: () => 'trigger',
		getActivationMode: () => 'activate',
		getWebhookName: () => 'default',
		getNode: () => ({
			id: 'node-1',
			name: 'Trigger',
			type: 'n8n-nodes-esign.test',
			typeVersion: 1,
			position: [0, 0],
			parameters: options.parameters ?? {},
		}),
		logger: logger(logs),
		helpers: { httpRequestWithAuthentication: http },
	};
	return { ctx: ctx as unknown as IHookFunctions, staticData, http, logs };
}

export interface ActionRun {
	/** Input item parameters (one object per item, or one for all). */
	parameters: IDataObject | IDataObject[];
	/** Answers in order (an empty `{}` 200 once they run out), or a function of the request. */
	responses: FakeResponse[] | HttpHandler;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
}

/**
 * Runs an action node's execute() once and returns its output plus every request it made, in
 * the shape tests compare: authenticated API calls and credential-less downloads.
 */
export async function runActionNode(
	node: { execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> },
	run: ActionRun,
) {
	const queue = Array.isArray(run.responses) ? [...run.responses] : undefined;
	const handler = Array.isArray(run.responses) ? undefined : run.responses;
	const { ctx, http, unauthenticatedHttp } = executeContext({
		parameters: run.parameters,
		credentials: run.credentials,
		items: run.items,
		continueOnFail: run.continueOnFail,
		http: (options, credential) =>
			queue
				? (queue.shift() ?? { statusCode: 200, headers: {}, body: {} })
				: handler!(options, credential),
	});
	const [output] = await node.execute.call(ctx);
	const requests = http.mock.calls.map(([credential, o]) => ({
		credential,
		method: o.method,
		baseURL: o.baseURL,
		url: o.url,
		qs: o.qs,
		body: o.body,
		headers: o.headers,
	}));
	const downloads = unauthenticatedHttp.mock.calls.map(([o]) => o);
	return { output, requests, downloads, http, unauthenticatedHttp };
}
