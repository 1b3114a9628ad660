/** One organization's 党建工作台账 (R-F4), as the organization keeps it and as its registrar or 党建 reviewer reads it. */

import type { SessionUser } from "../../src/context";
import type { LedgerView } from "../../src/party/contract";
import { cnDate } from "../components/dates";
import {
  describedBy,
  ErrorSummary,
  type Errors,
  Field,
  Flash,
  formatDateTime,
  PageLinks,
  TextAreaField,
  TextField,
} from "../components/form";
import { choicesOf, FilterBar, SelectField } from "../components/select";
import { DataTable, EmptyState, SCROLL_REGION } from "../components/table";
import { Layout } from "../layout";
import {
  ACTIVITY_LABELS,
  ChangeDiff,
  COUNT_SOURCE_LABELS,
  PartyRecord,
  VERSION_STATE_LABELS,
} from "./fields";

const LEVEL = {
  required: { label: "须落实", cls: "tag stop" },
  check: { label: "请核对", cls: "tag warn" },
  info: { label: "提示", cls: "tag neutral" },
};

const FORM_LABELS = {
  asOf: "统计日期",
  fullMembers: "正式党员",
  probationaryMembers: "预备党员",
  activists: "入党积极分子",
  heldOn: "活动日期",
  kind: "活动类型",
  topic: "主题",
  attendance: "参加人数",
  file: "附件",
  reason: "退回理由",
  form: "",
};

export interface LedgerPageProps {
  user: SessionUser;
  v: LedgerView;
  /** Where this page lives: /portal/party or /party/orgs/:uscc. */
  base: string;
  errors?: Errors;
  form?: Record<string, string>;
  message?: string | null;
  notice?: string | null;
}

