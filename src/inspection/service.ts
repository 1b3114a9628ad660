/**
 * The annual inspection's use cases (issue 4): implements `InspectionService` (src/inspection/contract.ts).
 *
 * Each mutation: load → scope (out of sight ⇒ not_found) → version → domain (decide / prechecks / windows) →
 * ONE batch: a conditional UPDATE of the filing naming the version it loaded, the stale guard right after it
 * (0 rows changed aborts the whole batch), the effects, the transition log row, notices, and the audit event.
 *
 * Versions: `version` is bumped by every write to a filing, `act_version` by transitions and take/release only.
 * A page that read version v is stale for an action when a transition happened after it (v < act_version); for a
 * section save also when that same section was saved after it — so a page saving its sections one by one with htmx
 * keeps working with the version it was rendered with, while two people editing the same thing collide visibly.
 */

import { type SQL, sql } from "drizzle-orm";
import { ORG_TYPES, type OrgType } from "../../db/schema";
import {
  annualInspections,
  type InspectionWindows,
  inspectionProblems,
  inspectionRounds,
  inspectionSections,
  inspectionTransitions,
  inspectionYears,
} from "../../db/schema/inspection";
import { type Actor as AuditActor, type AuditInput, commitWithAudit, systemActor } from "../audit/audit";
import type { AppDeps, SessionUser } from "../context";
import { hasOpenRectificationNotice } from "../credit/notices";
import type { BatchItem, Db } from "../db";
import {
  type InspectionReport,
  issuesByField,
  type LastYearOutcome,
  REPORT_SECTIONS,
  type ReportSection,
  rectificationRequired,
  SECTION_LABELS,
  sectionSchemas,
} from "../domain/inspection-report";
import { computeRates, type InspectionCounts, tally } from "../domain/inspection-stats";
import {
  dateIn,
  defaultWindow,
  mustFile,
  requiredToFile,
  validateWindow,
  windowDaysRemaining,
  windowFlags,
  windowStatus,
} from "../domain/inspection-window";
import { type Check, hasBlocks } from "../domain/prechecks";
import {
  actionsFor,
  annualInspectionMachine,
  CONCLUSION_LABELS,
  CONCLUSIONS,
  type Conclusion,
  decide,
  type Effect,
  INSPECTION_ACTIONS,
  type InspectionAction,
  type InspectionState,
  inScope,
  inspectionStateLabel,
  PROBLEM_SEVERITIES,
  type Problem,
  REVIEW_QUEUES,
  type Actor as WorkflowActor,
} from "../domain/workflow";
import { chinaDateOf, isIsoDate } from "../domain/working-days";
import {
  cadreDifferences,
  inspectionPrefill,
  ledgerDifferences,
  memberCountsFromFiling,
} from "../party/inspection-link";
import { classifyQuery } from "../registry/search";
import { addAttachment, getAttachment, listAttachments } from "./attachments";
import type {
  FilingSummary,
  FilingView,
  InspectionService,
  InspectionYear,
  QueueFilters,
  QueuePage,
  RatesRow,
  Refusal,
  Result,
} from "./contract";
import { checkSectionFields, formToSectionInput } from "./form";
import { loadCalendar } from "./holidays";
import { filingHref, listNotices, markNoticeRead, noticeStatement } from "./notices";
import { conclusionsAnnouncement, publicHistory } from "./public";
import {
  authorityTree,
  canSee,
  type FilingRow,
  idList,
  isStaleWrite,
  loadFiling,
  selectFilings,
  shortList,
  staleGuard,
  subjectOf,
  summaryOf,
  yearFromRow,
} from "./queries";
import {
  assembleReport,
  changedSections,
  checksFor,
  loadRounds,
  loadSections,
  precheckContext,
  type RoundRow,
} from "./report";

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

export const STALE_MESSAGE = "该申报已被他人处理，请刷新后查看最新情况。";
const NOT_FOUND: Refusal = { ok: false, code: "not_found", message: "没有找到这份年检申报。" };
const STALE: Refusal = { ok: false, code: "stale", message: STALE_MESSAGE };
const EDITABLE_STATES: readonly InspectionState[] = ["draft", "returned"];
const MAX_TEXT = 2000;

const instant = (deps: AppDeps) => deps.now?.() ?? new Date();
export const todayOf = (deps: AppDeps) => chinaDateOf(instant(deps));
const nowIso = (deps: AppDeps) => instant(deps).toISOString();

function auditActorOf(user: SessionUser | "system"): AuditActor {
  if (user === "system") return systemActor("inspection-jobs");
  return { userId: user.id, username: user.username, role: user.role, ip: null };
}

function workflowActorOf(user: SessionUser | "system"): WorkflowActor {
  if (user === "system") return { role: "system" };
  return {
    role: user.role,
    orgId: user.orgId,
    authorityId: user.authorityId,
    supervisorUnitId: user.supervisorUnitId,
  };
}

const invalid = (message: string, fields: Record<string, string>): Refusal => ({
  ok: false,
  code: "invalid",
  message,
  fields,
});

function windowOf(years: InspectionWindows, type: OrgType) {
  return years[type];
}

async function loadYear(db: Db, yearId: number) {
  const [row] = await db.select().from(inspectionYears).where(sql`${inspectionYears.id} = ${yearId}`);
  return row ?? null;
}

function outcomeOf(f: FilingRow | null): LastYearOutcome {
  if (!f) return null;
  if (f.state === "not_filed") return "not_filed";
  if ((f.state === "concluded" || f.state === "published") && f.conclusion) return f.conclusion;
  return null;
}

/** Last year's filing of the same organization, its report as last submitted, and its outcome. */
async function previousYear(db: Db, f: FilingRow) {
  const [prev] = await selectFilings(db, sql`ai.org_id = ${f.orgId} AND ai.year = ${f.year - 1}`);
  if (!prev) return { filing: null, report: null, outcome: null as LastYearOutcome };
  const rounds = await loadRounds(db, prev.id);
  return { filing: prev, report: rounds.at(-1)?.snapshot ?? null, outcome: outcomeOf(prev) };
}

/** Everything a filing's page or a submit needs. */
async function loadFilingContext(db: Db, f: FilingRow) {
  const [yearRow, sections, attachments, rounds, prev, openNotice] = await Promise.all([
    loadYear(db, f.yearId),
    loadSections(db, f.id),
    listAttachments(db, f.id),
    loadRounds(db, f.id),
    previousYear(db, f),
    hasOpenRectificationNotice(db, f.orgId),
  ]);
  const working = assembleReport(f, sections, attachments);
  const ctx = precheckContext(f, prev.report, prev.outcome, openNotice);
  return { yearRow: yearRow!, sections, attachments, rounds, prev, working, precheck: ctx };
}

// ---------------------------------------------------------------------------------------------------------------
// The view

