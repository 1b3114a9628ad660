import { AsyncLocalStorage } from "node:async_hooks";
import type { Context } from "hono";
import { clientIp } from "../http";

/**
 * Where the request being served comes from, for its audit events: every event names who, what, which organization,
 * when and from where. The address is read once per request (clientIp: trusted only as far as TRUST_PROXY says) and
 * kept for the request's asynchronous work, so an audit write records it even when a service built its actor without
 * one. Node and Workers (nodejs_compat) both provide AsyncLocalStorage.
 */
const requestStore = new AsyncLocalStorage<{ ip: () => string | null }>();

/**
 * Runs `fn` (the rest of a request that may change something) with the request's address at hand for its audit
 * events. Reading pages writes no audit event (an export that audits itself builds its actor with the address), so
 * src/app.tsx calls this for requests other than GET and HEAD only: the public traffic pays nothing for it.
 */
export function withRequestAddress<T>(c: Context, fn: () => T): T {
  // Read when an audit event asks for it, then kept.
  let ip: string | null | undefined;
  const read = () => {
    if (ip === undefined) ip = clientIp(c);
    return ip;
  };
  return requestStore.run({ ip: read }, fn);
}

/** The client address of the request being served, or null outside a request (jobs, the command line). */
export function requestIp(): string | null {
  return requestStore.getStore()?.ip() ?? null;
}
