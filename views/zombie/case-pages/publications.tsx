import type { SessionUser } from "../../../src/context";
import { cnDate } from "../../components/dates";
import { PageLinks } from "../../components/form";
import { EmptyState } from "../../components/table";
import { Layout } from "../../layout";

/** /notices-by-publication: 撤销 事先告知 served by 公告 (R-E3), with the period's start and end. */
export function PublicationsPage(p: {
  user: SessionUser | null;
  rows: {
    orgName: string;
    uscc: string;
    authorityName: string;
    documentNo: string;
    publishedOn: string;
    servedOn: string;
    windowEndsOn: string;
  }[];
  total: number;
  page: number;
  days: number;
}) {
  const pages = Math.max(1, Math.ceil(p.total / 20));
  return (
    <Layout title="公告送达" user={p.user}>
      <h1>公告送达</h1>
      <p>
        下列社会组织通过登记住所和法定代表人均无法联系，登记管理机关依法以公告方式送达撤销登记的事先告知书。自公告之日起满{" "}
        {p.days} 日视为送达；组织可在期限内提出陈述、申辩或申请听证。信用名单的事先告知公告见
        <a href="/credit/notices">信用名单事先告知公告</a>。
      </p>
      {p.rows.length === 0 ? (
        <EmptyState>目前没有公告送达的文书。</EmptyState>
      ) : (
        <ul class="notice-list">
          {p.rows.map((r) => (
            <li>
              <h2>关于拟撤销{r.orgName}登记的事先告知公告</h2>
              <p class="muted">
                {r.authorityName} · {r.documentNo} · 公告期 {cnDate(r.publishedOn)} 至 {cnDate(r.servedOn)} ·
                陈述申辩至 {cnDate(r.windowEndsOn)}
              </p>
              <p>
                {r.orgName}（统一社会信用代码 {r.uscc}
                ）：经核查，该组织长期未开展活动、无法取得联系，登记管理机关拟依法撤销其登记。
              </p>
            </li>
          ))}
        </ul>
      )}
      <PageLinks page={p.page} pages={pages} link={(n) => `/notices-by-publication?page=${n}`} />
    </Layout>
  );
}
