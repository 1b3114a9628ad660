/**
 * The zombie signals' daily job (registered in src/jobs/registry.ts): recomputes R-E1's signals for every active
 * organization in batches, opens a signal the first day it holds and closes it the first day it stops, never deleting
 * one. Idempotent: a second run the same day finds nothing to open or close. Thresholds are settings
 * (`missedInspectionThreshold` per type, `zombieCountsUnqualified`, `unreachableLetterIntervalDays`).
 */
import { sql } from "drizzle-orm";
import { commitWithAudit, systemActor } from "../audit/audit";
import type { AppDeps } from "../context";
import type { BatchItem } from "../db";
import type { LetterFact } from "../domain/credit";
import { cnDate } from "../domain/dates";
import {
  type ActivityFact,
  type FilingFact,
  missedInspections,
  noActivityAfterCertificate,
  noInScopeActivitySince,
  unreachable,
  ZOMBIE_SIGNAL_LABELS,
  type ZombieSignal,
} from "../domain/zombie";
import type { Job, JobItem } from "../jobs/types";

const BATCH = 2000;
const FILED = new Set([
  "submitted",
  "pre_review",
  "supervisor_review",
  "registrar_review",
  "concluded",
  "published",
  "returned",
]);

interface OrgRow {
  id: number;
  authorityId: number;
  type: "social_group" | "private_non_enterprise" | "foundation";
  name: string;
  certificateIssuedOn: string | null;
  registeredOn: string | null;
}

/** Filed states as SQL, for the activities a report lists (a draft or a 未参检 filing lists none). */
export const FILED_SQL = sql.raw([...FILED].map((s) => `'${s}'`).join(", "));
/** An activity is off-scope when the registrar recorded a problem on the report's activities saying so (R-E1(c)). */
export const OFF_SCOPE = sql.raw(`EXISTS (SELECT 1 FROM inspection_problems p WHERE p.filing_id = f.id
  AND p.section = 'activities' AND p.description LIKE '%业务范围%')`);

const cnYears = (years: number[]) => `${[...years].sort().join("、")}年度`;

/** The signals that hold for one organization today, with their facts in words. */
export function signalsFor(
  deps: AppDeps,
  org: OrgRow,
  filings: FilingFact[],
  letters: LetterFact[],
  today: string,
  recordsSince: string | null,
  activities: ActivityFact[] = [],
): Map<ZombieSignal, string> {
  const s = deps.config.domain;
  const out = new Map<ZombieSignal, string>();
  const years = missedInspections(filings, s.missedInspectionThreshold[org.type], s.zombieCountsUnqualified);
  if (years)
    out.set(
      "missed_inspections",
      `${cnYears(years)}连续未参检${s.zombieCountsUnqualified ? "或不合格" : ""}（R-E1(a)）`,
    );
  const end = noActivityAfterCertificate(
    org.certificateIssuedOn,
    today,
    {
      filedAnyInspection: filings.some((f) => FILED.has(f.state)),
      recordedActivity: false,
    },
    recordsSince,
  );
  if (end)
    out.set(
      "no_activity_after_certificate",
      `${cnDate(org.certificateIssuedOn)}发证，至${cnDate(end)}未报送年检、未记录活动（R-A10）`,
    );
  const since = s.zombieNoActivitySince;
  const quiet = noInScopeActivitySince(
    since,
    today,
    org.registeredOn,
    filings.filter((f) => f.state !== "draft").map((f) => f.year),
    activities,
  );
  if (quiet)
    out.set(
      "no_in_scope_activity",
      `${cnDate(since)}以来，${cnYears(quiet)}报告均未列出业务范围内的活动（R-E1(c)）`,
    );
  const pair = unreachable(letters, s.unreachableLetterIntervalDays);
  if (pair)
    out.set(
      "unreachable",
      `${cnDate(pair[0].sentOn)}、${cnDate(pair[1].sentOn)}寄往登记住所的信件均未签收（R-D2）`,
    );
  return out;
}

/**
 * R-E1(c): organizations that could hold the no-in-scope-activity signal — a report due for a year from the set date
 * on, and no filed report listing an in-scope activity since. Empty when unset.
 */
