/**
 * The rates (R-C10) per year and type, for the authority and each district: 年检率 = filed ÷ required;
 * 合格率 = 合格 ÷ concluded; the shares of 基本合格 and 不合格. Shown on /registrar/inspections/rates and, as a compact
 * panel, at the top of the registrar's queue.
 */

import type { SessionUser } from "../../../src/context";
import { ORG_TYPES } from "../../../src/domain/org-kinds";
import type { RatesRow } from "../../../src/inspection/contract";
import { TYPE_LABELS } from "../../../src/registry/labels";
import { FilterBar, FilterSelect, yearChoices } from "../../components/select";
import { EmptyState, SCROLL_REGION } from "../../components/table";
import { Layout } from "../../layout";

export function RatesTable({ rows, caption }: { rows: RatesRow[]; caption: string }) {
  if (rows.length === 0) return <EmptyState>这一年度没有年检数据。</EmptyState>;
  const scopes = [...new Map(rows.map((r) => [String(r.scope), r.scopeName])).entries()];
  const typeOrder = ["all", ...ORG_TYPES] as const;
  // Wide on a phone: the table scrolls in its own box instead of the page sideways.
  return (
    <div class="table-scroll" {...SCROLL_REGION}>
      <table class="rates">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">范围</th>
            <th scope="col">类型</th>
            <th scope="col">应参检</th>
            <th scope="col">已申报</th>
            <th scope="col">年检率</th>
            <th scope="col">已出结论</th>
            <th scope="col">合格率</th>
            <th scope="col">基本合格</th>
            <th scope="col">不合格</th>
          </tr>
        </thead>
        <tbody>
          {scopes.flatMap(([scope, name]) =>
            typeOrder
              .map((t) => rows.find((r) => String(r.scope) === scope && r.type === t))
              .filter((r): r is RatesRow => r !== undefined)
              .map((r) => (
                <tr class={r.type === "all" ? "total-row" : ""}>
                  <th scope="row">{r.type === "all" ? name : ""}</th>
                  <td>{r.type === "all" ? "合计" : TYPE_LABELS[r.type]}</td>
                  <td class="num">{r.rates.counts.required}</td>
                  <td class="num">{r.rates.counts.filed}</td>
                  <td class="num">{r.rates.inspectionRate.display}</td>
                  <td class="num">{r.rates.concluded}</td>
                  <td class="num">{r.rates.qualifiedRate.display}</td>
                  <td class="num">{r.rates.basicallyQualifiedShare.display}</td>
                  <td class="num">{r.rates.unqualifiedShare.display}</td>
                </tr>
              )),
          )}
        </tbody>
      </table>
    </div>
  );
}

export function RatesPage({
  user,
  year,
  years,
  rows,
}: {
  user: SessionUser;
  year: number | null;
  years: number[];
  rows: RatesRow[];
}) {
  return (
    <Layout title="年检率与合格率" user={user}>
      <p>
        <a href="/registrar/inspections">← 年检待办</a>
      </p>
      <h1>年检率与合格率</h1>
      <p>年检率 = 已申报 ÷ 应参检；合格率 = 合格 ÷ 已出结论；基本合格、不合格为占已出结论的比例（R-C10）。</p>
      <FilterBar action="/registrar/inspections/rates">
        <FilterSelect
          name="year"
          label="年度"
          value={year === null ? null : String(year)}
          options={yearChoices(years)}
          placeholder={null}
        />
      </FilterBar>
      {year === null ? (
        <EmptyState>尚未开启任何年度的年检。</EmptyState>
      ) : (
        <RatesTable rows={rows} caption={`${year} 年度`} />
      )}
    </Layout>
  );
}
