'use strict';
/**
 * Shared webhook delivery engine: POSTs a fixed body to a URL, retries on a provider's schedule
 * (each delay multiplied by timeScale), logs every attempt, and can be cancelled as a whole.
 * Never rejects: every outcome resolves `handle.done`.
 */
const http = require('node:http');
const https = require('node:https');
const { randomUUID } = require('node:crypto');

/**
 * @typedef {import('./types').DeliveryAttempt} DeliveryAttempt
 * @typedef {import('./types').DeliveryResult} DeliveryResult
 * @typedef {import('./types').DeliveryHandle} DeliveryHandle
 */

/**
 * @typedef {object} DeliverRequest
 * @property {string} provider
 * @property {string | null} [event]
 * @property {string | null | undefined} url
 * @property {string | (() => string)} body the exact bytes, or a function that serialises them anew
 *   for every attempt (providers that send the resource as it is at attempt time)
 * @property {string} [id] delivery id (default: a new UUID)
 * @property {number} [timeoutMs] receiver timeout for this delivery (default: the Deliverer's)
 * @property {Record<string, string>} [headers] extra headers (Content-Type is always application/json)
 * @property {number[]} retryDelaysMs unscaled wait before each retry, counted from the previous attempt's end
 * @property {(status: number) => boolean} [isDelivered] default: any 2XX
 * @property {number} [lostResponses] the first N attempts count as failed whatever the receiver
 *   answered, as when the answer is lost on the way back: the receiver did get them, and the
 *   provider retries on its schedule (how repeated deliveries reach a healthy receiver)
 */

class Deliverer {
	/**
	 * @param {object} options
	 * @param {number} [options.timeScale] multiplies every retry delay
	 * @param {number} [options.timeoutMs] receiver timeout per attempt (real time, not scaled)
	 * @param {DeliveryAttempt[]} [options.log] shared attempt log to append to
	 * @param {boolean} [options.keepAlive] keep the process alive while retries are pending (CLI)
	 * @param {(attempt: DeliveryAttempt) => void} [options.onAttempt] called after each logged attempt
	 */
	constructor(options = {}) {
		this.timeScale = options.timeScale ?? 1;
		this.timeoutMs = options.timeoutMs ?? 10_000;
		this.log = options.log ?? [];
		this.keepAlive = options.keepAlive === true;
		this.onAttempt = options.onAttempt;
		this.closed = false;
		/** @type {Set<() => void>} cancel functions of unfinished deliveries */
		this.pending = new Set();
		/** @type {Set<Promise<unknown>>} `done` of unfinished deliveries, for idle() */
		this.running = new Set();
	}

	/** Resolves when every delivery started so far has finished. */
	async idle() {
		while (this.running.size > 0) await Promise.all([...this.running]);
	}