function quietCandidates(deps: AppDeps, today: string) {
  const since = deps.config.domain.zombieNoActivitySince;
  if (since === null || today < since) return sql``;
  const year = Number(since.slice(0, 4));
  // A superset is enough (each organization is then judged by the rule): no read of the organizations here, and only
  // the reports for the years from the date on can list an activity since it.
  return sql`
    UNION SELECT * FROM (SELECT f.org_id FROM annual_inspections f WHERE f.year >= ${year} AND f.state <> 'draft'
      EXCEPT SELECT f.org_id FROM inspection_sections s JOIN annual_inspections f ON f.id = s.filing_id,
          json_each(s.data, '$.items') j
        WHERE s.section = 'activities' AND f.year >= ${year} AND f.state IN (${FILED_SQL})
          AND json_extract(j.value, '$.date') BETWEEN ${since} AND ${today} AND NOT ${OFF_SCOPE})`;
}

/** The activities listed in each organization's filed reports, with whether each was marked off-scope (R-E1(c)). */
async function activitiesOf(deps: AppDeps, ids: ReturnType<typeof sql.join>) {
  const out = new Map<number, ActivityFact[]>();
  if (deps.config.domain.zombieNoActivitySince === null) return out;
  const rows = (await deps.db.all(sql`SELECT f.org_id AS "orgId", json_extract(j.value, '$.date') AS date,
      ${OFF_SCOPE} AS "offScope"
    FROM annual_inspections f
    JOIN inspection_sections s ON s.filing_id = f.id AND s.section = 'activities', json_each(s.data, '$.items') j
    WHERE f.org_id IN (${ids}) AND f.state IN (${FILED_SQL})`)) as {
    orgId: number;
    date: string | null;
    offScope: number;
  }[];
  for (const r of rows) {
    if (typeof r.date !== "string") continue;
    out.set(r.orgId, [...(out.get(r.orgId) ?? []), { date: r.date, inScope: !Number(r.offScope) }]);
  }
  return out;
}