async function buildView(deps: AppDeps, user: SessionUser, f: FilingRow): Promise<FilingView> {
  const db = deps.db;
  const today = todayOf(deps);
  const c = await loadFilingContext(db, f);
  const editable = EDITABLE_STATES.includes(f.state);
  const lastRound = c.rounds.at(-1);
  const report = editable || !lastRound ? c.working : lastRound.snapshot;
  const checks = editable || !lastRound ? checksFor(c.working, c.precheck) : lastRound.checks;

  let changed: ReportSection[] = [];
  if (editable && lastRound) changed = changedSections(lastRound.snapshot, c.working);
  else if (!editable && c.rounds.length >= 2) {
    changed = changedSections(c.rounds.at(-2)!.snapshot, lastRound!.snapshot);
  }

  const problems = (await db.all(
    sql`SELECT description, severity, section FROM inspection_problems WHERE filing_id = ${f.id} ORDER BY id`,
  )) as { description: string; severity: Problem["severity"]; section: string | null }[];

  const heldByOther = f.holderUserId !== null && f.holderUserId !== user.id && user.role !== "org";
  const actions = heldByOther
    ? []
    : actionsFor(annualInspectionMachine, f.state, workflowActorOf(user), subjectOf(f));

  const w = windowOf(c.yearRow.windows, f.orgType);
  const [prefill, differences, cadres] = await Promise.all([
    editable ? inspectionPrefill(db, f.orgId, today) : Promise.resolve({}),
    ledgerDifferences(db, f.orgId, report.partyBuilding),
    user.role === "org" ? Promise.resolve([]) : cadreDifferences(db, f.orgId, report.cadres, today),
  ]);
  return {
    prefill,
    ledgerDifferences: differences,
    cadreDifferences: cadres,
    ...summaryOf(f, today),
    report,
    checks,
    rounds: c.rounds.map(roundView),
    changedSinceLastRound: changed,
    previousYear: c.prev.filing ? { report: c.prev.report, conclusion: c.prev.outcome } : null,
    rectificationRequired: rectificationRequired(
      c.precheck.lastYearOutcome,
      c.precheck.openRectificationNotice,
    ),
    problems: problems.map((p) => ({
      description: p.description,
      severity: p.severity,
      ...(p.section ? { section: p.section } : {}),
    })),
    attachments: c.attachments.map((a) => ({
      id: a.id,
      section: a.section as ReportSection,
      filename: a.filename,
      size: a.size,
      contentType: a.contentType,
    })),
    actions,
    window: {
      opensOn: w.opensOn,
      closesOn: w.closesOn,
      daysRemaining: windowDaysRemaining(w, today),
      status: windowStatus(w, today),
    },
  };
}

