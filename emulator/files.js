'use strict';
/**
 * Shared file helpers: a tiny but structurally valid PDF generator (so downloads are
 * recognisable: the text lines identify document and download type) and a store of
 * short-lived, unauthenticated download links (like pre-signed CDN/S3 URLs).
 */
const { randomBytes } = require('node:crypto');

/**
 * A one-page PDF 1.4 whose page shows `lines` and whose Info dictionary has `title`.
 * Deterministic: the same input gives the same bytes.
 * @param {string[]} lines
 * @param {string} [title]
 * @returns {Buffer}
 */
function makePdf(lines, title = 'Emulator document') {
	const esc = (/** @type {string} */ s) =>
		String(s)
			.replace(/[^\x20-\x7e]/g, '?')
			.replace(/([\\()])/g, '\\$1');
	const text = lines
		.map((line, i) => `BT /F1 11 Tf 50 ${780 - i * 16} Td (${esc(line)}) Tj ET`)
		.join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
		`<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
		`<< /Title (${esc(title)}) /Producer (n8n-nodes-esign emulator) >>`,
	];
	let out = '%PDF-1.4\n';
	/** @type {number[]} */
	const offsets = [];
	objects.forEach((body, i) => {
		offsets.push(Buffer.byteLength(out, 'latin1'));
		out += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xref = Buffer.byteLength(out, 'latin1');
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

/** Short-lived download links; expiry is checked lazily on access (no timers). */
class ShortLivedFiles {
	/**
	 * @param {object} options
	 * @param {() => number} options.now clock, ms
	 * @param {number} options.ttlMs
	 */
	constructor(options) {
		this.now = options.now;
		this.ttlMs = options.ttlMs;
		/** @type {Map<string, { body: Buffer, contentType: string, expiresAt: number }>} */
		this.entries = new Map();
	}

	/**
	 * Registers a file and returns its random token (use it as the last path segment).
	 * @param {Buffer} body
	 * @param {string} contentType
	 * @returns {string}
	 */
	add(body, contentType) {
		this.prune();
		const token = randomBytes(16).toString('hex');
		this.entries.set(token, { body, contentType, expiresAt: this.now() + this.ttlMs });
		return token;
	}

	/**
	 * The file, or 'expired' / undefined (unknown token).
	 * @param {string} token
	 * @returns {{ body: Buffer, contentType: string } | 'expired' | undefined}
	 */
	get(token) {
		const entry = this.entries.get(token);
		if (!entry) return undefined;
		if (this.now() > entry.expiresAt) return 'expired';
		return entry;
	}

	/** Drops entries expired for more than a minute (keeps 'expired' answers for recent links). */
	prune() {
		const limit = this.now() - 60_000;
		for (const [token, entry] of this.entries)
			if (entry.expiresAt < limit) this.entries.delete(token);
	}
}

module.exports = { makePdf, ShortLivedFiles };
