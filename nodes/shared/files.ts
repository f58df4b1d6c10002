/** A file as the nodes pass it around before it becomes n8n binary data. */
export interface FileData {
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/** A response body as bytes (binary requests answer Buffers; anything else is UTF-8 text). */
export function asBuffer(body: unknown): Buffer {
	return Buffer.isBuffer(body) ? body : Buffer.from(String(body ?? ''), 'utf8');
}

/** The media type of a Content-Type value; generic or missing types become `fallback`. */
export function mimeTypeOf(contentType: string | undefined, fallback = 'application/pdf'): string {
	const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
	return type && type !== 'application/octet-stream' ? type : fallback;
}

/** A file name extension for a media type (`pdf` for PDFs). */
export function extensionOf(mimeType: string): string {
	if (mimeType === 'application/pdf') return 'pdf';
	return mimeType.split('/')[1]?.replace(/[^a-z0-9]+/gi, '') || 'bin';
}
