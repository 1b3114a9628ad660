import { formatFen } from "../../src/domain/money";
import type { OrgHistoryEntry } from "../../src/registration/contract";
import { STATUS_LABELS, TYPE_LABELS } from "../../src/registry/labels";
import { cnDate } from "../components/dates";
import {
  ConfirmBox,
  ErrorSummary,
  type Errors,
  formatDateTime,
  TextAreaField,
  TextField,
} from "../components/form";
import { EmptyState } from "../components/table";

type HistoryRow = OrgHistoryEntry;

const KIND_LABELS: Record<string, string> = {
  establishment: "成立登记",
  change: "变更登记",
  charter: "章程核准",
  deregistration: "注销登记",
  revocation: "撤销登记",
  import: "批量导入",
  correction: "更正",
};

const FIELD_LABELS: Record<string, string> = {
  name: "名称",
  address: "住所",
  legalRepresentative: "法定代表人",
  purpose: "宗旨",
  businessScope: "业务范围",
  capitalFen: "注册资金",
  supervisor: "业务主管单位",
  activityArea: "活动地域",
  status: "状态",
  statusOn: "状态日期",
  type: "类型",
  registeredOn: "成立日期",
  authorityId: "登记管理机关（内部编号）",
  documentNo: "文号",
  changedClauses: "修改的条款",
  charterApproved: "章程核准",
  liquidationEndedOn: "清算结束日期",
};

/**
 * A stored before/after value as a person reads it: types and statuses by their Chinese names, amounts in 元 with two
 * decimals, dates as 2026年3月31日, yes/no for flags. Nothing prints a stored code or raw JSON.
 */
export function historyValue(key: string, v: unknown): string {
  if (v === undefined || v === null || v === "") return "—";
  if (key === "type") return TYPE_LABELS[v as keyof typeof TYPE_LABELS] ?? "（未知类型）";
  if (key === "status") return STATUS_LABELS[v as keyof typeof STATUS_LABELS] ?? "（未知状态）";
  if (key === "capitalFen") return Number.isSafeInteger(v) ? `${formatFen(v as number)} 元` : "—";
  if (typeof v === "boolean") return v ? "是" : "否";
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return cnDate(v);
  if (Array.isArray(v)) return v.map((x) => historyValue("", x)).join("、") || "—";
  if (typeof v === "object") return "（见登记档案）";
  return String(v);
}

/** The full change history with before and after, for the organization's registrar. */
export function ChangeHistory({ rows }: { rows: HistoryRow[] }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">变更历史（登记管理机关可见）</h2>
      {rows.length === 0 ? (
        <EmptyState>没有变更记录。</EmptyState>
      ) : (
        <table class="audit-table">
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">事项</th>
              <th scope="col">变更前 → 变更后</th>
              <th scope="col">经办</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((h) => {
              const keys = [...new Set([...Object.keys(h.before ?? {}), ...Object.keys(h.after ?? {})])];
              return (
                <tr>
                  <td>{formatDateTime(h.at)}</td>
                  <td>
                    {KIND_LABELS[h.kind] ?? "其他登记事项"}
                    {h.reason ? <div class="small muted">{h.reason}</div> : null}
                  </td>
                  <td>
                    <ul class="plain">
                      {keys.map((k) => (
                        <li>
                          {FIELD_LABELS[k] ?? "其他事项"}：{historyValue(k, h.before?.[k])} →{" "}
                          {historyValue(k, h.after?.[k])}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{h.actorLabel}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The 撤销 decision form (R-A9: it cannot be undone). */
export function RevocationForm(p: {
  uscc: string;
  name: string;
  version: number;
  values: Record<string, string>;
  errors: Errors;
  open: boolean;
}) {
  return (
    <details class="panel danger-zone" open={p.open}>
      <summary>撤销登记</summary>
      <p>
        撤销登记后，该组织的状态变为“撤销”，登记证书作废，发布公告，其账号只能查看。
        <strong>此操作不能撤回（R-A9）。</strong>
      </p>
      <ErrorSummary
        errors={p.errors}
        labels={{ documentNo: "决定文号", decidedOn: "决定日期", reason: "事实和依据", confirm: "确认" }}
      />
      <form method="post" action={`/registrar/orgs/${p.uscc}/revoke`} class="narrow-form" novalidate>
        <input type="hidden" name="version" value={String(p.version)} />
        <TextField
          name="documentNo"
          label="决定文号"
          errors={p.errors}
          value={p.values.documentNo}
          maxlength={60}
        />
        <TextField
          name="decidedOn"
          label="决定日期"
          type="date"
          errors={p.errors}
          value={p.values.decidedOn}
        />
        <TextAreaField
          name="reason"
          label="事实和依据（写入公告）"
          errors={p.errors}
          value={p.values.reason}
          rows={4}
        />
        <ConfirmBox errors={p.errors} words={`确认撤销“${p.name}”的登记`} />
        <button type="submit" class="button danger">
          作出撤销登记决定
        </button>
      </form>
    </details>
  );
}
