// Types of the real-n8n e2e harness API: the contract its plain CommonJS (next to this file:
// the repo's lint bans child_process, fs, timers and `process` in *.ts files) is checked against
// by `npm run typecheck` (checkJs). Only types live here; N8nInstance and the functions are typed
// by their JSDoc. Tests import both from the JS: `import { N8nInstance, type Execution } from './support'`
// (index.js re-exports every type below).

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

/** What N8nInstance.sqlite() asks sqlite-query.js (a QueueN8n answers it from PostgreSQL). */
export type SqliteRequest =
	| { op: 'query'; sql: string; params?: unknown[] }
	| { op: 'queries'; queries: Array<{ sql: string; params?: unknown[] }> }
	| { op: 'executions'; workflowId?: string; includeData?: boolean };

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

/** `N8nInstance.cli()`: one n8n CLI command run to completion. */
export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
	ms: number;
}

/** A production webhook n8n registered (a webhook_entity row). */
export interface RegisteredWebhook {
	workflowId: string;
	webhookPath: string;
	method: string;
	node: string;
	webhookId: string | null;
}

/** One workflow_entity row, staticData parsed. */
export interface WorkflowRow {
	id: string;
	name: string;
	active: boolean;
	versionId: string;
	activeVersionId: string | null;
	staticData: Record<string, Record<string, unknown>> | null;
	triggerCount: number;
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

export interface EditorPage {
	/** playwright-core Page (typed loosely here to keep the harness types self-contained). */
	page: import('playwright-core').Page;
	/** Console errors, page errors, failed requests and HTTP >= 400 answers seen so far. */
	problems: string[];
	close(): Promise<void>;
}
