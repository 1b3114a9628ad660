/**
 * npm run bench:jobs [-- --orgs 1000000] [--iterations 200] [--today 2026-12-04] [--skip-jobs] [--file FILE] [--only JOB,…]
 *
 * The daily jobs and the public credit list at the size of a national register: a copy of the synthetic register
 * (data/bench/registry-N.db, built by `npm run bench` / `npm run db:synthetic`) is given three 年检 years for every
 * organization (~5% 未参检, ~3% 不合格), 100,000 credit-list cases (every tenth organization: listed, removed, on
 * 严重, candidates), penalties and party ledgers for some, in data/bench/jobs-N.db (reused when present). Then:
 *  1. every job of src/jobs/registry.ts, run as the daily runner would (twice: the second run must change nothing),
 *     with its wall time and the longest single write batch (the database is held for that long);
 *  2. /credit and /api/v1/credit-entries in process, `iterations` times per query: p50 / p95 / max in ms.
 * Prints tables; nothing is asserted (figures go to README.md).
 */
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { createApp } from "../app";
import { testConfig } from "../config";
import { JOBS } from "../jobs/registry";
import { runJobs } from "../jobs/runner";
import { migrateDatabase, openNodeDatabase } from "../node-db";
import { startWalCheckpointer } from "../wal-checkpointer";
import { fmt, percentile, table } from "./bench-support";

const { values } = parseArgs({
  options: {
    orgs: { type: "string", default: "1000000" },
    iterations: { type: "string", default: "200" },
    today: { type: "string", default: "2026-12-04" },
    "skip-jobs": { type: "boolean", default: false },
    /** A copy of the prepared register to measure instead of data/bench/jobs-N.db (it is migrated first). */
    file: { type: "string" },
    /** Run only these jobs (comma-separated names). */
    only: { type: "string" },
  },
});
const n = Number(values.orgs);
const today = values.today!;
const source = join("data/bench", `registry-${n}.db`);
const file = values.file ?? join("data/bench", `jobs-${n}.db`);
if (!existsSync(source)) {
  console.error(
    `${source} is missing: run \`npm run bench\` (or npm run db:synthetic -- --orgs ${n}) first.`,
  );
  process.exit(2);
}
const fresh = !existsSync(file);
if (fresh) copyFileSync(source, file);
const { client, db } = await openNodeDatabase(`file:${file}`);
await migrateDatabase(db);

if (fresh) {
  const t0 = performance.now();
  console.log(`Preparing ${file}: 3 年检 years, 100,000 credit cases, penalties, party ledgers…`);
  await client.execute("PRAGMA synchronous=OFF");
  for (const year of [2023, 2024, 2025]) {
    await db.run(sql`INSERT INTO inspection_years (authority_id, year, windows, cutoff_on, not_filed_marked_at)
      SELECT id, ${year}, '{}', ${`${year}-06-30`}, ${`${year + 1}-07-01T00:00:00.000Z`} FROM authorities`);
    // ~5% 未参检, ~3% 不合格, the rest 合格 and published; organizations registered after the cut-off owe nothing.
    await db.run(sql`INSERT INTO annual_inspections (year_id, org_id, year, authority_id, org_type, supervision_mode, state,
        conclusion, concluded_on, published_on)
      SELECT y.id, o.id, ${year}, o.authority_id, o.type, o.supervision_mode,
        CASE WHEN (o.id * 7 + ${year}) % 20 = 0 THEN 'not_filed' ELSE 'published' END,
        CASE WHEN (o.id * 7 + ${year}) % 20 = 0 THEN NULL WHEN (o.id * 3 + ${year}) % 33 = 0 THEN 'unqualified' ELSE 'qualified' END,
        CASE WHEN (o.id * 7 + ${year}) % 20 = 0 THEN NULL ELSE ${`${year + 1}-05-20`} END,
        CASE WHEN (o.id * 7 + ${year}) % 20 = 0 THEN NULL ELSE ${`${year + 1}-06-10`} END
      FROM organizations o JOIN inspection_years y ON y.authority_id = o.authority_id AND y.year = ${year}
      WHERE o.registered_on <= ${`${year}-06-30`} AND (o.status = 'active' OR o.status_on > ${`${year + 1}-06-30`})`);
  }
  // 100,000 cases on every tenth organization: most listed on 异常, some removed, some on 严重, some candidates.
  await db.run(sql`INSERT INTO credit_cases (org_id, authority_id, list, ground, state, facts, arisen_on, listed_on,
      removed_on, removal_reason, decision_on, publication_period, source_key)
    SELECT o.id, o.authority_id,
      CASE WHEN o.id % 70 = 0 THEN 'serious' ELSE 'abnormal' END,
      CASE WHEN o.id % 70 = 0 THEN 'd4_3' WHEN o.id % 30 = 0 THEN 'd1_5' ELSE 'd1_1' END,
      CASE WHEN o.id % 110 = 0 THEN 'candidate' WHEN o.id % 4 = 0 THEN 'removed' ELSE 'listed' END,
      '合成数据', date('2026-12-04', '-' || (o.id % 900) || ' days'),
      CASE WHEN o.id % 110 = 0 THEN NULL ELSE date('2026-12-04', '-' || (o.id % 900) || ' days') END,
      CASE WHEN o.id % 110 <> 0 AND o.id % 4 = 0 THEN date('2026-12-04', '-' || (o.id % 90) || ' days') END,
      CASE WHEN o.id % 110 <> 0 AND o.id % 4 = 0 THEN 'cured' END,
      CASE WHEN o.id % 110 = 0 THEN NULL ELSE date('2026-12-04', '-' || (o.id % 900) || ' days') END,
      CASE WHEN o.id % 70 = 0 THEN 'serious' ELSE 'general' END,
      'bench:' || o.id
    FROM organizations o WHERE o.id % 10 = 0 AND o.status = 'active' LIMIT 100000`);
  await db.run(sql`INSERT INTO penalties (org_id, authority_id, kind, amount_fen, department, document_no, decided_on, facts)
    SELECT o.id, o.authority_id, CASE WHEN o.id % 2 = 0 THEN 'warning' ELSE 'fine' END,
      CASE WHEN o.id % 2 = 0 THEN NULL ELSE 1000000 END, '合成部门', '合成〔2026〕' || o.id || '号',
      date('2026-12-04', '-' || (o.id % 700) || ' days'), '合成数据'
    FROM organizations o WHERE o.id % 97 = 0 AND o.status = 'active'`);
  await db.run(sql`INSERT INTO party_member_counts (org_id, as_of, full_members, probationary_members, activists, source)
    SELECT id, '2026-06-30', id % 9, id % 2, 0, 'ledger' FROM organizations WHERE id % 3 = 0 AND status = 'active'`);
  await db.run(sql`INSERT INTO party_org_versions (org_id, authority_id, state, has_party_org, org_type, name, term_start,
      term_end, effective_on, submitted_at)
    SELECT id, authority_id, 'confirmed', 1, 'branch', name || '党支部', date('2026-12-04', '-' || (1000 + id % 200) || ' days'),
      date('2026-12-04', '-' || (1000 + id % 200) || ' days', '+3 years'), '2024-01-01', '2024-01-01T00:00:00Z'
    FROM organizations WHERE id % 3 = 0 AND id % 9 >= 3 AND status = 'active'`);
  await client.execute("PRAGMA synchronous=NORMAL");
  await client.execute("ANALYZE");
  console.log(`Prepared in ${((performance.now() - t0) / 1000).toFixed(0)} s.`);
}

