// Types of the queue-mode harness (queue.js, services.js, load-balancer.js).
import type { Execution, N8nInstall, N8nInstance } from './index';

export interface QueueDeps {
	postgresBin: string;
	redisServer: string;
	redisLibraryPath: string;
	installMs: number;
}

export interface Postgres {
	host: string;
	port: number;
	user: string;
	database: string;
	dir: string;
	logFile: string;
	query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
	stop(): Promise<void>;
}

export interface Redis {
	host: string;
	port: number;
	dir: string;
	logFile: string;
	/** One inline command, e.g. "DBSIZE"; resolves with the first reply line. */
	command(command: string): Promise<string>;
	stop(): Promise<void>;
}

export interface BalancerLogEntry {
	at: number;
	/** The webhook process that answered (or failed after the request was sent); null: none reachable. */
	upstream: string | null;
	/** Upstreams tried in order (a refused connection moves on to the next). */
	tried: string[];
	/** What the client got. */
	status: number;
	/** What the upstream answered; null: no answer (connection cut, timeout). */
	upstreamStatus: number | null;
	error: string | null;
	key: string | null;
	path: string;
	ms: number;
}

export interface UpstreamStats {
	requests: number;
	'2xx': number;
	'3xx': number;
	'4xx': number;
	'5xx': number;
	/** Requests the upstream got but never answered. */
	none: number;
}

export interface LoadBalancer {
	port: number;
	url: string;
	log: BalancerLogEntry[];
	stats(): Record<string, UpstreamStats>;
	close(): Promise<void>;
}

export type QueueRole = 'main' | 'webhook' | 'worker';

export declare class QueueN8n extends N8nInstance {
	readonly role: QueueRole;
	readonly name: string;
	readonly postgres: Postgres;
	/** Executions of a workflow by status, without data (cheap to poll). */
	executionStatusCounts(workflowId: string): Promise<Record<string, number>>;
	/** Environment changes that take effect at the next start(). */
	setEnv(vars: Record<string, string>): void;
	/** SIGKILL of the n8n process (no graceful shutdown); resolves once its group is gone. */
	crash(): Promise<void>;
	executions(options?: { workflowId?: string; includeData?: boolean }): Promise<Execution[]>;
}

export interface QueueCluster {
	postgres: Postgres;
	redis: Redis;
	balancer: LoadBalancer;
	main: QueueN8n;
	webhooks: QueueN8n[];
	worker: QueueN8n;
	timings: Record<string, number>;
	readonly processes: QueueN8n[];
	/** Production URL through the load balancer (what the providers call). */
	webhookUrl(webhookId: string, webhookPath?: string): string;
	dispose(): Promise<void>;
}

export declare function startQueueCluster(options: {
	install: N8nInstall;
	tarball: string;
	webhookProcesses?: number;
	/** N8N_CONCURRENCY_PRODUCTION_LIMIT of the worker (n8n's default: 10). */
	workerConcurrency?: number;
	/** Key logged with each balanced request (e.g. the delivery id). */
	keyOf?: (body: Buffer, path: string) => string | null;
	env?: Record<string, string>;
}): Promise<QueueCluster>;
export declare function ensureQueueDepsInstalled(): Promise<QueueDeps>;
export declare function toPostgresSql(sql: string): string;
/** `task` over `items`, at most `limit` at once; results in input order. */
export declare function mapLimit<T, R>(
	items: T[],
	limit: number,
	task: (item: T, index: number) => Promise<R>,
): Promise<R[]>;
