/** The fuzz budget: FUZZ_DELIVERIES per trigger, FUZZ_SEED, FUZZ_REPORT=1 prints the counts. */
export function fuzzBudget(): { deliveries: number; seed: number; report: boolean };
/** Bytes of heap in use after a full collection. */
export function collectedHeapBytes(): number;
/** Milliseconds since an arbitrary origin. */
export function now(): number;
export interface FuzzCounts {
	deliveries: number;
	/** Deliveries that started the workflow (at least one item). */
	accepted: number;
	/** Deliveries per answered status. */
	byStatus: Record<string, number>;
	ms: number;
	/** The longest single delivery (ms), for context: no target. */
	slowestMs: number;
	heapGrowthMb: number;
	/** Deliveries per trigger configuration. */
	setups: Record<string, number>;
}
/** Prints one trigger's counts when FUZZ_REPORT=1. */
export function report(trigger: string, counts: FuzzCounts): void;