function roundView(r: RoundRow) {
  return {
    round: r.round,
    submittedAt: r.submittedAt,
    checks: r.checks,
    returned: r.returnedAt
      ? {
          at: r.returnedAt,
          by: r.returnedByName ?? "",
          reason: r.reason ?? "",
          deadline: r.deadline ?? "",
          comments: r.comments ?? [],
        }
      : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The year

function yearInputErrors(year: number, today: string): Record<string, string> {
  const thisYear = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < 1990 || year > thisYear) {
    return { year: `年度应为 1990 至 ${thisYear} 之间的年份` };
  }
  return {};
}

export async function openYear(
  deps: AppDeps,
  user: SessionUser,
  input: { year: number; windows?: Partial<InspectionYear["windows"]>; cutoffOn?: string },
): Promise<Result<{ year: InspectionYear }>> {
  if (user.role !== "registrar" || user.authorityId === null) {
    return { ok: false, code: "forbidden", message: "只有登记管理机关可以开启年检。" };
  }
  const db = deps.db;
  const today = todayOf(deps);
  const fields = yearInputErrors(input.year, today);
  if (Object.keys(fields).length > 0) return invalid("请改正标出的内容。", fields);
  const year = input.year;

  const windows = {} as InspectionWindows;
  for (const type of ORG_TYPES) {
    const d = defaultWindow(year, type);
    const given = input.windows?.[type];
    const w = {
      opensOn: given?.opensOn?.trim() || d.opensOn,
      closesOn: given?.closesOn?.trim() || d.closesOn,
      supervisorDueOn: type === "foundation" ? null : given?.supervisorDueOn?.trim() || d.supervisorDeadline,
    };
    const errors = validateWindow({
      year,
      opensOn: w.opensOn,
      closesOn: w.closesOn,
      supervisorDeadline: w.supervisorDueOn ?? w.closesOn,
    });
    for (const [k, message] of Object.entries(errors)) {
      fields[`windows.${type}.${k === "supervisorDeadline" ? "supervisorDueOn" : k}`] = message;
    }
    windows[type] = w;
  }
  const cutoffOn = input.cutoffOn?.trim() || dateIn(year, deps.config.domain.inspectionCutoff);
  if (!isIsoDate(cutoffOn) || !cutoffOn.startsWith(`${year}-`)) {
    fields.cutoffOn = `登记截止日应为 ${year} 年内的日期，如 ${year}-06-30`;
  }
  if (Object.keys(fields).length > 0) return invalid("请改正标出的内容。", fields);

  const existing = await db
    .select({ id: inspectionYears.id })
    .from(inspectionYears)
    .where(sql`${inspectionYears.authorityId} = ${user.authorityId} AND ${inspectionYears.year} = ${year}`);
  if (existing[0]) {
    return { ok: false, code: "exists", message: `${year} 年度的年检已经开启，不能重复开启。` };
  }

  // R-C2: who must file, by the domain rule (not restated in SQL).
  const orgs = (await db.all(
    sql`SELECT id, status, registered_on AS registeredOn FROM organizations WHERE authority_id = ${user.authorityId}`,
  )) as { id: number; status: "active"; registeredOn: string }[];
  const [, cm, cd] = cutoffOn.split("-").map(Number) as [number, number, number];
  const required = requiredToFile(orgs, year, { month: cm, day: cd }).map((o) => Number(o.id));

  const at = nowIso(deps);
  const yearIdSql = sql`(SELECT id FROM inspection_years WHERE authority_id = ${user.authorityId} AND year = ${year})`;
  const firstClose = ORG_TYPES.map((t) => windows[t].closesOn).sort()[0]!;
  try {
    await commitWithAudit(
      db,
      auditActorOf(user),
      [
        db.insert(inspectionYears).values({
          authorityId: user.authorityId,
          year,
          windows,
          cutoffOn,
          requiredCount: required.length,
          openedByUserId: user.id,
          openedAt: at,
        }),
        db.run(sql`
          INSERT INTO annual_inspections (year_id, org_id, year, authority_id, org_type, supervision_mode,
            supervisor_unit_id, state, state_since, created_at, updated_at)
          SELECT ${yearIdSql}, o.id, ${year}, o.authority_id, o.type, o.supervision_mode, o.supervisor_unit_id,
            'draft', ${at}, ${at}, ${at}
          FROM organizations o WHERE o.id IN ${idList(required)}
          ON CONFLICT (org_id, year) DO NOTHING`),
        db.run(sql`
          INSERT INTO notices (org_id, text, href, created_at)
          SELECT ai.org_id, ${`${year} 年度年检已开始，请填写年度工作报告并在申报期内提交（最早截止日 ${firstClose}，以本单位类型的申报期为准）。`},
            '/portal/inspections/' || ai.id, ${at}
          FROM annual_inspections ai WHERE ai.year_id = ${yearIdSql}`),
      ],
      {
        action: "inspection.year.open",
        objectType: "inspection_year",
        objectId: `${user.authorityId}:${year}`,
        summary: { year, authorityId: user.authorityId, windows, cutoffOn, required: required.length },
      },
    );
  } catch (e) {
    if (String((e as Error).message ?? e).includes("UNIQUE")) {
      return { ok: false, code: "exists", message: `${year} 年度的年检已经开启，不能重复开启。` };
    }
    throw e;
  }
  const [row] = await db
    .select()
    .from(inspectionYears)
    .where(sql`${inspectionYears.authorityId} = ${user.authorityId} AND ${inspectionYears.year} = ${year}`);
  return { ok: true, year: yearFromRow(row!) };
}

export async function listYears(deps: AppDeps, user: SessionUser): Promise<InspectionYear[]> {
  const db = deps.db;
  let where = sql`1`;
  if (user.role === "registrar") {
    if (user.authorityId === null) return [];
    where = sql`authority_id IN ${shortList(await authorityTree(db, user.authorityId))}`;
  } else if (user.role === "org") {
    if (user.orgId === null) return [];
    where = sql`authority_id = (SELECT authority_id FROM organizations WHERE id = ${user.orgId})`;
  } else if (user.role === "supervisor") {
    if (user.supervisorUnitId === null) return [];
    where = sql`id IN (SELECT DISTINCT year_id FROM annual_inspections WHERE supervisor_unit_id = ${user.supervisorUnitId})`;
  }
  const rows = await db.select().from(inspectionYears).where(where).orderBy(sql`year DESC, authority_id`);
  return rows.map(yearFromRow);
}

// ---------------------------------------------------------------------------------------------------------------
// 未参检

const MARK_CHUNK = 500;

export async function markNotFiled(
  deps: AppDeps,
  user: SessionUser | "system",
  yearId: number,
  options: { dryRun?: boolean } = {},
): Promise<
  Result<{ marked: number; items: { orgId: number; name: string; year: number; state: string }[] }>
> {
  const db = deps.db;
  const yearRow = await loadYear(db, yearId);
  if (!yearRow) return { ok: false, code: "not_found", message: "没有这个年度的年检。" };
  if (user !== "system") {
    const mayAct =
      user.role === "admin" || (user.role === "registrar" && user.authorityId === yearRow.authorityId);
    if (!mayAct) {
      const visible =
        user.role === "registrar" &&
        user.authorityId !== null &&
        (await authorityTree(db, user.authorityId)).includes(yearRow.authorityId);
      return visible
        ? { ok: false, code: "out_of_scope", message: "下级登记管理机关的年检只能查看，不能办理。" }
        : { ok: false, code: "not_found", message: "没有这个年度的年检。" };
    }
  }
  const today = todayOf(deps);
  const closedTypes = ORG_TYPES.filter((t) => windowFlags(yearRow.windows[t], today).windowClosed);
  if (closedTypes.length === 0) {
    return { ok: false, code: "window_not_closed", message: "年检申报期尚未结束，不能标记为未参检。" };
  }
  const candidates = await selectFilings(
    db,
    sql`ai.year_id = ${yearId} AND ai.state IN ('draft', 'returned') AND ai.org_type IN ${idListText(closedTypes)}`,
  );
  const calendar = await loadCalendar(db);
  const actor = workflowActorOf(user);
  // The machine decides each one (window closed; a returned filing only once its correction deadline passed).
  const marked = candidates.filter(
    (f) =>
      decide(annualInspectionMachine, f.state, "mark_not_filed", actor, {
        subject: subjectOf(f),
        today,
        flags: windowFlags(yearRow.windows[f.orgType], today),
        calendar,
        openCorrectionDeadline: f.correctionDeadline,
      }).ok,
  );
  const items = marked.map((f) => ({ orgId: f.orgId, name: f.org.name, year: f.year, state: f.state }));
  if (options.dryRun) return { ok: true, marked: marked.length, items };
  const audit = auditActorOf(user);
  const at = nowIso(deps);
  for (let i = 0; i < marked.length; i += MARK_CHUNK) {
    const chunk = marked.slice(i, i + MARK_CHUNK);
    // Each row only if it still has the version it was decided on (a resubmit in between wins).
    const versions = JSON.stringify(Object.fromEntries(chunk.map((f) => [String(f.id), f.version])));
    const target = sql`${idList(chunk.map((f) => f.id))} AND ai.version = json_extract(${versions}, '$."' || ai.id || '"')`;
    const rows = sql`annual_inspections ai WHERE ai.id IN ${target} AND ai.state IN ('draft', 'returned')`;
    const text = `您单位未在规定期限内提交 ${yearRow.year} 年度年检报告，已被标记为“未参检”。`;
    await commitWithAudit(
      db,
      audit,
      [
        db.run(sql`
          INSERT INTO inspection_transitions (filing_id, action, from_state, to_state, actor_user_id, actor_role, actor_name, at, details)
          SELECT ai.id, 'mark_not_filed', ai.state, 'not_filed', ${audit.userId}, ${audit.role}, ${audit.username}, ${at},
            json_object('year', ai.year, 'correctionDeadline', ai.correction_deadline)
          FROM ${rows}`),
        db.run(sql`
          INSERT INTO notices (org_id, text, href, created_at)
          SELECT ai.org_id, ${text}, '/portal/inspections/' || ai.id, ${at} FROM ${rows}`),
        db.run(sql`
          INSERT INTO audit_events (at, actor_user_id, actor_username, actor_role, ip, action, object_type, object_id, org_id, summary)
          SELECT ${at}, ${audit.userId}, ${audit.username}, ${audit.role}, NULL, 'inspection.mark_not_filed',
            'annual_inspection', CAST(ai.id AS TEXT), ai.org_id,
            json_object('year', ai.year, 'from', ai.state, 'to', 'not_filed')
          FROM ${rows}`),
        db.run(sql`
          UPDATE annual_inspections AS ai SET state = 'not_filed', version = version + 1, act_version = version + 1,
            state_since = ${at}, updated_at = ${at}, holder_user_id = NULL, holder_at = NULL,
            correction_reason = NULL, correction_deadline = NULL
          WHERE ai.id IN ${target} AND ai.state IN ('draft', 'returned')`),
      ],
      [],
    );
  }
  // The year is done only when every window has closed and no filing is left to mark: a returned filing whose
  // correction deadline is still open is marked on a later day, once it lapses.
  const allClosed = closedTypes.length === ORG_TYPES.length && marked.length === candidates.length;
  await commitWithAudit(
    db,
    audit,
    allClosed
      ? [
          db.run(
            sql`UPDATE inspection_years SET not_filed_marked_at = ${at}, version = version + 1 WHERE id = ${yearId}`,
          ),
        ]
      : [],
    {
      action: "inspection.year.mark_not_filed",
      objectType: "inspection_year",
      objectId: `${yearRow.authorityId}:${yearRow.year}`,
      summary: { year: yearRow.year, types: closedTypes, marked: marked.length },
    },
  );
  return { ok: true, marked: marked.length, items };
}

function idListText(values: readonly string[]) {
  return sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

// ---------------------------------------------------------------------------------------------------------------
// The organization's side

function nextStepFor(f: FilingRow, view: FilingView | null, today: string): string {
  const year = `${f.year} 年度`;
  switch (f.state) {
    case "draft": {
      const w = view?.window;
      if (!w || w.status === "open") {
        const left = w ? (w.daysRemaining === 0 ? "今天是截止日" : `还剩 ${w.daysRemaining} 天`) : "";
        return `请填写${year}年度工作报告的各个部分，逐项保存，通过机器预审后提交。申报截止日为 ${w?.closesOn ?? ""}，${left}。`;
      }
      if (w.status === "not_open") return `${year}年检申报将于 ${w.opensOn} 开始，可以先填写并保存草稿。`;
      return `${year}年检申报已于 ${w.closesOn} 截止，本单位尚未提交。请尽快联系登记管理机关。`;
    }
    case "submitted":
    case "pre_review":
      return `${year}年检报告已提交，登记管理机关正在预审，请留意通知。`;
    case "supervisor_review":
      return `${year}年检报告已通过预审，正在由业务主管单位初审。`;
    case "registrar_review":
      return `${year}年检报告正在由登记管理机关审查。`;
    case "returned": {
      const overdue = f.correctionDeadline !== null && today > f.correctionDeadline;
      return `${year}年检报告被退回补正：${f.correctionReason ?? ""}请按审查意见修改，${
        overdue ? `补正期限（${f.correctionDeadline}）已过，请尽快` : `于 ${f.correctionDeadline} 前`
      }重新提交。`;
    }
    case "concluded":
    case "published":
      return `${year}年检结论：${f.conclusion ? CONCLUSION_LABELS[f.conclusion] : ""}。可以查看并打印年检结论通知书。`;
    case "not_filed":
      return `本单位未在规定期限内提交${year}年检报告，已被标记为“未参检”。下一年度年检时需要提交整改报告。`;
  }
}

export async function orgHome(
  deps: AppDeps,
  user: SessionUser,
): Promise<{ current: FilingView | null; history: FilingSummary[]; nextStep: string }> {
  if (user.role !== "org" || user.orgId === null) {
    return { current: null, history: [], nextStep: "只有社会组织账号可以办理年检。" };
  }
  const db = deps.db;
  const today = todayOf(deps);
  await ensureCurrentDraft(deps, user, today);
  const filings = await selectFilings(db, sql`ai.org_id = ${user.orgId}`, sql`ORDER BY ai.year DESC`);
  const [latest, ...older] = filings;
  if (!latest) {
    const years = await listYears(deps, user);
    return {
      current: null,
      history: [],
      nextStep: years[0]
        ? `本单位无需参加 ${years[0].year} 年度年检（登记时间晚于 ${years[0].cutoffOn} 或登记状态不是“正常”）。`
        : "本年度年检尚未开始，开始后会在这里提示。",
    };
  }
  const current = await buildView(deps, user, latest);
  return {
    current,
    history: older.map((f) => summaryOf(f, today)),
    nextStep: nextStepFor(latest, current, today),
  };
}

/** Creates this year's draft lazily when the organization must file and the window is open (e.g. registered late). */
async function ensureCurrentDraft(deps: AppDeps, user: SessionUser, today: string) {
  const db = deps.db;
  const orgs = (await db.all(sql`
    SELECT o.id, o.status, o.registered_on AS registeredOn, o.type, o.authority_id AS authorityId
    FROM organizations o WHERE o.id = ${user.orgId}`)) as {
    id: number;
    status: "active";
    registeredOn: string;
    type: OrgType;
    authorityId: number;
  }[];
  const org = orgs[0];
  if (!org) return;
  const [y] = await db
    .select()
    .from(inspectionYears)
    .where(sql`${inspectionYears.authorityId} = ${org.authorityId}`)
    .orderBy(sql`year DESC`)
    .limit(1);
  if (!y) return;
  const has = await db.all(
    sql`SELECT 1 FROM annual_inspections WHERE org_id = ${org.id} AND year = ${y.year}`,
  );
  if (has.length > 0) return;
  const [, m, d] = y.cutoffOn.split("-").map(Number) as [number, number, number];
  if (!mustFile(org, y.year, { month: m, day: d }).required) return;
  if (windowStatus(y.windows[org.type], today) !== "open") return;
  const at = nowIso(deps);
  await commitWithAudit(
    db,
    auditActorOf(user),
    [
      db.run(sql`
        INSERT INTO annual_inspections (year_id, org_id, year, authority_id, org_type, supervision_mode,
          supervisor_unit_id, state, state_since, created_at, updated_at)
        SELECT ${y.id}, o.id, ${y.year}, o.authority_id, o.type, o.supervision_mode, o.supervisor_unit_id,
          'draft', ${at}, ${at}, ${at}
        FROM organizations o WHERE o.id = ${org.id}
        ON CONFLICT (org_id, year) DO NOTHING`),
      db.run(sql`UPDATE inspection_years SET required_count = required_count + changes() WHERE id = ${y.id}`),
    ],
    {
      action: "inspection.draft.create",
      objectType: "annual_inspection",
      objectId: `${org.id}:${y.year}`,
      orgId: org.id,
      summary: { year: y.year },
    },
  );
}

export async function getFiling(
  deps: AppDeps,
  user: SessionUser,
  filingId: number,
): Promise<FilingView | null> {
  const f = await loadFiling(deps.db, filingId);
  if (!f || !(await canSee(deps.db, user, f))) return null;
  return buildView(deps, user, f);
}

export async function saveSection(
  deps: AppDeps,
  user: SessionUser,
  filingId: number,
  section: ReportSection,
  form: Record<string, string | string[]>,
  version: number,
): Promise<Result<{ version: number; checks: Check[] }>> {
  const db = deps.db;
  const f = await loadFiling(db, filingId);
  if (!f || !(await canSee(db, user, f))) return NOT_FOUND;
  // A form with fields the section does not declare is refused whole, before anything else is looked at.
  const undeclared = checkSectionFields(section, form);
  if (undeclared) return { ok: false, code: "bad_request", message: undeclared.message };
  if (user.role !== "org" || user.orgId !== f.orgId) {
    return { ok: false, code: "forbidden", message: "只有申报单位可以填写年检报告。" };
  }
  if (section === "basicInfo") {
    return {
      ok: false,
      code: "read_only",
      message: "基本信息取自登记信息，不能在年检报告中修改；如有变化，请办理变更登记。",
    };
  }
  if (!(REPORT_SECTIONS as readonly string[]).includes(section)) {
    return { ok: false, code: "not_found", message: "报告中没有这一部分。" };
  }
  if (!EDITABLE_STATES.includes(f.state)) {
    return {
      ok: false,
      code: "not_editable",
      message: `该申报当前为“${inspectionStateLabel(f.state)}”，不能修改报告。`,
    };
  }
  const today = todayOf(deps);
  const c = await loadFilingContext(db, f);
  if (f.state === "draft") {
    const w = windowOf(c.yearRow.windows, f.orgType);
    if (windowStatus(w, today) === "closed") {
      return {
        ok: false,
        code: "window_closed",
        message: `${f.year} 年度年检申报已于 ${w.closesOn} 截止，不能再填写或提交。如有特殊情况请联系登记管理机关。`,
      };
    }
  }
  const existing = c.sections.get(section);
  if (
    !Number.isInteger(version) ||
    version < f.actVersion ||
    version > f.version ||
    (existing && existing.savedVersion > version)
  ) {
    return STALE;
  }
  const parsed = sectionSchemas[section].safeParse(formToSectionInput(section, form));
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const [path, message] of Object.entries(issuesByField(parsed.error))) {
      fields[path === "" ? section : `${section}.${path}`] = message;
    }
    return invalid(
      `「${SECTION_LABELS[section]}」有 ${Object.keys(fields).length} 处需要改正，请查看标出的内容。`,
      fields,
    );
  }
  const data = parsed.data as unknown;
  const at = nowIso(deps);
  const next = f.version + 1;
  try {
    await commitWithAudit(
      db,
      auditActorOf(user),
      [
        db.run(sql`
          UPDATE annual_inspections SET version = version + 1, updated_at = ${at}
          WHERE id = ${f.id} AND version = ${f.version} AND state = ${f.state}`),
        staleGuard(db),
        db
          .insert(inspectionSections)
          .values({
            filingId: f.id,
            section,
            data,
            savedVersion: next,
            updatedByUserId: user.id,
            updatedAt: at,
          })
          .onConflictDoUpdate({
            target: [inspectionSections.filingId, inspectionSections.section],
            set: { data, savedVersion: next, updatedByUserId: user.id, updatedAt: at },
          }),
      ],
      {
        action: "inspection.section.save",
        objectType: "annual_inspection",
        objectId: f.id,
        orgId: f.orgId,
        summary: { year: f.year, section, round: f.round, version: next },
      },
    );
  } catch (e) {
    if (isStaleWrite(e)) return STALE;
    throw e;
  }
  const report = { ...c.working, [section]: data } as InspectionReport;
  return { ok: true, version: next, checks: checksFor(report, c.precheck) };
}