export function LedgerPage(p: LedgerPageProps) {
  const { v } = p;
  const errors = p.errors ?? {};
  const form = p.form ?? {};
  const staff = p.user.role !== "org";
  const past = v.asOf !== v.today;
  const pages = Math.max(1, Math.ceil(v.activitiesTotal / v.pageSize));
  return (
    <Layout title={`${v.org.name} 党建工作台账`} user={p.user}>
      <p class="muted">
        {staff ? (
          <>
            <a href="/party">党建工作</a> › {v.org.name}
          </>
        ) : (
          <>
            <a href="/portal">本单位工作台</a> › 党建工作台账
          </>
        )}
      </p>
      <h1>{v.org.name} 党建工作台账</h1>
      <p class="muted">
        统一社会信用代码 {v.org.uscc} · 登记管理机关 {v.org.authorityName}
        {v.org.supervisor ? ` · 业务主管单位 ${v.org.supervisor}` : ""}
      </p>
      <Flash notice={p.notice} message={p.message} failed="未能保存" />

      <FilterBar
        action={p.base}
        label="查看历史台账"
        buttonClass="button secondary"
        after={past ? <a href={p.base}>回到今天</a> : null}
      >
        <TextField
          name="on"
          label="查看某日的台账"
          type="date"
          errors={{}}
          value={past ? v.asOf : ""}
          attrs={{ max: v.today }}
        />
      </FilterBar>
      {past ? (
        <div class="notice warning" role="status">
          以下为 {cnDate(v.asOf)} 的台账（当日已确认的信息、当日以前的党员人数和活动）。
        </div>
      ) : null}

      {v.alerts.map((a) => (
        <div class="notice warning" role="status">
          {a.kind === "term_overdue"
            ? `党组织委员会任期已于 ${cnDate(a.termEnd)} 届满，请按期换届，并在换届后报送变更。`
            : `党组织委员会任期将于 ${cnDate(a.termEnd)} 届满，请做好换届准备。`}
        </div>
      ))}

      <section class="panel" aria-labelledby="coverage-h">
        <h2 id="coverage-h">两个覆盖</h2>
        <ul class="checks">
          <li>
            <span class={v.coverage.organizational ? "tag ok" : "tag stop"}>
              {v.coverage.organizational ? "已覆盖" : "未覆盖"}
            </span>{" "}
            组织覆盖（本单位建立党组织，或参加联合党支部）
            {v.coveredBy.length > 0
              ? `：由${v.coveredBy.map((b) => `${b.name}的${b.branchName}`).join("、")}覆盖`
              : ""}
          </li>
          <li>
            <span class={v.coverage.work ? "tag ok" : "tag stop"}>
              {v.coverage.work ? "已覆盖" : "未覆盖"}
            </span>{" "}
            工作覆盖（有党组织，或有党建工作指导员、联络员）
          </li>
        </ul>
        <h3>党建工作要求</h3>
        {v.findings.length === 0 && v.term.state !== "overdue" && v.term.state !== "due" ? (
          <p>按现有台账信息，未发现需要落实的事项。</p>
        ) : (
          <ul class="checks">
            {v.findings.map((f) => (
              <li>
                <span class={LEVEL[f.level].cls}>{LEVEL[f.level].label}</span> {f.message}
                {staff ? <span class="muted small">（R-F1）</span> : null}
              </li>
            ))}
            {v.term.state === "overdue" ? (
              <li>
                <span class="tag stop">须落实</span> 委员会任期已于 {cnDate(v.term.endsOn)} 届满，已逾期{" "}
                {v.term.daysOver} 天，应当按期换届。
                {staff ? <span class="muted small">（R-F2）</span> : null}
              </li>
            ) : null}
            {v.term.state === "due" ? (
              <li>
                <span class="tag warn">请准备</span> 委员会任期将于 {cnDate(v.term.endsOn)} 届满（还有{" "}
                {v.term.daysLeft} 天）。
                {staff ? <span class="muted small">（R-F2）</span> : null}
              </li>
            ) : null}
          </ul>
        )}
      </section>

      <section aria-labelledby="org-h">
        <h2 id="org-h">党组织信息</h2>
        {v.confirmed ? (
          <>
            <p class="muted">
              已确认，自 {cnDate(v.confirmed.effectiveOn)} 起有效
              {v.confirmed.decidedByName ? `（确认人：${v.confirmed.decidedByName}）` : ""}。
            </p>
            <PartyRecord v={v.confirmed} />
          </>
        ) : (
          <div class="empty-state">
            {past ? "当日尚无已确认的党组织信息。" : "尚无已确认的党组织信息。"}
            {p.v.mayEdit && !past ? (
              <>
                {" "}
                <a href={`${p.base}/organization`}>填报党组织信息</a>
              </>
            ) : null}
          </div>
        )}
        {p.v.mayEdit && !past && v.confirmed && !v.pending ? (
          <p>
            <a class="button secondary" href={`${p.base}/organization`}>
              报送党组织信息变更
            </a>
          </p>
        ) : null}
      </section>

      {v.pending ? <PendingChange {...p} /> : null}

      <section aria-labelledby="counts-h">
        <h2 id="counts-h">党员人数</h2>
        {v.counts ? (
          <p>
            截至 {cnDate(v.counts.asOf)}：正式党员 <strong>{v.counts.fullMembers}</strong> 名，预备党员{" "}
            <strong>{v.counts.probationaryMembers}</strong> 名，入党积极分子{" "}
            <strong>{v.counts.activists}</strong> 名。
          </p>
        ) : (
          <EmptyState>尚未登记党员人数。</EmptyState>
        )}
        {v.countsHistory.length > 1 ? (
          <details>
            <summary>历次登记（{v.countsHistory.length} 次）</summary>
            <div class="table-scroll" {...SCROLL_REGION}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">统计日期</th>
                    <th scope="col">正式党员</th>
                    <th scope="col">预备党员</th>
                    <th scope="col">入党积极分子</th>
                    <th scope="col">来源</th>
                  </tr>
                </thead>
                <tbody>
                  {v.countsHistory.map((c) => (
                    <tr>
                      <td class="nowrap">{cnDate(c.asOf)}</td>
                      <td>{c.fullMembers}</td>
                      <td>{c.probationaryMembers}</td>
                      <td>{c.activists}</td>
                      <td>{COUNT_SOURCE_LABELS[c.source]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        ) : null}
        {v.mayEdit && !past ? (
          <form method="post" action={`${p.base}/counts`} class="narrow-form" novalidate>
            <h3>登记党员人数</h3>
            <ErrorSummary
              errors={pick(errors, ["asOf", "fullMembers", "probationaryMembers", "activists"])}
              labels={FORM_LABELS}
            />
            <DateInput
              name="asOf"
              label="统计日期"
              errors={errors}
              value={form.asOf ?? v.today}
              max={v.today}
            />
            {(["fullMembers", "probationaryMembers", "activists"] as const).map((name) => (
              <NumberInput
                name={name}
                label={`${FORM_LABELS[name]}（名）`}
                errors={errors}
                value={form[name]}
              />
            ))}
            <p class="hint">只登记人数，不登记党员名单。</p>
            <button type="submit">保存党员人数</button>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="activities-h">
        <h2 id="activities-h">党组织活动记录</h2>
        <DataTable
          rows={v.activities}
          empty={past ? "当日以前没有活动记录。" : "尚无活动记录。"}
          columns={["日期", "类型", "主题", "参加人数", "附件"]}
          row={(a) => (
            <tr>
              <td class="nowrap">{cnDate(a.heldOn)}</td>
              <td class="nowrap">{ACTIVITY_LABELS[a.kind]}</td>
              <td>{a.topic}</td>
              <td>{a.attendance}</td>
              <td>
                {a.attachmentName ? (
                  <a href={`${p.base}/activities/${a.id}/file`}>{a.attachmentName}</a>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          )}
        />
        <PageLinks
          page={v.page}
          pages={pages}
          link={(n) => `${p.base}?${past ? `on=${v.asOf}&` : ""}page=${n}#activities-h`}
        />
        {v.mayEdit && !past ? (
          <ActivityForm base={p.base} errors={errors} form={form} today={v.today} />
        ) : null}
      </section>

      <section aria-labelledby="history-h">
        <h2 id="history-h">党组织信息变更记录</h2>
        <DataTable
          rows={v.history}
          empty="尚无记录。"
          columns={["报送时间", "状态", "党组织", "书记", "有效期间", "处理"]}
          row={(h) => (
            <tr>
              <td class="nowrap">{formatDateTime(h.submittedAt)}</td>
              <td>{VERSION_STATE_LABELS[h.state]}</td>
              <td>
                {h.hasPartyOrg
                  ? h.name
                  : h.instructorName
                    ? `未建立（指导员：${h.instructorName}）`
                    : "未建立"}
              </td>
              <td>{h.secretaryName ?? "—"}</td>
              <td class="nowrap">
                {h.effectiveOn
                  ? `${cnDate(h.effectiveOn)} 至 ${h.supersededOn ? cnDate(h.supersededOn) : "今"}`
                  : "—"}
              </td>
              <td>
                {h.decidedByName ? `${h.decidedByName}，${formatDateTime(h.decidedAt)}` : "—"}
                {h.decisionReason ? `：${h.decisionReason}` : ""}
              </td>
            </tr>
          )}
        />
      </section>
    </Layout>
  );
}

function PendingChange(p: LedgerPageProps) {
  const pending = p.v.pending!;
  const errors = p.errors ?? {};
  return (
    <section class="panel" aria-labelledby="pending-h">
      <h2 id="pending-h">待确认的变更</h2>
      <p class="muted">
        {formatDateTime(pending.submittedAt)} 由 {pending.submittedByName ?? "本组织"}{" "}
        报送；确认后生效，此前仍以已确认的信息为准。
      </p>
      {pending.note ? <p>变更说明：{pending.note}</p> : null}
      <ChangeDiff before={p.v.confirmed} after={pending} />
      {p.v.mayEdit ? (
        <div class="button-row">
          <a class="button secondary" href={`${p.base}/organization`}>
            修改这次变更
          </a>
          <form method="post" action={`${p.base}/organization/withdraw`} class="inline-form">
            <input type="hidden" name="version" value={String(pending.version)} />
            <button type="submit" class="button secondary">
              撤回这次变更
            </button>
          </form>
        </div>
      ) : null}
      {p.v.mayConfirm ? (
        <form method="post" action={`${p.base}/decide`} class="narrow-form" novalidate>
          <ErrorSummary errors={pick(errors, ["reason"])} labels={FORM_LABELS} />
          <input type="hidden" name="versionId" value={String(pending.id)} />
          <input type="hidden" name="version" value={String(pending.version)} />
          <TextAreaField
            name="reason"
            label="审核意见（退回时必填）"
            errors={errors}
            value={p.form?.reason}
            rows={2}
            maxlength={1000}
          />
          <div class="button-row">
            <button type="submit" name="decision" value="confirm">
              确认变更
            </button>
            <button type="submit" name="decision" value="reject" class="button secondary">
              退回修改
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

function ActivityForm({
  base,
  errors,
  form,
  today,
}: {
  base: string;
  errors: Errors;
  form: Record<string, string>;
  today: string;
}) {
  return (
    <form
      method="post"
      action={`${base}/activities`}
      enctype="multipart/form-data"
      class="narrow-form"
      novalidate
    >
      <h3>记录一次活动</h3>
      <ErrorSummary
        errors={pick(errors, ["heldOn", "kind", "topic", "attendance", "file"])}
        labels={FORM_LABELS}
      />
      <DateInput name="heldOn" label="活动日期" errors={errors} value={form.heldOn ?? ""} max={today} />
      <SelectField
        name="kind"
        label="活动类型"
        errors={errors}
        value={form.kind}
        placeholder="请选择"
        options={choicesOf(ACTIVITY_LABELS)}
      />
      <TextField name="topic" label="主题" errors={errors} value={form.topic} maxlength={200} />
      <NumberInput name="attendance" label="参加人数" errors={errors} value={form.attendance} />
      <Field name="file" label="附件（可选：会议记录、照片，PDF、JPG 或 PNG，不超过 10 MB）" errors={errors}>
        <input
          type="file"
          id="file"
          name="file"
          accept=".pdf,.jpg,.jpeg,.png"
          aria-describedby={describedBy({ name: "file", errors })}
        />
      </Field>
      <button type="submit">保存活动记录</button>
    </form>
  );
}

function DateInput(p: { name: string; label: string; errors: Errors; value: string; max?: string }) {
  return (
    <TextField
      name={p.name}
      label={p.label}
      type="date"
      errors={p.errors}
      value={p.value}
      attrs={{ max: p.max }}
    />
  );
}

function NumberInput(p: { name: string; label: string; errors: Errors; value?: string }) {
  return (
    <TextField
      name={p.name}
      label={p.label}
      errors={p.errors}
      value={p.value}
      maxlength={6}
      attrs={{ inputmode: "numeric" }}
    />
  );
}

const pick = (errors: Errors, keys: string[]): Errors =>
  Object.fromEntries(Object.entries(errors).filter(([k]) => keys.includes(k)));
