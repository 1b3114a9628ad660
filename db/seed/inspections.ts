/**
 * Demo annual inspections: for every authority with organizations, the last three years' inspections
 * (reports for today's year − 3 … − 1), in every state — concluded with each conclusion, published, returned with
 * comments, waiting in each queue, 未参检 — with realistic report sections that pass the pre-checks or only warn.
 *
 * Deterministic (a seeded generator per organization and year) and fast (multi-row inserts in a few batches).
 * Call it after the organizations exist: `await seedDemoInspections(db, today)`.
 */
import type { InValue } from "@libsql/client";
import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { cliActor, commitWithAudit } from "../../src/audit/audit";
import { type BatchItem, type Db, runBatch } from "../../src/db";
import {
  basicInfoFromRegister,
  type FinancesSection,
  type InspectionReport,
  type Meeting,
  REPORT_SECTIONS,
  type RegisterEntry,
} from "../../src/domain/inspection-report";
import { dateIn, defaultWindow, requiredToFile, windowStatus } from "../../src/domain/inspection-window";
import type { InspectionAction, InspectionState } from "../../src/domain/inspection-workflow";
import { runPrechecks } from "../../src/domain/prechecks";
import type { Conclusion, Problem } from "../../src/domain/workflow";
import { addCalendarDays, addWorkingDays } from "../../src/domain/working-days";
import { loadCalendar } from "../../src/inspection/holidays";
import { ORG_TYPES, type OrgType, type SupervisionMode } from "../schema";
import {
  annualInspections,
  type InspectionWindows,
  inspectionProblems,
  inspectionRounds,
  inspectionSections,
  inspectionTransitions,
  inspectionYears,
  notices,
} from "../schema/inspection";
import { createRandom, type Random } from "./random";
import { valuesSql } from "./synthetic";

export type OrgRow = RegisterEntry & {
  id: number;
  status: "active";
  authorityId: number;
  supervisorUnitId: number | null;
};

const SURNAMES = [
  "王",
  "李",
  "张",
  "刘",
  "陈",
  "杨",
  "黄",
  "赵",
  "周",
  "吴",
  "徐",
  "孙",
  "马",
  "朱",
  "胡",
  "郭",
];
const GIVEN = [
  "建国",
  "丽华",
  "志强",
  "秀英",
  "海燕",
  "文杰",
  "国平",
  "晓红",
  "明",
  "静",
  "伟",
  "芳",
  "磊",
  "洁",
];

function person(r: Random) {
  return r.pick(SURNAMES) + r.pick(GIVEN);
}

/** A year's finances in fen that add up; `scale` is roughly the total income in yuan. */
function finances(r: Random, type: OrgType, scale: number): FinancesSection {
  const fen = (yuan: number) => Math.round(yuan) * 100;
  const income = {
    donations: fen(scale * (type === "foundation" ? 0.75 : 0.2) * (0.8 + r.next() * 0.4)),
    governmentGrants: fen(scale * 0.15 * r.next()),
    serviceIncome: fen(scale * (type === "private_non_enterprise" ? 0.6 : 0.1) * r.next()),
    membershipDues: type === "social_group" ? fen(scale * 0.3 * (0.5 + r.next())) : 0,
    investment: type === "foundation" ? fen(scale * 0.05 * r.next()) : 0,
    other: fen(scale * 0.02 * r.next()),
    total: 0,
  };
  income.total =
    income.donations +
    income.governmentGrants +
    income.serviceIncome +
    income.membershipDues +
    income.investment +
    income.other;
  const spend = Math.round(income.total * (0.8 + r.next() * 0.15));
  const management = Math.round(
    spend * (type === "foundation" ? 0.06 + r.next() * 0.03 : 0.08 + r.next() * 0.1),
  );
  const fundraising = type === "foundation" ? Math.round(spend * 0.01) : 0;
  const other = Math.round(spend * 0.02);
  const charitable = spend - management - fundraising - other;
  const assets = Math.round(income.total * (1.5 + r.next() * 2));
  const liabilities = Math.round(assets * (0.05 + r.next() * 0.25));
  return {
    balance: { assets, liabilities, netAssets: assets - liabilities },
    income,
    expenses: { charitable, management, fundraising, other, total: spend },
    changeExplanations: {},
  };
}

