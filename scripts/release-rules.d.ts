/** Problems of a packed manifest (n8n's community-package rules); empty = pass. */
export function checkManifest(manifest: Record<string, unknown>, files: string[]): string[];
/** Files in the tarball that n8n does not load, or required files that are missing. */
export function checkContents(files: string[]): string[];
/** Runtime requires beyond n8n-workflow/crypto and code patterns n8n's scanner treats as threats. */
export function checkImports(sources: Array<{ path: string; text: string }>): string[];
/** CHANGELOG.md has a section for the version (dated for a release) and the tag matches it. */
export function checkChangelog(
	changelog: string,
	version: string,
	options?: { requireDate?: boolean; tag?: string },
): string[];
export const PEER_DEPENDENCIES: Record<string, string>;
export const FORBIDDEN_SCRIPTS: string[];
export const ALLOWED_REQUIRES: string[];
/** Names the compiled code reads from n8n-workflow at run time (`n8n_workflow_1.Name`), sorted. */
export function n8nWorkflowRuntimeImports(sources: Array<{ path: string; text: string }>): string[];
