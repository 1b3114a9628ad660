/**
 * npm run bench [-- --db file:a.db --db file:b.db] [--http-seconds 10] [--iterations 200]
 *
 * For each database (default: synthetic registers of 10,000 / 100,000 / 1,000,000 organizations built under
 * data/bench/ with `npm run db:synthetic`, reused when present):
 *  1. in process: every query class of the issue (1-, 2-, 3+-character name parts, exact code, no match, filters
 *     only, page 50 of a broad query), each run `iterations` times with its count: p50 / p95 / max in ms;
 *  2. over HTTP: the server started as `npm start` would (no seeding) on a free port, 50 concurrent keep-alive
 *     connections on GET /api/v1/organizations for `http-seconds`: requests/s and p50 / p99.
 * Prints tables; nothing is asserted (figures go to README.md).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { openNodeDatabase } from "../node-db";
import { type SearchParams, searchOrganizations } from "../registry/search";

const { values } = parseArgs({
  options: {
    db: { type: "string", multiple: true },
    "http-seconds": { type: "string", default: "10" },
    iterations: { type: "string", default: "200" },
    connections: { type: "string", default: "50" },
    "skip-http": { type: "boolean", default: false },
  },
});
const iterations = Number(values.iterations);
const httpSeconds = Number(values["http-seconds"]);
const connections = Number(values.connections);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const fmt = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

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
async function queryClasses(db: Db): Promise<{ name: string; params: () => SearchParams }[]> {
  const sample = (await db.all(
    sql`SELECT uscc, name FROM organizations WHERE id IN (SELECT id FROM organizations ORDER BY random() LIMIT 500)`,
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

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function benchHttp(url: string, db: Db) {
  const port = await freePort();
  const child = spawn("npx", ["tsx", "src/server.ts"], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), SEED_DEMO: "0", APP_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let t = 0; ; t++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {}
      if (t > 600) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
    const classes = await queryClasses(db);
    const paths: string[] = [];
    for (let k = 0; k < 2000; k++) {
      const p = classes[k % classes.length]!.params();
      const qs = new URLSearchParams();
      if (p.q) qs.set("q", p.q);
      if (p.type) qs.set("type", p.type);
      if (p.status) qs.set("status", p.status);
      if (p.page > 1) qs.set("page", String(p.page));
      paths.push(`${base}/api/v1/organizations?${qs}`);
    }
    for (const p of paths.slice(0, 200)) await (await fetch(p)).arrayBuffer();
    const latencies: number[] = [];
    let errors = 0;
    let k = 0;
    const end = performance.now() + httpSeconds * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          const res = await fetch(paths[k++ % paths.length]!);
          await res.arrayBuffer();
          if (res.status !== 200) errors++;
          latencies.push(performance.now() - t);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      rps: Math.round(latencies.length / elapsed),
      p50: fmt(percentile(latencies, 50)),
      p99: fmt(percentile(latencies, 99)),
      errors,
    };
  } finally {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {}
  }
}

function table(header: string[], rows: string[][]) {
  const widths = header.map((h, c) => Math.max(h.length * 2, ...rows.map((r) => (r[c] ?? "").length + 2)));
  const line = (r: string[]) => `| ${r.map((v, c) => v.padEnd(widths[c]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
}

for (const { label, url } of databases()) {
  const { db, client } = await openNodeDatabase(url);
  const [{ n }] = (await db.all(sql`SELECT count(*) AS n FROM organizations`)) as [{ n: number }];
  const size = url.startsWith("file:") ? statSync(url.slice(5)).size / 1024 / 1024 : Number.NaN;
  console.log(`\n## ${label}: ${Number(n).toLocaleString()} organizations, database ${size.toFixed(0)} MiB`);
  console.log(`\nIn process, ${iterations} searches per class (with count), ms:`);
  table(["query class", "p50", "p95", "max"], await benchInProcess(db));
  if (!values["skip-http"]) {
    const h = await benchHttp(url, db);
    console.log(`\nHTTP GET /api/v1/organizations, ${connections} connections, ${httpSeconds} s:`);
    table(["requests/s", "p50 ms", "p99 ms", "non-200"], [[String(h.rps), h.p50, h.p99, String(h.errors)]]);
  }
  client.close();
}