/** A complete report for one organization and year; `warn` adds facts the pre-checks warn about (never blocks). */
export function demoReport(
  org: OrgRow,
  year: number,
  r: Random,
  warn: boolean,
  lastYear?: InspectionReport,
): InspectionReport {
  const scale = [200_000, 800_000, 3_000_000][r.int(0, 2)]!;
  let fin = finances(r, org.type, scale);
  if (lastYear?.finances && !warn) {
    // Stay within ±30% of last year so the year-on-year check stays quiet.
    const prev = lastYear.finances;
    const k = 0.9 + r.next() * 0.3;
    const s = (n: number) => Math.round((n * k) / 100) * 100;
    const income = {
      ...prev.income,
      donations: s(prev.income.donations),
      governmentGrants: s(prev.income.governmentGrants),
      serviceIncome: s(prev.income.serviceIncome),
      membershipDues: s(prev.income.membershipDues),
      investment: s(prev.income.investment),
      other: s(prev.income.other),
      total: 0,
    };
    income.total =
      income.donations +
      income.governmentGrants +
      income.serviceIncome +
      income.membershipDues +
      income.investment +
      income.other;
    const expenses = {
      charitable: s(prev.expenses.charitable),
      management: s(prev.expenses.management),
      fundraising: s(prev.expenses.fundraising),
      other: s(prev.expenses.other),
      total: 0,
    };
    expenses.total = expenses.charitable + expenses.management + expenses.fundraising + expenses.other;
    const assets = s(prev.balance.assets);
    const liabilities = s(prev.balance.liabilities);
    fin = {
      balance: { assets, liabilities, netAssets: assets - liabilities },
      income,
      expenses,
      changeExplanations: {},
    };
    if (org.type === "foundation" && org.foundationKind === "public") {
      // 公益活动支出 ≥ 70% of last year's income.
      const need = Math.ceil((prev.income.total * 0.7) / 100) * 100;
      if (fin.expenses.charitable < need) {
        fin.expenses.total += need - fin.expenses.charitable;
        fin.expenses.charitable = need;
      }
    }
  }
  const termStart = `${year - r.int(0, 3)}-0${r.int(3, 9)}-01`;
  const termYears = org.type === "foundation" ? 5 : r.pick([4, 5]);
  const termEnd = addCalendarDays(`${Number(termStart.slice(0, 4)) + termYears}${termStart.slice(4)}`, -1);
  const chairBirth =
    warn && r.next() < 0.5 ? `${year - 72}-02-01` : `${year - r.int(45, 66)}-0${r.int(1, 9)}-1${r.int(0, 9)}`;
  const fullMembers = r.int(0, 12);
  const hasPartyOrg = fullMembers >= 3 ? !(warn && r.next() < 0.4) : false;
  const meetings: Meeting[] = [
    { kind: "board", date: `${year}-0${r.int(1, 4)}-1${r.int(0, 9)}`, topic: "审议年度工作计划和财务预算" },
    { kind: "board", date: `${year}-${r.int(10, 12)}-1${r.int(0, 9)}`, topic: "审议年度工作总结" },
  ];
  if (org.type === "social_group") {
    meetings.push({
      kind: "general_assembly",
      date: `${year}-0${r.int(5, 8)}-2${r.int(0, 8)}`,
      topic: "会员代表大会",
    });
  }
  const donors = ["示范市某科技有限公司", "示范市某建设集团", "爱心人士", "示范市某商贸有限公司"];
  const receivedTotal = fin.income.donations;
  const received =
    receivedTotal > 0
      ? [
          {
            donor: r.pick(donors),
            amount: Math.round((receivedTotal * 0.4) / 100) * 100,
            inKind: false,
            restricted: r.next() < 0.5,
            purpose: "助学助困",
          },
        ]
      : [];
  const grantsTotal = org.type === "foundation" ? Math.round((fin.expenses.charitable * 0.5) / 100) * 100 : 0;
  const report: InspectionReport = {
    year,
    basicInfo: basicInfoFromRegister(org),
    meetings: { items: meetings },
    termChange: {
      termYears,
      currentTermStartedOn: termStart,
      currentTermEndsOn: termEnd,
      heldThisYear: false,
      auditBeforeChange: false,
      officers: [
        {
          name: org.legalRepresentative || person(r),
          post: org.type === "foundation" ? "理事长" : org.type === "social_group" ? "会长" : "院长",
          postKind: "chair",
          birthDate: chairBirth,
          termsServed: r.int(1, 2),
          isLegalRepresentative: true,
        },
        {
          name: person(r),
          post: "秘书长",
          postKind: "secretary_general",
          birthDate: `${year - r.int(32, 55)}-0${r.int(1, 9)}-0${r.int(1, 9)}`,
          termsServed: 1,
          isLegalRepresentative: false,
        },
      ],
    },
    staff: { fullTime: r.int(2, 15), partTime: r.int(0, 6), volunteers: r.int(0, 200), socialInsured: 2 },
    branches: {
      items:
        org.type === "social_group" && r.next() < 0.3
          ? [
              {
                name: `${org.name.replace(/(协会|学会|商会|联合会|研究会)$/, "")}青年工作委员会`,
                kind: "branch" as const,
              },
            ]
          : [],
    },
    finances: fin,
    donations: {
      receivedTotal,
      received,
      grantsTotal,
      grants:
        grantsTotal > 0
          ? [
              {
                recipient: "示范市第一中学",
                amount: Math.round((grantsTotal * 0.3) / 100) * 100,
                purpose: "奖学金",
              },
            ]
          : [],
    },
    activities: {
      items: [
        {
          title:
            org.type === "foundation"
              ? "“春蕾”助学项目"
              : org.type === "social_group"
                ? "年度学术交流会"
                : "社区关爱服务",
          date: `${year}-0${r.int(4, 9)}-15`,
          summary: "按计划开展，参与约百人。",
          reported: true,
        },
      ],
    },
    partyBuilding: {
      hasPartyOrg,
      ...(hasPartyOrg
        ? {
            orgType: "branch" as const,
            orgName: `${org.name}党支部`,
            secretaryName: person(r),
            secretaryIsOfficer: r.next() < 0.6,
          }
        : { secretaryIsOfficer: false }),
      fullMembers,
      probationaryMembers: r.int(0, 1),
      hasBranchCommittee: hasPartyOrg && fullMembers >= 7,
      ...(hasPartyOrg && fullMembers >= 7 ? { committeeSize: 3 } : {}),
      hasInstructor: !hasPartyOrg,
      ...(!hasPartyOrg ? { instructorName: person(r), instructorUnit: "示范市社会组织党委" } : {}),
    },
    cadres: { items: [] },
    declaration: {
      agreed: true,
      signedBy: org.legalRepresentative || person(r),
      signedOn: `${year + 1}-03-1${r.int(0, 9)}`,
    },
  };
  return report;
}

