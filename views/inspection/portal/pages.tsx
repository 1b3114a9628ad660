import type { SessionUser } from "../../../src/context";
import { FILER_SECTIONS, type ReportSection, SECTION_LABELS } from "../../../src/domain/inspection-report";
import { formatFen } from "../../../src/domain/money";
import type { OrgType } from "../../../src/domain/org-kinds";
import type { Check } from "../../../src/domain/prechecks";
import { CONCLUSION_LABELS } from "../../../src/domain/workflow";
import type { FilingSummary, FilingView, Notice } from "../../../src/inspection/contract";
import { TYPE_LABELS } from "../../../src/registry/labels";
import { cnDate } from "../../components/dates";
import { Field, formatDateTime } from "../../components/form";
import { choicesOf, SelectField } from "../../components/select";
import { DataTable, EmptyState } from "../../components/table";
import { Layout } from "../../layout";
import { ReportView } from "../review/report";
import { CheckTag, ConclusionTag, NoticeList, StateTag } from "../review/shared";
import { type RawForm, SectionForm } from "./sections";

/** The organization's side of the annual inspection: its home panel, the filing page, the history. */

export interface PortalInspectionData {
  current: FilingView | null;
  history: FilingSummary[];
  nextStep: string;
  notices: Notice[];
}

function WindowLine({ view }: { view: FilingView }) {
  const w = view.window;
  if (w.status === "not_open") return <>申报期 {cnDate(w.opensOn)} 开始。</>;
  if (w.status === "closed") return <>申报期已于 {cnDate(w.closesOn)} 结束。</>;
  return (
    <>
      申报截止 <strong>{cnDate(w.closesOn)}</strong>，还剩 <strong>{w.daysRemaining}</strong> 天。
    </>
  );
}

