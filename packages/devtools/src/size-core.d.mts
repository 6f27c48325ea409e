/** gzip -9 size of a string or buffer, in bytes. */
export function gzipSize(content: string | Uint8Array): number;
/** Bundles `code` (an ES module, resolved from `root`) for the browser and measures it. */
export function bundleSize(options: { root: string; code: string; conditions?: string[] }): Promise<{ bytes: number; gzip: number; code: string }>;
