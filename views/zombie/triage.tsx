import type { SessionUser } from "../../src/context";
import { ZOMBIE_SIGNAL_LABELS, ZOMBIE_SIGNALS, type ZombieSignal } from "../../src/domain/zombie";
import { TYPE_LABELS } from "../../src/registry/labels";
import { countText, type TriageRow } from "../../src/zombie/contract";
import { cnDate } from "../components/dates";
import { ErrorSummary, type Errors, Flash, PageLinks, TextField } from "../components/form";
import {
  choicesByCode,
  choicesById,
  choicesOf,
  FilterBar,
  FilterSelect,
  SelectField,
} from "../components/select";
import { EmptyState, StatGrid } from "../components/table";
import { Layout } from "../layout";

/** The dry runs' button: they compute, never write. */
const DRY_RUN = { submit: "试算（不改变任何数据）", buttonClass: "button secondary" };

/** The choices of year counts a filter offers. */
const YEARS = [1, 2, 3, 4, 5];

const LABELS = {
  signal: "信号",
  type: "类型",
  authority: "登记管理机关",
  registered_before: "成立日期早于",
  what_if_since: "试算起始日期",
  what_if_unqualified: "不合格年度",
  what_if_min: "信函最短间隔",
  what_if_max: "信函最长间隔",
};

