/**
 * Static assets the layout links to. The htmx build is copied from node_modules at install (src/cli/vendor-htmx.mjs).
 *
 * Links carry the file's content hash (`/css/app.css?v=3f2a9c1b0d`) once the Node entry has loaded public/ into memory
 * (src/static-files.ts), so browsers may keep a file for a year and still get a new one the moment it changes. On
 * Workers the platform serves public/ itself (with its own ETags) and links carry the fixed version below.
 */
export const HTMX_VERSION = "4.0.1";
export const HTMX_PATH = `/vendor/htmx-${HTMX_VERSION}.min.js`;
export const CSS_PATH = "/css/app.css";
export const APP_JS_PATH = "/js/app.js";

const versions = new Map<string, string>();

/** Records the content hashes of the files served (Node, at start-up). */
export function setAssetVersions(hashes: Map<string, string>): void {
  versions.clear();
  for (const [path, hash] of hashes) versions.set(path, hash);
}

/** The URL to link a static file by: with its content hash when known. */
export function assetUrl(path: string): string {
  return `${path}?v=${versions.get(path) ?? "1"}`;
}