// ---------------------------------------------------------------------------------------------------------------
// Transitions

type ActInput = Parameters<InspectionService["act"]>[4];

function validateActInput(action: InspectionAction, input: ActInput): Record<string, string> {
  const fields: Record<string, string> = {};
  if ((input.reason ?? "").length > MAX_TEXT) fields.reason = `原因不能超过${MAX_TEXT}个字`;
  if (input.idempotencyKey !== undefined && !/^[A-Za-z0-9_-]{1,100}$/.test(input.idempotencyKey)) {
    fields.idempotencyKey = "提交标识不正确，请刷新页面后重新提交";
  }
  (input.comments ?? []).forEach((c, i) => {
    if (!(REPORT_SECTIONS as readonly string[]).includes(c.section) && c.section !== "general") {
      fields[`comments.${i}.section`] = "意见所属部分不正确";
    }
    if (typeof c.text !== "string" || c.text.length > MAX_TEXT) {
      fields[`comments.${i}.text`] = `意见不能超过${MAX_TEXT}个字`;
    }
  });
  if (action === "conclude") {
    if (input.conclusion !== undefined && !(CONCLUSIONS as readonly string[]).includes(input.conclusion)) {
      fields.conclusion = "请选择年检结论：合格、基本合格或不合格";
    }
    (input.problems ?? []).forEach((p, i) => {
      if (!(PROBLEM_SEVERITIES as readonly string[]).includes(p.severity)) {
        fields[`problems.${i}.severity`] = "请选择情节：情节轻微或情节严重";
      }
      if (typeof p.description !== "string" || p.description.length > MAX_TEXT) {
        fields[`problems.${i}.description`] = `问题描述不能超过${MAX_TEXT}个字`;
      }
      if (
        p.section !== undefined &&
        p.section !== "" &&
        !(REPORT_SECTIONS as readonly string[]).includes(p.section)
      ) {
        fields[`problems.${i}.section`] = "问题所属部分不正确";
      }
    });
  }
  return fields;
}

