export function readRepoFile(relativePath: string): string;
/** File names in a folder of this repository, sorted. */
export function listRepoFiles(relativeDir: string): string[];
