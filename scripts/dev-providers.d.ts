import type { CredentialImport } from '../test/e2e/support';

export interface DevProvider {
	name: string;
	credentialType: string;
	emulatorOptions(secrets: Record<string, unknown>): Record<string, unknown>;
	/** The credential that points at a running emulator (ids match examples/*.json). */
	credential(emulator: unknown): CredentialImport;
	demo(emulator: unknown, webhookOf: (workflowId: string) => string | undefined): string[];
}

export const PROVIDERS: DevProvider[];
