// Types of the release dry run (release-check.js, release-rules.js): the contract their plain
// CommonJS is checked against by `npm run typecheck` (checkJs). Only types live here; the
// functions are typed by their JSDoc, and release-check.js re-exports ReleaseCheckResult for
// the tests: `import { runReleaseCheck, type ReleaseCheckResult } from '../../scripts/release-check'`.

/** One packed (or built) .js file: its path (relative to the folder read) and its text. */
export interface SourceFile {
	path: string;
	text: string;
}

/** What `npm pack` produced, extracted into a temp folder. */
export interface PackedPackage {
	tarball: string;
	/** The extracted package/ folder. */
	dir: string;
	/** Paths inside the tarball, without "package/", sorted. */
	files: string[];
	size: number;
	unpackedSize: number;
	/** The packed package.json. */
	manifest: Record<string, unknown> & { name: string; version: string };
	/** The temp folder holding tarball and dir (the caller removes it). */
	workDir: string;
}

/**
 * A packed tarball and every check over it (its temp folder, with tarball and dir, is removed
 * by then).
 */
export interface ReleaseCheckResult extends Omit<PackedPackage, 'workDir'> {
	/** [check name, problems]; a check passes when its list is empty. */
	checks: Array<[string, string[]]>;
	passed: boolean;
}

export interface ReleaseCheckOptions {
	/** The git tag being released: must name the package.json version. */
	tag?: string;
	/** The CHANGELOG section of the version must be dated (a real release). */
	requireDate?: boolean;
	/** Default: this repository. */
	packageDir?: string;
}
