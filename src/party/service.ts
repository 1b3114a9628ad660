/**
 * The party-building ledger (党建工作台账, R-F4) as use cases. The organization keeps its ledger; a change to the party
 * organization itself (type, approval, 书记, committee, instructor) waits as `pending` beside the confirmed version
 * until a registrar or the 党建 reviewer of its authority confirms it (or returns it with a reason). Member counts and
 * activity records count as recorded. Everything is kept: the ledger as it was on any day can be shown.
 */
import { sql } from "drizzle-orm";
import { partyActivities, partyMemberCounts, partyOrgVersions } from "../../db/schema";
import { commitVersioned, commitWithAudit } from "../audit/audit";
import { actorOf, findOrgFor, readableAuthorityIds } from "../auth/scope";
import { type AppDeps, type SessionUser, todayOf } from "../context";
import { isStaleWrite, staleGuard } from "../db";
import { coverageOf, type PartyFacts, partyFindings, termEndOn, termStatus } from "../domain/party";
import { checkAttachment, cleanFilename } from "../storage/uploads";
import type { CountsRow, LedgerOrg, LedgerView, PartyOrgRecord, Result } from "./contract";
import {
  activitiesOf,
  alertsOfOrg,
  confirmedOn,
  countsOf,
  jointBranchesCovering,
  versionsOf,
} from "./queries";

const nowIso = (deps: AppDeps) => (deps.now?.() ?? new Date()).toISOString();

export const PAGE_SIZE = 20;

interface Access {
  org: LedgerOrg;
  mayEdit: boolean;
  mayConfirm: boolean;
}

/** Who may see this organization's ledger: itself, and the registrars and 党建 reviewers of its authority (or above). */
async function accessTo(deps: AppDeps, user: SessionUser, uscc: string): Promise<Access | null> {
  if (user.role !== "org" && user.role !== "registrar" && user.role !== "party") return null;
  const found = await findOrgFor(deps.db, user, uscc);
  if (!found) return null;
  const o = found.org;
  const [a] = (await deps.db.all(sql`SELECT name FROM authorities WHERE id = ${o.authorityId}`)) as {
    name: string;
  }[];
  return {
    org: {
      id: o.id,
      uscc: o.uscc,
      name: o.name,
      type: o.type,
      authorityId: o.authorityId,
      authorityName: a?.name ?? "",
      supervisionMode: o.supervisionMode,
      supervisor: o.supervisor,
    },
    mayEdit: user.role === "org" && user.orgId === o.id,
    mayConfirm: (user.role === "registrar" || user.role === "party") && user.authorityId === o.authorityId,
  };
}

/** The facts R-F1 reads, from a confirmed version and the latest counts. */
export function factsOf(
  v: PartyOrgRecord | null,
  counts: CountsRow | null,
  coveredByJoint: boolean,
): PartyFacts {
  return {
    hasPartyOrg: v?.hasPartyOrg ?? false,
    orgType: v?.orgType ?? null,
    fullMembers: counts?.fullMembers ?? 0,
    probationaryMembers: counts?.probationaryMembers ?? 0,
    hasBranchCommittee: (v?.committeeSize ?? 0) > 0,
    committeeSize: v?.committeeSize ?? null,
    coveredUnits: v?.orgType === "joint_branch" ? v.coveredOrgs.length + 1 : null,
    hasInstructor: Boolean(v?.instructorName),
    coveredByJointBranch: coveredByJoint,
  };
}

