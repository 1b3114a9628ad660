import { cnDate } from "../../../src/domain/dates";
/**
 * The reviewer's queue (/registrar/inspections, /supervisor/inspections): count per state as tabs, filters, search by
 * name or code, longest waiting first, pagination. The filter form works as a plain GET; htmx swaps only the results
 * and keeps the URL in step.
 */

import type { SessionUser } from "../../../src/context";
import { INSPECTION_STATES, inspectionStateLabel } from "../../../src/domain/inspection-workflow";
import { ORG_TYPES } from "../../../src/domain/org-kinds";
import type { Notice, QueueFilters, QueuePage } from "../../../src/inspection/contract";
import { TYPE_LABELS } from "../../../src/registry/labels";
import { ErrorSummary, type Errors, FieldError, PageLinks } from "../../components/form";
import { choicesById, choicesOf, FilterBar, FilterSelect, yearChoices } from "../../components/select";
import { DataTable } from "../../components/table";
import { Layout } from "../../layout";
import { ConclusionTag, NoticeBanner, StateTag, waited } from "./shared";

export interface QueueViewProps {
  user: SessionUser;
  base: "/registrar" | "/supervisor";
  title: string;
  /** The list's own path (the queue, or the 未参检 list). */
  path: string;
  filters: QueueFilters;
  /** Raw query values, echoed into the form. */
  query: Record<string, string>;
  page: QueuePage;
  years: number[];
  districts: { id: number; name: string }[];
  errors: Errors;
  notices: Notice[];
  now: Date;
  /** Extra content above the list (e.g. the 未参检 marking form). */
  intro?: unknown;
}

function href(path: string, query: Record<string, string>, change: Record<string, string | undefined>) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...change })) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export function QueueResults(p: QueueViewProps) {
  const { page, filters } = p;
  const pages = Math.max(1, Math.ceil(page.total / filters.perPage));
  return (
    <div id="queue-results" aria-live="polite">
      <nav class="state-tabs" aria-label="按状态">
        <a
          href={href(p.path, p.query, { state: undefined, page: undefined })}
          aria-current={filters.state ? undefined : "page"}
        >
          待办
        </a>
        {INSPECTION_STATES.filter((s) => s !== "draft" || p.base === "/registrar").map((s) => (
          <a
            href={href(p.path, p.query, { state: s, page: undefined })}
            aria-current={filters.state === s ? "page" : undefined}
          >
            {inspectionStateLabel(s)} <span class="count">{page.countsByState[s] ?? 0}</span>
          </a>
        ))}
      </nav>
      <p class="result-count">
        共 {page.total} 份申报{pages > 1 ? `，第 ${filters.page} / ${pages} 页` : ""}
      </p>
      {p.base === "/registrar" && filters.state === "concluded" && page.total > 0 ? (
        <p>
          <a href="/registrar/conclusion-announcements">
            将这些结论一并发布年检结论公告（R-C4：公告之日起向社会公开）
          </a>
        </p>
      ) : null}
      <DataTable
        rows={page.items}
        empty="没有符合条件的申报。"
        class="queue"
        columns={["组织", "年度", "类型", "状态", "已等待", "办理人", "机器预审"]}
        row={(f) => (
          <tr>
            <td>
              <a href={`${p.base}/inspections/${f.id}`}>{f.org.name}</a>
              <br />
              <span class="muted small">
                {f.org.uscc} · {f.org.authorityName}
              </span>
            </td>
            <td>{f.year}</td>
            <td>{TYPE_LABELS[f.org.type]}</td>
            <td>
              <StateTag state={f.state} />
              {f.correction ? (
                <span class={`small ${f.correction.overdue ? "tag stop" : "muted"}`}>
                  {" "}
                  补正期限 {cnDate(f.correction.deadline)}
                  {f.correction.overdue ? "（已逾期）" : ""}
                </span>
              ) : null}
              {f.conclusion ? (
                <>
                  {" "}
                  <ConclusionTag conclusion={f.conclusion} />
                </>
              ) : null}
            </td>
            <td class="nowrap">{waited(f.stateSince, p.now)}</td>
            <td>{f.holder ? f.holder.name : <span class="muted">未领取</span>}</td>
            <td>{f.warningCount > 0 ? <span class="tag warn">{f.warningCount} 项提示</span> : "—"}</td>
          </tr>
        )}
      />
      <PageLinks page={filters.page} pages={pages} link={(n) => href(p.path, p.query, { page: String(n) })} />
    </div>
  );
}

export function QueuePageView(p: QueueViewProps) {
  const q = p.query;
  return (
    <Layout title={p.title} user={p.user}>
      <p>
        <a href={p.base}>← 工作台</a>
      </p>
      <h1>{p.title}</h1>
      <NoticeBanner notices={p.notices} base={p.base} />
      {p.intro as never}
      <ErrorSummary
        errors={p.errors}
        labels={{
          year: "年度",
          state: "状态",
          type: "类型",
          district: "登记管理机关",
          q: "名称或代码",
          page: "页码",
        }}
      />
      <search>
        <FilterBar
          action={p.path}
          submit="筛选"
          attrs={{
            "hx-get": p.path,
            "hx-trigger": "change, submit",
            "hx-target": "#queue-results",
            "hx-swap": "outerHTML",
            "hx-push-url": "true",
          }}
        >
          <FilterSelect
            name="year"
            label="年度"
            errors={p.errors}
            value={String(p.filters.year)}
            options={yearChoices(p.years)}
            placeholder={null}
          />
          {p.path.endsWith("/not-filed") ? null : (
            <FilterSelect
              name="state"
              label="状态"
              errors={p.errors}
              value={q.state}
              placeholder="待办（全部待审查）"
              options={INSPECTION_STATES.map((s) => ({ value: s, label: inspectionStateLabel(s) }))}
            />
          )}
          <FilterSelect
            name="type"
            label="类型"
            errors={p.errors}
            value={q.type}
            placeholder="全部类型"
            options={choicesOf(TYPE_LABELS, ORG_TYPES)}
          />
          {p.districts.length > 1 ? (
            <FilterSelect
              name="district"
              label="登记管理机关"
              errors={p.errors}
              value={q.district}
              options={choicesById(p.districts)}
            />
          ) : null}
          <div class={`field ${p.errors.q ? "field-error" : ""}`}>
            <label for="q">名称或统一社会信用代码</label>
            <FieldError errors={p.errors} name="q" />
            <input type="search" id="q" name="q" value={q.q ?? ""} maxlength={50} />
          </div>
          <div class="field checkbox">
            <input type="checkbox" id="overdue" name="overdue" value="1" checked={q.overdue === "1"} />
            <label for="overdue">只看补正逾期</label>
          </div>
          <div class="field checkbox">
            <input type="checkbox" id="warnings" name="warnings" value="1" checked={q.warnings === "1"} />
            <label for="warnings">只看有预审提示</label>
          </div>
        </FilterBar>
      </search>
      <QueueResults {...p} />
    </Layout>
  );
}
