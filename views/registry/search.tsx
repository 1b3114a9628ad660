import { raw } from "hono/html";
import { ORG_STATUSES, ORG_TYPES } from "../../src/domain/org-kinds";
import { CONCLUSION_LABELS } from "../../src/domain/workflow";
import {
  INSPECTION_OUTCOMES,
  type SearchQuery,
  type SearchResult,
  searchQueryString,
} from "../../src/registry/contract";
import { STATUS_LABELS, TYPE_LABELS } from "../../src/registry/labels";
import { cnDate } from "../components/dates";
import { CheckboxField, FieldError, ErrorSummary as SharedErrorSummary, TextField } from "../components/form";
import { choicesOf, FilterSelect } from "../components/select";

export interface SearchViewProps {
  query: Partial<SearchQuery> & Record<string, unknown>;
  result: SearchResult | null;
  errors: Record<string, string>;
  authorities: { code: string; name: string }[];
  /** 直接登记, 已脱钩 and each 业务主管单位 (value: direct, decoupled or the unit's id). */
  supervisors: { value: string; label: string }[];
  /** R-B1/R-B2: what is wrong with the code typed into the box, when the text is a malformed code. */
  usccProblem?: string | null;
}

const FIELD_LABELS: Record<string, string> = {
  q: "名称或统一社会信用代码",
  type: "类型",
  status: "状态",
  authority: "登记管理机关",
  subordinates: "含下级登记管理机关",
  supervisor: "业务主管单位",
  registered_from: "成立日期（起）",
  registered_to: "成立日期（止）",
  inspection: "上年度年检结论",
  inspection_year: "年检年度",
  credit: "信用状况",
  page: "页码",
  per_page: "每页条数",
};

const ErrorSummary = ({ errors }: { errors: Record<string, string> }) => (
  <SharedErrorSummary errors={errors} labels={FIELD_LABELS} />
);

const CREDIT_CHOICES = [
  { value: "abnormal", label: "列入活动异常名录" },
  { value: "serious", label: "列入严重违法失信名单" },
  { value: "none", label: "未列入信用名单" },
];

const val = (v: unknown) => (v === undefined || v === null ? "" : String(v));

export function StatusTag({ status }: { status: keyof typeof STATUS_LABELS }) {
  return <span class={`tag ${status === "active" ? "ok" : "stop"}`}>{STATUS_LABELS[status]}</span>;
}

/**
 * The search form; htmx turns typing into live results and keeps the URL in step. Typing fires "live-search"
 * (public/js/app.js), which waits for an IME composition to end, so half-typed 拼音 is never searched.
 */
export function SearchForm({ query, errors, authorities, supervisors }: Omit<SearchViewProps, "result">) {
  const err = (name: string) =>
    errors[name] ? { "aria-describedby": `${name}-error`, "aria-invalid": "true" } : {};
  return (
    <search>
      <form
        method="get"
        action="/search"
        hx-get="/search"
        hx-trigger="live-search changed delay:300ms from:#q, change, submit"
        hx-target="#results"
        hx-push-url="true"
      >
        <div class={`field ${errors.q ? "field-error" : ""}`}>
          <label for="q">名称或统一社会信用代码</label>
          <p class="hint" id="q-hint">
            输入名称中的任意文字（一个字也可以），或完整的18位统一社会信用代码。
          </p>
          <FieldError errors={errors} name="q" />
          <div class="search-box">
            <input
              type="search"
              id="q"
              name="q"
              value={val(query.q)}
              maxlength={200}
              autocomplete="off"
              data-live-search
              {...err("q")}
            />
            <button type="submit">查询</button>
          </div>
        </div>
        <details
          open={Boolean(
            query.type ||
              query.status ||
              query.authority ||
              query.supervisor ||
              query.registered_from ||
              query.registered_to ||
              query.inspection,
          )}
        >
          <summary>筛选条件</summary>
          <div class="filters">
            <FilterSelect
              name="type"
              label="类型"
              errors={errors}
              value={val(query.type)}
              options={choicesOf(TYPE_LABELS, ORG_TYPES)}
            />
            <FilterSelect
              name="status"
              label="状态"
              errors={errors}
              value={val(query.status)}
              options={choicesOf(STATUS_LABELS, ORG_STATUSES)}
            />
            <FilterSelect name="authority" label="登记管理机关" errors={errors}>
              <AuthorityOptions authorities={authorities} selected={query.authority} />
            </FilterSelect>
            <CheckboxField
              name="subordinates"
              label="含下级登记管理机关"
              errors={errors}
              checked={query.subordinates === "1"}
            />
            <FilterSelect
              name="supervisor"
              label="业务主管单位"
              errors={errors}
              value={val(query.supervisor)}
              options={supervisors}
            />
            <TextField
              name="registered_from"
              label="成立日期（起）"
              type="date"
              errors={errors}
              value={val(query.registered_from)}
            />
            <TextField
              name="registered_to"
              label="成立日期（止）"
              type="date"
              errors={errors}
              value={val(query.registered_to)}
            />
            <FilterSelect
              name="inspection"
              label="上年度年检结论"
              errors={errors}
              value={val(query.inspection)}
              options={INSPECTION_OUTCOMES.map((o) => ({
                value: o,
                label: o === "not_filed" ? "未参检" : CONCLUSION_LABELS[o],
              }))}
            />
            <FilterSelect
              name="credit"
              label="信用状况"
              errors={errors}
              value={val(query.credit)}
              options={CREDIT_CHOICES}
            />
          </div>
        </details>
      </form>
    </search>
  );
}

