// The part of node:sqlite (Node >= 22.5) that sqlite-query.js and bench/n8n/db-server.js use,
// named as in Node's own types. This repo's @types/node is Node 20's (jest runs on Node 20) and
// has no node:sqlite; both scripts run under the Node 24 that runs n8n.
declare module 'node:sqlite' {
	type SQLInputValue = null | number | bigint | string | Uint8Array;
	type SQLOutputValue = null | number | bigint | string | Uint8Array;
	interface StatementSync {
		all(...params: SQLInputValue[]): Record<string, SQLOutputValue>[];
		get(...params: SQLInputValue[]): Record<string, SQLOutputValue> | undefined;
	}
	class DatabaseSync {
		constructor(path: string, options?: { readOnly?: boolean; timeout?: number });
		prepare(sql: string): StatementSync;
		close(): void;
	}
}
