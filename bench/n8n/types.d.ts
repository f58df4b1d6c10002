// Types shared by the real-n8n benchmark (bench/n8n.bench.js and bench/n8n/*.js): the contract its
// plain CommonJS is checked against by `npm run typecheck` (checkJs). Only types live here; the
// modules import them in JSDoc: `@typedef {import('./types').Target} Target`.

/** Names a benchmark workflow on the command line and in every table. */
export type TargetKey =
	| 'webhook'
	| 'crypto-if'
	| 'null-trigger'
	| 'leegality'
	| 'legalesign'
	| 'lexgosign';

/** One benchmarked workflow (workflows.js TARGETS). */
export interface Target {
	key: TargetKey;
	label: string;
	workflowId: string;
	/** n8n's Webhook node: its full webhook path (the other targets have a webhookId instead). */
	path?: string;
	/** A trigger: its pinned webhookId (production URL webhook/<webhookId>/webhook). */
	webhookId?: string;
}

/** An n8n configuration the benchmark runs every workflow in (settings.js MODES). */
export interface Mode {
	label: string;
	env: Record<string, string>;
}

/** What readSettings() makes of the flags, the environment and the defaults. */
export interface Settings {
	help?: undefined;
	deliveries: number;
	concurrency: number;
	warmup: number;
	rounds: number;
	forged: number;
	modes: string[];
	targets: Target[];
	triggerVersion: number;
	/** Merged over a trigger's parameters, by target key. */
	triggerParams: Record<string, Record<string, unknown>>;
	legalesignHmac: boolean;
	/** KiB of the PDF Leegality-shaped bodies embed (0: v2.5 bodies, no file). */
	fileKb: number;
	trace: boolean;
	packageDir: string | undefined;
	perRound: number;
	forgedPerRound: number;
}

/** `--help`: the usage text instead of settings. */
export interface HelpRequest {
	help: string;
}

/** One HTTP delivery to send (deliveries.js); `marker` ends up in the execution's data. */
export interface Delivery {
	url: string;
	body: string;
	headers: Record<string, string>;
	marker: string;
}

export type DeliveryMaker = (target: Target, forged: boolean) => Delivery;

/** The markers sent to one workflow. */
export interface SentMarkers {
	valid: string[];
	forged: string[];
}

// ------------------------------------------------------------ db-server.js protocol

export type DbRequest =
	| { op: 'progress'; workflowId: string; afterId: number }
	| { op: 'maxId'; workflowId: string }
	| { op: 'executions'; workflowIds: string[]; markerPattern: string; checkNode: string };

export type DbReply = { ok: true; result: unknown } | { ok: false; error: string };

/** Executions of a workflow newer than an id. */
export interface Progress {
	finished: number;
	total: number;
	/** Last stoppedAt (ms); null while none has stopped. */
	lastStoppedMs: number | null;
	/** Set by the benchmark when none finished for a long time. */
	stalled?: boolean;
}

/** The IF node's branch where the check node ran: 'true' | 'false' | 'mixed' | 'unreadable', else null. */
export type Verdict = 'true' | 'false' | 'mixed' | 'unreadable' | null;

export interface ExecutionRecord {
	id: number;
	status: string;
	mode: string;
	stopped: boolean;
	/** Delivery markers found in the execution's data. */
	markers: string[];
	verdict: Verdict;
}

/** The part of n8n's IRun (the execution data, flatted) that db-server.js reads. */
export interface ExecutionRun {
	resultData?: {
		runData?: Record<string, Array<{ data?: { main?: unknown[][] } } | undefined>>;
	};
}

// ------------------------------------------------------------ measuring

/** The isolate trace file (isolate-trace.js) and how far it has been read. */
export interface TraceCursor {
	file: string;
	offset: number;
}

/** One line of the isolate trace: when, and the call stack's frames. */
export interface TraceEntry {
	t: number;
	stack: string[];
}

/** What runMode() needs from the benchmark. */
export interface RunOptions {
	n8n: import('../../test/e2e/support').N8nInstance;
	db: import('./db-client').DbClient;
	make: DeliveryMaker;
	settings: Settings;
	/** Filled in as deliveries are made, by target key. */
	sent: Record<string, SentMarkers>;
	trace: TraceCursor | null;
	log: (message: string) => void;
}

/** RunOptions plus n8n's idle CPU rate, which runMode() measures. */
export interface RunContext extends RunOptions {
	/** CPU ms per wall ms of an idle n8n (subtracted from every batch). */
	idlePerMs: number;
}

/** One batch of deliveries to one workflow, measured (run-mode.js measureBatch()). */
export interface BatchMeasurement {
	workflow: TargetKey;
	forged: boolean;
	count: number;
	/** Answers by HTTP status (0 = no answer). */
	statuses: Record<string, number>;
	latenciesMs: number[];
	sendMs: number;
	wallMs: number;
	cpuMs: number;
	rawCpuMs: number;
	executions: number;
	finished: number;
	stalled: boolean;
	isolates: number;
	coldStarts: number;
	evaluations: number;
	/** The call stack of each isolate acquisition. */
	trace: string[][];
	/** The text of one unexpected answer. */
	sampleError: string | undefined;
}

export interface Batch extends BatchMeasurement {
	round: number;
}

/** A batch as the results file keeps it: isolate call sites counted instead of every stack. */
export type CompactBatch = Omit<Batch, 'trace'> & {
	trace: undefined;
	sites: Record<string, number>;
};

// ------------------------------------------------------------ report

/** Totals of one workflow's valid or forged batches in one mode (report.js aggregate()). */
export interface Aggregate {
	count: number;
	execPerSec: number;
	cpuPerDelivery: number;
	p50: number;
	p99: number;
	isolates: number;
	traced: number;
	evaluations: number;
	statuses: Record<string, number>;
	executions: number;
	perRound: Array<{ round: number; execPerSec: number }>;
}

export interface TargetSummary {
	valid: Aggregate;
	/** None for the targets that get no forgeries (or with --forged=0). */
	forged: Aggregate | undefined;
	/** Per round: exec/s ÷ the bare Webhook's. */
	roundRatios: number[];
}

/** One mode's summary, by target key. */
export type ModeSummary = Record<string, TargetSummary>;

export interface RecordsCheck {
	ok: boolean;
	problems: string[];
	lines: string[];
}

/** What bench/results/n8n-<date>.json holds. */
export interface BenchResults {
	settings: Omit<Settings, 'targets'> & { targets: TargetKey[] };
	modes?: Record<string, { idlePerMs: number; batches: CompactBatch[]; summary: ModeSummary }>;
	records?: RecordsCheck;
}
