/** The registrar's organizations: the search list, and one organization's accounts, registration panels and audit trail. */
import type { Child } from "hono/jsx";
import type { AccountRow } from "../../src/accounts/contract";
import type { AuditEventRow } from "../../src/audit/contract";
import type { SessionUser } from "../../src/context";
import { AuditTable } from "../admin/audit-table";
import { ErrorSummary, type Errors, Pager, TextField } from "../components/form";
import { FilterBar } from "../components/select";
import { SummaryList } from "../components/summary";
import { EmptyState } from "../components/table";
import { Layout } from "../layout";
import { ACCOUNT_LABELS, AccountFields, AccountTable, DoneNotice } from "./shared";

export function RegistrarOrgList(p: {
  user: SessionUser;
  q: string;
  errors: Errors;
  authorityCode: string;
  authorityName: string;
  rows: { uscc: string; name: string; statusLabel: string }[];
  total: string;
  prev: string | null;
  next: string | null;
}) {
  return (
    <Layout title="社会组织" user={p.user}>
      <h1>社会组织</h1>
      <p class="lead">
        {p.authorityName}
        {p.q ? `：“${p.q}”` : ""}，共 {p.total} 家
      </p>
      <ErrorSummary
        errors={p.errors}
        labels={{ q: "名称或统一社会信用代码", page: "页码", authority: "登记管理机关" }}
      />
      <FilterBar action="/registrar/orgs" submit="查找" label="查找社会组织">
        <TextField
          name="q"
          label="名称或统一社会信用代码"
          type="search"
          value={p.q}
          errors={p.errors}
          maxlength={100}
        />
        <input type="hidden" name="authority" value={p.authorityCode} />
      </FilterBar>
      <p>
        <a href="/registrar">返回工作台</a>
      </p>
      {p.rows.length === 0 ? (
        <EmptyState>没有找到符合条件的社会组织。</EmptyState>
      ) : (
        <ul class="results">
          {p.rows.map((r) => (
            <li>
              <a class="org-name" href={`/registrar/orgs/${r.uscc}`}>
                {r.name}
              </a>
              <div class="meta">
                {r.uscc} · {r.statusLabel}
              </div>
            </li>
          ))}
        </ul>
      )}
      <nav class="pagination" aria-label="分页">
        {p.prev ? <a href={p.prev}>上一页</a> : null}
        {p.next ? <a href={p.next}>下一页</a> : null}
      </nav>
    </Layout>
  );
}

export function RegistrarOrgPage(p: {
  user: SessionUser;
  org: {
    uscc: string;
    name: string;
    statusLabel: string;
    authorityName: string;
    legalRepresentative: string;
  };
  canAct: boolean;
  accounts: AccountRow[];
  mayCreateFirst: boolean;
  values: Record<string, string>;
  errors: Errors;
  notice?: string | null;
  audit: AuditEventRow[];
  auditNext: string | null;
  auditPrev: string | null;
  /** Registration panels: the change history, the 撤销 decision (views/registration/registrar-org.tsx). */
  children?: Child;
}) {
  const base = `/registrar/orgs/${p.org.uscc}`;
  return (
    <Layout title={p.org.name} user={p.user}>
      <h1>{p.org.name}</h1>
      <DoneNotice notice={p.notice} />
      {p.canAct ? null : (
        <p class="notice warning">该组织由{p.org.authorityName}登记，本机关只能查看，不能办理。</p>
      )}
      <SummaryList
        facts={[
          ["统一社会信用代码", p.org.uscc],
          ["登记状态", p.org.statusLabel],
          ["登记管理机关", p.org.authorityName],
          ["法定代表人", p.org.legalRepresentative || "—"],
        ]}
      />
      <p>
        <a href={`/orgs/${p.org.uscc}`}>查看公开信息页</a>
      </p>

      <h2 id="accounts">单位账号</h2>
      <AccountTable
        rows={p.accounts.map((u) => ({ user: u }))}
        viewer={p.user}
        manageBase={p.canAct ? "/registrar/users" : null}
      />
      {p.canAct && p.mayCreateFirst ? (
        <>
          <h3 id="new">开设单位管理员账号</h3>
          <p class="muted">该组织还没有可用的单位管理员账号。开设后，由单位管理员邀请本单位其他同事。</p>
          <ErrorSummary errors={p.errors} labels={ACCOUNT_LABELS} />
          <form method="post" action={`${base}/accounts`} class="narrow-form" novalidate>
            <AccountFields values={p.values} errors={p.errors} />
            <button type="submit">开设账号并生成激活链接</button>
          </form>
        </>
      ) : null}

      {p.children ?? null}
      <h2 id="audit">操作记录（审计日志）</h2>
      <AuditTable rows={p.audit} />
      <Pager prev={p.auditPrev} next={p.auditNext} />
    </Layout>
  );
}
