import type { AuditChainCheck } from "../../src/admin/contract";
import type { AuditEventRow } from "../../src/audit/contract";
import { ACTION_FAMILIES } from "../../src/audit/labels";
import type { SessionUser } from "../../src/context";
import { ErrorSummary, type Errors, Pager, TextField } from "../components/form";
import { FilterBar, FilterSelect } from "../components/select";
import { Layout } from "../layout";
import { AuditTable } from "./audit-table";
import { AdminNav } from "./frame";

/** Whether the audit chain was checked on this request, and what the check found; otherwise a link to check it. */
export function AuditChainNotice({ chain }: { chain: AuditChainCheck | null }) {
  if (!chain) {
    return (
      <p>
        <a href="/admin/audit?verify=1">校验审计链是否被改动</a>
      </p>
    );
  }
  return chain.firstBroken ? (
    <p class="notice warning" role="alert">
      审计链校验未通过：第 {chain.firstBroken.id} 条记录被改动、删除或越权插入（
      {chain.firstBroken.reason}）。
    </p>
  ) : (
    <p class="notice success" role="status">
      审计链校验通过：已核对 {chain.checked.toLocaleString("zh-CN")} 条记录，未发现改动。
    </p>
  );
}

export function AuditPage(p: {
  user: SessionUser;
  filters: Record<string, string>;
  errors: Errors;
  rows: AuditEventRow[];
  orgNames: Map<number, string>;
  prev: string | null;
  next: string | null;
  chain: AuditChainCheck | null;
}) {
  const f = p.filters;
  return (
    <Layout title="审计日志" user={p.user}>
      <h1>审计日志</h1>
      <AdminNav current="/admin/audit" />
      <AuditChainNotice chain={p.chain} />
      <ErrorSummary
        errors={p.errors}
        labels={{
          username: "操作人用户名",
          org: "社会组织",
          action: "操作类别",
          from: "起始日期",
          to: "截止日期",
        }}
      />
      <FilterBar action="/admin/audit" submit="筛选" attrs={{ novalidate: true }}>
        <TextField name="username" label="操作人用户名" errors={p.errors} value={f.username} maxlength={80} />
        <TextField
          name="org"
          label="社会组织（统一社会信用代码）"
          errors={p.errors}
          value={f.org}
          maxlength={18}
        />
        <FilterSelect
          name="action"
          label="操作类别"
          errors={p.errors}
          value={f.action}
          options={ACTION_FAMILIES}
        />
        <TextField name="from" label="起始日期" type="date" errors={p.errors} value={f.from} />
        <TextField name="to" label="截止日期" type="date" errors={p.errors} value={f.to} />
      </FilterBar>
      <p>
        <a
          href={`/admin/audit/export.csv?${new URLSearchParams(
            Object.entries(f).filter(
              ([k, v]) => v && ["username", "org", "action", "from", "to"].includes(k),
            ),
          )}`}
        >
          按当前条件下载 CSV
        </a>
        （最多 5 万条）
      </p>
      <AuditTable rows={p.rows} orgNames={p.orgNames} />
      <Pager prev={p.prev} next={p.next} />
    </Layout>
  );
}
