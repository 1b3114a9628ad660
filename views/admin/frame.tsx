/** The frame of every administrator page: title, the administration menu, the notice after a step. */
import type { Child } from "hono/jsx";
import type { SessionUser } from "../../src/context";
import { DoneNotice } from "../accounts/shared";
import { ErrorSummary, type Errors } from "../components/form";
import { Layout } from "../layout";

export function AdminNav({ current }: { current: string }) {
  const items = [
    ["/admin", "概览"],
    ["/admin/users", "工作人员账号"],
    ["/admin/authorities", "登记管理机关"],
    ["/admin/supervisor-units", "业务主管单位"],
    ["/admin/audit", "审计日志"],
    ["/admin/jobs", "定时任务"],
    ["/admin/settings", "业务参数"],
  ];
  return (
    <nav class="sub-nav" aria-label="系统管理">
      {items.map(([href, label]) => (
        <a href={href} aria-current={href === current ? "page" : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}

/** Every administrator page: its title, the administration menu and the flash message. */
export function AdminFrame(p: {
  user: SessionUser;
  title: string;
  current: string;
  notice?: string | null;
  children?: Child;
}) {
  return (
    <Layout title={p.title} user={p.user}>
      <h1>{p.title}</h1>
      <AdminNav current={p.current} />
      <DoneNotice notice={p.notice} />
      {p.children}
    </Layout>
  );
}

/** The form under an administrator's list that adds one more: its heading, the error summary, the fields, one button. */
export function AddForm(p: {
  title: string;
  action: string;
  errors: Errors;
  labels: Record<string, string>;
  /** A sentence under the heading. */
  intro?: Child;
  submit?: string;
  children: Child;
}) {
  return (
    <>
      <h2 id="new">{p.title}</h2>
      {p.intro ? <p class="muted">{p.intro}</p> : null}
      <ErrorSummary errors={p.errors} labels={p.labels} />
      <form method="post" action={p.action} class="narrow-form" novalidate>
        {p.children}
        <button type="submit">{p.submit ?? "新增"}</button>
      </form>
    </>
  );
}