export const zombieSignalsJob: Job = {
  name: "zombie-signals",
  title: "僵尸型社会组织信号",
  description:
    "逐一计算每个正常状态组织的僵尸型信号：连续未参检（年数按类型设置）、取得证书后一年内未开展活动、设定日期以来未开展业务范围内活动、通过登记住所无法联系；信号成立时开启，不再成立时关闭并记录日期，不自动作出任何处理（R-E1、R-E2）。",
  async run(deps, today, { dryRun }) {
    const items: JobItem[] = [];
    let opened = 0;
    let closed = 0;
    // R-A10 is judged only for certificates issued since the first inspection year the system holds.
    const [first] = (await deps.db.all(sql`SELECT min(year) AS y FROM inspection_years`)) as {
      y: number | null;
    }[];
    const recordsSince = first?.y ? `${first.y}-01-01` : null;
    // Only organizations that can hold a signal are read: one with a missed (or, by setting, failed) year, one whose
    // certificate is recent enough for R-A10, one with two unsigned letters, one with a signal open. A signal needs one
    // of these facts, so the others cannot have one, and the daily pass over a national register reads a fraction of it.
    const unqualified = deps.config.domain.zombieCountsUnqualified
      ? sql` OR conclusion = 'unqualified'`
      : sql``;
    const candidates = (
      (await deps.db.all(sql`
        SELECT org_id AS id FROM annual_inspections WHERE state = 'not_filed'${unqualified}
        UNION SELECT o.id FROM organizations o WHERE o.status = 'active' AND o.certificate_issued_on IS NOT NULL
          AND o.certificate_issued_on >= ${recordsSince ?? "9999-12-31"} AND o.certificate_issued_on <= ${today}
          AND NOT EXISTS (SELECT 1 FROM annual_inspections f WHERE f.org_id = o.id
            AND f.state NOT IN ('draft', 'not_filed'))
        UNION SELECT org_id FROM letters WHERE addressee = 'registered_address' AND outcome = 'unsigned'
          GROUP BY org_id HAVING count(*) >= 2
        UNION SELECT org_id FROM zombie_signals WHERE closed_on IS NULL${quietCandidates(deps, today)}
        ORDER BY 1`)) as { id: number }[]
    ).map((r) => Number(r.id));
    for (let i = 0; i < candidates.length; i += BATCH) {
      const chunk = candidates.slice(i, i + BATCH);
      const ids = sql.join(
        chunk.map((id) => sql`${id}`),
        sql`, `,
      );
      const orgs = (await deps.db.all(sql`
        SELECT id, authority_id AS "authorityId", type, name, certificate_issued_on AS "certificateIssuedOn",
          registered_on AS "registeredOn"
        FROM organizations WHERE status = 'active' AND id IN (${ids}) ORDER BY id`)) as OrgRow[];
      if (orgs.length === 0) continue;
      const lo = orgs[0]!.id;
      const after = orgs.at(-1)!.id;
      const filings =
        (await deps.db.all(sql`SELECT org_id AS "orgId", year, state, conclusion FROM annual_inspections
        WHERE org_id IN (${ids})`)) as (FilingFact & { orgId: number })[];
      const letters =
        (await deps.db.all(sql`SELECT org_id AS "orgId", sent_on AS "sentOn", outcome FROM letters
        WHERE org_id IN (${ids}) AND addressee = 'registered_address'`)) as (LetterFact & {
          orgId: number;
        })[];
      const activities = await activitiesOf(deps, ids);
      const open = (await deps.db.all(sql`SELECT id, org_id AS "orgId", signal FROM zombie_signals
        WHERE org_id IN (${ids}) AND closed_on IS NULL`)) as {
        id: number;
        orgId: number;
        signal: ZombieSignal;
      }[];
      const group = <T extends { orgId: number }>(rows: T[]) => {
        const m = new Map<number, T[]>();
        for (const r of rows) m.set(r.orgId, [...(m.get(r.orgId) ?? []), r]);
        return m;
      };
      const filingsOf = group(filings);
      const lettersOf = group(letters);
      const openOf = group(open);
      const statements: BatchItem[] = [];
      for (const org of orgs) {
        const holds = signalsFor(
          deps,
          org,
          filingsOf.get(org.id) ?? [],
          lettersOf.get(org.id) ?? [],
          today,
          recordsSince,
          activities.get(org.id) ?? [],
        );
        const current = openOf.get(org.id) ?? [];
        for (const [signal, facts] of holds) {
          if (current.some((c) => c.signal === signal)) continue;
          opened++;
          items.push({ orgId: org.id, label: org.name, reason: `${ZOMBIE_SIGNAL_LABELS[signal]}：${facts}` });
          statements.push(
            deps.db.run(sql`INSERT INTO zombie_signals (org_id, authority_id, signal, facts, first_seen_on)
              VALUES (${org.id}, ${org.authorityId}, ${signal}, ${facts}, ${today})`),
          );
        }
        for (const c of current) {
          if (holds.has(c.signal)) continue;
          closed++;
          items.push({
            orgId: org.id,
            label: org.name,
            reason: `${ZOMBIE_SIGNAL_LABELS[c.signal]}：不再成立，关闭`,
          });
          statements.push(
            deps.db.run(sql`UPDATE zombie_signals SET closed_on = ${today} WHERE id = ${c.id}`),
          );
        }
      }
      // Organizations no longer active (deregistered, revoked) close their signals too.
      if (!dryRun && statements.length > 0) {
        await commitWithAudit(deps.db, systemActor(this.name), statements, {
          action: "zombie.signals",
          objectType: "zombie_signals",
          summary: { today, from: lo, to: after, changes: statements.length },
        });
      }
    }
    const stale =
      (await deps.db.all(sql`SELECT s.id, s.org_id AS "orgId", s.signal, o.name FROM zombie_signals s
      JOIN organizations o ON o.id = s.org_id WHERE s.closed_on IS NULL AND o.status <> 'active'`)) as {
        id: number;
        orgId: number;
        signal: ZombieSignal;
        name: string;
      }[];
    for (const s of stale)
      items.push({
        orgId: s.orgId,
        label: s.name,
        reason: `${ZOMBIE_SIGNAL_LABELS[s.signal]}：组织已终止，关闭`,
      });
    closed += stale.length;
    if (!dryRun && stale.length > 0) {
      await commitWithAudit(
        deps.db,
        systemActor(this.name),
        stale.map((s) => deps.db.run(sql`UPDATE zombie_signals SET closed_on = ${today} WHERE id = ${s.id}`)),
        {
          action: "zombie.signals",
          objectType: "zombie_signals",
          summary: { today, closedTerminated: stale.length },
        },
      );
    }
    return {
      changed: opened + closed,
      summary: `${dryRun ? "将" : "已"}开启信号 ${opened} 个，关闭 ${closed} 个`,
      items: items.slice(0, 500),
    };
  },
};