function noticeFor(
  f: FilingRow,
  action: InspectionAction,
  audience: "org" | "supervisor" | "registrar",
  effects: Effect[],
  round: number,
): { to: Parameters<typeof noticeStatement>[1]; text: string } | null {
  const org = `「${f.org.name}」`;
  const year = `${f.year} 年度`;
  if (audience === "org") {
    const correction = effects.find((e) => e.kind === "open_correction");
    const conclusion = effects.find((e) => e.kind === "record_conclusion");
    const text = correction
      ? `您单位${year}年检报告被退回补正：${correction.reason} 请于 ${correction.deadline} 前修改后重新提交。`
      : conclusion
        ? `您单位${year}年检结论为“${CONCLUSION_LABELS[conclusion.conclusion]}”。`
        : action === "mark_not_filed"
          ? `您单位未在规定期限内提交${year}年检报告，已被标记为“未参检”。`
          : `您单位${year}年检申报状态有更新。`;
    return { to: { orgId: f.orgId }, text };
  }
  if (audience === "supervisor") {
    if (f.supervisorUnitId === null) return null;
    return {
      to: { supervisorUnitId: f.supervisorUnitId },
      text: `${org}的${year}年检报告已通过登记机关预审，请进行初审。`,
    };
  }
  const text =
    action === "withdraw"
      ? `${org}撤回了${year}年检报告。`
      : action === "pass_supervisor_review"
        ? `${org}的${year}年检报告已通过业务主管单位初审，等待登记机关审查。`
        : `${org}提交了${year}年检报告（第 ${round} 轮），等待预审。`;
  return { to: { authorityId: f.authorityId }, text };
}

