import type { Context } from "hono";
import type { Config } from "./config";

/**
 * One request header. On Node it is read from the headers Node has already parsed: asking the Request for a header
 * makes @hono/node-server build a whole Web `Headers` object, which costs a public request more than its handler.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const raw = (c.env as { incoming?: { rawHeaders?: string[] } } | undefined)?.incoming?.rawHeaders;
  if (!raw) return c.req.header(name);
  // Node's raw list (name, value, name, value…) as received; scanning it is cheaper than building `headers`.
  let found: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const key = raw[i]!;
    if (key.length === name.length && key.toLowerCase() === name.toLowerCase()) {
      found =
        found === undefined
          ? raw[i + 1]
          : `${found}${key.toLowerCase() === "cookie" ? "; " : ", "}${raw[i + 1]}`;
    }
  }
  return found;
}

/** htmx 4: a request wants a fragment only when HX-Request is true and it is not a full/history request. */
export function wantsFragment(c: Context): boolean {
  return requestHeader(c, "HX-Request") === "true" && requestHeader(c, "HX-Request-Type") !== "full";
}

/**
 * The client's address, for the login throttle, the /apply limit and the audit log. Headers are believed only as far
 * as the `TRUST_PROXY` setting says (a client can write any header it likes): by default the socket's address.
 */
export function clientIp(c: Context): string | null {
  const trust = (c.get("deps") as { config?: Config } | undefined)?.config?.trustProxy ?? "none";
  if (trust === "cloudflare") return cleanIp(c.req.header("CF-Connecting-IP"));
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const socket = env?.incoming?.socket?.remoteAddress ?? null;
  if (trust === "none") return socket;
  const hops = (c.req.header("X-Forwarded-For") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // Each trusted proxy appended the address it saw; the one our outermost proxy saw is `hops` from the right.
  return cleanIp(hops[hops.length - trust.hops]) ?? socket;
}

/** An address as written in a header, if it looks like one (IPv4 or IPv6, at most 45 characters). */
function cleanIp(value: string | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  return v.length <= 45 && /^[0-9A-Fa-f.:]+$/.test(v) ? v : null;
}
