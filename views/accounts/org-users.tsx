import type { AccountRow } from "../../src/accounts/contract";
import type { SessionUser } from "../../src/context";
import { ErrorSummary, type Errors } from "../components/form";
import { Layout } from "../layout";
import { ACCOUNT_LABELS, AccountFields, AccountTable, DoneNotice } from "./shared";

export function OrgUsersPage(p: {
  user: SessionUser;
  orgName: string;
  rows: AccountRow[];
  values: Record<string, string>;
  errors: Errors;
  notice?: string | null;
}) {
  return (
    <Layout title="本单位账号" user={p.user}>
      <h1>本单位账号</h1>
      <p class="lead">{p.orgName}</p>
      <DoneNotice notice={p.notice} />
      <AccountTable rows={p.rows.map((u) => ({ user: u }))} viewer={p.user} manageBase="/portal/users" />
      <h2 id="new">邀请同事</h2>
      <p class="muted">被邀请的同事可以填报本单位的年检和登记事项，不能管理账号。</p>
      <ErrorSummary errors={p.errors} labels={ACCOUNT_LABELS} />
      <form method="post" action="/portal/users" class="narrow-form" novalidate>
        <AccountFields values={p.values} errors={p.errors} />
        <button type="submit">生成邀请（激活链接）</button>
      </form>
    </Layout>
  );
}