/** "This year's inspection" on the organization's home: where it stands, what to do next, days remaining. */
export function InspectionHomePanel({ data }: { data: PortalInspectionData }) {
  const v = data.current;
  const unread = data.notices.filter((n) => !n.readAt);
  return (
    <section class="panel" aria-labelledby="inspection-panel-heading">
      <h2 id="inspection-panel-heading">年检（年度工作报告）</h2>
      {unread.length > 0 ? (
        <ul class="notice-list">
          {unread.slice(0, 3).map((n) => (
            <li>
              <a href={n.href}>{n.text}</a> <span class="muted small">{formatDateTime(n.createdAt)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {v ? (
        <>
          <p>
            {v.year} 年度：
            <StateTag state={v.state} /> {v.conclusion ? <ConclusionTag conclusion={v.conclusion} /> : null}{" "}
            <WindowLine view={v} />
          </p>
          {v.correction ? (
            <p class="notice warning">
              登记管理机关退回补正：{v.correction.reason}（请于 {cnDate(v.correction.deadline)}{" "}
              前修改后重新提交）
            </p>
          ) : null}
          <p>
            <strong>下一步：</strong>
            {data.nextStep}
          </p>
          <p>
            <a class="button" href={`/portal/inspections/${v.id}`}>
              {v.actions.length > 0 ? "填写和提交年检报告" : "查看年检报告"}
            </a>
          </p>
        </>
      ) : (
        <p>{data.nextStep}</p>
      )}
      <p>
        <a href="/portal/inspections">历年年检</a> · <a href="/portal/notices">全部通知</a>
      </p>
    </section>
  );
}

export function PortalInspectionsPage(p: { user: SessionUser; data: PortalInspectionData }) {
  return (
    <Layout title="年检" user={p.user}>
      <h1>年检（年度工作报告）</h1>
      <InspectionHomePanel data={p.data} />
      <h2>历年年检</h2>
      <DataTable
        rows={p.data.history}
        empty="还没有年检记录。"
        columns={["年度", "状态", "结论", "结论日期"]}
        row={(h) => (
          <tr>
            <td>
              <a href={`/portal/inspections/${h.id}`}>{h.year} 年度</a>
            </td>
            <td>
              <StateTag state={h.state} />
            </td>
            <td>{h.conclusion ? CONCLUSION_LABELS[h.conclusion] : "—"}</td>
            <td>{cnDate(h.concludedOn)}</td>
          </tr>
        )}
      />
    </Layout>
  );
}

export interface FilingPageProps {
  user: SessionUser;
  view: FilingView;
  /** After a refused save: the section, its raw form and field errors. */
  failed?: { section: ReportSection; raw: RawForm; errors: Record<string, string> } | null;
  /** A message at the top (saved, submitted, refused …). */
  message?: { kind: "success" | "warning"; text: string } | null;
  idempotencyKey: string;
  /** A section the organization asked to refill from the party ledger or the cadre register (R-F3). */
  fromLedger?: ReportSection | null;
  /** The section just saved (without JavaScript, after the redirect): its confirmation shows by its save button. */
  justSaved?: ReportSection | null;
}

export function ChecksSummary({ checks, oob }: { checks: Check[]; oob?: boolean }) {
  const blocks = checks.filter((c) => c.severity === "block");
  const warnings = checks.filter((c) => c.severity !== "block");
  return (
    <section
      id="checks"
      class="panel"
      aria-labelledby="checks-heading"
      aria-live="polite"
      hx-swap-oob={oob ? "true" : undefined}
    >
      <h2 id="checks-heading">机器预审</h2>
      {checks.length === 0 ? (
        <p class="notice success">预审未发现问题。</p>
      ) : (
        <>
          <p>
            {blocks.length > 0 ? `${blocks.length} 项必须修改后才能提交` : "没有必须修改的问题"}
            {warnings.length > 0 ? `；${warnings.length} 项提示将随报告提交给审查人员` : ""}。
          </p>
          <ul class="checks">
            {[...blocks, ...warnings].map((c) => (
              <li>
                <CheckTag severity={c.severity} /> {SECTION_LABELS[c.section]}：
                <a href={`#${c.field}`}>{c.message}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The comment the open correction left on a section, if any. */
export function commentFor(view: FilingView, section: ReportSection): string | null {
  if (view.state !== "returned") return null;
  const last = [...view.rounds].reverse().find((r) => r.returned);
  const c = last?.returned?.comments.filter((x) => x.section === section).map((x) => x.text);
  return c && c.length > 0 ? c.join("；") : null;
}

export function editableNow(view: FilingView): boolean {
  return view.actions.some((a) => a.action === "submit" || a.action === "resubmit");
}

export function sectionsOf(view: FilingView): ReportSection[] {
  return FILER_SECTIONS.filter((s) => s !== "rectification" || view.rectificationRequired);
}

export function PortalFilingPage(p: FilingPageProps) {
  const v = p.view;
  const editable = editableNow(v);
  const base = `/portal/inspections/${v.id}`;
  const submit = v.actions.find((a) => a.action === "submit" || a.action === "resubmit");
  const basic = v.report.basicInfo as Record<string, unknown> | undefined;
  return (
    <Layout title={`${v.year} 年度年检报告`} user={p.user}>
      <p>
        <a href="/portal">← 本单位工作台</a>
      </p>
      <h1>
        {v.year} 年度年检报告 <StateTag state={v.state} />
      </h1>
      {p.message ? (
        <p class={`notice ${p.message.kind}`} role={p.message.kind === "success" ? "status" : "alert"}>
          {p.message.text}
        </p>
      ) : null}
      <dl class="summary">
        <dt>单位</dt>
        <dd>
          {v.org.name}（{v.org.uscc}）
        </dd>
        <dt>申报期</dt>
        <dd>
          <WindowLine view={v} />
        </dd>
        {v.round > 0 ? (
          <>
            <dt>提交次数</dt>
            <dd>第 {v.round} 次</dd>
          </>
        ) : null}
        {v.conclusion ? (
          <>
            <dt>年检结论</dt>
            <dd>
              <ConclusionTag conclusion={v.conclusion} /> {cnDate(v.concludedOn)}{" "}
              <a href={`${base}/notice`}>打印年检结论通知书</a>
            </dd>
          </>
        ) : null}
      </dl>
      {v.correction ? (
        <section class="notice warning" aria-labelledby="correction-heading">
          <h2 id="correction-heading">退回补正</h2>
          <p>{v.correction.reason}</p>
          <p>
            请于 <strong>{cnDate(v.correction.deadline)}</strong> 前修改后重新提交
            {v.correction.overdue ? "（已逾期）" : ""}。 审查人员对各部分的意见显示在相应部分的开头。
          </p>
        </section>
      ) : null}
      <ChecksSummary checks={v.checks} />
      <nav class="section-nav" aria-label="报告各部分">
        <a href="#section-basicInfo">{SECTION_LABELS.basicInfo}</a>
        {sectionsOf(v).map((s) => (
          <a href={`#section-${s}`}>{SECTION_LABELS[s]}</a>
        ))}
        <a href="#attachments">附件</a>
        <a href="#submit">提交</a>
      </nav>
      {editable ? (
        <>
          <BasicInfoSection basic={basic} />
          {sectionsOf(v).map((s) => (
            <SectionForm
              filingId={v.id}
              base={base}
              section={s}
              report={v.report}
              prefill={v.prefill}
              fromLedger={p.fromLedger === s}
              ledgerDifferences={s === "partyBuilding" ? v.ledgerDifferences : []}
              version={v.version}
              raw={p.failed?.section === s ? p.failed.raw : null}
              errors={p.failed?.section === s ? p.failed.errors : undefined}
              checks={v.checks.filter((c) => c.section === s)}
              comment={commentFor(v, s)}
              editable={editable}
              changed={v.changedSinceLastRound.includes(s)}
              saved={p.justSaved === s}
            />
          ))}
        </>
      ) : (
        <ReadOnlyReport view={v} />
      )}
      <section id="attachments" aria-labelledby="attachments-heading">
        <h2 id="attachments-heading">附件</h2>
        <p class="hint">
          PDF、PNG 或 JPEG 文件，每个不超过 10 MB；按文件内容识别类型。签字页请上传到“承诺与签署”
          {v.rectificationRequired ? "，整改报告上传到“整改报告”" : ""}。
        </p>
        {v.attachments.length === 0 ? (
          <EmptyState>还没有附件。</EmptyState>
        ) : (
          <ul>
            {v.attachments.map((a) => (
              <li>
                <a href={`/portal/inspections/attachments/${a.id}`}>{a.filename}</a>（
                {SECTION_LABELS[a.section]}，{Math.ceil(a.size / 1024)} KB）
              </li>
            ))}
          </ul>
        )}
        {editable ? (
          <form
            method="post"
            action={`${base}/attachments`}
            enctype="multipart/form-data"
            class="narrow-form"
          >
            <SelectField
              name="section"
              id="attachment-section"
              label="所属部分"
              value="rectification"
              options={[
                { value: "declaration", label: "承诺与签署（签字页）" },
                ...choicesOf(
                  SECTION_LABELS,
                  sectionsOf(v).filter((s) => s !== "declaration"),
                ),
              ]}
            />
            <Field name="file" id="attachment-file" label="文件">
              <input
                type="file"
                id="attachment-file"
                name="file"
                accept="application/pdf,image/png,image/jpeg"
              />
            </Field>
            <button type="submit" class="button secondary">
              上传
            </button>
          </form>
        ) : null}
      </section>
      <section id="submit" aria-labelledby="submit-heading">
        <h2 id="submit-heading">提交</h2>
        {submit ? (
          <form method="post" action={`${base}/submit`}>
            <input type="hidden" name="version" value={String(v.version)} />
            <input type="hidden" name="action" value={submit.action} />
            <input type="hidden" name="idempotencyKey" value={p.idempotencyKey} />
            <p>提交前系统会再做一次机器预审；有“必须修改”的问题时不能提交。提交后由登记管理机关预审。</p>
            <button type="submit">
              {submit.action === "resubmit" ? "修改完毕，重新提交" : "提交年检报告"}
            </button>
          </form>
        ) : (
          <p>当前状态不需要提交。</p>
        )}
      </section>
      {v.rounds.length > 0 ? (
        <section aria-labelledby="rounds-heading">
          <h2 id="rounds-heading">提交和退回记录</h2>
          <ol class="timeline">
            {v.rounds.map((r) => (
              <li>
                第 {r.round} 次提交：{formatDateTime(r.submittedAt)}
                {r.returned
                  ? `；${formatDateTime(r.returned.at)} 由${r.returned.by}退回补正：${r.returned.reason}（期限 ${cnDate(r.returned.deadline)}）`
                  : ""}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </Layout>
  );
}

/** Basic information comes from the register and is never edited in the report (R-C3). */
function BasicInfoSection({ basic }: { basic: Record<string, unknown> | undefined }) {
  return (
    <section id="section-basicInfo" class="report-section" aria-labelledby="basic-heading">
      <h2 id="basic-heading">{SECTION_LABELS.basicInfo}</h2>
      <p class="hint">以下信息来自登记管理机关的登记信息，不能在年检中修改；如有变化，请申请变更登记。</p>
      <dl class="summary">
        {basic
          ? Object.entries(BASIC_LABELS).map(([k, label]) =>
              basic[k] !== undefined && basic[k] !== null && basic[k] !== "" ? (
                <>
                  <dt>{label}</dt>
                  <dd>{basicValue(k, basic[k])}</dd>
                </>
              ) : null,
            )
          : null}
      </dl>
    </section>
  );
}

/** A filing that can no longer be changed (submitted, under review, concluded …) reads as a report, not a form. */
function ReadOnlyReport({ view }: { view: FilingView }) {
  const comments = [...view.rounds]
    .reverse()
    .filter((r) => r.returned)
    .map((r) => ({ round: r.round, comments: r.returned!.comments }));
  return (
    <section id="report" aria-labelledby="report-heading">
      <h2 id="report-heading">年度工作报告（已报送，不能修改）</h2>
      <p>
        <a class="button secondary" href={`/portal/inspections/${view.id}/print`}>
          打印年度工作报告书
        </a>
      </p>
      <ReportView
        report={view.report}
        previous={view.previousYear?.report ?? null}
        checks={[]}
        changed={[]}
        comments={comments}
        rectificationRequired={view.rectificationRequired}
      />
    </section>
  );
}

/** A registration fact in words: the type's name, the date as 2026年3月31日, the amount in 元. */
function basicValue(key: string, value: unknown): string {
  if (key === "type") return TYPE_LABELS[value as OrgType] ?? String(value);
  if (key === "registeredOn") return cnDate(String(value));
  if (key === "capitalFen") return `${formatFen(value as number)} 元`;
  return String(value);
}

const BASIC_LABELS: Record<string, string> = {
  name: "名称",
  uscc: "统一社会信用代码",
  type: "类型",
  legalRepresentative: "法定代表人",
  address: "住所",
  registeredOn: "成立日期",
  capitalFen: "注册资金",
  activityArea: "活动地域",
  businessScope: "业务范围",
  supervisor: "业务主管单位",
};

export function PortalNoticesPage({ user, notices }: { user: SessionUser; notices: Notice[] }) {
  return (
    <Layout title="站内通知" user={user}>
      <p>
        <a href="/portal">← 本单位工作台</a>
      </p>
      <h1>站内通知</h1>
      <NoticeList notices={notices} base="/portal" />
    </Layout>
  );
}
