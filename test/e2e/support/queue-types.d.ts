// Types of the queue-mode harness (queue.js, services.js, load-balancer.js): the contract their
// plain CommonJS is checked against by `npm run typecheck` (checkJs). Only types live here; the
// classes and functions are typed by their JSDoc. Tests import both from the JS:
// `import { startQueueCluster, type QueueCluster, type QueueN8n } from './support/queue'`
// (queue.js re-exports every type below).
import type { N8nInstall } from './types';
import type { QueueN8n } from './queue';

/** Where scripts/install-queue-deps.sh put PostgreSQL and Redis. */
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

export interface QueueClusterOptions {
	install: N8nInstall;
	tarball: string;
	/** Default 2. */
	webhookProcesses?: number;
	/** N8N_CONCURRENCY_PRODUCTION_LIMIT of the worker (n8n's default: 10). */
	workerConcurrency?: number;
	/** Key logged with each balanced request (e.g. the delivery id). */
	keyOf?: (body: Buffer, path: string) => string | null;
	env?: Record<string, string>;
}

export interface QueueCluster {
	postgres: Postgres;
	redis: Redis;
	balancer: LoadBalancer;
	main: QueueN8n;
	webhooks: QueueN8n[];
	worker: QueueN8n;
	timings: Record<string, number>;
	/** Every n8n process of the cluster. */
	readonly processes: QueueN8n[];
	/** Production URL through the load balancer (what the providers call). */
	webhookUrl(webhookId: string, webhookPath?: string): string;
	dispose(): Promise<void>;
}
