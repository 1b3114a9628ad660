/**
 * public/ served from memory on Node: every file read once at start-up with its content type, a strong ETag and its
 * content hash. A request that names the current hash (`?v=…`, as the layout's links do, src/assets.ts) may be cached
 * for a year (`immutable`); any other is revalidated with the ETag (304 without a body). No disk access per request.
 * (Workers serve public/ from the assets binding before the app runs.)
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import type { MiddlewareHandler } from "hono";
import { requestHeader } from "./http";

const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
};

interface StaticFile {
  body: Uint8Array<ArrayBuffer>;
  hash: string;
  revalidate: Record<string, string>;
  immutable: Record<string, string>;
  notModified: Record<string, string>;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

export interface StaticFiles {
  middleware: MiddlewareHandler;
  /** URL path → content hash, for the layout's links. */
  hashes: Map<string, string>;
}

export function loadStaticFiles(root: string): StaticFiles {
  const files = new Map<string, StaticFile>();
  for (const full of walk(root)) {
    const path = `/${relative(root, full).split(sep).join("/")}`;
    const body = new Uint8Array(readFileSync(full)) as Uint8Array<ArrayBuffer>;
    const hash = createHash("sha256").update(body).digest("hex").slice(0, 16);
    const etag = `"${hash}"`;
    const type = TYPES[extname(full).toLowerCase()] ?? "application/octet-stream";
    const common = { "Content-Type": type, ETag: etag, "X-Content-Type-Options": "nosniff" };
    files.set(path, {
      body,
      hash,
      revalidate: { ...common, "Cache-Control": "public, max-age=0, must-revalidate" },
      immutable: { ...common, "Cache-Control": "public, max-age=31536000, immutable" },
      notModified: { ETag: etag, "Cache-Control": "public, max-age=0, must-revalidate" },
    });
  }
  const middleware: MiddlewareHandler = async (c, next) => {
    const file = c.req.method === "GET" || c.req.method === "HEAD" ? files.get(c.req.path) : undefined;
    if (!file) return next();
    const current = c.req.query("v") === file.hash;
    if (requestHeader(c, "If-None-Match") === file.revalidate.ETag) {
      return new Response(null, { status: 304, headers: current ? file.immutable : file.notModified });
    }
    return new Response(c.req.method === "HEAD" ? null : file.body, {
      headers: current ? file.immutable : file.revalidate,
    });
  };
  return { middleware, hashes: new Map([...files].map(([p, f]) => [p, f.hash])) };
}
