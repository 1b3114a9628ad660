/** The role homes: one `loadHome` gathers what the signed-in user's home shows, whatever the role. */

import { readableAuthorityIds } from "../auth/scope";
import type { AppDeps, SessionUser } from "../context";
import { inspectionService as inspection } from "../inspection/service";
import { partyHomeFigures, portalPartyStatus } from "../party/coverage";
import { STATUS_LABELS } from "../registry/labels";
import { zombieHomeFigures } from "../zombie/stats";
import type {
  AdminHomeData,
  HomeData,
  PortalHomeData,
  PortalInspectionHome,
  RegistrarHomeData,
  ReviewInspectionHome,
  SupervisorHomeData,
} from "./contract";
import { adminCounts, authoritiesByIds, orgWithAuthority, registrarCounts, supervisedOrgs } from "./queries";

export const SUPERVISOR_PAGE_SIZE = 50;

export interface HomeOptions {
  /** The page of the supervisor's list of organizations (1-based, capped at 10,000). */
  page?: number;
}

/** What the home of `user`'s role shows (`role` in the answer names which home); the party role has none here. */
export async function loadHome(
  deps: AppDeps,
  user: SessionUser,
  options: HomeOptions = {},
): Promise<HomeData> {
  switch (user.role) {
    case "registrar":
      return registrarHome(deps, user);
    case "supervisor":
      return supervisorHome(deps, user, options.page ?? 1);
    case "org":
      return portalHome(deps, user);
    case "admin":
      return adminHome(deps);
    default:
      throw new Error(`No home for the role ${user.role}`);
  }
}

async function registrarHome(deps: AppDeps, user: SessionUser): Promise<RegistrarHomeData> {
  const authorityId = user.authorityId!;
  const auths = await authoritiesByIds(deps.db, await readableAuthorityIds(deps.db, user));
  const counts = await registrarCounts(deps.db, authorityId);
  return {
    role: "registrar",
    authorityName: auths.find((a) => a.id === authorityId)?.name ?? "",
    readable: auths.map((a) => ({ code: a.code, name: a.name, own: a.id === authorityId })),
    counts,
    party: await partyHomeFigures(deps, user),
    zombie: await zombieHomeFigures(deps, user),
    inspection: await reviewInspectionHome(deps, user),
  };
}

async function supervisorHome(
  deps: AppDeps,
  user: SessionUser,
  requested: number,
): Promise<SupervisorHomeData> {
  const page = Math.max(1, Math.min(10_000, requested));
  const { unitName, total, rows } = await supervisedOrgs(
    deps.db,
    user.supervisorUnitId!,
    page,
    SUPERVISOR_PAGE_SIZE,
  );
  return {
    role: "supervisor",
    unitName,
    rows: rows.map((r) => ({ ...r, statusLabel: STATUS_LABELS[r.status] })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / SUPERVISOR_PAGE_SIZE)),
    inspection: await reviewInspectionHome(deps, user),
  };
}

async function portalHome(deps: AppDeps, user: SessionUser): Promise<PortalHomeData> {
  const row = await orgWithAuthority(deps.db, user.orgId!);
  if (!row) throw new Error(`Organization ${user.orgId} of user ${user.id} not found`);
  const { org, authorityName } = row;
  return {
    role: "org",
    org: { name: org.name, uscc: org.uscc, statusLabel: STATUS_LABELS[org.status], authorityName },
    inspection: await portalInspectionHome(deps, user),
    party: await portalPartyStatus(deps, org.id),
  };
}

async function adminHome(deps: AppDeps): Promise<AdminHomeData> {
  const n = await adminCounts(deps.db);
  return {
    role: "admin",
    counts: [
      { label: "工作人员账号", value: n.staff, href: "/admin/users" },
      { label: "社会组织账号", value: n.orgUsers, href: "/admin/audit?action=account." },
      { label: "登记管理机关", value: n.authorities, href: "/admin/authorities" },
      { label: "业务主管单位", value: n.units, href: "/admin/supervisor-units" },
    ],
  };
}

/** The registrar's and the supervisor's 年检 panel: the latest year's queue, its rates (R-C10), unread notices. */
async function reviewInspectionHome(deps: AppDeps, user: SessionUser): Promise<ReviewInspectionHome> {
  const base = user.role === "supervisor" ? "/supervisor" : "/registrar";
  const years = await inspection.listYears(deps, user);
  const year = years.length ? Math.max(...years.map((y) => y.year)) : null;
  const [queue, rates, notices] = await Promise.all([
    year === null
      ? Promise.resolve({ items: [], total: 0, countsByState: {} })
      : inspection.queue(deps, user, { year, page: 1, perPage: 1 }),
    year === null || base === "/supervisor" ? Promise.resolve([]) : inspection.rates(deps, user, year),
    inspection.notices(deps, user, true),
  ]);
  return { base, year, queue, rates, notices };
}

/** The organization's 年检 panel: its current filing and history, the next step, its notices. */
async function portalInspectionHome(deps: AppDeps, user: SessionUser): Promise<PortalInspectionHome> {
  const [home, notices] = await Promise.all([inspection.orgHome(deps, user), inspection.notices(deps, user)]);
  return { ...home, notices };
}