/** The states one year's filings cycle through (so every state appears wherever there are enough organizations). */
function plan(latest: boolean, supervised: boolean, draftsOpen: boolean): InspectionState[] {
  if (!latest) {
    return [
      "published",
      "published",
      "published",
      "published",
      "published",
      "published",
      "published",
      "published",
      "published",
      "not_filed",
      "published",
      "published",
      "published",
      "published",
    ];
  }
  return [
    "published",
    "registrar_review",
    supervised ? "supervisor_review" : "registrar_review",
    "returned",
    "submitted",
    "pre_review",
    "concluded",
    "published",
    draftsOpen ? "draft" : "not_filed",
    "registrar_review",
    "published",
    "concluded",
    "not_filed",
  ];
}

const CONCLUSION_CYCLE: Conclusion[] = [
  "qualified",
  "qualified",
  "basically_qualified",
  "qualified",
  "qualified",
  "unqualified",
  "qualified",
  "qualified",
  "basically_qualified",
  "qualified",
];

const PROBLEMS: Record<Exclude<Conclusion, "qualified">, Problem[]> = {
  basically_qualified: [
    { description: "理事会会议记录不完整，部分会议未形成书面纪要。", severity: "minor", section: "meetings" },
    {
      description: "年度工作报告中部分财务数据与会计报表不一致，已当场更正。",
      severity: "minor",
      section: "finances",
    },
  ],
  unqualified: [
    { description: "未按章程规定期限换届，且未说明原因。", severity: "serious", section: "termChange" },
    { description: "管理费用超出规定比例且无合理解释。", severity: "serious", section: "finances" },
  ],
};

