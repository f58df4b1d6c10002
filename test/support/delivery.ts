import type { IDataObject } from 'n8n-workflow';

import type { Delivery } from '../../nodes/shared/delivery';

/** A `Delivery` as the pipeline builds it, for testing the pure verification functions. */
export function testDelivery(options: {
	body: string | Buffer;
	contentType?: string;
	headers?: Record<string, string>;
	query?: IDataObject;
}): Delivery {
	const headers = Object.fromEntries(
		Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
	);
	return {
		rawBody: Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, 'utf8'),
		mediaType: options.contentType ?? 'application/json',
		header: (name) => headers[name.toLowerCase()],
		query: options.query ?? {},
	};
}

/** The `DeliveryRejection` (status, reason) a function throws, or undefined when it returns. */
export function rejectionOf(fn: () => unknown): { status: number; reason: string } | undefined {
	try {
		fn();
		return undefined;
	} catch (error) {
		const { status, reason } = error as { status: number; reason: string };
		return { status, reason };
	}
}