export async function ledger(
  deps: AppDeps,
  user: SessionUser,
  uscc: string,
  options: { asOf?: string; page?: number } = {},
): Promise<LedgerView | null> {
  const access = await accessTo(deps, user, uscc);
  if (!access) return null;
  const today = todayOf(deps);
  const asOf = options.asOf && options.asOf < today ? options.asOf : today;
  const orgId = access.org.id;
  const page = Math.max(1, Math.min(options.page ?? 1, 10_000));
  const [history, countsHistory, activities, coveredBy, alerts] = await Promise.all([
    versionsOf(deps.db, orgId),
    countsOf(deps.db, orgId),
    activitiesOf(deps.db, orgId, asOf, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    jointBranchesCovering(deps.db, orgId),
    alertsOfOrg(deps.db, orgId),
  ]);
  const confirmed = confirmedOn(history, asOf);
  const counts = countsHistory.find((c) => c.asOf <= asOf) ?? null;
  // Joint coverage is known for today only (the other organizations' histories are theirs).
  const coveredByJoint = asOf === today && coveredBy.length > 0;
  const facts = factsOf(confirmed, counts, coveredByJoint);
  return {
    org: access.org,
    asOf,
    today,
    confirmed,
    pending: asOf === today ? (history.find((v) => v.state === "pending") ?? null) : null,
    history,
    counts,
    countsHistory: countsHistory.filter((c) => c.asOf <= asOf),
    activities: activities.rows,
    activitiesTotal: activities.total,
    page,
    pageSize: PAGE_SIZE,
    coveredBy: asOf === today ? coveredBy : [],
    findings: counts || confirmed ? partyFindings(facts, deps.config.domain.prechecks.party) : [],
    term: termStatus(confirmed?.hasPartyOrg ? confirmed.termEnd : null, asOf),
    coverage: coverageOf({
      hasPartyOrg: facts.hasPartyOrg,
      coveredByJointBranch: coveredByJoint,
      hasInstructor: facts.hasInstructor,
    }),
    alerts: asOf === today ? alerts : [],
    mayEdit: access.mayEdit,
    mayConfirm: access.mayConfirm,
  };
}

// Changes to the party organization -----------------------------------------------------------------------------------

export interface PartyOrgInput {
  hasPartyOrg: boolean;
  orgType?: PartyOrgRecord["orgType"] & string;
  name?: string;
  approvalDoc?: string;
  approvedOn?: string;
  parentOrg?: string;
  leadingBody?: string;
  coveredUsccs: string[];
  secretaryName?: string;
  secretaryIsOfficer: boolean;
  committeeSize?: number;
  committeeMembers?: string;
  termStart?: string;
  termEnd?: string;
  inCharter: boolean;
  instructorName?: string;
  instructorUnit?: string;
  instructorAppointedOn?: string;
  note?: string;
  /** The pending version being revised, when there is one. */
  version?: number;
}

/** Submits a change for confirmation: a new pending version, or a revision of the one already waiting. */
export async function submitChange(
  deps: AppDeps,
  user: SessionUser,
  uscc: string,
  input: PartyOrgInput,
  ip: string | null,
): Promise<Result<{ versionId: number }>> {
  const access = await accessTo(deps, user, uscc);
  if (!access) return { ok: false, code: "not_found", message: "没有找到该组织。" };
  if (!access.mayEdit) return { ok: false, code: "forbidden", message: "党建台账由本组织填报。" };
  const orgId = access.org.id;

  // R-F1: a 联合党支部 covers registered organizations, at most five besides this one.
  const coveredIds: number[] = [];
  if (input.hasPartyOrg && input.orgType === "joint_branch") {
    for (const code of input.coveredUsccs) {
      const [o] = (await deps.db.all(
        sql`SELECT id, status FROM organizations WHERE uscc = ${code} LIMIT 1`,
      )) as { id: number; status: string }[];
      if (!o) return invalid("coveredUsccs", `统一社会信用代码 ${code} 不是已登记的社会组织，请核对。`);
      if (o.id === orgId) return invalid("coveredUsccs", "覆盖单位中不必填写本组织自身。");
      if (o.status !== "active")
        return invalid("coveredUsccs", `${code} 的登记状态不是正常，不能作为覆盖单位。`);
      if (!coveredIds.includes(o.id)) coveredIds.push(o.id);
    }
    if (coveredIds.length === 0) {
      return invalid("coveredUsccs", "联合党支部请填写所覆盖的其他单位的统一社会信用代码（1至5个）。");
    }
  }
  const has = input.hasPartyOrg;
  const values = {
    hasPartyOrg: has,
    orgType: has ? (input.orgType ?? null) : null,
    name: has ? (input.name ?? null) : null,
    approvalDoc: has ? (input.approvalDoc ?? null) : null,
    approvedOn: has ? (input.approvedOn ?? null) : null,
    parentOrg: has ? (input.parentOrg ?? null) : null,
    leadingBody: input.leadingBody ?? null,
    coveredOrgIds: coveredIds,
    secretaryName: has ? (input.secretaryName ?? null) : null,
    secretaryIsOfficer: has && input.secretaryIsOfficer,
    committeeSize: has ? (input.committeeSize ?? null) : null,
    committeeMembers: has ? (input.committeeMembers ?? null) : null,
    termStart: has ? (input.termStart ?? null) : null,
    // R-F2: a term is three years unless the organization records another end.
    termEnd: has ? (input.termEnd ?? (input.termStart ? termEndOn(input.termStart) : null)) : null,
    inCharter: input.inCharter,
    instructorName: input.instructorName ?? null,
    instructorUnit: input.instructorName ? (input.instructorUnit ?? null) : null,
    instructorAppointedOn: input.instructorName ? (input.instructorAppointedOn ?? null) : null,
    note: input.note ?? null,
    submittedBy: user.id,
    submittedAt: nowIso(deps),
  };
  const [pending] = (await deps.db.all(
    sql`SELECT id, version FROM party_org_versions WHERE org_id = ${orgId} AND state = 'pending'`,
  )) as { id: number; version: number }[];
  try {
    if (pending) {
      if (input.version !== pending.version) return stale();
      await commitWithAudit(
        deps.db,
        actorOf(user, ip),
        [
          deps.db
            .update(partyOrgVersions)
            .set({ ...values, version: sql`version + 1` })
            .where(sql`id = ${pending.id} AND state = 'pending' AND version = ${pending.version}`),
          staleGuard(deps.db),
        ],
        {
          action: "party.change.revise",
          objectType: "party_org_version",
          objectId: pending.id,
          orgId,
          summary: { hasPartyOrg: has, name: values.name, secretary: values.secretaryName },
        },
      );
      return { ok: true, versionId: pending.id };
    }
    // The new row and its audit event land together (the unique index refuses a second pending version).
    await commitWithAudit(
      deps.db,
      actorOf(user, ip),
      [
        deps.db
          .insert(partyOrgVersions)
          .values({ ...values, orgId, authorityId: access.org.authorityId, state: "pending" }),
      ],
      {
        action: "party.change.submit",
        objectType: "organization",
        objectId: orgId,
        orgId,
        summary: { hasPartyOrg: has, name: values.name, secretary: values.secretaryName },
      },
    );
    const [row] = (await deps.db.all(
      sql`SELECT id FROM party_org_versions WHERE org_id = ${orgId} AND state = 'pending'`,
    )) as { id: number }[];
    return { ok: true, versionId: row?.id ?? 0 };
  } catch (e) {
    if (isStaleWrite(e)) return stale();
    if (String((e as Error)?.message ?? e).includes("UNIQUE")) return stale();
    throw e;
  }
}

export async function withdrawChange(
  deps: AppDeps,
  user: SessionUser,
  uscc: string,
  version: number,
  ip: string | null,
): Promise<Result> {
  const access = await accessTo(deps, user, uscc);
  if (!access) return { ok: false, code: "not_found", message: "没有找到该组织。" };
  if (!access.mayEdit) return { ok: false, code: "forbidden", message: "只有本组织可以撤回待确认的变更。" };
  const [pending] = (await deps.db.all(
    sql`SELECT id FROM party_org_versions WHERE org_id = ${access.org.id} AND state = 'pending'`,
  )) as { id: number }[];
  if (!pending) return { ok: false, code: "conflict", message: "没有待确认的变更。" };
  const done = await commitVersioned(
    deps.db,
    actorOf(user, ip),
    [
      deps.db
        .update(partyOrgVersions)
        .set({ state: "withdrawn", version: sql`version + 1` })
        .where(sql`id = ${pending.id} AND state = 'pending' AND version = ${version}`),
    ],
    [],
    {
      action: "party.change.withdraw",
      objectType: "party_org_version",
      objectId: pending.id,
      orgId: access.org.id,
    },
  );
  return done === "stale" ? stale() : { ok: true };
}

/** The registrar or 党建 reviewer of the organization's authority confirms a pending change, or returns it with a reason. */
export async function decideChange(
  deps: AppDeps,
  user: SessionUser,
  uscc: string,
  input: { versionId: number; version: number; decision: "confirm" | "reject"; reason?: string },
  ip: string | null,
): Promise<Result> {
  const access = await accessTo(deps, user, uscc);
  if (!access) return { ok: false, code: "not_found", message: "没有找到该组织。" };
  if (!access.mayConfirm) {
    return {
      ok: false,
      code: "forbidden",
      message: "只有该组织所属登记管理机关或党建工作机构可以确认台账变更。",
    };
  }
  const orgId = access.org.id;
  const [pending] = (await deps.db.all(
    sql`SELECT id FROM party_org_versions WHERE id = ${input.versionId} AND org_id = ${orgId} AND state = 'pending'`,
  )) as { id: number }[];
  if (!pending) return { ok: false, code: "stale", message: "该变更已被处理或撤回，请刷新后查看。" };
  if (input.decision === "reject" && !input.reason) {
    return invalid("reason", "退回时请写明理由，便于组织修改后重新报送。");
  }
  const today = todayOf(deps);
  const decided = {
    decidedBy: user.id,
    decidedAt: nowIso(deps),
    decisionReason: input.reason ?? null,
    version: sql`version + 1`,
  };
  const guard = sql`id = ${pending.id} AND state = 'pending' AND version = ${input.version}`;
  const done = await commitVersioned(
    deps.db,
    actorOf(user, ip),
    input.decision === "confirm"
      ? [
          // The confirmed version it replaces stays, closed the day this one starts to count.
          deps.db.run(sql`UPDATE party_org_versions SET superseded_on = ${today}
            WHERE org_id = ${orgId} AND state = 'confirmed' AND superseded_on IS NULL
              AND EXISTS (SELECT 1 FROM party_org_versions p WHERE ${guard})`),
          deps.db
            .update(partyOrgVersions)
            .set({ ...decided, state: "confirmed", effectiveOn: today })
            .where(guard),
        ]
      : [
          deps.db
            .update(partyOrgVersions)
            .set({ ...decided, state: "rejected" })
            .where(guard),
        ],
    [],
    {
      action: input.decision === "confirm" ? "party.change.confirm" : "party.change.reject",
      objectType: "party_org_version",
      objectId: pending.id,
      orgId,
      summary: input.reason ? { reason: input.reason } : undefined,
    },
  );
  return done === "stale" ? stale() : { ok: true };
}

// Member counts and activities ---------------------------------------------------------------------------------------

export async function recordCounts(
  deps: AppDeps,
  user: SessionUser,
  uscc: string,
  input: { asOf: string; fullMembers: number; probationaryMembers: number; activists: number },
  ip: string | null,
): Promise<Result> {
  const access = await accessTo(deps, user, uscc);
  if (!access) return { ok: false, code: "not_found", message: "没有找到该组织。" };
  if (!access.mayEdit) return { ok: false, code: "forbidden", message: "党员人数由本组织填报。" };
  if (input.asOf > todayOf(deps)) return invalid("asOf", "统计日期不能晚于今天。");
  await commitWithAudit(
    deps.db,
    actorOf(user, ip),
    [
      deps.db.insert(partyMemberCounts).values({
        orgId: access.org.id,
        ...input,
        source: "ledger",
        recordedBy: user.id,
      }),
    ],
    {
      action: "party.counts.record",
      objectType: "organization",
      objectId: access.org.id,
      orgId: access.org.id,
      summary: { ...input },
    },
  );
  return { ok: true };
}

export async function recordActivity(
  deps: AppDeps,
  user: SessionUser,
  uscc: string,
  input: {
    heldOn: string;
    kind: "three_meetings" | "theme_day" | "life_meeting";
    topic: string;
    attendance: number;
  },
  file: { name: string; bytes: Uint8Array } | null,
  ip: string | null,
): Promise<Result> {
  const access = await accessTo(deps, user, uscc);
  if (!access) return { ok: false, code: "not_found", message: "没有找到该组织。" };
  if (!access.mayEdit) return { ok: false, code: "forbidden", message: "活动记录由本组织填报。" };
  if (input.heldOn > todayOf(deps)) return invalid("heldOn", "活动日期不能晚于今天。");
  let stored: { key: string; name: string } | null = null;
  if (file) {
    const checked = checkAttachment(file);
    if (!checked.ok) return invalid("file", checked.message);
    if (!deps.storage)
      return { ok: false, code: "conflict", message: "附件存储暂不可用，请稍后再试，或先不带附件保存。" };
    stored = {
      key: `party/${access.org.id}/${crypto.randomUUID()}`,
      name: cleanFilename(file.name, checked.contentType),
    };
    await deps.storage.put(stored.key, file.bytes, checked.contentType);
  }
  try {
    await commitWithAudit(
      deps.db,
      actorOf(user, ip),
      [
        deps.db.insert(partyActivities).values({
          orgId: access.org.id,
          ...input,
          attachmentKey: stored?.key ?? null,
          attachmentName: stored?.name ?? null,
          recordedBy: user.id,
        }),
      ],
      {
        action: "party.activity.record",
        objectType: "organization",
        objectId: access.org.id,
        orgId: access.org.id,
        summary: { heldOn: input.heldOn, kind: input.kind, topic: input.topic },
      },
    );
  } catch (e) {
    if (stored) await deps.storage?.delete(stored.key).catch(() => {});
    throw e;
  }
  return { ok: true };
}

export async function activityFile(
  deps: AppDeps,
  user: SessionUser,
  uscc: string,
  activityId: number,
): Promise<{ data: Uint8Array; contentType: string; name: string } | null> {
  const access = await accessTo(deps, user, uscc);
  if (!access) return null;
  const [row] = (await deps.db.all(sql`SELECT attachment_key AS "key", attachment_name AS "name"
    FROM party_activities WHERE id = ${activityId} AND org_id = ${access.org.id}`)) as {
    key: string | null;
    name: string | null;
  }[];
  if (!row?.key) return null;
  const stored = await deps.storage?.get(row.key);
  return stored ? { ...stored, name: row.name ?? "附件" } : null;
}

export async function staffAuthorities(deps: AppDeps, user: SessionUser): Promise<number[]> {
  return readableAuthorityIds(deps.db, user);
}

const invalid = (field: string, message: string): Result<never> => ({
  ok: false,
  code: "invalid",
  message,
  fields: { [field]: message },
});
const stale = (): Result<never> => ({ ok: false, code: "stale", message: "已被他人修改，请刷新后重试。" });