export async function act(
  deps: AppDeps,
  user: SessionUser,
  filingId: number,
  action: InspectionAction,
  input: ActInput,
): Promise<Result<{ state: InspectionState; version: number }>> {
  const db = deps.db;
  const f = await loadFiling(db, filingId);
  if (!f || !(await canSee(db, user, f))) return NOT_FOUND;
  const submitting = action === "submit" || action === "resubmit";
  // A repeated submit (same idempotency key) answers what the first one did and changes nothing.
  if (submitting && input.idempotencyKey && f.submitKey === input.idempotencyKey) {
    return { ok: true, state: "submitted", version: f.submitKeyVersion ?? f.version };
  }
  if (!(INSPECTION_ACTIONS as readonly string[]).includes(action)) {
    return { ok: false, code: "unknown_action", message: `没有“${action}”这项操作。` };
  }
  const fields = validateActInput(action, input);
  if (Object.keys(fields).length > 0) return invalid("请改正标出的内容。", fields);
  if (!Number.isInteger(input.version) || input.version < f.actVersion || input.version > f.version) {
    return STALE;
  }

  const today = todayOf(deps);
  const c = await loadFilingContext(db, f);
  const w = windowOf(c.yearRow.windows, f.orgType);
  const checks = submitting ? checksFor(c.working, c.precheck) : [];
  const calendar = await loadCalendar(db);
  const decision = decide(annualInspectionMachine, f.state, action, workflowActorOf(user), {
    subject: subjectOf(f),
    today,
    flags: { ...windowFlags(w, today), hasBlockingChecks: hasBlocks(checks) },
    input: {
      reason: input.reason,
      deadline: input.deadline,
      comments: input.comments,
      conclusion: input.conclusion,
      problems: input.problems?.map((p) => ({ ...p, description: p.description.trim() })),
    },
    calendar,
    correctionWorkingDays: deps.config.domain.correctionDeadlineWorkingDays,
    openCorrectionDeadline: f.correctionDeadline,
  });
  if (!decision.ok) {
    if (decision.code === "blocking_checks") {
      const blockFields: Record<string, string> = {};
      for (const ch of checks)
        if (ch.severity === "block" && !(ch.field in blockFields)) blockFields[ch.field] = ch.message;
      return { ok: false, code: decision.code, message: decision.message, fields: blockFields };
    }
    return { ok: false, code: decision.code, message: decision.message };
  }
  if (user.role !== "org" && f.holderUserId !== null && f.holderUserId !== user.id) {
    return {
      ok: false,
      code: "held",
      message: `该申报正由${f.holderName ?? "其他工作人员"}办理，请与其联系，或待其释放后再办理。`,
    };
  }

  const at = nowIso(deps);
  const next = f.version + 1;
  const set: Record<string, unknown> = {
    state: decision.to,
    version: next,
    actVersion: next,
    stateSince: at,
    updatedAt: at,
    holderUserId: action === "start_pre_review" ? user.id : null,
    holderAt: action === "start_pre_review" ? at : null,
  };
  const effectItems: BatchItem[] = [];
  const details: Record<string, unknown> = {};
  const notices: {
    to: Parameters<typeof noticeStatement>[1];
    text: string;
    audience: "org" | "supervisor" | "registrar";
  }[] = [];
  let round = f.round;
  for (const e of decision.effects) {
    switch (e.kind) {
      case "snapshot_report": {
        round = f.round + 1;
        const warnings = checks.filter((ch) => ch.severity === "warning").length;
        Object.assign(set, {
          round,
          warningCount: warnings,
          submittedAt: f.submittedAt ?? at,
          lastSubmittedAt: at,
          ...(input.idempotencyKey ? { submitKey: input.idempotencyKey, submitKeyVersion: next } : {}),
        });
        effectItems.push(
          db.insert(inspectionRounds).values({
            filingId: f.id,
            round,
            snapshot: c.working,
            checks,
            submittedAt: at,
            submittedByUserId: user.id,
          }),
        );
        details.round = round;
        details.warnings = warnings;
        break;
      }
      case "open_correction":
        Object.assign(set, { correctionReason: e.reason, correctionDeadline: e.deadline });
        effectItems.push(
          db.run(sql`
            UPDATE inspection_rounds SET returned_at = ${at}, returned_by_user_id = ${user.id},
              returned_by_name = ${user.displayName}, reason = ${e.reason}, deadline = ${e.deadline},
              comments = ${JSON.stringify(e.comments)}
            WHERE filing_id = ${f.id} AND round = ${f.round}`),
        );
        Object.assign(details, { reason: e.reason, deadline: e.deadline, comments: e.comments });
        break;
      case "close_correction":
        Object.assign(set, { correctionReason: null, correctionDeadline: null });
        break;
      case "record_conclusion":
        Object.assign(set, { conclusion: e.conclusion, concludedOn: today });
        for (const p of e.problems) {
          effectItems.push(
            db.insert(inspectionProblems).values({
              filingId: f.id,
              description: p.description,
              severity: p.severity,
              section: p.section || null,
              createdAt: at,
            }),
          );
        }
        Object.assign(details, { conclusion: e.conclusion, problems: e.problems });
        // R-F3: the concluded filing's member counts enter the party ledger's history.
        if (c.working.partyBuilding) {
          const counts = memberCountsFromFiling(db, f.orgId, f.id, f.year, c.working.partyBuilding);
          if (counts) effectItems.push(counts);
        }
        break;
      case "publish_conclusion":
        Object.assign(set, { publishedOn: today });
        break;
      case "notify": {
        const n = noticeFor(f, action, e.audience, decision.effects, round);
        if (n) notices.push({ ...n, audience: e.audience });
        break;
      }
      case "skipped":
        details.skipped = { state: e.state, rule: e.rule };
        break;
    }
  }
  if (input.idempotencyKey) details.idempotencyKey = input.idempotencyKey;

  const update = db
    .update(annualInspections)
    .set(set)
    .where(
      sql`${annualInspections.id} = ${f.id} AND ${annualInspections.version} = ${f.version} AND ${annualInspections.state} = ${f.state}`,
    );
  const event: AuditInput = {
    action: `inspection.${action}`,
    objectType: "annual_inspection",
    objectId: f.id,
    orgId: f.orgId,
    summary: { year: f.year, from: decision.from, to: decision.to, version: next, ...details },
  };
  try {
    await commitWithAudit(
      db,
      auditActorOf(user),
      [
        update,
        staleGuard(db),
        ...effectItems,
        db.insert(inspectionTransitions).values({
          filingId: f.id,
          action,
          fromState: decision.from,
          toState: decision.to,
          actorUserId: user.id,
          actorRole: user.role,
          actorName: user.displayName,
          at,
          details,
        }),
        ...notices.map((n) => noticeStatement(db, n.to, n.text, filingHref(n.audience, f.id), at)),
      ],
      event,
    );
  } catch (e) {
    if (!isStaleWrite(e)) throw e;
    if (submitting && input.idempotencyKey) {
      // Two copies of one submit raced: the one that lost answers what the winner did.
      const again = await loadFiling(db, f.id);
      if (again?.submitKey === input.idempotencyKey) {
        return { ok: true, state: "submitted", version: again.submitKeyVersion ?? again.version };
      }
    }
    return STALE;
  }
  return { ok: true, state: decision.to, version: next };
}

// ---------------------------------------------------------------------------------------------------------------
// Reviewers: take / release

