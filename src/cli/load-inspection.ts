/**
 * npm run load:inspection [-- --orgs 500 --workers 4 --spread-seconds 60 --filings 100000 --iterations 200]
 *
 * (a) Submission burst, at the service level (InspectionService.act — exactly what the submit route calls), against a
 *     file database in WAL mode with the Node client's 5 s busy timeout: `orgs` organizations with complete drafts
 *     all submit within `spread-seconds`, from `workers` separate processes (separate connections, as several
 *     server processes would have), and every one double-clicks (the same idempotency key sent twice at once).
 *     Reports what landed, what was refused and any database error, then checks the database.
 * (b) The registrar's queue with `filings` filings (a city and 10 districts; the city registrar's scope is all of
 *     them): p50 / p95 / max of queue() per filter class over `iterations` calls each.
 *
 * Databases are rebuilt under data/load/ on each run. Exit code 1 when a submission was lost, a database error
 * surfaced, or a queue class's p95 exceeded 50 ms.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { authorities } from "../../db/schema";
import { inspectionSections } from "../../db/schema/inspection";
import { demoReport, type OrgRow } from "../../db/seed/inspections";
import { createRandom } from "../../db/seed/random";
import { verifyAuditChain } from "../audit/chain";
import { testConfig } from "../config";
import type { AppDeps, SessionUser } from "../context";
import { REPORT_SECTIONS } from "../domain/inspection-report";
import type { QueueFilters } from "../inspection/contract";
import { inspectionService as svc } from "../inspection/service";
import { openNodeDatabase } from "../node-db";
import { fmt, percentile, table } from "./bench-support";
import {
  freshFile,
  insertOrganizations,
  insertUser,
  KINDS,
  open,
  sessionUser,
  WORDS,
} from "./load-inspection-fixtures";

const { values } = parseArgs({
  options: {
    worker: { type: "string" },
    orgs: { type: "string", default: "500" },
    workers: { type: "string", default: "4" },
    "spread-seconds": { type: "string", default: "60" },
    filings: { type: "string", default: "100000" },
    iterations: { type: "string", default: "200" },
    "skip-burst": { type: "boolean", default: false },
    "skip-queue": { type: "boolean", default: false },
  },
});

const THIS_YEAR = new Date().getUTCFullYear();
const YEAR = THIS_YEAR - 1;

// -----------------------------------------------------------------------------------------------------------------
// (a) the submission burst

interface Job {
  filingId: number;
  version: number;
  user: SessionUser;
  delayMs: number;
}
interface JobResult {
  filingId: number;
  outcomes: { ok: boolean; code?: string; version?: number; error?: string; ms: number }[];
}

async function runWorker(spec: { url: string; startAt: number; jobs: Job[] }) {
  const { db } = await openNodeDatabase(spec.url);
  const deps: AppDeps = { db, config: testConfig() };
  const results: JobResult[] = await Promise.all(
    spec.jobs.map(async (job) => {
      await new Promise((r) => setTimeout(r, Math.max(0, spec.startAt + job.delayMs - Date.now())));
      const key = `load-${job.filingId}`;
      const once = async () => {
        const t = performance.now();
        try {
          const r = await svc.act(deps, job.user, job.filingId, "submit", {
            version: job.version,
            idempotencyKey: key,
          });
          return r.ok
            ? { ok: true, version: r.version, ms: performance.now() - t }
            : { ok: false, code: r.code, ms: performance.now() - t };
        } catch (e) {
          const err = e as { code?: string; message?: string; cause?: { code?: string } };
          return {
            ok: false,
            error: `${err.code ?? err.cause?.code ?? ""} ${err.message ?? e}`,
            ms: performance.now() - t,
          };
        }
      };
      // A double click: the same request twice at once.
      const outcomes = await Promise.all([once(), once()]);
      return { filingId: job.filingId, outcomes };
    }),
  );
  process.send!(results);
}

async function burst(orgCount: number, workerCount: number, spreadSeconds: number) {
  const url = freshFile("data/load/burst.db");
  const db = await open(url);
  const [auth] = await db
    .insert(authorities)
    .values({ code: "159900", name: "示范市民政局", regionCode: "159900", level: "city" })
    .returning({ id: authorities.id });
  const orgIds = await insertOrganizations(
    db,
    Array.from({ length: orgCount }, (_, i) => ({
      authorityId: auth!.id,
      regionCode: "159900",
      name: `示范市${WORDS[i % WORDS.length]}${KINDS[i % KINDS.length]}${i + 1}号`,
      type: (["social_group", "private_non_enterprise", "foundation"] as const)[i % 3]!,
      seq: i + 1,
    })),
  );
  const registrarId = await insertUser(db, "registrar", "registrar", null, auth!.id);
  const registrar = sessionUser({
    id: registrarId,
    username: "registrar",
    role: "registrar",
    authorityId: auth!.id,
  });
  const deps: AppDeps = { db, config: testConfig() };
  const window = {
    opensOn: `${THIS_YEAR}-01-01`,
    closesOn: `${THIS_YEAR}-12-31`,
    supervisorDueOn: `${THIS_YEAR}-12-31`,
  };
  const opened = await svc.openYear(deps, registrar, {
    year: YEAR,
    windows: {
      social_group: window,
      private_non_enterprise: window,
      foundation: { ...window, supervisorDueOn: null },
    },
  });
  if (!opened.ok) throw new Error(`openYear: ${opened.message}`);

  // Complete drafts, written directly (filling in is not what is measured).
  const filings = (await db.all(
    sql`SELECT ai.id, ai.org_id, ai.version, o.type FROM annual_inspections ai JOIN organizations o ON o.id = ai.org_id`,
  )) as { id: number; org_id: number; version: number; type: OrgRow["type"] }[];
  const sectionRows: (typeof inspectionSections.$inferInsert)[] = [];
  const jobs: Job[] = [];
  for (const f of filings) {
    const org = {
      id: f.org_id,
      type: f.type,
      name: "",
      legalRepresentative: "张三",
      foundationKind: f.type === "foundation" ? "non_public" : null,
    } as OrgRow;
    const report = demoReport(org, YEAR, createRandom(f.org_id), false) as unknown as Record<string, unknown>;
    for (const s of REPORT_SECTIONS) {
      if (s === "basicInfo" || s === "rectification" || report[s] === undefined) continue;
      sectionRows.push({ filingId: f.id, section: s, data: report[s], savedVersion: f.version });
    }
    const userId = await insertUser(db, `org${f.org_id}`, "org", f.org_id, null);
    jobs.push({
      filingId: f.id,
      version: f.version,
      user: sessionUser({ id: userId, username: `org${f.org_id}`, role: "org", orgId: f.org_id }),
      delayMs: Math.floor(Math.random() * spreadSeconds * 1000),
    });
  }
  for (let i = 0; i < sectionRows.length; i += 300)
    await db.insert(inspectionSections).values(sectionRows.slice(i, i + 300));
  console.log(
    `\n(a) ${orgIds.length} organizations, complete drafts; ${workerCount} processes; each submits twice at once (same key) within ${spreadSeconds} s.`,
  );

  const startAt = Date.now() + 4000;
  const self = fileURLToPath(import.meta.url);
  const perWorker = Array.from({ length: workerCount }, (_, w) =>
    jobs.filter((_, i) => i % workerCount === w),
  );
  const t0 = Date.now();
  const results = (
    await Promise.all(
      perWorker.map(
        (list) =>
          new Promise<JobResult[]>((resolve, reject) => {
            const child = fork(self, ["--worker", JSON.stringify({ url, startAt, jobs: list })], {
              stdio: "inherit",
            });
            let got: JobResult[] | null = null;
            child.on("message", (m) => {
              got = m as JobResult[];
            });
            child.on("exit", (code) => (got ? resolve(got) : reject(new Error(`worker exited ${code}`))));
          }),
      ),
    )
  ).flat();
  const wall = (Date.now() - Math.max(t0, startAt)) / 1000;

  const outcomes = results.flatMap((r) => r.outcomes);
  const landed = results.filter((r) => r.outcomes.some((o) => o.ok)).length;
  const sameAnswer = results.filter((r) =>
    r.outcomes.every((o) => o.ok && o.version === r.outcomes[0]!.version),
  ).length;
  const errors = outcomes.filter((o) => o.error);
  const refusals = new Map<string, number>();
  for (const o of outcomes) if (!o.ok && o.code) refusals.set(o.code, (refusals.get(o.code) ?? 0) + 1);
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const [check] = (await db.all(sql`
    SELECT (SELECT count(*) FROM annual_inspections WHERE state = 'submitted') AS submitted,
           (SELECT count(*) FROM inspection_rounds) AS rounds,
           (SELECT count(*) FROM inspection_transitions WHERE action = 'submit') AS transitions,
           (SELECT count(*) FROM audit_events WHERE action = 'inspection.submit') AS audited,
           (SELECT count(*) FROM notices WHERE authority_id IS NOT NULL) AS notices`)) as Record<
    string,
    number
  >[];
  const chain = await verifyAuditChain(db);
  table(
    [
      "requests",
      "organizations landed",
      "double clicks answered alike",
      "refused",
      "database errors",
      "wall s",
      "p50 ms",
      "p95 ms",
      "max ms",
    ],
    [
      [
        String(outcomes.length),
        `${landed} / ${jobs.length}`,
        `${sameAnswer} / ${jobs.length}`,
        [...refusals].map(([c, n]) => `${c}:${n}`).join(" ") || "0",
        String(errors.length),
        wall.toFixed(1),
        fmt(percentile(ms, 50)),
        fmt(percentile(ms, 95)),
        fmt(ms.at(-1)!),
      ],
    ],
  );
  console.log(
    `Database: ${check!.submitted} filings submitted, ${check!.rounds} rounds, ${check!.transitions} submit transitions, ${check!.audited} audit events, ${check!.notices} reviewer notices; audit chain: ${chain.checked} rows verified, ${chain.firstBroken ? `BROKEN at ${chain.firstBroken.id}` : "intact"}.`,
  );
  for (const e of errors.slice(0, 5)) console.log(`  error: ${e.error}`);
  const fine =
    landed === jobs.length &&
    errors.length === 0 &&
    Number(check!.submitted) === jobs.length &&
    Number(check!.rounds) === jobs.length &&
    Number(check!.transitions) === jobs.length &&
    Number(check!.audited) === jobs.length &&
    !chain.firstBroken;
  return fine;
}

// -----------------------------------------------------------------------------------------------------------------
// (b) the registrar's queue

const STATES = [
  "draft",
  "draft",
  "submitted",
  "submitted",
  "pre_review",
  "returned",
  "supervisor_review",
  "registrar_review",
  "registrar_review",
  "concluded",
  "published",
  "published",
  "published",
  "published",
  "published",
  "published",
  "published",
  "not_filed",
  "submitted",
  "registrar_review",
] as const;

async function queueBench(total: number, iterations: number) {
  const url = freshFile("data/load/queue.db");
  const db = await open(url);
  const t0 = performance.now();
  const [city] = await db
    .insert(authorities)
    .values({ code: "159900", name: "示范市民政局", regionCode: "159900", level: "city" })
    .returning({ id: authorities.id });
  const districts = await db
    .insert(authorities)
    .values(
      Array.from({ length: 10 }, (_, i) => ({
        code: `1599${String(i + 1).padStart(2, "0")}`,
        name: `示范市第${i + 1}区民政局`,
        regionCode: `1599${String(i + 1).padStart(2, "0")}`,
        level: "district" as const,
        parentId: city!.id,
      })),
    )
    .returning({ id: authorities.id, code: authorities.code });
  const all = [{ id: city!.id, code: "159900" }, ...districts];
  await insertOrganizations(
    db,
    Array.from({ length: total }, (_, i) => {
      // The city holds a fifth; each district a tenth of the rest.
      const a = i % 5 === 0 ? all[0]! : all[1 + ((i - Math.floor(i / 5) - 1) % 10)]!;
      return {
        authorityId: a.id,
        regionCode: a.code,
        name: `${WORDS[i % WORDS.length]}${WORDS[(i >> 4) % WORDS.length]}${KINDS[i % KINDS.length]}${i + 1}`,
        type: (["social_group", "private_non_enterprise", "foundation"] as const)[i % 3]!,
        seq: i + 1,
      };
    }),
  );
  const reviewerIds: number[] = [];
  for (let k = 0; k < 5; k++)
    reviewerIds.push(await insertUser(db, `reviewer${k}`, "registrar", null, city!.id));
  const registrar = sessionUser({
    id: reviewerIds[0]!,
    username: "reviewer0",
    role: "registrar",
    authorityId: city!.id,
  });
  const windows = JSON.stringify({
    social_group: {
      opensOn: `${THIS_YEAR}-01-01`,
      closesOn: `${THIS_YEAR}-05-31`,
      supervisorDueOn: `${THIS_YEAR}-03-31`,
    },
    private_non_enterprise: {
      opensOn: `${THIS_YEAR}-01-01`,
      closesOn: `${THIS_YEAR}-05-31`,
      supervisorDueOn: `${THIS_YEAR}-03-31`,
    },
    foundation: { opensOn: `${THIS_YEAR}-01-01`, closesOn: `${THIS_YEAR}-03-31`, supervisorDueOn: null },
  });
  for (const a of all) {
    await db.run(sql`INSERT INTO inspection_years (authority_id, year, windows, cutoff_on, required_count)
      VALUES (${a.id}, ${YEAR}, ${windows}, ${`${YEAR}-06-30`}, 0)`);
  }
  const states = `json_array(${STATES.map((s) => `'${s}'`).join(",")})`;
  await db.run(sql`
    INSERT INTO annual_inspections (year_id, org_id, year, authority_id, org_type, supervision_mode, state, version,
      act_version, round, holder_user_id, state_since, submitted_at, correction_reason, correction_deadline, conclusion,
      concluded_on, warning_count)
    SELECT y.id, o.id, ${YEAR}, o.authority_id, o.type, o.supervision_mode, s.state, 3, 3,
      CASE WHEN s.state IN ('draft', 'not_filed') THEN 0 ELSE 1 END,
      CASE WHEN o.id % 13 = 0 AND s.state IN ('pre_review', 'registrar_review') THEN ${reviewerIds[1]!} END,
      strftime('%Y-%m-%dT%H:%M:%fZ', ${`${THIS_YEAR}-01-02`}, '+' || ((o.id * 7919) % 250000) || ' minutes'),
      CASE WHEN s.state NOT IN ('draft', 'not_filed') THEN ${`${THIS_YEAR}-02-01T02:00:00.000Z`} END,
      CASE WHEN s.state = 'returned' THEN '请补充材料。' END,
      CASE WHEN s.state = 'returned' THEN date(${`${THIS_YEAR}-03-01`}, '+' || (o.id % 300) || ' days') END,
      CASE WHEN s.state IN ('concluded', 'published') THEN json_extract('["qualified","qualified","qualified","basically_qualified","unqualified"]', '$[' || (o.id % 5) || ']') END,
      CASE WHEN s.state IN ('concluded', 'published') THEN ${`${THIS_YEAR}-06-01`} END,
      CASE WHEN o.id % 7 = 0 THEN 2 ELSE 0 END
    FROM organizations o
    JOIN inspection_years y ON y.authority_id = o.authority_id AND y.year = ${YEAR}
    JOIN (SELECT key AS k, value AS state FROM json_each(${sql.raw(`${states}`)})) s ON s.k = ((o.id * 2654435761) >> 8) % ${STATES.length}`);
  await db.run(
    sql`UPDATE inspection_years SET required_count = (SELECT count(*) FROM annual_inspections ai WHERE ai.year_id = inspection_years.id)`,
  );
  await db.run(sql`PRAGMA optimize`);
  await db.run(sql`ANALYZE`);
  const [{ n }] = (await db.all(sql`SELECT count(*) AS n FROM annual_inspections`)) as [{ n: number }];
  console.log(
    `\n(b) ${Number(n).toLocaleString()} filings (a city and 10 districts, built in ${((performance.now() - t0) / 1000).toFixed(1)} s); the city registrar's queue() over its whole scope, ${iterations} calls per class, ms:`,
  );

  const sample = (await db.all(sql`SELECT uscc, name FROM organizations ORDER BY random() LIMIT 200`)) as {
    uscc: string;
    name: string;
  }[];
  let i = 0;
  const next = () => sample[i++ % sample.length]!;
  const tabs = [
    "submitted",
    "pre_review",
    "returned",
    "supervisor_review",
    "registrar_review",
    "concluded",
    "published",
    "not_filed",
    "draft",
  ] as const;
  const base: QueueFilters = { year: YEAR, page: 1, perPage: 20 };
  const classes: { name: string; filters: () => QueueFilters }[] = [
    { name: "default (waiting for the registrar)", filters: () => ({ ...base }) },
    { name: "default, year not given", filters: () => ({ page: 1, perPage: 20 }) },
    { name: "one state tab", filters: () => ({ ...base, state: tabs[i++ % tabs.length] }) },
    {
      name: "type filter",
      filters: () => ({
        ...base,
        type: (["social_group", "private_non_enterprise", "foundation"] as const)[i++ % 3],
      }),
    },
    {
      name: "one district",
      filters: () => ({ ...base, authorityId: districts[i++ % districts.length]!.id }),
    },
    { name: "overdue corrections", filters: () => ({ ...base, overdue: true }) },
    { name: "warnings present", filters: () => ({ ...base, hasWarnings: true }) },
    { name: "name, 1 character", filters: () => ({ ...base, q: Array.from(WORDS[i++ % WORDS.length]!)[0] }) },
    { name: "name, 2 characters", filters: () => ({ ...base, q: WORDS[i++ % WORDS.length] }) },
    {
      name: "name, 4+ characters",
      filters: () => ({ ...base, q: Array.from(next().name).slice(0, 5).join("") }),
    },
    { name: "exact code", filters: () => ({ ...base, q: next().uscc }) },
    { name: "page 20", filters: () => ({ ...base, page: 20 }) },
  ];
  const deps: AppDeps = { db, config: testConfig() };
  const rows: string[][] = [];
  const everything: number[] = [];
  let worstP95 = 0;
  for (const cls of classes) {
    for (let w = 0; w < 10; w++) await svc.queue(deps, registrar, cls.filters());
    const times: number[] = [];
    let shown = 0;
    let totalSeen = 0;
    for (let k = 0; k < iterations; k++) {
      const f = cls.filters();
      const t = performance.now();
      const page = await svc.queue(deps, registrar, f);
      times.push(performance.now() - t);
      shown += page.items.length;
      totalSeen += page.total;
    }
    everything.push(...times);
    times.sort((a, b) => a - b);
    worstP95 = Math.max(worstP95, percentile(times, 95));
    rows.push([
      cls.name,
      String(Math.round(totalSeen / iterations)),
      (shown / iterations).toFixed(0),
      fmt(percentile(times, 50)),
      fmt(percentile(times, 95)),
      fmt(times.at(-1)!),
    ]);
  }
  everything.sort((a, b) => a - b);
  rows.push([
    "all classes",
    "",
    "",
    fmt(percentile(everything, 50)),
    fmt(percentile(everything, 95)),
    fmt(everything.at(-1)!),
  ]);
  table(["class", "avg total", "rows", "p50", "p95", "max"], rows);
  return worstP95 <= 50;
}

// -----------------------------------------------------------------------------------------------------------------

if (values.worker) {
  await runWorker(JSON.parse(values.worker));
  process.exit(0);
} else {
  let ok = true;
  if (!values["skip-burst"]) {
    ok = (await burst(Number(values.orgs), Number(values.workers), Number(values["spread-seconds"]))) && ok;
  }
  if (!values["skip-queue"]) ok = (await queueBench(Number(values.filings), Number(values.iterations))) && ok;
  console.log(ok ? "\nAll targets met." : "\nTARGET MISSED (see above).");
  process.exit(ok ? 0 : 1);
}
