// Types only: runtime.js annotates itself with these (a .d.ts beside a .js would shadow it).
export interface FuzzBudget {
	/** Deliveries per trigger. */
	deliveries: number;
	seed: number;
	/** Print the counts (FUZZ_REPORT=1, as `npm run fuzz` sets it). */
	report: boolean;
}
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
