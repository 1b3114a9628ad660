/** /inspection-results: the yearly 年检结论公告 (R-C4: every conclusion is published), by year and authority. */
import type { SessionUser } from "../../../src/context";
import { cnDate } from "../../../src/domain/dates";
import { CONCLUSION_LABELS, type Conclusion } from "../../../src/domain/workflow";
import { PageLinks } from "../../components/form";
import { choicesByCode, FilterBar, FilterSelect, yearChoices } from "../../components/select";
import { EmptyState } from "../../components/table";
import { Layout } from "../../layout";

export interface AnnouncementProps {
  user: SessionUser | null;
  year: number | null;
  years: number[];
  authorities: { code: string; name: string }[];
  authorityCode: string;
  page: number;
  perPage: number;
  total: number;
  items: { uscc: string; name: string; conclusion: Conclusion; concludedOn: string; authorityName: string }[];
}

export function AnnouncementPage(p: AnnouncementProps) {
  const pages = Math.max(1, Math.ceil(p.total / p.perPage));
  const link = (page: number) =>
    `/inspection-results?year=${p.year}${p.authorityCode ? `&authority=${p.authorityCode}` : ""}&page=${page}`;
  return (
    <Layout title={p.year ? `${p.year} 年度社会组织年检结论公告` : "年检结论公告"} user={p.user}>
      <h1>{p.year ? `${p.year} 年度社会组织年检结论公告` : "年检结论公告"}</h1>
      <p>
        根据社会组织年度检查的有关规定，现将年检结论公告如下。年检结论分为合格、基本合格、不合格。年检不收取任何费用。
      </p>
      <FilterBar action="/inspection-results">
        <FilterSelect
          name="year"
          label="年度"
          value={String(p.year)}
          options={yearChoices(p.years)}
          placeholder={null}
        />
        <FilterSelect
          name="authority"
          label="登记管理机关"
          value={p.authorityCode}
          options={choicesByCode(p.authorities)}
        />
      </FilterBar>
      {p.year === null ? (
        <EmptyState>尚无已公告的年检结论。</EmptyState>
      ) : p.items.length === 0 ? (
        <EmptyState>没有符合条件的年检结论。</EmptyState>
      ) : (
        <>
          <p class="result-count">共 {p.total} 个组织</p>
          <table>
            <thead>
              <tr>
                <th scope="col">统一社会信用代码</th>
                <th scope="col">名称</th>
                <th scope="col">登记管理机关</th>
                <th scope="col">年检结论</th>
                <th scope="col">结论日期</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((i) => (
                <tr>
                  <td>{i.uscc}</td>
                  <td>
                    <a href={`/orgs/${i.uscc}`}>{i.name}</a>
                  </td>
                  <td>{i.authorityName}</td>
                  <td>{CONCLUSION_LABELS[i.conclusion]}</td>
                  <td>{cnDate(i.concludedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <PageLinks page={p.page} pages={pages} link={link} />
        </>
      )}
    </Layout>
  );
}
