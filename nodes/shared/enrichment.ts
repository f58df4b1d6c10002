import type { IDataObject } from 'n8n-workflow';

import type { EsignEventFile } from './item';

/** What an optional enrichment step adds to an item (never throws; failures go in `error`). */
export interface Enrichment {
	document?: IDataObject;
	files?: EsignEventFile[];
	error?: string;
}

/**
 * Collects an item's optional enrichment step by step. A step that fails is reported as
 * "<label>: <message>" in `enrichmentError` and never stops the other steps or the event.
 */
export class EnrichmentBuilder {
	document: IDataObject | undefined;
	private readonly files: EsignEventFile[] = [];
	private readonly errors: string[] = [];

	async step(label: string, run: () => Promise<void>): Promise<void> {
		try {
			await run();
		} catch (error) {
			this.fail(label, (error as Error).message);
		}
	}

	fail(label: string, message: string): void {
		this.errors.push(`${label}: ${message}`);
	}

	attach(file: EsignEventFile): void {
		this.files.push(file);
	}

	result(): Enrichment {
		const result: Enrichment = {};
		if (this.document) result.document = this.document;
		if (this.files.length > 0) result.files = this.files;
		if (this.errors.length > 0) result.error = this.errors.join('; ');
		return result;
	}
}

/** Runs `fn` over `values` with at most `limit` calls in flight; results keep their order. */
export async function mapWithConcurrency<T, R>(
	values: T[],
	limit: number,
	fn: (value: T) => Promise<R>,
): Promise<R[]> {
	const results: R[] = new Array(values.length);
	let next = 0;
	const worker = async () => {
		while (next < values.length) {
			const index = next++;
			results[index] = await fn(values[index]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, values.length) }, worker));
	return results;
}

/**
 * Binary property names for an item's files, from the user's base name: documents `<base>`,
 * `<base>_1`, `<base>_2`, …; audit trails `<base>_audit`, `<base>_audit_1`, …
 */
export function binaryPropertyNames(base: string, files: EsignEventFile[]): string[] {
	const counts = { document: 0, auditTrail: 0 };
	return files.map((file) => {
		const index = counts[file.kind]++;
		const name = file.kind === 'document' ? base : `${base}_audit`;
		return index === 0 ? name : `${name}_${index}`;
	});
}