function pathTo(
  state: InspectionState,
  supervised: boolean,
  returnedOnce: boolean,
  lapsed = false,
): InspectionAction[] {
  if (state === "draft") return [];
  // A filing returned for correction and never resubmitted is marked 未参检 once its deadline has passed (R-C3).
  if (state === "not_filed")
    return lapsed
      ? ["submit", "start_pre_review", "return_for_correction", "mark_not_filed"]
      : ["mark_not_filed"];
  const path: InspectionAction[] = ["submit"];
  if (state === "submitted") return path;
  path.push("start_pre_review");
  if (returnedOnce) path.push("return_for_correction", "resubmit", "start_pre_review");
  if (state === "pre_review") return path;
  if (state === "returned") return returnedOnce ? path.slice(0, 3) : [...path, "return_for_correction"];
  path.push("pass_pre_review");
  if (state === "supervisor_review") return path;
  if (supervised) path.push("pass_supervisor_review");
  if (state === "registrar_review") return path;
  path.push("conclude");
  if (state === "concluded") return path;
  path.push("publish");
  return path;
}

const STATE_AFTER: Record<InspectionAction, InspectionState> = {
  submit: "submitted",
  withdraw: "draft",
  start_pre_review: "pre_review",
  pass_pre_review: "registrar_review",
  return_for_correction: "returned",
  resubmit: "submitted",
  pass_supervisor_review: "registrar_review",
  conclude: "concluded",
  publish: "published",
  mark_not_filed: "not_filed",
};

/**
 * A multi-row INSERT written as SQL literals (db/seed/synthetic.ts valuesSql): building thousands of bound
 * parameters through drizzle's insert builder took most of the seeding time. JSON columns are stringified as drizzle
 * would. Only for generated demo data. Returns the statement and its SQL text.
 */
function literalInsert<T extends SQLiteTable>(db: Db, table: T, rows: readonly T["$inferInsert"][]) {
  const columns = Object.entries(getTableColumns(table)).filter(([key]) =>
    rows.some((r) => (r as Record<string, unknown>)[key] !== undefined),
  );
  const flat: InValue[] = [];
  for (const r of rows) {
    for (const [key] of columns) {
      const v = (r as Record<string, unknown>)[key];
      flat.push(
        v === undefined || v === null
          ? null
          : typeof v === "object"
            ? JSON.stringify(v)
            : (v as string | number | boolean),
      );
    }
  }
  const text = `INSERT INTO "${getTableName(table)}" (${columns.map(([, c]) => `"${c.name}"`).join(", ")}) VALUES ${valuesSql(columns.length, flat)}`;
  return Object.assign(db.run(sql.raw(text)), { sql: sql.raw(text) });
}

async function insertChunked(db: Db, items: BatchItem[]) {
  for (let i = 0; i < items.length; i += 200) await runBatch(db, items.slice(i, i + 200));
}

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/**
 * Seeds inspections for the three years before `today`'s year, for every authority with organizations.
 * Does nothing when inspection years already exist. Returns how many filings it created.
 */
