'use strict';
/**
 * Preloaded into n8n (NODE_OPTIONS=--require) by the benchmark: appends one JSON line per
 * expression-isolate acquisition to $BENCH_ISOLATE_TRACE_FILE, with the call site that caused it,
 * so the benchmark can say where every isolate of a delivery comes from.
 *
 * Every acquisition of n8n 2.41's ExpressionEvaluator goes through its pool's `acquire()` exactly
 * once — eager (`acquire(caller)` at scope start) and lazy (`acquireBridgeSync()` inside the first
 * `evaluate()` that needs the engine) alike — and increments `expression.pool.acquired` right
 * after. Wrapping the pool's `acquire()` therefore counts the same thing as that metric. Only
 * observes; changes nothing n8n does.
 */
const fs = require('node:fs');
const Module = require('node:module');

/**
 * What this patches of @n8n/expression-runtime: its ExpressionEvaluator and the evaluator's pool.
 * @typedef {{ acquire?: (...args: unknown[]) => unknown, __benchTraced?: boolean }} IsolatePool
 * @typedef {{ pool?: IsolatePool, initialize: (...args: unknown[]) => Promise<unknown> }} EvaluatorInstance
 * @typedef {{ ExpressionEvaluator?: { prototype: EvaluatorInstance & { __benchTraced?: boolean } } }} ExpressionRuntime
 */
/**
 * Node's module loader internals (not in @types/node) that the preload wraps.
 * @typedef {{
 *   _load: (request: string, parent: unknown, isMain: boolean) => unknown,
 *   _resolveFilename: (request: string, parent: unknown, isMain: boolean) => string,
 * }} ModuleLoader
 */

const traceFile = process.env.BENCH_ISOLATE_TRACE_FILE;
const RUNTIME = /@n8n[\\/]expression-runtime[\\/]dist[\\/]cjs[\\/]index\.js$/;
/** Frames that are the isolate machinery itself, not the reason for an acquisition. */
const MACHINERY =
	/expression-runtime[\\/]|n8n-workflow[\\/](dist[\\/]cjs|src)[\\/](expression|workflow-expression|expression-evaluator-proxy)\.[jt]s|node:internal|isolate-trace\.js/;

function callSite() {
	const limit = Error.stackTraceLimit;
	Error.stackTraceLimit = 40;
	const stack = new Error().stack || '';
	Error.stackTraceLimit = limit;
	return stack
		.split('\n')
		.slice(1)
		.map((line) => line.trim().replace(/^at /, ''))
		.filter((line) => !MACHINERY.test(line))
		.map((line) => line.replace(/\/[^\s()]*node_modules\//g, ''))
		.slice(0, 12);
}

function record() {
	try {
		// Only installed when traceFile is set.
		fs.appendFileSync(
			/** @type {string} */ (traceFile),
			`${JSON.stringify({ t: Date.now(), stack: callSite() })}\n`,
		);
	} catch {
		// tracing must never break n8n
	}
}

/** @param {ExpressionRuntime | undefined} runtime */
function patchRuntime(runtime) {
	const Evaluator = runtime && runtime.ExpressionEvaluator;
	if (!Evaluator || Evaluator.prototype.__benchTraced) return;
	Evaluator.prototype.__benchTraced = true;
	const initialize = Evaluator.prototype.initialize;
	/** @this {EvaluatorInstance} @param {...unknown} args */
	Evaluator.prototype.initialize = async function (...args) {
		const result = await initialize.apply(this, args);
		const pool = this.pool;
		if (pool && typeof pool.acquire === 'function' && !pool.__benchTraced) {
			const acquire = pool.acquire;
			/** @this {IsolatePool} @param {...unknown} poolArgs */
			pool.acquire = function (...poolArgs) {
				record();
				return acquire.apply(this, poolArgs);
			};
			pool.__benchTraced = true;
		}
		return result;
	};
}

if (traceFile) {
	const loader = /** @type {typeof Module & ModuleLoader} */ (Module);
	const load = loader._load;
	/** @this {unknown} */
	loader._load = function (request, parent, isMain) {
		const exported = load.apply(this, [request, parent, isMain]);
		if (request.includes('expression-runtime')) {
			try {
				const resolved = loader._resolveFilename(request, parent, isMain);
				if (RUNTIME.test(resolved)) patchRuntime(/** @type {ExpressionRuntime} */ (exported));
			} catch {
				// not resolvable from here: not the runtime
			}
		}
		return exported;
	};
}
