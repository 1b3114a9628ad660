/**
 * The printable 年度工作报告书 (/portal/inspections/:filingId/print, /registrar/…, /supervisor/…): a cover page (the
 * organization, its 统一社会信用代码, the year, the registrar), each section of the report as filed on a page of its
 * own, and the block the legal representative signs and the organization seals. Print CSS (public/css/app.css,
 * @media print) hides the site's header, navigation and this page's own links.
 */
import type { SessionUser } from "../../../src/context";
import type { FilingView } from "../../../src/inspection/contract";
import { cnDate } from "../../components/dates";
import { Layout } from "../../layout";
import { ReportView } from "./report";

export function ReportBook({ user, view, back }: { user: SessionUser; view: FilingView; back: string }) {
  const declaration = view.report.declaration;
  return (
    <Layout title={`${view.org.name} ${view.year} 年度工作报告书`} user={user}>
      <p class="no-print">
        <a href={back}>← 返回</a> · 使用浏览器的“打印”功能打印本页，签字盖章后报送。
      </p>
      <article class="report-book">
        <section class="book-cover" aria-labelledby="book-title">
          <h1 id="book-title">
            <span class="book-year">{view.year} 年度</span>
            <span>年度工作报告书</span>
          </h1>
          <dl class="book-cover-facts">
            <dt>单位名称</dt>
            <dd class="book-value">{view.org.name}</dd>
            <dt>统一社会信用代码</dt>
            <dd class="book-value">{view.org.uscc}</dd>
            <dt>报告年度</dt>
            <dd class="book-value">{view.year} 年度</dd>
            <dt>登记管理机关</dt>
            <dd class="book-value">{view.org.authorityName}</dd>
            {view.submittedAt ? (
              <>
                <dt>报送日期</dt>
                <dd class="book-value">{cnDate(view.submittedAt.slice(0, 10))}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <ReportView
          report={view.report}
          previous={null}
          checks={[]}
          changed={[]}
          comments={[]}
          rectificationRequired={view.rectificationRequired}
          plain
        />
        <section class="book-signature" aria-labelledby="signature-title">
          <h2 id="signature-title">签字盖章</h2>
          <p>本单位承诺本报告所填内容真实、准确、完整。</p>
          <dl class="book-sign-grid">
            <dt>法定代表人签字</dt>
            <dd class="sign-line">
              {declaration ? <span class="muted small">（填报时签署人：{declaration.signedBy}）</span> : null}
            </dd>
            <dt>单位盖章</dt>
            <dd class="seal-box" />
            <dt>日期</dt>
            <dd class="sign-line">年　　月　　日</dd>
          </dl>
        </section>
      </article>
    </Layout>
  );
}
