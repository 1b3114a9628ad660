/**
 * The app's own overhead against the bare stack, measured in one run on one database (npm run bench, first table):
 * GET /healthz (SELECT 1 through every middleware vs. bare Hono + libSQL) and a static file (from memory vs. Hono's
 * serveStatic), each pair interleaved three times so that both sides see the same machine; the median of the runs.
 * Two ratios per pair: requests/s (what a load test sees) and CPU time per request in the server process (how much
 * work each request costs, steadier when other processes share the cores). Then the requests that touch one
 * organization (its public page and its API item): one request on its own, every one a new organization (p95 ≤ 10 ms
 * is the target), and 2,000 organizations asked again and again under the same 50 connections.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { cpuMs, fmt, type LoadResult, nodeLoad, type Server, startServer, wrkLoad } from "./bench-support";

interface Measured {
  rps: number;
  p99: number;
  cpuUsPerRequest: number | null;
}

function measure(server: Server, paths: string[], seconds: number, connections: number): Promise<Measured> {
  const before = cpuMs(server.pid);
  const run = async (): Promise<LoadResult> =>
    wrkLoad(server.base, paths, seconds, connections) ??
    (await nodeLoad(server.base, paths, seconds, connections));
  return run().then((r) => {
    const after = cpuMs(server.pid);
    const cpu =
      before !== null && after !== null && r.requests > 0 ? ((after - before) * 1000) / r.requests : null;
    return { rps: r.rps, p99: r.p99, cpuUsPerRequest: cpu };
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchOverhead(
  url: string,
  db: Db,
  options: { seconds: number; connections: number; rounds?: number },
): Promise<{ pairs: string[][]; single: string[][] }> {
  const rounds = options.rounds ?? 3;
  const bare = await startServer(url, "src/cli/bench-bare.ts");
  const app = await startServer(url).catch((err) => {
    bare.stop();
    throw err;
  });
  try {
    const targets = [
      { label: "GET /healthz", bare: ["/healthz"], app: ["/healthz"] },
      { label: "GET /css/app.css", bare: ["/css/app.css"], app: ["/css/app.css"] },
    ];
    for (const t of targets) {
      await measure(bare, t.bare, 1, options.connections);
      await measure(app, t.app, 1, options.connections);
    }
    const pairs: string[][] = [];
    for (const t of targets) {
      const b: Measured[] = [];
      const a: Measured[] = [];
      for (let r = 0; r < rounds; r++) {
        b.push(await measure(bare, t.bare, options.seconds, options.connections));
        a.push(await measure(app, t.app, options.seconds, options.connections));
      }
      const bRps = median(b.map((m) => m.rps));
      const aRps = median(a.map((m) => m.rps));
      const bCpu = b.every((m) => m.cpuUsPerRequest !== null)
        ? median(b.map((m) => m.cpuUsPerRequest!))
        : null;
      const aCpu = a.every((m) => m.cpuUsPerRequest !== null)
        ? median(a.map((m) => m.cpuUsPerRequest!))
        : null;
      pairs.push([
        t.label,
        String(bRps),
        String(aRps),
        (aRps / bRps).toFixed(2),
        bCpu === null ? "—" : bCpu.toFixed(0),
        aCpu === null ? "—" : aCpu.toFixed(0),
        bCpu === null || aCpu === null ? "—" : (bCpu / aCpu).toFixed(2),
        fmt(median(a.map((m) => m.p99))),
      ]);
    }
    // One organization: its public page and its API item. Two questions. What one request costs on its own: one
    // connection, every request a new organization, so nothing is cached (its reads in the workers and its render).
    // And what the server does under the same 50 connections as above, with 2,000 organizations asked again and again
    // (cached): there the latency is mostly the queue of 50 requests sharing one event loop, so it follows throughput.
    const COLD = 8000;
    const codes = (
      (await db.all(sql`SELECT uscc FROM organizations ORDER BY random() LIMIT ${2000 + 2 * COLD}`)) as {
        uscc: string;
      }[]
    ).map((r) => r.uscc);
    // A small register has fewer than 2,000 + 2 × 8,000 organizations: the two cold runs share what is left.
    const hot = codes.slice(0, 2000);
    const half = Math.floor((codes.length - hot.length) / 2);
    const single: string[][] = [];
    const row = (label: string, r: LoadResult) => [
      label,
      String(r.rps),
      fmt(r.p50),
      fmt(r.p95),
      fmt(r.p99),
      String(r.errors),
    ];
    const kinds = [
      ["GET /orgs/{code}", (c: string) => `/orgs/${c}`, codes.slice(hot.length, hot.length + half)],
      [
        "GET /api/v1/organizations/{code}",
        (c: string) => `/api/v1/organizations/${c}`,
        codes.slice(hot.length + half, hot.length + 2 * half),
      ],
    ] as const;
    const coldSeconds = Math.min(options.seconds, 4);
    for (const [label, make, cold] of kinds) {
      if (cold.length === 0) continue;
      const paths = cold.map(make);
      const r = wrkLoad(app.base, paths, coldSeconds, 1) ?? (await nodeLoad(app.base, paths, coldSeconds, 1));
      // More requests than organizations would mean some were answered from the cache: say so.
      const note = r.requests > paths.length ? " (some repeated)" : "";
      single.push(row(`${label}, 1 connection, a new organization each time${note}`, r));
    }
    for (const [label, make] of [
      ...kinds,
      ["GET /search?q=… (page)", (c: string) => `/search?q=${encodeURIComponent(c.slice(10, 13))}`] as const,
    ]) {
      const paths = hot.map(make);
      await nodeLoad(app.base, paths, 1, options.connections);
      // Both load generators: wrk (C, light) leaves the server more of the two cores than Node's own client. Each is
      // warmed for a second first (the first wrk run after Node's showed a tail the later runs did not).
      const w = wrkLoad(app.base, paths, 1, options.connections)
        ? wrkLoad(app.base, paths, options.seconds, options.connections)
        : null;
      if (w) single.push(row(`${label}, ${options.connections} connections, wrk`, w));
      const r = await nodeLoad(app.base, paths, options.seconds, options.connections);
      single.push(row(`${label}, ${options.connections} connections, Node`, r));
    }
    return { pairs, single };
  } finally {
    bare.stop();
    app.stop();
  }
}
