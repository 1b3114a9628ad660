/**
 * npm run bench:zombies [-- --db /tmp/jobs-1000000.db] [--iterations 50] [--today 2026-12-04] [--since 2025-01-01]
 *   [--skip-jobs]
 *
 * The zombie signals at the size of a national register, on a copy of the jobs benchmark's database
 * (data/bench/jobs-N.db from `npm run bench:jobs`; copy it first: this writes signals and runs migrations):
 *  1. the zombie-signals job twice the same day (the second must change nothing), with `--since` as R-E1(c)'s date;
 *  2. the triage list's queries (the page of 50 and the counts per signal, as /registrar/zombies runs them) for the
 *     busiest authority and for every authority at once, with each filter: p50 / p95 / max in ms.
 * Prints tables; nothing is asserted (figures go to README.md).
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { defaultDomainSettings, testConfig } from "../config";
import { ZOMBIE_SIGNALS } from "../domain/zombie";
import { runJobs } from "../jobs/runner";
import { migrateDatabase, openNodeDatabase } from "../node-db";
import { zombieSignalsJob } from "../zombie/jobs";
import { signalCounts, type TriageFilter, triageRows } from "../zombie/queries";
import { fmt, percentile, table } from "./bench-support";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "/tmp/jobs-1000000.db" },
    iterations: { type: "string", default: "50" },
    today: { type: "string", default: "2026-12-04" },
    since: { type: "string" },
    "skip-jobs": { type: "boolean", default: false },
  },
});
const today = values.today!;
const { db } = await openNodeDatabase(`file:${values.db}`);
await migrateDatabase(db);
const config = testConfig({
  domain: { ...defaultDomainSettings, zombieNoActivitySince: values.since ?? null },
});

if (!values["skip-jobs"]) {
  const rows: string[][] = [];
  for (const run of ["first", "second"]) {
    const t0 = performance.now();
    const [r] = await runJobs({ db, config }, today, { dryRun: false, trigger: "cli" }, [zombieSignalsJob]);
    rows.push([
      run,
      String(r?.report?.changed ?? r?.error),
      `${((performance.now() - t0) / 1000).toFixed(1)} s`,
    ]);
  }
  table(["zombie-signals run", "changed", "wall time"], rows);
}

const [busiest] = (await db.all(sql`SELECT authority_id AS id, count(DISTINCT org_id) AS n FROM zombie_signals
  WHERE closed_on IS NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1`)) as { id: number; n: number }[];
const all = ((await db.all(sql`SELECT id FROM authorities`)) as { id: number }[]).map((a) => a.id);
const [auth] = (await db.all(sql`SELECT code FROM authorities WHERE id = ${busiest?.id ?? -1}`)) as {
  code: string;
}[];
const [unit] = (await db.all(sql`SELECT o.supervisor_unit_id AS id FROM zombie_signals s
  JOIN organizations o ON o.id = s.org_id WHERE s.closed_on IS NULL AND o.supervisor_unit_id IS NOT NULL
  GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)) as { id: number }[];
const filters: [string, Omit<TriageFilter, "authorityIds">][] = [
  ["no filter", {}],
  ...ZOMBIE_SIGNALS.map(
    (s) => [`signal=${s}`, { signal: s }] as [string, Omit<TriageFilter, "authorityIds">],
  ),
  ["type=foundation", { type: "foundation" }],
  ["registered_before=2010-01-01", { registeredBefore: "2010-01-01" }],
  [`authority=${auth?.code}`, { authorityCode: auth?.code }],
  [`unit=${unit?.id}`, { supervisorUnitId: unit?.id }],
  ["missed=1", { minMissed: 1 }],
  ["missed=2", { minMissed: 2 }],
];
const iterations = Number(values.iterations);
const rows: string[][] = [];
for (const [scope, authorityIds] of [
  [`busiest authority (${busiest?.n ?? 0} candidates)`, [busiest?.id ?? -1]],
  [`all ${all.length} authorities`, all],
] as const) {
  for (const [name, f] of filters) {
    const filter = { ...f, authorityIds: [...authorityIds] };
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < iterations; i++) {
      const t0 = performance.now();
      const [r] = await Promise.all([triageRows(db, filter, 1), signalCounts(db, filter)]);
      times.push(performance.now() - t0);
      total = r.total;
    }
    times.sort((a, b) => a - b);
    rows.push([
      scope,
      name,
      String(total),
      fmt(percentile(times, 50)),
      fmt(percentile(times, 95)),
      fmt(times.at(-1)!),
    ]);
  }
}
table(["scope", "filter", "rows", "p50 ms", "p95 ms", "max ms"], rows);
