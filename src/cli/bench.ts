/**
 * npm run bench [-- --db file:a.db --db file:b.db] [--http-seconds 10] [--iterations 200] [--connections 50]
 *                 [--skip-http] [--skip-wrk]
 *
 * For each database (default: synthetic registers of 10,000 / 100,000 / 1,000,000 organizations built under
 * data/bench/ with `npm run db:synthetic`, reused when present):
 *  1. in process: every query class of the issue (1-, 2-, 3+-character name parts, exact code, no match, filters
 *     only, page 50 of a broad query), each run `iterations` times with its count: p50 / p95 / max in ms;
 *  2. over HTTP: the server started as `npm start` would (no seeding) on a free port, 50 concurrent keep-alive
 *     connections on GET /api/v1/organizations for `http-seconds`: requests/s and p50 / p99, for two mixes of
 *     the same query classes — "repeated" (a pool of 2,000 paths, mostly cache hits after the first pass) and
 *     "distinct" (no path twice: every request an uncached search) — each with the Node load generator and,
 *     when `wrk` is installed (apt-get install -y wrk), with wrk as a cross-check. Both share the machine's cores
 *     with the server.
 *  0. first, once (src/cli/bench-overhead.ts): the app's /healthz and a static file against bare Hono + libSQL, as
 *     ratios, and the requests that touch one organization (page, API item) and the search page under load.
 * `--overhead-only` stops after 0; `--skip-overhead` skips it.
 * Prints tables; nothing is asserted (figures go to README.md).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { openNodeDatabase } from "../node-db";
import { type SearchParams, searchOrganizations } from "../registry/search";
import { benchOverhead } from "./bench-overhead";
import { fmt, type LoadResult, nodeLoad, percentile, startServer, table, wrkLoad } from "./bench-support";

const { values } = parseArgs({
  options: {
    db: { type: "string", multiple: true },
    "http-seconds": { type: "string", default: "10" },
    iterations: { type: "string", default: "200" },
    connections: { type: "string", default: "50" },
    "skip-http": { type: "boolean", default: false },
    "skip-wrk": { type: "boolean", default: false },
    "skip-overhead": { type: "boolean", default: false },
    "overhead-only": { type: "boolean", default: false },
  },
});
const iterations = Number(values.iterations);
const httpSeconds = Number(values["http-seconds"]);
const connections = Number(values.connections);

function databases(): { label: string; url: string }[] {
  if (values.db?.length) return values.db.map((url) => ({ label: url, url }));
  mkdirSync("data/bench", { recursive: true });
  return [10_000, 100_000, 1_000_000].map((n) => {
    const file = join("data/bench", `registry-${n}.db`);
    if (!existsSync(file)) {
      console.log(`Building ${file} (${n.toLocaleString()} organizations)…`);
      const r = spawnSync("npx", ["tsx", "src/cli/synthetic.ts", "--orgs", String(n)], {
        stdio: "inherit",
        env: { ...process.env, DATABASE_URL: `file:${file}` },
      });
      if (r.status !== 0) throw new Error(`db:synthetic failed for ${n}`);
    }
    return { label: `${n.toLocaleString()} orgs`, url: `file:${file}` };
  });
}

/** Query parameters per class, sampled from the database itself so they are realistic. */
async function queryClasses(
  db: Db,
  sampleSize = 500,
): Promise<{ name: string; params: () => SearchParams }[]> {
  const sample = (await db.all(
    sql`SELECT uscc, name FROM organizations WHERE id IN (SELECT id FROM organizations ORDER BY random() LIMIT ${sampleSize})`,
  )) as { uscc: string; name: string }[];
  let i = 0;
  const next = () => sample[i++ % sample.length]!;
  const piece = (len: number) => {
    const chars = Array.from(next().name);
    const start = Math.floor(Math.random() * Math.max(1, chars.length - len));
    return chars.slice(start, start + len).join("");
  };
  const common1 = ["会", "协", "市", "区", "心", "中", "学", "爱"];
  const common2 = ["商会", "协会", "爱心", "学会", "中心", "服务", "体育", "教育"];
  const page = (p: Partial<SearchParams>): SearchParams => ({ page: 1, perPage: 20, ...p });
  return [
    { name: "1-char name part", params: () => page({ q: i++ % 2 ? common1[i % common1.length] : piece(1) }) },
    { name: "2-char name part", params: () => page({ q: i++ % 2 ? common2[i % common2.length] : piece(2) }) },
    { name: "3+-char name part", params: () => page({ q: piece(3 + (i++ % 4)) }) },
    { name: "exact code", params: () => page({ q: next().uscc }) },
    { name: "no match", params: () => page({ q: `无此组织${i++}号` }) },
    {
      name: "filters only",
      params: () =>
        page({
          type: (["social_group", "private_non_enterprise", "foundation"] as const)[i++ % 3],
          status: i % 5 === 0 ? "revoked" : "active",
        }),
    },
    { name: "page 50, broad query", params: () => page({ q: common1[i++ % 3], page: 50 }) },
  ];
}