/** The results region: rendered inside the full page and returned alone to htmx. */
export function SearchResults({
  query,
  result,
  errors,
  usccProblem,
}: Pick<SearchViewProps, "query" | "result" | "errors" | "usccProblem">) {
  if (!result) {
    return (
      <div id="results" aria-live="polite">
        <ErrorSummary errors={errors} />
      </div>
    );
  }
  const pages = Math.max(1, Math.ceil(result.total / result.perPage));
  const totalText = result.totalCapped ? "10,000+" : result.total.toLocaleString("en-US");
  const csvHref = `/api/v1/organizations.csv${searchQueryString({ ...query, page: undefined, per_page: undefined })}`;
  const pageLink = (p: number) => `/search${searchQueryString(query, { page: p })}`;
  const window = [
    ...new Set([1, result.page - 2, result.page - 1, result.page, result.page + 1, result.page + 2, pages]),
  ]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  return (
    <div id="results" aria-live="polite">
      <p class="result-count">
        共 {totalText} 个社会组织
        {result.total > 0 ? (
          <>
            {" "}
            · <a href={csvHref}>下载本次查询结果（CSV）</a>
          </>
        ) : null}
      </p>
      {result.items.length === 0 ? (
        <div class="empty-state">
          <p>
            <strong>没有找到符合条件的社会组织。</strong>
          </p>
          {usccProblem ? (
            <p class="uscc-problem">{usccProblem}请核对后重新输入。</p>
          ) : (
            <p>请检查名称中的文字，或减少筛选条件。</p>
          )}
        </div>
      ) : (
        <ol class="results" start={(result.page - 1) * result.perPage + 1}>
          {result.items.map((o) => (
            <li>
              <a class="org-name" href={`/orgs/${o.uscc}`}>
                {o.name}
              </a>
              <StatusTag status={o.status} />
              <div class="meta">
                统一社会信用代码 {o.uscc} · {TYPE_LABELS[o.type]} · {o.authority.name} · 成立于{" "}
                {cnDate(o.registeredOn)} · 法定代表人 {o.legalRepresentative}
              </div>
            </li>
          ))}
        </ol>
      )}
      {pages > 1 ? (
        <nav aria-label="分页">
          <ul class="pagination">
            {result.page > 1 ? (
              <li>
                <a href={pageLink(result.page - 1)} rel="prev">
                  上一页
                </a>
              </li>
            ) : null}
            {window.map((p) => (
              <li>
                {p === result.page ? <span aria-current="page">{p}</span> : <a href={pageLink(p)}>{p}</a>}
              </li>
            ))}
            {result.page < pages ? (
              <li>
                <a href={pageLink(result.page + 1)} rel="next">
                  下一页
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}

/**
 * The authorities' options, rendered once per list (the list object is the cached one until the register changes):
 * a province-wide register has hundreds, and rendering them for every search page cost more than the search.
 * The selected one is marked in the string; codes are validated to [0-9A-Za-z], so the match is exact.
 */
const renderedOptions = new WeakMap<object, string>();
function AuthorityOptions({
  authorities,
  selected,
}: {
  authorities: { code: string; name: string }[];
  selected?: string;
}) {
  let html = renderedOptions.get(authorities);
  if (html === undefined) {
    html = authorities.map((a) => (<option value={a.code}>{a.name}</option>).toString()).join("");
    renderedOptions.set(authorities, html);
  }
  const marked =
    selected && /^[0-9A-Za-z]{1,20}$/.test(selected)
      ? html.replace(`<option value="${selected}">`, `<option value="${selected}" selected="">`)
      : html;
  return raw(marked);
}
