import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Renders a full page (with doctype) or a fragment. Every HTML response varies by the htmx headers. */
export async function renderPage(
  c: Context,
  node: Child,
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  c.header("Vary", "HX-Request, HX-Request-Type");
  const body = `<!doctype html>${await Promise.resolve(node as unknown as { toString(): string | Promise<string> }).then((n) => n.toString())}`;
  return c.html(body, status);
}

export async function renderFragment(
  c: Context,
  node: Child,
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  c.header("Vary", "HX-Request, HX-Request-Type");
  const body = await Promise.resolve(node as unknown as { toString(): string | Promise<string> }).then((n) =>
    n.toString(),
  );
  return c.html(body, status);
}

/** A full page as a string (with doctype), for a cache to keep. */
export async function pageString(node: Child): Promise<string> {
  return `<!doctype html>${await Promise.resolve(node as unknown as { toString(): string | Promise<string> }).then((n) => n.toString())}`;
}

/** A fragment as a string, for a cache to keep. */
export async function fragmentString(node: Child): Promise<string> {
  return Promise.resolve(node as unknown as { toString(): string | Promise<string> }).then((n) =>
    n.toString(),
  );
}

/** An HTML page or fragment already encoded (src/registry/page-cache.ts). */
export function htmlBytes(c: Context, body: Uint8Array, status: ContentfulStatusCode = 200): Response {
  c.header("Vary", "HX-Request, HX-Request-Type");
  return c.body(body as Uint8Array<ArrayBuffer>, status, { "Content-Type": "text/html; charset=UTF-8" });
}
