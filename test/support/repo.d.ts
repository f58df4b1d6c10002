export function readRepoFile(relativePath: string): string;