async function benchInProcess(db: Db) {
  const rows: string[][] = [];
  for (const cls of await queryClasses(db)) {
    for (let w = 0; w < 20; w++) await searchOrganizations(db, cls.params());
    const times: number[] = [];
    for (let k = 0; k < iterations; k++) {
      const p = cls.params();
      const t = performance.now();
      await searchOrganizations(db, p);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    rows.push([
      cls.name,
      fmt(percentile(times, 50)),
      fmt(percentile(times, 95)),
      fmt(times[times.length - 1]!),
    ]);
  }
  return rows;
}

function toPath(p: SearchParams): string {
  const qs = new URLSearchParams();
  if (p.q) qs.set("q", p.q);
  if (p.type) qs.set("type", p.type);
  if (p.status) qs.set("status", p.status);
  if (p.page > 1) qs.set("page", String(p.page));
  if (p.perPage !== 20) qs.set("per_page", String(p.perPage));
  return `/api/v1/organizations?${qs}`;
}

/**
 * Request paths, the query classes in turn.
 * - "repeated": a pool of 2,000 (the classes' own repetition: common words, a few filter sets), cycled, so most
 *   requests after the first pass are cache hits — closer to a public register's traffic.
 * - "distinct": every path different (the same searches, with per_page 15–25 so no two share a cache key), so
 *   every request is an uncached search: the worst case.
 */
function pathsFor(
  classes: { params: () => SearchParams }[],
  mix: "repeated" | "distinct",
  count: number,
): string[] {
  if (mix === "repeated")
    return Array.from({ length: count }, (_, k) => toPath(classes[k % classes.length]!.params()));
  const seen = new Set<string>();
  const out: string[] = [];
  for (let k = 0, misses = 0; out.length < count && misses < count * 20; k++) {
    const p = classes[k % classes.length]!.params();
    const path = toPath({ ...p, perPage: 15 + Math.floor(Math.random() * 11) });
    if (seen.has(path)) misses++;
    else {
      seen.add(path);
      out.push(path);
    }
  }
  return out;
}

async function benchHttp(url: string, db: Db): Promise<string[][]> {
  const { base, stop } = await startServer(url);
  const rows: string[][] = [];
  try {
    const classes = await queryClasses(db, 5000);
    // Warm the server (JIT, page cache) on searches the runs below do not use.
    const warm = pathsFor(classes, "distinct", 400);
    await nodeLoad(base, warm, 2, connections);
    for (const mix of ["repeated", "distinct"] as const) {
      // Enough distinct paths that none repeats within a run (an uncached search takes ~1 ms).
      // Each generator gets its own paths, so the second does not start on a cache the first has filled.
      const count = mix === "repeated" ? 2000 : Math.max(20_000, httpSeconds * 5000);
      const all = pathsFor(classes, mix, count * 2);
      const forNode = all.slice(0, count);
      const forWrk = all.slice(count);
      const runs: [string, string[], LoadResult | null][] = [
        ["node", forNode, await nodeLoad(base, forNode, httpSeconds, connections)],
        ["wrk", forWrk, values["skip-wrk"] ? null : wrkLoad(base, forWrk, httpSeconds, connections)],
      ];
      for (const [gen, paths, r] of runs) {
        if (!r) continue;
        const wrapped = mix === "distinct" && r.requests > paths.length ? " (paths reused)" : "";
        rows.push([`${mix}${wrapped}`, gen, String(r.rps), fmt(r.p50), fmt(r.p99), String(r.errors)]);
      }
      // The public search page (HTML) on the same searches, with both generators (each on its own paths).
      for (const [gen, paths] of [
        ["node", forNode],
        ["wrk", forWrk],
      ] as const) {
        const pagePaths = paths.map((p) => p.replace("/api/v1/organizations?", "/search?"));
        const page =
          gen === "node"
            ? await nodeLoad(base, pagePaths, httpSeconds, connections)
            : values["skip-wrk"]
              ? null
              : wrkLoad(base, pagePaths, httpSeconds, connections);
        if (!page) continue;
        rows.push([
          `${mix}, /search page`,
          gen,
          String(page.rps),
          fmt(page.p50),
          fmt(page.p99),
          String(page.errors),
        ]);
      }
    }
  } finally {
    stop();
  }
  return rows;
}

const dbs = databases();
if (!values["skip-overhead"]) {
  // The app's own overhead against the bare stack, on the first (smallest) register.
  const { url } = dbs[0]!;
  const { db, client } = await openNodeDatabase(url);
  console.log(
    `\n## The app's overhead against bare Hono + libSQL (${url}), ${connections} connections, ${httpSeconds} s × 3 each:`,
  );
  const r = await benchOverhead(url, db, { seconds: httpSeconds, connections });
  table(
    [
      "request",
      "bare req/s",
      "app req/s",
      "ratio",
      "bare CPU µs/req",
      "app CPU µs/req",
      "CPU ratio",
      "app p99 ms",
    ],
    r.pairs,
  );
  console.log(
    "\nRequests that touch one organization (random organizations), then the search page; wrk when installed:",
  );
  table(["request", "requests/s", "p50", "p95", "p99", "non-200"], r.single);
  client.close();
  if (values["overhead-only"]) process.exit(0);
}

for (const { label, url } of dbs) {
  const { db, client } = await openNodeDatabase(url);
  const [{ n }] = (await db.all(sql`SELECT count(*) AS n FROM organizations`)) as [{ n: number }];
  const size = url.startsWith("file:") ? statSync(url.slice(5)).size / 1024 / 1024 : Number.NaN;
  console.log(`\n## ${label}: ${Number(n).toLocaleString()} organizations, database ${size.toFixed(0)} MiB`);
  console.log(`\nIn process, ${iterations} searches per class (with count), ms:`);
  table(["query class", "p50", "p95", "max"], await benchInProcess(db));
  if (!values["skip-http"]) {
    console.log(
      `\nHTTP GET /api/v1/organizations, ${connections} connections, ${httpSeconds} s per run (ms):`,
    );
    table(["mix", "load generator", "requests/s", "p50", "p99", "non-200"], await benchHttp(url, db));
  }
  client.close();
}
