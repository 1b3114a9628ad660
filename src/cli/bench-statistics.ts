/**
 * Times each statistics figure set (registrar and public, live and as at a past day) and the report workbook against
 * an existing database, query-only: `tsx src/cli/bench-statistics.ts [file.db] [runs] [path filter]`. Calls the service directly (no
 * HTTP), so the numbers are the queries and the arithmetic a page waits for, the reads on the server's worker threads.
 */
import { performance } from "node:perf_hooks";
import { createClient } from "@libsql/client";
import { sql } from "drizzle-orm";
import { loadConfig } from "../config";
import type { AppDeps, SessionUser } from "../context";
import { createDb } from "../db";
import { SQLITE_CACHE_KIB } from "../node-db";
import { createReadPool } from "../registry/read-pool";
import { attachReadPool } from "../registry/read-pool-handle";
import { statistics } from "../statistics/service";
import { reportWorkbook } from "../statistics/workbook";
import { fmt, percentile } from "./bench-support";

const file = process.argv[2] ?? "data/bench/jobs-1000000.db";
const runs = Number(process.argv[3] ?? 5);
/** Optional: only the pages whose path contains this text (or, written `!text`, those whose path does not). */
const only = process.argv[4];
const chosen = (name: string) =>
  !only || (only.startsWith("!") ? !name.includes(only.slice(1)) : name.includes(only));
// libSQL's URL takes no ?mode=ro: the connection is made query-only instead, so nothing can write to the file.
const client = createClient({ url: `file:${file}` });
await client.execute("PRAGMA query_only = 1");
// The page cache the server's connections have (src/node-db.ts).
await client.execute(`PRAGMA cache_size=-${SQLITE_CACHE_KIB}`);
const db = createDb(client);
// The figures read on worker threads, as the server reads them (READ_WORKERS, default 2; 0 reads on one connection).
const workers = Number(process.env.READ_WORKERS ?? 2);
const pool = workers > 0 ? createReadPool(file, workers) : null;
if (pool) attachReadPool(db, pool);
const config = loadConfig({ APP_ENV: "test", SEED_DEMO: "0" });
const deps = { db, config } as AppDeps;
const [city] = (await db.all(
  sql`SELECT id FROM authorities WHERE parent_id IS NULL ORDER BY id LIMIT 1`,
)) as {
  id: number;
}[];
const [{ code: district }] = (await db.all(
  sql`SELECT code FROM authorities WHERE parent_id = ${city!.id} ORDER BY id LIMIT 1`,
)) as [{ code: string }];
const [{ n }] = (await db.all(sql`SELECT count(*) AS n FROM organizations`)) as [{ n: number }];
const user = {
  id: 0,
  username: "bench",
  displayName: "bench",
  role: "registrar",
  orgId: null,
  isOrgAdmin: false,
  authorityId: city!.id,
} as SessionUser;
const [stamp] = (await db.all(sql`SELECT day, computed_at AS at FROM stat_cube_meta`)) as {
  day: string;
  at: string;
}[];
const lastYearEnd = `${new Date().getUTCFullYear() - 1}-12-31`;
const lastYearMid = `${new Date().getUTCFullYear() - 1}-06-05`;
const thisYearEarly = `${new Date().getUTCFullYear()}-01-15`;
const thisYearMid = `${new Date().getUTCFullYear()}-06-30`;

const cases: [string, () => Promise<unknown>][] = [
  ["/registrar/statistics", () => statistics(deps, user, {})],
  [`/registrar/statistics?as_of=${lastYearEnd}`, () => statistics(deps, user, {}, lastYearEnd)],
  // Early in a year: the nightly counts corrected by nearly a whole year of registrations and terminations.
  [`/registrar/statistics?as_of=${thisYearEarly}`, () => statistics(deps, user, {}, thisYearEarly)],
  [
    `/statistics?as_of=${lastYearMid}&authority=(a district)&type=social_group`,
    () => statistics(deps, null, { authority: district, type: "social_group" }, lastYearMid),
  ],
  // Mid-year: the most dates to correct (half a year either way).
  [
    `/statistics?as_of=${thisYearMid}&type=social_group`,
    () => statistics(deps, null, { type: "social_group" }, thisYearMid),
  ],
  [`/registrar/statistics?as_of=${thisYearMid}`, () => statistics(deps, user, {}, thisYearMid)],
  [
    `/statistics?as_of=${thisYearEarly}&type=social_group`,
    () => statistics(deps, null, { type: "social_group" }, thisYearEarly),
  ],
  [
    `/registrar/statistics?from=${lastYearMid}&to=${thisYearEarly}`,
    () => statistics(deps, user, { from: lastYearMid, to: thisYearEarly }, thisYearEarly),
  ],
  ["/statistics", () => statistics(deps, null, {})],
  [`/statistics?as_of=${lastYearEnd}`, () => statistics(deps, null, {}, lastYearEnd)],
  [
    "/statistics?authority=(a district)&type=social_group",
    () => statistics(deps, null, { authority: district, type: "social_group" }),
  ],
  [
    "/statistics?supervisor=direct&year=2025",
    () => statistics(deps, null, { supervisor: "direct", year: 2025 }),
  ],
  ["/registrar/statistics?supervisor=decoupled", () => statistics(deps, user, { supervisor: "decoupled" })],
  [
    "/registrar/statistics/report.xlsx",
    async () => reportWorkbook(await statistics(deps, user, {}), undefined),
  ],
];

console.log(
  `${file}: ${n.toLocaleString("en")} organizations, ${runs} runs each (ms), ${workers} read workers; ${
    stamp
      ? `live figures precomputed for ${stamp.day} at ${stamp.at}`
      : "no precomputation: live figures counted directly"
  }`,
);
console.log("| page | p50 | p95 | max |\n|---|---|---|---|");
for (const [name, run] of cases.filter(([name]) => chosen(name))) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    `| ${name} | ${fmt(percentile(times, 50))} | ${fmt(percentile(times, 95))} | ${fmt(times.at(-1)!)} |`,
  );
}
await pool?.close();
client.close();