	/**
	 * Starts a delivery; the first attempt is made at once.
	 * @param {DeliverRequest} request
	 * @returns {DeliveryHandle}
	 */
	deliver(request) {
		const id = request.id ?? randomUUID();
		const bodyOf = typeof request.body === 'function' ? request.body : () => request.body;
		const firstBody = /** @type {string} */ (bodyOf());
		const timeoutMs = request.timeoutMs ?? this.timeoutMs;
		const headers = { 'Content-Type': 'application/json', ...(request.headers ?? {}) };
		const isDelivered = request.isDelivered ?? ((s) => s >= 200 && s < 300);
		/** @type {DeliveryAttempt[]} */
		const attempts = [];
		/** @type {(r: DeliveryResult) => void} */
		let resolveDone = () => undefined;
		/** @type {Promise<DeliveryResult>} */
		const done = new Promise((resolve) => (resolveDone = resolve));
		/** @type {NodeJS.Timeout | undefined} */
		let timer;
		/** @type {AbortController | undefined} */
		let inFlight;
		let finished = false;

		const finish = (/** @type {Partial<DeliveryResult>} */ result) => {
			if (finished) return;
			finished = true;
			if (timer) clearTimeout(timer);
			this.pending.delete(cancel);
			resolveDone({
				delivered: false,
				cancelled: false,
				skipped: false,
				attempts: attempts.slice(),
				...result,
			});
		};
		const cancel = () => {
			if (finished) return;
			inFlight?.abort();
			finish({ cancelled: true });
		};

		/** @type {DeliveryHandle} */
		const handle = {
			id,
			provider: request.provider,
			event: request.event ?? null,
			url: request.url ?? null,
			body: firstBody,
			attempts,
			done,
			cancel,
		};

		if (!request.url) {
			finish({ skipped: true });
			return handle;
		}
		if (this.closed) {
			finish({ cancelled: true });
			return handle;
		}
		this.pending.add(cancel);
		this.running.add(done);
		void done.then(() => this.running.delete(done));
		const url = request.url;

		const run = async (/** @type {number} */ index, /** @type {number} */ scheduledDelayMs) => {
			timer = undefined;
			if (finished) return;
			inFlight = new AbortController();
			const at = Date.now();
			const body = index === 0 ? firstBody : /** @type {string} */ (bodyOf());
			const outcome = await postOnce(url, body, headers, timeoutMs, inFlight.signal);
			inFlight = undefined;
			if (finished) return; // cancelled while in flight: not logged
			const lost = index < (request.lostResponses ?? 0);
			const ok = !lost && outcome.status !== null && isDelivered(outcome.status);
			/** @type {DeliveryAttempt} */
			const record = {
				deliveryId: id,
				provider: request.provider,
				event: request.event ?? null,
				url,
				attempt: index + 1,
				status: outcome.status,
				error: lost ? 'response lost (simulated)' : outcome.error,
				ok,
				body,
				headers,
				at,
				durationMs: Date.now() - at,
				scheduledDelayMs,
			};
			attempts.push(record);
			this.log.push(record);
			try {
				this.onAttempt?.(record);
			} catch {
				// a logging callback must not break the delivery
			}
			if (ok) return finish({ delivered: true });
			if (index >= request.retryDelaysMs.length) return finish({ delivered: false });
			const delay = Math.max(0, request.retryDelaysMs[index] * this.timeScale);
			timer = setTimeout(() => void run(index + 1, delay), delay);
			if (!this.keepAlive) timer.unref();
		};
		void run(0, 0);
		return handle;
	}

	/** Cancels every pending retry and in-flight attempt; later deliver() calls are cancelled at once. */
	close() {
		this.closed = true;
		for (const cancel of [...this.pending]) cancel();
	}
}

/**
 * One POST. Resolves with the status or an error text; never rejects.
 * @param {string} url
 * @param {string} body
 * @param {Record<string, string>} headers
 * @param {number} timeoutMs
 * @param {AbortSignal} signal
 * @returns {Promise<{ status: number | null, error: string | null }>}
 */
function postOnce(url, body, headers, timeoutMs, signal) {
	return new Promise((resolve) => {
		let settled = false;
		const settle = (/** @type {number | null} */ status, /** @type {string | null} */ error) => {
			if (settled) return;
			settled = true;
			clearTimeout(timeout);
			resolve({ status, error });
		};
		/** @type {URL} */
		let target;
		try {
			target = new URL(url);
			if (target.protocol !== 'http:' && target.protocol !== 'https:')
				throw new Error('unsupported protocol');
		} catch (error) {
			resolve({ status: null, error: `invalid URL (${/** @type {Error} */ (error).message})` });
			return;
		}
		const data = Buffer.from(body, 'utf8');
		const lib = target.protocol === 'https:' ? https : http;
		const req = lib.request(target, {
			method: 'POST',
			agent: false,
			signal,
			headers: { ...headers, 'Content-Length': String(data.length) },
		});
		const timeout = setTimeout(() => {
			settle(null, `timeout after ${timeoutMs} ms`);
			req.destroy();
		}, timeoutMs);
		timeout.unref();
		req.on('response', (res) => {
			res.on('error', () => settle(res.statusCode ?? null, null));
			res.on('end', () => settle(res.statusCode ?? null, null));
			res.resume();
		});
		req.on('error', (error) =>
			settle(null, signal.aborted ? 'cancelled' : error.message || String(error)),
		);
		req.end(data);
	});
}

module.exports = { Deliverer, postOnce };
