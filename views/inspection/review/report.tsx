/**
 * The annual report as a reviewer reads it (R-C5): each section with last year's figures beside this year's, the
 * machine checks and the comments of earlier rounds next to the section they concern, and a mark on sections that
 * changed since the last round.
 */
import type { Child } from "hono/jsx";
import {
  BRANCH_KIND_LABELS,
  CADRE_LEVEL_LABELS,
  EXPENSE_PARTS,
  FINANCE_FIELD_LABELS,
  type FinanceField,
  type FinancesSection,
  financeValue,
  INCOME_PARTS,
  type InspectionReport,
  MEETING_KIND_LABELS,
  PARTY_ORG_TYPE_LABELS,
  POST_KIND_LABELS,
  REPORT_SECTIONS,
  type ReportSection,
  SECTION_LABELS,
} from "../../../src/domain/inspection-report";
import { formatFen } from "../../../src/domain/money";
import type { Check } from "../../../src/domain/prechecks";
import type { SectionComment } from "../../../src/domain/workflow";
import { SUPERVISION_LABELS, TYPE_LABELS } from "../../../src/registry/labels";
import { cnDate } from "../../components/dates";
import { CheckTag } from "./shared";

/** The report's field names in Chinese (every field of every section schema has one: test/unit/report-labels). */
export const FIELD_LABELS: Record<string, string> = {
  uscc: "统一社会信用代码",
  name: "名称",
  type: "类型",
  legalRepresentative: "法定代表人",
  address: "住所",
  activityArea: "活动地域",
  businessScope: "业务范围",
  supervisionMode: "管理方式",
  supervisor: "业务主管单位",
  partyBuildingAuthority: "党建领导机关",
  registeredOn: "成立日期",
  capitalFen: "注册资金（元）",
  foundationKind: "基金会类别",
  isCharity: "慈善组织",
  items: "明细",
  kind: "类别",
  date: "日期",
  topic: "议题",
  termYears: "每届任期（年）",
  currentTermStartedOn: "本届开始日期",
  currentTermEndsOn: "本届届满日期",
  heldThisYear: "本年度是否换届",
  heldOn: "换届日期",
  establishedOn: "设立日期",
  cadreLevel: "干部职级",
  auditBeforeChange: "换届前已进行财务审计",
  lastGeneralAssemblyOn: "最近一次会员（代表）大会日期",
  overdueExplanation: "逾期未换届的说明",
  officers: "负责人",
  post: "职务",
  postKind: "职务类别",
  birthDate: "出生日期",
  termsServed: "任职届数",
  isLegalRepresentative: "担任法定代表人",
  fullTime: "专职人员",
  partTime: "兼职人员",
  volunteers: "志愿者",
  socialInsured: "参加社会保险人数",
  receivedTotal: "接受捐赠合计（元）",
  received: "捐赠明细",
  donor: "捐赠方",
  amount: "金额（元）",
  inKind: "实物捐赠",
  restricted: "限定用途",
  purpose: "用途",
  grantsTotal: "对外资助合计（元）",
  grants: "资助明细",
  recipient: "受助方",
  title: "活动名称",
  summary: "活动情况",
  reported: "已事先报告",
  hasPartyOrg: "已建立党组织",
  orgType: "党组织类型",
  orgName: "党组织名称",
  coveredUnits: "联合党支部覆盖单位数",
  fullMembers: "正式党员",
  probationaryMembers: "预备党员",
  activists: "入党积极分子",
  hasBranchCommittee: "设立支部委员会",
  committeeSize: "支委会委员人数",
  secretaryName: "党组织书记",
  secretaryIsOfficer: "书记为本组织负责人",
  hasInstructor: "有党建工作指导员",
  instructorName: "党建工作指导员",
  instructorUnit: "指导员所在单位",
  retired: "已退（离）休",
  approvalRecord: "审批情况",
  paid: "领取薪酬",
  socialGroupPosts: "兼任社团职务数",
  agreed: "已承诺所填内容真实",
  signedBy: "签名",
  signedOn: "签署日期",
  attachmentKey: "附件",
  text: "整改情况",
  explanation: "说明",
  changeExplanations: "变动说明",
};
const MONEY_KEYS = new Set(["amount", "receivedTotal", "grantsTotal", "capitalFen"]);
/** Codes shown in words. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  type: TYPE_LABELS,
  supervisionMode: SUPERVISION_LABELS,
  foundationKind: { public: "公募", non_public: "非公募" },
  kind: { ...MEETING_KIND_LABELS, ...BRANCH_KIND_LABELS },
  postKind: POST_KIND_LABELS,
  orgType: PARTY_ORG_TYPE_LABELS,
  cadreLevel: CADRE_LEVEL_LABELS,
};

function yuan(fen: unknown): string {
  return typeof fen === "number" ? formatFen(fen) : "—";
}

function Value({ k, v }: { k: string; v: unknown }): Child {
  if (v === null || v === undefined || v === "") return <span class="muted">—</span>;
  if (typeof v === "boolean") return v ? "是" : "否";
  if (typeof v === "number") return MONEY_KEYS.has(k) ? yuan(v) : String(v);
  if (typeof v === "string") {
    if (VALUE_LABELS[k]) return VALUE_LABELS[k][v] ?? "（未识别）";
    return /^\d{4}-\d{2}-\d{2}$/.test(v) ? cnDate(v) : v;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return <span class="muted">无</span>;
    const keys = [...new Set(v.flatMap((row) => (row && typeof row === "object" ? Object.keys(row) : [])))];
    return (
      <table class="report-table">
        <thead>
          <tr>
            {keys.map((c) => (
              <th scope="col">{FIELD_LABELS[c] ?? "其他"}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {v.map((row) => (
            <tr>
              {keys.map((c) => (
                <td>
                  <Value k={c} v={(row as Record<string, unknown>)[c]} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  if (typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return <span class="muted">无</span>;
    return (
      <dl class="summary">
        {entries.map(([ek, ev]) => (
          <>
            <dt>{FIELD_LABELS[ek] ?? "其他"}</dt>
            <dd>
              <Value k={ek} v={ev} />
            </dd>
          </>
        ))}
      </dl>
    );
  }
  return String(v);
}

/** The finance section as a table: this year, last year, the change. */
function FinancesTable({
  now,
  before,
  plain,
}: {
  now: FinancesSection;
  before: FinancesSection | null;
  plain?: boolean;
}) {
  const rows: FinanceField[] = [
    "balance.assets",
    "balance.liabilities",
    "balance.netAssets",
    ...INCOME_PARTS.map((p) => `income.${p}` as FinanceField),
    "income.total",
    ...EXPENSE_PARTS.map((p) => `expenses.${p}` as FinanceField),
    "expenses.total",
  ];
  const explanations = now.changeExplanations ?? {};
  return (
    <table class="report-table figures">
      <caption>单位：元</caption>
      <thead>
        <tr>
          <th scope="col">项目</th>
          <th scope="col">本年度</th>
          {plain ? null : <th scope="col">上年度</th>}
          <th scope="col">变动说明</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((f) => (
          <tr id={`finances.${f}`}>
            <th scope="row">{FINANCE_FIELD_LABELS[f]}</th>
            <td class="num">{yuan(financeValue(now, f))}</td>
            {plain ? null : <td class="num">{before ? yuan(financeValue(before, f)) : "—"}</td>}
            <td>{explanations[f] ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const FIGURE_SECTIONS: readonly ReportSection[] = ["staff", "donations"];

export interface ReportViewProps {
  report: InspectionReport;
  previous: InspectionReport | null;
  checks: Check[];
  changed: readonly ReportSection[];
  /** Comments of the rounds returned so far, newest round first. */
  comments: { round: number; comments: SectionComment[] }[];
  rectificationRequired: boolean;
  /** The report alone, as printed (年度工作报告书): no checks, comments, marks or last year's figures. */
  plain?: boolean;
}

export function ReportView(p: ReportViewProps) {
  const data = p.report as unknown as Record<string, unknown>;
  const prev = p.previous as unknown as Record<string, unknown> | null;
  const sections = REPORT_SECTIONS.filter(
    (s) => data[s] !== undefined || (s === "rectification" && p.rectificationRequired),
  );
  return (
    <div class="report">
      {sections.map((s) => {
        const checks = p.plain ? [] : p.checks.filter((c) => c.section === s);
        const comments = (p.plain ? [] : p.comments).flatMap((r) =>
          r.comments.filter((c) => c.section === s).map((c) => ({ ...c, round: r.round })),
        );
        return (
          <section class="panel report-section" id={`section-${s}`} aria-labelledby={`section-${s}-title`}>
            <h3 id={`section-${s}-title`}>
              {SECTION_LABELS[s]}{" "}
              {!p.plain && p.changed.includes(s) ? <span class="tag warn">本轮有修改</span> : null}
              {!p.plain && s === "basicInfo" ? <span class="tag neutral">取自登记信息</span> : null}
            </h3>
            {checks.length > 0 ? (
              <ul class="checks">
                {checks.map((c) => (
                  <li class={c.severity === "block" ? "check-block" : "check-warning"}>
                    <CheckTag severity={c.severity} warning="提示" /> {c.message}{" "}
                    <span class="muted small">（{c.rule}）</span>
                  </li>
                ))}
              </ul>
            ) : null}
            {comments.length > 0 ? (
              <div class="notice warning">
                <p>审查意见：</p>
                <ul>
                  {comments.map((c) => (
                    <li>
                      第 {c.round} 轮：{c.text}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {s === "finances" && data.finances ? (
              <FinancesTable
                now={data.finances as FinancesSection}
                before={(prev?.finances as FinancesSection | undefined) ?? null}
                plain={p.plain}
              />
            ) : data[s] === undefined ? (
              <p class="muted">未填写。</p>
            ) : !p.plain && FIGURE_SECTIONS.includes(s) && prev?.[s] ? (
              <div class="side-by-side">
                <div>
                  <h4>本年度</h4>
                  <Value k={s} v={data[s]} />
                </div>
                <div>
                  <h4>上年度</h4>
                  <Value k={s} v={prev[s]} />
                </div>
              </div>
            ) : (
              <Value k={s} v={data[s]} />
            )}
          </section>
        );
      })}
    </div>
  );
}
