/**
 * 两个覆盖 (R-F3) over what a registrar or 党建 reviewer reads: its authority and, for a city, its districts.
 * 组织覆盖 = an own party organization or a 联合党支部 covering it; 工作覆盖 = that, or at least an instructor/liaison.
 * Both read the confirmed ledger only: a change waiting for confirmation does not count yet.
 */
import { sql } from "drizzle-orm";
import type { AppDeps, SessionUser } from "../context";
import { todayOf } from "../context";
import { SUPERVISION_LABELS, TYPE_LABELS } from "../registry/labels";
import { readAll } from "../registry/read";
import type { CoverageSummary } from "./contract";
import {
  activitiesPerQuarter,
  alertsOfAuthorities,
  type CoverageFilter,
  coverageGroups,
  pendingChanges,
  uncovered,
} from "./queries";
import { PAGE_SIZE, staffAuthorities } from "./service";

const SUPERVISION_WORDS: Record<string, string> = {
  ...SUPERVISION_LABELS,
  supervised: "有业务主管单位（未指定）",
};

export async function coverageTotals(
  deps: AppDeps,
  authorityIds: number[],
): Promise<{ total: number; organizational: number; work: number }> {
  const rows = await coverageGroups(deps.db, { authorityIds }, "type");
  return rows.reduce(
    (acc, r) => ({
      total: acc.total + Number(r.total),
      organizational: acc.organizational + Number(r.organizational),
      work: acc.work + Number(r.work),
    }),
    { total: 0, organizational: 0, work: 0 },
  );
}

export async function coverageSummary(
  deps: AppDeps,
  user: SessionUser,
  filters: { type?: string; supervisorUnitId?: number },
  page: number,
): Promise<CoverageSummary> {
  const authorityIds = await staffAuthorities(deps, user);
  const f: CoverageFilter = { authorityIds, ...filters };
  const today = todayOf(deps);
  const since = `${Number(today.slice(0, 4)) - 1}-01-01`;
  const [byAuthority, byType, bySupervisor, missing, pending, alerts, quarters, authorities, units] =
    await Promise.all([
      coverageGroups(deps.db, f, "authority"),
      coverageGroups(deps.db, f, "type"),
      coverageGroups(deps.db, f, "supervisor"),
      uncovered(deps.db, f, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      pendingChanges(deps.db, authorityIds),
      alertsOfAuthorities(deps.db, authorityIds),
      activitiesPerQuarter(deps.db, authorityIds, since),
      deps.db.all(sql`SELECT id, name FROM authorities`) as Promise<{ id: number; name: string }[]>,
      deps.db.all(sql`SELECT id, name FROM supervisor_units ORDER BY name`) as Promise<
        { id: number; name: string }[]
      >,
    ]);
  const authorityName = new Map(authorities.map((a) => [String(a.id), a.name]));
  const unitName = new Map(units.map((u) => [String(u.id), u.name]));
  const num = <T extends { total: unknown; organizational: unknown; work: unknown }>(r: T) => ({
    ...r,
    total: Number(r.total),
    organizational: Number(r.organizational),
    work: Number(r.work),
  });
  const totals = byType.map(num).reduce(
    (acc, r) => ({
      total: acc.total + r.total,
      organizational: acc.organizational + r.organizational,
      work: acc.work + r.work,
    }),
    { total: 0, organizational: 0, work: 0 },
  );
  return {
    ...totals,
    groups: [
      {
        dimension: "authority",
        rows: byAuthority.map((r) => ({ ...num(r), label: authorityName.get(String(r.key)) ?? "—" })),
      },
      {
        dimension: "type",
        rows: byType.map((r) => ({
          ...num(r),
          label: TYPE_LABELS[r.key as keyof typeof TYPE_LABELS] ?? "—",
        })),
      },
      {
        dimension: "supervisor",
        rows: bySupervisor.map((r) => ({
          ...num(r),
          label: unitName.get(String(r.key)) ?? SUPERVISION_WORDS[String(r.key)] ?? "—",
        })),
      },
    ],
    uncovered: missing.rows.map((r) => ({
      ...r,
      authorityName: authorityName.get(String(r.authorityId)) ?? "",
    })),
    uncoveredTotal: missing.total,
    page,
    pageSize: PAGE_SIZE,
    pending,
    alerts,
    quarters: quarters.map((q) => ({ ...q, n: Number(q.n), orgs: Number(q.orgs) })),
    filters,
    types: Object.entries(TYPE_LABELS).map(([value, label]) => ({ value, label })),
    units: units.map((u) => ({ value: String(u.id), label: u.name })),
  };
}

/** The registrar home's party figures (R-F3): both coverages, changes waiting, terms overdue. */
export async function partyHomeFigures(
  deps: AppDeps,
  user: SessionUser,
): Promise<{ total: number; organizational: number; work: number; pending: number; overdue: number }> {
  const ids = await staffAuthorities(deps, user);
  const [totals, pending, alerts] = await Promise.all([
    coverageTotals(deps, ids),
    pendingChanges(deps.db, ids),
    alertsOfAuthorities(deps.db, ids),
  ]);
  return {
    ...totals,
    pending: pending.length,
    overdue: alerts.filter((a) => a.kind === "term_overdue").length,
  };
}

/** What the organization's home says of its ledger: a change waiting, a term alert. */
export async function portalPartyStatus(
  deps: AppDeps,
  orgId: number,
): Promise<{ pending: boolean; alert: "term_due" | "term_overdue" | null }> {
  const [row] = (await readAll(
    deps.db,
    sql`SELECT
      EXISTS (SELECT 1 FROM party_org_versions WHERE org_id = ${orgId} AND state = 'pending') AS pending,
      (SELECT kind FROM party_alerts WHERE org_id = ${orgId} AND closed_on IS NULL ORDER BY kind DESC LIMIT 1) AS alert`,
  )) as {
    pending: number;
    alert: "term_due" | "term_overdue" | null;
  }[];
  return { pending: Boolean(row?.pending), alert: row?.alert ?? null };
}

/**
 * domain.md §8: the public sees nothing of the ledger except, where the locality publishes it (a setting), whether
 * the organization has a party organization — its own, or a 联合党支部 covering it. Null when not published.
 */
export async function publicPartyOrg(deps: AppDeps, orgId: number): Promise<boolean | null> {
  if (!deps.config.domain.publishPartyOrgExistence) return null;
  const [row] = (await readAll(
    deps.db,
    sql`SELECT
      EXISTS (SELECT 1 FROM party_org_versions WHERE org_id = ${orgId} AND state = 'confirmed'
        AND superseded_on IS NULL AND has_party_org = 1)
      OR EXISTS (SELECT 1 FROM party_org_versions j, json_each(j.covered_org_ids) e WHERE j.state = 'confirmed'
        AND j.superseded_on IS NULL AND j.org_type = 'joint_branch' AND e.value = ${orgId}) AS has`,
  )) as {
    has: number;
  }[];
  return Boolean(row?.has);
}