/** /registrar/zombies: candidates with their signals in words and dates, strongest first (R-E1). */
export function ZombieTriagePage(p: {
  user: SessionUser;
  query: Record<string, string>;
  errors: Errors;
  rows: TriageRow[];
  total: number;
  counts: Record<string, number>;
  page: number;
  pageSize: number;
  /** Registrars of the authority a candidate can be assigned to (empty: read-only view). */
  staff: { id: number; name: string }[];
  authorities: { code: string; name: string }[];
  units: { id: number; name: string }[];
  /** The threshold dry run: with N years, how many of today's 连续未参检 candidates would remain. */
  whatIf: { n: number; unqualified: boolean; now: number; then: number } | null;
  /** The R-E1(c) dry run: with another date, how many 设定日期以来未开展业务范围内活动 candidates there would be. */
  whatIfSince?: { since: string; now: number; then: number } | null;
  /** The R-E1(d) dry run: with another interval between the two unsigned letters (R-D2). */
  whatIfInterval?: { min: number; max: number; now: number; then: number } | null;
  notice?: string | null;
  bulkError?: string | null;
}) {
  const keep = Object.fromEntries(Object.entries(p.query).filter(([k, v]) => k !== "page" && v));
  const link = (extra: Record<string, string>) =>
    `/registrar/zombies?${new URLSearchParams({ ...keep, ...extra })}`;
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  return (
    <Layout title="僵尸型社会组织候选" user={p.user}>
      <h1>僵尸型社会组织候选</h1>
      <nav class="sub-nav" aria-label="僵尸型社会组织">
        <a href="/registrar/zombies" aria-current="page">
          候选名单
        </a>
        <a href="/registrar/zombies/cases">处置案件</a>
      </nav>
      <Flash notice={p.notice} />
      {p.bulkError ? (
        <div class="error-summary" role="alert" tabindex={-1} data-error-summary>
          <h2>未能办理</h2>
          <p>{p.bulkError}</p>
        </div>
      ) : null}
      <p>
        系统每天根据年检、登记和送达记录计算下列信号，并列出信号成立的组织，供逐一核查。名单本身不是处理决定：对每个组织的处理（限期整改、引导注销、撤销登记等）须逐一立案、调查、依法决定（R-E2）。
      </p>
      <StatGrid
        items={ZOMBIE_SIGNALS.map((s) => ({
          href: link({ signal: s, page: "1" }),
          value: countText(p.counts[s] ?? 0),
          label: ZOMBIE_SIGNAL_LABELS[s],
          current: p.query.signal === s,
        }))}
      />
      <FilterBar action="/registrar/zombies" label="筛选候选" submit="筛选">
        <ErrorSummary errors={p.errors} labels={LABELS} />
        <FilterSelect
          name="signal"
          label="信号"
          errors={p.errors}
          value={p.query.signal}
          options={choicesOf(ZOMBIE_SIGNAL_LABELS, ZOMBIE_SIGNALS)}
        />
        <FilterSelect
          name="type"
          label="类型"
          errors={p.errors}
          value={p.query.type}
          options={choicesOf(TYPE_LABELS, ["social_group", "private_non_enterprise", "foundation"])}
        />
        {p.authorities.length > 1 ? (
          <FilterSelect
            name="authority"
            label="登记管理机关"
            errors={p.errors}
            value={p.query.authority}
            options={choicesByCode(p.authorities)}
          />
        ) : null}
        <FilterSelect
          name="unit"
          label="业务主管单位"
          errors={p.errors}
          value={p.query.unit}
          options={choicesById(p.units)}
        />
        <FilterSelect
          name="missed"
          label="未参检年数"
          errors={p.errors}
          value={p.query.missed}
          placeholder="不限"
          options={YEARS.map((n) => ({ value: String(n), label: `${n} 年及以上` }))}
        />
        <TextField
          name="registered_before"
          label="成立日期早于"
          type="date"
          errors={p.errors}
          value={p.query.registered_before}
        />
      </FilterBar>
      <FilterBar action="/registrar/zombies" label="阈值试算" {...DRY_RUN}>
        <FilterSelect
          name="what_if"
          label="试算：如果“连续未参检”改为连续"
          errors={p.errors}
          value={p.whatIf ? String(p.whatIf.n) : null}
          placeholder={null}
          options={YEARS.map((n) => ({ value: String(n), label: `${n} 年` }))}
        />
        <FilterSelect
          name="what_if_unqualified"
          label="不合格年度"
          errors={p.errors}
          value={p.query.what_if_unqualified}
          placeholder="按当前设置"
          options={[
            { value: "1", label: "计入" },
            { value: "0", label: "不计入" },
          ]}
        />
      </FilterBar>
      {p.whatIf ? (
        <p class="notice" role="status">
          按连续 {p.whatIf.n} 年{p.whatIf.unqualified ? "（不合格年度计入）" : ""}计算，“连续未参检”候选将为{" "}
          {p.whatIf.then} 个（现为 {p.whatIf.now} 个），
          {p.whatIf.then <= p.whatIf.now
            ? `减少 ${p.whatIf.now - p.whatIf.then} 个`
            : `增加 ${p.whatIf.then - p.whatIf.now} 个`}
          。阈值在系统设置中按组织类型设定，当前设置不变。
        </p>
      ) : null}
      <FilterBar action="/registrar/zombies" label="起始日期试算" {...DRY_RUN}>
        <TextField
          name="what_if_since"
          label="试算：如果“无业务范围内活动”的起始日期改为"
          type="date"
          errors={p.errors}
          value={p.query.what_if_since}
        />
      </FilterBar>
      {p.whatIfSince ? (
        <p class="notice" role="status">
          按 {cnDate(p.whatIfSince.since)} 起计算，“设定日期以来未开展业务范围内活动”候选将为{" "}
          {p.whatIfSince.then} 个（现为 {p.whatIfSince.now} 个），
          {p.whatIfSince.then <= p.whatIfSince.now
            ? `减少 ${p.whatIfSince.now - p.whatIfSince.then} 个`
            : `增加 ${p.whatIfSince.then - p.whatIfSince.now} 个`}
          。起始日期在系统设置中设定，当前设置不变。
        </p>
      ) : null}
      <FilterBar action="/registrar/zombies" label="信函间隔试算" {...DRY_RUN}>
        <TextField
          name="what_if_min"
          label="试算：两次退回信函间隔最短（天）"
          type="number"
          errors={p.errors}
          value={p.query.what_if_min}
          attrs={{ min: "1", max: "365", inputmode: "numeric" }}
        />
        <TextField
          name="what_if_max"
          label="最长（天）"
          type="number"
          errors={p.errors}
          value={p.query.what_if_max}
          attrs={{ min: "1", max: "730", inputmode: "numeric" }}
        />
      </FilterBar>
      {p.whatIfInterval ? (
        <p class="notice" role="status">
          按间隔 {p.whatIfInterval.min} 至 {p.whatIfInterval.max} 天计算，“通过登记住所无法取得联系”候选将为{" "}
          {p.whatIfInterval.then} 个（现为 {p.whatIfInterval.now} 个），
          {p.whatIfInterval.then <= p.whatIfInterval.now
            ? `减少 ${p.whatIfInterval.now - p.whatIfInterval.then} 个`
            : `增加 ${p.whatIfInterval.then - p.whatIfInterval.now} 个`}
          。间隔在系统设置中设定（活动异常名录同用），当前设置不变。
        </p>
      ) : null}
      <p>
        共 {countText(p.total)} 个组织。 导出（供外勤核查）：
        <a href={`/registrar/zombies/export.csv?${new URLSearchParams(keep)}`}>CSV</a> /{" "}
        <a href={`/registrar/zombies/export.xlsx?${new URLSearchParams(keep)}`}>Excel</a>
        （按线索强弱排序，最多 50,000 个）
      </p>
      {p.rows.length === 0 ? (
        <EmptyState>没有信号成立的组织。</EmptyState>
      ) : (
        <form method="post" action="/registrar/zombies/bulk" aria-label="批量准备">
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  {p.staff.length > 0 ? (
                    <th scope="col">
                      <span class="visually-hidden">选择</span>
                    </th>
                  ) : null}
                  <th scope="col">社会组织</th>
                  <th scope="col">类型</th>
                  <th scope="col">信号（发现日期）</th>
                  <th scope="col">登记管理机关</th>
                  <th scope="col">处置</th>
                </tr>
              </thead>
              <tbody>
                {p.rows.map((r) => (
                  <tr>
                    {p.staff.length > 0 ? (
                      <td>
                        {r.authorityId === p.user.authorityId ? (
                          <input
                            type="checkbox"
                            name="org"
                            value={String(r.orgId)}
                            id={`org-${r.orgId}`}
                            aria-label={`选择${r.name}`}
                          />
                        ) : null}
                      </td>
                    ) : null}
                    <td>
                      <a href={`/registrar/orgs/${r.uscc}`}>{r.name}</a>
                      <br />
                      <span class="small muted">
                        {r.uscc} · 成立于 {cnDate(r.registeredOn)}
                      </span>
                    </td>
                    <td class="nowrap">{TYPE_LABELS[r.type]}</td>
                    <td class="wide-cell">
                      <strong>
                        {r.signals
                          .split(",")
                          .map((s) => ZOMBIE_SIGNAL_LABELS[s as ZombieSignal])
                          .join("、")}
                      </strong>
                      （最早 {cnDate(r.since)}）
                      <br />
                      <span class="small">{r.facts}</span>
                    </td>
                    <td>{r.authorityName}</td>
                    <td class="nowrap">
                      {r.caseId ? (
                        <a href={`/registrar/zombies/cases/${r.caseId}`}>查看案件</a>
                      ) : p.staff.length > 0 && r.authorityId === p.user.authorityId ? (
                        <a href={`/registrar/zombies/cases/new?uscc=${r.uscc}`}>立案</a>
                      ) : (
                        "—"
                      )}
                      {r.assigneeName ? (
                        <>
                          <br />
                          <span class="small muted">跟进：{r.assigneeName}</span>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {p.staff.length > 0 ? (
            <fieldset class="panel">
              <legend>对勾选的组织批量准备（不是处理决定）</legend>
              <div class="radio">
                <input type="radio" id="kind-letter" name="kind" value="letter" checked />
                <label for="kind-letter">登记已向其登记住所寄送核查信件</label>
              </div>
              <div class="field">
                <label for="sentOn">寄送日期</label>
                <input type="date" id="sentOn" name="sentOn" />
              </div>
              <div class="field">
                <label for="batchNo">邮件批次号（系统按顺序编号，如 XA2026-001）</label>
                <input type="text" id="batchNo" name="batchNo" maxlength={30} />
              </div>
              <div class="radio">
                <input type="radio" id="kind-assign" name="kind" value="assign" />
                <label for="kind-assign">分配给工作人员跟进</label>
              </div>
              <SelectField
                name="assignee"
                label="工作人员"
                placeholder="请选择"
                options={choicesById(p.staff)}
              />
              <button type="submit" class="button secondary">
                办理
              </button>
            </fieldset>
          ) : null}
        </form>
      )}
      <PageLinks page={p.page} pages={pages} link={(n: number) => link({ page: String(n) })} />
    </Layout>
  );
}
