import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Config } from "./config";
import type { Refusal } from "./result";

const FORBIDDEN_CODES = new Set(["forbidden", "forbidden_role", "out_of_scope"]);
/** Refusals about what was typed: shown next to the field, answered 422. */
const INPUT_CODES = new Set([
  "invalid",
  "blocking_checks",
  "reason_required",
  "deadline_invalid",
  "conclusion_missing",
  "conclusion_inconsistent",
]);

/**
 * A service's refusal as an HTTP status, the one mapping every route uses: absent or out of scope 404, not this
 * user's to do 403, bad input 422, and anything the object's current state forbids (someone saved first, a step
 * already taken, a window closed) 409.
 */
export function refusalStatus(r: Pick<Refusal, "code">): ContentfulStatusCode {
  if (r.code === "not_found") return 404;
  if (FORBIDDEN_CODES.has(r.code)) return 403;
  if (INPUT_CODES.has(r.code)) return 422;
  return 409;
}

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
