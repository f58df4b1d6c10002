export interface ReleaseCheckResult {
	tarball: string;
	/** The extracted package/ folder (removed when runReleaseCheck returns). */
	dir: string;
	/** Paths inside the tarball, without "package/". */
	files: string[];
	size: number;
	unpackedSize: number;
	manifest: Record<string, unknown> & { name: string; version: string };
	/** [check name, problems]; a check passes when its list is empty. */
	checks: Array<[string, string[]]>;
	passed: boolean;
}

/** Packs the repository (after `npm run build`) and runs every release check on the tarball. */
export function runReleaseCheck(options?: {
	tag?: string;
	requireDate?: boolean;
	packageDir?: string;
}): Promise<ReleaseCheckResult>;
/** @n8n/scan-community-package's lint over an extracted tarball and a source folder. */
export function scanLikeN8n(packageDir: string, sourceDir?: string): Promise<string[]>;
export function checkPublishGuards(tarball: string, packageDir?: string): Promise<string[]>;
/** Every .js file below a folder (default: this build's dist/), path relative to it, with its text. */
export function readBuiltSources(dir?: string): Array<{ path: string; text: string }>;
export const REPO_ROOT: string;