async function holdChange(
  deps: AppDeps,
  user: SessionUser,
  filingId: number,
  version: number,
  take: boolean,
): Promise<Result<{ version: number }>> {
  const db = deps.db;
  const f = await loadFiling(db, filingId);
  if (!f || !(await canSee(db, user, f))) return NOT_FOUND;
  if (user.role !== "registrar" && user.role !== "supervisor") {
    return { ok: false, code: "forbidden_role", message: "只有审查人员可以领取申报。" };
  }
  if (!inScope(workflowActorOf(user), subjectOf(f))) {
    return { ok: false, code: "out_of_scope", message: "下级登记管理机关的申报只能查看，不能领取办理。" };
  }
  if (!Number.isInteger(version) || version < f.actVersion || version > f.version) return STALE;
  if (take) {
    if (REVIEW_QUEUES[f.state] !== user.role) {
      return {
        ok: false,
        code: "not_in_queue",
        message: `该申报当前为“${inspectionStateLabel(f.state)}”，不在您的待办中，不能领取。`,
      };
    }
    if (f.holderUserId === user.id) return { ok: true, version: f.version };
    if (f.holderUserId !== null) {
      return { ok: false, code: "held", message: `该申报已由${f.holderName ?? "其他工作人员"}领取办理。` };
    }
  } else if (f.holderUserId !== user.id) {
    return { ok: false, code: "not_holder", message: "您没有领取这份申报，不能释放。" };
  }
  const at = nowIso(deps);
  const next = f.version + 1;
  try {
    await commitWithAudit(
      db,
      auditActorOf(user),
      [
        db.run(sql`
          UPDATE annual_inspections SET holder_user_id = ${take ? user.id : null}, holder_at = ${take ? at : null},
            version = version + 1, act_version = version + 1, updated_at = ${at}
          WHERE id = ${f.id} AND version = ${f.version}`),
        staleGuard(db),
      ],
      {
        action: take ? "inspection.take" : "inspection.release",
        objectType: "annual_inspection",
        objectId: f.id,
        orgId: f.orgId,
        summary: { year: f.year, state: f.state, version: next },
      },
    );
  } catch (e) {
    if (isStaleWrite(e)) return STALE;
    throw e;
  }
  return { ok: true, version: next };
}

// ---------------------------------------------------------------------------------------------------------------
// Reviewers: the queue

const QUEUE_STATES: Record<"registrar" | "supervisor", InspectionState[]> = {
  registrar: (Object.keys(REVIEW_QUEUES) as InspectionState[]).filter(
    (s) => REVIEW_QUEUES[s] === "registrar",
  ),
  supervisor: (Object.keys(REVIEW_QUEUES) as InspectionState[]).filter(
    (s) => REVIEW_QUEUES[s] === "supervisor",
  ),
};

/** The counters' rows for the reviewer's scope (see inspection_queue_counts). */
function countsScope(user: SessionUser, filters: QueueFilters, authorityIds: number[] | null): SQL {
  const district =
    filters.authorityId !== undefined ? sql` AND c.authority_id = ${filters.authorityId}` : sql``;
  if (user.role === "supervisor") return sql`c.supervisor_unit_id = ${user.supervisorUnitId}${district}`;
  if (authorityIds) return sql`c.authority_id IN ${shortList(authorityIds)}`;
  return sql`1${district}`;
}

const EMPTY_PAGE: QueuePage = { items: [], total: 0, countsByState: {} };

/**
 * The reviewer's queue: longest waiting first. Without a state filter it shows the states waiting for this side
 * (REVIEW_QUEUES); the counts per state cover every state, under the same other filters.
 */