export async function seedDemoInspections(
  db: Db,
  today: string,
  options: {
    /** Organizations (the demo-org account's) whose latest filing is a draft and whose year before is 合格. */
    draftOrgIds?: readonly number[];
  } = {},
): Promise<{ years: number; filings: number }> {
  const pinned = new Set(options.draftOrgIds ?? []);
  const existing = await db.all(sql`SELECT 1 FROM inspection_years LIMIT 1`);
  if (existing.length > 0) return { years: 0, filings: 0 };
  const orgRows = (await db.all(sql`
    SELECT id, uscc, name, type, status, legal_representative, address, activity_area, business_scope, supervision_mode,
      supervisor, party_building_authority, registered_on, capital_fen, foundation_kind, is_charity, authority_id,
      supervisor_unit_id
    FROM organizations ORDER BY id`)) as Record<string, unknown>[];
  const orgs: OrgRow[] = orgRows.map((o) => ({
    id: Number(o.id),
    uscc: String(o.uscc),
    name: String(o.name),
    type: o.type as OrgType,
    status: o.status as "active",
    legalRepresentative: String(o.legal_representative ?? ""),
    address: String(o.address ?? ""),
    activityArea: String(o.activity_area ?? ""),
    businessScope: String(o.business_scope ?? ""),
    supervisionMode: o.supervision_mode as SupervisionMode,
    supervisor: (o.supervisor as string | null) ?? null,
    partyBuildingAuthority: (o.party_building_authority as string | null) ?? null,
    registeredOn: String(o.registered_on),
    capitalFen: Number(o.capital_fen ?? 0),
    foundationKind: (o.foundation_kind as "public" | "non_public" | null) ?? null,
    isCharity: Boolean(Number(o.is_charity ?? 0)),
    authorityId: Number(o.authority_id),
    supervisorUnitId: o.supervisor_unit_id == null ? null : Number(o.supervisor_unit_id),
  }));
  const byAuthority = new Map<number, OrgRow[]>();
  for (const o of orgs) {
    const list = byAuthority.get(o.authorityId) ?? [];
    list.push(o);
    byAuthority.set(o.authorityId, list);
  }
  const thisYear = Number(today.slice(0, 4));
  const years = [thisYear - 3, thisYear - 2, thisYear - 1];
  const calendar = await loadCalendar(db);
  const lastReports = new Map<number, InspectionReport>();
  let filingCount = 0;
  let yearCount = 0;

  for (const year of years) {
    const latest = year === thisYear - 1;
    const windows = {} as InspectionWindows;
    for (const t of ORG_TYPES) {
      const w = defaultWindow(year, t);
      windows[t] = {
        opensOn: w.opensOn,
        closesOn: w.closesOn,
        supervisorDueOn: t === "foundation" ? null : w.supervisorDeadline,
      };
      // The demo city keeps this year's window open until the end of the year (each authority sets its own window,
      // R-C1 [C]), so the portal always has a report to fill in and the queues a filing to review.
      if (latest && today > w.closesOn && today <= `${year + 1}-12-31`) {
        const closesOn = `${year + 1}-12-31`;
        windows[t] = { opensOn: w.opensOn, closesOn, supervisorDueOn: t === "foundation" ? null : closesOn };
      }
    }
    const cutoffOn = dateIn(year, { month: 6, day: 30 });
    for (const [authorityId, list] of byAuthority) {
      const required = requiredToFile(list, year);
      if (required.length === 0) continue;
      const [yr] = await db
        .insert(inspectionYears)
        .values({
          authorityId,
          year,
          windows,
          cutoffOn,
          requiredCount: required.length,
          openedAt: `${year + 1}-01-02T01:00:00.000Z`,
          notFiledMarkedAt: latest ? null : `${year + 1}-06-01T16:00:00.000Z`,
        })
        .returning({ id: inspectionYears.id });
      yearCount++;
      const filingValues: (typeof annualInspections.$inferInsert)[] = [];
      const extras: {
        org: OrgRow;
        state: InspectionState;
        report: InspectionReport;
        path: InspectionAction[];
        dates: string[];
        conclusion: Conclusion | null;
        returnedOnce: boolean;
      }[] = [];
      required.forEach((org, i) => {
        const r = createRandom(org.id * 7919 + year);
        const supervised = org.supervisionMode === "supervised";
        const draftsOpen = windowStatus(windows[org.type], today) !== "closed";
        const cycle = plan(latest, supervised, draftsOpen);
        let state = cycle[(i + org.authorityId) % cycle.length]!;
        if (state === "supervisor_review" && !supervised) state = "registrar_review";
        // 未参检 only once the window has closed.
        if (latest && state === "not_filed" && draftsOpen) state = "draft";
        if (pinned.has(org.id))
          state = latest && draftsOpen ? "draft" : year === thisYear - 2 ? "published" : state;
        const conclusion =
          state === "concluded" || state === "published"
            ? pinned.has(org.id)
              ? "qualified"
              : CONCLUSION_CYCLE[(i + year) % CONCLUSION_CYCLE.length]!
            : null;
        const returnedOnce =
          state !== "returned" &&
          state !== "submitted" &&
          state !== "draft" &&
          state !== "not_filed" &&
          i % 4 === 1;
        // Half the 未参检 of a closed year had submitted, were returned for correction and let the deadline lapse.
        const lapsed = !latest && state === "not_filed" && Math.floor((i + org.authorityId) / 14) % 2 === 0;
        const warn = i % 3 === 0;
        const report = demoReport(org, year, r, warn, lastReports.get(org.id));
        if (state !== "not_filed") lastReports.set(org.id, report);
        else lastReports.delete(org.id);
        const path = pathTo(state, supervised, returnedOnce, lapsed);
        // Dates: submissions in the spring of year+1; for the latest year the last step a few days before today; a
        // lapsed return in April, so its deadline passed before the 未参检 marking of June 2.
        const end = latest
          ? addCalendarDays(today, -((i % 20) + 1))
          : lapsed
            ? `${year + 1}-04-${String(10 + (i % 15)).padStart(2, "0")}`
            : `${year + 1}-08-${String(1 + (i % 28)).padStart(2, "0")}`;
        const spring = `${year + 1}-03-${String(1 + (i % 25)).padStart(2, "0")}`;
        const start = spring < end ? spring : addCalendarDays(end, -30);
        const dates = path.map((_, k) => {
          if (path[k] === "mark_not_filed")
            return latest ? addCalendarDays(windows[org.type].closesOn, 1) : `${year + 1}-06-02`;
          const span = Math.max(0, (Date.parse(end) - Date.parse(start)) / 86_400_000);
          return addCalendarDays(start, Math.floor((span * k) / Math.max(1, path.length - 1)));
        });
        const at = (d: string) => `${d}T0${2 + (i % 7)}:1${i % 10}:00.000Z`;
        const since = dates.length ? at(dates.at(-1)!) : `${year + 1}-01-02T01:00:00.000Z`;
        const rounds = path.filter((a) => a === "submit" || a === "resubmit").length;
        const returnDate = state === "returned" ? dates.at(-1)! : null;
        const lapsedReturn = lapsed ? dates[path.indexOf("return_for_correction")]! : null;
        const deadline = returnDate ? addWorkingDays(returnDate, 5, calendar) : null;
        const checks = runPrechecks(report, {
          orgType: org.type,
          foundationKind: org.foundationKind,
          legalRepresentative: org.legalRepresentative,
          lastYear: null,
          lastYearOutcome: null,
          openRectificationNotice: false,
        });
        filingValues.push({
          yearId: yr!.id,
          orgId: org.id,
          year,
          authorityId,
          orgType: org.type,
          supervisionMode: org.supervisionMode,
          supervisorUnitId: org.supervisorUnitId,
          state,
          version: path.length + 11,
          actVersion: path.length + 11,
          round: rounds,
          stateSince: since,
          submittedAt: rounds > 0 ? at(dates[0]!) : null,
          lastSubmittedAt:
            rounds > 0
              ? at(dates[path.lastIndexOf(path.includes("resubmit") ? "resubmit" : "submit")]!)
              : null,
          correctionReason:
            state === "returned" || lapsed ? "财务报表部分数据与审计报告不一致，活动情况填写过简。" : null,
          correctionDeadline: deadline ?? (lapsedReturn ? addWorkingDays(lapsedReturn, 5, calendar) : null),
          conclusion,
          concludedOn: conclusion ? dates[path.indexOf("conclude")]! : null,
          publishedOn: state === "published" ? dates.at(-1)! : null,
          warningCount: rounds > 0 ? checks.filter((c) => c.severity === "warning").length : 0,
          createdAt: `${year + 1}-01-02T01:00:00.000Z`,
          updatedAt: since,
        });
        extras.push({ org, state, report, path, dates, conclusion, returnedOnce });
      });

      for (const part of chunks(
        filingValues.map((v, k) => ({ v, k })),
        300,
      )) {
        const ids = (
          (await db.all(
            sql`${
              literalInsert(
                db,
                annualInspections,
                part.map((p) => p.v),
              ).sql
            } RETURNING id`,
          )) as { id: number }[]
        ).map((r) => ({ id: Number(r.id) }));
        const items: BatchItem[] = [];
        const sectionRows: (typeof inspectionSections.$inferInsert)[] = [];
        const roundRows: (typeof inspectionRounds.$inferInsert)[] = [];
        const transitionRows: (typeof inspectionTransitions.$inferInsert)[] = [];
        const problemRows: (typeof inspectionProblems.$inferInsert)[] = [];
        const noticeRows: (typeof notices.$inferInsert)[] = [];
        ids.forEach((row, j) => {
          const e = extras[part[j]!.k]!;
          const id = row.id;
          // A concluded filing's report is its last round's snapshot (nothing reads its working sections again):
          // writing them for the ~3,500 concluded filings would add a third to `npm start` on an empty database.
          if (e.state !== "not_filed" && e.state !== "published" && e.state !== "concluded") {
            for (const s of REPORT_SECTIONS) {
              if (s === "basicInfo" || s === "rectification") continue;
              const data = (e.report as unknown as Record<string, unknown>)[s];
              if (data === undefined) continue;
              sectionRows.push({
                filingId: id,
                section: s,
                data,
                savedVersion: 2,
                updatedAt: `${year + 1}-02-20T03:00:00.000Z`,
              });
            }
          }
          let round = 0;
          let state: InspectionState = "draft";
          e.path.forEach((action, k) => {
            const at = `${e.dates[k]!}T0${2 + (k % 7)}:30:00.000Z`;
            const next =
              action === "pass_pre_review" && e.org.supervisionMode === "supervised"
                ? "supervisor_review"
                : STATE_AFTER[action];
            if (action === "submit" || action === "resubmit") {
              round++;
              const snapshot =
                round === 1 && e.returnedOnce ? { ...e.report, activities: { items: [] } } : e.report;
              roundRows.push({
                filingId: id,
                round,
                snapshot,
                checks: runPrechecks(snapshot, {
                  orgType: e.org.type,
                  foundationKind: e.org.foundationKind,
                  legalRepresentative: e.org.legalRepresentative,
                  lastYear: null,
                  lastYearOutcome: null,
                  openRectificationNotice: false,
                }),
                submittedAt: at,
              });
            }
            let details: Record<string, unknown> = {};
            if (action === "return_for_correction") {
              const comments = [
                { section: "finances", text: "收入合计与审计报告不一致，请核对后更正。" },
                { section: "activities", text: "请补充本年度开展的主要活动及其情况。" },
              ];
              const deadline = addWorkingDays(e.dates[k]!, 5, calendar);
              const last = roundRows.at(-1)!;
              Object.assign(last, {
                returnedAt: at,
                returnedByName: "登记机关审查员",
                reason: "财务报表部分数据与审计报告不一致，活动情况填写过简。",
                deadline,
                comments,
              });
              details = { reason: last.reason, deadline, comments };
              if (e.state === "returned") {
                noticeRows.push({
                  orgId: e.org.id,
                  text: `您单位${year} 年度年检报告被退回补正：${last.reason} 请于 ${deadline} 前修改后重新提交。`,
                  href: `/portal/inspections/${id}`,
                  createdAt: at,
                });
              }
            }
            if (action === "pass_pre_review" && e.org.supervisionMode !== "supervised")
              details = { skipped: { state: "supervisor_review", rule: "R-A11" } };
            if (action === "conclude" && e.conclusion) {
              const problems = e.conclusion === "qualified" ? [] : PROBLEMS[e.conclusion];
              for (const p of problems)
                problemRows.push({
                  filingId: id,
                  description: p.description,
                  severity: p.severity,
                  section: p.section ?? null,
                  createdAt: at,
                });
              details = { conclusion: e.conclusion, problems };
              if (latest)
                noticeRows.push({
                  orgId: e.org.id,
                  text: `您单位${year} 年度年检结论为“${{ qualified: "合格", basically_qualified: "基本合格", unqualified: "不合格" }[e.conclusion]}”。`,
                  href: `/portal/inspections/${id}`,
                  createdAt: at,
                });
            }
            const role =
              action === "submit" || action === "resubmit"
                ? "org"
                : action === "pass_supervisor_review"
                  ? "supervisor"
                  : action === "mark_not_filed"
                    ? "system"
                    : "registrar";
            transitionRows.push({
              filingId: id,
              action,
              fromState: state,
              toState: next,
              actorRole: role,
              actorName:
                role === "org"
                  ? "填报员"
                  : role === "supervisor"
                    ? "业务主管单位审查员"
                    : role === "system"
                      ? "系统（自动）"
                      : "登记机关审查员",
              at,
              details,
            });
            state = next;
          });
          if (latest && (e.state === "submitted" || e.state === "registrar_review")) {
            noticeRows.push({
              authorityId,
              text: `「${e.org.name}」的${year} 年度年检报告等待审查。`,
              href: `/registrar/inspections/${id}`,
              createdAt: filingValues[part[j]!.k]!.stateSince!,
            });
          }
          if (latest && e.state === "supervisor_review" && e.org.supervisorUnitId !== null) {
            noticeRows.push({
              supervisorUnitId: e.org.supervisorUnitId,
              text: `「${e.org.name}」的${year} 年度年检报告已通过登记机关预审，请进行初审。`,
              href: `/supervisor/inspections/${id}`,
              createdAt: filingValues[part[j]!.k]!.stateSince!,
            });
          }
        });
        for (const c of chunks(sectionRows, 400)) items.push(literalInsert(db, inspectionSections, c));
        for (const c of chunks(roundRows, 200)) items.push(literalInsert(db, inspectionRounds, c));
        for (const c of chunks(transitionRows, 400)) items.push(literalInsert(db, inspectionTransitions, c));
        for (const c of chunks(problemRows, 400)) items.push(literalInsert(db, inspectionProblems, c));
        for (const c of chunks(noticeRows, 400)) items.push(literalInsert(db, notices, c));
        await insertChunked(db, items);
      }
      filingCount += filingValues.length;
    }
  }
  await commitWithAudit(db, cliActor("seed:inspections"), [], {
    action: "inspection.seed",
    objectType: "inspection_year",
    summary: { years, filings: filingCount },
  });
  return { years: yearCount, filings: filingCount };
}
