import type { SessionUser } from "../../src/context";
import type { AnnouncementView as AnnouncementRow } from "../../src/registration/contract";
import { ANNOUNCEMENT_LABELS } from "../../src/registry/labels";
import { cnDate } from "../components/dates";
import { ErrorSummary, type Errors, PageLinks } from "../components/form";
import { choicesByCode, choicesOf, FilterBar, FilterSelect } from "../components/select";
import { EmptyState } from "../components/table";
import { Layout } from "../layout";

export function AnnouncementsPage(p: {
  user?: SessionUser | null;
  authorities: { code: string; name: string }[];
  values: Record<string, string>;
  errors: Errors;
  rows: AnnouncementRow[];
  total: number;
  page: number;
  pages: number;
  query: string;
}) {
  const link = (page: number) => `/announcements?${new URLSearchParams({ ...p.values, page: String(page) })}`;
  return (
    <Layout
      title="登记公告"
      user={p.user}
      feeds={[{ title: "社会组织登记公告", href: "/announcements.atom" }]}
    >
      <h1>登记公告</h1>
      <p class="lead">
        社会组织成立、变更、注销、撤销登记的公告。可按登记管理机关和月份查看，也可以
        <a href={`/announcements.atom${p.query ? `?${p.query}` : ""}`}>订阅（Atom）</a>。
      </p>
      <ErrorSummary errors={p.errors} labels={{ authority: "登记管理机关", month: "月份", kind: "类别" }} />
      <FilterBar action="/announcements">
        <FilterSelect
          name="authority"
          label="登记管理机关"
          errors={p.errors}
          value={p.values.authority}
          options={choicesByCode(p.authorities)}
        />
        <div class={`field ${p.errors.month ? "field-error" : ""}`}>
          <label for="month">月份</label>
          {p.errors.month ? (
            <p class="error-message" id="month-error">
              {p.errors.month}
            </p>
          ) : null}
          <input
            type="month"
            id="month"
            name="month"
            value={p.values.month ?? ""}
            aria-invalid={p.errors.month ? "true" : undefined}
          />
        </div>
        <FilterSelect
          name="kind"
          label="类别"
          errors={p.errors}
          value={p.values.kind}
          options={choicesOf(ANNOUNCEMENT_LABELS)}
        />
      </FilterBar>
      <p class="result-count">共 {p.total.toLocaleString("zh-CN")} 条公告</p>
      {p.rows.length === 0 ? (
        <EmptyState>这个范围内没有公告。</EmptyState>
      ) : (
        <ol class="results announcements">
          {p.rows.map((r) => (
            <li>
              <p class="meta">
                {cnDate(r.publishedOn)} · <span class="tag neutral">{ANNOUNCEMENT_LABELS[r.kind]}</span> ·{" "}
                {r.authorityName}
                {r.documentNo ? ` · ${r.documentNo}` : ""}
              </p>
              <a class="org-name" href={`/orgs/${r.uscc}`}>
                {r.title}
              </a>
              <p>{r.body}</p>
            </li>
          ))}
        </ol>
      )}
      <PageLinks page={p.page} pages={p.pages} link={link} />
    </Layout>
  );
}