export async function queue(deps: AppDeps, user: SessionUser, filters: QueueFilters): Promise<QueuePage> {
  const db = deps.db;
  const today = todayOf(deps);
  const perPage = Math.min(Math.max(1, Math.trunc(filters.perPage) || 20), 200);
  const page = Math.max(1, Math.trunc(filters.page) || 1);

  // Scope: which index ranges to read.
  let ranges: SQL[];
  let scopeSql: SQL;
  let scopeIds: number[] | null = null;
  let side: "registrar" | "supervisor";
  if (user.role === "registrar" && user.authorityId !== null) {
    const tree = await authorityTree(db, user.authorityId);
    const ids = filters.authorityId !== undefined ? tree.filter((a) => a === filters.authorityId) : tree;
    if (ids.length === 0) return EMPTY_PAGE;
    ranges = ids.map((a) => sql`ai.authority_id = ${a}`);
    scopeIds = ids;
    scopeSql =
      ids.length === 1 ? sql`ai.authority_id = ${ids[0]}` : sql`ai.authority_id IN ${shortList(ids)}`;
    side = "registrar";
  } else if (user.role === "supervisor" && user.supervisorUnitId !== null) {
    scopeSql = sql`ai.supervisor_unit_id = ${user.supervisorUnitId}${
      filters.authorityId !== undefined ? sql` AND ai.authority_id = ${filters.authorityId}` : sql``
    }`;
    ranges = [scopeSql];
    side = "supervisor";
  } else if (user.role === "admin") {
    scopeSql = filters.authorityId !== undefined ? sql`ai.authority_id = ${filters.authorityId}` : sql`1`;
    ranges = [scopeSql];
    side = "registrar";
  } else {
    return EMPTY_PAGE;
  }

  let year = filters.year;
  if (year === undefined) {
    const [y] = (await db.all(sql`SELECT max(year) AS y FROM annual_inspections ai WHERE ${scopeSql}`)) as {
      y: number | null;
    }[];
    if (!y?.y) return EMPTY_PAGE;
    year = Number(y.y);
  }

  const extra: SQL[] = [];
  if (filters.type) extra.push(sql`ai.org_type = ${filters.type}`);
  if (filters.overdue) extra.push(sql`ai.state = 'returned' AND ai.correction_deadline < ${today}`);
  if (filters.hasWarnings) extra.push(sql`ai.warning_count > 0`);
  const q = classifyQuery(filters.q);
  if (q.mode === "uscc") extra.push(sql`ai.org_id = (SELECT id FROM organizations WHERE uscc = ${q.code})`);
  if (q.mode === "name") {
    extra.push(
      q.index === "org_name_tri"
        ? sql`ai.org_id IN (SELECT rowid FROM org_name_tri WHERE org_name_tri MATCH ${q.match})`
        : sql`ai.org_id IN (SELECT rowid FROM org_name_grams WHERE org_name_grams MATCH ${q.match})`,
    );
  }
  const extraSql = extra.length ? sql.join([sql``, ...extra], sql` AND `) : sql``;

  // "Overdue" concerns open corrections: without a state tab it shows the returned filings past their deadline.
  const states = filters.state
    ? [filters.state]
    : filters.overdue
      ? ["returned" as const]
      : QUEUE_STATES[side];
  const offset = (page - 1) * perPage;
  const countsByState: Partial<Record<InspectionState, number>> = {};
  let ids: number[];
  let total: number;

  if (q.mode === "name") {
    // A name fragment: the gram index is the costly part, so one statement matches once and returns both the
    // counts per state and the page.
    const rows = (await db.all(sql`
      WITH hits AS MATERIALIZED (
        SELECT ai.id, ai.state, ai.state_since FROM annual_inspections ai
        WHERE ${scopeSql} AND ai.year = ${year}${extraSql})
      SELECT 'count' AS kind, state, count(*) AS n, NULL AS id FROM hits GROUP BY state
      UNION ALL
      SELECT * FROM (SELECT 'row', state, NULL, id FROM hits WHERE state IN ${idListText(states)}
                     ORDER BY state_since, id LIMIT ${perPage} OFFSET ${offset})`)) as {
      kind: "count" | "row";
      state: InspectionState;
      n: number | null;
      id: number | null;
    }[];
    ids = [];
    for (const r of rows) {
      if (r.kind === "count") countsByState[r.state] = Number(r.n);
      else ids.push(Number(r.id));
    }
    total = states.reduce((sum, st) => sum + (countsByState[st] ?? 0), 0);
  } else {
    // Counts per state: from the trigger-kept counters when the filters are among their dimensions (type,
    // warnings); otherwise (a code, overdue) by counting the few filings those select.
    const counted =
      q.mode === "filters" && !filters.overdue
        ? sql`SELECT c.state, sum(c.n) AS n FROM inspection_queue_counts c
            WHERE ${countsScope(user, filters, scopeIds)} AND c.year = ${year}${
              filters.type ? sql` AND c.org_type = ${filters.type}` : sql``
            }${filters.hasWarnings ? sql` AND c.warned = 1` : sql``} GROUP BY c.state`
        : sql`SELECT ai.state, count(*) AS n FROM annual_inspections ai
            WHERE ${scopeSql} AND ai.year = ${year}${extraSql} GROUP BY ai.state`;
    const counts = (await db.all(counted)) as { state: InspectionState; n: number }[];
    for (const r of counts) if (Number(r.n) > 0) countsByState[r.state] = Number(r.n);
    total = states.reduce((sum, st) => sum + (countsByState[st] ?? 0), 0);
    if (total === 0 || offset >= total) return { items: [], total, countsByState };
    let idsSql: SQL;
    if (user.role === "admin") {
      idsSql = sql`SELECT ai.id FROM annual_inspections ai
        WHERE ${scopeSql} AND ai.year = ${year} AND ai.state IN ${idListText(states)}${extraSql}
        ORDER BY ai.state_since, ai.id LIMIT ${perPage} OFFSET ${offset}`;
    } else {
      // Each (scope range, state) is one index range already in waiting order: read the first offset+perPage of
      // each and merge, instead of sorting every row of the queue.
      const parts: SQL[] = [];
      for (const range of ranges) {
        for (const st of states) {
          parts.push(sql`SELECT * FROM (SELECT ai.id, ai.state_since FROM annual_inspections ai
            WHERE ${range} AND ai.year = ${year} AND ai.state = ${st}${extraSql}
            ORDER BY ai.state_since, ai.id LIMIT ${offset + perPage})`);
        }
      }
      idsSql = sql`SELECT id FROM (${sql.join(parts, sql` UNION ALL `)}) ORDER BY state_since, id LIMIT ${perPage} OFFSET ${offset}`;
    }
    ids = ((await db.all(idsSql)) as { id: number }[]).map((r) => Number(r.id));
  }
  if (ids.length === 0) return { items: [], total, countsByState };
  const rows = await selectFilings(db, sql`ai.id IN ${idList(ids)}`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: ids.map((id) => summaryOf(byId.get(id)!, today)),
    total,
    countsByState,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Rates (R-C10)

export async function rates(deps: AppDeps, user: SessionUser, year: number): Promise<RatesRow[]> {
  const db = deps.db;
  let scope: number[] | null;
  if (user.role === "registrar" && user.authorityId !== null)
    scope = await authorityTree(db, user.authorityId);
  else if (user.role === "admin") scope = null;
  else return [];
  const rows = (await db.all(sql`
    SELECT ai.authority_id, a.name AS authority_name, ai.org_type, ai.state, ai.conclusion, count(*) AS n
    FROM annual_inspections ai JOIN authorities a ON a.id = ai.authority_id
    WHERE ai.year = ${year}${scope ? sql` AND ai.authority_id IN ${shortList(scope)}` : sql``}
    GROUP BY ai.authority_id, ai.org_type, ai.state, ai.conclusion`)) as {
    authority_id: number;
    authority_name: string;
    org_type: OrgType;
    state: InspectionState;
    conclusion: Conclusion | null;
    n: number;
  }[];
  // Every filing row is an organization required to file (rows are created for exactly those, R-C2).
  const zero = (): InspectionCounts => ({
    required: 0,
    filed: 0,
    qualified: 0,
    basicallyQualified: 0,
    unqualified: 0,
  });
  const groups = new Map<
    string,
    { scope: "all" | number; scopeName: string; type: OrgType | "all"; counts: InspectionCounts }
  >();
  const add = (
    scopeKey: "all" | number,
    scopeName: string,
    type: OrgType | "all",
    c: InspectionCounts,
    n: number,
  ) => {
    const key = `${scopeKey}|${type}`;
    let g = groups.get(key);
    if (!g) {
      g = { scope: scopeKey, scopeName, type, counts: zero() };
      groups.set(key, g);
    }
    for (const k of Object.keys(c) as (keyof InspectionCounts)[]) g.counts[k] += c[k] * n;
  };
  const ownName = scope
    ? (((await db.all(sql`SELECT name FROM authorities WHERE id = ${scope[0]}`)) as { name: string }[])[0]
        ?.name ?? "")
    : "全部";
  for (const type of ["all", ...ORG_TYPES] as const) add("all", `${ownName}（合计）`, type, zero(), 0);
  for (const r of rows) {
    // tally counts one organization; multiply by the group's size.
    const one = tally([{ required: true, state: r.state, conclusion: r.conclusion }]);
    const n = Number(r.n);
    add("all", `${ownName}（合计）`, "all", one, n);
    add("all", `${ownName}（合计）`, r.org_type, one, n);
    add(Number(r.authority_id), r.authority_name, "all", one, n);
    add(Number(r.authority_id), r.authority_name, r.org_type, one, n);
  }
  return [...groups.values()].map((g) => ({
    scope: g.scope,
    scopeName: g.scopeName,
    type: g.type,
    required: g.counts.required,
    rates: computeRates(g.counts),
  }));
}

// ---------------------------------------------------------------------------------------------------------------

export const inspectionService: InspectionService = {
  openYear,
  listYears,
  markNotFiled,
  orgHome,
  getFiling,
  saveSection,
  addAttachment,
  getAttachment,
  act,
  queue,
  take: (deps, user, filingId, version) => holdChange(deps, user, filingId, version, true),
  release: (deps, user, filingId, version) => holdChange(deps, user, filingId, version, false),
  rates,
  publicHistory,
  conclusionsAnnouncement,
  notices: (deps, user, unreadOnly) => listNotices(deps.db, user, unreadOnly),
  markNoticeRead: (deps, user, noticeId) => markNoticeRead(deps.db, user, noticeId, nowIso(deps)),
};