const counts = (await db.all(sql`SELECT (SELECT count(*) FROM organizations) AS orgs,
  (SELECT count(*) FROM annual_inspections) AS filings, (SELECT count(*) FROM credit_cases) AS cases`)) as {
  orgs: number;
  filings: number;
  cases: number;
}[];
console.log(
  `${Number(counts[0]!.orgs).toLocaleString()} organizations, ${Number(counts[0]!.filings).toLocaleString()} filings, ${Number(counts[0]!.cases).toLocaleString()} credit cases`,
);

// The longest single write (a batch holds the write lock for its whole length), and the longest garbage-collection
// pause meanwhile (a pause inside a batch's await is counted in its time without holding the database).
let longest = 0;
let longestGc = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longestGc = Math.max(longestGc, e.duration);
}).observe({ entryTypes: ["gc"] });
const batch = db.batch.bind(db);
(db as unknown as { batch: typeof db.batch }).batch = (async (items: Parameters<typeof db.batch>[0]) => {
  const t = performance.now();
  try {
    return await batch(items);
  } finally {
    const ms = performance.now() - t;
    longest = Math.max(longest, ms);
    if (ms > 150) console.log(`  a write of ${items.length} statements took ${fmt(ms)} ms`);
  }
}) as unknown as typeof db.batch;

// As the server does: WAL checkpoints on a worker thread, not inside the job's commits (src/wal-checkpointer.ts).
const checkpointer = await startWalCheckpointer(client, file);
const config = testConfig();
const deps = { db, config, now: () => new Date(`${today}T02:00:00Z`) };
const rows: string[][] = [];
const gcPauses: string[] = [];
const only = values.only?.split(",");
for (const job of values["skip-jobs"] ? [] : JOBS.filter((j) => !only || only.includes(j.name))) {
  const timings: string[] = [];
  let changed = 0;
  let second = 0;
  for (const pass of [1, 2]) {
    longest = 0;
    longestGc = 0;
    const t = performance.now();
    const [r] = await runJobs(deps, today, { dryRun: false, trigger: "cli" }, [job]);
    const ms = performance.now() - t;
    if (r?.error) console.log(`  ${job.name} failed: ${r.error}`);
    if (pass === 1) changed = r?.report?.changed ?? 0;
    else second = r?.report?.changed ?? 0;
    timings.push(`${fmt(ms / 1000)} s`, `${fmt(longest)} ms`);
    if (pass === 1) gcPauses.push(`${job.name}: longest GC pause ${fmt(longestGc)} ms`);
  }
  rows.push([job.name, String(changed), timings[0]!, timings[1]!, timings[2]!, String(second)]);
}
if (rows.length) {
  table(["job", "changed", "first run", "longest write", "second run", "second changed"], rows);
  for (const line of gcPauses) console.log(line);
}

const app = createApp(deps);
const iterations = Number(values.iterations);
const paths = [
  "/credit",
  "/credit?q=%E5%8D%8F%E4%BC%9A",
  `/credit?q=${encodeURIComponent("基金")}`,
  `/credit?q=${encodeURIComponent("研究会")}`,
  `/credit?q=${encodeURIComponent("不存在的名称")}`,
  `/credit?q=${encodeURIComponent("协会")}&page=40`,
  `/credit?removed=1&q=${encodeURIComponent("协会")}`,
  "/credit?list=serious",
  "/credit?ground=d1_5&page=20",
  "/credit?removed=1",
  "/api/v1/credit-entries?list=abnormal&per_page=50",
  "/credit/red-list",
];
const httpRows: string[][] = [];
for (const p of paths) {
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    const res = await app.request(p);
    await res.arrayBuffer();
    times.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
  }
  times.sort((a, b) => a - b);
  httpRows.push([p, fmt(percentile(times, 50)), fmt(percentile(times, 95)), fmt(times.at(-1)!)]);
}
table(["request (in process)", "p50 ms", "p95 ms", "max ms"], httpRows);
await checkpointer.close();
client.close();
